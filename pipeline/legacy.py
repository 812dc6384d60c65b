"""Text in the legacy TCVN3 and VNI encodings converted to Unicode, run by run.

Reports typed before Unicode carry their letters as 8-bit codes that a legacy font draws as
Vietnamese: "B¸o c¸o" in .VnTime, "Baùo caùo" in VNI-Times. The table of what each code stands
for is data (`rules/legacy_encodings.yaml`, with its sources). The reader converts each run of a
Word file by its own font; text with no fonts (a .txt, a PDF's text layer) by its letters.

Font names lie (offices copy templates forward for decades, and 20 of 49 real .docx declare
.VnTime over Unicode letters), so a font only says which table a run would be in: the reader
converts only when the document's letters are legacy (`normalise.detect_legacy`), and a run
holding a letter no legacy table has (ư, ạ, đ as Unicode) is left as it is.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from pipeline.errors import RuleError
from pipeline.normalise import detect_legacy
from pipeline.rules import RULES_DIR, load

TCVN3, VNI = "TCVN3", "VNI"
READ_AS = {TCVN3: "tcvn3→unicode", VNI: "vni→unicode"}

# Codes A1–BF are letters only in TCVN3: VNI's marks and letters are all from C0 up.
_TCVN3_ONLY = re.compile("[\u00a1-\u00bf]")
# A vowel then a VNI mark of the same case. In TCVN3 these pairs would be a vowel followed by a
# toned vowel Vietnamese never writes after it ("aự", "eỏ"); u is left out of the small marks that
# would read as the uô, uy of TCVN3 words ("cuéc" cuộc, "uû" uỷ, "nguån" nguồn).
_VNI_ONLY = re.compile("[aeoy][ùøûõïâêáàåãäéèúüë]|u[ùøõïâáàãä]|[AEOUY][ÙØÛÕÏÂÊÁÀÅÃÄÉÈÚÜË]")


@dataclass(frozen=True)
class _Table:
    pattern: re.Pattern
    letters: dict[str, str]  # legacy sequence → Unicode letter

    def convert(self, text: str) -> str:
        return self.pattern.sub(lambda m: self.letters[m.group(0)], text)


@functools.lru_cache(maxsize=None)
def tables() -> dict[str, _Table]:
    """The two tables of rules/legacy_encodings.yaml, each checked against its own examples."""
    data = load("legacy_encodings")
    where = RULES_DIR / "legacy_encodings.yaml"
    tables = {}
    for encoding in (TCVN3, VNI):
        section = data.get(encoding.lower()) or {}
        letters: dict[str, str] = {}
        for letter, legacy in (section.get("letters") or {}).items():
            if len(letter) != 1 or not letter.isalpha() or not legacy:
                raise RuleError(f"{where}: {encoding} entry {letter!r}: {legacy!r} is not one letter and its code")
            if legacy in letters:
                raise RuleError(f"{where}: {encoding} gives {legacy!r} to both {letters[legacy]!r} and {letter!r}")
            letters[legacy] = letter
        if encoding == VNI:
            letters.update(_vni_mixed_case(letters))
        if not letters:
            raise RuleError(f"{where}: section '{encoding.lower()}' has no letters")
        # Longest first, so a base letter and its mark are read together before the letter alone.
        pattern = re.compile("|".join(re.escape(k) for k in sorted(letters, key=len, reverse=True)))
        tables[encoding] = _Table(pattern, letters)
    for encoding, key, upper in ((TCVN3, "examples", False), (TCVN3, "examples_in_h_fonts", True),
                                 (VNI, "examples", False)):
        for legacy, expected in data[encoding.lower()].get(key) or []:
            got = tables[encoding].convert(legacy)
            if (got.upper() if upper else got) != expected:
                raise RuleError(f"{where}: {encoding} {key} {legacy!r} reads as {got!r}, not {expected!r}")
    return tables


def _vni_mixed_case(letters: dict[str, str]) -> dict[str, str]:
    """A base letter with a mark of the other case ("Uûy" after Word's Change Case): the base
    letter's case is the letter's."""
    mixed = {}
    for legacy, letter in letters.items():
        if len(legacy) == 2:
            base, mark = legacy
            other = base + (mark.upper() if base.islower() else mark.lower())
            if other != legacy and other not in letters:
                mixed[other] = letter
    return mixed


def font_encoding(font: str | None) -> str | None:
    """The legacy encoding a font draws (".VnTime" → TCVN3, "VNI-Times" → VNI), or None."""
    if not font:
        return None
    name = font.strip().lower()
    # .Vn… is the ABC font family of TCVN3; VNS fonts name their table ("VNSTCVN3", "VNSVNI2").
    if name.startswith(".vn") or "tcvn" in name:
        return TCVN3
    if name.startswith("vni") or (name.startswith("vns") and "vni" in name):
        return VNI
    return None


def draws_capitals(font: str | None) -> bool:
    """A TCVN3 "H" font (.VnTimeH, .VnArialH, .VnBahamasBH) draws every letter as a capital."""
    return font_encoding(font) == TCVN3 and font.strip().endswith("H")


def encoding_of_run(text: str, font_encoding_: str | None) -> str | None:
    """Which table text in a legacy font is in: its letters' when they are clearly one table's (the
    mixed real file has VNI letters in a font named VNSTCVN3), else its font's."""
    tcvn3, vni = len(_TCVN3_ONLY.findall(text)), len(_VNI_ONLY.findall(text))
    if tcvn3 != vni:
        return TCVN3 if tcvn3 > vni else VNI
    return font_encoding_


_SPACED = re.compile(r"(\s+)")


def _is_mixed(text: str) -> bool:
    return bool(_TCVN3_ONLY.search(text) and _VNI_ONLY.search(text))


def _is_unicode(text: str) -> bool:
    """A letter beyond Latin-1 is in no legacy table: the run was typed in Unicode."""
    return any(ord(c) > 0xFF and c.isalpha() for c in text)


def convert(text: str, encoding: str, capitals: bool = False) -> str:
    """`text` in `encoding` as Unicode (NFC); `capitals` for a run in a TCVN3 H font."""
    converted = tables()[encoding].convert(text)
    if capitals:
        converted = converted.upper()
    elif encoding == TCVN3:
        converted = _capitals_meant(converted)
    return unicodedata.normalize("NFC", converted)


_WORD = re.compile(r"\w+")


@functools.lru_cache(maxsize=1)
def _small_only() -> frozenset[str]:
    """The TCVN3 letters a plain .Vn font has no capital for (the toned ones)."""
    letters = set(tables()[TCVN3].letters.values())
    return frozenset(c for c in letters if c.islower() and c.upper() not in letters)


def _capitals_meant(text: str) -> str:
    """Capitals for the toned letters of words typed in capitals in a plain .Vn font, which has
    no toned capitals: "PHÇN", "CH¦¥NG" (its Ư and Ơ are capitals) read "PHẦN", "CHƯƠNG", not
    "PHầN". A word is meant in capitals when its other letters are capitals, two or more of them,
    or one beside such a word with only a space between ("KÕ HO¹CH" is "KẾ HOẠCH"; "Sè: 28" stays
    "Số: 28", "Së Tµi chÝnh" stays "Sở Tài chính")."""
    small_only = _small_only()
    words = list(_WORD.finditer(text))
    kind = []  # 2: in capitals, 1: may be, 0: not
    for match in words:
        letters = match.group(0)
        smalls = [c for c in letters if c.islower()]
        capitals = sum(c.isupper() for c in letters)
        kind.append(0 if not smalls or not capitals or any(c not in small_only for c in smalls)
                    else 2 if capitals >= 2 else 1)
    changed = True
    while changed:
        changed = False
        for i, match in enumerate(words):
            if kind[i] != 1:
                continue
            beside = [j for j in (i - 1, i + 1) if 0 <= j < len(words) and kind[j] == 2
                      and text[min(words[i].end(), words[j].end()):max(words[i].start(), words[j].start())].isspace()]
            if beside:
                kind[i], changed = 2, True
    pieces, last = [], 0
    for match, k in zip(words, kind):
        pieces += [text[last:match.start()], match.group(0).upper() if k == 2 else match.group(0)]
        last = match.end()
    return "".join(pieces) + text[last:]


def convert_runs(runs: list[tuple[str, str | None]]) -> tuple[str, set[str]]:
    """The text of a paragraph's runs, each (text, font), with the runs in legacy fonts converted,
    and the encodings converted from.

    Neighbouring runs in legacy fonts are taken together: their letters decide the table where a
    run's own are too few to tell, and VNI runs are converted together, so that a letter and its
    mark split over two runs (a change of bold between them) stay one letter."""
    pieces: list[str] = []
    used: set[str] = set()
    group: list[tuple[str, str]] = []
    group_font_encoding = None

    def flush():
        if not group:
            return
        overall = encoding_of_run("".join(t for t, _ in group), group_font_encoding)
        # A run holding both tables' letters (text pasted from another file) is taken word by word.
        group[:] = [(word, font) for text, font in group
                    for word in (_SPACED.split(text) if _is_mixed(text) else [text]) if word]
        # VNI has no "H" fonts: a run in a TCVN3 capitals font is TCVN3 whatever its letters look
        # like ("QUYÕT" is QUYẾT typed with capitals; read as VNI, "YÕ" would be "Ỹ").
        tables = [TCVN3 if draws_capitals(font) else encoding_of_run(text, None) or overall for text, font in group]
        start = 0
        while start < len(group):
            end = start + 1
            if tables[start] == VNI:
                while end < len(group) and tables[end] == VNI:
                    end += 1
                original = "".join(t for t, _ in group[start:end])
                converted = convert(original, VNI)
            else:
                # TCVN3 is one code a letter, so each run converts alone, in its own font's case.
                original, font = group[start]
                converted = convert(original, TCVN3, draws_capitals(font))
            if converted != original:
                used.add(tables[start])
            pieces.append(converted)
            start = end
        group.clear()

    for text, font in runs:
        encoding = None if _is_unicode(text) else font_encoding(font)
        if encoding != group_font_encoding:
            flush()
            group_font_encoding = encoding
        if encoding is None:
            pieces.append(text)
        else:
            group.append((text, font))
    flush()
    return "".join(pieces), used


def convert_legacy_text(text: str) -> tuple[str, str | None]:
    """Text with no fonts (a .txt, a PDF's text layer) converted when its letters are in a legacy
    encoding: (the converted text, "TCVN3" or "VNI"), else (the text unchanged, None)."""
    encoding = detect_legacy(text)
    if encoding is None:
        return text, None
    return convert(text, encoding), encoding


def warning(encoding: str, source: str) -> str:
    """The warning a report converted by its letters carries."""
    return (f"converted from {encoding} by its letters ({source} has no fonts to tell): check the text "
            f"against the original")
