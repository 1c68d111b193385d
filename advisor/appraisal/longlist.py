"""The long list, built with the Green Book's options framework filter (gb_options_framework):
at each of its five dimensions (scope, service solution, service delivery, implementation,
funding) every possibility is carried forward, preferred or discounted, with the reason
(gb_longlist_reasons) and what the reason rests on: the advisor's conclusions and the report
(the evidence), or NHS guidance."""

from __future__ import annotations

from collections.abc import Mapping

from advisor.appraisal.models import BUSINESS_AS_USUAL, CriterionScore, Dimension, EconomicCase, LongListEntry, Status
from advisor.appraisal.scoring import Evidence, cite
from advisor.appraisal.shortlist import ShortList, business_as_usual_name, forms, is_viable, why_not
from advisor.appraisal.weights import load_framework
from advisor.kb.load import load_knowledge
from advisor.report.text import words as label

SCOPES = ("learning", "single_service", "pathway", "multiple_services", "whole_organisation", "system")
NAMES = {
    "scope": "Scope",
    "service_solution": "Service solution",
    "service_delivery": "Service delivery",
    "implementation": "Implementation",
    "funding": "Funding",
}
LEGAL_WORDS = {
    "nhs_trust": "an NHS trust",
    "foundation_trust": "a foundation trust",
    "local_authority": "a local authority",
    "gp_practice": "a GP practice",
    "independent_provider": "an independent provider",
    "charity_or_social_enterprise": "a charity or social enterprise",
}


def _entry(id: str, name: str, status: Status, reason: str, *sources: str) -> LongListEntry:
    return LongListEntry(id=id, name=name, status=status, reason=reason, sources=tuple(dict.fromkeys(sources)))


def _names(form_ids: list[str]) -> str:
    return ", ".join(forms()[f].name for f in form_ids)


def _carried(ev: Evidence) -> list[str]:
    """The forms the service-solution dimension carries forward: viable or undecided."""
    return [o.form for o in ev.advice.options if o.verdict != "not_advised"]


def _scope(ev: Evidence) -> list[LongListEntry]:
    intended = ev.case.collaboration.scope
    viable = [f for f in forms().values() if is_viable(ev, f.id)]
    out = [
        _entry(
            "none",
            "Nothing shared: each organisation keeps its own services (business as usual)",
            "carried_forward",
            "the benchmark every option is compared with",
            cite("gb_shortlist"),
        )
    ]
    for scope in SCOPES:
        serving = [f.id for f in viable if scope in (f.scopes or ())]
        with_forms = f" ({_names(serving)})" if serving else ""
        if intended == "unknown":
            status: Status = "carried_forward" if serving else "discounted"
            reason = (
                "the intended scope is not stated, so it stays open" if serving else "no viable form is built for it"
            )
            out.append(_entry(scope, label(scope), status, reason + with_forms, cite("sec_typology")))
        elif scope == intended:
            out.append(
                _entry(
                    scope, label(scope), "preferred", "the scope the partners intend" + with_forms, cite("sec_typology")
                )
            )
        elif SCOPES.index(scope) > SCOPES.index(intended):
            reason = (
                "wider than the partners intend: beyond the spending objectives, and a broader task lowers "
                "faith that it can be done"
            )
            out.append(_entry(scope, label(scope), "discounted", reason, cite("sec_task_complexity"), cite("cmoc_f37")))
        elif serving:
            reason = "narrower than intended: a do-minimum scope, with" + with_forms.replace(" (", " ", 1).rstrip(")")
            out.append(_entry(scope, label(scope), "carried_forward", reason, cite("sec_typology")))
        else:
            out.append(
                _entry(
                    scope,
                    label(scope),
                    "discounted",
                    "narrower than intended, and no viable form is built for it",
                    cite("sec_typology"),
                )
            )
    return out


def _solution(ev: Evidence, short_list: ShortList) -> list[LongListEntry]:
    out = [
        _entry(
            BUSINESS_AS_USUAL,
            business_as_usual_name(ev.case),
            "carried_forward",
            "the benchmark every option is compared with",
            cite("gb_shortlist"),
        )
    ]
    for option in ev.advice.options:
        form = option.form
        if form == short_list.arrangement:
            continue
        if option.verdict == "not_advised":
            status: Status = "discounted"
            reason = why_not(ev, form)
        elif option.verdict == "undecided":
            status, reason = "carried_forward", why_not(ev, form) + "; kept until they are"
        else:
            status = "preferred" if form == ev.top else "carried_forward"
            best = max(option.reasons, key=lambda r: r.delta, default=None)
            reason = f"{option.verdict} (score {option.score})" + (f": {best.text} [{best.rule}]" if best else "")
            if status == "preferred":
                reason = "the advisor's top option, " + reason
        sources = [cite(form), *(s for r in option.reasons[:2] for s in r.sources)]
        out.append(_entry(form, option.name, status, reason, *sources))
    return out


def _party_problem(ev: Evidence, guidance_id: str, field: str) -> list[str]:
    """Partners whose legal kind the guidance item does not allow in ``field`` (unknown kinds pass)."""
    allowed = getattr(load_knowledge()[guidance_id], field)
    return [
        f"{p.name} ({LEGAL_WORDS[p.legal_kind]})"
        for p in ev.case.partners
        if p.legal_kind != "unknown" and p.legal_kind not in allowed
    ]


def _preferred_delivery(ev: Evidence, models: list[dict], allowed: set[str]) -> str:
    """The delivery model for the preferred form: the one the partners have in mind (their planned
    vehicle, the governance in place, a named lead partner), else the first the guidance allows."""
    top = ev.top
    delivering = [m["id"] for m in models if top in m["forms"] and m["id"] in allowed]
    collaboration = ev.case.collaboration
    framework = load_framework()
    hints = [framework["delivery_by_vehicle"].get(collaboration.planned_vehicle)]
    hints += [framework["delivery_by_governance"].get(g) for g in collaboration.in_place.governance]
    if collaboration.lead_partner is not None:
        hints.append("lead_provider")
    return next((h for h in hints if h in delivering), delivering[0] if delivering else "")


def _delivery(ev: Evidence) -> list[LongListEntry]:
    models = load_framework()["delivery"]
    carried = set(_carried(ev))
    problems = {}
    for model in models:
        if model["id"] == "joint_committee":
            excluded = _party_problem(ev, model["guidance"], "party_kinds")
            if excluded:
                who = "it cannot be a party" if len(excluded) == 1 else "they cannot be parties"
                problems[model["id"]] = (
                    f"{', '.join(excluded)}: {who} to a statutory joint committee, but can take part by contract or "
                    "a collaboration agreement"
                )
        elif model["id"] == "lead_provider":
            kinds = load_knowledge()[model["guidance"]].lead_kinds
            if all(p.legal_kind != "unknown" and p.legal_kind not in kinds for p in ev.case.partners):
                problems[model["id"]] = "no partner can hold the lead: an NHS-led lead provider is an NHS trust"
    allowed = {m["id"] for m in models if m["id"] not in problems}
    preferred = _preferred_delivery(ev, models, allowed) if ev.top else ""
    out = []
    for model in models:
        sources = [cite(s) for s in model["sources"]]
        delivered = [f for f in model["forms"] if f in carried]
        if not model["forms"]:
            status: Status = "carried_forward"
            reason = "business as usual: the benchmark"
        elif model["id"] in problems:
            status, reason = "discounted", problems[model["id"]]
        elif model["id"] == preferred:
            status, reason = "preferred", f"how the preferred {forms()[ev.top].name} would be delivered"
        elif delivered:
            status, reason = "carried_forward", f"delivers forms carried forward: {_names(delivered)}"
        else:
            status, reason = "discounted", f"delivers only forms discounted above: {_names(model['forms'])}"
        out.append(_entry(model["id"], model["name"], status, reason, *sources))
    return out


def _lighter(ev: Evidence) -> list[str]:
    """Viable forms less integrated than the preferred one that serve a driver: a first step."""
    top = forms()[ev.top]
    wanted = set(ev.case.collaboration.drivers)
    return [
        f.id
        for f in forms().values()
        if is_viable(ev, f.id) and f.integration < top.integration and (not wanted or wanted & set(f.drivers or ()))
    ]


def _implementation(
    ev: Evidence, short_list: ShortList, preferred_scores: Mapping[str, CriterionScore]
) -> list[LongListEntry]:
    names = {p["id"]: p["name"] for p in load_framework()["implementation"]}
    top = ev.top
    if not top:
        reason = "no form is recommended or conditional yet: settle the facts that would decide them first"
        return [
            _entry(
                "one_step",
                names["one_step"],
                "discounted",
                "there is no preferred form to move to",
                cite("gb_shortlist"),
            ),
            _entry(
                "phased",
                names["phased"],
                "discounted",
                "there is no preferred form to build towards",
                cite("gb_shortlist"),
            ),
            _entry("pilot", names["pilot"], "discounted", "there is no preferred form to pilot", cite("gb_shortlist")),
            _entry("defer", names["defer"], "preferred", reason, cite("sec_lifecycle")),
        ]
    if top == short_list.arrangement:
        keep = "the advice's top option is the arrangement already in place: continue and develop it"
        return [_entry("one_step", "Continue with the arrangement in place", "preferred", keep, cite("sec_lifecycle"))]
    readiness = preferred_scores["achievability"].components["relationship_readiness"].score
    rapid = ev.reason(top, "form.rapid_deep_integration")
    short = readiness < 5 or rapid is not None
    lighter = _lighter(ev)
    gap = (
        f"the relationship falls short of what the form needs (readiness {readiness} of 5)"
        if readiness < 5
        else "deep integration on a rapid timeline"
    )
    out = []
    if short and lighter:
        out.append(
            _entry(
                "one_step",
                names["one_step"],
                "carried_forward",
                f"possible, but {gap}: moving in one step risks setting the collaboration up for failure",
                cite("sec_set_up_for_failure"),
                cite("sec_trust_vs_confidence"),
            )
        )
        out.append(
            _entry(
                "phased",
                names["phased"],
                "preferred",
                f"start with {_names(lighter)}, which the relationship can carry, and build towards it",
                cite("sec_building_trust"),
                cite("sec_lifecycle"),
            )
        )
    else:
        why = (
            f"{gap}, but no lighter viable form to build through: close the gaps first (see the risks)"
            if short
            else (f"the relationship already carries the form (readiness {readiness} of 5)")
        )
        out.append(_entry("one_step", names["one_step"], "preferred", why, cite("sec_trust_vs_confidence")))
        out.append(
            _entry(
                "phased",
                names["phased"],
                "carried_forward" if lighter else "discounted",
                f"a fallback if implementation stalls: start with {_names(lighter)}"
                if lighter
                else "no lighter viable form to start with",
                cite("sec_lifecycle"),
            )
        )
    scope = ev.case.collaboration.scope
    single = [f.id for f in forms().values() if is_viable(ev, f.id) and "single_service" in (f.scopes or ())]
    if scope in ("pathway", "multiple_services", "whole_organisation", "system") and single:
        out.append(
            _entry(
                "pilot",
                names["pilot"],
                "carried_forward",
                f"quick wins on one service build faith before the whole scope ({_names(single)})",
                cite("act07"),
                cite("sec_demonstrating_progress"),
            )
        )
    else:
        why = (
            "the scope is not stated"
            if scope == "unknown"
            else (
                f"the scope is already {label(scope)}"
                if scope in ("learning", "single_service")
                else "no viable form is built for a single service"
            )
        )
        out.append(_entry("pilot", names["pilot"], "discounted", why, cite("sec_typology")))
    option = ev.options[top]
    if option.verdict == "conditional":
        first = option.conditions[0] if option.conditions else "see the advice"
        out.append(
            _entry(
                "defer",
                names["defer"],
                "carried_forward",
                f"its verdict is conditional; first condition: {first}",
                *(s for r in option.reasons[:1] for s in r.sources),
            )
        )
    else:
        out.append(
            _entry(
                "defer",
                names["defer"],
                "discounted",
                "the evidence favours it now; waiting delays the benefits",
                cite("sec_demonstrating_progress"),
            )
        )
    return out


def _funding(ev: Evidence, economic: EconomicCase) -> list[LongListEntry]:
    names = {p["id"]: p["name"] for p in load_framework()["funding"]}
    collaboration = ev.case.collaboration
    funding, outside = collaboration.funding, collaboration.third_party_funding
    in_deficit = [
        p.name for p in ev.case.partners if p.finances in ("deficit", "severe_deficit") or (p.annual_deficit or 0) > 0
    ]
    out = []
    if funding == "none":
        out.append(
            _entry(
                "own_budgets", names["own_budgets"], "discounted", "the case says no money is set aside", cite("act31")
            )
        )
    else:
        status: Status = (
            "preferred" if funding == "adequate" and not in_deficit and outside != "yes" else "carried_forward"
        )
        why = {
            "adequate": "funding is adequate",
            "limited": "funding is limited",
            "unknown": "whether money is set aside is not known",
        }[funding]
        if in_deficit:
            why += f"; in deficit, so with least room: {', '.join(in_deficit)}"
        out.append(_entry("own_budgets", names["own_budgets"], status, why, cite("act31"), cite("sec_capacity")))
    if outside == "yes":
        out.append(
            _entry(
                "external",
                names["external"],
                "preferred",
                "the case says funding comes from outside the partners",
                cite("act31"),
            )
        )
    else:
        why = "to be sought" + (
            ": the body that mandates the collaboration may fund it" if collaboration.mandation == "mandated" else ""
        )
        out.append(_entry("external", names["external"], "carried_forward", why, cite("act31")))
    costed = {o.form: o for o in economic.options}
    change = costed.get(ev.top) or next(iter(economic.options), None)  # the preferred, else what was costed
    if change is None:
        status, why = "carried_forward", "only if the change releases savings: no money was given"
    elif change.payback_year is not None:
        status, why = (
            "carried_forward",
            f"{change.name} pays back, discounted, by year {int(change.payback_year.value)}",
        )
    else:
        status, why = "discounted", f"{change.name} does not pay back within {economic.horizon_years} years"
    out.append(_entry("invest_to_save", names["invest_to_save"], status, why, cite("gb_discount_rate")))
    light = bool(ev.top) and forms()[ev.top].integration <= 2
    out.append(
        _entry(
            "no_funding",
            names["no_funding"],
            "carried_forward" if light else "discounted",
            "a light form needs little money"
            if light
            else "an integrative change takes time, effort and money: budget for it before starting",
            cite("act29"),
            cite("act31"),
            cite("sec_capacity"),
        )
    )
    return out


def long_list(
    ev: Evidence, short_list: ShortList, preferred_scores: Mapping[str, CriterionScore] | None, economic: EconomicCase
) -> tuple[Dimension, ...]:
    """The long list by the five dimensions of the options framework filter."""
    questions = {d["id"]: d["question"] for d in load_knowledge()["gb_options_framework"].dimensions}
    built = {
        "scope": _scope(ev),
        "service_solution": _solution(ev, short_list),
        "service_delivery": _delivery(ev),
        "implementation": _implementation(ev, short_list, preferred_scores or {}),
        "funding": _funding(ev, economic),
    }
    return tuple(
        Dimension(id=d, name=NAMES[d], question=questions[d], entries=tuple(entries)) for d, entries in built.items()
    )
