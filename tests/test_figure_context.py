"""What around a number makes the figure a reader sees: a scale word before a count's noun, and
where the phrase a figure measures (its subject) starts and stops. Tables of (text, expected),
grouped by where the form comes from."""
import pytest

from pipeline.quantities import find_quantities, number_from_words


def figures(text):
    found = find_quantities(text)
    for q in found:
        assert text[q.start:q.end] == q.text
    return [(q.kind, q.value, q.unit, q.subject) for q in found]


FORMS = [
    # "triệu" counts people as well as money: before a count noun it scales the count.
    ("đón khoảng 1,2 triệu lượt khách du lịch", [("count", 1.2e6, "lượt", "lượt khách du lịch")]),
    # A count's subject is its noun and the words that qualify it, up to a word that starts
    # something else ("về", "cho", "của"), a comma or another figure.
    ("tiếp nhận 03 viên chức khuyến nông về công tác tại xã", [("count", 3, "viên chức", "viên chức khuyến nông")]),
    ("hoàn thành 43 nhiệm vụ, còn 47 nhiệm vụ đang thực hiện",
     [("count", 43, "nhiệm vụ", "nhiệm vụ"), ("count", 47, "nhiệm vụ", "nhiệm vụ đang thực hiện")]),
    ("tổ chức 12 lớp bồi dưỡng cho 1.250 lượt cán bộ",
     [("count", 12, "lớp", "lớp bồi dưỡng"), ("count", 1250, "lượt", "lượt cán bộ")]),
    # A percentage in brackets glosses the phrase in front of them, "đạt" or not.
    ("tỷ lệ hộ nghèo (25,46%)", [("percent", 25.46, "%", "tỷ lệ hộ nghèo")]),
    ("tỷ lệ hồ sơ giải quyết đúng hạn (đạt 93,75%)", [("percent", 93.75, "%", "tỷ lệ hồ sơ giải quyết đúng hạn")]),
    # A percentage with nothing before or after it in its clause measures nothing a reader can name.
    ("đạt 95%;", [("percent", 95, "%", None)]),
    # A percentage opening its clause measures what follows, to the end of the sentence or line.
    ("Kết quả: 100% chi bộ hoàn thành. Tiếp tục triển khai", [("percent", 100, "%", "chi bộ hoàn thành")]),
    ("100% chi bộ hoàn thành\nTiếp tục triển khai", [("percent", 100, "%", "chi bộ hoàn thành")]),
    # A number word that counts nothing ("một số", some) does not stop the search for the next.
    ("một số giải pháp và hai kỳ họp", [("count", 2, "kỳ họp", "kỳ họp")]),
    # Dates and school years inside a sentence are not figures.
    ("họp ngày 24/4/2026 và năm học 2026 – 2027", []),
]


@pytest.mark.parametrize("text, expected", FORMS, ids=[" ".join(t.split()) for t, _ in FORMS])
def test_a_figure_takes_the_phrase_it_measures(text, expected):
    assert figures(text) == expected


def test_a_count_in_words_keeps_the_words_as_written():
    (q,) = find_quantities("tổ chức hai kỳ họp")
    assert (q.raw, q.value) == ("hai", 2)


@pytest.mark.parametrize("words, value", [("một nghìn hai trăm", 1200), ("hai trăm năm mươi", 250), ("ba ngàn", 3000)])
def test_numbers_in_words_with_hundreds_and_thousands(words, value):
    assert number_from_words(words.split()) == value
