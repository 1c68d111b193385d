"""`advisor advise` and `advisor schema`."""

from __future__ import annotations

import json

import click

from advisor.advice.build import advise
from advisor.case.load import load_case
from advisor.case.schema import case_schema
from advisor.cli.common import OUTPUT_OPTION, check_outputs, emit, format_option
from advisor.report.text import render_markdown, render_text

RENDERERS = {"text": render_text, "md": render_markdown, "json": lambda a: a.to_json()}


@click.command("advise")
@click.argument("case", type=click.Path(dir_okay=False))
@format_option(sorted(RENDERERS), "text for a terminal, md for documents, json for everything.")
@click.option(
    "--survey",
    "survey",
    type=click.Path(dir_okay=False),
    default=None,
    help="Readiness survey responses (CSV, see `advisor survey`): the mechanism levels they measure inform the advice.",
)
@OUTPUT_OPTION
def advise_command(case: str, fmt: str, survey: str | None, output: str | None) -> None:
    """Advise on the collaboration described in CASE (a YAML or JSON file)."""
    check_outputs(output, inputs=(case, survey))
    measured = None
    if survey is not None:
        from advisor.cli.survey import read_survey

        measured = read_survey(survey).measured
    advice = advise(load_case(case), measured=measured)
    emit(RENDERERS[fmt](advice), output)


@click.command("schema")
@OUTPUT_OPTION
def schema_command(output: str | None) -> None:
    """Print the JSON Schema of a case file, with what every field and answer means."""
    check_outputs(output)
    emit(json.dumps(case_schema(), indent=2, sort_keys=True) + "\n", output)
