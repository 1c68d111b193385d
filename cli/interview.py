"""`advisor interview`: the guided interview at a terminal (or from an answers file)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from advisor.cli.common import OUTPUT_HELP, AdvisorUsageError, check_outputs
from advisor.interview.files import case_path_for, fresh_path, load_session, read_answers
from advisor.interview.flow import Interview
from advisor.interview.terminal import Terminal, conclude, run_interview

# Exit status when the interview stops before the end (the answers are saved either way).
PAUSE_STATUS = {"quit": 0, "end of input": 1, "interrupt": 130}


def _check_options(save: str | None, resume: str | None, session: str | None, answers: str | None) -> None:
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
@click.pass_context
def interview_command(
    ctx: click.Context, save: str | None, resume: str | None, session: str | None, answers: str | None
) -> None:
    """Describe a collaboration by answering questions, then see the advice.

    Type ? at any question to see why it is asked, back to go back, quit to stop (the
    answers are saved after each one; --resume carries on). At the end the case is saved
    in the YAML format that `advisor advise` reads."""
    if os.environ.get("NO_COLOR"):
        ctx.color = False
    _check_options(save, resume, session, answers)
    session_path = None if answers else Path(resume or session or fresh_path("session", ".json"))
    default_save = case_path_for(session_path) if session_path else fresh_path("case", ".yaml")
    save_path = Path(save) if save else default_save
    check_outputs(str(save_path), inputs=(answers, resume))
    check_outputs(str(save_path), session_path and str(session_path))
    if session_path is None:
        conclude(read_answers(answers), save_path, Terminal())
        return
    interview = load_session(resume) if resume else Interview()
    stopped = run_interview(interview, session_path, save_path, Terminal())
    if stopped:
        ctx.exit(PAUSE_STATUS[stopped])
