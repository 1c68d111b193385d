"""`advisor appraise`: a Green Book style option appraisal of one case or of many."""

from __future__ import annotations

import datetime
import sys
from collections.abc import Callable
from typing import Any

import click

from advisor.appraisal.appraise import WORKERS, appraise, appraise_many
from advisor.appraisal.models import Appraisal
from advisor.appraisal.render import (
    render_csv,
    render_html,
    render_json,
    render_json_many,
    render_markdown,
    render_pdf,
    render_text,
)
from advisor.appraisal.shortlist import OptionsError, check_options
from advisor.appraisal.weights import WeightsError, read_weights
from advisor.cli.common import (
    OUTPUT_OPTION,
    AdvisorUsageError,
    check_outputs,
    emit,
    file_error,
    format_option,
    read_case,
    refuse_binary_to_terminal,
)

FORMATS = ("text", "md", "json", "csv", "html", "pdf")
ONE_CASE_ONLY = ("html", "pdf")
SINGLE: dict[str, Callable[[Appraisal], str]] = {
    "text": render_text,
    "md": render_markdown,
    "json": render_json,
    "html": render_html,
}


def _weights(path: str | None) -> dict[str, float] | None:
    if path is None:
        return None
    try:
        return read_weights(path)
    except WeightsError as exc:
        raise file_error(exc, "weights file") from None


def _options(text: str | None) -> tuple[str, ...] | None:
    if text is None:
        return None
    try:
        return check_options([o.strip() for o in text.split(",") if o.strip()])
    except OptionsError as exc:
        raise AdvisorUsageError(f"--options: {exc}") from None


def _read_all(paths: tuple[str, ...]) -> list[Any]:
    """Every case file, or one error listing every file that cannot be used (nothing is appraised)."""
    cases, problems = [], []
    for path in paths:
        try:
            cases.append(read_case(path))
        except AdvisorUsageError as exc:
            problems.append(exc.message)
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
    help="Forms to short-list besides business as usual, the do-minimum and the preferred way forward "
    "(default: every viable form).",
)
@click.option(
    "--weights",
    "weights_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="YAML file mapping criterion to weight; criteria it leaves out keep their default weight.",
)
@format_option(
    FORMATS, "text, md, json, csv (one row per case and option), html or pdf (the brief with the appraisal added)."
)
@click.option(
    "--sensitivity/--no-sensitivity",
    default=None,
    help="Search the single fact changes that would change the top option (default: on for one case, off for several).",
)
@click.option(
    "--date",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Date printed on the PDF brief, YYYY-MM-DD (default: today).",
)
@OUTPUT_OPTION
def appraise_command(
    cases: tuple[str, ...],
    options_text: str | None,
    weights_path: str | None,
    fmt: str,
    sensitivity: bool | None,
    day: datetime.datetime | None,
    output: str | None,
) -> None:
    """Appraise the options for the collaboration in each CASE file, Green Book style: short list,
    critical success factors with reasons, ranked weighted totals with risks and formalisation,
    and how sensitive the ranking is to the weights and to the facts."""
    if len(cases) > 1 and fmt in ONE_CASE_ONLY:
        raise AdvisorUsageError(f"--format {fmt} takes one case; for {len(cases)} cases use csv, json, md or text")
    if fmt == "pdf":
        refuse_binary_to_terminal(output)
    check_outputs(output, inputs=(*cases, weights_path))
    weights, options = _weights(weights_path), _options(options_text)
    described = _read_all(cases)
    facts = len(cases) == 1 if sensitivity is None else sensitivity
    if len(described) == 1:
        appraisals = [appraise(described[0], weights, options, facts=facts, workers=WORKERS)]
    else:
        appraisals = _run_many(described, weights=weights, options=options, facts=facts)
    labelled = list(zip(cases, appraisals, strict=True))
    if fmt == "pdf":
        emit(render_pdf(appraisals[0], described[0], generated=day.date() if day else None), output)
    elif fmt == "csv":
        emit(render_csv(labelled), output)
    elif fmt == "json" and len(labelled) > 1:
        emit(render_json_many(labelled), output)
    else:
        emit("\n".join(SINGLE[fmt](appraisal) for appraisal in appraisals), output)
