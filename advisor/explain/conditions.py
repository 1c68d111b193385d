"""A rule's conditions judged against the facts of a run, in domain words: which hold, which
do not, and which case facts (as ``--what-if`` names them) decide each.

The conditions are those the rule registry keeps (``CONDITIONS[rule_id]``: the rule's
conditions without its ``Phase`` control fact). Every fact pattern is checked by experta's own
field checks (:func:`advisor.engine.compat.pattern_holds` and ``slot_holds``, the checks the
engine's matching runs); ``NOT``, ``OR`` and ``AND`` combine them. What is not judged here are
the joins: a ``TEST``, or one variable bound in two patterns (the form's scopes against the
case's scope). When each condition of a rule that did not fire holds on its own, what failed is
a join, and :func:`joint_test` names the facts it compares.

Facts are only ever added during a run, and every rule reads only what earlier phases settled
(:func:`advisor.rules.registry.check_phases`), so the facts at the end of a run are the facts
each rule saw.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from advisor.advice.assemble import fact_ref
from advisor.case.edit import LIST_FACTS, fact_choices
from advisor.case.model import Case, Collaboration, Relationship
from advisor.engine.compat import AND, NOT, OR, TEST, Fact, W, pattern_holds, slot_holds
from advisor.engine.dependencies import upstream_reads
from advisor.engine.facts import PARTNER_MIX_SOURCES
from advisor.explain.result import Result
from advisor.explain.trace import constrained_slots, describe_fact, label, show_value
from advisor.rules.facts import FACT_PREFIX, Context, FormFact, Level
from advisor.rules.registry import REGISTRY, walk_patterns

LEVELS = ("low", "medium", "high", "unknown")
PER_PARTNER_UP_TO = 4  # beyond this many partners, a partner fact is named for all partners at once
CHOICES = {"collaboration": fact_choices(Collaboration), "relationship": fact_choices(Relationship)}


class Condition(Result):
    """One condition of a rule, the case's value and what the rule needs (when it can be
    listed). ``set_by`` names the facts (as --what-if takes them) that decide it."""

    description: str
    fact: str | None
    value: str | None
    needs: tuple[str, ...]
    set_by: tuple[str, ...]


class FailedCondition(Result):
    """A rule that kept the form from being recommended: evidence against it that fired (with
    what made it hold), evidence that caps it at conditional (with the condition that would lift
    the cap), or support that did not fire (with the conditions that did not hold)."""

    kind: Literal["evidence_against", "evidence_caps", "support_missing"]
    rule: str
    statement: str
    delta: int
    rules_out: bool
    condition: str
    conditions: tuple[Condition, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Memory:
    """Facts as the rules match them, by kind, and the case they come from (which names the
    editable facts behind them)."""

    case: Case
    facts: Mapping[type, tuple[Fact, ...]]

    @classmethod
    def of(cls, case: Case, facts: Iterable[Fact]) -> Memory:
        by_kind: dict[type, list[Fact]] = {}
        for fact in facts:
            by_kind.setdefault(type(fact), []).append(fact)
        return cls(case, {kind: tuple(found) for kind, found in by_kind.items()})

    def matching(self, pattern: Fact) -> tuple[Fact, ...]:
        """The facts a pattern matches on its own (experta matches a pattern's own type only)."""
        return tuple(fact for fact in self.facts.get(type(pattern), ()) if pattern_holds(pattern, fact))

    def first(self, kind: type) -> Mapping[str, Any]:
        """The first fact of a kind (the case's facts are one of each), or nothing."""
        return next(iter(self.facts.get(kind, ())), {})


def slots(pattern: Fact) -> dict[str, Any]:
    """A pattern's slot constraints (or a fact's slot values)."""
    return {k: v for k, v in pattern.items() if isinstance(k, str) and not k.startswith("__")}


# -- which conditions do not hold --------------------------------------------------------------


def unmet(conditions: tuple[Any, ...], memory: Memory) -> tuple[Condition, ...]:
    """The conditions that do not hold in ``memory``, each judged on its own (joins are not
    judged: see :func:`joined`); empty when every one holds."""
    return tuple(c for element in conditions for c in _unmet(element, memory))


def _unmet(element: Any, memory: Memory) -> list[Condition]:
    if isinstance(element, NOT):
        return [] if _unmet(element[0], memory) else [_negated(element[0])]
    if isinstance(element, AND):
        return [c for part in element for c in _unmet(part, memory)]
    if isinstance(element, OR):
        parts = [_unmet(part, memory) for part in element]
        return [] if any(not part for part in parts) else [_either([c for part in parts for c in part])]
    if isinstance(element, TEST):
        return []
    if isinstance(element, Fact):
        return [] if memory.matching(element) else _describe(element, memory)
    raise TypeError(f"a rule condition of an unexpected kind: {element!r}")


def _describe(pattern: Fact, memory: Memory) -> list[Condition]:
    """Why no fact matches a pattern: the slots whose value the rule does not accept."""
    wanted = slots(pattern)
    prefix = FACT_PREFIX.get(type(pattern))
    if prefix:
        values = memory.first(type(pattern))
        failing = [s for s, c in wanted.items() if s not in values or not slot_holds(c, values[s])]
        return [_case_condition(prefix, s, values.get(s), wanted[s], memory.case) for s in failing]
    if isinstance(pattern, Context):
        name = str(wanted.get("name"))
        ctx = REGISTRY.get(f"ctx.{name}")
        return [
            Condition(
                description=f"context {name.replace('_', ' ')} did not hold"
                + (f" ({ctx.statement.rstrip('.')})" if ctx else ""),
                fact=f"context.{name}",
                value="absent",
                needs=("present",),
                set_by=edit_names(upstream_reads((ctx.id,)) if ctx else (), memory.case),
            )
        ]
    if isinstance(pattern, Level):
        mechanism = str(wanted.get("mechanism"))
        now = next((lv["level"] for lv in memory.facts.get(Level, ()) if lv["mechanism"] == mechanism), "unknown")
        needs = tuple(lv for lv in LEVELS if slot_holds(wanted.get("level", W()), lv))
        producers = tuple(rid for rid, spec in REGISTRY.items() if spec.target == mechanism)
        return [
            Condition(
                description=f"mechanism {label(mechanism)} is {now}; the rule needs {' or '.join(needs)}",
                fact=f"mechanism.{mechanism}",
                value=now,
                needs=needs,
                set_by=edit_names(upstream_reads(producers), memory.case),
            )
        ]
    return [Condition(description=f"no {pattern_words(pattern)}", fact=None, value=None, needs=(), set_by=())]


def _case_condition(prefix: str, slot: str, value: Any, constraint: Any, case: Case) -> Condition:
    if prefix == "partners":
        domain: tuple[str, ...] = ("yes", "no") if slot.startswith("any_") else ()
    elif slot in LIST_FACTS:
        domain = ()
    else:
        domain = tuple(v for v in CHOICES[prefix].get(slot, ()) if v != "unknown")
    needs = tuple(v for v in domain if slot_holds(constraint, v))
    shown = show_value(value)
    wanted = f"; the rule needs {' or '.join(needs)}" if needs else "; the rule's test on it does not pass"
    return Condition(
        description=f"{prefix}: {slot} is {shown}{wanted}",
        fact=f"{prefix}.{slot}",
        value=shown,
        needs=needs,
        set_by=edit_names((f"{prefix}.{slot}",), case),
    )


def _negated(element: Any) -> Condition:
    context = isinstance(element, Context)
    words = pattern_words(element) if isinstance(element, Fact) else "the rule's exception"
    return Condition(
        description=f"{words} holds, and the rule needs it not to",
        fact=f"context.{slots(element).get('name')}" if context else None,
        value="present",
        needs=("absent",),
        set_by=(),
    )


def _either(conditions: list[Condition]) -> Condition:
    return Condition(
        description="none of these held: " + "; ".join(c.description for c in conditions),
        fact=None,
        value=None,
        needs=(),
        set_by=tuple(dict.fromkeys(n for c in conditions for n in c.set_by)),
    )


def pattern_words(pattern: Fact) -> str:
    """A pattern in words, with its literal slots, e.g. ``candidate form: top = yes``."""
    literal = {k: v for k, v in slots(pattern).items() if isinstance(v, str | int)}
    if isinstance(pattern, Context):
        return f"context {str(literal.get('name', 'of any kind')).replace('_', ' ')}"
    if isinstance(pattern, Level):
        return f"mechanism {label(str(literal.get('mechanism', 'any')))} at level {literal.get('level', 'any')}"
    kind = FACT_PREFIX.get(type(pattern)) or (
        "form (Table 2)" if isinstance(pattern, FormFact) else type(pattern).__name__
    )
    shown = ", ".join(f"{k} = {show_value(v)}" for k, v in sorted(literal.items()))
    return f"{kind}: {shown}" if shown else f"{kind} as the rule needs"


# -- joins ---------------------------------------------------------------------------------


def _elements(element: Any) -> Iterator[Any]:
    yield element
    if isinstance(element, tuple) and not isinstance(element, TEST):  # NOT / OR / AND hold their parts
        for part in element:
            yield from _elements(part)


def _bound(constraint: Any) -> set[str]:
    """The variables a field constraint binds (``MATCH.form``, also inside ``&`` / ``|`` / ``~``)."""
    own = getattr(constraint, "__bind__", None)
    names = {own} if isinstance(own, str) else set()
    if isinstance(constraint, tuple):
        for part in constraint:
            names |= _bound(part)
    return names


def joined(conditions: tuple[Any, ...]) -> tuple[tuple[Fact, str], ...]:
    """The pattern slots a rule joins on: bound to a variable that a ``TEST`` reads or that
    two patterns share (none for a rule whose conditions each stand alone)."""
    patterns = list(walk_patterns(conditions))
    tests = [e for e in _elements(conditions) if isinstance(e, TEST)]
    names = {name for test in tests for name in inspect.signature(test[0]).parameters}
    uses = [name for p in patterns for c in slots(p).values() for name in _bound(c)]
    names |= {name for name in uses if uses.count(name) > 1}
    return tuple((p, slot) for p in patterns for slot, c in slots(p).items() if _bound(c) & names)


def joint_test(conditions: tuple[Any, ...], memory: Memory) -> Condition:
    """The join that failed when each condition holds on its own: the rule's test across the
    facts it matches (a ``TEST``, or one value bound in two facts, e.g. the form's scopes and
    the case's scope)."""
    words, reads = [], []
    for pattern, slot in joined(conditions):
        value = show_value(memory.first(type(pattern)).get(slot))
        prefix = FACT_PREFIX.get(type(pattern))
        if isinstance(pattern, FormFact):
            words.append(f"the form's {slot} ({value})")
        elif prefix:
            words.append(f"{prefix}: {slot} = {value}")
            reads.append(f"{prefix}.{slot}")
    return Condition(
        description="the rule's test on " + (" against ".join(words) or "its matched facts") + " did not pass",
        fact=None,
        value=None,
        needs=(),
        set_by=edit_names(tuple(reads), memory.case),
    )


# -- conditions that held ---------------------------------------------------------------------


def held(rule_id: str, matched: Iterable[Fact], case: Case) -> tuple[Condition, ...]:
    """The facts that made a rule fire: one condition per case-fact slot its patterns
    constrain, and each context or mechanism level it matched."""
    constrained = constrained_slots(rule_id)
    out = []
    for fact in matched:
        prefix = FACT_PREFIX.get(type(fact))
        if prefix:
            for slot in constrained.get(type(fact).__name__, ()):
                value = show_value(fact.get(slot))
                out.append(
                    Condition(
                        description=f"{prefix}: {slot} = {value} (holds)",
                        fact=f"{prefix}.{slot}",
                        value=value,
                        needs=(),
                        set_by=edit_names((f"{prefix}.{slot}",), case),
                    )
                )
        elif isinstance(fact, Context | Level):
            value = fact["level"] if isinstance(fact, Level) else "present"
            name = fact["mechanism"] if isinstance(fact, Level) else fact["name"]
            out.append(
                Condition(
                    description=f"{describe_fact(fact_ref(fact))} (holds)",
                    fact=f"{'mechanism' if isinstance(fact, Level) else 'context'}.{name}",
                    value=value,
                    needs=(),
                    set_by=(),
                )
            )
    return tuple(out)


# -- the facts a board or trainer can edit --------------------------------------------------


def edit_names(reads: Iterable[str], case: Case) -> tuple[str, ...]:
    """The editable facts (``--what-if`` names) behind case facts the rules read: a partner
    summary (``partners.any_struggling``) is set by the partners' own facts, one by one when
    there are a few partners."""
    names: dict[str, None] = {}
    for read in reads:
        section, _, slot = read.partition(".")
        if section != "partners":
            if slot in CHOICES.get(section, {}):
                names[read] = None
            continue
        for field in PARTNER_MIX_SOURCES.get(slot, ()):
            names[f"partners.{field}"] = None
            if len(case.partners) <= PER_PARTNER_UP_TO:
                names.update((f"partners[{i}].{field}", None) for i in range(len(case.partners)))
    return tuple(names)
