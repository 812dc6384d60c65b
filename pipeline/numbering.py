"""Word auto-numbering: the labels ("I.", "5.1.", "a)") Word draws but does not store in the text.

Follows ECMA-376 §17.9 the way Word renders it: counters per abstract numbering, startOverride
once per numId, deeper levels restart unless lvlRestart says otherwise, lvlText filled per level
format, isLgl forcing decimal, numId 0 meaning "not numbered".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
VAL = W + "val"
LEVELS = 9

# Symbol/Wingdings private-use glyphs Word uses for bullets, as the characters a reader sees.
_BULLET_GLYPHS = {"\uf0b7": "•", "\uf0a7": "▪", "\uf076": "❖", "\uf0d8": "➢", "\uf0fc": "✓",
                  "\uf06c": "●", "\uf06e": "■", "\uf0a8": "□", "\uf02d": "-", "\uf0e0": "→"}


# A whole number as XML Schema writes one. More than 18 digits is no number a real file holds, and
# a counter that long would make every label as long.
_WHOLE = re.compile(r"\s*[+-]?[0-9]{1,18}\s*")


def whole_number(value: str | None, where: str, warnings: list[str], level: bool = False) -> int | None:
    """An integer attribute, None when it is absent. A malformed one (or, with `level`, one that is not
    a level 0 to 8) is ignored with a warning naming the part and attribute (`where`): one bad value
    must not cost the user the whole report."""
    if value is None:
        return None
    if _WHOLE.fullmatch(value) and (not level or 0 <= int(value) < LEVELS):
        return int(value)
    shown = value if len(value) <= 20 else value[:20] + "…"
    expected = "a numbering level (0 to 8)" if level else "a whole number of at most 18 digits"
    warnings.append(f'{where}="{shown}" is not {expected}; ignored')
    return None


def _val(element, warnings: list[str]) -> int | None:
    """The w:val of a numbering.xml element as a number (see `whole_number`), None when absent."""
    if element is None:
        return None
    return whole_number(element.get(VAL), f"word/numbering.xml: w:{element.tag[len(W):]} w:val", warnings)


def is_on(element) -> bool:
    """A WordprocessingML toggle (w:b, w:caps, w:isLgl): on when present, unless its val says off."""
    return element is not None and element.get(VAL, "1") not in ("0", "false", "off")


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    is_legal: bool = False
    restart: int | None = None  # None: restart after any shallower level; 0: never
    style: str | None = None

    @classmethod
    def from_xml(cls, lvl, warnings: list[str]) -> "Level":
        text_el = lvl.find(W + "lvlText")
        style_el = lvl.find(W + "pStyle")
        fmt_el = lvl.find(W + "numFmt")
        start = _val(lvl.find(W + "start"), warnings)
        return cls(
            start=1 if start is None else start,
            fmt=fmt_el.get(VAL, "decimal") if fmt_el is not None else "decimal",
            text=text_el.get(VAL, "") if text_el is not None else "",
            is_legal=is_on(lvl.find(W + "isLgl")),
            restart=_val(lvl.find(W + "lvlRestart"), warnings),
            style=style_el.get(VAL) if style_el is not None else None,
        )


@dataclass
class _Num:
    abstract: str
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, Level] = field(default_factory=dict)


# Labels stay short whatever counter a file asks for (a start of 10^15 in Roman numerals would be
# 10^12 "M"s): Roman numerals go up to 3999, the most they write without overlines (Office's own
# ROMAN() stops there too), and letters repeat at most 30 times (780 = "z" × 30), within the 31
# characters Word allows a whole label; above either, the counter is shown as a number.
ROMAN_MAX = 3999
LETTERS_MAX = 26 * 30


def to_roman(n: int) -> str:
    if not 0 < n <= ROMAN_MAX:
        return str(n)
    out = []
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                           (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                           (4, "IV"), (1, "I")):
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


def format_number(n: int, fmt: str) -> str:
    """A counter in one of Word's number formats; unknown formats fall back to decimal."""
    if fmt == "upperRoman":
        return to_roman(n)
    if fmt == "lowerRoman":
        return to_roman(n).lower()
    if fmt in ("upperLetter", "lowerLetter"):
        # Word repeats the letter past z: 27 → "aa", 28 → "bb".
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if 0 < n <= LETTERS_MAX else str(n)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


class Definitions:
    """numbering.xml as data: abstract numberings and numIds. Shared by documents made from one
    template; the counters live in `Numbering`, one per document. `warnings` name what was ignored."""

    def __init__(self, numbering_root):
        self.abstract: dict[str, dict[int, Level]] = {}
        self.abstract_style_link: dict[str, str] = {}
        self.nums: dict[str, _Num] = {}
        self.warnings: list[str] = []
        if numbering_root is not None:
            for abstract in numbering_root.iterfind(W + "abstractNum"):
                abstract_id = abstract.get(W + "abstractNumId")
                levels = self.abstract[abstract_id] = {}
                for lvl in abstract.iterfind(W + "lvl"):
                    ilvl = self._level(lvl, "w:lvl")
                    if ilvl is not None:
                        levels[ilvl] = Level.from_xml(lvl, self.warnings)
                link = abstract.find(W + "numStyleLink")
                if link is not None:
                    self.abstract_style_link[abstract_id] = link.get(VAL)
            for num in numbering_root.iterfind(W + "num"):
                abstract_el = num.find(W + "abstractNumId")
                if abstract_el is None:
                    continue
                entry = _Num(abstract_el.get(VAL))
                for override in num.iterfind(W + "lvlOverride"):
                    ilvl = self._level(override, "w:lvlOverride")
                    if ilvl is None:
                        continue
                    start = override.find(W + "startOverride")
                    if start is not None:
                        value = _val(start, self.warnings)
                        entry.start_overrides[ilvl] = 1 if value is None else value
                    lvl = override.find(W + "lvl")
                    if lvl is not None:
                        entry.level_overrides[ilvl] = Level.from_xml(lvl, self.warnings)
                self.nums[num.get(W + "numId")] = entry

    def _level(self, element, name: str) -> int | None:
        return whole_number(element.get(W + "ilvl", "0"), f"word/numbering.xml: {name} w:ilvl", self.warnings,
                            level=True)


class Numbering:
    """Resolves (numId, ilvl) to the label Word shows, paragraph by paragraph, in document order."""

    def __init__(self, definitions: Definitions, style_num: dict[str, tuple[str | None, int | None]]):
        self._abstract = definitions.abstract
        self._abstract_style_link = definitions.abstract_style_link
        self._nums = definitions.nums
        self._style_num = style_num
        self._counters: dict[str, list[int | None]] = {}
        self._used_nums: set[str] = set()
        self._active_start: dict[str, dict[int, int]] = {}
        self._levels_cache: dict[str, list[Level]] = {}

    def _resolve_abstract(self, num_id: str) -> str | None:
        """The abstract numbering behind a numId, following numStyleLink to the defining list."""
        seen: set[str] = set()
        num = self._nums.get(num_id)
        while num is not None and num.abstract not in seen:
            seen.add(num.abstract)
            linked_style = self._abstract_style_link.get(num.abstract)
            if not linked_style:
                return num.abstract
            linked_num, _ = self._style_num.get(linked_style, (None, None))
            num = self._nums.get(linked_num) if linked_num else None
        return num.abstract if num is not None else None

    def _levels(self, num_id: str, abstract_id: str) -> list[Level]:
        """The nine level definitions a numId draws with: its overrides, else the abstract's."""
        cached = self._levels_cache.get(num_id)
        if cached is None:
            overrides = self._nums[num_id].level_overrides
            abstract = self._abstract.get(abstract_id, {})
            cached = [overrides.get(i) or abstract.get(i) or Level(text=f"%{i + 1}.") for i in range(LEVELS)]
            self._levels_cache[num_id] = cached
        return cached

    def level_for_style(self, num_id: str, style_id: str) -> int | None:
        """The level whose pStyle is this style: how Word numbers headings through their style."""
        abstract_id = self._resolve_abstract(num_id) if num_id in self._nums else None
        for ilvl, level in self._abstract.get(abstract_id, {}).items():
            if level.style == style_id:
                return ilvl
        return None

    def label(self, num_id: str | None, ilvl: int) -> str:
        """Advance the counters for one numbered paragraph and return the label Word shows."""
        if not num_id or num_id == "0" or num_id not in self._nums:
            return ""
        abstract_id = self._resolve_abstract(num_id)
        if abstract_id is None:
            return ""
        ilvl = max(0, min(ilvl, LEVELS - 1))
        counters = self._counters.setdefault(abstract_id, [None] * LEVELS)
        starts = self._active_start.setdefault(abstract_id, {})
        if num_id not in self._used_nums:
            self._used_nums.add(num_id)
            for level_index, start in self._nums[num_id].start_overrides.items():
                counters[level_index] = None
                starts[level_index] = start
        levels = self._levels(num_id, abstract_id)
        level = levels[ilvl]
        start = starts.get(ilvl, level.start)
        counters[ilvl] = start if counters[ilvl] is None else counters[ilvl] + 1
        for deeper in range(ilvl + 1, LEVELS):
            if counters[deeper] is None:
                continue
            restart = levels[deeper].restart
            if restart is None or (restart > 0 and ilvl <= restart - 1):
                counters[deeper] = None
        if level.fmt == "bullet":
            return "".join(_BULLET_GLYPHS.get(ch, ch) for ch in level.text)
        return self._fill(level, levels, counters, starts)

    @staticmethod
    def _fill(level: Level, levels: list[Level], counters: list[int | None], starts: dict[int, int]) -> str:
        out = []
        text = level.text
        i = 0
        while i < len(text):
            ch = text[i]
            # Only %1 to %9 stand for levels; "%²" (a digit to str.isdigit, not to int) is text.
            if ch == "%" and i + 1 < len(text) and "1" <= text[i + 1] <= "9":
                referenced = int(text[i + 1]) - 1
                ref_level = levels[referenced]
                value = counters[referenced]
                if value is None:
                    value = starts.get(referenced, ref_level.start)
                fmt = "decimal" if level.is_legal and ref_level.fmt != "none" else ref_level.fmt
                out.append(format_number(value, fmt))
                i += 2
            else:
                out.append(ch)
                i += 1
        return "".join(out)
