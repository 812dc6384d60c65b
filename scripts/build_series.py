"""Write the made-up months of a real series: `python scripts/build_series.py`.

The real series is Lâm Đồng's monthly report on Đề án 06 (its steering committee, Ban Chỉ đạo
… và Đề án 06): August 2025 (.docx) and October 2025 (.doc), both real, in ../shared/real. This
script writes September and November 2025 from the real August file with python-docx: the same
paragraphs, runs, header table and footnotes, with its figures, dates and the Tờ trình it answers
changed to invented, plausible ones — between August's and October's for September, beyond
October's for November. The results go to tests/data/series/ (test data: they make a series only
beside the real months), named `…_made-up.docx`, and say in their document properties that they
are made up and what they were made from.

Every edit must find its August text exactly as often as it says, so a typo here fails loudly
instead of leaving August's figure in a made-up month.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import docx

sys.path.insert(0, str(Path(__file__).resolve().parent))
import docxkit  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
AUGUST = ROOT.parent / "shared" / "real" / "docx" / "lamdong_bc_dean06_thang08_2025.docx"
SERIES = ROOT / "tests" / "data" / "series"
NAMES = {9: "lamdong_bc_dean06_thang09_2025_made-up.docx", 11: "lamdong_bc_dean06_thang11_2025_made-up.docx"}

# (August's text, September's, November's, how many times August writes it). Each figure keeps
# enough of its words to be found once; the made-up values keep the report's own arithmetic
# (a part and its total give the percentage written beside them, the models add up to the total).
EDITS = [
    # dates, the month reported on and the month planned for
    ("tháng 8 năm 2025", "tháng 9 năm 2025", "tháng 11 năm 2025", 1),
    ("Trong tháng 9/2025", "Trong tháng 10/2025", "Trong tháng 12/2025", 2),
    ("tháng 8/2025", "tháng 9/2025", "tháng 11/2025", 5),
    ("Tờ trình số 108/TTr-CAT-PC06 ngày 22/8/2025", "Tờ trình số 121/TTr-CAT-PC06 ngày 23/9/2025",
     "Tờ trình số 147/TTr-CAT-PC06 ngày 21/11/2025", 1),
    ("Tính đến ngày 15/8/2025", "Tính đến ngày 15/9/2025", "Tính đến ngày 15/11/2025", 2),
    ("nhiệm vụ Quý III/2025", "nhiệm vụ Quý III/2025", "nhiệm vụ Quý IV/2025", 1),
    # I. the steering committee's and the police's documents and meetings
    ("triển khai 04 văn bản", "triển khai 05 văn bản", "triển khai 03 văn bản", 1),
    ("ban hành 03 văn bản triển khai", "ban hành 05 văn bản triển khai", "ban hành 02 văn bản triển khai", 1),
    ("Tổ chức 16 lượt làm việc", "Tổ chức 14 lượt làm việc", "Tổ chức 21 lượt làm việc", 1),
    ("đã ban hành 01 Kế hoạch", "đã ban hành 02 Kế hoạch", "đã ban hành 01 Kế hoạch", 1),
    (", 12 văn bản để triển khai", ", 15 văn bản để triển khai", ", 10 văn bản để triển khai", 1),
    # II.1 online public services
    ("cung cấp 2.028 dịch vụ công", "cung cấp 2.028 dịch vụ công", "cung cấp 2.030 dịch vụ công", 1),
    ("trực tuyến đạt 74,88%", "trực tuyến đạt 78,15%", "trực tuyến đạt 84,37%", 1),
    ("61.660 hồ sơ trực tuyến/62.089", "88.305 hồ sơ trực tuyến/89.547", "139.870 hồ sơ trực tuyến/142.311", 1),
    ("đạt tỷ lệ 99,31%", "đạt tỷ lệ 98,61%", "đạt tỷ lệ 98,28%", 1),
    ("62.904/73.124 hồ sơ (đạt tỷ lệ 86,02%", "45.118/55.730 hồ sơ (đạt tỷ lệ 80,96%",
     "31.840/42.105 hồ sơ (đạt tỷ lệ 75,62%", 1),
    ("phát sinh 3.090 hồ sơ", "phát sinh 4.215 hồ sơ", "phát sinh 5.412 hồ sơ", 1),
    ("(2.488 hồ sơ", "(3.391 hồ sơ", "(4.330 hồ sơ", 1),
    ("và 602 hồ sơ", "và 824 hồ sơ", "và 1.082 hồ sơ", 1),
    ("2.341 hồ sơ đã trả kết quả (đạt tỷ lệ 75,76%)", "3.389 hồ sơ đã trả kết quả (đạt tỷ lệ 80,4%)",
     "4.856 hồ sơ đã trả kết quả (đạt tỷ lệ 89,73%)", 1),
    ("phát sinh 52.642 hồ sơ", "phát sinh 56.857 hồ sơ", "phát sinh 70.119 hồ sơ", 1),
    ("(34.940 hồ sơ", "(38.331 hồ sơ", "(49.164 hồ sơ", 1),
    ("và 17.702 hồ sơ", "và 18.526 hồ sơ", "và 20.955 hồ sơ", 1),
    ("36.001 hồ sơ đã trả kết quả (đạt tỷ lệ 68,4%)", "39.390 hồ sơ đã trả kết quả (đạt tỷ lệ 69,28%)",
     "50.178 hồ sơ đã trả kết quả (đạt tỷ lệ 71,56%)", 1),
    # II.2 the economy: health insurance look-ups, residence notices, cashless payments
    ("là 8.922.249 lượt", "là 9.187.530 lượt", "là 9.741.802 lượt", 1),
    ("7.785.689 lượt tra cứu thành công, đạt tỷ lệ 87,2%", "8.051.366 lượt tra cứu thành công, đạt tỷ lệ 87,6%",
     "8.590.114 lượt tra cứu thành công, đạt tỷ lệ 88,2%", 1),
    ("ASM cho 119 cơ sở", "ASM cho 152 cơ sở", "ASM cho 214 cơ sở", 1),
    ("thực hiện 63.362 lượt", "thực hiện 64.170 lượt", "thực hiện 66.251 lượt", 1),
    ("cấp 4.850 tài khoản", "cấp 5.903 tài khoản", "cấp 8.116 tài khoản", 1),
    ("thực hiện 5.014.527 lượt", "thực hiện 5.402.318 lượt", "thực hiện 6.215.774 lượt", 1),
    ("đạt 34,3% trên tổng số chi phí", "đạt 39,8% trên tổng số chi phí", "đạt 48,2% trên tổng số chi phí", 1),
    ("đạt 24% trên tổng lượt", "đạt 31,5% trên tổng lượt", "đạt 42,7% trên tổng lượt", 1),
    ("cho 46.556 người", "cho 51.204 người", "cho 60.387 người", 1),
    ("khu vực đô thị đạt 84,65%", "khu vực đô thị đạt 84,97%", "khu vực đô thị đạt 85,71%", 1),
    ("hàng tháng đạt 74,82%", "hàng tháng đạt 75,16%", "hàng tháng đạt 76,02%", 1),
    ("một lần đạt 97,56%", "một lần đạt 97,73%", "một lần đạt 98,31%", 1),
    # II.3 criminal-record certificates and health books on VNeID
    ("phát sinh 10.029 hồ sơ", "phát sinh 12.047 hồ sơ", "phát sinh 16.385 hồ sơ", 1),
    ("tổng số 13.633 hồ sơ tiếp nhận từ các nguồn, đạt tỷ lệ 73,56%",
     "tổng số 15.910 hồ sơ tiếp nhận từ các nguồn, đạt tỷ lệ 75,72%",
     "tổng số 20.642 hồ sơ tiếp nhận từ các nguồn, đạt tỷ lệ 79,38%", 1),
    ("tiếp nhận 13.460 hồ sơ", "tiếp nhận 15.512 hồ sơ", "tiếp nhận 20.131 hồ sơ", 1),
    ("tổng số 14.014 hồ sơ tiếp nhận từ các nguồn, đạt tỷ lệ 96,05%",
     "tổng số 16.228 hồ sơ tiếp nhận từ các nguồn, đạt tỷ lệ 95,59%",
     "tổng số 21.402 hồ sơ tiếp nhận từ các nguồn, đạt tỷ lệ 94,06%", 1),
    ("tích hợp 562.694 sổ", "tích hợp 562.694 sổ", "tích hợp 571.230 sổ", 1),
    ("25.198 giấy chuyển tuyến, 36.518 giấy", "25.198 giấy chuyển tuyến, 36.518 giấy",
     "25.940 giấy chuyển tuyến, 37.105 giấy", 1),
    # II.4 the campaigns of August (the Party cards' ends in September)
    ("104.739/120.170 hồ sơ cấp đổi thẻ đảng viên (đạt tỷ lệ 87,16%)",
     "118.954/120.170 hồ sơ cấp đổi thẻ đảng viên (đạt tỷ lệ 98,99%)",
     "120.170/120.170 hồ sơ cấp đổi thẻ đảng viên (đạt tỷ lệ 100%)", 1),
    # II.5 pilot models and the 19 focus tasks
    ("triển khai 34 mô hình", "triển khai 35 mô hình", "triển khai 36 mô hình", 1),
    ("hoàn thành triển khai 17 mô hình, 16 mô hình", "hoàn thành triển khai 17 mô hình, 17 mô hình",
     "hoàn thành triển khai 19 mô hình, 16 mô hình", 1),
    ("đã triển khai 13/19 nhiệm vụ", "đã triển khai 13/19 nhiệm vụ", "đã triển khai 14/19 nhiệm vụ", 1),
    ("là 02 nhiệm vụ", "là 02 nhiệm vụ", "là 01 nhiệm vụ", 1),
    # II.6 citizens' identity accounts
    ("thu nhận 3.801.402 lượt", "thu nhận 3.829.655 lượt", "thu nhận 3.902.418 lượt", 1),
    ("2.707.729 tài khoản định danh điện tử, kích hoạt 2.171.425 tài khoản (đạt tỷ lệ 80,2%)",
     "2.741.360 tài khoản định danh điện tử, kích hoạt 2.186.930 tài khoản (đạt tỷ lệ 79,8%)",
     "2.836.905 tài khoản định danh điện tử, kích hoạt 2.247.190 tài khoản (đạt tỷ lệ 79,2%)", 1),
    ("14.368/18.430 cơ quan", "15.102/21.275 cơ quan", "16.734/25.120 cơ quan", 1),
    ("đạt tỷ lệ 77,95%", "đạt tỷ lệ 70,98%", "đạt tỷ lệ 66,62%", 1),
    # II.7 data digitised and cleaned
    ("đất đai của 67/124 xã", "đất đai của 67/124 xã", "đất đai của 71/124 xã", 1),
    ("dân cư 1.191.549 người lao động", "dân cư 1.196.212 người lao động", "dân cư 1.208.944 người lao động", 1),
    ("Cập nhật 84.605 tờ khai với thông tin 96.799", "Cập nhật 84.605 tờ khai với thông tin 96.799",
     "Cập nhật 85.117 tờ khai với thông tin 97.402", 1),
    ("57.355 hội viên", "57.102 hội viên", "56.874 hội viên", 1),
    ("60.244 hội viên", "66.530 hội viên", "74.018 hội viên", 1),
    ("44.393 hội viên", "46.281 hội viên", "49.106 hội viên", 1),
    ("1.116 hội viên", "683 hội viên", "318 hội viên", 1),
    ("2.805.065 người, đạt tỷ lệ 99,42%", "2.826.540 người, đạt tỷ lệ 99,46%", "2.871.302 người, đạt tỷ lệ 99,55%", 1),
    ("39.953 dữ liệu", "51.276 dữ liệu", "70.815 dữ liệu", 1),
    ("hệ thống 47.414 đối tượng", "hệ thống 47.414 đối tượng", "hệ thống 47.980 đối tượng", 1),
    ("577.722/914.419 thông tin trẻ em vào phần mềm, đạt tỷ lệ 63,17%",
     "577.722/914.419 thông tin trẻ em vào phần mềm, đạt tỷ lệ 63,17%",
     "603.455/914.419 thông tin trẻ em vào phần mềm, đạt tỷ lệ 65,99%", 1),
    ("dữ liệu 18.053 người", "dữ liệu 18.053 người", "dữ liệu 18.112 người", 1),
    # II.8 news and posts
    ("Đăng tải 11 tin", "Đăng tải 15 tin", "Đăng tải 13 tin", 1),
    ("trên 150 tin", "trên 260 tin", "trên 380 tin", 1),
    ("trên 5.000 cơ quan, tổ chức, trên 60.000 người", "trên 4.200 cơ quan, tổ chức, trên 52.000 người",
     "trên 3.900 cơ quan, tổ chức, trên 47.000 người", 1),
    ("đã đăng tải 162 bài", "đã đăng tải 162 bài", "đã đăng tải 175 bài", 1),
    # III. what is left for the month ahead
    ("đối với 57/124 xã", "đối với 57/124 xã", "đối với 53/124 xã", 1),
]

MADE_UP_NOTE = ("Made-up month for baocao's real series: the real August 2025 report of Lâm Đồng's Đề án 06 "
                "steering committee (../shared/real/docx/lamdong_bc_dean06_thang08_2025.docx) with invented, "
                "plausible figures and dates for {month}/2025. Not a real report.")


def _paragraphs(container):
    """Every paragraph of the body and of its tables, cells within cells too."""
    for paragraph in container.paragraphs:
        yield paragraph
    for table in container.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from _paragraphs(cell)


def _replace(paragraph, pattern: re.Pattern, new: dict[str, str], found: dict[str, int]) -> None:
    """Each match's new text goes into the run where the match starts; the rest of the match is
    cut from the runs it spans, so a figure Word split over runs is replaced whole."""
    runs = paragraph.runs
    text = "".join(run.text for run in runs)
    for match in reversed(list(pattern.finditer(text))):
        found[match.group()] += 1
        start, end, offset = match.start(), match.end(), 0
        pieces = []
        for run in runs:
            pieces.append((run, offset, offset + len(run.text)))
            offset += len(run.text)
        first = True
        for run, low, high in pieces:
            if high <= start or low >= end or low == high:
                continue
            cut_from, cut_to = max(start, low) - low, min(end, high) - low
            run.text = run.text[:cut_from] + (new[match.group()] if first else "") + run.text[cut_to:]
            first = False


def write_month(month: int, path: Path) -> Path:
    if not AUGUST.is_file():
        raise SystemExit(f"{AUGUST}: the real August report is not here; the made-up months are written from it")
    column = {9: 1, 11: 2}[month]
    new = {edit[0]: edit[column] for edit in EDITS}
    pattern = re.compile("|".join(re.escape(old) for old in sorted(new, key=len, reverse=True)))
    found = dict.fromkeys(new, 0)
    document = docx.Document(str(AUGUST))
    for paragraph in _paragraphs(document):
        _replace(paragraph, pattern, new, found)
    wrong = [(old, found[old], times) for old, *_, times in EDITS if found[old] != times]
    if wrong:
        raise SystemExit(f"{AUGUST}: edits found a wrong number of times (text, found, expected): {wrong}")
    properties = document.core_properties
    properties.comments = MADE_UP_NOTE.format(month=month)
    properties.keywords = "made-up; real series"
    properties.title = f"Made-up: Đề án 06, Lâm Đồng, tháng {month}/2025"
    docxkit.save(document, path)
    return path


def build() -> list[Path]:
    SERIES.mkdir(parents=True, exist_ok=True)
    return [write_month(month, SERIES / name) for month, name in NAMES.items()]


if __name__ == "__main__":
    for written_path in build():
        print(written_path.relative_to(ROOT))
