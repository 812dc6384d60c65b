"""The archive: idempotent ingest, replaced versions, bad files, crashes, and reading it back."""
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from archive_helpers import ROOT, baocao, dump
from conftest import CORPUS
from pipeline.cli import cli
from pipeline.ingest import ingest
from pipeline.store import MIGRATIONS, connect, frames

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


def test_a_changed_file_replaces_its_old_version(db, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    target = folder / "bao-cao.docx"
    shutil.copy(REPORTS / "lung-phinh_2026-01_made-up.docx", target)
    ingest([folder], db)
    shutil.copy(REPORTS / "lung-phinh_2026-02_made-up.docx", target)
    summary = ingest([folder], db)
    assert summary.replaced == 1
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*), MAX(period) FROM reports").fetchone() == (1, "2026-02")
    assert conn.execute("SELECT COUNT(*) FROM quantities WHERE report_id NOT IN (SELECT id FROM reports)").fetchone() == (0,)
    assert conn.execute("SELECT value FROM quantities WHERE indicator = 'poverty_rate'").fetchall() == [(25.98,)]


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
    assert set(tables) == {"reports", "sections", "quantities", "citations", "warnings"}
    assert len(report_text) == 1


def test_parallel_ingest_gives_the_same_archive(db, tmp_path):
    ingest([REPORTS], db, jobs=2)
    single = tmp_path / "single.sqlite"
    ingest([REPORTS], single, jobs=1)
    assert dump(db) == dump(single)


def _many_reports(folder, copies=6):
    """Copies of the corpus with their content made distinct, so each one is a new report."""
    folder.mkdir()
    import zipfile
    for n in range(copies):
        for source in sorted(REPORTS.glob("*.docx")):
            target = folder / f"{n:02d}-{source.name}"
            with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
                for info in src.infolist():
                    data = src.read(info.filename)
                    if info.filename == "word/document.xml":
                        data = data.replace("Nhìn chung".encode(), f"Nhìn chung ({n})".encode(), 1)
                    out.writestr(info, data)
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
    assert json.loads(by_sha.output)["reports"][0]["period"] == "2026-05"


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
