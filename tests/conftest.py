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


# Real documents of other offices live beside the project (../shared/real), not in it: a user's
# clone has no ../shared, and the tests that need it say so and skip.
REAL = ROOT.parent / "shared" / "real"
REAL_LABELS = ROOT / "tests" / "data" / "real"
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason=f"real documents not here ({REAL} is absent)")


@pytest.fixture(autouse=True)
def _parts_parsed_afresh():
    """The reader keeps the styles and numbering it parsed for the next file made from the same
    template; a test reads its files as the first reader of them, so what it checks is what its own
    run parsed (under `make mutation`, not a part parsed before the mutant was switched on)."""
    from pipeline import read
    read._SHARED.clear()
