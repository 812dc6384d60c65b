"""The layout reader against what Word shows: paper and margins per section, and each run's font,
size, bold, italic, underline and capitals resolved through direct format, character style,
paragraph style, default paragraph style and document defaults.

Expected values come from what the test builds (python-docx) or from the files' XML read by hand,
quoted beside them; never from read_layout's own output."""
import zipfile
from dataclasses import astuple

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

import docxkit
from conftest import REAL, SEED_DOCX, needs_real
from pipeline.errors import ReadError
from pipeline.layout import PageSetup, RunFormat, read_layout
from pipeline.read import read_document
from test_bad_input import CASES as BAD_INPUT

# python-docx's default template, read by hand: theme1.xml has <a:majorFont><a:latin
# typeface="Calibri"/> and <a:minorFont><a:latin typeface="Cambria"/>; docDefaults has
# <w:rFonts w:asciiTheme="minorHAnsi" …/><w:sz w:val="22"/>; Normal has no rPr; Heading 1 is
# basedOn Normal with <w:rFonts w:asciiTheme="majorHAnsi" …/><w:b/><w:sz w:val="28"/>; its sectPr is
# <w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" …/>.
MINOR, MAJOR = "Cambria", "Calibri"


def run(text, font, size, bold=False, italic=False, underline=False, caps=False):
    return RunFormat(text=text, font=font, size_pt=size, bold=bold, italic=italic, underline=underline, caps=caps)


def paragraph_with(layout, text):
    return next(p for p in layout.paragraphs if text in p.text)


def styled(doc):
    """Cap1 is basedOn Cap0 basedOn Normal; the character style Nhan is basedOn NhanGoc."""
    cap0 = doc.styles.add_style("Cap0", WD_STYLE_TYPE.PARAGRAPH)
    cap0.base_style = doc.styles["Normal"]
    cap0.font.name, cap0.font.size, cap0.font.bold = "Times New Roman", Pt(13), True
    cap0.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    cap1 = doc.styles.add_style("Cap1", WD_STYLE_TYPE.PARAGRAPH)
    cap1.base_style = cap0
    cap1.font.italic = True
    base = doc.styles.add_style("NhanGoc", WD_STYLE_TYPE.CHARACTER)
    base.font.name, base.font.size = "Arial", Pt(9)
    emphasis = doc.styles.add_style("Nhan", WD_STYLE_TYPE.CHARACTER)
    emphasis.base_style = base
    emphasis.font.underline = True
    return doc


def doc_defaults_rpr(doc):
    return doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))


def plain(doc):
    doc.add_paragraph("thân văn bản")


def heading(doc):
    doc.add_heading("TIÊU ĐỀ", level=1)


def style_chain(doc):
    styled(doc).add_paragraph("đoạn kiểu Cap1", style="Cap1")


def character_style_chain(doc):
    styled(doc).add_paragraph(style="Cap1").add_run("chữ kiểu Nhan", style="Nhan")


def underline_none_under_underlined_style(doc):
    r = styled(doc).add_paragraph(style="Cap1").add_run("không gạch", style="Nhan")
    r.font.underline = False
    assert r._r.rPr.find(qn("w:u")).get(qn("w:val")) == "none"


def direct_over_style(doc):
    r = styled(doc).add_paragraph(style="Cap0").add_run("cỡ riêng")
    r.font.name, r.font.size = "Arial", Pt(12)


def bold_off_under_bold_style(doc):
    r = styled(doc).add_paragraph(style="Cap0").add_run("không đậm")
    r.font.bold = False
    assert r._r.rPr.find(qn("w:b")).get(qn("w:val")) in ("0", "false")


def caps_shown(doc):
    styled(doc).add_paragraph(style="Cap0").add_run("chữ thường").font.all_caps = True


def default_paragraph_style(doc):
    doc.styles["Normal"].font.name, doc.styles["Normal"].font.size = "Times New Roman", Pt(14)
    doc.add_paragraph("kiểu mặc định")


def doc_defaults(doc):
    rpr = doc_defaults_rpr(doc)
    fonts = rpr.find(qn("w:rFonts"))
    for attribute in ("asciiTheme", "hAnsiTheme"):
        del fonts.attrib[qn(f"w:{attribute}")]
    fonts.set(qn("w:ascii"), "Arial")
    rpr.find(qn("w:sz")).set(qn("w:val"), "26")
    doc.add_paragraph("mặc định tài liệu")


def only_complex_script_size(doc):
    rpr = doc_defaults_rpr(doc)
    rpr.remove(rpr.find(qn("w:sz")))
    rpr.find(qn("w:szCs")).set(qn("w:val"), "27")
    doc.add_paragraph("chỉ có szCs")


def no_size_anywhere(doc):
    rpr = doc_defaults_rpr(doc)
    for tag in ("w:sz", "w:szCs"):
        rpr.remove(rpr.find(qn(tag)))
    doc.add_paragraph("không cỡ")


def hansi_only(doc):
    r = doc.add_paragraph().add_run("chỉ hAnsi")
    r._r.get_or_add_rPr().append(parse_xml(f'<w:rFonts {nsdecls("w")} w:hAnsi="Arial"/>'))


def theme_beats_plain_font(doc):
    r = doc.add_paragraph().add_run("chủ đề")
    r._r.get_or_add_rPr().append(parse_xml(f'<w:rFonts {nsdecls("w")} w:ascii="Arial" w:asciiTheme="majorHAnsi"/>'))


def aligned_right(doc):
    styled(doc).add_paragraph("căn phải", style="Cap0").alignment = WD_ALIGN_PARAGRAPH.RIGHT


def justified(doc):
    doc.add_paragraph("căn đều hai bên").alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def justified_by_doc_defaults(doc):
    ppr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    ppr.append(parse_xml(f'<w:jc {nsdecls("w")} w:val="both"/>'))
    doc.add_paragraph("đều theo mặc định")


# (what is built, the text of the paragraph to look at, its runs, its alignment)
FORMAT_CASES = [
    (plain, "thân văn bản", [run("thân văn bản", MINOR, 11.0)], "left"),
    (heading, "TIÊU ĐỀ", [run("TIÊU ĐỀ", MAJOR, 14.0, bold=True)], "left"),
    (style_chain, "đoạn kiểu Cap1", [run("đoạn kiểu Cap1", "Times New Roman", 13.0, bold=True, italic=True)], "center"),
    (character_style_chain, "chữ kiểu Nhan",
     [run("chữ kiểu Nhan", "Arial", 9.0, bold=True, italic=True, underline=True)], "center"),
    (underline_none_under_underlined_style, "không gạch",
     [run("không gạch", "Arial", 9.0, bold=True, italic=True)], "center"),
    (direct_over_style, "cỡ riêng", [run("cỡ riêng", "Arial", 12.0, bold=True)], "center"),
    (bold_off_under_bold_style, "không đậm", [run("không đậm", "Times New Roman", 13.0)], "center"),
    (caps_shown, "chữ thường", [run("chữ thường", "Times New Roman", 13.0, bold=True, caps=True)], "center"),
    (default_paragraph_style, "kiểu mặc định", [run("kiểu mặc định", "Times New Roman", 14.0)], "left"),
    (doc_defaults, "mặc định tài liệu", [run("mặc định tài liệu", "Arial", 13.0)], "left"),
    (only_complex_script_size, "chỉ có szCs", [run("chỉ có szCs", MINOR, 13.5)], "left"),
    (no_size_anywhere, "không cỡ", [run("không cỡ", MINOR, None)], "left"),
    (hansi_only, "chỉ hAnsi", [run("chỉ hAnsi", "Arial", 11.0)], "left"),
    (theme_beats_plain_font, "chủ đề", [run("chủ đề", MAJOR, 11.0)], "left"),
    (aligned_right, "căn phải", [run("căn phải", "Times New Roman", 13.0, bold=True)], "right"),
    (justified, "căn đều hai bên", [run("căn đều hai bên", MINOR, 11.0)], "both"),
    (justified_by_doc_defaults, "đều theo mặc định", [run("đều theo mặc định", MINOR, 11.0)], "both"),
]


def build(tmp_path, make):
    doc = Document()
    make(doc)
    path = tmp_path / "built.docx"
    doc.save(path)
    return read_layout(path)


@pytest.mark.parametrize("make, text, runs, alignment", FORMAT_CASES, ids=[c[0].__name__ for c in FORMAT_CASES])
def test_run_format_resolved_as_word_shows_it(tmp_path, make, text, runs, alignment):
    paragraph = paragraph_with(build(tmp_path, make), text)
    assert (paragraph.runs, paragraph.alignment) == (runs, alignment)


@pytest.mark.parametrize("make, font, size", [
    (plain, MINOR, 11.0),
    (default_paragraph_style, "Times New Roman", 14.0),
    (doc_defaults, "Arial", 13.0),
], ids=["theme", "default paragraph style", "document defaults"])
def test_default_font_is_what_an_unformatted_run_shows(tmp_path, make, font, size):
    layout = build(tmp_path, make)
    assert (layout.default_font, layout.default_size_pt) == (font, size)


def test_style_names_and_indexes(tmp_path):
    def make(doc):
        styled(doc).add_paragraph("một", style="Cap1")
        doc.add_heading("hai", level=1)
        doc.add_paragraph("ba")

    layout = build(tmp_path, make)
    # The name as styles.xml stores it: the template's <w:name w:val="heading 1"/>.
    assert [(p.index, p.text, p.style) for p in layout.paragraphs] == [
        (0, "một", "Cap1"), (1, "hai", "heading 1"), (2, "ba", "Normal")]


def test_text_as_the_runs_show_it(tmp_path):
    """Tabs and breaks as typed; insertions, links, field results and content controls kept;
    deletions and field instructions not; a text box is a paragraph of its own, listed once."""
    def make(doc):
        p = doc.add_paragraph()
        r = p.add_run("Số:")
        r.add_tab()
        r.add_text("12/BC-UBND")
        r.add_break()
        r.add_text("giữ ")
        docxkit.tracked_insert(p, "thêm ")
        docxkit.tracked_delete(p, "bỏ ")
        # Word keeps a deleted tab as w:tab (there is no "delTab"): only skipping w:del hides it.
        p._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="99" w:author="a"><w:r><w:tab/></w:r></w:del>'))
        docxkit.hyperlink(p, "liên kết ", "https://example.org")
        docxkit.simple_field(p, "NUMPAGES", "3 ")
        docxkit.complex_field(p, "PAGE", "4 ")
        docxkit.content_control(p, "nội dung")
        docxkit.text_box(p, "DỰ THẢO")
        doc.add_paragraph("sau")

    layout = build(tmp_path, make)
    assert [p.text for p in layout.paragraphs] == [
        "Số:\t12/BC-UBND\ngiữ thêm liên kết 3 4 nội dung", "DỰ THẢO", "sau"]
    assert [r.text for r in layout.paragraphs[0].runs] == [
        "Số:\t12/BC-UBND\ngiữ ", "thêm ", "liên kết ", "3 ", "4 ", "nội dung"]


def test_header_table_cells(tmp_path):
    """The header block of Nghị định 30: a borderless two-column table, then the body, then the
    "Nơi nhận" / signature table."""
    def make(doc):
        header = doc.add_table(rows=1, cols=2)
        left, right = header.rows[0].cells
        left.paragraphs[0].add_run("ỦY BAN NHÂN DÂN")
        left.add_paragraph("XÃ LÙNG PHÌNH")
        right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").bold = True
        right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        right.add_paragraph("Độc lập - Tự do - Hạnh phúc")
        doc.add_paragraph("BÁO CÁO")
        footer = doc.add_table(rows=2, cols=2)
        footer.rows[0].cells[0].paragraphs[0].add_run("Nơi nhận:")
        footer.rows[1].cells[1].paragraphs[0].add_run("CHỦ TỊCH")
        assert "tblBorders" not in header._tbl.xml and "tblStyle" not in header._tbl.xml  # borderless

    layout = build(tmp_path, make)
    placed = [(p.text, p.in_table) for p in layout.paragraphs if p.text]
    assert placed == [("ỦY BAN NHÂN DÂN", (0, 0, 0)), ("XÃ LÙNG PHÌNH", (0, 0, 0)),
                      ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", (0, 0, 1)), ("Độc lập - Tự do - Hạnh phúc", (0, 0, 1)),
                      ("BÁO CÁO", None), ("Nơi nhận:", (1, 0, 0)), ("CHỦ TỊCH", (1, 1, 1))]
    motto = paragraph_with(layout, "CỘNG HÒA")
    assert (motto.alignment, motto.runs) == ("center", [run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", MINOR, 11.0,
                                                            bold=True)])


A4 = dict(width_mm=210.0, height_mm=297.0)
LETTER = dict(width_mm=215.9, height_mm=279.4)


def a4_with_margins(doc):
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(25)
    section.left_margin, section.right_margin = Mm(30), Mm(15)


def landscape_annex(doc):
    a4_with_margins(doc)
    doc.add_paragraph("thân")
    annex = doc.add_section()
    annex.orientation = WD_ORIENT.LANDSCAPE
    annex.page_width, annex.page_height = Mm(297), Mm(210)
    doc.add_paragraph("phụ lục")


def tracked_page_change(doc):
    """The paper before a tracked change (w:sectPrChange holds the old w:sectPr) is no section."""
    a4_with_margins(doc)
    doc.sections[0]._sectPr.append(parse_xml(
        f'<w:sectPrChange {nsdecls("w")} w:id="7" w:author="a"><w:sectPr><w:pgSz w:w="12240" w:h="15840"/>'
        f'</w:sectPr></w:sectPrChange>'))


PORTRAIT_A4 = dict(**A4, top_mm=20.0, bottom_mm=25.0, left_mm=30.0, right_mm=15.0, orientation="portrait")


# (what is built, its sections); python-docx writes whole twips, so a length is good to 1 twip (0.018 mm)
PAGE_CASES = [
    (plain, [dict(**LETTER, top_mm=25.4, bottom_mm=25.4, left_mm=31.75, right_mm=31.75, orientation="portrait")]),
    (a4_with_margins, [PORTRAIT_A4]),
    (tracked_page_change, [PORTRAIT_A4]),
    (landscape_annex, [PORTRAIT_A4, dict(PORTRAIT_A4, width_mm=297.0, height_mm=210.0, orientation="landscape")]),
]


@pytest.mark.parametrize("make, pages", PAGE_CASES, ids=[c[0].__name__ for c in PAGE_CASES])
def test_page_setup_per_section(tmp_path, make, pages):
    assert_pages(build(tmp_path, make).pages, pages)


def assert_pages(got, expected):
    got, expected = [astuple(p) for p in got], [astuple(PageSetup(**page)) for page in expected]
    assert [p[6] for p in got] == [p[6] for p in expected]
    assert [p[:6] for p in got] == [pytest.approx(p[:6], abs=0.02) for p in expected]


def test_seed_report():
    """corpus/reports/lung-phinh_2026-05_seed.docx, read by hand with zipfile:
    sectPr: <w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" …/>;
    Normal (the default paragraph style): <w:rFonts w:ascii="Times New Roman" …/><w:sz w:val="28"/>;
    docDefaults: asciiTheme minorHAnsi, sz 22 (Normal overrides both);
    the header is a two-column table with <w:tblBorders> all "nil"; its right cell's first paragraph is
    <w:jc w:val="center"/> and <w:r><w:rPr><w:b/><w:sz w:val="30"/></w:rPr><w:t>ĐẢNG CỘNG SẢN VIỆT NAM</w:t></w:r>,
    then an empty <w:p/>, then the date line with <w:i/>; the type word "BÁO CÁO" follows the table, centred,
    <w:b/><w:sz w:val="32"/>."""
    layout = read_layout(SEED_DOCX)
    # twips / 56.6929: 11906 → 210.01, 16838 → 297.01, 1134 → 20.00, 1701 → 30.00, 850 → 14.99 mm
    assert_pages(layout.pages, [dict(width_mm=210.01, height_mm=297.0, top_mm=20.0, bottom_mm=20.0, left_mm=30.0,
                                     right_mm=14.99, orientation="portrait")])
    assert (layout.default_font, layout.default_size_pt) == ("Times New Roman", 14.0)
    expected = [
        ("ĐẢNG CỘNG SẢN VIỆT NAM", (0, 0, 1), "center", run("ĐẢNG CỘNG SẢN VIỆT NAM", "Times New Roman", 15.0, bold=True)),
        ("Lùng Phình, ngày", (0, 0, 1), "center",
         run("Lùng Phình, ngày    tháng 5 năm 2026", "Times New Roman", 14.0, italic=True)),
        ("ĐẢNG ỦY XÃ LÙNG PHÌNH", (0, 0, 0), "center", run("ĐẢNG ỦY XÃ LÙNG PHÌNH", "Times New Roman", 14.0, bold=True)),
        ("BÁO CÁO", None, "center", run("BÁO CÁO", "Times New Roman", 16.0, bold=True)),
    ]
    for text, place, alignment, shown in expected:
        paragraph = paragraph_with(layout, text)
        assert (paragraph.in_table, paragraph.alignment, paragraph.runs) == (place, alignment, [shown])
    header_cell = [p.text for p in layout.paragraphs if p.in_table == (0, 0, 1)]
    assert header_cell == ["ĐẢNG CỘNG SẢN VIỆT NAM", "", "Lùng Phình, ngày    tháng 5 năm 2026"]


# Real documents, each read by hand (zipfile and the XML, quoted): (file, its sections as
# (w, h, top, bottom, left, right, orient) in twips, the national header's place, alignment and runs).
TWIPS = 1440 / 25.4


def twips(w, h, top, bottom, left, right, orientation="portrait"):
    return dict(width_mm=w / TWIPS, height_mm=h / TWIPS, top_mm=top / TWIPS, bottom_mm=bottom / TWIPS,
                left_mm=left / TWIPS, right_mm=right / TWIPS, orientation=orientation)


REAL_CASES = [
    # <w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:left="1985" w:right="244" … w:top="1418" … w:bottom="1134"/>;
    # the header paragraph names <w:pStyle w:val="Normal"/> (a style with no w:default: LibreOffice wrote
    # it) whose rFonts ascii is Times New Roman; the run: <w:b/><w:sz w:val="26"/>; <w:jc w:val="center"/>.
    ("chinhphu_nd30_2020_phuluc4_mau_qlvb.docx", [twips(11906, 16838, 1418, 1134, 1985, 244)],
     (5, 0, 1), "center", [run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Times New Roman", 13.0, bold=True)]),
    # Two sections, both <w:pgSz w:w="11907" w:h="16840"/><w:pgMar w:top="1134" w:right="1134"
    # w:bottom="1134" w:left="1701"/>; no pStyle, so Normal (w:default="1"): rFonts ascii Times New
    # Roman, sz 26 (docDefaults says Calibri, no sz); the run: <w:b/> only; <w:jc w:val="center"/>.
    ("lamdong_qd_dieule_hh_dulich_2026.docx", [twips(11907, 16840, 1134, 1134, 1701, 1134)] * 2,
     (0, 0, 1), "center", [run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Times New Roman", 13.0, bold=True)]),
    # Eight sections: A4 <w:pgSz w:w="11907" w:h="16839"/> top 1134 right 1134 bottom 993 left 1701, then
    # seven <w:pgSz w:w="15840" w:h="12240" w:orient="landscape"/>, top 1040 right 1080 left 1440 and
    # bottoms 993, 280, 1134, 1135, 280, 1135, 280. The header paragraph has no jc and no pStyle:
    # Normal's <w:jc w:val="left"/> beats pPrDefault's <w:jc w:val="both"/>. Its five runs all carry
    # <w:rFonts w:ascii="Times New Roman"/><w:b/><w:sz w:val="26"/>, four of them spaces only.
    ("lamdong_bc_cchc_quy1_2026.docx",
     [twips(11907, 16839, 1134, 993, 1701, 1134)]
     + [twips(15840, 12240, 1040, bottom, 1440, 1080, "landscape") for bottom in (993, 280, 1134, 1135, 280, 1135, 280)],
     (0, 0, 1), "left",
     [run(text, "Times New Roman", 13.0, bold=True) for text in (" ", "    ", " ", "   ",
                                                                 "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")]),
]


@needs_real
@pytest.mark.parametrize("name, pages, place, alignment, runs", REAL_CASES, ids=[c[0] for c in REAL_CASES])
def test_real_documents(name, pages, place, alignment, runs):
    layout = read_layout(REAL / "docx" / name)
    assert_pages(layout.pages, pages)
    header = paragraph_with(layout, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert (header.in_table, header.alignment, header.runs) == (place, alignment, runs)


@needs_real
def test_real_default_font_from_a_legacy_template():
    """lamdong_bc_cchc_quy1_2026.docx: Normal is <w:rFonts w:ascii="VNI-Times" …/><w:sz w:val="28"/> over
    docDefaults' theme font: a template copied forward from the VNI years, its text typed in Times New Roman."""
    layout = read_layout(REAL / "docx" / "lamdong_bc_cchc_quy1_2026.docx")
    assert (layout.default_font, layout.default_size_pt) == ("VNI-Times", 14.0)


# Every refusal of a .docx comes from the reader's own opening, word for word.
# A .pdf is read (pipeline.read_pdf) but has no Word layout: refused on its own terms below.
DOCX_REFUSALS = [case for case in BAD_INPUT if case[0].endswith((".docx", ".doc")) and case[2] != "holds no text"]


@pytest.mark.parametrize("name, make, problem", DOCX_REFUSALS, ids=[c[0] for c in DOCX_REFUSALS])
def test_a_bad_file_is_refused_as_the_reader_refuses_it(tmp_path, name, make, problem):
    path = tmp_path / name
    make(path)
    with pytest.raises(ReadError) as by_reader:
        read_document(path)
    with pytest.raises(ReadError) as by_layout:
        read_layout(path)
    assert str(by_layout.value) == str(by_reader.value)
    assert problem in str(by_layout.value)


@pytest.mark.parametrize("name, says", [("report.txt", "is a text file, which has no layout"),
                                        ("report.pdf", "is a PDF, which keeps no Word layout")])
def test_a_text_file_or_a_pdf_has_no_layout(tmp_path, name, says):
    path = tmp_path / name
    path.write_text("BÁO CÁO\n", encoding="utf-8")
    with pytest.raises(ReadError, match=says):
        read_layout(path)


def test_a_theme_font_without_a_theme_is_unknown(tmp_path):
    """A run naming the major theme font in a file without word/theme/theme1.xml: the font is not
    known, and Normal's Arial, further from the run, must not stand in for it."""
    doc = Document()
    doc.styles["Normal"].font.name = "Arial"
    r = doc.add_paragraph().add_run("không rõ phông")
    r._r.get_or_add_rPr().append(parse_xml(f'<w:rFonts {nsdecls("w")} w:asciiTheme="majorHAnsi"/>'))
    doc.save(tmp_path / "with-theme.docx")
    with zipfile.ZipFile(tmp_path / "with-theme.docx") as source, \
            zipfile.ZipFile(tmp_path / "no-theme.docx", "w") as target:
        for name in source.namelist():
            if name != "word/theme/theme1.xml":
                target.writestr(name, source.read(name))
    assert read_layout(tmp_path / "with-theme.docx").paragraphs[0].runs[0].font == MAJOR
    assert read_layout(tmp_path / "no-theme.docx").paragraphs[0].runs[0].font is None
