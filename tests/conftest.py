import os
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


def shared_unless_mutating(scope):
    """`scope` for a fixture that parses a report once for many tests, except under mutmut: it credits
    what a fixture runs to the first test that uses it, and for a mutant of that code reruns only that
    test, so there each test parses for itself."""
    return lambda fixture_name, config: "function" if os.environ.get("MUTANT_UNDER_TEST") else scope


@pytest.fixture(scope=shared_unless_mutating("session"))
def seed_report():
    from pipeline import parse_file
    return parse_file(SEED_DOCX)


# Real documents of other offices live beside the project (../shared/real), not in it: a user's
# clone has no ../shared, and the tests that need it say so and skip.
REAL = ROOT.parent / "shared" / "real"
REAL_LABELS = ROOT / "tests" / "data" / "real"
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason=f"real documents not here ({REAL} is absent)")


@pytest.fixture(scope="session", autouse=True)
def _caches_emptied_under_mutmut():
    """`make mutation` runs each mutant's tests in a process forked after its first run of the tests,
    with the rules compiled and the reader's styles and numbering parsed by the original code: a mutant
    of what fills those caches would never run. Each run under mutmut starts with them empty."""
    if os.environ.get("MUTANT_UNDER_TEST"):
        from pipeline import check, citations, quantities, read
        for cached in (citations.tables, quantities.tables, check._profiles_in):
            cached.cache_clear()
        read._SHARED.clear()


def pytest_make_parametrize_id(config, val, argname):
    """A text parameter's lines joined by " | " as its id. mutmut names the tests of a mutant back
    to pytest by id with escaping turned off; an id holding a line break names no test, so the tests
    with such texts never ran against any mutant."""
    if isinstance(val, bytes):
        val = val.decode("latin-1")
    if isinstance(val, str) and "\n" in val:
        return " | ".join(val.splitlines())
    return None


def pytest_collection_modifyitems(items):
    broken = [item.nodeid for item in items if "\n" in item.nodeid or "\\n" in item.nodeid]
    if broken:
        raise pytest.UsageError("test ids must hold no line break (mutmut cannot name them back): "
                                + ", ".join(broken[:5]))
