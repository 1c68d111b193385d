"""The option appraisal as data: the short list with each option's scores, reasons, total and
rank, the forms left off and why, the criteria and weights used, and the sensitivity analysis."""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict

from advisor.advice.model import FormalisationAdvice, RiskFlag

BUSINESS_AS_USUAL = "business_as_usual"
Role = Literal["business_as_usual", "do_minimum", "preferred", "viable", "requested"]
JSON_KEYS = ("short_list", "excluded", "criteria", "sensitivity")


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ScoreReason(_Out):
    """Why a criterion scored what it did: the rules whose conclusions were used and the evidence."""

    text: str
    rules: tuple[str, ...]
    sources: tuple[str, ...]


class CriterionScore(_Out):
    """An option's score on one critical success factor (0-5, 5 best), with its reasons."""

    score: int
    reasons: tuple[ScoreReason, ...]


class AppraisedOption(_Out):
    """A short-listed option: its scores, weighted total and rank, and what it would need."""

    form: str
    name: str
    roles: tuple[Role, ...]
    verdict: Literal["recommended", "conditional", "not_advised", "undecided"] | None
    advisor_score: int | None
    scores: dict[str, CriterionScore]
    total: float
    rank: int
    risks: tuple[RiskFlag, ...]
    formalisation: FormalisationAdvice


class Criterion(_Out):
    """A critical success factor with the weight used and what it means."""

    name: str
    short: str
    weight: float
    default_weight: float
    meaning: str
    scoring: str
    justification: str
    source: str


class WeightSwitch(_Out):
    """A switching value: the weight at which another option draws level with the top one, the
    change from the weight used, and the option that ranks first beyond it (``inclusive``: already
    at it, because that option wins the tie by coming earlier on the short list)."""

    value: float
    change: float
    new_top: str
    inclusive: bool


class WeightSensitivity(_Out):
    """How far a criterion's weight can move down or up before the top option changes
    (``None``: no such weight, down to 0 or however high)."""

    weight: float
    down: WeightSwitch | None
    up: WeightSwitch | None


class FactSwitch(_Out):
    """A single change to the case that would put another option first."""

    fact: str
    value: str
    current: str
    new_top: str
    text: str


class Sensitivity(_Out):
    """Switching values of the weights and the single fact changes that change the top option.

    ``facts`` is ``None`` when the fact search was not run; ``facts_tried`` counts the single
    changes tried."""

    top: str
    weights: dict[str, WeightSensitivity]
    facts: tuple[FactSwitch, ...] | None
    facts_tried: int


class Appraisal(_Out):
    """A Green Book style appraisal of the options for one case."""

    case_name: str
    partners: tuple[str, ...]
    short_list: tuple[AppraisedOption, ...]
    excluded: dict[str, str]
    criteria: dict[str, Criterion]
    sensitivity: Sensitivity
    notes: tuple[str, ...]
    knowledge_base: dict[str, str]

    def data(self) -> dict:
        """The appraisal as plain data with exactly the keys of :data:`JSON_KEYS`."""
        return self.model_dump(mode="json", include=set(JSON_KEYS))

    def to_json(self) -> str:
        """Canonical JSON: sorted keys, two-space indent; identical for identical input."""
        return json.dumps(self.data(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"

    def option(self, form: str) -> AppraisedOption:
        """The short-listed option for a form (or ``business_as_usual``)."""
        return next(o for o in self.short_list if o.form == form)

    def with_role(self, role: Role) -> AppraisedOption | None:
        """The option holding a role (``preferred``, ``do_minimum``...), if any."""
        return next((o for o in self.short_list if role in o.roles), None)
