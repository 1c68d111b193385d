"""The option appraisal as data: spending objectives, the long list by the options framework
filter, the short list with each option's scores, reasons, total and rank, the critical
success factors and weights used, whether the ranking agrees with the advice, the economic
case where money is given, and the sensitivity analysis."""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict

from advisor.advice.model import FormalisationAdvice, RiskFlag, Severity

BUSINESS_AS_USUAL = "business_as_usual"
Role = Literal["business_as_usual", "do_minimum", "preferred", "considered", "alternative", "requested"]
Status = Literal["preferred", "carried_forward", "discounted"]
JSON_KEYS = (
    "objectives",
    "long_list",
    "short_list",
    "excluded",
    "criteria",
    "agreement",
    "economic_case",
    "sensitivity",
    "notes",
)


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Objective(_Out):
    """A spending objective: what the option must achieve, how it is measured, and where it
    comes from (``driver``, ``mandate``, ``scope`` or ``user``, with the item it rests on)."""

    text: str
    measure: str
    basis: Literal["driver", "mandate", "scope", "user"]
    source: str


class LongListEntry(_Out):
    """One possibility at a dimension of the options framework filter, carried forward (or
    preferred) or discounted, with the reason and what it rests on."""

    id: str
    name: str
    status: Status
    reason: str
    sources: tuple[str, ...]


class Dimension(_Out):
    """A dimension of the options framework filter (scope, service solution, service delivery,
    implementation, funding) and the possibilities weighed at it."""

    id: str
    name: str
    question: str
    entries: tuple[LongListEntry, ...]


class ScoreReason(_Out):
    """Why a component scored what it did: the rules whose conclusions were used and the evidence."""

    text: str
    rules: tuple[str, ...]
    sources: tuple[str, ...]


class ComponentScore(_Out):
    """An option's score on one evidence-derived component of a critical success factor (0-5)."""

    name: str
    weight: int
    score: int
    reasons: tuple[ScoreReason, ...]


class CriterionScore(_Out):
    """An option's score on one critical success factor (0-5, 5 best): the weighted mean of
    its components, which are its reasons."""

    score: float
    components: dict[str, ComponentScore]


class AppraisedOption(_Out):
    """A short-listed option: its scores, weighted total and rank, and what it would need.

    ``form`` is the option's id (a form, or ``business_as_usual``); ``arrangement`` is the
    form business as usual keeps when an arrangement is in place ('' otherwise)."""

    form: str
    name: str
    arrangement: str
    roles: tuple[Role, ...]
    verdict: Literal["recommended", "conditional", "not_advised", "undecided"] | None
    advisor_score: int | None
    scores: dict[str, CriterionScore]
    total: float
    rank: int
    risks: tuple[RiskFlag, ...]
    formalisation: FormalisationAdvice


class Component(_Out):
    """An evidence-derived component of a critical success factor and how it is scored."""

    name: str
    weight: int
    meaning: str
    scoring: str
    source: str


class Criterion(_Out):
    """A critical success factor (one of the Green Book's five) with the weight used, what it
    means, and the components it is scored from."""

    name: str
    short: str
    green_book: str
    weight: float
    default_weight: float
    meaning: str
    justification: str
    source: str
    components: dict[str, Component]


class Agreement(_Out):
    """Whether the weighted ranking puts the preferred way forward (the advice's top option)
    first, and if not, the one sentence saying which score or weight makes the difference."""

    preferred: str
    ranked_first: str
    agrees: bool
    sentence: str


class Figure(_Out):
    """A figure of the economic case (GBP million unless ``unit`` says otherwise) and the
    inputs it came from."""

    value: float
    unit: Literal["GBP m", "percent", "ratio", "year"]
    workings: str


class CostInputs(_Out):
    """The money given for one option (GBP million, real terms) and where it was given."""

    one_off_cost: float
    annual_savings: float
    annual_costs: float
    given_in: str


class CostedRisk(_Out):
    """A risk of the option with its expected cost: probability x impact."""

    id: str
    text: str
    severity: Severity
    probability: float
    impact: Figure
    expected: Figure
    basis: str


class CostedOption(_Out):
    """The economic case for one short-listed option against business as usual."""

    form: str
    name: str
    inputs: CostInputs
    pv_benefits: Figure
    pv_costs: Figure
    optimism_bias: Figure
    risk_register: tuple[CostedRisk, ...]
    risk_allowance: Figure
    npsv: Figure
    bcr: Figure | None
    switching_costs: Figure | None
    switching_savings: Figure | None
    payback_year: Figure | None


class OptimismBias(_Out):
    """The optimism bias uplift used: the row of the Treasury table, the bound, the percentage,
    why, and whether the choice is ours (calibration) or the user's."""

    row: str
    bound: str
    percent: float
    why: str
    chosen_by: Literal["advisor calibration", "costs file"]
    source: str


class EconomicCase(_Out):
    """Net present social value of each costed option, at the Treasury discount rate, with its
    optimism bias, switching values and costed risk register; or, where no money was given,
    the statement that the appraisal stops at the qualitative case."""

    given: bool
    statement: str
    horizon_years: int
    discount: str
    optimism_bias: OptimismBias | None
    options: tuple[CostedOption, ...]
    not_costed: tuple[str, ...]
    finances: tuple[str, ...]
    sources: tuple[str, ...]


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
    """A single change a board could make to the case that would change the preferred way
    forward or the option the weighted ranking puts first."""

    fact: str
    value: str
    current: str
    new_preferred: str
    new_top: str
    text: str


class Sensitivity(_Out):
    """Switching values of the weights, and the single changes of fact a board could make
    (see ``ACTIONABLE`` in :mod:`advisor.advice.sensitivity`) that change the preferred way
    forward or the top of the ranking. ``facts`` is ``None`` when the search was not run;
    ``facts_tried`` counts the changes tried."""

    top: str
    weights: dict[str, WeightSensitivity]
    facts: tuple[FactSwitch, ...] | None
    facts_tried: int


class Appraisal(_Out):
    """A Green Book appraisal of the options for one case."""

    case_name: str
    partners: tuple[str, ...]
    objectives: tuple[Objective, ...]
    long_list: tuple[Dimension, ...]
    short_list: tuple[AppraisedOption, ...]
    excluded: dict[str, str]
    criteria: dict[str, Criterion]
    agreement: Agreement
    economic_case: EconomicCase
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
