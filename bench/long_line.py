"""Extraction time against text length on one line with no line break, in one run (issue 10, item 6).

Run: `.venv/bin/python bench/long_line.py` (sizes in MB: LONG_LINE_MB, default "5,10,20,50").
Every figure's subject is looked for back towards its line's start; when that search was not
bounded, a line of n figures cost n times the line, so 8 MB took 14 s and 50 MB did not finish.
The table's last column is seconds per MB relative to the smallest size: about 1.0 means linear.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from pipeline.parse import parse_text  # noqa: E402

SIZES = [float(mb) for mb in os.environ.get("LONG_LINE_MB", "5,10,20,50").split(",")]


def one_line_report(megabytes: float) -> str:
    """The seed's header on its own lines, then its body (sentences with figures and citations)
    repeated on a single line up to `megabytes` of UTF-8."""
    lines = (ROOT / "corpus/variants/lung-phinh_2026-05_seed.txt").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("I.")) + 1
    header, body = lines[:start], " ".join(line.strip() for line in lines[start:] if line.strip())
    repeats = max(1, int(megabytes * 1e6 / len(body.encode())))
    return "\n".join(header) + "\n" + " ".join([body] * repeats)


def main() -> None:
    print(f"{'MB':>5} {'seconds':>8} {'figures':>8} {'citations':>9} {'s/MB ratio':>10}")
    parse_text(one_line_report(0.1))  # rule tables load on first use: not part of any size
    first = None
    for megabytes in SIZES:
        text = one_line_report(megabytes)
        size = len(text.encode()) / 1e6
        began = time.perf_counter()
        report = parse_text(text)
        seconds = time.perf_counter() - began
        first = first or seconds / size
        print(f"{size:5.1f} {seconds:8.2f} {len(report.quantities):8d} {len(report.citations):9d} "
              f"{seconds / size / first:10.2f}", flush=True)


if __name__ == "__main__":
    main()
