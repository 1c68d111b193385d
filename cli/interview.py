"""`advisor interview`: the guided interview at a terminal (or from an answers file)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from advisor.case.load import load_case
from advisor.cli.common import OUTPUT_HELP, AdvisorUsageError, check_outputs, emit, format_option
from advisor.interview.files import case_path_for, fresh_path, load_session, read_answers
from advisor.interview.flow import Interview
from advisor.interview.terminal import Terminal, conclude, run_interview

# Exit status when the interview stops before the end (the answers are saved either way).
PAUSE_STATUS = {"quit": 0, "end of input": 1, "interrupt": 130}


def _check_options(
    save: str | None, resume: str | None, session: str | None, answers: str | None, replay: str | None
) -> None:
    if replay and (save or resume or session or answers):
        raise AdvisorUsageError(
            "--replay only reads the case file; leave out --save, --resume, --session and --answers"
        )
    if answers and (resume or session):
        raise AdvisorUsageError("--answers runs without a session; leave out --resume and --session")
    if resume and session:
        raise AdvisorUsageError("--resume continues the session file it names; leave out --session")
    if session and Path(session).exists():
        raise AdvisorUsageError(
            f"{session} already exists: carry it on with --resume {session}, or choose another file"
        )


@click.command("interview")
@click.option(
    "--save",
    type=click.Path(dir_okay=False),
    help=f"Write the case here (default: a new file, printed); checked before the first question. {OUTPUT_HELP}",
)
@click.option("--resume", type=click.Path(dir_okay=False), help="Carry on the interview saved in this session file.")
@click.option(
    "--session",
    type=click.Path(dir_okay=False),
    help="Keep the answers of a new interview in this file (default: advisor-session-<time>.json).",
)
@click.option(
    "--answers",
    type=click.Path(dir_okay=False),
    help="Answer from this YAML/JSON file (question id: answer) instead of asking.",
)
@click.option(
    "--replay",
    type=click.Path(dir_okay=False),
    help="Show the questions the interview would ask, answered from this case file, and why.",
)
@format_option(["text", "json"], "With --replay: text for people, json (one object per question) for measurement.")
@click.pass_context
def interview_command(
    ctx: click.Context,
    save: str | None,
    resume: str | None,
    session: str | None,
    answers: str | None,
    replay: str | None,
    fmt: str,
) -> None:
    """Describe a collaboration by answering questions, then see the advice.

    The purpose and the partners come first; then only the questions whose answers could
    change the advice, the one that matters most first, until the recommendation is settled
    (you may finish there or go on). Type ? at any question to see why it is asked, back to
    go back, quit to stop (the answers are saved after each one; --resume carries on). At
    the end the case is saved in the YAML format that `advisor advise` reads.

    --replay CASE shows, without asking, the questions the interview would ask and in what
    order, answered from the case file, with why each was chosen and the advice after it."""
    if os.environ.get("NO_COLOR"):
        ctx.color = False
    _check_options(save, resume, session, answers, replay)
    if replay:
        from advisor.interview.replay import replay as replay_case
        from advisor.interview.replay import replay_json, replay_text

        case = load_case(replay)
        steps = list(replay_case(case))
        emit(replay_json(steps) if fmt == "json" else replay_text(steps, case), None)
        return
    session_path = None if answers else Path(resume or session or fresh_path("session", ".json"))
    default_save = case_path_for(session_path) if session_path else fresh_path("case", ".yaml")
    save_path = Path(save) if save else default_save
    check_outputs(str(save_path), inputs=(answers, resume))
    check_outputs(str(save_path), session_path and str(session_path))
    if session_path is None:
        conclude(read_answers(answers), save_path, Terminal())
        return
    interview, asking = load_session(resume) if resume else (Interview(), None)
    stopped = run_interview(interview, session_path, save_path, Terminal(), asking)
    if stopped:
        ctx.exit(PAUSE_STATUS[stopped])
