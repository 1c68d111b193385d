"""One pydantic model per kind of knowledge item: a typo in a YAML value (an integration of
"three", a stage that does not exist) is refused when the knowledge base loads, instead of
silently stopping rules firing.

Every item has an id, a name, its text in our own words and its source; the report's items
cite report ``lines``, guidance items their ``document``, ``locator`` and ``urls``.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from advisor.case.model import DriverId, Scope

EVIDENCE_LABEL = "the evidence (report)"
# Kinds of policy guidance, kept apart from the report's evidence, and how they are labelled.
GUIDANCE_KINDS: dict[str, str] = {"guidance": "NHS guidance", "green_book": "HM Treasury guidance"}

# The mechanisms the rules settle, in reading order (rules/registry.py takes its MECHANISMS from here).
Mechanism = Literal[
    "task_complexity",
    "legitimacy",
    "initial_trust",
    "conflict_resolution",
    "vision_clarity",
    "vision_sharedness",
    "cultural_assimilation",
    "communication",
    "confidence",
    "initial_faith",
    "conflict",
    "trust",
    "perception_of_progress",
    "risk_tolerance",
    "faith",
    "collaborative_behaviour",
]
KnownStage = Literal["contemplation", "connecting", "planning", "implementation", "maintenance"]


class Item(BaseModel):
    """One knowledge item; each kind adds its own fields (see the subclasses)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    text: str
    source: str
    basis: Literal["evidence", "guidance"] = "evidence"
    lines: str | int | None = None
    document: str | None = None
    locator: str | None = None
    urls: tuple[str, ...] = ()
    out_of_scope: str | None = None
    note: str | None = None
    kind: str = ""

    @property
    def is_guidance(self) -> bool:
        """True for policy guidance, which is never shown as evidence."""
        return self.basis == "guidance"

    @property
    def source_label(self) -> str:
        """Where the item comes from in users' words: 'the evidence (report)', 'NHS guidance'
        or 'HM Treasury guidance'."""
        return GUIDANCE_KINDS.get(self.kind, "policy guidance") if self.is_guidance else EVIDENCE_LABEL

    @property
    def citation(self) -> str:
        """How rules and advice cite the item: 'cmoc_f24: Box 1, Power' for the evidence,
        'gd_lead_provider: NHS guidance, NHSE-NHSLED-PC, ...' for guidance."""
        if self.is_guidance:
            return f"{self.id}: {self.source_label}, {self.source}"
        return f"{self.id}: {self.source}"


class FormItem(Item):
    """A form of collaboration (Table 2) with the attributes the rules match."""

    dalton: Literal["collaborative", "contractual", "consolidation"]
    integration: int = Field(ge=1, le=5)
    mandation: Literal["voluntary", "mandated", "either"]
    instrument: Literal["none", "mou", "contract", "joint_committee", "new_entity", "statutory"]
    legal_instrument: str
    scope: Scope
    scopes: tuple[Scope, ...] = Field(min_length=1)
    runs_on: Literal["trust", "confidence"]
    min_partners: int = Field(ge=1)
    typical_max_partners: int | None = Field(None, ge=1)
    cross_sector: bool
    drivers: tuple[DriverId, ...]
    evidence: str
    evidence_source: str
    evidence_lines: tuple[str, ...]


class DriverItem(Item):
    """A driver of collaboration (Table 3)."""

    table_lines: str
    driver: str
    theory: str


class DomainItem(Item):
    """A shaping domain (Table 4) with its success factors."""

    success_factors: tuple[str, ...]


class StageItem(Item):
    """A stage of the life cycle (Figure 7)."""

    order: int = Field(ge=1, le=5)
    behaviours: tuple[str, ...]


class MechanismItem(Item):
    """A refined mechanism (Table 7) and the variables it tracks."""

    context_lines: tuple[str, ...] = ()
    type: str
    outcome: str | None = None
    timing: str
    tracks: tuple[str, ...]
    variables: dict[str, Any] = {}


class CmocItem(Item):
    """A context-mechanism-outcome configuration (Box 1, Box 2)."""

    group: str
    context: str
    mechanism: str
    outcome: str
    mechanism_ids: tuple[str, ...]
    direction: Literal["+", "-"]
    performance_mechanisms: tuple[str, ...] = ()


class PerformanceMechanismItem(Item):
    """A performance mechanism (Table 9)."""

    category: str
    forms: tuple[str, ...]
    effect: Literal["benefit", "unintended"]


class ActionStatementItem(Item):
    """An action statement (Table 10): if ... then ... because."""

    task: str
    if_: str = Field(alias="if")
    then: str
    because: str
    mechanisms: tuple[str, ...]
    domain: str
    stage: KnownStage


class LifecycleActionItem(Item):
    """What to do in the maintenance-or-dissolution stage (Figure 7)."""

    stage: KnownStage
    domain: str


class MaturityElementItem(Item):
    """An element of the maturity matrix (Table 11) at its three levels."""

    mechanism: str
    levels: dict[Literal["pathological", "bureaucratic", "generative"], str]


class ScalePoint(BaseModel):
    """One point of a survey question's answer scale."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    value: int
    label: str


class SurveyQuestionItem(Item):
    """A question of the readiness survey (Appendix 4)."""

    number: int = Field(ge=1, le=30)
    section: str
    purpose: str
    scale: tuple[ScalePoint, ...]
    measures: str | None = None
    reverse: bool = False


class SectionItem(Item):
    """A citable passage of the report."""

    chapter: str
    topics: tuple[str, ...]


class GuidanceItem(Item):
    """An item of NHS guidance (never the report's evidence)."""

    category: str
    applies_to_forms: tuple[str, ...] = ()
    partners: str | None = None
    party_kinds: tuple[str, ...] = ()
    since: str | None = None
    governance: tuple[str, ...] = ()
    vehicle: str | None = None
    binding: bool | None = None
    delegates_statutory_functions: bool | None = None
    lead_kinds: tuple[str, ...] = ()
    attend_only_kinds: tuple[str, ...] = ()
    rung: int | None = None
    remedy_for: str | None = None
    conditions: tuple[str, ...] = ()


class GreenBookItem(Item):
    """An item of HM Treasury Green Book guidance."""

    dimensions: tuple[dict[str, str], ...] = ()
    required: tuple[Any, ...] = ()
    csfs: tuple[dict[str, str], ...] = ()
    rate: float | None = None
    risk_to_life_rate: float | None = None
    pv_of_1000: dict[str, int] = {}
    schedule: tuple[dict[str, Any], ...] = ()
    table: dict[str, dict[str, int]] = {}


class CriterionItem(Item):
    """A critical success factor of the option appraisal (our judgement, mapped to the Green
    Book's five), with its evidence-derived components."""

    green_book: str
    short: str
    weight: float = Field(ge=0)
    justification: str
    components: tuple[dict[str, Any], ...]


MODELS: dict[str, type[Item]] = {
    "forms": FormItem,
    "drivers": DriverItem,
    "domains": DomainItem,
    "lifecycle_stages": StageItem,
    "mechanisms": MechanismItem,
    "cmocs_functioning": CmocItem,
    "cmocs_performance": CmocItem,
    "performance_mechanisms": PerformanceMechanismItem,
    "actions": ActionStatementItem,
    "lifecycle_actions": LifecycleActionItem,
    "maturity_elements": MaturityElementItem,
    "survey_questions": SurveyQuestionItem,
    "sections": SectionItem,
    "guidance": GuidanceItem,
    "green_book": GreenBookItem,
}
