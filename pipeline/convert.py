"""Word 97–2003 (.doc) and OpenDocument (.odt) reports, converted to .docx by LibreOffice so the
one .docx reader reads them: numbering labels, tables and fonts survive the conversion.

The conversion runs in a private temporary folder (never beside the user's file), with a
LibreOffice profile of its own (two conversions at once, or a LibreOffice the user has open,
would otherwise fight over one profile and fail), and a time limit.
"""
from __future__ import annotations

import functools
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from pipeline.errors import ReadError

CONVERTED = (".doc", ".odt")
TIMEOUT_SECONDS = 180
INSTALL_HINT = ("install LibreOffice (Debian or Ubuntu: sudo apt-get install libreoffice-writer-nogui; or run "
                "scripts/install-system-deps.sh), or open the file in Word and save it as .docx")


# What a file named .doc may really be, as Word saves them: a Word 97–2003 compound file, RTF,
# HTML ("Web page" saved as .doc), or a .docx renamed; an .odt is a zip. Anything else LibreOffice
# would import as plain text, turning a damaged file into a "report" of its bytes.
_SIGNATURES = {".doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"{\\rtf", b"PK\x03\x04", b"<"), ".odt": (b"PK\x03\x04",)}


@functools.lru_cache(maxsize=1)
def to_docx(data: bytes, path: Path) -> bytes:
    """The .docx LibreOffice makes of a .doc or .odt file's `data`. The last one is kept: checking
    a draft reads its text and then its layout, and a conversion takes seconds."""
    suffix = path.suffix.lower()
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(_SIGNATURES[suffix]):
        raise ReadError(str(path), f"is not a {suffix} file (its first bytes are not those of one): a damaged or "
                                   f"mislabelled file")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise ReadError(str(path), f"is a {path.suffix.lower()} file, which baocao reads through LibreOffice, and "
                                   f"LibreOffice is not installed: {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="baocao-convert-") as folder:
        work = Path(folder)
        source = work / f"report{path.suffix.lower()}"
        source.write_bytes(data)
        command = [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
                   "--nolockcheck", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(work / "out"),
                   str(source)]
        # Its own process group: a conversion that hangs is killed with every process it started.
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        try:
            _, stderr = process.communicate(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise ReadError(str(path), f"LibreOffice took longer than {TIMEOUT_SECONDS} s to convert it to .docx; "
                                       f"open it in Word and save it as .docx") from None
        converted = work / "out" / "report.docx"
        if not converted.exists():
            said = stderr.decode("utf-8", "replace").strip().splitlines()
            raise ReadError(str(path), f"LibreOffice could not convert it to .docx (a damaged or mislabelled "
                                       f"file?){': ' + said[-1] if said else ''}")
        return converted.read_bytes()
