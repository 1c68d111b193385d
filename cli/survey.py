"""`advisor survey`: the readiness-for-collaboration survey (Appendix 4) and maturity matrix (Table 11)."""

from __future__ import annotations

from pathlib import Path

import click

from advisor.cli.common import (
    OUTPUT_OPTION,
    AdvisorUsageError,
    ask,
    check_outputs,
    emit,
    format_option,
    refuse_binary_to_terminal,
)
from advisor.survey.report import SurveyReport, render_survey, score_responses
from advisor.survey.responses import Question, append_response, check_appendable, questions, response_csv, template_csv

FORMATS = ("text", "md", "json", "html", "pdf")


def read_survey(path: str) -> SurveyReport:
    """Score a response file, warning on standard error about rows left out or incomplete."""
    report = score_responses(path)
    if report.excluded_rows or report.incomplete_rows:
        click.echo(
            f"survey {path}: {report.respondents} respondent(s) scored; "
            f"{len(report.excluded_rows)} row(s) left out as malformed, "
            f"{len(report.incomplete_rows)} incomplete (see 'Problems in the response file')",
            err=True,
        )
    return report


@click.group("survey")
def survey_group() -> None:
    """The readiness-for-collaboration survey (report Appendix 4, Q1-Q30) scored against the
    maturity matrix (Table 11): make a response template, take the survey, score responses."""


@survey_group.command("template")
@OUTPUT_OPTION
def template_command(output: str | None) -> None:
    """Write an empty response file: a header row of question ids (q01..q30) and a guide row
    with each question and its answer codes (blank = don't know). Fill one row per respondent."""
    check_outputs(output)
    emit(template_csv(), output)


END_OF_INPUT = 1  # the exit status when input ends before the last question (the answers given are kept)


class _EndOfInput(Exception):
    """The input ended before the last question."""


def _ask(question: Question) -> int | str | None:
    click.echo(f"\nQ{question.number} of {len(questions())} [{question.section}]")
    click.echo(question.text)
    if question.free_text:
        click.echo("  (free text; Enter = not stated)")
    for choice in question.scale:
        click.echo(f"  {choice.value}) {choice.label}")
    if question.scale:
        click.echo("  Enter = don't know / skip")
    while True:
        raw = ask("Answer: ")
        if raw is None:
            raise _EndOfInput
        try:
            return question.parse(raw)
        except ValueError as exc:
            click.echo(f"  {exc}", err=True)


@survey_group.command("take")
@click.option(
    "--append",
    "append_to",
    type=click.Path(dir_okay=False),
    default=None,
    help="Add the response as a new row of this response file (created if absent; checked before the first "
    "question). A symbolic link is followed; the file must be a regular file.",
)
def take_command(append_to: str | None) -> None:
    """Ask the 30 questions at the terminal for one respondent. With --append the response is
    added to a response file (rewritten atomically); otherwise it is printed as CSV. If the input
    ends early, the answers given are kept (the rest left blank) and the exit status is 1; Ctrl-C
    stops without writing anything (status 130)."""
    if append_to is not None:
        _check_append(append_to)
    click.echo("Readiness for collaboration survey (report Appendix 4). Type the number of your answer.")
    answers: dict[str, int | str | None] = dict.fromkeys(q.id for q in questions())
    ended = False
    for question in questions():
        try:
            answers[question.id] = _ask(question)
        except _EndOfInput:
            ended = True
            click.echo(f"\nThe input ended at Q{question.number}: the answers given are kept.", err=True)
            break
    answered = sum(1 for answer in answers.values() if answer is not None)
    click.echo(f"\nAnswered {answered} of {len(questions())} questions.", err=True)
    if answered or not ended:
        _keep(answers, append_to)
    if ended:
        raise click.exceptions.Exit(END_OF_INPUT)


def _check_append(path: str) -> None:
    """Refuse, before the questions, a response file that cannot be added to."""
    check_outputs(path)
    if Path(path).exists() and not Path(path).is_file():
        raise AdvisorUsageError(f"cannot write {path}: a response file must be a regular file")
    check_appendable(path)


def _keep(answers: dict[str, int | str | None], append_to: str | None) -> None:
    """Print the response as CSV, or add it to the response file."""
    if append_to is None:
        emit(response_csv(answers), None)
        return
    row = append_response(append_to, answers)
    click.echo(f"added the response as row {row} of {append_to}", err=True)


@survey_group.command("score")
@click.argument("responses", type=click.Path(dir_okay=False))
@format_option(FORMATS, "text for a terminal, md for documents, json for everything, html or pdf to share.")
@OUTPUT_OPTION
def score_command(responses: str, fmt: str, output: str | None) -> None:
    """Score a RESPONSES file (CSV): each mechanism's score, items, spread and maturity level
    (Table 11), the groups that disagree most, and the Table 10 actions for the weakest mechanisms."""
    if fmt == "pdf":
        refuse_binary_to_terminal(output)
    check_outputs(output, inputs=(responses,))
    emit(render_survey(read_survey(responses), fmt), output)
