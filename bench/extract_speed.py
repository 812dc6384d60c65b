"""Throughput of the extract stage against one bare regex pass over the same text.

Run: `make bench`. The text is the 200-page report made from the seed; the extract stage is
citations, figures and indicator matching over the whole body, as `parse` runs them.
"""
from __future__ import annotations

import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from workload import ROOT, long_report  # noqa: E402

from pipeline.extract import extract  # noqa: E402
from pipeline.read import read_document  # noqa: E402
from pipeline.resolve import resolve  # noqa: E402
from pipeline.structure import build_report  # noqa: E402

BARE = re.compile(r"\d+(?:[.,]\d+)*\s?%")


def main(runs: int = 5) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        document = read_document(long_report(Path(tmp) / "long-report.docx"))
    report = build_report(document)
    text = report.text
    megabytes = len(text.encode("utf-8")) / 1e6
    bare_t, extract_t = [], []
    for _ in range(runs):
        start = time.perf_counter()
        sum(1 for _ in BARE.finditer(text))
        bare_t.append(time.perf_counter() - start)
        report = build_report(document)
        start = time.perf_counter()
        resolve(extract(report))
        extract_t.append(time.perf_counter() - start)
    result = {"text_mb": round(megabytes, 2), "facts": len(report.citations) + len(report.quantities),
              "bare_regex_s": statistics.median(bare_t), "extract_s": statistics.median(extract_t)}
    result["extract_mb_s"] = megabytes / result["extract_s"]
    result["bare_regex_mb_s"] = megabytes / result["bare_regex_s"]
    result["ratio"] = result["extract_s"] / result["bare_regex_s"]
    print(f"extract stage on {result['text_mb']} MB of report text ({result['facts']} facts), median of {runs}")
    print(f"  one bare re.finditer pass: {result['bare_regex_mb_s']:8.1f} MB/s")
    print(f"  extract (cite+figures+indicators): {result['extract_mb_s']:8.2f} MB/s")
    print(f"  ratio: {result['ratio']:.1f}x the bare pass  (goal <= 10x)")
    (ROOT / "outputs" / "bench-extract.json").write_text(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
