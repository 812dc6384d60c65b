"""`baocao`: the command line, a thin layer over `pipeline.api`."""
from __future__ import annotations

import json
import sys

import click

from pipeline import api
from pipeline.errors import BaocaoError
from pipeline.models import Report, Section


def _fail(message: str, code: int = 2) -> None:
    click.echo(f"baocao: error: {message}", err=True)
    sys.exit(code)


@click.group()
@click.version_option(package_name="baocao")
def cli():
    """Turn Vietnamese Party-committee and government reports into data."""


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="One JSON object: source, metadata, sections, facts, warnings.")
@click.option("--text", "as_text", is_flag=True, help="The body text as read, one paragraph a line.")
@click.option("--html", "html_path", type=click.Path(dir_okay=False),
              help="Also write the report with its facts highlighted to this HTML file (works offline).")
def parse(file, as_json, as_text, html_path):
    """Read one report (.docx or .txt) and print its outline, text or JSON."""
    try:
        report = api.parse_file(file)
    except BaocaoError as exc:
        _fail(str(exc))
    if html_path:
        from pipeline.spacy_components import render_html

        with open(html_path, "w", encoding="utf-8") as handle:
            handle.write(render_html(report))
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    elif as_text:
        click.echo(report.text)
    else:
        click.echo(outline(report))


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
        click.echo(json.dumps({"kinds": score.table(), "fields": score.field_table(), "misses": score.misses},
                              ensure_ascii=False, indent=2))
        return
    click.echo(f"{'kind':10} {'expected':>8} {'found':>6} {'precision':>9} {'recall':>7}")
    for row in score.table():
        click.echo(f"{row['kind']:10} {row['expected']:8d} {row['found']:6d} {row['precision']:9.3f} {row['recall']:7.3f}")
    click.echo("")
    click.echo(f"{'field':22} {'right':>5} {'total':>5} {'accuracy':>8}")
    for row in score.field_table():
        click.echo(f"{row['field']:22} {row['right']:5d} {row['total']:5d} {row['accuracy']:8.3f}")
    if misses:
        click.echo("")
        for miss in score.misses:
            click.echo(miss)


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
