"""A check profile an office writes by hand: each mistake in it stops `check` and `rules validate`
with one line naming the file, the rule and what is wrong, with the values it may take (issue 11).
Each case breaks one field of a rule that is otherwise whole."""
import pytest
import yaml
from click.testing import CliRunner

from pipeline.check import load_profile, validate
from pipeline.cli import cli
from pipeline.errors import RuleError

# A must_cite rule of rules/profiles/commune-party-monthly.yaml, as an office would copy it.
WHOLE_RULE = {"id": "must-cite-nq72", "kind": "must_cite", "level": "error", "document": "72-nq/tw",
              "message": "Báo cáo chưa nêu {type} số {symbol}.",
              "examples": {"fires": ["BÁO CÁO\nI. NỘI DUNG\n1. Chuyển đổi số."]}}
KINDS = "must_cite, cite_correctly, consistent_figures, consistent_tables, required_parts, format"
FORMAT_CHECKS = ("page_paper, page_margins, font_family, component_text, component_format, number_form, symbol_code, "
                 "date_form, blanks, can_cu_form, authority_form, recipients_present, recipients_list")


def profile_file(tmp_path, rule, **top):
    path = tmp_path / "office.yaml"
    data = {"name": "van-phong", "applies_to": {"header": "state"}, "rules": [rule], **top}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def broken(**fields):
    """WHOLE_RULE with `fields` changed; a field given as None is left out."""
    rule = {**WHOLE_RULE, **fields}
    return {key: value for key, value in rule.items() if value is not None}


# (what is wrong, the rule, what the user reads after the file's name)
BROKEN_RULES = [
    ("no id", broken(id=None), "every rule needs an id"),
    ("a rule that is a string", "must-cite-nq72", "every rule needs an id"),
    ("unknown kind", broken(kind="mustcite"),
     f"rule 'must-cite-nq72': kind must be one of {KINDS}, not 'mustcite'"),
    ("no kind", broken(kind=None), f"rule 'must-cite-nq72': kind must be one of {KINDS}, not None"),
    ("unknown level", broken(level="fatal"),
     "rule 'must-cite-nq72': level must be one of suggestion, warning, error, not 'fatal'"),
    ("no message", broken(message=None), "rule 'must-cite-nq72': a rule needs a message"),
    ("only passing examples", broken(examples={"passes": ["BÁO CÁO"]}),
     "rule 'must-cite-nq72': needs examples that make it fire (examples: fires: [...])"),
    ("format rule, unknown check", broken(kind="format", check="font"),
     f"rule 'must-cite-nq72': check must be one of {FORMAT_CHECKS}, not 'font'"),
    ("document not in the registry", broken(document="99-nq/tw"),
     "rule 'must-cite-nq72': document '99-nq/tw' is neither a key of rules/registry.yaml nor "
     "{type, symbol, date, issuer}"),
    ("document described without its symbol", broken(document={"type": "Nghị quyết", "date": "2025-09-09"}),
     "rule 'must-cite-nq72': document {'type': 'Nghị quyết', 'date': '2025-09-09'} is neither a key of "
     "rules/registry.yaml nor {type, symbol, date, issuer}"),
    ("figures rule naming a check it lacks", broken(kind="consistent_figures", message=None,
                                                    messages={"totals": "x", "sums": "y"}),
     "rule 'must-cite-nq72': the messages of consistent_figures name its checks: totals, percent_over_100, "
     "ratio_vs_percent"),
    ("tables rule naming a check it lacks", broken(kind="consistent_tables", message=None, messages={"total": "x"}),
     "rule 'must-cite-nq72': the messages of consistent_tables name its checks: task_counts, percent_of_plan, "
     "percent_of_previous, totals"),
    ("link to a rule file", broken(link="rules/registry.yaml"),
     "rule 'must-cite-nq72': link 'rules/registry.yaml' points into baocao's files; name the document or clause "
     "the author can open"),
    ("link to a README heading", broken(link="README.md#checking-a-draft"),
     "rule 'must-cite-nq72': link 'README.md#checking-a-draft' points into baocao's files; name the document or "
     "clause the author can open"),
    ("a part baocao does not know", broken(kind="required_parts", message=None, parts=["header", "signature"],
                                           messages={"header": "a", "signature": "b"}),
     "rule 'must-cite-nq72': parts are among header, number_symbol, place_date, title, recipients, not 'signature'"),
    ("a part without its message", broken(kind="required_parts", message=None, parts=["header", "title"],
                                          roman_parts=["I"], messages={"header": "a"}),
     "rule 'must-cite-nq72': each part it requires needs its message: title, roman_parts"),
    ("scope not a section path", broken(scope="II.a"),
     "rule 'must-cite-nq72': scope 'II.a' is not a section path such as II or II.5.3"),
]


@pytest.mark.parametrize("rule, problem", [c[1:] for c in BROKEN_RULES], ids=[c[0] for c in BROKEN_RULES])
def test_a_broken_rule_is_refused_with_one_line_naming_file_rule_and_valid_values(tmp_path, rule, problem):
    path = profile_file(tmp_path, rule)
    with pytest.raises(RuleError) as refused:
        load_profile(path)
    assert str(refused.value) == f"{path}: {problem}"


# (what is wrong, the file's text, what the user reads after the file's name)
BROKEN_FILES = [
    ("no name", "rules: []\n", "a profile needs a name and a list of rules"),
    ("a name and no rules", "name: van-phong\n", "a profile needs a name and a list of rules"),
    ("rules not a list", "name: van-phong\nrules: must-cite-nq72\n", "a profile needs a name and a list of rules"),
    ("a list, not a mapping", "- name: van-phong\n", "a profile needs a name and a list of rules"),
    ("applies_to neither any nor a mapping", "name: van-phong\napplies_to: all\nrules: []\n",
     "applies_to is 'any' or a mapping of header, doc_type, symbol_org"),
    # Not YAML: where it breaks, in one line (the parser's message spans five and names no file).
    ("an unclosed list", "name: van-phong\nrules: [must-cite-nq72\n",
     "not valid YAML (line 3, column 1: expected ',' or ']', but got '<stream end>'; while parsing a flow sequence "
     "from line 2)"),
    ("a key indented under a value", "name: van-phong\n  rules: []\n",
     "not valid YAML (line 2, column 8: mapping values are not allowed here)"),
]


@pytest.mark.parametrize("text, problem", [c[1:] for c in BROKEN_FILES], ids=[c[0] for c in BROKEN_FILES])
def test_a_broken_profile_file_is_refused_with_one_line(tmp_path, text, problem):
    path = tmp_path / "office.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleError) as refused:
        load_profile(path)
    assert str(refused.value) == f"{path}: {problem}"


def test_a_missing_or_unreadable_profile_file_is_named_in_one_line(tmp_path):
    with pytest.raises(RuleError) as missing:
        load_profile(tmp_path / "office.yaml")
    assert str(missing.value) == f"{tmp_path / 'office.yaml'}: no such profile file"
    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes("name: Văn\n".encode("cp1258"))
    with pytest.raises(RuleError) as undecodable:
        load_profile(latin1)
    assert str(undecodable.value) == (f"{latin1}: not valid YAML ('utf-8' codec can't decode byte 0xe3 in position 7: "
                                      f"invalid continuation byte)")


def test_an_offices_indicators_file_not_in_utf8_is_named_in_one_line(tmp_path):
    """It stopped `rules validate` with a UnicodeDecodeError traceback."""
    indicators = tmp_path / "van-phong.indicators.yaml"
    indicators.write_bytes("indicators:\n  - key: lúa\n".encode("cp1258"))
    result = CliRunner().invoke(cli, ["rules", "validate", str(indicators)])
    assert (result.exit_code, result.stderr) == (
        2, f"baocao: error: {indicators}: not valid YAML ('utf-8' codec can't decode byte 0xfa in position 22: "
           f"invalid start byte)\n")


OFFICE_INDICATOR = {"key": "ho_so_buu_dien", "name": "Tỷ lệ hồ sơ trả qua bưu điện", "unit": "percent",
                    "examples": ["tỷ lệ hồ sơ trả qua bưu điện"]}
# (where the office keeps its files, the file, its text, what `rules validate` says of it)
OFFICE_FILES = [
    ("beside the archive", "van-phong.indicators.yaml", "indicators:\n  - key: [lúa\n",
     "not valid YAML (line 3, column 1: expected ',' or ']', but got '<stream end>'; while parsing a flow sequence "
     "from line 2)"),
    ("the user's folder", "van-phong.indicators.yaml", "indicators:\n  - key: [lúa\n",
     "not valid YAML (line 3, column 1: expected ',' or ']', but got '<stream end>'; while parsing a flow sequence "
     "from line 2)"),
    ("beside the archive", "van-phong.yaml",
     yaml.safe_dump({"name": "van-phong", "rules": [broken(examples={"fires": ["Thực hiện Nghị quyết số 72-NQ/TW."]})]},
                    allow_unicode=True),
     "rule 'must-cite-nq72': never fires on its example 'Thực hiện Nghị quyết số 72-NQ/TW.'"),
]


@pytest.mark.parametrize("where, name, text, problem", OFFICE_FILES, ids=[f"{c[0]}: {c[1]}" for c in OFFICE_FILES])
def test_rules_validate_reads_the_offices_files_where_it_keeps_them(tmp_path, monkeypatch, where, name, text, problem):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    folder = tmp_path / "baocao-profiles" if where == "beside the archive" else tmp_path / "config" / "baocao" / "profiles"
    folder.mkdir(parents=True)
    (folder / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["rules", "validate", "--db", str(tmp_path / "a.sqlite")])
    assert (result.exit_code, result.stderr) == (2, f"baocao: error: {folder / name}: {problem}\n")


def test_an_indicators_file_given_to_rules_validate_is_read_as_indicators(tmp_path):
    indicators = tmp_path / "van-phong.indicators.yaml"
    indicators.write_text(yaml.safe_dump({"indicators": [OFFICE_INDICATOR]}, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(cli, ["rules", "validate", str(indicators)])
    assert (result.exit_code, result.stdout) == (0, "rules: ok (1 profile files)\n")


# Rules at the edge of what a profile allows, each loaded as written.
WHOLE_RULES = [
    ("document described as reports write it", broken(document={"type": "Nghị quyết", "symbol": "12/NQ-HĐND",
                                                                "date": "2025-12-10", "issuer": "HĐND tỉnh"})),
    ("figures rule with every check", broken(kind="consistent_figures", message=None, messages={
        "totals": "Tổng số {total}.", "percent_over_100": "{subject} vượt 100%.", "ratio_vs_percent": "{ratio}."})),
    ("tables rule with every check", broken(kind="consistent_tables", message=None, messages={
        "task_counts": "a", "percent_of_plan": "b", "percent_of_previous": "c", "totals": "d"})),
    ("format rule", broken(kind="format", check="font_family")),
    ("link naming the official text", broken(link="Hướng dẫn số 36-HD/VPTW, mục II.3")),
    ("scope of a numbered part", broken(scope="II.5.1")),
    ("parts without Roman parts need no message for them", broken(kind="required_parts", message=None,
                                                                  parts=["header"], messages={"header": "a"})),
]


@pytest.mark.parametrize("rule", [c[1] for c in WHOLE_RULES], ids=[c[0] for c in WHOLE_RULES])
def test_a_whole_rule_is_loaded_as_written(tmp_path, rule):
    loaded = load_profile(profile_file(tmp_path, rule))
    assert (loaded.name, loaded.applies_to, loaded.rules) == ("van-phong", {"header": "state"}, [rule])


@pytest.mark.parametrize("top, description", [({}, ""), ({"description": "Quy tắc của văn phòng"},
                                                          "Quy tắc của văn phòng")])
def test_a_profiles_description_is_its_own_or_empty(tmp_path, top, description):
    assert load_profile(profile_file(tmp_path, WHOLE_RULE, **top)).description == description


def test_rules_validate_prints_the_broken_rules_line_and_exits_2(tmp_path):
    path = profile_file(tmp_path, broken(level="fatal"))
    result = CliRunner().invoke(cli, ["rules", "validate", str(path)])
    assert (result.exit_code, result.stderr) == (
        2, f"baocao: error: {path}: rule 'must-cite-nq72': level must be one of suggestion, warning, error, "
           f"not 'fatal'\n")


NOT_AN_EXAMPLE = ("is neither a text, a list of paragraphs and tables, nor a page and its paragraphs "
                  "({pages: [...], paragraphs: [{text: ...}]})")
# (what is wrong, the rule, the line `rules validate` prints after the file's name)
BROKEN_EXAMPLES = [
    ("an empty text", broken(examples={"fires": [""]}), "rule 'must-cite-nq72': its example '' holds no text"),
    ("a passing example it fires on", broken(examples={"fires": ["BÁO CÁO"], "passes": ["BÁO CÁO\nI. A\n1. B."]}),
     "rule 'must-cite-nq72': fires on its example 'BÁO CÁO\\nI. A\\n1. B.'"),
    ("a number", broken(examples={"fires": [5]}), f"rule 'must-cite-nq72': its example 5 {NOT_AN_EXAMPLE}"),
    ("a paragraph without its text", broken(kind="format", check="font_family", font="Times New Roman",
                                            examples={"fires": [{"paragraphs": [{"font": "Arial"}]}]}),
     f"rule 'must-cite-nq72': its example {{'paragraphs': [{{'font': 'Arial'}}]}} {NOT_AN_EXAMPLE}"),
]


@pytest.mark.parametrize("rule, problem", [c[1:] for c in BROKEN_EXAMPLES], ids=[c[0] for c in BROKEN_EXAMPLES])
def test_an_example_that_is_no_draft_or_goes_against_its_rule_is_named_by_rules_validate(tmp_path, rule, problem):
    path = profile_file(tmp_path, rule)
    result = CliRunner().invoke(cli, ["rules", "validate", str(path)])
    assert (result.exit_code, result.stderr) == (2, f"baocao: error: {path}: {problem}\n")


def test_a_task_sheet_rule_knows_the_sheet_by_the_offices_own_words(tmp_path):
    """An office whose reports point at their task sheet as "danh mục" (not among the shipped
    words: biểu, phụ lục, bảng, kèm theo): its rule fires on a count that disagrees with the sheet."""
    sheet = [["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Kết quả"],
             ["1", "Rà soát hộ nghèo", "Văn phòng", "Hoàn thành"], ["2", "Trồng rừng", "UBND xã", "Đang thực hiện"],
             ["3", "Sửa trụ sở", "UBND xã", "Đang thực hiện"]]
    rule = broken(kind="consistent_tables", message=None, sheet_words=["danh mục"],
                  messages={"task_counts": "Văn bản ghi {written}{status}, nhưng {table} liệt kê {computed}."},
                  examples={"fires": [["BÁO CÁO", "I. KẾT QUẢ", "1. Tổng số 3 nhiệm vụ được giao; có 2 nhiệm vụ hoàn "
                                       "thành, 1 nhiệm vụ đang triển khai (xem danh mục).", sheet]]})
    result = CliRunner().invoke(cli, ["rules", "validate", str(profile_file(tmp_path, rule))])
    assert (result.exit_code, result.stdout) == (0, "rules: ok (1 profile files)\n")


def test_every_example_that_is_no_draft_is_named_not_only_the_first(tmp_path):
    path = profile_file(tmp_path, broken(examples={"fires": ["", 5, ""]}))
    assert validate([path]) == [f"{path}: rule 'must-cite-nq72': its example '' holds no text",
                                f"{path}: rule 'must-cite-nq72': its example 5 {NOT_AN_EXAMPLE}",
                                f"{path}: rule 'must-cite-nq72': its example '' holds no text"]
