"""The guided interview as a library: which questions apply, what an answer means, and the
case the answers describe. No terminal here (see :mod:`advisor.interview.terminal`); which of
the open questions comes next is chosen by :mod:`advisor.interview.choosing`.

A question as asked in one interview is a :class:`Step`. Its id names its fact as
:mod:`advisor.case.edit` does (``collaboration.mandation``, ``relationship.travel_time``,
``collaboration.in_place.form``, ``partners[0].legal_kind``, partners counted from 0), or is
``partners.count``; ``partners[0]`` is a partner's line (its name, sector, size, rating and
finances at once) and ``partners[0,2].legal_kind`` a partner fact asked of several partners
at once (one answer each, or one for all). Answers are kept by fact id
(``partners[0].sector``, never ``partners[0]``), in the order they were first given, as
canonical values: a word for a choice, a list of words for several choices, text, a number,
or a partner's number (from 0).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from advisor.case.load import case_from_data
from advisor.case.model import Case
from advisor.case.wording import short_label
from advisor.interview.catalogue import UNKNOWN, Catalogue, Question, fact_model, load_catalogue

DONT_KNOW = "don't know"
_DONT_KNOW_WORDS = {"unknown", "don't_know", "dont_know", "do_not_know", "dk", "not_sure", "?"}
_NONE_WORDS = {"none", "no_one", "nothing"}
_PARTNER_ID = re.compile(r"^partners\[((?:0|[1-9][0-9]*)(?:,(?:0|[1-9][0-9]*))*)\](?:\.([a-z_]+))?$")
MAX_NAME = 200
ID_EXAMPLES = "partners.count, partners[0].sector, relationship.travel_time, collaboration.mandation"
LINE_SEPARATOR = ","


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
    """A question as asked in one interview: once, of one partner (``partner`` from 0), or
    of several partners at once (``members``)."""

    id: str
    question: Question
    partner: int | None = None
    members: tuple[int, ...] = ()

    @property
    def facts(self) -> tuple[str, ...]:
        """The ids of the facts the step answers (several for a partner's line or a table)."""
        if self.question.type == "line":
            return tuple(f"{self.id}.{field}" for field in self.question.fields)
        if self.members:
            return tuple(f"partners[{i}].{self.question.field}" for i in self.members)
        return (self.id,)


def _normal(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", text.strip().lower())


class Interview:
    """The answers so far and everything that follows from them: which questions apply,
    what an answer means and which case the answers describe."""

    def __init__(self, answers: Mapping[str, Any] | None = None, catalogue: Catalogue | None = None):
        self.catalogue = catalogue or load_catalogue()
        self.answers: dict[str, Any] = dict(answers or {})
        self._line_question = self.catalogue.question("partners.line")
        self._steps: dict[str, Step] = {}

    # -- the questions ---------------------------------------------------------------------

    def step(self, step_id: str) -> Step:
        """The step with this id, whether or not it is asked given the answers so far."""
        if step_id not in self._steps:
            self._steps[step_id] = self._new_step(step_id)
        return self._steps[step_id]

    def _new_step(self, step_id: str) -> Step:
        match = _PARTNER_ID.match(step_id)
        try:
            if match:
                indexes, field = [int(i) for i in match.group(1).split(",")], match.group(2)
                if max(indexes) >= (self.catalogue.question("partners.count").maximum or 0):
                    raise KeyError(step_id)
                question = self._line_question if field is None else self.catalogue.question(f"partner.{field}")
                if len(indexes) == 1:
                    return Step(step_id, question, indexes[0])
                if field is None or indexes != sorted(set(indexes)) or field in self._line_question.fields:
                    raise KeyError(step_id)
                return Step(step_id, question, members=tuple(indexes))
            question = self.catalogue.question(step_id)
        except KeyError:
            raise UnknownQuestionError(step_id) from None
        if question.per_partner:
            raise UnknownQuestionError(step_id)
        return Step(step_id, question)

    def partner_step(self, field: str, members: tuple[int, ...]) -> Step:
        """A partner fact asked of these partners: of one, or of several at once."""
        return self.step(f"partners[{','.join(map(str, members))}].{field}")

    def fact_step(self, fact_id: str) -> Step:
        """The step that asks a fact: a partner's line for its name, sector, size, rating and
        finances, the fact's own question otherwise."""
        step = self.step(fact_id)
        if step.partner is not None and step.question.field in self._line_question.fields:
            return self.step(f"partners[{step.partner}]")
        return step

    def count(self) -> int:
        """The number of partners (as answered, or the default)."""
        return int(self.value(self.step("partners.count")))

    def _condition_fails(self, step: Step) -> str | None:
        for fact, condition in step.question.ask_if.items():
            ref = f"partners[{step.partner}].{fact.split('.', 1)[1]}" if fact.startswith("partner.") else fact
            value = self.value(self.step(ref))
            if isinstance(condition, dict) and "min" in condition:
                if int(value) < condition["min"]:
                    return f"asked only when {ref} is at least {condition['min']}"
            elif isinstance(condition, dict):
                if value in condition["not"]:
                    return f"asked only when {ref} is not {' or '.join(condition['not'])}"
            elif value not in condition:
                allowed = condition[0] if len(condition) == 1 else "one of " + ", ".join(condition)
                return f"asked only when {ref} is {allowed}"
        return None

    def not_asked_reason(self, step: Step) -> str | None:
        """Why a question is not asked given the answers, or None if it is."""
        if max((step.partner or 0, *step.members)) >= self.count():
            return f"there are {self.count()} partners (partners.count), numbered from 0"
        return self._condition_fails(step)

    def applies(self, step: Step) -> bool:
        """Whether the question is asked given the answers so far."""
        return self.not_asked_reason(step) is None

    def answered(self, step: Step) -> bool:
        """Whether the step has an answer (a partner's line: any of its facts)."""
        return any(fact in self.answers for fact in step.facts)

    def _fixed(self, section: str) -> Iterator[Step]:
        for question_id in self.catalogue.order[section]:
            if question_id == "partners.line":
                yield from (self.step(f"partners[{i}]") for i in range(self.count()))
            else:
                yield self.step(question_id)

    def next_fixed(self) -> Step | None:
        """The first question of the purpose or the partners still to ask, if any."""
        for section in ("purpose", "partners"):
            for step in self._fixed(section):
                if not self.answered(step) and self.applies(step):
                    return step
        return None

    def open_steps(self) -> list[Step]:
        """The questions left for the engine to choose from: every other question that
        applies and has no answer yet, in catalogue order; a partner fact once, for every
        partner whose answer is not yet given and not known from its other answers (an NHS
        trust's statutory name gives its legal kind, :class:`advisor.case.model.Partner`)."""
        out = []
        partners = self.case().partners
        for question in self.catalogue.questions:
            if self.catalogue.fixed_section(question.id):
                continue
            if question.per_partner:
                if question.field in self._line_question.fields:
                    continue
                members = tuple(
                    i
                    for i in range(self.count())
                    if f"partners[{i}].{question.field}" not in self.answers
                    and getattr(partners[i], question.field)
                    == self.default(self.step(f"partners[{i}].{question.field}"))
                )
                steps = [self.partner_step(question.field, members)] if members else []
            else:
                steps = [self.step(question.id)]
            out += [s for s in steps if not self.answered(s) and self.applies(s)]
        return out

    def closing(self) -> list[Step]:
        """The questions asked last that have no answer yet."""
        return [s for s in self._fixed("closing") if not self.answered(s)]

    def asked(self) -> list[Step]:
        """The questions answered that apply, in the order they were first answered (a
        partner fact answered for several partners at once counts as one question)."""
        steps: dict[str, Step] = {}
        for step in self._answered_steps():
            if step.id not in steps and self.applies(step):
                steps[step.id] = step
        return list(steps.values())

    def _answered_steps(self) -> Iterator[Step]:
        facts = [self.fact_step(fact) for fact in self.answers]
        i = 0
        while i < len(facts):
            step, i = facts[i], i + 1
            if step.partner is None or step.question.type == "line":
                yield step
                continue
            members = [step.partner]
            while i < len(facts) and facts[i].question is step.question and (facts[i].partner or 0) > members[-1]:
                members.append(facts[i].partner)
                i += 1
            yield self.partner_step(step.question.field, tuple(members))

    def neighbour(self, step_id: str, offset: int) -> Step | None:
        """The answered question ``offset`` places after (or before) ``step_id``; before
        the first unanswered question, the last answered one."""
        ids = [s.id for s in self.asked()]
        if step_id not in ids:
            return self.asked()[-1] if offset < 0 and ids else None
        index = ids.index(step_id) + offset
        return self.asked()[index] if 0 <= index < len(ids) else None

    # -- values ----------------------------------------------------------------------------

    def default(self, step: Step) -> Any:
        """The answer taken when the user just presses Enter on an unanswered question."""
        question = step.question
        if question.type == "line":
            return {field: self.default(self.step(f"{step.id}.{field}")) for field in question.fields}
        if step.members:
            return [self.default(self.step(fact)) for fact in step.facts]
        if question.type == "multi":
            return []
        if question.type == "text":
            return str(question.default).format(n=(step.partner or 0) + 1)
        return question.default

    def value(self, step: Step) -> Any:
        """The answer given, or the default."""
        if step.question.type == "line":
            return {field: self.value(self.step(f"{step.id}.{field}")) for field in step.question.fields}
        if step.members:
            return [self.value(self.step(fact)) for fact in step.facts]
        return self.answers.get(step.id, self.default(step))

    def answer(self, step_id: str, value: Any) -> None:
        """Record an answer (a canonical value, as :meth:`parse` returns; for a partner's
        line, a mapping of its facts to their values; for several partners, a list of their
        values in order)."""
        step = self.step(step_id)
        if step.question.type == "line":
            for field in step.question.fields:
                self.answers[f"{step.id}.{field}"] = value[field]
        elif step.members:
            for fact, each in zip(step.facts, value, strict=True):
                self.answers[fact] = each
        else:
            self.answers[step_id] = value

    def possible_answers(self, step: Step) -> tuple[Any, ...]:
        """The answers the engine tries for a question: each choice; each single choice of a
        question with several; each partner. None for names, numbers and lines."""
        question = step.question
        if question.type == "choice":
            return tuple(question.choices)
        if question.type == "multi":
            return tuple([value] for value in question.choices)
        if question.type == "partner":
            return tuple(range(self.count()))
        return ()

    def _follow_ups(self, step: Step) -> list[Step]:
        """The questions asked only given an answer to ``step`` (who mandated a mandated one)."""
        return [self.step(q.id) for q in self.catalogue.questions if step.question.id in q.ask_if]

    def _closes(self, fact_id: str) -> list[Step]:
        """The questions whose asking depends on the answer to ``fact_id``."""
        step = self.step(fact_id)
        return self._follow_ups(step) if step.partner is None and not step.members else []

    def trials(self, step: Step) -> tuple[dict[str, Any], ...]:
        """The answers to try for a question, each as answers by fact id: an answer that
        opens follow-up questions is tried together with each answer of each of them
        (mandated by a regulator, by national policy...), so that a settled recommendation
        cannot be changed by answering a question and then its follow-up."""
        if step.members:
            return tuple(
                {fact: value for fact in facts}
                for value in self.possible_answers(step)
                for facts in (step.facts, *((fact,) for fact in step.facts))
            )
        out: list[dict[str, Any]] = []
        for value in self.possible_answers(step):
            given = Interview({**self.answers, step.id: value}, self.catalogue)
            opened = [
                f
                for f in self._follow_ups(step)
                if not self.answered(f) and given.applies(f) and self.possible_answers(f)
            ]
            if not opened:
                out.append({step.id: value})
            for follow_up in opened:
                out += [{step.id: value, follow_up.id: answer} for answer in self.possible_answers(follow_up)]
        return tuple(out)

    # -- wording ---------------------------------------------------------------------------

    def partner_name(self, index: int) -> str:
        """The partner's name as answered, or its placeholder."""
        return str(self.value(self.step(f"partners[{index}].name")))

    def text(self, step: Step) -> str:
        """The question as put to the user."""
        n = (step.partner or 0) + 1
        name = self.partner_name(step.partner) if step.partner is not None else "each of these partners"
        return step.question.question.format(name=name, n=n)

    def label(self, step: Step) -> str:
        """A short name for the question in the summary of answers."""
        question = step.question
        if step.members:
            return f"{question.label} of the partners"
        if step.partner is None:
            return question.label
        if question.type == "line":
            return question.label.format(n=step.partner + 1)
        return f"{self.partner_name(step.partner)}: {question.label}"

    def members(self, step: Step) -> list[str]:
        """The names of the partners a question asks about at once, in order."""
        return [self.partner_name(i) for i in step.members]

    def options(self, step: Step) -> list[tuple[str, str]]:
        """The numbered choices (value, meaning), "don't know" last where it is allowed."""
        question = step.question
        if question.type == "partner":
            options = [(str(i), self.partner_name(i)) for i in range(self.count())]
        else:
            options = list(question.choices.items())
        return options + [(UNKNOWN, DONT_KNOW)] if question.unknown else options

    def display(self, step: Step, value: Any) -> str:
        """An answer in words."""
        question = step.question
        if question.type == "line":
            return "; ".join(self.display(self.step(f"{step.id}.{field}"), value[field]) for field in question.fields)
        if step.members:
            words = [self.display(self.step(fact), each) for fact, each in zip(step.facts, value, strict=True)]
            if len(set(words)) == 1:
                return f"all: {words[0]}"
            return "; ".join(f"{name}: {word}" for name, word in zip(self.members(step), words, strict=True))
        if question.type == "multi":
            return ", ".join(short_label(question.choices[v]) for v in value) if value else DONT_KNOW
        if question.type == "choice":
            return DONT_KNOW if value == UNKNOWN else short_label(question.choices.get(value, str(value)))
        if question.type == "partner":
            return DONT_KNOW if value == UNKNOWN else self.partner_name(int(value))
        return str(value)

    # -- answering -------------------------------------------------------------------------

    def _choice(self, step: Step, token: str) -> Any:
        options = self.options(step)
        word = _normal(token)
        if word.isdigit() and 1 <= int(word) <= len(options):
            return self._canonical(step, options[int(word) - 1][0])
        if step.question.unknown and word in _DONT_KNOW_WORDS:
            return UNKNOWN
        labels = [(value, _normal(label), _normal(short_label(label))) for value, label in options]
        for value, label, short in labels:
            if word in (value, label, short):
                return self._canonical(step, value)
        if word and not word.isdigit():
            starts = {value for value, label, short in labels if value.startswith(word) or label.startswith(word)}
            if len(starts) == 1:
                return self._canonical(step, starts.pop())
        words = ", ".join(DONT_KNOW if value == UNKNOWN else self._word(step, value, label) for value, label in options)
        raise AnswerError(
            f"{token.strip()!r} is not one of the choices", f"type a number from 1 to {len(options)} or one of {words}"
        )

    @staticmethod
    def _word(step: Step, value: str, label: str) -> str:
        """The word a user types for a choice: its value, or a partner's name."""
        return label if step.question.type == "partner" else value.replace("_", " ")

    @staticmethod
    def _canonical(step: Step, value: str) -> Any:
        return int(value) if step.question.type == "partner" and value != UNKNOWN else value

    def _several(self, step: Step, raw: str) -> list[str]:
        if _normal(raw) in _DONT_KNOW_WORDS | _NONE_WORDS:
            return []
        tokens = [t for t in raw.split(",") if t.strip()]
        if len(tokens) == 1 and all(t.isdigit() for t in raw.split()):
            tokens = raw.split()
        chosen = {self._choice(step, token) for token in tokens}
        if UNKNOWN in chosen:
            raise AnswerError(f'"{DONT_KNOW}" cannot be combined with other choices')
        return [value for value in step.question.choices if value in chosen]

    def _text(self, step: Step, raw: str) -> str:
        if len(raw) > MAX_NAME:
            raise AnswerError(f"a name has at most {MAX_NAME} characters; this one has {len(raw)}")
        if step.partner is not None:
            others = {self.partner_name(i) for i in range(self.count()) if i != step.partner}
            if raw in others:
                raise AnswerError(f"{raw!r} is already the name of another partner; each partner needs its own name")
        owner = "partner" if step.partner is not None else step.question.owner
        model, name = fact_model(owner, step.question.field)
        try:
            model.model_validate({"name": "-", name: raw} if "name" in model.model_fields else {name: raw})
        except ValidationError as exc:
            raise AnswerError(f"{raw!r} is not allowed: {exc.errors()[0]['msg']}") from None
        return raw

    def _line(self, step: Step, raw: str) -> dict[str, Any]:
        fields = step.question.fields
        parts = [part.strip() for part in raw.split(LINE_SEPARATOR)]
        if len(parts) > len(fields):
            raise AnswerError(
                f"{len(parts)} parts, but a line has at most {len(fields)}: {', '.join(fields)} (a name without commas)"
            )
        out = {}
        for field, part in zip(fields, parts + [""] * (len(fields) - len(parts)), strict=True):
            sub = self.step(f"{step.id}.{field}")
            if not part or (field != "name" and part == "?"):
                out[field] = self.default(sub)
                continue
            try:
                out[field] = self.parse(sub, part)
            except AnswerError as exc:
                raise AnswerError(f"{sub.question.label.lower()}: {exc.problem}", exc.allowed) from None
        return out

    def _table(self, step: Step, raw: str) -> list[Any]:
        parts = [part.strip() for part in raw.split(LINE_SEPARATOR)]
        if len(parts) not in (1, len(step.members)):
            raise AnswerError(
                f"{len(parts)} answers for {len(step.members)} partners: give one answer for each, "
                "in order, separated by commas, or one answer for all"
            )
        subs = [self.step(fact) for fact in step.facts]
        if len(parts) == 1:
            return [self.parse(subs[0], parts[0])] * len(subs)
        return [
            self.default(sub) if part in ("", "?") else self.parse(sub, part)
            for sub, part in zip(subs, parts, strict=True)
        ]

    def parse(self, step: Step, text: str) -> Any:
        """What typed text means as an answer to ``step``; Enter alone keeps the current value.

        Raises :class:`AnswerError` naming the allowed answers."""
        raw = text.strip()
        question = step.question
        if not raw:
            return self.value(step)
        if step.members:
            return self._table(step, raw)
        if question.type in ("choice", "partner"):
            return self._choice(step, raw)
        if question.type == "multi":
            return self._several(step, raw)
        if question.type == "line":
            return self._line(step, raw)
        if question.type == "count":
            low, high = question.minimum or 0, question.maximum or 0
            if not raw.isdigit() or not low <= int(raw) <= high:
                raise AnswerError(f"{raw!r} is not allowed: type a whole number from {low} to {high}")
            return int(raw)
        return self._text(step, raw)

    # -- the result ------------------------------------------------------------------------

    def _facts(self) -> Iterator[tuple[Step, Any]]:
        """Every fact of the case the answers describe, with its value (answered or default)."""
        count = self.count()
        for question in self.catalogue.questions:
            if question.id in ("partners.count", "partners.line"):
                continue
            if question.per_partner:
                steps = [self.step(f"partners[{i}].{question.field}") for i in range(count)]
            else:
                steps = [self.step(question.id)]
            for step in steps:
                if self.applies(step):
                    yield step, self.value(step)

    def case_data(self) -> dict[str, Any]:
        """The case the answers describe, as data."""
        data: dict[str, Any] = {"collaboration": {}, "relationship": {}, "partners": [{} for _ in range(self.count())]}
        for step, value in self._facts():
            question = step.question
            target = data["partners"][step.partner] if step.partner is not None else data[question.owner]
            *parents, name = question.field.split(".")
            for parent in parents:
                target = target.setdefault(parent, {})
            if question.type == "partner":
                value = None if value == UNKNOWN else int(value)
            target[name] = value
        return data

    def case(self) -> Case:
        """The case the answers describe; questions not asked stay unknown."""
        return case_from_data(self.case_data(), "the interview's answers")

    def case_with(self, answers: Mapping[str, Any], base: Case | None = None) -> Case:
        """The case with these answers added (for trying answers): ``base``, the case of the
        answers so far, edited, unless an answer decides whether another question is asked
        (then the case is built again)."""
        if base is not None and not any(self.answered(f) for fact in answers for f in self._closes(fact)):
            return edited_case(base, answers)
        trial = Interview({**self.answers, **answers}, self.catalogue)
        return case_from_data(trial.case_data(), "the interview's answers")


def edited_case(case: Case, answers: Mapping[str, Any]) -> Case:
    """``case`` with these answers (by fact id, canonical values) put in, without validating
    again (the answers are the catalogue's own values)."""
    collaboration, relationship, partners = case.collaboration, case.relationship, list(case.partners)
    for fact, raw in answers.items():
        value = tuple(raw) if isinstance(raw, list) else raw
        match = _PARTNER_ID.match(fact)
        if match:
            index, field = int(match.group(1)), match.group(2)
            partners[index] = partners[index].model_copy(update={field: value})
            continue
        owner, _, field = fact.partition(".")
        if field == "lead_partner":
            value = None if value == UNKNOWN else int(value)
        if owner == "relationship":
            relationship = relationship.model_copy(update={field: value})
        elif "." in field:
            parent, name = field.split(".")
            inner = getattr(collaboration, parent).model_copy(update={name: value})
            collaboration = collaboration.model_copy(update={parent: inner})
        else:
            collaboration = collaboration.model_copy(update={field: value})
    update = {"collaboration": collaboration, "relationship": relationship, "partners": tuple(partners)}
    return case.model_copy(update=update)


def answers_from_case(case: Case, catalogue: Catalogue | None = None) -> dict[str, Any]:
    """The answers that describe a case, by fact id (what a replay of the case answers)."""
    interview = Interview(catalogue=catalogue)
    data = case.model_dump(mode="json")
    answers: dict[str, Any] = {"partners.count": len(case.partners)}
    for question in interview.catalogue.questions:
        if question.owner not in ("collaboration", "relationship", "partner"):
            continue
        if question.per_partner:
            where = [(f"partners[{i}].{question.field}", p) for i, p in enumerate(data["partners"])]
        else:
            where = [(question.id, data[question.owner])]
        for fact, source in where:
            value = source
            for name in question.field.split("."):
                value = value.get(name) if isinstance(value, dict) else None
            if value is None:
                value = UNKNOWN
            answers[fact] = list(value) if isinstance(value, list | tuple) else value
    return answers
