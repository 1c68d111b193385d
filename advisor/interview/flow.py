"""The guided interview as a library: which question comes next, what an answer means, and
the case the answers describe. No terminal here (see :mod:`advisor.interview.terminal`).

A question in an interview is a :class:`Step` with an id naming its fact as
:mod:`advisor.case.edit` does: ``collaboration.mandation``, ``relationship.travel_time``,
``partners[0].sector`` (partners counted from 0), plus ``partners.count`` and
``partners.detail``, which shape the interview itself. Answers are kept by step id as
canonical values: a word for a choice, a list of words for several choices, text, or a number.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from advisor.case.load import case_from_data
from advisor.case.model import Case
from advisor.interview.catalogue import UNKNOWN, Catalogue, Question, load_catalogue

DONT_KNOW = "don't know"
_DONT_KNOW_WORDS = {"unknown", "don't_know", "dont_know", "do_not_know", "dk", "not_sure"}
_NONE_WORDS = {"none", "no_one", "nothing"}
_STEP_ID = re.compile(r"^partners\[(0|[1-9][0-9]*)\]\.([a-z_]+)$")
MAX_NAME = 200
ID_EXAMPLES = "partners.count, partners[0].sector, relationship.travel_time, collaboration.mandation"


class AnswerError(ValueError):
    """An answer the question does not allow: ``problem`` says what is wrong, ``allowed``
    (for choices) lists the words that are allowed."""

    def __init__(self, problem: str, allowed: str = ""):
        self.problem = problem
        self.allowed = allowed
        super().__init__(f"{problem}: {allowed}" if allowed else problem)


class UnknownQuestionError(KeyError):
    """An id that names no question of the interview."""

    def __str__(self) -> str:
        return f"{self.args[0]}: no such question (ids look like {ID_EXAMPLES})"


@dataclass(frozen=True)
class Step:
    """A question as asked in one interview: once, or for one partner (``partner`` from 0)."""

    id: str
    question: Question
    partner: int | None = None


def _normal(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", text.strip().lower())


class Interview:
    """The answers so far and everything that follows from them: which questions apply, in
    what order, what an answer means and which case the answers describe."""

    def __init__(self, answers: Mapping[str, Any] | None = None, catalogue: Catalogue | None = None):
        self.catalogue = catalogue or load_catalogue()
        self.answers: dict[str, Any] = dict(answers or {})

    # -- the questions ---------------------------------------------------------------------

    def step(self, step_id: str) -> Step:
        """The step with this id, whether or not it is asked given the answers so far."""
        match = _STEP_ID.match(step_id)
        try:
            if match:
                index, field = int(match.group(1)), match.group(2)
                maximum = self.catalogue.question("partners.count").maximum or 0
                question = self.catalogue.question(f"partner.{field}")
                if index >= maximum:
                    raise KeyError(step_id)
                return Step(step_id, question, index)
            question = self.catalogue.question(step_id)
        except KeyError:
            raise UnknownQuestionError(step_id) from None
        if question.per_partner:
            raise UnknownQuestionError(step_id)
        return Step(step_id, question)

    def default(self, step: Step) -> Any:
        """The answer taken when the user just presses Enter on an unanswered question."""
        question = step.question
        if question.type == "multi":
            return []
        if question.type == "text" and step.partner is not None:
            return str(question.default).format(n=step.partner + 1)
        return question.default

    def _ref(self, fact: str, partner: int | None) -> str:
        return f"partners[{partner}].{fact.split('.', 1)[1]}" if fact.startswith("partner.") else fact

    def _failed_condition(self, step: Step, values: Mapping[str, Any]) -> str | None:
        for fact, condition in step.question.ask_if.items():
            ref = self._ref(fact, step.partner)
            value = values[ref] if ref in values else self.default(self.step(ref))
            if isinstance(condition, dict):
                if int(value) < condition["min"]:
                    return f"asked only when {ref} is at least {condition['min']}"
            elif value not in condition:
                allowed = condition[0] if len(condition) == 1 else "one of " + ", ".join(condition)
                return f"asked only when {ref} is {allowed}"
        return None

    def _walk(self) -> tuple[list[Step], dict[str, Any]]:
        """The steps that apply, in order, and the current value of each."""
        steps: list[Step] = []
        values: dict[str, Any] = {}

        def visit(step: Step) -> None:
            if self._failed_condition(step, values) is None:
                steps.append(step)
                values[step.id] = self.answers.get(step.id, self.default(step))

        partner_questions = [q for q in self.catalogue.questions if q.per_partner]
        for question in self.catalogue.questions:
            if not question.per_partner:
                visit(Step(question.id, question))
            elif question is partner_questions[0]:
                for index in range(int(values["partners.count"])):
                    for each in partner_questions:
                        visit(Step(f"partners[{index}].{each.field}", each, index))
        return steps, values

    def steps(self) -> list[Step]:
        """The questions that apply given the answers so far, in the order they are asked
        (unanswered questions count with their defaults)."""
        return self._walk()[0]

    def value(self, step: Step) -> Any:
        """The answer given, or the default."""
        return self.answers.get(step.id, self.default(step))

    def next_unanswered(self) -> Step | None:
        """The first question that applies and has no answer yet; None when all are answered."""
        return next((s for s in self.steps() if s.id not in self.answers), None)

    def neighbour(self, step_id: str, offset: int) -> Step | None:
        """The question ``offset`` places after (or before, if negative) ``step_id``."""
        steps = self.steps()
        ids = [s.id for s in steps]
        if step_id not in ids:
            return None
        index = ids.index(step_id) + offset
        return steps[index] if 0 <= index < len(steps) else None

    def progress(self, step: Step) -> tuple[int, int]:
        """The question's position (from 1) and the number of questions as things stand."""
        ids = [s.id for s in self.steps()]
        return (ids.index(step.id) + 1 if step.id in ids else len(ids)), len(ids)

    def not_asked_reason(self, step_id: str) -> str | None:
        """Why a known question is not asked given the answers, or None if it is asked."""
        step = self.step(step_id)
        steps, values = self._walk()
        if any(s.id == step_id for s in steps):
            return None
        if step.partner is not None and step.partner >= int(values["partners.count"]):
            return f"there are {values['partners.count']} partners (partners.count), numbered from 0"
        return self._failed_condition(step, values)

    # -- wording ---------------------------------------------------------------------------

    def partner_name(self, index: int) -> str:
        """The partner's name as answered, or its placeholder."""
        return str(self.value(self.step(f"partners[{index}].name")))

    def text(self, step: Step) -> str:
        """The question as put to the user."""
        n = (step.partner or 0) + 1
        name = self.partner_name(step.partner) if step.partner is not None else ""
        return step.question.question.format(name=name, n=n)

    def label(self, step: Step) -> str:
        """A short name for the question in the summary of answers."""
        if step.partner is None:
            return step.question.label
        if step.question.field == "name":
            return f"Organisation {step.partner + 1}"
        return f"{self.partner_name(step.partner)}: {step.question.label}"

    @staticmethod
    def options(question: Question) -> list[tuple[str, str]]:
        """The numbered choices (value, label), "don't know" last where it is allowed."""
        options = list(question.choices.items())
        return options + [(UNKNOWN, DONT_KNOW)] if question.unknown else options

    def display(self, step: Step, value: Any) -> str:
        """An answer in words."""
        if step.question.type == "multi":
            return ", ".join(value) if value else DONT_KNOW
        if step.question.type == "choice":
            return dict(self.options(step.question)).get(value, str(value))
        return str(value)

    # -- answering -------------------------------------------------------------------------

    def _choice(self, question: Question, token: str) -> str:
        options = self.options(question)
        word = _normal(token)
        if word.isdigit() and 1 <= int(word) <= len(options):
            return options[int(word) - 1][0]
        if question.unknown and word in _DONT_KNOW_WORDS:
            return UNKNOWN
        for value, label in options:
            if word in (value, _normal(label)):
                return value
        if word and not word.isdigit():
            starts = {value for value, label in options if value.startswith(word) or _normal(label).startswith(word)}
            if len(starts) == 1:
                return starts.pop()
        words = ", ".join(value if value != UNKNOWN else DONT_KNOW for value, _ in options)
        raise AnswerError(
            f"{token.strip()!r} is not one of the choices", f"type a number from 1 to {len(options)} or one of {words}"
        )

    def _several(self, question: Question, raw: str) -> list[str]:
        if _normal(raw) in _DONT_KNOW_WORDS | _NONE_WORDS:
            return []
        tokens = [t for t in raw.split(",") if t.strip()]
        if len(tokens) == 1 and all(t.isdigit() for t in raw.split()):
            tokens = raw.split()
        chosen = {self._choice(question, token) for token in tokens}
        if UNKNOWN in chosen:
            raise AnswerError(f'"{DONT_KNOW}" cannot be combined with other choices')
        return [value for value in question.choices if value in chosen]

    def parse(self, step: Step, text: str) -> Any:
        """What typed text means as an answer to ``step``; Enter alone keeps the current value.

        Raises :class:`AnswerError` naming the allowed answers."""
        raw = text.strip()
        question = step.question
        if not raw:
            return self.value(step)
        if question.type == "choice":
            return self._choice(question, raw)
        if question.type == "multi":
            return self._several(question, raw)
        if question.type == "count":
            low, high = question.minimum or 0, question.maximum or 0
            if not raw.isdigit() or not low <= int(raw) <= high:
                raise AnswerError(f"{raw!r} is not allowed: type a whole number from {low} to {high}")
            return int(raw)
        if len(raw) > MAX_NAME:
            raise AnswerError(f"a name has at most {MAX_NAME} characters; this one has {len(raw)}")
        if step.partner is not None:
            count = int(self.value(self.step("partners.count")))
            others = {self.partner_name(i) for i in range(count) if i != step.partner}
            if raw in others:
                raise AnswerError(f"{raw!r} is already the name of another partner; each partner needs its own name")
        return raw

    def answer(self, step_id: str, value: Any) -> None:
        """Record an answer (a canonical value, as :meth:`parse` returns)."""
        self.answers[step_id] = value

    # -- the result ------------------------------------------------------------------------

    def case(self) -> Case:
        """The case the answers describe; questions not asked stay unknown."""
        steps, values = self._walk()
        data: dict[str, Any] = {
            "collaboration": {},
            "relationship": {},
            "partners": [{} for _ in range(int(values["partners.count"]))],
        }
        for step in steps:
            question = step.question
            if question.owner == "partners":
                continue
            target = data["partners"][step.partner] if step.partner is not None else data[question.owner]
            target[question.field] = values[step.id]
        return case_from_data(data, "the interview's answers")
