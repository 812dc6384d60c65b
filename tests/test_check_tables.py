"""The draft check on tables (rules table-totals, table-percent, task-sheet-matches-text in
rules/profiles/common.yaml; pipeline/table_checks.py): real .docx drafts built with python-docx,
the seed report with its sheets attached, each with one mistake put in, and real documents of
other offices. Expected findings are written from the sheets typed here and, for the real
documents, from adding up their rows by hand."""
from __future__ import annotations

import json

import docxkit
import pytest
from click.testing import CliRunner

import build_corpus
from conftest import CORPUS, REAL, SEED_DOCX, needs_real
from pipeline import parse_file
from pipeline.cli import cli

TABLE_RULES = {"table-totals", "table-percent", "task-sheet-matches-text"}
TASK_SHEET = "Bảng 1 (BIỂU THEO DÕI KẾT QUẢ THỰC HIỆN TỪNG NHIỆM VỤ (số liệu minh họa, không có thật))"
INDICATOR_SHEET = "Bảng 2 (BIỂU CHỈ TIÊU KINH TẾ - XÃ HỘI THÁNG 5 NĂM 2026 (số liệu minh họa, không có thật))"
TASK_HEADER = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Kết quả"]


def sheet(title: str, rows: list[list[str]], merges=(), header_rows: int = 1):
    """A sheet for a draft's annex: its title line, then the table as offices draw it."""
    def write(document) -> None:
        docxkit.paragraph(document, title, bold=True, center=True)
        docxkit.data_table(document, rows, merges, header_rows=header_rows)
    return write


def task_sheet(edit=None):
    rows = build_corpus.seed_task_rows()
    if edit:
        rows = edit(rows)
    return sheet(f"BIỂU THEO DÕI KẾT QUẢ THỰC HIỆN TỪNG NHIỆM VỤ {build_corpus.MADE_UP_SHEET}", [TASK_HEADER] + rows)


# The seed's May indicator sheet as scripts/build_corpus.py types it (SHEET_MONTHS[5]).
INDICATORS = [["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2026", "Thực hiện tháng 5", "Lũy kế", "% so với kế hoạch"],
              ["I", "Kinh tế", "", "", "", "", ""],
              ["1", "Trồng rừng", "ha", "56", "3,5", "10,5", "18,8"],
              ["2", "Cấp giấy chứng nhận quyền sử dụng đất", "giấy", "50", "4", "25", "50"],
              ["3", "Trích lục địa chính", "thửa", "30", "3", "17", "56,7"],
              ["II", "Xã hội", "", "", "", "", ""],
              ["1", "Tỷ lệ hộ nghèo", "%", "24", "x", "25,46", "x"],
              ["2", "Tỷ lệ hộ cận nghèo", "%", "17", "x", "18,36", "x"]]


def indicator_sheet(cell=None, text=None):
    rows = [list(r) for r in INDICATORS]
    if cell:
        rows[cell[0]][cell[1]] = text
    return sheet(f"BIỂU CHỈ TIÊU KINH TẾ - XÃ HỘI THÁNG 5 NĂM 2026 {build_corpus.MADE_UP_SHEET}", rows)


# A made-up sheet of dossiers by village, with its total row, and one with group totals and a
# grand total over them, as a budget estimate is laid out.
DOSSIERS = [["STT", "Thôn", "Hồ sơ tiếp nhận", "Đã giải quyết", "Tỷ lệ giải quyết (%)"],
            ["1", "Thôn Lùng Phình", "48", "45", "93,8"],
            ["2", "Thôn Sín Chải", "30", "30", "100"],
            ["3", "Thôn Séo Lùng", "22", "", ""],
            ["", "Tổng cộng", "100", "75", "75"]]
BUDGET = [["STT", "Nội dung", "Đơn vị tính", "Số lượng", "Thành tiền"],
          ["I", "Trang bị máy móc", "", "", ""],
          ["1", "Máy tính", "chiếc", "3", "45,5"],
          ["2", "Máy in", "chiếc", "1", "6,5"],
          ["", "Cộng I", "", "", "52"],
          ["II", "Đào tạo", "", "", "12"],
          ["III", "Quản lý dự án", "", "", "6"],
          ["", "Tổng cộng (I+II+III)", "", "", "70"]]


def with_cell(rows, row, column, text):
    rows = [list(r) for r in rows]
    rows[row][column] = text
    return rows


DOSSIER_TITLE = "Biểu 03: Kết quả giải quyết hồ sơ theo thôn (số liệu minh họa, không có thật)"
BUDGET_TITLE = "Biểu 04: Dự toán kinh phí (số liệu minh họa, không có thật)"


def done_to_in_progress(rows):
    rows[0][4] = "Đang thực hiện"  # task 1 was done: the sheet now has 42 done, 48 in progress
    return rows


# (draft, the sheets after the seed's signature, text edits, expected (rule, level, words of the
# message, link) in order, exit code). The seed's text: "90 nhiệm vụ … 43 nhiệm vụ hoàn thành, 47
# nhiệm vụ đang tiếp tục triển khai thực hiện (có biểu theo dõi … kèm theo)" (III.2).
DRAFTS = [
    # --- clean: the seed's own sheets agree with its text and with themselves ---
    ("seed-sheets", [task_sheet(), indicator_sheet()], [], [], 0),
    ("dossiers-clean", [task_sheet(), indicator_sheet(), sheet(DOSSIER_TITLE, DOSSIERS)], [], [], 0),
    ("budget-clean", [sheet(BUDGET_TITLE, BUDGET)], [], [], 0),
    # --- the task sheet against the text ---
    ("task-done-to-in-progress", [task_sheet(done_to_in_progress), indicator_sheet()], [], [
        ("task-sheet-matches-text", "warning",
         ["Văn bản ghi 43 nhiệm vụ hoàn thành", f"{TASK_SHEET} liệt kê 42 nhiệm vụ hoàn thành"], f"{TASK_SHEET}, mục PL"),
        ("task-sheet-matches-text", "warning",
         ["Văn bản ghi 47 nhiệm vụ đang thực hiện", "liệt kê 48 nhiệm vụ đang thực hiện"], f"{TASK_SHEET}, mục PL")], 0),
    ("task-row-dropped", [task_sheet(lambda rows: rows[:-1]), indicator_sheet()], [], [
        ("task-sheet-matches-text", "warning", ["Văn bản ghi 90 nhiệm vụ,", "liệt kê 89 nhiệm vụ."], f"{TASK_SHEET}, mục PL"),
        ("task-sheet-matches-text", "warning", ["ghi 47 nhiệm vụ đang thực hiện", "liệt kê 46 nhiệm vụ"],
         f"{TASK_SHEET}, mục PL")],
     0),
    # The text no longer points at the sheet: its counts may be of other tasks, so no finding.
    ("task-text-without-sheet", [task_sheet(done_to_in_progress), indicator_sheet()],
     [(" (có biểu theo dõi kết quả thực hiện từng nhiệm vụ kèm theo)", "")], [], 0),
    # --- a percentage against its plan and result ---
    ("percent-wrong", [task_sheet(), indicator_sheet((2, 6), "20")], [], [
        ("table-percent", "error", [INDICATOR_SHEET, "dòng 1 'Trồng rừng'", "cột '% so với kế hoạch'", "ghi 20",
                                    "cột 'Lũy kế' (10,5) chia cột 'Kế hoạch năm 2026' (56) được 18,8%"],
         f"{INDICATOR_SHEET}, dòng 1 'Trồng rừng', mục PL")], 1),
    # Trích lục 17/30 = 56,67: "56,6" and "56" cut it to the decimals written, no mistake; the
    # certificates' "8" is the month's 4 of the 50 planned, not the cumulative 25: no mistake either.
    ("percent-rounded", [task_sheet(), indicator_sheet((4, 6), "56,6")], [], [], 0),
    ("percent-cut-off", [task_sheet(), indicator_sheet((4, 6), "56")], [], [], 0),
    ("percent-of-the-month", [task_sheet(), indicator_sheet((3, 6), "8")], [], [], 0),
    ("percent-off-by-a-decimal", [task_sheet(), indicator_sheet((4, 6), "57,7")], [], [
        ("table-percent", "error", ["dòng 3 'Trích lục địa chính'", "ghi 57,7", "được 56,7%"],
         f"{INDICATOR_SHEET}, dòng 3 'Trích lục địa chính', mục PL")], 1),
    # --- a total against its rows ---
    ("total-wrong", [sheet(DOSSIER_TITLE, with_cell(DOSSIERS, 4, 2, "120"))], [], [
        ("table-totals", "error", [f"Bảng 1 ({DOSSIER_TITLE}), dòng 'Tổng cộng', cột 'Hồ sơ tiếp nhận'",
                                   "ghi 120, nhưng cộng 3 dòng được 100."], f"Bảng 1 ({DOSSIER_TITLE}), dòng 'Tổng cộng', mục PL")],
     1),
    # Séo Lùng's "Đã giải quyết" is blank: counted as none, and the message says so.
    ("total-with-a-blank", [sheet(DOSSIER_TITLE, with_cell(DOSSIERS, 4, 3, "97"))], [], [
        ("table-totals", "error", ["cột 'Đã giải quyết'", "ghi 97, nhưng cộng 3 dòng được 75 (1 dòng để trống được tính là 0)."],
         f"Bảng 1 ({DOSSIER_TITLE}), dòng 'Tổng cộng', mục PL")], 1),
    # A rate column does not add up: its total row's "75" is no sum and no finding.
    ("total-rate-column", [sheet(DOSSIER_TITLE, with_cell(DOSSIERS, 4, 4, "80"))], [], [], 0),
    # A text in a covered cell leaves the sum unknown.
    ("total-not-known", [sheet(DOSSIER_TITLE, with_cell(with_cell(DOSSIERS, 3, 2, "chưa có số liệu"), 4, 2, "120"))],
     [], [], 0),
    ("group-total-wrong", [sheet(BUDGET_TITLE, with_cell(BUDGET, 4, 4, "50"))], [], [
        # "Cộng I" is 45,5 + 6,5 = 52; the grand total then adds 50 + 12 + 6 = 68, not the 70 written.
        ("table-totals", "error", ["dòng 'Cộng I', cột 'Thành tiền'", "ghi 50, nhưng cộng 2 dòng được 52,0."],
         f"Bảng 1 ({BUDGET_TITLE}), dòng 'Cộng I', mục PL"),
        ("table-totals", "error", ["dòng 'Tổng cộng (I+II+III)', cột 'Thành tiền'", "ghi 70, nhưng cộng 3 dòng được 68."],
         f"Bảng 1 ({BUDGET_TITLE}), dòng 'Tổng cộng (I+II+III)', mục PL")], 1),
]


def build_draft(tmp_path, name, annex, edits):
    spec = build_corpus.seed_spec()
    spec.number_line, spec.place_date = "Số 12-BC/ĐU", "Lùng Phình, ngày 28 tháng 5 năm 2026"
    for old, new in edits:
        assert any(old in line for line in spec.body), old
        spec.body = [line.replace(old, new) for line in spec.body]
    spec.annex = annex
    path = tmp_path / f"{name}.docx"
    build_corpus.write_typed(spec, path)
    return path


def table_findings(path, *args):
    result = CliRunner().invoke(cli, ["check", str(path), "--format", "json", *args])
    findings = json.loads(result.stdout)[0]["findings"]
    return [f for f in findings if f["rule"] in TABLE_RULES], result


@pytest.mark.parametrize("name, annex, edits, expected, code", DRAFTS, ids=[d[0] for d in DRAFTS])
def test_a_sheet_that_disagrees_is_a_finding_and_a_clean_one_is_not(tmp_path, name, annex, edits, expected, code):
    found, result = table_findings(build_draft(tmp_path, name, annex, edits))
    assert [(f["rule"], f["level"]) for f in found] == [(rule, level) for rule, level, _, _ in expected], found
    for finding, (_, _, words, link) in zip(found, expected):
        for word in words:
            assert word in finding["message"], finding["message"]
        assert finding["link"] == link
    # The seed's draft leaves nothing else to find but its blank number and day (suggestions).
    assert result.exit_code == code, result.output


def test_a_finding_on_a_cell_points_at_the_cell(tmp_path):
    """The finding's line, column and text are the total's cell, so `--format line` and the
    Word comment show it there."""
    path = build_draft(tmp_path, "total-wrong", [sheet(DOSSIER_TITLE, with_cell(DOSSIERS, 4, 2, "120"))], [])
    (finding,), _ = table_findings(path)
    text = CliRunner().invoke(cli, ["parse", str(path), "--text"]).output.splitlines()
    assert finding["text"] == "120"
    assert text[finding["line"] - 1] == " | Tổng cộng | 120 | 75 | 75"  # its STT cell is empty
    assert text[finding["line"] - 1][finding["col"] - 1:].startswith("120 |")


def test_the_comment_goes_on_the_total_not_on_an_equal_number_above_it(tmp_path):
    """"100" stands first in Sín Chải's rate column: the comment on the wrong total "100" (the
    rows give 120) must land on the total row's cell."""
    import docx
    from docx.oxml.ns import qn

    rows = with_cell(with_cell(DOSSIERS, 1, 2, "68"), 4, 2, "100")  # 68 + 30 + 22 = 120
    path = build_draft(tmp_path, "total-wrong", [sheet(DOSSIER_TITLE, rows)], [])
    out = tmp_path / "annotated.docx"
    result = CliRunner().invoke(cli, ["check", str(path), "--annotate", str(out)])
    assert "ghi 100, nhưng cộng 3 dòng được 120" in result.stdout
    document = docx.Document(str(out))
    table = document.tables[-1]
    starts = {int(el.get(qn("w:id"))): el for el in document.element.body.iter(qn("w:commentRangeStart"))}
    comments = {c.comment_id: c.text for c in document.comments}
    (key,) = [k for k, text in comments.items() if "table-totals" in text]
    cell = next(starts[key].iterancestors(qn("w:tc")))
    assert cell is table.rows[4].cells[2]._tc
    assert "".join(t.text for t in cell.iter(qn("w:t"))) == "100"


def test_the_corpus_reports_with_sheets_give_no_table_finding():
    """The false-positive check: the seed (90 tasks: 43 done, 47 in progress, as its text says)
    and the April and June months with their indicator sheets."""
    for path in [SEED_DOCX, CORPUS / "reports" / "lung-phinh_2026-04_made-up.docx",
                 CORPUS / "reports" / "lung-phinh_2026-06_made-up.docx"]:
        found, _ = table_findings(path)
        assert found == [], (path.name, found)


# --- real documents of other offices (../shared/real) ---------------------------------------------

# (file, expected (rule, message words)): the totals added up by hand from the document's rows.
REAL_FINDINGS = [
    # The candidates' table: "Tổng số" first, the three blocks and ten villages below:
    # 45 = 14 + 14 + 7 + 10 × 1; Nữ 16 = 5 + 5 + 4 + 1 + 1; Tái cử 14 = 5 + 5 + 3 + 1;
    # Ngoài Đảng 5 = 2 + 1 + 1 + 1; < 40 tuổi 7 = 2 + 2 + 2 + 1. Every column adds up.
    ("docx/luongminh_mttq_hd_gioithieu_ungcu_hdnd_2025-12.docx", []),
    # A statistics annex whose "Tổng số …" lines are indicators of their own: 1.4 "Tổng số TTHC"
    # 2.310 is 1.865 + 445, and 1.4.3 "ngành dọc" 420 overlaps them. No total to add up.
    ("docx/lamdong_bc_cchc_quy1_2026.docx", []),
    # A 1998 IT plan in legacy fonts. Its equipment estimate (typed twice, tables 12 and 39):
    # 250 + 150 + 22,5 + 40 + 63 + 24 + 45 + 5 = 599,5, written 600. Its yearly budget (table
    # 34): 2 + 1,5 + 1,5 + 65 + 2 + 1,5 + 3 + 6,5 + 16 = 99, written 100. Its totals
    # "Tổng cộng (I,II,III,IV)" add "Cộng I" (102 = 65 + 28,5 + 3,1 + 5,4) and II-IV: 102 + 24 +
    # 16,5 + 7,5 = 150; 438,8 + 50 + 35 + 20 = 543,8: right. The training table's "Tổng cộng"
    # 7.575.000 = 1.800.000 + 1.800.000 + 2.700.000 + 1.275.000: right (its second header line,
    # "1998 | 1999-2000", is no row of figures).
    ("doc/lamdong_kh_cntt_1998-2000_tcvn3_vni.doc", [
        ("table-totals", ["Bảng 12", "dòng 'Tổng cộng'", "cột 'Tổng hợp / Thành tiền'", "ghi 600", "cộng 8 dòng được 599,5"]),
        ("table-totals", ["Bảng 34", "cột 'Dự kiến kinh phí thực hiện trong năm 1998'", "ghi 100",
                          "cộng 9 dòng được 99,0"]),
        ("table-totals", ["Bảng 39", "ghi 600", "cộng 8 dòng được 599,5"])]),
]


@needs_real
@pytest.mark.parametrize("name, expected", REAL_FINDINGS, ids=[r[0] for r in REAL_FINDINGS])
def test_real_documents_tables_are_checked_as_a_person_adds_them(name, expected):
    from pipeline.check import check, pick_profiles

    report = parse_file(REAL / name)
    found = [f for f in check(report, pick_profiles(report)) if f.rule in TABLE_RULES]
    assert [f.rule for f in found] == [rule for rule, _ in expected], [f.message for f in found]
    for finding, (_, words) in zip(found, expected):
        for word in words:
            assert word in finding.message, finding.message


@needs_real
def test_one_figure_changed_in_a_real_table_is_found():
    """The candidates' table of Lương Minh (above: every column adds up), its "Tổng số" row read
    as the sum of the 13 rows below it, though its header names two columns alike and the first
    is empty. Its total "45" made 46, as a slip of the keyboard would, is a finding."""
    from pipeline.check import check, pick_profiles

    report = parse_file(REAL / "docx" / "luongminh_mttq_hd_gioithieu_ungcu_hdnd_2025-12.docx")
    table = next(t for t in report.tables if t.number == 3)
    assert (table.rows[0].item, table.rows[0].kind) == ("Tổng số", "total")
    table.rows[0].cells[2] = "46"
    (found,) = [f for f in check(report, pick_profiles(report)) if f.rule in TABLE_RULES]
    assert "dòng 'Tổng số', cột 'Phân bổ Số lượng giới thiệu': ghi 46, nhưng cộng 13 dòng được 45." in found.message


def test_a_total_merged_down_from_the_row_above_is_found_on_its_row(tmp_path):
    """A "Tổng cộng" whose figure is the last village's cell merged down over it reads 30 where
    its rows give 48 + 30: the finding is on the total's row (its own cell holds no text), and no
    Word comment is looked for in a cell holding "30"."""
    rows = [["STT", "Thôn", "Hồ sơ tiếp nhận", "Đã giải quyết"], ["1", "Thôn Lùng Phình", "48", "45"],
            ["2", "Thôn Sín Chải", "30", "30"], ["", "Tổng cộng", "", "75"]]
    path = build_draft(tmp_path, "merged-total", [sheet(DOSSIER_TITLE, rows, merges=[(2, 2, 3, 2)])], [])
    (finding,), _ = table_findings(path)
    assert "cột 'Hồ sơ tiếp nhận': ghi 30, nhưng cộng 2 dòng được 78." in finding["message"]
    assert (finding["text"], finding["occurrence"]) == (" | Tổng cộng |  | 75", None)
