"""Read a report file (.docx, .txt, .pdf; .doc and .odt through LibreOffice) into a `Document`:
body blocks in order, the rest apart. PDFs are read by `pipeline.read_pdf`.

The .docx reader walks word/document.xml with lxml, the way Word shows the text: generated
numbering labels recovered, tracked insertions kept and deletions dropped, field results kept and
instructions dropped, text boxes read once, tables kept as rows of cells. It never resolves XML
entities, never touches the network, and caps how far a zip part may inflate.
"""
from __future__ import annotations

import contextlib
import gc
import hashlib
import io
import os
import stat
import struct
import zipfile
import zlib
from collections import OrderedDict
from pathlib import Path
from typing import Callable

from lxml import etree

from pipeline.convert import CONVERTED, to_docx
from pipeline.errors import ReadError
from pipeline.legacy import READ_AS, TCVN3, VNI, convert_legacy_text, convert_runs
from pipeline.legacy import warning as legacy_warning
from pipeline.models import Block, Document, Paragraph
from pipeline.normalise import detect_legacy, repair_mojibake, strip_artefacts
from pipeline.numbering import Definitions, Numbering, is_on, whole_number

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
W_P, W_TBL, W_TR, W_TC = (W + t for t in ("p", "tbl", "tr", "tc"))
W_T, W_TAB, W_BR, W_CR, W_PTAB = (W + t for t in ("t", "tab", "br", "cr", "ptab"))
W_NOBREAKHYPHEN, W_SOFTHYPHEN = W + "noBreakHyphen", W + "softHyphen"
W_FOOTNOTE, W_FOOTNOTEREF, W_ENDNOTE, W_ENDNOTEREF = (W + t for t in ("footnote", "footnoteReference", "endnote",
                                                                     "endnoteReference"))
W_DEL, W_MOVEFROM, W_TXBX = W + "del", W + "moveFrom", W + "txbxContent"
W_PPR, W_RPR, W_BODY, W_TABS = W + "pPr", W + "rPr", W + "body", W + "tabs"
MC_FALLBACK = MC + "Fallback"
_HIDDEN = (W_DEL, W_MOVEFROM, MC_FALLBACK)
VAL = W + "val"
W_PSTYLE, W_NUMPR, W_NUMID, W_ILVL, W_OUTLINE = (W + t for t in ("pStyle", "numPr", "numId", "ilvl", "outlineLvl"))
W_RFONTS, W_B, W_CAPS, W_ASCII, W_HANSI = W + "rFonts", W + "b", W + "caps", W + "ascii", W + "hAnsi"
W_RSTYLE = W + "rStyle"

MAX_PART_BYTES = 256 * 1024 * 1024
SUPPORTED = (".docx", ".txt", ".pdf", *CONVERTED)
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: a Word 97–2003 .doc, or an encrypted .docx

_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                               huge_tree=True, remove_comments=True, remove_pis=True)
_TEXT_TAGS = (W_T, W_TAB, W_BR, W_CR, W_PTAB, W_NOBREAKHYPHEN)


# The largest report file read: real reports are at most a few tens of MB as .docx (pictures
# included) and a few MB as .txt; a scanned PDF at 300 dpi some 1–2 MB a page. Checked before
# reading, so a huge file costs nothing.
MAX_FILE_BYTES = {".docx": 100 * 2**20, ".doc": 100 * 2**20, ".odt": 100 * 2**20, ".txt": 20 * 2**20,
                  ".pdf": 200 * 2**20}

_NOT_REGULAR = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
                (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def file_problem(path: Path) -> str | None:
    """Why `path` cannot be read as a report file without opening it, or None. A pipe blocks its
    reader until someone writes and a device such as /dev/zero never ends, so only regular files
    (links followed) are read, and only up to `MAX_FILE_BYTES`."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return "no such file or folder"
    except OSError as exc:
        return f"cannot be opened ({exc.strerror or exc})"
    if stat.S_ISDIR(info.st_mode):
        return "is a folder, not a report file"
    if not stat.S_ISREG(info.st_mode):
        kind = next((name for test, name in _NOT_REGULAR if test(info.st_mode)), "not a file")
        return f"is not a regular file ({kind})"
    suffix = path.suffix.lower()
    if suffix in MAX_FILE_BYTES and info.st_size > MAX_FILE_BYTES[suffix]:
        return (f"is {info.st_size // 2**20} MB, beyond the {MAX_FILE_BYTES[suffix] // 2**20} MB limit for "
                f"a {suffix} report (a real one is a few MB)")
    return None


def read_document(path: str | Path, password: str | None = None,
                  progress: Callable[[int, int], None] | None = None) -> Document:
    """Read a .docx, .doc, .odt, .pdf or .txt report. Raises `ReadError` naming the file and the
    problem. `password` opens a password-protected Word file or PDF; `progress(done, total)` is
    called after each PDF page read by OCR."""
    path = Path(path)
    data = read_report_bytes(path)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from pipeline.read_pdf import read_pdf_bytes

        return read_pdf_bytes(data, str(path), password, progress)
    plain = decrypted(data, str(path), password)
    if suffix in CONVERTED:
        # Read as the .docx LibreOffice makes of it; known by its own bytes, which do not change
        # from one conversion to the next as the made .docx may.
        document = read_docx_bytes(to_docx(plain, path), str(path))
        document.format, document.sha256 = suffix[1:], hashlib.sha256(data).hexdigest()
        document.read_as = [f"{suffix[1:]}→docx"]
    elif suffix == ".docx":
        document = read_docx_bytes(plain, str(path))
        document.sha256 = hashlib.sha256(data).hexdigest()
    else:
        return read_txt_bytes(data, str(path))
    if plain is not data:
        document.read_as.insert(0, "decrypted")
    return document


def decrypted(data: bytes, path: str, password: str | None) -> bytes:
    """The Word file inside a password-protected one, decrypted in memory (never written to disk);
    `data` itself when no password is given or the file is not encrypted."""
    if password is None or data[:8] != OLE:
        return data
    import msoffcrypto
    from msoffcrypto.exceptions import DecryptionError, FileFormatError, InvalidKeyError, ParseError

    try:
        office = msoffcrypto.OfficeFile(io.BytesIO(data))
        if not office.is_encrypted():
            return data
        office.load_key(password=password, verify_password=True)
        plain = io.BytesIO()
        office.decrypt(plain)
    except InvalidKeyError:
        raise ReadError(path, "is password-protected and the password given is wrong") from None
    except (DecryptionError, FileFormatError, ParseError, AssertionError, ValueError, OSError) as exc:
        raise ReadError(path, f"is password-protected and could not be decrypted ({exc or type(exc).__name__})") from None
    return plain.getvalue()


def read_report_bytes(path: Path) -> bytes:
    """The bytes of a .docx or .txt report file, read bounded and without waiting; `ReadError`
    for anything else, or for a file that is not a regular one or is too large."""
    problem = file_problem(path)
    if problem:
        raise ReadError(str(path), problem)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise ReadError(str(path), f"unsupported file type '{suffix or 'none'}': "
                                   "baocao reads .docx, .doc, .odt, .pdf and .txt")
    limit = MAX_FILE_BYTES[suffix]
    try:
        # Non-blocking and bounded: the path may have become a pipe or a device since it was looked at.
        with open(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise ReadError(str(path), f"cannot be opened ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise ReadError(str(path), f"is beyond the {limit // 2**20} MB limit for a {suffix} report")
    return data


# --- .txt ---------------------------------------------------------------------------------------

def read_txt_bytes(data: bytes, path: str) -> Document:
    sha = hashlib.sha256(data).hexdigest()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            # A legacy .txt is single bytes: cp1252 shows them as the characters LibreOffice hands over.
            legacy = detect_legacy(data.decode("latin-1"))
            if not legacy:
                raise ReadError(path, f"is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset "
                                      f"{exc.start}); save it as UTF-8 and try again") from None
            text = data.decode("cp1252", errors="replace")
    text = repair_mojibake(strip_artefacts(text))
    text, legacy = convert_legacy_text(text)
    read_as, warnings = ["txt"], []
    if legacy:
        read_as.append(READ_AS[legacy])
        warnings.append(legacy_warning(legacy, "a .txt file"))
    blocks = [Block("paragraph", [Paragraph(line.strip())])
              for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if line.strip()]
    if not blocks:
        raise ReadError(path, "holds no text")
    return Document(path=path, format="txt", sha256=sha, blocks=blocks, read_as=read_as, warnings=warnings)


def _legacy_message(encoding: str) -> str:
    return (f"text is in the legacy {encoding} encoding, not Unicode; convert it to Unicode "
            f"(for example with Unikey's converter) and save it again")


# --- .docx --------------------------------------------------------------------------------------

# What a damaged zip raises, opening it or inflating a part: a flipped byte in the central directory
# can claim a zip version Python does not implement (NotImplementedError), a damaged stream zlib.error.
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError, OSError, ValueError,
               struct.error)


def read_docx_bytes(data: bytes, path: str) -> Document:
    sha = hashlib.sha256(data).hexdigest()
    with open_docx(data, path) as archive:
        root = parse_part(archive, "word/document.xml", path)
        styles = _shared(_Styles, archive, "word/styles.xml", path)
        definitions = _shared(Definitions, archive, "word/numbering.xml", path)
        side_parts = [(name, kind, parse_part(archive, name, path))
                      for name in sorted(archive.namelist()) if (kind := _side_part_kind(name))]
    body = root.find(W + "body")
    if body is None:
        raise ReadError(path, "word/document.xml has no body")
    document = _read_body(body, styles, definitions, side_parts, path, sha)
    legacy = detect_legacy("\n".join(block.line for block in document.blocks), document.fonts)
    if legacy:
        # Read again, each run converted by its own font: a mixed document holds both tables.
        document = _read_body(body, styles, definitions, side_parts, path, sha, _RunFonts(styles))
        if not document.read_as[1:]:
            raise ReadError(path, _legacy_message(legacy))
    return document


def _read_body(body, styles: _Styles, definitions: Definitions, side_parts: list, path: str, sha: str,
               run_fonts: _RunFonts | None = None) -> Document:
    """One reading of the body and the side parts; with `run_fonts`, runs in legacy fonts converted."""
    numbering = Numbering(definitions, styles.num_by_style())
    side = {kind: [] for kind in ("headers", "footers", "footnotes", "comments")}
    notes: dict[str, str] = {}
    # The encodings converted from; None when runs are read as they are.
    converted: set[str] | None = None if run_fonts is None else set()
    for name, kind, part in side_parts:
        if kind == "footnotes":
            # One pass over the notes gives both: each note's text by id, and the part's text.
            part_notes = _notes(part, "e" if name.endswith("endnotes.xml") else "", run_fonts, converted)
            notes.update(part_notes)
            side[kind].extend(part_notes.values())
        else:
            side[kind].extend(_plain_paragraphs(part, run_fonts, converted))
    reader = _BodyReader(styles, numbering, with_notes=bool(notes), converted=converted)
    with _gc_paused():
        blocks = reader.read(body, run_fonts)
    fonts = styles.fonts | reader.legacy_fonts
    # Each ignored attribute once, however many paragraphs carry it.
    warnings = list(dict.fromkeys(definitions.warnings + styles.warnings + reader.warnings))
    if not any(block.line.strip() for block in blocks):
        raise ReadError(path, "holds no text (the document is empty)")
    read_as = ["docx", *(READ_AS[encoding] for encoding in (TCVN3, VNI) if encoding in (converted or ()))]
    return Document(path=path, format="docx", sha256=sha, blocks=blocks, fonts=fonts, notes=notes, warnings=warnings,
                    read_as=read_as, **side)


def open_docx(data: bytes, path: str) -> zipfile.ZipFile:
    """The zip of a .docx, once it is known to hold word/document.xml; `ReadError` saying what the
    bytes are instead (a legacy or encrypted .doc, a PDF, an .odt, a damaged zip)."""
    if data[:8] == OLE:
        raise ReadError(path, "is a password-protected Word file or a legacy .doc renamed .docx; "
                              "remove the password or save it as .docx in Word")
    if data[:5] == b"%PDF-":
        raise ReadError(path, "is a PDF renamed .docx; use the Word file it was made from")
    if not data:
        raise ReadError(path, "is an empty file")
    try:
        archive = zipfile.ZipFile(_BytesReader(data))
    except _ZIP_ERRORS:
        problem = "is damaged (a truncated or corrupt zip)" if data[:2] == b"PK" else "is not a .docx (not a zip archive)"
        raise ReadError(path, problem) from None
    names = set(archive.namelist())
    if "word/document.xml" not in names:
        archive.close()
        if "content.xml" in names:
            raise ReadError(path, "is an OpenDocument (.odt) file renamed .docx; save it as .docx")
        raise ReadError(path, "is a zip without word/document.xml, so not a Word document")
    return archive


@contextlib.contextmanager
def _gc_paused():
    """Reading a long report makes hundreds of thousands of small objects and no cycles; the
    collector's passes over them cost a third of the read (measured in bench/read_speed.py)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _BytesReader:
    """zipfile needs a seekable file; io.BytesIO copies, this does not."""

    def __init__(self, data: bytes):
        self._view = memoryview(data)
        self._pos = 0

    def seekable(self):
        return True

    def seek(self, offset, whence=0):
        base = {0: 0, 1: self._pos, 2: len(self._view)}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def tell(self):
        return self._pos

    def read(self, n=-1):
        end = len(self._view) if n is None or n < 0 else min(len(self._view), self._pos + n)
        chunk = self._view[self._pos:end].tobytes()
        self._pos = end
        return chunk


def _side_part_kind(name: str) -> str | None:
    if not name.startswith("word/") or not name.endswith(".xml") or "/_rels/" in name:
        return None
    base = name[5:]
    if base.startswith("header"):
        return "headers"
    if base.startswith("footer"):
        return "footers"
    if base in ("footnotes.xml", "endnotes.xml"):
        return "footnotes"
    if base == "comments.xml":
        return "comments"
    return None


_SHARED: OrderedDict = OrderedDict()
_SHARED_SIZE = 32


def _shared(kind, archive: zipfile.ZipFile, name: str, path: str):
    """styles.xml and numbering.xml parsed once per distinct part: an office's reports come from
    a few templates, and inflating and parsing these parts cost more than the body of a short
    report. A part is known by its CRC-32 and sizes from the zip directory, read without inflating."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        return kind(None)
    key = (kind, name, info.CRC, info.file_size, info.compress_size)
    if key in _SHARED:
        _SHARED.move_to_end(key)
        return _SHARED[key]
    value = kind(parse_part(archive, name, path))
    _SHARED[key] = value
    if len(_SHARED) > _SHARED_SIZE:
        _SHARED.popitem(last=False)
    return value


def parse_part(archive: zipfile.ZipFile, name: str, path: str):
    return _parse_xml(_read_part(archive, name, path), name, path)


def _read_part(archive: zipfile.ZipFile, name: str, path: str) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > MAX_PART_BYTES:
        raise ReadError(path, f"part {name} would inflate to {info.file_size // 2**20} MB, beyond "
                              f"the {MAX_PART_BYTES // 2**20} MB limit (a damaged file or a zip bomb)")
    try:
        with archive.open(info) as stream:
            xml = stream.read(MAX_PART_BYTES + 1)
    except _ZIP_ERRORS as exc:
        problem = "is password-protected" if "encrypted" in str(exc) else f"is damaged ({exc})"
        raise ReadError(path, f"{problem} (part {name})") from None
    if len(xml) > MAX_PART_BYTES:
        raise ReadError(path, f"part {name} inflates beyond the {MAX_PART_BYTES // 2**20} MB limit "
                              f"(a damaged file or a zip bomb)")
    return xml


def _parse_xml(xml: bytes, name: str, path: str):
    head = xml[:4096]
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise ReadError(path, f"part {name} declares XML entities, which Word never writes; "
                              f"refusing to read it")
    try:
        return etree.fromstring(xml, _SAFE_PARSER)
    except etree.XMLSyntaxError as exc:
        raise ReadError(path, f"part {name} is not well-formed XML ({exc.msg})") from None


def _notes(root, prefix: str, run_fonts: _RunFonts | None = None, converted: set | None = None) -> dict[str, str]:
    """Footnote (or endnote, ids prefixed "e") id → text; the separator notes Word keeps at ids -1, 0 have no text."""
    notes = {}
    for note in root.iter(W_FOOTNOTE, W_ENDNOTE):
        text = " ".join(_plain_paragraphs(note, run_fonts, converted))
        if text:
            notes[prefix + note.get(W + "id", "")] = text
    return notes


def _plain_paragraphs(root, run_fonts: _RunFonts | None = None, converted: set | None = None) -> list[str]:
    """Paragraph texts of a header, footer, footnote or comment part."""
    return [text for _, parts in _collect(root, run_fonts)[0] if (text := _joined(parts, converted).strip())]


class _Styles:
    """styles.xml read once: names, the basedOn chain, numbering, bold/caps and outline level;
    `warnings` name what was ignored."""

    def __init__(self, root):
        self._raw: dict[str, dict] = {}
        self._resolved: dict[str, dict] = {}
        self._num_by_style: dict | None = None
        self.default_paragraph: str | None = None
        self.fonts: set[str] = set()
        self.warnings: list[str] = []
        self._character: dict[str, tuple[str | None, str | None]] = {}  # id → (its font, basedOn)
        self.default_font: str | None = None
        if root is None:
            return
        defaults = root.find(f"{W}docDefaults/{W}rPrDefault/{W_RPR}")
        self.default_font = rpr_font(defaults)
        for style in root.iterfind(W + "style"):
            if style.get(W + "type") == "character":
                based = style.find(W + "basedOn")
                self._character[style.get(W + "styleId")] = (rpr_font(style.find(W_RPR)),
                                                              based.get(VAL) if based is not None else None)
            if style.get(W + "type") not in ("paragraph", None):
                continue
            style_id = style.get(W + "styleId")
            ppr = style.find(W_PPR)
            rpr = style.find(W_RPR)
            num_pr = ppr.find(W + "numPr") if ppr is not None else None
            name_el = style.find(W + "name")
            based = style.find(W + "basedOn")
            outline = ppr.find(W + "outlineLvl") if ppr is not None else None
            self._raw[style_id] = {
                "name": name_el.get(VAL) if name_el is not None else style_id,
                "based_on": based.get(VAL) if based is not None else None,
                "num_id": child_val(num_pr, "numId"),
                "ilvl": whole_number(child_val(num_pr, "ilvl"), "word/styles.xml: w:ilvl w:val", self.warnings),
                "outline": whole_number(outline.get(VAL) if outline is not None else None,
                                        "word/styles.xml: w:outlineLvl w:val", self.warnings),
                "bold": toggle(rpr, "b"),
                "caps": toggle(rpr, "caps"),
                "font": rpr_font(rpr),
            }
            if style.get(W + "default") in ("1", "true"):
                self.default_paragraph = style_id
        self.fonts = {f for f in (el.get(W + "ascii") for el in root.iter(W + "rFonts")) if f}

    def resolve(self, style_id: str | None) -> dict:
        """Style properties with each one inherited independently along basedOn."""
        style_id = style_id or self.default_paragraph
        if not style_id or style_id not in self._raw:
            return {"name": style_id or "", "num_id": None, "ilvl": None, "outline": None,
                    "bold": None, "caps": None, "font": None}
        cached = self._resolved.get(style_id)
        if cached is not None:
            return cached
        chain, current = [], style_id
        while current in self._raw and current not in chain:
            chain.append(current)
            current = self._raw[current]["based_on"]
        merged = {"name": self._raw[style_id]["name"]}
        for key in ("num_id", "ilvl", "outline", "bold", "caps", "font"):
            merged[key] = next((self._raw[s][key] for s in chain if self._raw[s][key] is not None), None)
        self._resolved[style_id] = merged
        return merged

    def character_font(self, style_id: str | None) -> str | None:
        """The font a character style sets, along its basedOn chain."""
        seen = set()
        while style_id in self._character and style_id not in seen:
            seen.add(style_id)
            font, style_id = self._character[style_id]
            if font:
                return font
        return None

    def num_by_style(self) -> dict[str, tuple[str | None, int | None]]:
        if self._num_by_style is None:
            self._num_by_style = {}
            for style_id in self._raw:
                props = self.resolve(style_id)
                self._num_by_style[style_id] = (props["num_id"], props["ilvl"])
        return self._num_by_style


def child_val(parent, name: str) -> str | None:
    if parent is None:
        return None
    el = parent.find(W + name)
    return el.get(VAL) if el is not None else None


def rpr_font(rpr) -> str | None:
    """The font a run's properties set for its letters: ascii, else hAnsi (the letters beyond ASCII
    are drawn in hAnsi, and a file may set only that)."""
    fonts = rpr.find(W_RFONTS) if rpr is not None else None
    if fonts is None:
        return None
    return fonts.get(W_ASCII) or fonts.get(W_HANSI)


class _RunFonts:
    """The font each run is drawn in, as Word resolves it: the run's own, else its character
    style's, else its paragraph style's (the default one when it names none), each along basedOn,
    else the document default."""

    def __init__(self, styles: _Styles):
        self.styles = styles

    def of(self, run, paragraph) -> str | None:
        rpr = run.find(W_RPR)
        font = rpr_font(rpr)
        if font:
            return font
        style = rpr.find(W_RSTYLE) if rpr is not None else None
        font = self.styles.character_font(style.get(VAL)) if style is not None else None
        if font:
            return font
        ppr = paragraph.find(W_PPR) if paragraph is not None else None
        style_id = child_val(ppr, "pStyle")
        return self.styles.resolve(style_id)["font"] or self.styles.default_font


def _joined(parts: list, converted: set | None = None) -> str:
    """A paragraph's text from its pieces: strings, or (text, font) pairs when runs in legacy
    fonts are converted; the encodings converted from are added to `converted`. A soft hyphen is
    Word's invisible hyphenation point except in TCVN3, where it is the letter ư."""
    if converted is None:
        return "".join(parts)
    text, used = convert_runs([part if isinstance(part, tuple) else (part, None) for part in parts])
    converted |= used
    return text.replace("\u00ad", "")


def toggle(rpr, name: str) -> bool | None:
    """A run property's toggle: None when the property is not set here (so it inherits)."""
    el = rpr.find(W + name) if rpr is not None else None
    return None if el is None else is_on(el)


class _BodyReader:
    """One pass over the body in document order; text goes to the paragraph it belongs to.

    A single `iter()` over paragraphs and text elements costs about what the floor's pass over
    `w:t` costs; walking each paragraph's subtree again would double it."""

    def __init__(self, styles: _Styles, numbering: Numbering, with_notes: bool = False,
                 converted: set[str] | None = None):
        self.styles = styles
        self.numbering = numbering
        self.with_notes = with_notes
        self.converted = converted
        self.legacy_fonts: set[str] = set()
        self.warnings: list[str] = []

    def read(self, body, run_fonts: _RunFonts | None = None) -> list[Block]:
        blocks: list[Block] = []
        tables: dict = {}
        row_block, row_key = None, None
        records, box_text = _collect(body, run_fonts)
        for p, parts in records:
            paragraph = self._paragraph(p, _joined(parts, self.converted).strip(), next(p.iter(W_T), None))
            if self.with_notes:
                # Only documents with footnotes pay for this second look at the paragraph.
                paragraph.notes = tuple(("e" if ref.tag == W_ENDNOTEREF else "") + ref.get(W + "id", "")
                                        for ref in p.iter(W_FOOTNOTEREF, W_ENDNOTEREF))
            cell = outer_cell(p)
            if cell is None:
                row_block = row_key = None
                if paragraph.shown.strip():
                    blocks.append(Block("paragraph", [paragraph]))
            else:
                tc, row, table = cell
                table_index = tables.setdefault(table, len(tables) + 1)
                if row is not row_key:
                    row_block, row_key = _row_block(row, table_index, self.warnings), row
                    blocks.append(row_block)
                if not row_block.cell_elements or row_block.cell_elements[-1] is not tc:
                    row_block.cell_elements.append(tc)
                    row_block.cells.append([])
                    span, continued = _cell_grid(tc, self.warnings)
                    row_block.spans.append(span)
                    row_block.continued.append(continued)
                row_block.cells[-1].append(paragraph)
            for box_parts in box_text.get(p, ()):
                text = _joined(box_parts, self.converted).strip()
                if text:
                    blocks.append(Block("paragraph", [Paragraph(text, style="text box")]))
                row_block = row_key = None
        return [b for block in blocks for b in _settle_row(block)]

    def _paragraph(self, p, text: str, first_text) -> Paragraph:
        style_id = num_id = ilvl = outline = None
        # lxml's find() and len() cost microseconds each; the first child is where pPr lives.
        ppr = next(iter(p), None)
        if ppr is not None and ppr.tag == W_PPR:
            for prop in ppr:
                tag = prop.tag
                if tag == W_PSTYLE:
                    style_id = prop.get(VAL)
                elif tag == W_NUMPR:
                    for part in prop:
                        if part.tag == W_NUMID:
                            num_id = part.get(VAL)
                        elif part.tag == W_ILVL:
                            ilvl = whole_number(part.get(VAL), "word/document.xml: w:ilvl w:val", self.warnings)
                elif tag == W_OUTLINE:
                    outline = whole_number(prop.get(VAL, "9"), "word/document.xml: w:outlineLvl w:val", self.warnings)
        style = self.styles.resolve(style_id)
        if num_id is None:
            num_id = style["num_id"]
        label = ""
        if num_id and num_id != "0":
            if ilvl is None:
                ilvl = style["ilvl"]
                if ilvl is None and style_id:
                    ilvl = self.numbering.level_for_style(num_id, style_id)
            label = self.numbering.label(num_id, ilvl or 0)
        bold = caps = None
        if first_text is not None:
            rpr = next(iter(first_text.getparent()), None)
            if rpr is not None and rpr.tag == W_RPR:
                for prop in rpr:
                    tag = prop.tag
                    if tag == W_B:
                        bold = is_on(prop)
                    elif tag == W_CAPS:
                        caps = is_on(prop)
                    elif tag == W_RFONTS:
                        font = prop.get(W_ASCII, "")
                        if font.lower().startswith((".vn", "vni")):
                            self.legacy_fonts.add(font)
        return Paragraph(
            text=text,
            style=style["name"],
            bold=bool(bold if bold is not None else style["bold"]),
            all_caps=bool(caps if caps is not None else style["caps"]),
            outline_level=outline if outline is not None else style["outline"],
            label=label,
            label_generated=bool(label),
        )


def _collect(root, run_fonts: _RunFonts | None = None) -> tuple[list[tuple], dict]:
    """(paragraph, its text pieces) in document order, and each paragraph's text boxes (the pieces
    of each of their paragraphs), in one pass over the tree, read the way Word shows it: tabs and
    breaks are spaces (tab-stop definitions are not), deletions, moved-from text and the VML copy of
    a text box are skipped. With `run_fonts`, a run's text is a (text, font) piece and soft hyphens
    are kept, for the runs in legacy fonts to be converted."""
    records: list[tuple] = []
    box_text: dict = {}
    parts: list = []
    current = None
    skip: set = set()
    tags = (W_P, *_TEXT_TAGS, W_DEL, W_MOVEFROM, MC_FALLBACK, W_TXBX)
    for el in root.iter(*tags, W_SOFTHYPHEN) if run_fonts else root.iter(*tags):
        if skip and el in skip:
            continue
        tag = el.tag
        if tag == W_T:
            parts.append(el.text or "" if run_fonts is None else (el.text or "", run_fonts.of(el.getparent(), current)))
        elif tag == W_P:
            current, parts = el, []
            records.append((el, parts))
        elif tag in _HIDDEN:
            skip.update(el.iter())
        elif tag == W_TXBX:
            box_text.setdefault(current, []).extend(box_parts for child in el
                                                    for _, box_parts in _collect(child, run_fonts)[0])
            skip.update(el.iter())
        elif tag == W_NOBREAKHYPHEN:
            parts.append("-")
        elif tag == W_SOFTHYPHEN:
            parts.append(("\u00ad", run_fonts.of(el.getparent(), current)))
        elif tag != W_TAB or el.getparent().tag != W_TABS:
            parts.append(" ")
    return records, box_text


def outer_cell(p):
    """(cell, row, table) of the outermost table holding a paragraph, or None in the body flow.
    A nested table's text is read as part of the outer cell that holds it."""
    parent = p.getparent()
    if parent is None or parent.tag == W_BODY:
        return None
    outer = None
    for outer in p.iterancestors(W_TC):
        pass
    if outer is None:
        return None
    row = next(outer.iterancestors(W_TR))
    return outer, row, next(row.iterancestors(W_TBL))


# Word's limit on a table's columns: a cell spanning more is a damaged file, not a wider table.
MAX_GRID_COLUMNS = 63


def _row_block(row, table_index: int, warnings: list[str]) -> Block:
    block = Block("row", cells=[], table=table_index)
    block.cell_elements = []
    trpr = row.find(W + "trPr")
    if trpr is not None:
        before = whole_number(child_val(trpr, "gridBefore"), "word/document.xml: w:gridBefore w:val", warnings)
        block.grid_before = min(before or 0, MAX_GRID_COLUMNS)
        header = trpr.find(W + "tblHeader")
        block.repeated_header = header is not None and is_on(header)
    return block


def _cell_grid(tc, warnings: list[str]) -> tuple[int, bool]:
    """How many grid columns a cell spans, and whether it continues the merged cell above it
    (a w:vMerge with no value or "continue"; "restart" opens a merged cell)."""
    tcpr = tc.find(W + "tcPr")
    if tcpr is None:
        return 1, False
    span = whole_number(child_val(tcpr, "gridSpan"), "word/document.xml: w:gridSpan w:val", warnings)
    merge = tcpr.find(W + "vMerge")
    return min(max(span or 1, 1), MAX_GRID_COLUMNS), merge is not None and merge.get(VAL, "continue") == "continue"


def _settle_row(block: Block) -> list[Block]:
    """Drop empty rows; a one-column table is a framed box of ordinary paragraphs."""
    if block.kind != "row":
        return [block]
    del block.cell_elements
    if not any(p.shown.strip() for cell in block.cells for p in cell):
        return []
    if len(block.cells) == 1:
        return [Block("paragraph", [p], table=block.table) for p in block.cells[0] if p.shown.strip()]
    return [block]
