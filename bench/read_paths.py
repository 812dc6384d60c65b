"""Time per page of each way baocao gets a report's text, on the seed in each form, in one run:
.docx (read directly), .doc (converted by LibreOffice, then read as .docx), PDF with a text layer
(pdfplumber), and the PDF printed and scanned at 150 dpi (OCR by Tesseract, page by page).

    PYTHONPATH=. python bench/read_paths.py [--repeat 3]

Prints seconds per page for each path and its ratio to the .docx path. The seed's page count is
its PDF's (LibreOffice's rendering of the .docx); every form holds the same report.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pypdfium2

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
SEED = ROOT / "corpus" / "reports" / "lung-phinh_2026-05_seed.docx"

from print_and_scan import print_and_scan  # noqa: E402

from pipeline.convert import to_docx  # noqa: E402
from pipeline.read import read_document  # noqa: E402


def converted(source: Path, target: str, folder: Path) -> Path:
    profile = (folder / "profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", target, "--outdir",
                    str(folder), str(source)], check=True, capture_output=True, timeout=180)
    return folder / f"{source.stem}.{target.split(':')[0]}"


def seconds(path: Path, repeat: int) -> float:
    """The best of `repeat` reads; the LibreOffice conversion's cache is emptied before each."""
    best = float("inf")
    for _ in range(repeat):
        to_docx.cache_clear()
        start = time.perf_counter()
        read_document(path)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="reads per path (OCR: once)")
    repeat = parser.parse_args().repeat
    with tempfile.TemporaryDirectory(prefix="baocao-bench-") as name:
        folder = Path(name)
        pdf = converted(SEED, "pdf", folder)
        forms = {"docx": SEED, "doc (LibreOffice → docx)": converted(SEED, "doc", folder), "pdf text layer": pdf,
                 "pdf scan (OCR)": print_and_scan(pdf, folder / "scan.pdf")}
        pages = len(pypdfium2.PdfDocument(pdf))
        timed = {form: seconds(path, 1 if "OCR" in form else repeat) / pages for form, path in forms.items()}
    print(f"seed report, {pages} pages; best of {repeat} reads (OCR: one)")
    print(f"{'path':28} {'s/page':>9} {'× docx':>9}")
    for form, per_page in timed.items():
        print(f"{form:28} {per_page:9.4f} {per_page / timed['docx']:9.1f}")


if __name__ == "__main__":
    main()
