"""`advisor explain`: how a conclusion was reached, why a form was not recommended, what if."""

from __future__ import annotations

import click

from advisor.advice.build import advise
from advisor.case.edit import parse_edit
from advisor.case.load import load_case
from advisor.cli.common import OUTPUT_OPTION, AdvisorUsageError, check_outputs, emit, format_option
from advisor.explain.how import TARGET_HELP, explain_how, render_how
from advisor.explain.what_if import render_what_if, what_if
from advisor.explain.why_not import render_why_not, why_not


@click.command("explain")
@click.argument("case", type=click.Path(dir_okay=False))
@click.option("--how", "target", default=None, help=f"How a conclusion was reached: {TARGET_HELP}.")
@click.option("--why-not", "form", default=None, help="Why a form (e.g. merger) is not recommended, and what would.")
@click.option(
    "--what-if",
    "edits",
    multiple=True,
    metavar="FACT=VALUE",
    help="Change a fact (repeatable), e.g. collaboration.mandation=voluntary or partners[0].size=large.",
)
@format_option(["text", "md", "json"], "text for a terminal, md for documents, json for data.")
@OUTPUT_OPTION
def explain_command(
    case: str, target: str | None, form: str | None, edits: tuple[str, ...], fmt: str, output: str | None
) -> None:
    """Explain the advice on CASE: --how TARGET, --why-not FORM or --what-if FACT=VALUE."""
    asked = [name for name, value in (("--how", target), ("--why-not", form), ("--what-if", edits)) if value]
    if len(asked) != 1:
        raise AdvisorUsageError("give exactly one of --how TARGET, --why-not FORM or --what-if FACT=VALUE")
    check_outputs(output, inputs=(case,))
    the_case = load_case(case)
    if form:
        result, render = why_not(the_case, form), render_why_not
    elif target:
        result, render = explain_how(advise(the_case), target), render_how
    else:
        result, render = what_if(the_case, dict(parse_edit(e) for e in edits)), render_what_if
    emit(result.to_json() if fmt == "json" else render(result, markdown=fmt == "md"), output)
