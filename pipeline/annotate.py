"""Write a copy of a draft with each check finding as a Word comment on the text it concerns.

The original file is never written. A comment is anchored on whole runs, so the runs around the
finding's text are split at its edges first; where the text cannot be isolated (it crosses a
tracked insertion, a field, or a label Word generates), the comment covers the whole paragraph.
"""
from __future__ import annotations

import copy
import re
import zipfile
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from pipeline.check import Finding
from pipeline.errors import BaocaoError

_LABEL = re.compile(r"^(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)\-/]\s*")


def annotate(draft: str | Path, findings: list[Finding], out: str | Path, author: str = "baocao") -> int:
    """Save `out`: the draft with one comment per finding. Returns how many were anchored exactly."""
    draft, out = Path(draft), Path(out)
    if draft.suffix.lower() != ".docx":
        raise BaocaoError(f"{draft}: only a .docx draft can carry Word comments")
    try:
        document = docx.Document(str(draft))
    except (KeyError, ValueError, etree.XMLSyntaxError, PackageNotFoundError, zipfile.BadZipFile) as exc:
        # baocao's reader takes what Word opens (deep nesting, long text, a missing content-types
        # part); python-docx, which writes the comments, is stricter.
        reason = exc.args[0] if isinstance(exc, KeyError) else getattr(exc, "msg", None) or str(exc)
        raise BaocaoError(f"{draft}: Word comments cannot be added to this file: python-docx, which writes "
                          f"them, cannot open it ({reason}); the findings printed above stand") from None
    paragraphs = [Paragraph(p, document._body) for p in document.element.body.iter(qn("w:p"))]
    exact = 0
    for finding in findings:
        paragraph, span = _cell(paragraphs, finding.text, finding.occurrence) if finding.occurrence is not None \
            else (None, None)
        if paragraph is None:
            paragraph, span = _locate(paragraphs, finding.text)
        if paragraph is None:
            paragraph = next((p for p in paragraphs if p.runs), None)
            if paragraph is None:
                continue
            span = None
        runs = _isolate(paragraph, *span) if span else paragraph.runs
        exact += span is not None
        document.add_comment(runs, text=f"[{finding.level}] {finding.rule}: {finding.message}",
                             author=author, initials="BC")
    document.save(str(out))
    return exact


def _run_text(paragraph: Paragraph) -> str:
    return "".join(run.text for run in paragraph.runs)


def _locate(paragraphs: list[Paragraph], surface: str) -> tuple[Paragraph | None, tuple[int, int] | None]:
    """The paragraph whose own runs hold the finding's text, and the span of it there."""
    first_line = surface.split("\n", 1)[0].strip()
    candidates = [first_line, _LABEL.sub("", first_line, count=1), first_line[:40]]
    for candidate in candidates:
        if len(candidate) < 3:
            continue
        for paragraph in paragraphs:
            index = _run_text(paragraph).find(candidate)
            if index >= 0:
                return paragraph, (index, index + len(candidate))
    return None, None


def _cell(paragraphs: list[Paragraph], text: str, occurrence: int) -> tuple[Paragraph | None, tuple[int, int] | None]:
    """The table cell's paragraph a finding on a cell is about: the `occurrence`-th (from 0) of
    those holding just its text, as the check counted the document's cells ("600" in the total
    row, not the first "600" of the document)."""
    seen = 0
    for paragraph in paragraphs:
        typed = _run_text(paragraph)
        if typed.strip() != text or not any(a.tag == qn("w:tc") for a in paragraph._p.iterancestors()):
            continue
        if seen == occurrence:
            start = typed.index(text)
            return paragraph, (start, start + len(text))
        seen += 1
    return None, None


def _isolate(paragraph: Paragraph, start: int, end: int) -> list:
    """Split runs at `start` and `end` (offsets in the paragraph's run text); return the runs between."""
    _split_at(paragraph, end)
    _split_at(paragraph, start)
    out, offset = [], 0
    for run in paragraph.runs:
        length = len(run.text)
        if offset >= start and offset + length <= end and length:
            out.append(run)
        offset += length
    return out or paragraph.runs


def _split_at(paragraph: Paragraph, position: int) -> None:
    offset = 0
    for run in paragraph.runs:
        length = len(run.text)
        if offset < position < offset + length:
            texts = run._r.findall(qn("w:t"))
            if len(texts) != 1 or len(run._r) > 2:
                return  # a run with tabs, breaks or fields: the comment takes the whole run
            cut = position - offset
            tail = copy.deepcopy(run._r)
            texts[0].text, tail.find(qn("w:t")).text = run.text[:cut], run.text[cut:]
            for t in (texts[0], tail.find(qn("w:t"))):
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            run._r.addnext(tail)
            return
        offset += length
