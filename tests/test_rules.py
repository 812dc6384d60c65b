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


def every_word(section, field, data):
    """(word, its entry) for every word of every entry: the first word alone says nothing of the rest."""
    return [(word, entry) for entry in data[section] for word in entry[field]]


@pytest.mark.parametrize("meaning, example", cases("qualifiers", "meaning", QUANTITY_RULES))
def test_qualifiers_find_their_examples(meaning, example):
    assert [q.qualifier for q in figures(example)] == [meaning]


@pytest.mark.parametrize("word, entry", every_word("qualifiers", "words", QUANTITY_RULES))
def test_every_qualifier_word_gives_its_meaning(word, entry):
    assert [(q.kind, q.value, q.qualifier) for q in figures(f"{word} 12 hộ")] == [("count", 12, entry["meaning"])]


# A count noun is the unit of a count, a measure unit that of an amount.
UNIT_WORDS = [("count", noun) for noun, _ in every_word("count_nouns", "nouns", QUANTITY_RULES)] + [
    ("amount", unit) for unit, _ in every_word("measure_units", "units", QUANTITY_RULES)]


@pytest.mark.parametrize("kind, word", UNIT_WORDS, ids=[w for _, w in UNIT_WORDS])
def test_every_unit_word_is_the_unit_of_its_figure(kind, word):
    # "đồng chí" was read as 12 đồng of money: a count noun may start with a currency word.
    assert [(q.kind, q.value, q.unit) for q in figures(f"có 12 {word}")] == [(kind, 12, word)]


# (kind, value, denominator) of each example of `count_nouns` and `measure_units`, read from its words.
UNIT_EXAMPLES = {
    "09 hội nghị": ("count", 9, None), "02 kỳ họp": ("count", 2, None), "03 lớp": ("count", 3, None),
    "06 nội dung": ("count", 6, None), "trên 300 văn bản": ("count", 300, None), "05 kết luận": ("count", 5, None),
    "90 nhiệm vụ": ("count", 90, None), "43 nhiệm vụ hoàn thành": ("count", 43, None),
    "17 tiêu chí": ("count", 17, None), "03 viên chức": ("count", 3, None), "1.250 lượt người": ("count", 1250, None),
    "25 hộ": ("count", 25, None), "12 đảng viên": ("count", 12, None), "120 hồ sơ": ("count", 120, None),
    "05 đơn thư": ("count", 5, None), "15 tin bài": ("count", 15, None), "25 giấy": ("count", 25, None),
    "25 chi bộ": ("count", 25, None), "12 thôn": ("count", 12, None), "03 điểm trường": ("count", 3, None),
    "2.028 dịch vụ công trực tuyến": ("count", 2028, None), "4.850 tài khoản": ("count", 4850, None),
    "84.605 tờ khai": ("count", 84605, None), "119 cơ sở khám chữa bệnh": ("count", 119, None),
    "96.799 phương tiện": ("count", 96799, None),
    "1.200 con": ("count", 1200, None), "500 cây": ("count", 500, None), "150 suất quà": ("count", 150, None),
    "10,5/56 ha": ("ratio", 10.5, 56), "15 ha": ("amount", 15, None), "700/2.000 tấn": ("ratio", 700, 2000),
    "1.250 tấn": ("amount", 1250, None), "35 tạ": ("amount", 35, None), "2,5 km": ("amount", 2.5, None),
    "300 m2": ("amount", 300, None), "5.000 lít": ("amount", 5000, None),
}


@pytest.mark.parametrize("group, example", [(e[field], x) for section, field in (("count_nouns", "nouns"),
                                                                                 ("measure_units", "units"))
                                            for e in QUANTITY_RULES[section] for x in e["examples"]],
                         ids=lambda v: v if isinstance(v, str) else "")
def test_unit_words_find_their_examples(group, example):
    (q,) = figures(example)
    assert q.unit in group and q.unit in example
    assert (q.kind, q.value, q.denominator) == UNIT_EXAMPLES[example]


@pytest.mark.parametrize("word, entry", every_word("money", "words", QUANTITY_RULES))
def test_every_money_word_scales_the_amount(word, entry):
    # A bare "triệu" or "nghìn" may count people ("2 triệu người"): a scale is written with "đồng".
    text = f"cấp 12 {word} đồng" if entry["scale"] > 1 else f"cấp 12 {word}"
    assert [(q.kind, q.value, q.unit) for q in figures(text)] == [("amount", 12 * entry["scale"], "đồng")]


# What each example of rules/quantities.yaml `money` is worth in đồng, read from its words.
MONEY_EXAMPLES = {
    "1,5 tỷ đồng": 1_500_000_000, "2 tỷ": 2_000_000_000, "3,2 tỉ đồng": 3_200_000_000,
    "2.500 triệu đồng": 2_500_000_000, "150 triệu đồng": 150_000_000, "500 nghìn đồng": 500_000,
    "200 ngàn đồng": 200_000, "9.681.931.305 đồng": 9_681_931_305, "9.681.931.305đ": 9_681_931_305,
}


@pytest.mark.parametrize("words, example", [(e["words"], x) for e in QUANTITY_RULES["money"] for x in e["examples"]],
                         ids=lambda v: v if isinstance(v, str) else "")
def test_money_finds_its_examples(words, example):
    (q,) = figures(example)
    assert any(word in example for word in words)
    assert (q.kind, q.unit) == ("amount", "đồng") and q.value == pytest.approx(MONEY_EXAMPLES[example])


# What each example of rules/quantities.yaml `number_words` counts, read from its words.
NUMBER_WORD_EXAMPLES = {
    "một cuộc họp": 1, "hai kỳ họp": 2, "ba nghị quyết": 3, "bốn nhiệm vụ": 4, "một trăm linh tư hộ": 104,
    "năm nhiệm vụ": 5, "mười lăm hộ": 15, "hai mươi nhăm hộ": 25, "sáu đoàn viên": 6, "bảy chi bộ": 7,
    "tám thôn": 8, "chín hộ": 9, "mười hộ": 10, "hai mươi hộ": 20, "hai mươi mốt hộ": 21,
    "một trăm linh năm hộ": 105, "một trăm lẻ năm hộ": 105, "hai nghìn hộ": 2000, "hai ngàn hộ": 2000,
}


@pytest.mark.parametrize("word, example", cases("number_words", "word", QUANTITY_RULES))
def test_number_words_find_their_examples(word, example):
    (q,) = figures(example)
    assert word in q.text.split()
    assert (q.kind, q.value) == ("count", NUMBER_WORD_EXAMPLES[example])


@pytest.mark.parametrize("word, value", [(e["word"], e["value"]) for e in QUANTITY_RULES["number_words"]])
def test_every_number_word_means_its_value(word, value):
    # Where a word stands in a number decides its weight: a multiplier after "hai", a digit after
    # "hai mươi", a zero between "một trăm" and "năm".
    if value == 0:
        text, expected = f"một trăm {word} năm hộ", 105
    elif value >= 100 or word == "mươi":
        text, expected = f"hai {word} hộ", 2 * value
    elif word == "mười":
        text, expected = f"{word} hai hộ", 12
    else:
        text, expected = f"hai mươi {word} hộ", 20 + value
    assert [(q.kind, q.value) for q in figures(text)] == [("count", expected)]


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
    # Several task counts of one report were all "tasks assigned": a bare "nhiệm vụ" is none of them.
    ("nhiệm vụ", "count", None),
    ("nhiệm vụ trọng tâm đã được giao", "count", "tasks_assigned"),
    ("tỷ lệ hộ nghèo", "percent", "poverty_rate"),
    ("hộ nghèo", "percent", "poverty_rate"),
    ("tỷ lệ hộ cận nghèo", "percent", "near_poverty_rate"),
])
def test_a_subject_joins_an_indicator_only_when_it_carries_its_own_words(subject, kind, key):
    assert resolve.match_indicator(subject, kind) == key


# Issue 13, item 1: a target is kept as a target and joins no indicator. From the real August
# report: "tối thiểu 85%" of disbursement was compared with another month's achieved 8,4%.
@pytest.mark.parametrize("sentence, qualifier, indicator", [
    ("Giải ngân vốn đầu tư công tối thiểu 85% kế hoạch.", "at_least", None),
    ("Tỷ lệ hộ nghèo phấn đấu đạt 3%.", "target", None),
    ("Tỷ lệ hộ nghèo giảm còn 3,2%.", None, "poverty_rate"),
    ("Giải ngân vốn đầu tư công đạt 85% kế hoạch.", None, "public_investment_disbursement_rate"),
])
def test_a_target_is_kept_as_a_target_and_joins_no_indicator(sentence, qualifier, indicator):
    from pipeline.parse import parse_text
    (figure,) = parse_text(f"BÁO CÁO\nI. KẾT QUẢ\n1. {sentence}").quantities
    assert (figure.qualifier, figure.indicator) == (qualifier, indicator)


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


@pytest.mark.parametrize("command", ["parse", "rules validate"])
def test_broken_rules_stop_the_cli_with_exit_2(rules_copy, command):
    from click.testing import CliRunner

    from conftest import SEED_TXT
    from pipeline.cli import cli
    (rules_copy / "quantities.yaml").write_text("qualifiers: [", encoding="utf-8")
    result = CliRunner().invoke(cli, [*command.split(), *([str(SEED_TXT)] if command == "parse" else [])])
    assert result.exit_code == 2
    # One line: where the file breaks (column 14, just past the bracket), in PyYAML's words.
    assert result.output == (f"baocao: error: {rules_copy / 'quantities.yaml'}: not valid YAML (line 1, column 14: "
                             f"expected the node content, but found '<stream end>'; while parsing a flow node from line 1)\n")
