"""Replaying an interview on a case file, for trainers and for measurement: the questions the
interview asks, in order, answered from the case, with why each was chosen and the advice's
top option and certainty after it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from advisor.advice.sensitivity import outcome
from advisor.case.model import Case
from advisor.interview.choosing import Choice, Chooser, certainty_words, engine_inputs, outcome_words
from advisor.interview.flow import Interview, Step, answers_from_case

SETTLED_MESSAGE = (
    "The recommendation is settled: no remaining question could change it on its own; the rest refine "
    'risks and actions. Facts answered "don\'t know" can still matter, and the advice names them.'
)
FIXED_WHY = "asked first, whatever the answers"
CLOSING_WHY = "asked last, to name the advice"


@dataclass(frozen=True)
class Asked:
    """One question of a replay and the advice after its answer (``certainty`` and ``settled``
    are None while the purpose and the partners are still being asked: they are assessed
    only once the engine chooses the questions)."""

    number: int
    question: str
    text: str
    answer: Any
    answer_words: str
    why: str
    top_option: str
    verdict: str
    certainty: str | None
    settled: bool | None
    after: str
    choosing_seconds: float | None  # None for the questions asked first and last
    runs: int


def _answer(interview: Interview, step: Step, answers: dict[str, Any]) -> Any:
    if step.question.type == "line":
        return {
            field: answers.get(f"{step.id}.{field}", interview.default(step)[field]) for field in step.question.fields
        }
    if step.members:
        return [answers.get(fact, interview.default(interview.step(fact))) for fact in step.facts]
    return answers.get(step.id, interview.default(step))


def replay(case: Case, until_settled: bool = False) -> Iterator[Asked]:
    """The interview on ``case``: every question it asks, in order, answered as the case
    says (a fact the case leaves unknown is answered "don't know"); up to the point where
    the recommendation is settled, or to the end."""
    answers = answers_from_case(case)
    interview = Interview()
    chooser = Chooser()
    number = 0
    pending: tuple[Step, Any, str, Choice | None] | None = None
    while True:
        step = interview.next_fixed()
        choice = chooser.choose(interview) if step is None else None
        if pending is not None:
            number += 1
            yield _asked(number, interview, chooser, *pending, after=choice)
        why, chosen_by = FIXED_WHY, None
        if choice is not None:
            if until_settled and choice.settled:
                return
            if choice.step is not None:
                step, why, chosen_by = choice.step, choice.reason, choice
            elif interview.closing():
                step, why = interview.closing()[0], CLOSING_WHY
            else:
                return
        value = _answer(interview, step, answers)
        pending = (step, value, why, chosen_by)
        interview.answer(step.id, value)


def _asked(
    number: int,
    interview: Interview,
    chooser: Chooser,
    step: Step,
    value: Any,
    why: str,
    chosen_by: Choice | None,
    after: Choice | None,
) -> Asked:
    if after is not None:
        result = after.outcome
        certainty, settled, words = after.level, after.settled, certainty_words(after)
    else:
        case = interview.case()
        result = chooser.outcome_for(case, engine_inputs(case)[1])
        certainty, settled, words = None, None, outcome_words(result)
        words = words[:1].upper() + words[1:]
    return Asked(
        number=number,
        question=step.id,
        text=interview.text(step),
        answer=value,
        answer_words=interview.display(step, value),
        why=why,
        top_option=result.top or "none",
        verdict=result.top_verdict,
        certainty=certainty,
        settled=settled,
        after=words,
        choosing_seconds=chosen_by.seconds if chosen_by else None,
        runs=chosen_by.runs if chosen_by else 0,
    )


def settled_after(steps: list[Asked]) -> int | None:
    """The number of questions after which the recommendation was first settled."""
    return next((s.number for s in steps if s.settled), None)


def replay_json(steps: list[Asked]) -> str:
    """One object per question: question, answer, top_option, verdict, certainty, settled
    (and the question's wording and why it was chosen)."""
    keys = ("number", "question", "text", "answer", "why", "top_option", "verdict", "certainty", "settled")
    data = [{k: v for k, v in asdict(s).items() if k in keys} for s in steps]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def replay_text(steps: list[Asked], case: Case) -> str:
    """The replay for a trainer: each question, its answer, why it was asked and the advice
    after it, and where the recommendation became settled."""
    lines = [f"Replay of the interview on {case.collaboration.name} ({len(case.partners)} partners)", ""]
    settled = settled_after(steps)
    for s in steps:
        lines.append(f"{s.number:>3}. {s.text}")
        lines.append(f"     answer: {s.answer_words}")
        lines.append(f"     why: {s.why}")
        lines.append(f"     after: {s.after}")
        if s.number == settled:
            lines += ["", f"  -- After question {s.number}: {SETTLED_MESSAGE[:1].lower()}{SETTLED_MESSAGE[1:]}", ""]
    if settled is None:
        lines += ["", "  -- The recommendation never became settled."]
    lines += ["", f"Advice on the whole case file: {outcome_words(outcome(case))}."]
    return "\n".join(lines) + "\n"
