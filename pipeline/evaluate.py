"""Score the extractor against hand-written labels: precision and recall per kind of fact.

Two label shapes are read: a report's labels (`report:` plus its `citations` and `quantities`,
matched with their section) and passages (`passages:` of text with the citations and percentages
a careful reader notes). Fields of matched facts (date, issuer, subject, indicator) are scored
apart, as the share that are right.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import yaml

from pipeline.citations import find_citations, resolve_short_forms
from pipeline.normalise import fold
from pipeline.quantities import find_quantities

KINDS = ("citation", "count", "percent", "ratio", "amount")


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

    def compare(self, kind: str, expected: dict, found: dict, where: str) -> None:
        """Match facts by their identity keys; score each matched fact's fields."""
        counts = self.counts[kind]
        for key, (_, fields) in expected.items():
            if key in found:
                counts["tp"] += 1
                for name, value in fields.items():
                    got = found[key][1].get(name)
                    right = fold(str(got)) == fold(str(value)) if name == "subject" and value and got else got == value
                    self.fields[f"{kind}.{name}"]["right" if right else "wrong"] += 1
                    if not right:
                        self.misses.append(f"{where}: {kind} {found[key][0]!r}: {name} {got!r}, expected {value!r}")
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

    def field_table(self) -> list[dict]:
        return [{"field": name, "right": c["right"], "total": c["right"] + c["wrong"],
                 "accuracy": round(c["right"] / (c["right"] + c["wrong"]), 4)}
                for name, c in sorted(self.fields.items())]


def evaluate(paths: list[Path]) -> Score:
    from pipeline.api import parse_file

    score = Score()
    for path in paths:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        if "passages" in data:
            for i, passage in enumerate(data["passages"]):
                _score_passage(score, passage, f"{path}#{i + 1}")
            continue
        # Label files live in corpus/labels/ and name their report from the project root.
        report = parse_file(Path(path).resolve().parents[2] / data["report"])
        where = str(data["report"])
        expected = {(symbol_key(c["symbol"]), c["section"]): (c["symbol"], {"date": c.get("date"), "issuer": c.get("issuer")})
                    for c in data.get("citations", [])}
        found = {(c.key, c.section): (c.text, {"date": c.date, "issuer": c.issuer}) for c in report.citations}
        score.compare("citation", expected, found, where)
        for kind in KINDS[1:]:
            expected = {(_round(q["value"]), _round(q.get("denominator")), q["section"]):
                        (q["text"], {"subject": q.get("subject"), "indicator": q.get("indicator")})
                        for q in data.get("quantities", []) if q["kind"] == kind}
            found = {(_round(q.value), _round(q.denominator), q.section): (q.text, {"subject": q.subject, "indicator": q.indicator})
                     for q in report.quantities if q.kind == kind}
            score.compare(kind, expected, found, where)
    return score


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
