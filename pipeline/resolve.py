"""The resolve stage: tie facts to what they mean. Figures to the indicator catalog
(rules/indicators.yaml), short citations to the full citation they stand for."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from pipeline import rules
from pipeline.citations import resolve_short_forms
from pipeline.models import Citation, Report
from pipeline.normalise import fold

MATCH_THRESHOLD = 90
TARGET_QUALIFIERS = frozenset({"target", "at_least", "at_most"})


@dataclass(frozen=True)
class Indicator:
    key: str
    name: str
    unit: str
    higher_is_better: bool | None
    maximum: float | None
    aliases: tuple[str, ...]
    folded: tuple[str, ...]
    defining: tuple[frozenset[str], ...]  # per alias, its words that are not generic


@functools.lru_cache(maxsize=1)
def _abbreviations() -> list[tuple[re.Pattern, str]]:
    out = []
    for entry in rules.entries("abbreviations", "abbreviations"):
        pattern = rules.compile_checked(rf"(?<!\w){re.escape(entry['short'])}(?!\w)", entry["examples"],
                                        f"rules/abbreviations.yaml '{entry['short']}'")
        out.append((pattern, entry["long"]))
    return out


def subject_key(text: str) -> str:
    """A subject as the catalog compares it: abbreviations spelled out, then folded."""
    for pattern, long in _abbreviations():
        text = pattern.sub(long, text)
    return fold(text.replace(",", " "))


@functools.lru_cache(maxsize=1)
def catalog() -> dict[str, Indicator]:
    return build_catalog(rules.entries("indicators", "indicators"), "rules/indicators.yaml")


def build_catalog(entries: list[dict], where: str) -> dict[str, Indicator]:
    """Indicators from catalog entries; each entry's examples must resolve to it. An office's own
    entry may leave `higher_is_better` empty: its changes are then shown without a direction."""
    out = {}
    for entry in entries:
        missing = [name for name in ("key", "name", "unit", "examples") if not entry.get(name)]
        if missing:
            raise rules.RuleError(f"{where}: an indicator needs {', '.join(missing)}: {entry!r}")
        aliases = tuple([entry["name"], *(entry.get("aliases") or [])])
        folded = tuple(subject_key(a) for a in aliases)
        better = entry.get("higher_is_better")
        out[entry["key"]] = Indicator(entry["key"], entry["name"], entry["unit"], None if better is None else bool(better),
                                      entry.get("max"), aliases, folded,
                                      tuple(frozenset(alias.split()) - generic_words() for alias in folded))
    for entry in entries:
        for example in entry["examples"]:
            found = match_indicator(example, entry["unit"], _catalog=out)
            if found != entry["key"]:
                raise rules.RuleError(f"{where} '{entry['key']}': example {example!r} resolves to {found!r}")
    return out


def office_catalog(folders: list[Path]) -> dict[str, Indicator]:
    """An office's own indicators: every `*.indicators.yaml` in the profile folders."""
    out: dict[str, Indicator] = {}
    for folder in folders:
        for path in sorted(folder.glob("*.indicators.yaml")) if folder.is_dir() else []:
            data = rules.read_yaml(path) or {}
            out |= build_catalog(data.get("indicators") or [], str(path))
    return out


def match_indicator(subject: str | None, kind: str, _catalog: dict[str, Indicator] | None = None) -> str | None:
    """The catalog key a subject names, for a figure of this kind; None when nothing is close."""
    if not subject:
        return None
    if _catalog is None:
        return _match_cached(subject, kind)
    return _match(subject, kind, _catalog)


@functools.lru_cache(maxsize=4096)
def _match_cached(subject: str, kind: str) -> str | None:
    # Reports repeat their subjects month after month: match each (subject, kind) once.
    return _match(subject, kind, catalog())


@functools.lru_cache(maxsize=1)
def generic_words() -> frozenset[str]:
    return frozenset(word for phrase in rules.load("indicators").get("generic_words", [])
                     for word in subject_key(phrase).split())


def _aliases_named(key: str, indicator: Indicator) -> list[str]:
    """The indicator's aliases (folded) whose own words a subject (as `subject_key` reads it) all
    carries. A subset scores 100 in token_set_ratio: "tỷ lệ" alone would be every rate, so an
    alias counts only when the subject carries its words that are not generic ("hộ nghèo")."""
    words = set(key.split())
    return [alias for alias, defining in zip(indicator.folded, indicator.defining) if defining and defining <= words]


def naming_score(subject: str | None, indicator: str, _catalog: dict[str, Indicator] | None = None) -> tuple[int, float]:
    """How fully a subject names a catalog indicator (of `_catalog`, else the built-in one): the
    most words of one alias it carries, then how close it is to that alias. "nhiệm vụ được giao
    chỉ đạo thực hiện" names tasks_assigned more fully than "nhiệm vụ được giao cho các chi bộ"."""
    known = (catalog() if _catalog is None else _catalog).get(indicator)
    if not subject or known is None:
        return (0, 0.0)
    key = subject_key(subject)
    words = set(key.split())
    return max(((len(set(alias.split()) & words), fuzz.ratio(alias, key)) for alias in _aliases_named(key, known)),
               default=(0, 0.0))


def _match(subject: str, kind: str, indicators: dict[str, Indicator]) -> str | None:
    key = subject_key(subject)
    best, best_score = None, (0.0, 0.0)
    for indicator in indicators.values():
        if indicator.unit != kind:
            continue
        for alias in _aliases_named(key, indicator):
            # Every word of the alias in the subject counts most; closeness of the whole breaks ties.
            score = (fuzz.token_set_ratio(alias, key), fuzz.ratio(alias, key))
            if score > best_score:
                best, best_score = indicator.key, score
    return best if best_score[0] >= MATCH_THRESHOLD else None


@functools.lru_cache(maxsize=1)
def registry() -> dict[str, dict]:
    """The directive registry (rules/registry.yaml) by canonical key; each entry's example
    citations must resolve to it."""
    from pipeline.citations import find_citations

    entries = {entry["key"]: entry for entry in rules.entries("registry", "documents")}
    for entry in entries.values():
        if entry.get("replaced_by") and entry["replaced_by"] not in entries:
            raise rules.RuleError(f"rules/registry.yaml '{entry['key']}': replaced_by "
                                  f"'{entry['replaced_by']}' is not in the registry")
        for example in entry["examples"]:
            found = find_citations(example)
            if not found or _lookup(found[0], entries) is not entry:
                raise rules.RuleError(f"rules/registry.yaml '{entry['key']}': example {example!r} does not resolve to it")
    return entries


def _lookup(citation: Citation, entries: dict[str, dict]) -> dict | None:
    if citation.key in entries:
        return entries[citation.key]
    if citation.symbol is None and citation.number.isdigit():
        # A short form the report itself does not resolve: unambiguous in the registry, or nothing.
        suffix = f"{int(citation.number)}-{(citation.code or '').casefold()}/"
        matches = [e for key, e in entries.items() if key.startswith(suffix)
                   or key.startswith(f"{int(citation.number)}/") and f"/{(citation.code or '').casefold()}-" in key]
        if len(matches) == 1:
            return matches[0]
    return None


def lookup(citation: Citation) -> dict | None:
    """The registry entry a citation names, by its key (a short form: when unambiguous)."""
    return _lookup(citation, registry())


# The folded units of money: a table row in them is an amount, not a count.
_MONEY = ("dong", "trieu dong", "ti dong", "nghin dong", "ngan dong", "trieu", "ti")


def table_row_indicator(item: str, unit: str | None, meanings, _catalog: dict[str, Indicator] | None = None) -> str | None:
    """The catalog indicator (of `_catalog`, else the built-in one) an indicator sheet's row names,
    from its item, unit and the meanings of its values, matched as a sentence's figure is: a row in
    % is a percentage, a plan beside a result a ratio, a row in money an amount."""
    unit = fold(unit or "")
    kinds = ["percent"] if unit == "%" else []
    if "plan" in meanings and ("actual" in meanings or "cumulative" in meanings):
        kinds.append("ratio")
    kinds.append("amount" if unit in _MONEY else "count")
    return next((key for kind in kinds if (key := match_indicator(item, kind, _catalog))), None)


def resolve(report: Report) -> Report:
    resolve_short_forms(report.citations)
    for citation in report.citations:
        if citation.symbol is None:
            entry = lookup(citation)
            if entry is not None:
                citation.key = entry["key"]
    for quantity in report.quantities:
        # "tối thiểu 85%", "phấn đấu đạt 90%": what is aimed at, not what was done, so no value
        # of an indicator's series (the qualifier keeps it as a target).
        if quantity.qualifier not in TARGET_QUALIFIERS:
            quantity.indicator = match_indicator(quantity.subject, quantity.kind)
    for table in report.tables:
        for row in table.rows if table.kind == "indicators" else ():
            if row.kind == "data":
                row.indicator = table_row_indicator(row.item, row.unit, row.values)
    return report
