"""Checking drafts: on real .docx files built like the corpus, with Word comments read back by
python-docx and by LibreOffice."""
import hashlib
import json
import shutil

import pytest
import yaml
from click.testing import CliRunner
from lxml import etree

import build_corpus
from archive_helpers import saved_by_libreoffice
from conftest import SEED_DOCX, SEED_TXT
from pipeline.api import parse_text
from pipeline.check import check, pick_profiles
from pipeline.cli import cli

NQ72_CLAUSE = ("thực hiện Nghị quyết số 72-NQ/TW ngày 09/9/2025 của Bộ Chính trị về một số giải pháp đột phá "
               "tăng cường bảo vệ, chăm sóc và nâng cao sức khỏe Nhân dân")


def draft(tmp_path, name, *edits):
    """The seed as a real .docx, with (old, new) edits to its body, numbered and dated (the seed
    leaves both blank, which the format rules note): these drafts are about their content."""
    spec = build_corpus.seed_spec()
    spec.number_line, spec.place_date = "Số 12-BC/ĐU", "Lùng Phình, ngày 28 tháng 5 năm 2026"
    for old, new in edits:
        assert any(old in line for line in spec.body), old
        spec.body = [line.replace(old, new) for line in spec.body]
    path = tmp_path / name
    build_corpus.write_typed(spec, path)
    return path


def run_check(*args):
    return CliRunner().invoke(cli, ["check", *map(str, args)])


@pytest.mark.parametrize("path", [SEED_DOCX, SEED_TXT], ids=["docx", "txt"])
def test_the_seed_passes_its_profile(path):
    result = run_check(path)
    assert result.exit_code == 0, result.output
    # The seed is a draft: its number and day are blank, which the format rules note as suggestions.
    assert "profiles common, commune-party-monthly, dang-hd36: 0 errors, 0 warnings, 2 suggestions" in result.output


NQ72 = ("Nghị quyết số 72-NQ/TW ngày 09/9/2025 của Bộ Chính trị về một số giải pháp đột phá tăng cường bảo vệ, "
        "chăm sóc và nâng cao sức khỏe Nhân dân")
KL01 = ("Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị về tiếp tục thực hiện Chỉ thị số 05-CT/TW của Bộ Chính "
        "trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh")

# (what the draft changes, the rule that must fire, words its message must hold, the link the
# author is given: the document concerned, or none, and the exit code: the profile makes
# must-cite-kl01-in-ii51 a warning and every other rule here an error)
DRAFTS = [
    ("no-nq72.docx", [(NQ72_CLAUSE, "bảo vệ sức khỏe Nhân dân")], "must-cite-nq72",
     ["72-NQ/TW", "09/9/2025", "Bộ Chính trị"], NQ72, 1),
    ("wrong-date.docx", [("72-NQ/TW ngày 09/9/2025", "72-NQ/TW ngày 09/10/2025")], "cite-correctly",
     ["ngày 09/10/2025", "09/9/2025"], NQ72, 1),
    ("wrong-total.docx", [("47 nhiệm vụ", "45 nhiệm vụ")], "figures-add-up", ["90 nhiệm vụ", "88", "43 + 45"], None, 1),
    ("wrong-issuer.docx", [("09/9/2025 của Bộ Chính trị", "09/9/2025 của Ban Bí thư")], "cite-correctly",
     ["Ban Bí thư", "Bộ Chính trị"], NQ72, 1),
    ("party-symbol-state-way.docx", [("Nghị quyết số 72-NQ/TW", "Nghị quyết số 72/NQ-TW")], "cite-correctly",
     ["72/NQ-TW", "72-NQ/TW"], NQ72, 1),
    ("rate-over-100.docx", [("(25,46%)", "(125,46%)")], "rate-over-100", ["tỷ lệ hộ nghèo", "100%"], None, 1),
    ("no-kl01.docx", [("theo Kết luận số 01-KL/TW", "theo hướng dẫn")], "must-cite-kl01-in-ii51",
     ["II.5.1", "01-KL/TW"], KL01, 0),
]


@pytest.mark.parametrize("name, edits, rule, words, link, code", DRAFTS, ids=[d[0] for d in DRAFTS])
def test_a_draft_that_breaks_a_rule_gets_a_finding(tmp_path, name, edits, rule, words, link, code):
    path = draft(tmp_path, name, *edits)
    result = CliRunner().invoke(cli, ["check", str(path), "--format", "json"])
    findings = json.loads(result.output)[0]["findings"]
    assert [f["rule"] for f in findings] == [rule], findings
    for word in words:
        assert word in findings[0]["message"]
    assert findings[0]["link"] == link
    assert result.exit_code == code


# Each shipped profile's rules and their levels, as the profiles' authors set them: a required
# directive or a wrong citation stops a draft (error), Kết luận 01 in II.5.1 is a reminder (warning).
RULE_LEVELS = {("common", "cite-correctly"): "error", ("common", "figures-add-up"): "error",
               ("common", "rate-over-100"): "error", ("common", "table-totals"): "error",
               ("common", "table-percent"): "error", ("common", "task-sheet-matches-text"): "warning",
               ("commune-party-monthly", "must-cite-nq72"): "error",
               ("commune-party-monthly", "must-cite-kl01-in-ii51"): "warning",
               ("commune-party-monthly", "required-parts"): "error"}


def test_each_rule_has_the_level_its_profile_sets():
    from pipeline.check import profiles

    shipped = profiles()
    assert {(name, rule["id"]): rule["level"] for name in ("common", "commune-party-monthly")
            for rule in shipped[name].rules} == RULE_LEVELS


# Kết luận 01 moved out of II.5.1, where the profile requires it, to another part: the rule's scope
# is II.5.1 and the parts below it, so each draft still gets the finding (issue 11: a scope-blind
# must-cite let a citation in I.1 satisfy it).
KL01_OUT_OF_SCOPE = [
    ("I.1", ("Thường trực Đảng ủy tập trung lãnh đạo, chỉ đạo hoàn thiện",
             "Thường trực Đảng ủy tập trung lãnh đạo thực hiện Kết luận số 01-KL/TW, chỉ đạo hoàn thiện")),
    ("II.5.2", ("chỉ đạo thực hiện tốt công tác tổ chức xây dựng Đảng",
                "chỉ đạo thực hiện Kết luận số 01-KL/TW và công tác tổ chức xây dựng Đảng")),
    ("II.5", ("5. Lãnh đạo công tác xây dựng Đảng",
              "5. Lãnh đạo công tác xây dựng Đảng theo Kết luận số 01-KL/TW")),
]


@pytest.mark.parametrize("section, edit", KL01_OUT_OF_SCOPE, ids=[c[0] for c in KL01_OUT_OF_SCOPE])
def test_a_citation_outside_the_rules_scope_does_not_satisfy_it(tmp_path, section, edit):
    from pipeline import parse_file

    path = draft(tmp_path, "kl01-elsewhere.docx", ("theo Kết luận số 01-KL/TW", "theo hướng dẫn"), edit)
    assert [c.section for c in parse_file(path).citations if c.key == "1-kl/tw"] == [section]
    result = run_check(path, "--format", "json", "--fail-level", "warning")
    found = [(f["rule"], f["section"], f["level"]) for f in json.loads(result.output)[0]["findings"]]
    assert found == [("must-cite-kl01-in-ii51", "II.5.1", "warning")]
    assert result.exit_code == 1


def test_a_link_into_baocaos_own_files_is_refused(tmp_path, monkeypatch):
    """Issue 10, item 15: a finding linked to README.md#…, which a draft's author does not have."""
    from pipeline import rules
    target = tmp_path / "rules"
    shutil.copytree(rules.RULES_DIR, target)
    profile = target / "profiles" / "common.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace(
        "  - id: figures-add-up\n", "  - id: figures-add-up\n    link: README.md#checking-a-draft\n"), encoding="utf-8")
    monkeypatch.setattr(rules, "RULES_DIR", target)
    result = CliRunner().invoke(cli, ["rules", "validate"])
    assert result.exit_code == 2
    assert ("rule 'figures-add-up': link 'README.md#checking-a-draft' points into baocao's files; name the "
            "document or clause the author can open") in result.output


def test_finding_points_at_line_col_and_section(tmp_path):
    path = draft(tmp_path, "wrong-date.docx", ("72-NQ/TW ngày 09/9/2025", "72-NQ/TW ngày 09/10/2025"))
    result = run_check(path, "--format", "line")
    (line,) = result.output.strip().splitlines()
    file, line_no, col, rule, message = line.split(":", 4)
    text = CliRunner().invoke(cli, ["parse", str(path), "--text"]).output.splitlines()
    assert text[int(line_no) - 1][int(col) - 1:].startswith("Nghị quyết số 72-NQ/TW ngày 09/10/2025")
    assert (file, rule) == (str(path), "cite-correctly")
    assert "[I.1]" in run_check(path).output


def test_fail_level_and_exit_codes(tmp_path):
    warning_only = draft(tmp_path, "no-kl01.docx", ("theo Kết luận số 01-KL/TW", "theo hướng dẫn"))
    assert run_check(warning_only).exit_code == 0
    assert run_check(warning_only, "--fail-level", "warning").exit_code == 1
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 truncated")
    result = run_check(broken)
    assert result.exit_code == 2 and "broken.docx: is damaged" in result.output


@pytest.mark.parametrize("text, rule, words", [
    ("BÁO CÁO\nI. A\n1. Thực hiện Chỉ thị số 72-NQ/TW ngày 09/9/2025.", "cite-correctly", ["Chỉ thị", "Nghị quyết"]),
    ("BÁO CÁO\nI. A\n1. Theo Hướng dẫn số 36-HD/VPTW.", "cite-correctly", ["05-HD/VPTW"]),
    ("BÁO CÁO\nI. A\n1. Giải quyết 45/48 hồ sơ đúng hạn (đạt 95,5%).", "figures-add-up", ["93,75", "95,5%"]),
    # Sums in the millions read as the report writes them, not "2.80506e+06".
    ("BÁO CÁO\nI. A\n1. Tổng số 2.805.065 hồ sơ, gồm 1.000.000 hồ sơ trực tuyến và 1.805.064 hồ sơ trực tiếp.",
     "figures-add-up", ["Tổng số 2.805.065 hồ sơ", "cộng lại 2.805.064 (1.000.000 + 1.805.064)"]),
    ("BÁO CÁO\nI. A\n1. Giải quyết 1.234/1.500 hồ sơ đúng hạn (đạt 80%).", "figures-add-up", ["là 82,27%", "ghi 80%"]),
    ("BÁO CÁO\nI. A\n1. Nghị quyết 72 được quán triệt.", None, []),
    # A rate against a plan or the year before may pass 100 %; a share of a whole may not.
    ("BÁO CÁO\nI. A\n1. Tỷ lệ giải ngân vốn đầu tư công đạt 105% kế hoạch.", None, []),
    ("BÁO CÁO\nI. A\n1. Tỷ lệ thu ngân sách đạt 112% so với dự toán.", None, []),
    ("BÁO CÁO\nI. A\n1. Tỷ lệ thu ngân sách so với cùng kỳ đạt 118%.", None, []),
    # A catalog indicator bounded at 100 % is a rate whatever its subject's first words.
    ("BÁO CÁO\nI. A\n1. Hồ sơ thủ tục hành chính giải quyết đúng hạn đạt 105%.", "rate-over-100",
     ["Hồ sơ thủ tục hành chính giải quyết đúng hạn là tỷ lệ", "(105%)"]),
    # "khoảng 90%" is still what the report says the ratio is.
    ("BÁO CÁO\nI. A\n1. Giải quyết 45/48 hồ sơ đúng hạn (đạt khoảng 90%).", "figures-add-up",
     ["là 93,75%", "ghi khoảng 90%"]),
    # Lâm Đồng's 2025 appraisal of administrative-reform scores (a real PDF): the percentages right
    # after the ratios are the score bands the units reached, not the ratios' rates.
    ("BÁO CÁO\nI. A\n- Có 11/15 đơn vị có kết quả đạt từ 80% trở lên, chiếm tỷ lệ 73,33%;", None, []),
    ("BÁO CÁO\nI. A\n- Có 5/15 đơn vị có kết quả đạt dưới 50%, chiếm tỷ lệ 33,33%.", None, []),
    ("BÁO CÁO\nI. A\n- Có 2/14 cơ quan, đơn vị đạt yêu cầu về tỷ lệ khảo sát tối thiểu (10%) và số lượng phiếu.",
     None, []),
])
def test_rule_kinds_on_short_texts(text, rule, words):
    report = parse_text(text)
    found = [f for f in check(report, pick_profiles(report, "commune-party-monthly"))
             if f.rule in ("cite-correctly", "figures-add-up", "rate-over-100")]
    assert [f.rule for f in found] == ([rule] if rule else [])
    for word in words:
        assert word in found[0].message


def test_required_parts_name_what_is_missing():
    report = parse_text("BÁO CÁO\nkết quả tháng\nI. MỘT\nII. HAI")
    messages = [f.message for f in check(report, pick_profiles(report, "commune-party-monthly"))
                if f.rule == "required-parts"]
    assert any("ĐẢNG CỘNG SẢN VIỆT NAM" in m for m in messages)
    assert any("Nơi nhận" in m for m in messages)
    assert any("phần III" in m for m in messages)


def test_a_folder_is_checked_draft_by_draft_with_a_summary(tmp_path):
    folder = tmp_path / "drafts"
    folder.mkdir()
    shutil.copy(SEED_DOCX, folder / "a.docx")
    draft(folder, "b.docx", ("47 nhiệm vụ", "45 nhiệm vụ"))
    (folder / "c.docx").write_bytes(b"not a docx")
    result = run_check(folder)
    assert "checked 3 drafts: 1 pass, 1 fail, 1 could not be read" in result.output
    assert result.exit_code == 2


STATE_REPORT = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 12/BC-UBND\nBÁO CÁO\nkết quả\n"
                "I. MỘT\n1. Thực hiện Nghị quyết số 72-NQ/TW ngày 09/10/2025 của Bộ Chính trị.\n")


def test_every_draft_gets_a_check_even_of_an_office_no_profile_names(tmp_path):
    """Issue 12, item 2: a State report of another office was "no check profile applies", exit 2.
    The common rules apply to it: its NQ 72 is dated 09/10/2025, the registry says 09/9/2025."""
    state = tmp_path / "state.txt"
    state.write_text(STATE_REPORT, encoding="utf-8")
    result = run_check(state, "--format", "json")
    (checked,) = json.loads(result.stdout)
    assert "common" in checked["profiles"] and "commune-party-monthly" not in checked["profiles"]
    assert [f["rule"] for f in checked["findings"]] == ["cite-correctly"]
    assert result.exit_code == 1


OFFICE_PROFILE = """name: van-phong-ubnd
description: Quy tắc riêng của văn phòng
applies_to: {header: state}
rules:
  - id: must-cite-nq57
    kind: must_cite
    level: warning
    document: 57-nq/tw
    message: "Báo cáo chưa nêu {type} số {symbol} của {issuer}."
    examples:
      fires: ["BÁO CÁO\\nI. NỘI DUNG\\n1. Chuyển đổi số."]
      passes: ["BÁO CÁO\\nI. NỘI DUNG\\n1. Thực hiện Nghị quyết số 57-NQ/TW."]
  - id: cite-correctly
    kind: cite_correctly
    level: suggestion
    messages:
      date: "{cited} ghi ngày {written}; văn bản ban hành ngày {expected}."
    examples:
      fires: ["BÁO CÁO\\nI. NỘI DUNG\\n1. Thực hiện Nghị quyết số 72-NQ/TW ngày 09/10/2025."]
"""


@pytest.mark.parametrize("where", ["file", "beside the archive"])
def test_an_offices_own_profile_adds_rules_and_replaces_a_shipped_one_by_id(tmp_path, where):
    """Issue 12, item 3: --profile FILE, or baocao-profiles/ beside the archive. The office's
    must-cite-nq57 fires (the draft cites no 57-NQ/TW) and its cite-correctly, a suggestion,
    replaces the shipped error: the draft passes at the default fail level."""
    state = tmp_path / "state.txt"
    state.write_text(STATE_REPORT, encoding="utf-8")
    folder = tmp_path / "baocao-profiles"
    folder.mkdir()
    (folder / "office.yaml").write_text(OFFICE_PROFILE, encoding="utf-8")
    args = ["--profile", str(folder / "office.yaml")] if where == "file" else ["--db", str(tmp_path / "a.sqlite")]
    result = run_check(state, "--format", "json", *args)
    (checked,) = json.loads(result.stdout)
    assert checked["profiles"][-1] == "van-phong-ubnd"
    assert sorted((f["rule"], f["level"]) for f in checked["findings"]) == [
        ("cite-correctly", "suggestion"), ("must-cite-nq57", "warning")]
    assert result.exit_code == 0


def test_rules_validate_checks_an_offices_file_as_strictly_as_the_shipped_ones(tmp_path):
    broken = tmp_path / "office.yaml"
    broken.write_text(OFFICE_PROFILE.replace("1. Chuyển đổi số.", "1. Theo Nghị quyết số 57-NQ/TW."), encoding="utf-8")
    assert CliRunner().invoke(cli, ["rules", "validate", str(tmp_path / "missing.yaml")]).exit_code == 2
    result = CliRunner().invoke(cli, ["rules", "validate", str(broken)])
    assert result.exit_code == 2
    assert f"{broken}: rule 'must-cite-nq57': never fires on its example" in result.stderr
    (tmp_path / "good.yaml").write_text(OFFICE_PROFILE, encoding="utf-8")
    good = CliRunner().invoke(cli, ["rules", "validate", str(tmp_path / "good.yaml")])
    assert (good.exit_code, good.stdout) == (0, "rules: ok (1 profile files)\n")


def test_rules_validate(tmp_path, monkeypatch):
    assert CliRunner().invoke(cli, ["rules", "validate"]).output.strip() == "rules: ok"
    from pipeline import rules
    target = tmp_path / "rules"
    shutil.copytree(rules.RULES_DIR, target)
    profile = target / "profiles" / "commune-party-monthly.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace(
        "fires: [\"BÁO CÁO\\nkết quả tháng\\nI. MỘT\\nII. HAI\"]",
        "fires: [\"ĐẢNG CỘNG SẢN VIỆT NAM\\nSố 12-BC/ĐU\\nLùng Phình, ngày 28 tháng 5 năm 2026\\nBÁO CÁO\\nkết quả\\n"
        "-----\\nI. MỘT\\nII. HAI\\nIII. BA\\nNơi nhận:\\n- Lưu VP.\"]"), encoding="utf-8")
    monkeypatch.setattr(rules, "RULES_DIR", target)
    result = CliRunner().invoke(cli, ["rules", "validate"])
    assert result.exit_code == 2
    assert "rule 'required-parts': never fires on its example" in result.output
    assert run_check(SEED_DOCX).exit_code == 2


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def annotated(tmp_path):
    path = draft(tmp_path, "draft.docx", ("72-NQ/TW ngày 09/9/2025", "72-NQ/TW ngày 09/10/2025"),
                 ("47 nhiệm vụ", "45 nhiệm vụ"))
    before = _sha(path)
    out = tmp_path / "draft-annotated.docx"
    result = run_check(path, "--annotate", out)
    assert result.exit_code == 1 and f"baocao: wrote {out} with 2 comments\n" in result.stderr
    assert _sha(path) == before, "the draft itself is never modified"
    return out


EXPECTED_ANCHORS = [
    ("cite-correctly", "Nghị quyết số 72-NQ/TW ngày 09/10/2025 của Bộ Chính trị về một số giải pháp đột phá tăng "
                       "cường bảo vệ, chăm sóc và nâng cao sức khỏe Nhân dân"),
    ("figures-add-up", "90 nhiệm vụ được giao chỉ đạo thực hiện. Tính đến ngày 28/5/2026, có 43 nhiệm vụ hoàn "
                       "thành, 45 nhiệm vụ"),
]


def test_annotated_copy_has_comments_on_the_right_text_in_python_docx(annotated):
    import docx
    from docx.oxml.ns import qn
    document = docx.Document(str(annotated))
    comments = {c.comment_id: c.text for c in document.comments}
    anchored, open_ranges = {}, {}
    for el in document.element.body.iter():
        if el.tag == qn("w:commentRangeStart"):
            open_ranges[int(el.get(qn("w:id")))] = []
        elif el.tag == qn("w:commentRangeEnd"):
            key = int(el.get(qn("w:id")))
            anchored[key] = "".join(open_ranges.pop(key))
        elif el.tag == qn("w:t"):
            for parts in open_ranges.values():
                parts.append(el.text or "")
    got = sorted((comments[k].split(":")[0].split("] ")[1], text) for k, text in anchored.items())
    assert got == sorted(EXPECTED_ANCHORS)


def test_libreoffice_opens_the_annotated_copy_with_comments_on_the_right_text(annotated, tmp_path):
    ns = {"office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
          "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}
    tree = etree.parse(str(saved_by_libreoffice(annotated, "fodt", tmp_path / "lo")))
    annotation, annotation_end = f"{{{ns['office']}}}annotation", f"{{{ns['office']}}}annotation-end"
    space = f"{{{ns['text']}}}s"
    comments, anchored, active = {}, {}, {}

    def walk(el):
        if el.tag == annotation:
            name = el.get(f"{{{ns['office']}}}name")
            comments[name] = "".join("".join(p.itertext()) for p in el.findall("text:p", ns))
            active[name] = []
        elif el.tag == annotation_end:
            name = el.get(f"{{{ns['office']}}}name")
            anchored[name] = "".join(active.pop(name))
        else:
            if el.tag == space:
                for parts in active.values():
                    parts.append(" " * int(el.get(f"{{{ns['text']}}}c", "1")))
            elif el.text:
                for parts in active.values():
                    parts.append(el.text)
            for child in el:
                walk(child)
        if el.tail:
            for parts in active.values():
                parts.append(el.tail)

    walk(tree.getroot().find("office:body", ns))
    got = sorted((comments[name].split(":")[0].split("] ")[1], text) for name, text in anchored.items())
    assert got == sorted(EXPECTED_ANCHORS)
    pdf = saved_by_libreoffice(annotated, "pdf", tmp_path / "lo")
    assert pdf.read_bytes()[:5] == b"%PDF-"


def _rezip(source, target, document_xml=None, without=None):
    import zipfile
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename != without:
                data = old.read(info.filename)
                new.writestr(info.filename, document_xml(data) if document_xml and info.filename == "word/document.xml"
                             else data)


# Drafts baocao reads (as Word does) but python-docx, which writes the comments, refuses.
PYTHON_DOCX_REFUSES = [
    ("no content types", {"without": "[Content_Types].xml"},
     "There is no item named '[Content_Types].xml' in the archive"),
    ("a text node over 10 MB", {"document_xml": lambda xml: xml.replace(
        b"</w:body>", b"<w:p><w:r><w:t>" + b"a" * 11_000_000 + b"</w:t></w:r></w:p></w:body>")},
     "Resource limit exceeded: Text node too long, try XML_PARSE_HUGE"),
    ("nesting over 256", {"document_xml": lambda xml: xml.replace(
        b"</w:body>", b'<w:customXml w:element="x">' * 300 + b"<w:p><w:r><w:t>deep</w:t></w:r></w:p>"
        + b"</w:customXml>" * 300 + b"</w:body>")},
     "Excessive depth in document: 256, use XML_PARSE_HUGE option"),
]


@pytest.mark.parametrize("name, damage, reason", PYTHON_DOCX_REFUSES, ids=[c[0] for c in PYTHON_DOCX_REFUSES])
def test_a_draft_python_docx_refuses_still_gets_its_findings_and_one_line_about_the_comments(tmp_path, name, damage,
                                                                                             reason):
    """Issue 10, item 9: the findings are printed, the comments' failure is one line, exit 2."""
    wrong_date = draft(tmp_path, "wrong-date.docx", ("72-NQ/TW ngày 09/9/2025", "72-NQ/TW ngày 09/10/2025"))
    path = tmp_path / "draft.docx"
    _rezip(wrong_date, path, **damage)
    out = tmp_path / "annotated.docx"
    result = CliRunner().invoke(cli, ["check", str(path), "--annotate", str(out)])
    assert result.exit_code == 2
    assert "cite-correctly" in result.stdout and "09/10/2025" in result.stdout
    assert result.stderr.splitlines()[-1].startswith(
        f"baocao: error: {path}: Word comments cannot be added to this file: python-docx, which writes them, "
        f"cannot open it ({reason}")
    assert not out.exists()


def test_the_sample_failing_draft_shows_a_new_user_what_check_finds():
    """Issue 10, item 15. Its mistakes, as scripts/build_corpus.py put them in: NQ 72's date
    09/10/2025 (it is 09/9/2025), 45 tasks in progress (43 + 47 make the 90, and the attached
    task sheet lists 47: a warning), KL 01 dropped from II.5.1 (a warning in this profile), and
    the indicator sheet's afforestation "% so với kế hoạch" typed 81,8 (10,5 of 56 ha is 18,8%)."""
    import docx

    path = build_corpus.ROOT / "corpus" / "drafts" / build_corpus.FAILING_DRAFT
    assert "made-up" in docx.Document(str(path)).core_properties.keywords
    result = run_check(path, "--format", "json")
    found = [(f["rule"], f["section"], f["level"]) for f in json.loads(result.output)[0]["findings"]]
    # And, as in any draft, its number and day are blank: two suggestions of the format rules.
    assert found == [("so-ngay-blank", "", "suggestion"), ("so-ngay-blank", "", "suggestion"),
                     ("cite-correctly", "I.1", "error"), ("must-cite-kl01-in-ii51", "II.5.1", "warning"),
                     ("figures-add-up", "III.2", "error"), ("task-sheet-matches-text", "III.2", "warning"),
                     ("table-percent", "PL", "error")]
    assert result.exit_code == 1


def test_a_profile_drafted_from_the_archive_holds_the_documents_the_office_must_cite(tmp_path):
    """Issue 12, item 3: from the corpus's Lùng Phình months, `profile suggest` must propose at
    least the documents the shipped commune profile requires (read from its file), and the draft
    is a profile `rules validate` accepts and `check` uses: the failing draft dropped KL 01."""

    db = tmp_path / "a.sqlite"
    assert CliRunner().invoke(cli, ["ingest", str(build_corpus.ROOT / "corpus" / "reports"), "--db", str(db)]).exit_code == 0
    out = tmp_path / "baocao-profiles" / "lung-phinh.yaml"
    out.parent.mkdir()
    result = CliRunner().invoke(cli, ["profile", "suggest", "--issuer", "đảng ủy xã lùng phình", "--db", str(db),
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    shipped = yaml.safe_load((build_corpus.ROOT / "rules" / "profiles" / "commune-party-monthly.yaml").read_text())
    required = {rule["document"] for rule in shipped["rules"] if rule["kind"] == "must_cite"}
    suggested = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert required <= {rule["document"] for rule in suggested["rules"]}
    assert "6 trong 6 báo cáo gần nhất" in suggested["rules"][0]["message"]
    assert CliRunner().invoke(cli, ["rules", "validate", str(out)]).exit_code == 0
    failing = build_corpus.ROOT / "corpus" / "drafts" / build_corpus.FAILING_DRAFT
    checked = json.loads(run_check(failing, "--db", str(db), "--format", "json").stdout)[0]
    assert "must-cite-1-kl-tw" in {f["rule"] for f in checked["findings"]}


def test_a_document_the_registry_lacks_is_checked_against_what_the_archive_writes(tmp_path):
    """Issue 12, item 4. Nghị quyết 12/NQ-HĐND is not in rules/registry.yaml; two archived months
    date it 10/12/2025 and name HĐND tỉnh, a third dates it 11/12/2025: the draft that writes
    11/12/2025 gets a warning with the count, and `registry --conflicts` lists the document."""
    cite = "Thực hiện Nghị quyết số 12/NQ-HĐND ngày {date} của HĐND tỉnh; "
    seed = SEED_TXT.read_text(encoding="utf-8")
    anchor = "Trong tháng, Thường trực Đảng ủy đã cho ý kiến"
    assert anchor in seed
    folder = tmp_path / "archive"
    folder.mkdir()
    for month, date in (("03", "10/12/2025"), ("04", "10/12/2025"), ("06", "11/12/2025")):
        text = seed.replace("tháng 5 năm 2026", f"tháng {int(month)} năm 2026").replace(
            anchor, cite.format(date=date) + anchor)
        (folder / f"2026-{month}.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "a.sqlite"
    assert CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db)]).exit_code == 0
    draft_path = tmp_path / "draft.txt"
    draft_path.write_text(seed.replace(anchor, cite.format(date="11/12/2025") + anchor), encoding="utf-8")
    checked = json.loads(run_check(draft_path, "--db", str(db), "--format", "json").stdout)[0]
    learned = [f for f in checked["findings"] if "12/NQ-HĐND" in f["message"]]
    assert [(f["rule"], f["level"], f["message"]) for f in learned] == [
        ("cite-correctly", "warning", "Nghị quyết số 12/NQ-HĐND ghi ngày 11/12/2025, nhưng 2 báo cáo đã lưu ghi ngày 10/12/2025.")]
    without_archive = json.loads(run_check(draft_path, "--db", str(tmp_path / "none.sqlite"), "--format", "json").stdout)
    assert not [f for f in without_archive[0]["findings"] if "12/NQ-HĐND" in f["message"]]
    rows = json.loads(CliRunner().invoke(cli, ["registry", "--db", str(db), "--conflicts", "--json"]).stdout)
    assert [(r["symbol"], r["source"], r["date"], r["reports"], r["dates_written"]) for r in rows] == [
        ("12/NQ-HĐND", "learned", "2025-12-10", 3, "10/12/2025 ×2; 11/12/2025 ×1")]


def letter_size_seed(path):
    """The seed on US Letter paper (8.5 x 11 in, 215.9 x 279.4 mm) where its Party header calls for A4."""
    import docx
    from docx.shared import Inches

    document = docx.Document(str(SEED_DOCX))
    for section in document.sections:
        section.page_width, section.page_height = Inches(8.5), Inches(11)
    document.save(str(path))
    return path


LETTER = 'Khổ giấy 215.9 x 279.4 mm; quy định: "Văn bản của Đảng trình bày trên khổ giấy A4 (210 mm x 297 mm)".'


@pytest.mark.parametrize("fmt, expected", [("docx", [LETTER]), ("odt", [LETTER]), ("doc", [LETTER]), ("txt", [])])
def test_a_word_or_writer_draft_is_checked_on_the_page_its_file_sets(tmp_path, fmt, expected):
    """Format rules read the draft's layout as Word or Writer shows it, whatever the file's format;
    a text has no page to check."""
    from pipeline.check import check_path

    path = letter_size_seed(tmp_path / "draft.docx")
    if fmt != "docx":
        path = saved_by_libreoffice(path, fmt, tmp_path / "saved")
    _, _, findings = check_path(path)
    assert [f.message for f in findings if f.rule == "page-paper"] == expected


def test_a_password_protected_draft_is_read_and_laid_out_with_its_password(tmp_path):
    from archive_helpers import PASSWORD, encrypted
    from pipeline.check import check_path

    locked = encrypted(letter_size_seed(tmp_path / "plain.docx").read_bytes(), tmp_path / "locked.docx")
    report, _, findings = check_path(locked, password=PASSWORD)
    assert report.document.read_as == ["decrypted", "docx"]
    assert [f.message for f in findings if f.rule == "page-paper"] == [LETTER]


def office_profile(tmp_path, *office_rules):
    """An office's profile of `office_rules`, for every draft, as `check` loads it from its file."""
    from pipeline.check import load_profile

    path = tmp_path / "van-phong.yaml"
    path.write_text(yaml.safe_dump({"name": "van-phong", "applies_to": "any", "rules": list(office_rules)},
                                   allow_unicode=True), encoding="utf-8")
    return load_profile(path)


def shipped_findings(sentence, rule_id):
    """What the shipped profiles find of rule `rule_id` in a one-sentence report: (message, text marked)."""
    report = parse_text(f"BÁO CÁO\nI. A\n1. {sentence}")
    return [(f.message, f.text) for f in check(report, pick_profiles(report)) if f.rule == rule_id]


# (a citation of Nghị quyết 72-NQ/TW, of 09/9/2025 by the Bộ Chính trị, the cite-correctly line: what
# it writes against the registry, marking the citation and linking the document)
CITES_OF_NQ72 = [
    ("Nghị quyết số 72-NQ/TW ngày 09/10/2025 của Bộ Chính trị",
     "Nghị quyết số 72-NQ/TW ghi ngày 09/10/2025, nhưng văn bản này ban hành ngày 09/9/2025."),
    ("Nghị quyết số 72-NQ/TW ngày 09/9/2025 của Ban Bí thư",
     "Nghị quyết số 72-NQ/TW ghi cơ quan ban hành là Ban Bí thư, nhưng văn bản này do Bộ Chính trị ban hành."),
    ("Chỉ thị số 72-NQ/TW ngày 09/9/2025",
     "Chỉ thị số 72-NQ/TW ghi là Chỉ thị, nhưng số ký hiệu 72-NQ/TW là của một Nghị quyết."),
    ("Nghị quyết số 72/NQ-TW ngày 09/9/2025 của Bộ Chính trị",
     "Số ký hiệu 72/NQ-TW sai thể thức: văn bản của Đảng viết là 72-NQ/TW (số - loại / cơ quan)."),
]


@pytest.mark.parametrize("citation, message", CITES_OF_NQ72, ids=[c[0][:40] for c in CITES_OF_NQ72])
def test_a_citation_that_differs_from_the_registry_is_marked_and_linked_to_the_document(citation, message):
    report = parse_text(f"BÁO CÁO\nI. A\n1. Thực hiện {citation}.")
    assert [(f.message, f.text, f.link) for f in check(report, pick_profiles(report)) if f.rule == "cite-correctly"] == [
        (message, citation, NQ72)]


# (a citation whose Party symbol is written the State way, "number/type-body", the line the author
# reads: the symbol as the Party writes it, "number-type/body", its type code in capitals)
STATE_WAY = [
    ("Nghị quyết số 72/Nq-TW ngày 09/9/2025 của Bộ Chính trị",
     "Số ký hiệu 72/Nq-TW sai thể thức: văn bản của Đảng viết là 72-NQ/TW (số - loại / cơ quan)."),
    # Not in the registry: the form is still the Party's.
    ("Chỉ thị số 99/CT-TW", "Số ký hiệu 99/CT-TW sai thể thức: văn bản của Đảng viết là 99-CT/TW (số - loại / cơ quan)."),
    # UBND is a State body: its symbol is written the State way.
    ("Quyết định số 15/QĐ-UBND", None),
]


@pytest.mark.parametrize("citation, message", STATE_WAY, ids=[c[0] for c in STATE_WAY])
def test_a_party_symbol_written_the_state_way_is_corrected(citation, message):
    assert shipped_findings(f"Thực hiện {citation}.", "cite-correctly") == ([(message, citation)] if message else [])


def test_a_format_finding_marks_its_paragraph_or_else_the_pages_first_line(tmp_path):
    from pipeline.check import check_path

    report, _, findings = check_path(letter_size_seed(tmp_path / "draft.docx"))
    first_line = report.text.split("\n", 1)[0]
    # The seed's number and day are left blank for the office's clerk.
    assert [(f.rule, f.line, f.text) for f in findings] == [
        ("page-paper", 1, first_line), ("so-ngay-blank", 1, "Số        -BC/ĐU"),
        ("so-ngay-blank", 1, "Lùng Phình, ngày    tháng 5 năm 2026")]
    # Its link is the clause of rules/profiles/dang-hd36.yaml's page-paper rule.
    assert (findings[0].start, findings[0].end, findings[0].col, findings[0].link) == (
        0, len(first_line), 1, "Hướng dẫn 36-HD/VPTW, mục II.4.2")


# Two rules on the same missing document, the suggestion's id sorting first.
NQ57_RULE = {"kind": "must_cite", "document": "57-nq/tw", "message": "Chưa nêu {symbol}.",
             "examples": {"fires": ["BÁO CÁO\nI. A\n1. B."]}}
TWO_LEVELS = [{**NQ57_RULE, "id": "a-nhac-nq57", "level": "suggestion"},
              {**NQ57_RULE, "id": "b-thieu-nq57", "level": "error"}]


def test_findings_on_the_same_text_come_error_first(tmp_path):
    report = parse_text("BÁO CÁO\nI. NỘI DUNG\n1. Chuyển đổi số.")
    assert [(f.rule, f.level, f.text) for f in check(report, [office_profile(tmp_path, *TWO_LEVELS)])] == [
        ("b-thieu-nq57", "error", "I. NỘI DUNG"), ("a-nhac-nq57", "suggestion", "I. NỘI DUNG")]


# Kế hoạch 40-KH/ĐU is the Đảng ủy xã Lùng Phình's (rules/registry.yaml). (the issuer a draft
# writes, the line it gets: none where it names that body, even without its place)
ISSUERS_OF_KH40 = [
    ("Đảng ủy xã Lùng Phình", None),
    ("Đảng ủy", None),
    ("Ban Thường vụ Đảng ủy", "Kế hoạch số 40-KH/ĐU ghi cơ quan ban hành là Ban Thường vụ Đảng ủy, nhưng văn bản này do "
                              "Đảng ủy xã Lùng Phình ban hành."),
    ("UBND xã", "Kế hoạch số 40-KH/ĐU ghi cơ quan ban hành là Ủy ban nhân dân xã, nhưng văn bản này do Đảng ủy xã Lùng "
                "Phình ban hành."),
]


@pytest.mark.parametrize("issuer, message", ISSUERS_OF_KH40, ids=[c[0] for c in ISSUERS_OF_KH40])
def test_an_issuer_named_shorter_is_the_same_body_and_another_is_not(issuer, message):
    report = parse_text(f"BÁO CÁO\nI. A\n1. Thực hiện Kế hoạch số 40-KH/ĐU ngày 05/11/2025 của {issuer}.")
    found = [f.message for f in check(report, pick_profiles(report)) if f.rule == "cite-correctly"]
    assert found == ([message] if message else [])


def test_a_replaced_document_links_to_the_one_that_replaced_it():
    """rules/registry.yaml: Hướng dẫn 36-HD/VPTW was replaced by 05-HD/VPTW of 27/5/2026, whose
    title the registry does not hold."""
    report = parse_text("BÁO CÁO\nI. A\n1. Trình bày văn bản theo Hướng dẫn số 36-HD/VPTW.")
    found = [(f.message, f.text, f.link) for f in check(report, pick_profiles(report)) if f.rule == "cite-correctly"]
    assert found == [("Hướng dẫn số 36-HD/VPTW đã được thay thế bởi Hướng dẫn số 05-HD/VPTW; đề nghị trích dẫn văn bản "
                      "mới.", "Hướng dẫn số 36-HD/VPTW",
                      "Hướng dẫn số 05-HD/VPTW ngày 27/5/2026 của Văn phòng Trung ương Đảng")]


def test_a_must_cite_message_gives_an_undated_document_a_question_mark_for_its_date(tmp_path):
    rule = {**NQ57_RULE, "id": "must-cite-hd36", "level": "warning", "document": "36-hd/vptw",
            "message": "Chưa nêu {type} số {symbol} ngày {date} của {issuer}."}
    report = parse_text("BÁO CÁO\nI. NỘI DUNG\n1. Chuyển đổi số.")
    assert [f.message for f in check(report, [office_profile(tmp_path, rule)])] == [
        "Chưa nêu Hướng dẫn số 36-HD/VPTW ngày ? của Văn phòng Trung ương Đảng."]


# (a sentence, the figures-add-up line of the shipped common profile, whose total words are "tổng
# số", "tổng cộng" and "trong tổng số", and the text it marks: the total to its last part)
TOTALS = [
    ("Tổng cộng 90 nhiệm vụ, gồm 43 nhiệm vụ hoàn thành và 45 nhiệm vụ đang triển khai.",
     "Tổng số 90 nhiệm vụ nhưng các phần cộng lại 88 (43 + 45).", "90 nhiệm vụ, gồm 43 nhiệm vụ hoàn thành và 45 nhiệm vụ"),
    ("Tổng số 90 nhiệm vụ, gồm 40 nhiệm vụ hoàn thành, 30 nhiệm vụ đang triển khai và 15 nhiệm vụ chưa triển khai.",
     "Tổng số 90 nhiệm vụ nhưng các phần cộng lại 85 (40 + 30 + 15).",
     "90 nhiệm vụ, gồm 40 nhiệm vụ hoàn thành, 30 nhiệm vụ đang triển khai và 15 nhiệm vụ"),
    # Figures of other kinds before the total on its line.
    ("Đạt 95% kế hoạch; tổng số 90 nhiệm vụ, gồm 43 nhiệm vụ hoàn thành và 45 nhiệm vụ đang triển khai.",
     "Tổng số 90 nhiệm vụ nhưng các phần cộng lại 88 (43 + 45).", "90 nhiệm vụ, gồm 43 nhiệm vụ hoàn thành và 45 nhiệm vụ"),
    # Parts are counted in the total's unit; a second total starts its own parts.
    ("Tổng số 90 nhiệm vụ, gồm 43 nhiệm vụ hoàn thành và 47 nhiệm vụ đang triển khai tại 5 thôn.", None, None),
    ("Tổng số 10 hồ sơ, gồm 4 hồ sơ trực tuyến và 6 hồ sơ trực tiếp; tổng số 20 hồ sơ năm trước, gồm 8 hồ sơ trực "
     "tuyến và 12 hồ sơ trực tiếp.", None, None),
    # A part counted out of a total ("trên tổng số") is no total its parts add up to.
    ("Giải quyết 10.029 hồ sơ trên tổng số 13.633 hồ sơ, gồm 5.000 hồ sơ trực tuyến và 3.000 hồ sơ trực tiếp.", None,
     None),
]


@pytest.mark.parametrize("sentence, message, marked", TOTALS, ids=[c[0][:40] for c in TOTALS])
def test_a_total_is_one_the_rules_words_introduce(sentence, message, marked):
    assert shipped_findings(sentence, "figures-add-up") == ([(message, marked)] if message else [])


# (a sentence, the rate-over-100 line: a figure over 100% is no rate unless the catalog bounds its
# indicator at 100 or its subject says it is one, "tỷ lệ")
RATES = [
    ("Tỷ lệ hộ nghèo (100,5%) còn cao.", "Tỷ lệ hộ nghèo là tỷ lệ, không thể vượt 100% (100,5%).", "100,5%"),
    ("Tỷ lệ hộ nghèo (100%) còn cao.", None, None),
    ("Tỷ lệ thôn có nhà văn hóa đạt 105%.", "Tỷ lệ thôn có nhà văn hóa là tỷ lệ, không thể vượt 100% (105%).", "105%"),
    ("Lúa đạt 101,2% kế hoạch.", None, None),
]


@pytest.mark.parametrize("sentence, message, marked", RATES, ids=[c[0][:40] for c in RATES])
def test_a_rate_over_100_is_found_by_its_indicator_or_its_subject(sentence, message, marked):
    assert shipped_findings(sentence, "rate-over-100") == ([(message, marked)] if message else [])


def test_a_totals_rule_without_its_own_words_takes_tong_so(tmp_path):
    rule = {"id": "tong-so", "kind": "consistent_figures", "level": "error",
            "messages": {"totals": "Tổng số {total} {unit}, các phần cộng lại {sum}."},
            "examples": {"fires": ["BÁO CÁO\nI. A\n1. Tổng số 9 thôn, gồm 4 thôn và 4 thôn."]}}
    report = parse_text("BÁO CÁO\nI. A\n1. Tổng số 90 nhiệm vụ, gồm 43 nhiệm vụ hoàn thành và 45 nhiệm vụ đang triển khai.")
    assert [f.message for f in check(report, [office_profile(tmp_path, rule)])] == [
        "Tổng số 90 nhiệm vụ, các phần cộng lại 88."]


# (a sentence, the figures-add-up line on its achieved/target pair (named with its unit), the text
# marked: the pair to its percentage; the last decimal written may be rounded or cut, so up to 0,6
# points apart is no finding)
RATIOS = [
    ("Giải quyết 45/48 hồ sơ đúng hạn (đạt 94,75%).", "45/48 hồ sơ là 93,75%, nhưng báo cáo ghi 94,75%.",
     "45/48 hồ sơ đúng hạn (đạt 94,75%"),
    ("Giải quyết 45/48 hồ sơ đúng hạn (đạt 93,8%).", None, None),
    # A whole percentage is written whole.
    ("Giải quyết 24/48 hồ sơ đúng hạn (đạt 60%).", "24/48 hồ sơ là 50%, nhưng báo cáo ghi 60%.",
     "24/48 hồ sơ đúng hạn (đạt 60%"),
    ("Giải quyết 1.234/1.500 hồ sơ đúng hạn (đạt 80%).", "1.234/1.500 hồ sơ là 82,27%, nhưng báo cáo ghi 80%.",
     "1.234/1.500 hồ sơ đúng hạn (đạt 80%"),
]


@pytest.mark.parametrize("sentence, message, marked", RATIOS, ids=[c[0][:40] for c in RATIOS])
def test_an_achieved_target_pair_agrees_with_its_percentage(sentence, message, marked):
    assert shipped_findings(sentence, "figures-add-up") == ([(message, marked)] if message else [])


def test_a_report_without_its_subject_line_is_told_so_at_its_first_line():
    """commune-party-monthly requires the kind of document and its subject (trích yếu) together."""
    report = parse_text("ĐẢNG CỘNG SẢN VIỆT NAM\nSố 12-BC/ĐU\nLùng Phình, ngày 28 tháng 5 năm 2026\nBÁO CÁO\n-----\n"
                        "I. MỘT\nII. HAI\nIII. BA\nNơi nhận:\n- Lưu VP.")
    found = [(f.message, f.line, f.text) for f in check(report, pick_profiles(report)) if f.rule == "required-parts"]
    assert found == [("Thiếu tên loại và trích yếu (BÁO CÁO … ).", 1, "ĐẢNG CỘNG SẢN VIỆT NAM")]


def test_a_required_parts_rule_may_ask_only_for_numbered_parts(tmp_path):
    rule = {"id": "bo-cuc", "kind": "required_parts", "level": "warning", "roman_parts": ["I", "II"],
            "messages": {"roman_parts": "Thiếu phần {part} (cần các phần {expected})."},
            "examples": {"fires": ["BÁO CÁO\nI. MỘT"]}}
    report = parse_text("BÁO CÁO\nI. MỘT\n1. Nội dung.")
    assert [(f.message, f.text) for f in check(report, [office_profile(tmp_path, rule)])] == [
        ("Thiếu phần II (cần các phần I, II).", "BÁO CÁO")]


# Nghị quyết 57-NQ/TW required in part I (scope "I"). (the draft's part I, the line it gets, marking
# the part's heading)
IN_SCOPE_I = [
    ("I. A\n1. Thực hiện Nghị quyết số 57-NQ/TW.", None),
    ("I. A\n1. Nội dung.\nII. B\n1. Thực hiện Nghị quyết số 57-NQ/TW.", "Phần I chưa nêu Nghị quyết số 57-NQ/TW."),
]


@pytest.mark.parametrize("body, message", IN_SCOPE_I, ids=["in I.1", "in II.1 only"])
def test_a_citation_in_a_part_below_the_rules_scope_satisfies_it(tmp_path, body, message):
    rule = {**NQ57_RULE, "id": "nq57-phan-i", "level": "error", "scope": "I",
            "message": "Phần {scope} chưa nêu {type} số {symbol}."}
    found = [(f.message, f.text) for f in check(parse_text(f"BÁO CÁO\n{body}"), [office_profile(tmp_path, rule)])]
    assert found == ([(message, "I. A")] if message else [])


# (the draft, the must_cite line and the text it marks: the first part's heading, or the first line
# of a draft not divided into parts; {title} is the registry's, empty when it holds none)
MISSING_DOCUMENT = [
    ("36-hd/vptw", "BÁO CÁO\nkết quả tháng\nI. KẾT QUẢ\n1. Nội dung.",
     "Chưa nêu Hướng dẫn số 36-HD/VPTW về thể thức và kỹ thuật trình bày văn bản của Đảng (2018)", "I. KẾT QUẢ"),
    ("5-hd/vptw", "BÁO CÁO\nkết quả tháng\nNội dung chưa chia phần.", "Chưa nêu Hướng dẫn số 05-HD/VPTW", "BÁO CÁO"),
]


@pytest.mark.parametrize("document, text, message, marked", MISSING_DOCUMENT, ids=["titled, in parts", "untitled, no parts"])
def test_a_missing_document_is_named_with_its_title_at_the_drafts_first_part(tmp_path, document, text, message,
                                                                             marked):
    rule = {**NQ57_RULE, "id": "must-cite", "level": "error", "document": document,
            "message": "Chưa nêu {type} số {symbol} {title}"}
    assert [(f.message, f.text) for f in check(parse_text(text), [office_profile(tmp_path, rule)])] == [
        (message, marked)]


# A document rules/registry.yaml lacks, described as the archive's reports write it (profile suggest).
NQ12_HDND = {"type": "Nghị quyết", "symbol": "12/NQ-HĐND", "date": "2025-12-10", "issuer": "Hội đồng nhân dân tỉnh"}


# Kết luận 01-KL/TW described by its type and symbol alone, as an office may write it.
KL01_BARE = {"type": "Kết luận", "symbol": "01-KL/TW"}


@pytest.mark.parametrize("document, sentence, found", [
    (NQ12_HDND, "Thực hiện Nghị quyết số 12/NQ-HĐND ngày 10/12/2025 của HĐND tỉnh.", []),
    (NQ12_HDND, "Thực hiện Nghị quyết số 57-NQ/TW.", [
        ("Chưa nêu Nghị quyết số 12/NQ-HĐND ngày 10/12/2025 của Hội đồng nhân dân tỉnh.",
         "Nghị quyết số 12/NQ-HĐND ngày 10/12/2025 của Hội đồng nhân dân tỉnh")]),
    # Party symbols are known by their number without its leading zero, as a citation is.
    (KL01_BARE, "Thực hiện Kết luận số 01-KL/TW.", []),
    # An unknown date or issuer is "?", as for a registry entry without one.
    (KL01_BARE, "Thực hiện Nghị quyết số 57-NQ/TW.", [("Chưa nêu Kết luận số 01-KL/TW ngày ? của ?.",
                                                      "Kết luận số 01-KL/TW")]),
    # A symbol no citation form reads ("QC-01") is still named; no draft can cite it.
    ({"type": "Quy chế", "symbol": "QC-01"}, "Thực hiện Quy chế số QC-01.", [("Chưa nêu Quy chế số QC-01 ngày ? của ?.",
                                                                           "Quy chế số QC-01")]),
], ids=["cited", "not cited", "bare, cited", "bare, not cited", "unreadable symbol"])
def test_a_document_described_in_the_rule_is_sought_by_its_symbol(tmp_path, document, sentence, found):
    rule = {**NQ57_RULE, "id": "nq12-hdnd", "level": "warning", "document": document,
            "message": "Chưa nêu {type} số {symbol} ngày {date} của {issuer}."}
    report = parse_text(f"BÁO CÁO\nI. A\n1. {sentence}")
    assert [(f.message, f.link) for f in check(report, [office_profile(tmp_path, rule)])] == found
