"""Load files and folders of reports into the archive: idempotent, one transaction per report.

A file whose content is archived already is skipped before it is parsed (by sha256), so a second
run over an unchanged folder only reads and hashes. A bad file is reported and skipped; the
others go on. With `jobs` > 1 files are parsed in worker processes and written by this one.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from pipeline.errors import BaocaoError
from pipeline.models import Report
from pipeline.read import SUPPORTED
from pipeline.store import IngestResult, connect, explain, known_sha, store_report


@dataclass
class Summary:
    """Counts, and the files that need a word: memory stays flat however many reports go in."""
    added: int = 0
    unchanged: int = 0
    replaced: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    same_period: list[tuple[str, list[str]]] = field(default_factory=list)
    stopped: str | None = None  # why the archive could not take more (disk full, read-only, …)

    def line(self) -> str:
        return f"added {self.added}, unchanged {self.unchanged}, replaced {self.replaced}, failed {len(self.failed)}"


def report_files(paths: Iterable[str | Path]) -> Iterator[Path | tuple[str, str]]:
    """Files to ingest, folders walked recursively in name order (one folder listed at a time);
    unusable paths as (path, problem)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            yield path
        else:
            yield (str(path), "no such file or folder")


def _walk(folder: Path) -> Iterator[Path]:
    with os.scandir(folder) as entries:
        listed = sorted(entries, key=lambda entry: entry.name)
    for entry in listed:
        if entry.name.startswith((".", "~$")):
            continue  # hidden files and Word's lock files
        if entry.is_dir():
            yield from _walk(Path(entry.path))
        elif entry.is_file() and Path(entry.name).suffix.lower() in SUPPORTED:
            yield Path(entry.path)


def _parse(path: str) -> Report | BaocaoError:
    from pipeline.parse import parse_file

    try:
        return parse_file(path)
    except BaocaoError as exc:
        return exc
    except Exception as exc:  # noqa: BLE001 - one broken file must not stop the batch
        return BaocaoError(f"{path}: could not be read ({type(exc).__name__}: {exc})")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def ingest(paths: Iterable[str | Path], db: str | Path, jobs: int = 1,
           progress: Callable[[str], None] | None = None, wait: float = 60) -> Summary:
    """Ingest files and folders into the archive at `db`. Raises ArchiveError if it cannot open;
    if the archive stops taking writes midway (disk full, locked), `stopped` says why and every
    report written before stays whole."""
    conn = connect(db, wait=wait)
    summary = Summary()
    try:
        for path, parsed in _parsed(_new_files(conn, paths, summary, progress), jobs):
            if isinstance(parsed, BaocaoError):
                message = str(parsed)
                summary.failed.append((path, message[len(path) + 2:] if message.startswith(path + ": ") else message))
            else:
                _record(summary, store_report(conn, parsed, path))
            _tick(progress, path)
    except (sqlite3.Error, OSError) as exc:
        summary.stopped = str(explain(db, exc))
    finally:
        conn.close()
    return summary


def _new_files(conn, paths, summary: Summary, progress) -> Iterator[str]:
    """The files whose content is not archived yet; the others are counted and skipped unread."""
    for item in report_files(paths):
        if isinstance(item, tuple):
            summary.failed.append(item)
            _tick(progress, item[0])
            continue
        try:
            sha = _sha256(item)
        except OSError as exc:
            summary.failed.append((str(item), f"cannot be opened ({exc.strerror or exc})"))
            _tick(progress, str(item))
            continue
        if known_sha(conn, sha) is not None:
            summary.unchanged += 1
            _tick(progress, str(item))
        else:
            yield str(item.resolve())


def _parsed(paths: Iterator[str], jobs: int) -> Iterator[tuple[str, Report | BaocaoError]]:
    """(path, parsed report or error) in the order given. With workers, a few files per worker are
    in flight at a time, never the whole batch: memory does not grow with the number of files."""
    if jobs <= 1:
        for path in paths:
            yield path, _parse(path)
        return
    window = 4 * jobs
    with ProcessPoolExecutor(max_workers=min(jobs, os.cpu_count() or 1)) as pool:
        pending: deque = deque()
        for path in paths:
            pending.append((path, pool.submit(_parse, path)))
            if len(pending) >= window:
                done_path, future = pending.popleft()
                yield done_path, future.result()
        while pending:
            done_path, future = pending.popleft()
            yield done_path, future.result()


def _record(summary: Summary, result: IngestResult) -> None:
    setattr(summary, result.status, getattr(summary, result.status) + 1)
    if result.same_period:
        summary.same_period.append((result.path, result.same_period))


def _tick(progress: Callable[[str], None] | None, path: str) -> None:
    if progress is not None:
        progress(path)
