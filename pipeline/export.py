"""Write a comparison where office staff read it: an Excel workbook and a page with charts.

Both are self-contained: the page has its charts as inline SVG and its style inline, so it opens
offline from a USB stick; the workbook needs nothing but Excel or LibreOffice.
"""
from __future__ import annotations

import csv
import html
import io
import math
from pathlib import Path

import pandas as pd

from pipeline.errors import BaocaoError
from pipeline.models import Report, Table
from pipeline.outputs import replacing, shown_path

BETTER_FILL, WORSE_FILL = "C6EFCE", "FFC7CE"
BETTER_COLOUR, WORSE_COLOUR = "#1a7f37", "#c62828"
SHEETS = ("Chỉ tiêu theo kỳ", "Dữ liệu chi tiết", "Văn bản trích dẫn")
DIRECTION_WORDS = {"better": "tốt lên", "worse": "xấu đi", "same": "không đổi"}
# Where a series was read: a table's is shown beside the sentences' one of the same indicator.
SOURCE_WORDS = {"catalog": "danh mục", "found": "tự tìm", "office": "danh mục đơn vị", "table": "bảng biểu"}


def _series_name(name: str, source: str) -> str:
    return f"{name} (bảng biểu)" if source == "table" else name


def _number_format(unit: str | None) -> str:
    return '0.00"%"' if unit == "%" else "#,##0.##"


# A cell a spreadsheet would run as a formula (OWASP "CSV injection"): report text is data.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """A value for a CSV cell: text that a spreadsheet would read as a formula gets a leading "'"
    (OWASP's advice), numbers stay numbers; a table's lone "-" (none) is no formula and stays."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and value != "-":
        return "'" + value
    return value


def table_csv_name(report: Report, table: Table) -> str:
    """"lung-phinh_2026-05_seed_table03.csv": the report's file name and the table's number."""
    return f"{Path(report.document.path).stem}_table{table.number:02d}.csv"


def write_table_csvs(report: Report, folder: str | Path, inputs: list[str | Path] = ()) -> list[Path]:
    """Each table of a report that holds data (not the header or signature block) as CSV, UTF-8
    with a BOM so Excel shows Vietnamese: the column names, then the rows, every cell as read.
    Never writes over an input (`outputs.replacing`)."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BaocaoError(f"{folder}: cannot make the folder ({exc.strerror})") from None
    written = []
    for table in report.tables:
        if table.kind == "layout":
            continue
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([csv_cell(name) for name in table.columns])
        writer.writerows([csv_cell(cell) for cell in row.cells] for row in table.rows)
        target = folder / table_csv_name(report, table)
        with replacing(target, inputs) as temporary:
            temporary.write_text("\ufeff" + buffer.getvalue(), encoding="utf-8")
        written.append(target)
    return written


def _append_as_data(sheet, row: list) -> None:
    """Append a row whose text cells stay text: openpyxl writes any string starting with "=" as a
    live formula, so "=HYPERLINK(…)" in a report's header would run when the workbook opens."""
    sheet.append(row)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def write_xlsx(table: pd.DataFrame, citations: pd.DataFrame, path: str | Path) -> None:
    """Three sheets: indicators by period, long data with provenance, citations by period.
    Frozen header, filters, number formats; rises and falls coloured by whether they are good."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    bold = Font(bold=True)
    fills = {"better": PatternFill("solid", fgColor=BETTER_FILL), "worse": PatternFill("solid", fgColor=WORSE_FILL)}

    def header(sheet, names: list[str], widths: list[int]) -> None:
        sheet.append(names)
        for index, width in enumerate(widths, start=1):
            sheet.cell(row=1, column=index).font = bold
            sheet.cell(row=1, column=index).alignment = Alignment(wrap_text=True, vertical="top")
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"

    periods = sorted(table["period"].unique()) if not table.empty else []
    by_period = book.active
    by_period.title = SHEETS[0]
    header(by_period, ["Đơn vị", "Chỉ tiêu", "Mã", "Đơn vị tính", *periods], [28, 48, 30, 12, *[11] * len(periods)])
    for (issuer, key, source), group in table.groupby(["issuer", "indicator", "source"], sort=True):
        first = group.iloc[0]
        row = [issuer, _series_name(first["name"], source), key, first["unit"]]
        values = {r["period"]: r for _, r in group.iterrows()}
        _append_as_data(by_period, row + [values[p]["value"] if p in values else None for p in periods])
        current = by_period.max_row
        for offset, period in enumerate(periods):
            if period not in values:
                continue
            cell = by_period.cell(row=current, column=5 + offset)
            cell.number_format = _number_format(first["unit"])
            direction = values[period]["direction"]
            if direction in fills:
                cell.fill = fills[direction]
    by_period.auto_filter.ref = by_period.dimensions

    detail = book.create_sheet(SHEETS[1])
    columns = {"issuer": "Đơn vị", "indicator": "Mã", "name": "Chỉ tiêu", "period": "Kỳ", "value": "Giá trị",
               "target": "Kế hoạch", "unit": "Đơn vị tính", "change": "Thay đổi", "change_pct": "Thay đổi (%)",
               "direction": "Xu hướng", "file": "Tệp", "section": "Mục", "text": "Nguyên văn", "source": "Nguồn"}
    header(detail, list(columns.values()), [28, 30, 44, 10, 10, 10, 10, 10, 10, 10, 50, 10, 40, 10])
    for _, r in table.iterrows():
        values = {c: None if isinstance(r[c], float) and math.isnan(r[c]) else r[c] for c in columns}
        # The file as the user named it, not the absolute path it was archived under.
        values["file"] = shown_path(values["file"]) if values["file"] else None
        values["direction"] = DIRECTION_WORDS.get(values["direction"], values["direction"])
        values["source"] = SOURCE_WORDS.get(values["source"], values["source"])
        _append_as_data(detail, list(values.values()))
        current = detail.max_row
        detail.cell(row=current, column=5).number_format = _number_format(r["unit"])
        if r["direction"] in fills:
            for column in (8, 9, 10):
                detail.cell(row=current, column=column).fill = fills[r["direction"]]
    detail.auto_filter.ref = detail.dimensions

    cited = book.create_sheet(SHEETS[2])
    cite_periods = sorted(citations["period"].unique()) if not citations.empty else []
    header(cited, ["Đơn vị", "Văn bản", "Loại", "Mã", *cite_periods], [28, 22, 16, 22, *[11] * len(cite_periods)])
    for (issuer, key), group in citations.groupby(["issuer", "key"], sort=True):
        first = group.iloc[0]
        status = {r["period"]: r["status"] for _, r in group.iterrows()}
        marks = {"new": "mới", "kept": "✓", "dropped": "bỏ"}
        _append_as_data(cited, [issuer, first["symbol"] or key, first["type"], key,
                                *[marks.get(status.get(p), "") for p in cite_periods]])
        current = cited.max_row
        for offset, period in enumerate(cite_periods):
            if status.get(period) == "dropped":
                cited.cell(row=current, column=5 + offset).fill = fills["worse"]
    cited.auto_filter.ref = cited.dimensions
    book.save(path)


def _chart_svg(group: pd.DataFrame, unit: str | None) -> str:
    """A small line chart of one indicator's values by period, as inline SVG."""
    # The right pad holds half of the last period's label, which is centred on its point.
    width, height, pad_left, pad_right, pad_bottom, pad_top = 320, 150, 44, 22, 28, 14
    values = list(group["value"])
    periods = list(group["period"])
    low, high = min(values), max(values)
    if high == low:
        low, high = low - 1, high + 1
    span_x = len(values) - 1

    def x(i: int) -> float:
        return pad_left + (width - pad_left - pad_right) * i / span_x

    def y(v: float) -> float:
        return pad_top + (height - pad_top - pad_bottom) * (high - v) / (high - low)

    points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
    suffix = "%" if unit == "%" else ""
    parts = [f'<svg class="chart" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
             f'<line x1="{pad_left}" y1="{height - pad_bottom}" x2="{width - 8}" y2="{height - pad_bottom}" stroke="#999"/>',
             f'<text x="4" y="{y(high) + 4:.1f}" class="axis">{high:g}{suffix}</text>',
             f'<text x="4" y="{y(low) + 4:.1f}" class="axis">{low:g}{suffix}</text>',
             f'<polyline fill="none" stroke="#1f5fa8" stroke-width="2" points="{points}"/>']
    for i, (value, period, direction) in enumerate(zip(values, periods, group["direction"])):
        colour = {"better": BETTER_COLOUR, "worse": WORSE_COLOUR}.get(direction, "#1f5fa8")
        parts.append(f'<circle class="point" cx="{x(i):.1f}" cy="{y(value):.1f}" r="3.5" fill="{colour}">'
                     f"<title>{html.escape(period)}: {value:g}{suffix}</title></circle>")
        parts.append(f'<text x="{x(i):.1f}" y="{height - 10}" text-anchor="middle" class="axis">{html.escape(period[2:])}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _figure(row: pd.Series) -> str:
    """One period's value as a figure: a chart of one point would need an axis made up around it."""
    unit = "%" if row["unit"] == "%" else f" {row['unit']}" if row["unit"] else ""
    return (f'<p class="figure"><span class="value">{row["value"]:g}{html.escape(unit)}</span>'
            f' <span class="period">(chỉ có kỳ {html.escape(row["period"])})</span></p>')


def write_html(table: pd.DataFrame, citations: pd.DataFrame, path: str | Path, title: str = "So sánh chỉ tiêu") -> None:
    """One page: a small chart per indicator, then the table, then what was cited and dropped."""
    sections = []
    for (issuer, key, source), group in table.groupby(["issuer", "indicator", "source"], sort=True):
        group = group.sort_values("period")
        last = group.iloc[-1]
        change = "" if pd.isna(last["change"]) else f"{last['change']:+g}"
        sections.append(
            f'<section class="indicator" data-indicator="{html.escape(key)}" data-issuer="{html.escape(issuer)}"'
            f' data-source="{html.escape(source)}"><h3>{html.escape(_series_name(str(last["name"]), source))}</h3>'
            f'<p class="meta">{html.escape(issuer)} · {html.escape(str(last["unit"] or ""))} · '
            f'kỳ gần nhất {html.escape(last["period"])}: <b>{last["value"]:g}</b> '
            f'<span class="{last["direction"] or ""}">{change}</span></p>'
            f"{_chart_svg(group, last['unit']) if len(group) > 1 else _figure(last)}</section>")
    rows = []
    for _, r in table.iterrows():
        change = "" if pd.isna(r["change"]) else f"{r['change']:+g}"
        pct = "" if pd.isna(r["change_pct"]) else f"{r['change_pct']:+.1f}%"
        rows.append(f'<tr class="{r["direction"] or ""}"><td>{html.escape(r["issuer"])}</td>'
                    f"<td>{html.escape(str(r['name']))}</td><td class=period>{html.escape(r['period'])}</td>"
                    f"<td class=num>{r['value']:g}</td><td>{html.escape(str(r['unit'] or ''))}</td>"
                    f"<td class=num>{change}</td><td class=num>{pct}</td>"
                    f"<td>{html.escape(str(r['section'] or ''))}</td><td>{html.escape(str(r['text']))}</td></tr>")
    dropped = citations[citations["status"] == "dropped"] if not citations.empty else citations
    dropped_rows = "".join(
        f"<li>{html.escape(r['period'])}: {html.escape(str(r['symbol'] or r['key']))} "
        f"({html.escape(str(r['type'] or ''))}) — {html.escape(r['issuer'])}</li>" for _, r in dropped.iterrows())
    page = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>
body {{ font-family: "Times New Roman", "DejaVu Serif", serif; margin: 24px; color: #222; }}
h1 {{ font-size: 22px; }} h3 {{ font-size: 15px; margin: 0 0 4px; }}
.charts {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 12px; }}
.indicator {{ border: 1px solid #ddd; border-radius: 6px; padding: 8px; }}
.meta {{ font-size: 12px; margin: 0 0 4px; }} .axis {{ font-size: 10px; fill: #555; }}
table {{ border-collapse: collapse; font-size: 13px; margin-top: 16px; }}
th, td {{ border: 1px solid #ccc; padding: 3px 6px; vertical-align: top; }} th {{ background: #f2f2f2; }}
td.num {{ text-align: right; }} td.period, .figure .period {{ white-space: nowrap; }}
.figure {{ margin: 12px 0; }} .figure .value {{ font-size: 28px; font-weight: bold; color: #1f5fa8; }}
tr.better td, span.better {{ color: {BETTER_COLOUR}; }}
tr.worse td, span.worse {{ color: {WORSE_COLOUR}; }}
</style></head><body>
<h1>{html.escape(title)}</h1>
<div class="charts">{''.join(sections)}</div>
<h2>Bảng số liệu</h2>
<table id="values"><thead><tr><th>Đơn vị</th><th>Chỉ tiêu</th><th>Kỳ</th><th>Giá trị</th><th>Đơn vị tính</th>
<th>Thay đổi</th><th>Thay đổi %</th><th>Mục</th><th>Nguyên văn</th></tr></thead>
<tbody>{''.join(rows)}</tbody></table>
<h2>Văn bản không còn được trích dẫn</h2><ul id="dropped">{dropped_rows or '<li>Không có.</li>'}</ul>
</body></html>
"""
    Path(path).write_text(page, encoding="utf-8")
