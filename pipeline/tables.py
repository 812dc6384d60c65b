"""Read a report's tables as tables: indicator sheets, task sheets, rankings, and the rest.

A structure-stage module: it works on the row blocks the reader keeps (each cell's grid span and
vertical merge included), so it needs no XML. A table is read the way a person reads it: a cell
spanning columns stands in each of them, a vertically merged cell is filled down, the header
rows (one to three) are joined into column names ("Kết quả thực hiện / Tháng 5"), rows that only
name a group ("I. Kinh tế", "1. Nông nghiệp") give the rows below them a path, numbers are read
in Vietnamese format, and a table continued after a page break with its header repeated is one
table. What the columns mean, which kind a table is, a task's status and which tables only lay
out a page are data, in rules/tables.yaml.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from pipeline import rules
from pipeline.models import Block, Report, Table, TableRow
from pipeline.normalise import clean_text, fold
from pipeline.quantities import cell_number

_WHERE = "rules/tables.yaml"
MAX_HEADER_ROWS = 3
# A row that numbers the columns under the header: "(1) | (2) | (3)", "1 | 2 | 3 = 2/1".
_COLUMN_NUMBER = re.compile(r"\(?\d{1,2}\)?(?:\s*=.*)?")
# A group row's label: "A", "I", "1", "1.2", "a", typed in the STT column or before the title.
_LABEL = re.compile(r"^(?P<label>[IVXLC]+|[A-ZĐ]|\d{1,2}(?:\.\d{1,2})*|[a-zđ])\s*[.)/\-–]?\s+(?=\S)")
_ROMAN = re.compile(r"[IVXLC]+")
# Lines between two parts of one table that a page break left: "(tiếp theo)", "(tiếp)".
_CONTINUED = re.compile(r"^\(?\s*ti[ếe]p(?:\s+theo)?\s*\)?\s*[:.]?$", re.I)
_TITLE_MAX = 250
# A table's name opens with these words ("Biểu 01: …", "BẢNG 1:", "PHỤ LỤC 2", "DANH SÁCH"), and a
# bare one of them is a few words ("Biểu mẫu 1"); a unit line under a name is no name.
_NAMING = re.compile(rf"^(?:{'|'.join(fold(w) for w in ('biểu', 'bảng', 'phụ lục', 'danh sách'))})(?!\w)")
_NAME_WORDS = 3
_UNIT_LINE = re.compile(rf"^(?:{fold('đơn vị tính')}|đvt)\s*[:.]")
# A layout table is small: the header block, the "Nơi nhận" and signature block, a form's boxes.
_LAYOUT_MAX_COLUMNS, _LAYOUT_MAX_ROWS = 3, 4


@dataclass(frozen=True)
class _Rules:
    meanings: list[tuple[str, re.Pattern]]
    kinds: list[dict]
    statuses: list[tuple[str, re.Pattern]]
    total: re.Pattern
    layout: re.Pattern


def _phrases(words: list[str], whole: bool = False) -> re.Pattern:
    body = rules.alternation([fold(w) for w in words])
    return re.compile(rf"^(?:{body})$" if whole else rf"(?<!\w)(?:{body})(?!\w)")


def _checked(pattern: re.Pattern, examples: list[str], where: str) -> re.Pattern:
    return rules.compile_checked(pattern.pattern, [fold(e) for e in examples], f"{_WHERE} {where}")


@functools.lru_cache(maxsize=1)
def table_rules() -> _Rules:
    """rules/tables.yaml compiled; an entry that misses one of its examples stops the load."""
    meanings = []
    for entry in rules.entries("tables", "columns"):
        pattern = _phrases(entry["words"], entry.get("whole", False))
        meanings.append((entry["meaning"], _checked(pattern, entry["examples"], f"columns {entry['meaning']}")))
    statuses = [(entry["status"], _checked(_phrases(entry["words"]), entry["examples"], f"statuses {entry['status']}"))
                for entry in rules.entries("tables", "statuses")]
    kinds = rules.entries("tables", "kinds")
    data = rules.load("tables")
    total, layout = data["total_rows"], data["layout"]
    compiled = _Rules(meanings, kinds, statuses,
                      _checked(re.compile(rf"^(?:{rules.alternation([fold(w) for w in total['words']])})(?!\w)"),
                               total["examples"], "total_rows"),
                      _checked(_phrases(layout["words"]), layout["examples"], "layout"))
    for entry in kinds:
        for example in entry["examples"]:
            found = table_kind([column_meaning(name, compiled) for name in example], compiled)
            if found != entry["kind"]:
                raise rules.RuleError(f"{_WHERE} kinds {entry['kind']}: example {example!r} is read as {found!r}")
    for status, _ in statuses:
        for entry in (e for e in rules.entries("tables", "statuses") if e["status"] == status):
            for example in entry["examples"]:
                if task_status(example, compiled) != status:
                    raise rules.RuleError(f"{_WHERE} statuses {status}: example {example!r} is read as "
                                          f"{task_status(example, compiled)!r}")
    return compiled


def column_meaning(name: str, compiled: _Rules | None = None) -> str | None:
    """What a column holds, from its name: the first meaning in rules/tables.yaml whose words it
    holds ("% so với kế hoạch" → pct_of_plan), None for a column no meaning names."""
    key = fold(name)
    for meaning, pattern in (compiled or table_rules()).meanings:
        if pattern.search(key):
            return meaning
    return None


def table_kind(meanings: list[str | None], compiled: _Rules | None = None) -> str:
    have = set(meanings)
    for entry in (compiled or table_rules()).kinds:
        if (set(entry.get("all", ())) <= have and (not entry.get("any") or have & set(entry["any"]))
                and not have & set(entry.get("not", ()))):
            return entry["kind"]
    return "other"


def task_status(text: str, compiled: _Rules | None = None) -> str | None:
    """done, in_progress, not_started or overdue from a task's result cell: the status whose words
    found there are longest ("Chưa hoàn thành" is not "hoàn thành"), None when no words say."""
    key = fold(text)
    best, length = None, 0
    for status, pattern in (compiled or table_rules()).statuses:
        for match in pattern.finditer(key):
            if len(match.group()) > length:
                best, length = status, len(match.group())
    return best


# --- the grid ---------------------------------------------------------------------------------

@dataclass
class _Row:
    cells: list[str]
    block: Block
    start: int
    end: int
    line: int
    spans_columns: bool  # a cell of it spans several grid columns
    continued: bool  # a cell of it continues a vertically merged cell above


def _cell_text(cell) -> str:
    return " ".join(" ".join(clean_text(p.shown).split()) for p in cell if p.shown.strip())


def _grid(lines: list[tuple[int, object]]) -> list[_Row]:
    """The rows of one table with every grid column filled: a spanning cell's text in each column
    it spans, a vertically merged cell's text in each row it covers (as a person reads it)."""
    rows: list[_Row] = []
    above: list[str] = []
    for index, line in lines:
        block = line.block
        if block.kind != "row":
            # A row of one cell the reader gave as a paragraph: it spans the table.
            text = " ".join(clean_text(block.line).split())
            width = max(len(above), 1)
            rows.append(_Row([text] * width, block, line.start, line.end, index + 1, width > 1, False))
            continue
        cells: list[str] = [""] * block.grid_before
        spans = block.spans or [1] * len(block.cells)
        continued = block.continued or [False] * len(block.cells)
        for cell, span, down in zip(block.cells, spans, continued):
            for _ in range(span):
                column = len(cells)
                cells.append(above[column] if down and column < len(above) else _cell_text(cell))
        rows.append(_Row(cells, block, line.start, line.end, index + 1, any(s > 1 for s in spans), any(continued)))
        above = cells
    width = max(len(r.cells) for r in rows)
    for row in rows:
        row.cells += [""] * (width - len(row.cells))
    return rows


def _has_number(cells: list[str]) -> bool:
    return any(cell_number(c) is not None for c in cells[1:])


def _header_count(rows: list[_Row]) -> int:
    """How many of the first rows are header rows: the first, and those below it (three at most)
    that Word repeats on each page, that fill a merged header cell down, or that sit under a
    header cell spanning several columns; never a row holding a number."""
    if not rows or _has_number(rows[0].cells):
        return 0
    count = 1
    while (count < min(MAX_HEADER_ROWS, len(rows)) and not _has_number(rows[count].cells)
           and (rows[count].block.repeated_header or rows[count].continued or rows[count - 1].spans_columns)):
        count += 1
    return count


def _column_names(rows: list[_Row]) -> list[str]:
    names = []
    for column in range(len(rows[0].cells)):
        parts: list[str] = []
        for row in rows:
            text = row.cells[column]
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        names.append(" / ".join(parts))
    return names


def _numbering_row(cells: list[str]) -> bool:
    """"(1) | (2) | (3)" or "1 | 2 | 3 = 2/1" under a header: the columns' numbers, not data."""
    filled = [c for c in cells if c]
    if len(filled) < 3 or not all(_COLUMN_NUMBER.fullmatch(c) for c in filled):
        return False
    numbers = [int(re.match(r"\(?(\d+)", c)[1]) for c in filled]
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))


# --- the tables of a report -------------------------------------------------------------------

def read_tables(report: Report) -> list[Table]:
    """Every table of the report, in document order, read and classified; a table the page break
    split, its header repeated, is one."""
    by_number: dict[int, list[tuple[int, object]]] = {}
    for index, line in enumerate(report.lines):
        if line.block.table is not None and line.anchor is None:
            by_number.setdefault(line.block.table, []).append((index, line))
    tables: list[Table] = []
    for number, lines in by_number.items():
        if not any(line.block.kind == "row" for _, line in lines):
            continue  # a one-column table: a framed box of paragraphs, read as the body's text
        table = _read_table(report, number, lines)
        previous = tables[-1] if tables else None
        if previous is not None and _continues(report, previous, table):
            previous.rows += table.rows
            previous.end = table.end
            continue
        tables.append(table)
    for table in tables:
        _read_rows(table)
    return tables


def _continues(report: Report, previous: Table, table: Table) -> bool:
    """Whether a table goes on with the one before: the same column names, and nothing between
    them but a "(tiếp theo)" line."""
    if previous.kind == "layout" or previous.columns != table.columns or table.header_rows == 0:
        return False
    between = [line for line in report.lines if previous.end < line.start < table.start]
    return all(_CONTINUED.match(line.block.line.strip()) for line in between)


def _read_table(report: Report, number: int, lines: list[tuple[int, object]]) -> Table:
    rows = _grid(lines)
    first, last = lines[0][1], lines[-1][1]
    title = ""
    if len(rows) > 1 and len(set(filter(None, rows[0].cells))) == 1 and not _has_number(rows[0].cells):
        title = rows[0].cells[0]  # a title typed in the table's first row, across it
        rows = rows[1:]
    headers = _header_count(rows)
    columns = _column_names(rows[:headers]) if headers else [f"Cột {i + 1}" for i in range(len(rows[0].cells))]
    body = rows[headers:]
    if body and _numbering_row(body[0].cells):
        body = body[1:]
    meanings = [_meaning_by_content(column_meaning(name), [r.cells[i] for r in body]) for i, name in enumerate(columns)]
    table = Table(number=number, kind="other", title=title or _title_before(report, lines[0][0]),
                  section=report.section_at(first.start), columns=columns, meanings=meanings,
                  header_rows=headers, start=first.start, end=last.end, line=lines[0][0] + 1,
                  rows=[TableRow(cells=r.cells, start=r.start, end=r.end, line=r.line) for r in body])
    table.kind = "layout" if _is_layout(report, table, rows) else table_kind(meanings)
    if table.kind == "layout":
        table.title = ""  # the header and signature blocks are named by nothing: above them is the body's last sentence
    return table


def _meaning_by_content(meaning: str | None, cells: list[str]) -> str | None:
    """A column named like the rows' subject ("Chỉ số thành phần / Tỷ lệ hài lòng …") that holds
    numbers is a column of values, not the subject."""
    filled = [c for c in cells if c]
    if meaning in ("item", "entity", "task") and filled and sum(cell_number(c) is not None for c in filled) * 2 > len(filled):
        return None
    return meaning


def _title_before(report: Report, index: int) -> str:
    """The paragraph just above a table that names it ("Biểu 01: …"), skipping a parenthesised
    line under the name ("(Kèm theo Báo cáo số …)", "(Đơn vị tính: …)") and a unit line ("ĐVT:
    1000 đồng"). A bare name just above it is joined to it ("Biểu mẫu 1" over "Công tác chỉ đạo
    điều hành CCHC", "DANH SÁCH" over "NHỮNG NGƯỜI ĐƯỢC GIỚI THIỆU …"). A sentence of the body
    names no table: it ends in a stop, or in a colon that leads into the table ("… như sau:")."""
    above = report.lines[max(0, index - 4):index]
    for position in range(len(above) - 1, -1, -1):
        text = _paragraph_text(above[position])
        if text is None:
            return ""
        if not text or text.startswith("(") or text.endswith(")") and "(" not in text or _UNIT_LINE.match(fold(text)):
            continue
        naming = _NAMING.match(fold(text))
        if len(text) > _TITLE_MAX or text.endswith((".", ";")) or text.endswith(":") and not naming:
            return ""
        name = _paragraph_text(above[position - 1]) if position and not naming else None
        if name and _NAMING.match(fold(name)) and len(name.split()) <= _NAME_WORDS:
            return f"{name}{': ' if name[-1].isdigit() else ' '}{text}"
        return text
    return ""


def _paragraph_text(line) -> str | None:
    """A body paragraph's text, cleaned; None for a table's row."""
    if line.block.kind != "paragraph" or line.block.table is not None:
        return None
    return " ".join(clean_text(line.block.line).split())


def _is_layout(report: Report, table: Table, rows: list[_Row]) -> bool:
    """The header block, "Nơi nhận" and signature blocks, an address, a form's signing boxes: a
    small table where structure.py reads the metadata (before the body, between its end and the
    annexes), or holding the words of such a block."""
    if len(table.columns) > _LAYOUT_MAX_COLUMNS or len(rows) > _LAYOUT_MAX_ROWS:
        return False
    before_body = table.end <= report.body_start
    after_body = table.start > report.body_end and (report.annex_start is None or table.end < report.annex_start)
    return before_body or after_body or any(table_rules().layout.search(fold(cell)) for row in rows for cell in row.cells)


# --- rows -------------------------------------------------------------------------------------

def label_rank(label: str) -> int:
    """How deep a group label sits: "A" above "I" above "1" above "1.1" above "a"."""
    if _ROMAN.fullmatch(label):
        return 1
    if label.isupper():
        return 0
    if label[0].isdigit():
        return 2 + label.count(".")
    return 9


def _read_rows(table: Table) -> None:
    """Each row's group path, label and kind (data, group, total); for an indicator sheet its item,
    unit, values by meaning and catalog indicator; for a task sheet its task and status."""
    compiled = table_rules()
    meanings = table.meanings
    label_column = meanings.index("number") if "number" in meanings else None
    # A header merged over two columns names both; the item is in the one that holds text.
    filled = [i for i in range(len(meanings)) if any(i < len(r.cells) and r.cells[i] for r in table.rows)]
    item_column = next((i for m in ("task", "item", "entity") for i in filled if meanings[i] == m), None)
    if item_column is None:
        item_column = next((i for i in range(len(meanings)) if i != label_column), 0)
    unit_column = meanings.index("unit") if "unit" in meanings else None
    stack: list[tuple[int, str]] = []
    for row in table.rows:
        cells = row.cells
        label = cells[label_column] if label_column is not None else ""
        item = cells[item_column] if item_column < len(cells) else ""
        # A note beside a group's name ("Thời gian kiểm tra từ tháng 3 …") does not make it a row of data.
        distinct = {c for c, meaning in zip(cells, meanings) if c and meaning != "note"}
        if not label:
            typed = _LABEL.match(item)
            if typed and len(distinct) == 1:
                label = typed["label"]
        total = bool(compiled.total.match(fold(item or label)))
        numbers = {}
        for column, (text, meaning) in enumerate(zip(cells, meanings)):
            if column in (label_column, item_column, unit_column):
                continue
            found = cell_number(text)
            if found is not None and meaning and meaning not in numbers:
                numbers[meaning] = found[0]
        named_only = len(distinct - {label}) == 1
        # A task sheet's rows often name a task and nothing else yet: only "I.", "A." open a group there.
        group = named_only and bool(label) and label_rank(label) < 2 if table.kind == "tasks" else \
            named_only and not numbers and not total
        row.label, row.item = label, item
        if group:
            rank = label_rank(label) if label else -1
            while stack and stack[-1][0] >= rank:
                stack.pop()
            row.kind = "group"
            row.group = " / ".join(name for _, name in stack)
            named = item if not label or item.startswith(label) else f"{label}. {item}"
            stack.append((rank, named))
            continue
        row.kind = "total" if total else "data"
        row.group = " / ".join(name for _, name in stack)
        row.unit = cells[unit_column] or None if unit_column is not None else None
        row.values = numbers
        if table.kind == "tasks":
            status_column = next((meanings.index(m) for m in ("actual", "note") if m in meanings), None)
            row.status = task_status(cells[status_column]) if status_column is not None else None



# --- for the draft check ------------------------------------------------------------------------

def sums_rows(row: TableRow) -> bool:
    """Whether a total row names nothing but the sum ("Tổng cộng", "Cộng:", "TỔNG SỐ (I+II)",
    "Tổng cộng toàn xã"), not a statistic that opens with the word ("Tổng số hồ sơ đã tiếp
    nhận", whose rows below are often parts of it that overlap, or "Tổng hợp")."""
    if row.kind != "total":
        return False
    total = table_rules().total
    rest = total.sub("", fold(row.item or row.label), count=1).strip(" :.-")
    return not rest or bool(total.match(rest)) or all(
        re.fullmatch(r"[ivxlc]+|\w", word) for word in re.findall(r"[^\W\d_]+", rest))


def cell_span(report: Report, row: TableRow, column: int) -> tuple[int, int]:
    """Where the cell of a row in grid column `column` stands in the report's text, so a finding
    about it is shown (and commented in Word) on that cell; the whole row for a cell merged down
    from the row above (its text is the one above) or a row the reader gave as one paragraph."""
    block = report.lines[row.line - 1].block
    if block.kind != "row":
        return row.start, row.end
    grid, offset = block.grid_before, row.start
    spans = block.spans or [1] * len(block.cells)
    continued = block.continued or [False] * len(block.cells)
    for cell, span, down in zip(block.cells, spans, continued):
        text = " ".join(p.shown for p in cell if p.shown).strip()
        if grid <= column < grid + span:
            return (row.start, row.end) if down or not text else (offset, offset + len(text))
        offset += len(text) + len(" | ")
        grid += span
    return row.start, row.end
