"""`advisor interview`: the guided interview at a terminal (or from an answers file)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from advisor.case.load import CaseError
from advisor.cli.common import AdvisorUsageError, emit, format_option, read_case
from advisor.interview.files import InterviewFileError, case_path_for, fresh_path, load_session, read_answers
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
    for option, path in (("--save", save), ("--session", session)):
        if path and not Path(path).resolve().parent.is_dir():
            raise AdvisorUsageError(f"{option} {path}: the folder {Path(path).resolve().parent} does not exist")
    if session and Path(session).exists():
        raise AdvisorUsageError(
            f"{session} already exists: carry it on with --resume {session}, or choose another file"
        )


@click.command("interview")
@click.option("--save", type=click.Path(dir_okay=False), help="Write the case here (default: a new file, printed).")
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

        case = read_case(replay)
        steps = list(replay_case(case))
        emit(replay_json(steps) if fmt == "json" else replay_text(steps, case), None)
        return
    try:
        if answers:
            conclude(read_answers(answers), Path(save) if save else fresh_path("case", ".yaml"), Terminal())
            return
        interview, asking = load_session(resume) if resume else (Interview(), None)
        session_path = Path(resume or session or fresh_path("session", ".json"))
        stopped = run_interview(
            interview, session_path, Path(save) if save else case_path_for(session_path), Terminal(), asking
        )
    except (InterviewFileError, CaseError) as exc:
        lines = "\n".join(f"  - {p}" for p in exc.problems)
        raise AdvisorUsageError(f"cannot use {exc.source}:\n{lines}") from None
    except OSError as exc:
        raise AdvisorUsageError(f"cannot write {exc.filename or 'a file'}: {exc.strerror or exc}") from None
    if stopped:
        ctx.exit(PAUSE_STATUS[stopped])
