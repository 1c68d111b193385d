"""`advisor brief`: the advice as a PDF brief for a board (and optionally as HTML and Word)."""

from __future__ import annotations

import datetime
import sys

import click

from advisor.advice.build import advise
from advisor.cli.common import AdvisorUsageError, check_outputs, emit, emit_all, read_case
from advisor.report.brief import html_to_pdf, render_brief_html


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
    "--docx",
    "docx_output",
    type=click.Path(dir_okay=False),
    default=None,
    help="Also write a compact brief as a Word document (headings, tables and the mechanism chart).",
)
@click.option(
    "--date",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Date printed on the brief, YYYY-MM-DD (default: today).",
)
def brief_command(
    case: str, output: str | None, html_output: str | None, docx_output: str | None, day: datetime.datetime | None
) -> None:
    """Write the advice on CASE as a short PDF brief for a board: summary, options, mechanism
    profile, risks, formalisation, action plan, unknowns and the reasoning behind each step; and,
    if asked, as HTML and as a compact Word document. Every output path is checked before
    anything is written, and the files are written all or none."""
    if output is None and html_output is None and docx_output is None:
        raise AdvisorUsageError("say where to write the brief: -o FILE.pdf (and/or --html FILE.html, --docx FILE.docx)")
    if output == "-" and _stdout_is_terminal():
        raise AdvisorUsageError("refusing to write a PDF to the terminal: give -o FILE.pdf or redirect the output")
    files = [p for p in (output, html_output, docx_output) if p is not None]
    check_outputs(files, {case: "case file"})
    described = read_case(case)
    advice = advise(described)
    generated = day.date() if day else None
    rendered: dict[str, str | bytes] = {}
    if output is not None or html_output is not None:
        html = render_brief_html(advice, described, generated=generated)
        if output is not None:
            rendered[output] = html_to_pdf(html)
        if html_output is not None:
            rendered[html_output] = html
    if docx_output is not None:
        from advisor.report.word import render_brief_docx

        rendered[docx_output] = render_brief_docx(advice, generated=generated)
    if output == "-":
        emit(rendered.pop(output), output)
    emit_all(rendered)
