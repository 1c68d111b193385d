"""Which question next: the one whose possible answers could change the advice most, found by
re-running the engine on each of them (MYCIN asked the question that mattered most next, and
stopped when its conclusion was settled).

For an open question, each possible answer is tried on the case so far, and the engine run to
its verdicts and top option (:func:`advisor.advice.sensitivity.outcome`). The question's
:class:`Effect` counts the answers that would change the top option or its verdict, those
that would change some form's verdict, and the rules that read it (which refine risks,
formalisation and actions once the verdicts are settled). Questions are compared by the share
of their answers that change the top option, then some verdict, then by those readers.

The recommendation is *settled* when no single answer to any open question would change the
top option or its verdict; the certainty is ``low`` while no form is viable or three or more
open questions could change it (:data:`advisor.advice.certainty.MANY`), ``medium`` while one
or two could, ``high`` when settled.

Keeping it cheap:

- an answer that leaves the engine's input facts as they are cannot change anything, and a
  question all of whose answers do so is not asked at all (e.g. special measures for a
  partner already rated inadequate);
- an answer that leaves the facts the verdicts depend on as they are
  (:func:`advisor.engine.dependencies.form_reads`) cannot change a verdict: no run;
- outcomes are kept by those facts, across questions, so an answer tried before (or a
  "don't know") costs nothing;
- each question keeps its last effect, and questions are checked again in that order (those
  never checked first) only until the certainty is known: while three or more could change
  the top option, a budget of six is checked and the best of them asked; while one or two
  could, every question never checked or that could change it last time is checked again;
  calling the recommendation settled re-checks every open question.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from advisor.advice.certainty import MANY
from advisor.advice.sensitivity import Outcome, outcome
from advisor.case.model import FORM_IDS, Case
from advisor.engine.dependencies import form_reads
from advisor.engine.facts import _lead, _pairs_strained, collaboration_slots, partner_mix
from advisor.interview.catalogue import fact_readers
from advisor.interview.flow import Interview, Step
from advisor.kb.load import load_knowledge

Score = tuple[float, float, int]
# Questions checked before the next is chosen while three or more could change the top
# option (our calibration: the best of these is asked; the others are checked later).
BUDGET = 6
LEVEL_WORDS = {"high": "settled", "medium": "fairly settled", "low": "not settled"}


@cache
def verdict_inputs() -> tuple[str, ...]:
    """The engine's input facts that some form's verdict depends on."""
    return tuple(sorted({name for form in FORM_IDS for name in form_reads(form)}))


@lru_cache(maxsize=2048)
def engine_inputs(case: Case) -> tuple[dict[str, Any], tuple[Any, ...]]:
    """The engine's input facts for a case, by dotted name (the values of
    :func:`advisor.engine.facts.case_facts`, without building its experta facts, which costs
    ten times more; a test checks they agree), and those the verdicts depend on (a key)."""
    relationship = case.relationship.model_dump(exclude={"pairs"}) | {"pairs_strained": _pairs_strained(case)}
    values = {f"collaboration.{k}": v for k, v in collaboration_slots(case, load_knowledge()).items()}
    values.update({f"relationship.{k}": v for k, v in relationship.items()})
    values.update({f"partners.{k}": v for k, v in (partner_mix(case.partners) | _lead(case)).items()})
    return values, tuple(repr(values[name]) for name in verdict_inputs())


def inert(interview: Interview, step: Step, case: Case) -> bool:
    """Whether no answer to ``step`` would change the engine's input facts for ``case`` (the
    case so far): then no answer can change anything, and the question is not asked."""
    trials = interview.trials(step)
    values = engine_inputs(case)[0]
    return bool(trials) and all(engine_inputs(interview.case_with(trial, case))[0] == values for trial in trials)


@dataclass(frozen=True)
class Effect:
    """What a question's possible answers would do to the advice."""

    answers: int
    top: tuple[tuple[Mapping[str, Any], Outcome], ...]  # answers that would change the top option or its verdict
    verdicts: int  # answers that would change some form's verdict
    readers: int  # rules that read the answer
    inert: bool  # no answer changes any input of the engine
    members: tuple[int, ...] = ()  # of a partner fact asked of several partners: those whose answer matters

    @property
    def score(self) -> Score:
        if not self.answers:
            return (0.0, 0.0, self.readers)
        return (len(self.top) / self.answers, self.verdicts / self.answers, self.readers)


@dataclass(frozen=True)
class Choice:
    """The next question, and how settled the advice is before it is answered."""

    step: Step | None
    outcome: Outcome
    level: str
    settled: bool
    deciding: tuple[str, ...]  # open questions (step ids) that could change the top option
    reason: str
    checked: int  # questions checked this time
    runs: int  # engine runs this time
    seconds: float


def option_name(form: str) -> str:
    """A form's name ('' -> 'no form')."""
    return load_knowledge()[form].name if form else "no form"


def outcome_words(result: Outcome) -> str:
    """'Merger (conditional)'."""
    if not result.top:
        return "no form is yet recommended or conditional"
    return f"{option_name(result.top)} ({result.top_verdict.replace('_', ' ')})"


@dataclass
class Chooser:
    """Chooses questions for one interview, keeping what it learnt between questions."""

    runs: int = 0
    _outcomes: dict[tuple[Any, ...], Outcome] = field(default_factory=dict)
    _last: dict[str, Effect] = field(default_factory=dict)

    @property
    def started(self) -> bool:
        """Whether any question has been checked yet (the first choice checks every one)."""
        return bool(self._last)

    def outcome_for(self, case: Case, key: tuple[Any, ...]) -> Outcome:
        """The verdicts and top option of a case (whose verdict inputs are ``key``), run once per key."""
        if key not in self._outcomes:
            self.runs += 1
            self._outcomes[key] = outcome(case)
        return self._outcomes[key]

    def effect(self, interview: Interview, step: Step, base_case: Case) -> Effect:
        """Try every possible answer of ``step`` on the case so far."""
        values, base_key = engine_inputs(base_case)
        base = self.outcome_for(base_case, base_key)
        top: list[tuple[Mapping[str, Any], Outcome]] = []
        verdicts = 0
        inert = True
        moving: set[str] = set()  # facts whose answer alone changes the engine's inputs
        answers = interview.trials(step)
        for value in answers:
            case = interview.case_with(value, base_case)
            trial_values, key = engine_inputs(case)
            if trial_values == values:
                continue
            inert = False
            if len(value) == 1:
                moving |= set(value)
            if key == base_key:
                continue
            result = self.outcome_for(case, key)
            if base.changes_top(result):
                top.append((value, result))
            if result.verdicts != base.verdicts:
                verdicts += 1
        readers = len(fact_readers(step.question))
        members = tuple(i for i, fact in zip(step.members, step.facts, strict=False) if fact in moving)
        return Effect(
            len(answers), tuple(top), verdicts, readers, inert=bool(answers) and inert, members=members or step.members
        )

    def _priority(self, step: Step) -> Score:
        """The question's last effect; a question never checked is assumed to matter as much
        as any (so it is checked first), those read by more of the rules on forms first."""
        last = self._last.get(step.id)
        return last.score if last is not None else (1.0, 1.0, len(fact_readers(step.question, ("forms",))))

    def choose(self, interview: Interview) -> Choice:
        """The open question that matters most, or None when none is left."""
        start, runs = time.perf_counter(), self.runs
        case = interview.case()
        values, key = engine_inputs(case)
        base = self.outcome_for(case, key)
        candidates = interview.open_steps()
        position = {s.id: i for i, s in enumerate(candidates)}
        queue = sorted(candidates, key=lambda s: (_desc(self._priority(s)), position[s.id]))
        fresh: dict[str, Effect] = {}
        for step in queue:
            if self._known_enough(fresh, self._priority(step), step.id in self._last):
                break
            fresh[step.id] = self._last[step.id] = self.effect(interview, step, case)
        deciding = tuple(sid for sid, e in fresh.items() if e.top)
        settled = not deciding
        live = {sid: e for sid, e in fresh.items() if not e.inert} if settled else fresh
        best = min(live, key=lambda sid: (_desc(live[sid].score), position[sid]), default=None)
        if settled:  # every open question was checked: the inert ones are never asked
            live_steps = [s for s in candidates if s.id in live]
        else:
            live_steps = candidates
        level = "low" if not base.top or len(deciding) >= MANY else "medium" if deciding else "high"
        chosen = next((s for s in live_steps if s.id == best), None)
        if chosen is not None and fresh[chosen.id].members != chosen.members:  # only the partners that matter
            chosen = interview.partner_step(chosen.question.field, fresh[chosen.id].members)
        return Choice(
            step=chosen,
            outcome=base,
            level=level,
            settled=settled,
            deciding=deciding,
            reason=reason(fresh[best], base) if best else "",
            checked=len(fresh),
            runs=self.runs - runs,
            seconds=time.perf_counter() - start,
        )

    @staticmethod
    def _known_enough(fresh: Mapping[str, Effect], next_priority: Score, next_checked: bool) -> bool:
        """Whether the questions checked so far settle the certainty, and the choice well
        enough: three could change the top option and either a budget of questions is
        checked or the best beats what the next could do; or one or two could, and every
        question that was never checked or could change it last time is checked again."""
        changing = sum(1 for e in fresh.values() if e.top)
        if changing >= MANY:
            return len(fresh) >= BUDGET or max(e.score for e in fresh.values()) >= next_priority
        return bool(changing) and next_checked and next_priority[0] == 0


def _desc(score: Score) -> tuple[float, float, int]:
    return (-score[0], -score[1], -score[2])


def reason(effect: Effect, base: Outcome) -> str:
    """Why a question was chosen, in words."""
    if effect.top:
        return (
            f"{len(effect.top)} of its {effect.answers} answers would change the top option, now {outcome_words(base)}"
        )
    if effect.verdicts:
        return (
            f"no answer would change the top option; {effect.verdicts} of {effect.answers} "
            "would change the verdict on another form"
        )
    if effect.readers:
        rules = "one rule reads it" if effect.readers == 1 else f"{effect.readers} rules read it"
        return f"it refines the risks, formalisation and actions ({rules})"
    return "it is kept in the case for the board (no rule reads it yet)"


def certainty_words(choice: Choice) -> str:
    """'Merger (conditional) - fairly settled: 2 questions could still change it.'"""
    what = outcome_words(choice.outcome)
    what = what[:1].upper() + what[1:]
    if choice.settled:
        return f"{what} - settled: no remaining question could change it on its own."
    n = len(choice.deciding)
    more = "at least " if choice.level == "low" and n >= MANY else ""
    noun = "question" if n == 1 else "questions"
    return f"{what} - {LEVEL_WORDS[choice.level]}: {more}{n} {noun} could still change it."
