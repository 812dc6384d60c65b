"""Bad input, faults and crashes: what each gives the user, and that the archive survives it."""
import json
import os
import random
import re
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

import docxkit
import test_bad_input as bad
from test_check import PYTHON_DOCX_REFUSES, _rezip
from archive_helpers import ROOT, baocao, dump
from conftest import CORPUS, SEED_DOCX, SEED_TXT
from pipeline.errors import ReadError
from pipeline.ingest import ingest

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx_from_paragraphs(path: Path, paragraphs: list[str], tables_only: bool = False) -> None:
    """A real .docx written part by part (fast enough for 5,000 pages)."""
    def esc(text):
        return text.replace("&", "&amp;").replace("<", "&lt;")
    if tables_only:
        body = "".join(f"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>{esc(a)}</w:t></w:r></w:p></w:tc>"
                       f"<w:tc><w:p><w:r><w:t>{esc(b)}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
                       for a, b in zip(paragraphs[::2], paragraphs[1::2]))
    else:
        body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{esc(p)}</w:t></w:r></w:p>' for p in paragraphs)
    with zipfile.ZipFile(SEED_DOCX) as seed, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in seed.infolist():
            data = seed.read(info.filename)
            if info.filename == "word/document.xml":
                data = f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>'.encode()
            out.writestr(info.filename, data)


def _seed_lines():
    return [line.strip() for line in SEED_TXT.read_text(encoding="utf-8").splitlines() if line.strip()]


def make_tables_only(path):
    _docx_from_paragraphs(path, _seed_lines(), tables_only=True)


def make_5000_pages(path):
    lines = _seed_lines()
    start = lines.index("-----") + 1
    closing = next(i for i, line in enumerate(lines) if line.startswith("Trên đây là"))
    # The seed's body is ~5 pages: a thousand times over, then its closing and "Nơi nhận".
    _docx_from_paragraphs(path, lines[:start] + lines[start:closing] * 1000 + lines[closing:])


def make_utf16(path):
    path.write_bytes(SEED_TXT.read_text(encoding="utf-8").encode("utf-16"))


def make_vni(path):
    path.write_text("Baùo caùo keát quaû hoaït ñoäng cuûa Ñaûng uûy xaõ trong thaùng 5 naêm 2026\n"
                    "I. VEÀ toå chöùc hoäi nghò\n", encoding="utf-8")


def make_vietnamese_path(path):
    path.write_bytes(SEED_DOCX.read_bytes())


def _counted_from(fmt, start):
    """Three paragraphs numbered "%1." in `fmt` from `start`: Word's counter is a number, its label
    is computed from it, so a start of 10^15 must not mean 10^12 "M"s (issue 10, item 5)."""
    def make(path):
        document = docxkit.new_document()
        docxkit.add_abstract_numbering(document, [{"fmt": fmt, "text": "%1.", "start": start}], abstract_id=10)
        docxkit.add_num(document, 1, 10)
        for text in COUNTED:
            docxkit.set_numbering(docxkit.paragraph(document, text), 1)
        document.save(path)
    return make


COUNTED = ("Tình hình chung", "Kết quả đạt được", "Nhiệm vụ tháng tới")

# (file name, how to make it, the body as `parse --text` shows it)
COUNTED_CASES = [
    ("roman-from-3998.docx", _counted_from("upperRoman", 3998),
     ["MMMCMXCVIII. Tình hình chung", "MMMCMXCIX. Kết quả đạt được", "4000. Nhiệm vụ tháng tới"]),
    ("roman-from-10^15.docx", _counted_from("upperRoman", 10**15),
     ["1000000000000000. Tình hình chung", "1000000000000001. Kết quả đạt được",
      "1000000000000002. Nhiệm vụ tháng tới"]),
    ("letters-from-779.docx", _counted_from("lowerLetter", 779),
     ["y" * 30 + ". Tình hình chung", "z" * 30 + ". Kết quả đạt được", "781. Nhiệm vụ tháng tới"]),
    ("letters-from-10^8.docx", _counted_from("upperLetter", 10**8),
     ["100000000. Tình hình chung", "100000001. Kết quả đạt được", "100000002. Nhiệm vụ tháng tới"]),
]


@pytest.mark.parametrize("name, make, shown", COUNTED_CASES, ids=[c[0] for c in COUNTED_CASES])
def test_labels_are_bounded_through_parse(tmp_path, name, make, shown):
    path = tmp_path / name
    make(path)
    result = baocao("parse", "--text", path, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == shown


def _report_list(first: dict | None = None, second_ilvl: str = "1", num_xml: str = "", style_xml: str = ""):
    """A list "I.", then "a)" under it, as reports number their parts. `first` changes the first level,
    `second_ilvl` is the w:ilvl the second level is written with, `num_xml` goes into the list's w:num
    and `style_xml` into a paragraph style of its own (id "Part")."""
    def make(document):
        docxkit.add_abstract_numbering(document, [{"fmt": "upperRoman", "text": "%1.", **(first or {})},
                                                  {"fmt": "lowerLetter", "text": "%2)"}], abstract_id=10)
        document.part.numbering_part.element.xpath('w:abstractNum[@w:abstractNumId="10"]/w:lvl')[1].set(
            qn("w:ilvl"), second_ilvl)
        docxkit.add_num(document, 1, 10)
        if num_xml:
            document.part.numbering_part.element[-1].extend(parse_xml(f'<w:x {nsdecls("w")}>{num_xml}</w:x>'))
        if style_xml:
            document.styles.element.append(parse_xml(
                f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="Part"><w:name w:val="Part"/>'
                f'{style_xml}</w:style>'))
    return make


def _malformed(numbering, paragraphs):
    """A .docx numbered by `numbering` (see `_report_list`) with (text, paragraph properties) paragraphs."""
    def make(path):
        document = docxkit.new_document()
        numbering(document)
        for text, ppr in paragraphs:
            p = docxkit.paragraph(document, text)
            p._p.insert(0, parse_xml(f'<w:pPr {nsdecls("w")}>{ppr}</w:pPr>'))
        document.save(path)
    return make


def _num(ilvl, num_id=1):
    return f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'


# Attributes Word never writes (issue 10, item 7): each is ignored, with a warning naming its part and
# attribute, and the rest of the numbering is read as if it were absent.
# (file name, how to make it, the body as `parse --text` shows it, the reader's warnings)
MALFORMED_CASES = [
    ("override-level-9.docx",
     _malformed(_report_list(num_xml='<w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride>'
                                     '<w:lvlOverride w:ilvl="9"><w:startOverride w:val="2"/></w:lvlOverride>'),
                [("Tình hình chung", _num(0)), ("Kết quả", _num(1)), ("Nhiệm vụ", _num(0))]),
     ["IV. Tình hình chung", "a) Kết quả", "V. Nhiệm vụ"],
     ['word/numbering.xml: w:lvlOverride w:ilvl="9" is not a numbering level (0 to 8); ignored']),
    ("level-not-a-number.docx",
     _malformed(_report_list(second_ilvl="x"), [("Tình hình chung", _num(0)), ("Kết quả", _num(1))]),
     ["I. Tình hình chung", "1. Kết quả"],  # level 1 left undefined: "%2." in decimal, as any undefined level
     ['word/numbering.xml: w:lvl w:ilvl="x" is not a numbering level (0 to 8); ignored']),
    ("paragraph-level-not-a-number.docx",
     _malformed(_report_list(), [("Tình hình chung", _num(0)), ("Kết quả", _num("x")), ("Chi tiết", _num(1))]),
     ["I. Tình hình chung", "II. Kết quả", "a) Chi tiết"],
     ['word/document.xml: w:ilvl w:val="x" is not a whole number of at most 18 digits; ignored']),
    ("style-level-not-a-number.docx",
     _malformed(_report_list(style_xml=f"<w:pPr>{_num('1.5')}</w:pPr>"),
                [("Tình hình chung", '<w:pStyle w:val="Part"/>'), ("Kết quả", '<w:pStyle w:val="Part"/>')]),
     ["I. Tình hình chung", "II. Kết quả"],
     ['word/styles.xml: w:ilvl w:val="1.5" is not a whole number of at most 18 digits; ignored']),
    ("outline-level-not-a-number.docx",
     _malformed(_report_list(style_xml='<w:pPr><w:outlineLvl w:val="one"/></w:pPr>'),
                [("Tình hình chung", '<w:pStyle w:val="Part"/>' + _num(0)),
                 ("Kết quả", _num(1) + '<w:outlineLvl w:val="2a"/>')]),
     ["I. Tình hình chung", "a) Kết quả"],
     ['word/styles.xml: w:outlineLvl w:val="one" is not a whole number of at most 18 digits; ignored',
      'word/document.xml: w:outlineLvl w:val="2a" is not a whole number of at most 18 digits; ignored']),
    ("start-of-40-digits.docx",
     _malformed(_report_list({"start": 10**40}), [("Tình hình chung", _num(0)), ("Kết quả", _num(0))]),
     ["I. Tình hình chung", "II. Kết quả"],
     ['word/numbering.xml: w:start w:val="10000000000000000000…" is not a whole number of at most 18 digits; '
      'ignored']),
    # Only %1 to %9 stand for levels: "%²" is text (it was int("²"), a ValueError).
    ("level-text-superscript-two.docx",
     _malformed(_report_list({"text": "Phần %²"}), [("Tình hình chung", _num(0))]),
     ["Phần %² Tình hình chung"], []),
]


@pytest.mark.parametrize("name, make, shown, warnings", MALFORMED_CASES, ids=[c[0] for c in MALFORMED_CASES])
def test_malformed_attributes_are_ignored_with_a_warning_through_parse(tmp_path, name, make, shown, warnings):
    path = tmp_path / name
    make(path)
    text = baocao("parse", "--text", path, timeout=60)
    assert text.returncode == 0, text.stderr
    assert text.stdout.splitlines() == shown
    outline = baocao("parse", path, timeout=60)
    assert [line for line in outline.stdout.splitlines() if line.startswith("warning: word/")] == \
        [f"warning: {warning}" for warning in warnings]


# (file name, how to make it, the words of the one-line message (None: accepted), exit code)
def make_one_long_line(path):
    """The seed's header, then its whole body on one line, repeated to 8 MB (issue 10, item 6)."""
    lines = _seed_lines()
    start = next(i for i, line in enumerate(lines) if line.startswith("I.")) + 1
    body = " ".join(lines[start:])
    path.write_text("\n".join(lines[:start]) + "\n" + " ".join([body] * (8_000_000 // len(body.encode()))),
                    encoding="utf-8")


def make_control_characters(path):
    """A title that would rename the terminal's window and ring its bell (issue 10, item 11)."""
    path.write_text(SEED_TXT.read_text(encoding="utf-8").replace(
        "kết quả hoạt động", "kết quả \x1b]0;hacked\x07hoạt động", 1), encoding="utf-8")


def _python_docx_refuses(damage):
    def make(path):
        _rezip(SEED_DOCX, path, **damage)
    return make


PART_I = "I  VỀ TỔ CHỨC HỘI NGHỊ, BUỔI LÀM VIỆC VÀ THỰC HIỆN QUY ĐỊNH VỀ NẮM TÌNH HÌNH CƠ SỞ"
# Read whole: what `parse` must print of each, read from the seed (its part I, its title).
READ_WHOLE_CASES = [
    ("one-long-line.txt", make_one_long_line, PART_I),
    ("control-characters.txt", make_control_characters, "BÁO CÁO: kết quả ␛]0;hacked␇hoạt động"),
    *((f"python-docx-refuses-{name.replace(' ', '-')}.docx", _python_docx_refuses(damage), PART_I)
      for name, damage, _ in PYTHON_DOCX_REFUSES),
]


@pytest.mark.parametrize("name, make, shown", READ_WHOLE_CASES, ids=[c[0] for c in READ_WHOLE_CASES])
def test_resource_and_crash_inputs_are_read_whole_through_parse(tmp_path, name, make, shown):
    path = tmp_path / name
    make(path)
    result = baocao("parse", path, timeout=120)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert any(line.startswith(shown) for line in result.stdout.splitlines()), result.stdout[:2000]


CASES = [
    ("not-a-zip.docx", bad.make_not_a_zip, "not a zip archive", 1),
    ("truncated.docx", bad.make_truncated, "truncated or corrupt zip", 1),
    ("no-document.docx", bad.make_no_document_part, "without word/document.xml", 1),
    ("encrypted.docx", bad.make_ole, "password-protected Word file", 1),
    ("legacy-doc-renamed.docx", bad.make_ole, "legacy .doc renamed .docx", 1),
    ("renamed.odt.docx", bad.make_odt, "OpenDocument (.odt)", 1),
    ("renamed-pdf.docx", bad.make_pdf, "PDF renamed .docx", 1),
    ("empty.docx", bad.make_empty_document, "holds no text", 1),
    ("entities.docx", bad.make_entities, "declares XML entities", 1),
    ("bomb.docx", bad.make_zip_bomb, "beyond the 256 MB limit", 1),
    ("too-big.docx", bad.make_too_big_docx, "is 101 MB, beyond the 100 MB limit for a .docx report", 1),
    ("too-big.txt", bad.make_too_big_txt, "is 21 MB, beyond the 20 MB limit for a .txt report", 1),
    ("invalid-utf8.txt", bad.make_invalid_utf8, "is not UTF-8 text", 1),
    # Converted from their legacy letters, with a warning (issue 14).
    ("tcvn3.txt", bad.make_tcvn3, None, 0),
    ("vni.txt", make_vni, None, 0),
    ("utf16.txt", make_utf16, None, 0),
    ("tables-only.docx", make_tables_only, None, 0),
    ("5000-pages.docx", make_5000_pages, None, 0),
    ("Báo cáo tháng 5 (bản sửa) đã duyệt.docx", make_vietnamese_path, None, 0),
    *((name, make, None, 0) for name, make, _ in COUNTED_CASES),
    *((name, make, None, 0) for name, make, *_ in MALFORMED_CASES),
    *((name, make, None, 0) for name, make, _ in READ_WHOLE_CASES),
]


@pytest.fixture
def archive(tmp_path):
    db = tmp_path / "archive.sqlite"
    ingest([CORPUS / "reports" / "lung-phinh_2026-01_made-up.docx"], db)
    return db


@pytest.mark.parametrize("name, make, problem, code", CASES, ids=[c[0] for c in CASES])
def test_bad_input_through_ingest(tmp_path, archive, name, make, problem, code):
    path = tmp_path / name
    make(path)
    before = dump(archive)
    result = baocao("ingest", path, "--db", archive)
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    if problem is None:
        assert "added 1, unchanged 0, replaced 0, failed 0" in result.stdout
        after = dump(archive)
        assert after["integrity"] == "ok" and len(after["reports"]) == 2
        assert _rows_of(after, before) == before
        return
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"baocao: error: {path}: ") and problem in line
    assert "added 0, unchanged 0, replaced 0, failed 1" in result.stdout
    assert dump(archive) == before


def _fifo(folder: Path, name: str = "pipe.docx") -> Path:
    path = folder / name
    os.mkfifo(path)
    return path


def _link_to_dev_zero(folder: Path) -> Path:
    path = folder / "zero.txt"
    path.symlink_to("/dev/zero")
    return path


# (name, where the path is, what it is): a pipe nobody writes to blocks its reader for ever, and
# /dev/zero never ends, so each must be refused before it is opened (issue 10, item 5).
NOT_REGULAR = [
    ("fifo", _fifo, "a named pipe"),
    ("dev-null", lambda folder: Path("/dev/null"), "a character device"),
    ("dev-zero", lambda folder: Path("/dev/zero"), "a character device"),
    ("link-to-dev-zero", _link_to_dev_zero, "a character device"),
]


@pytest.mark.parametrize("name, where, kind", NOT_REGULAR, ids=[c[0] for c in NOT_REGULAR])
def test_a_path_that_is_not_a_regular_file_is_named_and_never_read(tmp_path, archive, name, where, kind):
    path = where(tmp_path)
    line = f"baocao: error: {path}: is not a regular file ({kind})"
    parsed = baocao("parse", path, timeout=60)
    assert (parsed.returncode, parsed.stderr.strip()) == (2, line)
    before = dump(archive)
    ingested = baocao("ingest", path, SEED_DOCX, "--db", archive, timeout=60)
    assert (ingested.returncode, ingested.stderr.strip()) == (1, line)
    assert "added 1, unchanged 0, replaced 0, failed 1" in ingested.stdout
    after = dump(archive)
    assert len(after["reports"]) == 2 and _rows_of(after, before) == before
    checked = baocao("check", path, timeout=60)
    assert checked.returncode == 2 and checked.stderr.splitlines() == [line]


def test_a_folder_names_its_report_files_that_cannot_be_read(tmp_path, archive):
    folder = tmp_path / "in"
    folder.mkdir()
    pipe = _fifo(folder)
    bad.make_too_big_txt(folder / "too-big.txt")
    (folder / "report.docx").write_bytes(SEED_DOCX.read_bytes())
    before = dump(archive)
    result = baocao("ingest", folder, "--db", archive, timeout=60)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"baocao: error: {pipe}: is not a regular file (a named pipe)",
                                          f"baocao: error: {folder / 'too-big.txt'}: is 21 MB, beyond the 20 MB "
                                          f"limit for a .txt report (a real one is a few MB)"]
    assert "added 1, unchanged 0, replaced 0, failed 2" in result.stdout
    assert _rows_of(dump(archive), before) == before


def test_files_the_workers_cannot_read_are_named_and_the_others_archived_with_two_jobs(tmp_path, archive):
    """A worker hands its ReadError back pickled; unpickled from its message alone it raised a
    TypeError and broke the whole pool (found by ingesting ../shared/real with --jobs 2)."""
    folder = tmp_path / "in"
    folder.mkdir()
    bad.make_not_a_zip(folder / "a-not-a-zip.docx")
    bad.make_invalid_utf8(folder / "b-broken.txt")
    (folder / "c-report.docx").write_bytes(SEED_DOCX.read_bytes())
    before = dump(archive)
    result = baocao("ingest", folder, "--db", archive, "--jobs", "2", timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert [line.split(": ")[2] for line in sorted(result.stderr.splitlines())] == [
        str(folder / "a-not-a-zip.docx"), str(folder / "b-broken.txt")]
    assert "added 1, unchanged 0, replaced 0, failed 2" in result.stdout
    assert _rows_of(dump(archive), before) == before


@pytest.mark.parametrize("make, problem", [
    (_link_to_dev_zero, "is beyond the 20 MB limit for a .txt report"),
    (lambda folder: _fifo(folder, "pipe.txt"), "holds no text"),
])
def test_a_path_that_changes_after_it_was_looked_at_is_read_bounded(tmp_path, monkeypatch, make, problem):
    """Between the look and the read a path can become a pipe or a device: the read neither waits nor runs on."""
    import pipeline.read
    path = make(tmp_path)
    monkeypatch.setattr(pipeline.read, "file_problem", lambda _: None)
    with pytest.raises(ReadError) as raised:
        pipeline.read.read_document(path)
    assert raised.value.problem == problem


def _rows_of(state: dict, earlier: dict) -> dict:
    """`state` cut down to the reports `earlier` held: what an ingest of another file must leave as it was."""
    shas = {row[0] for row in earlier["reports"]}
    return {key: [row for row in rows if row[0] in shas] if isinstance(rows, list) else rows
            for key, rows in state.items()}


def test_five_thousand_pages_read_whole(tmp_path):
    from pipeline import parse_file
    path = tmp_path / "5000-pages.docx"
    make_5000_pages(path)
    report = parse_file(path)
    assert len([s for s in report.sections if s.kind == "roman"]) == 3000  # I, II, III a thousand times
    assert len(report.quantities) == 21 * 1000 and len(report.citations) == 7 * 1000


def _make_read_only(folder: Path, read_only: bool) -> None:
    """Read-only for real: root ignores permission bits, so as root the files and folder are made
    immutable (chattr), otherwise permissions are taken away."""
    items = [*folder.iterdir(), folder]
    if os.getuid() == 0:
        subprocess.run(["chattr", "+i" if read_only else "-i", *map(str, items)], check=True)
    else:
        for item in items:
            item.chmod((0o555 if item.is_dir() else 0o444) if read_only else (0o755 if item.is_dir() else 0o644))


def test_read_only_archive_is_a_clear_error_and_stays_whole():
    folder = Path(tempfile.mkdtemp(prefix="baocao-ro-"))
    db = folder / "archive.sqlite"
    ingest([CORPUS / "reports" / "lung-phinh_2026-01_made-up.docx"], db)
    before = dump(db)
    _make_read_only(folder, True)
    try:
        result = baocao("ingest", SEED_DOCX, "--db", db)
    finally:
        _make_read_only(folder, False)
    assert result.returncode == 2, result.stderr
    assert str(db) in result.stderr and ("read-only" in result.stderr or "cannot be opened" in result.stderr)
    assert "Traceback" not in result.stderr
    assert dump(db) == before


def test_locked_archive_is_a_clear_error(archive):
    before = dump(archive)
    holder = sqlite3.connect(archive, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = baocao("ingest", SEED_DOCX, "--db", archive, "--wait", "1")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 2
    assert "in use by another program" in result.stderr and "Traceback" not in result.stderr
    assert dump(archive) == before


def test_full_disk_is_a_clear_error_and_finished_reports_stay_whole(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for source in sorted((CORPUS / "reports").glob("*.docx")):
        (folder / source.name).write_bytes(source.read_bytes())
    db = tmp_path / "archive.sqlite"
    ingest([CORPUS / "reports" / "lung-phinh_2026-01_made-up.docx"], db)

    def small_disk():
        # Files may not grow past 400 kB: writes beyond fail as on a full disk (EFBIG).
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (400_000, 400_000))

    result = subprocess.run([sys.executable, "-m", "pipeline", "ingest", str(folder), "--db", str(db)], cwd=ROOT,
                            capture_output=True, text=True, preexec_fn=small_disk)
    assert result.returncode == 2, (result.stdout, result.stderr)
    # The whole message: a folder name containing "disk" must not make this pass (issue 10, item 4).
    # A file-size limit reaches SQLite as a failed write (EFBIG), not as SQLITE_FULL.
    whole = re.search(rf"^baocao: error: {re.escape(str(db))}: the disk reported an I/O error while writing "
                      r"\(full or failing\?\) \(disk I/O error\); the reports archived before this are whole, "
                      r"run the command again to finish$", result.stderr, re.M)
    assert whole, result.stderr
    assert "Traceback" not in result.stderr
    state = dump(db)
    assert state["integrity"] == "ok" and state["orphans"] == 0
    assert baocao("ingest", folder, "--db", db).returncode == 0
    clean = tmp_path / "clean.sqlite"
    ingest([CORPUS / "reports" / "lung-phinh_2026-01_made-up.docx"], clean)
    ingest([folder], clean)
    assert {r[0] for r in dump(db)["reports"]} == {r[0] for r in dump(clean)["reports"]}


@pytest.fixture
def small_filesystem(tmp_path_factory):
    """A real 600 kB file system (tmpfs) at a path without "disk" in it, or a skip saying why."""
    where = tmp_path_factory.mktemp("small")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", str(where)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {mounted.stderr.strip()}; "
                    "test_full_disk_is_a_clear_error_and_finished_reports_stay_whole still runs")
    yield where
    subprocess.run(["umount", str(where)], check=True)


def test_a_full_filesystem_says_the_disk_is_full_and_the_rerun_finishes(small_filesystem, tmp_path):
    """Issue 11: SQLite on a file system with no space left reports SQLITE_FULL; the user must read
    that the disk is full, in the whole message, not a message some other error matched."""
    db = small_filesystem / "archive.sqlite"
    ingest([CORPUS / "reports" / "lung-phinh_2026-01_made-up.docx"], db)
    result = baocao("ingest", CORPUS / "reports", "--db", db)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stderr.splitlines()[-1] == (
        f"baocao: error: {db}: the disk is full: free some space and run the same command again (database or disk "
        f"is full); the reports archived before this are whole, run the command again to finish")
    state = dump(db)
    assert state["integrity"] == "ok" and state["orphans"] == 0
    subprocess.run(["mount", "-o", "remount,size=16m", str(small_filesystem)], check=True)
    assert baocao("ingest", CORPUS / "reports", "--db", db).returncode == 0
    clean = tmp_path / "clean.sqlite"
    ingest([CORPUS / "reports"], clean)
    assert {r[0] for r in dump(db)["reports"]} == {r[0] for r in dump(clean)["reports"]}


def test_two_ingests_at_once_lose_nothing(tmp_path):
    from test_archive import _many_reports
    folder = _many_reports(tmp_path / "in", copies=3)
    files = sorted(folder.glob("*.docx"))
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    for i, f in enumerate(files):  # two overlapping halves
        if i < 2 * len(files) // 3:
            (a / f.name).write_bytes(f.read_bytes())
        if i >= len(files) // 3:
            (b / f.name).write_bytes(f.read_bytes())
    db = tmp_path / "archive.sqlite"
    runs = [subprocess.Popen([sys.executable, "-m", "pipeline", "ingest", str(part), "--db", str(db)], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for part in (a, b)]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    state = dump(db)
    assert state["integrity"] == "ok"
    shas = [r[0] for r in state["reports"]]
    assert len(shas) == len(set(shas)) == len(files)


def test_sigkill_at_random_points_never_leaves_a_half_report(tmp_path):
    from test_archive import _many_reports
    folder = _many_reports(tmp_path / "in", copies=3)
    db = tmp_path / "archive.sqlite"
    rng = random.Random(20261129)
    for _ in range(5):
        process = subprocess.Popen([sys.executable, "-m", "pipeline", "ingest", str(folder), "--db", str(db)],
                                   cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 2.5))
        process.send_signal(signal.SIGKILL)
        process.wait()
        tables = sqlite3.connect(db).execute("SELECT name FROM sqlite_master").fetchall() if db.exists() else []
        # Killed before the first migration committed: SQLite rolled it back, the file holds nothing.
        if tables:
            state = dump(db)
            assert state["integrity"] == "ok" and state["orphans"] == 0
            conn = sqlite3.connect(db)
            counts = conn.execute("SELECT COUNT(*) FROM reports r WHERE (SELECT COUNT(*) FROM sections s "
                                  "WHERE s.report_id = r.id) = 0").fetchone()
            assert counts == (0,), "a report without its sections is a half report"
    assert baocao("ingest", folder, "--db", db).returncode == 0
    clean = tmp_path / "clean.sqlite"
    assert baocao("ingest", folder, "--db", clean).returncode == 0
    assert dump(db) == dump(clean)


def test_a_full_database_says_the_disk_is_full_not_that_no_transaction_is_active(tmp_path):
    """SQLite rolls back by itself on SQLITE_FULL; rolling back again hid the cause (issue 10, item 4)."""
    from pipeline import parse_file
    from pipeline.store import connect, explain, store_report

    db = tmp_path / "archive.sqlite"
    ingest([CORPUS / "reports" / "lung-phinh_2026-01_made-up.docx"], db)
    before = dump(db)
    conn = connect(db)
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 1}")
    with pytest.raises(sqlite3.OperationalError) as raised:
        store_report(conn, parse_file(SEED_DOCX), str(SEED_DOCX))
    assert str(explain(db, raised.value)) == (f"{db}: the disk is full: free some space and run the same command "
                                              f"again (database or disk is full)")
    conn.close()
    assert dump(db) == before


class _BackwardSearchProbe(str):
    """A text that records how far back each search for a line start reaches."""
    reaches: list[int]

    def rfind(self, sub, start=None, end=None):
        self.reaches.append((end if end is not None else len(self)) - (start or 0))
        return super().rfind(sub, start, end)


def test_a_figure_on_a_very_long_line_looks_back_a_bounded_distance():
    """Issue 10, item 6: a subject was looked for back to the line's start, so a line of n figures
    cost n times the line (8 MB on one line took 14 s; `bench/long_line.py` measures it now)."""
    from pipeline.quantities import _subject

    sentence = "Tỷ lệ hộ nghèo giảm còn 3,2%; "
    body = _BackwardSearchProbe(sentence * 40_000)
    body.reaches = []
    figure = body.rindex("3,2%")
    assert _subject(body, figure, figure + len("3,2%")) == "Tỷ lệ hộ nghèo"
    assert body.reaches and max(body.reaches) <= 1_000


def test_a_file_name_that_is_not_utf8_is_archived_found_again_and_shown_escaped(tmp_path):
    """Issue 10, item 8: names with bytes that are not UTF-8 (a Latin-1 "á" and "ô", as old
    Windows tools and zip files leave them) beside good files; one of them is not a .docx either."""
    folder, db = tmp_path / "in", tmp_path / "archive.sqlite"
    folder.mkdir()
    shutil.copy(CORPUS / "reports" / "lung-phinh_2026-01_made-up.docx", folder / "a.docx")
    shutil.copy(CORPUS / "reports" / "lung-phinh_2026-02_made-up.docx", folder / "c.docx")
    report, broken = os.fsencode(folder) + b"/b\xe1o c\xe1o.txt", os.fsencode(folder) + b"/h\xf4ng.docx"
    with open(report, "wb") as out:
        out.write(SEED_TXT.read_bytes())
    with open(broken, "wb") as out:
        out.write(b"not a zip at all")
    shown = f"{folder}/b\\xe1o c\\xe1o.txt"  # as printed: the two bytes escaped, the rest as it is
    first = baocao("ingest", folder, "--db", db)
    assert (first.returncode, first.stdout.strip(), first.stderr.splitlines()) == (
        1, "added 3, unchanged 0, replaced 0, failed 1",
        [f"baocao: error: {folder}/h\\xf4ng.docx: is not a .docx (not a zip archive)"])
    again = baocao("ingest", folder, "--db", db)
    assert again.stdout.strip() == "added 0, unchanged 3, replaced 0, failed 1"
    # Lossless: the name's own bytes, which give back the file.
    assert sqlite3.connect(db).execute(
        "SELECT path FROM report_paths WHERE typeof(path) = 'blob'").fetchall() == [(report,)]
    listings = {fmt: baocao("reports", "--db", db, fmt) for fmt in ("--table", "--json", "--csv")}
    assert {fmt: (run.returncode, run.stderr) for fmt, run in listings.items()} == {
        fmt: (0, "") for fmt in listings}
    assert f"/in/{shown.rsplit('/', 1)[1]}  " in listings["--table"].stdout  # a long path cut at its start
    assert f",{shown}," in listings["--csv"].stdout
    assert shown in [row["file"] for row in json.loads(listings["--json"].stdout)]
    # Found by the name itself (as a shell passes it) and by the name as the listings print it.
    for ref in (os.fsdecode(report), shown):
        found = baocao("show", ref, "--db", db)
        assert (found.returncode, found.stderr) == (0, ""), ref
        assert f"  file: {shown}  sha256: " in found.stdout
    assert json.loads(baocao("show", shown, "--db", db, "--json").stdout)["paths"][0]["path"] == shown


def _stat(pid: int) -> list[str]:
    """The fields of /proc/PID/stat after the name (state, parent, …), or [] when there is no such process."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return []
    return stat[stat.rindex(")") + 2:].split()  # the name, in brackets, may hold spaces


def _children(parent: int) -> list[tuple[int, str]]:
    """(pid, start time) of the processes whose parent is `parent`: the start time tells a process
    from a later one given the same pid."""
    out = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        fields = _stat(int(pid))
        if fields and int(fields[1]) == parent:
            out.append((int(pid), fields[19]))
    return out


def _running(processes: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Those still running: the same process, not a zombie waiting to be reaped."""
    return [(pid, started) for pid, started in processes
            if (fields := _stat(pid)) and fields[19] == started and fields[0] not in ("Z", "X")]


def test_workers_end_when_a_parallel_ingest_is_killed(tmp_path):
    """Issue 10, item 11: `ingest --jobs 2` killed with SIGKILL leaves no worker running, and an
    archive that is whole."""
    from test_archive import _many_reports
    folder = _many_reports(tmp_path / "in", copies=12)
    total = len(list(folder.iterdir()))
    db = tmp_path / "archive.sqlite"
    process = subprocess.Popen([sys.executable, "-m", "pipeline", "ingest", str(folder), "--db", str(db),
                                "--jobs", "2"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    expected_workers = min(2, os.cpu_count() or 1)
    workers, done, deadline = [], 0, time.time() + 60
    while (len(workers) < expected_workers or done < 5) and time.time() < deadline:
        # Recorded before the kill: afterwards the workers are no longer the ingest's children.
        workers = _children(process.pid)
        try:
            done = sqlite3.connect(db, timeout=1).execute("SELECT COUNT(*) FROM reports").fetchone()[0]
        except sqlite3.Error:
            done = 0
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    try:
        assert len(workers) == expected_workers, workers
        deadline = time.time() + 5
        while _running(workers) and time.time() < deadline:
            time.sleep(0.05)
        assert _running(workers) == []
    finally:
        for pid, _ in _running(workers):
            os.kill(pid, signal.SIGKILL)
    state = dump(db)
    assert state["integrity"] == "ok" and state["orphans"] == 0
    assert 5 <= len(state["reports"]) < total, "the kill must land mid-batch"
    assert baocao("ingest", folder, "--db", db, "--jobs", "2").returncode == 0
    assert len(dump(db)["reports"]) == total
