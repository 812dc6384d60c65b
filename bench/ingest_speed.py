"""Ingest throughput: N reports (copies of the corpus with varied figures) into a fresh archive,
then the same set again (all unchanged). Run: `make bench` or
`.venv/bin/python bench/ingest_speed.py --reports 1000 --jobs 1 --jobs 2`.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from workload import ROOT  # noqa: E402

from pipeline.ingest import ingest  # noqa: E402

_PERCENT = re.compile(rb"(\d+),(\d+)%")


def varied_copies(folder: Path, count: int, seed: int = 7) -> list[Path]:
    """`count` reports made from the corpus, each with its percentages moved a little, so every
    copy is a distinct report with plausible figures."""
    rng = random.Random(seed)
    sources = sorted((ROOT / "corpus" / "reports").glob("*.docx"))
    parts = {s: {i.filename: zipfile.ZipFile(s).read(i.filename) for i in zipfile.ZipFile(s).infolist()} for s in sources}
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for n in range(count):
        source = sources[n % len(sources)]
        target = folder / f"{n:05d}-{source.name}"

        def move(match: re.Match) -> bytes:
            value = float(match.group(1) + b"." + match.group(2)) * rng.uniform(0.9, 1.1)
            return f"{value:.2f}".replace(".", ",").encode() + b"%"

        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
            for name, data in parts[source].items():
                if name == "word/document.xml":
                    data = _PERCENT.sub(move, data).replace(b"Nh\xc3\xacn chung", f"Nhìn chung ({n})".encode(), 1)
                out.writestr(name, data)
        written.append(target)
    return written


def run(count: int, jobs: int, tmp: Path) -> dict:
    folder = tmp / f"reports-{count}"
    if not folder.exists():
        varied_copies(folder, count)
    db = tmp / f"archive-{count}-{jobs}.sqlite"
    start = time.perf_counter()
    first = ingest([folder], db, jobs=jobs)
    first_s = time.perf_counter() - start
    start = time.perf_counter()
    again = ingest([folder], db, jobs=jobs)
    again_s = time.perf_counter() - start
    assert len(first.added) == count and not first.failed, first.line()
    assert len(again.unchanged) == count, again.line()
    return {"reports": count, "jobs": jobs, "ingest_s": round(first_s, 2), "reports_per_s": round(count / first_s, 1),
            "reingest_unchanged_s": round(again_s, 2), "db_mb": round(db.stat().st_size / 1e6, 1)}


def main() -> list[dict]:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, action="append")
    parser.add_argument("--jobs", type=int, action="append")
    args = parser.parse_args()
    results = []
    tmp = Path(tempfile.mkdtemp(prefix="baocao-bench-"))
    try:
        for count in args.reports or [1000]:
            for jobs in args.jobs or [1, 2]:
                result = run(count, jobs, tmp)
                results.append(result)
                print(f"{result['reports']:>6} reports, --jobs {jobs}: {result['reports_per_s']:7.1f} reports/s "
                      f"({result['ingest_s']} s); re-ingest unchanged: {result['reingest_unchanged_s']} s; "
                      f"archive {result['db_mb']} MB")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    (ROOT / "outputs" / "bench-ingest.json").write_text(json.dumps(results, indent=2))
    return results


if __name__ == "__main__":
    main()
