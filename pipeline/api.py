"""The library API: one call per user task. The CLI is a thin layer over these."""
from __future__ import annotations

from pathlib import Path

from pipeline.extract import extract
from pipeline.models import Report
from pipeline.resolve import resolve
from pipeline.read import read_document, read_txt_bytes
from pipeline.structure import build_report


def parse_file(path: str | Path) -> Report:
    """Read, normalise, structure and extract one report file."""
    return _finish(build_report(read_document(path)))


def parse_text(text: str, path: str = "<text>") -> Report:
    """The same pipeline over report text already in memory (one paragraph a line)."""
    return _finish(build_report(read_txt_bytes(text.encode("utf-8"), path)))


def _finish(report: Report) -> Report:
    return resolve(extract(report))
