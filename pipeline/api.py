"""The library API: one call per user task. The CLI is a thin layer over these.

    parse_file(path, password=None)   -> Report (metadata, sections, citations, quantities)
    ingest(paths, db, jobs=1)         -> Summary (added, unchanged, replaced, failed)
    compare(db, issuer=None, ...)     -> DataFrame of indicators by period, with changes
    cited_by_period(db, issuer=None)  -> DataFrame of citations: new, kept, dropped
    unmatched(db, issuer=None)        -> DataFrame of figures no catalog indicator took, and why
    check_file(path, profile=None)    -> (Report, [Profile], [Finding])
    registry_entries(db)              -> [dict]: curated and learned documents, conflicts
"""
from __future__ import annotations

from pathlib import Path

from pipeline.ingest import Summary, ingest  # noqa: F401  (part of the API)
from pipeline.parse import parse_file, parse_text  # noqa: F401  (part of the API)
from pipeline.store import DEFAULT_DB, connect


def office_indicators(db: str | Path = DEFAULT_DB) -> dict:
    """The office's own indicators (its catalog), kept in the profile folders beside the archive."""
    from pipeline.check import profile_folders
    from pipeline.resolve import office_catalog

    return office_catalog(profile_folders(db)[1:])


def compare(db: str | Path = DEFAULT_DB, issuer: str | None = None, start: str | None = None,
            end: str | None = None, indicators: list[str] | None = None):
    """Indicators × periods with value, change, change_pct and direction (a pandas DataFrame)."""
    from pipeline.compare import indicator_table

    return indicator_table(connect(db, create=False), issuer, start, end, indicators, office_indicators(db))


def unmatched(db: str | Path = DEFAULT_DB, issuer: str | None = None):
    """The figures no catalog indicator took, the built-in one or the office's, with why and how
    often their subject recurs."""
    from pipeline.compare import unmatched_table

    return unmatched_table(connect(db, create=False), issuer, office_indicators(db))


def cited_by_period(db: str | Path = DEFAULT_DB, issuer: str | None = None, start: str | None = None,
                    end: str | None = None):
    """What each period's report cites, and what it stopped citing (a pandas DataFrame)."""
    from pipeline.compare import citation_table

    return citation_table(connect(db, create=False), issuer, start, end)


def check_file(path: str | Path, profile: str | None = None, db: str | Path | None = None,
               password: str | None = None):
    """Check one draft: the report, the profiles it was checked against (those for every draft,
    those its metadata calls for, and `profile`, a name or a YAML file), and the findings. `db`:
    the archive, beside which an office keeps its own profiles (baocao-profiles/); `password`
    opens a password-protected draft."""
    from pipeline.check import check_path

    return check_path(path, profile, db, password)


def registry_entries(db: str | Path = DEFAULT_DB) -> list[dict]:
    """The directive registry beside what the archive's reports write of each document they cite."""
    from pipeline.check import registry_rows
    from pipeline.store import learned_registry

    return registry_rows(learned_registry(connect(db, create=False)))
