"""The extract stage: every citation and figure of a report's body, tied to its section."""
from __future__ import annotations

from pipeline.citations import find_citations
from pipeline.models import Report
from pipeline.quantities import find_quantities
from pipeline.structure import closing_start


def extract(report: Report) -> Report:
    """Fill `report.citations` and `report.quantities` (provenance: section, span, surface text)."""
    start, end = report.body_start, closing_start(report)
    own = report.metadata.symbol
    citations = [c for c in find_citations(report.text, start, end) if not (own and c.symbol == own)]
    quantities = find_quantities(report.text, start, end, exclude=[(c.start, c.core_end) for c in citations])
    for fact in (*citations, *quantities):
        fact.section = report.section_at(fact.start)
    for citation in citations:
        report.warnings.extend(f"{citation.text}: {w}" for w in citation.warnings)
    report.citations = citations
    report.quantities = quantities
    return report
