"""Sensitivity of the appraisal: the switching values of the weights, and the single changes to
the case's facts that would put another option first."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cache, partial

from advisor.appraisal.consequences import warm_up
from advisor.appraisal.models import BUSINESS_AS_USUAL, FactSwitch, WeightSensitivity, WeightSwitch
from advisor.appraisal.parallel import parallel_map
from advisor.appraisal.ranking import top_form, weighted_total
from advisor.appraisal.scoring import label
from advisor.case.edit import LIST_FACTS, CaseEditError, apply_edits, current_value, editable_facts
from advisor.case.model import Case
from advisor.engine.facts import PARTNER_MIX_SOURCES, case_facts
from advisor.kb.load import load_knowledge
from advisor.rules.registry import REGISTRY

DIGITS = 6
SUBJECT = {"collaboration": "the collaboration's", "relationship": "the relationship's", "partners": "every partner's"}
PHRASES = {
    "collaboration.mandation": "if the collaboration were {value}",
    "collaboration.mandated_by": "if the collaboration were mandated by {value}",
}


def option_name(form: str) -> str:
    """An option's name in words."""
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


@cache
def facts_rules_read() -> frozenset[str]:
    """The case facts some rule reads (partner fields through the partner summaries they feed)."""
    reads = {r for spec in REGISTRY.values() for r in spec.reads}
    out = {r for r in reads if not r.startswith("partners.")}
    for slot, fields in PARTNER_MIX_SOURCES.items():
        if f"partners.{slot}" in reads:
            out.update(f"partners.{field}" for field in fields)
    return frozenset(out)


def _shown(value: str) -> str:
    return f'"{value}"' if value in ("yes", "no") else label(value)


def single_changes(case: Case) -> list[Change]:
    """Every single change worth trying: each collaboration and relationship fact, and each
    partner fact for all partners at once, at every value other than its own and unknown (so
    unknown facts are tried at each of their values); list facts gain or lose one entry.
    Facts no rule reads cannot change the advice and are left out."""
    read = facts_rules_read()
    changes = []
    for fact, choices in editable_facts(case).items():
        if "[" in fact or fact not in read:
            continue
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


def fact_switches(
    case: Case, top: str, weights: Mapping[str, float], requested: Sequence[str] | None = None, workers: int = 1
) -> tuple[tuple[FactSwitch, ...], int]:
    """The single changes to the case that would put an option other than ``top`` first, and
    how many changes were tried. The engine is re-run once for each distinct set of facts the
    changes produce (e.g. every partner's capacity 'medium' or 'high' both mean no partner is
    short of capacity); changes the case model refuses are skipped."""
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
    job = partial(top_form, weights=dict(weights), requested=requested)
    tops = dict(zip(runs, parallel_map(job, list(runs.values()), workers=workers, initializer=warm_up), strict=True))
    switches = tuple(
        FactSwitch(
            fact=change.fact,
            value=change.value,
            current=change.current,
            new_top=tops[key],
            text=f"{change.condition} (now {change.current}), {option_name(tops[key])} would rank first "
            f"instead of {option_name(top)}",
        )
        for change, key in edited.items()
        if tops.get(key, top) != top
    )
    return switches, len(changes)
