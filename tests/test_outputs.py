"""Outputs never overwrite inputs, and a failed write leaves nothing half-written (issue 10, item 2)."""
from __future__ import annotations

import os
import shutil

import pytest
from click.testing import CliRunner

from conftest import SEED_DOCX
from pipeline.cli import cli


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    db = tmp_path_factory.mktemp("archive") / "a.sqlite"
    result = CliRunner().invoke(cli, ["ingest", str(SEED_DOCX), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def _bytes(path):
    return path.read_bytes()


@pytest.mark.parametrize("command, hard_link", [
    (["parse", "{report}", "--html", "{out}"], False),
    (["check", "{report}", "--annotate", "{out}"], True),
], ids=["parse --html onto the report", "check --annotate onto a hard link of the draft"])
def test_an_output_onto_the_report_is_refused(tmp_path, command, hard_link):
    report = tmp_path / "D.docx"
    shutil.copy(SEED_DOCX, report)
    out = tmp_path / "H.docx" if hard_link else report
    if hard_link:
        os.link(report, out)
    before = _bytes(report)
    result = CliRunner().invoke(cli, [arg.format(report=report, out=out) for arg in command])
    assert result.exit_code == 2
    assert f"{out}: is the same file as the input {report}; choose another output file" in result.output
    assert _bytes(report) == before


@pytest.mark.parametrize("flag", ["--html", "--xlsx"])
def test_compare_output_onto_the_archive_is_refused(archive, flag):
    before = _bytes(archive)
    result = CliRunner().invoke(cli, ["compare", "--db", str(archive), flag, str(archive)])
    assert result.exit_code == 2
    assert "is the same file as the input" in result.output
    assert _bytes(archive) == before


@pytest.mark.parametrize("args", [
    ["compare", "--xlsx"], ["compare", "--html"],
], ids=["xlsx", "html"])
def test_output_to_a_missing_folder_is_one_line_and_exit_2(archive, tmp_path, args):
    out = tmp_path / "no-such-folder" / "out"
    result = CliRunner().invoke(cli, [args[0], "--db", str(archive), args[1], str(out)])
    assert result.exit_code == 2
    assert f"{out}: the folder {out.parent} does not exist; create it or choose another" in result.output


def test_a_failed_write_keeps_the_file_that_was_there_and_leaves_no_part(tmp_path):
    from pipeline.errors import BaocaoError
    from pipeline.outputs import replacing

    out = tmp_path / "page.html"
    out.write_text("yesterday's page", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with replacing(out) as temporary:
            temporary.write_text("half", encoding="utf-8")
            raise RuntimeError("the disk filled up")
    assert out.read_text(encoding="utf-8") == "yesterday's page"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html"]
    with pytest.raises(BaocaoError):
        with replacing(tmp_path / "missing" / "x.html"):
            pass
