"""Forms of real documents, rebuilt as real .docx files with python-docx so they run in any clone:
a decision with its legal basis, an annex after the signature, numbering that repeats or skips,
a template that declares a legacy font over Unicode letters, a header split over lines."""
from __future__ import annotations

import docx
import pytest

from pipeline import parse_file


def _write(tmp_path, lines, header=("ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "Số:      /QĐ-UBND"), font=None):
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.text = header[0]
    for line in header[1:]:
        left.add_paragraph(line)
    right.text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    right.add_paragraph("Độc lập - Tự do - Hạnh phúc")
    right.add_paragraph("Lâm Đồng, ngày 05 tháng 01 năm 2026")
    for line in lines:
        run = document.add_paragraph().add_run(line)
        if font:
            run.font.name = font
    path = tmp_path / "draft.docx"
    document.save(path)
    return path


DECISION = [
    "QUYẾT ĐỊNH",
    "Thành lập Ban Chỉ đạo về dữ liệu tỉnh",
    "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
    "Căn cứ Nghị quyết số 214/NQ-CP ngày 23 tháng 7 năm 2025 của Chính phủ;",
    "Theo đề nghị của Giám đốc Công an tỉnh tại Tờ trình số 519/TTr-CAT-PC06 ngày 24 tháng 12 năm 2025.",
    "QUYẾT ĐỊNH:",
    "Điều 1. Thành lập Ban Chỉ đạo về dữ liệu tỉnh.",
    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
    "Nơi nhận:",
    "- Như Điều 2;",
    "CHỦ TỊCH",
    "PHỤ LỤC",
    "DANH SÁCH THÀNH VIÊN",
    "I. THÀNH VIÊN THƯỜNG TRỰC",
    "Theo Kế hoạch số 12a/KH-UBND ngày 05/01/2026.",
    "II. CÁC THÀNH VIÊN KHÁC",
]


def test_a_decision_keeps_its_title_legal_basis_articles_and_annex(tmp_path):
    report = parse_file(_write(tmp_path, DECISION))
    assert report.metadata.title == "Thành lập Ban Chỉ đạo về dữ liệu tỉnh"
    assert (report.metadata.superior, report.metadata.issuer) == (None, "Ủy ban nhân dân tỉnh Lâm Đồng")
    sections = [(s.path, s.kind, s.annex) for s in report.all_sections()]
    assert sections[0] == ("preamble", "preamble", False)
    assert ("Điều 1", "article", False) in sections and ("Điều 2", "article", False) in sections
    assert [p for p, kind, annex in sections if annex] == ["PL", "PL.I", "PL.II"]
    where = {c.symbol: c.section for c in report.citations}
    assert where == {"214/NQ-CP": "preamble", "519/TTr-CAT-PC06": "preamble", "12a/KH-UBND": "PL.I"}


@pytest.mark.parametrize("labels, warnings", [
    (["I", "II", "IV", "IV"], ["part IV follows part II: the numbering skips; kept as written",
                               "part IV follows part IV: the numbering repeats; kept as written"]),
    (["I", "III"], ["part III follows part I: the numbering skips; kept as written"]),
    (["I", "II", "III"], []),
])
def test_numbering_is_kept_as_written_with_a_warning(tmp_path, labels, warnings):
    lines = ["BÁO CÁO", "Kết quả công tác tháng 5 năm 2026"] + [f"{label}. PHẦN {label}" for label in labels]
    report = parse_file(_write(tmp_path, lines, header=("ỦY BAN NHÂN DÂN", "XÃ NAM MẪU", "Số:   /BC-UBND")))
    assert [s.label for s in report.sections if s.kind == "roman"] == labels
    numbering = [w for w in report.warnings if "numbering" in w]
    assert numbering == warnings


ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
          "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX"]


def test_parts_iv_to_xx_are_parts_and_keep_their_figures(tmp_path):
    """Issue 11: without "IV" among the numerals, part IV was no part and its figures went to III."""
    lines = ["BÁO CÁO", "Kết quả công tác năm 2026"]
    for number, label in enumerate(ROMANS, start=1):
        lines += [f"{label}. NỘI DUNG SỐ {number}", f"Tỷ lệ hoàn thành đạt {number},5%."]
    report = parse_file(_write(tmp_path, lines, header=("ỦY BAN NHÂN DÂN", "XÃ NAM MẪU", "Số:   /BC-UBND")))
    assert [(s.label, s.title) for s in report.sections if s.kind == "roman"] == [
        (label, f"NỘI DUNG SỐ {number}") for number, label in enumerate(ROMANS, start=1)]
    assert [(q.value, q.section) for q in report.quantities] == [
        (number + 0.5, label) for number, label in enumerate(ROMANS, start=1)]
    assert not [w for w in report.warnings if "numbering" in w]


@pytest.mark.parametrize("font", [".VnTime", ".VnTimeH", "VNI-Times", ".VnCentury Schoolbook"])
def test_a_declared_legacy_font_over_unicode_letters_is_read(tmp_path, font):
    report = parse_file(_write(tmp_path, ["BÁO CÁO", "Kết quả thực hiện Nghị quyết số 57-NQ/TW"], font=font))
    assert report.metadata.title == "Kết quả thực hiện Nghị quyết số 57-NQ/TW"


def test_legacy_letters_under_a_legacy_font_are_converted(tmp_path):
    report = parse_file(_write(tmp_path, ["B¸o c¸o kÕt qu¶ ho¹t ®éng cña §¶ng ñy x·"], font=".VnTime"))
    assert "Báo cáo kết quả hoạt động của Đảng ủy xã" in report.text


@pytest.mark.parametrize("header, superior, issuer", [
    (("UBND TỈNH LÂM ĐỒNG", "SỞ NỘI VỤ", "Số:   /TTr-SNV"), "UBND tỉnh Lâm Đồng", "Sở nội vụ"),
    (("BỘ CÔNG AN", "CÔNG AN TỈNH LÂM ĐỒNG", "Số: 409/TTr-CAT(PC04)"), "Bộ công an", "Công an tỉnh Lâm Đồng"),
    (("VĂN PHÒNG UBND TỈNH", "TRUNG TÂM PHỤC VỤ", "HÀNH CHÍNH CÔNG", "Số:   /BC-HCC"),
     "Văn phòng UBND tỉnh", "Trung tâm phục vụ hành chính công"),
])
def test_state_headers_are_split_into_superior_and_issuer(tmp_path, header, superior, issuer):
    report = parse_file(_write(tmp_path, ["TỜ TRÌNH", "Về việc thành lập Ban"], header=header))
    assert (report.metadata.superior, report.metadata.issuer) == (superior, issuer)
