"""The partners' own proposals answered directly: for every form they are considering, its
verdict and, when it is not recommended, the smallest sets of changes a board could make that
would make it viable (checked by re-running the engine), and the lighter forms that would
build towards it."""

from __future__ import annotations

from collections.abc import Mapping

from advisor.advice.model import FactChange, Option, Pathway, Proposal
from advisor.advice.sensitivity import search_pathways
from advisor.case.edit import current_value
from advisor.case.model import Case
from advisor.engine.dependencies import form_attributes
from advisor.engine.tracing import VIABLE

PATHWAYS = 3  # pathways shown per proposal
BUILDING = 3  # lighter forms named per proposal


def _shown(value: object) -> str:
    if isinstance(value, tuple):
        return ", ".join(map(str, value)) or "none"
    return str(value)


def building_forms(form: str, options: tuple[Option, ...]) -> tuple[str, ...]:
    """Forms less integrated than ``form`` that could build towards it, the closest step first:
    the viable ones, or failing those the ones not yet decided."""
    depth = form_attributes(form)["integration"]
    lighter = [o for o in options if form_attributes(o.form)["integration"] < depth]
    chosen = [o for o in lighter if o.verdict in VIABLE] or [o for o in lighter if o.verdict == "undecided"]
    chosen.sort(key=lambda o: (-form_attributes(o.form)["integration"], -o.score, o.form))
    return tuple(o.form for o in chosen[:BUILDING])


def proposal(
    case: Case, option: Option, options: tuple[Option, ...], top: str, measured: Mapping[str, str] | None
) -> Proposal:
    """The answer to one form the partners are considering."""
    if option.verdict == "recommended":
        pathways: tuple[Pathway, ...] = ()
        note = ""
    else:
        goal = ("recommended",) if option.verdict == "conditional" else VIABLE
        wanted = "recommended" if goal == ("recommended",) else "at least conditional"
        found = search_pathways(case, option.form, goal, measured)
        pathways = tuple(
            Pathway(
                changes=tuple(FactChange(fact=f, before=_shown(current_value(case, f)), after=v) for f, v in edits),
                verdict=result.verdicts[option.form][0],
                score=result.verdicts[option.form][1],
            )
            for edits, result in sorted(found, key=lambda p: (len(p[0]), -p[1].verdicts[option.form][1], p[0]))[
                :PATHWAYS
            ]
        )
        note = (
            f"Changes that would make it {wanted}, each checked by re-running the advisor."
            if pathways
            else f"No change of up to three facts a board controls makes it {wanted}; what holds it "
            "back is in its reasons and conditions above."
        )
    return Proposal(
        form=option.form,
        name=option.name,
        verdict=option.verdict,
        score=option.score,
        is_top=option.form == top,
        pathways=pathways,
        pathway_note=note,
        building_forms=() if option.verdict == "recommended" else building_forms(option.form, options),
    )


def proposals(
    case: Case, options: tuple[Option, ...], top: str, measured: Mapping[str, str] | None = None
) -> tuple[Proposal, ...]:
    """One answer per form the partners are considering, in the order they gave them."""
    by_form = {o.form: o for o in options}
    return tuple(proposal(case, by_form[f], options, top, measured) for f in case.collaboration.forms_considered)
