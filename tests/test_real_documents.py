"""Real documents of other offices (../shared/real): read without error, and scored against hand labels."""
from __future__ import annotations

import pytest

from conftest import REAL, needs_real

REAL_DOCX = sorted(REAL.glob("docx/*.docx")) if REAL.is_dir() else []

pytestmark = needs_real


@pytest.mark.parametrize("path", REAL_DOCX, ids=[p.name for p in REAL_DOCX])
def test_every_real_docx_is_read(path):
    """Every real .docx parses: none is refused for the legacy fonts it only declares."""
    from pipeline import parse_file

    report = parse_file(path)
    assert report.text.strip()
    assert not [w for w in report.warnings if "legacy" in w]


def test_the_real_folder_is_complete():
    """The labels and the read test above cover the folder as shipped, not an empty glob."""
    assert len(REAL_DOCX) == 49
