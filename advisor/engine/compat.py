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
3. Cost: building the Rete network is the expensive step, so callers build one engine per
   process and ``reset()`` it per case (see ``advisor.engine.tracing``). After every change the
   stock matcher asks every rule's conflict-set node for its new activations, allocating
   two sets per node; :class:`LeanReteMatcher` asks only the nodes that have any (about
   a third of the time of a run on our rule base).

Every other module imports experta names from here, never from ``experta`` itself.
"""

from __future__ import annotations

import bisect
import collections
import collections.abc
import logging
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
        KnowledgeEngine,
        L,
        P,
        Rule,
        W,
    )
    from experta.abstract import Strategy  # noqa: E402
    from experta.matchers.rete import ReteMatcher  # noqa: E402
    from experta.matchers.rete.check import FeatureCheck  # noqa: E402
except (ImportError, NameError) as exc:  # pragma: no cover - environment problem
    raise ImportError(
        "experta 1.9.4 could not be imported; install the project with "
        "`pip install .` so its pinned dependencies are present"
    ) from exc
finally:
    for handler in list(_root.handlers):
        if handler not in _handlers_before:  # undo experta's logging.basicConfig()
            _root.removeHandler(handler)

__all__ = [
    "AND",
    "MATCH",
    "NOT",
    "OR",
    "TEST",
    "Fact",
    "KnowledgeEngine",
    "L",
    "LeanReteMatcher",
    "P",
    "Rule",
    "StableStrategy",
    "W",
    "activation_key",
    "pattern_holds",
    "slot_holds",
]


def activation_key(activation: Any) -> tuple:
    """A total, process-independent ordering key for an activation.

    Higher salience first, then the activation matching the most recent facts (depth-first,
    as CLIPS does), then the rule name in alphabetical order, so that ties never depend on
    hashing. (The agenda fires the greatest key first, hence the negated characters.)
    """
    fact_ids = tuple(sorted((f["__factid__"] for f in activation.facts), reverse=True))
    name_order = (*(-ord(c) for c in activation.rule.__name__), 0)
    return (activation.rule.salience, fact_ids, name_order)


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
            keys = [a.key for a in agenda.activations]
            agenda.activations.insert(bisect.bisect_left(keys, act.key), act)


class LeanReteMatcher(ReteMatcher):
    """The Rete matcher, collecting activations only from conflict-set nodes that changed."""

    def changes(self, adding: Any = None, deleting: Any = None) -> tuple[list, list]:
        for fact in deleting or ():
            self.root_node.remove(fact)
        for fact in adding or ():
            self.root_node.add(fact)
        added: list = []
        removed: list = []
        for node in self._get_conflict_set_nodes():
            if node.added or node.removed:
                node_added, node_removed = node.get_activations()
                added.extend(node_added)
                removed.extend(node_removed)
        return added, removed


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
