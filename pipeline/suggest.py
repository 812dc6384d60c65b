"""Draft a check profile from the archive: the documents an issuer's reports of one kind keep
citing become must-cite rules, for the office to read, edit and keep in baocao-profiles/.

A document is proposed when at least half of the issuer's most recent reports of that kind cite
it (a report cites it in any section); each rule says how many did. Documents the registry knows
are named by their key; the others are described by what the reports wrote (type, symbol, and
the date and issuer most of them gave), so the profile checks them without a registry entry.
"""
from __future__ import annotations

import sqlite3
from collections import Counter

import yaml

from pipeline.errors import BaocaoError
from pipeline.normalise import slug
from pipeline.resolve import registry
from pipeline.store import issuer_key


def suggest_profile(conn: sqlite3.Connection, issuer: str, doc_type: str, recent: int = 6,
                    share: float = 0.5) -> str:
    """The profile as YAML text (comments say where each rule comes from)."""
    reports = conn.execute(
        "SELECT id, period, issuer FROM reports WHERE issuer_key = ? AND upper(doc_type) = upper(?)"
        " AND period IS NOT NULL ORDER BY period DESC, id DESC", (issuer_key(issuer), doc_type)).fetchall()
    latest: dict[str, int] = {}
    for report_id, period, _ in reports:
        latest.setdefault(period, report_id)  # one report per period: the one archived last
    chosen = list(latest.items())[:recent]
    if not chosen:
        known = sorted({f"{i} ({t})" for i, t in conn.execute("SELECT issuer, doc_type FROM reports")})
        raise BaocaoError(f"no archived {doc_type} of '{issuer}' has a period; archived: {', '.join(known) or 'none'}")
    cited: Counter = Counter()
    written: dict[str, list[tuple]] = {}
    for _, report_id in chosen:
        rows = conn.execute("SELECT key, type, symbol, date, issuer FROM citations WHERE report_id = ?"
                            " AND symbol IS NOT NULL", (report_id,)).fetchall()
        for key in {row[0] for row in rows}:
            cited[key] += 1
        for key, *rest in rows:
            written.setdefault(key, []).append(tuple(rest))
    periods = sorted(period for period, _ in chosen)
    rules = []
    for key, count in sorted(cited.items(), key=lambda kv: (-kv[1], kv[0])):
        if count < share * len(chosen):
            continue
        document = key if key in registry() else _as_written(written[key])
        rules.append(_must_cite_rule(key, document, count, len(chosen), periods))
    profile = {"name": slug(f"{reports[0][2]} {doc_type}"),
               "description": f"{doc_type} của {reports[0][2]}: văn bản thường trích dẫn (đề xuất từ kho lưu trữ)",
               "applies_to": {"doc_type": doc_type.upper()},
               "rules": rules}
    header = (f"# Drafted by `baocao profile suggest` from {len(chosen)} archived reports ({periods[0]} to "
              f"{periods[-1]}): each rule is a document at least {share:.0%} of them cite. Read it, edit\n"
              f"# the messages and levels, drop what does not apply, and keep it in baocao-profiles/ beside the "
              f"archive.\n")
    return header + yaml.safe_dump(profile, allow_unicode=True, sort_keys=False, width=10**6)


def _as_written(rows: list[tuple]) -> dict:
    """A document the registry lacks, as most reports wrote it."""
    def most(values):
        values = [v for v in values if v]
        return Counter(values).most_common(1)[0][0] if values else None
    return {"type": most(r[0] for r in rows), "symbol": most(r[1] for r in rows), "date": most(r[2] for r in rows),
            "issuer": most(r[3] for r in rows)}


def _must_cite_rule(key: str, document, count: int, total: int, periods: list[str]) -> dict:
    entry = registry()[key] if isinstance(document, str) else document
    words = f"{entry['type'] or 'Văn bản'} số {entry['symbol']}"
    return {"id": f"must-cite-{key.replace('/', '-')}",
            "kind": "must_cite",
            "level": "warning",
            "document": document,
            "message": f"Báo cáo chưa trích dẫn {{type}} số {{symbol}}: {count} trong {total} báo cáo gần nhất "
                       f"cùng loại ({periods[0]} - {periods[-1]}) đã trích dẫn văn bản này.",
            "examples": {"fires": ["BÁO CÁO\nI. NỘI DUNG\n1. Nội dung công tác trong kỳ."],
                         "passes": [f"BÁO CÁO\nI. NỘI DUNG\n1. Thực hiện {words}."]}}


def suggest_indicators(conn: sqlite3.Connection, issuer: str, office: dict | None = None) -> str:
    """The issuer's recurring figures as catalog entries (YAML), for the office to name, to say
    whether more is better, and to keep as `<name>.indicators.yaml` beside the archive; what the
    office's own catalog already names is not drafted again."""
    from pipeline.compare import found_indicators

    found = found_indicators(conn, issuer, office)
    if found.empty:
        raise BaocaoError(f"no figure of '{issuer}' recurs in two archived periods without a catalog indicator")
    entries = []
    for _, rows in found.groupby("indicator", sort=False):
        first = rows.iloc[0]
        entries.append({"key": slug(first["name"])[:48].replace("-", "_"), "name": first["name"], "unit": first["kind"],
                        "higher_is_better": None, "aliases": [first["name"]], "examples": [first["name"]],
                        "seen": {period: float(value) for period, value in zip(rows["period"], rows["value"])}})
    header = (f"# Drafted by `baocao indicators suggest` from the archived reports of {issuer}: figures that recur\n"
              f"# in two periods or more and no catalog indicator names (`seen`: the value per period). Give\n"
              f"# each a key and name of your own, set higher_is_better (true or false; empty shows no\n"
              f"# direction), drop what is not an indicator, and keep the file as <name>.indicators.yaml in\n"
              f"# baocao-profiles/ beside the archive.\n")
    return header + yaml.safe_dump({"indicators": entries}, allow_unicode=True, sort_keys=False, width=10**6)
