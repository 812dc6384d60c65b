"""The .docx readers measured side by side: the floor, baocao, and what a user would otherwise
reach for. Each returns the length of the text it read. Peers import lazily: they live only in
the benchmark's own environment (.venv-bench), never in baocao's dependencies.

`python bench/readers.py READER FILE...` prints the seconds of one warm call over the files (a
first untimed call, then a timed one), in a process that may not open a socket.
"""
from __future__ import annotations

import gc
import sys
import time
import zipfile
from pathlib import Path

W_T = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"


def floor(path: Path) -> int:
    from lxml import etree
    # The collector is paused as baocao's reader pauses it: the floor is the fastest bare pass.
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


def python_docx(path: Path) -> int:
    import docx
    return len("\n".join(p.text for p in docx.Document(str(path)).paragraphs))


def docx2python(path: Path) -> int:
    from docx2python import docx2python as read
    with read(str(path)) as result:
        return len(result.text)


def mammoth(path: Path) -> int:
    import mammoth as reader
    with open(path, "rb") as handle:
        return len(reader.extract_raw_text(handle).value)


def unstructured(path: Path) -> int:
    from unstructured.partition.docx import partition_docx
    return sum(len(str(element)) for element in partition_docx(filename=str(path)))


READERS = {"floor": floor, "baocao": baocao, "python-docx": python_docx, "docx2python": docx2python,
           "mammoth": mammoth, "unstructured": unstructured}


def _forbid_network() -> None:
    def hook(event, _args):
        if event in ("socket.connect", "socket.getaddrinfo", "socket.bind"):
            raise RuntimeError(f"network use ({event}) during a benchmark")
    sys.addaudithook(hook)


if __name__ == "__main__":
    _forbid_network()
    reader, files = READERS[sys.argv[1]], [Path(p) for p in sys.argv[2:]]
    for path in files:
        reader(path)
    start = time.perf_counter()
    for path in files:
        reader(path)
    print(time.perf_counter() - start)
