"""The draft check's rules on tables (rules of kind consistent_tables, run by pipeline/check.py):
a task sheet whose counts disagree with the text, a percentage column that disagrees with the
plan and result beside it, a total row that is not the sum of its rows.

Each check says something only when it is sure of what it compares: a count of the text is held
against the sheet only when its paragraph points at an attached sheet and names all the tasks
(not those of one field), a percentage only against the values of its own row, a total only
against rows it plainly covers. What each check returns is the message's fields and the place of
the cell (or the text's figure) it is about; check.py words and levels it as the rule says.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.models import Report, Table, TableRow
from pipeline.normalise import fold
from pipeline.quantities import cell_number, written_number
from pipeline.resolve import catalog
from pipeline.tables import cell_span, label_rank, sums_rows

CHECKS = ("task_counts", "percent_of_plan", "percent_of_previous", "totals")
# The words by which a paragraph points at a sheet attached to the report, unless the rule gives its own.
SHEET_WORDS = ["biểu", "phụ lục", "bảng", "kèm theo"]
# The text's task counts and what each counts on the sheet: every task, or those of one status.
TASK_COUNTS = {"tasks_assigned": None, "tasks_done": "done", "tasks_in_progress": "in_progress"}
STATUS_WORDS = {None: "", "done": " hoàn thành", "in_progress": " đang thực hiện"}
# Columns that name, rank or date a row, or hold a rate: nothing a total adds up.
_NOT_ADDED = {"number", "unit", "item", "entity", "task", "owner", "deadline", "note", "rank", "pct_of_plan",
              "same_period"}
_TITLE_SHOWN = 90


@dataclass
class TableIssue:
    """One disagreement: the check, the message's fields, where it is (a cell, or the text's
    figure), the table and row as the author finds them, and for a cell, which of the document's
    table cells holding that same text it is (so a Word comment lands on it, not on an equal
    number elsewhere)."""

    check: str
    fields: dict
    start: int
    end: int
    link: str
    occurrence: int | None = None


def run(report: Report, checks: set[str], sheet_words: list[str] | None = None) -> list[TableIssue]:
    data = [t for t in report.tables if t.kind != "layout"]
    names = {t.number: _table_name(t, i + 1) for i, t in enumerate(data)}
    cells = _cell_occurrences(report)
    out: list[TableIssue] = []
    if "task_counts" in checks:
        out += _task_counts(report, data, names, sheet_words or SHEET_WORDS)
    for table in data:
        if "percent_of_plan" in checks:
            out += _percentages(report, table, names[table.number], cells, "pct_of_plan", ["plan"])
        if "percent_of_previous" in checks:
            out += _percentages(report, table, names[table.number], cells, "same_period", ["previous"])
        if "totals" in checks:
            out += _totals(report, table, names[table.number], cells)
    return out


# --- naming what a finding is about --------------------------------------------------------------

def _table_name(table: Table, ordinal: int) -> str:
    """"Bảng 2 (Biểu 01: Chỉ tiêu kinh tế - xã hội tháng 5)": counted among the tables a reader
    sees as tables (not the header or signature blocks, which Word draws without borders)."""
    title = table.title if len(table.title) <= _TITLE_SHOWN else table.title[:_TITLE_SHOWN].rsplit(" ", 1)[0] + " …"
    return f"Bảng {ordinal} ({title})" if title else f"Bảng {ordinal}"


def _row_name(row: TableRow) -> str:
    item = row.item if len(row.item) <= _TITLE_SHOWN else row.item[:_TITLE_SHOWN].rsplit(" ", 1)[0] + " …"
    if row.label and not item.startswith(row.label):
        return f"{row.label} '{item}'" if item else row.label
    return f"'{item}'"


def _where(report: Report, name: str, row: TableRow) -> str:
    """The finding's link: the table and row as the author finds them in the document."""
    section = report.section_at(row.start)
    return f"{name}, dòng {_row_name(row)}" + (f", mục {section}" if section else "")


def _decimals(text: str) -> int:
    """How many decimals a cell writes: "83,3" 1, "8.00" 2 (a decimal point), "1.250" 0 (thousands)."""
    text = text.strip().rstrip("%").strip()
    if "," in text:
        return len(text.rsplit(",", 1)[1])
    if re.fullmatch(r"[+\-−]?\d+\.\d+", text) and not re.fullmatch(r"[+\-−]?\d{1,3}(?:\.\d{3})+", text):
        return len(text.rsplit(".", 1)[1])
    return 0


def _cell_occurrences(report: Report) -> dict[tuple[int, int], int]:
    """For each table cell (by its start in the text), how many cells of the document's tables
    before it hold the very same text."""
    seen: dict[str, int] = {}
    out = {}
    for line in report.lines:
        if line.block.kind != "row":
            continue
        offset = line.start
        for cell in line.block.cells:
            text = " ".join(p.shown for p in cell if p.shown).strip()
            out[offset] = seen.get(text, 0)
            seen[text] = seen.get(text, 0) + 1
            offset += len(text) + len(" | ")
    return out


def _cell_issue(report: Report, check: str, fields: dict, table_name: str, row: TableRow, column: int,
                cells: dict) -> TableIssue:
    start, end = cell_span(report, row, column)
    whole_row = (start, end) == (row.start, row.end)  # a cell merged from above: the finding is on its row
    return TableIssue(check, fields, start, end, _where(report, table_name, row), None if whole_row else cells.get(start))


# --- task sheet against the text ------------------------------------------------------------------

def _task_counts(report: Report, tables: list[Table], names: dict, sheet_words: list[str]) -> list[TableIssue]:
    """The text's count of all tasks, of those done and of those in progress, against the sheet.
    Only with one task sheet in the report (with several, which one a count is about is a guess),
    only for a count whose paragraph points at an attached sheet, whose subject is the tasks
    themselves ("43 nhiệm vụ hoàn thành", not "43 nhiệm vụ về kinh tế hoàn thành", a part of
    them), and which the text gives once; a status count only when every task's status was read."""
    sheets = [t for t in tables if t.kind == "tasks"]
    if len(sheets) != 1:
        return []
    sheet = sheets[0]
    tasks = [r for r in sheet.rows if r.kind == "data"]
    numbered = "number" not in sheet.meanings or all(r.label for r in tasks)
    on_sheet = {}
    if tasks and numbered:
        on_sheet[None] = len(tasks)
    if tasks and all(r.status for r in tasks):
        for status in ("done", "in_progress"):
            on_sheet[status] = sum(r.status == status for r in tasks)
    pointing = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(fold(w)) for w in sheet_words) + r")(?!\w)")
    known = catalog()
    figures: dict[str | None, list] = {}
    for q in report.quantities:
        if q.kind != "count" or q.found_in != "body" or q.indicator not in TASK_COUNTS:
            continue
        if not q.subject or fold(q.subject) not in known[q.indicator].folded:
            continue
        line = report.lines[report.line_of(q.start) - 1]
        if line.block.table is None and pointing.search(fold(report.text[line.start:line.end])):
            figures.setdefault(TASK_COUNTS[q.indicator], []).append(q)
    out = []
    name = names[sheet.number]
    for status, written in figures.items():
        if status not in on_sheet or len({q.value for q in written}) != 1:
            continue
        q = written[0]
        if q.value != on_sheet[status]:
            out.append(TableIssue("task_counts", {
                "table": name, "written": q.text, "counted": on_sheet[status], "status": STATUS_WORDS[status],
                "computed": f"{on_sheet[status]} nhiệm vụ{STATUS_WORDS[status]}"},
                q.start, q.end, f"{name}, mục {sheet.section}" if sheet.section else name))
    return out


# --- percentages against the values they are worked out from -------------------------------------

def _percentages(report: Report, table: Table, name: str, cells: dict, meaning: str,
                 bases: list[str]) -> list[TableIssue]:
    """A "% so với kế hoạch" cell against 100 × result / plan (a "% so với cùng kỳ" against the
    same period's value), the result being the row's cumulative figure or its period's: one of
    them agreeing to the last decimal written (rounded or cut) is enough. "% so với cùng kỳ" may
    be written as the growth (108,5 or +8,5). A row in % is skipped: a rate's "% of plan" is
    written as a ratio or as points, and either is right."""
    meanings = table.meanings
    percent_columns = [i for i, m in enumerate(meanings) if m == meaning]
    base_columns = [i for i, m in enumerate(meanings) if m in bases]
    value_columns = [i for m in ("cumulative", "actual") for i, mm in enumerate(meanings) if mm == m]
    if not (percent_columns and base_columns and value_columns):
        return []
    out = []
    for row in table.rows:
        if row.kind == "group" or (row.unit or "").strip() == "%":
            continue
        for column in percent_columns:
            written = cell_number(row.cells[column])
            if written is None:
                continue
            decimals = _decimals(row.cells[column])
            pairs = [(v, b, cell_number(row.cells[v]), cell_number(row.cells[b]))
                     for b in base_columns for v in value_columns]
            pairs = [(v, b, value[0], base[0]) for v, b, value, base in pairs if value and base and base[0]]
            if not pairs:
                continue
            ratios = [100 * value / base for _, _, value, base in pairs]
            accepted = ratios + ([r - 100 for r in ratios] if meaning == "same_period" else [])
            if any(abs(written[0] - r) < 10 ** -decimals + 1e-9 for r in accepted):
                continue
            value_column, base_column, value, base = pairs[0]
            out.append(_cell_issue(report, "percent_of_plan" if meaning == "pct_of_plan" else "percent_of_previous", {
                "table": name, "row": _row_name(row), "column": table.columns[column],
                "written": row.cells[column], "computed": written_number(ratios[0], max(decimals, 1)),
                "value_column": table.columns[value_column], "value": row.cells[value_column],
                "base_column": table.columns[base_column], "base": row.cells[base_column]},
                name, row, column, cells))
    return out


# --- totals against the rows they cover -----------------------------------------------------------

def _covered(rows: list[TableRow], index: int) -> list[TableRow]:
    """The rows a total sums: those above it back to the previous total, or, for a total that
    opens the table ("Tổng số" first, the units below), those below it to the next. A grand total
    sums the groups' totals above it, and the rows at the groups' depth after them ("Cộng I",
    then "II", "III", "IV", then "Tổng cộng (I,II,III,IV)"). Of rows at several depths ("I",
    then "1", "2" under it), the outermost, whose own figures hold the others'. A row that names
    nothing (no STT, no item: a header's second line read as data) is no part. None when the
    rows are statistics of their own ("Tổng số …" lines), which need not add up."""
    previous = [j for j in range(index) if sums_rows(rows[j])]
    start = previous[-1] + 1 if previous else 0
    parts = [r for r in rows[start:index] if r.kind != "group"]
    if previous:
        group_ranks = [label_rank(r.label) for r in rows[:start] if r.kind == "group" and r.label]
        part_ranks = [label_rank(r.label) for r in parts if r.label]
        if not parts or (group_ranks and part_ranks and min(part_ranks) <= min(group_ranks)):
            parts = [rows[j] for j in previous] + parts
    elif not parts:
        following = next((j for j in range(index + 1, len(rows)) if sums_rows(rows[j])), len(rows))
        parts = [r for r in rows[index + 1:following] if r.kind != "group"]
    parts = [r for r in parts if r.label or r.item]
    if any(r.kind == "total" and not sums_rows(r) for r in parts):
        return []
    ranks = {label_rank(r.label) for r in parts if r.label and r.kind == "data"}
    if len(ranks) > 1:
        parts = [r for r in parts if r.kind != "data" or (r.label and label_rank(r.label) == min(ranks))]
    return parts


def _percent_like(name: str) -> bool:
    key = fold(name)
    return "%" in key or "tỉ lệ" in key or "bình quân" in key or "trung bình" in key


def _totals(report: Report, table: Table, name: str, cells: dict) -> list[TableIssue]:
    """Each numeric column of a total row against the sum of the rows it covers. A blank or "-"
    cell of a covered row counts as none (offices leave a nil blank or write "-"), and the
    message says how many there were; any other text ("x", "chưa có số liệu") leaves the sum
    unknown, and the column is skipped. Rates, averages and percentages, which do not add up,
    are skipped, and so is a total of rows in different units."""
    out = []
    for index, row in enumerate(table.rows):
        if not sums_rows(row):
            continue
        parts = _covered(table.rows, index)
        if len(parts) < 2 or len({r.unit.strip().lower() for r in parts if r.unit}) > 1:
            continue
        for column, meaning in enumerate(table.meanings):
            if meaning in _NOT_ADDED or _percent_like(table.columns[column]):
                continue
            written = cell_number(row.cells[column])
            if written is None or written[1]:
                continue
            values, blanks = [], 0
            for part in parts:
                text = part.cells[column].strip()
                number = cell_number(text)
                if number is None and text in ("", "-", "–"):
                    blanks += 1
                elif number is None or number[1]:
                    values = None
                    break
                else:
                    values.append((number[0], _decimals(text)))
            if not values:
                continue
            decimals = max([_decimals(row.cells[column])] + [d for _, d in values])
            computed = sum(v for v, _ in values)
            # Parts rounded to the decimals written may miss their total by half a unit each.
            slack = 0.5 * 10 ** -decimals * (len(values) + 1) if decimals else 0
            if abs(written[0] - computed) <= slack + 1e-9 * max(1, abs(computed)):
                continue
            out.append(_cell_issue(report, "totals", {
                "table": name, "row": _row_name(row), "column": table.columns[column],
                "written": row.cells[column], "computed": written_number(computed, decimals), "rows": len(parts),
                "blanks": f" ({blanks} dòng để trống được tính là 0)" if blanks else ""},
                name, row, column, cells))
    return out
