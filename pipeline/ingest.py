"""Load files and folders of reports into the archive: idempotent, one transaction per report.

A file whose content is archived already is skipped before it is parsed (by sha256), so a second
run over an unchanged folder only reads and hashes; if its path is new, or held other content,
the path's record is brought up to date. A bad file is reported and skipped; the others go on.
With `jobs` > 1 files are parsed in worker processes and written by this one.
"""
from __future__ import annotations

import ctypes
import hashlib
import multiprocessing
import os
import signal
import sqlite3
import sys
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from pipeline.errors import BaocaoError
from pipeline.models import Report
from pipeline.read import SUPPORTED, file_problem
from pipeline.store import IngestResult, connect, explain, place_known, store_report


@dataclass
class Summary:
    """Counts, and the files that need a word: memory stays flat however many reports go in."""
    added: int = 0
    unchanged: int = 0
    replaced: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    same_period: list[tuple[str, list[str]]] = field(default_factory=list)
    notes: list[tuple[str, str, list[str]]] = field(default_factory=list)  # (file, what its path record changed, paths)
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
        else:
            problem = file_problem(path)
            yield (str(path), problem) if problem else path


def _walk(folder: Path) -> Iterator[Path | tuple[str, str]]:
    with os.scandir(folder) as entries:
        listed = sorted(entries, key=lambda entry: entry.name)
    for entry in listed:
        if entry.name.startswith((".", "~$")):
            continue  # hidden files and Word's lock files
        if entry.is_dir():
            yield from _walk(Path(entry.path))
        elif Path(entry.name).suffix.lower() in SUPPORTED:
            # A report-named pipe, device or huge file is named as failed, never opened or hashed.
            problem = file_problem(Path(entry.path))
            yield (entry.path, problem) if problem else Path(entry.path)


def _parse(path: str, password: str | None = None) -> Report | BaocaoError:
    from pipeline.parse import parse_file

    try:
        return parse_file(path, password)
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
           progress: Callable[[str], None] | None = None, wait: float = 60, password: str | None = None) -> Summary:
    """Ingest files and folders into the archive at `db`. Raises ArchiveError if it cannot open;
    if the archive stops taking writes midway (disk full, locked), `stopped` says why and every
    report written before stays whole. `password` opens the password-protected files among them."""
    conn = connect(db, wait=wait)
    summary = Summary()
    try:
        for path, parsed in _parsed(_new_files(conn, paths, summary, progress), jobs, password):
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
        path = str(item.resolve())
        known = place_known(conn, sha, path)
        if known is None:
            yield path
        else:
            _record(summary, known)
            _tick(progress, path)


def _parsed(paths: Iterator[str], jobs: int, password: str | None) -> Iterator[tuple[str, Report | BaocaoError]]:
    """(path, parsed report or error) in the order given. With workers, a few files per worker are
    in flight at a time, never the whole batch: memory does not grow with the number of files."""
    if jobs <= 1:
        for path in paths:
            yield path, _parse(path, password)
        return
    window = 4 * jobs
    # fork: the workers' parent is this process, which _die_with_parent relies on (and they start
    # without importing baocao again). Python 3.14 makes forkserver the default on Linux.
    with ProcessPoolExecutor(max_workers=min(jobs, os.cpu_count() or 1),
                             mp_context=multiprocessing.get_context("fork"),
                             initializer=_die_with_parent, initargs=(os.getpid(),)) as pool:
        pending: deque = deque()
        for path in paths:
            pending.append((path, pool.submit(_parse, path, password)))
            if len(pending) >= window:
                done_path, future = pending.popleft()
                yield done_path, future.result()
        while pending:
            done_path, future = pending.popleft()
            yield done_path, future.result()


def _die_with_parent(parent: int) -> None:
    """Worker initializer: the worker ends when the ingest that started it dies, even by SIGKILL,
    which gives the pool no chance to stop it (issue 10, item 11); left alone it would wait forever
    for work, since its fellow workers hold the queue's pipe open.

    PR_SET_PDEATHSIG rather than a thread polling os.getppid(): the kernel sends the signal, so it
    arrives at once and also while the worker is deep in lxml or a regex holding the GIL, when a
    watchdog thread could not run; and it costs nothing while the worker works. It fires when the
    thread that forked the worker ends: the pool forks all its workers (fork start method) from
    the thread that first submits, the one reading `_parsed`, which outlives the pool. SIGKILL is
    safe: workers only parse, the archive is written by the parent alone. Linux only; elsewhere
    workers outlive a killed ingest as before."""
    if not sys.platform.startswith("linux"):
        return
    pr_set_pdeathsig = 1  # from <linux/prctl.h>
    ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the prctl: no signal would come
        os._exit(1)


def _record(summary: Summary, result: IngestResult) -> None:
    setattr(summary, result.status, getattr(summary, result.status) + 1)
    if result.same_period:
        summary.same_period.append((result.path, result.same_period))
    if result.note:
        summary.notes.append((result.path, *result.note))


def _tick(progress: Callable[[str], None] | None, path: str) -> None:
    if progress is not None:
        progress(path)
