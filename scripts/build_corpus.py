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
    annex: list = field(default_factory=list)  # functions that write the sheets attached after the signature


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


# Sizes of Hướng dẫn 36-HD/VPTW, Phụ lục 3: header 15, number and place-date 14, type word 16,
# "Nơi nhận" 14 underlined, its list 12.
def _header(document, spec: ReportSpec) -> None:
    left = [(spec.superior, {"center": True}), (spec.issuer, {"bold": True, "center": True}),
            ("*", {"center": True}), (spec.number_line, {"center": True})]
    right = [(spec.national, {"bold": True, "center": True, "size": 15})]
    if spec.motto:
        right.append((spec.motto, {"bold": True, "center": True}))
    right += [("", {}), (spec.place_date, {"italic": True, "center": True})]
    docxkit.borderless_table(document, [[left, right]])
    docxkit.paragraph(document)
    docxkit.paragraph(document, spec.doc_type, bold=True, center=True, size=16)
    docxkit.paragraph(document, spec.title, bold=True, center=True)
    docxkit.paragraph(document, "-----", center=True)


def _footer(document, spec: ReportSpec) -> None:
    left = [("Nơi nhận:", {"underline": True})] + [(f"- {r}", {"size": 12}) for r in spec.recipients]
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
    if spec.annex:
        docxkit.paragraph(document, "PHỤ LỤC", bold=True, center=True)
    for write_sheet in spec.annex:
        write_sheet(document)
    docxkit.save(document, path)


# --- Sheets attached to a report (made up) --------------------------------------------------------
# The seed's text announces "biểu theo dõi kết quả thực hiện từng nhiệm vụ kèm theo" for its 90
# tasks (43 done, 47 in progress); the real sheet was not exported, so this one is made up, and
# says so in its title. Indicator sheets carry the figures each month's text gives (trồng rừng
# 10,5/56 ha, …), so a table and a sentence of one report agree.
MADE_UP_SHEET = "(số liệu minh họa, không có thật)"
_TASK_SUBJECTS = ["Quán triệt, triển khai nghị quyết, chỉ thị của cấp trên", "Kiểm tra, giám sát chi bộ trực thuộc",
                  "Rà soát, bổ sung quy hoạch cán bộ", "Tuyên truyền phòng, chống cháy rừng",
                  "Đôn đốc thu ngân sách trên địa bàn", "Rà soát hộ nghèo, hộ cận nghèo",
                  "Cấp giấy chứng nhận quyền sử dụng đất cho hộ gia đình", "Chỉ đạo gieo cấy lúa, trồng rau màu",
                  "Củng cố tổ hòa giải ở cơ sở", "Hướng dẫn sinh hoạt chi bộ chuyên đề"]
_TASK_OFFICES = ["Văn phòng Đảng ủy", "Ban Xây dựng Đảng", "UBND xã", "Ủy ban MTTQ xã", "Đảng ủy Quân sự xã"]
_TASK_DEADLINES = ["30/6/2026", "31/7/2026", "30/9/2026", "31/12/2026"]
SEED_TASKS_DONE, SEED_TASKS = 43, 90


def seed_task_rows() -> list[list[str]]:
    """The made-up task sheet's rows: 90 tasks, the odd ones up to 85 done (43), the rest in progress (47)."""
    rows = []
    for number in range(1, SEED_TASKS + 1):
        subject = _TASK_SUBJECTS[(number - 1) % len(_TASK_SUBJECTS)]
        thon = ["Lùng Phình", "Sín Chải", "Pả Chư Tỷ", "Séo Lùng", "Tả Thàng", "Bản Mế", "Cốc Cái", "Hoàng Thu Phố",
                "Lử Chồ"][(number - 1) // len(_TASK_SUBJECTS)]
        done = number % 2 == 1 and number <= 2 * SEED_TASKS_DONE - 1
        status = ("Hoàn thành" if number % 4 == 1 else "Đã hoàn thành") if done else \
            ("Đang thực hiện" if number % 4 in (0, 2) else "Đang triển khai thực hiện")
        rows.append([str(number), f"{subject} (thôn {thon})", _TASK_OFFICES[(number - 1) % len(_TASK_OFFICES)],
                     _TASK_DEADLINES[(number - 1) % len(_TASK_DEADLINES)], status])
    return rows


def task_sheet(document) -> None:
    docxkit.paragraph(document, f"BIỂU THEO DÕI KẾT QUẢ THỰC HIỆN TỪNG NHIỆM VỤ {MADE_UP_SHEET}", bold=True, center=True)
    docxkit.data_table(document, [["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Kết quả"]]
                       + seed_task_rows(), header_rows=1)


# month: (actual this month and cumulative for trồng rừng (ha), giấy chứng nhận, trích lục (thửa);
# poverty and near-poverty rates; % of plan) — the cumulative ones and the rates are the month's text's.
SHEET_MONTHS = {
    4: (("2", "9"), ("4", "21"), ("3", "14"), "25,63", "18,52", ("16,1", "42", "46,7")),
    5: (("3,5", "10,5"), ("4", "25"), ("3", "17"), "25,46", "18,36", ("18,8", "50", "56,7")),
    6: (("7,5", "18"), ("6", "31"), ("3", "20"), "25,30", "18,21", ("32,1", "62", "66,7")),
}


def indicator_sheet(month: int, merged: bool = False, forest_percent: str | None = None):
    """The month's indicator sheet. `merged`: a two-row header ("Kết quả thực hiện" across "Tháng N"
    and "Lũy kế", the other header cells merged down) and the rates' "%" merged down two rows.
    `forest_percent`: the afforestation row's "% so với kế hoạch" typed otherwise (a draft's mistake)."""
    forest, certificates, extracts, poverty, near_poverty, percents = SHEET_MONTHS[month]
    if forest_percent is not None:
        percents = (forest_percent, *percents[1:])

    def write(document) -> None:
        docxkit.paragraph(document, f"BIỂU CHỈ TIÊU KINH TẾ - XÃ HỘI THÁNG {month} NĂM 2026 {MADE_UP_SHEET}",
                          bold=True, center=True)
        if merged:
            header = [["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2026", "Kết quả thực hiện", "", "% so với kế hoạch"],
                      ["", "", "", "", f"Tháng {month}", "Lũy kế", ""]]
        else:
            header = [["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2026", f"Thực hiện tháng {month}", "Lũy kế",
                       "% so với kế hoạch"]]
        rows = [["I", "Kinh tế", "", "", "", "", ""],
                ["1", "Trồng rừng", "ha", "56", *forest, percents[0]],
                ["2", "Cấp giấy chứng nhận quyền sử dụng đất", "giấy", "50", *certificates, percents[1]],
                ["3", "Trích lục địa chính", "thửa", "30", *extracts, percents[2]],
                ["II", "Xã hội", "", "", "", "", ""],
                ["1", "Tỷ lệ hộ nghèo", "%", "24", "x", poverty, "x"],
                ["2", "Tỷ lệ hộ cận nghèo", "" if merged else "%", "17", "x", near_poverty, "x"]]
        merges = [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 1, 2), (0, 3, 1, 3), (0, 4, 0, 5), (0, 6, 1, 6), (7, 2, 8, 2)]
        docxkit.data_table(document, header + rows, merges if merged else [], header_rows=len(header))
    return write


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
    docxkit.save(document, path)


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
    docxkit.save(document, path)


# --- Made-up months ------------------------------------------------------------------------------
# Each made-up report is the seed's text with its figures, dates and some citations changed, so
# that indicators move month to month the way a commune's do. A month lists the new text of each
# of the seed's figures (SEED_FIGURES, in order): the same list rewrites the report and its
# labels, so the labels come from the seed's hand-checked ones, not from the extractor.

SEED_FIGURES = ["09 hội nghị", "06 nội dung", "03 viên chức", "83,3%", "trên 300 văn bản", "trên 70 văn bản",
                "05 kết luận", "90 nhiệm vụ", "43 nhiệm vụ", "47 nhiệm vụ", "78,4%", "59,1%", "10,5/56 ha",
                "4,74%", "25/50 giấy", "17/30 thửa", "20,5%", "34,9%", "25,46%", "18,36%"]

# month: figures in SEED_FIGURES order, report number, day signed, previous Standing Committee
# meeting (number, date), "as of" date of the task count.
MONTHS = {
    1: (["07 hội nghị", "05 nội dung", "01 viên chức", "78,6%", "trên 260 văn bản", "trên 55 văn bản",
         "04 kết luận", "60 nhiệm vụ", "22 nhiệm vụ", "38 nhiệm vụ", "12,5%", "20,4%", "2/56 ha", "0,85%",
         "8/50 giấy", "5/30 thửa", "18,9%", "8,2%", "26,12%", "18,95%"], "95", 29, ("8", "26/12/2025"), "28/01/2026"),
    2: (["08 hội nghị", "04 nội dung", "02 viên chức", "80,2%", "trên 240 văn bản", "trên 50 văn bản",
         "03 kết luận", "68 nhiệm vụ", "30 nhiệm vụ", "38 nhiệm vụ", "35,2%", "31,0%", "4,5/56 ha", "1,62%",
         "12/50 giấy", "8/30 thửa", "19,2%", "14,6%", "25,98%", "18,80%"], "101", 26, ("9", "23/01/2026"), "25/02/2026"),
    3: (["10 hội nghị", "07 nội dung", "02 viên chức", "81,5%", "trên 310 văn bản", "trên 72 văn bản",
         "05 kết luận", "75 nhiệm vụ", "34 nhiệm vụ", "41 nhiệm vụ", "58,0%", "45,7%", "7/56 ha", "2,41%",
         "17/50 giấy", "11/30 thửa", "19,6%", "21,3%", "25,85%", "18,71%"], "108", 27, ("10", "25/02/2026"), "26/03/2026"),
    4: (["08 hội nghị", "06 nội dung", "01 viên chức", "82,7%", "trên 290 văn bản", "trên 64 văn bản",
         "04 kết luận", "82 nhiệm vụ", "38 nhiệm vụ", "44 nhiệm vụ", "70,3%", "52,3%", "9/56 ha", "3,56%",
         "21/50 giấy", "14/30 thửa", "20,1%", "28,7%", "25,63%", "18,52%"], "114", 28, ("11", "27/3/2026"), "27/4/2026"),
    6: (["11 hội nghị", "08 nội dung", "02 viên chức", "85,1%", "trên 320 văn bản", "trên 76 văn bản",
         "06 kết luận", "98 nhiệm vụ", "55 nhiệm vụ", "43 nhiệm vụ", "92,6%", "68,9%", "18/56 ha", "9,8%",
         "31/50 giấy", "20/30 thửa", "21,0%", "41,8%", "25,30%", "18,21%"], "127", 26, ("13", "26/5/2026"), "25/6/2026"),
    7: (["09 hội nghị", "05 nội dung", "01 viên chức", "86,4%", "trên 280 văn bản", "trên 61 văn bản",
         "04 kết luận", "104 nhiệm vụ", "63 nhiệm vụ", "41 nhiệm vụ", "101,2%", "80,2%", "26,5/56 ha", "15,3%",
         "36/50 giấy", "24/30 thửa", "21,4%", "49,5%", "25,18%", "18,10%"], "133", 28, ("14", "25/6/2026"), "28/7/2026"),
}

_NQ105 = "theo Nghị quyết số 105/NQ-CP ngày 08/4/2026 của Chính phủ"
_NQ57 = ("- Quan tâm lãnh đạo triển khai thực hiện các nhiệm vụ chuyển đổi số",
         "- Quan tâm lãnh đạo triển khai thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về "
         "đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia; các nhiệm vụ chuyển đổi số")
_ND66 = ("Nghị định số 66/2025/NĐ-CP ngày 12/3/2025 của Chính phủ; Nghị định số 238/2025/NĐ-CP",
         "Nghị định số 238/2025/NĐ-CP")
MADE_UP_NOTE = ("Made-up report written for baocao's sample corpus: the seed's text with invented, plausible "
                "figures and dates. Not a real report.")


def _value(text: str) -> tuple[float, float | None]:
    """The value (and target) a figure text carries: "10,5/56 ha" → (10.5, 56)."""
    numbers = re.findall(r"\d+(?:,\d+)?", text)
    values = [float(n.replace(",", ".")) for n in numbers]
    return (values[0], values[1]) if "/" in text else (values[0], None)


# A second commune (made-up: Nậm Mẫu is not a real place), May 2026, with its own figures.
NAM_MAU = (["06 hội nghị", "05 nội dung", "02 viên chức", "90,4%", "trên 180 văn bản", "trên 45 văn bản",
            "03 kết luận", "52 nhiệm vụ", "30 nhiệm vụ", "22 nhiệm vụ", "84,0%", "66,5%", "12/40 ha", "6,20%",
            "18/35 giấy", "9/20 thửa", "16,8%", "52,6%", "31,20%", "15,05%"], "88", 29, ("7", "22/4/2026"), "27/5/2026")


def month_edits(month: int, row: tuple | None = None) -> list[tuple[str, str]]:
    """(seed text, new text) pairs that turn the seed's body into the given month's."""
    figures, _, _, (meeting, meeting_date), as_of = row or MONTHS[month]
    edits = list(zip(SEED_FIGURES, figures))
    edits += [("phiên họp lần thứ 12 của Ban Thường vụ Đảng ủy (ngày 24/4/2026)",
               f"phiên họp lần thứ {meeting} của Ban Thường vụ Đảng ủy (ngày {meeting_date})"),
              ("Tính đến ngày 28/5/2026", f"Tính đến ngày {as_of}"),
              ("tháng 6 năm 2026", f"tháng {month % 12 + 1} năm {2026 + month // 12}"),
              ("tháng 5 năm 2026", f"tháng {month} năm 2026")]
    if month < 4:
        edits.append((" " + _NQ105, " theo hướng dẫn của cấp trên"))
    if month == 5:
        edits.pop(-1)  # the seed's own month: "tháng 5 năm 2026" stays
    if month >= 6:
        edits.append(_NQ57)
    if month >= 7:
        edits.append(_ND66)
    return edits


def _apply(text: str, edits: list[tuple[str, str]]) -> str:
    # Placeholders first, so that "tháng 6" written for May never becomes another month's text.
    marked = text
    for index, (old, _) in enumerate(edits):
        marked = marked.replace(old, f"\x00{index}\x00")
    for index, (_, new) in enumerate(edits):
        marked = marked.replace(f"\x00{index}\x00", new)
    return marked


def month_spec(month: int, row: tuple | None = None, issuer: str = "ĐẢNG ỦY XÃ LÙNG PHÌNH",
               place: str = "Lùng Phình") -> ReportSpec:
    spec = seed_spec()
    _, number, day, _, _ = row or MONTHS[month]
    edits = month_edits(month, row)
    spec.body = [_apply(line, edits).replace("xã Lùng Phình", f"xã {place}").replace("Lùng Phình", place)
                 for line in spec.body]
    spec.issuer = issuer
    spec.number_line = f"Số {number}-BC/ĐU"
    # Nghị định 30 and Hướng dẫn 36 both write days under 10 and months 1 and 2 with a leading 0.
    spec.place_date = f"{place}, ngày {day:02d} tháng {f'{month:02d}' if month < 3 else month} năm 2026"
    spec.signer = ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "", "Nguyễn Văn Mẫu"]
    spec.comment = MADE_UP_NOTE
    spec.keywords = "made-up; sample corpus"
    return spec


def month_labels(month: int, report: str, row: tuple | None = None, issuer: str = "Đảng ủy xã Lùng Phình") -> dict:
    """The seed's hand labels (written from reading it), rewritten by the month's edits: its
    figures, dates and citations as the month was written with them."""
    import copy

    import yaml

    seed = yaml.safe_load((ROOT / "corpus" / "labels" / "lung-phinh_2026-05_seed.yaml").read_text(encoding="utf-8"))
    figures, number, day, _, as_of = row or MONTHS[month]
    edits = month_edits(month, row) + [("tính đến ngày 28/5/2026", f"tính đến ngày {as_of}")]
    by_seed_figure = dict(zip(SEED_FIGURES, figures))

    def edited(label: dict) -> dict:
        label = copy.deepcopy(label)
        for name in ("text", "subject"):
            if label.get(name):
                label[name] = _apply(label[name], edits)
        accept = label.get("accept") or {}
        for name in ("text", "subject", "unit"):
            if name in accept:
                accept[name] = [_apply(value, edits) for value in accept[name]]
        return label

    quantities = []
    for label in seed["quantities"]:
        old = next((f for f in SEED_FIGURES if f in label["text"] or label["text"] in f), None)
        label = edited(label)
        if old is not None:  # figures every month repeats ("100% cán bộ, đảng viên") keep their value
            label["value"], target = _value(by_seed_figure[old])
            if target is not None:
                label["denominator"] = target
        quantities.append(label)
    citations = [edited(c) for c in seed["citations"]
                 if not (month < 4 and c["symbol"] == "105/NQ-CP") and not (month >= 7 and c["symbol"] == "66/2025/NĐ-CP")]
    if month >= 6:
        citations.append({"type": "Nghị quyết", "symbol": "57-NQ/TW", "date": "2024-12-22", "issuer": "Bộ Chính trị",
                          "section": "II.3", "text": "Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị",
                          "accept": {"text": [_NQ57[1].split("Quan tâm lãnh đạo triển khai thực hiện ")[1].split(";")[0]],
                                     "why": "As for 72-NQ/TW: the resolution's title follows its issuer."}})
        citations.sort(key=lambda c: ["I.1", "II", "II.3", "II.5.1", "II.5.3"].index(c["section"]))
    metadata = {"issuer": issuer, "doc_type": "BÁO CÁO", "symbol": f"{number}-BC/ĐU", "date": f"2026-{month:02d}-{day:02d}",
                "period": f"2026-{month:02d}", "parts": ["I", "II", "III"]}
    return {"report": report, "made_up": True, "metadata": metadata, "citations": citations, "quantities": quantities}


# A draft with mistakes a reviewer would catch, so a new user sees `baocao check` find something:
# the May report before it was signed, made up, with the date of Nghị quyết 72 wrong, two task
# counts that no longer add up to the total (the attached task sheet says which: 47 in progress,
# not 45), Kết luận 01 dropped from part II.5.1, and on the indicator sheet the afforestation's
# "% so với kế hoạch" typed 81,8 (10,5 of 56 ha is 18,8%).
FAILING_DRAFT = "lung-phinh_2026-05_draft_made-up_has-errors.docx"
FAILING_DRAFT_FOREST_PERCENT = "81,8"
FAILING_DRAFT_EDITS = [("72-NQ/TW ngày 09/9/2025", "72-NQ/TW ngày 09/10/2025"), ("47 nhiệm vụ", "45 nhiệm vụ"),
                       ("theo Kết luận số 01-KL/TW", "theo hướng dẫn")]


def write_failing_draft(root: Path = ROOT) -> Path:
    spec = seed_spec()
    spec.body = [_apply(line, FAILING_DRAFT_EDITS) for line in spec.body]
    spec.annex = [task_sheet, indicator_sheet(5, forest_percent=FAILING_DRAFT_FOREST_PERCENT)]
    spec.comment = ("Made-up draft for baocao's sample corpus: the seed report with four mistakes put in "
                    "(a wrong date, a total that does not add up, a missing citation, a percentage of its "
                    "indicator sheet mistyped); its sheets are made up too. Not a real report.")
    spec.keywords = "made-up; sample draft; has errors"
    path = root / "corpus" / "drafts" / FAILING_DRAFT
    path.parent.mkdir(parents=True, exist_ok=True)
    write_typed(spec, path)
    return path


# The made-up reports: (file name, month, figures row or None for MONTHS[month], issuer, place).
MADE_UP = [*((f"lung-phinh_2026-{month:02d}_made-up", month, None, "Đảng ủy xã Lùng Phình", "Lùng Phình")
             for month in MONTHS),
           ("nam-mau_2026-05_made-up", 5, NAM_MAU, "Đảng ủy xã Nậm Mẫu", "Nậm Mẫu")]


def write_labels(root: Path = ROOT) -> list[Path]:
    """The made-up reports' labels, derived from the seed's hand labels (no .docx is rewritten)."""
    import yaml

    written = []
    for name, month, row, issuer, _ in MADE_UP:
        label = month_labels(month, f"corpus/reports/{name}.docx", row, issuer)
        path = root / "corpus" / "labels" / f"{name}.yaml"
        path.write_text("# Generated by scripts/build_corpus.py from the seed's hand labels and this report's edits.\n"
                        + yaml.safe_dump(label, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")
        written.append(path)
    return written


def build(root: Path = ROOT) -> list[Path]:
    reports, variants = root / "corpus" / "reports", root / "corpus" / "variants"
    for folder in (reports, variants, root / "corpus" / "labels"):
        folder.mkdir(parents=True, exist_ok=True)
    spec = seed_spec()
    seed_with_sheets = seed_spec()
    seed_with_sheets.annex = [task_sheet, indicator_sheet(5)]
    seed_with_sheets.comment += (" The attached task and indicator sheets are made up (the real ones were not"
                                 " exported); their titles say so.")
    written = [reports / "lung-phinh_2026-05_seed.docx",
               variants / "lung-phinh_2026-05_seed_auto-numbering.docx",
               variants / "lung-phinh_2026-05_seed_tracked-changes.docx"]
    write_typed(seed_with_sheets, written[0])
    write_auto_numbered(spec, written[1])
    write_tracked(spec, written[2])
    for name, month, row, issuer, place in MADE_UP:
        path = reports / f"{name}.docx"
        spec_of_month = month_spec(month, row, issuer.upper(), place)
        if name.startswith("lung-phinh") and month in (4, 6):
            spec_of_month.annex = [indicator_sheet(month, merged=month == 6)]
        write_typed(spec_of_month, path)
        written.append(path)
    written += write_labels(root)
    written.append(write_failing_draft(root))
    return written


if __name__ == "__main__":
    for written_path in build():
        print(written_path.relative_to(ROOT))
