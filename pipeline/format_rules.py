"""Format rules (thể thức): what Nghị định 30/2020/NĐ-CP Phụ lục I requires of a State document
and Hướng dẫn 36-HD/VPTW of a Party one — paper, margins, font, and the text and look of each
component (national header, motto, number line, place and date, type word, title, căn cứ,
signing authority, "Nơi nhận") — checked on what Word shows (`pipeline.layout`).

A rule of kind `format` names one of the checks in CHECKS and gives its parameters (sizes,
accepted texts, patterns) in its profile, so the figures of both texts live in rules/profiles/.
A draft read from .txt, and a rule's examples written as text, have no formatting: the checks of
fonts, sizes and pages are then skipped, those of the text still run.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from pipeline.layout import Layout, PageSetup, ParagraphFormat, RunFormat
from pipeline.normalise import fold

# A finding of a format check: its message fields and the paragraph it concerns (None: the page).
Hit = tuple[dict, "ParagraphFormat | None"]


def clean(text: str) -> str:
    """A paragraph's text as compared: NFC (drafts carry decomposed letters), no-break spaces as
    spaces, runs of spaces as one."""
    return " ".join(unicodedata.normalize("NFC", text).replace("\xa0", " ").split())


def layout_of_example(example) -> Layout:
    """A rule example as a Layout: text lines (no formatting known), or a mapping of `pages` and
    `paragraphs` ({text, font, size, bold, italic, underline, caps, align})."""
    if isinstance(example, str):
        paragraphs = [_paragraph(i, {"text": line}) for i, line in enumerate(example.split("\n"))]
        return Layout(pages=[], paragraphs=paragraphs, default_font=None, default_size_pt=None)
    pages = [PageSetup(p["width_mm"], p["height_mm"], p.get("top_mm", 20), p.get("bottom_mm", 20),
                       p.get("left_mm", 30), p.get("right_mm", 15), p.get("orientation", "portrait"))
             for p in example.get("pages", [])]
    paragraphs = [_paragraph(i, p) for i, p in enumerate(example.get("paragraphs", []))]
    return Layout(pages=pages, paragraphs=paragraphs, default_font=None, default_size_pt=None)


def _paragraph(index: int, spec: dict) -> ParagraphFormat:
    run = RunFormat(spec["text"], spec.get("font"), spec.get("size"), spec.get("bold", False),
                    spec.get("italic", False), spec.get("underline", False), spec.get("caps", False))
    return ParagraphFormat(index=index, text=spec["text"], alignment=spec.get("align", "left"), runs=[run],
                           in_table=None, style=None)


def has_formatting(layout: Layout) -> bool:
    """Whether the layout came from a .docx (pages and sizes known), not from text."""
    return bool(layout.pages) or any(run.size_pt is not None for p in layout.paragraphs for run in p.runs)


@dataclass
class Components:
    """Where each component of a document's form is, as a reader finds it on the page."""
    national: ParagraphFormat | None = None
    motto: ParagraphFormat | None = None
    number: ParagraphFormat | None = None
    date: ParagraphFormat | None = None
    type_word: ParagraphFormat | None = None
    title: ParagraphFormat | None = None
    can_cu: list[ParagraphFormat] = field(default_factory=list)
    authority: list[ParagraphFormat] = field(default_factory=list)
    recipients: ParagraphFormat | None = None
    recipients_list: list[ParagraphFormat] = field(default_factory=list)
    urgency_marks: list[ParagraphFormat] = field(default_factory=list)  # HỎA TỐC, KHẨN, MẬT …
    draft_mark: ParagraphFormat | None = None  # "Dự thảo", "Dự thảo lần 2"


_STATE = fold("CHỦ NGHĨA VIỆT NAM")
_PARTY = fold("ĐẢNG CỘNG SẢN VIỆT NAM")
_MOTTO_START, _MOTTO_END = fold("Độc lập"), fold("Hạnh phúc")
_RECIPIENTS, _ADDRESSEE, _CAN_CU = fold("Nơi nhận"), fold("Kính gửi"), fold("Căn cứ")
_NUMBER_LINE = re.compile(r"^Số\b", re.I)
_DATE_LINE = re.compile(r",?\s*ngày\b.*\btháng\b.*\bnăm\b", re.I)
_CAN_CU_START = re.compile(r"^(?:Căn cứ|Theo đề nghị|Xét đề nghị|Thực hiện)\b", re.I)
_BODY_START = re.compile(r"^(?:[IVX]+\s*[.\-/]|\d+\s*[.)]|Điều\s+\d|Chương\s+[IVX\d]|Kính gửi)", re.I)
# What looks like a signing-authority prefix, written any way: "TM.", "TM ", "T/M", "K.T", "TUQ."…
AUTHORITY = re.compile(r"^(?P<prefix>T\s*[./]?\s*M|K\s*[./]?\s*T|T\s*[./]?\s*L|TUQ|Q)(?P<after>[.\s/]+)(?=[A-ZĐÀ-Ỹ])")
_URGENCY = re.compile(r"^(?:HỎA TỐC|HOẢ TỐC|THƯỢNG KHẨN|KHẨN|TUYỆT MẬT|TỐI MẬT|MẬT)$", re.I)
_DRAFT = re.compile(r"^\(?Dự thảo\b", re.I)
_TYPE_WORDS = ("BÁO CÁO", "KẾ HOẠCH", "TỜ TRÌNH", "QUYẾT ĐỊNH", "THÔNG BÁO", "HƯỚNG DẪN", "NGHỊ QUYẾT", "CHỈ THỊ",
               "KẾT LUẬN", "QUY ĐỊNH", "QUY CHẾ", "CHƯƠNG TRÌNH", "ĐỀ ÁN", "PHƯƠNG ÁN", "BIÊN BẢN", "CÔNG ĐIỆN",
               "GIẤY MỜI", "GIẤY GIỚI THIỆU", "PHIẾU TRÌNH", "DỰ ÁN", "HỢP ĐỒNG", "THÔNG CÁO", "ĐIỀU LỆ")


def _own_part(p: ParagraphFormat) -> ParagraphFormat:
    """A component's own text in its paragraph: its first line (a header's rule drawn as dashes
    on the next), and what comes before a tab that starts a second column ("Nơi nhận:⇥KT. CHỦ
    TỊCH" typed as one paragraph)."""
    lead = len(p.text) - len(p.text.lstrip())
    cut = min((i for i in (p.text.find("\n", lead), p.text.find("\t", lead)) if i > lead), default=None)
    if cut is None:
        return p
    runs, position = [], 0
    for run in p.runs:
        if position >= cut:
            break
        runs.append(run)
        position += len(run.text)
    return replace(p, text=p.text[:cut], runs=runs)


# A báo cáo's or tờ trình's "Căn cứ …" lines are its argument, not the căn cứ it is issued on.
_ARGUES_ITS_CAN_CU = ("BÁO CÁO", "TỜ TRÌNH")


def find_components(layout: Layout) -> Components:
    found = Components()
    paragraphs = [_own_part(p) for p in layout.paragraphs if clean(p.text)]
    head = paragraphs[:25]
    for p in head:
        text = clean(p.text)
        folded = fold(text)
        if _URGENCY.match(text):
            found.urgency_marks.append(p)
            continue
        if found.draft_mark is None and _DRAFT.match(text) and len(text) < 40:
            found.draft_mark = p
            continue
        if found.national is None and (_STATE in folded or _PARTY in folded) and len(text) < 60:
            found.national = p
        elif found.motto is None and _MOTTO_START in folded and _MOTTO_END in folded:
            found.motto = p
        elif found.number is None and _NUMBER_LINE.match(text) and len(text) < 60:
            found.number = p
        elif found.date is None and _DATE_LINE.search(text) and len(text) < 80:
            found.date = p
        elif found.type_word is None and text.upper() == text and any(text.startswith(w) for w in _TYPE_WORDS) \
                and len(text) < 40:
            found.type_word = p
    if found.type_word is not None:
        after = paragraphs[paragraphs.index(found.type_word) + 1:]
        if after:
            found.title = after[0]
        if clean(found.type_word.text) not in _ARGUES_ITS_CAN_CU:
            found.can_cu = _can_cu_block(after[1:12])
    # The heading alone on its line, the last one: a sentence about "nơi nhận" in the body is not it.
    end = next((i for i in range(len(paragraphs) - 1, -1, -1)
                if fold(clean(paragraphs[i].text)).startswith(_RECIPIENTS) and len(clean(paragraphs[i].text)) <= 15),
               None)
    if end is not None:
        found.recipients = paragraphs[end]
        for p in paragraphs[end + 1:]:
            if not clean(p.text).startswith(("-", "+", "–")):
                break
            found.recipients_list.append(p)
    tail = paragraphs[max(0, len(paragraphs) - 40):]
    found.authority = [p for p in tail if AUTHORITY.match(clean(p.text)) and clean(p.text).upper() == clean(p.text)]
    return found


def _can_cu_block(paragraphs: list[ParagraphFormat]) -> list[ParagraphFormat]:
    """The căn cứ that a decision is issued on: consecutive lines near the title. Those after
    "Kính gửi" (a tờ trình's or công văn's argument) are not this component."""
    block = []
    for p in paragraphs:
        text = clean(p.text)
        if fold(text).startswith(_ADDRESSEE) or (_BODY_START.match(text) and not block):
            return []
        if _CAN_CU_START.match(text) and (block or fold(text).startswith(_CAN_CU)):
            block.append(p)
        elif block:
            break
    return block


def _runs(p: ParagraphFormat) -> list[RunFormat]:
    return [r for r in p.runs if r.text.strip()]


def _sizes(p: ParagraphFormat) -> set[float]:
    return {r.size_pt for r in _runs(p) if r.size_pt is not None}


def _describe_sizes(sizes: set[float]) -> str:
    return ", ".join(f"{s:g}" for s in sorted(sizes)) + " pt"


def format_problems(p: ParagraphFormat, want: dict) -> list[str]:
    """What of a paragraph's look differs from `want` (size [min, max] pt, bold, italic,
    underline, caps, align), in words; empty when it looks as it should."""
    runs = _runs(p)
    if not runs:
        return []
    problems = []
    if "size" in want:
        low, high = want["size"]
        sizes = _sizes(p)
        if sizes and not all(low - 0.01 <= s <= high + 0.01 for s in sizes):
            problems.append(f"cỡ chữ {_describe_sizes(sizes)} (quy định {low:g}{'' if low == high else f' - {high:g}'})")
    total = sum(len(r.text.strip()) for r in runs)
    for name, on, off in (("bold", "đậm", "không đậm"), ("italic", "nghiêng", "đứng"), ("underline", "gạch chân", "không gạch chân")):
        # What most of the characters show: a note in italics inside an upright list is still upright.
        shown = sum(len(r.text.strip()) for r in runs if getattr(r, name)) * 2 > total
        if name in want and shown != want[name]:
            problems.append(f"{off if want[name] else on} (quy định {on if want[name] else off})")
    if want.get("caps") and not all(r.caps or r.text == r.text.upper() for r in runs):
        problems.append("không in hoa (quy định in hoa)")
    if want.get("caps") is False and clean(p.text) == clean(p.text).upper() and len(clean(p.text)) > 3:
        problems.append("in hoa (quy định in thường)")
    if "align" in want and p.alignment != want["align"] and p.in_table is None:
        problems.append(f"căn {p.alignment} (quy định căn giữa)" if want["align"] == "center"
                        else f"căn {p.alignment} (quy định {want['align']})")
    return problems


def _page_paper(rule: dict, layout: Layout, parts: Components) -> list[Hit]:
    paper, tolerance = rule["paper"], rule.get("tolerance_mm", 1)
    hits = []
    for page in layout.pages:
        if page.width_mm is None or page.height_mm is None:
            continue  # a section that sets no paper size takes Word's, which baocao does not guess
        short, long = sorted((page.width_mm, page.height_mm))
        want_short, want_long = sorted((paper["width_mm"], paper["height_mm"]))
        if abs(short - want_short) > tolerance or abs(long - want_long) > tolerance:
            hits.append(({"found": f"{page.width_mm:.1f} x {page.height_mm:.1f} mm"}, None))
    return hits[:1]


_SIDES = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}


def _page_margins(rule: dict, layout: Layout, parts: Components) -> list[Hit]:
    tolerance, hits, seen = rule.get("tolerance_mm", 0.5), [], set()
    for page in layout.pages:
        values = {side: getattr(page, f"{side}_mm") for side in _SIDES}
        if page.orientation == "landscape" or None in values.values():
            continue  # a landscape section holds a wide table, which both texts allow
        if rule.get("mirror") and _within(values["left"], rule["margins"]["right"], tolerance) \
                and _within(values["right"], rule["margins"]["left"], tolerance):
            continue  # the back of a two-sided print: left and right swapped
        for side, (low, high) in rule["margins"].items():
            if not _within(values[side], (low, high), tolerance) and (side, round(values[side], 1)) not in seen:
                seen.add((side, round(values[side], 1)))
                expected = f"{low:g}" if low == high else f"{low:g} - {high:g}"
                hits.append(({"side": _SIDES[side], "found": f"{values[side]:.1f} mm", "expected": f"{expected} mm"}, None))
    return hits


def _within(value: float, bounds, tolerance: float) -> bool:
    low, high = bounds
    return low - tolerance <= value <= high + tolerance


def _font_family(rule: dict, layout: Layout, parts: Components) -> list[Hit]:
    allowed = {fold(f) for f in rule["fonts"]}
    counts: dict[str, int] = {}
    first = None
    for p in layout.paragraphs:
        for run in _runs(p):
            if run.font and fold(run.font) not in allowed:
                counts[run.font] = counts.get(run.font, 0) + len(run.text.strip())
                first = first or p
    if not counts:
        return []
    found = ", ".join(f"{font} ({count} ký tự)" for font, count in sorted(counts.items(), key=lambda kv: -kv[1]))
    return [({"found": found}, first)]


def _component_text(rule: dict, layout: Layout, parts: Components) -> list[Hit]:
    p = getattr(parts, rule["component"])
    if p is None or clean(p.text) in {clean(t) for t in rule["texts"]}:
        return []
    return [({"found": clean(p.text)}, p)]


def _component_format(rule: dict, layout: Layout, parts: Components) -> list[Hit]:
    """One finding per component, naming all it does differently; a component of several
    paragraphs (a list, a căn cứ block) is judged as a whole, as a reader sees it."""
    found = getattr(parts, rule["component"])
    paragraphs = found if isinstance(found, list) else [found] if found is not None else []
    if not paragraphs:
        return []
    whole = replace(paragraphs[0], text="\n".join(p.text for p in paragraphs),
                    runs=[r for p in paragraphs for r in p.runs])
    problems = format_problems(whole, rule["format"])
    return [({"found": "; ".join(problems)}, paragraphs[0])] if problems else []


_BLANK_NUMBER = re.compile(r"^Số\s*:?\s*[-/]")


def _number_form(rule: dict, layout: Layout, parts: Components) -> list[Hit]:
    p = parts.number
    if p is None:
        return []
    text = clean(p.text)
    if _BLANK_NUMBER.match(text):
        text = re.sub(r"^Số\s*(:?)\s*", r"Số\1 ", text)  # the blank is for the văn thư: judge the rest
        pattern = rule["blank_pattern"]
    else:
        pattern = rule["pattern"]
    number = re.match(r"^Số\s*:?\s*(\d+)", text)
    if re.fullmatch(pattern, text) and not (number and len(number.group(1)) == 1):
        return []
    return [({"found": clean(p.text)}, p)]


def _symbol_code(rule: dict, layout: Layout, parts: Components) -> list[Hit]:
    from pipeline.citations import tables

    if parts.number is None or parts.type_word is None:
        return []
    symbol = re.sub(r"^Số\s*:?\s*\d*\s*", "", clean(parts.number.text))
    code = re.match(rule["code_pattern"], symbol)
    word = clean(parts.type_word.text)
    entry = next((e for w, e in tables().type_by_word.items() if word.lower().startswith(w)), None)
    if not code or entry is None or code.group("code") in entry["codes"]:
        return []
    return [({"found": code.group("code"), "type": word, "expected": "/".join(entry["codes"])}, parts.number)]


_DATE_FORM = re.compile(r"^(?P<place>[^,]+?)(?P<comma>,?)\s*ngày\s*(?P<day>\d*)\s*tháng\s*(?P<month>\d*)\s*năm\s*(?P<year>\d{4})\.?$")


def _date_form(rule: dict, layout: Layout, parts: Components) -> list[Hit]:
    p = parts.date
    if p is None:
        return []
    text = clean(p.text)
    match = _DATE_FORM.match(text)
    if match is None:
        return [({"found": text, "why": "không theo mẫu 'Địa danh, ngày … tháng … năm …'"}, p)]
    why = []
    if not match.group("comma"):
        why.append("thiếu dấu phẩy sau địa danh")
    day, month = match.group("day"), match.group("month")
    if day and len(day) == 1:
        why.append(f"ngày {day} (quy định ngày nhỏ hơn 10 ghi thêm số 0: 0{day})")
    if month in ("1", "2"):
        why.append(f"tháng {month} (quy định tháng 1, 2 ghi 0{month})")
    return [({"found": text, "why": "; ".join(why)}, p)] if why else []


def _blanks(rule: dict, layout: Layout, parts: Components) -> list[Hit]:
    hits = []
    if parts.number is not None and _BLANK_NUMBER.match(clean(parts.number.text)):
        hits.append(({"what": "số", "found": clean(parts.number.text)}, parts.number))
    if parts.date is not None:
        match = _DATE_FORM.match(clean(parts.date.text))
        if match and not (match.group("day") and match.group("month")):
            hits.append(({"what": "ngày", "found": clean(parts.date.text)}, parts.date))
    return hits


def _can_cu_form(rule: dict, layout: Layout, parts: Components) -> list[Hit]:
    block = parts.can_cu
    if not block:
        return []
    bad = []
    for i, p in enumerate(block):
        text = clean(p.text)
        want = rule["last_end"] if i == len(block) - 1 else ";"
        if not text.endswith(want) or text.count("Căn cứ") > 1:
            bad.append(f"'{text[:40]}…' (cần kết thúc bằng '{want}')")
    return [({"found": "; ".join(bad)}, block[0])] if bad else []


def _authority_form(rule: dict, layout: Layout, parts: Components) -> list[Hit]:
    hits = []
    for p in parts.authority:
        match = AUTHORITY.match(clean(p.text))
        written = match.group("prefix") + match.group("after").rstrip()
        compact = re.sub(r"\s", "", written)
        if compact not in rule["prefixes"]:
            hits.append(({"found": clean(p.text), "written": written.strip(), "expected": ", ".join(rule["prefixes"])}, p))
    return hits


def _recipients_present(rule: dict, layout: Layout, parts: Components) -> list[Hit]:
    if parts.recipients is not None or not parts.authority:
        return []  # without a signature block (an annex, a list) there is no "Nơi nhận" to ask for
    return [({}, parts.authority[0])]


def _recipients_list(rule: dict, layout: Layout, parts: Components) -> list[Hit]:
    items = parts.recipients_list
    if not items:
        return []
    hits = []
    for i, p in enumerate(items):
        text = clean(p.text)
        last = i == len(items) - 1
        if last and not re.fullmatch(rule["last_pattern"], text):
            hits.append(({"found": text, "expected": rule["last_expected"]}, p))
        elif not last and not text.endswith(tuple(rule["item_ends"])):
            hits.append(({"found": text, "expected": f"kết thúc bằng '{rule['item_ends'][0]}'"}, p))
    return hits


CHECKS = {"page_paper": _page_paper, "page_margins": _page_margins, "font_family": _font_family,
          "component_text": _component_text, "component_format": _component_format, "number_form": _number_form,
          "symbol_code": _symbol_code, "date_form": _date_form, "blanks": _blanks, "can_cu_form": _can_cu_form,
          "authority_form": _authority_form, "recipients_present": _recipients_present,
          "recipients_list": _recipients_list}
# Checks that read formatting (sizes, fonts, pages), skipped on a layout read from text.
NEEDS_FORMATTING = {"page_paper", "page_margins", "font_family", "component_format"}


# The components of the layout last looked at: every format rule of a check reads the same
# layout, and finding its components once is enough (the layout itself is kept, so its id is not
# reused while cached).
_last_found: list = [None, None]


def run(rule: dict, layout: Layout) -> list[Hit]:
    if rule["check"] in NEEDS_FORMATTING and not has_formatting(layout):
        return []
    if _last_found[0] is not layout:
        _last_found[:] = [layout, find_components(layout)]
    return CHECKS[rule["check"]](rule, layout, _last_found[1])
