"""The engine's matcher gives exactly the activations of experta's own Rete matcher: the same
firings in the same order and the same advice on every example and on generated cases, and the
same activations appearing and disappearing, change by change, for rules using every kind of
condition experta offers (OR, NOT, TEST, bindings, predicates, literals, & | ~ on slots)."""

from collections import Counter
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor import load_case
from advisor.advice.assemble import assemble_parts
from advisor.engine.compat import (
    MATCH,
    NOT,
    OR,
    TEST,
    Fact,
    KnowledgeEngine,
    L,
    P,
    ReteMatcher,
    Rule,
    StableStrategy,
    W,
    prepare_rule,
)
from advisor.engine.facts import case_facts
from advisor.engine.matcher import PlanMatcher, prepared
from advisor.engine.tracing import build_engine_class, get_engine
from advisor.kb.load import load_knowledge
from advisor.rules.registry import RULE_OBJECTS

from conftest import EXAMPLES
from strategies import cases

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@cache
def reference_engine():
    """The advisor's rules on experta's stock Rete matcher."""
    return build_engine_class(ReteMatcher)()


def run(engine, case):
    """Firings (rule, ids of the matched facts, facts asserted) and the advice JSON."""
    facts, values = case_facts(case, load_knowledge())
    engine.start(facts, values)
    engine.run_traced()
    firings = [(f.rule, tuple(m["__factid__"] for m in f.matched), f.asserted) for f in engine.firings]
    parts = assemble_parts(case, engine.conclusions(), load_knowledge())
    return firings, repr(parts)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_fires_the_same_rules_on_the_same_facts_as_with_experta_rete(path):
    case = load_case(path)
    assert run(get_engine(), case) == run(reference_engine(), case)


@SETTINGS
@given(cases)
def test_any_case_fires_the_same_rules_on_the_same_facts_as_with_experta_rete(case):
    assert run(get_engine(), case) == run(reference_engine(), case)


def test_the_normal_form_shortcut_agrees_with_experta_for_every_rule():
    for rule in [*RULE_OBJECTS.values(), *(getattr(Probe, name) for name in PROBE_RULES)]:
        assert prepared(rule) == prepare_rule(rule), rule.__name__


# -- rules with every kind of condition, on small facts --------------------------------------


class A(Fact):
    pass


class B(Fact):
    pass


class C(Fact):
    pass


def _record(name):
    def rhs(self):
        self.fired.append(name)

    rhs.__name__ = name
    return rhs


CONDITIONS = {
    "single": (A(x=1),),
    "join": (A(x=MATCH.v), B(y=MATCH.v)),
    "join_three": (A(x=MATCH.v), B(y=MATCH.v, z=MATCH.w), C(z=MATCH.w)),
    "not_after": (A(x=MATCH.v), NOT(B(y=MATCH.v))),
    "not_unbound": (NOT(B(y=MATCH.v)), A(x=MATCH.v)),
    "not_first": (NOT(C(z=2)),),
    "not_middle": (A(x=MATCH.v), NOT(C(z=MATCH.v)), B(y=MATCH.v)),
    "nothing": (),
    "or_same_fact": (OR(A(x=1), A(y=1)),),
    "or_joined": (A(x=MATCH.v), OR(B(y=MATCH.v), C(z=MATCH.v))),
    "or_with_not": (OR(NOT(B(y=0)), C(z=0)),),
    "test": (A(x=MATCH.a), B(y=MATCH.b), TEST(lambda a, b: a < b)),
    "test_only": (TEST(lambda: True),),
    "test_first": (OR(TEST(lambda v: True), A(z=0)),),
    "predicate": (A(x=P(lambda v: v > 0)),),
    "literal_or": (A(x=L(0) | L(2), y=L(1) | L(2)),),
    "literal_not": (A(x=~L(1)), B(y=~L(1) & ~L(2))),
    "bound_and": (A(x=P(lambda v: v > 0) & MATCH.v), B(y=MATCH.v)),
    "bound_not": (A(x=MATCH.v), B(y=~MATCH.v)),
    "same_var_twice": (A(x=MATCH.v, y=MATCH.v),),
    "captured": ("f" << A(x=MATCH.v), B(y=MATCH.v)),
    "equal_patterns": (A(x=0), A(x=0)),
    "two_of_a_kind": (A(x=MATCH.p), A(x=MATCH.q), TEST(lambda p, q: p != q)),
    "wildcard": (C(w=W()),),
    "not_of_or": (A(x=MATCH.v), NOT(OR(B(y=MATCH.v), C(z=MATCH.v)))),
}
PROBE_RULES = tuple(f"r_{name}" for name in CONDITIONS)


class Probe(KnowledgeEngine):
    """Rules covering the conditions experta offers; each records its firing."""

    __strategy__ = StableStrategy


for _name, _conditions in CONDITIONS.items():
    setattr(Probe, f"r_{_name}", Rule(*_conditions, salience=len(_name))(_record(_name)))


def _activation(act):
    context = frozenset((k, v) for k, v in act.context.items() if not k.startswith("__pattern_"))
    return act.rule.__name__, frozenset(f["__factid__"] for f in act.facts), context


class Recorder:
    """Keeps every change the matcher reports, as multisets of activations."""

    def changes(self, adding=None, deleting=None):
        added, removed = super().changes(adding, deleting)
        self.engine.log.append((Counter(map(_activation, added)), Counter(map(_activation, removed))))
        return added, removed


def probe(matcher):
    engine = type("Probe", (Probe,), {"__matcher__": type("Recording", (Recorder, matcher), {})})()
    engine.log, engine.fired = [], []
    engine.reset()
    return engine


VALUES = st.integers(min_value=0, max_value=2)
FACTS = st.one_of(
    st.builds(lambda x, y: ("A", {"x": x, "y": y}), VALUES, VALUES),
    st.builds(lambda y, z: ("B", {"y": y, "z": z}), VALUES, VALUES),
    st.builds(lambda z: ("C", {"z": z}), VALUES),
    st.builds(lambda w: ("C", {"z": 9, "w": w}), VALUES),
)
# Each change: facts to declare, and positions (modulo the facts present) of facts to retract.
CHANGES = st.lists(st.tuples(st.lists(FACTS, max_size=4), st.lists(st.integers(0, 50), max_size=2)), max_size=8)


def apply(engine, changes):
    kinds = {"A": A, "B": B, "C": C}
    for adding, deleting in changes:
        present = list(engine.facts.values())[1:]  # not the InitialFact
        for fact in dict.fromkeys(present[p % len(present)]["__factid__"] for p in deleting if present):
            engine.facts.retract(fact)
        for kind, values in adding:
            engine.facts.declare(kinds[kind](**values))
        added, removed = engine.get_activations()
        engine.strategy.update_agenda(engine.agenda, added, removed)
    engine.run()


@settings(max_examples=300, deadline=None)
@given(CHANGES)
def test_every_change_gives_the_activations_experta_rete_gives(changes):
    ours, reference = probe(PlanMatcher), probe(ReteMatcher)
    apply(ours, changes)
    apply(reference, changes)
    assert ours.log == reference.log
    assert ours.fired == reference.fired


def test_a_negated_binding_in_the_first_pattern_fails_as_in_experta():
    class Bad(KnowledgeEngine):
        @Rule(A(x=~MATCH.v), B(y=MATCH.v))
        def bad(self):
            pass

    for matcher in (PlanMatcher, ReteMatcher):
        engine = type("Bad", (Bad,), {"__matcher__": matcher})()
        engine.reset()
        engine.declare(A(x=1))
        with pytest.raises(RuntimeError, match="Negated value"):
            engine.declare(B(y=2))
