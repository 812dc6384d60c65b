"""The archive's functions on small reports written here: what `ingest` is told about each file,
what `reports`, `show` and `check` read back, which path a report is listed under, and the messages
about an archive that cannot be used. Every expected value is read from the report text below."""
import hashlib
import os
import re
import sqlite3
import threading
import time
from collections import Counter

import docxkit
import pytest

from pipeline import parse_file, parse_text
from pipeline.store import (MIGRATIONS, ArchiveError, connect, find_report, frames, learned_registry,
                            list_reports, migrate, paths_of, place_known, report_record, store_report)

# A month's report as an office types it: header, one part, a resolution cited twice, the
# signature, then "Nơi nhận".
MAY = """ĐẢNG BỘ XÃ LÙNG PHÌNH
ĐẢNG ỦY XÃ LÙNG PHÌNH
Số 12-BC/ĐU
ĐẢNG CỘNG SẢN VIỆT NAM
Lùng Phình, ngày 28 tháng 5 năm 2026
KHẨN
BÁO CÁO
kết quả công tác tháng 5 năm 2026
I. KẾT QUẢ
Thực hiện Nghị quyết số 72-NQ/TW ngày 09/9/2025 của Bộ Chính trị, tỷ lệ hộ nghèo còn 25,46%.
Tiếp tục thực hiện Nghị quyết số 72-NQ/TW ngày 09/9/2025 của Bộ Chính trị.
T/M ĐẢNG ỦY
BÍ THƯ
Nguyễn Văn Dũng
Nơi nhận:
- Huyện ủy Bắc Hà,
- Lưu VP.
"""
# A note with no header: no issuer, no date, so no period. Its second citation is a symbol alone,
# typed after the first's "văn bản số …" with no type word of its own.
NOTE = """BÁO CÁO
kết quả công tác
I. KẾT QUẢ
Căn cứ văn bản số 15/2025/TT-BTC, số 123/UBND-VP, không có số liệu mới.
"""
# VNI typed in a Unicode file: "Báo cáo kết quả hoạt động của Đảng ủy xã trong tháng 5 năm 2026".
VNI = """Baùo caùo keát quaû hoaït ñoäng cuûa Ñaûng uûy xaõ trong thaùng 5 naêm 2026
I. VEÀ toå chöùc hoäi nghò
"""
ISO_UTC = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00")


@pytest.fixture
def conn(tmp_path):
    return connect(tmp_path / "archive.sqlite")


def _file(folder, name, text):
    """`text` saved as `name` in `folder`, and the report read from it."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path), parse_text(text, str(path))


def _sha(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- what ingest is told about each file ------------------------------------------------------

def test_what_store_report_says_of_a_report_it_is_given(conn, tmp_path):
    a, may = _file(tmp_path, "a.txt", MAY)
    b = str(tmp_path / "b.txt")
    os.link(a, b)  # the same bytes under a second name
    steps = [(store_report, may, a), (store_report, may, a), (store_report, may, b)]
    said = [(r.status, r.report_id, r.path, r.note) for r in (step(conn, report, path) for step, report, path in steps)]
    assert said == [("added", 1, a, None),
                    ("unchanged", 1, a, None),  # the same file again: nothing to say
                    ("unchanged", 1, b, ("already archived as", [a]))]
    assert conn.execute("SELECT COUNT(*) FROM reports").fetchone() == (1,)


def test_known_content_is_placed_without_being_read_again(conn, tmp_path):
    a, may = _file(tmp_path, "a.txt", MAY)
    b, _ = _file(tmp_path, "b.txt", MAY)
    assert place_known(conn, _sha(MAY), a) is None  # not archived yet: it has to be parsed
    store_report(conn, may, a)
    said = [place_known(conn, _sha(MAY), path) for path in (a, b)]
    assert [(r.status, r.report_id, r.path, r.note) for r in said] == [
        ("unchanged", 1, a, None), ("unchanged", 1, b, ("already archived as", [a]))]


def test_a_report_with_no_period_left_without_a_file_says_so(conn, tmp_path):
    a, note = _file(tmp_path, "a.txt", NOTE)
    store_report(conn, note, a)
    _, may = _file(tmp_path, "a.txt", MAY)
    result = store_report(conn, may, a)
    assert (result.status, result.note) == (
        "replaced", ("held another report before (no period), which stays archived; no file holds it now", []))


# --- what `reports` and `show` read back ------------------------------------------------------

def test_reports_lists_each_report_with_what_it_says(conn, tmp_path):
    a, may = _file(tmp_path, "a.txt", MAY)
    v, vni = _file(tmp_path, "v.txt", VNI)
    store_report(conn, may, a)
    store_report(conn, vni, v)
    listed = {row["path"]: row for row in list_reports(conn)}
    assert listed[a] == {
        "id": 1, "period": "2026-05", "issuer": "Đảng ủy xã Lùng Phình", "doc_type": "BÁO CÁO", "path": a,
        "sha256": _sha(MAY), "date": "2026-05-28", "symbol": "12-BC/ĐU", "marks": ["Khẩn"], "read_as": "txt",
        "ocr_confidence": None, "sections": 1, "quantities": 1, "citations": 2, "warnings": 0, "same_period": 0,
        "paths": [a]}
    # Read as text, then from the VNI font's letters into Unicode: both steps are listed.
    assert (listed[v]["read_as"], listed[v]["marks"], listed[v]["warnings"]) == ("txt, vni→unicode", [], 1)


def test_show_gives_the_signer_recipients_and_marks_as_written(conn, tmp_path):
    a, may = _file(tmp_path, "a.txt", MAY)
    store_report(conn, may, a)
    record = report_record(conn, 1)
    report = record["report"]
    assert (report["signer"], report["recipients"], report["marks"]) == (
        {"capacity": "T/M", "on_behalf_of": "ĐẢNG ỦY", "position": "BÍ THƯ", "name": "Nguyễn Văn Dũng"},
        ["Huyện ủy Bắc Hà", "Lưu VP"], ["Khẩn"])
    assert [row["text"] for row in record["citations"]] == ["Nghị quyết số 72-NQ/TW ngày 09/9/2025 của Bộ Chính trị"] * 2
    # A fact names its report by where it sits in the record, not by the archive's row id.
    assert not [row for table in ("sections", "citations", "quantities") for row in record[table] if "report_id" in row]
    assert [set(row) for row in record["paths"]] == [{"path", "since", "until"}]


def test_plain_sql_and_dataframes_read_vietnamese_as_written(conn, tmp_path):
    """Signer, recipients and marks are JSON in the archive; read with any SQLite tool or pandas they
    show the letters, not \\u escapes."""
    a, may = _file(tmp_path, "a.txt", MAY)
    store_report(conn, may, a)
    signer, recipients, marks = conn.execute("SELECT signer, recipients, marks FROM reports").fetchone()
    assert ("Nguyễn Văn Dũng" in signer, "Huyện ủy Bắc Hà" in recipients, marks) == (True, True, '["Khẩn"]')
    assert list(frames(conn)["reports"]["marks"]) == ['["Khẩn"]']


def test_every_path_is_listed_with_when_it_was_seen(conn, tmp_path):
    a, may = _file(tmp_path, "a.txt", MAY)
    store_report(conn, may, a)
    (seen,) = paths_of(conn, 1)
    assert (seen["path"], seen["until"]) == (a, None)
    # Times are UTC and say so, so archives written on machines in other zones compare.
    assert ISO_UTC.fullmatch(seen["since"]), seen["since"]


def test_the_header_and_signature_tables_are_not_stored_as_data(conn, tmp_path):
    """Both borderless blocks below have a row under their first; only the sheet's cells are data."""
    path = tmp_path / "bieu.docx"
    document = docxkit.new_document("A sheet between a header block and a signature block.")
    docxkit.borderless_table(document, [
        [[("ĐẢNG ỦY XÃ LÙNG PHÌNH", {"bold": True})], [("ĐẢNG CỘNG SẢN VIỆT NAM", {"bold": True})]],
        [[("Số 9-BC/ĐU", {})], [("Lùng Phình, ngày 28 tháng 5 năm 2026", {"italic": True})]]])
    docxkit.paragraph(document, "BÁO CÁO", bold=True, center=True)
    docxkit.paragraph(document, "kết quả trồng rừng tháng 5 năm 2026", bold=True, center=True)
    docxkit.paragraph(document, "I. KẾT QUẢ", bold=True)
    docxkit.paragraph(document, "Biểu 01: Trồng rừng", bold=True)
    docxkit.data_table(document, [["STT", "Chỉ tiêu", "ĐVT", "Kết quả"], ["1", "Trồng rừng", "ha", "7,5"]],
                       header_rows=1)
    docxkit.paragraph(document, "Trên đây là báo cáo kết quả tháng 5 năm 2026.")
    docxkit.borderless_table(document, [[[("Nơi nhận:", {"bold": True})], [("T/M ĐẢNG ỦY", {"bold": True})]],
                                        [[("- Lưu Văn phòng.", {})], [("BÍ THƯ", {"bold": True})]]])
    docxkit.save(document, path)
    store_report(conn, parse_file(path), str(path))
    assert conn.execute('SELECT text FROM table_cells ORDER BY "column"').fetchall() == [
        ("1",), ("Trồng rừng",), ("ha",), ("7,5",)]


def test_what_the_archive_learned_of_each_cited_document(conn, tmp_path):
    a, may = _file(tmp_path, "a.txt", MAY)
    n, note = _file(tmp_path, "n.txt", NOTE)
    store_report(conn, may, a)
    store_report(conn, note, n)
    learned = learned_registry(conn)
    # May cites the resolution twice: one report, giving its date and issuer once.
    assert learned["72-nq/tw"] == {
        "key": "72-nq/tw", "type": "Nghị quyết", "symbol": "72-NQ/TW", "reports": 1,
        "types": Counter({"Nghị quyết": 1}), "symbols": Counter({"72-NQ/TW": 1}),
        "dates": Counter({"2025-09-09": 1}), "issuers": Counter({"Bộ Chính trị": 1})}
    # "…, số 123/UBND-VP": no report says what it is.
    assert (learned["123/ubnd-vp"]["type"], learned["123/ubnd-vp"]["symbol"]) == (None, "123/UBND-VP")


# --- a file name that is not UTF-8 ------------------------------------------------------------

def test_a_name_that_is_not_utf8_is_listed_as_the_file_and_found_as_printed(conn, tmp_path):
    name = os.fsdecode(os.fsencode(tmp_path) + b"/b\xe1o c\xe1o.txt")  # "báo cáo" saved as Latin-1
    _, may = _file(tmp_path, "may.txt", MAY)
    store_report(conn, may, name)
    (listed,) = list_reports(conn)
    assert (listed["path"], listed["paths"], paths_of(conn, 1)[0]["path"]) == (name, [name], name)
    printed = f"{tmp_path}/b\\xe1o c\\xe1o.txt"
    assert conn.execute("SELECT path FROM reports").fetchone() == (printed,)
    assert (find_report(conn, name), find_report(conn, printed)) == (1, 1)


# --- finding a report -------------------------------------------------------------------------

def _ambiguous(conn, tmp_path):
    """gone.txt held the note, then May (the note stays archived: another report), then May moved."""
    gone = str(tmp_path / "gone.txt")
    store_report(conn, parse_text(NOTE, gone), gone)
    store_report(conn, parse_text(MAY, gone), gone)
    moved, _ = _file(tmp_path, "moved.txt", MAY)
    assert place_known(conn, _sha(MAY), moved).note == ("moved from", [gone])
    return gone


FIND_CASES = [  # (what the user gives, the report found or the message)
    ("1", 1),
    ("moved.txt", 2),
    (_sha(MAY)[:6], 2),
    (_sha(MAY)[:6].upper(), 2),
    (_sha(MAY)[:5], "no archived report matches '{ref}' (give its id, path or sha256 from `baocao reports`)"),
    ("gone.txt", "'{ref}' matches 2 reports; give its id from `baocao reports`"),
]


@pytest.mark.parametrize("ref, found", FIND_CASES)
def test_a_report_is_found_by_id_path_or_sha256(conn, tmp_path, monkeypatch, ref, found):
    _ambiguous(conn, tmp_path)
    monkeypatch.chdir(tmp_path)
    if isinstance(found, int):
        assert find_report(conn, ref) == found
    else:
        with pytest.raises(ArchiveError) as raised:
            find_report(conn, ref)
        assert str(raised.value) == found.format(ref=ref)


# --- opening the archive ----------------------------------------------------------------------

def test_a_new_archive_is_made_with_its_folders_in_wal_mode(tmp_path):
    db = tmp_path / "new" / "sub" / "a.sqlite"
    connect(db).close()
    # WAL: `reports` and `show` read while an ingest writes.
    assert sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone() == ("wal",)


def _writing_until_committed(db, *statements):
    """Another connection, as another process would, in the middle of writing `statements`; it
    commits a moment later."""
    other = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    for statement in statements:
        other.execute(*statement)
    threading.Timer(0.2, other.execute, ("COMMIT",)).start()


def test_an_archive_turned_to_wal_while_another_process_writes_it_waits_for_it(tmp_path):
    """SQLite refuses at once, "locked", to turn an archive another connection is writing to WAL
    (waiting could deadlock): connect tries again every moment until the writer is done."""
    db = tmp_path / "a.sqlite"
    connect(db).close()
    sqlite3.connect(db).execute("PRAGMA journal_mode = DELETE")  # an archive a tool turned back from WAL
    _writing_until_committed(db, ("CREATE TABLE scratch (x)",))
    started = time.monotonic()
    connect(db, wait=5).close()
    assert 0.2 <= time.monotonic() - started < 1
    assert sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_an_older_baocao_migrating_the_archive_at_the_same_time_leaves_the_rest_to_this_one(tmp_path):
    """An older baocao, knowing the first three migrations, applies them while this one waits; this
    one then finds them done and applies the two it alone knows."""
    db = tmp_path / "a.sqlite"
    sqlite3.connect(db, isolation_level=None).execute("PRAGMA journal_mode = WAL").connection.execute(
        "CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    _writing_until_committed(db, *[(statement,) for _, sql in MIGRATIONS[:3] for statement in sql.split(";")
                                   if statement.strip()],
                             *[("INSERT INTO migrations VALUES (?, '2026-05-01')", (name,)) for name, _ in MIGRATIONS[:3]])
    conn = connect(db, wait=5)
    assert [name for (name,) in conn.execute("SELECT name FROM migrations ORDER BY name")] == [
        "0001_reports_and_facts", "0002_where_facts_were_found", "0003_report_paths", "0004_how_read",
        "0005_table_cells"]


def test_a_write_waits_for_another_writer_to_finish(tmp_path):
    db = tmp_path / "a.sqlite"
    connect(db).close()
    _writing_until_committed(db)
    a, may = _file(tmp_path, "a.txt", MAY)
    assert store_report(connect(db, wait=5), may, a).status == "added"


def _other_programs_database(db):
    sqlite3.connect(db).executescript("CREATE TABLE reports (name TEXT); CREATE TABLE settings (key TEXT)")


def _half_made_archive(db):
    """A baocao archive whose first migration never ran, and a table of its in the way."""
    sqlite3.connect(db).executescript("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL);"
                                      " CREATE TABLE sections (x)")


BAD_ARCHIVES = [  # (what is at the archive's path, the message after "{db}: ")
    ("a file that is not SQLite", lambda db: db.write_bytes(b"not an archive at all" * 100),
     "this file is not a baocao archive (not an SQLite database) (file is not a database)"),
    ("a folder", lambda db: db.mkdir(), "the archive cannot be opened (check the path and permissions) "
                                          "(unable to open database file)"),
    ("another program's database", _other_programs_database,
     "this is another program's database, not a baocao archive (its tables: reports, settings); it was not "
     "changed. Give --db a new file name"),
    ("an archive with a table in the way of a migration", _half_made_archive,
     "cannot use the archive (table sections already exists)"),
]


@pytest.mark.parametrize("make, message", [case[1:] for case in BAD_ARCHIVES], ids=[case[0] for case in BAD_ARCHIVES])
def test_an_archive_that_cannot_be_used_is_named_at_once(tmp_path, make, message):
    db = tmp_path / "a.sqlite"
    make(db)
    started = time.monotonic()
    with pytest.raises(ArchiveError) as raised:
        connect(db, wait=2)
    assert str(raised.value) == f"{db}: {message}"
    assert time.monotonic() - started < 1, "only a locked archive is waited for"


def test_a_migration_that_fails_leaves_no_table_of_it_behind(tmp_path):
    """Migration 0001 creates `reports`, then fails on `sections`: its transaction is rolled back,
    so the archive holds what it held, and the connection no open transaction."""
    db = tmp_path / "a.sqlite"
    _half_made_archive(db)
    with pytest.raises(ArchiveError):
        connect(db)
    tables = {row[0] for row in sqlite3.connect(db).execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"migrations", "sections"}


def test_a_folder_that_cannot_be_made_is_named(tmp_path):
    (tmp_path / "notes.txt").write_text("a file, not a folder")
    db = tmp_path / "notes.txt" / "archive" / "a.sqlite"
    with pytest.raises(ArchiveError) as raised:
        connect(db)
    assert str(raised.value) == (f"{db}: cannot use the archive ([Errno 20] Not a directory: "
                                 f"'{tmp_path / 'notes.txt' / 'archive'}')")


def test_another_programs_database_is_left_as_it_was(tmp_path):
    db = tmp_path / "a.sqlite"
    _other_programs_database(db)
    before = db.read_bytes()
    with pytest.raises(ArchiveError):
        connect(db)
    assert db.read_bytes() == before and not (tmp_path / "a.sqlite-wal").exists()


def test_a_file_in_the_way_of_the_archives_folder_is_named(tmp_path):
    (tmp_path / "outputs").write_text("a file where the archive's folder should be")
    db = tmp_path / "outputs" / "a.sqlite"
    with pytest.raises(ArchiveError) as raised:
        connect(db)
    assert str(raised.value) == (f"{db}: a file stands where the archive's folder {tmp_path / 'outputs'} should be; "
                                 f"move it or give --db another path")


def test_migrate_names_the_migrations_it_applied(tmp_path):
    conn = sqlite3.connect(tmp_path / "old.sqlite", isolation_level=None)
    for _, sql in MIGRATIONS[:3]:
        conn.executescript(sql)
    conn.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    conn.executemany("INSERT INTO migrations VALUES (?, '2026-05-01')", [(name,) for name, _ in MIGRATIONS[:3]])
    assert migrate(conn) == ["0004_how_read", "0005_table_cells"]
