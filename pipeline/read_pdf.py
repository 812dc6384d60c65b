"""Read a PDF report into a `Document`: its text layer where that holds the Vietnamese letters,
Tesseract's reading of the page image where it does not (a scan, a garbled OCR layer, fonts
without a Unicode map, a legacy TCVN3/VNI text layer).

A PDF only places glyphs on pages; the paragraphs a .docx keeps are rebuilt here from where the
lines stand:

- a line is the end of its paragraph when the next line's first word would have fitted after it
  (text wraps only when the next word does not fit), when the next line starts with a heading or
  list label ("I.", "1.", "1.1.", "a)", "-", "+"), or when a gap wider than the line spacing or a
  first-line indent follows; page breaks are ignored, so a paragraph running onto the next page
  stays whole;
- a line broken after a hyphen ("Kế hoạch số 40-" / "KH/ĐU") is joined without a space and keeps
  its hyphen: Vietnamese words are not hyphenated, so a hyphen at a line's end belongs to a code
  or a compound;
- lines standing in two columns (the header "ĐẢNG BỘ …   ĐẢNG CỘNG SẢN VIỆT NAM", the signature
  block) become one row of two cells, as the layout table of a .docx does, and ruled tables
  (pdfplumber's table finder) rows of cells;
- page numbers, and lines repeated at the top or bottom of most pages, are dropped.

OCR runs page by page (Tesseract through pytesseract, Vietnamese data, the page rendered at
300 dpi by pypdfium2 and deskewed first), with a time limit per page and a limit on how many
pages go to OCR; a caller sees progress through a callback and the library prints nothing.
"""
from __future__ import annotations

import hashlib
import io
import re
import statistics
import unicodedata
from dataclasses import dataclass, field
from typing import Callable

from pipeline import legacy
from pipeline.errors import ReadError
from pipeline.models import Block, Document, Paragraph
from pipeline.normalise import detect_legacy

MAX_PAGES = 1000
MAX_OCR_PAGES = 100  # about 10 s a page on one core: a longer scan would hold `ingest` for a quarter hour
OCR_PAGE_SECONDS = 120
OCR_DPI = 300
LOW_CONFIDENCE = 0.80  # pages read by OCR below this are named in the warnings
OCR_INSTALL_HINT = ("install Tesseract with its Vietnamese data (Debian or Ubuntu: sudo apt-get install tesseract-ocr "
                    "tesseract-ocr-vie; or run scripts/install-system-deps.sh)")

Progress = Callable[[int, int], None]

_VIETNAMESE_LETTERS = set("aăâbcdđeêghiklmnoôơpqrstuưvxy") | set(
    "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
_VIETNAMESE_MARKED = _VIETNAMESE_LETTERS - set("abcdeghiklmnopqrstuvxy")
_LABEL = re.compile(r"^(?:[IVXLC]+\.|\d+(?:\.\d+)*\.?\)?(?=\s)|[a-zđ]\)|[-+•–—*](?=\s)|[-+](?=\S))")
_PAGE_NUMBER = re.compile(r"^(?:[-–—]?\s*(?:trang\s+)?\d{1,4}\s*(?:/\s*\d{1,4})?\s*[-–—]?)$", re.IGNORECASE)


@dataclass
class PdfWord:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass
class PdfLine:
    words: list[PdfWord]
    page: int
    segments: list[list[PdfWord]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)


@dataclass
class PdfPage:
    number: int  # from 1
    width: float
    height: float
    lines: list[PdfLine]
    tables: list[tuple[float, list[list[str]]]]  # (top, rows of cell texts)
    legacy: str | None = None  # the legacy encoding its text layer was converted from
    ocr_confidence: float | None = None
    ocr_words: int = 0


def read_pdf_bytes(data: bytes, path: str, password: str | None = None,
                   progress: Progress | None = None) -> Document:
    """A PDF's text as paragraphs and rows; pages whose text layer lost the Vietnamese letters, or
    that have none, read by OCR. Raises `ReadError` naming the file and the problem."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    if not data.lstrip()[:5] == b"%PDF-":
        raise ReadError(path, "is not a PDF (it does not start with %PDF-): a damaged or mislabelled file")
    try:
        pdf = pdfplumber.open(io.BytesIO(_flattened(data, password)), password=password or "")
        count = len(pdf.pages)
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect):
            raise ReadError(path, "is a password-protected PDF and the password is wrong" if password else
                                  "is a password-protected PDF; give its password with --password") from None
        raise ReadError(path, f"is a damaged PDF ({type(cause).__name__}: {cause})".replace(": )", ")")) from None
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on damaged files
        raise ReadError(path, f"is a damaged PDF ({type(exc).__name__})") from None
    with pdf:
        if count > MAX_PAGES:
            raise ReadError(path, f"has {count} pages, beyond the {MAX_PAGES}-page limit for a report")
        pages, to_ocr, fonts, warnings = [], [], set(), []
        for number, page in enumerate(pdf.pages, 1):
            try:
                read, why, page_fonts = _text_page(page, number)
            except Exception as exc:  # noqa: BLE001 - a damaged page stream, read from its image instead
                read, why, page_fonts = None, f"its text layer cannot be read ({type(exc).__name__})", set()
            fonts |= page_fonts
            pages.append(read)
            if why:
                to_ocr.append(number)
                warnings.append(f"page {number} read by OCR: {why}")
    if len(to_ocr) > MAX_OCR_PAGES:
        raise ReadError(path, f"has {len(to_ocr)} pages without usable text, beyond the {MAX_OCR_PAGES}-page limit "
                              f"for reading by OCR (about 10 s a page); split the scan or give the PDF the report "
                              f"was printed from")
    confidences = []
    if to_ocr:
        from pipeline.ocr import ocr_pages

        for done, (number, read) in enumerate(ocr_pages(data, path, to_ocr, password), 1):
            pages[number - 1] = read
            if read.ocr_words:
                confidences.append((read.ocr_confidence, read.ocr_words))
                if read.ocr_confidence < LOW_CONFIDENCE:
                    warnings.append(f"page {number} read by OCR with confidence {read.ocr_confidence:.2f}")
            if progress is not None:
                progress(done, len(to_ocr))
    blocks = _blocks(pages)
    if not any(block.line.strip() for block in blocks):
        raise ReadError(path, "holds no text (not even by OCR)")
    encodings = sorted({page.legacy for page in pages if page.legacy})
    warnings += [legacy.warning(encoding, "a PDF's text layer") for encoding in encodings]
    read_as = ((["pdf-text"] if len(to_ocr) < count else []) + [legacy.READ_AS[e] for e in encodings]
               + (["ocr"] if to_ocr else []))
    confidence = None
    if confidences:
        confidence = round(sum(c * n for c, n in confidences) / sum(n for _, n in confidences), 3)
    return Document(path=path, format="pdf", sha256=hashlib.sha256(data).hexdigest(), blocks=blocks, fonts=fonts,
                    warnings=warnings, read_as=read_as, ocr_confidence=confidence)


def _flattened(data: bytes, password: str | None) -> bytes:
    """The PDF with its annotations drawn into the pages: a signed report's number and date are
    stamped by the signature's widget ("Số: 181", "ngày 05"), which a reader sees on the page but
    pdfplumber reads only from the page itself. `data` unchanged when it has no annotations or
    pdfium cannot open it (pdfplumber then says what is wrong)."""
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    try:
        document = pypdfium2.PdfDocument(data, password=password)
    except pypdfium2.PdfiumError:
        return data
    try:
        document.init_forms()
        changed = False
        for page in document:
            if pdfium_c.FPDFPage_GetAnnotCount(page) > 0:
                changed |= page.flatten(flag=pdfium_c.FLAT_NORMALDISPLAY) == pdfium_c.FLATTEN_SUCCESS
            page.close()
        if not changed:
            return data
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()
    finally:
        document.close()


# --- the text layer -----------------------------------------------------------------------------

def _text_page(page, number: int) -> tuple[PdfPage | None, str | None, set[str]]:
    """The page as read from its text layer, or None and why it must go to OCR; its fonts."""
    fonts = {_font_name(char.get("fontname", "")) for char in page.chars}
    tables = [table for table in page.find_tables() if _is_grid(table)]
    inside = [table.bbox for table in tables]
    found = page.extract_words(keep_blank_chars=False, use_text_flow=False)
    # A text layer typed in TCVN3 or VNI (a 2005 report in .VnTime) holds its letters as the
    # legacy codes: converted word by word, each by its own font (an "H" font draws capitals).
    encoding = detect_legacy(" ".join(w["text"] for w in found), fonts)
    if encoding:
        found = page.extract_words(keep_blank_chars=False, use_text_flow=False, extra_attrs=["fontname"])

    def as_read(text: str, font: str | None = None) -> str:
        if encoding:
            text = legacy.convert(text, encoding, capitals=legacy.draws_capitals(font))
        return unicodedata.normalize("NFC", text)

    words = [PdfWord(as_read(w["text"], _font_name(w.get("fontname", ""))), w["x0"], w["x1"], w["top"], w["bottom"])
             for w in found if not any(_within(w, box) for box in inside)]
    rows = [(table.bbox[1], [[as_read(" ".join((cell or "").split())) for cell in row] for row in table.extract()])
            for table in tables]
    text = " ".join(w.text for w in words) + " " + " ".join(c for _, r in rows for row in r for c in row)
    why = unusable_text(text, fonts)
    if why:
        return None, why, fonts
    return PdfPage(number, float(page.width), float(page.height), _lines(words, number), rows,
                   legacy=encoding), None, fonts


def _font_name(name: str) -> str:
    """"AARIQC+.VnTimeH,Bold" → ".VnTimeH": a PDF names an embedded subset of a font with a tag,
    and its style after a comma or hyphen."""
    return re.sub(r"[,-](?:Bold|Italic|Oblique|Regular)\w*$", "", re.sub(r"^[A-Z]{6}\+", "", name))


def _is_grid(table) -> bool:
    """A ruled table of two columns or more; a frame round one block of text is not a table."""
    rows = table.extract()
    return len(rows) >= 1 and max((sum(1 for c in row if c) for row in rows), default=0) >= 2


def _within(word: dict, box: tuple) -> bool:
    x = (word["x0"] + word["x1"]) / 2
    y = (word["top"] + word["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def unusable_text(text: str, fonts: set[str] = frozenset()) -> str | None:
    """Why a page's text layer does not hold its Vietnamese text, or None when it does."""
    letters = [c for c in text if c.isalpha()]
    if text.count("(cid:") >= 3:
        return "its fonts have no Unicode map (the text layer reads (cid:…))"
    private = sum(1 for c in text if "\ue000" <= c <= "\uf8ff")
    if private >= 20 and private > len(letters) * 0.05:
        return "its fonts map letters to private-use characters"
    if len(letters) < 20:
        return "it has no text layer (a scan)"
    legacy = detect_legacy(text, fonts)
    if legacy:
        # Still legacy after the page was converted: letters no table knows, OCR reads the page.
        return f"its text layer is in the legacy {legacy} encoding"
    lower = [c.lower() for c in letters]
    foreign = sum(1 for c in lower if not c.isascii() and c not in _VIETNAMESE_LETTERS)
    if foreign >= 3 and foreign > len(lower) * 0.01:
        return "its text layer is garbled (letters Vietnamese does not use: a poor OCR layer or a wrong font map)"
    words = re.findall(r"\w+", text)
    marked = sum(1 for w in words if any(c in _VIETNAMESE_MARKED for c in w.lower()))
    if len(words) >= 30 and marked < len(words) * 0.05:
        return "its text layer has lost the Vietnamese diacritics"
    return None


def _lines(words: list[PdfWord], page: int) -> list[PdfLine]:
    """Words into lines by where they stand, top to bottom, each line left to right."""
    lines: list[PdfLine] = []
    for word in sorted(words, key=lambda w: (round(w.top), w.x0)):
        height = word.bottom - word.top
        line = next((ln for ln in reversed(lines[-3:]) if abs(ln.words[0].top - word.top) < height * 0.5), None)
        if line is None:
            lines.append(PdfLine([word], page))
        else:
            line.words.append(word)
    for line in lines:
        line.words = _touching_joined(sorted(line.words, key=lambda w: w.x0))
    lines.sort(key=lambda ln: ln.top)
    return lines


def _touching_joined(words: list[PdfWord]) -> list[PdfWord]:
    """Glyphs that touch are one word: a signature stamp sets each digit of the number and date
    on its own ("1" "8" "1" for 181), which pdfplumber returns as words of one letter."""
    joined = [words[0]]
    for word in words[1:]:
        before = joined[-1]
        if word.x0 - before.x1 <= 0.5 and word.x0 > before.x0:
            joined[-1] = PdfWord(before.text + word.text, before.x0, max(before.x1, word.x1),
                                 min(before.top, word.top), max(before.bottom, word.bottom))
        else:
            joined.append(word)
    return joined


# --- paragraphs, rows and columns ---------------------------------------------------------------

def _blocks(pages: list[PdfPage]) -> list[Block]:
    pages = [page for page in pages if page is not None]
    _drop_running_lines(pages)
    for page in pages:
        for line in page.lines:
            line.segments = _segments(line)
    left, right = _column(pages)
    blocks: list[Block] = []
    table_count = 0
    previous: PdfLine | None = None
    for page in pages:
        middle = (left + right) / 2
        items: list[tuple[float, object]] = [(line.top, line) for line in page.lines]
        items += [(top, rows) for top, rows in page.tables]
        items.sort(key=lambda item: item[0])
        index = 0
        while index < len(items):
            _, item = items[index]
            if not isinstance(item, PdfLine):
                table_count += 1
                blocks.extend(_table_blocks(item, table_count))
                previous = None
                index += 1
                continue
            run, boundary = _two_column_run(items, index, middle, right - left,
                                            first_page=page is pages[0] and index == 0)
            if run:
                table_count += 1
                blocks.append(_row(run, boundary, table_count))
                previous = None
                index += len(run)
                continue
            if previous is not None and _continues(previous, item, left, right):
                _append(blocks[-1].paragraphs[0], item.text)
            else:
                blocks.append(Block("paragraph", [Paragraph(item.text)]))
            previous = item
            index += 1
    return blocks


def _drop_running_lines(pages: list[PdfPage]) -> None:
    """Page numbers, and the running header or footer a PDF prints on most pages, are not text."""
    def key(line: PdfLine) -> str:
        return re.sub(r"\d+", "#", line.text.lower())

    edges = {}
    for page in pages:
        for line in _edge_lines(page):
            edges.setdefault(key(line), set()).add(page.number)
    repeated = {k for k, seen in edges.items() if len(pages) >= 3 and len(seen) >= len(pages) / 2}
    for page in pages:
        edge = {id(line) for line in _edge_lines(page)}
        page.lines = [line for line in page.lines
                      if id(line) not in edge or not (_PAGE_NUMBER.match(line.text.strip()) or key(line) in repeated)]


def _edge_lines(page: PdfPage) -> list[PdfLine]:
    """The lines in the top and bottom tenth of a page, where running headers and footers stand."""
    return [line for line in page.lines if line.bottom < page.height * 0.1 or line.top > page.height * 0.9]


def _segments(line: PdfLine) -> list[list[PdfWord]]:
    """The line's words split where a gap is far wider than a space: columns set side by side."""
    height = statistics.median(w.bottom - w.top for w in line.words)
    segments = [[line.words[0]]]
    for before, word in zip(line.words, line.words[1:]):
        if word.x0 - before.x1 > height * 1.5:
            segments.append([word])
        else:
            segments[-1].append(word)
    return segments


def _column(pages: list[PdfPage]) -> tuple[float, float]:
    """Where the body's lines start and end: most lines start at the left margin, and justified
    lines end at the right one."""
    lines = [line for page in pages for line in page.lines if len(line.segments) == 1 and len(line.words) >= 4]
    if not lines:
        lines = [line for page in pages for line in page.lines] or [PdfLine([PdfWord("", 0, 1, 0, 1)], 0)]
    starts = sorted(round(line.x0) for line in lines)
    ends = sorted(line.x1 for line in lines)
    return statistics.mode(starts), ends[int(len(ends) * 0.9)]


def _two_column_run(items: list, index: int, middle: float, width: float,
                    first_page: bool) -> tuple[list[PdfLine], float]:
    """Lines from `index` that stand in two columns: the header's layout (issuing body | national
    header, number | place and date) or the signature block (recipients | signer), and the x
    between the columns. Empty when the line at `index` does not open such a run."""
    first = items[index][1]
    parts = _split(first)
    if parts is None and not (first_page and (first.x1 <= middle or first.x0 >= middle)):
        return [], middle
    boundary = (parts[0][-1].x1 + parts[1][0].x0) / 2 if parts else middle
    run = []
    for _, item in items[index:]:
        if not isinstance(item, PdfLine):
            break
        split = _split(item, boundary)
        if split is None and (not (item.x1 <= boundary or item.x0 >= boundary)
                              or abs((item.x0 + item.x1) / 2 - middle) < width * 0.04):
            break  # a line across the columns, or centred on the page as the title "BÁO CÁO" is
        run.append(item)
    has_both = any(_split(line, boundary) for line in run) or (
        any(line.x1 <= boundary for line in run) and any(line.x0 >= boundary for line in run))
    return (run, boundary) if has_both else ([], boundary)


def _split(line: PdfLine, boundary: float | None = None) -> tuple[list[PdfWord], list[PdfWord]] | None:
    """(left words, right words) of a line set in two columns, or None: split at the gap over
    `boundary`, or without one at the widest gap. A blank number ("Số      -BC/ĐU") is a wide gap
    too, so once the columns are known the gap between them decides."""
    if len(line.segments) < 2:
        return None
    pairs = list(zip(line.segments, line.segments[1:]))
    if boundary is None:
        gaps = [after[0].x0 - before[-1].x1 for before, after in pairs]
        widest = gaps.index(max(gaps)) + 1
    else:
        widest = next((i + 1 for i, (before, after) in enumerate(pairs) if before[-1].x1 <= boundary <= after[0].x0), None)
        if widest is None:
            return None
    return ([w for seg in line.segments[:widest] for w in seg],
            [w for seg in line.segments[widest:] for w in seg])


def _row(run: list[PdfLine], boundary: float, table: int) -> Block:
    """A run of two-column lines as one row of two cells, each cell's lines made paragraphs."""
    cells: list[list[PdfLine]] = [[], []]
    for line in run:
        parts = _split(line, boundary)
        if parts:
            for side, words in enumerate(parts):
                cells[side].append(PdfLine(words, line.page))
        else:
            cells[0 if line.x1 <= boundary else 1].append(line)
    return Block("row", cells=[_cell_paragraphs(lines) for lines in cells], table=table)


def _cell_paragraphs(lines: list[PdfLine]) -> list[Paragraph]:
    if not lines:
        return []
    left = min(line.x0 for line in lines)
    right = max(line.x1 for line in lines)
    centred = statistics.pstdev([line.x0 for line in lines]) > statistics.pstdev([(line.x0 + line.x1) / 2 for line in lines])
    paragraphs: list[Paragraph] = []
    for before, line in zip([None, *lines], lines):
        text = line.text
        if before is not None and not _LABEL.match(text) and _wrapped_in_cell(before, line, left, right, centred):
            _append(paragraphs[-1], text)
        else:
            paragraphs.append(Paragraph(text))
    return paragraphs


def _wrapped_in_cell(before: PdfLine, line: PdfLine, left: float, right: float, centred: bool) -> bool:
    """Whether a cell's line goes on from the one above. Left-aligned cells wrap as the body does;
    a centred cell's width is unknown, so there a line in lower case goes on, and so does a word
    or two of capitals under a line of capitals ("ĐẢNG CỘNG SẢN VIỆT" / "NAM")."""
    text = line.text
    if text[:1].islower() or text[:1].isdigit():
        return True
    if centred:
        letters = [c for c in before.text if c.isalpha()]
        return bool(letters) and before.text.isupper() and text.isupper() and len(text.split()) <= 2
    return not _would_fit(before, line, right)


def _continues(before: PdfLine, line: PdfLine, left: float, right: float) -> bool:
    """Whether `line` goes on with the paragraph `before` ends, in the body's column."""
    if _LABEL.match(line.text):
        return False
    height = before.bottom - before.top
    if line.page == before.page and line.top - before.bottom > height * 1.0:
        return False  # a blank line's gap: paragraph spacing
    if line.x0 - left > height * 1.5 and line.x0 > before.x0 + height:
        return False  # a first-line indent
    if before.x0 - left > (right - left) * 0.15 and abs((before.x0 + before.x1) - (line.x0 + line.x1)) < height * 2:
        return False  # centred lines, as titles are set: each its own
    if before.text.rstrip().endswith((".", ":", ";", "./.")) and right - before.x1 > (right - left) * 0.2:
        return False
    if before.text[:2] in ("- ", "+ ") and before.text.rstrip()[-1:].isalpha():
        return True  # a list item ends with its punctuation ("- Các cơ quan tham mưu giúp việc" / "Đảng ủy,")
    return not _would_fit(before, line, right)


def _would_fit(before: PdfLine, line: PdfLine, right: float) -> bool:
    """Whether the first word of `line` would have fitted at the end of `before`: had it, the
    writer broke the line there, so a paragraph ended."""
    first = line.words[0]
    space = (before.bottom - before.top) * 0.3
    return before.x1 + space + (first.x1 - first.x0) < right - space


def _append(paragraph: Paragraph, text: str) -> None:
    # A hyphen at a line's end is a code's or a compound's ("40-" / "KH/ĐU"), not a split word.
    glue = "" if re.search(r"\w[-–]$", paragraph.text) else " "
    paragraph.text = paragraph.text + glue + text


def _table_blocks(rows: list[list[str]], table: int) -> list[Block]:
    blocks = []
    for row in rows:
        if not any(cell.strip() for cell in row):
            continue
        cells = [[Paragraph(cell)] if cell else [] for cell in row]
        filled = [cell for cell in cells if cell]
        if len(filled) == 1:
            blocks.append(Block("paragraph", filled[0], table=table))
        else:
            blocks.append(Block("row", cells=cells, table=table))
    return blocks
