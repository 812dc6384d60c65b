"""baocao side by side with the tools a user would otherwise reach for, in one run.

Run: `make bench` (it makes the benchmark's own environment, .venv-bench, with the peers). Prints
a table of medians and ratios and writes outputs/bench.json. Sizes: BENCH_RUNS (default 5),
BENCH_REPORTS (default "1000,10000").

Measured:
- reading .docx: the floor (zipfile + lxml, every w:t), baocao, python-docx paragraph text,
  docx2python, mammoth, unstructured (where it runs without the network); on the corpus's small
  reports and on a 200-page report; each measurement in a fresh process, one warm call;
- the extract stage in MB/s, against one bare re.finditer pass over the same text;
- ingest of 1,000 and 10,000 reports with --jobs 1 and 2: reports/s, peak memory, re-ingest of the
  unchanged set;
- compare over the 10,000-report archive.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from workload import ROOT, long_report, varied_copies  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
SIZES = [int(n) for n in os.environ.get("BENCH_REPORTS", "1000,10000").split(",")]
PEERS = ["python-docx", "docx2python", "mammoth", "unstructured"]


def read_seconds(reader: str, files: list[Path]) -> float | str:
    """Median seconds of one warm call over `files`, each run in a fresh process; or why not."""
    times = []
    for _ in range(RUNS):
        done = subprocess.run([sys.executable, str(HERE / "readers.py"), reader, *map(str, files)],
                              capture_output=True, text=True, timeout=1800)
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["failed"])[-1]
            return f"not measured: {last[:120]}"
        times.append(float(done.stdout.strip()))
    return statistics.median(times)


def bench_readers(tmp: Path) -> dict:
    small = sorted((ROOT / "corpus" / "reports").glob("*.docx"))
    long = long_report(tmp / "long-report.docx")
    out = {}
    for name, files in (("small reports (corpus, 8 files)", small), ("200-page report", [long])):
        row = {reader: read_seconds(reader, files) for reader in ["floor", "baocao", *PEERS]}
        out[name] = row
    return out


def bench_extract(tmp: Path) -> dict:
    from pipeline.extract import extract
    from pipeline.read import read_document
    from pipeline.resolve import resolve
    from pipeline.structure import build_report

    document = read_document(tmp / "long-report.docx")
    text = build_report(document).text
    bare = re.compile(r"\d+(?:[.,]\d+)*\s?%")
    megabytes = len(text.encode("utf-8")) / 1e6
    bare_t, extract_t = [], []
    for _ in range(RUNS):
        start = time.perf_counter()
        sum(1 for _ in bare.finditer(text))
        bare_t.append(time.perf_counter() - start)
        report = build_report(document)
        start = time.perf_counter()
        resolve(extract(report))
        extract_t.append(time.perf_counter() - start)
    return {"text_mb": megabytes, "bare_s": statistics.median(bare_t), "extract_s": statistics.median(extract_t),
            "facts": len(report.citations) + len(report.quantities)}


def ingest_once(folder: Path, db: Path, jobs: int) -> dict:
    done = subprocess.run([sys.executable, str(HERE / "ingest_once.py"), str(folder), str(db), str(jobs)],
                          capture_output=True, text=True, check=True, timeout=7200)
    return json.loads(done.stdout)


def bench_ingest(tmp: Path) -> list[dict]:
    rows = []
    for size in SIZES:
        folder = tmp / f"reports-{size}"
        varied_copies(folder, size)
        for jobs in (1, 2):
            db = tmp / f"archive-{size}-{jobs}.sqlite"
            first = ingest_once(folder, db, jobs)
            again = ingest_once(folder, db, jobs)
            assert first["added"] == size and first["failed"] == 0, first
            assert again["unchanged"] == size, again
            rows.append({"reports": size, "jobs": jobs, "seconds": first["seconds"],
                         "reports_per_s": size / first["seconds"], "peak_mb": first["peak_mb"],
                         "worker_peak_mb": first["worker_peak_mb"], "reingest_s": again["seconds"],
                         "db": str(db)})
        shutil.rmtree(folder)
    return rows


def bench_compare(db: Path) -> dict:
    from pipeline.compare import citation_table, indicator_table
    from pipeline.store import connect

    conn = connect(db)
    reports = conn.execute("SELECT COUNT(*) FROM reports").fetchone()[0]
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        rows = len(indicator_table(conn)) + len(citation_table(conn))
        times.append(time.perf_counter() - start)
    return {"reports": reports, "rows": rows, "seconds": statistics.median(times)}


def _fmt(value) -> str:
    return f"{value * 1000:9.1f} ms" if isinstance(value, float) else f"{value}"


def main() -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="baocao-bench-"))
    try:
        results = {"readers": bench_readers(tmp), "extract": bench_extract(tmp), "ingest": bench_ingest(tmp)}
        biggest = max(results["ingest"], key=lambda r: (r["reports"], -r["jobs"]))
        results["compare"] = bench_compare(Path(biggest["db"]))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"\nbaocao benchmark (medians of {RUNS}; 2 noisy cores: read the ratios)\n")
    for workload, row in results["readers"].items():
        print(f"reading .docx, {workload}")
        floor = row["floor"]
        for reader, seconds in row.items():
            ratio = f"{seconds / floor:7.1f}x floor" if isinstance(seconds, float) else ""
            versus = (f"{seconds / row['baocao']:7.1f}x baocao" if isinstance(seconds, float) and reader not in
                      ("floor", "baocao") else "")
            print(f"  {reader:<13} {_fmt(seconds):>14} {ratio} {versus}")
    extract = results["extract"]
    print(f"\nextract stage, {extract['text_mb']:.2f} MB of text, {extract['facts']} facts")
    print(f"  bare re.finditer {extract['text_mb'] / extract['bare_s']:8.1f} MB/s")
    print(f"  baocao extract   {extract['text_mb'] / extract['extract_s']:8.2f} MB/s  "
          f"({extract['extract_s'] / extract['bare_s']:.1f}x the bare pass)")
    print("\ningest")
    for row in results["ingest"]:
        print(f"  {row['reports']:>6} reports --jobs {row['jobs']}: {row['reports_per_s']:6.1f} reports/s, "
              f"peak {row['peak_mb']:.0f} MB (workers {row['worker_peak_mb']:.0f} MB), "
              f"re-ingest unchanged {row['reingest_s']:.2f} s")
    compare = results["compare"]
    print(f"\ncompare over {compare['reports']} reports ({compare['rows']} rows): {compare['seconds']:.2f} s")
    for row in results["ingest"]:
        row.pop("db")
    (ROOT / "outputs" / "bench.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print("\nwritten to outputs/bench.json")
    return results


if __name__ == "__main__":
    main()
