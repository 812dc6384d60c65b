"""The read → normalise → structure → extract → resolve chain, for one file or text in memory.

Every stage after it (store, compare, check, evaluate) starts from the Report this returns.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from pipeline.extract import extract
from pipeline.models import Report
from pipeline.read import read_document, read_txt_bytes
from pipeline.resolve import resolve
from pipeline.structure import build_report


def parse_file(path: str | Path, password: str | None = None,
               progress: Callable[[int, int], None] | None = None) -> Report:
    """Read, normalise, structure, extract and resolve one report file. `password` opens a
    password-protected Word file or PDF; `progress(done, total)` follows a scan's OCR page by page."""
    return resolve(extract(build_report(read_document(path, password, progress))))


def parse_text(text: str, path: str = "<text>") -> Report:
    """The same pipeline over report text already in memory (one paragraph a line)."""
    return resolve(extract(build_report(read_txt_bytes(text.encode("utf-8"), path))))
