"""The archive: idempotent ingest, replaced versions, bad files, crashes, and reading it back."""
import hashlib
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile

import pytest
from click.testing import CliRunner

from archive_helpers import ROOT, baocao, dump
from conftest import CORPUS
from pipeline.cli import cli
from pipeline.ingest import ingest
from pipeline.store import MIGRATIONS, connect, frames, migrate

REPORTS = CORPUS / "reports"


@pytest.fixture
def db(tmp_path):
    return tmp_path / "archive.sqlite"


def test_ingesting_twice_adds_nothing_the_second_time(db):
    first = ingest([REPORTS], db)
    before = dump(db)
    second = ingest([REPORTS], db)
    assert (first.added, len(first.failed)) == (8, 0)
    assert (second.added, second.unchanged, second.replaced) == (0, 8, 0)
    assert dump(db) == before


MAY, JUNE = REPORTS / "lung-phinh_2026-05_seed.docx", REPORTS / "lung-phinh_2026-06_made-up.docx"


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


# (what happens, steps in a folder, then the last ingest's summary and notes, the report each file
# holds afterwards, and the reports archived). Steps: ("put", source, file) copies a report there,
# ("move", file, file) moves it, ("ingest",) ingests the folder. "may, corrected" is May's report
# with one word changed: a later version of the same report (same issuer, type and period).
PATH_CASES = [
    ("June copied over May's file",
     [("put", "may", "a.docx"), ("ingest",), ("put", "june", "a.docx"), ("ingest",)],
     "added 0, unchanged 0, replaced 1, failed 0",
     ["a.docx: held another report before (2026-05), which stays archived; no file holds it now"],
     {"a.docx": "june"}, {"may", "june"}),
    ("June, archived already, copied over May's file (issue 10, item 3)",
     [("put", "may", "a.docx"), ("put", "june", "june.docx"), ("ingest",), ("put", "june", "a.docx"), ("ingest",)],
     "added 0, unchanged 1, replaced 1, failed 0",
     ["a.docx: held another report before (2026-05), which stays archived; no file holds it now"],
     {"a.docx": "june", "june.docx": "june"}, {"may", "june"}),
    ("May's file overwritten while a copy still holds May",
     [("put", "may", "a.docx"), ("put", "may", "b.docx"), ("ingest",), ("put", "june", "a.docx"), ("ingest",)],
     "added 0, unchanged 1, replaced 1, failed 0",
     ["a.docx: held another report before, still archived as b.docx"],
     {"a.docx": "june", "b.docx": "may"}, {"may", "june"}),
    ("a corrected May over its draft",
     [("put", "may", "a.docx"), ("ingest",), ("put", "may, corrected", "a.docx"), ("ingest",)],
     "added 0, unchanged 0, replaced 1, failed 0", [],
     {"a.docx": "may, corrected"}, {"may, corrected"}),
    ("May copied to a second file",
     [("put", "may", "a.docx"), ("ingest",), ("put", "may", "b.docx"), ("ingest",)],
     "added 0, unchanged 2, replaced 0, failed 0", ["b.docx: already archived as a.docx"],
     {"a.docx": "may", "b.docx": "may"}, {"may"}),
    ("May's file moved",
     [("put", "may", "a.docx"), ("ingest",), ("move", "a.docx", "sub/c.docx"), ("ingest",)],
     "added 0, unchanged 1, replaced 0, failed 0", ["sub/c.docx: moved from a.docx"],
     {"sub/c.docx": "may"}, {"may"}),
]


@pytest.mark.parametrize("steps, summary, notes, holds, archived", [case[1:] for case in PATH_CASES],
                         ids=[case[0] for case in PATH_CASES])
def test_each_path_holds_the_content_it_holds_on_disk(tmp_path, monkeypatch, steps, summary, notes, holds,
                                                      archived):
    folder, db = tmp_path / "in", tmp_path / "archive.sqlite"
    (folder / "sub").mkdir(parents=True)
    corrected = tmp_path / "may-corrected.docx"
    _edited(MAY, corrected, "Nhìn chung", "Nhìn chung (bản sửa)")
    sources = {"may": MAY, "june": JUNE, "may, corrected": corrected}
    monkeypatch.chdir(folder)  # files are named as the user typed them
    for step in steps:
        if step[0] == "put":
            shutil.copy(sources[step[1]], step[2])
        elif step[0] == "move":
            shutil.move(step[1], step[2])
        else:
            result = CliRunner().invoke(cli, ["ingest", ".", "--db", str(db)])
            assert result.exit_code == 0, result.output
    assert result.stdout.strip() == summary
    assert result.stderr.splitlines() == [f"baocao: note: {note}" for note in notes]
    by_sha = {_sha(source): name for name, source in sources.items()}
    conn = sqlite3.connect(db)
    held = conn.execute("SELECT p.path, r.sha256 FROM report_paths p JOIN reports r ON r.id = p.report_id"
                        " WHERE p.until IS NULL").fetchall()
    assert {os.path.relpath(path, folder): by_sha[sha] for path, sha in held} == holds
    assert {by_sha[sha] for (sha,) in conn.execute("SELECT sha256 FROM reports")} == archived
    again = CliRunner().invoke(cli, ["ingest", ".", "--db", str(db)])
    assert (again.stdout.strip(), again.stderr) == (f"added 0, unchanged {len(holds)}, replaced 0, failed 0", "")


def test_reports_show_and_find_name_every_path_a_report_was_seen_under(tmp_path, monkeypatch):
    """May at a.docx and b.docx; June over a.docx; b.docx moved to c.docx; June over c.docx too."""
    db = str(tmp_path / "archive.sqlite")
    monkeypatch.chdir(tmp_path)
    for steps in ([("may", "a.docx"), ("may", "b.docx")], [("june", "a.docx")], [("b.docx", "c.docx")],
                  [("june", "c.docx")]):
        for source, target in steps:
            if source.endswith(".docx"):
                shutil.move(source, target)
            else:
                shutil.copy(MAY if source == "may" else JUNE, target)
        assert CliRunner().invoke(cli, ["ingest", *sorted(str(p.name) for p in tmp_path.glob("*.docx")),
                                        "--db", db]).exit_code == 0

    def period_of(ref):
        shown = CliRunner().invoke(cli, ["show", ref, "--db", db, "--json"])
        assert shown.exit_code == 0, shown.output
        return json.loads(shown.output)["report"]["period"]

    # a.docx holds June now and held May once: the report it holds now is the one shown.
    assert [period_of(ref) for ref in ("a.docx", "b.docx", "c.docx", str(tmp_path / "b.docx"))] == \
        ["2026-06", "2026-05", "2026-06", "2026-05"]
    listed = json.loads(CliRunner().invoke(cli, ["reports", "--db", db, "--json"]).output)
    assert [(r["period"], r["file"], r["paths"], r["flag"]) for r in listed] == [
        ("2026-05", "c.docx", [], "no file holds it now"),
        ("2026-06", "a.docx", ["a.docx", "c.docx"], "2 files")]
    may = CliRunner().invoke(cli, ["show", str(listed[0]["id"]), "--db", db]).output.splitlines()
    assert [re.sub(r"\d{4}-\d\d-\d\dT[\d:+]+", "T", line.split("  sha256")[0]) for line in may[2:5]] == [
        "  file: c.docx (until T; no file holds this report now)",
        "  was at: b.docx until T",
        "  was at: a.docx until T"]
    june = CliRunner().invoke(cli, ["show", "a.docx", "--db", db]).output.splitlines()
    assert june[3] == "  also at: c.docx"
    table = CliRunner().invoke(cli, ["reports", "--db", db]).output.splitlines()
    assert [line.split()[-1] for line in table[2:]] == ["now", "files"]


def test_same_issuer_type_and_period_are_both_kept_and_flagged(db):
    result = CliRunner().invoke(cli, ["ingest", str(REPORTS / "lung-phinh_2026-05_seed.docx"),
                                      str(CORPUS / "variants" / "lung-phinh_2026-05_seed.txt"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "same issuer, type and period" in result.output
    listed = json.loads(CliRunner().invoke(cli, ["reports", "--db", str(db), "--json"]).output)
    assert [r["same_period"] for r in listed] == [1, 1]


def test_a_bad_file_is_reported_and_the_others_go_on(db, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(REPORTS / "lung-phinh_2026-01_made-up.docx", folder / "a.docx")
    (folder / "b.docx").write_bytes(b"not a zip at all")
    shutil.copy(REPORTS / "lung-phinh_2026-02_made-up.docx", folder / "c.docx")
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 1
    assert "b.docx: is not a .docx (not a zip archive)" in result.output
    assert "added 2, unchanged 0, replaced 0, failed 1" in result.output
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM reports").fetchone() == (2,)


def test_migrations_are_named_recorded_and_applied_once(db):
    connect(db).close()
    conn = connect(db)
    assert [r[0] for r in conn.execute("SELECT name FROM migrations")] == [name for name, _ in MIGRATIONS]


def test_the_archive_opens_as_dataframes_with_provenance(db):
    ingest([REPORTS / "lung-phinh_2026-05_seed.docx"], db)
    tables = frames(connect(db))
    quantities = tables["quantities"]
    row = quantities[quantities["indicator"] == "poverty_rate"].iloc[0]
    assert (row["value"], row["section"], row["text"], row["report_period"]) == (25.46, "III.3", "25,46%", "2026-05")
    assert row["file"].endswith("lung-phinh_2026-05_seed.docx")
    report_text = tables["reports"]  # every fact points back into its report's stored text
    text = connect(db).execute("SELECT text FROM reports").fetchone()[0]
    assert text[row["start"]:row["end"]] == "25,46%"
    assert set(tables) == {"reports", "sections", "quantities", "citations", "table_cells", "warnings"}
    assert len(report_text) == 1
    # The seed's made-up task sheet: 90 rows of 5 cells, each traceable to its file.
    cells = tables["table_cells"]
    assert len(cells[cells["table_kind"] == "tasks"]) == 450 and cells["file"].str.endswith("seed.docx").all()


def test_parallel_ingest_gives_the_same_archive(db, tmp_path):
    ingest([REPORTS], db, jobs=2)
    single = tmp_path / "single.sqlite"
    ingest([REPORTS], single, jobs=1)
    assert dump(db) == dump(single)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_duplicate_files_in_one_ingest_are_one_report_each(tmp_path, jobs):
    """Issue 11: with workers, both copies are parsed before either is stored, so only the check
    inside store_report stands between the second copy and a UNIQUE error on sha256."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name, source in [("a.docx", MAY), ("b.docx", MAY), ("c.docx", JUNE), ("d.docx", JUNE), ("e.docx", JUNE)]:
        shutil.copy(source, folder / name)
    db = tmp_path / "archive.sqlite"
    result = baocao("ingest", folder, "--db", db, "--jobs", jobs)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "added 2, unchanged 3, replaced 0, failed 0"
    assert [line for line in result.stderr.splitlines() if "note:" in line] == [
        f"baocao: note: {folder / copy}: already archived as {', '.join(str(folder / name) for name in before)}"
        for copy, before in [("b.docx", ["a.docx"]), ("d.docx", ["c.docx"]), ("e.docx", ["c.docx", "d.docx"])]]
    reports = {sha: paths for sha, paths in sqlite3.connect(db).execute(
        "SELECT r.sha256, GROUP_CONCAT(p.path, ' ') FROM reports r JOIN report_paths p ON p.report_id = r.id "
        "GROUP BY r.id ORDER BY r.id")}
    assert reports == {_sha(MAY): f"{folder / 'a.docx'} {folder / 'b.docx'}",
                       _sha(JUNE): f"{folder / 'c.docx'} {folder / 'd.docx'} {folder / 'e.docx'}"}


def _edited(source, target, old, new):
    """A copy of a .docx with the first `old` in its body written as `new`: other content, the same report."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace(old.encode(), new.encode(), 1)
            out.writestr(info, data)


def _many_reports(folder, copies=6):
    """Copies of the corpus with their content made distinct, so each one is a new report."""
    folder.mkdir()
    for n in range(copies):
        for source in sorted(REPORTS.glob("*.docx")):
            _edited(source, folder / f"{n:02d}-{source.name}", "Nhìn chung", f"Nhìn chung ({n})")
    return folder


def test_sigkill_midway_then_rerun_ends_like_one_clean_run(tmp_path):
    folder = _many_reports(tmp_path / "in")
    killed_db, clean_db = tmp_path / "killed.sqlite", tmp_path / "clean.sqlite"
    process = subprocess.Popen([sys.executable, "-m", "pipeline", "ingest", str(folder), "--db", str(killed_db)],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            done = sqlite3.connect(killed_db, timeout=1).execute("SELECT COUNT(*) FROM reports").fetchone()[0]
        except sqlite3.Error:
            done = 0
        if done >= 5:
            break
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    partial = dump(killed_db)
    assert partial["integrity"] == "ok" and partial["orphans"] == 0
    assert 5 <= len(partial["reports"]) < 48, "the kill must land mid-batch"
    assert baocao("ingest", folder, "--db", killed_db).returncode == 0
    assert baocao("ingest", folder, "--db", clean_db).returncode == 0
    assert dump(killed_db) == dump(clean_db)


def test_reports_and_show_read_the_archive(db):
    ingest([REPORTS], db)
    listed = json.loads(CliRunner().invoke(cli, ["reports", "--db", str(db), "--json"]).output)
    assert [(r["period"], r["issuer"]) for r in listed][:2] == [("2026-01", "Đảng ủy xã Lùng Phình"),
                                                                ("2026-02", "Đảng ủy xã Lùng Phình")]
    seed = next(r for r in listed if r["path"].endswith("seed.docx"))
    assert (seed["quantities"], seed["citations"]) == (21, 7)
    shown = CliRunner().invoke(cli, ["show", str(seed["id"]), "--db", str(db)])
    assert shown.exit_code == 0
    assert "II.5.1  Công tác tuyên giáo - dân vận" in shown.output
    assert "[III.3] 25,46%  → tỷ lệ hộ nghèo  (poverty_rate)" in shown.output
    by_sha = CliRunner().invoke(cli, ["show", seed["sha256"][:10], "--db", str(db), "--json"])
    assert json.loads(by_sha.output)["report"]["period"] == "2026-05"


def test_commands_on_a_missing_archive_say_so(tmp_path):
    result = CliRunner().invoke(cli, ["reports", "--db", str(tmp_path / "none.sqlite")])
    assert result.exit_code == 2
    assert "no archive here yet" in result.output


def test_an_archive_written_before_facts_knew_where_they_were_found_is_migrated(tmp_path):
    """An archive of the first schema gains found_in and annex; its facts read as found in the body."""
    import sqlite3

    from pipeline.store import MIGRATIONS, connect

    db = tmp_path / "old.sqlite"
    old = sqlite3.connect(db)
    old.executescript(MIGRATIONS[0][1])
    old.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    old.execute("INSERT INTO migrations VALUES (?, '2026-05-01')", (MIGRATIONS[0][0],))
    old.execute("INSERT INTO reports (path, sha256, format, text, ingested_at) VALUES ('a.docx', 'x', 'docx', 't', 'now')")
    old.execute("INSERT INTO citations (report_id, key, text, start, \"end\") VALUES (1, '72-nq/tw', 'NQ 72', 0, 5)")
    old.commit()
    old.close()
    conn = connect(db)
    assert conn.execute("SELECT found_in FROM citations").fetchall() == [("body",)]
    assert "annex" in [row[1] for row in conn.execute("PRAGMA table_info(sections)")]


def test_an_archive_written_before_it_said_how_reports_were_read_says_it_by_their_format(tmp_path):
    """Reports archived before migration 0004 were read as their format says: a .doc and an .odt
    through the .docx LibreOffice made of them, a .docx and a .txt as they are."""
    db = tmp_path / "old.sqlite"
    old = sqlite3.connect(db)
    for _, sql in MIGRATIONS[:3]:
        old.executescript(sql)
    old.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    old.executemany("INSERT INTO migrations VALUES (?, '2026-05-01')", [(name,) for name, _ in MIGRATIONS[:3]])
    old.executemany("INSERT INTO reports (path, sha256, format, text, ingested_at) VALUES (?, ?, ?, 't', 'now')",
                    [(f"r.{fmt}", fmt, fmt) for fmt in ("docx", "doc", "odt", "txt")])
    old.execute("INSERT INTO report_paths (report_id, path, since) SELECT id, path, ingested_at FROM reports")
    old.commit()
    old.close()
    conn = connect(db)
    assert conn.execute("SELECT format, read_as, ocr_confidence FROM reports ORDER BY id").fetchall() == [
        ("docx", "docx", None), ("doc", "doc→docx", None), ("odt", "odt→docx", None), ("txt", "txt", None)]
    shown = CliRunner().invoke(cli, ["show", "r.doc", "--db", str(db)])
    assert "  read as: doc→docx\n" in shown.output, shown.output


def test_an_archive_written_before_paths_were_recorded_keeps_each_report_at_its_path(tmp_path):
    """An archive of migrations 0001 and 0002 gains report_paths, each report held by its path;
    opening it again changes nothing, and a path of it is re-pointed like any other."""
    db = tmp_path / "old.sqlite"
    a, b = tmp_path / "a.docx", tmp_path / "b.docx"
    old = sqlite3.connect(db)
    for _, sql in MIGRATIONS[:2]:
        old.executescript(sql)
    old.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    old.executemany("INSERT INTO migrations VALUES (?, '2026-05-01')", [(name,) for name, _ in MIGRATIONS[:2]])
    old.executemany("INSERT INTO reports (path, sha256, format, period, text, ingested_at)"
                    " VALUES (?, ?, 'docx', ?, 't', ?)",
                    [(str(a), "sha-a", "2026-04", "2026-05-01T08:00:00+00:00"),
                     (str(b), "sha-b", "2026-05", "2026-06-01T08:00:00+00:00")])
    old.commit()
    old.close()
    conn = connect(db)
    recorded = conn.execute("SELECT report_id, path, since, until FROM report_paths ORDER BY report_id").fetchall()
    assert recorded == [(1, str(a), "2026-05-01T08:00:00+00:00", None), (2, str(b), "2026-06-01T08:00:00+00:00", None)]
    assert migrate(conn) == []
    conn.close()
    assert sqlite3.connect(db).execute("SELECT * FROM report_paths ORDER BY report_id").fetchall() == recorded
    shutil.copy(JUNE, a)
    result = CliRunner().invoke(cli, ["ingest", str(a), "--db", str(db)])
    assert result.stdout.strip() == "added 0, unchanged 0, replaced 1, failed 0", result.output
    listed = json.loads(CliRunner().invoke(cli, ["reports", "--db", str(db), "--json"]).output)
    assert sorted((r["period"], r["paths"]) for r in listed) == [
        ("2026-04", []), ("2026-05", [str(b)]), ("2026-06", [str(a)])]
