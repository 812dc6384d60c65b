"""Every JSON output is strict JSON a spreadsheet tool or a script can read (issue 10, item 10)."""
import json

import pytest

from archive_helpers import baocao
from conftest import CORPUS, SEED_DOCX, SEED_TXT


def _strict(text: str):
    def refuse(constant):
        raise ValueError(f"not JSON: {constant}")
    return json.loads(text, parse_constant=refuse)


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """The seed as a draft marked "Dự thảo" (it has no date and no number, as drafts do), and the
    made-up months: facts without a subject or indicator, a month without a previous one."""
    folder = tmp_path_factory.mktemp("json")
    draft = folder / "du-thao.txt"
    draft.write_text("DỰ THẢO\n" + SEED_TXT.read_text(encoding="utf-8"), encoding="utf-8")
    db = folder / "a.sqlite"
    assert baocao("ingest", draft, CORPUS / "reports", "--db", db).returncode == 0
    return db, draft


def test_show_json_is_strict_and_gives_what_a_reader_needs(archive):
    db, draft = archive
    shown = baocao("show", draft, "--db", db, "--json")
    record = _strict(shown.stdout)
    report = record["report"]
    # Read from the draft: "Số        -BC/ĐU" (no number), "ngày    tháng 5 năm 2026" (no day).
    assert (report["number"], report["date"], report["marks"]) == (None, None, ["Dự thảo"])
    assert "issuer_key" not in shown.stdout and "NaN" not in shown.stdout
    assert any(q["denominator"] is None for q in record["quantities"])  # a percentage has none: was NaN


def test_show_prints_what_is_missing_as_a_question_mark_not_nan(archive):
    db, draft = archive
    lines = baocao("show", draft, "--db", db).stdout.splitlines()
    assert lines[1] == "  issuer: Đảng ủy xã Lùng Phình  period: 2026-05  symbol: -BC/ĐU  date: ?"
    assert lines[2] == "  marks: Dự thảo"
    assert "nan" not in "\n".join(lines).lower().replace("nam", "")


@pytest.mark.parametrize("args", [
    ["parse", SEED_DOCX, "--json"],
    ["reports", "--json"],
    ["compare", "--json"],
    ["compare", "--citations", "--json"],
    ["check", SEED_DOCX, "--format", "json"],
    ["eval", CORPUS / "labels" / "lung-phinh_2026-05_seed.yaml", "--json"],
], ids=lambda args: " ".join(str(a) for a in args if a in ("parse", "reports", "compare", "check", "eval",
                                                           "--citations")))
def test_every_json_output_is_strict(archive, args):
    db, _ = archive
    if args[0] in ("reports", "compare"):
        args = [*args, "--db", db]
    result = baocao(*args)
    assert result.returncode == 0, result.stderr
    assert _strict(result.stdout)
