"""How settled the advice is: for each unknown fact and each answer it could have, would the
top option or its verdict change? The same trials say which unknown facts matter (the
advice's ``unknowns``) and which facts would decide an undecided form."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from advisor.advice.model import AnswerEffect, Certainty, Unknown
from advisor.advice.sensitivity import Edit, Outcome, try_answers, unknown_answers
from advisor.case.model import Case
from advisor.case.wording import fact_label, value_label
from advisor.engine.tracing import VERDICT_ORDER

MANY = 3  # facts whose answers could change the top option before certainty is low (our calibration)
SETTLE = 3  # facts named as those that would settle the advice


@dataclass
class Trials:
    """The outcome of every single answer to every unknown fact."""

    base: Outcome
    answers: dict[str, dict[Edit, Outcome]] = field(default_factory=dict)

    def changing_top(self) -> dict[str, list[Edit]]:
        """Facts (in trial order) with the answers that would change the top option or its verdict."""
        out: dict[str, list[Edit]] = {}
        for fact, results in self.answers.items():
            edits = [e for e, o in results.items() if self.base.changes_top(o)]
            if edits:
                out[fact] = edits
        return out

    def changing_form(self, form: str) -> list[tuple[str, int, int]]:
        """Facts whose answers change a form's verdict, with the best verdict rank and score
        reached, most influential first."""
        now_verdict, now_score = self.base.verdicts[form]
        found = []
        for fact, results in self.answers.items():
            moved = [o.verdicts[form] for o in results.values() if o.verdicts[form][0] != now_verdict]
            if moved:
                best = min(moved, key=lambda v: (VERDICT_ORDER[v[0]], -v[1]))
                found.append((fact, VERDICT_ORDER[best[0]], best[1] - now_score))
        return sorted(found, key=lambda f: (f[1], -f[2], f[0]))

    def changes_any_verdict(self, fact: str) -> bool:
        return any(o.verdicts != self.base.verdicts for o in self.answers.get(fact, {}).values())


def run_trials(case: Case, base: Outcome, measured: Mapping[str, str] | None = None) -> Trials:
    """Re-run the engine for each single answer to each unknown fact."""
    trials = Trials(base)
    answers = unknown_answers(case)
    results = try_answers(case, [edit for edits in answers.values() for edit in edits], measured)
    for fact, edits in answers.items():
        tried = {edit: results[edit] for edit in edits if edit in results}
        if tried:
            trials.answers[fact] = tried
    return trials


def _names(facts: list[str], partners: Sequence[str]) -> str:
    """'the kind of body of Northtown Hospital or sovereignty kept'."""
    words = [fact_label(f, partners) for f in facts]
    words = [w[:1].lower() + w[1:] for w in words]
    return " or ".join(words) if len(words) < 3 else ", ".join(words[:-1]) + " or " + words[-1]


def certainty(trials: Trials, option_name: Mapping[str, str], partners: Sequence[str] = ()) -> Certainty:
    """The certainty of the advice from its trials."""
    base = trials.base
    changing = trials.changing_top()
    ranked = sorted(changing, key=lambda f: (-len(changing[f]), list(trials.answers).index(f)))
    settle = tuple(ranked[:SETTLE])
    effects = tuple(
        AnswerEffect(
            fact=fact,
            value=value,
            top_option=trials.answers[fact][(fact, value)].top or "none",
            verdict=trials.answers[fact][(fact, value)].top_verdict,
        )
        for fact in ranked
        for (_, value) in changing[fact]
    )
    tried = len(trials.answers)
    top = f"{option_name[base.top]} ({base.top_verdict})" if base.top else "no form"
    if not base.top:
        level = "low"
        explanation = "No form is yet recommended or conditional."
        settle = settle or tuple(fact for fact, *_ in _viability_facts(trials)[:SETTLE])
    elif len(changing) >= MANY:
        level = "low"
        explanation = (
            f"Answers to {len(changing)} of the {tried} unknown facts could each change the top option, {top}."
        )
    elif changing:
        level = "medium"
        explanation = f"The top option, {top}, could change only with the answer on {_names(list(settle), partners)}."
    else:
        level = "high"
        explanation = (
            f"No single answer to the {tried} unknown facts would change the top option, {top}."
            if tried
            else f"Every fact is known; the top option is {top}."
        )
    return Certainty(
        level=level,
        explanation=explanation,
        top_option=base.top or "none",
        verdict=base.top_verdict,
        changes=effects,
        settle=settle,
        facts_tried=tried,
        runs=sum(len(r) for r in trials.answers.values()),
    )


def _viability_facts(trials: Trials) -> list[tuple[str, int]]:
    """Facts whose answers would make some form viable, most forms first."""
    counts: dict[str, int] = defaultdict(int)
    for fact, results in trials.answers.items():
        for o in results.values():
            if o.top:
                counts[fact] += 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def unknowns(
    trials: Trials, readers: Mapping[str, tuple[str, ...]], option_name: Mapping[str, str]
) -> tuple[Unknown, ...]:
    """The unknown facts some rule reads, by importance: an answer could change the top option
    (high), another form's verdict (medium), or only risks, formalisation and actions (low)."""
    changing = trials.changing_top()
    out = []
    for fact, results in trials.answers.items():
        rules = readers.get(fact, ())
        if not rules:
            continue
        if fact in changing:
            value = changing[fact][0][1]
            after = results[(fact, value)]
            importance = "high"
            why = (
                f"If it were {value_label(fact, value).lower()}, the top option would be "
                f"{option_name.get(after.top, 'none')} ({after.top_verdict.replace('_', ' ')})."
            )
        elif trials.changes_any_verdict(fact):
            importance = "medium"
            why = "An answer would change the verdict on another form, not the top option."
        else:
            importance = "low"
            why = "No single answer would change a verdict; it refines risks, formalisation or actions."
        out.append(Unknown(fact=fact, why=why, rules=rules, importance=importance))
    order = {"high": 0, "medium": 1, "low": 2}
    return tuple(sorted(out, key=lambda u: (order[u.importance], u.fact)))
