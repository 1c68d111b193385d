"""`advisor appraise`: a Green Book option appraisal of one case or of many."""

from __future__ import annotations

import datetime
import sys
from collections.abc import Callable
from typing import Any

import click

from advisor.appraisal.appraise import appraise, appraise_many
from advisor.appraisal.costs import CostsError, read_costs
from advisor.appraisal.models import Appraisal
from advisor.appraisal.objectives import check_objectives
from advisor.appraisal.render import (
    render_csv,
    render_docx,
    render_html,
    render_json,
    render_json_many,
    render_markdown,
    render_pdf,
    render_text,
)
from advisor.appraisal.shortlist import check_options
from advisor.appraisal.weights import read_weights
from advisor.case.load import CaseError, load_case
from advisor.cli.common import (
    OUTPUT_OPTION,
    AdvisorUsageError,
    check_outputs,
    emit,
    format_option,
    refuse_binary_to_terminal,
)

FORMATS = ("text", "md", "json", "csv", "html", "pdf", "docx")
# One case's fact search (about 40 runs of the rules) is faster in one process than in two:
# starting the workers costs more than it saves (python -m advisor.bench).
SEARCH_WORKERS = 1
ONE_CASE_ONLY = ("html", "pdf", "docx")
BINARY = {"pdf": "a PDF", "docx": "a Word document"}
SINGLE: dict[str, Callable[[Appraisal], str]] = {
    "text": render_text,
    "md": render_markdown,
    "json": render_json,
    "html": render_html,
}


def _read_all(paths: tuple[str, ...]) -> list[Any]:
    """Every case file, or one error listing every file that cannot be used (nothing is appraised)."""
    cases, problems = [], []
    for path in paths:
        try:
            cases.append(load_case(path))
        except CaseError as exc:
            problems.append(exc.user_message())
    if problems:
        raise AdvisorUsageError("\n".join(problems))
    return cases


def _run_many(cases: list[Any], **kwargs: Any) -> list[Appraisal]:
    """Appraise several cases, with a progress bar on standard error when it is a terminal."""
    if not sys.stderr.isatty():
        return appraise_many(cases, **kwargs)
    with click.progressbar(length=len(cases), label="Appraising", file=sys.stderr) as bar:
        return appraise_many(cases, progress=bar.update, **kwargs)


@click.command("appraise")
@click.argument("cases", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--options",
    "options_text",
    default=None,
    metavar="FORM,...",
    help="Forms to short-list besides business as usual, the do-minimum, the preferred way forward and the "
    "forms considered (default: every viable form).",
)
@click.option(
    "--weights",
    "weights_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="YAML file mapping critical success factor to weight; factors it leaves out keep their default weight.",
)
@click.option(
    "--objective",
    "objectives",
    multiple=True,
    metavar="TEXT",
    help="A spending objective of your own, added to those stated from the drivers (repeat for more).",
)
@click.option(
    "--costs",
    "costs_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="YAML file of money per short-listed option, the horizon and the optimism bias for the economic case "
    "(the case's own collaboration.money is for the change proposed: the form considered).",
)
@format_option(
    FORMATS,
    "text, md, json, csv (one row per case and option), html, pdf (the brief with the appraisal added) or "
    "docx (the brief in Word with the appraisal added).",
)
@click.option(
    "--sensitivity/--no-sensitivity",
    default=None,
    help="Search the single changes a board could make that would change the preferred way forward or the top "
    "of the ranking (default: on for one case, off for several).",
)
@click.option(
    "--date",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Date printed on the PDF or Word brief, YYYY-MM-DD (default: today).",
)
@OUTPUT_OPTION
def appraise_command(
    cases: tuple[str, ...],
    options_text: str | None,
    weights_path: str | None,
    objectives: tuple[str, ...],
    costs_path: str | None,
    fmt: str,
    sensitivity: bool | None,
    day: datetime.datetime | None,
    output: str | None,
) -> None:
    """Appraise the options for the collaboration in each CASE file, HM Treasury Green Book style:
    spending objectives, a long list by the options framework filter, a short list scored on the
    five critical success factors with reasons, ranked with risks and formalisation, whether the
    ranking agrees with the advice, the economic case where money is given, and sensitivity."""
    if len(cases) > 1 and fmt in ONE_CASE_ONLY:
        raise AdvisorUsageError(f"--format {fmt} takes one case; for {len(cases)} cases use csv, json, md or text")
    if len(cases) > 1 and costs_path:
        raise AdvisorUsageError(f"--costs gives money for one case's options; it takes one case, not {len(cases)}")
    if fmt in BINARY:
        refuse_binary_to_terminal(output, BINARY[fmt], fmt)
    check_outputs(output, inputs=(*cases, weights_path, costs_path))
    weights = read_weights(weights_path) if weights_path else None
    options = check_options([o.strip() for o in options_text.split(",") if o.strip()]) if options_text else None
    own = check_objectives(objectives)
    costs = read_costs(costs_path) if costs_path else None
    described = _read_all(cases)
    facts = len(cases) == 1 if sensitivity is None else sensitivity
    if len(described) == 1:
        try:
            appraisals = [appraise(described[0], weights, options, facts, SEARCH_WORKERS, own, costs)]
        except CostsError as exc:  # money for options the case's short list does not hold: name the file
            raise CostsError(str(costs_path), exc.problems) from None
    else:
        appraisals = _run_many(described, weights=weights, options=options, facts=facts, objectives=own)
    labelled = list(zip(cases, appraisals, strict=True))
    generated = day.date() if day else None
    if fmt == "pdf":
        emit(render_pdf(appraisals[0], described[0], generated=generated), output)
    elif fmt == "docx":
        emit(render_docx(appraisals[0], described[0], generated=generated), output)
    elif fmt == "csv":
        emit(render_csv(labelled), output)
    elif fmt == "json" and len(labelled) > 1:
        emit(render_json_many(labelled), output)
    else:
        emit("\n".join(SINGLE[fmt](appraisal) for appraisal in appraisals), output)
