"""Check a draft before it is signed, against a profile of rules (rules/profiles/*.yaml).

Rules come in six kinds, each with a level, a Vietnamese message and an optional scope:
must_cite (the report must cite a document), cite_correctly (date, issuer, type and symbol
agree with the registry; nothing replaced is cited), consistent_figures (totals add up, rates
stay within 100%, an achieved/target pair agrees with its percentage: each check the rule has a
message for, so each can be a rule with its own id and level), consistent_tables (the same of
tables, in pipeline/table_checks.py: a task sheet agrees with the text's counts, a percentage
column with its plan and result, a total row with its rows), required_parts, and format.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from pipeline import rules
from pipeline.citations import find_citations, tables as citation_tables
from pipeline.errors import ReadError, RuleError
from pipeline.layout import Layout
from pipeline.models import Citation, Quantity, Report
from pipeline.normalise import fold
from pipeline.quantities import written_number
from pipeline.resolve import catalog, lookup, office_catalog, registry

LEVELS = {"suggestion": 0, "warning": 1, "error": 2}
# What may stand between an achieved/target pair and the percentage that glosses it:
# "45/48 hồ sơ đúng hạn (đạt 93,75%)", "17/30 thửa, bằng 56,7%"; no clause boundary.
_GLOSS = re.compile(r"\s*(?:[^\W\d][\w ]{0,40}?)?\s*,?\s*\(?\s*(?:đạt|bằng|chiếm|tương đương)?\s*(?:tỷ lệ|tỉ lệ)?\s*", re.I)
# A bound before a percentage ("đạt từ 80%", "tỷ lệ khảo sát tối thiểu (10%)") makes it a threshold.
_BOUND_BEFORE = re.compile(r"\b(?:từ|đến|tới|trên|dưới|tối thiểu|tối đa|ít nhất|không quá)\s*\(?\s*$", re.I)
_OF_PLAN = re.compile(r"\s*(?:so với\s+|của\s+)?(?:kế hoạch|dự toán|chỉ tiêu|cùng kỳ|năm trước|mục tiêu)", re.I)
_AGAINST = re.compile(r"\bso với\b", re.I)
KINDS = ("must_cite", "cite_correctly", "consistent_figures", "consistent_tables", "required_parts", "format")
FIGURE_CHECKS = ("totals", "percent_over_100", "ratio_vs_percent")
REQUIRED_PARTS = ("header", "number_symbol", "place_date", "title", "recipients")
PROFILES_DIR = "profiles"
OFFICE_PROFILES = "baocao-profiles"


@dataclass
class Finding:
    rule: str
    level: str
    message: str
    section: str
    line: int
    col: int
    start: int
    end: int
    text: str
    link: str | None = None
    # For a table cell's finding: how many table cells before it hold the same text, so that its
    # Word comment goes on this cell and not on an equal number elsewhere.
    occurrence: int | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Profile:
    name: str
    description: str
    applies_to: dict
    rules: list[dict]
    path: Path


def _where(profile_path: Path, rule: dict) -> str:
    return f"{profile_path}: rule '{rule['id']}'"


def profile_folders(db: str | Path | None = None) -> list[Path]:
    """Where profiles are found, a later folder's profile replacing an earlier one of the same
    name: those shipped in rules/profiles/, the user's own (their configuration folder), and the
    office's, in a baocao-profiles/ folder beside the archive."""
    import platformdirs

    folders = [rules.RULES_DIR / PROFILES_DIR, Path(platformdirs.user_config_dir("baocao")) / PROFILES_DIR]
    if db is not None:
        folders.append(Path(db).resolve().parent / OFFICE_PROFILES)
    return folders


def load_profile(path: str | Path) -> Profile:
    """One profile file, checked for shape; its examples are run by `validate`."""
    path = Path(path)
    try:
        data = rules.read_yaml(path)
    except FileNotFoundError:
        raise RuleError(f"{path}: no such profile file") from None
    if not isinstance(data, dict) or not data.get("name") or not isinstance(data.get("rules"), list):
        raise RuleError(f"{path}: a profile needs a name and a list of rules")
    applies_to = data.get("applies_to") or {}
    if applies_to != "any" and not isinstance(applies_to, dict):
        raise RuleError(f"{path}: applies_to is 'any' or a mapping of header, doc_type, symbol_org")
    for rule in data["rules"]:
        _check_shape(path, rule)
    return Profile(data["name"], data.get("description", ""), applies_to, data["rules"], path)


@functools.lru_cache(maxsize=8)
def _profiles_in(folders: tuple[Path, ...]) -> dict[str, Profile]:
    found = {}
    for folder in folders:
        for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
            if path.name.endswith(".indicators.yaml"):
                continue  # an office's own indicators, read by compare
            profile = load_profile(path)
            found[profile.name] = profile
    if not found:
        raise RuleError(f"{folders[0]}: no check profiles found")
    return found


def profiles(db: str | Path | None = None) -> dict[str, Profile]:
    """Every profile by name: shipped, the user's, and the office's beside the archive `db`."""
    return _profiles_in(tuple(profile_folders(db)))


def _check_shape(path: Path, rule: dict) -> None:
    if not isinstance(rule, dict) or not rule.get("id"):
        raise RuleError(f"{path}: every rule needs an id")
    where = _where(path, rule)
    if rule.get("kind") not in KINDS:
        raise RuleError(f"{where}: kind must be one of {', '.join(KINDS)}, not {rule.get('kind')!r}")
    if rule.get("level") not in LEVELS:
        raise RuleError(f"{where}: level must be one of {', '.join(LEVELS)}, not {rule.get('level')!r}")
    if not (rule.get("message") or rule.get("messages")):
        raise RuleError(f"{where}: a rule needs a message")
    examples = rule.get("examples") or {}
    if not examples.get("fires"):
        raise RuleError(f"{where}: needs examples that make it fire (examples: fires: [...])")
    if rule["kind"] == "format":
        from pipeline.format_rules import CHECKS
        if rule.get("check") not in CHECKS:
            raise RuleError(f"{where}: check must be one of {', '.join(CHECKS)}, not {rule.get('check')!r}")
    document = rule.get("document")
    if rule["kind"] == "must_cite" and not (document in registry() if isinstance(document, str)
                                            else isinstance(document, dict) and document.get("symbol")):
        raise RuleError(f"{where}: document {document!r} is neither a key of rules/registry.yaml nor "
                        f"{{type, symbol, date, issuer}}")
    if rule["kind"] == "consistent_figures" and not set(rule.get("messages") or {}) <= set(FIGURE_CHECKS):
        raise RuleError(f"{where}: the messages of consistent_figures name its checks: {', '.join(FIGURE_CHECKS)}")
    if rule["kind"] == "consistent_tables":
        from pipeline.table_checks import CHECKS as TABLE_CHECKS
        if not set(rule.get("messages") or {}) <= set(TABLE_CHECKS):
            raise RuleError(f"{where}: the messages of consistent_tables name its checks: {', '.join(TABLE_CHECKS)}")
    if rule["kind"] == "required_parts":
        unknown = [part for part in rule.get("parts") or [] if part not in REQUIRED_PARTS]
        if unknown:
            raise RuleError(f"{where}: parts are among {', '.join(REQUIRED_PARTS)}, not {unknown[0]!r}")
        required = [*(rule.get("parts") or []), *(["roman_parts"] if rule.get("roman_parts") else [])]
        unworded = [part for part in required if part not in (rule.get("messages") or {})]
        if unworded:
            raise RuleError(f"{where}: each part it requires needs its message: {', '.join(unworded)}")
    if re.search(r"\.(?:md|ya?ml)\b|#", rule.get("link") or ""):
        # The link is shown to a draft's author, who has the official texts, not this repository.
        raise RuleError(f"{where}: link {rule['link']!r} points into baocao's files; name the document or "
                        f"clause the author can open")
    if rule.get("scope") and not re.fullmatch(r"[IVX]+(?:\.\d+)*", rule["scope"]):
        raise RuleError(f"{where}: scope {rule['scope']!r} is not a section path such as II or II.5.3")


def validate(files: list[str | Path] | None = None, db: str | Path | None = None) -> list[str]:
    """Load every rule file and run every example (or those of the given profile files); the
    problems found, empty when all is well."""
    from pipeline.legacy import tables as legacy_tables
    from pipeline.quantities import tables as quantity_tables
    from pipeline.tables import table_rules

    problems = []
    for loader in (citation_tables, quantity_tables, catalog, registry, legacy_tables, table_rules):
        try:
            loader()
        except RuleError as exc:
            problems.append(str(exc))
    try:
        files = [Path(path) for path in files or []]
        office_catalog([path.parent for path in files if path.name.endswith(".indicators.yaml")]
                       if files else profile_folders(db)[1:])
        checked = [load_profile(path) for path in files if not path.name.endswith(".indicators.yaml")] if files \
            else list(profiles(db).values())
    except RuleError as exc:
        problems.append(str(exc))
    if problems:
        return problems
    for profile in checked:
        for rule in profile.rules:
            where = _where(profile.path, rule)
            for expect_fire, texts in ((True, rule["examples"]["fires"]),
                                       (False, rule["examples"].get("passes", []))):
                for example in texts:
                    try:
                        report, layout = _example(example)
                    except ReadError as exc:
                        problems.append(f"{where}: its example {example!r} {exc.problem}")
                        continue
                    except (AttributeError, KeyError, TypeError):
                        # A rule author's YAML of another shape: a field missing or a value of another type.
                        problems.append(f"{where}: its example {example!r} is neither a text, a list of paragraphs "
                                        f"and tables, nor a page and its paragraphs "
                                        f"({{pages: [...], paragraphs: [{{text: ...}}]}})")
                        continue
                    fired = [f for f in run_rule(rule, report, layout) if f.rule == rule["id"]]
                    if bool(fired) != expect_fire:
                        state = "never fires on" if expect_fire else "fires on"
                        problems.append(f"{where}: {state} its example {example!r}")
    return problems


def _example(example) -> tuple[Report, Layout | None]:
    """A rule's example as a report: its text; a list of paragraphs and tables (each a list of
    rows of cells), for a rule on tables; or (for a format rule) a page and paragraphs with their look."""
    from pipeline.parse import parse_text
    if isinstance(example, str):
        return parse_text(example, "<example>"), None
    if isinstance(example, list):
        return _report_of_parts(example), None
    from pipeline.format_rules import layout_of_example
    layout = layout_of_example(example)
    return parse_text("\n".join(p.text for p in layout.paragraphs) or "BÁO CÁO", "<example>"), layout


def _report_of_parts(parts: list) -> Report:
    """A report made of paragraphs (strings) and tables (lists of rows of cell texts), as the
    .docx reader would give them: a table's rows are blocks of one table."""
    from pipeline.extract import extract
    from pipeline.models import Block, Document, Paragraph
    from pipeline.resolve import resolve
    from pipeline.structure import build_report

    blocks, tables = [], 0
    for part in parts:
        if isinstance(part, str):
            blocks.append(Block("paragraph", [Paragraph(part)]))
            continue
        tables += 1
        blocks += [Block("row", cells=[[Paragraph(str(cell))] for cell in row], table=tables) for row in part]
    return resolve(extract(build_report(Document("<example>", "example", "", blocks))))


def pick_profiles(report: Report, chosen: str | None = None, db: str | Path | None = None) -> list[Profile]:
    """The profiles a draft is checked against: those for every draft (`applies_to: any`), those
    whose `applies_to` its metadata matches (the format rules its national header calls for, the
    rules of its kind of report), and the one asked for by name or file."""
    known = profiles(db)
    meta = report.metadata
    org = meta.symbol.rsplit("/", 1)[-1] if meta.symbol else None
    facts = {"header": meta.header, "doc_type": meta.doc_type, "symbol_org": org}

    def applies(profile: Profile) -> bool:
        return profile.applies_to == "any" or (
            bool(profile.applies_to) and all(facts.get(key) == value for key, value in profile.applies_to.items()))
    picked = sorted((p for p in known.values() if applies(p)), key=lambda p: p.applies_to != "any")
    if chosen:
        if chosen.endswith((".yaml", ".yml")) or Path(chosen).is_file():
            named = load_profile(chosen)
        elif chosen in known:
            named = known[chosen]
        else:
            raise RuleError(f"no profile named '{chosen}' (known: {', '.join(sorted(known))}; or give a .yaml file)")
        picked = [p for p in picked if p.name != named.name] + [named]
    return picked


def check(report: Report, chosen: list[Profile], layout: Layout | None = None,
          learned: dict | None = None) -> list[Finding]:
    """Every rule of the chosen profiles; a later profile's rule replaces an earlier one with the
    same id, so an office can make a shipped rule stricter or milder in its own profile. `layout`:
    what Word shows of a .docx draft, for the format rules; `learned`: what the archive's reports
    write of the documents they cite (store.learned_registry), for those the registry lacks."""
    by_id = {rule["id"]: rule for profile in chosen for rule in profile.rules}
    if layout is None and any(rule["kind"] == "format" for rule in by_id.values()):
        from pipeline.format_rules import layout_of_example
        layout = layout_of_example(report.text)  # a .txt draft: its lines, once for every format rule
    findings = [f for rule in by_id.values() for f in run_rule(rule, report, layout, learned)]
    return sorted(findings, key=lambda f: (f.start, -LEVELS[f.level], f.rule))


def check_path(path: str | Path, profile: str | None = None, db: str | Path | None = None,
               password: str | None = None):
    """Check one draft file: (report, profiles, findings). Its layout is read for the format
    rules, and with an archive `db` what the archive writes of documents the registry lacks."""
    from pipeline.layout import read_layout
    from pipeline.parse import parse_file

    report = parse_file(path, password)
    chosen = pick_profiles(report, profile, db)
    layout = read_layout(path, password) if report.document.format in ("docx", "doc", "odt") else None
    learned = None
    if db is not None and Path(db).exists():
        from pipeline.store import connect, learned_registry
        learned = learned_registry(connect(db, create=False))
    return report, chosen, check(report, chosen, layout, learned)


def run_rule(rule: dict, report: Report, layout: Layout | None = None, learned: dict | None = None) -> list[Finding]:
    if rule["kind"] == "format":
        return _format(rule, report, layout)
    if rule["kind"] == "cite_correctly":
        return _cite_correctly(rule, report, learned)
    return {"must_cite": _must_cite, "consistent_figures": _consistent_figures, "consistent_tables": _consistent_tables,
            "required_parts": _required_parts}[rule["kind"]](rule, report)


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "?"


def _format(rule: dict, report: Report, layout: Layout | None) -> list[Finding]:
    """A format rule on what Word shows (the draft's layout) or, for a .txt, on its lines."""
    from pipeline.format_rules import layout_of_example, run

    out = []
    for fields, paragraph in run(rule, layout or layout_of_example(report.text)):
        start, end = 0, report.lines[0].end if report.lines else 0  # the page: its first line
        text = paragraph.text.strip() if paragraph is not None else ""
        found = report.text.find(text) if text else -1
        if found >= 0:
            start, end = found, found + len(text)
        out.append(_finding(rule, report, rule["message"].format_map(_Blank(fields)), start, end))
    return out


def _finding(rule: dict, report: Report, message: str, start: int, end: int, document: dict | None = None,
             place: str | None = None) -> Finding:
    """A finding; its link is the document it concerns, as a draft's author would look it up in
    their files, or the place in the draft (a table's row), or else the rule's own reference (a
    clause of the official format rules)."""
    line = report.line_of(start) if report.lines else 1
    line_start = report.lines[line - 1].start if report.lines else 0
    link = _document_words(document) if document else place or rule.get("link")
    return Finding(rule["id"], rule["level"], " ".join(message.split()), report.section_at(start), line,
                   start - line_start + 1, start, end, report.text[start:end], link)


def _document_words(entry: dict) -> str:
    """"Nghị quyết số 72-NQ/TW ngày 09/9/2025 của Bộ Chính trị về …", from its registry entry."""
    words = f"{entry['type']} số {entry['symbol']}"
    if entry.get("date"):
        words += f" ngày {_format_date(entry['date'])}"
    if entry.get("issuer"):
        words += f" của {entry['issuer']}"
    return f"{words} {entry['title']}" if entry.get("title") else words


def _in_scope(section: str, scope: str | None) -> bool:
    return not scope or section == scope or section.startswith(scope + ".")


def _format_date(iso: str | None) -> str:
    if not iso:
        return "?"
    year, month, day = iso.split("-")
    return f"{int(day):02d}/{int(month)}/{year}"


def registry_entry(citation: Citation) -> tuple[dict | None, str | None]:
    """The registry entry a citation names, and the symbol as it should be written when the
    citation wrote a Party symbol the State way ("72/NQ-TW" for "72-NQ/TW")."""
    entry = lookup(citation)
    if entry is None and citation.family and citation.family != "party":
        corrected = _as_party_symbol(citation)
        if corrected:
            return registry().get(corrected[1]), corrected[0]
    return entry, None


def must_cite_document(rule: dict) -> dict:
    """The document a must_cite rule names: a registry key, or (in a profile drafted from the
    archive) the document described as reports write it, {type, symbol, date, issuer}."""
    if isinstance(rule["document"], str):
        return registry()[rule["document"]]
    described = dict(rule["document"])
    found = find_citations(f"{described.get('type') or ''} số {described['symbol']}")
    # Described by hand or drafted from reports that wrote no type: a symbol's code names its type
    # ("05-KH/ĐU", a Kế hoạch), and a symbol without one ("123/UBND-VP") is a "Văn bản".
    kind = described.get("type") or (found[0].type if found else None) or "Văn bản"
    return {**described, "key": found[0].key if found else described["symbol"].casefold(), "type": kind,
            "issuer": described.get("issuer"), "date": described.get("date"), "title": described.get("title")}


def _must_cite(rule: dict, report: Report) -> list[Finding]:
    entry, scope = must_cite_document(rule), rule.get("scope")
    anchor = next((s for s in report.all_sections() if s.path == scope), None) if scope else None
    if scope and anchor is None:
        return []  # the part itself is missing: required_parts says so, not every must_cite in it
    for citation in report.citations:
        known, _ = registry_entry(citation)
        if (known["key"] if known else citation.key) == entry["key"] and _in_scope(citation.section, scope):
            return []
    if anchor is not None:
        start, end = anchor.start, report.lines[anchor.line - 1].end
    else:
        first = report.sections[0] if report.sections else None
        start = first.start if first else 0
        end = report.lines[first.line - 1].end if first else (report.lines[0].end if report.lines else 0)
    message = rule["message"].format(type=entry["type"], symbol=entry["symbol"], date=_format_date(entry["date"]),
                                     issuer=entry["issuer"] or "?", title=entry.get("title") or "", scope=scope or "")
    return [_finding(rule, report, message, start, end, entry)]


def consensus(values: Counter) -> tuple[str, int] | None:
    """The value most archived reports give, when at least two do and more than half of those
    that give one: the archive's word for a document the registry lacks."""
    if not values:
        return None
    (value, count), given = values.most_common(1)[0], sum(values.values())
    return (value, count) if count >= 2 and count * 2 > given else None


def _learned(rule: dict, report: Report, citation: Citation, cited: str, learned: dict) -> list[Finding]:
    """cite-correctly for a document the curated registry lacks: the archive's consensus, at
    warning level (the archive may be wrong where the registry is checked by hand)."""
    entry, out = learned.get(citation.key), []
    if entry is None or "learned_date" not in rule["messages"]:
        return out
    milder = {**rule, "level": "warning"}
    date = consensus(entry["dates"])
    if citation.date and date and citation.date != date[0]:
        out.append(_finding(milder, report, rule["messages"]["learned_date"].format(
            cited=cited, written=_format_date(citation.date), expected=_format_date(date[0]), count=date[1]),
            citation.start, citation.end))
    issuer = consensus(entry["issuers"])
    if citation.issuer and issuer and not _same_body(citation.issuer, issuer[0]):
        out.append(_finding(milder, report, rule["messages"]["learned_issuer"].format(
            cited=cited, written=citation.issuer, expected=issuer[0], count=issuer[1]), citation.start, citation.end))
    return out


def registry_rows(learned: dict) -> list[dict]:
    """The curated registry and what the archive learned, one row per document: its date and
    issuer (curated, or the archive's consensus), how many archived reports cite it, every date
    they give with its count, and whether they disagree on the date."""
    rows = []
    for key in sorted(set(registry()) | set(learned)):
        curated, seen = registry().get(key), learned.get(key)
        dates = seen["dates"] if seen else Counter()
        date = curated.get("date") if curated else (consensus(dates) or (None,))[0]
        issuer = curated.get("issuer") if curated else (consensus(seen["issuers"]) or (None,))[0]
        rows.append({"key": key, "type": curated["type"] if curated else seen["type"],
                     "symbol": curated["symbol"] if curated else seen["symbol"], "date": date, "issuer": issuer,
                     "source": "curated" if curated else "learned", "reports": seen["reports"] if seen else 0,
                     "dates_written": "; ".join(f"{_format_date(d)} ×{n}" for d, n in dates.most_common()),
                     "conflict": len(dates) > 1 or bool(curated and curated.get("date") and dates
                                                         and set(dates) != {curated["date"]})})
    return rows


def _cite_correctly(rule: dict, report: Report, learned: dict | None = None) -> list[Finding]:
    messages, out = rule["messages"], []
    for citation in report.citations:
        cited = f"{citation.type or 'Văn bản'} số {citation.symbol or citation.number}"
        entry, corrected = registry_entry(citation)
        if corrected:
            out.append(_finding(rule, report, messages["symbol"].format(written=citation.symbol, expected=corrected),
                                citation.start, citation.end, entry))
        if entry is None:
            out += _learned(rule, report, citation, cited, learned or {})
            continue
        if citation.date and entry.get("date") and citation.date != entry["date"]:
            out.append(_finding(rule, report, messages["date"].format(
                cited=cited, written=_format_date(citation.date), expected=_format_date(entry["date"])),
                citation.start, citation.end, entry))
        if citation.issuer and entry.get("issuer") and not _same_body(citation.issuer, entry["issuer"]):
            out.append(_finding(rule, report, messages["issuer"].format(
                cited=cited, written=citation.issuer, expected=entry["issuer"]),
                citation.start, citation.end, entry))
        if citation.type and entry.get("type") and citation.type != entry["type"]:
            out.append(_finding(rule, report, messages["type"].format(
                cited=cited, written=citation.type, symbol=entry["symbol"], expected=entry["type"]),
                citation.start, citation.end, entry))
        if entry.get("replaced_by"):
            new = registry()[entry["replaced_by"]]
            out.append(_finding(rule, report, messages["replaced"].format(
                cited=cited, expected=f"{new['type']} số {new['symbol']}"), citation.start, citation.end, new))
    return out


def _as_party_symbol(citation: Citation) -> tuple[str, str] | None:
    """"72/NQ-TW" is a Party resolution written the State way: ("72-NQ/TW", its key)."""
    match = re.fullmatch(r"(\d+)/([A-Za-zĐđ]+)-([A-Za-zĐđ0-9]+)", citation.symbol or "")
    if not match or match.group(3) not in citation_tables().party_orgs:
        return None
    code = match.group(2).upper()  # a Party type code is capitals: "72/Nq-TW" is 72-NQ/TW
    return f"{match.group(1)}-{code}/{match.group(3)}", f"{int(match.group(1))}-{code}/{match.group(3)}".casefold()


def _same_body(written: str, expected: str) -> bool:
    a, b = fold(written), fold(expected)
    return a == b or a in b or b in a


def _consistent_figures(rule: dict, report: Report) -> list[Finding]:
    messages, out = rule["messages"], []
    by_line: dict[int, list[Quantity]] = {}
    for q in report.quantities:
        by_line.setdefault(report.line_of(q.start), []).append(q)
    words = rule.get("total_words", ["tổng số"])
    total_words = [fold(w) for w in words]
    out_of_words = [fold(f"trên {w}") for w in words]  # folded whole: fold("trên ") drops the space
    known = catalog()
    for line_number, figures in by_line.items():
        line_start = report.lines[line_number - 1].start
        for i, total in enumerate(figures if "totals" in messages else []):
            if total.kind != "count":
                continue
            # "10.029 hồ sơ … trên tổng số 13.633 hồ sơ": a total a part is counted out of, not one
            # its parts add up to.
            lead = fold(report.text[max(line_start, total.start - 30):total.start])
            if not any(lead.endswith(w) for w in total_words) or any(lead.endswith(w) for w in out_of_words):
                continue
            parts = []
            for q in figures[i + 1:]:
                if any(fold(report.text[max(0, q.start - 30):q.start]).endswith(w) for w in total_words):
                    break  # a total's parts come before the next total
                if q.kind == "count" and q.unit == total.unit:
                    parts.append(q)
            if len(parts) >= 2 and sum(q.value for q in parts) != total.value:
                out.append(_finding(rule, report, messages["totals"].format(
                    total=written_number(total.value), unit=total.unit, sum=written_number(sum(q.value for q in parts)),
                    parts=" + ".join(q.raw for q in parts)), total.start, parts[-1].end))
        for i, figure in enumerate(figures):
            if figure.kind == "percent" and figure.value > 100 and "percent_over_100" in messages:
                bounded = figure.indicator in known and known[figure.indicator].maximum == 100
                # "Tỷ lệ giải ngân đạt 105% kế hoạch": a rate measured against a plan may pass 100.
                of_plan = (_OF_PLAN.match(report.text, figure.end)
                           or _AGAINST.search(report.text, max(line_start, figure.start - 60), figure.start))
                if bounded or (figure.subject and fold(figure.subject).startswith(fold("tỷ lệ")) and not of_plan):
                    out.append(_finding(rule, report, messages["percent_over_100"].format(
                        subject=figure.subject, written=figure.text), figure.start, figure.end))
            if figure.kind == "ratio" and figure.denominator and "ratio_vs_percent" in messages:
                # "11/15 đơn vị có kết quả đạt từ 80% trở lên, chiếm tỷ lệ 73,33%": a bound the units
                # reached is not the ratio's rate, nor is a bound written before a bracket.
                stated = next((q for q in figures[i + 1:i + 2] if q.kind == "percent" and q.qualifier in (None, "about")
                               and _GLOSS.fullmatch(report.text[figure.end:q.start])
                               and not _BOUND_BEFORE.search(report.text[figure.end:q.start])), None)
                computed = figure.value / figure.denominator * 100
                if stated is not None and abs(stated.value - computed) > 0.6:
                    out.append(_finding(rule, report, messages["ratio_vs_percent"].format(
                        ratio=figure.text, computed=written_number(computed), written=stated.text),
                        figure.start, stated.end))
    return out


def _consistent_tables(rule: dict, report: Report) -> list[Finding]:
    from pipeline.table_checks import run

    out = []
    for issue in run(report, set(rule["messages"]), rule.get("sheet_words")):
        finding = _finding(rule, report, rule["messages"][issue.check].format_map(_Blank(issue.fields)),
                           issue.start, issue.end, place=issue.link)
        finding.occurrence = issue.occurrence
        out.append(finding)
    return out


def _required_parts(rule: dict, report: Report) -> list[Finding]:
    meta, messages, out = report.metadata, rule["messages"], []
    present = {"header": bool(meta.header), "number_symbol": bool(meta.symbol), "place_date": bool(meta.place),
               "title": bool(meta.doc_type and meta.title), "recipients": bool(meta.recipients)}
    first_end = report.lines[0].end if report.lines else 0
    for part in rule.get("parts", []):
        if not present[part]:
            out.append(_finding(rule, report, messages[part], 0, first_end))
    expected = rule.get("roman_parts") or []
    have = {s.label for s in report.all_sections() if s.kind == "roman"}
    for part in expected:
        if part not in have:
            out.append(_finding(rule, report, messages["roman_parts"].format(part=part, expected=", ".join(expected)),
                                0, first_end))
    return out


def fails(findings: list[Finding], fail_level: str) -> bool:
    return any(LEVELS[f.level] >= LEVELS[fail_level] for f in findings)
