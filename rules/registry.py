"""Rule metadata: every rule has a stable id, a layer, a one-line statement in domain words
and the ids of the knowledge items (report tables, boxes, chapters) it encodes.

Rules are declared with :func:`rule` (a rule with its own right-hand side) or :func:`effect`
(a context pushes a mechanism up or down). Both register a :class:`RuleSpec`; the engine is
assembled from :data:`REGISTRY` and the experta rules in :data:`RULE_OBJECTS`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from advisor.engine.compat import Fact, Rule
from advisor.rules.facts import FACT_PREFIX, Context, Effect, Level

LAYERS: tuple[str, ...] = (
    "context",
    "mechanisms",
    "levels",
    "forms",
    "risks",
    "formalisation",
    "actions",
)

# Mechanisms are resolved in tiers: a mechanism's level is settled only after every effect
# on it has been asserted, and effects that depend on a level come after that level.
MECHANISM_TIERS: dict[str, int] = {
    "task_complexity": 0,
    "legitimacy": 0,
    "initial_trust": 0,
    "conflict_resolution": 0,
    "vision_clarity": 0,
    "vision_sharedness": 0,
    "cultural_assimilation": 0,
    "communication": 0,
    "confidence": 0,
    "initial_faith": 1,
    "conflict": 1,
    "trust": 2,
    "perception_of_progress": 3,
    "risk_tolerance": 3,
    "faith": 4,
    "collaborative_behaviour": 5,
}

SALIENCE = {
    "context": 100,
    "forms": 30,
    "verdict": 25,
    "ranking": 24,
    "risks": 20,
    "formalisation": 15,
    "actions": 10,
}


def effect_salience(mechanism: str) -> int:
    """Salience of rules that push ``mechanism``: before its level is settled."""
    return 90 - 10 * MECHANISM_TIERS[mechanism]


def level_salience(mechanism: str) -> int:
    """Salience of the rule that settles ``mechanism``'s level."""
    return 85 - 10 * MECHANISM_TIERS[mechanism]


@dataclass(frozen=True)
class RuleSpec:
    """What a rule is, for people: id, layer, statement, evidence, and what it reads."""

    id: str
    layer: str
    statement: str
    encodes: tuple[str, ...]
    salience: int
    reads: tuple[str, ...]
    needs: tuple[str, ...]
    target: str | None = None
    delta: int | None = None


REGISTRY: dict[str, RuleSpec] = {}
RULE_OBJECTS: dict[str, Rule] = {}


def walk_patterns(element: Any) -> Iterator[Fact]:
    """Every fact pattern in a rule's conditions, inside AND / OR / NOT too."""
    if isinstance(element, Fact):
        yield element
    elif isinstance(element, tuple):  # AND / OR / NOT / Rule are tuples of their parts
        for part in element:
            yield from walk_patterns(part)


def _literal(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def describe_conditions(conditions: tuple[Any, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The case facts a rule reads and the derived conclusions it needs, from its patterns."""
    reads: list[str] = []
    needs: list[str] = []
    for pattern in walk_patterns(conditions):
        prefix = FACT_PREFIX.get(type(pattern))
        if prefix:
            reads.extend(f"{prefix}.{key}" for key in pattern if isinstance(key, str))
        elif isinstance(pattern, Context) and _literal(pattern.get("name")):
            needs.append(f"context.{pattern['name']}")
        elif isinstance(pattern, Level) and _literal(pattern.get("mechanism")):
            needs.append(f"mechanism.{pattern['mechanism']}")
    return tuple(dict.fromkeys(reads)), tuple(dict.fromkeys(needs))


def _register(spec: RuleSpec, rule_object: Rule) -> None:
    if spec.id in REGISTRY:
        raise ValueError(f"duplicate rule id {spec.id}")
    if spec.layer not in LAYERS:
        raise ValueError(f"rule {spec.id}: unknown layer {spec.layer}")
    if not spec.encodes:
        raise ValueError(f"rule {spec.id} cites no source")
    REGISTRY[spec.id] = spec
    RULE_OBJECTS[spec.id] = rule_object


def rule(
    rule_id: str,
    layer: str,
    *conditions: Any,
    statement: str,
    encodes: list[str] | tuple[str, ...],
    salience: int | None = None,
) -> Callable[[Callable[..., None]], Rule]:
    """Declare a rule whose right-hand side is the decorated function."""

    def decorate(fn: Callable[..., None]) -> Rule:
        fn.__name__ = rule_id
        sal = SALIENCE[layer] if salience is None else salience
        rule_object = Rule(*conditions, salience=sal)(fn)
        reads, needs = describe_conditions(conditions)
        _register(RuleSpec(rule_id, layer, statement, tuple(encodes), sal, reads, needs), rule_object)
        return rule_object

    return decorate


def effect(
    rule_id: str,
    target: str,
    delta: int,
    *conditions: Any,
    statement: str,
    encodes: list[str] | tuple[str, ...],
) -> Rule:
    """Declare a context-mechanism rule: when ``conditions`` hold, push ``target`` by ``delta``."""

    def rhs(self: Any) -> None:
        self.declare(Effect(mechanism=target, delta=delta, rule=rule_id))

    rhs.__name__ = rule_id
    sal = effect_salience(target)
    rule_object = Rule(*conditions, salience=sal)(rhs)
    reads, needs = describe_conditions(conditions)
    _register(
        RuleSpec(rule_id, "mechanisms", statement, tuple(encodes), sal, reads, needs, target, delta),
        rule_object,
    )
    return rule_object


def attribute_name(rule_id: str) -> str:
    """The Python attribute name under which a rule sits on the engine class."""
    return "r_" + rule_id.replace(".", "__")
