"""Each kind of check rule on short drafts, as its author reads a finding: the rule, its level, the
whole message, the section, line and column it points at, the text it covers and the link it gives.
The rules are written here, beside the drafts they fire on; their messages are the shipped ones'."""
from pathlib import Path

import pytest

from pipeline.api import parse_text
from pipeline.check import Profile, check
from pipeline.format_rules import layout_of_example


def findings(text, *rules, layout=None):
    chosen = [Profile("test", "", "any", list(rules), Path("test.yaml"))]
    report = parse_text(text)
    found = check(report, chosen, layout)
    # --annotate puts its comment on start:end; that span is the text the finding quotes.
    assert [report.text[f.start:f.end] for f in found] == [f.text for f in found]
    return [(f.rule, f.level, f.message, f.section, f.line, f.col, f.text, f.link) for f in found]


# --- must_cite ------------------------------------------------------------------------------------

KH05 = {"type": "Kế hoạch", "symbol": "05-KH/ĐU", "date": "2026-01-15", "issuer": "Đảng ủy xã Lùng Phình",
        "title": "về chuyển đổi số năm 2026"}
KH05_WORDS = "Kế hoạch số 05-KH/ĐU ngày 15/1/2026 của Đảng ủy xã Lùng Phình về chuyển đổi số năm 2026"


def must_cite(document, message="Báo cáo chưa trích dẫn {type} số {symbol} ngày {date} của {issuer} {title}.",
              scope=None, level="warning", rule_id="must-cite"):
    rule = {"id": rule_id, "kind": "must_cite", "level": level, "document": document, "message": message}
    return {**rule, "scope": scope} if scope else rule


NOT_CITING = "BÁO CÁO\nI. KẾT QUẢ\n1. Triển khai chuyển đổi số trong các cơ quan."

# A document an office describes in its own profile (as `profile suggest` drafts it), not a key
# of rules/registry.yaml: (draft, rule, findings).
DESCRIBED = [
    # Reports write the symbol "05-KH/ĐU" and "5-KH/ĐU" alike: the draft that cites it passes.
    ("BÁO CÁO\nI. KẾT QUẢ\n1. Thực hiện Kế hoạch số 05-KH/ĐU ngày 15/01/2026 của Đảng ủy xã.", must_cite(KH05), []),
    ("BÁO CÁO\nI. KẾT QUẢ\n1. Thực hiện Kế hoạch số 5-KH/ĐU của Đảng ủy xã.", must_cite(KH05), []),
    # The finding sits on the first section's heading and names the document in full.
    (NOT_CITING, must_cite(KH05),
     [("must-cite", "warning", f"Báo cáo chưa trích dẫn {KH05_WORDS}.", "I", 2, 1, "I. KẾT QUẢ", KH05_WORDS)]),
    # A plan cited by number alone ("Kế hoạch số 05"): its type is part of what names it.
    ("BÁO CÁO\nI. KẾT QUẢ\n1. Thực hiện Kế hoạch số 05 ngày 15/01/2026.",
     must_cite({"type": "Kế hoạch", "symbol": "05", "issuer": "Đảng ủy xã"}), []),
    # Without a date or a title: the message shows "?" for the date and nothing for the title,
    # and a {scope} the rule does not have stays empty.
    (NOT_CITING, must_cite({"type": "Kế hoạch", "symbol": "05-KH/ĐU", "issuer": "Đảng ủy xã"},
                           "Chưa trích dẫn {type} số {symbol} (ngày {date}, {issuer}){title}{scope}."),
     [("must-cite", "warning", "Chưa trích dẫn Kế hoạch số 05-KH/ĐU (ngày ?, Đảng ủy xã).", "I", 2, 1, "I. KẾT QUẢ",
       "Kế hoạch số 05-KH/ĐU của Đảng ủy xã")]),
    # A document named by its symbol alone: its type is read from the symbol's code, an issuer not
    # given is "?", and a symbol with no code is a "Văn bản".
    (NOT_CITING, must_cite({"symbol": "05-KH/ĐU"}, "Chưa trích dẫn {type} số {symbol} của {issuer}."),
     [("must-cite", "warning", "Chưa trích dẫn Kế hoạch số 05-KH/ĐU của ?.", "I", 2, 1, "I. KẾT QUẢ",
       "Kế hoạch số 05-KH/ĐU")]),
    (NOT_CITING, must_cite({"type": None, "symbol": "123/UBND-VP", "date": None, "issuer": "UBND xã"},
                           "Chưa trích dẫn {type} số {symbol} của {issuer}."),
     [("must-cite", "warning", "Chưa trích dẫn Văn bản số 123/UBND-VP của UBND xã.", "I", 2, 1, "I. KẾT QUẢ",
       "Văn bản số 123/UBND-VP của UBND xã")]),
    # A symbol the citation reader cannot read still names the document.
    (NOT_CITING, must_cite({"type": "Kế hoạch", "symbol": "KH-CĐS", "issuer": "Đảng ủy xã"},
                           "Chưa trích dẫn {type} số {symbol}."),
     [("must-cite", "warning", "Chưa trích dẫn Kế hoạch số KH-CĐS.", "I", 2, 1, "I. KẾT QUẢ",
       "Kế hoạch số KH-CĐS của Đảng ủy xã")]),
]

NQ72_WORDS = ("Nghị quyết số 72-NQ/TW ngày 09/9/2025 của Bộ Chính trị về một số giải pháp đột phá tăng cường bảo "
              "vệ, chăm sóc và nâng cao sức khỏe Nhân dân")
SCOPED = must_cite("72-nq/tw", "Mục {scope} chưa nêu {type} số {symbol}.", scope="II")
NQ72 = "Nghị quyết số 72-NQ/TW ngày 09/9/2025 của Bộ Chính trị"

# Where a finding goes, and a scope's edges: (draft, rule, findings).
PLACED = [
    # A draft with no numbered section: the finding is on its first line.
    ("BÁO CÁO\nkết quả công tác tháng 5", must_cite("72-nq/tw", "Chưa trích dẫn {type} số {symbol}."),
     [("must-cite", "warning", "Chưa trích dẫn Nghị quyết số 72-NQ/TW.", "", 1, 1, "BÁO CÁO", NQ72_WORDS)]),
    # A citation in a subsection of the scope counts; one in another part does not.
    (f"BÁO CÁO\nI. KẾT QUẢ\n1. Chung.\nII. NHIỆM VỤ\n1. Thực hiện {NQ72}.", SCOPED, []),
    (f"BÁO CÁO\nI. KẾT QUẢ\n1. Thực hiện {NQ72}.\nII. NHIỆM VỤ\n1. Chăm sóc sức khỏe Nhân dân.", SCOPED,
     [("must-cite", "warning", "Mục II chưa nêu Nghị quyết số 72-NQ/TW.", "II", 4, 1, "II. NHIỆM VỤ", NQ72_WORDS)]),
]


@pytest.mark.parametrize("text, rule, expected", DESCRIBED + PLACED)
def test_must_cite(text, rule, expected):
    assert findings(text, rule) == expected


def test_findings_at_one_place_come_errors_first():
    text = "BÁO CÁO\nI. KẾT QUẢ\n1. Chung."
    rules = [must_cite("72-nq/tw", "Thiếu {symbol}.", level="warning", rule_id="a-warning"),
             must_cite("1-kl/tw", "Thiếu {symbol}.", level="error", rule_id="b-error")]
    assert [(rule, level, message) for rule, level, message, *_ in findings(text, *rules)] == [
        ("b-error", "error", "Thiếu 01-KL/TW."), ("a-warning", "warning", "Thiếu 72-NQ/TW.")]


# --- cite_correctly ---------------------------------------------------------------------------------

CITE = {"id": "cite-correctly", "kind": "cite_correctly", "level": "error", "messages": {
    "date": "{cited} ghi ngày {written}, nhưng văn bản này ban hành ngày {expected}.",
    "issuer": "{cited} ghi cơ quan ban hành là {written}, nhưng văn bản này do {expected} ban hành.",
    "type": "{cited} ghi là {written}, nhưng số ký hiệu {symbol} là của một {expected}.",
    "symbol": "Số ký hiệu {written} sai thể thức: văn bản của Đảng viết là {expected} (số - loại / cơ quan).",
    "replaced": "{cited} đã được thay thế bởi {expected}; đề nghị trích dẫn văn bản mới."}}
KL01_WORDS = ("Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị về tiếp tục thực hiện Chỉ thị số 05-CT/TW của Bộ "
              "Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh")
KH40_WORDS = "Kế hoạch số 40-KH/ĐU ngày 05/11/2025 của Đảng ủy xã Lùng Phình thực hiện Nghị quyết số 72-NQ/TW của Bộ Chính trị"


def cited(line):
    return f"BÁO CÁO\nI. NỘI DUNG\n1. Thực hiện {line}."


# (the citation as the draft writes it, findings); the registry's entries are in rules/registry.yaml.
CITATIONS = [
    ("Nghị quyết số 72-NQ/TW ngày 09/10/2025 của Bộ Chính trị",
     [("cite-correctly", "error", "Nghị quyết số 72-NQ/TW ghi ngày 09/10/2025, nhưng văn bản này ban hành ngày 09/9/2025.",
       "I.1", 3, 14, "Nghị quyết số 72-NQ/TW ngày 09/10/2025 của Bộ Chính trị", NQ72_WORDS)]),
    ("Nghị quyết số 72-NQ/TW ngày 09/9/2025 của Ban Bí thư",
     [("cite-correctly", "error", "Nghị quyết số 72-NQ/TW ghi cơ quan ban hành là Ban Bí thư, nhưng văn bản này do "
       "Bộ Chính trị ban hành.", "I.1", 3, 14, "Nghị quyết số 72-NQ/TW ngày 09/9/2025 của Ban Bí thư", NQ72_WORDS)]),
    ("Chỉ thị số 01-KL/TW ngày 18/5/2021",
     [("cite-correctly", "error", "Chỉ thị số 01-KL/TW ghi là Chỉ thị, nhưng số ký hiệu 01-KL/TW là của một Kết luận.",
       "I.1", 3, 14, "Chỉ thị số 01-KL/TW ngày 18/5/2021", KL01_WORDS)]),
    ("Nghị quyết số 72/NQ-TW ngày 09/9/2025",
     [("cite-correctly", "error", "Số ký hiệu 72/NQ-TW sai thể thức: văn bản của Đảng viết là 72-NQ/TW (số - loại / cơ "
       "quan).", "I.1", 3, 14, "Nghị quyết số 72/NQ-TW ngày 09/9/2025", NQ72_WORDS)]),
    # The issuer written shorter than the registry's, or with its term: the same body.
    ("Kế hoạch số 40-KH/ĐU ngày 05/11/2025 của Đảng ủy", []),
    ("Kế hoạch số 40-KH/ĐU ngày 05/11/2025 của Đảng ủy xã Lùng Phình", []),
]


@pytest.mark.parametrize("line, expected", CITATIONS)
def test_cite_correctly(line, expected):
    assert findings(cited(line), CITE) == expected


def test_a_party_symbol_written_the_state_way_in_mixed_case_is_still_found():
    (rule, _, message, _, _, _, written, link), = findings(cited("Nghị quyết số 72/Nq-TW ngày 09/9/2025"), CITE)
    assert (rule, written, link) == ("cite-correctly", "Nghị quyết số 72/Nq-TW ngày 09/9/2025", NQ72_WORDS)
    assert message.startswith("Số ký hiệu 72/Nq-TW sai thể thức")


def test_a_replaced_document_links_to_the_one_that_replaced_it():
    text = cited("Quy định số 66-QĐ/TW")
    (rule, level, message, section, line, col, written, link), = findings(text, CITE)
    assert (message, written) == ("Quy định số 66-QĐ/TW đã được thay thế bởi Quy định số 399-QĐ/TW; đề nghị trích dẫn "
                                  "văn bản mới.", "Quy định số 66-QĐ/TW")
    assert link.startswith("Quy định số 399-QĐ/TW")


def test_a_document_the_registry_lacks_neither_hides_nor_stops_the_others():
    text = ("BÁO CÁO\nI. NỘI DUNG\n1. Thực hiện Nghị quyết số 72-NQ/TW ngày 09/10/2025.\n"
            "2. Thực hiện Kế hoạch số 99-KH/ĐU ngày 01/3/2026.\n3. Tiếp tục Nghị quyết số 72-NQ/TW ngày 10/9/2025.")
    assert [(message, line) for _, _, message, _, line, *_ in findings(text, CITE)] == [
        ("Nghị quyết số 72-NQ/TW ghi ngày 09/10/2025, nhưng văn bản này ban hành ngày 09/9/2025.", 3),
        ("Nghị quyết số 72-NQ/TW ghi ngày 10/9/2025, nhưng văn bản này ban hành ngày 09/9/2025.", 5)]


# --- consistent_figures -----------------------------------------------------------------------------

TOTALS = {"id": "figures-add-up", "kind": "consistent_figures", "level": "error",
          "total_words": ["tổng số", "tổng cộng", "trong tổng số"],
          "messages": {"totals": "Tổng số {total} {unit} nhưng các phần cộng lại {sum} ({parts}).",
                       "ratio_vs_percent": "{ratio} là {computed}%, nhưng báo cáo ghi {written}."}}
OVER_100 = {"id": "rate-over-100", "kind": "consistent_figures", "level": "error",
            "messages": {"percent_over_100": "{subject} là tỷ lệ, không thể vượt 100% ({written})."}}
DEFAULT_WORDS = {"id": "totals", "kind": "consistent_figures", "level": "warning",
                 "messages": {"totals": "Tổng {total} {unit}, các phần {sum}."}}
OWN_WORDS = {**DEFAULT_WORDS, "total_words": ["tổng cộng"]}


def in_part(line):
    return f"BÁO CÁO\nI. KẾT QUẢ\n{line}"


# (draft, rule, (message, line, column, text) of each finding), by what the check reads.
FIGURES = [
    # A rule without total_words reads "tổng số"; one with its own reads only those.
    (in_part("1. Tổng số 90 nhiệm vụ, 43 nhiệm vụ hoàn thành, 45 nhiệm vụ đang triển khai."), DEFAULT_WORDS,
     [("Tổng 90 nhiệm vụ, các phần 88.", 3, 12, "90 nhiệm vụ, 43 nhiệm vụ hoàn thành, 45 nhiệm vụ")]),
    (in_part("1. Tổng cộng 90 nhiệm vụ, 43 nhiệm vụ hoàn thành, 45 nhiệm vụ đang triển khai."), OWN_WORDS,
     [("Tổng 90 nhiệm vụ, các phần 88.", 3, 14, "90 nhiệm vụ, 43 nhiệm vụ hoàn thành, 45 nhiệm vụ")]),
    (in_part("1. Tổng số 90 nhiệm vụ, 43 nhiệm vụ hoàn thành, 45 nhiệm vụ đang triển khai."), OWN_WORDS, []),
    # A total word is read on the figure's own line: a line ending in "tổng số" (a .txt draft
    # wrapped by hand) does not make the next line's first count a total.
    (in_part("- Đã rà soát tổng số\n90 nhiệm vụ, 43 nhiệm vụ hoàn thành, 45 nhiệm vụ đang triển khai."), DEFAULT_WORDS,
     []),
    # A total after a percentage on its line.
    (in_part("1. Đạt 95% kế hoạch, tổng số 90 nhiệm vụ, 43 nhiệm vụ hoàn thành, 45 nhiệm vụ đang triển khai."), TOTALS,
     [("Tổng số 90 nhiệm vụ nhưng các phần cộng lại 88 (43 + 45).", 3, 30,
       "90 nhiệm vụ, 43 nhiệm vụ hoàn thành, 45 nhiệm vụ")]),
    # Three parts: the finding covers them all.
    (in_part("1. Tổng số 90 nhiệm vụ: 40 nhiệm vụ hoàn thành, 45 nhiệm vụ đang triển khai, 3 nhiệm vụ chưa triển khai."),
     TOTALS, [("Tổng số 90 nhiệm vụ nhưng các phần cộng lại 88 (40 + 45 + 3).", 3, 12,
               "90 nhiệm vụ: 40 nhiệm vụ hoàn thành, 45 nhiệm vụ đang triển khai, 3 nhiệm vụ")]),
    # "10 hồ sơ trên tổng số 13 hồ sơ": 13 is what 10 is counted out of, not a sum of what follows.
    (in_part("1. Giải quyết 10 hồ sơ trên tổng số 13 hồ sơ, trong đó 6 hồ sơ trực tuyến, 3 hồ sơ trực tiếp."), TOTALS, []),
    # Counts without a total word are no total.
    (in_part("1. Có 43 nhiệm vụ hoàn thành, 40 nhiệm vụ đang triển khai, 3 nhiệm vụ chưa triển khai."), TOTALS, []),
    # Two totals on a line: each adds up the parts before the next.
    (in_part("1. Tổng số 10 hộ: 6 hộ ở thôn Sín Chải, 4 hộ ở thôn Séo Lùng; tổng số 8 hộ: 5 hộ nghèo, 3 hộ cận nghèo."),
     TOTALS, []),
    # Parts in another unit are not added.
    (in_part("1. Tổng số 90 nhiệm vụ, 43 nhiệm vụ hoàn thành, 47 nhiệm vụ đang triển khai, 5 hồ sơ tồn đọng."), TOTALS,
     []),
    # A rate over 100%: one the catalog bounds, and one whose subject says it is a rate.
    (in_part("1. Tỷ lệ hộ nghèo còn 100,5%."), OVER_100,
     [("Tỷ lệ hộ nghèo là tỷ lệ, không thể vượt 100% (100,5%).", 3, 23, "100,5%")]),
    (in_part("1. Tỷ lệ trẻ em đến trường đạt 120%."), OVER_100,
     [("Tỷ lệ trẻ em đến trường là tỷ lệ, không thể vượt 100% (120%).", 3, 32, "120%")]),
    (in_part("1. Lúa đạt 101,2% kế hoạch."), OVER_100, []),
    # An achieved/target pair and the percentage that glosses it.
    (in_part("1. Giải quyết 45/48 hồ sơ (đạt 95%)."), TOTALS,
     [("45/48 hồ sơ là 93,75%, nhưng báo cáo ghi 95%.", 3, 15, "45/48 hồ sơ (đạt 95%")]),
    (in_part("1. Giải quyết 40/80 hồ sơ (đạt 60%)."), TOTALS,
     [("40/80 hồ sơ là 50%, nhưng báo cáo ghi 60%.", 3, 15, "40/80 hồ sơ (đạt 60%")]),
    # 0,6 points apart is rounding; a percentage after another figure glosses that one.
    (in_part("1. Giải quyết 1/100 hồ sơ (đạt 0,4%)."), TOTALS, []),
    (in_part("1. Giải quyết 45/48 hồ sơ của 3 thôn, đạt 50%."), TOTALS, []),
]


@pytest.mark.parametrize("text, rule, expected", FIGURES)
def test_consistent_figures(text, rule, expected):
    assert [(message, line, col, written) for _, _, message, _, line, col, written, _ in findings(text, rule)] == expected


# --- required_parts ---------------------------------------------------------------------------------

HD36 = "Hướng dẫn số 36-HD/VPTW, mục II.1"
PARTS = {"id": "required-parts", "kind": "required_parts", "level": "error", "link": HD36,
         "parts": ["header", "number_symbol", "place_date", "title", "recipients"], "roman_parts": ["I", "II", "III"],
         "messages": {"header": "Thiếu quốc hiệu.", "number_symbol": "Thiếu số, ký hiệu.",
                      "place_date": "Thiếu địa danh, ngày tháng.", "title": "Thiếu tên loại và trích yếu.",
                      "recipients": "Thiếu \"Nơi nhận\".", "roman_parts": "Thiếu phần {part} (cần các phần {expected})."}}
ROMAN_ONLY = {key: value for key, value in PARTS.items() if key != "parts"}
WHOLE = ("ĐẢNG CỘNG SẢN VIỆT NAM\nSố 12-BC/ĐU\nLùng Phình, ngày 28 tháng 5 năm 2026\nBÁO CÁO\nkết quả tháng\n-----\n"
         "I. MỘT\nII. HAI\nIII. BA\nNơi nhận:\n- Lưu VP.")


def on_first_line(*messages):
    return [("required-parts", "error", message, "", 1, 1, "BÁO CÁO", HD36) for message in messages]


REQUIRED = [
    # "BÁO CÁO" with no trích yếu after it has a type but no title.
    ("BÁO CÁO\nI. MỘT\nII. HAI", PARTS, on_first_line(
        "Thiếu quốc hiệu.", "Thiếu số, ký hiệu.", "Thiếu địa danh, ngày tháng.", "Thiếu tên loại và trích yếu.",
        "Thiếu \"Nơi nhận\".", "Thiếu phần III (cần các phần I, II, III).")),
    ("BÁO CÁO\nI. MỘT\nII. HAI", ROMAN_ONLY, on_first_line("Thiếu phần III (cần các phần I, II, III).")),
    (WHOLE, PARTS, []),
]


@pytest.mark.parametrize("text, rule, expected", REQUIRED)
def test_required_parts(text, rule, expected):
    assert findings(text, rule) == expected


# --- format -----------------------------------------------------------------------------------------

PAPER = {"id": "page-paper", "kind": "format", "check": "page_paper", "level": "error", "link": "HD 36, mục 1",
         "paper": {"width_mm": 210, "height_mm": 297}, "tolerance_mm": 1, "message": "Khổ giấy {found}; quy định A4."}
FONT = {"id": "font-family", "kind": "format", "check": "font_family", "level": "warning", "fonts": ["Times New Roman"],
        "message": "Phông chữ {found}; quy định Times New Roman."}


def test_a_page_finding_covers_the_first_line():
    lines = ["BÁO CÁO", "I. KẾT QUẢ"]
    layout = layout_of_example({"pages": [{"width_mm": 215.9, "height_mm": 279.4}],
                                "paragraphs": [{"text": line, "size": 14} for line in lines]})
    assert findings("\n".join(lines), PAPER, layout=layout) == [
        ("page-paper", "error", "Khổ giấy 215.9 x 279.4 mm; quy định A4.", "", 1, 1, "BÁO CÁO", "HD 36, mục 1")]


def test_a_paragraph_finding_covers_that_paragraph_not_an_equal_one_after_it():
    looks = [("BÁO CÁO", "Times New Roman"), ("I. KẾT QUẢ", "Times New Roman"), ("Kết quả chung", "Arial"),
             ("II. NHIỆM VỤ", "Times New Roman"), ("Kết quả chung", "Times New Roman")]
    layout = layout_of_example({"paragraphs": [{"text": text, "font": font, "size": 14} for text, font in looks]})
    assert findings("\n".join(text for text, _ in looks), FONT, layout=layout) == [
        ("font-family", "warning", "Phông chữ Arial (13 ký tự); quy định Times New Roman.", "I", 3, 1, "Kết quả chung",
         None)]
