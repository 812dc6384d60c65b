"""Tables read as tables (pipeline/tables.py): merged cells filled as a person reads them, header
rows joined into column names, group rows as paths, Vietnamese numbers, continued tables joined,
layout tables told apart, and each table's kind. Drafts are real .docx built with python-docx;
expected values are read off the rows written here."""
from __future__ import annotations

import docxkit
import pytest

from pipeline import parse_file
from pipeline.tables import column_meaning, table_kind, table_rules, task_status

# --- rules/tables.yaml: every example of every entry -----------------------------------------

RULES = table_rules.__wrapped__()  # compiled afresh: the load itself runs every example


def test_every_example_of_rules_tables_is_read_as_its_entry_says():
    from pipeline import rules
    for entry in rules.entries("tables", "columns"):
        for example in entry["examples"]:
            assert column_meaning(example, RULES) == entry["meaning"], example
    for entry in rules.entries("tables", "statuses"):
        for example in entry["examples"]:
            assert task_status(example, RULES) == entry["status"], example
    for entry in rules.entries("tables", "kinds"):
        for example in entry["examples"]:
            assert table_kind([column_meaning(n, RULES) for n in example], RULES) == entry["kind"], example


# Column names as real sheets write them, and what they hold.
MEANINGS = [
    ("Kế hoạch năm 2026", "plan"),
    ("Kết quả thực hiện / Tháng 5", "actual"),
    ("Kết quả thực hiện / Lũy kế", "cumulative"),
    ("% so với kế hoạch", "pct_of_plan"),
    ("So với cùng kỳ (%)", "same_period"),
    ("Cơ quan chủ trì thực hiện", "owner"),
    ("Nội dung nhiệm vụ", "task"),
    ("TTHC", None),  # "TT" only as the whole name is a number column
    ("Họ và tên", None),
]


@pytest.mark.parametrize("name, meaning", MEANINGS, ids=[m[0] for m in MEANINGS])
def test_a_column_name_says_what_the_column_holds(name, meaning):
    assert column_meaning(name) == meaning


STATUSES = [
    ("Hoàn thành", "done"), ("Đã hoàn thành trong tháng 4", "done"), ("Đang thực hiện", "in_progress"),
    ("Chưa hoàn thành", "in_progress"), ("Chưa thực hiện", "not_started"), ("Quá hạn", "overdue"),
    ("Chậm tiến độ do thiếu vốn", "overdue"), ("Tổ chức hội nghị", None),
]


@pytest.mark.parametrize("text, status", STATUSES, ids=[s[0] for s in STATUSES])
def test_a_task_status_is_read_from_its_words(text, status):
    assert task_status(text) == status


# --- a made-up draft with every shape ---------------------------------------------------------

SHEET_HEADER = [["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2026", "Kết quả thực hiện", "", "% so với kế hoạch"],
                ["", "", "", "", "Tháng 5", "Lũy kế", ""]]
# STT, Chỉ tiêu, ĐVT, Kế hoạch and % merged down over the two header rows; "Kết quả thực hiện" across two.
SHEET_MERGES = [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 1, 2), (0, 3, 1, 3), (0, 4, 0, 5), (0, 6, 1, 6)]
SHEET_ROWS = [["I", "Kinh tế", "", "", "", "", ""],
              ["1", "Trồng rừng", "ha", "120", "15,5", "96", "80"],
              ["2", "Thu ngân sách", "triệu đồng", "1.250,5", "-", "x", ""],
              ["II", "Xã hội", "", "", "", "", ""],
              ["1", "Tỷ lệ hộ nghèo", "%", "10", "", "9,8", "100%"]]
SHEET_MORE = [["2", "Số thôn đạt chuẩn văn hóa", "thôn", "12", "1", "10", "83,3"],
              ["", "Tổng cộng", "", "", "", "", ""]]
TASKS = [["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Kết quả"],
         ["1", "Xây dựng kế hoạch chuyển đổi số", "Văn phòng", "30/6/2026", "Đã hoàn thành"],
         ["2", "Rà soát hộ nghèo", "", "31/12/2026", "Đang thực hiện"],
         ["3", "Sửa chữa trụ sở", "Văn phòng", "30/4/2026", "Chậm tiến độ"]]


@pytest.fixture(scope="module")
def draft(tmp_path_factory):
    path = tmp_path_factory.mktemp("tables") / "bang-bieu_made-up.docx"
    document = docxkit.new_document("Made-up draft for the table reader's tests.")
    docxkit.borderless_table(document, [[[("ĐẢNG BỘ TỈNH LÀO CAI", {}), ("ĐẢNG ỦY XÃ LÙNG PHÌNH", {"bold": True}),
                                          ("Số 9-BC/ĐU", {})],
                                         [("ĐẢNG CỘNG SẢN VIỆT NAM", {"bold": True}),
                                          ("Lùng Phình, ngày 28 tháng 5 năm 2026", {"italic": True})]]])
    docxkit.paragraph(document, "BÁO CÁO", bold=True, center=True)
    docxkit.paragraph(document, "kết quả thực hiện nhiệm vụ tháng 5 năm 2026", bold=True, center=True)
    docxkit.paragraph(document, "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", bold=True)
    docxkit.paragraph(document, "Biểu 01: Chỉ tiêu kinh tế - xã hội tháng 5", bold=True)
    docxkit.paragraph(document, "(Đơn vị tính theo cột ĐVT)", italic=True)
    docxkit.data_table(document, SHEET_HEADER + SHEET_ROWS, SHEET_MERGES, header_rows=2)
    docxkit.paragraph(document, "(tiếp theo)")
    docxkit.data_table(document, SHEET_HEADER + SHEET_MORE, SHEET_MERGES, header_rows=2)
    docxkit.paragraph(document, "II. TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ", bold=True)
    docxkit.paragraph(document, "Biểu 02: Theo dõi nhiệm vụ", bold=True)
    docxkit.data_table(document, TASKS, [(1, 2, 2, 2)], header_rows=1)  # one office chairs the first two
    docxkit.paragraph(document, "Trên đây là báo cáo kết quả tháng 5 năm 2026.")
    docxkit.borderless_table(document, [[[("Nơi nhận:", {"bold": True}), ("- Lưu Văn phòng.", {})],
                                         [("T/M ĐẢNG ỦY", {"bold": True}), ("BÍ THƯ", {"bold": True})]]])
    docxkit.save(document, path)
    return parse_file(path)


def test_layout_tables_are_told_apart_from_data_tables(draft):
    assert [(t.number, t.kind) for t in draft.tables] == [(1, "layout"), (2, "indicators"), (4, "tasks"),
                                                          (5, "layout")]


def test_merged_header_cells_are_joined_into_column_names(draft):
    sheet = draft.tables[1]
    assert sheet.header_rows == 2
    assert sheet.columns == ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2026", "Kết quả thực hiện / Tháng 5",
                             "Kết quả thực hiện / Lũy kế", "% so với kế hoạch"]
    assert sheet.meanings == ["number", "item", "unit", "plan", "actual", "cumulative", "pct_of_plan"]
    assert (sheet.title, sheet.section) == ("Biểu 01: Chỉ tiêu kinh tế - xã hội tháng 5", "I")


def test_a_table_continued_after_a_page_break_is_one_table(draft):
    sheet = draft.tables[1]
    assert [r.cells[1] for r in sheet.rows] == ["Kinh tế", "Trồng rừng", "Thu ngân sách", "Xã hội", "Tỷ lệ hộ nghèo",
                                                "Số thôn đạt chuẩn văn hóa", "Tổng cộng"]


# (row, kind, group, label, unit, values): read off SHEET_ROWS and SHEET_MORE.
SHEET_EXPECTED = [
    (0, "group", "", "I", None, {}),
    (1, "data", "I. Kinh tế", "1", "ha", {"plan": 120, "actual": 15.5, "cumulative": 96, "pct_of_plan": 80}),
    (2, "data", "I. Kinh tế", "2", "triệu đồng", {"plan": 1250.5}),  # "-" and "x" hold no number
    (3, "group", "", "II", None, {}),
    (4, "data", "II. Xã hội", "1", "%", {"plan": 10, "cumulative": 9.8, "pct_of_plan": 100}),
    (5, "data", "II. Xã hội", "2", "thôn", {"plan": 12, "actual": 1, "cumulative": 10, "pct_of_plan": 83.3}),
    (6, "total", "II. Xã hội", "", None, {}),
]


@pytest.mark.parametrize("index, kind, group, label, unit, values", SHEET_EXPECTED, ids=[str(e[0]) for e in SHEET_EXPECTED])
def test_indicator_rows_carry_their_group_unit_and_values(draft, index, kind, group, label, unit, values):
    row = draft.tables[1].rows[index]
    assert (row.kind, row.group, row.label, row.unit, row.values) == (kind, group, label, unit, values)


def test_indicator_rows_are_matched_to_the_catalog(draft):
    rows = draft.tables[1].rows
    # "Trồng rừng" with a plan and a result is the catalog's ratio; "Tỷ lệ hộ nghèo" in % its rate.
    assert [rows[1].indicator, rows[4].indicator, rows[2].indicator] == ["afforestation_ha", "poverty_rate", None]


def test_a_task_sheet_gives_each_task_its_status(draft):
    tasks = draft.tables[2]
    assert tasks.meanings == ["number", "task", "owner", "deadline", "actual"]
    assert [(r.item, r.status) for r in tasks.rows] == [("Xây dựng kế hoạch chuyển đổi số", "done"),
                                                        ("Rà soát hộ nghèo", "in_progress"),
                                                        ("Sửa chữa trụ sở", "overdue")]
    # The merged "Văn phòng" stands in each row it covers.
    assert [r.cells[2] for r in tasks.rows] == ["Văn phòng", "Văn phòng", "Văn phòng"]


def test_parse_json_carries_the_tables(draft):
    tables = draft.to_dict()["tables"]
    assert tables[1]["kind"] == "indicators" and tables[1]["columns"][4] == "Kết quả thực hiện / Tháng 5"
    assert tables[1]["rows"][1]["values"] == {"plan": 120, "actual": 15.5, "cumulative": 96, "pct_of_plan": 80}


# --- real documents of other offices (../shared/real) -----------------------------------------

from conftest import REAL, needs_real  # noqa: E402

KINDS = {"indicators", "tasks", "ranking", "other", "layout"}


@needs_real
def test_every_table_of_every_real_docx_is_read_and_classified():
    files = sorted((REAL / "docx").glob("*.docx"))
    with_tables = 0
    for path in files:
        report = parse_file(path)
        with_tables += bool(report.tables)
        for table in report.tables:
            assert table.kind in KINDS, (path.name, table.number)
            assert all(len(row.cells) == len(table.columns) for row in table.rows), (path.name, table.number)
    # 40 of the 49 have a table the reader keeps as one (the other tables are one-column boxes).
    assert (len(files), with_tables) == (49, 40)


# (file, table number, kind, rows, {column index: name}, {(row, column): cell}): read in Word and
# with python-docx, header rows and continued parts counted by hand.
REAL_TABLES = [
    # A quarterly report's statistics annex: a two-row header ("Kết quả thống kê" over two columns).
    ("lamdong_bc_cchc_quy1_2026.docx", 1, "layout", None, {}, {}),
    ("lamdong_bc_cchc_quy1_2026.docx", 2, "layout", None, {}, {}),
    ("lamdong_bc_cchc_quy1_2026.docx", 3, "indicators", 19,
     {0: "STT", 2: "Kết quả thống kê / Đơn vị tính", 3: "Kết quả thống kê / Số liệu", 4: "Ghi chú"},
     {(0, 0): "1", (0, 2): "Văn bản", (0, 3): "29", (1, 3): "22,45"}),
    # Table 5 goes on in table 6 after a page break, its header repeated: 17 + 4 rows.
    ("lamdong_bc_cchc_quy1_2026.docx", 5, "indicators", 21, {},
     {(0, 1): "Thống kê TTHC", (17, 0): "3.2.2", (17, 3): "237.412", (20, 1): "Số PAKN đã giải quyết xong"}),
    ("lamdong_bc_parindex_2025.docx", 3, "indicators", 99,
     {0: "TT", 1: "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", 2: "Điểm chuẩn", 3: "Điểm tự đánh giá"},
     {(1, 1): "Thực hiện kế hoạch CCHC", (1, 2): "1.50", (98, 3): "1.30"}),
    ("lamdong_hcc_bc_hop766_2025-11.docx", 2, "ranking", 13,
     {1: "Đơn vị", 3: "Điểm đạt (tối đa 18 điểm)"},
     {(0, 1): "Sở Nông nghiệp và Môi trường", (0, 2): "100", (12, 3): "14,43"}),
    ("lamdong_hcc_bc_hop766_2025-11.docx", 3, "ranking", 13, {0: "TT", 2: "Tỷ lệ %"},
     {(2, 1): "Sở Dân tộc và Tôn giáo", (2, 3): "19.31", (12, 1): "Sở Tư pháp"}),
    ("lamdong_hcc_bc_hop766_2025-11.docx", 4, "ranking", 13,
     {2: "Tổng điểm (22 điểm) / Tỷ lệ (%)", 3: "Tổng điểm (22 điểm) / Điểm đánh giá",
      15: "Thanh toán trực tuyến / Điểm hồ sơ thanh toán trực tuyến"},
     {(0, 2): "90.91", (12, 1): "Sở Tài chính", (12, 15): "2.99"}),
    ("lamdong_kh_tuyentruyen_cchc_2026.docx", 2, "tasks", 11,
     {0: "TT", 1: "Nội dung", 2: "Trách nhiệm thực hiện", 3: "Thời gian (Năm 2026)"},
     {(0, 2): "Lãnh đạo Sở Công Thương", (10, 0): "11"}),
    # The unit column is merged down from the first row: each row reads it.
    ("lamdong_stc_bangdiem_chiso_2025-11.docx", 1, "indicators", 6,
     {1: "NHÓM CHỈ TIÊU", 3: "ĐƠN VỊ", 5: "ĐIỂM ĐÁNH GIÁ"},
     {(1, 2): "Điểm công khai minh bạch", (1, 3): "Sở Tài chính - Tỉnh Lâm Đồng", (1, 5): "18/18",
      (5, 4): "85,55"}),
    ("btc_duthao_thongtu_thaythe_tt244_2025.docx", 2, "other", 2,
     {1: "Nội dung thu", 2: "Mức thu (đồng/lần/người)"}, {(0, 2): "200.000", (1, 2): "100.000"}),
    ("luongminh_mttq_hd_gioithieu_ungcu_hdnd_2025-12.docx", 3, "other", 14,
     {2: "Phân bổ Số lượng giới thiệu", 3: "Nữ", 4: "Cơ cấu kết hợp / Tái cử"},
     {(0, 1): "Tổng số", (0, 2): "45", (13, 1): "Thôn Khe Giấy"}),
    # A register form: its header, then a row numbering the columns "(1) … (10)", then nothing.
    ("chinhphu_nd30_2020_phuluc4_mau_qlvb.docx", 1, "other", 0, {0: "Số, ký hiệu văn bản", 3: "Người ký"}, {}),
]


@pytest.fixture(scope="module")
def real_reports():
    return {}


@needs_real
@pytest.mark.parametrize("name, number, kind, count, columns, cells", REAL_TABLES,
                         ids=[f"{t[0]}:{t[1]}" for t in REAL_TABLES])
def test_real_tables_read_as_a_person_reads_them(real_reports, name, number, kind, count, columns, cells):
    if name not in real_reports:
        real_reports[name] = parse_file(REAL / "docx" / name)
    table = next(t for t in real_reports[name].tables if t.number == number)
    assert table.kind == kind
    if count is not None:
        assert len(table.rows) == count
    assert {i: table.columns[i] for i in columns} == columns
    assert {(r, c): table.rows[r].cells[c] for r, c in cells} == cells


# --- parse --tables DIR -------------------------------------------------------------------------

def test_parse_tables_writes_each_data_table_as_csv_for_excel(draft, tmp_path):
    from click.testing import CliRunner

    from pipeline.cli import cli

    out = tmp_path / "bang"
    result = CliRunner().invoke(cli, ["parse", draft.document.path, "--tables", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["bang-bieu_made-up_table02.csv", "bang-bieu_made-up_table04.csv"]
    data = (out / "bang-bieu_made-up_table04.csv").read_bytes()
    assert data.startswith("\ufeff".encode())
    assert data.decode("utf-8-sig").splitlines() == [
        "STT,Nội dung nhiệm vụ,Cơ quan chủ trì,Thời hạn,Kết quả",
        "1,Xây dựng kế hoạch chuyển đổi số,Văn phòng,30/6/2026,Đã hoàn thành",
        "2,Rà soát hộ nghèo,Văn phòng,31/12/2026,Đang thực hiện",
        "3,Sửa chữa trụ sở,Văn phòng,30/4/2026,Chậm tiến độ"]
    # "-" (none) stays "-": it is no formula a spreadsheet would run.
    assert '"1.250,5",-,x,' in (out / "bang-bieu_made-up_table02.csv").read_text(encoding="utf-8-sig")


def test_parse_tables_never_writes_over_its_input(draft, tmp_path):
    import os

    from click.testing import CliRunner

    from pipeline.cli import cli

    out = tmp_path / "bang"
    out.mkdir()
    source = tmp_path / "bang-bieu_made-up.docx"
    source.write_bytes(open(draft.document.path, "rb").read())
    os.link(source, out / "bang-bieu_made-up_table02.csv")  # the output path is the input under another name
    result = CliRunner().invoke(cli, ["parse", str(source), "--tables", str(out)])
    assert result.exit_code == 2
    assert "is the same file as the input" in result.output
    assert source.read_bytes() == open(draft.document.path, "rb").read()


# --- the sample corpus: expected CSVs written from the sheets as typed (tests/data/tables) --------

from conftest import CORPUS, ROOT  # noqa: E402

EXPECTED_CSVS = sorted((ROOT / "tests" / "data" / "tables").glob("*.csv"))


@pytest.mark.parametrize("expected", EXPECTED_CSVS, ids=lambda p: p.stem)
def test_corpus_tables_come_out_cell_for_cell(expected, tmp_path):
    from pipeline.export import write_table_csvs

    report_name, _ = expected.stem.rsplit("_table", 1)
    report = parse_file(CORPUS / "reports" / f"{report_name}.docx")
    written = {p.name: p for p in write_table_csvs(report, tmp_path)}
    assert written[expected.name].read_bytes().decode("utf-8").splitlines() == \
        expected.read_bytes().decode("utf-8").splitlines()


def test_the_seeds_task_sheet_counts_what_its_text_says(seed_report):
    """"90 nhiệm vụ … 43 nhiệm vụ hoàn thành, 47 nhiệm vụ đang tiếp tục triển khai" (part III.2)."""
    from collections import Counter

    sheet = next(t for t in seed_report.tables if t.kind == "tasks")
    assert "không có thật" in sheet.title  # made up, and it says so
    assert (len(sheet.rows), Counter(r.status for r in sheet.rows)) == (90, {"done": 43, "in_progress": 47})


# --- the archive and the comparison -----------------------------------------------------------

@pytest.fixture(scope="module")
def three_months(tmp_path_factory):
    from pipeline.ingest import ingest

    db = tmp_path_factory.mktemp("archive") / "a.sqlite"
    ingest([CORPUS / "reports" / f"lung-phinh_2026-0{m}_{'seed' if m == 5 else 'made-up'}.docx" for m in (4, 5, 6)], db)
    return db


def test_table_cells_are_archived_with_their_provenance(three_months):
    from pipeline.store import connect

    conn = connect(three_months, create=False)
    cells = conn.execute(
        'SELECT table_number, table_kind, section, "row", "column", column_name, meaning, c.text, value, indicator'
        " FROM table_cells c JOIN reports r ON r.id = c.report_id WHERE r.period = '2026-06' AND item = 'Trồng rừng'"
        ' ORDER BY "column"').fetchall()
    # June's sheet, row 2 ("1 | Trồng rừng | ha | 56 | 7,5 | 18 | 32,1"), read in the annex.
    assert cells == [
        (3, "indicators", "PL", 2, 1, "STT", "number", "1", 1.0, "afforestation_ha"),
        (3, "indicators", "PL", 2, 2, "Chỉ tiêu", "item", "Trồng rừng", None, "afforestation_ha"),
        (3, "indicators", "PL", 2, 3, "ĐVT", "unit", "ha", None, "afforestation_ha"),
        (3, "indicators", "PL", 2, 4, "Kế hoạch năm 2026", "plan", "56", 56.0, "afforestation_ha"),
        (3, "indicators", "PL", 2, 5, "Kết quả thực hiện / Tháng 6", "actual", "7,5", 7.5, "afforestation_ha"),
        (3, "indicators", "PL", 2, 6, "Kết quả thực hiện / Lũy kế", "cumulative", "18", 18.0, "afforestation_ha"),
        (3, "indicators", "PL", 2, 7, "% so với kế hoạch", "pct_of_plan", "32,1", 32.1, "afforestation_ha")]
    tasks = conn.execute("SELECT status, COUNT(DISTINCT \"row\") FROM table_cells WHERE table_kind = 'tasks'"
                         " GROUP BY status ORDER BY status").fetchall()
    assert tasks == [("done", 43), ("in_progress", 47)]


def test_compare_shows_table_indicators_month_to_month_beside_sentence_ones(three_months):
    from pipeline import api

    table = api.compare(three_months, indicators=["afforestation_ha"])
    rows = [(r.source, r.period, r.value, r.target, None if r.change != r.change else r.change)
            for r in table.itertuples()]
    # Sentences: "9/56 ha", "10,5/56 ha", "18/56 ha"; the sheets' Lũy kế column the same, plan 56.
    assert rows == [("catalog", "2026-04", 9.0, 56.0, None), ("catalog", "2026-05", 10.5, 56.0, 1.5),
                    ("catalog", "2026-06", 18.0, 56.0, 7.5),
                    ("table", "2026-04", 9.0, 56.0, None), ("table", "2026-05", 10.5, 56.0, 1.5),
                    ("table", "2026-06", 18.0, 56.0, 7.5)]
    assert set(table["direction"].dropna()) == {"better"}


def test_the_workbook_carries_table_indicators(three_months, tmp_path):
    import openpyxl
    from click.testing import CliRunner

    from pipeline.cli import cli

    out = tmp_path / "c.xlsx"
    result = CliRunner().invoke(cli, ["compare", "--db", str(three_months), "--xlsx", str(out)])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(out).worksheets[0]
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "Tỷ lệ hộ nghèo (bảng biểu)" in names and "Tỷ lệ hộ nghèo" in names



def _sheet_month(path, month, rows):
    document = docxkit.new_document("Made-up report for the table comparison tests.")
    docxkit.borderless_table(document, [[[("ĐẢNG ỦY XÃ LÙNG PHÌNH", {"bold": True}), (f"Số {month}-BC/ĐU", {})],
                                         [("ĐẢNG CỘNG SẢN VIỆT NAM", {"bold": True}),
                                          (f"Lùng Phình, ngày 28 tháng {month} năm 2026", {"italic": True})]]])
    docxkit.paragraph(document, "BÁO CÁO", bold=True, center=True)
    docxkit.paragraph(document, f"kết quả thực hiện nhiệm vụ tháng {month} năm 2026", bold=True, center=True)
    docxkit.paragraph(document, "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", bold=True)
    docxkit.paragraph(document, f"Biểu 01: Chỉ tiêu trồng rừng tháng {month}", bold=True)
    header = [[cell.replace("Tháng 5", f"Tháng {month}") for cell in line] for line in SHEET_HEADER]
    docxkit.data_table(document, header + rows, SHEET_MERGES, header_rows=2)
    docxkit.save(document, path)
    return path


def test_two_rows_of_one_indicator_in_a_sheet_are_both_compared(tmp_path):
    """A sheet whose "Trồng rừng phân tán" row comes before its "Trồng rừng" row: the catalog's
    afforestation_ha takes the row that names it (not the first), and the other is a series of its
    own words, month to month; neither is dropped."""
    from pipeline import api

    months = [_sheet_month(tmp_path / f"rung_2026-0{month}_made-up.docx", month, [
        ["1", "Trồng rừng phân tán", "ha", "20", scattered, scattered, ""],
        ["2", "Trồng rừng", "ha", "120", total, total, ""]]) for month, scattered, total in
        [(5, "3", "15,5"), (6, "4,5", "21")]]
    api.ingest(months, tmp_path / "a.sqlite")
    table = api.compare(tmp_path / "a.sqlite")
    table = table[table["source"] == "table"]
    series = {key: [(r.period, r.value, r.target, None if r.change != r.change else r.change) for r in rows.itertuples()]
              for key, rows in table.groupby("indicator")}
    assert series == {"afforestation_ha": [("2026-05", 15.5, 120.0, None), ("2026-06", 21.0, 120.0, 5.5)],
                      "table:trong-rung-phan-tan": [("2026-05", 3.0, 20.0, None), ("2026-06", 4.5, 20.0, 1.5)]}


def test_a_sheet_row_the_offices_own_catalog_names_takes_its_key(tmp_path):
    """"Khoanh nuôi tái sinh rừng" is in no built-in indicator; the office's catalog names it, so
    its sheet rows are compared under the office's key and name, month to month."""
    import yaml

    from pipeline import api

    months = [_sheet_month(tmp_path / f"rung_2026-0{month}_made-up.docx", month, [
        ["1", "Trồng rừng", "ha", "120", "15,5", total, ""],
        ["2", "Khoanh nuôi tái sinh rừng", "ha", "100", "12", regrowth, ""]]) for month, total, regrowth in
        [(5, "15,5", "30"), (6, "21", "42")]]
    api.ingest(months, tmp_path / "a.sqlite")
    (tmp_path / "baocao-profiles").mkdir()
    (tmp_path / "baocao-profiles" / "rung.indicators.yaml").write_text(yaml.safe_dump({"indicators": [
        {"key": "forest_regrowth_ha", "name": "Diện tích khoanh nuôi tái sinh rừng", "unit": "ratio",
         "higher_is_better": True, "aliases": ["khoanh nuôi tái sinh rừng"], "examples": ["khoanh nuôi tái sinh rừng"]}]},
        allow_unicode=True), encoding="utf-8")
    table = api.compare(tmp_path / "a.sqlite", indicators=["forest_regrowth_ha"])
    assert [(r.source, r.name, r.period, r.value, r.target, None if r.change != r.change else r.change,
             r.direction if isinstance(r.direction, str) else None) for r in table.itertuples()] == [
        ("table", "Diện tích khoanh nuôi tái sinh rừng", "2026-05", 30.0, 100.0, None, None),
        ("table", "Diện tích khoanh nuôi tái sinh rừng", "2026-06", 42.0, 100.0, 12.0, "better")]

# --- table titles and layout tables of real documents (issue 15, item 5) ---------------------------

# (file, table number, title): read off the lines just above each table in Word.
REAL_TITLES = [
    # "Biểu mẫu 1" stands alone over the sheet's name: both name it.
    ("lamdong_bc_cchc_quy1_2026.docx", 3, "Biểu mẫu 1: Công tác chỉ đạo điều hành CCHC"),
    ("lamdong_bc_cchc_quy1_2026.docx", 10, "Biểu mẫu 7: Xây dựng và phát triển Chính quyền điện tử, Chính quyền số"),
    ("luongminh_mttq_hd_gioithieu_ungcu_hdnd_2025-12.docx", 26,
     "DANH SÁCH NHỮNG NGƯỜI ĐƯỢC GIỚI THIỆU ỨNG CỬ ĐẠI BIỂU HỘI ĐỒNG NHÂN DÂN XÃ LƯƠNG MINH NHIỆM KỲ 2026 - 2031"),
    ("lamdong_stc_bangdiem_chiso_2025-11.docx", 2, "ĐIỂM THÀNH PHẦN"),
    ("lamdong_hcc_bc_hop766_2025-11.docx", 3, "c) Tiến độ, kết quả giải quyết TTHC"),
    # Sentences of the body that lead into the table name none of it: "… gồm 11 chuyên mục sau:",
    # "Tối thiểu gồm 10 nội dung:", "… ứng cử như sau:".
    ("lamdong_kh_tuyentruyen_cchc_2026.docx", 2, ""),
    ("chinhphu_nd30_2020_phuluc4_mau_qlvb.docx", 1, ""),
    ("luongminh_mttq_hd_gioithieu_ungcu_hdnd_2025-12.docx", 9, ""),
]


@needs_real
@pytest.mark.parametrize("name, number, title", REAL_TITLES, ids=[f"{t[0]}:{t[1]}" for t in REAL_TITLES])
def test_a_table_is_named_by_the_line_that_names_it_not_by_a_sentence(real_reports, name, number, title):
    if name not in real_reports:
        real_reports[name] = parse_file(REAL / "docx" / name)
    assert next(t for t in real_reports[name].tables if t.number == number).title == title


# (file, [(number, first column's name opens with, second's)]): the header block and the "Nơi nhận"
# and signature block of three real documents, as python-docx shows their cells.
REAL_LAYOUT = [
    ("lamdong_tbkl_04_2026-04.docx", [(1, "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                                      (2, "Nơi nhận: - Chủ tịch, các PCT UBND tỉnh;", "TL. CHỦ TỊCH KT. CHÁNH VĂN PHÒNG")]),
    ("luongminh_mttq_kh_hiepthuong_lan2_2026-01.docx",
     [(1, "/ỦY BAN MTTQ VIỆT NAM XÃ LƯƠNG MINH BAN THƯỜNG TRỰC", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
      (2, "Nơi nhận: - Ban TT Uỷ ban MTTQ Việt Nam xã;", "TM. BAN THƯỜNG TRỰC CHỦ TỊCH")]),
    ("lamdong_bc_dean06_thang08_2025.docx", [(1, "UBND TỈNH LÂM ĐỒNG BAN CHỈ ĐẠO", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                                             (2, "Nơi nhận: - Văn phòng Chính phủ;", "")]),
]


@needs_real
@pytest.mark.parametrize("name, expected", REAL_LAYOUT, ids=[t[0] for t in REAL_LAYOUT])
def test_the_header_and_signature_blocks_of_real_documents_are_layout(real_reports, name, expected):
    if name not in real_reports:
        real_reports[name] = parse_file(REAL / "docx" / name)
    tables = real_reports[name].tables
    assert [t.number for t in tables] == [number for number, _, _ in expected]
    for table, (_, first, second) in zip(tables, expected):
        assert (table.kind, table.title) == ("layout", "")
        assert table.columns[0].startswith(first) and table.columns[1].startswith(second), table.columns
