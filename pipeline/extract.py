"""The extract stage: every citation and figure of a report, tied to its section and to where it
was found (the body, a table, a footnote)."""
from __future__ import annotations

import re

from pipeline.citations import find_citations
from pipeline.models import CELL_SEPARATOR, Report
from pipeline.quantities import find_quantities
from pipeline.structure import closing_start


def _zones(report: Report) -> list[tuple[int, int]]:
    """The spans facts are read from: the body (legal basis included) up to its closing formula,
    the annexes after the signature, and the footnotes."""
    zones = [(report.body_start, closing_start(report))]
    notes = next((line.start for line in report.lines if line.anchor is not None), len(report.text))
    if report.annex_start is not None:
        zones.append((report.annex_start, notes))
    if notes < len(report.text):
        zones.append((notes, len(report.text)))
    return zones


# Tables whose figures are read cell by cell under their column names (pipeline/tables.py): the
# sentence extractor would join a row's cells ("1 | Trồng rừng | ha | 56 | 10,5") into figures with
# made-up subjects, so their figures are the table's rows, not sentence facts. Citations in their
# cells (a note's "Kế hoạch số 213/KH-UBND") are still found, and so are percentages, read within
# their own cell ("70%", "đạt 83,3%"): a reader notes every percentage of a report, tables included.
TABLE_KINDS_READ_AS_ROWS = ("indicators", "tasks", "ranking")


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of a row's cells in the report's text, as the reader joined them."""
    spans, at = [], start
    while at <= end:
        stop = text.find(CELL_SEPARATOR, at, end)
        stop = end if stop == -1 else stop
        spans.append((at, stop))
        at = stop + len(CELL_SEPARATOR)
    return spans


# "(Ban hành kèm theo Quyết định số 522/2002/QĐ-UB …)", "(Ban hành theo Quyết định số …)", "(Kèm
# theo Báo cáo số …)": the document this text is part of, which is its own number, not a document
# it cites.
_ATTACHED_TO = re.compile(r"^(?:\(?\s*(?:ban\s+hành\s+)?kèm\s+theo|\(\s*ban\s+hành\s+theo)\b", re.IGNORECASE)


def extract(report: Report) -> Report:
    """Fill `report.citations` and `report.quantities` (provenance: section, span, surface text)."""
    own = report.metadata.symbol
    citations, quantities = [], []
    read_as_rows = [(t.start, t.end) for t in report.tables if t.kind in TABLE_KINDS_READ_AS_ROWS]
    for start, end in _zones(report):
        found = [c for c in find_citations(report.text, start, end) if not (own and c.symbol == own)
                 and not _ATTACHED_TO.match(report.lines[report.line_of(c.start) - 1].block.line.strip())]
        citations += found
        quantities += find_quantities(report.text, start, end,
                                      exclude=[(c.start, c.core_end) for c in found] + read_as_rows)
    cited = [(c.start, c.core_end) for c in citations]
    for table in report.tables:
        if table.kind in TABLE_KINDS_READ_AS_ROWS:
            for row in table.rows:
                for cell_start, cell_end in _cells(report.text, row.start, row.end):
                    quantities += [q for q in find_quantities(report.text, cell_start, cell_end, exclude=cited)
                                   if q.kind == "percent"]
    quantities.sort(key=lambda q: q.start)
    for fact in (*citations, *quantities):
        line = report.lines[report.line_of(fact.start) - 1]
        if line.anchor is not None:
            fact.found_in, fact.section = "footnote", report.section_at(line.anchor)
        else:
            fact.found_in = "table" if line.block.kind == "row" else "body"
            fact.section = report.section_at(fact.start)
    for citation in citations:
        report.warnings.extend(f"{citation.text}: {w}" for w in citation.warnings)
    report.citations = citations
    report.quantities = quantities
    return report
