"""A matcher for experta that gives the activations its Rete network gives, at a fraction of
the cost, and builds in milliseconds.

experta asks its matcher, after every change to working memory, which activations appeared
and which disappeared (``changes(adding, deleting)``). :class:`PlanMatcher` answers the same
question without a Rete network:

- Each rule is brought to experta's own normal form (``prepare_rule``: disjunctive normal form,
  an ``InitialFact`` before a leading ``NOT`` or a rule without patterns; rules made of patterns
  and ORs of them are rewritten directly, see :func:`prepared`), and each branch of it becomes
  a *plan*: its conditions in order, each a positive pattern, a ``NOT`` pattern or a ``TEST``,
  read left to right as experta's network reads them.
- Each distinct pattern is compiled once, from the checks experta itself generates
  (``generate_checks``): its fact type, literal and predicate tests and bindings. Patterns are
  indexed by fact type (and, within a type, by the slot most of them test with a literal), and
  each remembers the facts that match it with the bindings they give.
- When facts are added, only the matches that use at least one new fact are computed
  (semi-naive evaluation: for each plan position a new fact can fill, earlier positions take
  old facts only, later ones any), and existing matches that a new fact now blocks through a
  ``NOT`` are withdrawn. When facts are removed, matches using them are withdrawn, and a plan
  whose ``NOT`` pattern lost a fact is matched afresh and compared with what it had.

What counts as a match follows experta's nodes exactly: bindings must agree on the variables
seen so far (``SameContextCheck``), a ``NOT`` and a ``TEST`` see only the bindings of the
conditions before them, a negated binding (``~MATCH.x``) excludes a value bound earlier, two
equal patterns share one capture (so ``Rule(A(), A())`` needs one fact twice, as in experta),
each branch of an ``OR`` gives its own activation, and a plan that experta wires without an
input (a branch that starts with a ``TEST``) never fires. Within one call, an activation that
disappears and reappears is no change, as in experta's conflict-set nodes.

Where experta's own result depends on hashing, and so on the process, this matcher is simply
deterministic: the order in which one call reports activations of the same rule on the same
facts (branches of an OR; the agenda's key ties them), which of two equal but differently typed
values (1 and True) a joined binding keeps, and the order in which a pattern's slot tests run
(which matters only for a predicate that raises).

Left to experta: the agenda, the strategy, facts, declare and retract. ``EXISTS`` and
``FORALL`` are not supported (the rule base does not use them); a rule using them is refused
when the matcher is built.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice, product
from typing import Any

from advisor.engine.compat import (
    AND,
    NOT,
    OR,
    TEST,
    Activation,
    Fact,
    FactCapture,
    FeatureCheck,
    FieldAnd,
    FieldConstraint,
    FieldNot,
    InitialFact,
    L,
    Matcher,
    P,
    Rule,
    W,
    WhereCheck,
    generate_checks,
    prepare_rule,
    with_conditions,
)

_LOOKUP_ERRORS = (IndexError, KeyError, TypeError)  # what experta's FeatureCheck takes for "no such slot"
_POS, _NEG, _TEST = 0, 1, 2

# A fact that matches a pattern, with the bindings it gives and its negated bindings (``~MATCH.x``).
Entry = tuple[Fact, dict[str, Any], dict[tuple, Any] | None]


def _exists(_value: Any) -> bool:
    return True


def _plain_slot(what: Any) -> bool:
    """Whether experta reads this slot as ``fact[what]`` (not a nested or special slot)."""
    return isinstance(what, int) or (isinstance(what, str) and "__" not in what and not what.isnumeric())


def _merge(context: dict, result: Any) -> bool:
    """Add a check's result to a pattern's bindings, as experta's FeatureTesterNode does."""
    if not result:
        return False
    if result is True:
        return True
    for key, value in result.items():
        if isinstance(key, tuple):  # a negated binding: the variable must not have this value
            if key[1] in context and context[key[1]] == value:
                return False
        elif context.get(key, value) != value or ((False, key) in context and context[(False, key)] == value):
            return False
    context.update(result)
    return True


def _agrees(left: dict, bindings: dict, negated: dict | None) -> bool:
    """experta's SameContextCheck: a fact's bindings agree with those of the conditions before it."""
    for key, value in bindings.items():
        if key in left and left[key] != value:
            return False
    if negated:
        for (_, key), value in negated.items():
            if key in left and left[key] == value:
                return False
    return True


class _Pattern:
    """One distinct fact pattern: its compiled tests, the facts matching it, where plans use it."""

    __slots__ = ("type", "literals", "predicates", "bindings", "generic", "capture", "memory", "uses")

    def __init__(self, pattern: Fact) -> None:
        self.type = type(pattern)
        literals, predicates, bindings, generic = [], [], [], []
        self.capture = ""
        for check in dict.fromkeys(generate_checks(pattern)):  # experta's checks, each once
            if isinstance(check, FactCapture):
                self.capture = check.bind
            elif not isinstance(check, FeatureCheck):  # the type check: patterns are indexed by type
                continue
            elif not _plain_slot(check.what) or not isinstance(check.how, L | P | W):
                generic.append(check)
            else:
                how = check.how
                if isinstance(how, L):
                    literals.append((check.what, how.value))
                elif isinstance(how, P):
                    predicates.append((check.what, how.match))
                elif how.__bind__ is None:  # an unbound wildcard: the slot must exist
                    predicates.append((check.what, _exists))
                if how.__bind__ is not None:
                    bindings.append((check.what, how.__bind__))
        self.literals = tuple(literals)
        self.predicates = tuple(predicates)
        self.bindings = tuple(bindings)
        self.generic = tuple(generic)
        self.memory: dict[int, Entry] = {}  # id of a fact in working memory -> its entry
        self.uses: list[tuple[_Plan, int]] = []  # (plan, step) where this pattern stands

    def match(self, fact: Fact) -> Entry | None:
        """The fact with the bindings it gives this pattern, or None if it does not match."""
        for key, value in self.literals:
            try:
                actual = fact[key]
            except _LOOKUP_ERRORS:
                return None
            if not value == actual:
                return None
        for key, test in self.predicates:
            try:
                actual = fact[key]
            except _LOOKUP_ERRORS:
                return None
            if not test(actual):
                return None
        if not self.bindings and not self.generic:  # most patterns: tests only
            return fact, {self.capture: fact}, None
        context: dict[Any, Any] = {}
        for key, var in self.bindings:
            try:
                actual = fact[key]
            except _LOOKUP_ERRORS:
                return None
            if context.get(var, actual) != actual:
                return None
            context[var] = actual
        if not self.generic:
            if context.get(self.capture, fact) != fact:
                return None
            context[self.capture] = fact
            return fact, context, None
        for check in self.generic:
            if not _merge(context, check(fact)):
                return None
        if not _merge(context, {self.capture: fact}):
            return None
        negated = {k: v for k, v in context.items() if isinstance(k, tuple)}
        return fact, {k: v for k, v in context.items() if not isinstance(k, tuple)}, negated or None


class _TypeIndex:
    """The patterns that may match a fact: those of its exact type (experta's TypeCheck), narrowed
    by the slot most of them test against a literal."""

    def __init__(self, patterns: Iterable[_Pattern]) -> None:
        by_type: dict[type, list[_Pattern]] = {}
        for pattern in patterns:
            by_type.setdefault(pattern.type, []).append(pattern)
        self._by_type: dict[type, tuple[Any, dict, tuple[_Pattern, ...], tuple[_Pattern, ...]]] = {}
        for fact_type, group in by_type.items():
            counts: dict[Any, int] = {}
            for pattern in group:
                for key in dict.fromkeys(k for k, _ in pattern.literals):
                    counts[key] = counts.get(key, 0) + 1
            slot = max(counts, key=counts.__getitem__, default=None)
            if slot is None or counts[slot] < 2:
                self._by_type[fact_type] = (None, {}, (), tuple(group))
                continue
            index: dict[Any, list[_Pattern]] = {}
            others = []
            for pattern in group:
                values = [v for k, v in pattern.literals if k == slot]
                if values:
                    index.setdefault(values[0], []).append(pattern)
                else:
                    others.append(pattern)
            frozen = {value: tuple(found) for value, found in index.items()}
            self._by_type[fact_type] = (slot, frozen, tuple(others), tuple(group))

    def candidates(self, fact: Fact) -> tuple[_Pattern, ...]:
        """The patterns worth testing against ``fact`` (each still tests every slot itself)."""
        found = self._by_type.get(type(fact))
        if found is None:
            return ()
        slot, index, others, every = found
        if slot is None:
            return every
        try:
            hits = index.get(fact[slot], ())
        except _LOOKUP_ERRORS:  # no such slot, or an unhashable value: test them all
            return every
        return hits + others if hits else others


class _Plan:
    """One branch of a rule: its conditions in order, and the activations it has now."""

    __slots__ = ("rule", "steps", "single", "places", "guarded", "free", "positives", "activations")

    def __init__(self, rule: Rule, steps: list[tuple[int, Any]]) -> None:
        self.rule = rule
        self.steps = tuple(steps)
        self.single = len(steps) == 1
        places, seen = [], 0  # for each step, how many positive patterns come before it
        for kind, _ in steps:
            places.append(seen)
            seen += kind == _POS
        self.places = tuple(places)
        self.guarded = bool(steps[0][1].generic) and len(steps) > 1  # may meet a negated binding first
        self.free = _free_steps(steps)
        self.positives = tuple(part for kind, part in steps if kind == _POS)
        self.activations: dict[tuple[int, ...], tuple[Activation, tuple[Entry, ...]]] = {}

    def matches(self, new: dict[_Pattern, list[Entry]], at: int | None) -> Iterator[tuple[dict, tuple[Entry, ...]]]:
        """Complete matches: their bindings, and the entries of their positive patterns.

        With ``at`` (a step), the positive pattern there takes only the entries ``new`` in this
        call, those before it only older ones, those after it any: over the positive steps with
        new entries, every match that uses a new fact is found exactly once. Without, all."""
        if not self.guarded and not all(part.memory for part in self.positives):
            return  # a positive pattern no fact matches
        partial: list[tuple[dict, tuple[Entry, ...]]] = [({}, ())]
        for i, (kind, part) in enumerate(self.steps):
            if kind == _TEST:
                partial = [p for p in partial if part(p[0])]
            elif kind == _NEG:
                blockers = part.memory.values()
                if self.guarded and blockers:
                    _refuse_negated_start(partial)
                if self.free[i]:
                    partial = [] if blockers else partial
                else:
                    partial = [p for p in partial if not any(_agrees(p[0], b, n) for _, b, n in blockers)]
            else:
                if at is None or i > at:
                    source: Iterable[Entry] = part.memory.values()
                elif i == at:
                    source = new[part]
                else:
                    source = list(islice(part.memory.values(), len(part.memory) - len(new.get(part, ()))))
                if i and self.guarded and source:
                    _refuse_negated_start(partial)
                free = self.free[i]
                partial = [
                    ({**left, **entry[1]}, (*entries, entry))
                    for left, entries in partial
                    for entry in source
                    if free or _agrees(left, entry[1], entry[2])
                ]
            if not partial:
                return
        yield from partial


def _free_steps(steps: list[tuple[int, Any]]) -> tuple[bool, ...]:
    """For each step, whether every fact matching its pattern agrees with every partial match
    before it: the pattern binds only variables no earlier positive pattern binds (its own
    capture and slot variables; known only for patterns without generic checks) and has no
    negated binding. Such a step joins without checking (``_agrees`` would always hold)."""
    bound: set[Any] | None = set()  # variables the positive patterns so far bind (None: not known)
    free = []
    for kind, part in steps:
        if kind == _TEST:
            free.append(False)
            continue
        names = None if part.generic else {var for _, var in part.bindings} | {part.capture}
        free.append(bound is not None and names is not None and not names & bound)
        if kind == _POS:
            bound = None if bound is None or names is None else bound | names
    return tuple(free)


def _refuse_negated_start(partial: list[tuple[dict, tuple[Entry, ...]]]) -> None:
    """experta raises when it joins after a first pattern with a negated binding; so do we."""
    for _, entries in partial:
        if len(entries) == 1 and entries[0][2]:
            raise RuntimeError(f'Negated value "{next(iter(entries[0][2]))[1]}" present before capture.')


def _normal_value(value: Any) -> bool:
    """A slot constraint that experta's ``dnf`` leaves as it is."""
    if not isinstance(value, FieldConstraint) or isinstance(value, L | P | W):
        return True
    if isinstance(value, FieldNot):
        return isinstance(value[0], L | P | W)
    if isinstance(value, FieldAnd):
        return len(value) > 1 and all(isinstance(v, L | P | W | FieldNot) and _normal_value(v) for v in value)
    return False


def _normal(element: Any) -> bool:
    """A condition that experta's ``dnf`` leaves as it is: a pattern, NOT of a pattern, a TEST."""
    if isinstance(element, NOT):
        return len(element) == 1 and isinstance(element[0], Fact) and _normal(element[0])
    if isinstance(element, Fact):
        return all(_normal_value(v) for v in element.values())
    return isinstance(element, TEST)


def _branches(conditions: tuple[Any, ...]) -> list[tuple[Any, ...]] | None:
    """The branches experta's ``dnf`` makes of conditions that are normal or ORs (of two or
    more) of normal ones: the combinations of one alternative from each OR; None for others."""
    parts = []
    for element in conditions:
        if isinstance(element, OR):
            if len(element) < 2 or not all(_normal(e) for e in element):
                return None
            parts.append(tuple(element))
        elif _normal(element):
            parts.append((element,))
        else:
            return None
    return list(product(*parts))


def _has_pattern(conditions: tuple[Any, ...]) -> bool:
    return any(isinstance(c, Fact | NOT) for c in conditions)


def prepared(rule: Rule) -> Rule:
    """experta's ``prepare_rule(rule)``: the rule in disjunctive normal form, with an InitialFact
    before a leading NOT and in a rule without patterns.

    Rules made of patterns, NOTs, TESTs and ORs of those (all of ours) are rewritten directly,
    as ``dnf`` would; experta's own rewriting of them costs more than the rest of building. The
    tests check that both give equal rules."""
    conditions = tuple(rule)
    branches = _branches(conditions)
    if branches is None or (len(branches) > 1 and not all(_has_pattern(b) for b in branches)):
        conditions = tuple(prepare_rule(Rule(*conditions)))  # on the bare conditions: cheaper, same result
    elif len(branches) > 1:
        alternatives = [(InitialFact(), *b) if isinstance(b[0], NOT) else b for b in branches]
        conditions = (OR(*(AND(*b) if len(b) > 1 else b[0] for b in alternatives)),)
    elif not conditions or isinstance(conditions[0], NOT) or not _has_pattern(conditions):
        conditions = (InitialFact(), *conditions)
    return with_conditions(rule, conditions)


def _pattern_of(element: Any) -> Fact:
    if not isinstance(element, Fact):
        raise TypeError(f"the matcher supports patterns, NOT of a pattern, TEST and OR; not {element!r}")
    return element


class PlanMatcher(Matcher):
    """experta's matcher interface over compiled rule plans (see the module docstring)."""

    def __init__(self, engine: Any) -> None:
        super().__init__(engine)
        self._patterns: dict[Fact, _Pattern] = {}  # equal patterns share one (and one capture), as in experta
        self._plans: list[_Plan] = []
        for rule in dict.fromkeys(prepared(r) for r in engine.get_rules()):  # equal rules once, as experta
            for branch in rule[0] if isinstance(rule[0], OR) else (rule,):
                steps = self._steps(branch)
                if steps:
                    plan = _Plan(rule, steps)
                    self._plans.append(plan)
                    for i, (kind, part) in enumerate(steps):
                        if kind != _TEST:
                            part.uses.append((plan, i))
        self._index = _TypeIndex(self._patterns.values())
        self._matched: dict[int, list[_Pattern]] = {}  # id of a fact -> the patterns it matches
        self._live: dict[_Pattern, None] = {}  # the patterns that have matched since the last reset

    def _pattern(self, fact: Fact) -> _Pattern:
        pattern = self._patterns.get(fact)
        if pattern is None:
            pattern = self._patterns[fact] = _Pattern(fact)
        return pattern

    def _steps(self, branch: Any) -> list[tuple[int, Any]]:
        """A branch's plan, read as experta's ``wire_rule`` wires it; empty if it can never fire."""
        if isinstance(branch, AND | Rule) and len(branch) == 1:
            return self._steps(branch[0])
        elements = list(branch) if isinstance(branch, AND | Rule) else [branch]
        first = elements[0]
        if isinstance(first, TEST):  # experta wires it with no input: it never fires
            return []
        steps = [(_POS, self._pattern(_pattern_of(first[0] if isinstance(first, NOT) else first)))]
        for element in elements[1:]:
            if isinstance(element, TEST):
                steps.append((_TEST, WhereCheck(element[0])))
            elif isinstance(element, NOT):
                steps.append((_NEG, self._pattern(_pattern_of(element[0]))))
            else:
                steps.append((_POS, self._pattern(_pattern_of(element))))
        return steps

    def reset(self) -> None:
        for pattern in self._live:  # only plans with a matched pattern can have activations
            pattern.memory.clear()
            for plan, _ in pattern.uses:
                plan.activations.clear()
        self._live.clear()
        self._matched.clear()

    def changes(self, adding: Iterable[Fact] | None = None, deleting: Iterable[Fact] | None = None) -> tuple:
        """The activations that appear and those that disappear when the facts ``deleting``
        leave working memory and the facts ``adding`` enter it."""
        batch = _Batch()
        if deleting:
            self._retract(deleting, batch)
        if adding:
            self._assert(adding, batch)
        return list(batch.added.values()), list(batch.removed.values())

    def _assert(self, facts: Iterable[Fact], batch: _Batch) -> None:
        new: dict[_Pattern, list[Entry]] = {}
        for fact in facts:
            for pattern in self._index.candidates(fact):
                entry = pattern.match(fact)
                if entry is not None:
                    if not pattern.memory:
                        self._live[pattern] = None
                    pattern.memory[id(fact)] = entry
                    self._matched.setdefault(id(fact), []).append(pattern)
                    new.setdefault(pattern, []).append(entry)
        pending: dict[_Plan, set[int]] = {}  # plans to update, with the steps where new facts stand
        for pattern, entries in new.items():
            for plan, step in pattern.uses:
                if plan.single:
                    for entry in entries:
                        batch.appear(plan, (id(entry[0]),), entry[1], (entry,))
                else:
                    pending.setdefault(plan, set()).add(step)
        for plan, steps in pending.items():
            ordered = sorted(steps)
            for i in ordered:
                if plan.steps[i][0] == _NEG:
                    self._block(plan, i, new[plan.steps[i][1]], batch)
            for i in ordered:
                if plan.steps[i][0] == _POS:
                    for context, entries in plan.matches(new, i):
                        batch.appear(plan, tuple(id(e[0]) for e in entries), context, entries)

    @staticmethod
    def _block(plan: _Plan, step: int, blockers: list[Entry], batch: _Batch) -> None:
        """Withdraw the plan's activations that a new fact matching its NOT pattern blocks."""
        for key, (_, entries) in list(plan.activations.items()):
            left: dict = {}
            for entry in entries[: plan.places[step]]:
                left.update(entry[1])
            if any(_agrees(left, b, n) for _, b, n in blockers):
                batch.vanish(plan, key)

    def _retract(self, facts: Iterable[Fact], batch: _Batch) -> None:
        again: dict[_Plan, None] = {}
        for fact in facts:
            for pattern in self._matched.pop(id(fact), ()):
                del pattern.memory[id(fact)]
                for plan, step in pattern.uses:
                    if plan.steps[step][0] == _NEG:
                        again[plan] = None
                        continue
                    place = plan.places[step]
                    for key, (_, entries) in list(plan.activations.items()):
                        if entries[place][0] is fact:
                            batch.vanish(plan, key)
        for plan in again:  # its NOT pattern lost a fact: matches it blocked may hold again
            found = {tuple(id(e[0]) for e in match[1]): match for match in plan.matches({}, None)}
            for key, (context, entries) in found.items():
                batch.appear(plan, key, context, entries)
            for key in [k for k in plan.activations if k not in found]:
                batch.vanish(plan, key)


class _Batch:
    """The activations that appeared and disappeared in one call to ``changes``; one that does
    both in the same call is no change, as in experta's conflict-set nodes."""

    __slots__ = ("added", "removed")

    def __init__(self) -> None:
        self.added: dict[tuple[_Plan, tuple[int, ...]], Activation] = {}
        self.removed: dict[tuple[_Plan, tuple[int, ...]], Activation] = {}

    def appear(self, plan: _Plan, key: tuple[int, ...], context: dict, entries: tuple[Entry, ...]) -> None:
        """A match of a plan holds (again)."""
        if key in plan.activations:
            return
        activation = self.removed.pop((plan, key), None)
        if activation is None:
            activation = self.added[plan, key] = Activation(plan.rule, [e[0] for e in entries], context)
        plan.activations[key] = (activation, entries)

    def vanish(self, plan: _Plan, key: tuple[int, ...]) -> None:
        """A match of a plan no longer holds."""
        activation = plan.activations.pop(key)[0]
        if self.added.pop((plan, key), None) is None:
            self.removed[plan, key] = activation
