"""Property tests: Vietnamese text written any way (decomposed, Ð for Đ, exotic spaces) normalises
to its clean form with every offset mapping back; numbers, number words and dates written as
offices write them read back as their values; citations keep their date and issuer however the
tail is joined; on arbitrary text the stages never raise and keep spans inside the text; the
.docx reader on mutated real files raises only ReadError."""
import datetime
import io
import unicodedata
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SEED_DOCX, SEED_TXT
from pipeline import rules
from pipeline.citations import find_citations, parse_date
from pipeline.errors import ReadError
from pipeline.extract import extract
from pipeline.normalise import fold, normalise
from pipeline.quantities import find_quantities, number_from_words, parse_number, written_number
from pipeline.read import read_docx_bytes, read_txt_bytes
from pipeline.structure import build_report

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SEED_LINES = SEED_TXT.read_text(encoding="utf-8").splitlines()
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]  # none, huyền, sắc, hỏi, ngã, nặng
LETTERS = sorted({unicodedata.normalize("NFC", base + tone) for base in "aăâeêioôơuưy" for tone in TONES}
                 | set("bcdđghklmnpqrstvx"))
# The Vietnamese alphabet in both cases, digits, and the punctuation and spacing reports use.
VIETNAMESE = LETTERS + [c.upper() for c in LETTERS] + list("0123456789") + list(" \n,.;:/-%()\"'&<>")
# How a file may hold a character of the clean text besides itself: Ð for Đ, an exotic space,
# a dash for the hyphen; letters also decomposed (NFD) or as a base letter with a combining tone,
# as some keyboards type them.
SPELLINGS = {"Đ": ["\u00d0"], "đ": ["\u00f0"], " ": ["\u00a0", "\u200b", "\ufeff", "\u202f", "\t"],
             "-": ["\u2013", "\u2014", "\u2212"]}


def spellings(char: str) -> list[str]:
    decomposed = unicodedata.normalize("NFD", char)
    tones = "".join(c for c in decomposed if c in TONES)
    toneless = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES))
    return list(dict.fromkeys([char, decomposed, toneless + tones, *SPELLINGS.get(char, [])]))


clean_text = st.text(st.sampled_from(VIETNAMESE), max_size=80)
# Arbitrary Unicode, and text built from the seed's own pieces with Vietnamese text between:
# the second reaches the extractors' real paths far more often than random code points do.
seedish = st.lists(st.one_of(st.sampled_from(SEED_LINES), clean_text), max_size=12).map("\n".join)
any_text = st.one_of(st.text(max_size=400), seedish)


@FAST
@given(clean_text, st.data())
def test_normaliser_maps_every_spelling_back_to_the_original(clean, data):
    """Written in any mix of spellings, decomposed ones included, a text normalises to its clean
    form, and every span of it maps back to exactly the characters of the original that spell it."""
    written = [data.draw(st.sampled_from(spellings(char))) for char in clean]
    original = "".join(written)
    starts = [0]
    for piece in written:
        starts.append(starts[-1] + len(piece))
    norm = normalise(original)
    assert norm.text == clean
    for start in range(len(clean) + 1):
        for end in range(start, len(clean) + 1):
            assert norm.to_original(start, end) == (starts[start], starts[end])
    assert fold(original) == fold(clean) == fold(clean.upper())


@FAST
@given(any_text)
def test_normaliser_offsets_stay_in_order_on_any_text(text):
    norm = normalise(text)
    if norm.origin is not None:
        assert len(norm.origin) == len(norm.text) + 1
        assert norm.origin == sorted(norm.origin)
    assert norm.to_original(0, len(norm.text)) == (0, len(text))
    for start in range(0, len(norm.text), 7):
        ostart, oend = norm.to_original(start, len(norm.text))
        assert 0 <= ostart <= oend <= len(text)


@FAST
@given(st.integers(0, 10**15), st.text("0123456789", max_size=4))
def test_a_number_written_with_thousands_dots_and_a_decimal_comma_parses_to_its_value(whole, decimals):
    written = f"{whole:,}".replace(",", ".") + (f",{decimals}" if decimals else "")
    value = float(f"{whole}.{decimals or 0}")
    assert parse_number(written) == value
    for text, kind, unit in [(f"trồng mới {written} ha", "amount", "ha"), (f"đạt {written}%", "percent", "%")]:
        assert [(q.kind, q.value, q.unit, q.raw) for q in find_quantities(text)] == [(kind, value, unit, written)]


@FAST
@given(st.integers(0, 10**12), st.integers(0, 99))
def test_a_number_in_a_message_is_written_as_the_report_writes_it_and_reads_back(whole, cents):
    """What `check` writes ("cộng lại 2.805.064", "là 93,75%") is a number the reader parses back."""
    value = whole + cents / 100
    written = written_number(value)
    assert "e" not in written and parse_number(written) == pytest.approx(value, abs=1e-9)
    assert ("," in written) == bool(cents)


def written_date(day, rng) -> str:
    """A date as offices write it: 09/9/2025, 9-9-2025, 09.09.2025, 09 tháng 9 năm 2025."""
    d = rng.choice([str(day.day), f"{day.day:02d}"])
    m = rng.choice([str(day.month), f"{day.month:02d}"])
    if rng.random() < 0.25:
        return f"{d} tháng {m} năm {day.year}"
    sep = rng.choice("/-.")
    return f"{d}{sep}{m}{sep}{day.year}"


DATES = st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2099, 12, 31))


@FAST
@given(DATES, st.randoms())
def test_a_written_date_parses_to_that_day(day, rng):
    assert parse_date(written_date(day, rng)) == day.isoformat()


@FAST
@given(st.text(max_size=40))
def test_date_parser_never_raises(text):
    result = parse_date(text)
    assert result is None or datetime.date.fromisoformat(result)


ISSUERS = [entry["name"] for entry in rules.load("citations")["issuers"]]
SYMBOLS = [("{n}-NQ/TW", "{n}-nq/tw"), ("{n}/2025/NĐ-CP", "{n}/2025/nđ-cp"), ("{n}/QĐ-UBND", "{n}/qđ-ubnd"),
           ("{n}-KL/TW", "{n}-kl/tw")]


@FAST
@given(st.integers(1, 9999), st.sampled_from(SYMBOLS), DATES, st.sampled_from(ISSUERS), st.randoms())
def test_a_citation_keeps_its_date_and_issuer_however_the_tail_is_joined(number, symbol, day, issuer, rng):
    """"68-NQ/TW, ngày 04/5/2025 của Bộ Chính trị": a comma, or "ban hành", before the date."""
    written, key = (form.format(n=number) for form in symbol)
    joint = rng.choice([" ", ", ", " , ", " ban hành ", ", được ban hành "])
    text = f"Thực hiện văn bản số {written}{joint}ngày {written_date(day, rng)} của {issuer} về công tác"
    assert [(c.key, c.date, c.issuer) for c in find_citations(text)] == [(key, day.isoformat(), issuer)]


DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def in_words(n: int, rng) -> list[str]:
    """How n (1 to 999,999, its hundreds not all zero after the thousands) is read aloud, with the
    variants a writer may choose: lẻ or linh, tư or bốn, nhăm or lăm, ngàn or nghìn."""
    if n >= 1000:
        thousands, rest = divmod(n, 1000)
        return in_words(thousands, rng) + [rng.choice(["nghìn", "ngàn"])] + (in_words(rest, rng) if rest else [])
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words = [DIGITS[hundreds], "trăm"] if hundreds else []
    if tens == 0 and units:
        return words + ([rng.choice(["linh", "lẻ"])] if hundreds else []) + [DIGITS[units]]
    if tens == 1:
        words.append("mười")
    elif tens:
        words += [DIGITS[tens], "mươi"]
    if units == 1 and tens > 1:
        words.append("mốt")
    elif units == 4 and tens > 1:
        words.append(rng.choice(["tư", "bốn"]))
    elif units == 5 and tens:
        words.append(rng.choice(["lăm", "nhăm"]) if tens > 1 else "lăm")
    elif units:
        words.append(DIGITS[units])
    return words


# "không trăm" (1 005 is "một nghìn không trăm linh năm") is left out: "không" is not a number
# word in rules/quantities.yaml, since in reports it is "not" ("không quá 5%").
@FAST
@given(st.one_of(st.integers(1, 999), st.builds(lambda t, r: t * 1000 + r, st.integers(1, 999),
                                                 st.sampled_from([0]) | st.integers(100, 999))), st.randoms())
def test_a_number_read_aloud_means_its_value(n, rng):
    words = in_words(n, rng)
    assert number_from_words(words) == n
    (q,) = find_quantities(f"hỗ trợ {' '.join(words)} hộ")
    assert (q.kind, q.value, q.unit) == ("count", n, "hộ")


@FAST
@given(any_text)
def test_citation_finder_spans(text):
    for citation in find_citations(text):
        assert 0 <= citation.start < citation.end <= len(text)
        assert text[citation.start:citation.end] == citation.text
        assert citation.start <= citation.core_end <= citation.end


@FAST
@given(any_text)
def test_quantity_finder_spans(text):
    for quantity in find_quantities(text):
        assert 0 <= quantity.start < quantity.end <= len(text)
        assert text[quantity.start:quantity.end] == quantity.text


@FAST
@given(any_text)
def test_structure_and_extraction_on_any_text(text):
    try:
        document = read_txt_bytes(text.encode("utf-8"), "fuzz.txt")
    except ReadError:
        return
    report = extract(build_report(document))
    for section in report.all_sections():
        assert 0 <= section.start <= section.end <= len(report.text)
    for fact in (*report.citations, *report.quantities):
        assert report.text[fact.start:fact.end] == fact.text
        report.section_at(fact.start)


SEED_BYTES = SEED_DOCX.read_bytes()
with zipfile.ZipFile(SEED_DOCX) as _seed:
    SEED_PARTS = {info.filename: _seed.read(info.filename) for info in _seed.infolist()}


def _rezip(parts):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return buffer.getvalue()


@settings(max_examples=120, deadline=None)
@given(st.data())
def test_docx_reader_on_mutated_files_raises_only_read_error(data):
    how = data.draw(st.sampled_from(["flip bytes", "truncate", "mutate xml", "drop part"]))
    if how == "flip bytes":
        raw = bytearray(SEED_BYTES)
        for _ in range(data.draw(st.integers(1, 20))):
            raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
        blob = bytes(raw)
    elif how == "truncate":
        blob = SEED_BYTES[:data.draw(st.integers(0, len(SEED_BYTES)))]
    elif how == "mutate xml":
        parts = dict(SEED_PARTS)
        name = data.draw(st.sampled_from(["word/document.xml", "word/styles.xml", "word/numbering.xml"]))
        xml = bytearray(parts[name])
        start = data.draw(st.integers(0, len(xml) - 1))
        xml[start:start + data.draw(st.integers(0, 50))] = data.draw(st.binary(max_size=50))
        parts[name] = bytes(xml)
        blob = _rezip(parts)
    else:
        parts = dict(SEED_PARTS)
        parts.pop(data.draw(st.sampled_from(sorted(parts))))
        blob = _rezip(parts)
    try:
        document = read_docx_bytes(blob, "mutated.docx")
    except ReadError as exc:
        assert str(exc).startswith("mutated.docx: ")
        return
    extract(build_report(document))
