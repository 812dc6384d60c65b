"""Property tests: on arbitrary text the stages never raise, keep spans inside the text, and map
offsets back to the original; the .docx reader on mutated real files raises only ReadError."""
import io
import unicodedata
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SEED_DOCX, SEED_TXT
from pipeline.citations import find_citations, parse_date
from pipeline.errors import ReadError
from pipeline.extract import extract
from pipeline.normalise import fold, normalise
from pipeline.quantities import find_quantities, number_from_words, parse_number
from pipeline.read import read_docx_bytes, read_txt_bytes
from pipeline.structure import build_report

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SEED_LINES = SEED_TXT.read_text(encoding="utf-8").splitlines()
# Arbitrary Unicode, and text built from the seed's own pieces with arbitrary characters between:
# the second reaches the extractors' real paths far more often than random code points do.
vietnamese_chars = st.sampled_from(list("0123456789/-.,%() \nNQTWĐUCPKHsốngàyđạttỷlệ") + ["\u0301", "\u00d0", "\u00a0"])
seedish = st.lists(st.one_of(st.sampled_from(SEED_LINES), st.text(vietnamese_chars, max_size=30)),
                   max_size=12).map("\n".join)
any_text = st.one_of(st.text(max_size=400), seedish)


@FAST
@given(any_text)
def test_normaliser_offsets_round_trip(text):
    norm = normalise(text)
    assert len(norm.text) >= 0
    if norm.origin is not None:
        assert len(norm.origin) == len(norm.text) + 1
        assert norm.origin == sorted(norm.origin)
    assert norm.to_original(0, len(norm.text)) == (0, len(text))
    for start in range(0, len(norm.text), 7):
        ostart, oend = norm.to_original(start, len(norm.text))
        assert 0 <= ostart <= oend <= len(text)
        piece = unicodedata.normalize("NFC", text[ostart:oend])
        assert normalise(piece).text == norm.text[start:] or not unicodedata.is_normalized("NFC", text)
    fold(text)


@FAST
@given(st.from_regex(r"\d{1,3}(?:\.\d{3}){0,3}(?:,\d{1,3})?", fullmatch=True))
def test_number_parser(raw):
    assert parse_number(raw) >= 0


@FAST
@given(st.text(max_size=40))
def test_date_parser_never_raises(text):
    result = parse_date(text)
    assert result is None or (len(result) == 10 and result[4] == "-")


@FAST
@given(st.lists(st.sampled_from(["một", "hai", "ba", "mười", "mươi", "trăm", "linh", "nghìn", "lăm", "tư"]), max_size=6))
def test_number_words_never_raise(words):
    value = number_from_words(words)
    assert value is None or value > 0


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
