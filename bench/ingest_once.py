"""One ingest in a fresh process: `python bench/ingest_once.py FOLDER DB JOBS` prints JSON with the
seconds it took, the summary, and the peak memory of this process and of its worker processes."""
from __future__ import annotations

import json
import resource
import sys
import time

from pipeline.ingest import ingest


def peak_mb() -> float:
    """This process's peak resident memory. Not ru_maxrss: Linux keeps that across exec, so it
    would report the benchmark process this one was forked from."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

if __name__ == "__main__":
    folder, db, jobs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    start = time.perf_counter()
    summary = ingest([folder], db, jobs=jobs)
    seconds = time.perf_counter() - start
    print(json.dumps({
        "seconds": seconds, "added": summary.added, "unchanged": summary.unchanged,
        "failed": len(summary.failed),
        "peak_mb": peak_mb(),
        "worker_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }))
