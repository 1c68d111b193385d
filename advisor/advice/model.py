"""The advice: what the advisor concludes about a case, with the reasons and the trace."""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

MechanismLevel = Literal["low", "medium", "high", "unknown"]


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Reason(_Out):
    """One reason for or against a form: the rule, its evidence and what it means here."""

    rule: str
    sources: tuple[str, ...]
    text: str
    delta: int


class Option(_Out):
    """A form of collaboration considered for the case, with its verdict."""

    form: str
    name: str
    verdict: Literal["recommended", "conditional", "not_advised"]
    score: int
    reasons: tuple[Reason, ...]
    conditions: tuple[str, ...]


class MechanismState(_Out):
    """The inferred level of a mechanism and the rules that moved it."""

    level: MechanismLevel
    score: int
    because: tuple[str, ...]


class RiskFlag(_Out):
    """A risk to the collaboration's success."""

    id: str
    severity: Literal["high", "medium", "low"]
    text: str
    because: tuple[str, ...]
    sources: tuple[str, ...]


class FormalisationAdvice(_Out):
    """How formal the collaboration should be, and why."""

    instrument: str
    summary: str
    elements: tuple[str, ...]
    because: tuple[str, ...]
    sources: tuple[str, ...]


class ActionItem(_Out):
    """A recommended action (Table 10), placed in a life-cycle stage and a domain."""

    id: str
    text: str
    stage: str
    domain: str
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
    """A fact the case left unknown, and why it matters."""

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
    sources: tuple[str, ...]
    matched: tuple[FactRef, ...]
    asserted: tuple[FactRef, ...]
    built_on: tuple[int, ...]


class Advice(_Out):
    """Everything the advisor concludes about one case."""

    case_name: str
    partners: tuple[str, ...]
    confidence: Literal["high", "medium", "low"]
    options: tuple[Option, ...]
    mechanisms: dict[str, MechanismState]
    risks: tuple[RiskFlag, ...]
    formalisation: FormalisationAdvice
    actions: tuple[ActionItem, ...]
    expected_effects: tuple[ExpectedEffectItem, ...]
    unknowns: tuple[Unknown, ...]
    trace: tuple[Firing, ...]
    knowledge_base: dict[str, str]

    def to_json(self) -> str:
        """Canonical JSON: sorted keys, two-space indent; identical for identical cases."""
        return json.dumps(self.model_dump(mode="json"), indent=2, sort_keys=True, ensure_ascii=False) + "\n"

    def recommended(self) -> tuple[Option, ...]:
        """The options with verdict ``recommended``, best first."""
        return tuple(o for o in self.options if o.verdict == "recommended")
