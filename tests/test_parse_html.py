"""`parse --html` laid out in Chromium: the header table as the document has it, a legend of the
highlight colours, the page's language (issue 10, item 14)."""
import docx
import pytest
from click.testing import CliRunner

from browser import measure
from conftest import SEED_DOCX
from pipeline.cli import cli

# The kinds of figure (README, "Facts"): a figure's label is its kind, then ":" and its indicator.
FIGURE_KINDS = ("count", "percent", "ratio", "amount")

LAYOUT = """({
  lang: document.documentElement.lang,
  first_row: [...(document.querySelector("table tr")?.children ?? [])].map(td => td.innerText),
  legend: Object.fromEntries([...document.querySelectorAll(".legend [data-kind]")].map(item =>
    [item.dataset.kind, getComputedStyle(item.querySelector(".swatch")).backgroundColor])),
  marks: [...document.querySelectorAll("mark")].map(m =>
    [m.querySelector("span").textContent.trim(), getComputedStyle(m).backgroundColor]),
})"""


@pytest.fixture(scope="module")
def layout(tmp_path_factory):
    folder = tmp_path_factory.mktemp("parse-html")
    page = folder / "seed.html"
    result = CliRunner().invoke(cli, ["parse", str(SEED_DOCX), "--html", str(page)])
    assert result.exit_code == 0, result.output
    return measure(page, folder, LAYOUT)


def test_page_is_in_vietnamese(layout):
    assert layout["lang"] == "vi"


def test_the_header_table_keeps_its_cells_and_lines(layout):
    """Its cells side by side, each paragraph a line, the blank day kept: it was one line that
    read "ngàytháng" (displaCy's minifier deletes every run of four spaces)."""
    header = docx.Document(SEED_DOCX).tables[0].rows[0].cells
    expected = [[p.text for p in cell.paragraphs if p.text] for cell in header]
    assert [td.replace("\u00a0", " ").split("\n") for td in layout["first_row"]] == expected
    assert "ngày    tháng 5 năm 2026" in expected[1][-1]  # the blank day, as the seed leaves it


def test_a_legend_names_the_colour_of_each_kind_of_fact(layout):
    marked = {"citation": set(), "figure": set()}
    for label, colour in layout["marks"]:
        marked["figure" if label.split(":")[0] in FIGURE_KINDS else "citation"].add(colour)
    assert set(layout["legend"]) == {"citation", "figure"}
    assert marked == {kind: {colour} for kind, colour in layout["legend"].items()}
