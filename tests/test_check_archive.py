"""What the archive writes of the documents its reports cite (issue 12, item 4): the word of most
reports on a document rules/registry.yaml lacks, the warnings a draft gets from it, and the rows of
`baocao registry`. The archive is real: three short reports ingested into SQLite."""
from collections import Counter

import pytest

from pipeline import api
from pipeline.check import check_path, consensus

# Three archived months. Nghị quyết 12/NQ-HĐND (not in the registry): two date it 10/12/2025 and
# name HĐND tỉnh, one writes 11/12/2025 and UBND tỉnh. Kế hoạch 5/KH-UBND: one report only.
# Công văn 15/UBND-VP: two reports date it 10/12/2025.
# Nghị quyết 72-NQ/TW (in the registry, dated 09/9/2025): one report writes 09/10/2025.
# Nghị quyết 57-NQ/TW (in the registry, 22/12/2024): one report, with its own date. Hướng dẫn
# 05-HD/VPTW (in the registry, 27/5/2026): none. Dates are written as Party documents write them,
# the month without a leading zero.
ARCHIVED = {
    "2026-01": "Thực hiện Nghị quyết số 12/NQ-HĐND ngày 10/12/2025 của HĐND tỉnh; Kế hoạch số 5/KH-UBND ngày "
               "02/01/2026 của UBND xã; Công văn số 15/UBND-VP ngày 10/12/2025.",
    "2026-02": "Thực hiện Nghị quyết số 12/NQ-HĐND ngày 10/12/2025 của HĐND tỉnh và Nghị quyết số 72-NQ/TW ngày "
               "09/10/2025 của Bộ Chính trị; Công văn số 15/UBND-VP ngày 10/12/2025.",
    "2026-03": "Thực hiện Nghị quyết số 12/NQ-HĐND ngày 11/12/2025 của UBND tỉnh; Nghị quyết số 57-NQ/TW ngày "
               "22/12/2024 của Bộ Chính trị.",
}


def report_text(sentence):
    return f"BÁO CÁO\nkết quả tháng\nI. KẾT QUẢ\n1. {sentence}\n"


@pytest.fixture
def archive(tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    for month, sentence in ARCHIVED.items():
        (folder / f"{month}.txt").write_text(report_text(sentence), encoding="utf-8")
    db = tmp_path / "a.sqlite"
    assert api.ingest([folder], db).added == 3
    return db


# (the draft's citation, the warnings it gets: what the draft writes against what most archived
# reports write, each marking the citation as the draft writes it)
DRAFT_CITATIONS = [
    ("Nghị quyết số 12/NQ-HĐND ngày 11/12/2025 của UBND tỉnh", [
        "Nghị quyết số 12/NQ-HĐND ghi ngày 11/12/2025, nhưng 2 báo cáo đã lưu ghi ngày 10/12/2025.",
        "Nghị quyết số 12/NQ-HĐND ghi cơ quan ban hành là Ủy ban nhân dân tỉnh, nhưng 2 báo cáo đã lưu ghi "
        "Hội đồng nhân dân tỉnh."]),
    ("Nghị quyết số 12/NQ-HĐND ngày 11/12/2025", [
        "Nghị quyết số 12/NQ-HĐND ghi ngày 11/12/2025, nhưng 2 báo cáo đã lưu ghi ngày 10/12/2025."]),
    ("Nghị quyết số 12/NQ-HĐND của UBND tỉnh", [
        "Nghị quyết số 12/NQ-HĐND ghi cơ quan ban hành là Ủy ban nhân dân tỉnh, nhưng 2 báo cáo đã lưu ghi "
        "Hội đồng nhân dân tỉnh."]),
    # As most archived reports write it.
    ("Nghị quyết số 12/NQ-HĐND ngày 10/12/2025 của HĐND tỉnh", []),
    # Without its type word, a document is "Văn bản".
    ("15/UBND-VP ngày 11/12/2025", [
        "Văn bản số 15/UBND-VP ghi ngày 11/12/2025, nhưng 2 báo cáo đã lưu ghi ngày 10/12/2025."]),
    # One archived report is no consensus, whatever the draft writes.
    ("Kế hoạch số 5/KH-UBND ngày 03/01/2026 của UBND huyện", []),
]


@pytest.mark.parametrize("citation, messages", DRAFT_CITATIONS, ids=[c[0] for c in DRAFT_CITATIONS])
def test_a_draft_is_warned_where_it_differs_from_what_most_archived_reports_write(tmp_path, archive, citation,
                                                                                  messages):
    draft = tmp_path / "draft.txt"
    draft.write_text(report_text(f"Thực hiện {citation}."), encoding="utf-8")
    _, _, findings = check_path(draft, db=archive)
    assert [(f.rule, f.level, f.message, f.section, f.text) for f in findings if f.rule == "cite-correctly"] == [
        ("cite-correctly", "warning", message, "I.1", citation) for message in messages]


def test_every_citation_of_a_draft_is_checked_against_the_registry_or_the_archive(tmp_path, archive):
    draft = tmp_path / "draft.txt"
    draft.write_text(report_text("Thực hiện Nghị quyết số 72-NQ/TW ngày 09/10/2025; Nghị quyết số 12/NQ-HĐND ngày "
                                 "11/12/2025; Nghị quyết số 57-NQ/TW ngày 22/11/2024."), encoding="utf-8")
    _, _, findings = check_path(draft, db=archive)
    assert [(f.level, f.message) for f in findings if f.rule == "cite-correctly"] == [
        ("error", "Nghị quyết số 72-NQ/TW ghi ngày 09/10/2025, nhưng văn bản này ban hành ngày 09/9/2025."),
        ("warning", "Nghị quyết số 12/NQ-HĐND ghi ngày 11/12/2025, nhưng 2 báo cáo đã lưu ghi ngày 10/12/2025."),
        ("error", "Nghị quyết số 57-NQ/TW ghi ngày 22/11/2024, nhưng văn bản này ban hành ngày 22/12/2024.")]


def test_registry_rows_give_the_curated_word_or_the_archives(archive):
    rows = {row["key"]: row for row in api.registry_entries(archive)}
    assert [rows[key] for key in ("12/nq-hđnd", "5/kh-ubnd", "72-nq/tw", "57-nq/tw", "5-hd/vptw")] == [
        {"key": "12/nq-hđnd", "type": "Nghị quyết", "symbol": "12/NQ-HĐND", "date": "2025-12-10",
         "issuer": "Hội đồng nhân dân tỉnh", "source": "learned", "reports": 3,
         "dates_written": "10/12/2025 ×2; 11/12/2025 ×1", "conflict": True},
        {"key": "5/kh-ubnd", "type": "Kế hoạch", "symbol": "5/KH-UBND", "date": None, "issuer": None,
         "source": "learned", "reports": 1, "dates_written": "02/1/2026 ×1", "conflict": False},
        {"key": "72-nq/tw", "type": "Nghị quyết", "symbol": "72-NQ/TW", "date": "2025-09-09", "issuer": "Bộ Chính trị",
         "source": "curated", "reports": 1, "dates_written": "09/10/2025 ×1", "conflict": True},
        {"key": "57-nq/tw", "type": "Nghị quyết", "symbol": "57-NQ/TW", "date": "2024-12-22", "issuer": "Bộ Chính trị",
         "source": "curated", "reports": 1, "dates_written": "22/12/2024 ×1", "conflict": False},
        {"key": "5-hd/vptw", "type": "Hướng dẫn", "symbol": "05-HD/VPTW", "date": "2026-05-27",
         "issuer": "Văn phòng Trung ương Đảng", "source": "curated", "reports": 0, "dates_written": "",
         "conflict": False},
    ]


# (how many archived reports give each value, the archive's word: the value most give, when at
# least two give it and more than half of those giving any value do)
CONSENSUS = [
    (Counter(), None),
    (Counter({"2025-12-10": 1}), None),
    (Counter({"2025-12-10": 2}), ("2025-12-10", 2)),
    (Counter({"2025-12-10": 2, "2025-12-11": 1}), ("2025-12-10", 2)),
    (Counter({"2025-12-10": 2, "2025-12-11": 2}), None),
    (Counter({"2025-12-10": 2, "2025-12-11": 1, "2025-12-12": 1}), None),
    (Counter({"2025-12-10": 3, "2025-12-11": 1, "2025-12-12": 1}), ("2025-12-10", 3)),
    (Counter({"2025-12-10": 2, "2025-12-11": 1, "2025-12-12": 1, "2025-12-13": 1}), None),
]


@pytest.mark.parametrize("given, word", CONSENSUS, ids=[str(dict(c[0])) for c in CONSENSUS])
def test_the_archives_word_is_what_a_clear_majority_of_two_or_more_reports_write(given, word):
    assert consensus(given) == word
