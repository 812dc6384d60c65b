"""Shared helpers for tests that use a real archive: dump it, run the CLI as users do."""
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def dump(db: Path) -> dict:
    """Everything an archive holds that does not depend on when or in what order it was written."""
    conn = sqlite3.connect(db)
    try:
        out = {"reports": sorted(conn.execute(
            "SELECT sha256, path, issuer, period, doc_type, symbol, date, title, text FROM reports").fetchall())}
        for table, columns in (("quantities", 't.kind, t.value, t.denominator, t.subject, t.indicator, t.section, t.text, t.start, t."end"'),
                               ("citations", 't.key, t.date, t.issuer, t.section, t.text, t.start, t."end"'),
                               ("sections", 't.path, t.title, t.start, t."end"'),
                               ("warnings", "t.message")):
            out[table] = sorted(conn.execute(
                f"SELECT r.sha256, {columns} FROM {table} t JOIN reports r ON r.id = t.report_id").fetchall(),
                key=repr)
        out["orphans"] = conn.execute(
            "SELECT COUNT(*) FROM quantities WHERE report_id NOT IN (SELECT id FROM reports)").fetchone()[0]
        out["integrity"] = conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()
    return out


def baocao(*args, cwd=None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], cwd=cwd or ROOT,
                          capture_output=True, text=True, **kwargs)


def saved_by_libreoffice(source: Path, fmt: str, folder: Path, options: str = "") -> Path:
    """`source` saved by LibreOffice as `fmt` (doc, odt, pdf, fodt …) into `folder`, as a user's
    "Save as" would, with a profile of its own and the export filter's `options` (a PDF's password);
    the tests that call it skip without LibreOffice."""
    import shutil

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is missing: `make test` installs it (scripts/install-system-deps.sh)"
    subprocess.run([soffice, f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}", "--headless", "--convert-to",
                    fmt + options, "--outdir", str(folder), str(source)], check=True, capture_output=True, timeout=180)
    return folder / f"{source.stem}.{fmt}"


PASSWORD = "mật khẩu 2026"


def encrypted(plain: bytes, path: Path) -> Path:
    """A .docx (its bytes) as Word saves it with a password (ECMA-376 agile encryption), at `path`."""
    import io

    from msoffcrypto.format.ooxml import OOXMLFile

    with open(path, "wb") as out:
        OOXMLFile(io.BytesIO(plain)).encrypt(PASSWORD, out)
    return path
