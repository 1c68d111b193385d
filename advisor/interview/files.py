"""The interview's files: the session file, saved after every answer so that nothing is lost
and ``--resume`` can carry on, and answers files, which run the interview without a terminal.

An answers file is a YAML or JSON mapping of fact id to answer, each answer written as it
would be typed (a choice's word or number, several as a list or comma-separated, a name, a
count, a partner's number from 1 or name)::

    partners.count: 2
    partners[0].name: Northgate Hospitals
    partners[0].sector: acute
    collaboration.mandation: voluntary
    collaboration.drivers: [consolidation, learning]

Facts it leaves out are "don't know" (or their default); ids that name no question, or a
question the other answers make irrelevant, are errors.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from advisor.files.errors import SHOWN_CHARS, InputFileError, clip, shown
from advisor.files.read import load_data
from advisor.files.write import write_atomic
from advisor.interview.flow import AnswerError, Interview, Step, UnknownQuestionError

SESSION_FORMAT = "advisor-interview-session"
SESSION_VERSION = 1
MAX_FILE_BYTES = 1_000_000
MAX_FILE_VALUES = 100_000
MAX_ANSWER_CHARS = 1_000  # longer than any name (200) or list of every choice


class InterviewFileError(InputFileError):
    """A session or answers file that cannot be used; names the file and every problem."""


def _read_mapping(path: str | Path, what: str) -> dict[str, Any]:
    """A YAML/JSON file that must hold a mapping with text keys, read by the one safe loader."""
    source = str(path)
    data = load_data(path, MAX_FILE_BYTES, MAX_FILE_VALUES, "expected YAML or JSON", InterviewFileError)
    if not isinstance(data, dict) or not all(isinstance(key, str) for key in data):
        raise InterviewFileError(source, [f"expected {what}"])
    return data


def answer_text(raw: Any) -> str:
    """An answer from a file as the user would type it (YAML reads yes/no as booleans)."""
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return "yes" if raw else "no"
    if isinstance(raw, str | int | float):
        return str(raw)
    if isinstance(raw, list) and all(isinstance(item, str | int | bool) for item in raw):
        return ", ".join(answer_text(item) for item in raw)
    raise AnswerError(f"{shown(raw)} is not an answer: give a word, a number or a list of words")


def parse_answer(interview: Interview, step: Step, raw: Any) -> Any:
    """An answer from a file, as :meth:`Interview.parse` reads it, with any echo of a long value
    cut to 200 characters."""
    text = answer_text(raw)
    if len(text) > MAX_ANSWER_CHARS:
        raise AnswerError(f"{shown(text)} is too long to be an answer")
    try:
        return interview.parse(step, text)
    except AnswerError as exc:
        problem = exc.problem
        for part in {text.strip(), *(token.strip() for token in text.split(","))}:
            if len(part) > SHOWN_CHARS:
                problem = problem.replace(repr(part), shown(part))
        raise AnswerError(problem, exc.allowed) from None


def _unknown(step_id: str) -> str:
    return str(UnknownQuestionError(clip(step_id)))


def session_text(interview: Interview, asking: str | None = None) -> str:
    """The session as JSON: the answers so far, in the order they were given, and the
    question being asked (so that a resumed interview asks it again first)."""
    data: dict[str, Any] = {"format": SESSION_FORMAT, "version": SESSION_VERSION, "answers": interview.answers}
    if asking:
        data["asking"] = asking
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def save_session(interview: Interview, path: str | Path, asking: str | None = None) -> None:
    """Save the session atomically: the file holds either the old or the new answers."""
    write_atomic(Path(path), session_text(interview, asking))


def load_session(path: str | Path) -> tuple[Interview, str | None]:
    """Read a session file back into an interview, checking every answer again; with the
    id of the question that was being asked, if any."""
    source = str(path)
    data = _read_mapping(path, "an interview session (JSON)")
    if data.get("format") != SESSION_FORMAT or data.get("version") != SESSION_VERSION:
        raise InterviewFileError(source, [f"not an interview session (format {SESSION_FORMAT} {SESSION_VERSION})"])
    answers = data.get("answers")
    if not isinstance(answers, dict):
        raise InterviewFileError(source, ["answers: expected a mapping of question id to answer"])
    interview, problems = _answered(answers, "answers.")
    asking = data.get("asking")
    if asking is not None and not isinstance(asking, str):
        problems.append("asking: expected the id of a question")
    if problems:
        raise InterviewFileError(source, problems)
    return interview, asking


def _answered(answers: dict[str, Any], where: str = "") -> tuple[Interview, list[str]]:
    """An interview with these answers (each checked as if typed, in the order given), and
    the problems of those that are refused."""
    interview = Interview()
    problems = []
    for fact_id, raw in answers.items():
        try:
            step = interview.step(fact_id)
            if step.question.type == "line":
                raise UnknownQuestionError(fact_id)
            interview.answer(fact_id, parse_answer(interview, step, raw))
        except UnknownQuestionError:
            problems.append(f"{where}{_unknown(fact_id)}")
        except AnswerError as exc:
            problems.append(f"{where}{clip(fact_id)}: {exc}")
    return interview, problems


def interview_from_answers(data: dict[str, Any], source: str = "<answers>") -> Interview:
    """The interview answered from a mapping of fact id to answer; facts left out are
    "don't know" (or their default). Raises :class:`InterviewFileError` listing every
    unknown id, irrelevant question and bad answer."""
    interview, problems = _answered(data)
    for fact_id in data:
        try:
            reason = interview.not_asked_reason(interview.step(fact_id))
        except UnknownQuestionError:
            continue
        if reason:
            problems.append(f"{clip(fact_id)}: not asked given the other answers ({reason})")
    if problems:
        raise InterviewFileError(source, problems)
    return interview


def read_answers(path: str | Path) -> Interview:
    """Run the interview on an answers file (YAML or JSON)."""
    source = str(path)
    example = "a mapping of question id to answer, e.g. `collaboration.mandation: voluntary`"
    return interview_from_answers(_read_mapping(path, example), source)


def fresh_path(kind: str, suffix: str) -> Path:
    """``advisor-<kind>-<date>-<time><suffix>`` in the current folder, never an existing file."""
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    path, n = Path(f"advisor-{kind}-{stamp}{suffix}"), 1
    while path.exists():
        n += 1
        path = Path(f"advisor-{kind}-{stamp}-{n}{suffix}")
    return path


def case_path_for(session: Path) -> Path:
    """Where a session's case goes by default: advisor-session-X.json -> advisor-case-X.yaml."""
    stem = session.stem
    name = stem.replace("session", "case", 1) if "session" in stem else f"{stem}-case"
    return session.with_name(f"{name}.yaml")
