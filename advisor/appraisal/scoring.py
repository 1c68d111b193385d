"""Scoring the short-listed options on the critical success factors (0-5, 5 best).

Every score is read off what the advisor concluded about the case (the evidence for and
against each form, the derived contexts, the mechanism levels) and the form's attributes in
the typology (Table 2); ``knowledge/appraisal_criteria.yaml`` says how each criterion is
scored and why. ``form=None`` stands for business as usual.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from advisor.advice.assemble import Parts, rule_sources
from advisor.advice.model import Advice, Option, Reason
from advisor.appraisal.models import CriterionScore, ScoreReason
from advisor.appraisal.weights import criterion, load_criteria
from advisor.case.model import Case
from advisor.engine.facts import partner_mix
from advisor.kb.load import Item, load_knowledge
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


def cite(item_id: str) -> str:
    """A knowledge item's citation, e.g. 'sec_capacity: Chapter 5, Capacity constraints'."""
    return load_knowledge()[item_id].citation


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


def _score(points: int, reasons: list[ScoreReason]) -> CriterionScore:
    return CriterionScore(score=max(BOTTOM, min(TOP, points)), reasons=tuple(reasons))


def strategic_fit(form: Item | None, ev: Evidence) -> CriterionScore:
    """The share of the stated drivers the form serves (0-3) and its fit to the intended scope (0-2)."""
    wanted = ev.case.collaboration.drivers
    if form is None:
        return _score(
            0,
            [_plain("each organisation stays as it is: no driver for collaborating is served", cite("sec_drivers"))],
        )
    match, mismatch = ev.reason(form.id, "form.scope_match"), ev.reason(form.id, "form.scope_mismatch")
    reasons = []
    if wanted:
        served = [d for d in wanted if d in (form.get("drivers") or ())]
        points = (6 * len(served) + len(wanted)) // (2 * len(wanted))  # 3 x share, rounded half up
        if mismatch:
            points = min(points, 1)
        names = ", ".join(served) or "none"
        text = f"serves {len(served)} of the {len(wanted)} stated drivers ({names})"
        text += f"{', but only for part of the intended scope' if mismatch and served else ''}: {points} of 3"
        rule_reason = ev.reason(form.id, "form.serves_drivers" if served else "form.misses_drivers")
        reasons.append(_from_rule(text, rule_reason) if rule_reason else _plain(text, cite("sec_drivers")))
    else:
        points = 1
        reasons.append(_plain("the partners' drivers are unknown: 1 of 3", cite("sec_drivers")))
    if match:
        points += 2
        reasons.append(_from_rule(f"{match.text}: 2 of 2", match))
    elif mismatch:
        reasons.append(_from_rule(f"{mismatch.text}: 0 of 2", mismatch))
    else:
        points += 1
        scope = ev.case.collaboration.scope
        why = "the intended scope is unknown" if scope == "unknown" else f"near the intended {label(scope)}"
        reasons.append(
            _plain(f"built for {label(form.get('scope'))}, {why}: 1 of 2", cite(form.id), cite("sec_typology"))
        )
    return _score(points, reasons)


def achievability(form: Item | None, ev: Evidence) -> CriterionScore:
    """The implementation burden of the form's integration against the partners' capacity."""
    if form is None:
        return _score(TOP, [_plain("nothing to implement: each organisation carries on as now", cite("sec_capacity"))])
    integration = int(form.get("integration"))
    burden = _plain(
        f"integration {integration} of 5 (Table 1 continuum): the deeper the integration, the more time, effort "
        f"and money implementation takes: burden {integration}",
        cite(form.id),
        cite("sec_capacity"),
        cite("act29"),
    )
    shortfall = ev.context("capacity_shortfall")
    if shortfall:
        capacity = 0
        found = ev.reason(form.id, "form.integration_capacity")
        capacity_reason = ScoreReason(
            text="a partner lacks spare capacity or no money is set aside for implementation: capacity 0",
            rules=(*shortfall.rules, *((found.rule,) if found else ())),
            sources=tuple(dict.fromkeys((*shortfall.sources, *(found.sources if found else ()), cite("act31")))),
        )
    elif ev.case.collaboration.funding == "adequate" and partner_mix(ev.case.partners)["any_low_capacity"] == "no":
        capacity = 3
        text = "funding is adequate and no partner is short of capacity: capacity 3"
        capacity_reason = _plain(text, cite("act29"), cite("act31"))
    else:
        capacity = 2
        text = "no capacity shortfall is known, but funding or spare capacity is not known to be ample: capacity 2"
        capacity_reason = _plain(text, cite("act29"), cite("act31"))
    points = TOP - max(0, integration - capacity)
    verdict = _plain(f"burden {integration} against capacity {capacity}: {points}", cite("sec_capacity"))
    reasons = [burden, capacity_reason, verdict]
    return _score(points, reasons)


def _needs(form: Item, ev: Evidence) -> tuple[dict[str, str], list[ScoreReason]]:
    """The mechanism levels a form needs, merged over the bands that apply, with why."""
    integration = int(form.get("integration"))
    mandated = ev.case.collaboration.mandation == "mandated"
    needs: dict[str, str] = {}
    why = []
    for band in criterion("relationship_readiness").get("needs"):
        low, high = band.get("integration", (0, 0))
        if (band.get("mandated") and mandated) or low <= integration <= high:
            for mechanism, level in band["levels"].items():
                if mechanism not in needs or LEVEL_RANK[level] > LEVEL_RANK[needs[mechanism]]:
                    needs[mechanism] = level
            why.append(_plain(" ".join(band["why"].split()).rstrip("."), *band["sources"]))
    return needs, why


def relationship_readiness(form: Item | None, ev: Evidence) -> CriterionScore:
    """5 less the levels by which trust, faith, confidence and risk tolerance fall short of the form's needs."""
    if form is None:
        return _score(
            TOP, [_plain("needs nothing from the relationship: no joint work", cite("sec_trust_vs_confidence"))]
        )
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
    return _score(TOP - short_total, reasons)


def complexity(form: Item | None, ev: Evidence) -> CriterionScore:
    """5 less the breadth of services joined and the depth of integration under the inferred task complexity."""
    if form is None:
        return _score(TOP, [_plain("sets no joint task", cite("sec_task_complexity"))])
    integration = int(form.get("integration"))
    breadth = SCOPE_BREADTH[form.get("scope")]
    points = TOP - breadth
    reasons = [_plain(f"built for {label(form.get('scope'))}: -{breadth}", cite(form.id), cite("sec_task_complexity"))]
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
    return _score(points, reasons)


def time_to_benefit(form: Item | None, ev: Evidence) -> CriterionScore:
    """How soon benefits come: 5 less the early performance dip and the delays deep integration meets."""
    if form is None:
        return _score(
            BOTTOM, [_plain("never delivers the benefits of collaborating (Table 9)", cite("sec_performance"))]
        )
    integration = int(form.get("integration"))
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
    return _score(points, reasons)


def reversibility(form: Item | None, ev: Evidence) -> CriterionScore:
    """How easily the arrangement could be ended, by the legal instrument the form usually needs."""
    spec = criterion("reversibility")
    if form is None:
        return _score(TOP, [_plain("nothing to undo", cite("sec_typology"))])
    instrument = form.get("instrument")
    points = spec.get("by_instrument")[instrument]
    reasons = [
        _plain(
            f"usually needs {form.get('legal_instrument')}: {points}", cite(form.id), cite("sec_trust_vs_confidence")
        )
    ]
    limited = spec.get("time_limited").get(form.id)
    if limited:
        points += 1
        reasons.append(_plain(f"{limited}: +1", cite(form.id), cite("sec_legitimacy")))
    return _score(points, reasons)


@cache
def _access_forms() -> dict[str, tuple[str, ...]]:
    kb = load_knowledge()
    return {benefit: tuple(kb[benefit].get("forms") or ()) for benefit in ACCESS_BENEFITS}


def patient_access(form: Item | None, ev: Evidence) -> CriterionScore:
    """3, plus coordination and coverage gains, less the loss of proximity consolidation brings."""
    base = _plain("services stay where they are: 3", cite("perf_loss_of_proximity"), cite("perf_patient_coverage"))
    if form is None:
        return _score(3, [base])
    kb = load_knowledge()
    points, reasons = 3, [base]
    integration = int(form.get("integration"))
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
    if form.get("dalton") == "consolidation":
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
    return _score(points, reasons)


SCORERS: dict[str, Callable[[Item | None, Evidence], CriterionScore]] = {
    "strategic_fit": strategic_fit,
    "achievability": achievability,
    "relationship_readiness": relationship_readiness,
    "complexity": complexity,
    "time_to_benefit": time_to_benefit,
    "reversibility": reversibility,
    "patient_access": patient_access,
}


def score_option(form: Item | None, ev: Evidence) -> dict[str, CriterionScore]:
    """An option's score on every criterion, in the criteria's order."""
    ids = [c.id for c in load_criteria()]
    if set(ids) != set(SCORERS):
        raise RuntimeError(f"criteria without a scorer or scorers without a criterion: {set(ids) ^ set(SCORERS)}")
    return {criterion_id: SCORERS[criterion_id](form, ev) for criterion_id in ids}
