"""Compare indicators period by period, and what each period's reports cite.

One value per issuer, indicator and period: from the most recently archived report of that
period (two reports of one issuer, type and period are both kept, and flagged by `ingest` and
`reports`), the figure whose subject names the catalog indicator most fully (the first in reading
order of those that name it as fully); a report's other figures of that indicator are compared
as its own found indicators, never dropped. The change is against the
issuer's previous archived period, and its direction knows whether higher is better. A range of
periods chooses the rows shown, never what they are compared against: the first month shown is
compared with the month before it.
"""
from __future__ import annotations

import math
import re
import sqlite3
from itertools import count

import pandas as pd

from pipeline.errors import BaocaoError
from pipeline.normalise import slug
from pipeline.resolve import (TARGET_QUALIFIERS, catalog, generic_words, match_indicator, naming_score,
                              subject_key, table_row_indicator)
from pipeline.store import issuer_key

COLUMNS = ["issuer", "indicator", "name", "source", "period", "value", "unit", "change", "change_pct", "direction"]
# A subject that reads the same period after period (its numbers aside) is an indicator of that
# issuer's own, `found`: two wordings at least this close (rapidfuzz token sort) are one subject.
FOUND_SIMILARITY = 90

# The forms `structure.period_of` writes into the archive.
_PERIOD = re.compile(r"(?P<year>\d{4})(?:-(?:(?P<month>0[1-9]|1[0-2])|Q(?P<quarter>[1-4])|H(?P<half>[12])|(?P<nine>9M)))?")
_PERIOD_FORMS = "YYYY-MM (2026-05), YYYY-Qn (2026-Q1), YYYY-H1 or YYYY-H2, YYYY-9M, or YYYY (2026)"


class FilterError(BaocaoError):
    """A filter no archived row could ever match: a period not written as the archive writes them,
    a range that ends before it begins, an indicator the archive does not hold."""


def _months_of(period: str) -> tuple[int, int] | None:
    """The first and last month a period covers, counted from year 0 (None: not a period)."""
    match = _PERIOD.fullmatch(period)
    if not match:
        return None
    year = int(match["year"]) * 12
    if match["month"]:
        first = last = int(match["month"]) - 1
    elif match["quarter"]:
        first = 3 * (int(match["quarter"]) - 1)
        last = first + 2
    elif match["half"]:
        first = 6 * (int(match["half"]) - 1)
        last = first + 5
    else:
        first, last = 0, 8 if match["nine"] else 11
    return year + first, year + last


def _months(period: str) -> tuple[int, int]:
    months = _months_of(period)
    if months is None:
        raise FilterError(f"{period!r} is not a period; periods are written {_PERIOD_FORMS}")
    return months


def _window(start: str | None, end: str | None):
    """A range of periods, checked before anything is read: a function that keeps the rows whose
    period lies wholly inside it. Its ends may be written in any period form ("--from 2026-Q2")."""
    low = _months(start)[0] if start else -math.inf
    high = _months(end)[1] if end else math.inf
    if low > high:
        raise FilterError(f"the range from {start} to {end} is empty: {start} begins after {end} ends")

    def shown(rows: pd.DataFrame) -> pd.DataFrame:
        if not (start or end):
            return rows
        inside = [span is not None and low <= span[0] and span[1] <= high for span in map(_months_of, rows["period"])]
        return rows[inside].reset_index(drop=True)

    return shown


def _check_indicators(indicators: list[str], archived: list[str]) -> None:
    unknown = [key for key in indicators if key not in archived]
    if unknown:
        raise FilterError(f"no indicator {', '.join(map(repr, unknown))} in the archive; "
                          f"the archive holds: {', '.join(archived) or 'none'}")


def _filters(issuer: str | None) -> tuple[str, list]:
    clauses, params = ["r.period IS NOT NULL"], []
    if issuer:
        clauses.append("r.issuer_key = ?")
        params.append(issuer_key(issuer))
    return " AND ".join(clauses), params


def _latest_reports(conn: sqlite3.Connection, where: str, params: list) -> pd.DataFrame:
    """The report that speaks for each issuer and period: the one archived last."""
    return pd.read_sql_query(
        f"SELECT r.id AS report_id, r.issuer, r.issuer_key, r.period, r.path FROM reports r WHERE {where}"
        " AND r.id = (SELECT MAX(o.id) FROM reports o WHERE o.issuer_key IS r.issuer_key"
        " AND o.doc_type IS r.doc_type AND o.period = r.period)", conn, params=params)


def indicator_table(conn: sqlite3.Connection, issuer: str | None = None, start: str | None = None,
                    end: str | None = None, indicators: list[str] | None = None,
                    office: dict | None = None) -> pd.DataFrame:
    """Rows of {issuer, indicator, name, period, value, unit, change, change_pct, direction} plus
    provenance (target, file, section, text), ordered by issuer, indicator and period."""
    shown = _window(start, end)
    reports = _latest_reports(conn, *_filters(issuer))
    if reports.empty:
        return pd.DataFrame(columns=COLUMNS + ["target", "file", "section", "text"])
    known = catalog() | (office or {})
    facts, others = _indicator_figures(conn, reports, office)
    facts["name"] = facts["indicator"].map(lambda key: known[key].name if key in known else key)
    facts["source"] = ["office" if key in (office or {}) else "catalog" for key in facts["indicator"]]
    columns = ["report_id", "indicator", "value", "target", "unit", "section", "text", "start", "name", "source"]
    ids = ",".join(str(i) for i in reports["report_id"])
    facts = pd.concat([facts[columns], _found(others, reports), _from_tables(conn, ids, known, office)],
                      ignore_index=True)
    if indicators:
        _check_indicators(indicators, sorted(set(facts["indicator"])))
        facts = facts[facts["indicator"].isin(indicators)]
    table = facts.merge(reports, on="report_id")
    # One indicator from sentences and from a table is two series side by side, each its own changes.
    table = table.sort_values(["issuer_key", "indicator", "source", "period"]).reset_index(drop=True)
    # Against the issuer's previous report only: a figure October's report did not give leaves
    # November's change unknown, not a two-month change shown as one month's.
    periods = reports[["issuer_key", "period"]].drop_duplicates().sort_values("period")
    periods["before"] = periods.groupby("issuer_key")["period"].shift(1)
    before = table[["issuer_key", "period"]].merge(periods, how="left")["before"]
    grouped = table.groupby(["issuer_key", "indicator", "source"])
    previous = grouped["value"].shift(1).where(grouped["period"].shift(1) == before)
    table["change"] = (table["value"] - previous).round(4)
    table["change_pct"] = ((table["value"] - previous) / previous.where(previous != 0) * 100).round(2)
    # A found indicator's direction is unknown: whether more is better, only a catalog says.
    table["direction"] = [
        _direction(change, known[key].higher_is_better) if key in known else None
        for change, key in zip(table["change"], table["indicator"])]
    table = table.rename(columns={"path": "file"})
    return shown(table[COLUMNS + ["target", "file", "section", "text"]])


def _figures(conn: sqlite3.Connection, reports: pd.DataFrame) -> pd.DataFrame:
    """Every figure of these reports, in reading order."""
    ids = ",".join(str(i) for i in reports["report_id"])
    return pd.read_sql_query(
        f"SELECT report_id, kind, subject, indicator, value, denominator AS target, unit, qualifier, section, text,"
        f" start FROM quantities WHERE report_id IN ({ids}) ORDER BY report_id, start", conn)


def _indicator_figures(conn: sqlite3.Connection, reports: pd.DataFrame,
                       office: dict | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """These reports' figures a catalog indicator takes (the built-in catalog's or the office's,
    one figure per report and indicator), and every other figure."""
    return _catalog_figures(_office_figures(_figures(conn, reports), office), catalog() | (office or {}))


def _office_figures(figures: pd.DataFrame, office: dict | None) -> pd.DataFrame:
    """Figures an office's own catalog names, keyed by its entries. Matched figure by figure,
    before any series is found, so that one entry naming two wordings of one figure joins them:
    a report that rewrites "hồ sơ đăng ký khai sinh - đăng ký thường trú" as "hồ sơ liên thông
    khai sinh" stays one series once the office says both are its entry. A built-in catalog
    match stands; targets are not results."""
    if not office:
        return figures
    figures = figures.copy()
    free = figures["indicator"].isna() & ~figures["qualifier"].isin(TARGET_QUALIFIERS)
    figures.loc[free, "indicator"] = [match_indicator(subject, kind, _catalog=office) for subject, kind
                                      in zip(figures.loc[free, "subject"], figures.loc[free, "kind"])]
    return figures


def _catalog_figures(figures: pd.DataFrame, known: dict | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The one figure of each report a catalog indicator (of `known`, else the built-in catalog)
    takes, and every other figure.

    A report may give several figures that name one indicator: a task count in its review of the
    month and another in a section on one programme, both "nhiệm vụ được giao". Keeping them all
    would give the period several values and no one change; keeping the first in reading order
    (as before) let a passing mention stand for the indicator and dropped the rest unseen. The
    indicator takes the figure whose subject names it most fully (its closest alias, as matching
    scores it; reading order breaks ties), since that is the one the report writes about it; the
    others are figures of the report's own, compared like any unmatched figure (found indicators,
    `compare --unmatched`), so none is lost."""
    matched = figures[figures["indicator"].notna()].copy()
    matched["naming"] = [naming_score(subject, key, known) for subject, key in zip(matched["subject"], matched["indicator"])]
    matched = matched.sort_values(["report_id", "indicator", "naming", "start"], ascending=[True, True, False, True],
                                  kind="stable")
    chosen = matched.drop_duplicates(["report_id", "indicator"], keep="first")
    others = figures.drop(index=chosen.index).copy()
    # A figure another of its report's figures took the indicator from: why, for --unmatched.
    winners = chosen.set_index(["report_id", "indicator"])["text"]
    others["taken_by"] = [f"{key}, which another figure of the report names more fully ({winners[(report, key)]!r})"
                          if pd.notna(key) else None for report, key in zip(others["report_id"], others["indicator"])]
    return chosen.drop(columns="naming").sort_values(["report_id", "start"]), others


def _from_tables(conn: sqlite3.Connection, ids: str, known: dict, office: dict | None = None) -> pd.DataFrame:
    """Indicator sheets' rows as series, `source` "table": a row's value is its cumulative figure
    (what a report's sentences give, "10,5/56 ha" so far this year), else its result; its plan is
    the target. A row the built-in catalog does not name may be the office's (matched as the
    archive matched the built-in one); a row neither names is keyed by its words ("table:trong-rung")."""
    cells = pd.read_sql_query(
        f'SELECT report_id, table_number, "row", item, unit, indicator, meaning, value, text, section, start'
        f" FROM table_cells WHERE table_kind = 'indicators' AND row_kind = 'data' AND value IS NOT NULL"
        f" AND meaning IN ('actual', 'cumulative', 'plan') AND report_id IN ({ids}) ORDER BY report_id, start", conn)
    rows = []
    for (report_id, _, _), row in cells.groupby(["report_id", "table_number", "row"], sort=False):
        by_meaning = dict(zip(row["meaning"], row["value"]))
        value = by_meaning.get("cumulative", by_meaning.get("actual"))
        if value is None:
            continue
        first = row.iloc[0]
        key = first["indicator"]
        if pd.isna(key) and office:
            key = table_row_indicator(first["item"], first["unit"], by_meaning, office)
        rows.append({"report_id": report_id, "indicator": key, "item": first["item"], "value": value,
                     "target": by_meaning.get("plan"), "unit": first["unit"], "section": first["section"],
                     "start": first["start"], "text": f"{first['item']}: " + " | ".join(row["text"]), "source": "table"})
    found = pd.DataFrame(rows, columns=["report_id", "indicator", "item", "value", "target", "unit", "section", "start",
                                        "text", "source"])
    # Rows of one catalog indicator in one report's sheets: as with sentences, the indicator takes
    # the row that names it most fully; the others are series of their own words, none dropped.
    found["indicator"] = found["indicator"].where(found["indicator"].notna(), None)
    taken = _catalog_figures(found.rename(columns={"item": "subject"}), known)[0].index
    found["indicator"] = [key if index in taken else "table:" + slug(subject_of_series(item))
                          for index, key, item in zip(found.index, found["indicator"], found["item"])]
    # One row's words twice in a report (a sheet repeated for two units): "#2" in reading order.
    repeat = [f" #{n + 1}" if n else "" for n in found.groupby(["report_id", "indicator"]).cumcount()]
    found["name"] = [(known[key].name if key in known else item) + again
                     for key, item, again in zip(found["indicator"], found["item"], repeat)]
    found["indicator"] += [again.strip() for again in repeat]
    return found.drop(columns="item")


def subject_of_series(subject: str) -> str:
    """A subject as it recurs: abbreviations spelled out, folded, numbers taken out ("giải quyết
    61.660 hồ sơ trực tuyến/62.089" and "… 70.112 …/71.000" are one subject)."""
    return " ".join(re.sub(r"\d+(?:[.,]\d+)*", " ", subject_key(subject)).replace("/", " ").split())


# A month's figures inside a subject ("cập nhật 577.722/914.419 thông tin trẻ em", "2.341 hồ sơ đã trả
# kết quả"): ratios and numbers written with thousands dots, which change every month; a plain small
# number ("từ đủ 14 tuổi") is part of what is measured and stays.
_FIGURE_IN_SUBJECT = re.compile(r"\s*/?\s*(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?\s*/\s*(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?"
                                r"|\s*/?\s*\d{1,3}(?:\.\d{3})+(?:,\d+)?")


def _without_figures(subject: str) -> str:
    """A found indicator's name: its subject without the figures of the month it was read in."""
    return " ".join(_FIGURE_IN_SUBJECT.sub(" ", subject).split()) or subject


def _tracks(group: pd.DataFrame) -> list[int]:
    """Which of a subject's figures in one report continue which of the report before.

    A report may give one subject twice ("Trong tháng … 3.090 hồ sơ …; tính đến nay … 52.642 hồ
    sơ …", both in one section), and its sections are renumbered when a part is added (October's
    II.2 is August's II.1), so neither the section nor the first figure alone says which is which.
    Each figure of the first report opens a track; a later report with as many figures continues
    them in reading order; one with more or fewer gives each figure to the track whose latest value
    is nearest (the month's count stays near the month's, the running total near the total), and
    one more figure opens a track of its own. `group` is in period and reading order."""
    latest: list[float] = []
    out: list[int] = []
    for _, report in group.groupby("period", sort=True):
        values = list(report["value"])
        if len(values) == len(latest) or not latest:
            chosen = list(range(len(values)))
        else:
            pairs = sorted((abs(math.log1p(abs(value)) - math.log1p(abs(last))), figure, track)
                           for figure, value in enumerate(values) for track, last in enumerate(latest))
            assigned: dict[int, int] = {}
            for _, figure, track in pairs:
                if figure not in assigned and track not in assigned.values():
                    assigned[figure] = track
            opened = count(len(latest))
            chosen = [assigned[figure] if figure in assigned else next(opened) for figure in range(len(values))]
        for track, value in zip(chosen, values):
            latest.extend([math.nan] * (track + 1 - len(latest)))
            latest[track] = value
        out += chosen
    return out


def _found(figures: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """Figures no catalog indicator took, grouped into an issuer's own indicators: one subject
    (as `subject_of_series` reads it, small wording changes aside), kind and unit in two periods
    or more. A subject a report gives more than once is followed as tracks (`_tracks`), the second
    keyed and named with "#2"; targets are not results. One subject written as two kinds (a count
    and its percentage) is two indicators, their keys ending in the kind."""
    from rapidfuzz import fuzz

    facts = figures[figures["subject"].notna() & ~figures["qualifier"].isin(TARGET_QUALIFIERS)]
    facts = facts.merge(reports[["report_id", "issuer_key", "period"]])
    facts["series"] = facts["subject"].map(subject_of_series)
    facts = facts.loc[[bool(set(s.split()) - generic_words()) for s in facts["series"]]]
    # A count's unit is its noun as written: "Sổ" opening a list is the "sổ" of other months. A
    # ratio may have no noun at all, so one its subject names is compared as a word of that subject:
    # "577.722/914.419 thông tin trẻ em" one month ("thông tin" is no count noun) is "thông tin
    # 577.722/914.419 trẻ em" (the noun "trẻ") the next.
    facts["unit_key"] = [None if kind == "ratio" and pd.notna(unit) and set(subject_key(unit).split()) <= set(series.split())
                         else unit.casefold() if pd.notna(unit) else unit
                         for kind, unit, series in zip(facts["kind"], facts["unit"], facts["series"])]
    groups = []
    for _, group in facts.groupby(["issuer_key", "kind", "unit_key"], dropna=False):
        representatives: list[str] = []
        for series in group["series"].value_counts().index:
            if not any(fuzz.token_sort_ratio(series, r) >= FOUND_SIMILARITY for r in representatives):
                representatives.append(series)
        group = group.assign(series=[next(r for r in representatives if fuzz.token_sort_ratio(s, r) >= FOUND_SIMILARITY)
                                     for s in group["series"]])
        for _, same in group.sort_values(["period", "start"]).groupby("series"):
            same = same.assign(track=_tracks(same))
            same["series"] = [s if track == 0 else f"{s} #{track + 1}" for s, track in zip(same["series"], same["track"])]
            recurring = same.groupby("series")["period"].nunique()
            groups.append(same[same["series"].isin(recurring[recurring >= 2].index)])
    found = pd.concat(groups, ignore_index=True) if groups else facts.iloc[0:0].assign(track=[])
    keys = ["found:" + slug(s, keep="#.") for s in found["series"]]
    forms = pd.Series([f"{kind} {unit}" if pd.notna(unit) else kind for kind, unit in zip(found["kind"], found["unit_key"])],
                      dtype=object)
    clash = forms.groupby(keys).transform("nunique") > 1 if keys else forms
    found["indicator"] = [f"{key}-{slug(form)}" if twice else key for key, form, twice in zip(keys, forms, clash)]
    names = found.groupby("indicator")["subject"].agg(lambda subjects: _without_figures(subjects.value_counts().index[0]))
    found["name"] = [names[key] + (f" #{track + 1}" if track else "") for key, track in zip(found["indicator"], found["track"])]
    found["source"] = "found"
    return found[["report_id", "indicator", "value", "target", "unit", "section", "text", "start", "name", "source",
                  "kind"]]


def found_indicators(conn: sqlite3.Connection, issuer: str, office: dict | None = None) -> pd.DataFrame:
    """The issuer's own indicators as `compare` finds them beside the built-in catalog and the
    office's (`office`), a row per period: {indicator, name, kind, unit, period, value}."""
    reports = _latest_reports(conn, *_filters(issuer))
    if reports.empty:
        return pd.DataFrame(columns=["indicator", "name", "kind", "unit", "period", "value"])
    found = _found(_indicator_figures(conn, reports, office)[1], reports).merge(reports[["report_id", "period"]])
    return found[["indicator", "name", "kind", "unit", "period", "value"]].sort_values(["indicator", "period"])


UNMATCHED_COLUMNS = ["issuer", "period", "text", "subject", "section", "periods", "why", "file"]


def unmatched_table(conn: sqlite3.Connection, issuer: str | None = None, office: dict | None = None) -> pd.DataFrame:
    """The figures no catalog indicator took, the built-in one or the office's (a figure that names
    one whose report gives another that names it more fully among them), with why, and in how many
    periods their subject recurs (2 or more: `compare` shows it as a found indicator)."""
    from rapidfuzz import fuzz

    reports = _latest_reports(conn, *_filters(issuer))
    if reports.empty:
        return pd.DataFrame(columns=UNMATCHED_COLUMNS)
    facts = _indicator_figures(conn, reports, office)[1].merge(reports)
    facts["series"] = [subject_of_series(s) if s else "" for s in facts["subject"]]
    recurs = facts.groupby(["issuer_key", "kind", "series"])["period"].transform("nunique")
    known = catalog()

    def why(row) -> str:
        if row["taken_by"]:
            return f"its indicator is {row['taken_by']}"
        if row["qualifier"] in TARGET_QUALIFIERS:
            return f"a target ({row['qualifier']}), not a result"
        if not row["series"] or not set(row["series"].split()) - generic_words():
            return "its subject names nothing of its own" + (f" ({row['subject']!r})" if row["subject"] else "")
        aliases = [(alias, indicator) for indicator in known.values() if indicator.unit == row["kind"]
                   for alias in indicator.aliases]
        if not aliases:
            return f"no catalog indicator is a {row['kind']}"
        alias, indicator = max(aliases, key=lambda pair: fuzz.token_set_ratio(subject_key(pair[0]), row["series"]))
        return f"no indicator's own words; closest: {indicator.key} ({alias!r})"
    facts["why"] = [why(row) for _, row in facts.iterrows()]
    facts["periods"] = recurs.where(facts["series"] != "", 1)
    facts = facts.rename(columns={"path": "file"})
    return facts[UNMATCHED_COLUMNS].sort_values(["issuer", "periods", "subject", "period"],
                                                ascending=[True, False, True, True]).reset_index(drop=True)


def _direction(change: float, higher_is_better: bool | None) -> str | None:
    if pd.isna(change) or higher_is_better is None:
        return None
    if change == 0:
        return "same"
    return "better" if (change > 0) == higher_is_better else "worse"


def citation_table(conn: sqlite3.Connection, issuer: str | None = None, start: str | None = None,
                   end: str | None = None) -> pd.DataFrame:
    """Which documents each period's report cites: {issuer, period, key, symbol, type, status}
    where status is "new" (not cited the period before), "kept", or "dropped" (cited the period
    before and no longer)."""
    shown = _window(start, end)
    reports = _latest_reports(conn, *_filters(issuer))
    columns = ["issuer", "period", "key", "symbol", "type", "status"]
    if reports.empty:
        return pd.DataFrame(columns=columns)
    ids = ",".join(str(i) for i in reports["report_id"])
    cited = pd.read_sql_query(
        f"SELECT report_id, key, symbol, type FROM citations WHERE report_id IN ({ids}) ORDER BY report_id, start", conn)
    if cited.empty:
        return pd.DataFrame(columns=columns)  # the reports cite nothing: no column to compare on
    cited = cited.sort_values("symbol", na_position="last").drop_duplicates(["report_id", "key"])
    order = reports.sort_values(["issuer_key", "period"]).copy()
    order["previous"] = order.groupby("issuer_key")["period"].shift(1)
    order["next"] = order.groupby("issuer_key")["period"].shift(-1)
    cited = cited.merge(order, on="report_id")
    present = set(zip(cited["issuer_key"], cited["period"], cited["key"]))
    cited["status"] = ["kept" if (issuer_id, previous, key) in present else "new"
                       for issuer_id, previous, key in zip(cited["issuer_key"], cited["previous"], cited["key"])]
    # Cited in one period, not in the issuer's next: dropped in that next period.
    gone = cited[[pd.notna(nxt) and (issuer_id, nxt, key) not in present
                  for issuer_id, nxt, key in zip(cited["issuer_key"], cited["next"], cited["key"])]].copy()
    names = order.set_index(["issuer_key", "period"])["issuer"]
    gone["issuer"] = [names[(issuer_id, nxt)] for issuer_id, nxt in zip(gone["issuer_key"], gone["next"])]
    gone["period"] = gone["next"]
    gone["status"] = "dropped"
    table = pd.concat([cited, gone], ignore_index=True)
    table["dropped"] = table["status"] == "dropped"
    table = table.sort_values(["issuer_key", "period", "dropped", "key"])
    return shown(table[columns].reset_index(drop=True))
