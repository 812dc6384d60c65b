"""What Word shows of a .docx's format, for the format rules of Nghị định 30/2020/NĐ-CP (Phụ lục I)
and Hướng dẫn 36-HD/VPTW: the paper and margins of each section, and each paragraph's alignment and
its runs' font, size, bold, italic, underline and capitals.

A value is the one Word resolves: the run's own properties, then its character style, then its
paragraph's style (the default paragraph style when it names none), each style with its basedOn
chain, then the document defaults. Table styles are not read: their run properties would come
between the document defaults and the paragraph style, row by row and column by column as their
conditional formatting says, and of the 49 real files only two have a table style naming a font.

The file is opened and parsed by `pipeline.read`, so a bad file raises the same `ReadError`.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.convert import CONVERTED, to_docx
from pipeline.errors import ReadError
from pipeline.read import (MC_FALLBACK, VAL, W, W_BODY, W_BR, W_CR, W_DEL, W_MOVEFROM, W_NOBREAKHYPHEN, W_P,
                           W_PPR, W_PSTYLE, W_PTAB, W_RFONTS, W_RPR, W_T, W_TAB, child_val, decrypted, open_docx,
                           outer_cell, parse_part, read_report_bytes, toggle)

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
W_R, W_SECTPR, W_RSTYLE = W + "r", W + "sectPr", W + "rStyle"
TWIPS_PER_MM = 1440 / 25.4

# What a run shows of its children other than w:t; anything else in a run (field instructions,
# drawings and the text boxes inside them, which are paragraphs of their own) shows nothing of the run's.
_SHOWN = {W_TAB: "\t", W_PTAB: "\t", W_BR: "\n", W_CR: "\n", W_NOBREAKHYPHEN: "-"}
# Inside a paragraph: tracked deletions and moved-away text are not shown, and the VML fallback
# repeats the text box its DrawingML choice already holds.
_NOT_SHOWN = (W_PPR, W_DEL, W_MOVEFROM, MC_FALLBACK)

# Word 2010 and later may write start/end for left/right, and the justified variants for Arabic
# and Thai scripts all fill the line as "both" does.
_ALIGNMENT = {"start": "left", "end": "right", "distribute": "both", "thaiDistribute": "both",
              "lowKashida": "both", "mediumKashida": "both", "highKashida": "both"}


@dataclass
class PageSetup:
    """One section (w:sectPr). A size the file does not give is None: Word then uses its own."""

    width_mm: float | None
    height_mm: float | None
    top_mm: float | None
    bottom_mm: float | None
    left_mm: float | None
    right_mm: float | None
    orientation: str  # "portrait" or "landscape", as w:orient says (portrait when it does not)


@dataclass
class RunFormat:
    """A run's text and its effective format; a font or size None when no level of the file sets it."""

    text: str
    font: str | None
    size_pt: float | None
    bold: bool
    italic: bool
    underline: bool
    caps: bool  # w:caps: shown in capitals whatever the letters typed


@dataclass
class ParagraphFormat:
    index: int  # place among the paragraphs of the body, from 0
    text: str  # the runs' text as shown: tabs "\t", breaks "\n"
    alignment: str  # left, center, right or both (justified)
    runs: list[RunFormat]
    in_table: tuple[int, int, int] | None  # (table, row, cell) from 0, of the outermost table holding it
    style: str | None  # the paragraph style's name


@dataclass
class Layout:
    pages: list[PageSetup]
    paragraphs: list[ParagraphFormat]
    default_font: str | None  # what a run with no format of its own shows in a paragraph with no style
    default_size_pt: float | None


def read_layout(path: str | Path, password: str | None = None) -> Layout:
    """The layout of a .docx. Raises `ReadError` naming the file and the problem."""
    path = Path(path)
    data = decrypted(read_report_bytes(path), str(path), password)
    if path.suffix.lower() in CONVERTED:
        data = to_docx(data, path)  # the layout Word would show, as LibreOffice keeps it
    elif path.suffix.lower() == ".pdf":
        raise ReadError(str(path), "is a PDF, which keeps no Word layout (styles, fonts by paragraph); give the .docx")
    elif path.suffix.lower() != ".docx":
        raise ReadError(str(path), "is a text file, which has no layout (paper, fonts); give the .docx")
    with open_docx(data, str(path)) as archive:
        names = set(archive.namelist())
        root = parse_part(archive, "word/document.xml", str(path))
        styles_root, theme_root = (parse_part(archive, name, str(path)) if name in names else None
                                   for name in ("word/styles.xml", "word/theme/theme1.xml"))
    body = root.find(W_BODY)
    if body is None:
        raise ReadError(str(path), "word/document.xml has no body")
    styles = _Styles(styles_root, _theme_fonts(theme_root))
    default = styles.run_format("", None, styles.paragraph_levels(None)[0])
    return Layout(pages=[_page(sect) for sect in body.iter(W_SECTPR) if sect.getparent().tag in (W_BODY, W_PPR)],
                  paragraphs=_paragraphs(body, styles), default_font=default.font, default_size_pt=default.size_pt)


def _theme_fonts(theme) -> dict[str, str]:
    """"major" and "minor" → the theme's Latin typeface: what asciiTheme="minorHAnsi" and the like name."""
    fonts = {}
    if theme is not None:
        for kind in ("major", "minor"):
            latin = theme.find(f".//{A}{kind}Font/{A}latin")
            if latin is not None and latin.get("typeface"):
                fonts[kind] = latin.get("typeface")
    return fonts


def _page(sect) -> PageSetup:
    size, margins = sect.find(W + "pgSz"), sect.find(W + "pgMar")

    def mm(element, name):
        value = _integer(element.get(W + name)) if element is not None else None
        return None if value is None else value / TWIPS_PER_MM

    return PageSetup(width_mm=mm(size, "w"), height_mm=mm(size, "h"), top_mm=mm(margins, "top"),
                     bottom_mm=mm(margins, "bottom"), left_mm=mm(margins, "left"), right_mm=mm(margins, "right"),
                     orientation=(size.get(W + "orient") if size is not None else None) or "portrait")


def _integer(value: str | None) -> int | None:
    """Twips and half-points are whole numbers; anything else Word would not have written is unread."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _paragraphs(body, styles: _Styles) -> list[ParagraphFormat]:
    hidden = {p for fallback in body.iter(MC_FALLBACK) for p in fallback.iter(W_P)}
    places: dict = {}
    paragraphs = []
    for p in body.iter(W_P):
        if p in hidden:
            continue
        ppr = p.find(W_PPR)
        style_el = ppr.find(W_PSTYLE) if ppr is not None else None
        rprs, pprs, name = styles.paragraph_levels(style_el.get(VAL) if style_el is not None else None)
        runs = [run for r in _runs(p) if (run := _run(r, styles, rprs)).text]
        jc = _first([ppr, *pprs], lambda el: child_val(el, "jc")) or "left"
        cell = outer_cell(p)
        paragraphs.append(ParagraphFormat(
            index=len(paragraphs), text="".join(run.text for run in runs), alignment=_ALIGNMENT.get(jc, jc),
            runs=runs, style=name,
            in_table=None if cell is None else (_number(places, None, cell[2]), _number(places, cell[2], cell[1]),
                                                _number(places, cell[1], cell[0]))))
    return paragraphs


def _number(places: dict, parent, element) -> int:
    """An element's place among those met so far under the same parent: tables of the body, rows
    of a table, cells of a row. Every cell holds a paragraph, so none is skipped."""
    seen = places.setdefault(parent, {})
    return seen.setdefault(element, len(seen))


def _runs(parent):
    """The runs of a paragraph in order, through insertions, hyperlinks, fields and content controls."""
    for child in parent:
        if child.tag == W_R:
            yield child
        elif child.tag not in _NOT_SHOWN:
            yield from _runs(child)


def _run(r, styles: _Styles, paragraph_rprs: list) -> RunFormat:
    text = "".join((el.text or "") if el.tag == W_T else _SHOWN.get(el.tag, "") for el in r)
    return styles.run_format(text, r.find(W_RPR), paragraph_rprs)


def _first(levels: list, read):
    """The value of the nearest level that sets one (levels nearest first; None levels skipped)."""
    for level in levels:
        if level is not None:
            value = read(level)
            if value is not None:
                return value
    return None


class _Styles:
    """styles.xml: each style's basedOn, rPr and pPr by (type, id), the default style of each type,
    and the document defaults."""

    def __init__(self, root, theme: dict[str, str]):
        self._theme = theme
        self._styles: dict[tuple[str, str], tuple[str | None, object, object, str]] = {}
        self._default: dict[str, str] = {}
        self._levels: dict[tuple[str, str | None], tuple[list, list, str | None]] = {}
        self._doc_rpr = self._doc_ppr = None
        if root is None:
            return
        for style in root.iterfind(W + "style"):
            kind, style_id = style.get(W + "type", "paragraph"), style.get(W + "styleId")
            name = style.find(W + "name")
            self._styles[kind, style_id] = (child_val(style, "basedOn"), style.find(W_RPR), style.find(W_PPR),
                                            style_id if name is None else name.get(VAL, style_id))
            if style.get(W + "default") in ("1", "true", "on"):
                self._default[kind] = style_id
        self._doc_rpr = root.find(f"{W}docDefaults/{W}rPrDefault/{W_RPR}")
        self._doc_ppr = root.find(f"{W}docDefaults/{W}pPrDefault/{W_PPR}")

    def paragraph_levels(self, style_id: str | None) -> tuple[list, list, str | None]:
        """The rPr and pPr of a paragraph style's chain, nearest first, ending with the document
        defaults, and the style's name."""
        rprs, pprs, name = self._chain("paragraph", style_id)
        return [*rprs, self._doc_rpr], [*pprs, self._doc_ppr], name

    def _chain(self, kind: str, style_id: str | None) -> tuple[list, list, str | None]:
        key = (kind, style_id)
        if key not in self._levels:
            # No style, or one that is not there, is Word's "no style": the default one applies.
            if key not in self._styles:
                style_id = self._default.get(kind)
            rprs, pprs, seen, current = [], [], [], style_id
            while (kind, current) in self._styles and current not in seen:
                seen.append(current)
                current, rpr, ppr, _ = self._styles[kind, current]
                rprs.append(rpr)
                pprs.append(ppr)
            name = self._styles[kind, style_id][3] if seen else None
            self._levels[key] = (rprs, pprs, name)
        return self._levels[key]

    def run_format(self, text: str, rpr, paragraph_rprs: list) -> RunFormat:
        style_el = rpr.find(W_RSTYLE) if rpr is not None else None
        character_rprs = self._chain("character", style_el.get(VAL) if style_el is not None else None)[0]
        levels = [rpr, *character_rprs, *paragraph_rprs]
        # b, i and caps are toggles: ECMA-376 §17.7.3 has each style level that turns one on flip
        # it, so bold in both a character and its paragraph's style would show not bold. Word's own
        # templates never stack them that way; the nearest level that sets a toggle decides here.
        bold, italic, caps = (_first(levels, lambda el, tag=tag: toggle(el, tag)) for tag in ("b", "i", "caps"))
        # szCs sizes complex-script text; it stands in only for a file that sets no w:sz at all.
        half_points = _first(levels, lambda el: _integer(child_val(el, "sz")))
        if half_points is None:
            half_points = _first(levels, lambda el: _integer(child_val(el, "szCs")))
        return RunFormat(text=text, font=_first(levels, self._font) or None,
                         size_pt=None if half_points is None else half_points / 2,
                         bold=bool(bold), italic=bool(italic), caps=bool(caps),
                         underline=bool(_first(levels, _underline)))

    def _font(self, rpr) -> str | None:
        """The rFonts of one level: its ascii font, else its hAnsi one (the letters Vietnamese adds
        to ASCII are drawn in hAnsi, and a file may set only that); a theme attribute beats the
        plain one beside it, as the spec says. "" when a theme font is named but no theme gives it,
        so that a lower level does not stand in for it."""
        fonts = rpr.find(W_RFONTS)
        if fonts is None:
            return None
        for slot in ("ascii", "hAnsi"):
            theme = fonts.get(W + slot + "Theme")
            if theme:
                return self._theme.get(theme[:5], "")
            if fonts.get(W + slot):
                return fonts.get(W + slot)
        return None


def _underline(rpr) -> bool | None:
    el = rpr.find(W + "u")
    return None if el is None else el.get(VAL, "single") != "none"
