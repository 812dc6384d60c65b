import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

CORPUS = ROOT / "corpus"
SEED_TXT = CORPUS / "variants" / "lung-phinh_2026-05_seed.txt"
SEED_DOCX = CORPUS / "reports" / "lung-phinh_2026-05_seed.docx"
SEED_VARIANTS = [SEED_TXT, SEED_DOCX,
                 CORPUS / "variants" / "lung-phinh_2026-05_seed_auto-numbering.docx",
                 CORPUS / "variants" / "lung-phinh_2026-05_seed_tracked-changes.docx"]


@pytest.fixture(scope="session")
def seed_report():
    from pipeline import parse_file
    return parse_file(SEED_DOCX)
