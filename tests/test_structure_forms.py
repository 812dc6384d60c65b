"""Forms of real documents, rebuilt as real .docx files with python-docx so they run in any clone:
a decision with its legal basis, an annex after the signature, numbering that repeats or skips,
a template that declares a legacy font over Unicode letters, a header split over lines."""
from __future__ import annotations

import docx
import docxkit
import pytest

from pipeline import parse_file, parse_text
from pipeline.structure import closing_start


def _write(tmp_path, lines, header=("ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "Số:      /QĐ-UBND"), font=None):
    """A draft under a state header: each of `lines` a paragraph, or, given as a list of rows, a table."""
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
        if isinstance(line, list):
            docxkit.data_table(document, line)
            continue
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


# A công văn has no type line: its "V/v …" subject stands under its number, in the header's cell
# or on a line of its own, and wraps onto lines that go on in lower case.
CONG_VAN_HEADERS = [
    ("subject in the header cell, wrapped twice",
     ("UBND TỈNH LÂM ĐỒNG", "SỞ NỘI VỤ", "Số: 1234/SNV-TCBC", "V/v góp ý dự thảo Quy chế", "làm việc của Ủy ban",
      "nhân dân tỉnh"),
     "V/v góp ý dự thảo Quy chế làm việc của Ủy ban nhân dân tỉnh"),
    ("subject in one paragraph",
     ("UBND TỈNH LÂM ĐỒNG", "SỞ NỘI VỤ", "Số: 1234/SNV-TCBC", "Về việc báo cáo số liệu cán bộ"),
     "Về việc báo cáo số liệu cán bộ"),
    ("subject in the header cell, wrapped three times",
     ("UBND TỈNH LÂM ĐỒNG", "SỞ NỘI VỤ", "Số: 1234/SNV-TCBC", "V/v góp ý dự thảo Quy chế", "làm việc của Ủy ban",
      "nhân dân tỉnh", "nhiệm kỳ 2026 - 2031"),
     "V/v góp ý dự thảo Quy chế làm việc của Ủy ban nhân dân tỉnh nhiệm kỳ 2026 - 2031"),
    ("subject typed in lower case", ("UBND TỈNH LÂM ĐỒNG", "SỞ NỘI VỤ", "Số: 1234/SNV-TCBC", "v/v báo cáo số liệu"),
     "v/v báo cáo số liệu"),
    ("a capitalised line after the subject is not part of it",
     ("UBND TỈNH LÂM ĐỒNG", "SỞ NỘI VỤ", "Số: 1234/SNV-TCBC", "V/v báo cáo số liệu", "Đề án 06"),
     "V/v báo cáo số liệu"),
]


@pytest.mark.parametrize("case, header, title", CONG_VAN_HEADERS, ids=[c[0] for c in CONG_VAN_HEADERS])
def test_a_cong_van_is_named_by_its_subject_in_the_header(tmp_path, case, header, title):
    report = parse_file(_write(tmp_path, ["Kính gửi: Ủy ban nhân dân tỉnh.", "Sở Nội vụ báo cáo như sau:"],
                               header=header))
    assert (report.metadata.doc_type, report.metadata.title) == ("CÔNG VĂN", title)


def test_a_cong_van_typed_as_lines_is_named_by_its_subject():
    from pipeline.api import parse_text

    report = parse_text("UBND TỈNH LÂM ĐỒNG\nSỞ NỘI VỤ\nSố: 1234/SNV-TCBC\nV/v báo cáo số liệu cán bộ, công chức\n"
                        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                        "Kính gửi: Ủy ban nhân dân tỉnh.\nSở Nội vụ báo cáo như sau:")
    assert (report.metadata.doc_type, report.metadata.title) == ("CÔNG VĂN", "V/v báo cáo số liệu cán bộ, công chức")


# A conference paper has no national header: the body presenting it is the short line under its
# title, in ordinary case (a line in capitals, or a long one, is no byline).
PAPERS = [
    ("byline under the title", ["THAM LUẬN", "Công tác phòng, chống ma túy trong trường học", "Bộ Giáo dục và Đào tạo",
                                "I. KẾT QUẢ", "Năm học 2024-2025 đã tổ chức 120 buổi tuyên truyền."],
     "Bộ Giáo dục và Đào tạo", "Công tác phòng, chống ma túy trong trường học"),
    ("a title that opens with a body's name", ["THAM LUẬN", "Đoàn Thanh niên với chuyển đổi số", "Đoàn xã Lùng Phình",
                                               "I. KẾT QUẢ", "Năm 2025 đã tổ chức 12 lớp tập huấn."],
     "Đoàn xã Lùng Phình", "Đoàn Thanh niên với chuyển đổi số"),
    ("a long line under the title is no byline",
     ["THAM LUẬN", "Công tác phòng, chống ma túy",
      "Bộ Giáo dục và Đào tạo phối hợp với các sở, ngành tổ chức nhiều hoạt động trong năm học",
      "I. KẾT QUẢ", "Năm học 2024-2025 đã tổ chức 120 buổi tuyên truyền."],
     None, None),
]


@pytest.mark.parametrize("case, lines, issuer, title", PAPERS, ids=[c[0] for c in PAPERS])
def test_a_conference_paper_is_issued_by_its_byline(case, lines, issuer, title):
    from pipeline.api import parse_text

    meta = parse_text("\n".join(lines)).metadata
    assert meta.issuer == issuer
    if title:
        assert meta.title == title


# A header line naming a body goes on with the line above when that line ends in ",", "VÀ", "-"
# or "–" (read as "-"): "ĐẢNG ỦY CÁC CƠ QUAN ĐẢNG," / "ĐOÀN THỂ TỈNH" is one body, not two.
@pytest.mark.parametrize("ending, issuer", [
    (",", "Đảng ủy các cơ quan đảng, đoàn thể tỉnh"), (" VÀ", "Đảng ủy các cơ quan đảng và đoàn thể tỉnh"),
    (" -", "Đảng ủy các cơ quan đảng - đoàn thể tỉnh"), (" –", "Đảng ủy các cơ quan đảng - đoàn thể tỉnh"),
])
def test_a_body_name_broken_after_a_comma_and_or_dash_is_one_name(tmp_path, ending, issuer):
    header = ("TỈNH ỦY LÂM ĐỒNG", f"ĐẢNG ỦY CÁC CƠ QUAN ĐẢNG{ending}", "ĐOÀN THỂ TỈNH", "Số: 15-BC/ĐU")
    meta = parse_file(_write(tmp_path, ["BÁO CÁO", "Tình hình tháng 5 năm 2026"], header=header)).metadata
    assert (meta.superior, meta.issuer) == ("Tỉnh ủy Lâm Đồng", issuer)


def test_a_footnote_referred_to_twice_is_read_once_after_the_body():
    """The body, then each footnote a paragraph refers to, once, where it was first referred to;
    a reference to a note the file does not hold adds nothing."""
    from pipeline.models import Block, Document, Paragraph
    from pipeline.structure import build_report

    paragraphs = [Paragraph("BÁO CÁO"), Paragraph("I. KẾT QUẢ"), Paragraph("1. Triển khai Kế hoạch.", notes=("2",)),
                  Paragraph("2. Tiếp tục triển khai.", notes=("2", "9")), Paragraph("3. Kết luận.", notes=("1",))]
    document = Document(path="r.docx", format="docx", sha256="x", blocks=[Block("paragraph", [p]) for p in paragraphs],
                        notes={"1": "Công văn số 443/UBND-NC ngày 10/8/2025.", "2": "Kế hoạch số 12/KH-UBND."},
                        warnings=["word/numbering.xml: w:ilvl=\"x\" is not a whole number; ignored"])
    report = build_report(document)
    assert all(report.text[line.start:line.end] == line.block.line for line in report.lines)
    assert [line.block.paragraphs[0].style for line in report.lines if line.anchor is not None] == ["footnote"] * 2
    assert report.warnings[0] == "word/numbering.xml: w:ilvl=\"x\" is not a whole number; ignored"
    notes = [(line.block.kind, line.block.line, report.text[line.anchor:].split("\n")[0])
             for line in report.lines if line.anchor is not None]
    assert notes == [("footnote", "Kế hoạch số 12/KH-UBND.", "1. Triển khai Kế hoạch."),
                     ("footnote", "Công văn số 443/UBND-NC ngày 10/8/2025.", "3. Kết luận.")]
    assert report.text.endswith("\nKế hoạch số 12/KH-UBND.\nCông văn số 443/UBND-NC ngày 10/8/2025.")


def test_a_short_report_without_numbered_parts_has_its_title_and_says_it_has_no_parts():
    from pipeline.api import parse_text

    report = parse_text("ỦY BAN NHÂN DÂN XÃ BẮC HÀ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nBÁO CÁO TÓM TẮT\n"
                        "Tình hình tháng 5 năm 2026\nTrong tháng, xã đã tổ chức 09 hội nghị.\nNơi nhận:\n- Lưu VT.")
    meta = report.metadata
    assert (meta.doc_type, meta.title, meta.period) == ("BÁO CÁO", "Tình hình tháng 5 năm 2026", "2026-05")
    assert report.warnings == ["no numbered parts (I., 1., …) were found in the body"]
    assert report.text[report.body_start:report.body_end] == "Trong tháng, xã đã tổ chức 09 hội nghị."


@pytest.mark.parametrize("line, doc_type", [
    ("BÁO CÁO", "BÁO CÁO"), ("BÁO CÁO TÓM TẮT", "BÁO CÁO"), ("KẾ HOẠCH", "KẾ HOẠCH"),
    ("BẢN QUY ĐỊNH", "QUY ĐỊNH"),  # as a 2002 province titles its rules
    ("Báo cáo tóm tắt", None),  # a type word opens the type line only in capitals
    ("BÁO CÁOVIÊN", None),
])
def test_type_lines(line, doc_type):
    from pipeline.structure import _doc_type

    assert _doc_type(line) == doc_type


def test_a_decisions_legal_basis_is_one_section_from_the_signing_authority_to_the_last_basis(tmp_path):
    report = parse_file(_write(tmp_path, DECISION))
    preamble = report.sections[0]
    assert (preamble.path, preamble.label, preamble.title, preamble.kind) == ("preamble", "", "Căn cứ", "preamble")
    spanned = report.text[preamble.start:preamble.end]
    assert spanned.startswith("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG\nCăn cứ Luật Tổ chức chính quyền")
    assert spanned.endswith("tại Tờ trình số 519/TTr-CAT-PC06 ngày 24 tháng 12 năm 2025.")
    assert preamble.body_start == preamble.start
    assert report.lines[preamble.line - 1].start == preamble.start


# Parts after the signature that number from I again are an annex even without "PHỤ LỤC"; their
# numbering is checked apart from the body's.
def test_parts_numbered_again_after_the_signature_are_an_annex_checked_on_their_own(tmp_path):
    lines = ["BÁO CÁO", "Kết quả tháng 5 năm 2026", "I. PHẦN MỘT", "Nội dung.", "II. PHẦN HAI", "Nơi nhận:",
             "- Lưu VT.", "CHỦ TỊCH", "Nguyễn Văn An", "I. DANH SÁCH", "II. BIỂU MẪU", "II. BIỂU KHÁC"]
    report = parse_file(_write(tmp_path, lines))
    assert [(s.path, s.annex) for s in report.all_sections()] == [
        ("I", False), ("II", False), ("PL.I", True), ("PL.II", True), ("PL.II", True)]
    assert [w for w in report.warnings if "numbering" in w] == [
        "part II in an annex follows part II: the numbering repeats; kept as written"]


@pytest.mark.parametrize("annex_line, annex", [
    ("PHỤ LỤC I", ("PL", "annex", "I", "")),
    ("Chương I. QUY ĐỊNH CHUNG", ("PL.I", "chapter", "I", "QUY ĐỊNH CHUNG")),
    ("Phần I. TỔNG QUAN", ("PL.I", "part", "I", "TỔNG QUAN")),
    ("Nội dung phụ lục khác.", None),
])
def test_an_annex_begins_at_a_phu_luc_a_chapter_or_a_part_after_the_signature(tmp_path, annex_line, annex):
    lines = ["BÁO CÁO", "Kết quả tháng 5 năm 2026", "I. PHẦN MỘT", "Nội dung.", "Nơi nhận:", "- Lưu VT.",
             "CHỦ TỊCH", "Nguyễn Văn An", annex_line, "Nội dung phụ lục."]
    report = parse_file(_write(tmp_path, lines))
    annexed = [(s.path, s.kind, s.label, s.title) for s in report.all_sections() if s.annex]
    assert annexed == ([annex] if annex else [])


def test_the_decision_a_text_is_issued_with_is_its_own_number_not_a_citation():
    """"(Ban hành kèm theo Quyết định số …)" under the title names the document this text is part
    of: the title ends above it, and it is no cited document (a real 2002 .doc of An Giang)."""
    from pipeline.api import parse_text

    report = parse_text("ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nBẢN QUY ĐỊNH\n"
                        "Chính sách khuyến khích đầu tư\n(Ban hành kèm theo Quyết định số: 522/2002/QĐ.UB\n"
                        "ngày 07/3/2002 của UBND tỉnh An Giang)\nChương I\nNHỮNG QUY ĐỊNH CHUNG\n"
                        "Điều 1. Phạm vi điều chỉnh theo Nghị định số 51/1999/NĐ-CP ngày 08/7/1999 của Chính phủ.")
    assert (report.metadata.doc_type, report.metadata.title) == ("QUY ĐỊNH", "Chính sách khuyến khích đầu tư")
    assert [c.symbol for c in report.citations] == ["51/1999/NĐ-CP"]


@pytest.mark.parametrize("heading", ["Phần thứ nhất", "Chương I. QUY ĐỊNH CHUNG"])
def test_parts_inside_a_part_or_chapter_are_checked_within_it(tmp_path, heading):
    lines = ["BÁO CÁO", "Kết quả năm 2026", heading, "I. MỘT", "Nội dung.", "III. BA", "Nội dung."]
    report = parse_file(_write(tmp_path, lines))
    assert [w for w in report.warnings if "numbering" in w] == [
        "part III follows part I: the numbering skips; kept as written"]


def test_a_document_attached_after_the_signature_with_its_own_national_header_is_an_annex(tmp_path):
    """A 2004 decision of Cần Thơ and the programme it issues, in one file: the programme opens
    with its own "CỘNG HÒA …" header after the decision's signature, its parts numbered from I."""
    lines = ["QUYẾT ĐỊNH", "V/v ban hành Chương trình cải cách hành chính", "Điều 1. Ban hành Chương trình.",
             "Nơi nhận:", "- Lưu VT.", "CHỦ TỊCH", "Võ Văn An", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
             "CHƯƠNG TRÌNH", "Để triển khai Kết luận số 06-KL/TU ngày 19/5/2004 của Ban Thường vụ Thành ủy:",
             "I. ĐÁNH GIÁ KẾT QUẢ", "Nội dung.", "II. MỤC TIÊU", "Nội dung."]
    report = parse_file(_write(tmp_path, lines))
    assert [(s.label, s.annex) for s in report.all_sections() if s.kind == "roman"] == [("I", True), ("II", True)]
    assert [c.symbol for c in report.citations] == ["06-KL/TU"]


# A report laid out as a reader numbers it: dash and plus items, decimal points under their point, a
# lettered item, and two annexes after the signature. (path, kind, label, title, index of its first
# line in LAID_OUT, index of its last line): each section's text runs from its heading line to its
# last line, its body from the line after the heading.
LAID_OUT = ["BÁO CÁO", "Kết quả thực hiện nhiệm vụ tháng 5 năm 2026",
            "I. CÔNG TÁC XÂY DỰNG ĐẢNG", "1. Công tác chính trị tư tưởng", "- Tổ chức 02 hội nghị.",
            "- Tuyên truyền trên loa truyền thanh.", "+ Phát 10 bản tin.", "2. Công tác tổ chức",
            "2.1. Kết nạp đảng viên", "2.1.1. Đảng viên mới", "Kết nạp 03 đảng viên.", "2.1.2. Đảng viên dự bị",
            "2.2. Chuyển sinh hoạt đảng", "a) Chuyển đi 01 đảng viên.",
            "II. NHIỆM VỤ THÁNG 6",
            # A point that runs on past a heading's length: its title is its first clause, its body the line.
            "1. Công tác kiểm tra, giám sát: Ủy ban Kiểm tra Đảng ủy tiếp tục kiểm tra 02 tổ chức đảng và giám sá"
            "t chuyên đề đối với 03 đảng viên theo chương trình năm 2026, bảo đảm đúng quy định. Kết quả được báo cáo Ban Thường vụ Đảng ủy trước ngày 30/6/2026.",
            "- Tiếp tục thực hiện các nhiệm vụ.", "Nơi nhận:", "- Lưu VT.", "CHỦ TỊCH",
            "Nguyễn Văn An", "PHỤ LỤC", "I. BIỂU MỘT", "Nội dung biểu một.", "PHỤ LỤC II", "I. BIỂU HAI",
            "Nội dung biểu hai."]
SECTIONS_LAID_OUT = [
    ("I", "roman", "I", "CÔNG TÁC XÂY DỰNG ĐẢNG", 2, 13),
    ("I.1", "arabic", "1", "Công tác chính trị tư tưởng", 3, 6),
    ("I.1.-1", "dash", "-", "Tổ chức 02 hội nghị.", 4, 4),
    ("I.1.-2", "dash", "-", "Tuyên truyền trên loa truyền thanh.", 5, 6),
    ("I.1.-2.+1", "plus", "+", "Phát 10 bản tin.", 6, 6),
    ("I.2", "arabic", "2", "Công tác tổ chức", 7, 13),
    ("I.2.1", "decimal", "2.1", "Kết nạp đảng viên", 8, 11),
    ("I.2.1.1", "decimal", "2.1.1", "Đảng viên mới", 9, 10),
    ("I.2.1.2", "decimal", "2.1.2", "Đảng viên dự bị", 11, 11),
    ("I.2.2", "decimal", "2.2", "Chuyển sinh hoạt đảng", 12, 13),
    ("I.2.2.a", "letter", "a", "Chuyển đi 01 đảng viên.", 13, 13),
    ("II", "roman", "II", "NHIỆM VỤ THÁNG 6", 14, 16),
    ("II.1", "arabic", "1", "Công tác kiểm tra, giám sát:", 15, 16),
    ("II.1.-1", "dash", "-", "Tiếp tục thực hiện các nhiệm vụ.", 16, 16),
    # Each annex numbers its parts afresh: the second one's paths are under PL2.
    ("PL", "annex", "", "", 21, 23),
    ("PL.I", "roman", "I", "BIỂU MỘT", 22, 23),
    ("PL2", "annex", "II", "", 24, 26),
    ("PL2.I", "roman", "I", "BIỂU HAI", 25, 26),
]


def test_every_section_spans_its_heading_to_its_last_line_and_its_body_follows_the_heading(tmp_path):
    report = parse_file(_write(tmp_path, LAID_OUT))
    got = [(s.path, s.kind, s.label, s.title, report.text[s.start:s.end], report.text[s.body_start:s.end],
            report.line_of(s.start) == s.line, s.annex) for s in report.all_sections()]
    long_point = LAID_OUT.index(next(line for line in LAID_OUT if len(line) > 200))
    assert got == [(path, kind, label, title, "\n".join(LAID_OUT[first:last + 1]),
                    "\n".join(LAID_OUT[first + (first != long_point):last + 1]), True, path.startswith("PL"))
                   for path, kind, label, title, first, last in SECTIONS_LAID_OUT]


def test_a_report_that_opens_on_its_first_part_keeps_that_part():
    report = parse_text("I. KẾT QUẢ\nNội dung.\nII. NHIỆM VỤ\nNội dung hai.")
    assert [(s.path, report.text[s.start:s.end]) for s in report.all_sections()] == [
        ("I", "I. KẾT QUẢ\nNội dung."), ("II", "II. NHIỆM VỤ\nNội dung hai.")]


def test_a_table_between_parts_neither_ends_the_parts_nor_joins_the_title(tmp_path):
    rows = [["Chỉ tiêu", "Kết quả"], ["Thu ngân sách (triệu đồng)", "1.250"]]
    report = parse_file(_write(tmp_path, ["BÁO CÁO", "Kết quả tháng 5 năm 2026", "I. KẾT QUẢ", rows,
                                          "II. NHIỆM VỤ THÁNG 6", "1. Thu ngân sách", "Nơi nhận:", "- Lưu VT."]))
    assert [s.path for s in report.all_sections()] == ["I", "II", "II.1"]
    report = parse_file(_write(tmp_path, ["BÁO CÁO", "Kết quả tháng 5 năm 2026", rows, "I. KẾT QUẢ", "Nơi nhận:",
                                          "- Lưu VT."]))
    assert report.metadata.title == "Kết quả tháng 5 năm 2026"


# (what the lines under the type word show, the lines, the title a reader reads): a title ends at
# the first line that is no part of it; it may wrap over lines in capitals or at "của".
TITLES = [
    ("a title in capitals over two lines", ["BÁO CÁO", "KẾT QUẢ CÔNG TÁC THÁNG 5", "VÀ NHIỆM VỤ THÁNG 6 NĂM 2026"],
     "KẾT QUẢ CÔNG TÁC THÁNG 5 VÀ NHIỆM VỤ THÁNG 6 NĂM 2026"),
    ("a title wrapped before the body that issued the directive",
     ["KẾ HOẠCH", "Thực hiện Chỉ thị số 05-CT/TU của", "Ban Thường vụ Tỉnh ủy về cải cách hành chính"],
     "Thực hiện Chỉ thị số 05-CT/TU của Ban Thường vụ Tỉnh ủy về cải cách hành chính"),
    ("a title that opens with a body's name", ["KẾ HOẠCH", "Hội nghị Ban Chấp hành Đảng bộ xã lần thứ 5"],
     "Hội nghị Ban Chấp hành Đảng bộ xã lần thứ 5"),
    ("a title with its year set between dashes on the next line",
     ["KẾ HOẠCH", "Tổ chức các hoạt động mừng Đảng, mừng Xuân", "- Bính Ngọ 2026 -"],
     "Tổ chức các hoạt động mừng Đảng, mừng Xuân - Bính Ngọ 2026 -"),
    ("a sentence ending in a colon opens the body",
     ["BÁO CÁO", "Kết quả tháng 5 năm 2026", "Trong tháng, Ủy ban nhân dân xã đạt được kết quả như sau:"],
     "Kết quả tháng 5 năm 2026"),
    ("a legal basis ending in a semicolon opens the body",
     ["KẾ HOẠCH", "Triển khai Đề án 06 năm 2026",
      "Căn cứ Kế hoạch số 12/KH-UBND ngày 05/01/2026 của Ủy ban nhân dân tỉnh;"],
     "Triển khai Đề án 06 năm 2026"),
]


@pytest.mark.parametrize("case, lines, title", TITLES, ids=[c[0] for c in TITLES])
def test_a_title_ends_where_a_reader_sees_it_end(tmp_path, case, lines, title):
    report = parse_file(_write(tmp_path, [*lines, "I. MỤC ĐÍCH", "Bảo đảm tiến độ."]))
    assert report.metadata.title == title


# (where the body starts when there is no type line, the text, the line the body opens with).
BODY_STARTS = [
    ("at part I, under a header", "UBND XÃ LÙNG PHÌNH\nSố liệu tháng 5\nI. KẾT QUẢ\nThu ngân sách đạt 52%.\n"
     "1. Kinh tế\nII. NHIỆM VỤ", "I. KẾT QUẢ"),
    ("at the legal basis before part I", "UBND XÃ LÙNG PHÌNH\nCăn cứ Kế hoạch số 12/KH-UBND;\nI. KẾT QUẢ\n"
     "Thu ngân sách đạt 52%.", "Căn cứ Kế hoạch số 12/KH-UBND;"),
    ("at the first line of a text with neither", "Thu ngân sách đạt 52%.\nChi ngân sách đạt 40%.",
     "Thu ngân sách đạt 52%."),
]


@pytest.mark.parametrize("case, text, first_line", BODY_STARTS, ids=[c[0] for c in BODY_STARTS])
def test_without_a_type_line_the_body_opens_at_part_i_or_the_legal_basis(case, text, first_line):
    report = parse_text(text)
    assert report.text[report.body_start:].split("\n")[0] == first_line


def test_a_report_with_nothing_between_title_and_signature_has_an_empty_body(tmp_path):
    report = parse_file(_write(tmp_path, ["BÁO CÁO", "Kết quả tháng 5 năm 2026", "Nơi nhận:", "- Lưu VT."]))
    assert report.metadata.title == "Kết quả tháng 5 năm 2026"
    assert (report.body_start, report.body_end) == (report.text.index("Nơi nhận"),) * 2


def test_a_body_that_is_only_its_closing_formula_closes_where_it_opens():
    report = parse_text("BÁO CÁO\nKết quả tháng 5 năm 2026\nTrên đây là báo cáo kết quả tháng 5 của xã.\n"
                        "Nơi nhận:\n- Lưu VT.")
    assert closing_start(report) == report.body_start == report.text.index("Trên đây là")


def test_a_decision_with_a_legal_basis_but_no_numbered_article_says_it_has_no_parts():
    report = parse_text("QUYẾT ĐỊNH\nVề việc giao nhiệm vụ\nCăn cứ Luật Tổ chức chính quyền địa phương;\n"
                        "QUYẾT ĐỊNH:\nGiao Văn phòng thực hiện.\nNơi nhận:\n- Lưu VT.")
    assert [s.kind for s in report.sections] == ["preamble"]
    assert "no numbered parts (I., 1., …) were found in the body" in report.warnings


def test_the_legal_basis_runs_to_the_enacting_body_in_capitals_after_it():
    """A Party decision: "BAN THƯỜNG VỤ ĐẢNG ỦY QUYẾT ĐỊNH" after the basis belongs to it."""
    report = parse_text("QUYẾT ĐỊNH\nvề việc kiện toàn Ban Chỉ đạo\nCăn cứ Điều lệ Đảng Cộng sản Việt Nam;\n"
                        "Xét đề nghị của Văn phòng Đảng ủy,\nBAN THƯỜNG VỤ ĐẢNG ỦY QUYẾT ĐỊNH\n"
                        "Điều 1. Kiện toàn Ban Chỉ đạo.")
    preamble = report.sections[0]
    assert report.text[preamble.start:preamble.end] == (
        "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;\nXét đề nghị của Văn phòng Đảng ủy,\nBAN THƯỜNG VỤ ĐẢNG ỦY QUYẾT ĐỊNH")
    assert [s.path for s in report.sections[1:]] == ["Điều 1"]


@pytest.mark.parametrize("case, lines, paths", [
    ("the addressees' dashes before part I", ["Kính gửi:", "- Thường trực Đảng ủy xã;", "- Ủy ban nhân dân xã.",
                                              "I. KẾT QUẢ", "Nội dung.", "II. NHIỆM VỤ"], ["I", "II"]),
    ("a line in part I that names an annex", ["I. KẾT QUẢ", "Phụ lục 01 kèm theo báo cáo này.", "II. NHIỆM VỤ"],
     ["I", "II"]),
])
def test_body_lines_that_look_like_structure_are_text(tmp_path, case, lines, paths):
    report = parse_file(_write(tmp_path, ["BÁO CÁO", "Kết quả tháng 5 năm 2026", *lines]))
    assert [(s.path, s.kind) for s in report.all_sections()] == [(p, "roman") for p in paths]


@pytest.mark.parametrize("opening", [["PHỤ LỤC"], []], ids=["under PHỤ LỤC", "numbered again from I"])
def test_an_annex_has_its_numbering_checked_after_the_body(tmp_path, opening):
    lines = ["BÁO CÁO", "Kết quả tháng 5 năm 2026", "I. KẾT QUẢ", "II. NHIỆM VỤ", "II. KIẾN NGHỊ", "Nơi nhận:",
             "- Lưu VT.", "CHỦ TỊCH", "Nguyễn Văn An", *opening, "I. SỐ LIỆU", "III. BIỂU MẪU"]
    report = parse_file(_write(tmp_path, lines))
    assert [w for w in report.warnings if "numbering" in w] == [
        "part II follows part II: the numbering repeats; kept as written",
        "part III in an annex follows part I: the numbering skips; kept as written"]


# A short line of the body that names a draft ("dự thảo") is what the report talks about, not a
# mark on the report: marks are read in the header and the footer only.
@pytest.mark.parametrize("text", [
    "BÁO CÁO\nKết quả tháng 5 năm 2026\nI. KẾT QUẢ\nĐã góp ý dự thảo Nghị quyết.\nNơi nhận:\n- Lưu VT.",
    "UBND XÃ LÙNG PHÌNH\nSố: 12/UBND-VP\nV/v góp ý văn bản\nKính gửi: Phòng Nội vụ.\nĐã góp ý dự thảo Nghị quyết.\n"
    "Nơi nhận:\n- Lưu VT.",
])
def test_a_draft_named_in_the_body_is_no_mark_on_the_report(text):
    assert parse_text(text).metadata.marks == []


# (the form, the text, the title): a law-making body's name in capitals between the title and the
# legal basis is the enacting body, not a line of the title; a title in capitals may stand right
# over the legal basis.
ENACTING_BODIES = [
    ("a Standing Committee resolution", "NGHỊ QUYẾT\nVỀ VIỆC SẮP XẾP CÁC ĐƠN VỊ HÀNH CHÍNH CẤP XÃ\n"
     "ỦY BAN THƯỜNG VỤ QUỐC HỘI\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\nQUYẾT NGHỊ:\n"
     "Điều 1. Sắp xếp các đơn vị hành chính cấp xã.", "VỀ VIỆC SẮP XẾP CÁC ĐƠN VỊ HÀNH CHÍNH CẤP XÃ"),
    ("a title in capitals right over the legal basis", "QUYẾT ĐỊNH\nVỀ VIỆC GIAO CHỈ TIÊU NĂM 2026\n"
     "Căn cứ Luật Tổ chức chính quyền địa phương;\nQUYẾT ĐỊNH:\nĐiều 1. Giao chỉ tiêu.", "VỀ VIỆC GIAO CHỈ TIÊU NĂM 2026"),
]


@pytest.mark.parametrize("case, text, title", ENACTING_BODIES, ids=[c[0] for c in ENACTING_BODIES])
def test_the_enacting_body_over_the_legal_basis_is_no_part_of_the_title(case, text, title):
    report = parse_text(text)
    assert report.metadata.title == title
    assert [s.path for s in report.sections] == ["preamble", "Điều 1"]


def test_a_header_typed_in_two_columns_is_read_column_by_column():
    """A header typed with spaces instead of a layout table: each line holds both columns; a draft's
    blank number is written with spaces too and stays one number."""
    report = parse_text("ỦY BAN NHÂN DÂN XÃ LÙNG PHÌNH        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                        "Số:        /BC-UBND        Độc lập - Tự do - Hạnh phúc\n"
                        "Lùng Phình, ngày 05 tháng 6 năm 2026\nBÁO CÁO\nKết quả tháng 5 năm 2026\nI. KẾT QUẢ")
    meta = report.metadata
    assert (meta.header, meta.issuer, meta.number, meta.symbol) == (
        "state", "Ủy ban nhân dân xã Lùng Phình", None, "/BC-UBND")
    assert (meta.place, meta.date) == ("Lùng Phình", "2026-06-05")


def test_an_annex_after_a_signature_set_in_a_table_is_found(tmp_path):
    lines = ["BÁO CÁO", "Kết quả tháng 5 năm 2026", "I. KẾT QUẢ", "Nội dung.", "Nơi nhận:", "- Lưu VT.",
             [["", "TM. ỦY BAN NHÂN DÂN"]], "PHỤ LỤC", "I. SỐ LIỆU", "Nội dung phụ lục."]
    report = parse_file(_write(tmp_path, lines))
    assert [(s.path, s.annex) for s in report.all_sections()] == [("I", False), ("PL", True), ("PL.I", True)]
