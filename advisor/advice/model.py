"""The advice: what the advisor concludes about a case, with the reasons and the trace."""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

MechanismLevel = Literal["low", "medium", "high", "unknown"]
VerdictName = Literal["recommended", "conditional", "not_advised", "undecided"]
Severity = Literal["high", "medium", "low"]


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    def to_json(self) -> str:
        """Canonical JSON: sorted keys, two-space indent; identical for identical input."""
        return json.dumps(self.model_dump(mode="json"), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


class Reason(_Out):
    """One reason for or against a form: the rule, how strong its support is, its evidence
    and what it means here."""

    rule: str
    strength: str | None
    sources: tuple[str, ...]
    text: str
    delta: int


class Mitigation(_Out):
    """An action (Table 10) that mitigates a risk."""

    id: str
    name: str


class RiskFlag(_Out):
    """One finding that puts the collaboration at risk, with its consequences. ``form`` is the
    form it belongs to, or '' for a risk of the situation whatever the form; ``touches`` counts
    the other conclusions resting on the same mechanisms and contexts."""

    id: str
    severity: Severity
    text: str
    consequences: tuple[str, ...]
    form: str
    mitigations: tuple[Mitigation, ...]
    touches: int
    because: tuple[str, ...]
    sources: tuple[str, ...]


class Element(_Out):
    """An element of the recommended agreement, needed or already in place."""

    text: str
    status: Literal["needed", "in_place"]


class FormalisationAdvice(_Out):
    """How formal a form should be, and why (``form`` is '' when no form is advised), with the
    NHS governance model that goes with it (NHS guidance) and the governance already in place."""

    form: str
    instrument: str
    summary: str
    reason: str
    in_place: bool
    governance: tuple[str, ...]
    governance_in_place: tuple[str, ...]
    elements: tuple[Element, ...]
    because: tuple[str, ...]
    sources: tuple[str, ...]


class Option(_Out):
    """A form of collaboration weighed for the case, with its verdict. Candidates (recommended,
    conditional or considered forms) carry their own risks and formalisation; an undecided
    form names the unknown facts that would decide it, most influential first."""

    form: str
    name: str
    verdict: VerdictName
    score: int
    considered: bool
    reasons: tuple[Reason, ...]
    conditions: tuple[str, ...]
    deciding_facts: tuple[str, ...]
    risks: tuple[RiskFlag, ...]
    formalisation: FormalisationAdvice | None


class FactChange(_Out):
    """One change of a case fact."""

    fact: str
    before: str
    after: str


class Pathway(_Out):
    """A set of fact changes that makes a form viable, checked by re-running the advisor."""

    changes: tuple[FactChange, ...]
    verdict: VerdictName
    score: int


class Proposal(_Out):
    """A form the partners asked about, answered directly: its verdict and, when it is not
    recommended, what would have to change (checked by re-running) and the lighter forms that
    would build towards it."""

    form: str
    name: str
    verdict: VerdictName
    score: int
    is_top: bool
    pathways: tuple[Pathway, ...]
    pathway_note: str
    building_forms: tuple[str, ...]


class AnswerEffect(_Out):
    """What one answer to an unknown fact would do to the top option."""

    fact: str
    value: str
    top_option: str
    verdict: str


class Certainty(_Out):
    """How settled the advice is: whether the unknown facts could change the top option or
    its verdict, tried one answer at a time (not a count of blanks; not the mechanism
    *confidence*). ``settle`` names up to three facts whose answers matter most."""

    level: Literal["high", "medium", "low"]
    explanation: str
    top_option: str
    verdict: str
    changes: tuple[AnswerEffect, ...]
    settle: tuple[str, ...]
    facts_tried: int
    runs: int


class MechanismState(_Out):
    """The inferred level of a mechanism and the rules that moved it."""

    level: MechanismLevel
    score: int
    because: tuple[str, ...]


class ActionItem(_Out):
    """A recommended action (Table 10, or a life-cycle behaviour), placed in a life-cycle stage
    and a domain. ``timing``: ``now`` (the collaboration's stage), ``next`` (a later stage),
    ``still_open`` (an earlier stage whose condition still holds), ``any`` (stage unknown)."""

    id: str
    text: str
    stage: str
    domain: str
    timing: Literal["now", "next", "still_open", "any"]
    because: tuple[str, ...]
    sources: tuple[str, ...]


class ExpectedEffectItem(_Out):
    """A performance mechanism (Table 9) the preferred form may set off."""

    id: str
    name: str
    category: str
    effect: Literal["benefit", "unintended"]
    text: str
    because: tuple[str, ...]
    sources: tuple[str, ...]


class Unknown(_Out):
    """A fact the case left unknown, and why it matters: ``high`` when an answer could change
    the top option or its verdict, ``medium`` when it could change another form's verdict,
    ``low`` when it only refines risks, formalisation or actions."""

    fact: str
    why: str
    rules: tuple[str, ...]
    importance: Literal["high", "medium", "low"]


class FactRef(_Out):
    """A fact as a rule matched it: its kind and its slots."""

    fact: str
    values: dict[str, Any]


class Firing(_Out):
    """One rule firing in the order it happened; ``built_on`` are the earlier steps whose
    conclusions it used (what it matched, or the effects, evidence or verdict it summed)."""

    step: int
    rule: str
    layer: str
    statement: str
    strength: str | None
    sources: tuple[str, ...]
    matched: tuple[FactRef, ...]
    asserted: tuple[FactRef, ...]
    built_on: tuple[int, ...]


class Advice(_Out):
    """Everything the advisor concludes about one case."""

    case_name: str
    partners: tuple[str, ...]
    stage: str
    certainty: Certainty
    options: tuple[Option, ...]
    proposals: tuple[Proposal, ...]
    mechanisms: dict[str, MechanismState]
    risks: tuple[RiskFlag, ...]
    formalisation: FormalisationAdvice
    actions: tuple[ActionItem, ...]
    expected_effects: tuple[ExpectedEffectItem, ...]
    unknowns: tuple[Unknown, ...]
    trace: tuple[Firing, ...]
    knowledge_base: dict[str, str]

    def recommended(self) -> tuple[Option, ...]:
        """The options with verdict ``recommended``, best first."""
        return tuple(o for o in self.options if o.verdict == "recommended")

    def top(self) -> Option | None:
        """The top option: the best-ranked recommended or conditional form, if any."""
        return next((o for o in self.options if o.verdict in ("recommended", "conditional")), None)

    def option(self, form: str) -> Option:
        """The option for one form."""
        return next(o for o in self.options if o.form == form)
