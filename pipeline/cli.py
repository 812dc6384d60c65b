"""`baocao`: the command line, a thin layer over `pipeline.api`."""
from __future__ import annotations

import json
import math
import sys

import click

from pipeline import api
from pipeline.errors import BaocaoError
from pipeline.models import Report, Section
from pipeline.outputs import replacing, shown_path
from pipeline.store import DEFAULT_DB
from pipeline.terminal import guard_streams


def _json(data) -> str:
    """Strict JSON, as every parser reads it: a missing number is null, never NaN or Infinity."""
    def strict(value):
        if isinstance(value, float) and not math.isfinite(value):
            return None
        if isinstance(value, dict):
            return {key: strict(item) for key, item in value.items()}
        if isinstance(value, (list, tuple)):
            return [strict(item) for item in value]
        return value
    return json.dumps(strict(data), ensure_ascii=False, indent=2, allow_nan=False, default=str)


password_option = click.option(
    "--password", help="The password of password-protected Word files or PDFs (decrypted in memory, never written).")


class _OcrProgress:
    """A bar on stderr for a scan read by OCR page by page, drawn only where someone sees it."""

    def __init__(self, label: str):
        self.label, self.bar = label, None

    def __call__(self, done: int, total: int) -> None:
        if not sys.stderr.isatty():
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=f"OCR {self.label}", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(1)
        if done == total:
            self.close()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def _fail(message: str, code: int = 2) -> None:
    click.echo(f"baocao: error: {message}", err=True)
    sys.exit(code)


@click.group()
@click.version_option(None, "-V", "--version", package_name="baocao", prog_name="baocao")
def cli():
    """Turn Vietnamese Party-committee and government reports into data."""
    guard_streams()


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True,
              help="JSON: one object (source, metadata, sections, facts, warnings); a list of them for several files.")
@click.option("--text", "as_text", is_flag=True, help="The body text as read, one paragraph a line.")
@click.option("--html", "html_path", type=click.Path(dir_okay=False),
              help="Also write the report with its facts highlighted to this HTML file (works offline; one file).")
@click.option("--tables", "tables_dir", type=click.Path(file_okay=False),
              help="Also write each data table as CSV (UTF-8 with BOM, for Excel) into this folder, "
                   "named by report and table number.")
@password_option
def parse(files, as_json, as_text, html_path, tables_dir, password):
    """Read reports (.docx, .doc, .odt, .pdf or .txt) and print each one's outline, text or JSON.

    A file that cannot be read is named with its problem and the others are still printed; the
    exit code is then 2."""
    if html_path and len(files) > 1:
        _fail(f"--html writes one report's page; give one file, not {len(files)}")
    parsed, failed = [], 0
    for file in files:
        progress = _OcrProgress(shown_path(file))
        try:
            parsed.append((file, api.parse_file(file, password, progress)))
        except BaocaoError as exc:
            progress.close()
            click.echo(f"baocao: error: {exc}", err=True)
            failed += 1
    if html_path and parsed:
        from pipeline.spacy_components import render_html

        try:
            with replacing(html_path, files) as temporary:
                temporary.write_text(render_html(parsed[0][1]), encoding="utf-8")
        except BaocaoError as exc:
            _fail(str(exc))
        click.echo(f"baocao: wrote {html_path}", err=True)
    if tables_dir:
        from pipeline.export import write_table_csvs

        for _, report in parsed:
            try:
                written = write_table_csvs(report, tables_dir, files)
            except BaocaoError as exc:
                _fail(str(exc))
            for path in written:
                click.echo(f"baocao: wrote {shown_path(str(path))}", err=True)
    if as_json:
        documents = [report.to_dict() for _, report in parsed]
        click.echo(_json(documents[0] if len(files) == 1 else documents) if documents else "")
    for index, (file, report) in enumerate(parsed if not as_json else []):
        if len(files) > 1:
            click.echo(f"{'' if index == 0 else chr(10)}==> {shown_path(file)} <==")
        click.echo(report.text if as_text else outline(report))
    if failed:
        sys.exit(2)


@cli.command("eval")
@click.argument("labels", nargs=-1, type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Scores as JSON.")
@click.option("--misses", is_flag=True, help="List every missed, spurious or wrong fact.")
def eval_command(labels, as_json, misses):
    """Score extraction against hand-written labels (default: corpus/labels/*.yaml)."""
    from pathlib import Path

    from pipeline.evaluate import evaluate

    paths = [Path(p) for p in labels] or sorted(Path("corpus/labels").glob("*.yaml"))
    if not paths:
        _fail("no label files given and none in corpus/labels/")
    try:
        score = evaluate(paths)
    except BaocaoError as exc:
        _fail(str(exc))
    if as_json:
        click.echo(_json({"kinds": score.table(), "fields": score.field_table(), **score.summary(),
                          "misses": score.misses}))
        return
    click.echo(f"{'kind':10} {'expected':>8} {'found':>6} {'precision':>9} {'recall':>7}")
    for row in score.table():
        click.echo(f"{row['kind']:10} {row['expected']:8d} {row['found']:6d} {row['precision']:9.3f} {row['recall']:7.3f}")
    click.echo("")
    click.echo(f"{'field':22} {'right':>5} {'total':>5} {'accuracy':>8}")
    for row in score.field_table():
        click.echo(f"{row['field']:22} {row['right']:5d} {row['total']:5d} {row['accuracy']:8.3f}")
    summary = score.summary()
    if summary["documents"]:
        click.echo("")
        click.echo(f"documents read: {summary['documents_read']}/{summary['documents']}; legal-basis citations "
                   f"found: {summary['legal_basis_found']}/{summary['legal_basis_expected']}")
    if misses:
        click.echo("")
        for miss in score.misses:
            click.echo(miss)


db_option = click.option("--db", "db", type=click.Path(dir_okay=False), default=str(DEFAULT_DB), show_default=True,
                         help="The archive (one SQLite file).")


def output_options(command):
    """The output flags every listing shares: a terminal table (default), --json or --csv."""
    command = click.option("--csv", "fmt", flag_value="csv", help="CSV, UTF-8 with BOM (opens in Excel).")(command)
    command = click.option("--json", "fmt", flag_value="json", help="JSON: a list of rows.")(command)
    return click.option("--table", "fmt", flag_value="table", default=True, help="A terminal table (default).")(command)


def _emit(rows: list[dict], fmt: str, columns: list[str]) -> None:
    if fmt == "json":
        click.echo(_json(rows))
    elif fmt == "csv":
        import csv
        import io

        from pipeline.export import csv_cell
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows({key: csv_cell(value) for key, value in row.items()} for row in rows)
        click.echo("\ufeff" + buffer.getvalue(), nl=False)
    else:
        click.echo(_text_table(rows, columns))


TABLE_WIDTH = 100  # what a terminal window shows without wrapping, on the smallest screens offices use


def _text_table(rows: list[dict], columns: list[str]) -> str:
    """Rows as aligned columns, no wider than TABLE_WIDTH: the widest columns give way first, and
    a value cut short ends in "…" (--json and --csv give every value whole)."""
    def cell(value) -> str:
        if value is None or (isinstance(value, float) and value != value):
            return ""
        if isinstance(value, float):
            return f"{value:g}"
        return str(value)
    cells = [[cell(row.get(c)) for c in columns] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    # Figures, dates and codes keep their width; names and paths give way.
    floors = [w if all(len(r[i]) <= 12 for r in cells) else max(len(c), 8) for i, (c, w) in enumerate(zip(columns, widths))]
    while sum(widths) + 2 * (len(widths) - 1) > TABLE_WIDTH:
        widest = max(range(len(widths)), key=lambda i: widths[i] - floors[i])
        if widths[widest] <= floors[widest]:
            break  # every column is down to its header: wider than a window, but nothing is unreadable
        widths[widest] -= 1

    def fit(value: str, width: int, column: str) -> str:
        if len(value) > width:
            # A path's end names the file ("…_2026-05_seed.docx"); a name's start says what it is.
            value = "…" + value[len(value) - width + 1:] if column == "file" else value[:width - 1] + "…"
        return value.ljust(width)
    lines = ["  ".join(fit(c, w, "") for c, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(fit(v, w, c) for v, w, c in zip(r, widths, columns)).rstrip() for r in cells]
    return "\n".join(lines)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Parse in this many processes.")
@click.option("--wait", type=click.FloatRange(0), default=60, show_default=True,
              help="Seconds to wait for an archive another program is writing.")
@password_option
def ingest(paths, db, jobs, wait, password):
    """Archive report files and folders (recursively; .docx, .doc, .odt, .pdf and .txt).

    A file already archived is skipped; a file holding other content than before is re-pointed
    to it; a bad file is reported and skipped. Exit code 1 when some files failed, 2 when nothing
    could run."""
    from pipeline.ingest import report_files
    from pipeline.store import printable

    try:
        if sys.stderr.isatty():
            # Counting the files walks the folders once more: only worth it for a bar someone sees.
            total = sum(1 for _ in report_files(paths))
            with click.progressbar(length=total, label="ingest", file=sys.stderr) as bar:
                summary = api.ingest(paths, db, jobs=jobs, progress=lambda _: bar.update(1), wait=wait,
                                     password=password)
        else:
            summary = api.ingest(paths, db, jobs=jobs, wait=wait, password=password)
    except BaocaoError as exc:
        _fail(str(exc))
    for path, problem in summary.failed:
        click.echo(f"baocao: error: {shown_path(path)}: {printable(problem)}", err=True)
    for path, what, others in summary.notes:
        click.echo(f"baocao: note: {shown_path(path)}: {what}{' ' if others else ''}{', '.join(map(shown_path, others))}",
                   err=True)
    for path, others in summary.same_period:
        click.echo(f"baocao: warning: {shown_path(path)}: same issuer, type and period as "
                   f"{', '.join(shown_path(o) for o in others)}; {'both are' if len(others) == 1 else 'all are'} kept",
                   err=True)
    click.echo(summary.line())
    if summary.stopped:
        _fail(f"{summary.stopped}; the reports archived before this are whole, run the command again to finish")
    if summary.failed:
        sys.exit(1)


REPORT_COLUMNS = ["id", "period", "issuer", "doc_type", "file", "read_as", "ocr_confidence", "sha256", "sections",
                  "quantities", "citations", "warnings", "flag"]
# What fits a terminal's 100 columns; --json and --csv give every column.
# How a report was read shows among its flags there unless it was a .docx read as it is.
REPORT_TABLE_COLUMNS = ["id", "period", "issuer", "file", "quantities", "citations", "flag"]


def how_read(read_as: str | None, ocr_confidence: float | None) -> str:
    """"ocr (confidence 0.87)": how a report's text was got, in words a reader can weigh."""
    shown = read_as or "?"
    return shown if ocr_confidence is None else f"{shown} (confidence {ocr_confidence:.2f})"


@cli.command()
@db_option
@output_options
def reports(db, fmt):
    """List the archived reports: period, issuer, type, file, sha256 and counts of facts."""
    from pipeline.store import connect, list_reports, printable

    try:
        conn = connect(db, create=False)
        rows = list_reports(conn)
    except BaocaoError as exc:
        _fail(str(exc))
    for row in rows:
        row["file"] = shown_path(row["path"])
        row["path"] = printable(row["path"])
        flags = [f"{len(row['paths'])} files" if len(row["paths"]) > 1 else "",
                 "" if row["paths"] else "no file holds it now",
                 "same period twice" if row["same_period"] else "",
                 "" if row["read_as"] == "docx" else f"read as {how_read(row['read_as'], row['ocr_confidence'])}"]
        row["paths"] = [shown_path(path) for path in row["paths"]]
        row["flag"] = "; ".join(flag for flag in flags if flag)
    _emit(rows, fmt, REPORT_TABLE_COLUMNS if fmt == "table" else REPORT_COLUMNS)


@cli.command()
@click.argument("report")
@db_option
@click.option("--json", "as_json", is_flag=True, help="The archived report as JSON.")
def show(report, db, as_json):
    """Print one archived report's outline and facts (REPORT: id, path or sha256 prefix)."""
    from pipeline.store import connect, find_report, report_record

    try:
        conn = connect(db, create=False)
        record = report_record(conn, find_report(conn, report))
    except BaocaoError as exc:
        _fail(str(exc))
    paths = [{**row, "path": shown_path(row["path"])} for row in record["paths"]]
    if as_json:
        click.echo(_json({**record, "paths": paths}))
        return
    meta = record["report"]
    click.echo(f"{meta['doc_type'] or '?'}: {meta['title'] or ''}")
    click.echo(f"  issuer: {meta['issuer'] or '?'}  period: {meta['period'] or '?'}  symbol: {meta['symbol'] or '?'}"
               f"  date: {meta['date'] or '?'}")
    if meta["marks"]:
        click.echo(f"  marks: {', '.join(meta['marks'])}")
    held = [row["path"] for row in paths if row["until"] is None]
    if held:
        click.echo(f"  file: {held[0]}  sha256: {meta['sha256']}")
        if len(held) > 1:
            click.echo(f"  also at: {', '.join(held[1:])}")
    else:
        click.echo(f"  file: {paths[0]['path']} (until {paths[0]['until']}; no file holds this report now)  "
                   f"sha256: {meta['sha256']}")
    for row in paths[len(held) or 1:]:
        click.echo(f"  was at: {row['path']} until {row['until']}")
    click.echo(f"  read as: {how_read(meta['read_as'], meta['ocr_confidence'])}")
    for section in record["sections"]:
        if section["kind"] not in ("dash", "plus"):
            click.echo(f"{'  ' * section['path'].count('.')}{section['path']}  {section['title'] or ''}")
    click.echo("\ncitations:")
    for c in record["citations"]:
        click.echo(f"  [{c['section'] or ''}] {c['symbol'] or (c['type'] or '') + ' ' + (c['number'] or '')}  "
                   f"{c['date'] or ''}  {c['issuer'] or ''}")
    click.echo("\nfigures:")
    for q in record["quantities"]:
        click.echo(f"  [{q['section'] or ''}] {q['text']}  → {q['subject'] or ''}  ({q['indicator'] or '-'})")
    for w in record["warnings"]:
        click.echo(f"warning: {w['message']}")


@cli.command()
@db_option
@click.option("--issuer", help="Only this issuer (any spelling: case and tone placement do not matter).")
@click.option("--from", "start", metavar="PERIOD", help="From this period on, e.g. 2026-01.")
@click.option("--to", "end", metavar="PERIOD", help="Up to this period, e.g. 2026-06.")
@click.option("--indicator", "indicators", multiple=True, help="Only this indicator key (repeatable).")
@click.option("--citations", "show_citations", is_flag=True,
              help="Instead of indicators: the documents each period cites (new, kept, dropped).")
@click.option("--unmatched", "show_unmatched", is_flag=True,
              help="Instead of indicators: the figures no catalog indicator took, why, and how often they recur.")
@click.option("--xlsx", "xlsx_path", type=click.Path(dir_okay=False), help="Also write an Excel workbook here.")
@click.option("--html", "html_path", type=click.Path(dir_okay=False), help="Also write a page with charts here.")
@output_options
def compare(db, issuer, start, end, indicators, show_citations, show_unmatched, xlsx_path, html_path, fmt):
    """Indicators by period with their change and its direction, or citations by period."""
    from pipeline.compare import COLUMNS, UNMATCHED_COLUMNS

    if show_unmatched:
        try:
            rows = api.unmatched(db, issuer)
        except BaocaoError as exc:
            _fail(str(exc))
        rows["file"] = rows["file"].map(shown_path)
        _emit(rows.astype(object).where(rows.notna(), None).to_dict(orient="records"), fmt, UNMATCHED_COLUMNS)
        return
    from pipeline.export import write_html, write_xlsx

    try:
        table = api.compare(db, issuer, start, end, list(indicators) or None)
        cited = api.cited_by_period(db, issuer, start, end)
    except BaocaoError as exc:
        _fail(str(exc))
    if table.empty and cited.empty:
        from pipeline.store import connect, list_reports

        known = sorted({r["issuer"] or "?" for r in list_reports(connect(db, create=False))})
        click.echo(f"baocao: warning: no archived report matches these filters "
                   f"(issuers archived: {', '.join(known) or 'none'})", err=True)
    try:
        for path, write in ((xlsx_path, write_xlsx), (html_path, write_html)):
            if path:
                with replacing(path, [db]) as temporary:
                    write(table, cited, temporary)
                click.echo(f"baocao: wrote {path}", err=True)
    except BaocaoError as exc:
        _fail(str(exc))
    if show_citations:
        _emit(cited.to_dict(orient="records"), fmt, list(cited.columns))
        return
    rows = table[COLUMNS].astype(object).where(table[COLUMNS].notna(), None).to_dict(orient="records")
    _emit(rows, fmt, COLUMNS)


@cli.command("check")
@click.argument("drafts", nargs=-1, required=True, type=click.Path())
@click.option("--profile", help="Also check against this profile: a name, or a YAML file of the office's rules.")
@click.option("--db", "db", type=click.Path(dir_okay=False), default=str(DEFAULT_DB), show_default=True,
              help="The archive; an office's own profiles are read from baocao-profiles/ beside it.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "line"]), default="text", show_default=True,
              help="text for people, json for tools, line as file:line:col:rule:message.")
@click.option("--fail-level", type=click.Choice(["suggestion", "warning", "error"]), default="error",
              show_default=True, help="Exit 1 when a finding reaches this level.")
@click.option("--annotate", "annotate_path", type=click.Path(dir_okay=False),
              help="Write a copy of the draft with each finding as a Word comment (one .docx draft only).")
@password_option
def check_command(drafts, profile, db, fmt, fail_level, annotate_path, password):
    """Check drafts before they are signed: required citations, correct references, figures.

    DRAFTS are files or folders. Exit 0 when no finding reaches --fail-level, 1 when one does,
    2 when a draft cannot be read or the rules are broken."""
    from pipeline.check import fails, validate
    from pipeline.ingest import report_files

    # A profile is small: running every rule's examples first costs milliseconds and means a
    # broken rule stops the check (exit 2) instead of passing drafts it should not.
    from pathlib import Path

    problems = validate(db=db)
    if not problems and profile and (profile.endswith((".yaml", ".yml")) or Path(profile).is_file()):
        problems = validate([profile])
    if problems:
        _fail(f"the rules are broken: {problems[0]}" + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""))
    files = list(report_files(drafts))
    if annotate_path and (len(files) != 1 or isinstance(files[0], tuple)):
        _fail("--annotate takes exactly one .docx draft")
    results, unreadable = [], []
    for item in files:
        if isinstance(item, tuple):
            unreadable.append(f"{item[0]}: {item[1]}")
            continue
        try:
            results.append((str(item), *api.check_file(item, profile, db, password)))
        except BaocaoError as exc:
            unreadable.append(str(exc) if str(exc).startswith(str(item)) else f"{item}: {exc}")
    for message in unreadable:
        click.echo(f"baocao: error: {message}", err=True)
    if fmt == "json":
        click.echo(_json([{"file": path, "profiles": [p.name for p in chosen], "findings": [f.to_dict() for f in found]}
                          for path, _, chosen, found in results]))
    else:
        for path, _, chosen, found in results:
            for f in found:
                if fmt == "line":
                    click.echo(f"{path}:{f.line}:{f.col}:{f.rule}:{f.message}")
                else:
                    section = f" [{f.section}]" if f.section else ""
                    link = f"\n    ({f.link})" if f.link else ""
                    click.echo(f"{path}:{f.line}:{f.col} {f.level:<10} {f.rule}{section}\n    {f.message}{link}")
            if fmt == "text":
                counts = {level: sum(f.level == level for f in found) for level in ("error", "warning", "suggestion")}
                click.echo(f"{path}: profiles {', '.join(p.name for p in chosen)}: {counts['error']} errors, {counts['warning']} warnings, "
                           f"{counts['suggestion']} suggestions")
    if fmt == "text" and len(results) + len(unreadable) > 1:
        failing = sum(fails(found, fail_level) for *_, found in results)
        click.echo(f"checked {len(results) + len(unreadable)} drafts: {len(results) - failing} pass, {failing} fail, "
                   f"{len(unreadable)} could not be read")
    if annotate_path and results:
        from pipeline.annotate import annotate

        path, _, _, found = results[0]
        try:
            with replacing(annotate_path, [path]) as temporary:
                annotate(path, found, temporary)
        except BaocaoError as exc:
            _fail(str(exc))
        click.echo(f"baocao: wrote {annotate_path} with {len(found)} comments", err=True)
    if unreadable:
        sys.exit(2)
    if any(fails(found, fail_level) for *_, found in results):
        sys.exit(1)


@cli.group()
def rules():
    """Work with the rule files in rules/."""


@rules.command("validate")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--db", "db", type=click.Path(dir_okay=False), default=str(DEFAULT_DB), show_default=True,
              help="The archive, beside which the office's profiles are (baocao-profiles/).")
def rules_validate(files, db):
    """Check every rule file and run every example; a rule that can never fire is an error.

    FILES: profile files of your own, checked with the same strictness (instead of all known)."""
    from pipeline.check import validate

    problems = validate(list(files) or None, db)
    for problem in problems:
        click.echo(f"baocao: error: {problem}", err=True)
    if problems:
        sys.exit(2)
    click.echo(f"rules: ok{f' ({len(files)} profile files)' if files else ''}")


REGISTRY_COLUMNS = ["key", "type", "symbol", "date", "issuer", "source", "reports", "dates_written", "conflict"]


@cli.command("registry")
@db_option
@click.option("--conflicts", is_flag=True, help="Only the documents archived reports date differently.")
@output_options
def registry_command(db, conflicts, fmt):
    """The documents `check` knows: curated (rules/registry.yaml) and learned from the archive,
    with how many reports cite each and every date they write."""
    try:
        rows = api.registry_entries(db)
    except BaocaoError as exc:
        _fail(str(exc))
    rows = [row for row in rows if row["conflict"] or not conflicts]
    if fmt == "table":
        for row in rows:
            row["conflict"] = "có" if row["conflict"] else ""
    _emit(rows, fmt, REGISTRY_COLUMNS)


def _write_or_print(text: str, out_path: str | None, db: str) -> None:
    """A drafted YAML file: written where asked (never over the archive), else printed."""
    if out_path:
        with replacing(out_path, [db]) as temporary:
            temporary.write_text(text, encoding="utf-8")
        click.echo(f"baocao: wrote {out_path}", err=True)
    else:
        click.echo(text, nl=False)


@cli.group()
def indicators():
    """An office's own indicators, beside the catalog."""


@indicators.command("suggest")
@click.option("--issuer", required=True, help="The office whose recurring figures to draft (any spelling).")
@db_option
@click.option("--out", "out_path", type=click.Path(dir_okay=False),
              help="Write here (e.g. baocao-profiles/office.indicators.yaml) instead of printing.")
def indicators_suggest(issuer, db, out_path):
    """Draft catalog entries from the archive: the issuer's figures that recur in two periods or
    more and no catalog indicator names (the built-in one or the office's own), each with its value
    per period, for the office to name and mark better when higher or lower."""
    from pipeline.store import connect
    from pipeline.suggest import suggest_indicators

    try:
        _write_or_print(suggest_indicators(connect(db, create=False), issuer, api.office_indicators(db)), out_path, db)
    except BaocaoError as exc:
        _fail(str(exc))


@cli.group()
def profile():
    """Draft and keep an office's own check profiles."""


@profile.command("suggest")
@click.option("--issuer", required=True, help="The office whose reports to learn from (any spelling).")
@click.option("--type", "doc_type", default="BÁO CÁO", show_default=True, help="The kind of report.")
@db_option
@click.option("--recent", type=click.IntRange(1), default=6, show_default=True,
              help="How many of the most recent periods to learn from.")
@click.option("--out", "out_path", type=click.Path(dir_okay=False),
              help="Write the profile here (e.g. baocao-profiles/office.yaml) instead of printing it.")
def profile_suggest(issuer, doc_type, db, recent, out_path):
    """Draft a profile from the archive: documents the issuer's recent reports keep citing become
    must-cite rules, each saying how many reports cited it; edit it, then keep it beside the archive."""
    from pipeline.store import connect
    from pipeline.suggest import suggest_profile

    try:
        _write_or_print(suggest_profile(connect(db, create=False), issuer, doc_type, recent), out_path, db)
    except BaocaoError as exc:
        _fail(str(exc))


def outline(report: Report) -> str:
    meta = report.metadata
    out = [f"{meta.doc_type or '?'}: {meta.title or ''}".rstrip(),
           f"  issuer: {meta.issuer or '?'}  superior: {meta.superior or '-'}  header: {meta.header or '?'}",
           f"  symbol: {meta.symbol or '?'}  place: {meta.place or '?'}  date: {meta.date or '?'}  period: {meta.period or '?'}"]
    if meta.marks:
        out.append(f"  marks: {', '.join(meta.marks)}")

    def walk(sections: list[Section], depth: int) -> None:
        for section in sections:
            if section.kind in ("dash", "plus"):
                continue
            out.append(f"{'  ' * depth}{section.path}  {section.title}")
            walk(section.children, depth + 1)

    walk(report.sections, 0)
    for warning in report.warnings:
        out.append(f"warning: {warning}")
    return "\n".join(out)


def main():
    cli(prog_name="baocao")
