"""The seed report, in every form it comes in, lays out the same way."""
import json

import pytest
from click.testing import CliRunner

from conftest import CORPUS, ROOT, SEED_TXT, SEED_VARIANTS
from pipeline import parse_file
from pipeline.cli import cli

SEED_TREE = [
    ("I", ["1", "2"]),
    ("II", ["1", "2", "3", "4", ("5", ["5.1", "5.2", "5.3", "5.4"])]),
    ("III", ["1", "2", "3"]),
]
SEED_TITLES = {
    "I": "VỀ TỔ CHỨC HỘI NGHỊ, BUỔI LÀM VIỆC VÀ THỰC HIỆN QUY ĐỊNH VỀ NẮM TÌNH HÌNH CƠ SỞ",
    "I.1": "Tổ chức các hội nghị, buổi làm việc",
    "II.5.1": "Công tác tuyên giáo - dân vận",
    "II.5.4": "Lãnh đạo hoạt động của Ủy ban MTTQ và các đoàn thể",
    "III": "TIẾN ĐỘ THỰC HIỆN CÁC KẾT LUẬN CỦA THƯỜNG TRỰC, BAN THƯỜNG VỤ ĐẢNG ỦY",
    "III.3": "Một số nhiệm vụ chậm tiến độ, chưa đạt kế hoạch giao",
}


def numbered_tree(sections):
    out = []
    for s in sections:
        if s.kind in ("dash", "plus"):
            continue
        children = numbered_tree(s.children)
        out.append((s.label, children) if children else s.label)
    return out


def expected_tree():
    def norm(node):
        if isinstance(node, tuple):
            return (node[0], [norm(c) for c in node[1]])
        return node
    return [norm(n) for n in SEED_TREE]


@pytest.mark.parametrize("path", SEED_VARIANTS, ids=lambda p: p.name)
def test_every_form_of_the_seed_gives_the_same_tree(path):
    report = parse_file(path)
    # The .docx in corpus/reports also carries its made-up sheets, in an annex after the signature.
    assert numbered_tree([s for s in report.sections if not s.annex]) == expected_tree()
    assert [(s.path, s.title) for s in report.sections if s.annex] == (
        [("PL", "")] if path.parent.name == "reports" else [])
    titles = {s.path: s.title for s in report.all_sections()}
    for section_path, title in SEED_TITLES.items():
        assert titles[section_path] == title


@pytest.mark.parametrize("path", SEED_VARIANTS, ids=lambda p: p.name)
def test_every_form_of_the_seed_gives_the_same_metadata(path):
    meta = parse_file(path).metadata
    assert (meta.doc_type, meta.symbol, meta.number, meta.place, meta.period, meta.header) == \
        ("BÁO CÁO", "-BC/ĐU", None, "Lùng Phình", "2026-05", "party")
    assert meta.date is None  # the day is left blank in the draft
    assert meta.issuer == "Đảng ủy xã Lùng Phình"
    assert meta.title.startswith("kết quả hoạt động của Thường trực Đảng ủy")
    assert meta.recipients[0] == "TT ĐU, HĐND &UBND xã"
    assert meta.recipients[-1] == "Lưu Văn phòng Đảng uỷ"
    assert len(meta.recipients) == 6


def test_docx_header_table_gives_issuer_and_superior(seed_report):
    assert seed_report.metadata.superior == "Đảng bộ tỉnh Lào Cai"


def test_section_spans_hold_their_own_text(seed_report):
    text = seed_report.text
    by_path = {s.path: s for s in seed_report.all_sections()}
    assert text[by_path["II.5.3"].start:by_path["II.5.3"].end].startswith("5.3. Công tác kiểm tra")
    assert "66/2025/NĐ-CP" in text[by_path["II.5.3"].start:by_path["II.5.3"].end]
    assert "66/2025/NĐ-CP" not in text[by_path["II.5.4"].start:by_path["II.5.4"].end]
    assert seed_report.section_at(text.index("83,3%")) == "II.3"
    assert seed_report.section_at(text.index("25/50")) == "III.3"


def test_inline_roman_numerals_are_not_headings(seed_report):
    labels = {s.label for s in seed_report.all_sections()}
    assert "XVI" not in labels and "XIII" not in labels


@pytest.mark.parametrize("flag", ["--json", "--text", None])
def test_parse_command_outputs(flag):
    args = ["parse", str(SEED_TXT)] + ([flag] if flag else [])
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    if flag == "--json":
        data = json.loads(result.output)
        assert set(data) >= {"source", "metadata", "sections", "warnings"}
        assert data["source"]["format"] == "txt" and len(data["source"]["sha256"]) == 64
        assert [s["label"] for s in data["sections"]] == ["I", "II", "III"]
        assert data["metadata"]["period"] == "2026-05"
    elif flag == "--text":
        assert "[bookmark: _GoBack]" not in result.output
        assert "\n2. Trong tháng đã ban hành 05 kết luận" in result.output
    else:
        assert "II.5.1  Công tác tuyên giáo - dân vận" in result.output


# Heading lines as other offices write them: (line, (kind, label, title) or None).
HEADINGS = [
    ("I. VỀ TỔ CHỨC HỘI NGHỊ", ("roman", "I", "VỀ TỔ CHỨC HỘI NGHỊ")),
    ("II- NHIỆM VỤ", ("roman", "II", "NHIỆM VỤ")),
    ("III/ KIẾN NGHỊ", ("roman", "III", "KIẾN NGHỊ")),
    ("5.1. Công tác tuyên giáo", ("decimal", "5.1", "Công tác tuyên giáo")),
    ("2) Về kinh tế", ("arabic", "2", "Về kinh tế")),
    ("a) Nông nghiệp", ("letter", "a", "Nông nghiệp")),
    ("- Tập trung lãnh đạo", ("dash", "-", "Tập trung lãnh đạo")),
    ("+ Trồng rừng", ("plus", "+", "Trồng rừng")),
    ("PHẦN I: KẾT QUẢ THỰC HIỆN", ("part", "I", "KẾT QUẢ THỰC HIỆN")),
    ("Phần thứ hai. Phương hướng, nhiệm vụ", ("part", "II", "Phương hướng, nhiệm vụ")),
    ("A. KẾT QUẢ ĐẠT ĐƯỢC", ("part", "A", "KẾT QUẢ ĐẠT ĐƯỢC")),
    # Not headings:
    ("Quý I/2026, toàn xã đạt", None),
    ("XVI khóa họp", None),
    ("25/50 giấy chứng nhận", None),
    ("09 hội nghị, cuộc họp", None),
    ("A. Nguyễn Văn Mẫu, Bí thư", None),
    ("1.500 người tham gia", None),
    ("-----", None),
]


@pytest.mark.parametrize("line, expected", HEADINGS)
def test_heading_forms(line, expected):
    from pipeline.structure import classify_heading
    assert classify_heading(line) == expected


def test_parts_sit_above_roman_numerals():
    from pipeline.api import parse_text
    report = parse_text("BÁO CÁO\nkết quả\n-----\nPHẦN I: KẾT QUẢ\nI. KINH TẾ\n1. Nông nghiệp\nII. XÃ HỘI\n"
                        "PHẦN II: PHƯƠNG HƯỚNG\nI. NHIỆM VỤ\n")
    assert [(s.path, [c.path for c in s.children]) for s in report.sections] == [
        ("I", ["I.I", "I.II"]), ("II", ["II.I"])]


MAY, JUNE = CORPUS / "reports" / "lung-phinh_2026-05_seed.docx", CORPUS / "reports" / "lung-phinh_2026-06_made-up.docx"


def test_parse_takes_several_files_and_names_the_one_it_cannot_read(tmp_path):
    """Issue 10, item 15. The periods are read from the files' date lines (May: "tháng 5 năm 2026")."""
    missing = tmp_path / "khong-co.docx"
    result = CliRunner().invoke(cli, ["parse", str(MAY), str(missing), str(JUNE)])
    assert result.exit_code == 2
    headers = [line for line in result.stdout.splitlines() if line.startswith("==> ")]
    assert headers == [f"==> {MAY.relative_to(ROOT)} <==", f"==> {JUNE.relative_to(ROOT)} <=="]
    assert result.stderr.startswith(f"baocao: error: {missing}: ")
    both = json.loads(CliRunner().invoke(cli, ["parse", str(MAY), str(JUNE), "--json"]).stdout)
    assert [d["metadata"]["period"] for d in both] == ["2026-05", "2026-06"]


def test_every_file_written_is_named(tmp_path):
    page = tmp_path / "seed.html"
    result = CliRunner().invoke(cli, ["parse", str(MAY), "--json", "--html", str(page)])
    assert result.stderr == f"baocao: wrote {page}\n" and json.loads(result.stdout)
    assert CliRunner().invoke(cli, ["parse", str(MAY), str(JUNE), "--html", str(page)]).exit_code == 2
