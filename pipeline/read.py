"""Read a report file (.docx or .txt) into a `Document`: body blocks in order, the rest apart.

The .docx reader walks word/document.xml with lxml, the way Word shows the text: generated
numbering labels recovered, tracked insertions kept and deletions dropped, field results kept and
instructions dropped, text boxes read once, tables kept as rows of cells. It never resolves XML
entities, never touches the network, and caps how far a zip part may inflate.
"""
from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

from lxml import etree

from pipeline.errors import ReadError
from pipeline.models import Block, Document, Paragraph
from pipeline.normalise import detect_legacy, repair_mojibake, strip_artefacts
from pipeline.numbering import Numbering

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
W_P, W_TBL, W_TR, W_TC, W_SDT, W_SDTCONTENT = (W + t for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent"))
W_T, W_TAB, W_BR, W_CR, W_PTAB = (W + t for t in ("t", "tab", "br", "cr", "ptab"))
W_NOBREAKHYPHEN, W_SOFTHYPHEN = W + "noBreakHyphen", W + "softHyphen"
W_DEL, W_MOVEFROM, W_TXBX = W + "del", W + "moveFrom", W + "txbxContent"
W_PPR, W_RPR, W_R = W + "pPr", W + "rPr", W + "r"
W_CUSTOMXML, W_INS, W_MOVETO = W + "customXml", W + "ins", W + "moveTo"
MC_FALLBACK = MC + "Fallback"
VAL = W + "val"
W_PSTYLE, W_NUMPR, W_NUMID, W_ILVL, W_OUTLINE = (W + t for t in ("pStyle", "numPr", "numId", "ilvl", "outlineLvl"))
W_RFONTS = W + "rFonts"

MAX_PART_BYTES = 256 * 1024 * 1024
SUPPORTED = (".docx", ".txt")

_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                               huge_tree=True, remove_comments=True, remove_pis=True)
_TEXT_TAGS = (W_T, W_TAB, W_BR, W_CR, W_PTAB, W_NOBREAKHYPHEN)


def read_document(path: str | Path) -> Document:
    """Read a .docx or .txt report. Raises `ReadError` naming the file and the problem."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReadError(str(path), "no such file") from None
    except IsADirectoryError:
        raise ReadError(str(path), "is a folder, not a report file") from None
    except OSError as exc:
        raise ReadError(str(path), f"cannot be opened ({exc.strerror or exc})") from None
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return read_docx_bytes(data, str(path))
    if suffix == ".txt":
        return read_txt_bytes(data, str(path))
    hint = {".doc": "a legacy Word .doc file: open it in Word and save it as .docx",
            ".pdf": "a PDF: baocao reads the Word file the PDF was made from",
            ".odt": "an OpenDocument file: open it in Word or LibreOffice and save it as .docx"}
    raise ReadError(str(path), hint.get(suffix, f"unsupported file type '{suffix or 'none'}': "
                                                "baocao reads .docx and .txt"))


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
            legacy = detect_legacy(data.decode("latin-1"))
            if legacy:
                raise ReadError(path, _legacy_message(legacy)) from None
            raise ReadError(path, f"is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset "
                                  f"{exc.start}); save it as UTF-8 and try again") from None
    text = repair_mojibake(strip_artefacts(text))
    legacy = detect_legacy(text)
    if legacy:
        raise ReadError(path, _legacy_message(legacy))
    blocks = [Block("paragraph", [Paragraph(line.strip())])
              for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if line.strip()]
    if not blocks:
        raise ReadError(path, "holds no text")
    return Document(path=path, format="txt", sha256=sha, blocks=blocks)


def _legacy_message(encoding: str) -> str:
    return (f"text is in the legacy {encoding} encoding, not Unicode; convert it to Unicode "
            f"(for example with Unikey's converter) and save it again")


# --- .docx --------------------------------------------------------------------------------------

def read_docx_bytes(data: bytes, path: str) -> Document:
    sha = hashlib.sha256(data).hexdigest()
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ReadError(path, "is a password-protected Word file or a legacy .doc renamed .docx; "
                              "remove the password or save it as .docx in Word")
    if data[:5] == b"%PDF-":
        raise ReadError(path, "is a PDF renamed .docx; use the Word file it was made from")
    if not data:
        raise ReadError(path, "is an empty file")
    try:
        archive = zipfile.ZipFile(_BytesReader(data))
    except zipfile.BadZipFile:
        problem = "is damaged (a truncated or corrupt zip)" if data[:2] == b"PK" else "is not a .docx (not a zip archive)"
        raise ReadError(path, problem) from None
    with archive:
        names = set(archive.namelist())
        if "word/document.xml" not in names:
            if "content.xml" in names:
                raise ReadError(path, "is an OpenDocument (.odt) file renamed .docx; save it as .docx")
            raise ReadError(path, "is a zip without word/document.xml, so not a Word document")
        root = _parse_part(archive, "word/document.xml", path)
        styles = _Styles(_parse_part(archive, "word/styles.xml", path) if "word/styles.xml" in names else None)
        numbering_root = _parse_part(archive, "word/numbering.xml", path) if "word/numbering.xml" in names else None
        numbering = Numbering(numbering_root, styles.num_by_style())
        side = {kind: [] for kind in ("headers", "footers", "footnotes", "comments")}
        for name in sorted(names):
            kind = _side_part_kind(name)
            if kind:
                side[kind].extend(_plain_paragraphs(_parse_part(archive, name, path)))
    body = root.find(W + "body")
    if body is None:
        raise ReadError(path, "word/document.xml has no body")
    reader = _BodyReader(root, styles, numbering)
    blocks = reader.read(body)
    fonts = styles.fonts | reader.legacy_fonts
    if not any(block.line.strip() for block in blocks):
        raise ReadError(path, "holds no text (the document is empty)")
    legacy = detect_legacy("\n".join(block.line for block in blocks), fonts)
    if legacy:
        raise ReadError(path, _legacy_message(legacy))
    return Document(path=path, format="docx", sha256=sha, blocks=blocks, fonts=fonts, **side)


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


def _parse_part(archive: zipfile.ZipFile, name: str, path: str):
    info = archive.getinfo(name)
    if info.file_size > MAX_PART_BYTES:
        raise ReadError(path, f"part {name} would inflate to {info.file_size // 2**20} MB, beyond "
                              f"the {MAX_PART_BYTES // 2**20} MB limit (a damaged file or a zip bomb)")
    try:
        with archive.open(info) as stream:
            xml = stream.read(MAX_PART_BYTES + 1)
    except (zipfile.BadZipFile, EOFError, RuntimeError, NotImplementedError, OSError) as exc:
        problem = "is password-protected" if "encrypted" in str(exc) else f"is damaged ({exc})"
        raise ReadError(path, f"{problem} (part {name})") from None
    if len(xml) > MAX_PART_BYTES:
        raise ReadError(path, f"part {name} inflates beyond the {MAX_PART_BYTES // 2**20} MB limit "
                              f"(a damaged file or a zip bomb)")
    head = xml[:4096]
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise ReadError(path, f"part {name} declares XML entities, which Word never writes; "
                              f"refusing to read it")
    try:
        return etree.fromstring(xml, _SAFE_PARSER)
    except etree.XMLSyntaxError as exc:
        raise ReadError(path, f"part {name} is not well-formed XML ({exc.msg})") from None


def _plain_paragraphs(root) -> list[str]:
    _prepare_text(root)
    out = []
    for p in root.iter(W_P):
        text = _paragraph_text(p).strip()
        if text:
            out.append(text)
    return out


def _prepare_text(root) -> set:
    """Give tabs, breaks and hyphens the text Word shows and blank what it hides, so that a
    paragraph's text is one C-level itertext() call. Returns the text elements inside text boxes."""
    boxed, hidden = set(), []
    for el in root.iter(W_TAB, W_BR, W_CR, W_PTAB, W_NOBREAKHYPHEN, W_DEL, W_MOVEFROM, MC_FALLBACK, W_TXBX):
        tag = el.tag
        if tag == W_TXBX:
            boxed.update(el.iter(*_TEXT_TAGS))
        elif tag in (W_DEL, W_MOVEFROM, MC_FALLBACK):
            hidden.append(el)
        else:
            el.text = "-" if tag == W_NOBREAKHYPHEN else " "
    # After the loop: a tab inside a deletion was given a space above and must lose it again.
    for container in hidden:
        for el in container.iter(*_TEXT_TAGS):
            el.text = ""
    return boxed


def _paragraph_text(p, boxed: set = frozenset()) -> str:
    if boxed:
        return "".join(el.text or "" for el in p.iter(*_TEXT_TAGS) if el not in boxed)
    return "".join(p.itertext(*_TEXT_TAGS, with_tail=False))


class _Styles:
    """styles.xml read once: names, the basedOn chain, numbering, bold/caps and outline level."""

    def __init__(self, root):
        self._raw: dict[str, dict] = {}
        self.default_paragraph: str | None = None
        self.fonts: set[str] = set()
        if root is None:
            return
        for style in root.iterfind(W + "style"):
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
                "num_id": _child_val(num_pr, "numId"),
                "ilvl": _child_val(num_pr, "ilvl"),
                "outline": int(outline.get(VAL)) if outline is not None else None,
                "bold": _toggle(rpr, "b"),
                "caps": _toggle(rpr, "caps"),
            }
            if style.get(W + "default") in ("1", "true"):
                self.default_paragraph = style_id
        self.fonts = {f for f in (el.get(W + "ascii") for el in root.iter(W + "rFonts")) if f}
        self._resolved: dict[str, dict] = {}

    def resolve(self, style_id: str | None) -> dict:
        """Style properties with each one inherited independently along basedOn."""
        style_id = style_id or self.default_paragraph
        if not style_id or style_id not in self._raw:
            return {"name": style_id or "", "num_id": None, "ilvl": None, "outline": None,
                    "bold": None, "caps": None}
        cached = self._resolved.get(style_id)
        if cached is not None:
            return cached
        chain, current = [], style_id
        while current in self._raw and current not in chain:
            chain.append(current)
            current = self._raw[current]["based_on"]
        merged = {"name": self._raw[style_id]["name"]}
        for key in ("num_id", "ilvl", "outline", "bold", "caps"):
            merged[key] = next((self._raw[s][key] for s in chain if self._raw[s][key] is not None), None)
        self._resolved[style_id] = merged
        return merged

    def num_by_style(self) -> dict[str, tuple[str | None, int | None]]:
        out = {}
        for style_id in self._raw:
            props = self.resolve(style_id)
            out[style_id] = (props["num_id"], int(props["ilvl"]) if props["ilvl"] is not None else None)
        return out


def _child_val(parent, name: str) -> str | None:
    if parent is None:
        return None
    el = parent.find(W + name)
    return el.get(VAL) if el is not None else None


def _toggle(rpr, name: str) -> bool | None:
    if rpr is None:
        return None
    el = rpr.find(W + name)
    if el is None:
        return None
    return el.get(VAL, "1") not in ("0", "false", "off")


class _BodyReader:
    def __init__(self, root, styles: _Styles, numbering: Numbering):
        self.styles = styles
        self.numbering = numbering
        self.boxed = _prepare_text(root)
        self.table_count = 0
        self.legacy_fonts: set[str] = set()

    def read(self, body) -> list[Block]:
        blocks: list[Block] = []
        self._walk(body, blocks)
        return blocks

    def _walk(self, container, blocks: list[Block]) -> None:
        for child in container:
            tag = child.tag
            if tag == W_P:
                paragraph = self._paragraph(child)
                if paragraph.shown.strip():
                    blocks.append(Block("paragraph", [paragraph]))
                self._text_boxes(child, blocks)
            elif tag == W_TBL:
                self._table(child, blocks)
            elif tag in (W_SDT, W_SDTCONTENT, W_CUSTOMXML, W_INS, W_MOVETO):
                self._walk(child.find(W_SDTCONTENT) if tag == W_SDT else child, blocks)
            # w:del / w:moveFrom at block level are deleted content; sectPr holds no text.

    def _text_boxes(self, p, blocks: list[Block]) -> None:
        if not self.boxed:
            return
        for box in p.iter(W_TXBX):
            if any(a.tag in (MC_FALLBACK, W_DEL, W_MOVEFROM) for a in box.iterancestors()):
                continue
            for inner in box.iter(W_P):
                text = _paragraph_text(inner).strip()
                if text:
                    blocks.append(Block("paragraph", [Paragraph(text, style="text box")]))

    def _paragraph(self, p) -> Paragraph:
        style_id = num_id = ilvl = outline = None
        ppr = p[0] if len(p) and p[0].tag == W_PPR else None
        if ppr is not None:
            for prop in ppr:
                tag = prop.tag
                if tag == W_PSTYLE:
                    style_id = prop.get(VAL)
                elif tag == W_NUMPR:
                    for part in prop:
                        if part.tag == W_NUMID:
                            num_id = part.get(VAL)
                        elif part.tag == W_ILVL:
                            ilvl = part.get(VAL)
                elif tag == W_OUTLINE:
                    outline = int(prop.get(VAL, "9"))
        style = self.styles.resolve(style_id)
        if num_id is None:
            num_id = style["num_id"]
        label = ""
        if num_id and num_id != "0":
            if ilvl is None:
                ilvl = style["ilvl"]
                if ilvl is None and style_id:
                    ilvl = self.numbering.level_for_style(num_id, style_id)
            label = self.numbering.label(num_id, int(ilvl or 0))
        bold = caps = None
        first_text = next(p.iter(W_T), None)
        if first_text is not None:
            run = first_text.getparent()
            rpr = run[0] if len(run) and run[0].tag == W_RPR else None
            if rpr is not None:
                bold, caps = _toggle(rpr, "b"), _toggle(rpr, "caps")
                fonts = rpr.find(W_RFONTS)
                if fonts is not None and fonts.get(W + "ascii", "").lower().startswith((".vn", "vni")):
                    self.legacy_fonts.add(fonts.get(W + "ascii"))
        return Paragraph(
            text=_paragraph_text(p, self.boxed).strip(),
            style=style["name"],
            bold=bool(bold if bold is not None else style["bold"]),
            all_caps=bool(caps if caps is not None else style["caps"]),
            outline_level=outline if outline is not None else style["outline"],
            label=label,
            label_generated=bool(label),
        )

    def _table(self, tbl, blocks: list[Block]) -> None:
        self.table_count += 1
        table_index = self.table_count
        for row in tbl.iter(W_TR):
            if next(row.iterancestors(W_TBL), None) is not tbl:
                continue  # a row of a nested table: read with its cell
            cells = []
            for cell in row.iterchildren(W_TC):
                cell_blocks: list[Block] = []
                self._walk(cell, cell_blocks)
                paragraphs = [p for b in cell_blocks for p in (b.paragraphs or [q for c in b.cells for q in c])]
                cells.append(paragraphs)
            non_empty = [c for c in cells if any(p.shown.strip() for p in c)]
            if not non_empty:
                continue
            if len(cells) == 1:
                # A one-column table is a framed box of ordinary paragraphs.
                blocks.extend(Block("paragraph", [p], table=table_index) for p in cells[0] if p.shown.strip())
            else:
                blocks.append(Block("row", cells=cells, table=table_index))
