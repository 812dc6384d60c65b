"""Find every figure in report text: counts, percentages, achieved/target pairs and amounts.

Order matters (see docs): what only looks like a figure is masked first (citations, dates,
periods, years, ordinals, road names, ages), then ratios and percentages, then money and
measures, then counts. Each figure gets the phrase it measures, its `subject`.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from pipeline import rules
from pipeline.models import Quantity
from pipeline.normalise import normalise

_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
# One pass finds every figure: an achieved/target pair, a percentage, or a plain number.
# Patterns here open with a lookahead for their first character: Python's regex engine then
# skips ahead to candidates instead of trying every position (twice as fast on report text).
_FIGURE = re.compile(rf"(?=\d)(?<![\w/.,])(?P<a>{_NUMBER}|\d+\.\d+(?=\s?%))"
                     rf"(?:\s*/\s*(?P<b>{_NUMBER})(?![\d/])|\s?(?P<pct>%)|(?![\d%/]))")
# How far from a figure a mask (a date, "năm học 2026 – 2027", "Quốc lộ 4E") may start or end.
_MASK_REACH = 30
_WORD_START = re.compile(r"\b\w")
_SUBJECT_REACH = 300
# Punctuation that ends a phrase; a comma or dot between digits ("9.681.931", "18,2") does not.
_BOUNDARY = re.compile(r"(?<!\d)[,.]|[,.](?!\d)|[;:()\n]")
_COUNT_STOP = {"theo", "của", "với", "trong", "tại", "để", "gồm", "cho", "từ", "so", "trên", "về",
               "nhằm", "thuộc", "do", "và", "đạt", "là", "bằng", "như", "sau", "khi", "ở"}

_PHRASE_END = re.compile(r"[;.\n]| ?\(")
# After a figure that opens its clause, these words start what is no longer its subject.
_FOLLOW_STOP = {"theo", "để", "nhằm", "do", "gồm", "đạt", "so"}


@dataclass(frozen=True)
class _Tables:
    mask: re.Pattern
    qualifier_of: dict[str, str]
    qualifier_before: re.Pattern
    count_noun: re.Pattern
    measure: re.Pattern
    money: re.Pattern
    scale_of: dict[str, int]
    number_word_value: dict[str, int]
    number_words: re.Pattern
    link_words: list[str]
    lead_in_words: list[str]
    linked_figure: re.Pattern
    drop_prefixes: list[str]
    drop_suffixes: list[str]
    names: re.Pattern


@functools.lru_cache(maxsize=1)
def tables() -> _Tables:
    where = "rules/quantities.yaml"
    qualifier_of = {}
    for entry in rules.entries("quantities", "qualifiers"):
        pattern = rf"(?<!\w)(?:{rules.alternation(entry['words'])})\s+\d"
        rules.compile_checked(pattern, entry["examples"], f"{where} qualifiers {entry['meaning']}", re.I)
        for word in entry["words"]:
            qualifier_of[word] = entry["meaning"]
    nouns = []
    for entry in rules.entries("quantities", "count_nouns"):
        rules.compile_checked(rf"\d\s+(?:{rules.alternation(entry['nouns'])})(?!\w)", entry["examples"],
                              f"{where} count_nouns {entry['nouns'][0]}", re.I)
        nouns.extend(entry["nouns"])
    units = []
    for entry in rules.entries("quantities", "measure_units"):
        rules.compile_checked(rf"\d\s*(?:{rules.alternation(entry['units'])})(?!\w)", entry["examples"],
                              f"{where} measure_units {entry['units'][0]}")
        units.extend(entry["units"])
    scale_of = {}
    for entry in rules.entries("quantities", "money"):
        rules.compile_checked(rf"\d\s*(?:{rules.alternation(entry['words'])})(?!\w)", entry["examples"],
                              f"{where} money {entry['words'][0]}")
        for word in entry["words"]:
            scale_of[word] = int(entry["scale"])
    number_word_value = {}
    for entry in rules.entries("quantities", "number_words"):
        rules.compile_checked(rf"(?<!\w){re.escape(entry['word'])}(?!\w)", entry["examples"],
                              f"{where} number_words {entry['word']}", re.I)
        number_word_value[entry["word"]] = int(entry["value"])
    masks = []
    for entry in rules.entries("quantities", "not_quantities"):
        rules.compile_checked(entry["pattern"], entry["examples"], f"{where} not_quantities {entry['name']}")
        pattern = entry["pattern"]
        masks.append(f"(?i:{pattern[4:]})" if pattern.startswith("(?i)") else f"(?:{pattern})")
    subject = rules.load("quantities")["subject"]
    noun_alt = rules.alternation(nouns, spellings=True)
    return _Tables(
        mask=re.compile("|".join(masks)),
        qualifier_of=qualifier_of,
        qualifier_before=re.compile(rf"(?<!\w)(?P<q>{rules.alternation(list(qualifier_of))})\s+$", re.I),
        count_noun=re.compile(rf"(?:{noun_alt})(?!\w)(?:\s*(?:,|và)\s*(?:{noun_alt})(?!\w))*"),
        measure=re.compile(rf"(?:{rules.alternation(units)})(?!\w)"),
        money=re.compile(rf"\s*(?P<scale>{rules.alternation([w for w, k in scale_of.items() if k > 1])})?"
                         rf"\s*(?P<cur>{rules.alternation([w for w, k in scale_of.items() if k == 1])})?(?!\w)"),
        scale_of=scale_of,
        number_word_value=number_word_value,
        number_words=re.compile(rf"(?=[{_first_letters(number_word_value)}])(?<!\w)"
                                rf"(?:(?:{rules.alternation(list(number_word_value), spellings=True)})\s+)+"),
        link_words=sorted(subject["link_words"], key=len, reverse=True),
        lead_in_words=subject["lead_in_words"],
        linked_figure=re.compile(rf"(?:^|\s)(?:{rules.alternation(subject['link_words'], spellings=True)})\s+\d"),
        drop_prefixes=sorted(subject["drop_prefixes"], key=len, reverse=True),
        drop_suffixes=sorted(subject["drop_suffixes"], key=len, reverse=True),
        # The names rules/abbreviations.yaml spells out: a subject cut inside one ("Cơ sở dữ liệu"
        # of "Cơ sở dữ liệu quốc gia") would not read as the month that writes it short ("CSDLQG").
        names=re.compile(rules.alternation([entry["long"] for entry in rules.entries("abbreviations", "abbreviations")]),
                         re.I),
    )


def _first_letters(words) -> str:
    return "".join(sorted({w[0].lower() for w in words} | {w[0].upper() for w in words}))


def parse_number(raw: str) -> float:
    """"1.500" → 1500, "83,3" → 83.3, "9.681.931.305" → 9681931305 (thousands dot, decimal comma)."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", raw) or "," in raw:
        return float(raw.replace(".", "").replace(",", "."))
    return float(raw)


# A number standing alone in a table cell: "1.234,5", "95,5", "100%", "8.00" (a decimal point, as
# some tables are typed), a sign in front ("-2,5" a fall, "+3").
_CELL_NUMBER = re.compile(rf"(?P<sign>[+\-−]?)\s*(?P<n>{_NUMBER}|\d+\.\d+)\s*(?P<pct>%?)")


def cell_number(text: str) -> tuple[float, bool] | None:
    """(value, written with %) of a cell that holds one number and nothing else, else None: "-",
    "x" and an empty cell hold none, "18/18" or "78,62 / 100" are not one number."""
    match = _CELL_NUMBER.fullmatch(text.strip())
    if match is None:
        return None
    value = parse_number(match["n"])
    return (-value if match["sign"] in "-−" and match["sign"] else value), bool(match["pct"])


def written_number(value: float, decimals: int | None = None) -> str:
    """A number as a Vietnamese document writes it, for messages: 1250.5 → "1.250,5", 2805065 →
    "2.805.065". Without `decimals`, as many as the value has, at most two."""
    if decimals is None:
        decimals = len(f"{value:.2f}".split(".")[1].rstrip("0"))
    return f"{value:,.{decimals}f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def number_from_words(words: list[str]) -> int | None:
    """"một trăm linh năm" → 105, "hai mươi mốt" → 21, "mười lăm" → 15, "hai nghìn" → 2000."""
    values = tables().number_word_value
    total, current = 0, 0
    for word in words:
        word = word.lower()
        if word not in values:
            return None
        if word in ("linh", "lẻ"):
            continue
        if word == "mươi":
            current = current * 10
        elif word == "mười":
            current += 10
        elif word == "trăm":
            total += (current or 1) * 100
            current = 0
        elif word in ("nghìn", "ngàn"):
            total = (total + current or 1) * 1000  # "một trăm nghìn" is 100 000, a bare "nghìn" 1 000
            current = 0
        else:
            current += values[word]
    value = total + current
    return value or None


def find_quantities(text: str, start: int = 0, end: int | None = None,
                    exclude: list[tuple[int, int]] = ()) -> list[Quantity]:
    """Every figure in text[start:end] with its subject; `exclude` spans (citations) are skipped."""
    t = tables()
    end = len(text) if end is None else end
    norm = normalise(text[start:end])
    body = norm.text
    found: list[tuple[int, int, dict]] = []
    occupied = bytearray(len(body) + 1)
    for s, e in exclude:
        s, e = max(0, s - start), min(len(body), e - start)
        if s < e:
            occupied[s:e] = b"\x01" * (e - s)

    def take(s: int, e: int, info: dict) -> None:
        found.append((s, e, info))
        occupied[s:e] = b"\x01" * (e - s)

    def free(s: int, e: int) -> bool:
        """Not inside a citation or a figure already taken, and not a date, year, ordinal, …"""
        if 1 in occupied[s:e]:
            return False
        # Masks are tried only where one could begin: at the starts of the words just before and
        # inside the candidate. A pass of every mask over the whole text cost more than all the
        # rest of extraction, and a search over a window around each candidate half of it.
        for word in _WORD_START.finditer(body, max(0, s - _MASK_REACH), e):
            m = t.mask.match(body, word.start())
            if m and m.start() < e and m.end() > s:
                return False
        return True

    def qualifier(s: int) -> tuple[int, str | None]:
        m = t.qualifier_before.search(body, max(0, s - 16), s)
        return (m.start(), m.group("q")) if m else (s, None)

    for m in _FIGURE.finditer(body):
        after = _skip_space(body, m.end())
        info = {"a": m.group("a")}
        if m.group("b"):
            unit_match = t.measure.match(body, after) or t.count_noun.match(body, after)
            stop = unit_match.end() if unit_match else m.end()
            info |= {"kind": "ratio", "b": m.group("b"), "unit": unit_match.group(0) if unit_match else None}
        elif m.group("pct"):
            stop = m.end()
            info |= {"kind": "percent", "unit": "%"}
        elif (money := t.money.match(body, m.end())) and (
                money.group("cur") or t.scale_of.get(money.group("scale"), 0) >= 10**9) and not (
                # "12 đồng chí" counts comrades: a count noun that runs past the currency word wins.
                (noun := t.count_noun.match(body, after)) and noun.end() > money.end()):
            # A bare "tỷ" is money ("2 tỷ"); a bare "triệu" may count people ("2 triệu người").
            stop = money.end()
            info |= {"kind": "amount", "unit": "đồng", "scale": t.scale_of[money.group("scale")] if money.group("scale") else 1}
        elif measure := t.measure.match(body, after):
            stop = measure.end()
            info |= {"kind": "amount", "unit": measure.group(0)}
        else:
            noun = t.count_noun.match(body, after)
            if money and money.group("scale") and noun is None:
                noun = t.count_noun.match(body, _skip_space(body, money.end()))
                if noun:
                    info["scale"] = t.scale_of[money.group("scale")]
            if noun is None:
                continue
            stop = noun.end()
            info |= {"kind": "count", "unit": noun.group(0)}
        if free(m.start(), stop):
            q_start, info["q"] = qualifier(m.start())
            take(q_start, stop, info)
    for m in t.number_words.finditer(body):
        noun = t.count_noun.match(body, m.end())
        if not noun or not free(m.start(), noun.end()):
            continue
        value = number_from_words(m.group(0).split())
        if value:
            take(m.start(), noun.end(), {"kind": "count", "a": str(value), "q": None,
                                         "raw": m.group(0).strip(), "unit": noun.group(0)})
    found.sort(key=lambda item: item[0])
    out = []
    for qstart, qend, info in found:
        value = parse_number(info["a"]) * info.get("scale", 1)
        subject = _count_subject(body, qend - len(info["unit"] or ""), qend) if info["kind"] == "count" \
            else _subject(body, qstart, qend, runs_on=info["kind"] == "ratio")
        ostart, oend = norm.to_original(qstart, qend)
        out.append(Quantity(
            kind=info["kind"], value=value, raw=info.get("raw", info["a"]),
            text=text[start + ostart:start + oend], start=start + ostart, end=start + oend,
            denominator=parse_number(info["b"]) if info["kind"] == "ratio" else None,
            unit=" ".join(info["unit"].split()) if info["unit"] else None,
            qualifier=t.qualifier_of.get(" ".join(info["q"].lower().split())) if info.get("q") else None,
            subject=subject))
    return out


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos


def _count_subject(body: str, unit_start: int, unit_end: int) -> str:
    """A count measures its noun and the words that qualify it: "nhiệm vụ hoàn thành", up to eight
    words, and never stopping inside a name ("phương tiện lên hệ thống Cơ sở dữ liệu quốc gia")."""
    words = [body[unit_start:unit_end]]
    following = body[unit_end:unit_end + 120]
    names = [name.span() for name in tables().names.finditer(following)]
    for match in re.finditer(r"[^\s,;:.()]+|[,;:.()]", following):
        word = match.group(0)
        if _BOUNDARY.fullmatch(word) or word.lower() in _COUNT_STOP or any(ch.isdigit() for ch in word):
            break
        if len(words) >= 8 and not any(start < match.start() < end for start, end in names):
            break
        words.append(word)
    return " ".join(" ".join(words).split())


def _strip_words(phrase: str, prefixes: list[str], suffixes: list[str]) -> str:
    changed = True
    while changed and phrase:
        changed = False
        lower = phrase.lower()
        for prefix in prefixes:
            if lower == prefix or lower.startswith(prefix + " "):
                phrase = phrase[len(prefix):].strip(" ,")
                changed = True
                break
        lower = phrase.lower()
        for suffix in suffixes:
            if lower == suffix or lower.endswith(" " + suffix):
                phrase = phrase[:len(phrase) - len(suffix)].strip(" ,")
                changed = True
                break
    return phrase


def _subject(body: str, qstart: int, qend: int, runs_on: bool = False) -> str | None:
    """The phrase a percentage, ratio or amount measures: before it ("lúa đạt 78,4%"), in front of
    its parenthesis ("tỷ lệ hộ nghèo (25,46%)"), or after it at a clause start ("100% cán bộ …").

    With `runs_on` (a ratio), a figure inside its clause, the object of the verb before it and no
    link word between, measures the whole clause: "cập nhật 577.722/914.419 thông tin trẻ em vào
    phần mềm", not its verb alone, so a month that writes "cập nhật thông tin 577.722/914.419 trẻ
    em" reads as the same subject, its words in another order."""
    t = tables()
    # A subject sits in the clause or two before its figure, never paragraphs back.
    # Bounded: a search back to the line start costs the whole line for every figure on it.
    floor = max(0, qstart - _SUBJECT_REACH)
    line_start = body.rfind("\n", floor, qstart) + 1 or floor
    before = body[line_start:qstart].rstrip()
    linked = False
    lower = before.lower()
    if any(lower == w or lower.endswith((" " + w, "(" + w)) for w in t.lead_in_words):
        before = ""
    for word in t.link_words:
        if lower == word or lower.endswith((" " + word, "(" + word)):
            before = before[:len(before) - len(word)].rstrip()
            linked = True
            break
    if before.endswith("("):
        # "… đúng hạn (đạt 93,75%)": the figure glosses the phrase in front of its parenthesis.
        before = before[:-1].rstrip()
        linked = False
    pieces = _BOUNDARY.split(before)
    clause = pieces[-1].strip() if pieces else ""
    if not clause and linked:
        # "Tổng thu … ước đạt 9.681.931.305 đồng, bằng 112,5%" and "… chiếm 12,5% tổng chi; đạt
        # 98%, vượt 3% kế hoạch": the subject of the nearest clause before that has one, without
        # the figure it already carries.
        for earlier in reversed(pieces[:-1]):
            match = t.linked_figure.search(earlier)
            clause = (earlier[:match.start()] if match else earlier).strip()
            if clause:
                break
    clause = _strip_words(clause, t.drop_prefixes, t.drop_suffixes)
    if clause and runs_on and not linked and before == body[line_start:qstart].rstrip() \
            and re.match(r" \w", body[qend:qend + 2]):
        return f"{clause} {body[qstart:qend]} {_words_after(body, qend)}"
    if clause:
        return clause
    if linked:
        return None
    # The figure opens its clause, or follows "đến"/"cho": what follows is what it counts.
    return _words_after(body, qend)


def _words_after(body: str, qend: int) -> str | None:
    """The words a figure is followed by, to the end of their phrase."""
    words = []
    for match in re.finditer(r"[^\s;.()]+", body[qend:qend + 160]):
        word = match.group(0)
        if words and word.lower() in _FOLLOW_STOP:
            break
        words.append(word)
        if word.endswith(",") and len(words) >= 5 or len(words) >= 10:
            break
        # A parenthesis after a space glosses the phrase ("xã, phường (trong đó, 37 xã …)").
        if _PHRASE_END.match(body, qend + match.end()):
            break
    return " ".join(words).rstrip(",") or None
