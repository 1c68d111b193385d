"""Rule metadata and the reasoning's phases.

Every rule has a stable id, a layer, a one-line statement in domain words, the ids of the
knowledge items it encodes (report tables, boxes, chapters; or NHS guidance), the report
lines it rests on and the strength of that support. Rules are declared with :func:`rule` (a
rule with its own right-hand side) or :func:`effect` (a context pushes a mechanism up or
down); both register a :class:`RuleSpec`, and the engine is assembled from :data:`REGISTRY`
and :data:`RULE_OBJECTS`.

The reasoning runs in explicit phases, as CLIPS programs do: every rule's first condition is
a ``Phase`` control fact, and the engine moves to the next phase only when no rule of the
current one can fire. The phases, in order: ``context``; one ``mechanism.<id>`` phase per
mechanism, in an order derived from the rules themselves (a mechanism whose effects read
another mechanism's level comes after it), in which the effects on the mechanism fire and
then its level is settled; then ``forms`` (evidence for and against each form),
``verdicts``, ``ranking``, ``outcomes`` (risks and expected effects), ``formalisation``,
``elements`` and ``actions``. :func:`check_phases` proves, when the engine is built, that
every rule reading a conclusion runs in a phase after the one that settles it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from advisor.engine.compat import NOT, Fact, Rule
from advisor.kb.models import Mechanism
from advisor.rules.facts import FACT_PREFIX, Candidate, Context, Formalisation, Level, Phase, Verdict

LAYERS: tuple[str, ...] = (
    "context",
    "mechanisms",
    "levels",
    "forms",
    "risks",
    "formalisation",
    "actions",
)

# Mechanisms in reading order: the order they are presented in, and the tie-break of the
# order in which their phases run (which is otherwise derived from the rules).
MECHANISMS: tuple[str, ...] = Mechanism.__args__  # type: ignore[attr-defined]

BEFORE_MECHANISMS = ("context",)
AFTER_MECHANISMS = ("forms", "verdicts", "ranking", "outcomes", "formalisation", "elements", "actions")
LAYER_PHASE = {
    "context": "context",
    "forms": "forms",
    "risks": "outcomes",
    "formalisation": "formalisation",
    "actions": "actions",
}

# How strongly the report supports a rule (issue 11): it finds it (several sources), suggests it
# ("can", "may", one source, interviewees), hypothesises it; or the rule is our calibration
# (a threshold, weight or heuristic the report does not state); or it rests on policy guidance
# (NHS England, Dalton, the Green Book), which is not evidence.
Strength = Literal["established", "suggested", "hypothesised", "calibration", "guidance"]
STRENGTHS: tuple[str, ...] = Strength.__args__  # type: ignore[attr-defined]
# How the outputs introduce a rule of each strength.
STRENGTH_WORDS = {
    "established": "the report finds",
    "suggested": "the report suggests",
    "hypothesised": "the report hypothesises",
    "calibration": "our calibration",
    "guidance": "NHS guidance, not the report",
}
_LINES = re.compile(r"^\d+(-\d+)?$")

# Within a phase: effects fire before the level they feed, evidence before nothing else,
# the level of a mechanism last.
EFFECT_SALIENCE = 20
LEVEL_SALIENCE = 10
DEFAULT_SALIENCE = 10


def mechanism_phase(mechanism: str) -> str:
    """The phase in which the effects on ``mechanism`` fire and its level is settled."""
    if mechanism not in MECHANISMS:
        raise ValueError(f"unknown mechanism {mechanism!r}")
    return f"mechanism.{mechanism}"


@dataclass(frozen=True)
class RuleSpec:
    """What a rule is, for people: id, layer, statement, evidence, and what it reads."""

    id: str
    layer: str
    phase: str
    statement: str
    encodes: tuple[str, ...]
    lines: tuple[str, ...]
    strength: str | None
    salience: int
    reads: tuple[str, ...]
    needs: tuple[str, ...]
    target: str | None = None
    delta: int | None = None


REGISTRY: dict[str, RuleSpec] = {}
RULE_OBJECTS: dict[str, Rule] = {}
CONDITIONS: dict[str, tuple[Any, ...]] = {}  # each rule's conditions, without its Phase


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


def _check_grounds(rule_id: str, lines: tuple[str, ...], strength: str | None) -> None:
    bad = [line for line in lines if not _LINES.match(line)]
    if bad:
        raise ValueError(f"rule {rule_id}: lines must look like '1071' or '1196-1214', not {bad}")
    if strength is not None and strength not in STRENGTHS:
        raise ValueError(f"rule {rule_id}: strength {strength!r} is not one of {', '.join(STRENGTHS)}")


def _register(spec: RuleSpec, conditions: tuple[Any, ...], rhs: Callable[..., None]) -> Rule:
    if spec.id in REGISTRY:
        raise ValueError(f"duplicate rule id {spec.id}")
    if spec.layer not in LAYERS:
        raise ValueError(f"rule {spec.id}: unknown layer {spec.layer}")
    if not spec.encodes:
        raise ValueError(f"rule {spec.id} cites no source")
    _check_grounds(spec.id, spec.lines, spec.strength)
    rhs.__name__ = spec.id
    rule_object = Rule(Phase(name=spec.phase), *conditions, salience=spec.salience)(rhs)
    REGISTRY[spec.id] = spec
    RULE_OBJECTS[spec.id] = rule_object
    CONDITIONS[spec.id] = conditions
    return rule_object


def rule(
    rule_id: str,
    layer: str,
    *conditions: Any,
    statement: str,
    encodes: list[str] | tuple[str, ...],
    lines: list[str] | tuple[str, ...] = (),
    strength: Strength | None = None,
    phase: str | None = None,
    salience: int = DEFAULT_SALIENCE,
) -> Callable[[Callable[..., None]], Rule]:
    """Declare a rule whose right-hand side is the decorated function.

    ``phase`` defaults to the layer's phase (``context``, ``forms``, ``outcomes`` for risks,
    ``formalisation``, ``actions``); ``salience`` only orders rules within a phase."""

    def decorate(fn: Callable[..., None]) -> Rule:
        reads, needs = describe_conditions(conditions)
        spec = RuleSpec(
            rule_id,
            layer,
            phase or LAYER_PHASE[layer],
            statement,
            tuple(encodes),
            tuple(lines),
            strength,
            salience,
            reads,
            needs,
        )
        return _register(spec, conditions, fn)

    return decorate


def effect(
    rule_id: str,
    target: str,
    delta: int,
    *conditions: Any,
    statement: str,
    encodes: list[str] | tuple[str, ...],
    lines: list[str] | tuple[str, ...] = (),
    strength: Strength | None = None,
) -> Rule:
    """Declare a context-mechanism rule: when ``conditions`` hold, push ``target`` by ``delta``."""
    from advisor.rules.facts import Effect

    def rhs(self: Any) -> None:
        self.declare(Effect(mechanism=target, delta=delta, rule=rule_id))

    reads, needs = describe_conditions(conditions)
    spec = RuleSpec(
        rule_id,
        "mechanisms",
        mechanism_phase(target),
        statement,
        tuple(encodes),
        tuple(lines),
        strength,
        EFFECT_SALIENCE,
        reads,
        needs,
        target,
        delta,
    )
    return _register(spec, conditions, rhs)


def attribute_name(rule_id: str) -> str:
    """The Python attribute name under which a rule sits on the engine class."""
    return "r_" + rule_id.replace(".", "__")


# -- phases ------------------------------------------------------------------------------------


def mechanism_order() -> tuple[str, ...]:
    """The mechanisms in the order their phases run: each after every mechanism whose level
    an effect on it reads (ties in reading order). Raises on a cycle."""
    after: dict[str, set[str]] = {m: set() for m in MECHANISMS}
    for spec in REGISTRY.values():
        if spec.target:
            after[spec.target] |= {n.split(".", 1)[1] for n in spec.needs if n.startswith("mechanism.")}
    order: list[str] = []
    remaining = list(MECHANISMS)
    while remaining:
        ready = next((m for m in remaining if after[m] <= set(order)), None)
        if ready is None:
            raise ValueError(f"the mechanisms {remaining} read one another's levels in a cycle")
        order.append(ready)
        remaining.remove(ready)
    return tuple(order)


def phase_sequence() -> tuple[str, ...]:
    """Every phase, in the order the engine runs them."""
    return (*BEFORE_MECHANISMS, *(mechanism_phase(m) for m in mechanism_order()), *AFTER_MECHANISMS)


def _settled_in(pattern: Any, negated: bool) -> str | None:
    """The phase that settles what a pattern reads (None for case facts and the typology)."""
    if isinstance(pattern, Level):
        mechanism = _literal(pattern.get("mechanism"))
        return mechanism_phase(mechanism) if mechanism else AFTER_MECHANISMS[0]
    if isinstance(pattern, Verdict):
        return "verdicts"
    if isinstance(pattern, Candidate):
        return "ranking"
    if isinstance(pattern, Formalisation):
        return "formalisation"
    if isinstance(pattern, Context) and negated:
        return "context"
    return None


def _patterns_with_negation(element: Any, negated: bool = False) -> Iterator[tuple[Fact, bool]]:
    if isinstance(element, Fact):
        yield element, negated
    elif isinstance(element, tuple):
        for part in element:
            yield from _patterns_with_negation(part, negated or isinstance(element, NOT))


def check_phases() -> list[str]:
    """Every rule that reads a conclusion (a level, a verdict, the ranking, a formalisation, or
    the absence of a context) runs in a phase after the one that settles it."""
    sequence = phase_sequence()
    position = {phase: i for i, phase in enumerate(sequence)}
    problems = []
    for rule_id, spec in REGISTRY.items():
        if spec.phase not in position:
            problems.append(f"rule {rule_id}: unknown phase {spec.phase!r}")
            continue
        for pattern, negated in _patterns_with_negation(CONDITIONS[rule_id]):
            settled = _settled_in(pattern, negated)
            if settled is None:
                continue
            aggregate = isinstance(pattern, Level | Verdict | Candidate)  # settled from all of memory
            late = position[settled] > position[spec.phase]
            if late or (position[settled] == position[spec.phase] and (negated or aggregate)):
                problems.append(
                    f"rule {rule_id} runs in phase {spec.phase} but reads {type(pattern).__name__} "
                    f"settled in phase {settled}"
                )
    return problems
