"""Metadata of header and footer, as tables of (text, expected), grouped by where the form comes from."""
import pytest

from conftest import CORPUS
from pipeline import parse_file
from pipeline.api import parse_text
from pipeline.structure import period_of

STATE_TITLE = "Kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội 6 tháng đầu năm 2026"
STATE_FOOTER = """TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Trần Văn Mẫu
Nơi nhận:
- UBND tỉnh;
- Lưu: VT."""
STATE_REPORT = f"""ỦY BAN NHÂN DÂN TỈNH LÀO CAI
ỦY BAN NHÂN DÂN XÃ BẮC HÀ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 245/BC-UBND
Bắc Hà, ngày 03 tháng 7 năm 2026
BÁO CÁO
{STATE_TITLE}
I. KẾT QUẢ ĐẠT ĐƯỢC
1. Kinh tế
Tổng thu ngân sách đạt 52,3% dự toán.
{STATE_FOOTER}"""

DRAFT_PARTY = """ĐẢNG BỘ TỈNH LÀO CAI
ĐẢNG ỦY XÃ NẬM MẪU
*
Số     -KH/ĐU
DỰ THẢO
MẬT
ĐẢNG CỘNG SẢN VIỆT NAM
Nậm Mẫu, ngày    tháng 3 năm 2026
KẾ HOẠCH
thực hiện nhiệm vụ quý I/2026
-----
I. MỤC ĐÍCH
1. Bảo đảm tiến độ.
Nơi nhận:
- Lưu VP."""

# The footer's two columns saved as text come out left column first: the recipients, then the signature.
RECIPIENTS_FIRST = STATE_REPORT.replace(STATE_FOOTER, """Nơi nhận:
- UBND tỉnh;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Trần Văn Mẫu""")

# (where the form comes from, text, expected metadata fields)
CASES = [
    ("State report, numbered, signed", STATE_REPORT, {
        "header": "state", "superior": "Ủy ban nhân dân tỉnh Lào Cai", "issuer": "Ủy ban nhân dân xã Bắc Hà",
        "number": "245", "symbol": "245/BC-UBND", "place": "Bắc Hà", "date": "2026-07-03", "doc_type": "BÁO CÁO",
        "period": "2026-H1", "recipients": ["UBND tỉnh", "Lưu: VT"],
        "signer": {"capacity": "TM.", "on_behalf_of": "ỦY BAN NHÂN DÂN", "position": "KT. CHỦ TỊCH", "name": "Trần Văn Mẫu"}}),
    ("State report saved as text, recipients before the signature", RECIPIENTS_FIRST, {
        "recipients": ["UBND tỉnh", "Lưu: VT"],
        "signer": {"capacity": "TM.", "on_behalf_of": "ỦY BAN NHÂN DÂN", "position": "KT. CHỦ TỊCH", "name": "Trần Văn Mẫu"}}),
    ("Party plan, draft marked secret", DRAFT_PARTY, {
        "header": "party", "issuer": "Đảng ủy xã Nậm Mẫu", "superior": "Đảng bộ tỉnh Lào Cai", "number": None,
        "symbol": "-KH/ĐU", "doc_type": "KẾ HOẠCH", "date": None, "period": "2026-Q1",
        "marks": ["Dự thảo", "Mật"], "title": "thực hiện nhiệm vụ quý I/2026"}),
]


CASES += [
    ("Header typed as lines, the motto in capitals before the number",
     "ỦY BAN NHÂN DÂN XÃ LÙNG PHÌNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐỘC LẬP - TỰ DO - HẠNH PHÚC\n"
     "Số: 12/BC-UBND\nBÁO CÁO\nKết quả tháng 5 năm 2026\nI. KẾT QUẢ", {
         "superior": None, "issuer": "Ủy ban nhân dân xã Lùng Phình", "symbol": "12/BC-UBND"}),
    ("Header read right column first, as a PDF may give it",
     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nLùng Phình, ngày 05 tháng 6 năm 2026\n"
     "ỦY BAN NHÂN DÂN\nXÃ LÙNG PHÌNH\nSố: 12/BC-UBND\nBÁO CÁO\nKết quả tháng 5 năm 2026\nI. KẾT QUẢ", {
         "header": "state", "issuer": "Ủy ban nhân dân xã Lùng Phình", "number": "12", "place": "Lùng Phình",
         "date": "2026-06-05"}),
    ("Công văn whose subject is typed in capitals under its number",
     "ỦY BAN NHÂN DÂN\nXÃ LÙNG PHÌNH\nSố: 12/UBND-VP\nV/V TRIỂN KHAI ĐỀ ÁN 06\nKính gửi: Công an xã.\n"
     "Ủy ban nhân dân xã đề nghị như sau:", {
         "issuer": "Ủy ban nhân dân xã Lùng Phình", "doc_type": "CÔNG VĂN", "title": "V/V TRIỂN KHAI ĐỀ ÁN 06"}),
    ("A body's name with the rule under it typed on its line",
     "ỦY BAN THƯỜNG VỤ QUỐC HỘI -------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 101/BC-UBTVQH15\nBÁO CÁO\n"
     "Kết quả giám sát năm 2025\nI. KẾT QUẢ", {"issuer": "Ủy ban thường vụ quốc hội", "superior": None}),
    ("Recipients on the line of 'Nơi nhận', in capitals, and a signature with no capacity after them",
     STATE_REPORT.replace(STATE_FOOTER, """Nơi nhận: - UBND tỉnh;
- TT ĐẢNG ỦY, HĐND XÃ;
+ BAN CHỈ ĐẠO;
- Lưu: VT.
CHỦ TỊCH
Trần Văn Mẫu"""), {"recipients": ["UBND tỉnh", "TT ĐẢNG ỦY, HĐND XÃ", "BAN CHỈ ĐẠO", "Lưu: VT"]}),
    ("A signature with no position under its capacity", STATE_REPORT.replace("PHÓ CHỦ TỊCH\n", ""), {
        "signer": {"capacity": "TM.", "on_behalf_of": "ỦY BAN NHÂN DÂN", "position": "KT. CHỦ TỊCH",
                   "name": "Trần Văn Mẫu"}}),
    ("A signature with neither position nor name", STATE_REPORT.replace("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Văn Mẫu\n", ""),
     {"signer": {"capacity": "TM.", "on_behalf_of": "ỦY BAN NHÂN DÂN", "position": None, "name": None}}),
    # The period: the title's, else "Trong tháng …" of the body, else the month of the date; a title's
    # period without a year takes the date line's year even when the day is left blank.
    ("A draft whose title names its half year without the year",
     DRAFT_PARTY.replace("thực hiện nhiệm vụ quý I/2026", "thực hiện nhiệm vụ 6 tháng đầu năm"), {"period": "2026-H1"}),
    ("A title naming no period, the body its month",
     STATE_REPORT.replace(STATE_TITLE, "Kết quả công tác").replace("Tổng thu", "Trong tháng 6/2026, tổng thu"),
     {"period": "2026-06"}),
    ("Neither title nor body naming a period: the month of the date",
     STATE_REPORT.replace(STATE_TITLE, "Kết quả công tác"), {"period": "2026-07"}),
    ("A title naming its half year without the year: the date's year",
     STATE_REPORT.replace("6 tháng đầu năm 2026", "6 tháng đầu năm"), {"period": "2026-H1"}),
]


@pytest.mark.parametrize("source, text, expected", CASES, ids=[c[0] for c in CASES])
def test_metadata_forms(source, text, expected):
    meta = parse_text(text).metadata.to_dict()
    assert {key: meta[key] for key in expected} == expected


@pytest.mark.parametrize("source, text, warning, issuer", [
    ("Party plan, draft", DRAFT_PARTY, "the date line leaves the day blank (a draft?)", "Đảng ủy xã Nậm Mẫu"),
    ("A report without a header, its body named in the closing",
     "BÁO CÁO\nKết quả tháng 5 năm 2026\nI. KẾT QUẢ\nThu ngân sách đạt 52%.\n"
     "Trên đây là báo cáo của Ủy ban nhân dân xã Lùng Phình.",
     "the header names no issuing body; issuer taken from the closing sentence", "Ủy ban nhân dân xã Lùng Phình"),
], ids=["blank day", "issuer from the closing"])
def test_metadata_read_with_doubt_says_so(source, text, warning, issuer):
    report = parse_text(text)
    assert warning in report.warnings
    assert report.metadata.issuer == issuer


def test_made_up_month_has_its_signer_and_full_date():
    meta = parse_file(CORPUS / "reports" / "lung-phinh_2026-07_made-up.docx").metadata
    assert (meta.number, meta.symbol, meta.date, meta.period) == ("133", "133-BC/ĐU", "2026-07-28", "2026-07")
    assert meta.signer == {"capacity": "T/M", "on_behalf_of": "BAN THƯỜNG VỤ", "position": "PHÓ BÍ THƯ",
                           "name": "Nguyễn Văn Mẫu"}


@pytest.mark.parametrize("text, period", [
    ("báo cáo tháng 5 năm 2026", "2026-05"), ("tháng 12/2025", "2025-12"), ("quý I/2026", "2026-Q1"),
    ("quý IV năm 2025", "2025-Q4"), ("6 tháng đầu năm 2026", "2026-H1"), ("6 tháng cuối năm 2025", "2025-H2"),
    ("9 tháng năm 2026", "2026-9M"), ("năm 2025", "2025"), ("tình hình chung", None),
])
def test_periods(text, period):
    assert period_of(text) == period


@pytest.mark.parametrize("text, period", [
    # Arabic quarters as well as Roman; the first and last month; a month that is none falls back
    # to the year the phrase names.
    ("quý 2 năm 2026", "2026-Q2"), ("tháng 1 năm 2026", "2026-01"), ("tháng 12 năm 2026", "2026-12"),
    ("tháng 13 năm 2026", "2026"), ("tháng 0 năm 2026", "2026"),
])
def test_periods_at_the_edges(text, period):
    assert period_of(text) == period


@pytest.mark.parametrize("text, default_year, period", [
    # A half year written without its year takes the year the phrase names further on.
    ("sơ kết 6 tháng đầu năm và phương hướng nhiệm vụ 6 tháng cuối năm 2026", None, "2026-H1"),
    ("kết quả 6 tháng đầu năm, số liệu đến ngày 15/6/2026", None, "2026-H1"),
    # A symbol's year is no year of the period: the date's year is.
    ("thực hiện Nghị định số 30/2020/NĐ-CP trong 6 tháng đầu năm", "2026", "2026-H1"),
    ("thực hiện Nghị định số 30/2020/NĐ-CP trong 6 tháng đầu năm", None, None),
])
def test_a_period_without_its_year_takes_the_year_named_after_it(text, default_year, period):
    assert period_of(text, default_year) == period


# Party and state headers whose names place a unit word before or after "ỦY".
@pytest.mark.parametrize("header, superior, issuer", [
    ("THÀNH ỦY HÀ NỘI\nBAN TUYÊN GIÁO\n*\nSố 12-BC/BTG\nĐẢNG CỘNG SẢN VIỆT NAM",
     "Thành ủy Hà Nội", "Ban tuyên giáo"),
    ("ỦY BAN NHÂN DÂN HUYỆN\nPHÒNG NỘI VỤ\nSố: 12/BC-PNV\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
     "Ủy ban nhân dân huyện", "Phòng nội vụ"),
])
def test_body_names_are_written_as_a_reader_writes_them(header, superior, issuer):
    meta = parse_text(header + "\nBÁO CÁO\nKết quả tháng 5 năm 2026\nI. KẾT QUẢ").metadata
    assert (meta.superior, meta.issuer) == (superior, issuer)


# (number line as typed, number, symbol, the warnings it gives): the number is what stands before
# the first code letter; a legal document's year belongs to the symbol, not the number.
NUMBER_LINES = [
    ("Số: 05/2025/QĐ-UBND", "05", "05/2025/QĐ-UBND", []),
    ("Số:  245  / BC-UBND", "245", "245/BC-UBND", []),
    ("Số: 10-01/26/PT-NC", "10-01/26", "10-01/26/PT-NC", []),
    ("Số: 10 - 01/26/PT-NC", "10-01/26", "10-01/26/PT-NC", []),
    ("Số: 12/BC - UBND", "12", "12/BC-UBND", []),
    ("Số 12-BC/TU", "12", "12-BC/TU", []),
    ("Số:    /QĐ-UBND", None, "/QĐ-UBND", ["the document number is blank (/QĐ-UBND): a draft not yet numbered"]),
    ("Số: chưa  vào  sổ", None, "chưa vào sổ", [
        "the number line 'Số chưa vào sổ' has no recognisable symbol",
        "the document number is blank (chưa vào sổ): a draft not yet numbered"]),
]


@pytest.mark.parametrize("line, number, symbol, warnings", NUMBER_LINES, ids=[c[0] for c in NUMBER_LINES])
def test_number_lines(line, number, symbol, warnings):
    report = parse_text(STATE_REPORT.replace("Số: 245/BC-UBND", line))
    assert (report.metadata.number, report.metadata.symbol) == (number, symbol)
    assert [w for w in report.warnings if "number" in w] == warnings
