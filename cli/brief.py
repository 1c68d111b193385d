"""`advisor brief`: the advice as a PDF brief for a board (and optionally as HTML and Word)."""

from __future__ import annotations

import datetime

import click

from advisor.advice.build import advise
from advisor.case.load import load_case
from advisor.cli.common import (
    OUTPUT_HELP,
    AdvisorUsageError,
    check_outputs,
    emit_all,
    refuse_binary_to_terminal,
)
from advisor.report.brief import html_to_pdf, render_brief_html


@click.command("brief")
@click.argument("case", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help=f"Write the PDF brief to this file ('-' for standard output when it is not a terminal). {OUTPUT_HELP}",
)
@click.option(
    "--html",
    "html_output",
    type=click.Path(dir_okay=False),
    default=None,
    help="Also write the brief as HTML (every file is checked before any is written).",
)
@click.option(
    "--docx",
    "docx_output",
    type=click.Path(dir_okay=False),
    default=None,
    help="Also write a compact brief as a Word document: headings, tables and the mechanism chart as a picture.",
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
    if asked, as HTML and as a compact Word document. Every output is checked before any work,
    and the files are written all or none."""
    if output is None and html_output is None and docx_output is None:
        raise AdvisorUsageError("say where to write the brief: -o FILE.pdf (and/or --html FILE.html, --docx FILE.docx)")
    if output is not None:
        refuse_binary_to_terminal(output)
    check_outputs(output, html_output, docx_output, inputs=(case,))
    described = load_case(case)
    advice = advise(described)
    generated = day.date() if day else None
    items: list[tuple[str | bytes, str | None]] = []
    if output is not None or html_output is not None:
        html = render_brief_html(advice, described, generated=generated)
        items += [(html_to_pdf(html), output)] if output is not None else []
        items += [(html, html_output)] if html_output is not None else []
    if docx_output is not None:
        from advisor.report.word import render_brief_docx

        items.append((render_brief_docx(advice, generated=generated), docx_output))
    emit_all(items)
