"""The one place where experta 1.9.4 is imported and its known problems are dealt with.

experta is unmaintained since 2019 (see ../shared/experta-notes.md). Three problems matter:

1. Import failure on Python 3.10+: its pinned frozendict 1.2 subclasses
   ``collections.Mapping``, which no longer exists. We alias it to
   ``collections.abc.Mapping`` before the first import, and re-raise a clear error if the
   import still fails (experta's ``__init__`` swallows ImportError).
   Importing experta also calls ``logging.basicConfig()``; we undo that side effect.
2. The default agenda (``DepthStrategy``) removes activations by bisecting on a key that
   is not unique, so a stale activation can survive and fire after its condition stopped
   holding, and ties fire in an order that differs between processes.
   :class:`StableStrategy` removes by identity of (rule, facts, bindings) and orders by a
   total, process-independent key (salience, fact ids, rule name).
3. Cost: building the Rete network takes a large part of a command's start-up, and
   propagating tokens through it most of a run. The engine uses
   :class:`advisor.engine.matcher.PlanMatcher` instead, which gives the same activations;
   experta's ``ReteMatcher`` stays exported as the reference the tests compare it with.
   Building a fact stores each value through ``__setitem__`` and a ``singledispatch``
   ``freeze``, about a quarter of a run; :func:`_fact_init` stores plain values directly
   (freezing them would return them unchanged) and leaves every other value to ``freeze``.
   Declaring a fact checks every slot name and value with generic code and keys it by a set
   built slot by slot; :class:`LeanEngine` and :class:`LeanFactList` do the same for plain
   facts (plain values, ordinary slot names) with the checks of their slot names kept once.

Every other module imports experta names from here, never from ``experta`` itself.
"""

from __future__ import annotations

import bisect
import collections
import collections.abc
import inspect
import logging
from functools import cache, update_wrapper
from itertools import chain
from operator import attrgetter
from typing import Any

if not hasattr(collections, "Mapping"):  # frozendict 1.2 needs it (removed in Python 3.10)
    collections.Mapping = collections.abc.Mapping  # type: ignore[attr-defined]

_root = logging.getLogger()
_handlers_before = list(_root.handlers)
try:
    from experta import (  # noqa: E402
        AND,
        MATCH,
        NOT,
        OR,
        TEST,
        Fact,
        InitialFact,
        KnowledgeEngine,
        L,
        P,
        Rule,
        W,
    )
    from experta.abstract import Matcher, Strategy  # noqa: E402
    from experta.activation import Activation  # noqa: E402
    from experta.agenda import Agenda  # noqa: E402
    from experta.factlist import FactList  # noqa: E402
    from experta.fieldconstraint import FieldConstraint  # noqa: E402
    from experta.matchers.rete import ReteMatcher  # noqa: E402
    from experta.matchers.rete.check import FactCapture, FeatureCheck, WhereCheck  # noqa: E402
    from experta.matchers.rete.utils import generate_checks, prepare_rule  # noqa: E402
    from experta.utils import freeze  # noqa: E402
except (ImportError, NameError) as exc:  # pragma: no cover - environment problem
    raise ImportError(
        "experta 1.9.4 could not be imported; install the project with "
        "`pip install .` so its pinned dependencies are present"
    ) from exc
finally:
    for handler in list(_root.handlers):
        if handler not in _handlers_before:  # undo experta's logging.basicConfig()
            _root.removeHandler(handler)

# The classes experta builds for a conjunction and a negation of field constraints (``L(a) & P(f)``,
# ``~L(a)``), taken from what it builds rather than by name.
FieldAnd = type(L(0) & L(1))
FieldNot = type(~L(0))

__all__ = [
    "AND",
    "FieldAnd",
    "MATCH",
    "NOT",
    "FieldNot",
    "OR",
    "TEST",
    "Activation",
    "FactCapture",
    "Fact",
    "FeatureCheck",
    "FieldConstraint",
    "InitialFact",
    "KnowledgeEngine",
    "L",
    "LeanEngine",
    "LeanFactList",
    "Matcher",
    "P",
    "ReteMatcher",
    "Rule",
    "StableStrategy",
    "W",
    "WhereCheck",
    "activation_key",
    "generate_checks",
    "prepare_rule",
    "pattern_holds",
    "slot_holds",
    "with_conditions",
]


_PLAIN = frozenset({str, int, bool, float, tuple, frozenset, type(None)})  # values ``freeze`` returns as they are
_experta_fact_init = Fact.__init__


def _fact_init(self: Fact, *args: Any, **kwargs: Any) -> None:
    """experta's ``Fact.__init__`` without a method call and a dispatch per plain value: each
    value is stored as ``freeze`` would store it. Positional values, a ``__factid__`` given
    and classes that change how values are stored take experta's own path."""
    cls = type(self)
    if args or "__factid__" in kwargs or cls.__setitem__ is not _fact_setitem or cls.update is not _fact_update:
        _experta_fact_init(self, *args, **kwargs)
        return
    store = dict.__setitem__
    for key, value in kwargs.items():
        store(self, key, value if type(value) in _PLAIN else freeze(value))
    self._Fact__defaults = {}


_fact_setitem, _fact_update = Fact.__setitem__, Fact.update
Fact.__init__ = _fact_init


_ORDINARY_KEYS: dict[tuple, bool] = {}  # slot names of declared facts (a few dozen sets, from the code)


def _plain(fact: Fact) -> bool:
    """Whether experta would store and declare this fact as it is: every value plain (so no
    field constraint), no special (``__x__``) and no nested (``a__b``) slot name."""
    if not _PLAIN.issuperset(map(type, fact.values())):
        return False
    keys = tuple(fact)
    ordinary = _ORDINARY_KEYS.get(keys)
    if ordinary is None:
        ordinary = _ORDINARY_KEYS[keys] = not any(Fact.is_special(k) or "__" in str(k).strip("_") for k in keys)
    return ordinary


class LeanFactList(FactList):
    """experta's fact list; a plain fact's identity (for refusing duplicates) is built in one go."""

    @staticmethod
    def _get_fact_id(fact: Fact) -> frozenset:
        if _plain(fact):
            return frozenset((fact.__class__, *fact.items()))
        return FactList._get_fact_id(fact)


class LeanEngine(KnowledgeEngine):
    """experta's engine with a :class:`LeanFactList`, declaring plain facts without experta's
    checks of every slot (they cannot fail on a plain fact); other facts take experta's path."""

    def reset(self, **kwargs: Any) -> None:
        """experta's ``reset``, with a :class:`LeanFactList`."""
        self.agenda = Agenda()
        self.facts = LeanFactList()
        self.matcher.reset()
        deffacts = []
        for deffact in self.get_deffacts():
            parameters = inspect.signature(deffact).parameters.values()
            if any(p.kind == inspect.Parameter.VAR_KEYWORD for p in parameters):
                deffacts.append(deffact(**kwargs))
            else:
                names = {p.name for p in parameters}
                deffacts.append(deffact(**{k: v for k, v in kwargs.items() if k in names}))
        self._KnowledgeEngine__declare(*chain.from_iterable(deffacts))
        self.running = False

    def declare(self, *facts: Fact) -> Any:
        if not self.facts or not all(map(_plain, facts)):
            return super().declare(*facts)
        last = None
        for fact in facts:
            last = self.facts.declare(fact)
        if not self.running:
            added, removed = self.get_activations()
            self.strategy.update_agenda(self.agenda, added, removed)
        return last


def activation_key(activation: Any) -> tuple:
    """A total, process-independent ordering key for an activation.

    Higher salience first, then the activation matching the most recent facts (depth-first,
    as CLIPS does), then the rule name in alphabetical order, so that ties never depend on
    hashing. (The agenda fires the greatest key first, hence the negated characters.)
    """
    fact_ids = tuple(sorted((f["__factid__"] for f in activation.facts), reverse=True))
    return (activation.rule.salience, fact_ids, _name_order(activation.rule.__name__))


@cache
def _name_order(name: str) -> tuple[int, ...]:
    """A rule name's part of the key: its characters negated, so that the alphabetically first
    name has the greatest key."""
    return (*(-ord(c) for c in name), 0)


def with_conditions(rule: Rule, conditions: tuple[Any, ...]) -> Rule:
    """``rule.new_conditions(*conditions)`` without inspecting the right-hand side's signature
    again (experta does that for every new rule; it is most of the cost of preparing rules)."""
    new = Rule(*conditions, salience=rule.salience)
    new._wrapped = rule._wrapped
    new._wrapped_args = rule._wrapped_args
    return update_wrapper(new, rule._wrapped)


_key = attrgetter("key")


def _same(a: Any, b: Any) -> bool:
    return a.rule is b.rule and a.facts == b.facts and a.context == b.context


class StableStrategy(Strategy):
    """Agenda strategy that removes activations exactly and orders them deterministically.

    The agenda list is kept sorted ascending by :func:`activation_key`; experta pops the last
    element, so the activation with the greatest key fires next.
    """

    def _update_agenda(self, agenda: Any, added: Any, removed: Any) -> None:
        if removed:
            agenda.activations = [act for act in agenda.activations if not any(_same(act, r) for r in removed)]
        for act in added:
            act.key = activation_key(act)
            agenda.activations.insert(bisect.bisect_left(agenda.activations, act.key, key=_key), act)


def pattern_holds(pattern: Any, values: Any) -> bool:
    """Whether a fact with these slot ``values`` matches ``pattern`` on its own, checked by
    experta's own field checks (the evaluator the engine's matching uses). Bindings that join
    a pattern to another are not checked here: a ``MATCH`` slot accepts any value."""
    return all(
        FeatureCheck(slot, constraint)(values) is not False
        for slot, constraint in pattern.items()
        if isinstance(slot, str) and not slot.startswith("__")
    )


def slot_holds(constraint: Any, value: Any) -> bool:
    """Whether one slot ``value`` satisfies a pattern's field ``constraint`` (a literal, ``P``,
    ``W``, ``MATCH`` or their ``&`` / ``|`` / ``~`` combinations), by experta's own field check."""
    return FeatureCheck("slot", constraint)({"slot": value}) is not False
