"""The seed report's facts, exactly: every form of the seed gives the hand-checked labels."""
import pytest
import yaml

from conftest import CORPUS, SEED_VARIANTS, shared_unless_mutating
from pipeline import parse_file
from pipeline.evaluate import symbol_key

LABELS = yaml.safe_load((CORPUS / "labels" / "lung-phinh_2026-05_seed.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope=shared_unless_mutating("module"), params=SEED_VARIANTS, ids=lambda p: p.name)
def report(request):
    return parse_file(request.param)


def test_seven_citations_with_dates_issuers_and_sections(report):
    got = [(c.key, c.type, c.date, c.issuer, c.section) for c in report.citations]
    expected = [(symbol_key(c["symbol"]), c["type"], c["date"], c["issuer"], c["section"]) for c in LABELS["citations"]]
    assert got == expected


def test_nine_percentages_three_ratios_and_the_counts(report):
    got = [(q.kind, q.value, q.denominator, q.qualifier, q.subject, q.indicator, q.section, q.text)
           for q in report.quantities]
    expected = [(q["kind"], float(q["value"]), float(q["denominator"]) if "denominator" in q else None,
                 q.get("qualifier"), q["subject"], q["indicator"], q["section"], q["text"])
                for q in LABELS["quantities"]]
    assert got == expected
    kinds = [q.kind for q in report.quantities]
    assert (kinds.count("percent"), kinds.count("ratio"), kinds.count("count")) == (9, 3, 9)


def test_every_fact_points_at_its_surface_text(report):
    for fact in (*report.citations, *report.quantities):
        assert report.text[fact.start:fact.end] == fact.text
        assert fact.section


def test_the_reports_own_number_is_not_a_citation(report):
    assert all(c.symbol != "-BC/ĐU" for c in report.citations)


def test_json_carries_facts(report):
    data = report.to_dict()
    assert {"kind", "value", "denominator", "unit", "qualifier", "subject", "indicator", "section", "text",
            "start", "end"} <= set(data["quantities"][0])
    assert {"type", "code", "symbol", "number", "year", "issuer", "date", "subject", "family", "key", "section",
            "text", "start", "end"} <= set(data["citations"][0])
