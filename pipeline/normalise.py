"""Normalise text for matching while keeping a way back to the original.

The stored text is always what the file holds. Matching runs on a normalised copy (NFC, `Đ` not
`Ð`, plain spaces, plain hyphens) and every offset found there maps back through `Normalised`.
Keys (`fold`) go further: tone placement, i/y and case are folded so "hoà"/"hòa" and "tỷ"/"tỉ" meet.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

# Same-length substitutions: look-alike letters, exotic spaces, dash variants.
_SUBSTITUTE = {
    "\u00d0": "\u0110",  # Ð (Icelandic eth) → Đ
    "\u00f0": "\u0111",  # ð → đ
    "\u00a0": " ",
    "\u200b": " ",
    "\ufeff": " ",
    "\u2007": " ",
    "\u202f": " ",
    "\t": " ",
    **{chr(c): "-" for c in range(0x2010, 0x2016)},
    "\u2212": "-",
    "\ufe58": "-",
    "\ufe63": "-",
    "\uff0d": "-",
}
_TABLE = str.maketrans(_SUBSTITUTE)
_NEEDS_SUBSTITUTION = re.compile("[" + re.escape("".join(_SUBSTITUTE)) + "]")


def _substitute(match: re.Match) -> str:
    return _SUBSTITUTE[match.group(0)]


@dataclass
class Normalised:
    """A normalised copy of `original`; `origin[i]` is where normalised char i came from."""

    original: str
    text: str
    origin: list[int] | None  # None when offsets are the same in both

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalised text back to the original text."""
        if self.origin is None:
            return start, end
        ostart = self.origin[start] if start < len(self.text) else len(self.original)
        oend = self.origin[end] if end < len(self.text) else len(self.original)
        return ostart, oend


@functools.lru_cache(maxsize=8)
def normalise(original: str) -> Normalised:
    """NFC, Đ/đ for Ð/ð, one kind of space, one kind of hyphen; offsets kept."""
    if unicodedata.is_normalized("NFC", original):
        # re.sub touches only the few characters to replace; str.translate walks every one.
        text = _NEEDS_SUBSTITUTION.sub(_substitute, original)
        return Normalised(original, text, None)
    pieces: list[str] = []
    origin: list[int] = []
    i, n = 0, len(original)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(original[j]):
            j += 1
        cluster = unicodedata.normalize("NFC", original[i:j]).translate(_TABLE)
        pieces.append(cluster)
        origin.extend([i] * len(cluster))
        i = j
    origin.append(n)
    return Normalised(original, "".join(pieces), origin)


def clean_text(text: str) -> str:
    """The normalised text alone, for callers that need no offsets (titles, names, keys)."""
    return normalise(text).text


_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_WORD = re.compile(r"\w+")


def _fold_word(match: re.Match) -> str:
    decomposed = unicodedata.normalize("NFD", match.group(0))
    tones = [c for c in decomposed if c in _TONE_MARKS]
    base = "".join(c for c in decomposed if c not in _TONE_MARKS)
    base = unicodedata.normalize("NFC", base).replace("y", "i")
    return base + "".join(tones[:1])


def fold(text: str) -> str:
    """A matching key: lower case, one tone placement per syllable, i for y, single spaces.

    "Đảng uỷ" and "Đảng ủy", "tỷ lệ" and "tỉ lệ", "hoà" and "hòa" all fold to the same key.
    """
    text = clean_text(text).lower()
    text = _WORD.sub(_fold_word, text)
    return " ".join(text.split())


# --- Legacy 8-bit encodings -------------------------------------------------------------------

# TCVN3 puts Vietnamese letters on Latin-1 symbols: "B¸o c¸o", "§¶ng ñy", ư is the soft hyphen.
_TCVN3_LETTERS = "¸µ¶·¹¨©ª«¬®§\u00ad¦£¤¥¢¡¾»¼½Æ¿ÇÊÏÌÎËÑÐÒÓÔÕÖ×ØÜÙÚÛÝÞßãáâäåæçèéêëìíîïóòôõöøùúûüýþ"
_TCVN3_SIGNAL = re.compile(r"[A-Za-z][¸µ¶·¹¨©ª«¬®\u00ad]|[§¸µ¶·¹©ª«¬®][a-z]")
# VNI writes a base letter then a Latin-1 mark letter: "Baùo caùo", "Ñaûng uûy".
_VNI_SIGNAL = re.compile(r"[aeiouyAEIOUY][ùøûõïöÙØÛÕÏÖ]|[Ññ][a-zâêôùöø]")
# Every legacy signal holds one of these; Unicode Vietnamese text rarely holds any.
_LEGACY_LETTERS = re.compile("[¸µ¶·¹¨©ª«¬®§\u00adøûïöØÛÏÖÑñ]")
_MOJIBAKE_SIGNAL = re.compile(r"á»|áº|Ä‘|Æ°|Ã[ -¿]|Ä|Æ¡")


def detect_legacy(text: str, fonts: set[str] | frozenset[str] = frozenset()) -> str | None:
    """Name the legacy encoding the text is in ("TCVN3", "VNI"), or None for Unicode.

    The letters decide, never the font names: offices copy templates forward for decades, so
    styles and runs declare `.VnTime` or `VNI-Times` over ordinary Unicode letters. A declared
    legacy font only lowers how many legacy letter pairs it takes; without one the text signal
    must be dense, so that a stray "§" in a legal reference does not trip it.
    """
    sample = text[:50_000]
    declared = any(font.lower().startswith((".vn", "vni")) for font in fonts)
    if not declared and not _LEGACY_LETTERS.search(sample):
        return None
    words = max(1, sample.count(" "))
    tcvn3 = len(_TCVN3_SIGNAL.findall(sample))
    vni = len(_VNI_SIGNAL.findall(sample))
    threshold = 3 if declared else max(3, words // 200)
    if tcvn3 >= threshold and tcvn3 >= vni:
        return "TCVN3"
    if vni >= threshold:
        return "VNI"
    return None


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 that was decoded as cp1252 ("Nghá»‹ quyáº¿t" → "Nghị quyết"), when it clearly is."""
    if len(_MOJIBAKE_SIGNAL.findall(text[:100_000])) < 3:
        return text
    try:
        return _as_cp1252_bytes(text).decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def _as_cp1252_bytes(text: str) -> bytes:
    """The bytes Windows read as cp1252; its five undefined bytes arrive as C1 control characters."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) > 0xFF:
                raise
            out.append(ord(ch))
    return bytes(out)


_ARTEFACT = re.compile(r"\[(?:bookmark: [^\]\n]*|image: [^\]\n]*|footnoteRef:\d+|endnoteRef:\d+)\]")


def strip_artefacts(text: str) -> str:
    """Remove what converters leave behind: `[bookmark: _GoBack]`, `[image: …]`, `[footnoteRef:1]`."""
    return _ARTEFACT.sub("", text)


def slug(text: str, keep: str = "") -> str:
    """A name safe in a file name or a key: letters without their tones, đ as d, lower case, any
    other run of characters (but those in `keep`) as one "-"."""
    plain = unicodedata.normalize("NFKD", text.replace("Đ", "D").replace("đ", "d"))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return re.sub(rf"[^a-z0-9{re.escape(keep)}]+", "-", plain).strip("-")
