"""Build real .docx files with python-docx, including the parts its API does not reach.

Used by the corpus builder and by the tests: Word auto-numbering (numbering.xml), borderless
header tables, tracked insertions and deletions, hyperlinks, fields, content controls, text boxes.
"""
from __future__ import annotations

import datetime as _dt
import itertools

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

_ids = itertools.count(1)
_EXTRA_NS = ('xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
             'xmlns:v="urn:schemas-microsoft-com:vml" '
             'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"')
_STAMP = "2026-05-28T08:00:00Z"


def new_document(comment: str = "", keywords: str = "") -> docx.Document:
    """A document laid out as Hướng dẫn 36-HD/VPTW asks of a Party report: A4, margins 20 mm top
    and bottom, 30 mm left, 15 mm right, Times New Roman 14 (python-docx's template is US Letter
    with 1-inch margins, which the format check rightly flags)."""
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = Mm(20), Mm(20), Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    props = document.core_properties
    props.comments = comment
    props.keywords = keywords
    props.author = "baocao corpus builder"
    props.created = _dt.datetime(2026, 5, 28, 8, 0, 0)
    props.modified = _dt.datetime(2026, 5, 28, 8, 0, 0)
    props.last_modified_by = "baocao corpus builder"
    props.revision = 1
    return document


def save(document, path) -> None:
    """Save with fixed zip timestamps, so that rebuilding the corpus changes no file that did not change."""
    import io
    import zipfile

    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 5, 28, 8, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))


def paragraph(container, text: str = "", bold: bool = False, italic: bool = False,
              center: bool = False, style: str | None = None, size: float | None = None):
    p = container.add_paragraph(style=style) if style else container.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold = bold or None
        run.italic = italic or None
        if size:
            run.font.size = Pt(size)
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


def borderless_table(document, rows: list[list[list[tuple[str, dict]]]]):
    """A table without borders; each cell is a list of (text, format) paragraphs."""
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    tbl_pr = table._tbl.tblPr
    tbl_pr.append(parse_xml(
        f'<w:tblBorders {nsdecls("w")}>' + "".join(
            f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + "</w:tblBorders>"))
    for r, row in enumerate(rows):
        for c, cell_paragraphs in enumerate(row):
            cell = table.cell(r, c)
            first = True
            for text, fmt in cell_paragraphs:
                p = cell.paragraphs[0] if first else cell.add_paragraph()
                first = False
                if text:
                    run = p.add_run(text)
                    run.bold = fmt.get("bold") or None
                    run.italic = fmt.get("italic") or None
                    run.underline = fmt.get("underline") or None
                    if fmt.get("size"):
                        run.font.size = Pt(fmt["size"])
                if fmt.get("center"):
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return table


def data_table(document, rows: list[list[str]], merges: list[tuple[int, int, int, int]] = (), header_rows: int = 0):
    """A bordered table as offices draw their sheets. `merges`: (row, column, last row, last
    column) merged with python-docx's `cell.merge`, which writes w:gridSpan across and w:vMerge
    down; type a merged cell's text in its first cell and leave the others "". The first
    `header_rows` rows are marked w:tblHeader, repeated by Word on every page."""
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    table.style = "Table Grid"
    # Row by row: table.cell(r, c) walks the whole table for each cell, minutes for a long sheet.
    for cells, row in zip((table_row.cells for table_row in table.rows), rows):
        for cell, text in zip(cells, row):
            cell.text = text
    for top, left, bottom, right in merges:
        merged = table.cell(top, left).merge(table.cell(bottom, right))
        for extra in merged.paragraphs[1:]:
            if not extra.text:
                extra._p.getparent().remove(extra._p)  # merge keeps each cell's empty paragraph
    for row in table.rows[:header_rows]:
        row._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
    return table


def add_abstract_numbering(document, levels: list[dict], abstract_id: int,
                           style_link: str | None = None) -> None:
    """Append a w:abstractNum. Each level: fmt, text, start, is_legal, restart, style."""
    numbering = document.part.numbering_part.element
    parts = [f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">',
             '<w:multiLevelType w:val="multilevel"/>']
    if style_link:
        parts.append(f'<w:numStyleLink w:val="{style_link}"/>')
    for ilvl, level in enumerate(levels):
        parts.append(f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{level.get("start", 1)}"/>'
                     f'<w:numFmt w:val="{level.get("fmt", "decimal")}"/>')
        if "restart" in level:
            parts.append(f'<w:lvlRestart w:val="{level["restart"]}"/>')
        if level.get("style"):
            parts.append(f'<w:pStyle w:val="{level["style"]}"/>')
        if level.get("is_legal"):
            parts.append("<w:isLgl/>")
        parts.append(f'<w:lvlText w:val="{level.get("text", "")}"/><w:lvlJc w:val="left"/>'
                     f'<w:pPr><w:ind w:left="{360 * (ilvl + 1)}" w:hanging="360"/></w:pPr></w:lvl>')
    parts.append("</w:abstractNum>")
    element = parse_xml("".join(parts))
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(element)
    else:
        numbering.append(element)


def add_num(document, num_id: int, abstract_id: int, start_overrides: dict[int, int] | None = None) -> int:
    numbering = document.part.numbering_part.element
    overrides = "".join(f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
                        for ilvl, start in (start_overrides or {}).items())
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                               f'<w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'))
    return num_id


def set_numbering(p, num_id: int, ilvl: int = 0) -> None:
    p_pr = p._p.get_or_add_pPr()
    p_pr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/>'
                          f'<w:numId w:val="{num_id}"/></w:numPr>'))


def numbered_style(document, style_id: str, name: str, num_id: int, ilvl: int | None = None,
                   based_on: str | None = None, bold: bool = True):
    """A paragraph style that numbers its paragraphs (how Heading 1 numbering is set up)."""
    ilvl_xml = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    num = f'<w:numPr>{ilvl_xml}<w:numId w:val="{num_id}"/></w:numPr>' if num_id is not None else ""
    document.styles.element.append(parse_xml(
        f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>'
        f'{based}<w:pPr>{num}</w:pPr><w:rPr>{"<w:b/>" if bold else ""}</w:rPr></w:style>'))


def _run_xml(text: str, deleted: bool = False, bold: bool = False) -> str:
    tag = "w:delText" if deleted else "w:t"
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{rpr}<{tag} xml:space="preserve">{_escape(text)}</{tag}></w:r>'


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _append(p, xml: str) -> None:
    p._p.append(parse_xml(xml))


def text(p, value: str, bold: bool = False) -> None:
    run = p.add_run(value)
    run.bold = bold or None


def tracked_insert(p, value: str, author: str = "Văn phòng Đảng ủy") -> None:
    _append(p, f'<w:ins {nsdecls("w")} w:id="{next(_ids)}" w:author="{author}" w:date="{_STAMP}">'
               f'{_run_xml(value)}</w:ins>')


def tracked_delete(p, value: str, author: str = "Văn phòng Đảng ủy") -> None:
    _append(p, f'<w:del {nsdecls("w")} w:id="{next(_ids)}" w:author="{author}" w:date="{_STAMP}">'
               f'{_run_xml(value, deleted=True)}</w:del>')


def hyperlink(p, value: str, url: str) -> None:
    rel = p.part.relate_to(url, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
                           is_external=True)
    _append(p, f'<w:hyperlink {nsdecls("w", "r")} r:id="{rel}">{_run_xml(value)}</w:hyperlink>')


def simple_field(p, instruction: str, result: str) -> None:
    _append(p, f'<w:fldSimple {nsdecls("w")} w:instr=" {instruction} ">{_run_xml(result)}</w:fldSimple>')


def complex_field(p, instruction: str, result: str) -> None:
    """A field as Word writes most of them: begin, instruction, separate, result, end."""
    _append(p, f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>')
    _append(p, f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>')
    _append(p, f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>')
    _append(p, f'<w:r {nsdecls("w")}><w:t xml:space="preserve">{_escape(result)}</w:t></w:r>')
    _append(p, f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>')


def content_control(p, value: str) -> None:
    _append(p, f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="Nội dung"/></w:sdtPr>'
               f'<w:sdtContent>{_run_xml(value)}</w:sdtContent></w:sdt>')


def text_box(p, value: str) -> None:
    """A text box as Word 2010+ writes it: a DrawingML choice and a VML fallback holding the same text."""
    box = f'<w:txbxContent><w:p>{_run_xml(value)}</w:p></w:txbxContent>'
    _append(p, (
        f'<w:r {nsdecls("w", "a", "wp")} {_EXTRA_NS}><mc:AlternateContent>'
        f'<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData '
        f'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx>'
        f'{box}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
        f'<mc:Fallback><w:pict><v:rect><v:textbox>{box}</v:textbox></v:rect></w:pict></mc:Fallback>'
        f'</mc:AlternateContent></w:r>'))
