"""A real office's series compared month to month, checked by hand (issue 13).

Lâm Đồng's monthly report on Đề án 06: August 2025 (.docx) and October 2025 (.doc) are real
(../shared/real); September and November are made up from the real August text by
scripts/build_series.py (tests/data/series/, `…_made-up.docx`). Every figure the report repeats month
to month was listed by reading the real August and October texts side by side (LibreOffice's
text export); its values in the made-up months are those the script wrote. The changes were
worked out by hand.
"""
import pytest

from conftest import REAL, ROOT, needs_real
from test_legacy_formats import needs_libreoffice

from pipeline import api
from pipeline.resolve import subject_key
from pipeline.store import connect

SERIES = ROOT / "tests" / "data" / "series"
FILES = [REAL / "docx" / "lamdong_bc_dean06_thang08_2025.docx",
         SERIES / "lamdong_bc_dean06_thang09_2025_made-up.docx",
         REAL / "doc" / "lamdong_bc_dean06_thang10_2025.doc",
         SERIES / "lamdong_bc_dean06_thang11_2025_made-up.docx"]
PERIODS = ["2025-08", "2025-09", "2025-10", "2025-11"]

# (where: August's section / October's, words its name must hold, values Aug Sep Oct Nov,
# changes Sep Oct Nov). A ratio's value is its achieved figure ("61.660 hồ sơ trực tuyến/62.089").
REPEATED = [
    # I. The steering committee's and the police's work
    ("I.1.d", "văn bản", [4, 5, 6, 3], [1, 1, -3]),
    ("I.2.a Ban chỉ đạo ban hành, Công an tham mưu", "văn bản", [3, 5, 4, 2], [2, -1, -2]),
    ("I.2.c", "lượt làm việc", [16, 14, 19, 21], [-2, 5, 2]),
    ("I.2.d Công an ban hành", "kế hoạch", [1, 2, 3, 1], [1, 1, -2]),
    ("I.2.d Công an ban hành", "văn bản", [12, 15, 12, 10], [3, -3, -2]),
    # II.1 / II.2 Online public services
    ("II.1.a / II.2.a", "dịch vụ công trực tuyến", [2028, 2028, 2028, 2030], [0, 0, 2]),
    ("II.1.a / II.2.a", "trực tuyến", [74.88, 78.15, 82.04, 84.37], [3.27, 3.89, 2.33]),
    ("II.1.b Công an", "hồ sơ", [61660, 88305, 113014, 139870], [26645, 24709, 26856]),
    ("II.1.b Công an", "", [99.31, 98.61, 98.33, 98.28], [-0.7, -0.28, -0.05]),
    ("II.1.b sở, ban, ngành", "hồ sơ", [62904, 45118, 27245, 31840], [-17786, -17873, 4595]),
    ("II.1.b sở, ban, ngành", "", [86.02, 80.96, 73.9, 75.62], [-5.06, -7.06, 1.72]),
    ("II.1.b liên thông", "dịch vụ công liên thông", [2, 2, 2, 2], [0, 0, 0]),
    ("II.1.b liên thông, trong tháng", "hồ sơ dịch vụ công liên thông", [3090, 4215, 5854, 5412], [1125, 1639, -442]),
    ("II.1.b liên thông, trong tháng", "khai sinh", [2488, 3391, 4679, 4330], [903, 1288, -349]),
    ("II.1.b liên thông, trong tháng", "khai tử", [602, 824, 1175, 1082], [222, 351, -93]),
    ("II.1.b liên thông, trong tháng", "trả kết quả", [2341, 3389, 5117, 4856], [1048, 1728, -261]),
    ("II.1.b liên thông, trong tháng", "", [75.76, 80.4, 87.4, 89.73], [4.64, 7.0, 2.33]),
    ("II.1.b liên thông, đến nay", "hồ sơ dịch vụ công liên thông", [52642, 56857, 64707, 70119], [4215, 7850, 5412]),
    ("II.1.b liên thông, đến nay", "khai sinh", [34940, 38331, 44834, 49164], [3391, 6503, 4330]),
    ("II.1.b liên thông, đến nay", "khai tử", [17702, 18526, 19873, 20955], [824, 1347, 1082]),
    ("II.1.b liên thông, đến nay", "trả kết quả", [36001, 39390, 45322, 50178], [3389, 5932, 4856]),
    ("II.1.b liên thông, đến nay", "", [68.4, 69.28, 70.04, 71.56], [0.88, 0.76, 1.52]),
    # II.2 / II.3 The economy and society
    ("II.2.a", "lượt", [8922249, 9187530, 9463076, 9741802], [265281, 275546, 278726]),
    ("II.2.a", "tra cứu thành công", [7785689, 8051366, 8326078, 8590114], [265677, 274712, 264036]),
    ("II.2.a", "", [87.2, 87.6, 87.9, 88.2], [0.4, 0.3, 0.3]),
    ("II.2.a", "liên thông", [100, 100, 100, 100], [0, 0, 0]),
    ("II.2.b VNeID", "khám chữa bệnh", [385, 385, 385, 385], [0, 0, 0]),
    ("II.2.b ASM", "cơ sở khám chữa bệnh", [119, 152, 189, 214], [33, 37, 25]),
    ("II.2.b", "thông báo lưu trú", [63362, 64170, 65083, 66251], [808, 913, 1168]),
    ("II.2.b", "tài khoản", [4850, 5903, 7442, 8116], [1053, 1539, 674]),
    ("II.2.b", "thông báo lưu trú", [5014527, 5402318, 5828096, 6215774], [387791, 425778, 387678]),
    ("II.2.c", "nghĩa vụ tài chính", [100, 100, 100, 100], [0, 0, 0]),
    ("II.2.c", "viện phí", [34.3, 39.8, 45.6, 48.2], [5.5, 5.8, 2.6]),
    ("II.2.c", "", [24, 31.5, 39.6, 42.7], [7.5, 8.1, 3.1]),
    ("II.2.d", "", [46556, 51204, 56751, 60387], [4648, 5547, 3636]),
    ("II.2.đ", "khu vực đô thị", [84.65, 84.97, 85.32, 85.71], [0.32, 0.35, 0.39]),
    ("II.2.đ", "hàng tháng", [74.82, 75.16, 75.59, 76.02], [0.34, 0.43, 0.43]),
    ("II.2.đ", "trợ cấp một lần", [97.56, 97.73, 98.04, 98.31], [0.17, 0.31, 0.27]),
    ("II.2.đ", "thất nghiệp", [100, 100, 100, 100], [0, 0, 0]),
    # II.3 / II.4 Criminal-record certificates and health books on VNeID
    ("II.3.a toàn tỉnh", "lý lịch tư pháp", [10029, 12047, 14092, 16385], [2018, 2045, 2293]),
    ("II.3.a toàn tỉnh", "hồ sơ tiếp nhận", [13633, 15910, 18114, 20642], [2277, 2204, 2528]),
    ("II.3.a toàn tỉnh", "", [73.56, 75.72, 77.79, 79.38], [2.16, 2.07, 1.59]),
    ("II.3.a Công an tỉnh", "lý lịch tư pháp", [13460, 15512, 17523, 20131], [2052, 2011, 2608]),
    ("II.3.a Công an tỉnh", "hồ sơ tiếp nhận", [14014, 16228, 18498, 21402], [2214, 2270, 2904]),
    ("II.3.a Công an tỉnh", "", [96.05, 95.59, 94.7, 94.06], [-0.46, -0.89, -0.64]),
    ("II.3.b", "sổ sức khỏe", [562694, 562694, 562694, 571230], [0, 0, 8536]),
    ("II.3.b", "giấy chuyển tuyến", [25198, 25198, 25198, 25940], [0, 0, 742]),
    ("II.3.b", "giấy hẹn khám lại", [36518, 36518, 36518, 37105], [0, 0, 587]),
    # II.5 / II.6 Pilot models and the 19 focus tasks
    ("II.5.a", "mô hình", [34, 35, 36, 36], [1, 1, 0]),
    ("II.5.a hoàn thành", "mô hình", [17, 17, 17, 19], [0, 0, 2]),
    ("II.5.a đang triển khai", "mô hình", [16, 17, 18, 16], [1, 1, -2]),
    ("II.5.a đang chờ", "mô hình", [1, 1, 1, 1], [0, 0, 0]),
    ("II.5.b", "nhiệm vụ trọng tâm", [19, 19, 19, 19], [0, 0, 0]),
    ("II.5.b đã triển khai", "triển khai", [13, 13, 13, 14], [0, 0, 1]),
    ("II.5.b đang triển khai", "nhiệm vụ", [4, 4, 4, 4], [0, 0, 0]),
    ("II.5.b nghiên cứu, đề xuất", "nhiệm vụ", [2, 2, 2, 1], [0, 0, -1]),
    # II.6 / II.7 Citizens' identity
    ("II.6.a", "căn cước", [3801402, 3829655, 3861824, 3902418], [28253, 32169, 40594]),
    ("II.6.a", "tài khoản định danh", [2707729, 2741360, 2775718, 2836905], [33631, 34358, 61187]),
    ("II.6.a kích hoạt", "tài khoản", [2171425, 2186930, 2202278, 2247190], [15505, 15348, 44912]),
    ("II.6.a kích hoạt", "", [80.2, 79.8, 79.34, 79.2], [-0.4, -0.46, -0.14]),
    ("II.6.b", "", [14368, 15102, 15860, 16734], [734, 758, 874]),
    ("II.6.b", "", [77.95, 70.98, 64.6, 66.62], [-6.97, -6.38, 2.02]),
    # II.7 / II.8 Data digitised and cleaned
    ("II.7.a đất đai", "số hóa dữ liệu đất đai", [67, 67, 67, 71], [0, 0, 4]),
    ("II.7.a", "người lao động", [1191549, 1196212, 1200579, 1208944], [4663, 4367, 8365]),
    ("II.7.a", "tờ khai", [84605, 84605, 84605, 85117], [0, 0, 512]),
    ("II.7.a", "phương tiện", [96799, 96799, 96799, 97402], [0, 0, 603]),
    ("II.7.a", "người cao tuổi", [57355, 57102, 56920, 56874], [-253, -182, -46]),
    ("II.7.a", "nông dân", [60244, 66530, 72142, 74018], [6286, 5612, 1876]),
    ("II.7.a", "cựu chiến binh", [44393, 46281, 48253, 49106], [1888, 1972, 853]),
    ("II.7.a", "chữ thập đỏ", [1116, 683, 251, 318], [-433, -432, 67]),
    ("II.7.b bảo hiểm xã hội", "", [2805065, 2826540, 2849035, 2871302], [21475, 22495, 22267]),
    ("II.7.b bảo hiểm xã hội", "", [99.42, 99.46, 99.5, 99.55], [0.04, 0.04, 0.05]),
    ("II.7.b thuế", "dữ liệu sai lệch", [39953, 51276, 62423, 70815], [11323, 11147, 8392]),
    ("II.7.b", "đối tượng", [47414, 47414, 47414, 47980], [0, 0, 566]),
    ("II.7.b", "trẻ em", [577722, 577722, 577722, 603455], [0, 0, 25733]),
    ("II.7.b trẻ em", "", [63.17, 63.17, 63.17, 65.99], [0, 0, 2.82]),
    ("II.7.b", "người có công", [18053, 18053, 18053, 18112], [0, 0, 59]),
    # II.8 / II.9 News and posts
    ("II.8.a", "tin", [11, 15, 12, 13], [4, -3, 1]),
    ("II.8.a mạng xã hội", "tin", [150, 260, 400, 380], [110, 140, -20]),
    ("II.8.b", "bài viết", [162, 162, 162, 175], [0, 0, 13]),
    # III. The month ahead: land data still to digitise
    ("III.7.a", "xã", [57, 57, 57, 53], [0, 0, -4]),
]

# Figures the report repeats that are not one series, and why: each is reworded in a month, and
# the words that change carry the meaning, so taking the two wordings as one would need to know
# what the words mean (when unsure, no match). Their months still compare where the wording holds:
# the series stops at the reworded month, and the month after it has no change rather than a
# two-month change.
KNOWN_MISSES = {
    # August "2.488 hồ sơ đăng ký khai sinh - đăng ký thường trú", October "4.679 hồ sơ liên thông
    # khai sinh": the October subject shares only "hồ sơ … khai sinh" with August's; "liên thông"
    # (the joint procedure) names the same files only to a reader who knows that procedure is
    # birth registration plus permanent residence.
    ("II.1.b liên thông, trong tháng", "khai sinh"),
    ("II.1.b liên thông, trong tháng", "khai tử"),
    # August "triển khai công tác số hóa … đối với 57/124 xã", October "tập trung công tác số hóa …":
    # the verb is the one word that names what is done, and "triển khai" (carry out) and "tập
    # trung" (focus on) are different words, not a spelling or word order of one.
    ("III.7.a", "xã"),
}

# Every figure a catalog indicator may take in this series, read in the reports: the subject
# names the indicator. (period, indicator, value).
CATALOG_MATCHES_ALLOWED = {
    # "ban hành, triển khai 04 văn bản chỉ đạo các nhiệm vụ Đề án 06" (I.1.d)
    *((period, "documents_issued", value) for period, value in zip(PERIODS, [4, 5, 6, 3])),
    # "đang triển khai 04 nhiệm vụ" (II.5.b / II.6.b)
    *((period, "tasks_in_progress", 4) for period in PERIODS),
    # "02 nhiệm vụ trọng tâm đã được giao" (III.10, the tax office and Sở Xây dựng)
    *((period, "tasks_assigned", 2) for period in PERIODS),
    # "tổ chức 01 cuộc họp trực tuyến đến cấp xã" (October, I.1.c)
    ("2025-10", "meetings_held", 1),
}


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    db = tmp_path_factory.mktemp("series") / "a.sqlite"
    summary = api.ingest(FILES, db)
    assert (summary.added, summary.failed) == (4, [])
    return db


@pytest.fixture(scope="module")
def table(archive):
    return api.compare(archive)


def _expected(values, changes):
    return list(zip(PERIODS, [float(v) for v in values], [None, *map(float, changes)]))


def _series_of(table):
    out = {}
    for key, rows in table.groupby("indicator"):
        out[key] = (rows["name"].iloc[0], [(p, float(v), None if c != c else float(c))
                                           for p, v, c in zip(rows["period"], rows["value"], rows["change"])])
    return out


def score(table):
    """Each repeated figure: is it one series, one row per period, with the right values and changes?"""
    series = _series_of(table)
    results = []
    for where, words, values, changes in REPEATED:
        expected = _expected(values, changes)
        right = [key for key, (name, rows) in series.items()
                 if rows == expected and subject_key(words) in subject_key(name)]
        results.append((where, words, values[0], right))
    return results


@needs_real
@needs_libreoffice
def test_every_figure_the_report_repeats_is_one_row_per_period_with_its_change(table):
    missed = {(where, words) for where, words, _, right in score(table) if not right}
    assert missed == KNOWN_MISSES


@needs_real
@needs_libreoffice
def test_no_catalog_indicator_takes_a_figure_whose_subject_does_not_name_it(archive):
    """Every figure a catalog indicator took, in any section, not only the one a period shows."""
    with connect(archive, create=False) as conn:
        matched = conn.execute("SELECT r.period, q.indicator, q.value, q.subject FROM quantities q"
                               " JOIN reports r ON r.id = q.report_id WHERE q.indicator IS NOT NULL").fetchall()
    allowed = {(period, key, float(value)) for period, key, value in CATALOG_MATCHES_ALLOWED}
    assert [row for row in matched if (row[0], row[1], float(row[2])) not in allowed] == []


@needs_real
@needs_libreoffice
def test_a_figure_a_month_leaves_out_has_no_change_the_month_after(table):
    """October rewords August's "2.488 hồ sơ đăng ký khai sinh - đăng ký thường trú" (this month's
    births) as "4.679 hồ sơ liên thông khai sinh", so that series has no October figure: November's
    4.330 is not compared with September's 3.391 as if it were one month's change."""
    (rows,) = [rows for _, rows in _series_of(table).values() if rows[0] == ("2025-08", 2488.0, None)]
    assert rows == [("2025-08", 2488.0, None), ("2025-09", 3391.0, 903.0), ("2025-11", 4330.0, None)]


# The office's own catalog for the three rewordings, written from reading both months' sentences:
# each entry names the August and the October wording. (key, entry, values Aug Sep Oct Nov, changes).
OFFICE_ENTRIES = [
    ("joint_birth_files", {"name": "Hồ sơ đăng ký khai sinh - đăng ký thường trú", "unit": "count",
                           "aliases": ["hồ sơ đăng ký khai sinh", "hồ sơ liên thông khai sinh"],
                           "examples": ["hồ sơ đăng ký khai sinh - đăng ký", "hồ sơ liên thông khai sinh"]},
     [2488, 3391, 4679, 4330], [903, 1288, -349]),
    ("joint_death_files", {"name": "Hồ sơ đăng ký khai tử - xóa đăng ký thường trú", "unit": "count",
                           "aliases": ["hồ sơ đăng ký khai tử", "hồ sơ liên thông khai tử"],
                           "examples": ["hồ sơ đăng ký khai tử - xóa đăng", "hồ sơ liên thông khai tử"]},
     [602, 824, 1175, 1082], [222, 351, -93]),
    ("land_data_communes_left", {"name": "Xã còn phải số hóa dữ liệu đất đai", "unit": "ratio",
                                 "aliases": ["triển khai công tác số hóa dữ liệu đất đai",
                                             "tập trung công tác số hóa dữ liệu đất đai"],
                                 "examples": ["triển khai công tác số hóa dữ liệu đất đai đối",
                                              "tập trung công tác số hóa dữ liệu đất đai đối"]},
     [57, 57, 57, 53], [0, 0, -4]),
]


@needs_real
@needs_libreoffice
def test_the_offices_own_catalog_joins_the_two_wordings_of_a_figure(archive, tmp_path):
    """What words alone cannot link, the office can: an entry in baocao-profiles/ beside the
    archive naming August's and October's wording makes each reworded figure one series, the
    office's, with its one-month changes; the running totals those sentences also give stay
    series of their own, and nothing else the report repeats is lost."""
    import shutil

    import yaml

    db = tmp_path / "a.sqlite"
    shutil.copy(archive, db)
    (tmp_path / "baocao-profiles").mkdir()
    entries = [{"key": key, **entry} for key, entry, _, _ in OFFICE_ENTRIES]
    (tmp_path / "baocao-profiles" / "dean06.indicators.yaml").write_text(
        yaml.safe_dump({"indicators": entries}, allow_unicode=True), encoding="utf-8")
    table = api.compare(db)
    for key, entry, values, changes in OFFICE_ENTRIES:
        rows = table[table["indicator"] == key]
        assert set(rows["source"]) == {"office"}, key
        assert [(p, float(v), None if c != c else float(c)) for p, v, c in
                zip(rows["period"], rows["value"], rows["change"])] == _expected(values, changes), key
    assert {(where, words) for where, words, _, right in score(table) if not right} <= KNOWN_MISSES
    running_totals = [rows for _, rows in _series_of(table).values() if rows[0][1] in (34940.0, 17702.0)]
    assert running_totals == [_expected([34940, 38331, 44834, 49164], [3391, 6503, 4330]),
                              _expected([17702, 18526, 19873, 20955], [824, 1347, 1082])]
    # The office's figures are no longer "unmatched".
    unmatched = api.unmatched(db)
    assert not unmatched["text"].isin(["4.679 hồ sơ", "57/124"]).any()


@needs_real
@needs_libreoffice
def test_a_found_indicator_is_named_without_the_figures_of_one_month(table):
    """August's subject "cập nhật 577.722/914.419 thông tin trẻ em vào phần mềm" names a series whose
    figures change every month: its name keeps the words, not August's figures; a number that is part
    of what is measured ("từ đủ 14 tuổi") stays."""
    import re

    names = set(table[table["source"] == "found"]["name"])
    assert [name for name in names if re.search(r"\d\.\d{3}|\d\s*/\s*\d", name)] == []
    assert {"cập nhật thông tin trẻ em vào phần mềm", "công dân từ đủ 14 tuổi trở lên"} <= names
