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
