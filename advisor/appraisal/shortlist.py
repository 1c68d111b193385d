"""The short list: business as usual, a do-minimum, the preferred way forward and the other
viable forms (or those the user names), and why each of the 13 forms left off was left off."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from advisor.appraisal.models import BUSINESS_AS_USUAL, Role
from advisor.appraisal.scoring import Evidence
from advisor.case.model import FORM_IDS
from advisor.kb.load import Item, load_knowledge

OPTION_IDS: tuple[str, ...] = (BUSINESS_AS_USUAL, *FORM_IDS)
WORST_REASONS = 2


class OptionsError(ValueError):
    """Options named that are not forms of collaboration."""


@dataclass(frozen=True)
class ShortList:
    """The options to appraise in tie-break order, with their roles, and the forms left off."""

    options: tuple[tuple[str, tuple[Role, ...]], ...]
    excluded: dict[str, str]
    notes: tuple[str, ...]


def check_options(options: Sequence[str]) -> tuple[str, ...]:
    """The named options without repeats; raises :class:`OptionsError` naming any unknown one."""
    bad = [o for o in options if o not in OPTION_IDS]
    if bad:
        raise OptionsError(f"{', '.join(map(repr, bad))} is not a form; allowed: {', '.join(OPTION_IDS)}")
    return tuple(dict.fromkeys(o for o in options if o != BUSINESS_AS_USUAL))


def forms() -> dict[str, Item]:
    """The 13 forms of Table 2 by id, in the report's order."""
    return {f.id: f for f in load_knowledge().kind("forms")}


def _viable(ev: Evidence, form: str) -> bool:
    return ev.options[form].verdict != "not_advised"


def do_minimum(ev: Evidence) -> tuple[str, str]:
    """The least integrative form that serves the drivers and is not ruled out, and how it was
    chosen; if none qualifies, the condition is relaxed (first the drivers, then the verdict)."""
    wanted = set(ev.case.collaboration.drivers)
    order = {form_id: i for i, form_id in enumerate(forms())}
    tiers = (
        ("the least integrative form that serves the drivers and is not advised against", True, True),
        ("no viable form serves the stated drivers: the least integrative viable form", True, False),
        ("no form is viable: the least integrative form that serves the drivers and is not ruled out", False, True),
        ("no form is viable: the least integrative form not ruled out", False, False),
    )
    for basis, need_viable, need_drivers in tiers:
        candidates = [
            f
            for f in forms().values()
            if (_viable(ev, f.id) if need_viable else f.id not in ev.blocked)
            and (not need_drivers or wanted & set(f.get("drivers") or ()))
        ]
        if candidates:
            best = min(candidates, key=lambda f: (f.get("integration"), -ev.options[f.id].score, order[f.id]))
            return best.id, basis
    best = min(forms().values(), key=lambda f: (f.get("integration"), order[f.id]))
    return best.id, "every form is ruled out: the least integrative form"


def _why_not_advised(ev: Evidence, form: str) -> str:
    option = ev.options[form]
    if form in ev.blocked:
        reason = ev.blocked[form]
        return f"ruled out: {reason.text} [{reason.rule}]"
    against = sorted((r for r in option.reasons if r.delta < 0), key=lambda r: r.delta)[:WORST_REASONS]
    if not against:
        return f"not advised (score {option.score}): nothing in this case speaks for it"
    return f"not advised (score {option.score}): " + "; ".join(f"{r.text} [{r.rule}]" for r in against)


def build_short_list(ev: Evidence, requested: Sequence[str] | None = None) -> ShortList:
    """Business as usual, the do-minimum, the preferred way forward, then the other viable forms
    (or the ``requested`` ones) in the advisor's order; every other form with the reason."""
    roles: dict[str, list[Role]] = {BUSINESS_AS_USUAL: ["business_as_usual"]}
    minimum, basis = do_minimum(ev)
    roles[minimum] = ["do_minimum"]
    notes = [f"Do-minimum: {forms()[minimum].name} ({basis})."]
    top = ev.advice.options[0]
    if top.verdict != "not_advised":
        roles.setdefault(top.form, []).append("preferred")
    else:
        notes.append("The advisor advises no form, so there is no preferred way forward.")
    ranked = [o.form for o in ev.advice.options]
    if requested is None:
        for form in ranked:
            if _viable(ev, form) and form not in roles:
                roles[form] = ["viable"]
    else:
        for form in requested:
            if form not in roles:
                roles[form] = ["requested"]
    excluded = {}
    for form in ranked:
        if form in roles:
            continue
        if _viable(ev, form):
            option = ev.options[form]
            excluded[form] = f"viable ({option.verdict}, score {option.score}) but not among the options named"
        else:
            excluded[form] = _why_not_advised(ev, form)
    options = tuple((form, tuple(form_roles)) for form, form_roles in roles.items())
    return ShortList(options=options, excluded=excluded, notes=tuple(notes))
