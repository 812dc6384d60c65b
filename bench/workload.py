"""Benchmark workloads built from the corpus: a 200-page report made from the seed."""
from __future__ import annotations

import random
import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import build_corpus  # noqa: E402


def long_report(path: Path, repeats: int = 40) -> Path:
    """The seed body repeated (~5 pages each time) with Word auto-numbering: about 200 pages."""
    spec = build_corpus.seed_spec()
    body = list(spec.body)
    spec.body = [line for _ in range(repeats) for line in body]
    build_corpus.write_auto_numbered(spec, path)
    return word_like(path)


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_RPR = (f'<w:rPr xmlns:w="{W}"><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" '
        f'w:cs="Times New Roman"/><w:color w:val="000000"/><w:sz w:val="28"/><w:szCs w:val="28"/>'
        f'<w:lang w:val="vi-VN"/></w:rPr>')


def word_like(path: Path) -> Path:
    """Rewrite document.xml with the markup Word itself writes: runs split every few words (edits,
    spell-check, input-method sessions), full run properties, rsids, proofing marks, bookmarks.
    python-docx writes far leaner XML than Word, which would flatter every reader's parse time."""
    from lxml import etree

    rng = random.Random(7)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    w = "{%s}" % W
    rpr_template = etree.fromstring(_RPR)
    for p_index, p in enumerate(root.iter(w + "p")):
        p.set(w + "rsidR", f"{rng.getrandbits(32):08X}")
        p.set(w + "rsidRDefault", f"{rng.getrandbits(32):08X}")
        for run in list(p.iterchildren(w + "r")):
            t = run.find(w + "t")
            if t is None or not t.text:
                continue
            words = t.text.split(" ")
            chunks, i = [], 0
            while i < len(words):
                size = rng.randint(2, 5)
                chunks.append(" ".join(words[i:i + size]))
                i += size
            old_rpr = run.find(w + "rPr")
            anchor = run
            for i, chunk in enumerate(chunks):
                new = etree.SubElement(p, w + "r")
                new.set(w + "rsidR", f"{rng.getrandbits(32):08X}")
                rpr = etree.fromstring(etree.tostring(old_rpr if old_rpr is not None else rpr_template))
                if old_rpr is not None:
                    for child in rpr_template:
                        rpr.append(etree.fromstring(etree.tostring(child)))
                new.append(rpr)
                text = etree.SubElement(new, w + "t")
                text.text = chunk + (" " if i + 1 < len(chunks) else "")
                text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                anchor.addnext(new)
                anchor = new
                if rng.random() < 0.1:
                    err = etree.Element(w + "proofErr")
                    err.set(w + "type", "spellStart")
                    anchor.addnext(err)
                    anchor = err
            p.remove(run)
        if p_index % 50 == 0:
            start = etree.Element(w + "bookmarkStart")
            start.set(w + "id", str(p_index))
            start.set(w + "name", f"_Toc{p_index}")
            p.insert(0, start)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


_PERCENT = re.compile(rb"(\d+),(\d+)%")
_MONTH_YEAR = re.compile("tháng (\\d{1,2}) năm 2026".encode())


def varied_copies(folder: Path, count: int, seed: int = 7) -> list[Path]:
    """`count` distinct reports made from the corpus: about 120 communes (the seed's commune renamed
    "Mẫu 001", "Mẫu 002", …), each reporting month after month from January 2020, with every
    percentage moved a little. Plausible figures, many issuers and periods, as an archive grows."""
    rng = random.Random(seed)
    sources = sorted((ROOT / "corpus" / "reports").glob("lung-phinh_*.docx"))
    parts = {}
    for source in sources:
        with zipfile.ZipFile(source) as archive:
            parts[source] = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for n in range(count):
        source = sources[n % len(sources)]
        commune, month_index = divmod(n, 84)
        year, month = 2020 + month_index // 12, month_index % 12 + 1
        target = folder / f"mau-{commune:03d}_{year}-{month:02d}_made-up.docx"

        def move(match: re.Match) -> bytes:
            value = min(99.99, float(match.group(1) + b"." + match.group(2)) * rng.uniform(0.9, 1.1))
            return f"{value:.2f}".replace(".", ",").encode() + b"%"

        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
            for name, data in parts[source].items():
                if name == "word/document.xml":
                    data = _PERCENT.sub(move, data)
                    data = _MONTH_YEAR.sub(f"tháng {month} năm {year}".encode(), data)
                    data = data.replace("LÙNG PHÌNH".encode(), f"MẪU {commune:03d}".encode())
                    data = data.replace("Lùng Phình".encode(), f"Mẫu {commune:03d}".encode())
                out.writestr(name, data)
        written.append(target)
    return written
