"""Compare over the sample corpus: one value per month, the right change, Excel and a real browser."""
import json
import sys

import pytest
import yaml
from click.testing import CliRunner
from lxml import html as lxml_html

from archive_helpers import baocao
from conftest import CORPUS, ROOT
from pipeline.cli import cli
from pipeline.compare import citation_table, indicator_table
from pipeline.ingest import ingest
from pipeline.store import connect

sys.path.insert(0, str(ROOT / "scripts"))
import build_corpus  # noqa: E402  (the figures each made-up month was written with)

LUNG_PHINH = "Đảng ủy xã Lùng Phình"
# Indicator of each figure the months were written with, in build_corpus.SEED_FIGURES order.
FIGURE_INDICATORS = ["meetings_held", "matters_decided", "officials_received", "tthc_on_time_rate",
                     "documents_received", "documents_issued", "conclusions_issued", "tasks_assigned", "tasks_done",
                     "tasks_in_progress", "rice_plan_rate", "vegetables_plan_rate", "afforestation_ha",
                     "public_investment_disbursement_rate", "land_certificates", "cadastral_extracts",
                     "social_insurance_rate", "full_immunisation_rate", "poverty_rate", "near_poverty_rate"]


def expected_values() -> dict[str, dict[str, float]]:
    """indicator → period → value, from the texts the corpus was written with (not from baocao)."""
    months = dict(build_corpus.MONTHS)
    out: dict[str, dict[str, float]] = {key: {} for key in FIGURE_INDICATORS}
    for month in range(1, 8):
        figures = months[month][0] if month in months else build_corpus.SEED_FIGURES
        for key, text in zip(FIGURE_INDICATORS, figures):
            out[key][f"2026-{month:02d}"] = build_corpus._value(text)[0]
    return out


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    db = tmp_path_factory.mktemp("archive") / "baocao.sqlite"
    ingest([CORPUS], db)
    return db


def test_one_value_per_month_and_the_right_change(archive):
    table = indicator_table(connect(archive), issuer=LUNG_PHINH)
    table = table[table["source"] != "table"]  # the sentences' series; the sheets' are tested in test_tables.py
    expected = expected_values()
    for key, by_period in expected.items():
        rows = table[table["indicator"] == key].sort_values("period")
        assert list(rows["period"]) == sorted(by_period), key
        assert list(rows["value"]) == [by_period[p] for p in sorted(by_period)], key
        values = [by_period[p] for p in sorted(by_period)]
        changes = [None] + [round(b - a, 4) for a, b in zip(values, values[1:])]
        got = [None if c != c else c for c in rows["change"]]
        assert got == changes, key


@pytest.mark.parametrize("key, period, direction", [
    ("poverty_rate", "2026-02", "better"),            # 26,12% → 25,98%: lower is better
    ("full_immunisation_rate", "2026-02", "better"),  # 8,2% → 14,6%
    ("tthc_on_time_rate", "2026-06", "better"),
    ("documents_received", "2026-02", "worse"),       # 260 → 240 documents
    ("tasks_in_progress", "2026-06", "better"),       # 47 → 43 still open
    ("poverty_rate", "2026-01", None),
])
def test_direction_knows_which_way_is_good(archive, key, period, direction):
    table = indicator_table(connect(archive), issuer=LUNG_PHINH)
    row = table[(table["indicator"] == key) & (table["period"] == period)].iloc[0]
    got = row["direction"]
    assert (None if got != got else got) == direction  # pandas shows a missing direction as NaN


def test_filters_issuer_period_and_indicator(archive):
    result = CliRunner().invoke(cli, ["compare", "--db", str(archive), "--json", "--issuer", "ĐẢNG UỶ XÃ LÙNG PHÌNH",
                                      "--from", "2026-03", "--to", "2026-05", "--indicator", "poverty_rate"])
    rows = json.loads(result.output)
    # March's change is against February (25,98%), which the filter does not show. April's
    # indicator sheet gives the rate too, a series of its own; May speaks by the form of the seed
    # archived last (corpus/variants), which has no sheet.
    assert [(r["source"], r["period"], r["value"], r["change"], r["direction"]) for r in rows] == [
        ("catalog", "2026-03", 25.85, -0.13, "better"), ("catalog", "2026-04", 25.63, -0.22, "better"),
        ("catalog", "2026-05", 25.46, -0.17, "better"), ("table", "2026-04", 25.63, None, None)]
    assert set(rows[0]) == {"issuer", "indicator", "name", "source", "period", "value", "unit", "change", "change_pct",
                            "direction"}


MONTHS = [f"2026-{month:02d}" for month in range(1, 8)]


def compare_json(archive, *args) -> list[dict]:
    result = CliRunner().invoke(cli, ["compare", "--db", str(archive), "--json", "--issuer", LUNG_PHINH, *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


# (filters, the months they show): a range shows the periods lying wholly inside it, whatever
# form its ends are written in.
WINDOWS = [
    (["--from", "2026-05"], MONTHS[4:]),
    (["--from", "2026-05", "--to", "2026-05"], ["2026-05"]),
    (["--to", "2026-03"], MONTHS[:3]),
    (["--from", "2026-03", "--to", "2026-05"], MONTHS[2:5]),
    (["--from", "2026-Q2"], MONTHS[3:]),
    (["--to", "2026-H1"], MONTHS[:6]),
    (["--from", "2026", "--to", "2026"], MONTHS),
]


@pytest.mark.parametrize("filters, shown", WINDOWS, ids=[" ".join(f) for f, _ in WINDOWS])
def test_filters_choose_what_is_shown_never_what_is_compared(archive, filters, shown):
    """Issue 10, item 12: the first month shown is compared with the month before it."""
    expected = {}
    for key, by_period in expected_values().items():
        values = [by_period[p] for p in MONTHS]
        changes = [None] + [round(b - a, 4) for a, b in zip(values, values[1:])]
        expected.update({(key, p): (v, c) for p, v, c in zip(MONTHS, values, changes) if p in shown})
    rows = compare_json(archive, *filters)
    got = {(r["indicator"], r["period"]): (r["value"], r["change"]) for r in rows
           if r["indicator"] in expected_values() and r["source"] != "table"}
    assert got == expected


def cited_in_labels() -> dict[str, set[str]]:
    """month → the symbols its report cites, from the corpus's labels (not from baocao)."""
    return {month: {c["symbol"] for c in yaml.safe_load(next((CORPUS / "labels").glob(f"lung-phinh_{month}_*.yaml"))
                                                       .read_text(encoding="utf-8"))["citations"]}
            for month in MONTHS}


@pytest.mark.parametrize("filters, shown", WINDOWS, ids=[" ".join(f) for f, _ in WINDOWS])
def test_citation_status_is_against_the_period_before_the_range(archive, filters, shown):
    """Issue 10, item 12: `--citations --from 2026-06` marks only 57-NQ/TW new in June."""
    cited = cited_in_labels()
    expected = set()
    for before, month in zip([None, *MONTHS], MONTHS):
        if month not in shown:
            continue
        previous = cited[before] if before else set()
        expected |= {(month, symbol, "kept" if symbol in previous else "new") for symbol in cited[month]}
        expected |= {(month, symbol, "dropped") for symbol in previous - cited[month]}
    rows = compare_json(archive, "--citations", *filters)
    assert {(r["period"], r["symbol"], r["status"]) for r in rows} == expected


def archived_indicators() -> list[str]:
    """Every indicator key the corpus's labels give its figures."""
    return sorted({q["indicator"] for path in (CORPUS / "labels").glob("*.yaml")
                   for q in yaml.safe_load(path.read_text(encoding="utf-8"))["quantities"]})


PERIOD_FORMS = "YYYY-MM (2026-05), YYYY-Qn (2026-Q1), YYYY-H1 or YYYY-H2, YYYY-9M, or YYYY (2026)"


FILTER_ERRORS = [
    (["--indicator", "poverty"], "no indicator 'poverty' in the archive; the archive holds: {indicators}"),
    (["--indicator", "poverty_rate", "--indicator", "povrty", "--indicator", "tasks"],
     "no indicator 'povrty', 'tasks' in the archive; the archive holds: {indicators}"),
    (["--from", "2026-13"], f"'2026-13' is not a period; periods are written {PERIOD_FORMS}"),
    (["--from", "2026-5"], f"'2026-5' is not a period; periods are written {PERIOD_FORMS}"),
    (["--to", "05/2026"], f"'05/2026' is not a period; periods are written {PERIOD_FORMS}"),
    (["--to", "2026-Q5", "--citations"], f"'2026-Q5' is not a period; periods are written {PERIOD_FORMS}"),
    (["--from", "2026-06", "--to", "2026-03"], "the range from 2026-06 to 2026-03 is empty: 2026-06 begins after 2026-03 ends"),
    (["--from", "2026-Q3", "--to", "2026-H1", "--citations"],
     "the range from 2026-Q3 to 2026-H1 is empty: 2026-Q3 begins after 2026-H1 ends"),
]


@pytest.mark.parametrize("args, message", FILTER_ERRORS, ids=[" ".join(args) for args, _ in FILTER_ERRORS])
def test_a_filter_that_cannot_match_is_an_error_naming_the_valid_values(archive, args, message):
    """Issue 10, item 13: one line naming what is valid, exit 2; not an empty table and exit 0."""
    result = baocao("compare", "--db", archive, *args)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"baocao: error: {message.format(indicators=', '.join(archived_indicators()))}\n"


def test_the_second_issuer_stands_apart(archive):
    table = indicator_table(connect(archive))
    other = table[table["issuer"] == "Đảng ủy xã Nậm Mẫu"]
    assert set(other["period"]) == {"2026-05"}
    assert other[other["indicator"] == "poverty_rate"]["value"].tolist() == [31.2]


def test_citations_view_shows_what_was_dropped(archive):
    cited = citation_table(connect(archive), issuer=LUNG_PHINH)
    changes = cited[cited["status"] != "kept"]
    assert ("2026-04", "105/nq-cp", "new") in set(zip(changes["period"], changes["key"], changes["status"]))
    assert ("2026-06", "57-nq/tw", "new") in set(zip(changes["period"], changes["key"], changes["status"]))
    assert cited[cited["status"] == "dropped"][["period", "key"]].values.tolist() == [["2026-07", "66/2025/nđ-cp"]]


def test_csv_has_a_bom_for_excel(archive):
    result = CliRunner().invoke(cli, ["compare", "--db", str(archive), "--csv", "--indicator", "poverty_rate"])
    assert result.output.startswith("\ufeffissuer,indicator,name,source,period,value")
    assert "Đảng ủy xã Lùng Phình,poverty_rate,Tỷ lệ hộ nghèo,catalog,2026-01,26.12" in result.output


def test_xlsx_opens_with_the_expected_sheets_and_values(archive, tmp_path, monkeypatch):
    from openpyxl import load_workbook
    monkeypatch.chdir(ROOT)  # the workbook names files as the user would, relative to where they are
    out = tmp_path / "comparison.xlsx"
    assert CliRunner().invoke(cli, ["compare", "--db", str(archive), "--xlsx", str(out)]).exit_code == 0
    book = load_workbook(out)
    assert book.sheetnames == ["Chỉ tiêu theo kỳ", "Dữ liệu chi tiết", "Văn bản trích dẫn"]
    sheet = book["Chỉ tiêu theo kỳ"]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Đơn vị", "Chỉ tiêu", "Mã", "Đơn vị tính"] and "2026-07" in header
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    row = next(r for r in sheet.iter_rows(min_row=2) if r[2].value == "poverty_rate" and r[0].value == LUNG_PHINH)
    values = {header[c.column - 1]: c for c in row}
    assert values["2026-05"].value == 25.46 and values["2026-05"].number_format == '0.00"%"'
    assert values["2026-05"].fill.fgColor.rgb.endswith("C6EFCE")  # lower poverty: coloured as better
    detail = book["Dữ liệu chi tiết"]
    assert [c.value for c in detail[1]] == ["Đơn vị", "Mã", "Chỉ tiêu", "Kỳ", "Giá trị", "Kế hoạch", "Đơn vị tính",
                                            "Thay đổi", "Thay đổi (%)", "Xu hướng", "Tệp", "Mục", "Nguyên văn", "Nguồn"]
    # May's poverty rate, 25,46% in part III.3 of the seed, down from April's (a fall: better).
    may = next(r for r in detail.iter_rows(min_row=2, values_only=True) if r[1] == "poverty_rate" and r[3] == "2026-05"
               and r[0] == LUNG_PHINH)
    assert (may[4], may[9], may[11], may[12]) == (25.46, "tốt lên", "III.3", "25,46%")
    # The archive holds the seed and its variants for May: the file is one of them, as given.
    assert may[10] in [str(p.relative_to(ROOT)) for p in (CORPUS / "reports").glob("*2026-05_seed*")] + \
        [str(p.relative_to(ROOT)) for p in (CORPUS / "variants").glob("*2026-05_seed*")]
    cited = book["Văn bản trích dẫn"]
    assert any(r[1].value == "66/2025/NĐ-CP" and r[-1].value == "bỏ" for r in cited.iter_rows(min_row=2))


def test_html_page_renders_a_chart_per_indicator_and_the_table(archive, tmp_path):
    from browser import render
    page = tmp_path / "comparison.html"
    assert CliRunner().invoke(cli, ["compare", "--db", str(archive), "--html", str(page)]).exit_code == 0
    table = indicator_table(connect(archive))
    dom, shot = render(page, tmp_path)
    tree = lxml_html.fromstring(dom)
    sections = tree.xpath("//section[@class='indicator']")
    # A series per source: an indicator sheet's beside the sentences' (issue 15).
    assert len(sections) == len(table.groupby(["issuer", "indicator", "source"]))
    series = table.groupby(["issuer", "indicator", "source"]).size()
    assert len(tree.xpath("//section[@class='indicator'][.//svg[@class='chart']//circle]")) == (series > 1).sum()
    poverty = tree.xpath("//section[@data-indicator='poverty_rate'][@data-issuer='Đảng ủy xã Lùng Phình']"
                         "[@data-source='catalog']")[0]
    assert len(poverty.xpath(".//circle")) == 7
    assert len(tree.xpath("//table[@id='values']/tbody/tr")) == len(table)
    assert "66/2025/NĐ-CP" in tree.xpath("string(//ul[@id='dropped'])")
    from PIL import Image
    image = Image.open(shot).convert("RGB")
    assert image.size == (1280, 2400)
    colours = image.getcolors(maxcolors=1 << 20)
    assert any(r < 80 and g < 140 and b > 140 for _, (r, g, b) in colours), "the blue chart lines are drawn"


# What the laid-out comparison page shows (issue 10, item 14), measured in Chromium.
LAYOUT = """({
  lang: document.documentElement.lang,
  outside: [...document.querySelectorAll("svg.chart")].flatMap(svg => {
    const box = svg.getBoundingClientRect();
    return [...svg.querySelectorAll("text")].map(t => [t.textContent, t.getBoundingClientRect()])
      .filter(([, r]) => r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5
                         || r.bottom > box.bottom + 0.5).map(([text]) => text);
  }),
  sections: [...document.querySelectorAll("section.indicator")].map(s => [s.dataset.issuer, s.dataset.indicator,
    s.querySelectorAll("svg").length, s.querySelector(".figure .value")?.textContent ?? null]),
  period_lines: [...document.querySelectorAll("#values tbody tr")].map(tr => {
    const range = document.createRange();
    range.selectNodeContents(tr.children[2]);
    return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
  }),
})"""


@pytest.fixture(scope="module")
def layout(archive, tmp_path_factory):
    from browser import measure
    folder = tmp_path_factory.mktemp("page")
    page = folder / "comparison.html"
    assert CliRunner().invoke(cli, ["compare", "--db", str(archive), "--html", str(page)]).exit_code == 0
    return measure(page, folder, LAYOUT)


def test_page_is_in_vietnamese(layout):
    assert layout["lang"] == "vi"


def test_every_axis_label_lies_inside_its_chart(layout):
    """The last month's label ("26-07") was cut at the chart's right edge ("26-0")."""
    assert layout["outside"] == []


def test_an_indicator_with_one_value_shows_the_figure_not_a_chart(layout):
    """Nậm Mẫu has one month: each indicator is its figure, not a dot on an axis made up around it."""
    single = {key: build_corpus._value(text)[0] for key, text in zip(FIGURE_INDICATORS, build_corpus.NAM_MAU[0])}
    percent = {key for key, text in zip(FIGURE_INDICATORS, build_corpus.NAM_MAU[0]) if text.endswith("%")}
    sections = {(issuer, key): (charts, figure) for issuer, key, charts, figure in layout["sections"]}
    for key, value in single.items():
        charts, figure = sections[("Đảng ủy xã Nậm Mẫu", key)]
        assert charts == 0, key
        assert figure == f"{value:g}%" if key in percent else figure.startswith(f"{value:g} "), (key, figure)
    for key in FIGURE_INDICATORS:  # seven months: a chart, no lone figure
        assert sections[(LUNG_PHINH, key)] == (1, None), key


def test_a_period_stays_on_one_line(layout):
    assert layout["period_lines"] and set(layout["period_lines"]) == {1}


def test_an_issuer_not_archived_gets_a_hint(archive):
    result = CliRunner().invoke(cli, ["compare", "--db", str(archive), "--issuer", "Đảng ủy xã Không Có"])
    assert result.exit_code == 0
    assert "no archived report matches these filters" in result.output
    assert "Đảng ủy xã Lùng Phình" in result.output


# Issue 13, item 2: a real provincial monthly report (Đề án 06, Lâm Đồng, August 2025) and two
# months made up from it (marked so in their names): its own indicators recur month to month
# with numbers changed, none of them in the catalog.
AUGUST = ROOT.parent / "shared" / "real" / "docx" / "lamdong_bc_dean06_thang08_2025.docx"
MADE_UP_MONTHS = {
    "09": {"tháng 8 năm 2025": "tháng 9 năm 2025", "tháng 8/2025": "tháng 9/2025", "đạt 97,56%": "đạt 97,73%",
           "đạt 34,3%": "đạt 36,1%", "đạt 74,88%": "đạt 76,02%"},
    "10": {"tháng 8 năm 2025": "tháng 10 năm 2025", "tháng 8/2025": "tháng 10/2025", "đạt 97,56%": "đạt 98,1%",
           "đạt 34,3%": "đạt 38%", "đạt 74,88%": "đạt 75,5%"},
}


def _month_from_august(path, edits):
    """August's .docx with each paragraph's text edited (the edited paragraph loses its runs'
    formatting, which comparing does not read)."""
    import zipfile
    from lxml import etree
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(AUGUST) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                root = etree.fromstring(data)
                for paragraph in root.iter(f"{w}p"):
                    pieces = list(paragraph.iter(f"{w}t"))
                    text = "".join(t.text or "" for t in pieces)
                    edited = text
                    for old, new in edits.items():
                        edited = edited.replace(old, new)
                    if edited != text:
                        pieces[0].text = edited
                        for piece in pieces[1:]:
                            piece.text = ""
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(info, data)


needs_august = pytest.mark.skipif(not AUGUST.exists(), reason=f"real documents not here ({AUGUST} is absent)")
STEERING = "Ban chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và đề án 06"


@pytest.fixture
def real_series(tmp_path):
    folder = tmp_path / "series"
    folder.mkdir()
    (folder / AUGUST.name).write_bytes(AUGUST.read_bytes())
    for month, edits in MADE_UP_MONTHS.items():
        _month_from_august(folder / f"lamdong_bc_dean06_thang{month}_2025_made-up.docx", edits)
    db = tmp_path / "a.sqlite"
    assert CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db)]).exit_code == 0
    return db


@needs_august
def test_a_real_offices_own_indicators_are_found_and_compared(real_series):
    db = real_series
    rows = json.loads(CliRunner().invoke(cli, ["compare", "--db", str(db), "--json"]).stdout)

    def series(name):
        found = [r for r in rows if r["source"] == "found" and r["name"] == name]
        assert len({r["indicator"] for r in found}) == 1, found
        return [(r["period"], r["value"], r["change"], r["direction"]) for r in found]
    # Read from the edits above: August's figure, then each made-up month's, and the change.
    assert series("chi trợ cấp một lần") == [("2025-08", 97.56, None, None), ("2025-09", 97.73, 0.17, None),
                                              ("2025-10", 98.1, 0.37, None)]
    assert series("thanh toán viện phí không dùng tiền mặt") == [
        ("2025-08", 34.3, None, None), ("2025-09", 36.1, 1.8, None), ("2025-10", 38.0, 1.9, None)]
    assert series("tỷ lệ tiếp nhận hồ sơ hình thức trực tuyến") == [
        ("2025-08", 74.88, None, None), ("2025-09", 76.02, 1.14, None), ("2025-10", 75.5, -0.52, None)]
    assert series("tỷ lệ người nhận tiền qua tài khoản khu vực đô thị") == [
        ("2025-08", 84.65, None, None), ("2025-09", 84.65, 0.0, None), ("2025-10", 84.65, 0.0, None)]
    assert not [r for r in rows if r["indicator"] == "poverty_rate"]
    # --unmatched says why each figure took no catalog indicator, and how often its subject recurs.
    unmatched = json.loads(CliRunner().invoke(cli, ["compare", "--db", str(db), "--unmatched", "--json"]).stdout)
    why = {(r["period"], r["text"]): (r["why"], r["periods"]) for r in unmatched}
    assert why[("2025-08", "tối thiểu 85%")] == ("a target (at_least), not a result", 3)
    assert why[("2025-10", "98,1%")][1] == 3
    assert why[("2025-08", "100%")][0].startswith(("no indicator's own words", "its subject names nothing"))


@needs_august
def test_an_offices_own_catalog_names_a_found_indicator_and_its_direction(real_series):
    """Issue 13, item 3: `indicators suggest` drafts the recurring figures; the office keeps one,
    names it and says more is better, in baocao-profiles/ beside the archive; compare then shows
    it under its key, as the office's, with a direction."""
    db = real_series
    drafted = yaml.safe_load(CliRunner().invoke(cli, ["indicators", "suggest", "--issuer", STEERING,
                                                      "--db", str(db)]).stdout)["indicators"]
    (lump_sum,) = [e for e in drafted if e["name"] == "chi trợ cấp một lần"]
    assert lump_sum["seen"] == {"2025-08": 97.56, "2025-09": 97.73, "2025-10": 98.1}
    lump_sum |= {"key": "bhxh_lump_sum_paid_by_account", "name": "Chi trợ cấp BHXH một lần qua tài khoản",
                 "higher_is_better": True}
    folder = db.parent / "baocao-profiles"
    folder.mkdir()
    office = folder / "dean06.indicators.yaml"
    office.write_text(yaml.safe_dump({"indicators": [lump_sum]}, allow_unicode=True), encoding="utf-8")
    assert CliRunner().invoke(cli, ["rules", "validate", str(office)]).exit_code == 0
    rows = json.loads(CliRunner().invoke(cli, ["compare", "--db", str(db), "--json",
                                               "--indicator", "bhxh_lump_sum_paid_by_account"]).stdout)
    assert [(r["source"], r["period"], r["value"], r["direction"]) for r in rows] == [
        ("office", "2025-08", 97.56, None), ("office", "2025-09", 97.73, "better"), ("office", "2025-10", 98.1, "better")]
    # Drafted again, the entries leave out what the office has named, and keep the rest.
    again = yaml.safe_load(CliRunner().invoke(cli, ["indicators", "suggest", "--issuer", STEERING,
                                                    "--db", str(db)]).stdout)["indicators"]
    assert [e["name"] for e in again] == [e["name"] for e in drafted if e is not lump_sum]
    broken = folder / "broken.indicators.yaml"
    broken.write_text(yaml.safe_dump({"indicators": [{**lump_sum, "key": "x", "examples": ["hộ nghèo"]}]},
                                     allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(cli, ["rules", "validate", str(broken)])
    assert result.exit_code == 2 and "example 'hộ nghèo' resolves to" in result.output


# Issue 13, item 2: one report's several figures of one catalog indicator. March and April as
# the corpus writes them (III.2: "tổng số 75 nhiệm vụ được giao chỉ đạo thực hiện", then 82),
# with a second task count put into II.1 above it: "06 nhiệm vụ được giao", then 08.
SECOND_TASK_COUNT = {3: "06", 4: "08"}


@pytest.fixture(scope="module")
def two_task_counts(tmp_path_factory):
    folder = tmp_path_factory.mktemp("two-task-counts")
    for month, count in SECOND_TASK_COUNT.items():
        spec = build_corpus.month_spec(month)
        heading = spec.body.index("1. Lãnh đạo phát triển kinh tế xã hội")
        spec.body.insert(heading + 1, f"- Các chi bộ thôn triển khai {count} nhiệm vụ được giao về phát triển sản xuất.")
        build_corpus.write_typed(spec, folder / f"lung-phinh_2026-{month:02d}_made-up_two-task-counts.docx")
    db = folder / "a.sqlite"
    ingest([folder], db)
    return db


def test_several_counts_of_one_indicator_in_a_report_are_each_compared_none_dropped(two_task_counts):
    table = indicator_table(connect(two_task_counts))
    rows = {key: [(r.period, r.value, None if r.change != r.change else r.change, r.section) for r in rows.itertuples()]
            for key, rows in table.groupby("indicator")}
    # The count whose subject names the indicator most fully, though the other comes first.
    assert rows["tasks_assigned"] == [("2026-03", 75.0, None, "III.2"), ("2026-04", 82.0, 7.0, "III.2")]
    # The other, compared as the report's own figure, with its own change.
    (other,) = [key for key, values in rows.items() if [v[:3] for v in values] == [
        ("2026-03", 6.0, None), ("2026-04", 8.0, 2.0)]]
    assert other.startswith("found:") and {v[3] for v in rows[other]} == {"II.1"}
    unmatched = json.loads(CliRunner().invoke(cli, ["compare", "--db", str(two_task_counts), "--unmatched",
                                                    "--json"]).stdout)
    assert {(r["period"], r["text"], r["why"]) for r in unmatched if r["section"] == "II.1"} >= {
        ("2026-03", "06 nhiệm vụ", "its indicator is tasks_assigned, which another figure of the report names "
                                   "more fully ('75 nhiệm vụ')")}
