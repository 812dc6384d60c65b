"""Legacy TCVN3 and VNI text converted to Unicode, run by run (issue 14, item 2).

The charts below are typed from the published tables (the Vietnamese Unicode project's charset
pages, vietunicode.sourceforge.net/charset/, for both encodings; for TCVN3 also GNU libc's
`iconv -f TCVN5712-1`, which agrees on every code here), as hex codes laid out the way the charts
are: one row a vowel, its tones in the order plain, huyền, hỏi, ngã, sắc, nặng. They are not read
from rules/legacy_encodings.yaml: the encoder that builds the seed fixtures is these charts read
forwards, the reader under test is the YAML table read backwards, so a wrong code in either shows.
"""
import copy
import shutil
import unicodedata
import zipfile

import pytest
from conftest import REAL, SEED_DOCX, needs_real
from lxml import etree

from pipeline import legacy
from pipeline.errors import ReadError
from pipeline.normalise import detect_legacy
from pipeline.read import read_document

TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # plain, huyền, hỏi, ngã, sắc, nặng

TCVN3_CHART = [  # a vowel's row: its codes, plain first
    ("a", "61 B5 B6 B7 B8 B9"), ("ă", "A8 BB BC BD BE C6"), ("â", "A9 C7 C8 C9 CA CB"),
    ("e", "65 CC CE CF D0 D1"), ("ê", "AA D2 D3 D4 D5 D6"), ("i", "69 D7 D8 DC DD DE"),
    ("o", "6F DF E1 E2 E3 E4"), ("ô", "AB E5 E6 E7 E8 E9"), ("ơ", "AC EA EB EC ED EE"),
    ("u", "75 EF F1 F2 F3 F4"), ("ư", "AD F5 F6 F7 F8 F9"), ("y", "79 FA FB FC FD FE"),
]
# The only capitals a plain .Vn font has; every other capital is an H font's glyph at the small letter's code.
TCVN3_OWN_CAPITALS = {"đ": "AE", "Ă": "A1", "Â": "A2", "Ê": "A3", "Ô": "A4", "Ơ": "A5", "Ư": "A6", "Đ": "A7"}

# VNI: a base letter and one mark code, small and capital marks apart; "-" is no mark.
VNI_MARKS = {  # row kind: the marks of huyền, hỏi, ngã, sắc, nặng (and of the plain letter where it has one)
    "tone": ("-", "F8 FB F5 F9 EF", "-", "D8 DB D5 D9 CF"),
    "circumflex": ("E2", "E0 E5 E3 E1 E4", "C2", "C0 C5 C3 C1 C4"),
    "breve": ("EA", "E8 FA FC E9 EB", "CA", "C8 DA DC C9 CB"),
}
VNI_CHART = [("a", "a", "tone"), ("â", "a", "circumflex"), ("ă", "a", "breve"), ("e", "e", "tone"),
             ("ê", "e", "circumflex"), ("o", "o", "tone"), ("ô", "o", "circumflex"), ("ơ", "\xf4", "tone"),
             ("u", "u", "tone"), ("ư", "\xf6", "tone"), ("y", "y", "tone")]
VNI_SINGLE = {"ơ": "F4", "Ơ": "D4", "ư": "F6", "Ư": "D6", "đ": "F1", "Đ": "D1", "ì": "EC", "Ì": "CC",
              "ỉ": "E6", "Ỉ": "C6", "ĩ": "F3", "Ĩ": "D3", "í": "ED", "Í": "CD", "ị": "F2", "Ị": "D2",
              "ỵ": "EE", "Ỵ": "CE"}


def _codes(row: str) -> list[str]:
    return [chr(int(code, 16)) for code in row.split()]


def _letter(vowel: str, tone: str) -> str:
    return unicodedata.normalize("NFC", vowel + tone)


def tcvn3_chart() -> dict[str, str]:
    """Every small letter → its TCVN3 code, and the seven capitals a plain font has."""
    chart = {_letter(vowel, tone): code for vowel, row in TCVN3_CHART for tone, code in zip(TONES, _codes(row))}
    chart.update({letter: chr(int(code, 16)) for letter, code in TCVN3_OWN_CAPITALS.items()})
    return chart


def vni_chart() -> dict[str, str]:
    """Every letter, small and capital → its VNI characters."""
    chart = {letter: chr(int(code, 16)) for letter, code in VNI_SINGLE.items()}
    for vowel, base, kind in VNI_CHART:
        plain_small, toned_small, plain_capital, toned_capital = VNI_MARKS[kind]
        for capital, plain, toned in ((False, plain_small, toned_small), (True, plain_capital, toned_capital)):
            marks = [None if plain == "-" else chr(int(plain, 16)), *_codes(toned)]
            for tone, mark in zip(TONES, marks):
                letter = _letter(vowel, tone)
                letter = letter.upper() if capital else letter
                if letter in chart or mark is None:
                    continue
                chart[letter] = (base.upper() if capital else base) + mark
    return chart


VIETNAMESE_SMALL = [_letter(v, t) for v, _ in TCVN3_CHART for t in TONES] + ["đ"]


# --- every letter, both cases ------------------------------------------------------------------

def test_the_charts_hold_every_letter():
    letters = {c for c in VIETNAMESE_SMALL if not c.isascii()} | {c.upper() for c in VIETNAMESE_SMALL if not c.isascii()}
    assert len(letters) == 134
    assert letters <= set(vni_chart())


@pytest.mark.parametrize("letter", VIETNAMESE_SMALL)
def test_every_tcvn3_letter_in_both_cases(letter):
    code = tcvn3_chart()[letter]
    assert legacy.convert(code, legacy.TCVN3) == letter
    # A capital is the small letter's code drawn by an H font (.VnTimeH).
    assert legacy.convert(code, legacy.TCVN3, capitals=True) == letter.upper()


@pytest.mark.parametrize("capital", ["Ă", "Â", "Ê", "Ô", "Ơ", "Ư", "Đ"])
def test_the_capitals_a_plain_tcvn3_font_has(capital):
    assert legacy.convert(tcvn3_chart()[capital], legacy.TCVN3) == capital


@pytest.mark.parametrize("letter", sorted(vni_chart()))
def test_every_vni_letter_in_both_cases(letter):
    assert legacy.convert(vni_chart()[letter], legacy.VNI) == letter


@pytest.mark.parametrize("legacy_text, encoding, expected", [
    # Each from the issue's and the docs' examples.
    ("B¸o c¸o", "TCVN3", "Báo cáo"),
    ("§¶ng ñy", "TCVN3", "Đảng ủy"),
    ("Baùo caùo", "VNI", "Báo cáo"),
    ("UÛY BAN NHAÂN DAÂN", "VNI", "ỦY BAN NHÂN DÂN"),
    ("Ñaûng uûy", "VNI", "Đảng ủy"),
    # Word's Change Case lowers a VNI capital's mark with it: the base letter's case decides.
    ("Uûy ban", "VNI", "Ủy ban"),
    # Words typed in capitals in a plain .Vn font, whose toned letters have no capital code.
    ("PHÇN THø NHÊT: KÕ ho¹ch", "TCVN3", "PHẦN THỨ NHẤT: Kế hoạch"),
    ("CH¦¥NG I", "TCVN3", "CHƯƠNG I"),
    ("Së Tµi chÝnh", "TCVN3", "Sở Tài chính"),
])
def test_words(legacy_text, encoding, expected):
    assert legacy.convert(legacy_text, encoding) == expected


# --- run by run --------------------------------------------------------------------------------

@pytest.mark.parametrize("runs, expected, encodings", [
    # A heading in an H font beside body text in the plain one.
    ([("b¸o c¸o", ".VnTimeH"), (" th¸ng 5", ".VnTime")], "BÁO CÁO tháng 5", {"TCVN3"}),
    # A VNI letter and its mark in two runs (a change of bold between them) stay one letter.
    ([("Ba", "VNI-Times"), ("ùo caùo", "VNI-Times")], "Báo cáo", {"VNI"}),
    # A mixed document: each run by its own font (angiang_…_tcvn3.doc has "ÖÙng dông" so).
    ([("ÖÙng", "VNI-Times"), (" dông vµ ph¸t triÓn", ".VnTime")], "Ứng dụng và phát triển", {"TCVN3", "VNI"}),
    # A run in a font named for TCVN3 over VNI letters (lamdong_kh_cntt_…_tcvn3_vni.doc): the letters tell.
    ([("phaàn ñieàu", "VNSTCVN3")], "phần điều", {"VNI"}),
    # Capitals typed in an H font ("QUYÕT" in a 2004 decision of Cần Thơ): "YÕ" looks like VNI's Ỹ,
    # but VNI has no H fonts
    ([("QUYÕT ®ÞNH", ".VnTimeH")], "QUYẾT ĐỊNH", {"TCVN3"}),
    # A run holding a letter beyond Latin-1 is Unicode whatever its font; a run in an ordinary font
    # is left as typed.
    ([("Kết quả ", ".VnTime"), ("tháng", "Times New Roman"), (" Đảng ủy", "VNI-Times")],
     "Kết quả tháng Đảng ủy", set()),
])
def test_convert_runs(runs, expected, encodings):
    assert legacy.convert_runs(runs) == (expected, encodings)


# --- the seed typed in TCVN3 and in VNI ----------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _as_tcvn3(text: str) -> list[tuple[str, str]]:
    """The runs a typist makes of `text` in TCVN3: capitals in .VnTimeH with the small letters'
    codes, the whole run when it is all capitals, else only the toned capitals a plain font lacks."""
    chart = tcvn3_chart()
    if text.upper() == text and text.lower() != text:
        return [("".join(chart.get(c, c) for c in text.lower()), ".VnTimeH")]
    runs: list[tuple[str, str]] = []
    for c in text:
        font, code = (".VnTime", chart[c]) if c in chart else (".VnTimeH", chart[c.lower()]) \
            if c.lower() in chart and c.isupper() and not c.isascii() else (".VnTime", c)
        if runs and runs[-1][1] == font:
            runs[-1] = (runs[-1][0] + code, font)
        else:
            runs.append((code, font))
    return runs


def _as_vni(text: str) -> list[tuple[str, str]]:
    """The text in VNI-Times, split between the base letter and the mark of its first two-code
    letter, as a change of format in mid-word would."""
    chart = vni_chart()
    encoded = "".join(chart.get(c, c) for c in text)
    split = next((i + 1 for i, c in enumerate(text) if len(chart.get(c, "")) == 2), None)
    if split is None:
        return [(encoded, "VNI-Times")]
    cut = len("".join(chart.get(c, c) for c in text[:split - 1])) + 1
    return [(encoded[:cut], "VNI-Times"), (encoded[cut:], "VNI-Times")]


def _retyped(seed, out, encode):
    """A copy of the seed .docx with each run's text re-encoded into runs of legacy fonts."""
    with zipfile.ZipFile(seed) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                root = etree.fromstring(data)
                for run in list(root.iter(W + "r")):
                    t = run.find(W + "t")
                    if t is None or not t.text:
                        continue
                    for text, font in encode(t.text):
                        piece = copy.deepcopy(run)
                        rpr = piece.find(W + "rPr")
                        if rpr is None:
                            rpr = etree.SubElement(piece, W + "rPr")
                            piece.insert(0, rpr)
                        for old in rpr.findall(W + "rFonts"):
                            rpr.remove(old)
                        rpr.insert(0, etree.Element(W + "rFonts", {W + "ascii": font, W + "hAnsi": font}))
                        # TCVN3's ư is the soft hyphen, which Word and LibreOffice write as <w:softHyphen/>.
                        t = piece.find(W + "t")
                        for i, chunk in enumerate(text.split("\xad")):
                            if i:
                                t.addprevious(etree.Element(W + "softHyphen"))
                            chunk_t = copy.deepcopy(t)
                            chunk_t.text = chunk
                            chunk_t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                            t.addprevious(chunk_t)
                        piece.remove(t)
                        run.addprevious(piece)
                    run.getparent().remove(run)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(item, data)
    return out


@pytest.mark.parametrize("encode, read_as", [(_as_tcvn3, "tcvn3→unicode"), (_as_vni, "vni→unicode")])
def test_the_seed_typed_in_a_legacy_encoding_reads_as_the_seed(tmp_path, encode, read_as):
    retyped = _retyped(SEED_DOCX, tmp_path / "seed-legacy.docx", encode)
    fonts = {f for f in etree.fromstring(zipfile.ZipFile(retyped).read("word/document.xml")).iter(W + "rFonts")}
    assert fonts, "the fixture was not retyped"
    seed, converted = read_document(SEED_DOCX), read_document(retyped)
    assert [b.line for b in converted.blocks] == [b.line for b in seed.blocks]
    assert converted.read_as == ["docx", read_as]
    assert detect_legacy("\n".join(b.line for b in seed.blocks)) is None


def test_the_retyped_seed_really_is_legacy(tmp_path):
    """The fixture is what a typist of 2003 made: no Vietnamese letter of its body is Unicode."""
    body = zipfile.ZipFile(_retyped(SEED_DOCX, tmp_path / "t.docx", _as_tcvn3)).read("word/document.xml").decode()
    assert "b¸o c¸o" in body and "<w:softHyphen/>" in body and "Đảng" not in body and "ư" not in body


# --- what is left alone, and text without fonts ------------------------------------------------

@needs_real
@pytest.mark.parametrize("name", ["lamdong_bc_cchc_quy1_2026.docx", "lamdong_snv_totrinh_giaithe_hhrauqua_2026-03.docx"])
def test_a_legacy_font_over_unicode_letters_is_left_unchanged(name):
    """Both declare VNI-Times or .VnTime over Unicode text (SOURCES.tsv); their text stays as typed."""
    document = read_document(REAL / "docx" / name)
    assert document.read_as == ["docx"]
    assert detect_legacy("\n".join(b.line for b in document.blocks)) is None


@pytest.mark.parametrize("data, encoding, first_line", [
    # TCVN3 bytes as a pre-Unicode editor saved them (cp1252): "Báo cáo tháng 5 của Đảng ủy xã".
    ("B¸o c¸o th¸ng 5 cña §¶ng ñy x·\nI. VÒ tæ chøc héi nghÞ\n".encode("cp1252"), "TCVN3",
     "Báo cáo tháng 5 của Đảng ủy xã"),
    ("Baùo caùo thaùng 5 cuûa Ñaûng uûy xaõ\nI. Veà toå chöùc hoäi nghò\n".encode("cp1252"), "VNI",
     "Báo cáo tháng 5 của Đảng ủy xã"),
    # The same letters saved again as UTF-8 by a later editor.
    ("B¸o c¸o th¸ng 5 cña §¶ng ñy x·\nI. VÒ tæ chøc héi nghÞ\n".encode("utf-8"), "TCVN3",
     "Báo cáo tháng 5 của Đảng ủy xã"),
])
def test_a_legacy_txt_is_converted_with_a_warning(tmp_path, data, encoding, first_line):
    path = tmp_path / "report.txt"
    path.write_bytes(data)
    document = read_document(path)
    assert document.blocks[0].line == first_line
    assert document.read_as == ["txt", f"{encoding.lower()}→unicode"]
    assert [w for w in document.warnings if f"converted from {encoding}" in w]
    assert path.read_bytes() == data


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
@needs_real
def test_a_pdf_text_layer_in_tcvn3(tmp_path):
    """mpi_kh_2005_trinh_qh_tcvn3.pdf page 1, its text layer as pdftotext gives it: "B¸o c¸o",
    "PhÇn thø nhÊt", "Quèc héi kho¸ XI t¹i kú häp thø 4" (ư as the soft hyphen: "b\xadíc")."""
    import subprocess
    out = tmp_path / "page.txt"
    subprocess.run(["pdftotext", "-f", "1", "-l", "1", REAL / "pdf" / "mpi_kh_2005_trinh_qh_tcvn3.pdf", out], check=True)
    text, encoding = legacy.convert_legacy_text(out.read_text(encoding="utf-8"))
    assert encoding == "TCVN3"
    for line in ("Tình hình thực hiện nhiệm vụ kế hoạch năm 2004", "Phần thứ nhất",
                 "Quốc hội khoá XI tại kỳ họp thứ 4 đã thông qua mục tiêu tổng quát về nhiệm",
                 "vụ năm 2004 nhằm: Bảo đảm phát triển kinh tế nhanh với bước tiến mới về chất"):
        assert line in text.splitlines()


def test_unicode_text_is_not_converted():
    assert legacy.convert_legacy_text("Báo cáo tháng 5 của Đảng ủy xã") == ("Báo cáo tháng 5 của Đảng ủy xã", None)


def test_a_document_whose_legacy_letters_are_in_no_legacy_font_is_still_refused(tmp_path):
    """Nothing says which table letters typed in Times New Roman are in: refused, not guessed."""
    from test_structure_forms import _write
    with pytest.raises(ReadError, match="legacy TCVN3 encoding"):
        read_document(_write(tmp_path, ["B¸o c¸o kÕt qu¶ ho¹t ®éng cña §¶ng ñy x· th¸ng 5 n¨m 2026"],
                             font="Times New Roman"))


# --- the real legacy .doc files ------------------------------------------------------------------

LEGACY_DOCS = sorted(p.name for p in (REAL / "doc").glob("*.doc")
                     if p.stem.endswith(("_tcvn3", "_vni", "_tcvn3_vni"))) if REAL.is_dir() else []


@pytest.fixture(scope="module")
def real_reports():
    from pipeline import api
    return {}, api


def _report(real_reports, name):
    cache, api = real_reports
    if name not in cache:
        cache[name] = api.parse_file(REAL / "doc" / name)
    return cache[name]


@needs_real
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("name", LEGACY_DOCS)
def test_every_legacy_doc_is_read(real_reports, name):
    report = _report(real_reports, name)
    assert detect_legacy(report.text) is None
    # Its type, a citation or its chapters: a 2003 decree reprinted without its header cites no
    # numbered document, and is read by its seven chapters.
    assert report.metadata.doc_type or report.citations or report.sections


# Read from `soffice --headless --convert-to txt` of each file, its legacy letters decoded by eye
# with the charts above; "in an H font" where the .docx LibreOffice makes names .VnTimeH for the run.
REAL_FACTS = [
    ("mof_qd144_2002_tcvn3.doc",  # "bé tµi chÝnh" (H font), "Sè:  144 /2002/Q§/BTC", "NghÞ ®Þnh sè 86/2002/N§-CP"
     ["BỘ TÀI CHÍNH", "Hà nội, ngày  22  tháng 11 năm 2002", "QUYẾT ĐỊNH CỦA BỘ TRƯỞNG BỘ TÀI CHÍNH"],
     ["86/2002/NĐ-CP", "178/CP", "63/NQ-UBTVQH10", "94/1998/NĐ-CP", "147/2002/QĐ-TTg"], []),
    ("chinhphu_nd28_2003_congtrai_tcvn3.doc",  # "Sè: 28 /2003/N§-CP", "Ch\xad¬ng I", "NghÞ quyÕt sè 09/2002/QH11";
     # "Nh÷ng quy ®Þnh chung" is in Heading 2, whose style font is .VnTimeH
     ["Số: 28 /2003/NĐ-CP", "Chương I", "NHỮNG QUY ĐỊNH CHUNG", "Điều 1. Mục đích phát hành công trái"],
     ["12/1999/PL-UBTVQH10", "09/2002/QH11"], []),
    ("binhphuoc_ubnd_qd991_2008_vni.doc",  # "UÛY BAN NHAÂN DAÂN", "TÆNH BÌNH PHÖÔÙC", "Soá: 991/QÑ-UBND"
     ["ỦY BAN NHÂN DÂN", "TỈNH BÌNH PHƯỚC", "Số: 991/QĐ-UBND", "QUYẾT ĐỊNH", "ỦY BAN NHÂN DÂN TỈNH"],
     ["186/2006/QĐ-TTg", "39/TB-VPCP", "172/TB-VPCP", "38/2005/CT-TTg", "11/2007/QĐ-UBND"], []),
    ("camau_ubnd_quydinh_doi814_2006_vni.doc",  # "UYÛ BAN NHAÂN DAÂN", "Chöông I", "NHÖÕNG QUY ÑÒNH CHUNG"
     ["UỶ BAN NHÂN DÂN", "TỈNH CÀ MAU", "QUY ĐỊNH", "Chương I", "NHỮNG QUY ĐỊNH CHUNG",
      "Điều 1 . Phạm vi điều chỉnh."], ["41/QĐ-CTUB"], []),
    ("angiang_ubnd_quydinh_uudai_dautu_2002_tcvn3.doc",  # "ñy ban nh©n d©n" (H font); "ÖÙng dông" in VNI-Times;
     # "(Ban hµnh kÌm theo QuyÕt ®Þnh sè: 522/2002/Q§.UB" is the rules' own decision, no citation
     ["ỦY BAN NHÂN DÂN", "TỈNH AN GIANG", "BẢN QUY ĐỊNH", "Chương I"], ["51/1999/NĐ-CP", "73/1999/NĐ-CP"], []),
    ("ldtbxh_hd_ghiphieu_tukiemtra_tcvn3.doc",  # "I- T×nh h×nh thùc hiÖn ph¸p luËt lao ®éng" (H font), "II- C¸c ®Ò xuÊt"
     [], [], [("I", "TÌNH HÌNH THỰC HIỆN PHÁP LUẬT LAO ĐỘNG"), ("II", "CÁC ĐỀ XUẤT, KIẾN NGHỊ VỚI CƠ QUAN")]),
]


@needs_real
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("name, lines, symbols, parts", REAL_FACTS, ids=[f[0] for f in REAL_FACTS])
def test_real_legacy_doc_facts(real_reports, name, lines, symbols, parts):
    report = _report(real_reports, name)
    text = report.text
    for line in lines:
        assert line in text, line
    cited = {c.symbol for c in report.citations}
    assert set(symbols) <= cited, set(symbols) - cited
    romans = [(s.path, s.title) for s in report.all_sections() if s.kind == "roman"]
    for path, title in parts:
        assert any(p == path and t.startswith(title) for p, t in romans), romans
