"""The case: what a user tells the advisor about a proposed or running collaboration.

Every fact may be left out or set to ``unknown``; the advisor then reasons without it and
reports, in ``Advice.unknowns``, why the missing fact matters.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Level = Literal["low", "medium", "high", "unknown"]
YesNo = Literal["yes", "no", "unknown"]

Sector = Literal[
    "acute",
    "mental_health",
    "community",
    "primary_care",
    "ambulance",
    "specialist",
    "social_care",
    "local_authority",
    "public_health",
    "voluntary",
    "independent",
    "unknown",
]
Size = Literal["small", "medium", "large", "very_large", "unknown"]
Rating = Literal["outstanding", "good", "requires_improvement", "inadequate", "unknown"]
Finances = Literal["surplus", "balanced", "deficit", "severe_deficit", "unknown"]
DriverId = Literal["expansion", "consolidation", "participation", "learning", "sustenance", "mimicry", "coercion"]
FormId = Literal[
    "informal_partnering",
    "buddying",
    "federation",
    "clinical_network",
    "joint_venture",
    "provider_collaborative",
    "primary_care_network",
    "service_level_chain",
    "group",
    "management_contract",
    "integrated_care_system",
    "merger",
    "acquisition",
]
Stage = Literal["contemplation", "connecting", "planning", "implementation", "maintenance", "unknown"]
Scope = Literal[
    "learning",
    "single_service",
    "pathway",
    "multiple_services",
    "whole_organisation",
    "system",
    "unknown",
]
Instrument = Literal["none", "mou", "contract", "joint_committee", "new_entity", "statutory", "unknown"]
LegalKind = Literal[
    "nhs_trust",
    "foundation_trust",
    "local_authority",
    "gp_practice",
    "independent_provider",
    "charity_or_social_enterprise",
    "unknown",
]
Governance = Literal[
    "shared_chief_executive",
    "shared_chair",
    "committees_in_common",
    "joint_committee",
    "lead_provider",
    "provider_leadership_board",
    "host_arrangement",
    "none",
]
# The paperwork ladder, lightest first (NHS England 2021 guidance on provider collaboratives).
Vehicle = Literal[
    "none",
    "mou",
    "collaboration_agreement",
    "lead_provider_contract",
    "joint_committee",
    "corporate_vehicle",
    "statutory_transaction",
    "unknown",
]
Lever = Literal[
    "secondments",
    "joint_appointments",
    "collaboration_wide_meetings",
    "boundary_spanning_project_management",
    "none",
]
History = Literal["none", "poor", "mixed", "good", "unknown"]
Competition = Literal["none", "some", "significant", "unknown"]

MAX_PARTNERS = 10_000
NHS_TRUST_NAME = re.compile(r"\bNHS (Foundation Trust|FT|Trust)\s*$", re.IGNORECASE)

FORM_IDS: tuple[str, ...] = FormId.__args__  # type: ignore[attr-defined]
DRIVER_IDS: tuple[str, ...] = DriverId.__args__  # type: ignore[attr-defined]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Partner(_Strict):
    """One organisation in the collaboration."""

    name: str = Field(min_length=1, max_length=200, description="The organisation's name")
    sector: Sector = Field("unknown", description="The sector or service it belongs to")
    size: Size = Field("unknown", description="Its size relative to NHS providers")
    performance: Rating = Field("unknown", description="Its latest regulator (CQC) rating")
    special_measures: YesNo = Field("unknown", description="In special measures or equivalent")
    finances: Finances = Field("unknown", description="Its financial position")
    improvement_capacity: Level = Field("unknown", description="Spare management and improvement capacity")
    staff_turnover: Level = Field("unknown", description="Staff turnover and vacancies")
    identity_strength: Level = Field("unknown", description="Strength of its own identity and resistance to change")
    it_interoperability: Level = Field(
        "unknown", description="How readily its IT systems can share data with the partners'"
    )
    legal_kind: LegalKind = Field("unknown", description="What kind of body it is in law")
    other_partnerships: Literal["none", "few", "many", "unknown"] = Field(
        "unknown", description="How many other partnerships it is in: few is one or two, many is three or more"
    )
    annual_deficit: float | None = Field(
        None, ge=0, le=100_000, description="Its deficit this year, in GBP million (optional, for the appraisal)"
    )

    @field_validator("annual_deficit")
    @classmethod
    def _finite(cls, value: float | None) -> float | None:
        return _finite_money(value)

    @model_validator(mode="before")
    @classmethod
    def _kind_from_name(cls, data: Any) -> Any:
        """An NHS trust's statutory name says what it is: a partner whose kind is not given
        and whose name ends 'NHS Foundation Trust' (or 'NHS FT') or 'NHS Trust' is taken to be one."""
        if isinstance(data, dict) and data.get("legal_kind", "unknown") == "unknown":
            match = NHS_TRUST_NAME.search(str(data.get("name", "")))
            if match:
                kind = "nhs_trust" if match.group(1).lower() == "trust" else "foundation_trust"
                return {**data, "legal_kind": kind}
        return data


def _finite_money(value: float | None) -> float | None:
    if value is not None and not math.isfinite(value):
        raise ValueError("must be a finite amount in GBP million")
    return value


class Pair(_Strict):
    """How two named partners relate, where that differs from the partnership as a whole
    (e.g. a history of competition between two of fourteen)."""

    between: tuple[int, int] = Field(description="The two partners, by their place in the partner list from 0")
    history_of_collaboration: History = "unknown"
    history_of_competition: Competition = "unknown"
    cultural_compatibility: Level = "unknown"
    communication: Level = "unknown"

    @field_validator("between")
    @classmethod
    def _two_different(cls, between: tuple[int, int]) -> tuple[int, int]:
        if between[0] == between[1]:
            raise ValueError("names the same partner twice")
        if min(between) < 0:
            raise ValueError("partners are counted from 0")
        return between


class Relationship(_Strict):
    """How the partners have related to one another so far."""

    history_of_collaboration: History = "unknown"
    history_of_competition: Competition = "unknown"
    reputation_problems: YesNo = "unknown"
    power_balance: Literal["balanced", "one_dominant", "unknown"] = "unknown"
    travel_time: Literal["under_30_min", "30_to_60_min", "over_60_min", "unknown"] = "unknown"
    coterminous_boundaries: YesNo = "unknown"
    past_failures: YesNo = "unknown"
    cultural_compatibility: Level = "unknown"
    communication: Level = "unknown"
    relative_size: Literal["similar", "one_much_larger", "mixed", "unknown"] = Field(
        "unknown", description="The partners' sizes relative to each other, when absolute sizes are not given"
    )
    pairs: tuple[Pair, ...] = Field((), max_length=1000, description="Relationships between two partners that differ")


class InPlace(_Strict):
    """The arrangement the partners already have, if any."""

    form: FormId | Literal["none", "unknown"] = "unknown"
    since: str = Field("unknown", pattern=r"^(unknown|\d{4}(-(0[1-9]|1[0-2]))?)$", description="YYYY or YYYY-MM")
    governance: tuple[Governance, ...] = ()


class Money(_Strict):
    """Optional money for a Green Book appraisal, in GBP million."""

    one_off_cost: float = Field(ge=0, le=100_000, description="One-off cost of the change")
    annual_savings: float = Field(0, ge=0, le=100_000, description="Recurrent savings a year once running")
    annual_costs: float = Field(0, ge=0, le=100_000, description="New recurrent costs a year")
    horizon_years: int = Field(10, ge=1, le=60, description="Years the appraisal covers")

    @field_validator("one_off_cost", "annual_savings", "annual_costs")
    @classmethod
    def _finite(cls, value: float) -> float:
        return _finite_money(value)


class Collaboration(_Strict):
    """The collaboration itself: why, how, how fast and with what."""

    name: str = Field("Unnamed collaboration", min_length=1, max_length=200)
    mandation: Literal["voluntary", "mandated", "unknown"] = "unknown"
    mandated_by: Literal["regulator", "national_policy", "commissioner", "unknown"] = "unknown"
    drivers: tuple[DriverId, ...] = ()
    scope: Scope = "unknown"
    forms_considered: tuple[FormId, ...] = ()
    stage: Stage = "unknown"
    timeline: Literal["rapid", "moderate", "long", "unknown"] = "unknown"
    ambition: Literal["modest", "realistic", "very_ambitious", "unknown"] = "unknown"
    funding: Literal["adequate", "limited", "none", "unknown"] = "unknown"
    third_party_funding: YesNo = "unknown"
    regulatory_environment: Literal["favourable", "neutral", "competitive", "unknown"] = "unknown"
    legal_agreements: Instrument = "unknown"
    conflict_resolution: Literal["none", "informal", "formal", "independent", "unknown"] = "unknown"
    accountability: Literal["unclear", "clear", "unknown"] = "unknown"
    vision_clarity: Level = "unknown"
    vision_sharedness: Level = "unknown"
    patient_involvement: Level = "unknown"
    staff_involvement: Level = "unknown"
    leadership_style: Literal["collaborative", "inclusive", "directive", "combative", "unknown"] = "unknown"
    leadership_turnover: Level = "unknown"
    cultural_due_diligence: YesNo = "unknown"
    evaluation: YesNo = "unknown"
    role_clarity: YesNo = "unknown"
    in_place: InPlace = InPlace()
    lead_partner: int | None = Field(None, ge=0, description="The lead provider, by its place in the partner list")
    planned_vehicle: Vehicle = "unknown"
    pathway_budget: YesNo = Field(
        "unknown", description="Will the partners take on a pathway's budget and its management?"
    )
    sovereignty_required: YesNo = Field(
        "unknown", description="Must each partner keep its own board and sovereignty over money, estate and staff?"
    )
    control_transfer: Literal["none", "operations", "ownership", "unknown"] = Field(
        "unknown",
        description="Would one partner hand over control: of its operations for a set time, or its ownership?",
    )
    accountability_focus: Literal["own_organisation", "shared", "unknown"] = "unknown"
    aims_met: Literal["not_yet", "partly", "mostly", "unknown"] = "unknown"
    quick_wins: Literal["not_yet", "delivered_with_progress", "delivered_then_stalled", "unknown"] = "unknown"
    engagement_trend: Literal["rising", "steady", "falling", "unknown"] = "unknown"
    recent_failed_task: YesNo = "unknown"
    mentor_funding: YesNo = "unknown"
    communication_levers: tuple[Lever, ...] = ()
    money: Money | None = None

    @field_validator("drivers", "forms_considered", "communication_levers", mode="before")
    @classmethod
    def _unknown_list_is_empty(cls, value: object) -> object:
        if value is None or value == "unknown":
            return ()
        return value


class Case(_Strict):
    """A described collaboration: its partners, their relationship and the collaboration."""

    collaboration: Collaboration = Collaboration()
    partners: tuple[Partner, ...] = Field(min_length=1, max_length=MAX_PARTNERS)
    relationship: Relationship = Relationship()

    @field_validator("partners")
    @classmethod
    def _unique_names(cls, partners: tuple[Partner, ...]) -> tuple[Partner, ...]:
        counts = Counter(p.name for p in partners)
        duplicates = sorted(name for name, n in counts.items() if n > 1)
        if duplicates:
            raise ValueError(f"partner names must be unique; repeated: {', '.join(duplicates)}")
        return partners

    @model_validator(mode="after")
    def _partner_indexes_exist(self) -> Case:
        count = len(self.partners)
        problems = []
        lead = self.collaboration.lead_partner
        if lead is not None and lead >= count:
            problems.append(f"collaboration.lead_partner: {lead} is not a partner (partners are 0 to {count - 1})")
        for i, pair in enumerate(self.relationship.pairs):
            bad = [n for n in pair.between if n >= count]
            if bad:
                problems.append(
                    f"relationship.pairs[{i}].between: {bad[0]} is not a partner (partners are 0 to {count - 1})"
                )
        if problems:
            raise ValueError("; ".join(problems))
        return self
