"""Regenerate the sample corpus as real .docx files: `python scripts/build_corpus.py`.

The seed (a real report of May 2026, kept verbatim as .txt) becomes:
- corpus/reports/lung-phinh_2026-05_seed.docx: typed labels, header and "Nơi nhận" as borderless tables;
- corpus/variants/…_auto-numbering.docx: the same, with Word auto-numbering instead of typed labels;
- corpus/variants/…_tracked-changes.docx: the same, with tracked insertions/deletions, a hyperlink,
  fields, a content control and a text box.
The seed .txt names no issuing body (the plain-text export lost the header table); the .docx
header names it as "ĐẢNG ỦY XÃ LÙNG PHÌNH" under "ĐẢNG BỘ TỈNH LÀO CAI", a reconstruction
recorded in each file's properties.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import docxkit  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEED_TXT = ROOT / "corpus" / "variants" / "lung-phinh_2026-05_seed.txt"

# Labels as the seed types them; the auto-numbering variant drops these and lets Word draw them.
_ROMAN = re.compile(r"^(I{1,3}|IV|V|VI{0,3})\.\s+")
_DECIMAL = re.compile(r"^(\d+)\.(\d+)\.\s+")
_ARABIC = re.compile(r"^(\d+)\.\s*")
_DASH = re.compile(r"^-\s+")


@dataclass
class ReportSpec:
    superior: str
    issuer: str
    number_line: str
    place_date: str
    doc_type: str
    title: str
    body: list[str]
    recipients: list[str]
    signer: list[str] = field(default_factory=list)
    national: str = "ĐẢNG CỘNG SẢN VIỆT NAM"
    motto: str | None = None
    comment: str = ""
    keywords: str = ""


def seed_spec() -> ReportSpec:
    lines = [line.strip() for line in SEED_TXT.read_text(encoding="utf-8").splitlines()]
    lines = [line.replace("[bookmark: _GoBack]", "") for line in lines if line]
    start = lines.index("-----") + 1
    stop = next(i for i, line in enumerate(lines) if line.startswith("Nơi nhận"))
    title_index = lines.index("BÁO CÁO") + 1
    recipients = [re.sub(r"^-\s*", "", line).strip() for line in lines[stop + 1:]]
    return ReportSpec(
        superior="ĐẢNG BỘ TỈNH LÀO CAI",
        issuer="ĐẢNG ỦY XÃ LÙNG PHÌNH",
        number_line="Số        -BC/ĐU",
        place_date="Lùng Phình, ngày    tháng 5 năm 2026",
        doc_type="BÁO CÁO",
        title=lines[title_index],
        body=lines[start:stop],
        recipients=recipients,
        comment=("Seed: a real report of May 2026, rebuilt as .docx from its text export. "
                 "Header names (issuing and superior body) reconstructed."),
        keywords="real; seed",
    )


def _header(document, spec: ReportSpec) -> None:
    left = [(spec.superior, {"center": True}), (spec.issuer, {"bold": True, "center": True}),
            ("*", {"center": True}), (spec.number_line, {"center": True})]
    right = [(spec.national, {"bold": True, "center": True})]
    if spec.motto:
        right.append((spec.motto, {"bold": True, "center": True}))
    right += [("", {}), (spec.place_date, {"italic": True, "center": True})]
    docxkit.borderless_table(document, [[left, right]])
    docxkit.paragraph(document)
    docxkit.paragraph(document, spec.doc_type, bold=True, center=True)
    docxkit.paragraph(document, spec.title, bold=True, center=True)
    docxkit.paragraph(document, "-----", center=True)


def _footer(document, spec: ReportSpec) -> None:
    left = [("Nơi nhận:", {"bold": True, "italic": True})] + [(f"- {r}", {}) for r in spec.recipients]
    right = [(line, {"bold": True, "center": True}) for line in spec.signer] or [("", {})]
    docxkit.borderless_table(document, [[left, right]])


def _heading_kind(line: str) -> tuple[str | None, str]:
    """(kind, text without its typed label) for the auto-numbering variant."""
    for kind, pattern in (("roman", _ROMAN), ("decimal", _DECIMAL), ("arabic", _ARABIC), ("dash", _DASH)):
        match = pattern.match(line)
        if match:
            return kind, line[match.end():]
    return None, line


def _is_heading_line(line: str) -> bool:
    return len(line) < 160 and not line.endswith((".", ";"))


def write_typed(spec: ReportSpec, path: Path) -> None:
    document = docxkit.new_document(spec.comment, spec.keywords)
    _header(document, spec)
    for line in spec.body:
        kind, _ = _heading_kind(line)
        heading = kind in ("roman", "arabic", "decimal") and _is_heading_line(line)
        docxkit.paragraph(document, line, bold=heading)
    _footer(document, spec)
    document.save(path)


def write_auto_numbered(spec: ReportSpec, path: Path) -> None:
    document = docxkit.new_document(spec.comment + " Variant: Word auto-numbering.", spec.keywords)
    docxkit.add_abstract_numbering(document, [
        {"fmt": "upperRoman", "text": "%1."},
        {"fmt": "decimal", "text": "%2."},
        {"fmt": "decimal", "text": "%2.%3."},
    ], abstract_id=90)
    docxkit.add_abstract_numbering(document, [{"fmt": "bullet", "text": "-"}], abstract_id=91)
    outline = docxkit.add_num(document, 90, 90)
    bullets = docxkit.add_num(document, 91, 91)
    _header(document, spec)
    for line in spec.body:
        kind, rest = _heading_kind(line)
        if kind is None:
            docxkit.paragraph(document, line)
            continue
        heading = kind != "dash" and _is_heading_line(line)
        p = docxkit.paragraph(document, rest, bold=heading)
        if kind == "dash":
            docxkit.set_numbering(p, bullets, 0)
        else:
            docxkit.set_numbering(p, outline, {"roman": 0, "arabic": 1, "decimal": 2}[kind])
    _footer(document, spec)
    document.save(path)


# Edits a reviewer made and the writer accepted: (paragraph prefix, old text, new text).
_TRACKED_EDITS = [
    ("Từ sau phiên họp", "đã tổ chức 08 hội nghị", "đã tổ chức 09 hội nghị"),
    ("Trong tháng, Thường trực Đảng ủy đã cho ý kiến", "đối với 05 nội dung", "đối với 06 nội dung"),
]


def write_tracked(spec: ReportSpec, path: Path) -> None:
    """Every visible word equals the seed once insertions are accepted and deletions dropped."""
    document = docxkit.new_document(spec.comment + " Variant: tracked changes, fields, links.", spec.keywords)
    _header(document, spec)
    edits = {prefix: (old, new) for prefix, old, new in _TRACKED_EDITS}
    for line in spec.body:
        kind, _ = _heading_kind(line)
        heading = kind in ("roman", "arabic", "decimal") and _is_heading_line(line)
        prefix = next((p for p in edits if line.startswith(p)), None)
        if prefix:
            old, new = edits[prefix]
            before, after = line.split(new, 1)
            p = docxkit.paragraph(document, before)
            common = len(re.match(r"^\D*", new).group(0))
            docxkit.text(p, new[:common])
            docxkit.tracked_delete(p, old[common:])
            docxkit.tracked_insert(p, new[common:])
            docxkit.text(p, after)
        elif line.startswith("- Nội dung kiểm tra tập trung"):
            # The citation sits in a hyperlink, its date in a content control.
            cited = "Nghị định số 66/2025/NĐ-CP"
            before, after = line.split(cited, 1)
            date = "ngày 12/3/2025"
            middle, tail = after.split(date, 1)
            p = docxkit.paragraph(document, before)
            docxkit.hyperlink(p, cited, "https://vanban.chinhphu.vn/")
            docxkit.text(p, middle)
            docxkit.content_control(p, date)
            docxkit.text(p, tail)
        elif line.startswith("Thường trực Đảng ủy tập trung lãnh đạo"):
            # The year arrives as a field result; its instruction must not leak into the text.
            head, tail = line.split("năm 2025", 1)
            p = docxkit.paragraph(document, head + "năm ")
            docxkit.complex_field(p, 'DOCPROPERTY "NamBaoCao" \\* MERGEFORMAT', "2025")
            docxkit.text(p, tail)
            docxkit.tracked_delete(p, " (bản cũ: nội dung đã bỏ)")
        else:
            p = docxkit.paragraph(document, line, bold=heading)
    closing = document.paragraphs[-1]
    docxkit.text_box(closing, "Biểu theo dõi kèm theo")  # Word stores it twice; it must read once
    _footer(document, spec)
    document.save(path)


def build(root: Path = ROOT) -> list[Path]:
    reports, variants = root / "corpus" / "reports", root / "corpus" / "variants"
    reports.mkdir(parents=True, exist_ok=True)
    variants.mkdir(parents=True, exist_ok=True)
    spec = seed_spec()
    written = [reports / "lung-phinh_2026-05_seed.docx",
               variants / "lung-phinh_2026-05_seed_auto-numbering.docx",
               variants / "lung-phinh_2026-05_seed_tracked-changes.docx"]
    write_typed(spec, written[0])
    write_auto_numbered(spec, written[1])
    write_tracked(spec, written[2])
    return written


if __name__ == "__main__":
    for written_path in build():
        print(written_path.relative_to(ROOT))
