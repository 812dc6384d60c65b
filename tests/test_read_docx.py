"""The .docx reader against what Word shows: numbering labels, tracked changes, fields, parts."""
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from lxml import etree

import docxkit
from test_hardening import MALFORMED_CASES
from pipeline.numbering import format_number, is_on
from pipeline.read import read_document


def labels(path):
    doc = read_document(path)
    return [(p.label, p.text) for b in doc.blocks for p in b.paragraphs]


@pytest.fixture(scope="module")
def stress_docx(tmp_path_factory):
    """Numbering cases Word handles and naive readers get wrong, with the labels Word shows."""
    document = docxkit.new_document()
    add = docxkit.add_abstract_numbering
    add(document, [{"fmt": "upperRoman", "text": "%1."}], abstract_id=10)
    add(document, [{"fmt": "decimal", "text": "Điều %1."}], abstract_id=20)
    add(document, [{"fmt": "upperRoman", "text": "%1."},
                   {"fmt": "decimal", "text": "%1.%2.", "is_legal": True}], abstract_id=21)
    add(document, [{"fmt": "decimal", "text": "%1."},
                   {"fmt": "lowerLetter", "text": "%2)", "restart": 0}], abstract_id=30)
    add(document, [{"fmt": "upperRoman", "text": "%1.", "style": "BCHeading1"},
                   {"fmt": "decimal", "text": "%2.", "style": "BCHeading2"}], abstract_id=40)
    add(document, [{"fmt": "bullet", "text": "\uf0b7"}], abstract_id=50)
    for num_id, abstract_id in ((1, 10), (2, 10), (4, 20), (5, 21), (6, 30), (7, 40), (8, 50)):
        docxkit.add_num(document, num_id, abstract_id)
    docxkit.add_num(document, 3, 10, start_overrides={0: 5})
    docxkit.numbered_style(document, "BCHeading1", "BC Heading 1", num_id=7)
    # Heading 2 inherits numId from Heading 1 and sets only its level: inherited independently.
    docxkit.numbered_style(document, "BCHeading2", "BC Heading 2", num_id=None, ilvl=1, based_on="BCHeading1")

    expected = []

    def para(text, label, num=None, ilvl=0, style=None):
        p = docxkit.paragraph(document, text, style=style)
        if num is not None:
            docxkit.set_numbering(p, num, ilvl)
        expected.append((label, text))

    para("Danh sách một, mục đầu", "I.", 1)
    para("Danh sách hai dùng chung đánh số", "II.", 2)
    para("Danh sách một tiếp tục", "III.", 1)
    para("Bắt đầu lại từ năm", "V.", 3)
    para("Tiếp theo", "VI.", 3)
    para("Phạm vi điều chỉnh", "Điều 1.", 4)
    para("Đối tượng áp dụng", "Điều 2.", 4)
    para("Tình hình chung", "I.", 5, 0)
    para("Kết quả", "1.1.", 5, 1)
    para("Hạn chế", "1.2.", 5, 1)
    para("Nhiệm vụ", "II.", 5, 0)
    para("Giải pháp", "2.1.", 5, 1)
    para("Mục một", "1.", 6, 0)
    para("ý a", "a)", 6, 1)
    para("ý b", "b)", 6, 1)
    para("Mục hai", "2.", 6, 0)
    para("ý tiếp, không đánh lại", "c)", 6, 1)
    para("Không đánh số dù kiểu có số", "", 0, 0, style="BC Heading 1")
    para("Kết quả thực hiện", "I.", style="BC Heading 1")
    para("Kinh tế", "1.", style="BC Heading 2")
    para("Xã hội", "2.", style="BC Heading 2")
    para("Phương hướng", "II.", style="BC Heading 1")
    para("Nhiệm vụ trọng tâm", "1.", style="BC Heading 2")
    para("gạch đầu dòng", "•", 8)
    path = tmp_path_factory.mktemp("stress") / "numbering-stress.docx"
    document.save(path)
    return path, expected


def test_numbering_labels_are_the_ones_word_shows(stress_docx):
    path, expected = stress_docx
    assert labels(path) == expected


@pytest.mark.parametrize("n, fmt, shown", [
    (1, "upperRoman", "I"), (4, "upperRoman", "IV"), (14, "upperRoman", "XIV"), (3, "lowerRoman", "iii"),
    (1, "lowerLetter", "a"), (26, "lowerLetter", "z"), (27, "lowerLetter", "aa"), (28, "upperLetter", "BB"),
    (7, "decimalZero", "07"), (12, "decimal", "12"), (3, "none", ""),
    # Bounded (issue 10, item 5): Roman numerals up to 3999, letters up to 30 repeats, then the number.
    (3999, "upperRoman", "MMMCMXCIX"), (4000, "upperRoman", "4000"), (10**15, "lowerRoman", "1000000000000000"),
    (780, "lowerLetter", "z" * 30), (781, "upperLetter", "781"), (10**8, "lowerLetter", "100000000"),
    # Every numeral: 444 and 1666 write each of CD, XL, D, C, L once.
    (444, "upperRoman", "CDXLIV"), (1666, "upperRoman", "MDCLXVI"), (49, "lowerRoman", "xlix"),
])
def test_number_formats(n, fmt, shown):
    assert format_number(n, fmt) == shown


def test_tracked_changes_fields_links_and_text_boxes(tmp_path):
    document = docxkit.new_document()
    p = docxkit.paragraph(document, "Đã tổ chức ")
    docxkit.tracked_delete(p, "08")
    docxkit.tracked_insert(p, "09")
    docxkit.text(p, " hội nghị theo ")
    docxkit.hyperlink(p, "Nghị quyết số 72-NQ/TW", "https://example.invalid/")
    docxkit.text(p, " năm ")
    docxkit.complex_field(p, 'DOCPROPERTY "Nam"', "2025")
    docxkit.text(p, ", trang ")
    docxkit.simple_field(p, "PAGE", "3")
    docxkit.text(p, " và ")
    docxkit.content_control(p, "mục điền sẵn")
    q = docxkit.paragraph(document, "Đoạn có hộp văn bản")
    docxkit.text_box(q, "Nội dung hộp")
    section = document.sections[0]
    section.header.paragraphs[0].text = "Đầu trang: Văn phòng Đảng ủy"
    section.footer.paragraphs[0].text = "Chân trang 1"
    document.add_comment(q.runs, text="Góp ý của người duyệt", author="Người duyệt")
    path = tmp_path / "tracked.docx"
    document.save(path)

    doc = read_document(path)
    body = [b.line for b in doc.blocks]
    assert body == ["Đã tổ chức 09 hội nghị theo Nghị quyết số 72-NQ/TW năm 2025, trang 3 và mục điền sẵn",
                    "Đoạn có hộp văn bản", "Nội dung hộp"]
    assert doc.headers == ["Đầu trang: Văn phòng Đảng ủy"]
    assert doc.footers == ["Chân trang 1"]
    assert doc.comments == ["Góp ý của người duyệt"]


def test_tables_keep_their_cells(tmp_path):
    document = docxkit.new_document()
    docxkit.borderless_table(document, [[[("ĐẢNG ỦY XÃ A", {}), ("Số 12-BC/ĐU", {})],
                                         [("ĐẢNG CỘNG SẢN VIỆT NAM", {})]]])
    docxkit.paragraph(document, "Sau bảng")
    path = tmp_path / "table.docx"
    document.save(path)
    doc = read_document(path)
    row = doc.blocks[0]
    assert row.kind == "row"
    assert [[p.text for p in cell] for cell in row.cells] == [["ĐẢNG ỦY XÃ A", "Số 12-BC/ĐU"], ["ĐẢNG CỘNG SẢN VIỆT NAM"]]
    assert row.line == "ĐẢNG ỦY XÃ A Số 12-BC/ĐU | ĐẢNG CỘNG SẢN VIỆT NAM"
    assert doc.blocks[1].line == "Sau bảng"


def test_run_formatting_is_kept(tmp_path):
    document = docxkit.new_document()
    docxkit.paragraph(document, "I. TIÊU ĐỀ ĐẬM", bold=True)
    docxkit.paragraph(document, "Thân bài thường")
    path = tmp_path / "fmt.docx"
    document.save(path)
    first, second = (b.paragraphs[0] for b in read_document(path).blocks)
    assert first.bold and not second.bold
    assert first.style == "Normal"


# The malformed numbering of tests/test_hardening.py, read here in-process: there `parse` runs as a
# user runs it, which costs a process a case; here what the reader makes of each is checked directly.
@pytest.mark.parametrize("name, make, shown, warnings", MALFORMED_CASES, ids=[c[0] for c in MALFORMED_CASES])
def test_malformed_numbering_is_read_as_if_absent_with_a_warning(tmp_path, name, make, shown, warnings):
    path = tmp_path / name
    make(path)
    doc = read_document(path)
    assert [b.line for b in doc.blocks] == shown
    assert [w for w in doc.warnings if w.startswith("word/")] == warnings


# ECMA-376 ST_OnOff: a toggle is on when present without a value, or with "1", "true" or
# "on"; Word writes <w:b w:val="0"/> to unset the bold a style gives, and files from other tools
# write "false" or "off".
@pytest.mark.parametrize("val, on", [(None, True), ("1", True), ("true", True), ("on", True),
                                     ("0", False), ("false", False), ("off", False)])
def test_toggles_read_as_word_reads_them(val, on):
    attribute = f' w:val="{val}"' if val else ""
    element = etree.fromstring(f'<w:b xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"{attribute}/>')
    assert is_on(element) is on
    assert is_on(None) is False


def test_list_styles_and_level_overrides_number_as_word_does(tmp_path):
    """Two forms templates use (ECMA-376 §17.9): a list defined through a list style (the abstract
    numbering only links to the style, whose numbering holds the levels), and a w:num that redefines
    a level with w:lvlOverride/w:lvl, whose format the levels under it take."""
    document = docxkit.new_document()
    docxkit.add_abstract_numbering(document, [{"fmt": "upperRoman", "text": "%1."}], abstract_id=61)
    docxkit.add_abstract_numbering(document, [], abstract_id=60, style_link="BCList")
    docxkit.add_num(document, 12, 61)
    docxkit.add_num(document, 11, 60)
    docxkit.numbered_style(document, "BCList", "BC List", num_id=12)
    docxkit.add_abstract_numbering(document, [{"fmt": "upperRoman", "text": "%1."},
                                              {"fmt": "decimal", "text": "%1.%2."}], abstract_id=62)
    docxkit.add_num(document, 13, 62)
    document.part.numbering_part.element[-1].append(parse_xml(
        f'<w:lvlOverride {nsdecls("w")} w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="upperLetter"/><w:lvlText w:val="Phần %1."/></w:lvl></w:lvlOverride>'))
    shown = [("Kết quả", "I.", 11), ("Nhiệm vụ", "II.", 11),
             ("Phần đầu", "Phần A.", 13, 0), ("Mục", "A.1.", 13, 1), ("Mục", "A.2.", 13, 1),
             ("Phần hai", "Phần B.", 13, 0), ("Mục", "B.1.", 13, 1)]
    for text, _, num, *ilvl in shown:
        docxkit.set_numbering(docxkit.paragraph(document, text), num, *ilvl)
    path = tmp_path / "list-styles.docx"
    document.save(path)
    assert labels(path) == [(label, text) for text, label, *_ in shown]
