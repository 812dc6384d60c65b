"""The archive: one SQLite file holding every report and every fact with its provenance.

The schema is made and changed only by the named migrations below, each applied once in its own
transaction and recorded in `migrations`. A report is written in one transaction: a crash, a
Ctrl-C or a SIGKILL leaves every finished report intact and no half report.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from pipeline.errors import BaocaoError
from pipeline.models import Report
from pipeline.normalise import fold

DEFAULT_DB = Path("outputs") / "baocao.sqlite"

MIGRATIONS: list[tuple[str, str]] = [
    ("0001_reports_and_facts", """
        CREATE TABLE reports (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL,
            sha256 TEXT NOT NULL UNIQUE,
            format TEXT NOT NULL,
            issuer TEXT, issuer_key TEXT, superior TEXT, header TEXT, doc_type TEXT,
            number TEXT, symbol TEXT, place TEXT, date TEXT, period TEXT, title TEXT,
            signer TEXT, recipients TEXT, marks TEXT,
            text TEXT NOT NULL,
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX reports_path ON reports(path);
        CREATE INDEX reports_issuer_period ON reports(issuer_key, doc_type, period);
        CREATE TABLE sections (
            report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            path TEXT NOT NULL, label TEXT NOT NULL, kind TEXT NOT NULL, title TEXT,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, line INTEGER NOT NULL
        );
        CREATE INDEX sections_report ON sections(report_id);
        CREATE TABLE quantities (
            report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            kind TEXT NOT NULL, value REAL NOT NULL, denominator REAL, unit TEXT, qualifier TEXT,
            subject TEXT, indicator TEXT, section TEXT, text TEXT NOT NULL, raw TEXT,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL
        );
        CREATE INDEX quantities_report ON quantities(report_id);
        CREATE INDEX quantities_indicator ON quantities(indicator);
        CREATE TABLE citations (
            report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            type TEXT, code TEXT, symbol TEXT, number TEXT, year INTEGER, issuer TEXT, date TEXT,
            subject TEXT, family TEXT, key TEXT NOT NULL, section TEXT, text TEXT NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL
        );
        CREATE INDEX citations_report ON citations(report_id);
        CREATE INDEX citations_key ON citations(key);
        CREATE TABLE warnings (
            report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            message TEXT NOT NULL
        );
    """),
    # Facts from tables and footnotes of real documents (issue 9), and annexes after the signature.
    ("0002_where_facts_were_found", """
        ALTER TABLE citations ADD COLUMN found_in TEXT NOT NULL DEFAULT 'body';
        ALTER TABLE quantities ADD COLUMN found_in TEXT NOT NULL DEFAULT 'body';
        ALTER TABLE sections ADD COLUMN annex INTEGER NOT NULL DEFAULT 0;
    """),
    # Every path a content was seen under, and since and until when (issue 10, item 3): one path
    # holds one content at a time, one content may be at many paths. Existing archives keep their
    # paths. A name whose bytes are not UTF-8 is a BLOB of them (issue 10, item 8), which SQLite
    # keeps as it is in a TEXT column.
    ("0003_report_paths", """
        CREATE TABLE report_paths (
            report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            path TEXT NOT NULL,
            since TEXT NOT NULL,
            until TEXT
        );
        CREATE UNIQUE INDEX report_paths_held ON report_paths(path) WHERE until IS NULL;
        CREATE INDEX report_paths_report ON report_paths(report_id);
        INSERT INTO report_paths (report_id, path, since) SELECT id, path, ingested_at FROM reports;
    """),
    # How each report's text was got (issue 14, item 6): a figure OCR read from a scan, or converted
    # from a legacy font, is weighed differently from one a .docx held. Reports archived before
    # were read as their format says: .doc and .odt through a .docx LibreOffice made.
    ("0004_how_read", """
        ALTER TABLE reports ADD COLUMN read_as TEXT;
        ALTER TABLE reports ADD COLUMN ocr_confidence REAL;
        UPDATE reports SET read_as = CASE WHEN format IN ('doc', 'odt') THEN format || '→docx' ELSE format END;
    """),
    # Tables as rows (issue 15): every cell of every table that holds data, with its table, row and
    # column, and what the row and column mean (an indicator sheet's row: its catalog indicator;
    # a column: plan, actual, cumulative, …), so `compare` shows table indicators beside sentence
    # ones with the same provenance. Reports archived before keep no cells until ingested again.
    ("0005_table_cells", """
        CREATE TABLE table_cells (
            report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            table_number INTEGER NOT NULL, table_kind TEXT NOT NULL, table_title TEXT, section TEXT,
            "row" INTEGER NOT NULL, row_kind TEXT NOT NULL, row_group TEXT, item TEXT, unit TEXT, indicator TEXT,
            status TEXT, "column" INTEGER NOT NULL, column_name TEXT NOT NULL, meaning TEXT,
            text TEXT NOT NULL, value REAL, line INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL
        );
        CREATE INDEX table_cells_report ON table_cells(report_id);
        CREATE INDEX table_cells_indicator ON table_cells(indicator);
    """),
]


class ArchiveError(BaocaoError):
    """The archive cannot be opened or written."""


_SQLITE_PROBLEMS = [
    ("readonly", "the archive is read-only (check the file's and folder's permissions)"),
    ("disk is full", "the disk is full: free some space and run the same command again"),
    ("locked", "the archive is in use by another program (another ingest?) and stayed locked"),
    ("disk i/o error", "the disk reported an I/O error while writing (full or failing?)"),
    ("unable to open", "the archive cannot be opened (check the path and permissions)"),
    ("not a database", "this file is not a baocao archive (not an SQLite database)"),
    ("malformed", "the archive file is damaged"),
]


def explain(db: str | Path, exc: BaseException) -> ArchiveError:
    """An SQLite or OS error as a message an office clerk can act on, naming the archive."""
    raw = str(exc)
    for needle, message in _SQLITE_PROBLEMS:
        if needle in raw.lower():
            return ArchiveError(f"{db}: {message} ({raw})")
    return ArchiveError(f"{db}: cannot use the archive ({raw})")


@dataclass
class IngestResult:
    status: str  # added, unchanged (content archived already), replaced (the path held other content)
    report_id: int
    path: str
    same_period: list[str] = field(default_factory=list)  # other reports of the same issuer, type and period
    note: tuple[str, list[str]] | None = None  # what the path's record changed, and the paths concerned


def connect(db: str | Path = DEFAULT_DB, create: bool = True, wait: float = 60) -> sqlite3.Connection:
    """Open the archive (created with its folder if missing) and bring its schema up to date.
    `wait`: seconds to wait for an archive another process is writing."""
    db = Path(db)
    if not create and not db.exists():
        raise ArchiveError(f"{db}: no archive here yet; run `baocao ingest` first")
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise ArchiveError(f"{db}: a file stands where the archive's folder {db.parent} should be; "
                           f"move it or give --db another path") from None
    except OSError as exc:
        raise explain(db, exc) from None
    try:
        conn = sqlite3.connect(db, timeout=wait, isolation_level=None)
        _refuse_another_programs(conn, db)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA busy_timeout = {int(wait * 1000)}")
        _settle(conn, wait)
    except (sqlite3.Error, OSError) as exc:
        raise explain(db, exc) from None
    return conn


def _refuse_another_programs(conn: sqlite3.Connection, db: Path) -> None:
    """Another program's SQLite file is left as it is: switching it to WAL and adding the
    migrations table before a migration failed on its own "reports" table altered a file
    baocao then refused. Every baocao archive has its migrations table from its first open on."""
    tables = sorted(row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
    if tables and "migrations" not in tables:
        conn.close()
        raise ArchiveError(f"{db}: this is another program's database, not a baocao archive (its tables: "
                           f"{', '.join(tables)}); it was not changed. Give --db a new file name")


def _settle(conn: sqlite3.Connection, wait: float) -> None:
    """WAL mode and the schema, retried while another process does the same: two processes
    opening a new archive at once can deadlock on its locks, and SQLite then answers "locked" at
    once instead of waiting."""
    deadline = time.monotonic() + wait
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchall()[0][0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            migrate(conn)
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply the migrations not yet recorded, each in its own transaction; return their names."""
    conn.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = {row[0] for row in conn.execute("SELECT name FROM migrations")}
    applied = []
    for name, sql in MIGRATIONS:
        if name in done:
            continue
        with _writing(conn):
            # Another process may have applied it while this one waited for the lock.
            if conn.execute("SELECT 1 FROM migrations WHERE name = ?", (name,)).fetchone():
                continue
            for statement in sql.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute("INSERT INTO migrations VALUES (?, ?)", (name, _now()))
        applied.append(name)
    return applied


@contextlib.contextmanager
def _writing(conn: sqlite3.Connection) -> Iterator[None]:
    """One write transaction: committed when the block ends, rolled back if it raises."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        _rollback(conn)
        raise


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def issuer_key(issuer: str | None) -> str | None:
    """"Đảng ủy xã Lùng Phình", "ĐẢNG UỶ XÃ LÙNG PHÌNH" and "Đảng uỷ xã Lùng Phình" meet."""
    return fold(issuer) if issuer else None


def known_sha(conn: sqlite3.Connection, sha256: str) -> int | None:
    # fetchall, not fetchone: a statement left unfinished keeps its read transaction open, and a
    # connection holding an old snapshot cannot start writing after another process has written
    # ("database is locked" at once, whatever the busy timeout).
    rows = conn.execute("SELECT id FROM reports WHERE sha256 = ?", (sha256,)).fetchall()
    return rows[0][0] if rows else None


def stored_path(path: str) -> str | bytes:
    """A path as the archive keeps it: text, or its bytes when they are not UTF-8. Python reads
    such a name with surrogate escapes, which SQLite cannot take as text; the bytes give the same
    name back (os.fsdecode), so the file is found again."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path)
    return path


def _loaded_path(value: str | bytes) -> str:
    return os.fsdecode(value) if isinstance(value, bytes) else value


def printable(name: str) -> str:
    """A file name that prints and writes as UTF-8 anywhere (terminal, JSON, CSV): bytes that are
    not UTF-8 shown as \\xe1."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def place_known(conn: sqlite3.Connection, sha256: str, path: str) -> IngestResult | None:
    """If the content `sha256` is archived, record that `path` holds it and say what that changed;
    None if it is not archived (it has to be parsed). When `path` held it already this only reads,
    so a rerun over an unchanged folder writes nothing."""
    report_id = known_sha(conn, sha256)
    if report_id is None:
        return None
    if _holder(conn, path) == report_id:
        return IngestResult("unchanged", report_id, path)
    with _writing(conn):
        # Another process may have replaced it while this one waited for the lock.
        report_id = known_sha(conn, sha256)
        return None if report_id is None else _place(conn, report_id, path, added=False)


def store_report(conn: sqlite3.Connection, report: Report, path: str) -> IngestResult:
    """Write one parsed report, and the path it was found at, in one transaction (see `_place`)."""
    meta = report.metadata
    sha = report.document.sha256
    with _writing(conn):
        existing = known_sha(conn, sha)
        if existing is not None:
            return _place(conn, existing, path, added=False)
        key = issuer_key(meta.issuer)
        cursor = conn.execute(
            "INSERT INTO reports (path, sha256, format, read_as, ocr_confidence, issuer, issuer_key, superior, header,"
            " doc_type, number, symbol, place, date, period, title, signer, recipients, marks, text, ingested_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (printable(path), sha, report.document.format, ", ".join(report.document.read_as),
             report.document.ocr_confidence, meta.issuer, key, meta.superior, meta.header,
             meta.doc_type, meta.number, meta.symbol, meta.place, meta.date, meta.period, meta.title,
             json.dumps(meta.signer, ensure_ascii=False), json.dumps(meta.recipients, ensure_ascii=False),
             json.dumps(meta.marks, ensure_ascii=False), report.text, _now()))
        report_id = cursor.lastrowid
        conn.executemany(
            'INSERT INTO sections (report_id, path, label, kind, title, start, "end", line, annex)'
            ' VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
            [(report_id, s.path, s.label, s.kind, s.title, s.start, s.end, s.line, int(s.annex))
             for s in report.all_sections()])
        conn.executemany(
            'INSERT INTO quantities (report_id, kind, value, denominator, unit, qualifier, subject, indicator, section,'
            ' found_in, text, raw, start, "end") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
            [(report_id, q.kind, q.value, q.denominator, q.unit, q.qualifier, q.subject, q.indicator, q.section,
              q.found_in, q.text, q.raw, q.start, q.end) for q in report.quantities])
        conn.executemany(
            'INSERT INTO citations (report_id, type, code, symbol, number, year, issuer, date, subject, family, key,'
            ' section, found_in, text, start, "end") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
            [(report_id, c.type, c.code, c.symbol, c.number, c.year, c.issuer, c.date, c.subject, c.family, c.key,
              c.section, c.found_in, c.text, c.start, c.end) for c in report.citations])
        conn.executemany(
            'INSERT INTO table_cells (report_id, table_number, table_kind, table_title, section, "row", row_kind,'
            ' row_group, item, unit, indicator, status, "column", column_name, meaning, text, value, line, start,'
            ' "end") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', _table_cells(report_id, report))
        conn.executemany("INSERT INTO warnings (report_id, message) VALUES (?, ?)",
                         [(report_id, w) for w in report.warnings])
        # After _place, which drops the version this one replaces: it is not "the same period twice".
        result = _place(conn, report_id, path, added=True)
        result.same_period = [row[0] for row in conn.execute(
            "SELECT path FROM reports WHERE issuer_key IS ? AND doc_type IS ? AND period IS ? AND id != ?"
            " AND period IS NOT NULL", (key, meta.doc_type, meta.period, report_id))]
    return result


def _table_cells(report_id: int, report: Report) -> list[tuple]:
    """A row per cell of each table holding data (the header and signature blocks are metadata),
    its number as read (`quantities.cell_number`) where it holds one."""
    from pipeline.quantities import cell_number

    out = []
    for table in report.tables:
        if table.kind == "layout":
            continue
        for index, row in enumerate(table.rows, 1):
            for column, (text, name, meaning) in enumerate(zip(row.cells, table.columns, table.meanings), 1):
                number = cell_number(text)
                out.append((report_id, table.number, table.kind, table.title, table.section, index, row.kind,
                            row.group, row.item, row.unit, row.indicator, row.status, column, name, meaning, text,
                            None if number is None else number[0], row.line, row.start, row.end))
    return out


def _holder(conn: sqlite3.Connection, path: str) -> int | None:
    rows = conn.execute("SELECT report_id FROM report_paths WHERE path = ? AND until IS NULL",
                        (stored_path(path),)).fetchall()
    return rows[0][0] if rows else None


def _place(conn: sqlite3.Connection, report_id: int, path: str, added: bool) -> IngestResult:
    """Record, inside the caller's transaction, that `path` holds report `report_id` from now on.

    A path that held other content is re-pointed (status "replaced"). The report it held stays
    archived when another path still holds it, and also when no path does, for it was a real report
    (May's, say, after June's was copied over its file); only an earlier version of the same report
    (same issuer, type and period) that no path holds any more is dropped, facts and all, as a
    corrected file replaces its draft. Known content at a new path is recorded beside its other
    paths, and those whose file is gone are closed: the file was moved."""
    held = _holder(conn, path)
    if held == report_id:
        return IngestResult("unchanged", report_id, path)
    now = _now()
    if held is not None:
        conn.execute("UPDATE report_paths SET until = ? WHERE path = ? AND until IS NULL", (now, stored_path(path)))
        status, note = "replaced", _left_behind(conn, held, report_id)
    else:
        status, note = ("added", None) if added else ("unchanged", _elsewhere(conn, report_id, now))
    conn.execute("INSERT INTO report_paths (report_id, path, since) VALUES (?, ?, ?)",
                 (report_id, stored_path(path), now))
    _name_file(conn, report_id)
    return IngestResult(status, report_id, path, note=note)


def _left_behind(conn: sqlite3.Connection, previous: int, report_id: int) -> tuple[str, list[str]] | None:
    still = _held_paths(conn, previous)
    if still:
        return "held another report before, still archived as", still
    same_report = conn.execute(
        "SELECT 1 FROM reports a JOIN reports b ON a.issuer_key IS b.issuer_key AND a.doc_type IS b.doc_type"
        " AND a.period IS b.period WHERE a.id = ? AND b.id = ?", (previous, report_id)).fetchall()
    if same_report:
        conn.execute("DELETE FROM reports WHERE id = ?", (previous,))
        return None
    _name_file(conn, previous)
    period = conn.execute("SELECT period FROM reports WHERE id = ?", (previous,)).fetchall()[0][0]
    return f"held another report before ({period or 'no period'}), which stays archived; no file holds it now", []


def _elsewhere(conn: sqlite3.Connection, report_id: int, now: str) -> tuple[str, list[str]] | None:
    others = _held_paths(conn, report_id)
    # Only this content's own paths are looked at on disk, and only when it turns up at a new one.
    gone = [other for other in others if not os.path.lexists(other)]
    for other in gone:
        conn.execute("UPDATE report_paths SET until = ? WHERE path = ? AND until IS NULL", (now, stored_path(other)))
    if not others:
        return None
    if len(gone) == len(others):
        return "moved from", gone
    return "already archived as", [other for other in others if other not in gone]


def _held_paths(conn: sqlite3.Connection, report_id: int) -> list[str]:
    return [row["path"] for row in paths_of(conn, report_id) if row["until"] is None]


def paths_of(conn: sqlite3.Connection, report_id: int) -> list[dict]:
    """Every path the report was seen under (`path`, `since`, `until`, None while it holds it): the
    paths holding it first, the first found first, then the others, the last left first."""
    # rowid breaks ties of times to the second: rows are added in the order paths are found.
    rows = conn.execute(
        "SELECT path, since, until FROM report_paths WHERE report_id = ?"
        " ORDER BY until IS NULL DESC, until DESC, CASE WHEN until IS NULL THEN rowid ELSE -rowid END",
        (report_id,)).fetchall()
    return [{"path": _loaded_path(path), "since": since, "until": until} for path, since, until in rows]


def _name_file(conn: sqlite3.Connection, report_id: int) -> None:
    """`reports.path` names the report's file for `compare`, `frames` and plain SQL: the first path
    that holds it, else the last it was seen under, printable."""
    conn.execute("UPDATE reports SET path = ? WHERE id = ?",
                 (printable(paths_of(conn, report_id)[0]["path"]), report_id))


def _rollback(conn: sqlite3.Connection) -> None:
    """Undo the open transaction, if SQLite has not already: on SQLITE_FULL it rolls back by
    itself, and a second ROLLBACK would raise "no transaction is active" and hide the full disk."""
    if conn.in_transaction:
        conn.execute("ROLLBACK")


def frames(conn: sqlite3.Connection) -> dict:
    """The archive as pandas DataFrames: reports, sections, quantities, citations, table cells, warnings.

    Facts carry their report's file, issuer and period (`file`, `report_issuer`, `report_period`),
    so each row is traceable on its own."""
    import pandas as pd

    out = {"reports": pd.read_sql_query(
        "SELECT id, path, sha256, format, read_as, ocr_confidence, issuer, issuer_key, superior, header, doc_type,"
        " number, symbol, place, date, period, title, marks, ingested_at FROM reports ORDER BY period, issuer_key, id", conn)}
    for table in ("sections", "quantities", "citations", "table_cells", "warnings"):
        out[table] = pd.read_sql_query(
            f"SELECT r.path AS file, r.issuer AS report_issuer, r.period AS report_period, t.* FROM {table} t"
            " JOIN reports r ON r.id = t.report_id ORDER BY r.period, r.issuer_key, t.report_id", conn)
    return out


# What `show` gives of a report: what a reader needs, not the keys baocao matches by (issuer_key,
# indicator keys stay: they are how `compare --indicator` names a series).
_REPORT_FIELDS = ("id", "sha256", "format", "read_as", "ocr_confidence", "issuer", "superior", "header", "doc_type",
                  "number", "symbol", "place", "date", "period", "title", "signer", "recipients", "marks", "ingested_at")


def report_record(conn: sqlite3.Connection, report_id: int) -> dict:
    """One archived report as plain values, ready for strict JSON (a missing value is None, never
    NaN): its metadata, every path it was seen under, sections, citations, figures and warnings."""
    def rows(sql: str) -> list[dict]:
        cursor = conn.execute(sql, (report_id,))
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    (report,) = rows(f"SELECT {', '.join(_REPORT_FIELDS)} FROM reports WHERE id = ?")
    for listed in ("signer", "recipients", "marks"):
        report[listed] = json.loads(report[listed] or "[]")
    record = {"report": report, "paths": paths_of(conn, report_id)}
    for table in ("sections", "citations", "quantities", "warnings"):
        record[table] = [{k: v for k, v in row.items() if k != "report_id"}
                         for row in rows(f"SELECT * FROM {table} WHERE report_id = ? ORDER BY rowid")]
    return record


def learned_registry(conn: sqlite3.Connection) -> dict[str, dict]:
    """What the archived reports write of each document they cite by symbol: its type and symbol
    as most write them, how many reports cite it, and per date and per issuer how many reports
    give it (a report citing a document twice counts once)."""
    from collections import Counter

    learned: dict[str, dict] = {}
    seen: set[tuple] = set()
    for key, doc_type, symbol, date, issuer, report_id in conn.execute(
            "SELECT key, type, symbol, date, issuer, report_id FROM citations WHERE symbol IS NOT NULL ORDER BY report_id"):
        entry = learned.setdefault(key, {"key": key, "types": Counter(), "symbols": Counter(), "reports": set(),
                                         "dates": Counter(), "issuers": Counter()})
        entry["reports"].add(report_id)
        for name, value in (("types", doc_type), ("symbols", symbol), ("dates", date), ("issuers", issuer)):
            if value and (key, name, value, report_id) not in seen:
                seen.add((key, name, value, report_id))
                entry[name][value] += 1
    for entry in learned.values():
        entry["type"] = entry["types"].most_common(1)[0][0] if entry["types"] else None
        entry["symbol"] = entry["symbols"].most_common(1)[0][0]
        entry["reports"] = len(entry["reports"])
    return learned


def list_reports(conn: sqlite3.Connection) -> list[dict]:
    """Every report with its counts of facts; `paths` are the files that hold it now (none when
    another content took its file's place), `path` the first of them or else where it was last seen."""
    rows = conn.execute("""
        SELECT r.id, r.period, r.issuer, r.doc_type, r.path, r.sha256, r.date, r.symbol, r.marks, r.read_as,
               r.ocr_confidence,
               (SELECT COUNT(*) FROM sections s WHERE s.report_id = r.id),
               (SELECT COUNT(*) FROM quantities q WHERE q.report_id = r.id),
               (SELECT COUNT(*) FROM citations c WHERE c.report_id = r.id),
               (SELECT COUNT(*) FROM warnings w WHERE w.report_id = r.id),
               (SELECT COUNT(*) FROM reports o WHERE o.issuer_key IS r.issuer_key AND o.doc_type IS r.doc_type
                  AND o.period IS r.period AND o.id != r.id AND r.period IS NOT NULL)
        FROM reports r ORDER BY r.issuer_key, r.period, r.id""").fetchall()
    keys = ("id", "period", "issuer", "doc_type", "path", "sha256", "date", "symbol", "marks", "read_as",
            "ocr_confidence", "sections",
            "quantities", "citations", "warnings", "same_period")
    held: dict[int, list[str]] = {}
    for report_id, path in conn.execute(
            "SELECT report_id, path FROM report_paths WHERE until IS NULL ORDER BY rowid").fetchall():
        held.setdefault(report_id, []).append(_loaded_path(path))
    out = []
    for row in rows:
        item = dict(zip(keys, row))
        item["marks"] = json.loads(item["marks"] or "[]")
        item["paths"] = held.get(item["id"], [])
        item["path"] = item["paths"][0] if item["paths"] else item["path"]
        out.append(item)
    return out


def find_report(conn: sqlite3.Connection, ref: str) -> int:
    """A report by id; by any path it was seen under (as ingested or as given; the report a path
    holds now before those it held once), or as `baocao reports` prints it; or by the start of its
    sha256."""
    if ref.isdigit() and conn.execute("SELECT 1 FROM reports WHERE id = ?", (int(ref),)).fetchall():
        return int(ref)
    candidates = {str(Path(ref)), str(Path(ref).resolve())}
    marks = ",".join("?" * len(candidates))
    seen = conn.execute(f"SELECT report_id, until IS NULL FROM report_paths WHERE path IN ({marks})",
                        tuple(stored_path(c) for c in candidates)).fetchall()
    ids = {report_id for report_id, holds in seen if holds} or {report_id for report_id, _ in seen}
    # printable(): what the user typed may hold surrogate escapes, which SQLite cannot take as text.
    if not ids:
        ids = {row[0] for row in conn.execute(f"SELECT id FROM reports WHERE path IN ({marks})",
                                              tuple(printable(c) for c in candidates))}
    if not ids and len(ref) >= 6:
        # LIKE ignores the case of ASCII letters: a prefix typed in capitals finds it too.
        ids = {row[0] for row in conn.execute("SELECT id FROM reports WHERE sha256 LIKE ?", (printable(ref) + "%",))}
    if len(ids) == 1:
        return ids.pop()
    if not ids:
        raise ArchiveError(f"no archived report matches '{printable(ref)}' (give its id, path or sha256 from "
                           f"`baocao reports`)")
    raise ArchiveError(f"'{printable(ref)}' matches {len(ids)} reports; give its id from `baocao reports`")
