"""Translate a validated case into the facts the rules start from.

Only counting and extremes are done here (how many partners, which sectors, the spread of
sizes, whether any partner is struggling); every judgement about what those mean is a rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from advisor.case.model import Case, Partner
from advisor.kb.load import KnowledgeBase
from advisor.rules.facts import CollabFact, FormFact, PartnerMix, RelFact

SIZE_RANK = {"small": 1, "medium": 2, "large": 3, "very_large": 4}
LEVEL_RANK = {"low": 1, "medium": 2, "high": 3}

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
    "any_high_turnover": ("staff_turnover",),
    "any_strong_identity": ("identity_strength",),
    "it_interoperability": ("it_interoperability",),
    "any_primary_care": ("sector",),
    "any_specialised": ("sector",),
    "any_council": ("sector",),
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


def _sector_any(partners: list[Partner], sectors: set[str]) -> str:
    return _any(partners, lambda p: p.sector != "unknown", lambda p: p.sector in sectors)


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

    def struggling_known(p: Partner) -> bool:
        return (
            p.special_measures == "yes"
            or p.performance == "inadequate"
            or (p.special_measures != "unknown" and p.performance != "unknown")
        )

    return {
        "count": len(plist),
        "sectors": tuple(sorted({p.sector for p in plist if p.sector != "unknown"})),
        "sectors_unknown": "yes" if any(p.sector == "unknown" for p in plist) else "no",
        "size_spread": spread_value,
        "largest_size": largest_size,
        "any_struggling": _any(
            plist,
            struggling_known,
            lambda p: p.special_measures == "yes" or p.performance == "inadequate",
        ),
        "any_strong": _any(
            plist,
            lambda p: p.performance != "unknown",
            lambda p: p.performance in ("good", "outstanding") and p.special_measures != "yes",
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
        "any_high_turnover": _any(plist, lambda p: p.staff_turnover != "unknown", lambda p: p.staff_turnover == "high"),
        "any_strong_identity": _any(
            plist,
            lambda p: p.identity_strength != "unknown",
            lambda p: p.identity_strength == "high",
        ),
        "it_interoperability": interop,
        "any_primary_care": _sector_any(plist, {"primary_care"}),
        "any_specialised": _sector_any(plist, {"mental_health", "specialist"}),
        "any_council": _sector_any(plist, {"local_authority", "social_care", "public_health"}),
    }


def form_slots(form: Any, order: int) -> dict[str, Any]:
    """The attributes of a form (Table 2) that rules match on."""
    return {
        "id": form.id,
        "order": order,
        "integration": int(form.get("integration")),
        "mandation": form.get("mandation"),
        "instrument": form.get("instrument"),
        "scope": form.get("scope"),
        "dalton": form.get("dalton"),
        "min_partners": int(form.get("min_partners") or 1),
        "max_partners": int(form.get("typical_max_partners") or 0),
        "cross_sector": "yes" if form.get("cross_sector") else "no",
        "drivers": tuple(form.get("drivers") or ()),
    }


_FORM_SLOTS: dict[str, tuple[dict[str, Any], ...]] = {}  # by knowledge-base version


def _all_form_slots(kb: KnowledgeBase) -> tuple[dict[str, Any], ...]:
    """The slots of every form, in the typology's order (the same for every case)."""
    if kb.version not in _FORM_SLOTS:
        _FORM_SLOTS[kb.version] = tuple(form_slots(f, i) for i, f in enumerate(kb.kind("forms")))
    return _FORM_SLOTS[kb.version]


def case_facts(case: Case, kb: KnowledgeBase) -> tuple[list[Any], dict[str, Any]]:
    """The initial facts for a case, and the value of every case fact by its dotted name."""
    collab = case.collaboration.model_dump(exclude={"name"})
    relationship = case.relationship.model_dump()
    mix = partner_mix(case.partners)
    facts: list[Any] = [CollabFact(**collab), RelFact(**relationship), PartnerMix(**mix)]
    facts += [FormFact(**slots) for slots in _all_form_slots(kb)]
    values: dict[str, Any] = {}
    values.update({f"collaboration.{k}": v for k, v in collab.items()})
    values.update({f"relationship.{k}": v for k, v in relationship.items()})
    values.update({f"partners.{k}": v for k, v in mix.items()})
    return facts, values
