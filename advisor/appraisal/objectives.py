"""Spending objectives (gb_spending_objectives): what any option must achieve, stated from the
partners' drivers (Table 3), any mandate and the intended scope, plus the user's own.

Each objective names how it would be measured; the time-bound part is the appraisal horizon
when money gives one, otherwise a date the board must set (said so, not invented)."""

from __future__ import annotations

from collections.abc import Sequence

from advisor.appraisal.models import Objective
from advisor.appraisal.scoring import cite
from advisor.appraisal.weights import load_framework
from advisor.case.model import Case
from advisor.files.errors import UserInputError
from advisor.report.text import words as label

MAX_OBJECTIVE = 300


class ObjectiveError(UserInputError):
    """A user objective that cannot be used."""


def check_objectives(texts: Sequence[str]) -> tuple[str, ...]:
    """The user's objectives, trimmed and without repeats; raises :class:`ObjectiveError` for an
    empty one or one longer than :data:`MAX_OBJECTIVE` characters."""
    out = []
    for i, text in enumerate(texts, start=1):
        clean = " ".join(text.split())
        if not clean:
            raise ObjectiveError(f"objective {i} is empty; give the objective in words")
        if len(clean) > MAX_OBJECTIVE:
            raise ObjectiveError(
                f"objective {i} is {len(clean)} characters ({clean[:60]!r}...); keep it to {MAX_OBJECTIVE}"
            )
        out.append(clean)
    return tuple(dict.fromkeys(out))


def _by_when(case: Case) -> str:
    money = case.collaboration.money
    if money is not None:
        return f"within the {money.horizon_years}-year appraisal period"
    return "by a date the board sets"


def spending_objectives(case: Case, own: Sequence[str] = ()) -> tuple[Objective, ...]:
    """The spending objectives: one per driver (the mandate, when mandated, stated with whom
    it comes from), scoped to the services the partners mean to share, then the user's."""
    collaboration = case.collaboration
    templates = load_framework()["objectives"]
    scope = collaboration.scope
    across = "" if scope == "unknown" else f" (scope: {label(scope)})"
    when = _by_when(case)
    mandated_by = (
        "the body that mandates it"
        if collaboration.mandated_by == "unknown"
        else f"the {label(collaboration.mandated_by)}"
    )
    out = []
    drivers = list(collaboration.drivers)
    if collaboration.mandation == "mandated" and "coercion" not in drivers:
        drivers.append("coercion")
    for driver in drivers:
        template = templates[driver]
        text = template["text"].format(mandated_by=mandated_by)
        out.append(
            Objective(
                text=f"{text}{across}, {when}.",
                measure=template["measure"],
                basis="mandate" if driver == "coercion" and driver not in collaboration.drivers else "driver",
                source=cite(driver),
            )
        )
    if not drivers:
        text = "The partners' reasons for collaborating are not stated: the objectives cannot be set from them"
        out.append(Objective(text=f"{text}{across}.", measure="not yet set", basis="scope", source=cite("sec_drivers")))
    out += [Objective(text=text, measure="as the board sets it", basis="user", source="user") for text in own]
    return tuple(out)
