"""Which profiles a draft is checked against, where they are found (shipped, the user's configuration
folder, the office's folder beside the archive), and what `validate` says of an office's files."""
import pytest

from pipeline.api import parse_text
from pipeline.check import pick_profiles, validate
from pipeline.errors import RuleError

PARTY = "ĐẢNG CỘNG SẢN VIỆT NAM\nSố {symbol}\nLùng Phình, ngày 28 tháng 5 năm 2026\nBÁO CÁO\nkết quả tháng 5\nI. MỘT"
SHIPPED = "common, commune-party-monthly, dang-hd36, nd30"

OFFICE_ANY = """name: {name}
description: Quy tắc của văn phòng
applies_to: any
rules:
  - id: must-cite-nq57
    kind: must_cite
    level: warning
    document: 57-nq/tw
    message: Chưa trích dẫn {{type}} số {{symbol}}.
    examples:
      fires: ["BÁO CÁO\\nI. NỘI DUNG\\n1. Chuyển đổi số."]
      passes: ["BÁO CÁO\\nI. NỘI DUNG\\n1. Thực hiện Nghị quyết số 57-NQ/TW."]
"""
BC_DU = """name: bao-cao-dang-uy
description: Báo cáo của Đảng ủy
applies_to: {symbol_org: BC-ĐU}
rules: []
"""


def names(text, chosen=None, db=None):
    return [p.name for p in pick_profiles(parse_text(text), chosen, db)]


@pytest.fixture
def office(tmp_path):
    """An archive's folder with an office profile beside it, for every draft; the archive itself
    need not exist for its profiles to be found."""
    folder = tmp_path / "baocao-profiles"
    folder.mkdir()
    (folder / "van-phong.yaml").write_text(OFFICE_ANY.format(name="van-phong"), encoding="utf-8")
    (folder / "bao-cao-dang-uy.yaml").write_text(BC_DU, encoding="utf-8")
    return tmp_path / "archive.sqlite"


# (the draft's number and symbol, the profiles it gets with the office's folder): the profiles for
# every draft come first, shipped or the office's, then those its metadata calls for, shipped first.
SYMBOLS = [
    ("12-BC/ĐU", ["common", "van-phong", "commune-party-monthly", "dang-hd36"]),
    # A symbol with the year in it: the issuing body is what follows the last slash.
    ("15/2026/BC-ĐU", ["common", "van-phong", "dang-hd36", "bao-cao-dang-uy"]),
    # A symbol with no slash names no issuing body.
    ("15-BC", ["common", "van-phong", "dang-hd36"]),
]


@pytest.mark.parametrize("symbol, expected", SYMBOLS)
def test_a_draft_gets_the_profiles_its_metadata_calls_for(office, symbol, expected):
    assert names(PARTY.format(symbol=symbol), db=office) == expected


def test_a_profile_in_the_users_configuration_folder_is_found(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    folder = tmp_path / "baocao" / "profiles"
    folder.mkdir(parents=True)
    (folder / "cua-toi.yaml").write_text(OFFICE_ANY.format(name="cua-toi"), encoding="utf-8")
    assert names("BÁO CÁO\nI. MỘT") == ["common", "cua-toi"]


def test_a_profile_asked_for_by_file_is_added_last(tmp_path):
    path = tmp_path / "van-phong.profile"
    path.write_text(OFFICE_ANY.format(name="van-phong"), encoding="utf-8")
    assert names("BÁO CÁO\nI. MỘT", str(path)) == ["common", "van-phong"]


# (what --profile names, the message): a name with a YAML suffix is a file, whether or not it is there.
UNKNOWN = [
    ("thieu.yaml", "thieu.yaml: no such profile file"),
    ("thieu.yml", "thieu.yml: no such profile file"),
    ("thieu", f"no profile named 'thieu' (known: {SHIPPED}; or give a .yaml file)"),
]


@pytest.mark.parametrize("chosen, message", UNKNOWN)
def test_a_profile_that_is_not_there_is_named(tmp_path, monkeypatch, chosen, message):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(RuleError) as caught:
        names("BÁO CÁO\nI. MỘT", chosen)
    assert str(caught.value) == message


# --- validate ---------------------------------------------------------------------------------------

FIRES_ON_PASSES = OFFICE_ANY.replace('passes: ["BÁO CÁO\\nI. NỘI DUNG\\n1. Thực hiện Nghị quyết số 57-NQ/TW."]',
                                     'passes: ["BÁO CÁO\\nI. NỘI DUNG\\n1. Thực hiện Nghị quyết số 75-NQ/TW."]')
NEVER_FIRES = OFFICE_ANY.replace('fires: ["BÁO CÁO\\nI. NỘI DUNG\\n1. Chuyển đổi số."]',
                                 'fires: ["BÁO CÁO\\nI. NỘI DUNG\\n1. Thực hiện Nghị quyết số 57-NQ/TW."]')
INDICATORS = """indicators:
  - key: ho_trong_che
    name: Số hộ trồng chè
    unit: count
    aliases: [hộ trồng chè]
    examples: [hộ trồng chè]
"""
BROKEN_YAML = "indicators: [\n"


def test_validate_names_an_example_that_does_not_do_what_it_says(tmp_path):
    passes, fires = tmp_path / "passes.yaml", tmp_path / "fires.yaml"
    passes.write_text(FIRES_ON_PASSES.format(name="a"), encoding="utf-8")
    fires.write_text(NEVER_FIRES.format(name="b"), encoding="utf-8")
    assert validate([passes, fires]) == [
        f"{passes}: rule 'must-cite-nq57': fires on its example 'BÁO CÁO\\nI. NỘI DUNG\\n1. Thực hiện Nghị quyết số 75-NQ/TW.'",
        f"{fires}: rule 'must-cite-nq57': never fires on its example "
        f"'BÁO CÁO\\nI. NỘI DUNG\\n1. Thực hiện Nghị quyết số 57-NQ/TW.'"]


def test_validate_reads_an_offices_indicators_file_given_beside_its_profile(tmp_path):
    profile, indicators = tmp_path / "van-phong.yaml", tmp_path / "van-phong.indicators.yaml"
    profile.write_text(OFFICE_ANY.format(name="van-phong"), encoding="utf-8")
    indicators.write_text(INDICATORS, encoding="utf-8")
    assert validate([profile, indicators]) == []
    indicators.write_text(BROKEN_YAML, encoding="utf-8")
    (problem,) = validate([profile, indicators])
    assert problem.startswith(f"{indicators}: not valid YAML (")


def test_validate_with_an_archive_reads_the_offices_folder_beside_it(office):
    folder = office.parent / "baocao-profiles"
    (folder / "van-phong.yaml").write_text(FIRES_ON_PASSES.format(name="van-phong"), encoding="utf-8")
    assert validate(db=office) == [
        f"{folder / 'van-phong.yaml'}: rule 'must-cite-nq57': fires on its example "
        f"'BÁO CÁO\\nI. NỘI DUNG\\n1. Thực hiện Nghị quyết số 75-NQ/TW.'"]
    (folder / "van-phong.indicators.yaml").write_text(BROKEN_YAML, encoding="utf-8")
    (problem,) = validate(db=office)
    assert problem.startswith(f"{folder / 'van-phong.indicators.yaml'}: not valid YAML (")


def test_validate_reads_the_indicators_in_the_users_configuration_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    folder = tmp_path / "config" / "baocao" / "profiles"
    folder.mkdir(parents=True)
    (folder / "cua-toi.indicators.yaml").write_text(BROKEN_YAML, encoding="utf-8")
    (problem,) = validate(db=tmp_path / "archive.sqlite")
    assert problem.startswith(f"{folder / 'cua-toi.indicators.yaml'}: not valid YAML (")


def test_validate_names_a_broken_rules_file(tmp_path, monkeypatch):
    import shutil

    from pipeline import rules
    from pipeline.resolve import registry
    target = tmp_path / "rules"
    shutil.copytree(rules.RULES_DIR, target)
    text = (target / "registry.yaml").read_text(encoding="utf-8")
    (target / "registry.yaml").write_text(text.replace("  - key: 72-nq/tw\n", "  - key: 72-nq/tw\n    replaced_by: 999-nq/tw\n", 1),
                                          encoding="utf-8")
    monkeypatch.setattr(rules, "RULES_DIR", target)
    for cached in (rules.load, registry):
        cached.cache_clear()
    try:
        problems = validate([tmp_path / "none.yaml"])
    finally:
        for cached in (rules.load, registry):
            cached.cache_clear()
    assert problems == ["rules/registry.yaml '72-nq/tw': replaced_by '999-nq/tw' is not in the registry",
                        f"{tmp_path / 'none.yaml'}: no such profile file"]


TASK_SHEET = [["STT", "Nội dung nhiệm vụ", "Kết quả"], ["1", "Rà soát hộ nghèo", "Hoàn thành"],
              ["2", "Trồng rừng", "Đang thực hiện"], ["3", "Sửa trụ sở", "Đang thực hiện"]]
COUNTS = "1. Tổng số 3 nhiệm vụ được giao; có 2 nhiệm vụ hoàn thành, 1 nhiệm vụ đang triển khai ({words})."


def test_a_rules_own_sheet_words_replace_the_shipped_ones(tmp_path):
    """The count is compared with the sheet only when its paragraph points at the sheet, in the
    rule's words: "theo danh mục" does, "biểu kèm theo" (the shipped words) then does not."""
    import yaml

    rule = {"id": "task-sheet", "kind": "consistent_tables", "level": "warning", "sheet_words": ["danh mục"],
            "messages": {"task_counts": "Văn bản ghi {written}{status}, nhưng {table} liệt kê {computed}."},
            "examples": {"fires": [["BÁO CÁO", "I. KẾT QUẢ", COUNTS.format(words="theo danh mục"), TASK_SHEET]],
                         "passes": [["BÁO CÁO", "I. KẾT QUẢ", COUNTS.format(words="biểu kèm theo"), TASK_SHEET]]}}
    path = tmp_path / "danh-muc.yaml"
    path.write_text(yaml.safe_dump({"name": "danh-muc", "applies_to": "any", "rules": [rule]}, allow_unicode=True),
                    encoding="utf-8")
    assert validate([path]) == []


def test_an_example_with_two_tables_checks_each_table_on_its_own(tmp_path):
    """Tables in a rule's example are kept apart: the second table's wrong total is found, which
    it would not be were its heading row read as a row of the first."""
    import yaml

    first = [["STT", "Đơn vị", "Số hộ"], ["1", "Thôn Sín Chải", "12"], ["2", "Thôn Séo Lùng", "8"], ["", "Tổng cộng", "20"]]
    second = [["STT", "Đơn vị", "Số hộ"], ["1", "Thôn Lùng Phình", "5"], ["2", "Thôn Há Ía", "6"], ["", "Tổng cộng", "12"]]
    rule = {"id": "table-totals", "kind": "consistent_tables", "level": "error",
            "messages": {"totals": "{table}, dòng {row}, cột '{column}': ghi {written}, nhưng cộng {rows} dòng được "
                                   "{computed}{blanks}."},
            "examples": {"fires": [["BÁO CÁO", "I. KẾT QUẢ", first, "II. NHIỆM VỤ", second]],
                         "passes": [["BÁO CÁO", "I. KẾT QUẢ", first]]}}
    path = tmp_path / "hai-bang.yaml"
    path.write_text(yaml.safe_dump({"name": "hai-bang", "applies_to": "any", "rules": [rule]}, allow_unicode=True),
                    encoding="utf-8")
    assert validate([path]) == []
