"""The dataclasses every stage passes along. Offsets are into `Report.text`, end exclusive."""
from __future__ import annotations

import bisect
import functools
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Paragraph:
    """One paragraph as Word shows it, generated numbering label included."""

    text: str
    style: str = ""
    bold: bool = False
    all_caps: bool = False
    outline_level: int | None = None
    label: str = ""
    label_generated: bool = False
    notes: tuple[str, ...] = ()  # ids of the footnotes whose reference marks stand in this paragraph

    @property
    def shown(self) -> str:
        """The text a reader sees on screen: the generated label, then the typed text."""
        if self.label and self.label_generated:
            return f"{self.label} {self.text}" if self.text else self.label
        return self.text


CELL_SEPARATOR = " | "  # how a table row's cells are joined into its line of the report's text


@dataclass
class Block:
    """A body element in document order: a paragraph, or one table row of cells."""

    kind: str  # "paragraph", "row", or "footnote" (a footnote's text, after the body)
    paragraphs: list[Paragraph] = field(default_factory=list)
    cells: list[list[Paragraph]] = field(default_factory=list)
    table: int | None = None
    # A row's grid as Word lays it out, for reading the table as a table (pipeline/tables.py):
    # how many grid columns each cell spans (w:gridSpan), whether it continues the vertically
    # merged cell above (w:vMerge without "restart"), the empty grid columns before its first cell
    # (w:gridBefore), and whether Word repeats it as a header on every page (w:tblHeader).
    spans: list[int] = field(default_factory=list)
    continued: list[bool] = field(default_factory=list)
    grid_before: int = 0
    repeated_header: bool = False

    @functools.cached_property
    def line(self) -> str:
        """The block as one line of the report's text (read several times, built once)."""
        if self.kind in ("paragraph", "footnote"):
            return self.paragraphs[0].shown
        return CELL_SEPARATOR.join(" ".join(p.shown for p in cell if p.shown).strip() for cell in self.cells)


@dataclass
class Document:
    """What a reader returns: the body and the parts Word keeps apart from it."""

    path: str
    format: str
    sha256: str
    blocks: list[Block]
    headers: list[str] = field(default_factory=list)
    footers: list[str] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)  # footnote id → its text, for referenced notes
    comments: list[str] = field(default_factory=list)
    fonts: set[str] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)
    # How the text was got, step by step ("doc→docx", "tcvn3→unicode", "pdf-text", "ocr"): a user
    # weighs a figure read by OCR or converted from a legacy font differently from a .docx's.
    read_as: list[str] = field(default_factory=list)
    # 0–1 for text recognised from page images (OCR); None where the file held the text itself.
    ocr_confidence: float | None = None


@dataclass
class Line:
    """One line of the report text: a block's text and where it sits."""

    start: int
    end: int
    block: Block
    anchor: int | None = None  # a footnote's line: where its reference mark stands in the body


@dataclass
class Section:
    label: str
    path: str
    title: str
    start: int
    end: int
    line: int
    kind: str  # roman, arabic, decimal, letter, dash, plus
    children: list[Section] = field(default_factory=list)
    body_start: int = 0
    annex: bool = False  # in an annex after the signature (Phụ lục), numbered on its own

    def to_dict(self) -> dict[str, Any]:
        """The section as `parse --json` gives it; its body is text[body_start:end] of the report."""
        return {
            "label": self.label,
            "path": self.path,
            "title": self.title,
            "kind": self.kind,
            "start": self.start,
            "body_start": self.body_start,
            "end": self.end,
            "line": self.line,
            "annex": self.annex,
            "children": [c.to_dict() for c in self.children],
        }

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Metadata:
    issuer: str | None = None
    superior: str | None = None
    header: str | None = None  # "party" or "state"
    doc_type: str | None = None
    number: str | None = None
    symbol: str | None = None
    place: str | None = None
    date: str | None = None
    period: str | None = None
    title: str | None = None
    signer: dict[str, Any] | None = None
    recipients: list[str] = field(default_factory=list)
    marks: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Quantity:
    kind: str  # count, percent, ratio, amount
    value: float
    raw: str
    text: str
    start: int
    end: int
    denominator: float | None = None
    unit: str | None = None
    qualifier: str | None = None
    subject: str | None = None
    indicator: str | None = None
    section: str = ""
    found_in: str = "body"  # body, table or footnote

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "value": self.value,
            "denominator": self.denominator,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "subject": self.subject,
            "indicator": self.indicator,
            "section": self.section,
            "found_in": self.found_in,
            "text": self.text,
            "raw": self.raw,
            "start": self.start,
            "end": self.end,
        }


@dataclass
class Citation:
    type: str | None
    code: str | None
    symbol: str | None
    number: str | None
    year: int | None
    family: str | None
    key: str
    text: str
    start: int
    end: int
    issuer: str | None = None
    date: str | None = None
    subject: str | None = None
    section: str = ""
    found_in: str = "body"  # body, table or footnote
    warnings: list[str] = field(default_factory=list)
    # Where symbol, date and issuer end, before the subject: figures in a subject are still figures.
    core_end: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "code": self.code,
            "symbol": self.symbol,
            "number": self.number,
            "year": self.year,
            "issuer": self.issuer,
            "date": self.date,
            "subject": self.subject,
            "family": self.family,
            "key": self.key,
            "section": self.section,
            "found_in": self.found_in,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }


@dataclass
class TableRow:
    """One row of a table below its header, every grid column filled (pipeline/tables.py)."""

    cells: list[str]
    start: int
    end: int
    line: int
    kind: str = "data"  # data, group (names the rows below it: "I. Kinh tế"), total ("Tổng cộng")
    group: str = ""  # the group rows above it, outermost first: "I. Kinh tế / 1. Nông nghiệp"
    label: str = ""  # its STT ("1", "1.2", "II")
    item: str = ""  # what the row is about: the indicator, task or unit it names
    unit: str | None = None  # its ĐVT
    values: dict[str, float] = field(default_factory=dict)  # column meaning → number: plan, actual, …
    indicator: str | None = None  # the catalog indicator an indicator sheet's row names
    status: str | None = None  # a task's: done, in_progress, not_started, overdue

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "group": self.group, "label": self.label, "item": self.item, "unit": self.unit,
                "values": dict(self.values), "indicator": self.indicator, "status": self.status,
                "cells": list(self.cells), "line": self.line, "start": self.start, "end": self.end}


@dataclass
class Table:
    """A table of the report read as one: its kind (indicators, tasks, ranking, other, or layout for
    the header, signature and "Nơi nhận" blocks), column names and rows."""

    number: int  # the table's place among the document's tables, from 1 (a continued table: its first part's)
    kind: str
    title: str
    section: str
    columns: list[str]
    meanings: list[str | None]  # per column, what it holds (rules/tables.yaml): plan, actual, unit, …
    header_rows: int
    start: int
    end: int
    line: int
    rows: list[TableRow] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "kind": self.kind, "section": self.section, "title": self.title,
                "columns": list(self.columns), "meanings": list(self.meanings), "line": self.line,
                "rows": [row.to_dict() for row in self.rows]}


@dataclass
class Report:
    """A parsed report: its text as read, structure, metadata and facts."""

    document: Document
    text: str
    lines: list[Line]
    sections: list[Section]
    metadata: Metadata
    body_start: int = 0
    body_end: int = 0
    annex_start: int | None = None  # where annexes after the signature begin, if any
    quantities: list[Quantity] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    def all_sections(self):
        for section in self.sections:
            yield from section.walk()

    def section_at(self, offset: int) -> str:
        """The path of the deepest numbered section holding `offset` ("" outside any)."""
        best = ""
        level = self.sections
        while level:
            index = bisect.bisect_right(level, offset, key=lambda s: s.start) - 1
            holder = level[index] if index >= 0 and offset < level[index].end else None
            # Items ("-", "+") hang below numbered sections and never hold numbered ones.
            if holder is None or holder.kind in ("dash", "plus"):
                break
            best, level = holder.path, holder.children
        return best

    def line_of(self, offset: int) -> int:
        """1-based line number of an offset, as `baocao parse --text` prints the report."""
        lo, hi = 0, len(self.lines) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.lines[mid].start <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": {
                "path": self.document.path,
                "sha256": self.document.sha256,
                "format": self.document.format,
            },
            "metadata": self.metadata.to_dict(),
            "sections": [s.to_dict() for s in self.sections],
            "quantities": [q.to_dict() for q in self.quantities],
            "citations": [c.to_dict() for c in self.citations],
            "tables": [t.to_dict() for t in self.tables],
            "warnings": list(self.warnings),
        }
