"""Lay out a report: its text line by line, the section tree, and the metadata of header and footer.

Headings are found by reading the text, not styles: these offices type "I." and "1." into bold
paragraphs far more often than they use Heading styles. Word-generated labels arrive from the
reader already in front of the text, so typed and generated numbering look the same here.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from pipeline.models import Block, Document, Line, Metadata, Paragraph, Report, Section
from pipeline.normalise import clean_text, fold
from pipeline.tables import read_tables

_ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"
_ORDINALS = {"nhất": "I", "một": "I", "hai": "II", "ba": "III", "tư": "IV", "bốn": "IV", "năm": "V", "sáu": "VI",
             "bảy": "VII", "tám": "VIII", "chín": "IX", "mười": "X"}
_HEADING_PATTERNS = [
    # "PHẦN I", "Phần thứ hai", "BƯỚC MỘT", "A. KẾT QUẢ": parts above the Roman numerals, in longer reports.
    ("part", re.compile(rf"^(?:PHẦN|Phần)\s+(?P<label>(?:THỨ|thứ)\s+\w+|(?=[IVX]){_ROMAN}(?![\w/])|\d{{1,2}}(?![\d/]))"
                        r"\s*[.:\-–]?\s*(?P<title>.*)$")),
    ("part", re.compile(r"^(?:BƯỚC|Bước)\s+(?P<label>(?:THỨ\s+|thứ\s+)?[^\W\d]+|\d{1,2})\s*[.:\-–]\s*(?P<title>.*)$")),
    # Legal texts (decisions, charters, regulations): "Chương I", "Điều 1."
    ("chapter", re.compile(rf"^(?:CHƯƠNG|Chương)\s+(?P<label>(?=[IVX]){_ROMAN}|\d{{1,2}})(?![\w/])\s*[.:\-–]?\s*(?P<title>.*)$")),
    ("article", re.compile(r"^(?P<label>(?:Điều|ĐIỀU)\s+\d{1,3}[a-z]?)\s*[.:]\s*(?P<title>.*)$")),
    ("part", re.compile(r"^(?P<label>[A-E])\s*[.\-/)–]\s+(?P<title>[A-ZĐÂĂÊÔƠƯÀ-Ỹ][^a-zđ]{3,}.*)$")),
    ("roman", re.compile(rf"^(?P<label>{_ROMAN})\s*[.\-/)–]\s*(?P<title>[^\d\s].*)$")),
    ("decimal", re.compile(r"^(?P<label>\d{1,2}(?:\.\d{1,2})+)\.?\s*(?P<title>[^\d\s.,%/].*)$")),
    ("arabic", re.compile(r"^(?P<label>\d{1,2})\s*[.)/]\s*(?P<title>[^\d\s.,%/].*)$")),
    ("letter", re.compile(r"^(?P<label>[a-zđ])\s*\)\s*(?P<title>\S.*)$")),
    ("dash", re.compile(r"^(?P<label>[-•·*])\s*(?P<title>[^\s\-*].*)$")),
    ("plus", re.compile(r"^(?P<label>\+)\s*(?P<title>\S.*)$")),
]
_RANK = {"annex": -3, "part": -2, "chapter": -1, "roman": 0, "article": 0, "arabic": 1, "decimal": 1, "letter": 10,
         "dash": 11, "plus": 12}
# An annex after the signature: "PHỤ LỤC", "Phụ lục I", "PHỤ BIỂU SỐ 02", numbered on its own.
_ANNEX = re.compile(r"^(?:PHỤ\s+LỤC|Phụ\s+lục|PHỤ\s+BIỂU|Phụ\s+biểu)(?:\s+(?:SỐ\s+|số\s+)?(?P<label>[IVX]+|\d{1,2}[a-z]?))?"
                    r"(?![\w/])\s*[.:\-–]?\s*(?P<title>.{0,200})$")
# Lines that open the legal basis between a title and part I, or the letter's address.
_PREAMBLE_LEAD = re.compile(r"^(?:Căn\s+cứ|Thực\s+hiện|Theo\s+đề\s+nghị|Theo\s+(?:chỉ\s+đạo|ý\s+kiến)|Xét\s|"
                            r"Kính\s+gửi|Triển\s+khai\s+thực\s+hiện|Qua\s+xem\s+xét)", re.I)
_ADDRESS = re.compile(r"^Kính\s+(?:gửi|thưa)", re.I)
# "QUYẾT ĐỊNH:", "QUYẾT NGHỊ:" — where a decision's articles begin after its legal basis.
_ENACTING = re.compile(r"^(?:QUYẾT\s+ĐỊNH|QUYẾT\s+NGHỊ|KẾT\s+LUẬN|CHỈ\s+THỊ|BAN\s+HÀNH)\s*:?\s*$")
_TITLE_MAX = 200

# Every type of Nghị định 30/2020/NĐ-CP (Điều 7) and of the Party's documents (Quy định 399-QĐ/TW),
# and the conference papers offices keep beside them.
DOC_TYPES = ("BÁO CÁO", "KẾ HOẠCH", "KẾT LUẬN", "NGHỊ QUYẾT", "QUYẾT ĐỊNH", "CHƯƠNG TRÌNH",
             "THÔNG BÁO", "TỜ TRÌNH", "PHIẾU TRÌNH", "HƯỚNG DẪN", "CHỈ THỊ", "QUY ĐỊNH", "BIÊN BẢN", "ĐỀ ÁN",
             "PHƯƠNG ÁN", "DỰ ÁN", "THÔNG TRI", "CÔNG VĂN", "CÔNG ĐIỆN", "QUY CHẾ", "DIỄN VĂN", "THÔNG CÁO",
             "THÔNG TƯ", "NGHỊ ĐỊNH", "HỢP ĐỒNG", "BẢN GHI NHỚ", "BẢN THỎA THUẬN", "BẢN THOẢ THUẬN",
             "GIẤY ỦY QUYỀN", "GIẤY UỶ QUYỀN", "GIẤY MỜI", "GIẤY GIỚI THIỆU", "GIẤY NGHỈ PHÉP", "PHIẾU GỬI",
             "PHIẾU CHUYỂN", "PHIẾU BÁO", "THƯ CÔNG", "ĐIỀU LỆ", "THAM LUẬN", "BÀI PHÁT BIỂU", "PHÁT BIỂU",
             "GIẢI TRÌNH", "TÓM TẮT", "LỜI KÊU GỌI", "THÔNG ĐIỆP", "NGHỊ QUYẾT LIÊN TỊCH", "CHƯƠNG TRÌNH HÀNH ĐỘNG")
_MARKS = [("Dự thảo", re.compile(r"\bdự\s+thảo\b", re.I)),
          ("Tuyệt mật", re.compile(r"\bTUYỆT MẬT\b")),
          ("Tối mật", re.compile(r"\bTỐI MẬT\b")),
          ("Mật", re.compile(r"(?<![ỆỐ] )\bMẬT\b")),
          ("Hỏa tốc", re.compile(r"\bH[ỎO]A TỐC\b|\bHOẢ TỐC\b")),
          ("Khẩn", re.compile(r"\bKHẨN\b")),
          ("Lưu hành nội bộ", re.compile(r"lưu hành nội bộ", re.I))]
# National headers, compared folded: "CỘNG HÒA" and "CỘNG HOÀ" are both written.
_PARTY_HEADER = fold("ĐẢNG CỘNG SẢN VIỆT NAM")
_STATE_HEADER = fold("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
_MOTTO = re.compile(r"Độc\s+lập\s*[-–]\s*Tự\s+do", re.I)
# "Số: 12/BC-UBND"; a law-making body writes its type before it: "Nghị quyết số: 101/2025/UBTVQH15".
_NUMBER = re.compile(r"^(?:Số|[A-ZĐ][^\W\d_]*(?: [^\W\d_]+){0,3} số(?=\s*:))\s*(?P<colon>:)?\s*"
                     r"(?P<body>[\w\s\-/.&()Đđ]*?)\s*$")
_PLACE_DATE = re.compile(r"^(?P<place>[^\d,;:]{2,60}?)\s*,\s*ngày\s*(?P<day>\d{1,2})?\s*tháng\s*(?P<month>\d{1,2})\s*năm\s*(?P<year>\d{4})", re.I)
_SEPARATOR = re.compile(r"^[\s\-–—_*=.]{3,}$|^\*$")
_TRAILING_RULE = re.compile(r"\s+[\-–—_*=]{3,}$")
_SIGNER = re.compile(r"^(?P<capacity>T/M|TM\.?|K/T|KT\.?|T/L|TL\.?|Q\.)\s*(?P<body>.+)$")
_RECIPIENTS = re.compile(r"^Nơi\s+nhận\s*:?", re.I)
_CLOSING = re.compile(r"^Trên đây là")
_ISSUER_IN_TEXT = re.compile(r"(?:Ban (?:Thường vụ|Chấp hành) )?(?P<body>(?:Đảng [uủ][ỷy]|Đảng bộ|Ủy ban nhân dân|Uỷ ban nhân dân|UBND|Chi bộ)\s+(?:xã|phường|thị trấn|đặc khu|tỉnh|thành phố)\s+(?:[A-ZĐÂĂÊÔƠƯ][\wĐđ]*\s?)+)")

_PERIOD_PATTERNS = [
    (re.compile(r"quý\s+(?P<q>I{1,3}|IV|[1-4])\s*(?:/|năm)\s*(?P<y>\d{4})", re.I), "quarter"),
    (re.compile(r"(?P<n>6|sáu)\s+tháng\s+đầu\s+năm\s*(?P<y>\d{4})?", re.I), "H1"),
    (re.compile(r"(?P<n>6|sáu)\s+tháng\s+cuối\s+năm\s*(?P<y>\d{4})?", re.I), "H2"),
    (re.compile(r"(?P<n>9|chín)\s+tháng\s+(?:đầu\s+)?năm\s*(?P<y>\d{4})?", re.I), "9M"),
    (re.compile(r"tháng\s+(?P<m>\d{1,2})\s*(?:/|năm|-)\s*(?P<y>\d{4})", re.I), "month"),
    (re.compile(r"\bnăm\s+(?P<y>\d{4})\b", re.I), "year"),
]


@dataclass
class _Heading:
    kind: str
    label: str
    title: str
    line_index: int
    title_is_line: bool


def build_report(document: Document) -> Report:
    """Turn a read document into a report with its text, lines, sections and metadata.

    The text is the body in document order, then the footnotes its paragraphs refer to, one a
    line, each line remembering where its reference mark stands."""
    lines: list[Line] = []
    pieces: list[str] = []
    offset = 0
    anchors: list[tuple[str, int]] = []
    for block in document.blocks:
        text = block.line
        lines.append(Line(offset, offset + len(text), block))
        pieces.append(text)
        anchors.extend((note, offset) for p in block.paragraphs for note in p.notes)
        offset += len(text) + 1
    body_count = len(lines)
    seen: set[str] = set()
    for note, anchor in anchors:
        if note in seen or note not in document.notes:
            continue
        seen.add(note)
        block = Block("footnote", [Paragraph(document.notes[note], style="footnote")])
        lines.append(Line(offset, offset + len(block.line), block, anchor=anchor))
        pieces.append(block.line)
        offset += len(block.line) + 1
    text = "\n".join(pieces)
    report = Report(document=document, text=text, lines=lines, sections=[], metadata=Metadata(),
                    warnings=list(document.warnings))
    body_lines = lines[:body_count]
    body_first, body_last, type_index, title_end = _body_range(body_lines)
    report.body_start = body_lines[body_first].start if body_first < body_count else len(text)
    report.body_end = body_lines[body_last - 1].end if body_last > body_first else report.body_start
    annex_first = _annex_start(body_lines, body_last)
    report.sections = _preamble(body_lines, body_first, body_last)
    report.sections += _section_tree(body_lines, body_first, body_last, report.body_end)
    if annex_first < body_count:
        report.annex_start = body_lines[annex_first].start
        report.sections += _section_tree(body_lines, annex_first, body_count, body_lines[-1].end, annex=True)
    report.metadata = _metadata(body_lines, body_first, body_last, annex_first, type_index, title_end, text,
                                report.warnings)
    _warn_numbering(report.sections, report.warnings)
    if not [s for s in report.sections if s.kind != "preamble"]:
        report.warnings.append("no numbered parts (I., 1., …) were found in the body")
    report.tables = read_tables(report)
    return report


def closing_start(report: Report) -> int:
    """Where the body's closing formula ("Trên đây là báo cáo …") starts, else the body's end."""
    for line in reversed(report.lines):
        if report.body_start <= line.start < report.body_end and _CLOSING.match(line.block.line.strip()):
            return line.start
    return report.body_end


def classify_heading(line: str) -> tuple[str, str, str] | None:
    """(kind, label, title) when a line opens a numbered part or item, else None."""
    line = clean_text(line).strip()
    if _SUBJECT_LINE.match(line):
        return None  # "V/v xin chủ trương …", a subject line under a tờ trình's title, is not part V
    for kind, pattern in _HEADING_PATTERNS:
        match = pattern.match(line)
        if match and match.group("label"):
            label = match.group("label")
            if kind == "part" and label.lower().startswith("thứ"):
                ordinal = label.split()[-1].lower()
                if ordinal not in _ORDINALS:
                    continue
                label = _ORDINALS[ordinal]
            return kind, label, match.group("title").strip()
    return None


def _one_line(text: str) -> str:
    """A line as compared: cleaned, its white space runs made one space."""
    return " ".join(clean_text(text).split())


def _doc_type(line: str) -> str | None:
    # "BẢN QUY ĐỊNH", "BẢN HƯỚNG DẪN": the type as older documents title it, "bản" (a copy of) before it.
    stripped = re.sub(r"^BẢN\s+", "", _one_line(line))
    for doc_type in _DOC_TYPES_LONGEST_FIRST:
        if stripped == doc_type or stripped.startswith(doc_type + " ") and stripped.isupper():
            return doc_type
    return None


_DOC_TYPES_LONGEST_FIRST = sorted(DOC_TYPES, key=len, reverse=True)
# A công văn has no type line: its subject ("V/v …") stands under its number in the header.
_SUBJECT_LINE = re.compile(r"^(?:V/v|V/V|v/v|Về\s+việc)\b", re.I)
_TITLE_MAX_LINES = 4


def _body_range(lines: list[Line]) -> tuple[int, int, int | None, int]:
    """Index of the first body line, one past the last, of the document-type line, and one past
    the title's last line. The body opens with the legal basis where there is one."""
    type_index = None
    for i, line in enumerate(lines[:40]):
        if line.block.kind == "paragraph" and _doc_type(line.block.line):
            type_index = i
            break
    first = title_end = 0
    if type_index is not None:
        headed = any(_national_header(line.block.line) for line in lines[:type_index])
        first = title_end = _title_end(lines, type_index + 1, headed)
        if first < len(lines) and _SEPARATOR.match(clean_text(lines[first].block.line).strip()):
            first += 1
    else:
        subject = next((i for i, line in enumerate(lines[:15]) if _header_subject(line.block)), None)
        if subject is not None:
            first = title_end = subject + 1
        else:
            for i, line in enumerate(lines):
                heading = classify_heading(line.block.line)
                if heading and heading[0] == "roman" or _PREAMBLE_LEAD.match(clean_text(line.block.line).strip()):
                    first = i
                    break
    last = len(lines)
    for i in range(first, len(lines)):
        block = lines[i].block
        texts = [p.shown for p in block.paragraphs] if block.kind == "paragraph" else \
            [p.shown for cell in block.cells for p in cell]
        if any(_RECIPIENTS.match(t.strip()) or _SIGNER.match(t.strip()) for t in texts):
            last = i
            break
    return first, last, type_index, title_end


def _header_subject(block) -> str | None:
    """The "V/v …" subject of a công văn, from the header (a cell of its layout table or a line)."""
    paragraphs = block.paragraphs if block.kind == "paragraph" else [p for cell in block.cells for p in cell]
    for i, paragraph in enumerate(paragraphs):
        text = _one_line(paragraph.shown)
        if _SUBJECT_LINE.match(text) and len(text) < 400:
            rest = [line for line in (_one_line(p.shown) for p in paragraphs[i + 1:]) if line]
            # The subject may wrap onto the cell's next paragraphs, which start in lower case.
            more = itertools.takewhile(lambda line: line[0].islower(), rest)
            return " ".join([text, *more])
    return None


def _national_header(line: str) -> str | None:
    folded = fold(line)
    return "party" if _PARTY_HEADER in folded else "state" if _STATE_HEADER in folded else None


def _byline(text: str) -> bool:
    """"Bộ Tư pháp" under a conference paper's title: the body presenting it, in a short line."""
    return len(text) < 60 and not text.isupper() and bool(_BODY_NAME_START.match(text.upper()))


def _title_end(lines: list[Line], start: int, headed: bool) -> int:
    """One past the subject line(s) under the type word: they end at a separator, a heading, the
    legal basis or the address ("Căn cứ …", "Kính gửi …"), the signing authority of a decision
    ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"), a paragraph too long to be a title, or, in a paper without
    a national header, the byline of the body presenting it."""
    end = start
    for j in range(start, min(start + _TITLE_MAX_LINES, len(lines))):
        line = lines[j]
        text = _one_line(line.block.line)
        if line.block.kind != "paragraph" or not text or _SEPARATOR.match(text) or _ENACTING.match(text):
            break
        heading = classify_heading(text)
        if heading and heading[0] != "dash":
            break
        # A title is no sentence: a line after its first that ends like one ("… 09 hội nghị.",
        # "Nơi nhận:") is the body of a report without numbered parts, or its closing.
        if j > start and (_PREAMBLE_LEAD.match(text) or len(text) > 300 or text.endswith((".", ":"))):
            break
        if _ADDRESS.match(text) or j > start and not headed and _byline(text):
            break
        if j > start and text.startswith("("):  # "(Ban hành kèm theo Quyết định số …)" under the title
            break
        if j > start and text.isupper() and not clean_text(lines[start].block.line).isupper():
            break
        # Under a title in capitals, the enacting body's name in capitals stands right before the
        # legal basis: "ỦY BAN THƯỜNG VỤ QUỐC HỘI" / "Căn cứ Hiến pháp …".
        following = _one_line(lines[j + 1].block.line) if j + 1 < len(lines) else ""
        if j > start and text.isupper() and len(text) < 80 and _PREAMBLE_LEAD.match(following):
            break
        end = j + 1
    return end


def _preamble(lines: list[Line], first: int, last: int) -> list[Section]:
    """The legal basis ("Căn cứ …;", "Thực hiện …", "Theo đề nghị của …", "Xét …") and the
    address ("Kính gửi …") between the title and the first numbered part, as one section."""
    end = first
    basis = False
    for i in range(first, last):
        text = _one_line(lines[i].block.line)
        if _PREAMBLE_LEAD.match(text):
            basis = basis or not _ADDRESS.match(text)
            end = i + 1
            continue
        # The signing authority of a decision stands between its basis lines: "CHỦ TỊCH ỦY BAN …".
        if text.isupper() and not classify_heading(text) and not _ENACTING.match(text) and len(text) < 120:
            end = i + 1
            continue
        break
    if not basis:
        return []
    start = lines[first].start
    return [Section(label="", path="preamble", title="Căn cứ", start=start, end=lines[end - 1].end,
                    line=first + 1, kind="preamble", body_start=start)]


def _annex_start(lines: list[Line], body_last: int) -> int:
    """Where annexes after the signature begin ("PHỤ LỤC …", or parts numbered again from I),
    else the number of lines."""
    for i in range(body_last + 1, len(lines)):
        block = lines[i].block
        if block.kind != "paragraph":
            continue
        text = _one_line(block.line)
        heading = classify_heading(text)
        # A document attached after the signature opens with its own national header (a decision
        # and the programme it issues, in one file): its opening lines are read too.
        if _ANNEX.match(text) or heading and heading[0] in ("roman", "part", "chapter") or _national_header(text):
            return i
    return len(lines)


def _warn_numbering(sections: list[Section], warnings: list[str]) -> None:
    """Roman parts that repeat (I, II, IV, IV) or skip (I, III) are kept as written, with a warning."""
    groups = (sections, *(s.children for s in sections if s.kind in ("part", "annex", "chapter")))
    # An annex after the signature numbers its parts from I again: the body's last part is not
    # what its first follows.
    for group, annex in itertools.product(groups, (False, True)):
        romans = [s for s in group if s.kind == "roman" and s.annex == annex]
        for previous, section in zip(romans, romans[1:]):
            before, after = _roman_to_int(previous.label), _roman_to_int(section.label)
            if after != before + 1:
                where = " in an annex" if section.annex else ""
                warnings.append(f"part {section.label}{where} follows part {previous.label}: "
                                f"the numbering {'repeats' if after <= before else 'skips'}; kept as written")


def _headings(lines: list[Line], first: int, last: int, annex: bool) -> list[_Heading]:
    found = []
    for i in range(first, last):
        block = lines[i].block
        if block.kind != "paragraph":
            continue
        line = block.line.strip()
        annex_heading = _ANNEX.match(_one_line(line)) if annex else None
        if annex_heading:
            heading = ("annex", annex_heading.group("label") or "", annex_heading.group("title").strip())
        else:
            heading = classify_heading(line)
        if heading is None:
            continue
        kind, label, title = heading
        title_is_line = len(title) <= _TITLE_MAX
        if not title_is_line:
            title = re.split(r"(?<=[.:;])\s", title, maxsplit=1)[0][:_TITLE_MAX]
        found.append(_Heading(kind, label, title, i, title_is_line))
    return found


def _rank(heading: _Heading) -> int:
    if heading.kind == "decimal":
        return _RANK["decimal"] + heading.label.count(".")
    return _RANK[heading.kind]


def _section_tree(lines: list[Line], first: int, last: int, body_end: int, annex: bool = False) -> list[Section]:
    """Numbered sections of lines[first:last]; those of an annex carry `annex` and paths under
    "PL" ("PL.I.2"; "PL2.I" for a second annex), since annexes number their parts afresh."""
    roots: list[Section] = []
    stack: list[tuple[int, Section]] = []
    dash_counts: dict[str, int] = {}
    annexes = 0
    for heading in _headings(lines, first, last, annex):
        line = lines[heading.line_index]
        rank = _rank(heading)
        while stack and stack[-1][0] >= rank:
            stack.pop()
        parent = stack[-1][1] if stack else None
        if heading.kind in ("dash", "plus"):
            if parent is None:
                continue  # loose items before the first part are body text, not structure
            dash_counts[parent.path] = dash_counts.get(parent.path, 0) + 1
            path = f"{parent.path}.{heading.label}{dash_counts[parent.path]}"
        elif heading.kind == "annex":
            annexes += 1
            path = "PL" if annexes == 1 else f"PL{annexes}"
        elif parent is None:
            path = f"PL.{heading.label}" if annex else heading.label
        elif heading.kind == "decimal" and heading.label.rsplit(".", 1)[0] == parent.label:
            path = f"{parent.path}.{heading.label.rsplit('.', 1)[1]}"
        else:
            path = f"{parent.path}.{heading.label}"
        next_line = heading.line_index + 1
        body_start = lines[next_line].start if heading.title_is_line and next_line < len(lines) else line.start
        section = Section(label=heading.label, path=path, title=heading.title, start=line.start,
                          end=body_end, line=heading.line_index + 1, kind=heading.kind,
                          body_start=min(body_start, body_end), annex=annex)
        (parent.children if parent else roots).append(section)
        stack.append((rank, section))
    _close(roots, body_end)
    return roots


def _close(sections: list[Section], end: int) -> None:
    for i, section in enumerate(sections):
        section.end = sections[i + 1].start - 1 if i + 1 < len(sections) else end
        _close(section.children, section.end)


# --- metadata -------------------------------------------------------------------------------------

def _zone_paragraphs(lines: list[Line], start: int, stop: int) -> list[tuple[str, int]]:
    """Paragraph texts of a zone with the table cell they sit in (-1 outside tables)."""
    out = []
    for line in lines[start:stop]:
        block = line.block
        if block.kind == "paragraph":
            out.extend((p.shown.strip(), -1) for p in block.paragraphs if p.shown.strip())
        else:
            for index, cell in enumerate(block.cells):
                out.extend((p.shown.strip(), index) for p in cell if p.shown.strip())
    return out


def _metadata(lines: list[Line], body_first: int, body_last: int, annex_first: int, type_index: int | None,
              title_end: int, text: str, warnings: list[str]) -> Metadata:
    meta = Metadata()
    head_stop = type_index if type_index is not None else body_first
    head = _zone_paragraphs(lines, 0, head_stop)
    foot = _zone_paragraphs(lines, body_last, annex_first)
    clean_head = [(clean_text(t), cell) for t, cell in head]

    issuer_lines: list[str] = []
    # Headers typed as two columns with spaces or tabs ("VĂN PHÒNG UBND TỈNH      CỘNG HÒA …") are
    # read column piece by column piece, as the layout table of other headers is.
    pieces: list[str] = []
    for raw, _ in clean_head:
        columns = _national_header(raw) or _MOTTO.search(raw)
        for piece in re.split(r"\s{3,}|\t", raw.strip()) if columns else [raw]:
            # A draft's blank number is written with spaces too: "Số:        /QĐ-UBND" stays one piece.
            if pieces and piece[:1] in "/-" and re.match(r"^Số\s*:?\s*\d*$", pieces[-1]):
                pieces[-1] += piece
            elif piece.strip():
                pieces.append(piece)
    for raw in pieces:
        # "ỦY BAN THƯỜNG VỤ QUỐC HỘI -------": the rule under a body's name, typed on its line.
        one_line = _TRAILING_RULE.sub("", " ".join(raw.split()).lstrip("/ "))
        header = _national_header(one_line)
        if header:
            meta.header = header
            continue
        if _MOTTO.search(one_line) or _SEPARATOR.match(one_line):
            continue
        number = _NUMBER.match(one_line)
        if number and meta.symbol is None:
            _read_number(number, meta, warnings)
            continue
        place = _PLACE_DATE.match(one_line)
        if place:
            meta.place = place.group("place").strip()
            if place.group("day"):
                meta.date = f"{place.group('year')}-{int(place.group('month')):02d}-{int(place.group('day')):02d}"
            else:
                warnings.append("the date line leaves the day blank (a draft?)")
            continue
        if any(pattern.search(one_line) for _, pattern in _MARKS):
            continue
        if one_line.isupper() and meta.symbol is None and not _SUBJECT_LINE.match(one_line):
            if issuer_lines and _continues_body_name(issuer_lines[-1], one_line):
                issuer_lines[-1] += " " + one_line
            else:
                issuer_lines.append(one_line)
    if issuer_lines:
        meta.issuer = _display_name(issuer_lines[-1])
        if len(issuer_lines) > 1:
            meta.superior = _display_name(issuer_lines[-2])
    meta.marks = _marks([t for t, _ in clean_head] + [clean_text(t) for t, _ in foot])

    if type_index is not None:
        meta.doc_type = _doc_type(lines[type_index].block.line)
        title_lines = [_one_line(line.block.line) for line in lines[type_index + 1:title_end]]
        meta.title = " ".join(title_lines) or None
    else:
        # _body_range put the title's end just after the header line holding the subject.
        subject = _header_subject(lines[title_end - 1].block) if title_end else None
        if subject:
            meta.doc_type, meta.title = "CÔNG VĂN", subject

    byline = _one_line(lines[title_end].block.line) if title_end < len(lines) else ""
    if meta.issuer is None and meta.header is None and type_index is not None and _byline(byline):
        meta.issuer = byline
    body_text = text[lines[body_first].start:] if body_first < len(lines) else ""
    if meta.issuer is None:
        closing = _ISSUER_IN_TEXT.search(clean_text(body_text[-3000:]))
        if closing:
            meta.issuer = " ".join(closing.group("body").split())
            warnings.append("the header names no issuing body; issuer taken from the closing sentence")
    meta.period = _period(meta, clean_text(body_text[:20000]), head)
    meta.signer = _signer([clean_text(t) for t, _ in foot])
    meta.recipients = _recipients([(clean_text(t), cell) for t, cell in foot])
    return meta


_NUMBER_AND_SYMBOL = re.compile(r"^(?P<num>\d[\w.]*(?:\s*[-/]\s*\d[\w.]*)*?)?\s*(?P<sep>[-/])\s*(?P<symbol>[A-ZĐ].*)$")


def _read_number(match: re.Match, meta: Metadata, warnings: list[str]) -> None:
    """"Số: 409/TTr-CAT(PC04)", "Số 12-BC/TU", "Số: 12a/KH-UBND", "Số: 10-01/26/PT-NC", a blank
    draft number ("Số:    /QĐ-UBND"): the number is what stands before the first code letter."""
    body = " ".join(match.group("body").split())
    found = _NUMBER_AND_SYMBOL.match(body)
    if found:
        number = "".join((found.group("num") or "").split()) or None
        symbol = "".join(found.group("symbol").split())
        # A legal document's year belongs to its symbol: "05/2025/QĐ-UBND".
        year = re.fullmatch(r"(?P<n>.+)/(?P<y>(?:19|20)\d\d)", number or "")
        if year:
            number, symbol = year.group("n"), f"{year.group('y')}/{symbol}"
        meta.number = number
        meta.symbol = f"{number or ''}{found.group('sep')}{symbol}"
    else:
        meta.symbol = body or None
        warnings.append(f"the number line 'Số {body}' has no recognisable symbol")
    if meta.symbol and meta.number is None:
        warnings.append(f"the document number is blank ({meta.symbol}): a draft not yet numbered")


# Words a body's name opens with. A header line that opens otherwise goes on with the name above
# it: "ỦY BAN NHÂN DÂN / TỈNH LÂM ĐỒNG", "TRUNG TÂM PHỤC VỤ / HÀNH CHÍNH CÔNG" are one body each.
_BODY_NAME_START = re.compile(
    r"^(?:[ỦU][ỶY]\s*BAN|UBND|HĐND|SỞ|BỘ|BAN|PHÒNG|VĂN\s+PHÒNG|TRUNG\s+TÂM|CÔNG\s+AN|ĐẢNG|CHI\s+BỘ|"
    r"(?:TỈNH|THÀNH|HUYỆN|QUẬN|THỊ|XÃ|PHƯỜNG)\s+[ỦU][ỶY]|CỤC|CHI\s+CỤC|TỔNG\s+CỤC|VIỆN|TRƯỜNG|BỆNH\s+VIỆN|ĐOÀN|"
    r"MẶT\s+TRẬN|HỘI|LIÊN\s+ĐOÀN|TỔNG\s+LIÊN\s+ĐOÀN|CÔNG\s+TY|TỔNG\s+CÔNG\s+TY|KHO\s+BẠC|BẢO\s+HIỂM|QUỸ|TÒA|"
    r"THANH\s+TRA|BCĐ|BCH|MTTQ|TỈNH\s+ĐOÀN|THÀNH\s+ĐOÀN|ĐẠI\s+HỌC|HỌC\s+VIỆN|"
    r"CHÍNH\s+PHỦ|QUỐC\s+HỘI|THỦ\s+TƯỚNG|CHỦ\s+TỊCH|NGÂN\s+HÀNG|TỔ|ĐỘI)\b")


def _continues_body_name(previous: str, line: str) -> bool:
    """Whether a header line goes on with the body name above it rather than naming another body."""
    return not _BODY_NAME_START.match(line) or previous.endswith((",", " VÀ", "-"))


def _display_name(caps: str) -> str:
    """"ĐẢNG ỦY XÃ LÙNG PHÌNH" → "Đảng ủy xã Lùng Phình": place names after their unit word."""
    out = []
    in_place_name = False
    words = caps.split()
    for i, word in enumerate(words):
        lower = word.lower()
        if in_place_name:
            out.append(word.capitalize())
        elif word in _ACRONYMS:
            out.append(word)
        else:
            out.append(word.capitalize() if i == 0 else lower)
        # "TỈNH ỦY LÂM ĐỒNG", "THÀNH ỦY HÀ NỘI": a place's Party committee; the place name begins after "ủy".
        committee_follows = i + 1 < len(words) and fold(words[i + 1]) == _COMMITTEE
        in_place_name = in_place_name or (lower in _UNIT_WORDS and not committee_follows) or (
            fold(word) == _COMMITTEE and i > 0 and words[i - 1].lower() in _UNIT_WORDS | {"thành"})
    return " ".join(out)


_COMMITTEE = fold("ủy")
_UNIT_WORDS = {"xã", "phường", "tỉnh", "huyện", "quận", "trấn", "phố", "khu"}
_ACRONYMS = {"MTTQ", "UBND", "HĐND", "BCH", "TW", "ĐU"}


def _marks(texts: list[str]) -> list[str]:
    found = []
    for text in texts:
        for name, pattern in _MARKS:
            if pattern.search(text) and name not in found and len(text) < 80:
                found.append(name)
    return found


def _roman_to_int(value: str) -> int:
    numerals = {"I": 1, "V": 5, "X": 10}
    total = 0
    for i, ch in enumerate(value):
        v = numerals[ch]
        total += -v if i + 1 < len(value) and numerals[value[i + 1]] > v else v
    return total


# A year the phrase names: "năm 2026", "6/2026"; not the year inside a symbol ("30/2020/NĐ-CP").
_YEAR_NAMED = re.compile(r"(?:\bnăm\s+|\d/)(?P<y>(?:19|20)\d\d)\b(?!/)", re.I)


def period_of(text: str, default_year: str | None = None) -> str | None:
    """The reporting period a phrase names: "2026-05", "2026-Q1", "2026-H1", "2026-9M", "2026".

    A period written without its year takes the year the phrase names further on ("6 tháng đầu
    năm và nhiệm vụ 6 tháng cuối năm 2026" is the first half of 2026), else `default_year`."""
    named = _YEAR_NAMED.search(text)
    for pattern, kind in _PERIOD_PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        year = match.groupdict().get("y") or (named.group("y") if named else default_year)
        if not year:
            continue
        if kind == "quarter":
            q = match.group("q")
            return f"{year}-Q{_roman_to_int(q.upper()) if not q.isdigit() else int(q)}"
        if kind == "month":
            month = int(match.group("m"))
            if 1 <= month <= 12:
                return f"{year}-{month:02d}"
            continue
        if kind in ("H1", "H2", "9M"):
            return f"{year}-{kind}"
        return year
    return None


_BODY_PERIOD = re.compile(r"\b[Tt]rong tháng\s+(?P<m>\d{1,2})\s*(?:/|năm)\s*(?P<y>\d{4})")


def _period(meta: Metadata, body: str, head: list[tuple[str, int]]) -> str | None:
    year = meta.date[:4] if meta.date else None
    date_line = next((t for t, _ in head if _PLACE_DATE.match(clean_text(t))), None)
    if date_line:
        year = year or _PLACE_DATE.match(clean_text(date_line)).group("year")
    if meta.title:
        found = period_of(meta.title, year)
        if found:
            return found
    in_body = _BODY_PERIOD.search(body)
    if in_body:
        return f"{in_body.group('y')}-{int(in_body.group('m')):02d}"
    if date_line:
        match = _PLACE_DATE.match(clean_text(date_line))
        return f"{match.group('year')}-{int(match.group('month')):02d}"
    return None


def _signer(texts: list[str]) -> dict | None:
    for i, text in enumerate(texts):
        match = _SIGNER.match(text)
        if not match:
            continue
        rest = [t for t in texts[i + 1:i + 6] if not t.startswith("-") and not _RECIPIENTS.match(t)]
        position = next((t for t in rest if t.isupper()), None)
        name = next((t for t in rest if not t.isupper() and re.match(r"^[A-ZĐ][\wĐđ]*(?:\s+[A-ZĐ][\wĐđ]*){1,4}$", t)), None)
        return {"capacity": match.group("capacity"), "on_behalf_of": match.group("body").strip(),
                "position": position, "name": name}
    return None


def _recipients(foot: list[tuple[str, int]]) -> list[str]:
    out: list[str] = []
    cell_of_list = None
    collecting = False
    for text, cell in foot:
        if _RECIPIENTS.match(text):
            collecting, cell_of_list = True, cell
            rest = _RECIPIENTS.sub("", text).strip()
            if not rest:
                continue
            text = rest
        if not collecting or cell != cell_of_list:
            continue
        # Outside a table the signature may follow the list (a footer's two columns saved as text,
        # left column first): its first line, a capacity or a position in capitals, ends the list.
        if cell == -1 and not text.startswith(("-", "+")) and (_SIGNER.match(text) or text.isupper()):
            collecting = False
            continue
        for item in re.split(r"(?:^|\s)[-+]\s+(?=\S)", text):
            item = item.strip().strip(",;.").strip()
            if item and not _SIGNER.match(item):
                out.append(item)
    return out
