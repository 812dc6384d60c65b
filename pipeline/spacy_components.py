"""spaCy as the carrier, not the engine: the extractors as pipeline components.

Installed with baocao, they load by name through the `spacy_factories` entry point:

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.add_pipe("baocao_citations"); nlp.add_pipe("baocao_quantities")
    doc = nlp(text)   # doc.spans["baocao_citations"], span._.symbol, span._.date, …

Facts are found on the text with offsets and put on the Doc with `char_span`, so spaCy's
tokenisation (white space only without pyvi) never decides what a fact is.
"""
from __future__ import annotations

import bisect
import re
from itertools import groupby

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


# Highlight colours by kind of fact, and what the page's legend calls each.
FACT_COLOURS = {"citation": "#a8d1ff", "figure": "#ffe08a"}
FACT_NAMES = {"citation": "Văn bản được trích dẫn (nhãn: loại văn bản)",
              "figure": "Số liệu (nhãn: loại số liệu, và chỉ tiêu nếu có)"}


def render_html(report) -> str:
    """The report's text with its facts highlighted, as one offline HTML page (displaCy).

    displaCy's entity view draws the text by character offsets; runs of spaces are kept (a blank
    day, "ngày    tháng 5", is what a draft looks like) and a table row is drawn as a table, its
    cells side by side and a cell's paragraphs one a line, as the document has them. A citation
    is marked up to its date and issuer, so that figures in its subject, which are facts of their
    own, are marked too."""
    from html import escape

    marks = [(c.start, c.core_end or c.end, c.code or "VB", "citation") for c in report.citations]
    marks += [(q.start, q.end, f"{q.kind}:{q.indicator}" if q.indicator else q.kind, "figure")
              for q in report.quantities]
    ents, last_end = [], -1
    for start, end, label, _ in sorted(marks):
        if start >= last_end:  # displaCy draws no overlaps; citations and figures rarely touch
            ents.append({"start": start, "end": end, "label": label})
            last_end = end
    colours = {label: FACT_COLOURS[kind] for _, _, label, kind in marks}
    draw = _Drawing(report.text, ents, colours)
    parts = []
    for (is_row, _), group in groupby(report.lines, key=lambda line: (
            line.block.kind == "row", line.block.table if line.block.kind == "row" else None)):
        group = list(group)
        if is_row:
            rows = ("<tr>" + "".join(f"<td>{draw(start, end, joins)}</td>" for start, end, joins in _cells(line))
                    + "</tr>" for line in group)
            parts.append(f'<table class="row">{"".join(rows)}</table>')
        else:
            parts.append(draw(group[0].start, group[-1].end))
    legend = "".join(f'<li data-kind="{kind}"><span class="swatch" style="background: {colour}"></span> '
                     f"{escape(FACT_NAMES[kind])}</li>" for kind, colour in FACT_COLOURS.items())
    title = report.metadata.title or report.document.path
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{escape(title)}</title>
<style>
body {{ font-size: 16px; font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; padding: 2rem; }}
.legend {{ list-style: none; padding: 0; display: flex; gap: 1.5rem; font-size: 14px; }}
.swatch {{ display: inline-block; width: 1.2em; height: 1.2em; border-radius: 0.3em; vertical-align: middle; }}
table.row {{ border-collapse: collapse; width: 100%; }} table.row td {{ vertical-align: top; padding: 0 1rem 0 0; }}
</style></head><body>
<ul class="legend">{legend}</ul>
<figure style="margin: 0">{"".join(parts)}</figure>
</body></html>
"""


class _Drawing:
    """displaCy's markup of a stretch of the report's text, its facts marked (a fact crossing the
    stretch's edge is cut there)."""

    def __init__(self, text: str, ents: list[dict], colours: dict[str, str]):
        # Every space but the last of a run is a no-break space, which HTML does not collapse.
        self.text = re.sub(r" (?= )", "\u00a0", text)
        self.ents = ents  # in order and apart, so their starts and their ends are both sorted
        self.starts, self.ends = [e["start"] for e in ents], [e["end"] for e in ents]
        self.options = {"colors": colours}

    def __call__(self, start: int, end: int, breaks: list[int] = ()) -> str:
        from spacy import displacy

        text = list(self.text[start:end])
        for at in breaks:
            text[at - start] = "\n"
        within = self.ents[bisect.bisect_right(self.ends, start):bisect.bisect_left(self.starts, end)]
        inside = [{"start": max(ent["start"], start) - start, "end": min(ent["end"], end) - start,
                   "label": ent["label"]} for ent in within]
        return displacy.render({"text": "".join(text), "ents": inside, "title": None}, style="ent", manual=True,
                               options=self.options)


def _cells(line) -> list[tuple[int, int, list[int]]]:
    """Each cell of a table row's line: where it sits in the report's text, and where its
    paragraphs meet (`Block.line` joins paragraphs with a space and cells with " | ")."""
    cells, start = [], line.start
    for cell in line.block.cells:
        shown = [p.shown for p in cell if p.shown]
        joined = " ".join(shown)
        length = len(joined.strip())
        joins, at = [], start - (len(joined) - len(joined.lstrip()))
        for text in shown[:-1]:
            at += len(text)
            if start <= at < start + length:
                joins.append(at)
            at += 1
        cells.append((start, start + length, joins))
        start += length + 3
    return cells
