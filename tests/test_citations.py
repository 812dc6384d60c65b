"""Citation forms, as tables of (text, expected), grouped by where the form comes from."""
import pytest

from pipeline.citations import find_citations, parse_date, resolve_short_forms


def cite(text):
    found = find_citations(text)
    resolve_short_forms(found)
    for c in found:
        assert text[c.start:c.end] == c.text
    return found


# From the seed report.
SEED = [
    ("Kế hoạch số 40-KH/ĐU ngày 05/11/2025 thực hiện Nghị quyết số 72-NQ/TW ngày 09/9/2025 của Bộ Chính trị về một số giải pháp",
     [("40-kh/đu", "Kế hoạch", "party", "2025-11-05", None), ("72-nq/tw", "Nghị quyết", "party", "2025-09-09", "Bộ Chính trị")]),
    ("theo Nghị quyết số 105/NQ-CP ngày 08/4/2026 của Chính phủ;",
     [("105/nq-cp", "Nghị quyết", "state-administrative", "2026-04-08", "Chính phủ")]),
    ("Nghị định số 66/2025/NĐ-CP ngày 12/3/2025 của Chính phủ; Nghị định số 238/2025/NĐ-CP ngày 03/9/2025 của Chính phủ đối với",
     [("66/2025/nđ-cp", "Nghị định", "state-legal", "2025-03-12", "Chính phủ"),
      ("238/2025/nđ-cp", "Nghị định", "state-legal", "2025-09-03", "Chính phủ")]),
    ("theo Kết luận số 01-KL/TW; 100% cán bộ", [("1-kl/tw", "Kết luận", "party", None, None)]),
]
# From forms the domain notes list (docs/vietnamese-documents.md §2).
FORMS = [
    ("các Nghị quyết số 18, 19-NQ/TW của Ban Chấp hành Trung ương",
     [("18-nq/tw", "Nghị quyết", "party", None, "Ban Chấp hành Trung ương"),
      ("19-nq/tw", "Nghị quyết", "party", None, "Ban Chấp hành Trung ương")]),
    ("Kết luận số 185-\n KL/TW ngày 12/7/2025", [("185-kl/tw", "Kết luận", "party", "2025-07-12", None)]),
    ("Kế hoạch số 94- KH/BTGDVTW", [("94-kh/btgdvtw", "Kế hoạch", "party", None, None)]),
    ("Quyết định số 1206 /QĐ-HVTC", [("1206/qđ-hvtc", "Quyết định", "state-administrative", None, None)]),
    ("CHỈ THỊ SỐ 19/CT-TTG NGÀY 24/7/2017", [("19/ct-ttg", "Chỉ thị", "state-administrative", "2017-07-24", None)]),
    ("Nghị định 66/2025/ND-CP", [("66/2025/nđ-cp", "Nghị định", "state-legal", None, None)]),
    ("Thông tư liên tịch số 01/2011/TTLT-BTC-BNV", [("1/2011/ttlt-btc-bnv", "Thông tư liên tịch", "state-legal", None, None)]),
    ("Luật số 64/2025/QH15 của Quốc hội", [("64/2025/qh15", "Luật", "state-legal", None, "Quốc hội")]),
    ("Công văn số 5973/UBND-KT", [("5973/ubnd-kt", "Công văn", "state-administrative", None, None)]),
    ("Quy định số 08-QĐi/TW", [("8-qđi/tw", "Quy định", "party", None, None)]),
    ("Chương trình số 15-CTr/TU", [("15-ctr/tu", "Chương trình", "party", None, None)]),
    ("Quy định số 144-QĐ/TW ngày 09 tháng 5 năm 2024", [("144-qđ/tw", "Quy định", "party", "2024-05-09", None)]),
]
# Short forms: no symbol; the key is the full one when the report holds exactly one.
SHORT = [
    ("Nghị quyết 72", [("nq:72", "Nghị quyết", None, None, None)]),
    ("Chỉ thị số 05", [("ct:5", "Chỉ thị", None, None, None)]),
    ("NQ 57", [("nq:57", "Nghị quyết", None, None, None)]),
    ("Nghị quyết số 72-NQ/TW ngày 09/9/2025. Nghị quyết 72 tiếp tục",
     [("72-nq/tw", "Nghị quyết", "party", "2025-09-09", None), ("72-nq/tw", "Nghị quyết", None, None, None)]),
]
# Things that look like symbols and are not.
NEGATIVE = ["cấp giấy chứng nhận đạt 25/50 giấy", "trồng rừng đạt 10,5/56 ha", "ngày 24/4/2026", "24-4-2026",
            "giai đoạn 2021-2025", "năm học 2026 – 2027", "Quốc lộ 4E", "Quý I/2026", "khóa XVI",
            "Kế hoạch năm 2026", "HĐND &UBND xã", "KT-XH", "QP-AN", "24/7", "tỷ lệ 83,3%"]


@pytest.mark.parametrize("text, expected", SEED + FORMS + SHORT, ids=lambda v: " ".join(v[:40].split()) if isinstance(v, str) else "")
def test_citation_forms(text, expected):
    got = [(c.key, c.type, c.family, c.date, c.issuer) for c in cite(text)]
    assert got == expected


# The date and issuer after a comma or "ban hành" (issue 11: a tail that allowed no comma lost both).
TAIL_JOINS = [
    ("Nghị quyết số 68-NQ/TW, ngày 04/5/2025 của Bộ Chính trị về phát triển kinh tế tư nhân",
     ("68-nq/tw", "2025-05-04", "Bộ Chính trị")),
    ("Nghị định số 66/2025/NĐ-CP, ngày 12/3/2025, của Chính phủ", ("66/2025/nđ-cp", "2025-03-12", "Chính phủ")),
    ("Quyết định số 12/QĐ-UBND , ban hành ngày 05 tháng 01 năm 2026 của Ủy ban nhân dân tỉnh",
     ("12/qđ-ubnd", "2026-01-05", "Ủy ban nhân dân tỉnh")),
    ("Kết luận số 01-KL/TW, được ban hành ngày 18/5/2021 của Bộ Chính trị", ("1-kl/tw", "2021-05-18", "Bộ Chính trị")),
]


@pytest.mark.parametrize("text, expected", TAIL_JOINS, ids=[t[:24] for t, _ in TAIL_JOINS])
def test_a_comma_before_the_date_keeps_the_date_and_issuer(text, expected):
    assert [(c.key, c.date, c.issuer) for c in cite(text)] == [expected]


@pytest.mark.parametrize("text", NEGATIVE)
def test_not_citations(text):
    assert cite(text) == []


def test_type_word_that_contradicts_its_code_is_kept_with_a_warning():
    (citation,) = cite("Nghị quyết số 66/2025/NĐ-CP")
    assert citation.type == "Nghị quyết" and citation.code == "NĐ"
    assert "NĐ" in citation.warnings[0]


def test_subject_stops_where_the_predicate_starts():
    (citation,) = cite("Quy định số 144-QĐ/TW về chuẩn mực đạo đức cách mạng được thực hiện nghiêm túc.")
    assert citation.subject == "chuẩn mực đạo đức cách mạng"


def test_unknown_issuer_is_read_as_written():
    (citation,) = cite("Văn bản số 197/STTTT ngày 05/02/2026 của Sở Thông tin và Truyền thông; tiếp theo")
    assert citation.issuer == "Sở Thông tin và Truyền thông"


@pytest.mark.parametrize("text, iso", [("09/9/2025", "2025-09-09"), ("24-4-2026", "2026-04-24"),
                                       ("4.1.2011", "2011-01-04"), ("09 tháng 9 năm 2025", "2025-09-09"),
                                       ("31/2/2025", None), ("1/13/2025", None)])
def test_parse_date(text, iso):
    assert parse_date(text) == iso


def test_decomposed_unicode_maps_back_to_the_original():
    import unicodedata
    text = unicodedata.normalize("NFD", "Nghị quyết số 72-NQ/TW ngày 09/9/2025 của Bộ Chính trị")
    (citation,) = cite(text)
    assert citation.key == "72-nq/tw" and citation.issuer == "Bộ Chính trị"
    assert citation.text == text
