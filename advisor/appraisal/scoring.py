"""Scoring the short-listed options on the critical success factors.

Each of the Green Book's five critical success factors is the weighted mean of evidence-derived
components (0-5, 5 best), every one read off what the advisor concluded about the case (the
evidence for and against each form, the derived contexts, the mechanism levels) and the form's
attributes in the typology (Table 2); ``knowledge/appraisal_criteria.yaml`` says how each is
scored and why. An option is a :class:`Subject`: a form to move to, business as usual with
nothing in place (``form=None``), or business as usual keeping an arrangement already in place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fractions import Fraction
from functools import cache

from advisor.advice.assemble import Parts, rule_sources
from advisor.advice.model import Advice, Option, Reason
from advisor.appraisal.models import ComponentScore, CriterionScore, ScoreReason
from advisor.appraisal.weights import component, load_criteria
from advisor.case.model import Case
from advisor.engine.facts import partner_mix
from advisor.kb.load import load_knowledge
from advisor.kb.models import FormItem
from advisor.report.text import words as label

LEVEL_RANK = {"low": 1, "medium": 2, "high": 3}
SCOPE_BREADTH = {
    "learning": 0,
    "single_service": 0,
    "pathway": 1,
    "multiple_services": 1,
    "whole_organisation": 2,
    "system": 2,
}
TOP, BOTTOM = 5, 0
# Table 9 benefits that bear on patients' access to care.
ACCESS_BENEFITS = ("perf_patient_coverage", "perf_cross_org_pathways")
IN_DEFICIT = ("deficit", "severe_deficit")


def cite(item_id: str) -> str:
    """A knowledge item's citation, e.g. 'sec_capacity: Chapter 5, Capacity constraints'."""
    return load_knowledge()[item_id].citation


@dataclass(frozen=True)
class Subject:
    """What is scored: a form (``None`` for business as usual with nothing in place), and
    whether it is the arrangement already in place (so nothing new is implemented)."""

    form: FormItem | None
    in_place: bool = False


@dataclass(frozen=True)
class Evidence:
    """What the advisor concluded about a case, indexed for scoring."""

    case: Case
    advice: Advice | Parts
    options: dict[str, Option]
    contexts: dict[str, str]
    blocked: dict[str, Reason]

    @classmethod
    def of(cls, case: Case, advice: Advice | Parts) -> Evidence:
        """Index an advice: options by form, derived contexts and the forms a rule ruled out."""
        contexts: dict[str, str] = {}
        blocking: dict[str, str] = {}
        for firing in advice.trace:
            for ref in firing.asserted:
                if ref.fact == "Context":
                    contexts.setdefault(ref.values["name"], firing.rule)
                elif ref.fact == "FormEvidence" and ref.values.get("block") == "yes":
                    blocking.setdefault(ref.values["form"], firing.rule)
        options = {o.form: o for o in advice.options}
        blocked = {
            form: next(r for r in options[form].reasons if r.rule == rule_id) for form, rule_id in blocking.items()
        }
        return cls(case, advice, options, contexts, blocked)

    @property
    def top(self) -> str:
        """The advice's top option: the best-ranked recommended or conditional form ('' if none)."""
        return next((o.form for o in self.advice.options if o.verdict in ("recommended", "conditional")), "")

    def reason(self, form: str, rule_id: str) -> Reason | None:
        """The advisor's reason from one rule for or against a form, if the rule fired on it."""
        return next((r for r in self.options[form].reasons if r.rule == rule_id), None)

    def context(self, name: str) -> ScoreReason | None:
        """A derived context as a reason (the rule that derived it and its evidence), if it holds."""
        rule_id = self.contexts.get(name)
        if rule_id is None:
            return None
        return ScoreReason(text="", rules=(rule_id,), sources=rule_sources([rule_id], load_knowledge()))

    def level(self, mechanism: str) -> tuple[str, tuple[str, ...]]:
        """A mechanism's inferred level and the rules that moved it."""
        state = self.advice.mechanisms.get(mechanism)
        return (state.level, state.because) if state else ("unknown", ())


def _from_rule(text: str, reason: Reason | ScoreReason, *extra_sources: str) -> ScoreReason:
    rules = (reason.rule,) if isinstance(reason, Reason) else reason.rules
    return ScoreReason(text=text, rules=rules, sources=tuple(dict.fromkeys((*reason.sources, *extra_sources))))


def _plain(text: str, *sources: str) -> ScoreReason:
    return ScoreReason(text=text, rules=(), sources=tuple(dict.fromkeys(sources)))


Scored = tuple[int, list[ScoreReason]]


def _clip(points: int, reasons: list[ScoreReason]) -> Scored:
    return max(BOTTOM, min(TOP, points)), reasons


def _nothing_new(why: str, *sources: str) -> Scored:
    return TOP, [_plain(why, *sources)]


def fit(subject: Subject, ev: Evidence) -> Scored:
    """The partners' drivers the form serves (2 points for one, 3 for two or more) and its fit to
    the intended scope (0-2). Counting the drivers served, not their share, means that adding a
    driver never lowers any option's fit, so more reasons to collaborate never favour staying
    as it is."""
    form = subject.form
    wanted = ev.case.collaboration.drivers
    if form is None:
        return 0, [
            _plain("each organisation stays as it is: no driver for collaborating is served", cite("sec_drivers"))
        ]
    match, mismatch = ev.reason(form.id, "form.scope_match"), ev.reason(form.id, "form.scope_mismatch")
    reasons = []
    if wanted:
        served = [d for d in wanted if d in (form.drivers or ())]
        points = min(3, 2 * len(served))
        if mismatch:
            points = min(points, 1)
        names = ", ".join(served) or "none"
        text = f"serves {len(served)} of the {len(wanted)} stated drivers ({names})"
        text += f"{', but only for part of the intended scope' if mismatch and served else ''}: {points} of 3"
        rule_reason = ev.reason(form.id, "form.serves_drivers" if served else "form.misses_drivers")
        reasons.append(_from_rule(text, rule_reason) if rule_reason else _plain(text, cite("sec_drivers")))
    else:
        points = 0
        reasons.append(
            _plain("the partners' drivers are unknown, so none is known to be served: 0 of 3", cite("sec_drivers"))
        )
    if match:
        points += 2
        reasons.append(_from_rule(f"{match.text}: 2 of 2", match))
    elif mismatch:
        reasons.append(_from_rule(f"{mismatch.text}: 0 of 2", mismatch))
    else:
        points += 1
        scope = ev.case.collaboration.scope
        why = "the intended scope is unknown" if scope == "unknown" else f"near the intended {label(scope)}"
        reasons.append(_plain(f"built for {label(form.scope)}, {why}: 1 of 2", cite(form.id), cite("sec_typology")))
    return _clip(points, reasons)


def capacity(subject: Subject, ev: Evidence) -> Scored:
    """The implementation burden of the form's integration against the partners' capacity."""
    form = subject.form
    if form is None or subject.in_place:
        return _nothing_new("nothing new to implement: the partners carry on as now", cite("sec_capacity"))
    integration = form.integration
    burden = _plain(
        f"integration {integration} of 5 (Table 1 continuum): the deeper the integration, the more time, effort "
        f"and money implementation takes: burden {integration}",
        cite(form.id),
        cite("sec_capacity"),
        cite("act29"),
    )
    shortfall = ev.context("capacity_shortfall")
    if shortfall:
        spare = 0
        found = ev.reason(form.id, "form.integration_capacity")
        spare_reason = ScoreReason(
            text="a partner lacks spare capacity or no money is set aside for implementation: capacity 0",
            rules=(*shortfall.rules, *((found.rule,) if found else ())),
            sources=tuple(dict.fromkeys((*shortfall.sources, *(found.sources if found else ()), cite("act31")))),
        )
    elif ev.case.collaboration.funding == "adequate" and partner_mix(ev.case.partners)["any_low_capacity"] == "no":
        spare = 3
        text = "funding is adequate and no partner is short of capacity: capacity 3"
        spare_reason = _plain(text, cite("act29"), cite("act31"))
    else:
        spare = 2
        text = "no capacity shortfall is known, but funding or spare capacity is not known to be ample: capacity 2"
        spare_reason = _plain(text, cite("act29"), cite("act31"))
    points = TOP - max(0, integration - spare)
    verdict = _plain(f"burden {integration} against capacity {spare}: {points}", cite("sec_capacity"))
    return _clip(points, [burden, spare_reason, verdict])


def funding(subject: Subject, ev: Evidence) -> Scored:
    """The cost of the change (by integration) against the funds available and the partners' finances."""
    form = subject.form
    if form is None or subject.in_place:
        return _nothing_new("no change to pay for", cite("sec_capacity"))
    spec = component("funding")
    integration = form.integration
    cost = spec["cost_of_change"][integration]
    collaboration = ev.case.collaboration
    funds = spec["funds"][collaboration.funding]
    reasons = [
        _plain(
            f"integration {integration} of 5: the cost of change is {cost} of 3",
            cite(form.id),
            cite("act29"),
            cite("sec_capacity"),
        ),
        _plain(f"funding is {label(collaboration.funding)}: funds {funds}", cite("act31")),
    ]
    if collaboration.third_party_funding == "yes":
        funds += 1
        reasons.append(_plain("funding comes from outside the partners: +1", cite("act31")))
    in_deficit = [p.name for p in ev.case.partners if p.finances in IN_DEFICIT or (p.annual_deficit or 0) > 0]
    if in_deficit:
        funds -= 1
        names = ", ".join(in_deficit[:3]) + (f" and {len(in_deficit) - 3} more" if len(in_deficit) > 3 else "")
        reasons.append(_plain(f"in deficit, so with least room to fund change: {names}: -1", cite("sec_capacity")))
    points = TOP - 2 * max(0, cost - funds)
    reasons.append(_plain(f"cost {cost} against funds {funds}: {max(BOTTOM, points)}", cite("act31")))
    return _clip(points, reasons)


def _needs(form: FormItem, ev: Evidence) -> tuple[dict[str, str], list[ScoreReason]]:
    """The mechanism levels a form needs, merged over the bands that apply, with why."""
    integration = form.integration
    mandated = ev.case.collaboration.mandation == "mandated"
    needs: dict[str, str] = {}
    why = []
    for band in component("relationship_readiness")["needs"]:
        low, high = band.get("integration", (0, 0))
        if (band.get("mandated") and mandated) or low <= integration <= high:
            for mechanism, level in band["levels"].items():
                if mechanism not in needs or LEVEL_RANK[level] > LEVEL_RANK[needs[mechanism]]:
                    needs[mechanism] = level
            why.append(_plain(" ".join(band["why"].split()).rstrip("."), *band["sources"]))
    return needs, why


def relationship_readiness(subject: Subject, ev: Evidence) -> Scored:
    """5 less the levels by which trust, faith, confidence and risk tolerance fall short of the form's needs."""
    form = subject.form
    if form is None:
        return _nothing_new("needs nothing from the relationship: no joint work", cite("sec_trust_vs_confidence"))
    needs, reasons = _needs(form, ev)
    short_total = 0
    for mechanism, needed in needs.items():
        level, because = ev.level(mechanism)
        effective = "medium" if level == "unknown" else level
        short = max(0, LEVEL_RANK[needed] - LEVEL_RANK[effective])
        short_total += short
        text = f"needs {label(mechanism)} at least {needed}; inferred {level}"
        if level == "unknown":
            text += " (counted as medium)"
        text += f": -{short}" if short else ": met"
        sources = (*rule_sources(list(because), load_knowledge()), cite(mechanism))
        reasons.append(ScoreReason(text=text, rules=because, sources=tuple(dict.fromkeys(sources))))
    return _clip(TOP - short_total, reasons)


def complexity(subject: Subject, ev: Evidence) -> Scored:
    """5 less the breadth of services joined and the depth of integration under the inferred task complexity."""
    form = subject.form
    if form is None:
        return _nothing_new("sets no joint task", cite("sec_task_complexity"))
    integration = form.integration
    breadth = SCOPE_BREADTH[form.scope]
    points = TOP - breadth
    reasons = [_plain(f"built for {label(form.scope)}: -{breadth}", cite(form.id), cite("sec_task_complexity"))]
    level, because = ev.level("task_complexity")
    effective = "medium" if level == "unknown" else level
    cut = {"low": 0, "medium": 1 if integration >= 3 else 0, "high": 2 if integration >= 3 else 1}[effective]
    points -= cut
    text = f"task complexity is {level}{' (counted as medium)' if level == 'unknown' else ''}"
    text += f" for a form of integration {integration}: -{cut}"
    sources = (*rule_sources(list(because), load_knowledge()), cite("task_complexity"), cite("cmoc_f37"))
    reasons.append(ScoreReason(text=text, rules=because, sources=tuple(dict.fromkeys(sources))))
    for rule_id, delta in (("form.full_integration_many_partners", -2), ("form.loose_form_many_partners", 1)):
        found = ev.reason(form.id, rule_id)
        if found:
            points += delta
            reasons.append(_from_rule(f"{found.text}: {delta:+d}", found))
    return _clip(points, reasons)


def time_to_benefit(subject: Subject, ev: Evidence) -> Scored:
    """How soon benefits come: 5 less the early performance dip and the delays deep integration meets."""
    form = subject.form
    if form is None:
        return BOTTOM, [_plain("never delivers the benefits of collaborating (Table 9)", cite("sec_performance"))]
    if subject.in_place:
        return _nothing_new("already in place: no new implementation, and no new dip, ahead", cite("act30"))
    integration = form.integration
    dip = 2 if integration >= 5 else 1 if integration >= 3 else 0
    points = TOP - dip
    if dip == 2:
        text = "a full merger of organisations takes time and energy away from improvement before benefits show: -2"
        reasons = [_plain(text, cite(form.id), cite("sec_legitimacy"), cite("act30"))]
    elif dip:
        text = "an integrative form brings an early dip in performance while resources go into implementation: -1"
        reasons = [_plain(text, cite(form.id), cite("act30"), cite("sec_capacity"))]
    else:
        text = "little to set up, so quick wins can come early"
        reasons = [_plain(text, cite(form.id), cite("sec_demonstrating_progress"))]
    rapid = ev.reason(form.id, "form.rapid_deep_integration")
    if rapid:
        points -= 1
        reasons.append(_from_rule(f"{rapid.text}: -1", rapid))
    many = ev.context("many_partners")
    if many and integration >= 3:
        points -= 1
        text = "integrating many partners needs long relationship building before anything changes: -1"
        reasons.append(_from_rule(text, many, cite("sec_capacity")))
    return _clip(points, reasons)


def reversibility(subject: Subject, ev: Evidence) -> Scored:
    """How easily the arrangement could be ended, by the legal instrument the form usually needs."""
    form = subject.form
    spec = component("reversibility")
    if form is None:
        return _nothing_new("nothing to undo", cite("sec_typology"))
    instrument = form.instrument
    points = spec["by_instrument"][instrument]
    reasons = [
        _plain(f"usually needs {form.legal_instrument}: {points}", cite(form.id), cite("sec_trust_vs_confidence"))
    ]
    limited = spec["time_limited"].get(form.id)
    if limited:
        points += 1
        reasons.append(_plain(f"{limited}: +1", cite(form.id), cite("sec_legitimacy")))
    return _clip(points, reasons)


@cache
def _access_forms() -> dict[str, tuple[str, ...]]:
    kb = load_knowledge()
    return {benefit: tuple(kb[benefit].forms or ()) for benefit in ACCESS_BENEFITS}


def patient_access(subject: Subject, ev: Evidence) -> Scored:
    """3, plus coordination and coverage gains, less the loss of proximity consolidation brings."""
    form = subject.form
    base = _plain("services stay where they are: 3", cite("perf_loss_of_proximity"), cite("perf_patient_coverage"))
    if form is None:
        return 3, [base]
    kb = load_knowledge()
    points, reasons = 3, [base]
    integration = form.integration
    behaviour, because = ev.level("collaborative_behaviour")
    if integration >= 2 and behaviour != "low":
        points += 1
        rules = ("perf.organisational_efficiency", *because)
        reasons.append(
            ScoreReason(
                text="shares services, so coordination can reach patients who were missed: +1",
                rules=rules,
                sources=rule_sources(list(rules), kb),
            )
        )
    for benefit, forms in _access_forms().items():
        if form.id in forms:
            points += 1
            reasons.append(_plain(f"Table 9 ties this form to {kb[benefit].name.lower()}: +1", cite(benefit)))
    if form.dalton == "consolidation":
        points -= 2
        reasons.append(
            ScoreReason(
                text="consolidating services onto fewer sites can lengthen patients' journeys: -2",
                rules=("perf.loss_of_proximity",),
                sources=rule_sources(["perf.loss_of_proximity"], kb),
            )
        )
        near, far = ev.context("proximate"), ev.context("distant")
        if near:
            points += 1
            text = "the partners are within half an hour of each other, so journeys lengthen least: +1"
            reasons.append(_from_rule(text, near, cite("cmoc_p11")))
        elif far:
            points -= 1
            text = "the partners are more than an hour apart, so journeys would lengthen most: -1"
            reasons.append(_from_rule(text, far, cite("cmoc_p11")))
    return _clip(points, reasons)


SCORERS: dict[str, Callable[[Subject, Evidence], Scored]] = {
    "fit": fit,
    "time_to_benefit": time_to_benefit,
    "patient_access": patient_access,
    "reversibility": reversibility,
    "capacity": capacity,
    "funding": funding,
    "relationship_readiness": relationship_readiness,
    "complexity": complexity,
}


def _mean(parts: Iterable[ComponentScore]) -> Fraction:
    parts = list(parts)
    return Fraction(sum(p.weight * p.score for p in parts), sum(p.weight for p in parts))


def exact_score(score: CriterionScore) -> Fraction:
    """A critical success factor's score exactly: the weighted mean of its components."""
    return _mean(score.components.values())


def score_option(subject: Subject, ev: Evidence) -> dict[str, CriterionScore]:
    """An option's score on every critical success factor, in the criteria's order."""
    out = {}
    criteria = load_criteria()
    wanted = {spec["id"] for crit in criteria for spec in crit.components}
    if wanted != set(SCORERS):
        raise RuntimeError(f"components without a scorer or scorers without a component: {wanted ^ set(SCORERS)}")
    for crit in criteria:
        parts = {}
        for spec in crit.components:
            points, reasons = SCORERS[spec["id"]](subject, ev)
            parts[spec["id"]] = ComponentScore(
                name=spec["name"], weight=spec["weight"], score=points, reasons=tuple(reasons)
            )
        out[crit.id] = CriterionScore(score=round(float(_mean(parts.values())), 2), components=parts)
    return out
