"""What reaches the user's terminal: escaped control characters, and one line when the output
cannot be written (issue 10, items 9, 11 and 15)."""
import json
import os
import re
import pty
import select
import sqlite3
import subprocess
import sys

import pytest

from archive_helpers import ROOT, baocao
from conftest import SEED_DOCX, SEED_TXT

FULL_DISK = "baocao: error: could not write to the standard output: the disk is full\n"


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    db = tmp_path_factory.mktemp("terminal") / "a.sqlite"
    assert baocao("ingest", SEED_DOCX, "--db", db).returncode == 0
    return db


def _run_into(stdout, *args, env=None):
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], cwd=ROOT, stdout=stdout,
                          stderr=subprocess.PIPE, text=True, env=env)


# /dev/full takes nothing: every write fails with ENOSPC, as a redirect onto a full disk does.
@pytest.mark.parametrize("args", [
    ["parse", SEED_DOCX],
    ["parse", SEED_DOCX, "--json"],
    ["parse", SEED_DOCX, "--text"],
    ["reports", "--csv"],
    ["reports", "--json"],
    ["reports"],
    ["compare", "--csv"],
    ["compare", "--citations", "--json"],
], ids=lambda args: " ".join(map(str, args[:1] + args[2:] if args[0] == "parse" else args)))
def test_output_onto_a_full_disk_is_one_line_and_exit_2(archive, args):
    if args[0] != "parse":
        args = [*args, "--db", archive]
    with open("/dev/full", "w") as full:
        result = _run_into(full, *args)
    assert (result.returncode, result.stderr) == (2, FULL_DISK)


def test_an_output_encoding_without_vietnamese_letters_is_one_line_and_exit_2():
    env = {**os.environ, "PYTHONIOENCODING": "latin-1"}
    result = _run_into(subprocess.PIPE, "parse", SEED_DOCX, env=env)
    assert result.returncode == 2
    assert result.stderr == ("baocao: error: the standard output's encoding (iso8859-1) cannot show Vietnamese "
                             "letters; use a UTF-8 terminal, or set PYTHONIOENCODING=utf-8\n")


def test_a_reader_that_stops_reading_ends_the_command_quietly():
    """`baocao parse R --json | head -1`: the pipe closes while baocao still writes."""
    result = subprocess.run(f'"{sys.executable}" -m pipeline parse "{SEED_DOCX}" --json | head -c 10 >/dev/null; '
                            'echo "${PIPESTATUS[0]}"', shell=True, executable="/bin/bash", cwd=ROOT,
                            capture_output=True, text=True)
    assert (result.stdout, result.stderr) == ("0\n", "")


# A title that would rename the terminal's window (OSC 0) and ring its bell, and a bare escape.
HOSTILE_TITLE = "kết quả \x1b]0;hacked\x07hoạt động \x1b[2J\x1bc của Thường trực"
SHOWN_TITLE = "kết quả ␛]0;hacked␇hoạt động ␛[2J␛c của Thường trực"
# Into a pipe or file, click drops colour codes (CSI … letter) itself before baocao escapes the rest.
SHOWN_PIPED = "kết quả ␛]0;hacked␇hoạt động ␛c của Thường trực"


@pytest.fixture(scope="module")
def hostile_txt(tmp_path_factory):
    text = SEED_TXT.read_text(encoding="utf-8").replace(
        "kết quả hoạt động của Thường trực", HOSTILE_TITLE, 1)
    assert HOSTILE_TITLE in text
    path = tmp_path_factory.mktemp("hostile") / "hostile.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _through_a_terminal(*args) -> bytes:
    """Run baocao with a pseudo-terminal as its stdout and stderr, as a user at a shell does."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "pipeline", *map(str, args)], cwd=ROOT,
                               stdout=follower, stderr=follower, env={**os.environ, "COLUMNS": "100"})
    os.close(follower)
    out = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closes when the process ends
            break
        if not chunk:
            break
        out += chunk
    process.wait(timeout=30)
    os.close(leader)
    return out


@pytest.mark.parametrize("args", [["parse"], ["parse", "--text"]], ids=" ".join)
def test_control_characters_of_a_report_reach_a_terminal_as_visible_pictures(hostile_txt, args):
    shown = _through_a_terminal(args[0], hostile_txt, *args[1:]).decode("utf-8")
    assert SHOWN_TITLE in shown
    assert "\x1b" not in shown and "\x07" not in shown


def test_control_characters_are_escaped_on_output_and_kept_in_the_archive(hostile_txt, tmp_path):
    db = tmp_path / "a.sqlite"
    assert baocao("ingest", hostile_txt, "--db", db).returncode == 0
    shown = baocao("show", "1", "--db", db).stdout
    assert SHOWN_PIPED in shown and "\x1b" not in shown and "\x07" not in shown
    as_json = baocao("parse", hostile_txt, "--json")
    assert json.loads(as_json.stdout)["metadata"]["title"].count("\x1b") == 3
    (title,) = sqlite3.connect(db).execute("SELECT title FROM reports").fetchone()
    assert HOSTILE_TITLE in title


@pytest.mark.parametrize("args", [["reports"], ["compare"], ["compare", "--citations"]], ids=" ".join)
def test_terminal_tables_fit_100_columns_and_json_keeps_every_value_whole(tmp_path, args):
    """Issue 10, item 15: a deep folder and long indicator names made rows of 150 and more."""
    folder = tmp_path / "Báo cáo tháng của các xã thuộc huyện" / "năm 2026 (bản đã ký, lưu trữ)"
    folder.mkdir(parents=True)
    for report in (ROOT / "corpus" / "reports").glob("lung-phinh_2026-0[4-6]*.docx"):
        (folder / report.name).write_bytes(report.read_bytes())
    db = tmp_path / "a.sqlite"
    assert baocao("ingest", folder, "--db", db).returncode == 0
    table = baocao(*args, "--db", db).stdout.splitlines()
    assert max(len(line) for line in table) <= 100
    whole = json.loads(baocao(*args, "--db", db, "--json").stdout)
    if args == ["reports"]:
        # The path's end names the file: the table keeps it and cuts the start.
        assert all(re.search(r"  ….*/lung-phinh_2026-0[456]_[^ ]*\.docx  ", line) for line in table[2:]), table
        assert all(row["file"].startswith(str(folder)) for row in whole)
    if args == ["compare"]:
        names = [row["name"] for row in whole]
        assert any(len(name) > 30 for name in names)
        assert any("…" in line for line in table[2:])
