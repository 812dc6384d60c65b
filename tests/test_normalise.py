"""Normalisation: the matching copy and the way back to the original text."""
import unicodedata

import pytest

from pipeline.normalise import detect_legacy, fold, normalise, repair_mojibake, strip_artefacts

# (original, normalised) — from the seed report and from forms seen in other offices' files.
CASES = [
    ("Đảng ủy", "Đảng ủy"),
    (unicodedata.normalize("NFD", "Nghị quyết số 72-NQ/TW"), "Nghị quyết số 72-NQ/TW"),
    ("\u00d0ảng \u00f0oàn", "Đảng đoàn"),
    ("94\u2013 KH/BTGDVTW", "94- KH/BTGDVTW"),
    ("2026\u00a0\u2013\u00a02027", "2026 - 2027"),
    ("số\u200b40-KH/ĐU\ufeff", "số 40-KH/ĐU "),
]


@pytest.mark.parametrize("original, expected", CASES)
def test_normalised_text(original, expected):
    assert normalise(original).text == expected


@pytest.mark.parametrize("original, expected", CASES)
def test_offsets_map_back_to_the_original(original, expected):
    norm = normalise(original)
    for start in range(len(norm.text)):
        for end in range(start + 1, len(norm.text) + 1):
            ostart, oend = norm.to_original(start, end)
            assert unicodedata.normalize("NFC", original[ostart:oend]).translate(
                {0xD0: 0x110, 0xF0: 0x111}) .replace("\u00a0", " ").replace("\u2013", "-").replace(
                "\u200b", " ").replace("\ufeff", " ") == norm.text[start:end]


@pytest.mark.parametrize("a, b", [
    ("Đảng uỷ", "Đảng ủy"), ("hoà giải", "hòa giải"), ("thuỷ lợi", "thủy lợi"),
    ("tỷ lệ hộ nghèo", "tỉ lệ hộ nghèo"), ("TỶ LỆ", "tỉ lệ"), ("quý I", "quí I"),
])
def test_fold_meets_spelling_variants(a, b):
    assert fold(a) == fold(b)


@pytest.mark.parametrize("a, b", [("đang", "Đảng"), ("ba", "bà"), ("tham", "thâm")])
def test_fold_keeps_different_words_apart(a, b):
    assert fold(a) != fold(b)


@pytest.mark.parametrize("text, fonts, expected", [
    ("B¸o c¸o kÕt qu¶ ho¹t ®éng cña §¶ng ñy x· trong th¸ng 5", set(), "TCVN3"),
    ("Baùo caùo keát quaû hoaït ñoäng cuûa Ñaûng uûy xaõ", set(), "VNI"),
    # Font names lie: templates declare legacy fonts over Unicode letters (issue 9).
    ("Báo cáo kết quả hoạt động của Đảng ủy xã", {".VnTime"}, None),
    ("Báo cáo kết quả hoạt động của Đảng ủy xã", {"VNI-Times", ".VnTimeH"}, None),
    ("Báo cáo kết quả hoạt động của Đảng ủy xã", {".VnCentury Schoolbook"}, None),
    # A declared legacy font over legacy letters: a short run is enough.
    ("Số liệu: B¸o c¸o th¸ng", {".VnTime"}, "TCVN3"),
    ("Số liệu: Baùo caùo thaùng", {"VNI-Times"}, "VNI"),
    ("Báo cáo kết quả hoạt động của Đảng ủy xã, § 3 Điều 5 © 2026", {"Times New Roman"}, None),
])
def test_detect_legacy(text, fonts, expected):
    assert detect_legacy(text, fonts) == expected


def test_seed_text_is_not_mistaken_for_legacy():
    from conftest import SEED_TXT
    assert detect_legacy(SEED_TXT.read_text(encoding="utf-8")) is None


def test_mojibake_is_repaired():
    def as_windows_shows(data: bytes) -> str:
        return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in data)
    original = "Nghị quyết số 72 của Bộ Chính trị về sức khỏe"
    assert repair_mojibake(as_windows_shows(original.encode("utf-8"))) == original
    assert repair_mojibake(original) == original


def test_artefacts_are_stripped():
    assert strip_artefacts("[bookmark: _GoBack]2. Trong tháng[footnoteRef:3]") == "2. Trong tháng"
