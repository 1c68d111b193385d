"""The case: what a user tells the advisor about a proposed or running collaboration.

Every fact may be left out or set to ``unknown``; the advisor then reasons without it and
reports, in ``Advice.unknowns``, why the missing fact matters.
"""

from __future__ import annotations

from collections import Counter
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

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

MAX_PARTNERS = 10_000

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


class Relationship(_Strict):
    """How the partners have related to one another so far."""

    history_of_collaboration: Literal["none", "poor", "mixed", "good", "unknown"] = "unknown"
    history_of_competition: Literal["none", "some", "significant", "unknown"] = "unknown"
    reputation_problems: YesNo = "unknown"
    power_balance: Literal["balanced", "one_dominant", "unknown"] = "unknown"
    travel_time: Literal["under_30_min", "30_to_60_min", "over_60_min", "unknown"] = "unknown"
    coterminous_boundaries: YesNo = "unknown"
    past_failures: YesNo = "unknown"
    cultural_compatibility: Level = "unknown"
    communication: Level = "unknown"


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

    @field_validator("drivers", "forms_considered", mode="before")
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
