"""Sensitivity of the appraisal: the switching values of the weights, and the single changes to
the case a board could make that would change the preferred way forward or the first of the
ranking."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import partial

from advisor.advice.sensitivity import ACTIONABLE
from advisor.appraisal.consequences import warm_up
from advisor.appraisal.models import BUSINESS_AS_USUAL, FactSwitch, WeightSensitivity, WeightSwitch
from advisor.appraisal.ranking import leaders, weighted_total
from advisor.appraisal.scoring import label
from advisor.case.edit import LIST_FACTS, CaseEditError, apply_edits, current_value, editable_facts
from advisor.case.model import Case
from advisor.engine.facts import case_facts
from advisor.engine.parallel import parallel_map
from advisor.kb.load import load_knowledge

DIGITS = 6
SUBJECT = {"collaboration": "the collaboration's", "relationship": "the relationship's", "partners": "every partner's"}
PHRASES = {
    "collaboration.mandation": "if the collaboration were {value}",
    "collaboration.mandated_by": "if the collaboration were mandated by {value}",
}


def option_name(form: str) -> str:
    """An option's name in words ('none' for no option)."""
    if not form:
        return "none"
    return "Business as usual" if form == BUSINESS_AS_USUAL else load_knowledge()[form].name


def _number(value: Fraction) -> float:
    return round(float(value), DIGITS)


def _switch(
    candidates: list[tuple[Fraction, int, int]], w0: Fraction, top: int, names: Sequence[str], down: bool
) -> WeightSwitch | None:
    """The nearest crossing among (weight, steepness, option index) candidates, if any."""
    if not candidates:
        return None
    at = max(c[0] for c in candidates) if down else min(c[0] for c in candidates)
    tied = [c for c in candidates if c[0] == at]
    if down and at == 0:  # nothing lies below 0: the option that wins the tie at 0 takes the top
        new_top = min(j for _, _, j in tied)
    else:  # beyond the crossing the steepest option leads; ties go to the earlier option
        new_top = max(tied, key=lambda c: (c[1], -c[2]))[2]
    return WeightSwitch(
        value=_number(at),
        change=_number(at - w0),
        new_top=names[new_top],
        inclusive=any(j < top for _, _, j in tied),
    )


def weight_switches(
    table: Sequence[tuple[str, Mapping[str, int]]], weights: Mapping[str, float]
) -> dict[str, WeightSensitivity]:
    """For each criterion, the nearest weights below and above the current one at which the top
    option changes, the other weights held.

    ``table`` lists (option, scores by criterion) in tie-break order: a tie goes to the earlier
    option. A total is linear in each weight, so option j draws level with the top option t at
    ``w = w0 - (total_t - total_j) / (score_t - score_j)``; beyond that weight j ranks above t
    (and at it, when j is the earlier option). Weights cannot go below 0."""
    names = [name for name, _ in table]
    totals = [weighted_total(scores, weights) for _, scores in table]
    top = min(range(len(table)), key=lambda i: (-totals[i], i))
    out = {}
    for crit, weight in weights.items():
        w0 = Fraction(weight)
        below: list[tuple[Fraction, int, int]] = []
        above: list[tuple[Fraction, int, int]] = []
        for j, (_, scores) in enumerate(table):
            slope = table[top][1][crit] - scores[crit]
            if j == top or slope == 0:
                continue
            at = w0 - (totals[top] - totals[j]) / slope
            if slope < 0:
                above.append((at, -slope, j))
            elif at > 0 or (at == 0 and j < top):
                below.append((at, slope, j))
        out[crit] = WeightSensitivity(
            weight=float(weight),
            down=_switch(below, w0, top, names, down=True),
            up=_switch(above, w0, top, names, down=False),
        )
    return out


@dataclass(frozen=True)
class Change:
    """One single change to a case: the fact, the value to give it, and the change in words."""

    fact: str
    value: str
    condition: str
    current: str


def _shown(value: str) -> str:
    return f'"{value}"' if value in ("yes", "no") else label(value)


def single_changes(case: Case) -> list[Change]:
    """Every single change a board could make and defend: each fact of ``ACTIONABLE`` (how the
    partners set the collaboration up and run it, not its history, geography or who the partners
    are), a partner fact for all partners at once, at every value other than its own and unknown;
    list facts gain or lose one entry."""
    facts = editable_facts(case, per_partner=False)
    changes = []
    for fact in ACTIONABLE:
        if fact not in facts:
            continue
        choices = facts[fact]
        section, name = fact.split(".", 1)
        current = current_value(case, fact)
        if name in LIST_FACTS:
            now = ", ".join(current) or "none"
            for choice in choices:
                present = choice in current
                new = tuple(c for c in current if c != choice) if present else (*current, choice)
                verb = "did not include" if present else "also included"
                condition = f"if {SUBJECT[section]} {label(name)} {verb} {label(choice)}"
                changes.append(Change(fact, ",".join(new), condition, now))
            continue
        values = tuple(current) if section == "partners" else (current,)
        now = ", ".join(label(v) for v in dict.fromkeys(values))
        for choice in choices:
            if choice == "unknown" or all(v == choice for v in values):
                continue
            template = PHRASES.get(fact, f"if {SUBJECT[section]} {label(name)} were {{value}}")
            changes.append(Change(fact, choice, template.format(value=_shown(choice)), now))
    return changes


def _facts_key(case: Case) -> tuple:
    """Everything the rules and the scoring see of a case: equal keys, equal appraisals."""
    return tuple(sorted(case_facts(case, load_knowledge())[1].items()))


def _consequence(new: tuple[str, str], old: tuple[str, str]) -> str:
    preferred, top = new
    parts = []
    if preferred != old[0]:
        parts.append(
            f"the preferred way forward would be {option_name(preferred)} instead of {option_name(old[0])}"
            if preferred
            else f"no form would be preferred (now {option_name(old[0])})"
        )
    if top != old[1]:
        parts.append(f"{option_name(top)} would rank first instead of {option_name(old[1])}")
    return " and ".join(parts)


def fact_switches(
    case: Case,
    leaders_now: tuple[str, str],
    weights: Mapping[str, float],
    requested: Sequence[str] | None = None,
    workers: int = 1,
) -> tuple[tuple[FactSwitch, ...], int]:
    """The single changes a board could make (:func:`single_changes`) that would change the
    preferred way forward or the first of the ranking (``leaders_now``: both as they are), and
    how many changes were tried. One run of the rules for each distinct set of facts the
    changes produce; changes the case model refuses are skipped."""
    changes = single_changes(case)
    edited: dict[Change, tuple] = {}
    runs: dict[tuple, Case] = {}
    unchanged = _facts_key(case)
    for change in changes:
        try:
            new_case = apply_edits(case, {change.fact: change.value})
        except CaseEditError:
            continue
        key = _facts_key(new_case)
        edited[change] = key
        if key != unchanged:
            runs.setdefault(key, new_case)
    job = partial(leaders, weights=dict(weights), requested=requested)
    found = dict(zip(runs, parallel_map(job, list(runs.values()), workers=workers, initializer=warm_up), strict=True))
    switches = tuple(
        FactSwitch(
            fact=change.fact,
            value=change.value,
            current=change.current,
            new_preferred=found[key][0],
            new_top=found[key][1],
            text=f"{change.condition} (now {change.current}), {_consequence(found[key], leaders_now)}",
        )
        for change, key in edited.items()
        if found.get(key, leaders_now) != leaders_now
    )
    return switches, len(changes)
