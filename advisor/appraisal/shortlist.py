"""The short list the Green Book asks for (gb_shortlist): business as usual (the arrangement in
place, if any, otherwise each organisation independent), a viable do-minimum that covers the
scope, the preferred way forward (the advice's top option), the forms the partners asked
about, and the other viable alternatives (or those the user names); and why each form left
off was left off."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from advisor.appraisal.models import BUSINESS_AS_USUAL, Role
from advisor.appraisal.scoring import Evidence
from advisor.case.model import FORM_IDS, Case
from advisor.files.errors import UserInputError
from advisor.kb.load import load_knowledge
from advisor.kb.models import FormItem
from advisor.report.text import words as label

OPTION_IDS: tuple[str, ...] = (BUSINESS_AS_USUAL, *FORM_IDS)
WORST_REASONS = 2
VIABLE = ("recommended", "conditional")


class OptionsError(UserInputError):
    """Options named that are not forms of collaboration."""


@dataclass(frozen=True)
class ShortList:
    """The options to appraise in tie-break order, with their roles; the arrangement business
    as usual keeps ('' when none is in place); the forms left off and why."""

    options: tuple[tuple[str, tuple[Role, ...]], ...]
    arrangement: str
    excluded: dict[str, str]
    notes: tuple[str, ...]


def check_options(options: Sequence[str]) -> tuple[str, ...]:
    """The named options without repeats; raises :class:`OptionsError` naming any unknown one."""
    bad = [o for o in options if o not in OPTION_IDS]
    if bad:
        raise OptionsError(f"{', '.join(map(repr, bad))} is not a form; allowed: {', '.join(OPTION_IDS)}")
    return tuple(dict.fromkeys(o for o in options if o != BUSINESS_AS_USUAL))


def forms() -> dict[str, FormItem]:
    """The 13 forms of Table 2 by id, in the report's order."""
    return {f.id: f for f in load_knowledge().kind("forms")}


def arrangement_in_place(case: Case) -> str:
    """The form of the arrangement already in place, or '' when there is none (or it is unknown)."""
    form = case.collaboration.in_place.form
    return "" if form in ("none", "unknown") else form


def business_as_usual_name(case: Case) -> str:
    """Business as usual in words: the arrangement in place and its governance, or independence."""
    form = arrangement_in_place(case)
    if not form:
        return "Business as usual: each organisation independent"
    in_place = case.collaboration.in_place
    since = "" if in_place.since == "unknown" else f" since {in_place.since}"
    governance = ", ".join(label(g) for g in in_place.governance if g != "none")
    return f"Business as usual: the existing {forms()[form].name.lower()}{since}" + (
        f" ({governance})" if governance else ""
    )


def is_viable(ev: Evidence, form: str) -> bool:
    """Recommended or conditional: the evidence does not weigh against it and it is decided."""
    return ev.options[form].verdict in VIABLE


def covers_scope(form: FormItem, case: Case) -> bool:
    """Whether Table 2's definition of the form admits the intended scope (any, when it is unknown)."""
    scope = case.collaboration.scope
    return scope == "unknown" or scope in (form.scopes or ())


def do_minimum(ev: Evidence, arrangement: str = "") -> tuple[str, str]:
    """The least integrative viable form that covers the intended scope and serves a driver, and
    how it was chosen; the conditions are relaxed in turn (drivers, scope, viability) when none
    qualifies. The arrangement in place is business as usual, never the do-minimum."""
    case = ev.case
    wanted = set(case.collaboration.drivers)
    order = {form_id: i for i, form_id in enumerate(forms())}

    def serves(f: FormItem) -> bool:
        return not wanted or bool(wanted & set(f.drivers or ()))

    tiers = (
        (
            "the least integrative viable form that covers the intended scope and serves the drivers",
            lambda f: is_viable(ev, f.id) and covers_scope(f, case) and serves(f),
        ),
        (
            "no viable form covering the scope serves the drivers: the least integrative viable form covering it",
            lambda f: is_viable(ev, f.id) and covers_scope(f, case),
        ),
        ("no viable form covers the intended scope: the least integrative viable form", lambda f: is_viable(ev, f.id)),
        (
            "no form is viable: the least integrative form not ruled out that covers the scope",
            lambda f: f.id not in ev.blocked and covers_scope(f, case),
        ),
        ("no form is viable: the least integrative form not ruled out", lambda f: f.id not in ev.blocked),
    )
    for basis, qualifies in tiers:
        candidates = [f for f in forms().values() if f.id != arrangement and qualifies(f)]
        if candidates:
            best = min(candidates, key=lambda f: (f.integration, -ev.options[f.id].score, order[f.id]))
            return best.id, basis
    best = min((f for f in forms().values() if f.id != arrangement), key=lambda f: (f.integration, order[f.id]))
    return best.id, "every form is ruled out: the least integrative form"


def why_not(ev: Evidence, form: str) -> str:
    """Why a form is not viable: the rule that ruled it out, the strongest evidence against it,
    or the facts that would decide it."""
    option = ev.options[form]
    if form in ev.blocked:
        reason = ev.blocked[form]
        return f"ruled out: {reason.text} [{reason.rule}]"
    if option.verdict == "undecided":
        return f"undecided (score {option.score}): the facts that would decide it are not known"
    against = sorted((r for r in option.reasons if r.delta < 0), key=lambda r: r.delta)[:WORST_REASONS]
    if not against:
        return f"not advised (score {option.score}): nothing in this case speaks for it"
    return f"not advised (score {option.score}): " + "; ".join(f"{r.text} [{r.rule}]" for r in against)


def build_short_list(ev: Evidence, requested: Sequence[str] | None = None) -> ShortList:
    """Business as usual, the do-minimum, the preferred way forward, the forms considered, then
    the other viable forms (or the ``requested`` ones) in the advisor's order; every other form
    with the reason it was left off."""
    case = ev.case
    arrangement = arrangement_in_place(case)
    roles: dict[str, list[Role]] = {BUSINESS_AS_USUAL: ["business_as_usual"]}
    notes = []
    if case.collaboration.in_place.form == "unknown":
        notes.append(
            "Whether an arrangement is already in place is not known: business as usual is taken as "
            "each organisation independent."
        )
    top = ev.top
    if arrangement and top == arrangement:
        minimum = BUSINESS_AS_USUAL
        roles[minimum].append("do_minimum")
        notes.append(
            f"Do-minimum: keep the {forms()[arrangement].name.lower()} in place, which the advice puts first: doing "
            "the minimum is developing what the partners already have."
        )
    else:
        minimum, basis = do_minimum(ev, arrangement)
        roles[minimum] = ["do_minimum"]
        notes.append(f"Do-minimum: {forms()[minimum].name} ({basis}).")
    if not top:
        notes.append("The advisor finds no form recommended or conditional, so there is no preferred way forward.")
    else:
        roles.setdefault(BUSINESS_AS_USUAL if top == arrangement else top, []).append("preferred")
    for form in case.collaboration.forms_considered:
        if form != arrangement:
            roles.setdefault(form, []).append("considered")
    ranked = [o.form for o in ev.advice.options]
    if requested is None:
        extra = [f for f in ranked if is_viable(ev, f) and f not in roles and f != arrangement]
        others = [f for f in (*roles, *extra) if f not in (BUSINESS_AS_USUAL, minimum, top)]
        undecided = [f for f in ranked if ev.options[f].verdict == "undecided" and f not in roles]
        if undecided and not any(is_viable(ev, f) for f in others):
            extra.append(undecided[0])
            notes.append(
                f"No other viable alternative: {forms()[undecided[0]].name} is short-listed as the best-placed "
                "undecided form, its verdict waiting on facts not given."
            )
    else:
        extra = [f for f in requested if f not in roles and f != arrangement]
    for form in extra:
        roles[form] = ["requested" if requested is not None else "alternative"]
    excluded = {}
    for form in ranked:
        if form in roles or form == arrangement:
            continue
        option = ev.options[form]
        if is_viable(ev, form):
            excluded[form] = f"viable ({option.verdict}, score {option.score}) but not among the options named"
        else:
            excluded[form] = why_not(ev, form)
    options = tuple((form, tuple(form_roles)) for form, form_roles in roles.items())
    return ShortList(options=options, arrangement=arrangement, excluded=excluded, notes=tuple(notes))
