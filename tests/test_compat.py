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


class Lean(compat.LeanEngine):
    pass


class Plain(compat.KnowledgeEngine):
    pass


@pytest.mark.parametrize("engine_class", [Lean, Plain])
def test_the_lean_engine_refuses_what_experta_refuses(engine_class):
    engine = engine_class()
    engine.reset()
    assert engine.declare(FormEvidence(form="merger", delta=1)) is not None
    assert engine.declare(FormEvidence(form="merger", delta=1)) is None  # an equal fact is ignored
    with pytest.raises(TypeError):
        engine.declare(FormEvidence(form=compat.L("merger")))
    with pytest.raises(KeyError):
        engine.declare(FormEvidence(form__id="merger"))


def test_the_lean_engine_keeps_the_same_fact_list_as_experta():
    def facts(engine_class: type) -> list:
        engine = engine_class()
        engine.reset()
        engine.declare(FormEvidence(form="merger", delta=1), FormEvidence(form="group", delta=("a",)))
        engine.retract(engine.facts[1])
        engine.declare(FormEvidence(form="merger", delta=1))
        return [(i, type(f), dict(f)) for i, f in engine.facts.items()]

    assert facts(Lean) == facts(Plain)
