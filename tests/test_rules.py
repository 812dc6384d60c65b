"""Every rule entry in rules/ finds its own examples; a rule that cannot match fails at load time."""
import shutil

import pytest
import yaml

from pipeline import citations, quantities, resolve, rules
from pipeline.citations import find_citations
from pipeline.errors import RuleError
from pipeline.quantities import find_quantities

CITATION_RULES = rules.load("citations")
QUANTITY_RULES = rules.load("quantities")
INDICATOR_RULES = rules.load("indicators")


def figures(text):
    exclude = [(c.start, c.core_end) for c in find_citations(text)]
    return find_quantities(text, exclude=exclude)


def cases(section, field, data):
    return [(entry[field] if isinstance(entry[field], str) else entry[field][0], example)
            for entry in data[section] for example in entry["examples"]]


@pytest.mark.parametrize("word, example", cases("types", "word", CITATION_RULES))
def test_type_words_find_their_examples(word, example):
    assert find_citations(example)[0].type == word


@pytest.mark.parametrize("form, example", cases("forms", "form", CITATION_RULES))
def test_symbol_forms_give_their_keys(form, example):
    assert [c.key for c in find_citations(example["text"])] == example["keys"]


@pytest.mark.parametrize("name, example", cases("issuers", "name", CITATION_RULES))
def test_issuers_find_their_examples(name, example):
    (citation,) = find_citations(f"Nghị quyết số 01-NQ/TW {example}")
    assert citation.issuer == name


@pytest.mark.parametrize("code, example", cases("canonical_codes", "code", CITATION_RULES))
def test_codes_are_restored(code, example):
    assert citations._canonical(example) == code


QUALIFIER_MEANING = {w: e["meaning"] for e in QUANTITY_RULES["qualifiers"] for w in e["words"]}


@pytest.mark.parametrize("meaning, example", cases("qualifiers", "meaning", QUANTITY_RULES))
def test_qualifiers_find_their_examples(meaning, example):
    assert [q.qualifier for q in figures(example)] == [meaning]


@pytest.mark.parametrize("noun, example", cases("count_nouns", "nouns", QUANTITY_RULES))
def test_count_nouns_find_their_examples(noun, example):
    assert [q.kind for q in figures(example)] == ["count"]


@pytest.mark.parametrize("unit, example", cases("measure_units", "units", QUANTITY_RULES))
def test_measure_units_find_their_examples(unit, example):
    (q,) = figures(example)
    assert q.kind in ("amount", "ratio") and q.unit


@pytest.mark.parametrize("word, example", cases("money", "words", QUANTITY_RULES))
def test_money_finds_its_examples(word, example):
    (q,) = figures(example)
    assert (q.kind, q.unit) == ("amount", "đồng")


@pytest.mark.parametrize("word, example", cases("number_words", "word", QUANTITY_RULES))
def test_number_words_find_their_examples(word, example):
    (q,) = figures(example)
    assert q.kind == "count" and q.value >= 1


@pytest.mark.parametrize("name, example", cases("not_quantities", "name", QUANTITY_RULES))
def test_not_quantities_mask_their_examples(name, example):
    assert figures(example) == []


@pytest.mark.parametrize("case", QUANTITY_RULES["subject"]["examples"], ids=lambda c: c["text"][:40])
def test_subject_examples(case):
    found = figures(case["text"])
    figure = next(q for q in found if q.text == case["figure"]) if "figure" in case else found[0]
    assert figure.subject == case["subject"]


@pytest.mark.parametrize("key, example", [(e["key"], x) for e in INDICATOR_RULES["indicators"] for x in e["examples"]])
def test_indicator_examples_resolve(key, example):
    unit = next(e["unit"] for e in INDICATOR_RULES["indicators"] if e["key"] == key)
    assert resolve.match_indicator(example, unit) == key


# Issue 13, item 1: a subject that names no indicator joins none. The first three are what the
# extractor read as subjects in a real provincial report (lamdong_bc_dean06_thang08_2025): "tỷ
# lệ" alone was matched to the poverty rate, since every word of it is in "tỷ lệ hộ nghèo".
@pytest.mark.parametrize("subject, kind, key", [
    ("tỷ lệ", "percent", None),
    ("kết quả", "percent", None),
    ("tỷ lệ đạt", "percent", None),
    ("số lượng", "count", None),
    ("tỷ lệ hộ nghèo", "percent", "poverty_rate"),
    ("hộ nghèo", "percent", "poverty_rate"),
    ("tỷ lệ hộ cận nghèo", "percent", "near_poverty_rate"),
])
def test_a_subject_joins_an_indicator_only_when_it_carries_its_own_words(subject, kind, key):
    assert resolve.match_indicator(subject, kind) == key


def test_indicator_matching_tolerates_spelling():
    assert resolve.match_indicator("tỉ lệ hộ nghèo", "percent") == "poverty_rate"
    assert resolve.match_indicator("tỷ lệ tham gia bảo hiểm xã hội", "percent") == "social_insurance_rate"
    assert resolve.match_indicator("số lượng trâu bò xuất chuồng", "percent") is None


@pytest.fixture
def rules_copy(tmp_path, monkeypatch):
    target = tmp_path / "rules"
    shutil.copytree(rules.RULES_DIR, target)
    monkeypatch.setattr(rules, "RULES_DIR", target)
    for cached in (rules.load, citations.tables, quantities.tables, resolve.catalog, resolve._abbreviations,
                   resolve._match_cached):
        cached.cache_clear()
    yield target
    for cached in (rules.load, citations.tables, quantities.tables, resolve.catalog, resolve._abbreviations,
                   resolve._match_cached):
        cached.cache_clear()


def _edit(path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_a_mask_that_never_matches_its_examples_fails_at_load(rules_copy):
    _edit(rules_copy / "quantities.yaml",
          lambda d: d["not_quantities"].append({"name": "broken", "pattern": "xyz", "examples": ["Quốc lộ 4E"]}))
    with pytest.raises(RuleError, match="broken: pattern never matches its example 'Quốc lộ 4E'"):
        find_quantities("đạt 83,3%")


def test_an_entry_without_examples_fails_at_load(rules_copy):
    _edit(rules_copy / "citations.yaml", lambda d: d["types"].append({"word": "Thông điệp", "codes": ["TĐ"]}))
    with pytest.raises(RuleError, match="has no examples"):
        find_citations("Nghị quyết số 72-NQ/TW")


def test_an_indicator_example_that_resolves_elsewhere_fails_at_load(rules_copy):
    _edit(rules_copy / "indicators.yaml", lambda d: d["indicators"][0]["examples"].append("tỷ lệ hộ nghèo"))
    with pytest.raises(RuleError, match="resolves to 'poverty_rate'"):
        resolve.match_indicator("lúa", "percent")


def test_broken_rules_stop_the_cli_with_exit_2(rules_copy):
    from click.testing import CliRunner

    from conftest import SEED_TXT
    from pipeline.cli import cli
    (rules_copy / "quantities.yaml").write_text("qualifiers: [", encoding="utf-8")
    result = CliRunner().invoke(cli, ["parse", str(SEED_TXT)])
    assert result.exit_code == 2
    assert "quantities.yaml: not valid YAML" in result.output
