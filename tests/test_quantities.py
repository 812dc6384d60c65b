"""Figure forms, as tables of (text, expected), grouped by where the form comes from."""
import pytest

from pipeline.quantities import find_quantities, number_from_words, parse_number


def figures(text):
    found = find_quantities(text)
    for q in found:
        assert text[q.start:q.end] == q.text
    return [(q.kind, q.value, q.denominator, q.unit, q.qualifier) for q in found]


SEED = [
    ("đã tổ chức 09 hội nghị, cuộc họp và buổi làm việc chuyên đề",
     [("count", 9, None, "hội nghị, cuộc họp và buổi làm việc", None)]),
    ("tiếp nhận trên 300 văn bản đến", [("count", 300, None, "văn bản đến", "more_than")]),
    ("tỷ lệ giải quyết thủ tục hành chính đúng hạn đạt 83,3%", [("percent", 83.3, None, "%", None)]),
    ("cấp giấy chứng nhận đạt 25/50 giấy", [("ratio", 25, 50, "giấy", None)]),
    ("trồng rừng đạt 10,5/56 ha", [("ratio", 10.5, 56, "ha", None)]),
]
FORMS = [
    ("đạt 41,37 % kế hoạch", [("percent", 41.37, None, "%", None)]),
    ("bằng 220% KH", [("percent", 220, None, "%", None)]),
    ("sản lượng 700/2.000 tấn", [("ratio", 700, 2000, "tấn", None)]),
    ("tổng thu 9.681.931.305đ", [("amount", 9681931305, None, "đồng", None)]),
    ("hỗ trợ 1,5 tỷ đồng", [("amount", 1.5e9, None, "đồng", None)]),
    ("bố trí 2.500 triệu đồng", [("amount", 2.5e9, None, "đồng", None)]),
    ("trồng mới 15 ha", [("amount", 15, None, "ha", None)]),
    ("giữa hai kỳ họp", [("count", 2, None, "kỳ họp", None)]),
    ("ban hành ba nghị quyết", [("count", 3, None, "nghị quyết", None)]),
    ("hỗ trợ một trăm linh năm hộ", [("count", 105, None, "hộ", None)]),
    ("gần 200 hộ", [("count", 200, None, "hộ", "nearly")]),
    ("khoảng 1.500 người", [("count", 1500, None, "người", "about")]),
    ("ít nhất 80%", [("percent", 80, None, "%", "at_least")]),
    ("không quá 5%", [("percent", 5, None, "%", "at_most")]),
    ("dưới 10 hộ", [("count", 10, None, "hộ", "less_than")]),
    ("ước đạt 95%", [("percent", 95, None, "%", "about")]),
    ("phấn đấu đạt 90%", [("percent", 90, None, "%", "target")]),
    ("chỉ tiêu 85%", [("percent", 85, None, "%", "target")]),
]
NEGATIVE = ["ngày 24/4/2026", "phiên họp lần thứ 12", "Quốc hội khóa XVI", "4 tháng đầu năm 2026",
            "tháng 5 năm 2026", "năm 2025", "năm học 2026 – 2027", "Quốc lộ 4E", "trẻ dưới 01 tuổi",
            "Nghị định số 66/2025/NĐ-CP", "Kỳ họp thứ nhất", "một số giải pháp", "Điều 5", "quý I/2026",
            "giai đoạn 2021-2025", "8 giờ 30"]


@pytest.mark.parametrize("text, expected", SEED + FORMS, ids=lambda v: v[:40] if isinstance(v, str) else "")
def test_figure_forms(text, expected):
    assert figures(text) == expected


# Thousands dots and a decimal comma in one number (issue 11: without the comma these vanished).
THOUSANDS_AND_DECIMALS = [
    ("diện tích 1.234,5 ha", [("amount", 1234.5, None, "ha", None)]),
    ("bằng 1.025,5% kế hoạch", [("percent", 1025.5, None, "%", None)]),
    ("sản lượng 12.345,67 tấn", [("amount", 12345.67, None, "tấn", None)]),
    ("đạt 1.234,5/2.000 ha", [("ratio", 1234.5, 2000, "ha", None)]),
    ("đạt 2.000/1.234,5 tấn", [("ratio", 2000, 1234.5, "tấn", None)]),
    ("bố trí 1.250,5 triệu đồng", [("amount", 1.2505e9, None, "đồng", None)]),
    ("khoảng 1.500,25 tấn", [("amount", 1500.25, None, "tấn", "about")]),
]


@pytest.mark.parametrize("text, expected", THOUSANDS_AND_DECIMALS, ids=[t for t, _ in THOUSANDS_AND_DECIMALS])
def test_thousands_dots_with_a_decimal_comma(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize("text", NEGATIVE)
def test_not_quantities(text):
    from pipeline.citations import find_citations
    exclude = [(c.start, c.core_end) for c in find_citations(text)]
    assert find_quantities(text, exclude=exclude) == []


@pytest.mark.parametrize("raw, value", [("1.500", 1500), ("83,3", 83.3), ("9.681.931.305", 9681931305),
                                        ("09", 9), ("10,5", 10.5)])
def test_parse_number(raw, value):
    assert parse_number(raw) == value


@pytest.mark.parametrize("words, value", [("một trăm linh năm", 105), ("hai mươi mốt", 21), ("mười lăm", 15),
                                          ("hai nghìn", 2000), ("ba", 3), ("hai mươi nhăm", 25)])
def test_number_words(words, value):
    assert number_from_words(words.split()) == value


def test_zero_padding_keeps_raw_digits():
    (q,) = find_quantities("tiếp nhận 03 viên chức khuyến nông")
    assert (q.raw, q.value, q.subject) == ("03", 3, "viên chức khuyến nông")


# (text, the figure as written, its subject), read in Lâm Đồng's Đề án 06 reports (August and
# October 2025, ../shared/real) and in the held-out passages.
SUBJECTS = {
    "a subject never stops inside a name rules/abbreviations.yaml spells out": [
        ("Cập nhật 84.605 tờ khai với thông tin 96.799 phương tiện lên hệ thống Cơ sở dữ liệu quốc gia về dân cư "
         "phục vụ tích hợp lên ứng dụng VNeID.", "96.799 phương tiện",
         "phương tiện lên hệ thống Cơ sở dữ liệu quốc gia"),
    ],
    "a ratio inside its clause measures the whole clause, its verb, figure and object": [
        ("cập nhật 577.722/914.419 thông tin trẻ em vào phần mềm, đạt tỷ lệ 63,17%", "577.722/914.419",
         "cập nhật 577.722/914.419 thông tin trẻ em vào phần mềm"),
        ("cập nhật thông tin 577.722/914.419 trẻ em vào phần mềm, đạt tỷ lệ 63,17%", "577.722/914.419 trẻ",
         "cập nhật thông tin 577.722/914.419 trẻ em vào phần mềm"),
        ("đã hoàn thành số hóa dữ liệu đất đai của 67/124 xã, phường (trong đó, 37 xã, phường đã được nghiệm thu "
         "dữ liệu phục vụ vận hành, khai thác)", "67/124",
         "hoàn thành số hóa dữ liệu đất đai của 67/124 xã, phường"),
        ("Giải quyết 45/48 hồ sơ đất đai đúng hạn (đạt 93,75%)", "45/48 hồ sơ",
         "Giải quyết 45/48 hồ sơ đất đai đúng hạn"),
    ],
    "a ratio a link word introduces measures what comes before the link": [
        ("trồng rừng đạt 10,5/56 ha", "10,5/56 ha", "trồng rừng"),
        ("Đẩy mạnh đôn đốc, triển khai công tác số hóa dữ liệu đất đai đối với 57/124 xã, phường, đặc khu chưa "
         "hoàn thành.", "57/124", "triển khai công tác số hóa dữ liệu đất đai đối"),
    ],
}


@pytest.mark.parametrize("text, figure, subject", [case for cases in SUBJECTS.values() for case in cases])
def test_subject_of_a_figure(text, figure, subject):
    assert [q.subject for q in find_quantities(text) if q.text == figure] == [subject]
