"""The seed report's facts, exactly: every form of the seed gives the hand-checked labels."""
import pytest
import yaml

from conftest import CORPUS, SEED_VARIANTS, shared_unless_mutating
from pipeline import parse_file
from pipeline.evaluate import Score, score_corpus

LABELS_PATH = CORPUS / "labels" / "lung-phinh_2026-05_seed.yaml"
LABELS = yaml.safe_load(LABELS_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope=shared_unless_mutating("module"), params=SEED_VARIANTS, ids=lambda p: p.name)
def report(request):
    return parse_file(request.param)


def _perfect(score: Score) -> list[str]:
    """What keeps a score from 1.0 per kind and per field: empty when every fact and field is right."""
    short = [f"{row['kind']}: precision {row['precision']}, recall {row['recall']}" for row in score.table()
             if (row["precision"], row["recall"]) != (1.0, 1.0)]
    short += [f"{row['field']}: {row['right']}/{row['total']}" for row in score.field_table() if row["accuracy"] != 1.0]
    return short + score.misses


@pytest.mark.parametrize("variant", SEED_VARIANTS, ids=lambda p: p.name)
def test_every_form_of_the_seed_gives_its_hand_labels(variant):
    """Labels written from reading the seed (corpus/labels/, with the readings they accept argued);
    every kind and every field at 1.0: the extractor was tuned on this report."""
    score = Score()
    score_corpus(score, LABELS_PATH, LABELS, source=variant)
    assert _perfect(score) == []
    kinds = {row["kind"]: row["expected"] for row in score.table()}
    assert kinds == {"citation": 7, "count": 9, "percent": 9, "ratio": 3}
    assert {row["field"] for row in score.field_table()} >= {
        "citation.type", "citation.date", "citation.issuer", "citation.text", "count.subject", "count.unit",
        "count.qualifier", "percent.subject", "percent.indicator", "ratio.text", "metadata.period", "parts.roman"}


@pytest.mark.parametrize("labels", sorted((CORPUS / "labels").glob("*_made-up.yaml")), ids=lambda p: p.stem)
def test_every_made_up_month_gives_the_labels_derived_from_the_seeds(labels):
    score = Score()
    score_corpus(score, labels, yaml.safe_load(labels.read_text(encoding="utf-8")))
    assert _perfect(score) == []


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
