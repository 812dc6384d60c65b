"""The archive: one SQLite file holding every report and every fact with its provenance.

The schema is made and changed only by the named migrations below, each applied once in its own
transaction and recorded in `migrations`. A report is written in one transaction: a crash, a
Ctrl-C or a SIGKILL leaves every finished report intact and no half report.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

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
    status: str  # added, unchanged, replaced
    report_id: int
    path: str
    same_period: list[str]  # other archived reports of the same issuer, type and period


def connect(db: str | Path = DEFAULT_DB, create: bool = True, wait: float = 60) -> sqlite3.Connection:
    """Open the archive (created with its folder if missing) and bring its schema up to date.
    `wait`: seconds to wait for an archive another process is writing."""
    db = Path(db)
    if not create and not db.exists():
        raise ArchiveError(f"{db}: no archive here yet; run `baocao ingest` first")
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(db, timeout=wait, isolation_level=None)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA busy_timeout = {int(wait * 1000)}")
        _settle(conn, wait)
    except (sqlite3.Error, OSError) as exc:
        raise explain(db, exc) from None
    return conn


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
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have applied it while this one waited for the lock.
            if conn.execute("SELECT 1 FROM migrations WHERE name = ?", (name,)).fetchone():
                conn.execute("COMMIT")
                continue
            for statement in sql.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute("INSERT INTO migrations VALUES (?, ?)", (name, _now()))
            conn.execute("COMMIT")
        except BaseException:
            _rollback(conn)
            raise
        applied.append(name)
    return applied


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


def store_report(conn: sqlite3.Connection, report: Report, path: str) -> IngestResult:
    """Write one parsed report in one transaction. Same content: nothing to do. Same path with
    other content: the old version is replaced, facts and all, in the same transaction."""
    meta = report.metadata
    sha = report.document.sha256
    conn.execute("BEGIN IMMEDIATE")
    try:
        existing = known_sha(conn, sha)
        if existing is not None:
            conn.execute("COMMIT")
            return IngestResult("unchanged", existing, path, [])
        old = [row[0] for row in conn.execute("SELECT id FROM reports WHERE path = ?", (path,))]
        for report_id in old:
            conn.execute("DELETE FROM reports WHERE id = ?", (report_id,))
        key = issuer_key(meta.issuer)
        cursor = conn.execute(
            "INSERT INTO reports (path, sha256, format, issuer, issuer_key, superior, header, doc_type, number,"
            " symbol, place, date, period, title, signer, recipients, marks, text, ingested_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (path, sha, report.document.format, meta.issuer, key, meta.superior, meta.header, meta.doc_type,
             meta.number, meta.symbol, meta.place, meta.date, meta.period, meta.title,
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
        conn.executemany("INSERT INTO warnings (report_id, message) VALUES (?, ?)",
                         [(report_id, w) for w in report.warnings])
        same_period = [row[0] for row in conn.execute(
            "SELECT path FROM reports WHERE issuer_key IS ? AND doc_type IS ? AND period IS ? AND id != ?"
            " AND period IS NOT NULL", (key, meta.doc_type, meta.period, report_id))]
        conn.execute("COMMIT")
    except BaseException:
        _rollback(conn)
        raise
    return IngestResult("replaced" if old else "added", report_id, path, same_period)


def _rollback(conn: sqlite3.Connection) -> None:
    """Undo the open transaction, if SQLite has not already: on SQLITE_FULL it rolls back by
    itself, and a second ROLLBACK would raise "no transaction is active" and hide the full disk."""
    if conn.in_transaction:
        conn.execute("ROLLBACK")


def frames(conn: sqlite3.Connection) -> dict:
    """The archive as pandas DataFrames: reports, sections, quantities, citations, warnings.

    Facts carry their report's file, issuer and period (`file`, `report_issuer`, `report_period`),
    so each row is traceable on its own."""
    import pandas as pd

    out = {"reports": pd.read_sql_query(
        "SELECT id, path, sha256, format, issuer, issuer_key, superior, header, doc_type, number, symbol, place,"
        " date, period, title, marks, ingested_at FROM reports ORDER BY period, issuer_key, id", conn)}
    for table in ("sections", "quantities", "citations", "warnings"):
        out[table] = pd.read_sql_query(
            f"SELECT r.path AS file, r.issuer AS report_issuer, r.period AS report_period, t.* FROM {table} t"
            " JOIN reports r ON r.id = t.report_id ORDER BY r.period, r.issuer_key, t.report_id", conn)
    return out


def list_reports(conn: sqlite3.Connection) -> list[dict]:
    rows = conn.execute("""
        SELECT r.id, r.period, r.issuer, r.doc_type, r.path, r.sha256, r.date, r.symbol, r.marks,
               (SELECT COUNT(*) FROM sections s WHERE s.report_id = r.id),
               (SELECT COUNT(*) FROM quantities q WHERE q.report_id = r.id),
               (SELECT COUNT(*) FROM citations c WHERE c.report_id = r.id),
               (SELECT COUNT(*) FROM warnings w WHERE w.report_id = r.id),
               (SELECT COUNT(*) FROM reports o WHERE o.issuer_key IS r.issuer_key AND o.doc_type IS r.doc_type
                  AND o.period IS r.period AND o.id != r.id AND r.period IS NOT NULL)
        FROM reports r ORDER BY r.issuer_key, r.period, r.id""").fetchall()
    keys = ("id", "period", "issuer", "doc_type", "path", "sha256", "date", "symbol", "marks", "sections",
            "quantities", "citations", "warnings", "same_period")
    out = []
    for row in rows:
        item = dict(zip(keys, row))
        item["marks"] = json.loads(item["marks"] or "[]")
        out.append(item)
    return out


def find_report(conn: sqlite3.Connection, ref: str) -> int:
    """A report by id, by path (as ingested or as given), or by the start of its sha256."""
    if ref.isdigit() and conn.execute("SELECT 1 FROM reports WHERE id = ?", (int(ref),)).fetchall():
        return int(ref)
    candidates = {str(Path(ref)), str(Path(ref).resolve())}
    rows = conn.execute(
        f"SELECT id FROM reports WHERE path IN ({','.join('?' * len(candidates))})", tuple(candidates)).fetchall()
    if not rows and len(ref) >= 6:
        rows = conn.execute("SELECT id FROM reports WHERE sha256 LIKE ?", (ref.lower() + "%",)).fetchall()
    if len(rows) == 1:
        return rows[0][0]
    if not rows:
        raise ArchiveError(f"no archived report matches '{ref}' (give its id, path or sha256 from `baocao reports`)")
    raise ArchiveError(f"'{ref}' matches {len(rows)} reports; give its id from `baocao reports`")
