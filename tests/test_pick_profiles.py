"""Which profiles a draft is checked against (pick_profiles): those for every draft first, then those
its header, kind and issuing body call for, then the one asked for by name or file; a later
profile's rule replaces an earlier one's of the same id, so the order is what a user gets."""
import pytest

from pipeline import parse_text
from pipeline.check import pick_profiles
from pipeline.errors import RuleError

PARTY_REPORT = "ĐẢNG CỘNG SẢN VIỆT NAM\nSố 12-BC/ĐU\nBÁO CÁO\nkết quả tháng\nI. KẾT QUẢ\n1. Nội dung.\n"
# A State decision whose symbol holds its year: number/year/type-body.
STATE_DECISION = ("ỦY BAN NHÂN DÂN\nXÃ LÙNG PHÌNH\nSố: 15/2025/QĐ-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                  "Độc lập - Tự do - Hạnh phúc\nLùng Phình, ngày 2 tháng 6 năm 2025\nQUYẾT ĐỊNH\n"
                  "Về việc ban hành quy chế\nĐiều 1. Ban hành.\n")
RULE = """  - id: must-cite-nq57
    kind: must_cite
    level: warning
    document: 57-nq/tw
    message: "Chưa nêu {symbol}."
    examples:
      fires: ["BÁO CÁO\\nI. NỘI DUNG\\n1. Chuyển đổi số."]
"""


def office_profile(folder, name, applies_to):
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(f"name: {name}\napplies_to: {applies_to}\nrules:\n{RULE}", encoding="utf-8")
    return path


# (the draft, the office's profiles beside the archive: name and applies_to, the profiles picked in order)
PICKED = [
    ("party report, shipped only", PARTY_REPORT, [], ["common", "commune-party-monthly", "dang-hd36"]),
    # An office's profile for every draft goes with the shipped one for every draft, before those
    # its header calls for, whose rules then win.
    ("party report, office rules for every draft", PARTY_REPORT, [("van-phong", "any")],
     ["common", "van-phong", "commune-party-monthly", "dang-hd36"]),
    # The issuing body is the symbol's last part, after the year: QĐ-UBND.
    ("decision, office rules for its body", STATE_DECISION, [("quyet-dinh-ubnd", "{symbol_org: QĐ-UBND}")],
     ["common", "nd30", "quyet-dinh-ubnd"]),
    # A number line without "/" names no issuing body: not the Đảng ủy's monthly report, which
    # commune-party-monthly.yaml knows by its body ĐU.
    ("party report numbered without its body", PARTY_REPORT.replace("12-BC/ĐU", "12-BC"), [],
     ["common", "dang-hd36"]),
    ("decision, office rules for the year's part", STATE_DECISION, [("nam-2025", "{symbol_org: 2025/QĐ-UBND}")],
     ["common", "nd30"]),
]


@pytest.mark.parametrize("text, office, names", [c[1:] for c in PICKED], ids=[c[0] for c in PICKED])
def test_the_profiles_a_draft_gets_and_their_order(tmp_path, text, office, names):
    for name, applies_to in office:
        office_profile(tmp_path / "baocao-profiles", name, applies_to)
    picked = pick_profiles(parse_text(text), db=tmp_path / "a.sqlite")
    assert [p.name for p in picked] == names


def test_the_profile_asked_for_comes_last_and_once():
    picked = pick_profiles(parse_text(PARTY_REPORT), "common")
    assert [p.name for p in picked] == ["commune-party-monthly", "dang-hd36", "common"]


def test_a_profile_file_is_taken_whatever_its_name_ends_with(tmp_path):
    path = office_profile(tmp_path, "van-phong", "{header: state}")
    renamed = path.rename(tmp_path / "van-phong.rules")
    picked = pick_profiles(parse_text(PARTY_REPORT), str(renamed))
    assert [p.name for p in picked] == ["common", "commune-party-monthly", "dang-hd36", "van-phong"]


# (what the user asks for, the line they read)
NOT_FOUND = [
    ("van-phong", "no profile named 'van-phong' (known: common, commune-party-monthly, dang-hd36, nd30; or give a "
                  ".yaml file)"),
    ("{tmp}/van-phong.yaml", "{tmp}/van-phong.yaml: no such profile file"),
    ("{tmp}/van-phong.yml", "{tmp}/van-phong.yml: no such profile file"),
]


@pytest.mark.parametrize("chosen, message", NOT_FOUND, ids=[c[0] for c in NOT_FOUND])
def test_a_profile_that_is_not_there_is_named_with_what_is(tmp_path, monkeypatch, chosen, message):
    # The user's own profiles folder is elsewhere: only the shipped profiles are known.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    with pytest.raises(RuleError) as refused:
        pick_profiles(parse_text(PARTY_REPORT), chosen.format(tmp=tmp_path))
    assert str(refused.value) == message.format(tmp=tmp_path)
