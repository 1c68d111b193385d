"""`advisor brief`: the advice as a PDF brief for a board (and optionally as HTML)."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import click

from advisor.advice.build import advise
from advisor.cli.common import AdvisorUsageError, emit, read_case
from advisor.report.brief import html_to_pdf, render_brief_html


def _same_file(a: str, b: str) -> bool:
    return Path(a).resolve() == Path(b).resolve()


def _stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


@click.command("brief")
@click.argument("case", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the PDF brief to this file ('-' for standard output when it is not a terminal).",
)
@click.option(
    "--html", "html_output", type=click.Path(dir_okay=False), default=None, help="Also write the brief as HTML."
)
@click.option(
    "--date",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Date printed on the brief, YYYY-MM-DD (default: today).",
)
def brief_command(case: str, output: str | None, html_output: str | None, day: datetime.datetime | None) -> None:
    """Write the advice on CASE as a short PDF brief for a board: summary, options, mechanism
    profile, risks, formalisation, action plan, unknowns and the reasoning behind each step."""
    if output is None and html_output is None:
        raise AdvisorUsageError("say where to write the brief: -o FILE.pdf (and/or --html FILE.html)")
    if output == "-" and _stdout_is_terminal():
        raise AdvisorUsageError("refusing to write a PDF to the terminal: give -o FILE.pdf or redirect the output")
    for target in (output, html_output):
        if target and target != "-" and _same_file(target, case):
            raise AdvisorUsageError(f"refusing to overwrite the case file {case} with the brief")
    described = read_case(case)
    html = render_brief_html(advise(described), described, generated=day.date() if day else None)
    if output is not None:
        emit(html_to_pdf(html), output)
    if html_output is not None:
        emit(html, html_output)
