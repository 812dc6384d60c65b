"""The .docx reader against the floor: zipfile + lxml over word/document.xml, every w:t read.

Run: `make bench` (or `.venv/bin/python bench/read_speed.py`). Prints medians and the ratio;
the goal is at most 1.5x the floor.

Each measurement runs in a fresh process and times a second call after an untimed first one.
In one shared process the order decided the result: whichever reader ran right after the other
reused the memory the other had just freed and measured up to 40% faster.
"""
from __future__ import annotations

import gc
import json
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))
from workload import ROOT, long_report  # noqa: E402

W_T = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"


def floor(path: Path) -> int:
    # The garbage collector is paused here too, as baocao's reader pauses it: the floor is the
    # fastest bare pass, not one slowed by collections over the proxies it makes.
    gc.disable()
    try:
        with zipfile.ZipFile(path) as archive:
            root = etree.fromstring(archive.read("word/document.xml"))
        return len("".join(t.text or "" for t in root.iter(W_T)))
    finally:
        gc.enable()


def baocao(path: Path) -> int:
    from pipeline.read import read_document
    return sum(len(b.line) for b in read_document(path).blocks)


READERS = {"floor": floor, "baocao": baocao}


def warm_seconds(name: str, path: Path) -> float:
    """Time one call of a reader, after an untimed one, in this process."""
    READERS[name](path)
    start = time.perf_counter()
    READERS[name](path)
    return time.perf_counter() - start


def measure(name: str, path: Path) -> float:
    out = subprocess.run([sys.executable, __file__, "--one", name, str(path)], check=True,
                         capture_output=True, text=True).stdout
    return float(out)


def main(runs: int = 7) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        path = long_report(Path(tmp) / "long-report.docx")
        times: dict[str, list[float]] = {name: [] for name in READERS}
        for _ in range(runs):
            for name in READERS:
                times[name].append(measure(name, path))
        size_mb = path.stat().st_size / 1e6
    result = {"file_mb": round(size_mb, 2), "floor_s": statistics.median(times["floor"]),
              "reader_s": statistics.median(times["baocao"])}
    result["ratio"] = result["reader_s"] / result["floor_s"]
    print(f"200-page report ({result['file_mb']} MB .docx), median of {runs} fresh processes")
    print(f"  floor (zipfile + lxml, every w:t): {result['floor_s'] * 1000:8.1f} ms")
    print(f"  baocao reader:                     {result['reader_s'] * 1000:8.1f} ms")
    print(f"  ratio:                             {result['ratio']:8.2f}x  (goal <= 1.5x)")
    (ROOT / "outputs" / "bench-read.json").write_text(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--one":
        print(warm_seconds(sys.argv[2], Path(sys.argv[3])))
    else:
        main()
