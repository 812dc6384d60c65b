"""Find every cited document in report text: full symbols, shared-symbol lists, short forms.

Matching runs on the normalised text (NFC, plain hyphens) and every span maps back to the
original. Each date, issuer and subject belongs to the nearest preceding symbol, so in
"Kế hoạch số 40-KH/ĐU ngày 05/11/2025 thực hiện Nghị quyết số 72-NQ/TW ngày 09/9/2025 của Bộ
Chính trị" the Bộ Chính trị is the issuer of the resolution, not of the plan.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from pipeline import rules
from pipeline.models import Citation
from pipeline.normalise import normalise

PARTY, STATE_LEGAL, STATE_ADMIN = "party", "state-legal", "state-administrative"

_SP = r"[ \t]{0,3}\n?[ \t]{0,3}"
# "12a/KH-UBND": a number may carry one letter.
_NUM = r"\d{1,5}(?:[a-zđ](?![\wđ]))?"
_CODE = r"[A-ZĐ][A-Za-zĐđ]{0,5}"
# Codes as offices write them: digits ("QH15", "PC06"), the Party's "TƯ", joined units
# ("LĐVL&TN", "GD&ĐT"), sub-units after a dot ("STP.ĐKT", "TT.HĐND") or in brackets ("CAT(PA05)"),
# and the long joint codes of NQLT/TTLT ("ĐCTUBTWMTTQVN").
_ORG_WORD = r"[A-ZĐƯ][A-Za-zĐđƯư0-9]{0,19}"
_ORG = rf"{_ORG_WORD}(?:[.&]{_ORG_WORD})*(?:\([A-ZĐ0-9][A-Za-zĐđ0-9]{{0,9}}\))?"
_ORGS = rf"{_ORG}(?:-{_ORG})*"
# A lookahead for the first digit lets the regex engine skip to candidates (see quantities.py).
_BEFORE = r"(?=\d)(?<![\w/.,\-])"
_AFTER = r"(?![\w/])"

# The three families share their lead: a number not glued to other digits or words.
SYMBOL = re.compile(
    rf"{_BEFORE}(?P<num>{_NUM}){_SP}(?:"
    rf"/{_SP}(?:(?P<year>(?:19|20)\d\d){_SP}/{_SP}(?P<lcode>{_ORG})(?:{_SP}[-/]{_SP}(?P<lorg>{_ORGS}))?"
    rf"|(?P<acode>{_ORG})(?:{_SP}-{_SP}(?P<aorg>{_ORGS}))?)"
    rf"|-{_SP}(?P<pcode>{_CODE}){_SP}/{_SP}(?P<porg>{_ORGS})"
    rf"){_AFTER}"
)
# "(Mẫu số 01/HNCT)": a form's code, not a cited document.
_FORM_CODE_BEFORE = re.compile(r"(?:mẫu|biểu)\s*(?:số)?\s*:?\s*$", re.I)
# "các Nghị quyết số 18, 19-NQ/TW": numbers before a symbol that share it.
_LIST_BEFORE = re.compile(r"((?:\d{1,5}\s*(?:,|và|;)\s*)+)$")
_LIST_ITEM = re.compile(r"\d{1,5}")
_DATE = re.compile(r"(?P<d>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<y>(?:19|20)\d\d)(?!\d)"
                   r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>(?:19|20)\d\d)", re.I)
_TAIL_DATE = re.compile(r"\s*,?\s*(?:(?:được\s+)?ban\s+hành\s+)?ngày\s+", re.I)
_TAIL_ISSUER = re.compile(r"\s*,?\s*(?:của|do)\s+", re.I)
_TAIL_SUBJECT = re.compile(r"\s*,?\s*về\s+(?:việc\s+)?", re.I)
# A subject ends at punctuation or where the sentence's predicate starts ("… được thực hiện").
_SUBJECT_END = re.compile(r"[;.\n(]|\s[-–]\s|,\s*(?:ngày|của)\s|\s(?:được|đã|đang|tiếp tục|cần|phải|chưa)\s")
_PLACE_NAME = re.compile(r"(?:\s+[A-ZĐÂĂÊÔƠƯÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ]\w*){1,3}")
_ORG_WORDS = {"nhân", "dân", "tỉnh", "xã", "huyện", "phường", "thị", "trấn", "thành", "phố", "hội",
              "đồng", "ban", "thường", "vụ", "chấp", "hành", "kiểm", "tra", "đảng", "bộ", "ủy", "uỷ",
              "trung", "ương", "chính", "phủ", "quốc", "mặt", "trận", "việt", "nam"}
# Where the date or subject after a name begins, even right after a capitalised word: in "của UBND
# huyện Mường Khương ngày 15/4/2024" the name ends at "Khương".
_NAME_ENDS = {"ngày", "về"}


@dataclass(frozen=True)
class _Tables:
    type_words: re.Pattern
    type_by_word: dict[str, dict]
    type_by_code: dict[str, dict]
    known_codes: frozenset[str]
    issuer_pattern: re.Pattern
    issuer_by_alias: dict[str, str]
    canonical_code: dict[str, str]
    short_lead: re.Pattern
    short_lead_words: frozenset[str]
    party_orgs: frozenset[str]


@functools.lru_cache(maxsize=1)
def tables() -> _Tables:
    """The citation rules compiled once; every entry is checked against its examples."""
    types = rules.entries("citations", "types")
    # Beside sentence case and capitals, the mixed case some offices write ("Nghị quyết Liên tịch").
    type_spellings = [spelling for t in types for spelling in (t["word"], *t.get("spellings", []))]
    type_by_word, type_by_code = {}, {}
    for entry in types:
        pattern = rules.alternation([entry["word"]])
        rules.compile_checked(rf"(?<!\w)(?:{pattern})(?!\w)", entry["examples"],
                              f"rules/citations.yaml types '{entry['word']}'", re.I)
        type_by_word[entry["word"].lower()] = entry
        for code in entry["codes"]:
            type_by_code.setdefault(code, entry)
    issuers = rules.entries("citations", "issuers")
    issuer_by_alias = {}
    for entry in issuers:
        rules.compile_checked(rf"(?:của|do)\s+(?:{rules.alternation(entry['aliases'])})(?!\w)",
                              entry["examples"], f"rules/citations.yaml issuers '{entry['name']}'", re.I)
        for alias in entry["aliases"]:
            issuer_by_alias[" ".join(alias.lower().split())] = entry["name"]
    party_orgs = rules.entries("citations", "party_orgs")
    for entry in party_orgs:
        rules.compile_checked(rf"/{re.escape(entry['org'])}$", entry["examples"], f"rules/citations.yaml party_orgs {entry['org']}")
    canonical = {}
    for entry in rules.entries("citations", "canonical_codes"):
        for spelling in entry["examples"]:
            canonical[spelling] = entry["code"]
    return _Tables(
        # "pháp luật" and "văn bản quy phạm" are ordinary words, not type words.
        type_words=re.compile(rf"(?<!\w)(?<!pháp )(?:{rules.alternation(type_spellings, spellings=True)})"
                              r"(?!\w)(?!\s+quy\s+phạm)"),
        type_by_word=type_by_word,
        type_by_code=type_by_code,
        known_codes=frozenset(type_by_code),
        issuer_pattern=re.compile(rf"(?:{rules.alternation(list(issuer_by_alias))})(?!\w)", re.I),
        issuer_by_alias=issuer_by_alias,
        canonical_code=canonical,
        short_lead=re.compile(
            rf"(?:(?<!\w)(?<!pháp )(?P<word>{rules.alternation(type_spellings, spellings=True)})"
            r"\s+(?:(?P<so>số|SỐ|Số)\s*:?\s*)?|(?<![\w/\-])(?P<code>NQ|CT|KL)\s+)$"),
        short_lead_words=frozenset({"số", "nq", "ct", "kl"} | {t["word"].split()[-1].lower() for t in types}),
        party_orgs=frozenset(entry["org"] for entry in party_orgs),
    )


def _canonical(code: str) -> str:
    return tables().canonical_code.get(code, code)


def _join(parts: list[str]) -> str:
    return "-".join(_canonical(p) for p in parts)


def parse_date(text: str) -> str | None:
    """ISO date from "09/9/2025", "09-9-2025", "9.9.2025" or "09 tháng 9 năm 2025"; None if invalid."""
    match = _DATE.match(text)
    if not match:
        return None
    day, month, year = (match.group("d") or match.group("d2"), match.group("m") or match.group("m2"),
                        match.group("y") or match.group("y2"))
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def key_for(family: str | None, number: str, code: str | None, org: str | None, year: int | None) -> str:
    """One key for every spelling of one document: case, zero padding and ASCII fallbacks folded."""
    n = str(int(number)) if number.isdigit() else number
    if family == PARTY:
        key = f"{n}-{code}/{org}"
    elif family == STATE_LEGAL:
        key = f"{n}/{year}/{code}" + (f"-{org}" if org else "")
    elif family == STATE_ADMIN:
        key = f"{n}/{code}" + (f"-{org}" if org else "")
    else:
        key = f"{(code or '?')}:{n}"
    return key.casefold()


@dataclass
class _Symbol:
    start: int
    end: int
    family: str
    number: str
    code: str | None
    org: str | None
    year: int | None

    @property
    def symbol(self) -> str:
        if self.family == PARTY:
            return f"{self.number}-{self.code}/{self.org}"
        if self.family == STATE_LEGAL:
            return f"{self.number}/{self.year}/{self.code}" + (f"-{self.org}" if self.org else "")
        return f"{self.number}/{self.code}" + (f"-{self.org}" if self.org else "")


def _symbols(text: str) -> list[_Symbol]:
    found = []
    for m in SYMBOL.finditer(text):
        if m.group("year"):
            parts = m.group("lorg").split("-") if m.group("lorg") else []
            found.append(_Symbol(m.start(), m.end(), STATE_LEGAL, m.group("num"), _canonical(m.group("lcode")),
                                 _join(parts) or None, int(m.group("year"))))
        elif m.group("pcode"):
            found.append(_Symbol(m.start(), m.end(), PARTY, m.group("num"), _canonical(m.group("pcode")),
                                 _join(m.group("porg").split("-")), None))
        else:
            code = _canonical(m.group("acode"))
            org = _join(m.group("aorg").split("-")) if m.group("aorg") else None
            if code not in tables().known_codes and org is None and not code.isupper():
                continue  # "10/Nam" is not a symbol: a lone part after "/" must look like a code
            found.append(_Symbol(m.start(), m.end(), STATE_ADMIN, m.group("num"), code, org, None))
    return found


def _type_before(text: str, start: int, floor: int, code: str | None) -> tuple[re.Match | None, int]:
    """The type word that introduces a symbol at `start`, and where the citation text begins.

    Of the type words that may introduce it, the one whose code the symbol carries wins:
    "Thông báo kết luận số 20-TB/ĐU" is a Thông báo."""
    window_start = max(floor, start - 120)
    window = text[window_start:start]
    cut = max(window.rfind(";"), window.rfind("\n"), window.rfind(". "))
    if cut >= 0:
        window_start += cut + 1
        window = text[window_start:start]
    candidates = []
    for match in tables().type_words.finditer(window):
        between = window[match.end():]
        if re.fullmatch(r"\s*(?:[^\s\d;,]+\s+){0,10}?(?:số|SỐ|Số)\s*:?\s*", between) or re.fullmatch(r"\s*", between):
            candidates.append(match)
    if not candidates:
        return None, start
    chosen = next((m for m in reversed(candidates)
                   if code in tables().type_by_word[" ".join(m.group(0).lower().split())]["codes"]), candidates[-1])
    return chosen, window_start + chosen.start()


def _tail(text: str, pos: int, limit: int) -> tuple[str | None, str | None, str | None, int, int]:
    """Date, issuer and subject written after a symbol, up to `limit`; where the date and issuer
    end, and where the subject ends."""
    date = issuer = subject = None
    end = core_end = pos
    while pos < limit:
        segment = text[pos:limit]
        m = _TAIL_DATE.match(segment)
        if m and date is None:
            date_match = _DATE.match(segment, m.end())
            if date_match:
                date = parse_date(date_match.group(0))
                pos += date_match.end()
                end = core_end = pos
                continue
        m = _TAIL_ISSUER.match(segment)
        if m and issuer is None:
            known = tables().issuer_pattern.match(segment, m.end())
            if known:
                alias = " ".join(known.group(0).lower().split())
                issuer = tables().issuer_by_alias.get(alias, known.group(0))
                place = _PLACE_NAME.match(segment, known.end())
                if place and alias.endswith(("tỉnh", "xã", "phường", "huyện", "thành phố")):
                    issuer += place.group(0)
                    pos += place.end() - known.end()
                pos += known.end()
                end = core_end = pos
                continue
            generic = _generic_issuer(segment[m.end():])
            if generic:
                issuer = generic
                pos += m.end() + len(generic)
                end = core_end = pos
                continue
        m = _TAIL_SUBJECT.match(segment)
        if m and subject is None:
            stop = _SUBJECT_END.search(segment, m.end())
            subject_end = stop.start() if stop else len(segment)
            candidate = segment[m.end():subject_end].strip().rstrip(",")
            if candidate:
                subject = candidate
                pos += m.end() + len(segment[m.end():subject_end].rstrip().rstrip(","))
                end = pos
                continue
        break
    return date, issuer, subject, core_end, end


def _generic_issuer(segment: str) -> str | None:
    """An issuer not in the rules, as Vietnamese body names are written: each word opens with a
    capital syllable ("Sở Thông tin và Truyền thông", "Bộ Tài chính"), or is a body word ("huyện")."""
    words: list[str] = []
    tokens = re.findall(r"\S+", segment[:120])
    for i, word in enumerate(tokens):
        bare = word.rstrip(",;.)")
        if word.startswith("(") or bare.lower() == "ban" and i + 1 < len(tokens) and \
                tokens[i + 1].rstrip(",;.)").lower() == "hành":
            break  # "của Sở Tài chính (…)", "Bộ Nội vụ ban hành …": the name has ended
        if words and bare.lower() in _NAME_ENDS:
            break
        capital = bare[:1].isupper()
        if not words and not capital:
            return None
        follows_capital = bool(words) and words[-1][:1].isupper()
        joins = bare == "và" and i + 1 < len(tokens) and tokens[i + 1][:1].isupper()
        if words and not (capital or joins or bare.lower() in _ORG_WORDS or follows_capital and bare.islower()):
            break
        words.append(bare)
        if bare != word or len(words) >= 12:
            break
    return " ".join(words) if words else None


def find_citations(text: str, start: int = 0, end: int | None = None) -> list[Citation]:
    """Every cited document in text[start:end], spans in `text`, in order of appearance."""
    end = len(text) if end is None else end
    norm = normalise(text[start:end])
    body = norm.text
    found: list[tuple[int, int, Citation, int]] = []  # (start, end in body, citation, list group)
    symbols = _symbols(body)
    floors = [0] + [s.end for s in symbols]
    for index, sym in enumerate(symbols):
        floor = floors[index]
        if _FORM_CODE_BEFORE.search(body, max(floor, sym.start - 20), sym.start):
            continue
        list_match = _LIST_BEFORE.search(body[max(floor, sym.start - 60):sym.start])
        list_start = sym.start - len(list_match.group(1)) if list_match else sym.start
        type_match, cite_start = _type_before(body, list_start, floor, sym.code)
        numbers = [(sym.number, sym.start)]
        if list_match and type_match is not None:
            base = list_start
            numbers = [(m.group(0), base + m.start()) for m in _LIST_ITEM.finditer(list_match.group(1))] + numbers
        for position, (number, num_start) in enumerate(numbers):
            shared = _Symbol(num_start, sym.end, sym.family, number, sym.code, sym.org, sym.year)
            citation = _make(shared, type_match)
            first = cite_start if position == 0 else num_start
            found.append((first, sym.end if position == len(numbers) - 1 else num_start + len(number),
                          citation, index))
    found.sort(key=lambda item: item[0])
    occupied = [(s, e) for s, e, _, _ in found]
    for short in _short_forms(body, occupied, first_group=len(symbols)):
        found.append(short)
    found.sort(key=lambda item: item[0])
    out = []
    tails: dict[int, tuple] = {}
    for i in reversed(range(len(found))):
        cstart, cend, citation, group = found[i]
        limit = found[i + 1][0] if i + 1 < len(found) else len(body)
        tail = _tail(body, cend, limit)
        # "các Nghị quyết số 18, 19-NQ/TW của Ban Chấp hành": the list shares the last one's tail.
        if group >= 0 and tail[4] == cend and group in tails:
            date, issuer, subject, _, _ = tails[group]
            core_end = tail_end = cend
        else:
            date, issuer, subject, core_end, tail_end = tail
            if group >= 0:
                tails[group] = tail
        citation.date = citation.date or date
        citation.issuer = issuer
        citation.subject = subject
        if citation.year is None and citation.date:
            citation.year = int(citation.date[:4])
        ostart, oend = norm.to_original(cstart, max(cend, tail_end))
        citation.start, citation.end = ostart + start, oend + start
        citation.core_end = norm.to_original(cstart, max(cend, core_end))[1] + start
        citation.text = text[citation.start:citation.end]
        out.append(citation)
    out.reverse()
    return out


def _make(sym: _Symbol, type_match: re.Match | None) -> Citation:
    t = tables()
    warnings = []
    if type_match is not None:
        entry = t.type_by_word[" ".join(type_match.group(0).lower().split())]
        if sym.code in t.known_codes and entry["codes"] and sym.code not in entry["codes"]:
            warnings.append(f"'{entry['word']}' is cited with the code {sym.code} ({sym.symbol}): "
                            f"check the document type")
    else:
        entry = _type_for_code(sym.code, sym.family)
    return Citation(
        type=entry["word"] if entry else None,
        code=sym.code if sym.code in t.known_codes else (entry["codes"][0] if entry and entry["codes"] else None),
        symbol=sym.symbol, number=sym.number, year=sym.year, family=sym.family,
        key=key_for(sym.family, sym.number, sym.code, sym.org, sym.year),
        text="", start=0, end=0, warnings=warnings)


def _type_for_code(code: str | None, family: str) -> dict | None:
    if code == "TT":
        word = "thông tri" if family == PARTY else "thông tư"
        return tables().type_by_word[word]
    if code == "QĐ":
        return tables().type_by_word["quyết định"]
    return tables().type_by_code.get(code)


# A number that is not part of a symbol, a decimal or a date: where a short form may end.
_SHORT_NUMBER = re.compile(r"(?=\d)(?<![\w/.,\-])\d{1,5}(?![\d/\-]|[.,]\d|\s*[-/]\s*[A-ZĐ\d])")
# The next number of a short-form list, which must end where a list item ends ("và 100% đảng viên" is no item).
_SHORT_LIST_NEXT = re.compile(r"\s*(?:,|;|và|,\s*và)\s*(?:số\s*)?(?P<n>(?<![\w/.,\-])\d{1,5})"
                              r"(?=\s*(?:,|;|\.|\)|và\s|của\s|ngày\s|về\s|$))(?!\s*[.,]\d)")
_SHORT_REACH = 30  # "Thông tư liên tịch số " is the longest lead a short form has


def _short_forms(body: str, occupied: list[tuple[int, int]], first_group: int):
    """"Nghị quyết 72", "Chỉ thị số 05", "NQ 57": a type and a number without a symbol.

    Anchored on numbers and looking back a few characters: a pass of the type words over the
    whole text cost more than the rest of citation finding."""
    t = tables()
    taken = bytearray(len(body) + 1)
    for s, e in occupied:
        taken[s:e] = b"\x01" * (e - s)
    for number in _SHORT_NUMBER.finditer(body):
        # Most numbers follow a word no short form ends with ("đạt 83", "tổ chức 09"): skip them
        # before the regex search, which tries every position of the lead.
        before = body[max(0, number.start() - 12):number.start()].rstrip(" :\t").rsplit(None, 1)
        if not before or before[-1].lower() not in t.short_lead_words:
            continue
        lead_start = max(0, number.start() - _SHORT_REACH)
        lead = t.short_lead.search(body, lead_start, number.start())
        if not lead or 1 in taken[lead.start():number.end()]:
            continue
        if "\n" in body[lead.start():number.start()]:
            continue  # "… theo kế hoạch" ending a line, "18." numbering the next: no short form
        digits = number.group(0)
        if lead.group("word"):
            if not lead.group("so") and len(digits) == 4 and digits.startswith(("19", "20")):
                continue  # "Kế hoạch 2026" names a year's plan, not a document number
            entry = t.type_by_word[" ".join(lead.group("word").lower().split())]
            if entry.get("short") is False:
                continue  # "Đề án 06", "Dự án 8": a programme's name, not a document number
            code = entry["codes"][0] if entry["codes"] else None
        else:
            code = lead.group("code")
            entry = t.type_by_code[code]
        # "các Chỉ thị 05, 21 và 35", "Nghị quyết số 08, 09 và 10 của Bộ Chính trị": one type, several
        # numbers, which share the date and issuer written after the last.
        items = [(lead.start(), number.end(), digits)]
        while (more := _SHORT_LIST_NEXT.match(body, items[-1][1])) and not taken[more.start("n")]:
            items.append((more.start("n"), more.end("n"), more.group("n")))
        group = first_group + number.start() if len(items) > 1 else -1
        for item_start, item_end, item_digits in items:
            yield (item_start, item_end, Citation(
                type=entry["word"], code=code, symbol=None, number=item_digits, year=None, family=None,
                key=key_for(None, item_digits, code, None, None), text="", start=0, end=0), group)


def resolve_short_forms(citations: list[Citation]) -> None:
    """Give a short form ("Nghị quyết 72") the key of the one full citation it can only mean."""
    full: dict[tuple[str | None, int], set[str]] = {}
    for c in citations:
        if c.symbol and c.number.isdigit():
            full.setdefault((c.code, int(c.number)), set()).add(c.key)
    for c in citations:
        if c.symbol is None and c.number.isdigit():
            keys = full.get((c.code, int(c.number)), set())
            if len(keys) == 1:
                c.key = next(iter(keys))
