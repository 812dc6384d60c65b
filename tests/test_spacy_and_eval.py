"""The extractors as spaCy components, the HTML view, and scores against hand-written labels."""
import json

import spacy
from click.testing import CliRunner

from conftest import CORPUS, ROOT, SEED_DOCX
from pipeline.cli import cli
from pipeline.evaluate import evaluate


def test_components_load_by_name_through_entry_points():
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.add_pipe("baocao_citations")
    nlp.add_pipe("baocao_quantities")
    doc = nlp("Thực hiện Nghị quyết số 72-NQ/TW ngày 09/9/2025 của Bộ Chính trị; tỷ lệ hộ nghèo (25,46%)")
    (citation,) = doc.spans["baocao_citations"]
    assert (citation._.key, citation._.date, citation._.issuer) == ("72-nq/tw", "2025-09-09", "Bộ Chính trị")
    (figure,) = doc.spans["baocao_quantities"]
    assert (figure.text, figure._.value, figure._.indicator) == ("(25,46%)", 25.46, "poverty_rate")


def test_word_punct_tokenizer_gives_exact_spans():
    from pipeline.spacy_components import blank_vietnamese
    text = "tỷ lệ hộ nghèo (25,46%).\n\n  Nghị quyết 72"
    doc = blank_vietnamese()(text)
    assert doc.text == text
    assert [s.text for s in doc.spans["baocao_quantities"]] == ["25,46%"]
    assert [s.text for s in doc.spans["baocao_citations"]] == ["Nghị quyết 72"]


def test_parse_html_highlights_facts_offline(tmp_path):
    out = tmp_path / "seed.html"
    result = CliRunner().invoke(cli, ["parse", str(SEED_DOCX), "--html", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "72-NQ/TW" in html and "poverty_rate" in html and "83,3%" in html
    assert "09 hội nghị, cuộc họp và buổi làm việc" in html  # spaces inside a fact are kept
    assert html.count("<br>") >= 50  # one line of the report per line of the page
    assert "https://" not in html and "http://" not in html.replace("http://www.w3.org", "")


def test_labelled_corpus_and_other_offices_score_at_least_098():
    score = evaluate(sorted((CORPUS / "labels").glob("*.yaml")) + sorted((ROOT / "tests" / "data").glob("*.yaml")))
    rows = {row["kind"]: row for row in score.table()}
    for kind in ("citation", "percent"):
        assert rows[kind]["precision"] >= 0.98 and rows[kind]["recall"] >= 0.98, score.misses
    fields = {row["field"]: row["accuracy"] for row in score.field_table()}
    assert fields["citation.date"] >= 0.98, score.misses


def test_eval_command_prints_scores_per_kind():
    result = CliRunner().invoke(cli, ["eval", str(CORPUS / "labels" / "lung-phinh_2026-05_seed.yaml"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {row["kind"] for row in data["kinds"]} == {"citation", "count", "percent", "ratio"}
    assert all(row["precision"] == 1.0 and row["recall"] == 1.0 for row in data["kinds"])
