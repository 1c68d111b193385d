"""Translate a validated case into the facts the rules start from.

Only counting and extremes are done here (how many partners, which sectors, the spread of
sizes, whether any partner is struggling); every judgement about what those mean is a rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from advisor.case.model import Case, Partner
from advisor.kb.load import KnowledgeBase
from advisor.kb.models import FormItem
from advisor.rules.facts import CollabFact, FormFact, PartnerMix, RelFact

SIZE_RANK = {"small": 1, "medium": 2, "large": 3, "very_large": 4}
NHS_TRUSTS = ("nhs_trust", "foundation_trust")
NHS_PROVIDER_SECTORS = ("acute", "mental_health", "community", "ambulance", "specialist")
NON_NHS_KINDS = ("local_authority", "independent_provider", "charity_or_social_enterprise")
NON_NHS_SECTORS = ("local_authority", "social_care", "public_health", "voluntary", "independent")
# Partners with no statutory NHS functions to delegate, so never parties to a statutory joint
# committee (NHS guidance, gd_joint_committee_parties); councils can join joint arrangements.
NON_STATUTORY_KINDS = ("gp_practice", "independent_provider", "charity_or_social_enterprise")
NON_STATUTORY_SECTORS = ("primary_care", "voluntary", "independent")
STATUTORY_SECTORS = (*NHS_PROVIDER_SECTORS, "local_authority", "public_health")
LEVEL_RANK = {"low": 1, "medium": 2, "high": 3}
MAX_NAMED = 20  # partners named in a fact (e.g. which are struggling); the count is never capped

# Which partner fields each PartnerMix slot summarises (for unknowns and explanations).
PARTNER_MIX_SOURCES: dict[str, tuple[str, ...]] = {
    "count": (),
    "sectors": ("sector",),
    "sectors_unknown": ("sector",),
    "size_spread": ("size",),
    "largest_size": ("size",),
    "any_struggling": ("performance", "special_measures"),
    "any_strong": ("performance", "special_measures"),
    "any_low_capacity": ("improvement_capacity",),
    "any_deficit": ("finances",),
    "any_severe_deficit": ("finances",),
    "struggling_in_severe_deficit": ("performance", "special_measures", "finances"),
    "strong_helps_short": ("performance", "special_measures", "improvement_capacity"),
    "any_high_turnover": ("staff_turnover",),
    "any_strong_identity": ("identity_strength",),
    "all_flexible": ("identity_strength",),
    "it_interoperability": ("it_interoperability",),
    "any_primary_care": ("sector",),
    "any_specialised": ("sector",),
    "any_council": ("sector",),
    "struggling": ("performance", "special_measures", "finances"),
    "any_independent": ("legal_kind", "sector"),
    "any_busy": ("other_partnerships",),
    "legal_kinds": ("legal_kind",),
    "any_below_good": ("performance", "special_measures"),
    "nhs_trusts": ("legal_kind", "sector"),
    "any_non_nhs": ("legal_kind", "sector"),
    "any_gp_practice": ("legal_kind", "sector"),
    "any_non_statutory": ("legal_kind", "sector"),
    "lead_kind": ("legal_kind",),
    "lead_sector": ("sector",),
}


def rules_reading(fact: str) -> tuple[str, ...]:
    """The ids of the rules that read a case fact, in registry order.

    ``fact`` is ``collaboration.x``, ``relationship.x`` or ``partners.x``: a partner field
    (``partners.size``) reaches the rules through the partner-mix summaries built from it,
    ``partners.count`` directly."""
    from advisor.rules.registry import REGISTRY

    names = {fact}
    if fact.startswith("partners."):
        field = fact.split(".", 1)[1]
        names |= {f"partners.{key}" for key, fields in PARTNER_MIX_SOURCES.items() if field in fields}
    return tuple(rule_id for rule_id, spec in REGISTRY.items() if names & set(spec.reads))


def _any(partners: Iterable[Partner], known: Callable[[Partner], bool], holds: Callable[[Partner], bool]) -> str:
    """'yes' if the condition holds for some partner, 'no' if every partner is known and it
    holds for none, otherwise 'unknown'."""
    partners = list(partners)
    if any(known(p) and holds(p) for p in partners):
        return "yes"
    return "no" if all(known(p) for p in partners) else "unknown"


def _every(partners: Iterable[Partner], known: Callable[[Partner], bool], holds: Callable[[Partner], bool]) -> str:
    """'yes' if every partner is known and the condition holds for each, 'no' if it is known
    not to hold for some partner, otherwise 'unknown'."""
    return {"yes": "no", "no": "yes"}.get(_any(partners, known, lambda p: not holds(p)), "unknown")


def _sector_any(partners: list[Partner], sectors: set[str]) -> str:
    return _any(partners, lambda p: p.sector != "unknown", lambda p: p.sector in sectors)


def is_nhs_trust(partner: Partner) -> bool:
    """An NHS trust or foundation trust, or (its legal kind not given) a partner in an NHS
    provider sector."""
    if partner.legal_kind != "unknown":
        return partner.legal_kind in NHS_TRUSTS
    return partner.sector in NHS_PROVIDER_SECTORS


def struggling(partner: Partner) -> str:
    """Whether a partner is struggling: in special measures (now the Recovery Support
    Programme), rated inadequate, or rated requires improvement with a severe deficit
    (our grading, after the report's turnaround cases and NHS oversight practice); ``unknown``
    when the facts that would settle it are unknown. A partner rated good or outstanding is not
    struggling unless it is said to be in special measures (which follow a failing rating)."""
    if (
        partner.special_measures == "yes"
        or partner.performance == "inadequate"
        or (partner.performance == "requires_improvement" and partner.finances == "severe_deficit")
    ):
        return "yes"
    if partner.performance in ("good", "outstanding"):
        return "no"
    settled = partner.special_measures != "unknown" and partner.performance != "unknown"
    if partner.performance == "requires_improvement":
        settled = settled and partner.finances != "unknown"
    return "no" if settled else "unknown"


def _strong_helps_short(partners: list[Partner]) -> str:
    """'yes' if a partner short of improvement capacity has another, strong partner beside it;
    'no' if every performance and capacity is known and none has; otherwise 'unknown'."""
    strong = [i for i, p in enumerate(partners) if p.performance in ("good", "outstanding") and struggling(p) == "no"]
    short = [i for i, p in enumerate(partners) if p.improvement_capacity == "low"]
    if any(i != j for i in strong for j in short):
        return "yes"
    known = all(p.performance != "unknown" and p.improvement_capacity != "unknown" for p in partners)
    return "no" if known else "unknown"


def partner_mix(partners: tuple[Partner, ...]) -> dict[str, Any]:
    """Counts and extremes over the partners."""
    plist = list(partners)
    sizes = [SIZE_RANK[p.size] for p in plist if p.size in SIZE_RANK]
    all_sizes_known = len(sizes) == len(plist)
    spread = max(sizes) - min(sizes) if sizes else 0
    if not all_sizes_known and spread < 2:
        spread_value: int | str = "unknown"
    else:
        spread_value = spread
    largest = max(sizes) if sizes else 0
    largest_size = {v: k for k, v in SIZE_RANK.items()}.get(largest, "unknown")
    if not all_sizes_known and largest < SIZE_RANK["large"]:
        largest_size = "unknown"
    levels = [LEVEL_RANK[p.it_interoperability] for p in plist if p.it_interoperability in LEVEL_RANK]
    if levels and (len(levels) == len(plist) or min(levels) == 1):
        interop = {v: k for k, v in LEVEL_RANK.items()}[min(levels)]
    else:
        interop = "unknown"

    return {
        "count": len(plist),
        "sectors": tuple(sorted({p.sector for p in plist if p.sector != "unknown"})),
        "sectors_unknown": "yes" if any(p.sector == "unknown" for p in plist) else "no",
        "size_spread": spread_value,
        "largest_size": largest_size,
        "any_struggling": _any(plist, lambda p: struggling(p) != "unknown", lambda p: struggling(p) == "yes"),
        "struggling": tuple(p.name for p in plist if struggling(p) == "yes")[:MAX_NAMED],
        "any_strong": _any(
            plist,
            lambda p: p.performance != "unknown",
            lambda p: p.performance in ("good", "outstanding") and struggling(p) == "no",
        ),
        "any_low_capacity": _any(
            plist,
            lambda p: p.improvement_capacity != "unknown",
            lambda p: p.improvement_capacity == "low",
        ),
        "any_deficit": _any(
            plist,
            lambda p: p.finances != "unknown",
            lambda p: p.finances in ("deficit", "severe_deficit"),
        ),
        "any_severe_deficit": _any(plist, lambda p: p.finances != "unknown", lambda p: p.finances == "severe_deficit"),
        "struggling_in_severe_deficit": _any(
            plist,
            lambda p: struggling(p) != "unknown" and p.finances != "unknown",
            lambda p: struggling(p) == "yes" and p.finances == "severe_deficit",
        ),
        "strong_helps_short": _strong_helps_short(plist),
        "any_high_turnover": _any(plist, lambda p: p.staff_turnover != "unknown", lambda p: p.staff_turnover == "high"),
        "any_strong_identity": _any(
            plist,
            lambda p: p.identity_strength != "unknown",
            lambda p: p.identity_strength == "high",
        ),
        "all_flexible": _every(
            plist, lambda p: p.identity_strength != "unknown", lambda p: p.identity_strength == "low"
        ),
        "it_interoperability": interop,
        "any_primary_care": _sector_any(plist, {"primary_care"}),
        "any_specialised": _sector_any(plist, {"mental_health", "specialist"}),
        "any_council": _sector_any(plist, {"local_authority", "social_care", "public_health"}),
        "any_independent": _any(
            plist,
            lambda p: p.legal_kind != "unknown" or p.sector == "independent",
            lambda p: p.legal_kind == "independent_provider" or p.sector == "independent",
        ),
        "any_busy": _any(plist, lambda p: p.other_partnerships != "unknown", lambda p: p.other_partnerships == "many"),
        "legal_kinds": tuple(sorted({p.legal_kind for p in plist if p.legal_kind != "unknown"})),
        "any_below_good": _any(
            plist,
            lambda p: p.performance != "unknown" or p.special_measures == "yes",
            lambda p: p.performance in ("requires_improvement", "inadequate") or p.special_measures == "yes",
        ),
        "nhs_trusts": sum(1 for p in plist if is_nhs_trust(p)),
        "any_non_nhs": _any(
            plist,
            lambda p: p.legal_kind != "unknown" or p.sector != "unknown",
            lambda p: p.legal_kind in NON_NHS_KINDS or (p.legal_kind == "unknown" and p.sector in NON_NHS_SECTORS),
        ),
        "any_gp_practice": _any(
            plist,
            lambda p: p.legal_kind != "unknown" or p.sector != "unknown",
            lambda p: p.legal_kind == "gp_practice" or (p.legal_kind == "unknown" and p.sector == "primary_care"),
        ),
        "any_non_statutory": _any(
            plist,
            lambda p: p.legal_kind != "unknown" or p.sector in (*NON_STATUTORY_SECTORS, *STATUTORY_SECTORS),
            lambda p: (
                p.legal_kind in NON_STATUTORY_KINDS or (p.legal_kind == "unknown" and p.sector in NON_STATUTORY_SECTORS)
            ),
        ),
    }


def form_slots(form: FormItem, order: int) -> dict[str, Any]:
    """The attributes of a form (Table 2) that rules match on."""
    return {
        "id": form.id,
        "order": order,
        "integration": form.integration,
        "mandation": form.mandation,
        "instrument": form.instrument,
        "scope": form.scope,
        "scopes": form.scopes,
        "runs_on": form.runs_on,
        "dalton": form.dalton,
        "min_partners": form.min_partners,
        "max_partners": form.typical_max_partners or 0,
        "cross_sector": "yes" if form.cross_sector else "no",
        "drivers": form.drivers,
    }


def _lead(case: Case) -> dict[str, str]:
    index = case.collaboration.lead_partner
    if index is None:
        return {"lead_kind": "none", "lead_sector": "none"}
    lead = case.partners[index]
    return {"lead_kind": lead.legal_kind, "lead_sector": lead.sector}


def _pairs_strained(case: Case) -> str:
    """``yes`` when two named partners have a poor history or a significant history of competition."""
    strained = any(
        p.history_of_collaboration == "poor" or p.history_of_competition == "significant"
        for p in case.relationship.pairs
    )
    return "yes" if strained else "no"


def arrangement_integration(case: Case, kb: KnowledgeBase) -> int | str:
    """How integrated the arrangement is (Table 1, 1-5): the form in place if there is one,
    otherwise the most integrated form the partners are considering; ``unknown`` if neither."""
    in_place = case.collaboration.in_place.form
    forms = (in_place,) if in_place not in ("none", "unknown") else case.collaboration.forms_considered
    depths = [kb[f].integration for f in forms]
    return max(depths) if depths else "unknown"


def collaboration_slots(case: Case, kb: KnowledgeBase) -> dict[str, Any]:
    """The collaboration's facts as flat slots: the arrangement in place becomes ``in_place_*``,
    and ``arrangement_integration`` says how integrated the arrangement in place or in view is."""
    collab = case.collaboration.model_dump(exclude={"name", "money", "in_place", "lead_partner"})
    collab["in_place_form"] = case.collaboration.in_place.form
    collab["in_place_governance"] = case.collaboration.in_place.governance
    collab["arrangement_integration"] = arrangement_integration(case, kb)
    return collab


_FORM_SLOTS: dict[str, tuple[dict[str, Any], ...]] = {}  # by knowledge-base version


def _all_form_slots(kb: KnowledgeBase) -> tuple[dict[str, Any], ...]:
    """The slots of every form, in the typology's order (the same for every case)."""
    if kb.version not in _FORM_SLOTS:
        _FORM_SLOTS[kb.version] = tuple(form_slots(f, i) for i, f in enumerate(kb.kind("forms")))
    return _FORM_SLOTS[kb.version]


def case_facts(case: Case, kb: KnowledgeBase) -> tuple[list[Any], dict[str, Any]]:
    """The initial facts for a case, and the value of every case fact by its dotted name."""
    collab = collaboration_slots(case, kb)
    relationship = case.relationship.model_dump(exclude={"pairs"})
    relationship["pairs_strained"] = _pairs_strained(case)
    mix = partner_mix(case.partners) | _lead(case)
    facts: list[Any] = [CollabFact(**collab), RelFact(**relationship), PartnerMix(**mix)]
    facts += [FormFact(**slots) for slots in _all_form_slots(kb)]
    values: dict[str, Any] = {}
    values.update({f"collaboration.{k}": v for k, v in collab.items()})
    values.update({f"relationship.{k}": v for k, v in relationship.items()})
    values.update({f"partners.{k}": v for k, v in mix.items()})
    return facts, values
