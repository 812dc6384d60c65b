"""Score the extractor against hand-written labels: precision and recall per kind of fact.

Three label shapes are read: a corpus report's labels (`report:` plus its `citations` and
`quantities`, matched with their section); passages (`passages:` of text with the citations and
percentages a careful reader notes); and a real document's labels (`document:` under
../shared/real, with its metadata, Roman parts, every citation occurrence and every percentage,
matched in reading order; tests/data/real/README.md). Fields of matched facts (date, issuer,
subject, indicator, where a citation stands) are scored apart, as the share that are right.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

from pipeline import rules
from pipeline.citations import find_citations, resolve_short_forms
from pipeline.errors import BaocaoError
from pipeline.models import Report
from pipeline.normalise import fold, normalise
from pipeline.parse import parse_file
from pipeline.quantities import find_quantities

KINDS = ("citation", "count", "percent", "ratio", "amount", "finding")


def symbol_key(symbol: str) -> str:
    found = find_citations(symbol)
    return found[0].key if found else symbol.casefold()


def _round(value) -> float | None:
    return None if value is None else round(float(value), 4)


class Score:
    def __init__(self):
        self.counts = {kind: Counter() for kind in KINDS}
        self.fields: dict[str, Counter] = defaultdict(Counter)
        self.misses: list[str] = []
        self.legal_basis: Counter = Counter()
        self.documents: dict[str, bool] = {}

    def compare(self, kind: str, expected: dict, found: dict, where: str) -> None:
        """Match facts by their identity keys; score each matched fact's fields. A label's field is
        a value or a tuple of the values it accepts (its `accept` readings)."""
        counts = self.counts[kind]
        for key, (_, fields) in expected.items():
            if key in found:
                counts["tp"] += 1
                for name, value in fields.items():
                    got = found[key][1].get(name)
                    wanted = value if isinstance(value, tuple) else (value,)
                    right = any(_same_text(got, want) if isinstance(want, str) else got == want for want in wanted)
                    self.fields[f"{kind}.{name}"]["right" if right else "wrong"] += 1
                    if not right:
                        self.misses.append(f"{where}: {kind} {found[key][0]!r}: {name} {got!r}, expected {wanted[0]!r}")
            else:
                counts["fn"] += 1
                self.misses.append(f"{where}: missed {kind} {expected[key][0]!r}")
        for key, (text, _) in found.items():
            if key not in expected:
                counts["fp"] += 1
                self.misses.append(f"{where}: spurious {kind} {text!r}")

    def table(self) -> list[dict]:
        rows = []
        for kind in KINDS:
            c = self.counts[kind]
            if not (c["tp"] or c["fp"] or c["fn"]):
                continue
            precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
            recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
            rows.append({"kind": kind, "expected": c["tp"] + c["fn"], "found": c["tp"] + c["fp"],
                         "precision": round(precision, 4), "recall": round(recall, 4)})
        return rows

    def summary(self) -> dict:
        """Documents read and legal-basis citations found, for real-document labels."""
        basis = self.legal_basis["found"] + self.legal_basis["missed"]
        return {"documents": len(self.documents), "documents_read": sum(self.documents.values()),
                "legal_basis_expected": basis, "legal_basis_found": self.legal_basis["found"]}

    def field_table(self) -> list[dict]:
        return [{"field": name, "right": c["right"], "total": c["right"] + c["wrong"],
                 "accuracy": round(c["right"] / (c["right"] + c["wrong"]), 4)}
                for name, c in sorted(self.fields.items())]


def evaluate(paths: list[Path]) -> Score:
    score = Score()
    for path in paths:
        data = rules.read_yaml(Path(path))
        if "document" in data and "findings" in data:
            score_check(score, Path(path), data)
            continue
        if "document" in data:
            score_real(score, Path(path), data)
            continue
        if "passages" in data:
            for i, passage in enumerate(data["passages"]):
                _score_passage(score, passage, f"{path}#{i + 1}")
            continue
        score_corpus(score, Path(path), data)
    return score


def _accepted(label: dict, name: str, default=None):
    """A label's value for `name` and the other readings its `accept` argues for."""
    return (label.get(name, default), *((label.get("accept") or {}).get(name) or []))


# The corpus labels' fields, scored when a label gives them (the made-up months' labels, derived
# from the seed's, give fewer); a figure's qualifier is always scored, omitted meaning none.
CITATION_FIELDS = ("type", "date", "issuer", "text")
QUANTITY_FIELDS = ("subject", "indicator", "text", "unit")


def score_corpus(score: Score, path: Path, data: dict, source: Path | None = None) -> None:
    """A corpus report's labels (corpus/labels/): facts matched by (document, section) and by
    (value, target, section), with their fields and the report's metadata. `source`: another
    form of the same report (the seed as .txt, with auto-numbering, with tracked changes)."""
    # Label files live in corpus/labels/ and name their report from the project root.
    report = parse_file(source or path.resolve().parents[2] / data["report"])
    where = str(data["report"])
    for name, want in (data.get("metadata") or {}).items():
        if name in ("note", "accept", "parts"):
            continue
        got = getattr(report.metadata, name)
        right = any(_same_text(got, value) for value in _accepted(data["metadata"], name))
        score.fields[f"metadata.{name}"]["right" if right else "wrong"] += 1
        if not right:
            score.misses.append(f"{where}: metadata {name} {got!r}, expected {want!r}")
    if "parts" in (data.get("metadata") or {}):
        got = [s.label for s in report.sections if s.kind == "roman"]
        right = got == [str(part) for part in data["metadata"]["parts"]]
        score.fields["parts.roman"]["right" if right else "wrong"] += 1
        if not right:
            score.misses.append(f"{where}: parts {got}, expected {data['metadata']['parts']}")
    expected = {(citation_label_key(c["symbol"], c.get("type"), c.get("number")), c["section"]):
                (c["symbol"], {name: _accepted(c, name) for name in CITATION_FIELDS if name in c})
                for c in data.get("citations", [])}
    found = {(citation_label_key(c.symbol, c.type, c.number), c.section):
             (c.text, {"type": c.type, "date": c.date, "issuer": c.issuer, "text": c.text}) for c in report.citations}
    score.compare("citation", expected, found, where)
    for kind in KINDS[1:]:
        expected = {(_round(q["value"]), _round(q.get("denominator")), q["section"]):
                    (q["text"], {**{name: _accepted(q, name) for name in QUANTITY_FIELDS
                                    if name in q and not (name == "unit" and kind == "percent")},
                                 "qualifier": _accepted(q, "qualifier")})
                    for q in data.get("quantities", []) if q["kind"] == kind}
        found = {(_round(q.value), _round(q.denominator), q.section):
                 (q.text, {"subject": q.subject, "indicator": q.indicator, "text": q.text, "unit": q.unit,
                           "qualifier": q.qualifier})
                 for q in report.quantities if q.kind == kind}
        score.compare(kind, expected, found, where)


def _score_passage(score: Score, passage: dict, where: str) -> None:
    text = passage["text"]
    citations = find_citations(text)
    resolve_short_forms(citations)
    expected = {c["key"]: (c["key"], {"date": c.get("date"), "issuer": c.get("issuer")}) for c in passage.get("citations", [])}
    found = {c.key: (c.text, {"date": c.date, "issuer": c.issuer}) for c in citations}
    score.compare("citation", expected, found, where)
    quantities = find_quantities(text, exclude=[(c.start, c.core_end) for c in citations])
    expected = {_round(p["value"]): (p["value"], {"subject": p.get("subject")}) for p in passage.get("percents", [])}
    found = {_round(q.value): (q.text, {"subject": q.subject}) for q in quantities if q.kind == "percent"}
    score.compare("percent", expected, found, where)


# Real documents: labels in tests/data/real/ name a file under ../shared/real and list every
# citation occurrence, every percentage, the metadata and the Roman parts a reader sees.
REAL_ROOT = Path(__file__).resolve().parents[1].parent / "shared" / "real"
METADATA_FIELDS = ("header", "doc_type", "number", "symbol", "title", "superior", "issuer")


def citation_label_key(symbol: str | None, doc_type: str | None = None, number: str | None = None) -> str:
    """The scorer's own identity for a cited document, independent of the extractor's keys:
    case, spaces, dash forms, Đ/D, leading zeros and the Party's TƯ/TW folded alike, and the marks
    between the letters of a symbol ("QĐ/BTC" in 1998, "QĐ-BTC" since, "QĐ.UB"): one document."""
    if symbol:
        text = re.sub(r"\s+", "", normalise(symbol).text).casefold().replace("đ", "d")
        text = re.sub(r"(?<=[/-])tư(?![a-z])", "tw", text)
        letters = re.search(r"[a-z]", text)
        if letters:
            text = text[:letters.start()] + re.sub(r"[/.-]", "-", text[letters.start():])
        return re.sub(r"(?<![0-9])0+(?=[0-9])", "", text)
    digits = str(number or "").lstrip("0") or "0"
    return f"{fold(doc_type or '?')}:{digits.casefold()}"


# Issuers are compared as names, not spellings: "UBND tỉnh" (as written) is "Ủy ban nhân dân tỉnh".
_NAME_ABBREVIATIONS = [(re.compile(rf"\b{short}\b", re.I), long) for short, long in
                       (("UBND", "ủy ban nhân dân"), ("HĐND", "hội đồng nhân dân"), ("MTTQ", "mặt trận tổ quốc"))]


def _same_text(got, expected) -> bool:
    def clean(value):
        value = str(value)
        for short, long in _NAME_ABBREVIATIONS:
            value = short.sub(long, value)
        return re.sub(r"\s+", " ", fold(value)).strip(" .;:,")
    return (got is None) == (expected is None) and (expected is None or clean(got) == clean(expected))


def _aligned(expected: list[tuple[str, dict]], found: list[tuple[str, dict]]):
    """Pairs of (expected, found) occurrences of one key in reading order; the rest unpaired."""
    by_key: dict[str, list[dict]] = defaultdict(list)
    for key, item in found:
        by_key[key].append(item)
    pairs, missed = [], []
    for key, item in expected:
        (pairs.append((item, by_key[key].pop(0))) if by_key[key] else missed.append(item))
    spurious = [item for items in by_key.values() for item in items]
    return pairs, missed, spurious


def score_real(score: Score, path: Path, data: dict) -> None:
    source = REAL_ROOT / data["document"]
    if not source.exists():
        raise BaocaoError(f"{path}: the labelled document {source} is not here (../shared/real is absent)")
    where = data["document"]
    try:
        report = parse_file(source)
    except BaocaoError as exc:
        report = None
        score.misses.append(f"{where}: not read: {exc}")
    score.documents[where] = report is not None
    _score_metadata(score, where, data.get("metadata") or {}, report)
    _score_parts(score, where, data.get("parts") or [], report)

    expected = [(citation_label_key(c.get("symbol"), c.get("type"), c.get("number")), c) for c in data.get("citations") or []]
    found = []
    for c in report.citations if report else []:
        key = citation_label_key(c.symbol, c.type, c.number)
        found.append((key, {"text": c.text, "date": c.date, "issuer": c.issuer, "where": c.found_in}))
    pairs, missed, spurious = _aligned(expected, found)
    counts = score.counts["citation"]
    counts["tp"] += len(pairs)
    counts["fn"] += len(missed)
    counts["fp"] += len(spurious)
    for label, got in pairs:
        for name in ("date", "issuer", "where"):
            want = label.get(name, "body" if name == "where" else None)
            right = _same_text(got[name], want)
            score.fields[f"citation.{name}"]["right" if right else "wrong"] += 1
            if not right:
                score.misses.append(f"{where}: citation {got['text']!r}: {name} {got[name]!r}, expected {want!r}")
        if label.get("legal_basis"):
            score.legal_basis["found"] += 1
    for label in missed:
        score.misses.append(f"{where}: missed citation {label['text']!r} ({label.get('where', 'body')})")
        if label.get("legal_basis"):
            score.legal_basis["missed"] += 1
            score.misses.append(f"{where}: missed legal-basis citation {label['text']!r}")
    for got in spurious:
        score.misses.append(f"{where}: spurious citation {got['text']!r}")

    expected = [(str(_round(p["value"])), p) for p in data.get("percents") or []]
    found = [(str(_round(q.value)), {"text": q.text}) for q in (report.quantities if report else []) if q.kind == "percent"]
    pairs, missed, spurious = _aligned(expected, found)
    counts = score.counts["percent"]
    counts["tp"] += len(pairs)
    counts["fn"] += len(missed)
    counts["fp"] += len(spurious)
    score.misses += [f"{where}: missed percent {p['text']!r}" for p in missed]
    score.misses += [f"{where}: spurious percent {p['text']!r}" for p in spurious]


def score_check(score: Score, path: Path, data: dict) -> None:
    """A real document's format findings written by hand (tests/data/check/): the findings of the
    labelled profile's rules, matched by rule (a rule's parts, `noi-nhan-format.list`, count as
    their catalogue rule) and counted per document; rules the labeller was unsure of are left out."""
    from pipeline.check import check_path

    source = (REAL_ROOT / data["document"]).resolve()
    if not source.exists():
        raise BaocaoError(f"{path}: the labelled document {source} is not here (../shared/real is absent)")
    where = data["document"]
    _, chosen, findings = check_path(source, data["profile"])
    catalogue = {rule["id"].split(".")[0] for rule in chosen[-1].rules}
    unsure = {item["rule"] for item in data.get("unsure") or []}
    expected = Counter(f["rule"] for f in data.get("findings") or [] if f["rule"] not in unsure)
    found = Counter(f.rule.split(".")[0] for f in findings if f.rule.split(".")[0] in catalogue - unsure)
    counts = score.counts["finding"]
    for rule in sorted(set(expected) | set(found)):
        right = min(expected[rule], found[rule])
        counts["tp"] += right
        counts["fn"] += expected[rule] - right
        counts["fp"] += found[rule] - right
        if expected[rule] > right:
            score.misses.append(f"{where}: missed {expected[rule] - right} {rule}")
        if found[rule] > right:
            score.misses.append(f"{where}: spurious {found[rule] - right} {rule}")


def _score_metadata(score: Score, where: str, labels: dict, report: Report | None) -> None:
    metadata = report.metadata if report else None
    for name in METADATA_FIELDS:
        if name not in labels:
            continue
        got = getattr(metadata, name, None) if metadata else None
        if name == "header" and got is None:
            got = "none"  # the labels' word for a document without a national header
        if name == "symbol" and got:
            got = _symbol_after_number(got, metadata.number)
        right = metadata is not None and _same_text(got, labels[name])
        score.fields[f"metadata.{name}"]["right" if right else "wrong"] += 1
        if not right:
            score.misses.append(f"{where}: metadata {name} {got!r}, expected {labels[name]!r}")


def _symbol_after_number(symbol: str, number: str | None) -> str | None:
    """"409/TTr-CAT" → "TTr-CAT", "-BC/ĐU" → "BC/ĐU": labels give the symbol without the number."""
    if number and symbol.startswith(number):
        symbol = symbol[len(number):]
    return symbol.lstrip("/-") or None


def _score_parts(score: Score, where: str, labels: list[dict], report: Report | None) -> None:
    found = [s for s in report.all_sections() if s.kind == "roman"] if report else []
    got = [(s.label.strip(" .-/)"), s.annex, s.title) for s in found]
    want = [(str(p["label"]), bool(p.get("annex")), p.get("title") or "") for p in labels]

    def same(a, b):
        prefix = min(len(fold(a[2])), len(fold(b[2])), 30)
        return a[:2] == b[:2] and fold(a[2])[:prefix] == fold(b[2])[:prefix]

    right = report is not None and len(got) == len(want) and all(same(a, b) for a, b in zip(got, want))
    score.fields["parts.roman"]["right" if right else "wrong"] += 1
    if not right:
        score.misses.append(f"{where}: parts {[(g[0], g[1], g[2][:30]) for g in got]}, "
                            f"expected {[(w[0], w[1], w[2][:30]) for w in want]}")
