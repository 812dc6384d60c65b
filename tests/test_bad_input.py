"""Bad input: one line naming the file and the problem, exit code 2, never a traceback."""
import zipfile

import pytest
from click.testing import CliRunner

import docxkit
from conftest import SEED_DOCX
from pipeline.cli import cli


def _zip(path, parts):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def _seed_parts():
    with zipfile.ZipFile(SEED_DOCX) as z:
        return {name: z.read(name) for name in z.namelist()}


def make_not_a_zip(path):
    path.write_bytes(b"Day la mot tep van ban thuong, khong phai docx.\n")


def make_truncated(path):
    path.write_bytes(SEED_DOCX.read_bytes()[:3000])


def make_unknown_zip_version(path):
    # One flipped byte in the central directory: "version needed to extract" 6.4, which Python's
    # zipfile refuses with NotImplementedError when it opens the archive (found by test_fuzz.py).
    data = bytearray(SEED_DOCX.read_bytes())
    entry = data.index(b"PK\x01\x02")
    data[entry + 6] = 64
    path.write_bytes(bytes(data))


def make_no_document_part(path):
    parts = _seed_parts()
    del parts["word/document.xml"]
    _zip(path, parts)


def make_ole(path):
    # The OLE2 signature: how Word stores password-protected .docx and legacy .doc files.
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096)


def make_pdf(path):
    path.write_bytes(b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")


def make_odt(path):
    _zip(path, {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office:document-content/>"})


def make_empty_document(path):
    docxkit.new_document().save(path)


def make_entities(path):
    parts = _seed_parts()
    xml = parts["word/document.xml"].decode("utf-8")
    head, rest = xml.split("?>", 1)
    parts["word/document.xml"] = (head + '?><!DOCTYPE w:document [<!ENTITY boom "boom">]>' + rest).encode()
    _zip(path, parts)


def make_zip_bomb(path):
    parts = _seed_parts()
    parts["word/document.xml"] = b" " * (260 * 1024 * 1024)
    _zip(path, parts)


def _sparse(size):
    """A file of `size` bytes that takes no room on disk: the reader must refuse it by its size."""
    def make(path):
        with open(path, "wb") as handle:
            handle.truncate(size)
    return make


make_too_big_docx = _sparse(101 * 2**20)
make_too_big_txt = _sparse(21 * 2**20)


def make_invalid_utf8(path):
    path.write_bytes("Báo cáo tháng 5".encode("utf-8") + b"\xff\xfe\xfa broken")


def make_tcvn3(path):
    # "Báo cáo kết quả hoạt động của Đảng ủy" as TCVN3 bytes shown through Latin-1.
    path.write_text("B¸o c¸o kÕt qu¶ ho¹t ®éng cña §¶ng ñy x· trong th¸ng 5 n¨m 2026\n"
                    "I. VÒ tæ chøc héi nghÞ, buæi lµm viÖc\n", encoding="utf-8")


def make_empty_txt(path):
    path.write_bytes(b"\xef\xbb\xbf  \n\n")


CASES = [
    ("not-a-zip.docx", make_not_a_zip, "not a zip archive"),
    ("truncated.docx", make_truncated, "truncated or corrupt zip"),
    ("unknown-zip-version.docx", make_unknown_zip_version, "truncated or corrupt zip"),
    ("no-document.docx", make_no_document_part, "without word/document.xml"),
    ("encrypted.docx", make_ole, "password-protected Word file or a legacy .doc"),
    ("renamed-pdf.docx", make_pdf, "PDF renamed .docx"),
    ("renamed-odt.docx", make_odt, "OpenDocument (.odt)"),
    ("empty.docx", make_empty_document, "holds no text"),
    ("entities.docx", make_entities, "declares XML entities"),
    ("bomb.docx", make_zip_bomb, "beyond the 256 MB limit"),
    ("too-big.docx", make_too_big_docx, "is 101 MB, beyond the 100 MB limit for a .docx report"),
    ("too-big.txt", make_too_big_txt, "is 21 MB, beyond the 20 MB limit for a .txt report"),
    ("broken.txt", make_invalid_utf8, "is not UTF-8 text"),
    ("blank.txt", make_empty_txt, "holds no text"),
    ("report.pdf", make_pdf, "a PDF"),
    # A compound file's header and nothing Word wrote after it: LibreOffice cannot load it (or,
    # where it is not installed, the line says how to install it).
    ("report.doc", make_ole, "LibreOffice"),
]


@pytest.mark.parametrize("name, make, problem", CASES, ids=[c[0] for c in CASES])
def test_bad_input_gets_one_clear_line_and_exit_2(tmp_path, name, make, problem):
    path = tmp_path / name
    make(path)
    result = CliRunner().invoke(cli, ["parse", str(path)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith(f"baocao: error: {path}: ")
    assert problem in lines[0]
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)


def test_missing_file(tmp_path):
    result = CliRunner().invoke(cli, ["parse", str(tmp_path / "khong-co.docx")])
    assert result.exit_code == 2
    assert "no such file" in result.output
