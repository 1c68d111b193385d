"""experta behaviour kept where the engine takes cheaper paths (advisor.engine.compat)."""

import pytest

from advisor.engine import compat
from advisor.engine.compat import Fact
from advisor.rules.facts import FormEvidence


def experta_fact(cls: type, *args: object, **kwargs: object) -> Fact:
    fact = cls.__new__(cls)
    compat._experta_fact_init(fact, *args, **kwargs)
    return fact


SLOTS = [
    {"form": "merger", "delta": -2, "text": "why", "block": "no", "flag": True, "ratio": 0.5, "none": None},
    {"sectors": ("acute", "community"), "kinds": frozenset({"a"}), "names": ["North", "South"]},
    {"nested": {"a": [1, 2]}, "members": {"x", "y"}, "count": 3},
]


@pytest.mark.parametrize("slots", SLOTS)
def test_a_fact_holds_the_values_and_value_types_experta_would_store(slots):
    fast, reference = FormEvidence(**slots), experta_fact(FormEvidence, **slots)
    assert fast == reference and hash(fast) == hash(reference)
    assert [type(v) for v in fast.values()] == [type(v) for v in reference.values()]
    assert list(fast) == list(reference)
    assert fast._Fact__defaults == {}


def test_a_fact_with_positional_values_is_built_as_experta_builds_it():
    fast, reference = Fact("a", ["b"], x="y"), experta_fact(Fact, "a", ["b"], x="y")
    assert fast == reference and [type(v) for v in fast.values()] == [type(v) for v in reference.values()]
