"""spaCy as the carrier, not the engine: the extractors as pipeline components.

Installed with baocao, they load by name through the `spacy_factories` entry point:

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.add_pipe("baocao_citations"); nlp.add_pipe("baocao_quantities")
    doc = nlp(text)   # doc.spans["baocao_citations"], span._.symbol, span._.date, …

Facts are found on the text with offsets and put on the Doc with `char_span`, so spaCy's
tokenisation (white space only without pyvi) never decides what a fact is.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.citations import find_citations, resolve_short_forms
from pipeline.quantities import find_quantities
from pipeline.resolve import match_indicator

CITATION_FIELDS = ("type", "code", "symbol", "number", "year", "issuer", "date", "subject", "family", "key", "section")
QUANTITY_FIELDS = ("kind", "value", "denominator", "unit", "qualifier", "subject", "indicator", "section")
CITATIONS_KEY, QUANTITIES_KEY = "baocao_citations", "baocao_quantities"


def _register_extensions() -> None:
    for name in {*CITATION_FIELDS, *QUANTITY_FIELDS}:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


def _span(doc: Doc, start: int, end: int, label: str, fields: dict) -> Span | None:
    span = doc.char_span(start, end, label=label, alignment_mode="expand")
    if span is None:
        return None
    for name, value in fields.items():
        setattr(span._, name, value)
    return span


class CitationFinder:
    def __call__(self, doc: Doc) -> Doc:
        citations = find_citations(doc.text)
        resolve_short_forms(citations)
        spans = []
        for c in citations:
            fields = {name: value for name, value in c.to_dict().items() if name in CITATION_FIELDS}
            span = _span(doc, c.start, c.end, c.code or "VB", fields)
            if span is not None:
                spans.append(span)
        doc.spans[CITATIONS_KEY] = spans
        return doc


class QuantityFinder:
    def __call__(self, doc: Doc) -> Doc:
        exclude = [(s.start_char, s.end_char) for s in doc.spans.get(CITATIONS_KEY, [])]
        spans = []
        for q in find_quantities(doc.text, exclude=exclude):
            q.indicator = match_indicator(q.subject, q.kind)
            fields = {name: value for name, value in q.to_dict().items() if name in QUANTITY_FIELDS}
            span = _span(doc, q.start, q.end, q.kind, fields)
            if span is not None:
                spans.append(span)
        doc.spans[QUANTITIES_KEY] = spans
        return doc


@Language.factory("baocao_citations")
def make_citations(nlp: Language, name: str) -> CitationFinder:
    _register_extensions()
    return CitationFinder()


@Language.factory("baocao_quantities")
def make_quantities(nlp: Language, name: str) -> QuantityFinder:
    _register_extensions()
    return QuantityFinder()


class WordPunctTokenizer:
    """Words and punctuation as separate tokens, so that a fact's span ends where the fact does
    ("(25,46%)." gives "25,46%", not the whole white-space chunk). White space other than one
    plain space becomes its own token, as spaCy does, so `doc.text` is the input exactly."""

    _TOKEN = re.compile(r"\w+|[^\w\s]")

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        pos = 0
        for match in [*self._TOKEN.finditer(text), None]:
            gap = text[pos:match.start() if match else len(text)]
            if gap and words and gap[0] == " ":
                spaces[-1] = True
                gap = gap[1:]
            if gap:
                words.append(gap)
                spaces.append(False)
            if match:
                words.append(match.group(0))
                spaces.append(False)
                pos = match.end()
        return Doc(self.vocab, words=words, spaces=spaces)


def blank_vietnamese() -> Language:
    """A Vietnamese pipeline that needs no model and no pyvi: word/punctuation tokens, our components."""
    import spacy

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.tokenizer = WordPunctTokenizer(nlp.vocab)
    nlp.add_pipe("baocao_citations")
    nlp.add_pipe("baocao_quantities")
    return nlp


def render_html(report) -> str:
    """The report's text with its facts highlighted, as one offline HTML page (displaCy).

    displaCy's entity view draws the text by character offsets, keeping every space and line
    break; a citation is marked up to its date and issuer, so that figures in its subject, which
    are facts of their own, are marked too."""
    from spacy import displacy

    marks = [(c.start, c.core_end or c.end, c.code or "VB") for c in report.citations]
    marks += [(q.start, q.end, f"{q.kind}:{q.indicator}" if q.indicator else q.kind) for q in report.quantities]
    ents, last_end = [], -1
    for start, end, label in sorted(marks):
        if start >= last_end:  # displaCy draws no overlaps; citations and figures rarely touch
            ents.append({"start": start, "end": end, "label": label})
            last_end = end
    title = report.metadata.title or report.document.path
    colours = {label: "#ffe08a" for _, _, label in marks if ":" in label or label in ("count", "percent", "ratio", "amount")}
    html = displacy.render([{"text": report.text, "ents": ents, "title": None}], style="ent", manual=True, page=True,
                           minify=True, options={"colors": colours})
    return html.replace("<title>displaCy</title>", f"<title>{_escape(title)}</title>", 1)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
