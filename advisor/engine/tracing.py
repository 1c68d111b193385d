"""The inference engine: the rule families assembled on a tracing experta engine.

One engine is built per process and reset for each case. Every firing is recorded, in order,
with the facts it matched and the facts it asserted; that record is the advice's ``trace``.
:func:`run_case` keeps the conclusions of recent runs, so a re-run on the same initial facts
(a what-if variant seen before) costs a dictionary look-up.
"""

from __future__ import annotations

from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from types import MappingProxyType
from typing import Any

from advisor.case.model import FORM_IDS, Case
from advisor.engine.compat import Fact, KnowledgeEngine, StableStrategy
from advisor.engine.facts import case_facts
from advisor.engine.matcher import PlanMatcher
from advisor.kb.load import load_knowledge
from advisor.rules import FAMILIES
from advisor.rules.facts import (
    ActionFact,
    Effect,
    ExpectedEffect,
    FormalElement,
    FormEvidence,
    FormFact,
    Level,
    Measured,
    Risk,
    TopForm,
    Verdict,
)
from advisor.rules.levels import level_for
from advisor.rules.registry import REGISTRY, RULE_OBJECTS, attribute_name

MAX_FIRINGS = 200_000
RECOMMEND_AT = 4
CONDITIONAL_AT = 1
RUNS_KEPT = 128  # conclusions kept by run_case (about 250 kB each)
_fact_id = itemgetter("__factid__")  # a declared fact's id


@dataclass(frozen=True)
class FiringRecord:
    """One firing as the engine saw it: the rule, the facts it matched, the facts it asserted
    and the earlier steps (1-based) whose conclusions it used."""

    rule: str
    matched: tuple[Fact, ...]
    asserted: tuple[Fact, ...]
    built_on: tuple[int, ...]


class _FactsByType(dict):
    """Facts by their class; a class with no facts gives ()."""

    def __missing__(self, key: type) -> tuple[Fact, ...]:
        return ()


@dataclass(frozen=True)
class Conclusions:
    """What the rules concluded on one case: the facts by class, every firing in order, the
    value of every case fact by its dotted name, and the form put first on request (if any).

    Read only: the same conclusions are handed to every run on the same initial facts."""

    by_type: Mapping[type, tuple[Fact, ...]]
    firings: tuple[FiringRecord, ...]
    case_values: Mapping[str, Any]
    chosen_form: str


class EngineRunaway(RuntimeError):
    """The engine fired more rules than any case can need: a rule loop."""


class TracingEngine(KnowledgeEngine):
    """An experta engine with a stable agenda that records every firing."""

    __strategy__ = StableStrategy

    def __init__(self) -> None:
        self._deffacts: list[Any] | None = None
        super().__init__()
        self.current_rule = ""
        self.firings: list[FiringRecord] = []
        self._asserted: list[Fact] | None = None
        self._producer: dict[int, int] = {}  # fact id -> the step that asserted it
        self._used: set[int] = set()  # steps whose conclusions the current firing read
        self.by_type: dict[type, list[Fact]] = defaultdict(list)
        self.case_values: dict[str, Any] = {}
        self.chosen_form = ""

    def get_deffacts(self) -> list[Any]:
        """experta's deffacts of this engine (looked up once, not on every reset)."""
        if self._deffacts is None:
            self._deffacts = super().get_deffacts()
        return self._deffacts

    def start(self, facts: list[Fact], case_values: dict[str, Any], chosen_form: str = "") -> None:
        """Reset working memory and declare a case's initial facts.

        ``chosen_form``: put this form in the top place whatever its score, to see the risks,
        formalisation and actions the rules give if it were chosen (for option appraisal)."""
        self.reset()
        self.chosen_form = chosen_form
        self.firings = []
        self._producer = {}
        self.by_type = defaultdict(list)
        self.case_values = case_values
        super().declare(*facts)  # together: the matcher takes them in one change
        for fact in facts:
            if fact.__factid__ is not None:  # not refused as equal to one declared before
                self.by_type[type(fact)].append(fact)

    def declare(self, *facts: Fact) -> Any:
        result = None
        for fact in facts:
            result = super().declare(fact)
            if result is not None:
                self.by_type[type(result)].append(result)
                if self._asserted is not None:
                    self._asserted.append(result)
                    self._producer[result["__factid__"]] = len(self.firings) + 1
        return result

    def run_traced(self) -> None:
        """Fire rules until the agenda is empty, recording each firing."""
        self.running = True
        try:
            while self.running:
                added, removed = self.get_activations()
                if added or removed:
                    self.strategy.update_agenda(self.agenda, added, removed)
                activation = self.agenda.get_next()
                if activation is None:
                    break
                if len(self.firings) >= MAX_FIRINGS:
                    raise EngineRunaway(f"more than {MAX_FIRINGS} rule firings")
                self.current_rule = activation.rule.__name__
                matched = tuple(sorted(activation.facts, key=_fact_id))
                self._asserted = []
                self._used = set()
                activation.rule(self, **{k: v for k, v in activation.context.items() if not k.startswith("__")})
                self._uses(matched)
                self.firings.append(
                    FiringRecord(self.current_rule, matched, tuple(self._asserted), tuple(sorted(self._used)))
                )
                self._asserted = None
        finally:
            self.running = False

    def conclusions(self) -> Conclusions:
        """What the last run concluded, detached from the engine (which the next run resets)."""
        by_type = _FactsByType((cls, tuple(facts)) for cls, facts in self.by_type.items())
        return Conclusions(
            MappingProxyType(by_type),
            tuple(self.firings),
            MappingProxyType(dict(self.case_values)),
            self.chosen_form,
        )

    def _uses(self, facts: Iterable[Fact]) -> None:
        """Note that the current firing used these facts (for each firing's ``built_on``)."""
        producer = self._producer
        self._used.update(producer[i] for i in map(_fact_id, facts) if i in producer)

    # -- helpers the rules' right-hand sides call -------------------------------------------

    def form_evidence(self, form: str, delta: int, text: str, *, block: bool = False, condition: str = "") -> None:
        """Record a reason for or against a form (and any condition it sets)."""
        self.declare(
            FormEvidence(
                form=form,
                delta=delta,
                text=text,
                rule=self.current_rule,
                block="yes" if block else "no",
                condition=condition,
            )
        )

    def flag(self, risk: str, severity: str, text: str) -> None:
        """Raise a risk flag."""
        self.declare(Risk(id=risk, severity=severity, text=text, rule=self.current_rule))

    def element(self, text: str) -> None:
        """Add an element to the recommended agreement."""
        self.declare(FormalElement(text=text, rule=self.current_rule))

    def recommend(self, action: str) -> None:
        """Recommend an action statement of Table 10."""
        self.declare(ActionFact(id=action, rule=self.current_rule))

    def expect(self, category: str, effect: str = "benefit") -> None:
        """Expect the performance mechanisms of a Table 9 category (benefits or unintended)."""
        for item in load_knowledge().kind("performance_mechanisms"):
            if item.get("category") == category and item.get("effect") == effect:
                self.declare(ExpectedEffect(id=item.id, effect=effect, rule=self.current_rule))

    def settle_level(self, mechanism: str) -> None:
        """Sum the effects on a mechanism and declare its level."""
        effects = [e for e in self.by_type[Effect] if e["mechanism"] == mechanism]
        self._uses(effects)
        score = sum(e["delta"] for e in effects)
        if effects:
            level = level_for(score)
        else:
            level = "unknown" if self._inputs_unknown(mechanism) else "medium"
        self.declare(
            Level(
                mechanism=mechanism,
                level=level,
                score=score,
                because=tuple(e["rule"] for e in effects),
            )
        )

    def _inputs_unknown(self, mechanism: str) -> bool:
        levels = {f["mechanism"]: f["level"] for f in self.by_type[Level]}
        for spec in REGISTRY.values():
            if spec.target != mechanism:
                continue
            if any(self.case_values.get(r) == "unknown" for r in spec.reads):
                return True
            if any(levels.get(n.split(".", 1)[1]) == "unknown" for n in spec.needs if n.startswith("mechanism.")):
                return True
            for need in spec.needs:
                if need.startswith("context."):
                    ctx_rule = REGISTRY.get("ctx." + need.split(".", 1)[1])
                    if ctx_rule and any(self.case_values.get(r) == "unknown" for r in ctx_rule.reads):
                        return True
        return False

    def settle_verdict(self, form: str) -> None:
        """Sum the evidence for a form and declare its verdict."""
        evidence = [e for e in self.by_type[FormEvidence] if e["form"] == form]
        self._uses(evidence)
        score = sum(e["delta"] for e in evidence)
        if any(e["block"] == "yes" for e in evidence) or score < CONDITIONAL_AT:
            verdict = "not_advised"
        elif score >= RECOMMEND_AT:
            verdict = "recommended"
        else:
            verdict = "conditional"
        self.declare(Verdict(form=form, verdict=verdict, score=score))

    def rank_forms(self) -> None:
        """Declare the best form that is not ruled out, if any (or the form the caller chose)."""
        forms = {f["id"]: f for f in self.by_type[FormFact]}
        ranked = sorted(self.by_type[Verdict], key=lambda v: (-v["score"], forms[v["form"]]["order"]))
        if self.chosen_form:
            best = next(v for v in ranked if v["form"] == self.chosen_form)
        else:
            best = next((v for v in ranked if v["verdict"] != "not_advised"), None)
        if best is not None:
            self._uses([best])  # the chosen form rests on its verdict; the others were only compared
            form = forms[best["form"]]
            self.declare(
                TopForm(
                    form=form["id"],
                    integration=form["integration"],
                    mandation=form["mandation"],
                    instrument=form["instrument"],
                    dalton=form["dalton"],
                    verdict=best["verdict"],
                )
            )


def build_engine_class(matcher: type = PlanMatcher) -> type[TracingEngine]:
    """The engine class with every registered rule under its own id.

    Rules are attached by id rather than inherited from the family classes, so two families
    can never shadow each other's rules by using the same method name. ``matcher``: experta's
    ``ReteMatcher`` gives the reference the tests compare :class:`PlanMatcher` with.
    """
    attributes: dict[str, Any] = {attribute_name(rule_id): RULE_OBJECTS[rule_id] for rule_id in REGISTRY}
    attributes["__matcher__"] = matcher
    attributes["__doc__"] = "Every rule family (" + ", ".join(f.__name__ for f in FAMILIES) + ")."
    return type("AdvisorEngine", (TracingEngine,), attributes)


@cache
def get_engine() -> TracingEngine:
    """The process's engine (built once, reset for each case)."""
    engine = build_engine_class()()
    loaded = {r.__name__ for r in engine.get_rules()}
    if loaded != set(REGISTRY):
        raise RuntimeError(f"rules missing from the engine: {sorted(set(REGISTRY) - loaded)}")
    return engine


_runs: OrderedDict[tuple, Conclusions] = OrderedDict()  # the last RUNS_KEPT runs, by initial facts


def forget_runs() -> None:
    """Drop the kept conclusions (the next runs are real engine runs, e.g. for measuring)."""
    _runs.clear()


def run_case(case: Case, measured: Mapping[str, str] | None = None, chosen_form: str = "") -> Conclusions:
    """Run the rules over a case and return what they concluded.

    ``measured`` maps mechanism ids to levels measured directly (e.g. by the readiness
    survey); the survey rules turn them into effects on those mechanisms. ``chosen_form``
    puts that form in the top place instead of the best-ranked one.

    The engine's conclusions depend only on its initial facts (the case's facts, the measured
    levels) and the chosen form; the last :data:`RUNS_KEPT` runs are kept under those, so
    re-running a case, or a what-if variant of it seen before, does not run the engine.
    """
    kb = load_knowledge()
    if chosen_form and chosen_form not in FORM_IDS:
        raise ValueError(f"chosen_form {chosen_form!r} is not a form id; allowed: {', '.join(FORM_IDS)}")
    facts, values = case_facts(case, kb)
    for mechanism, level in sorted((measured or {}).items()):
        if level in ("low", "high", "medium"):
            facts.append(Measured(mechanism=mechanism, level=level))
    key = (chosen_form, *((type(f), *f.items()) for f in facts))  # before declaring them adds ids
    found = _runs.get(key)
    if found is not None:
        _runs.move_to_end(key)
        return found
    engine = get_engine()
    engine.start(facts, values, chosen_form)
    engine.run_traced()
    _runs[key] = found = engine.conclusions()
    if len(_runs) > RUNS_KEPT:
        _runs.popitem(last=False)
    return found
