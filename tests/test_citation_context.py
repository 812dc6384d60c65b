"""What around a symbol makes the citation a reader sees: the type word before it (or, when there is
none, its code), the issuer after it, and the stretch of text it covers. Tables of (text, expected),
grouped by where the form comes from."""
import pytest

from pipeline.citations import find_citations, resolve_short_forms


def cite(text):
    found = find_citations(text)
    resolve_short_forms(found)
    return found


# A symbol cited without its type word: the type is the one its code names; "TT" is a Circular
# (Thông tư) of the State and a Party notice (Thông tri), as rules/citations.yaml records.
BARE_SYMBOLS = [
    ("theo 15/2024/TT-BTC của Bộ Tài chính", ("Thông tư", "TT", "15/2024/tt-btc", 2024)),
    ("thực hiện 03-TT/TW ngày 01/3/2025", ("Thông tri", "TT", "3-tt/tw", 2025)),
    ("theo 1206/QĐ-UBND ngày 15/4/2024", ("Quyết định", "QĐ", "1206/qđ-ubnd", 2024)),
    ("theo 12/BC-UBND", ("Báo cáo", "BC", "12/bc-ubnd", None)),
    ("theo 5973/UBND-KT", (None, None, "5973/ubnd-kt", None)),
    # The year of a State legal document is in its symbol, dated or not.
    ("Nghị định 66/2025/NĐ-CP", ("Nghị định", "NĐ", "66/2025/nđ-cp", 2025)),
    # A type word whose code the symbol does not carry keeps its own code.
    ("Công văn số 5973/UBND-KT", ("Công văn", "CV", "5973/ubnd-kt", None)),
    ("Văn bản số 197/STTTT", ("Văn bản", None, "197/stttt", None)),
]


@pytest.mark.parametrize("text, expected", BARE_SYMBOLS, ids=[t for t, _ in BARE_SYMBOLS])
def test_a_symbol_without_a_type_word_takes_the_type_its_code_names(text, expected):
    (citation,) = cite(text)
    assert (citation.type, citation.code, citation.key, citation.year) == expected
    assert citation.warnings == []


# Issuers the rules do not list, written as offices write body names (each word capitalised):
# the name ends at a comma, a bracket, "ban hành", a word that is no part of a name, or the next document.
ISSUERS = [
    ("Công văn số 15/SNV ngày 02/3/2026 của Sở Nội vụ về Quy chế làm việc", ["Sở Nội vụ"]),
    ("Quyết định số 12/QĐ-SNV do Sở Nội vụ ban hành ngày 02/3/2026", ["Sở Nội vụ"]),
    ("Kế hoạch số 7/KH-STC của Sở Tài chính (Phòng Ngân sách)", ["Sở Tài chính"]),
    ("Công văn số 15/SNV của Sở Tài chính, Kho bạc Nhà nước", ["Sở Tài chính"]),
    ("Văn bản số 197/STTTT ngày 05/02/2026 của Sở Y tế tỉnh Lào Cai", ["Sở Y tế tỉnh Lào Cai"]),
    ("Công văn số 15/SNV của Sở Nội vụ và Công văn số 20/STC của Sở Tài chính", ["Sở Nội vụ", "Sở Tài chính"]),
    # Since the 2025 mergers a former body is marked "(cũ)".
    ("Công văn số 30/STP của Sở Tư pháp tỉnh Lai Châu (cũ) về việc sáp nhập", ["Sở Tư pháp tỉnh Lai Châu"]),
    # "ban hành" at the end of the sentence (was read as part of the name).
    ("Quyết định số 12/QĐ-SNV do Sở Nội vụ ban hành.", ["Sở Nội vụ"]),
    # Listed issuers with the place they govern, as the seed's sister reports write them.
    ("Công văn số 5973/UBND-KT ngày 10/10/2025 của UBND xã Lùng Phình", ["Ủy ban nhân dân xã Lùng Phình"]),
    # A body of more than eight words, every one capitalised (a real .doc of Sở Tư pháp Lâm Đồng).
    ("Công văn số 358/LĐLSVN-BTV ngày 16/7/2025 của Ban Thường vụ Liên Đoàn Luật sư Việt Nam.",
     ["Ban Thường vụ Liên Đoàn Luật sư Việt Nam"]),
]


@pytest.mark.parametrize("text, issuers", ISSUERS, ids=[t for t, _ in ISSUERS])
def test_an_issuer_is_read_up_to_where_its_name_ends(text, issuers):
    assert [c.issuer for c in cite(text)] == issuers


# The issuer written before the date or the subject: what follows the name is still read. A name
# ending in a capitalised place took the next word ("UBND huyện Mường Khương ngày"), and the date
# was lost.
ISSUER_FIRST = [
    ("Công văn số 15/SNV của Sở Nội vụ ngày 02/3/2026", ("Sở Nội vụ", "2026-03-02", None)),
    ("Quyết định số 1206/QĐ-UBND của UBND huyện Mường Khương ngày 15/4/2024",
     ("UBND huyện Mường Khương", "2024-04-15", None)),
    ("Văn bản số 197/STTTT của Sở Y tế tỉnh Lào Cai về việc tiêm chủng", ("Sở Y tế tỉnh Lào Cai", None, "tiêm chủng")),
    ("Công văn số 5973/UBND-KT của UBND tỉnh Lào Cai ngày 10/10/2025",
     ("Ủy ban nhân dân tỉnh Lào Cai", "2025-10-10", None)),
]


@pytest.mark.parametrize("text, expected", ISSUER_FIRST, ids=[t for t, _ in ISSUER_FIRST])
def test_the_date_and_subject_after_the_issuer_are_read(text, expected):
    (citation,) = cite(text)
    assert (citation.issuer, citation.date, citation.subject) == expected
    assert citation.text == text


# The text a citation covers, as a reader would underline it: from its type word (or its number)
# to the end of its date, issuer and subject, never reaching back across a sentence or a line.
SPANS = [
    # The seed report (corpus/variants/lung-phinh_2026-05_seed.txt, part I.1 and II.5.1).
    ("Kết quả tốt. Thực hiện Nghị quyết số 72-NQ/TW ngày 09/9/2025 của Bộ Chính trị về một số giải pháp",
     ["Nghị quyết số 72-NQ/TW ngày 09/9/2025 của Bộ Chính trị về một số giải pháp"]),
    ("quán triệt Quy định số 144-QĐ/TW về chuẩn mực đạo đức cách mạng; 100% cán bộ",
     ["Quy định số 144-QĐ/TW về chuẩn mực đạo đức cách mạng"]),
    # Forms other offices write: upper case, no "số", a type word ending the line or sentence before.
    ("KẾT QUẢ THỰC HIỆN CHỈ THỊ SỐ 19/CT-TTG NGÀY 24/7/2017", ["CHỈ THỊ SỐ 19/CT-TTG NGÀY 24/7/2017"]),
    ("Nghị định 66/2025/NĐ-CP của Chính phủ", ["Nghị định 66/2025/NĐ-CP của Chính phủ"]),
    ("II. Kết quả thực hiện nghị quyết\n12/KH-UBND ngày 05/3/2026", ["12/KH-UBND ngày 05/3/2026"]),
    ("Ban hành nghị quyết chuyên đề. Số 12/KH-UBND ngày 05/3/2026", ["12/KH-UBND ngày 05/3/2026"]),
    ("Kết quả tốt.\nNghị quyết số 72-NQ/TW ngày 09/9/2025", ["Nghị quyết số 72-NQ/TW ngày 09/9/2025"]),
    ("Theo Kế hoạch số 05/KH-UBND; ban hành nghị quyết chuyên đề. Số 12/KH-UBND ngày 05/3/2026",
     ["Kế hoạch số 05/KH-UBND", "12/KH-UBND ngày 05/3/2026"]),
    # A short form right after a full citation is a citation of its own.
    ("Thực hiện Nghị quyết số 72-NQ/TW và Chỉ thị 05 của Ban Bí thư",
     ["Nghị quyết số 72-NQ/TW", "Chỉ thị 05 của Ban Bí thư"]),
]


@pytest.mark.parametrize("text, spans", SPANS, ids=[" ".join(t.split())[:40] for t, _ in SPANS])
def test_a_citation_covers_its_type_word_symbol_and_tail(text, spans):
    found = cite(text)
    assert [c.text for c in found] == spans
    assert all(text[c.start:c.end] == c.text for c in found)


def test_a_type_word_in_the_sentence_before_does_not_type_the_symbol():
    (citation,) = cite("Ban hành nghị quyết chuyên đề. Số 12/KH-UBND ngày 05/3/2026")
    assert (citation.type, citation.warnings) == ("Kế hoạch", [])


# Several numbers under one type word share it, and share the date and issuer written after the last.
LISTS = [
    ("các Chỉ thị 05, 21 và 35 của Bộ Chính trị",
     [("ct:5", "Bộ Chính trị", "Chỉ thị 05"), ("ct:21", "Bộ Chính trị", "21"),
      ("ct:35", "Bộ Chính trị", "35 của Bộ Chính trị")]),
    ("các Nghị quyết số 18, 19-NQ/TW của Ban Chấp hành Trung ương",
     [("18-nq/tw", "Ban Chấp hành Trung ương", "Nghị quyết số 18"),
      ("19-nq/tw", "Ban Chấp hành Trung ương", "19-NQ/TW của Ban Chấp hành Trung ương")]),
    ("các Nghị quyết số 26, 27, 28-NQ/TW của Ban Chấp hành Trung ương",
     [("26-nq/tw", "Ban Chấp hành Trung ương", "Nghị quyết số 26"), ("27-nq/tw", "Ban Chấp hành Trung ương", "27"),
      ("28-nq/tw", "Ban Chấp hành Trung ương", "28-NQ/TW của Ban Chấp hành Trung ương")]),
    ("các Chỉ thị 05 và 21 của Ban Bí thư",
     [("ct:5", "Ban Bí thư", "Chỉ thị 05"), ("ct:21", "Ban Bí thư", "21 của Ban Bí thư")]),
    # Two short forms of two types are no list: the issuer is the second's only.
    ("Nghị quyết 72 và Chỉ thị 05 của Ban Bí thư",
     [("nq:72", None, "Nghị quyết 72"), ("ct:5", "Ban Bí thư", "Chỉ thị 05 của Ban Bí thư")]),
]


@pytest.mark.parametrize("text, expected", LISTS, ids=[t for t, _ in LISTS])
def test_a_list_of_numbers_shares_its_type_and_tail(text, expected):
    assert [(c.key, c.issuer, c.text) for c in cite(text)] == expected


# A type word and a number that name no document: a year's plan, a programme, a form, a count.
NOT_DOCUMENTS = ["Kế hoạch 2026", "Kế hoạch 1999", "Đề án 06", "Dự án 8", "theo mẫu (Mẫu số 01/HNCT)", "gồm 10/Nam",
                 # a line ending in a type word, the next one numbered (two real legacy .doc files)
                 "thực hiện theo kế hoạch\n18. Tổ chức", "quy định của pháp luật\n1. Cán bộ"]


@pytest.mark.parametrize("text", NOT_DOCUMENTS)
def test_numbers_that_name_no_document(text):
    assert cite(text) == []


def test_with_số_a_year_like_number_is_a_document_number():
    assert [c.key for c in cite("Kế hoạch số 2026")] == ["kh:2026"]


def test_citations_of_one_section_have_their_place_in_the_whole_text():
    text = "I. Tình hình\nNghị quyết số 72-NQ/TW ngày 09/9/2025 của Bộ Chính trị; tiếp"
    (citation,) = find_citations(text, 13, 40)
    assert (citation.start, citation.end, citation.core_end) == (13, 35, 35)
    assert citation.text == "Nghị quyết số 72-NQ/TW"


# What comes before a citation in a sentence does not stop the search for the ones after it.
AFTER_OTHER_NUMBERS = [
    ("100% chi bộ quán triệt Nghị quyết 72", ["nq:72"]),
    ("các Nghị quyết số 18, 19-NQ/TW và Nghị quyết 72", ["18-nq/tw", "19-nq/tw", "nq:72"]),
    ("Kế hoạch 2026 và Chỉ thị 05", ["ct:5"]),
    ("Đề án 06 và Chỉ thị 05", ["ct:5"]),
    ("theo mẫu (Mẫu số 01/HNCT) của Kế hoạch số 05/KH-UBND", ["5/kh-ubnd"]),
    ("gồm 10/Nam, theo Kế hoạch số 05/KH-UBND", ["5/kh-ubnd"]),
    ("Chỉ thị số: 05", ["ct:5"]),
]


@pytest.mark.parametrize("text, keys", AFTER_OTHER_NUMBERS, ids=[t for t, _ in AFTER_OTHER_NUMBERS])
def test_every_citation_after_other_numbers_is_found(text, keys):
    assert [c.key for c in cite(text)] == keys


def test_a_short_form_of_a_type_without_a_code():
    (citation,) = cite("Luật số 64")
    assert (citation.type, citation.number, citation.code) == ("Luật", "64", None)
