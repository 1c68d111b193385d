"""Small helpers for writing rule conditions readably."""

from __future__ import annotations

from typing import Any

from advisor.engine.compat import P


def one_of(*values: Any) -> Any:
    """A field constraint: the slot's value is one of ``values``."""
    allowed = frozenset(values)
    return P(lambda v: v in allowed)


def at_least(threshold: int) -> Any:
    """A field constraint: the slot is an int no smaller than ``threshold``."""
    return P(lambda v: isinstance(v, int) and v >= threshold)


def at_most(threshold: int) -> Any:
    """A field constraint: the slot is an int no larger than ``threshold``."""
    return P(lambda v: isinstance(v, int) and v <= threshold)


NOT_HIGH = one_of("low", "medium")


def includes_any(*values: Any) -> Any:
    """A field constraint: the slot (a tuple) holds at least one of ``values``."""
    wanted = frozenset(values)
    return P(lambda v: isinstance(v, tuple) and bool(wanted & set(v)))


LIGHTLY_INTEGRATED = 2
"""The most integrated arrangement counted as light: Table 1 positions 1-2 (informal
partnering, buddying, clinical network, federation, primary care network). Our cut; 3 and
above (joint venture, provider collaborative, service-level chain, ICS, group, management
contract, merger, acquisition) count as integrative."""
