"""Word 97–2003 .doc and OpenDocument .odt reports, read through LibreOffice (issue 14, item 1),
and the first real series of two real months this makes possible (issue 13)."""
import json
import os
import shutil

import pytest
from click.testing import CliRunner

from archive_helpers import baocao, saved_by_libreoffice
from conftest import REAL, SEED_DOCX, needs_real
from pipeline.cli import cli

needs_libreoffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                       reason="LibreOffice is not installed (scripts/install-system-deps.sh installs it)")
OCTOBER = REAL / "doc" / "lamdong_bc_dean06_thang10_2025.doc"
AUGUST = REAL / "docx" / "lamdong_bc_dean06_thang08_2025.docx"


def _facts(report):
    return {"sections": [(s.path, s.title) for s in report.all_sections()],
            "citations": [(c.key, c.date, c.issuer, c.section) for c in report.citations],
            "figures": [(q.kind, q.value, q.unit, q.subject, q.section) for q in report.quantities],
            "metadata": report.metadata.to_dict()}


@needs_libreoffice
@pytest.mark.parametrize("fmt", ["doc", "odt"])
def test_the_seed_saved_as_doc_or_odt_gives_the_sections_and_facts_of_its_docx(tmp_path, fmt):
    """Issue 14: the seed report saved by LibreOffice as Word 97–2003 and as OpenDocument reads as
    its .docx does: every section, citation (date, issuer, section), figure and metadata field."""
    from pipeline import parse_file

    saved = parse_file(saved_by_libreoffice(SEED_DOCX, fmt, tmp_path))
    assert saved.document.read_as == [f"{fmt}→docx"]
    assert _facts(saved) == _facts(parse_file(SEED_DOCX))


@needs_real
@needs_libreoffice
def test_a_real_doc_is_read_as_word_shows_it_and_nothing_is_written_beside_it(tmp_path):
    """The October report of Lâm Đồng's Đề án 06 steering committee, a Unicode .doc; read by hand
    with `soffice --cat`: "BÁO CÁO", "Kết quả triển khai Đề án 06 … tháng 10/2025", "Số: /BC-BCĐ"
    left blank, a "Dự thảo" mark."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(OCTOBER, folder)
    report = json.loads(baocao("parse", folder / OCTOBER.name, "--json").stdout)
    meta = report["metadata"]
    assert (report["source"]["format"], meta["doc_type"], meta["period"], meta["marks"]) == (
        "doc", "BÁO CÁO", "2025-10", ["Dự thảo"])
    assert meta["title"].startswith("Kết quả triển khai Đề án 06 trên địa bàn tỉnh Lâm Đồng tháng 10/2025")
    assert sorted(p.name for p in folder.iterdir()) == [OCTOBER.name]


@needs_real
@needs_libreoffice
def test_a_real_series_of_a_docx_month_and_a_doc_month_compares_its_own_indicators(tmp_path):
    """August (.docx) and October (.doc) of one real report, both real. Values read by hand from
    their text: "chi trợ cấp một lần đạt 97,56%" / "98,04%"; "thanh toán viện phí không dùng tiền
    mặt đạt 34,3%" / "45,6%"; "tài khoản khu vực đô thị đạt 84,65%" / "85,32%"."""
    db = tmp_path / "a.sqlite"
    assert CliRunner().invoke(cli, ["ingest", str(AUGUST), str(OCTOBER), "--db", str(db)]).exit_code == 0
    rows = json.loads(CliRunner().invoke(cli, ["compare", "--db", str(db), "--json"]).stdout)

    def series(name):
        return [(r["period"], r["value"], r["change"]) for r in rows if r["source"] == "found" and r["name"] == name]
    assert series("chi trợ cấp một lần") == [("2025-08", 97.56, None), ("2025-10", 98.04, 0.48)]
    assert series("thanh toán viện phí không dùng tiền mặt") == [("2025-08", 34.3, None), ("2025-10", 45.6, 11.3)]
    assert series("tỷ lệ người nhận tiền qua tài khoản khu vực đô thị") == [
        ("2025-08", 84.65, None), ("2025-10", 85.32, 0.67)]
    listed = json.loads(CliRunner().invoke(cli, ["reports", "--db", str(db), "--json"]).stdout)
    assert sorted((r["period"], r["read_as"], r["ocr_confidence"]) for r in listed) == [
        ("2025-08", "docx", None), ("2025-10", "doc→docx", None)]
    october = next(r["id"] for r in listed if r["period"] == "2025-10")
    shown = CliRunner().invoke(cli, ["show", str(october), "--db", str(db)]).stdout
    assert "  read as: doc→docx\n" in shown
    table = CliRunner().invoke(cli, ["reports", "--db", str(db)]).stdout.splitlines()
    assert [line.endswith("read as doc→docx") for line in table[2:]] == [False, True], table


def test_a_damaged_doc_is_one_line_and_the_others_are_archived(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    # Four bytes of the compound-file signature, then text: LibreOffice would import it as text.
    (folder / "hong.doc").write_bytes(b"\xd0\xcf\x11\xe0 not really a Word file" * 50)
    shutil.copy(SEED_DOCX, folder)
    db = tmp_path / "a.sqlite"
    result = baocao("ingest", folder, "--db", db)
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert line == (f"baocao: error: {folder / 'hong.doc'}: is not a .doc file (its first bytes are not those of "
                    f"one): a damaged or mislabelled file")
    assert "added 1, unchanged 0, replaced 0, failed 1" in result.stdout


def test_without_libreoffice_a_doc_says_how_to_install_it(tmp_path):
    doc = tmp_path / "bao-cao.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)  # a compound file's signature
    # A PATH holding only the Python that runs baocao: no soffice on it.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    result = baocao("parse", doc, env={**os.environ, "PATH": str(bin_dir)})
    assert result.returncode == 2
    assert result.stderr == (f"baocao: error: {doc}: is a .doc file, which baocao reads through LibreOffice, and "
                             "LibreOffice is not installed: install LibreOffice (Debian or Ubuntu: sudo apt-get "
                             "install libreoffice-writer-nogui; or run scripts/install-system-deps.sh), or open the "
                             "file in Word and save it as .docx\n")
