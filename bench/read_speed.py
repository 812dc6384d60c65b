"""The .docx reader against the floor: zipfile + lxml over word/document.xml, every w:t read.

Run: `make bench` (or `.venv/bin/python bench/read_speed.py`). Prints medians and the ratio;
the goal is at most 1.5x the floor.
"""
from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))
from workload import ROOT, long_report  # noqa: E402

from pipeline.read import read_document  # noqa: E402

W_T = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"


def floor(path: Path) -> int:
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    return len("".join(t.text or "" for t in root.iter(W_T)))


def ours(path: Path) -> int:
    return sum(len(b.line) for b in read_document(path).blocks)


def median_seconds(fn, path: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(runs: int = 7) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        path = long_report(Path(tmp) / "long-report.docx")
        size_mb = path.stat().st_size / 1e6
        # Interleave so that machine noise hits both alike.
        floor_t, ours_t = [], []
        for _ in range(runs):
            floor_t.append(median_seconds(floor, path, 1))
            ours_t.append(median_seconds(ours, path, 1))
        result = {"file_mb": round(size_mb, 2), "floor_s": statistics.median(floor_t),
                  "reader_s": statistics.median(ours_t)}
        result["ratio"] = result["reader_s"] / result["floor_s"]
    print(f"200-page report ({result['file_mb']} MB .docx), median of {runs} runs")
    print(f"  floor (zipfile + lxml, every w:t): {result['floor_s'] * 1000:8.1f} ms")
    print(f"  baocao reader:                     {result['reader_s'] * 1000:8.1f} ms")
    print(f"  ratio:                             {result['ratio']:8.2f}x  (goal <= 1.5x)")
    out = ROOT / "outputs" / "bench-read.json"
    out.write_text(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
