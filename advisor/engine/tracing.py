"""The inference engine: the rule families assembled on a tracing experta engine.

One engine is built per process and reset for each case. The rules run phase by phase (see
:mod:`advisor.rules.registry`): a control rule, not part of the reasoning and not traced, moves
to the next phase when no rule of the current one can fire. Every other firing is recorded, in
order, with the facts it matched and the facts it asserted; that record is the advice's
``trace``. :func:`run_case` keeps the conclusions of recent runs, so a re-run on the same initial
facts (a what-if variant seen before) costs a dictionary look-up.
"""

from __future__ import annotations

from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from types import MappingProxyType
from typing import Any

from advisor.case.model import Case
from advisor.engine.compat import MATCH, Fact, LeanEngine, Rule, StableStrategy
from advisor.engine.dependencies import form_reads
from advisor.engine.facts import case_facts
from advisor.engine.matcher import PlanMatcher
from advisor.kb.load import load_knowledge
from advisor.rules import FAMILIES
from advisor.rules.facts import (
    ActionFact,
    Candidate,
    Effect,
    ExpectedEffect,
    FormalElement,
    Formalisation,
    FormEvidence,
    FormFact,
    Governance,
    Level,
    Measured,
    Phase,
    Risk,
    Verdict,
)
from advisor.rules.levels import level_for
from advisor.rules.registry import REGISTRY, RULE_OBJECTS, attribute_name, check_phases, phase_sequence

MAX_FIRINGS = 200_000
# Verdict thresholds on a form's summed evidence: our calibration (the report gives no numbers).
RECOMMEND_AT = 4
CONDITIONAL_AT = 1
VERDICT_ORDER = {"recommended": 0, "conditional": 1, "undecided": 2, "not_advised": 3}
VIABLE = ("recommended", "conditional")
ADVANCE = "advance_phase"
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
    value of every case fact by its dotted name, and the forms weighed in full whatever their
    verdict (those considered and the arrangement in place).

    Read only: the same conclusions are handed to every run on the same initial facts."""

    by_type: Mapping[type, tuple[Fact, ...]]
    firings: tuple[FiringRecord, ...]
    case_values: Mapping[str, Any]
    considered: tuple[str, ...]


class EngineRunaway(RuntimeError):
    """The engine fired more rules than any case can need: a rule loop."""


def _unknown(value: Any) -> bool:
    return value == "unknown" or value == ()


class TracingEngine(LeanEngine):
    """An experta engine with a stable agenda that runs the phases and records every firing."""

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
        self.considered: tuple[str, ...] = ()
        self.phases = phase_sequence()
        self.stop_after = self.phases[-1]

    def get_deffacts(self) -> list[Any]:
        """experta's deffacts of this engine (looked up once, not on every reset)."""
        if self._deffacts is None:
            self._deffacts = super().get_deffacts()
        return self._deffacts

    def start(self, facts: list[Fact], case_values: dict[str, Any], stop_after: str = "") -> None:
        """Reset working memory and declare a case's initial facts and the first phase.

        ``stop_after``: end the run after this phase (e.g. ``ranking`` when only the verdicts
        and the top option are wanted)."""
        self.reset()
        self.firings = []
        self._producer = {}
        self.by_type = defaultdict(list)
        self.case_values = case_values
        in_place = case_values.get("collaboration.in_place_form")
        self.considered = tuple(case_values.get("collaboration.forms_considered", ())) + (
            (in_place,) if in_place not in ("none", "unknown", None) else ()
        )
        self.stop_after = stop_after or self.phases[-1]
        facts = [*facts, Phase(name=self.phases[0])]
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
        """Fire rules until the agenda is empty, recording each firing of the reasoning."""
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
                context = {k: v for k, v in activation.context.items() if not k.startswith("__")}
                if self.current_rule == ADVANCE:
                    activation.rule(self, **context)
                    continue
                matched = tuple(sorted(activation.facts, key=_fact_id))
                self._asserted = []
                self._used = set()
                activation.rule(self, **context)
                self._uses(matched)
                self.firings.append(
                    FiringRecord(self.current_rule, matched, tuple(self._asserted), tuple(sorted(self._used)))
                )
                self._asserted = None
        finally:
            self.running = False

    def next_phase(self, phase: Fact, name: str) -> None:
        """End the phase ``name`` and start the next one (or stop after the last wanted)."""
        self.retract(phase)
        position = self.phases.index(name)
        if name != self.stop_after and position + 1 < len(self.phases):
            self.declare(Phase(name=self.phases[position + 1]))

    def conclusions(self) -> Conclusions:
        """What the last run concluded, detached from the engine (which the next run resets)."""
        by_type = _FactsByType((cls, tuple(facts)) for cls, facts in self.by_type.items())
        return Conclusions(
            MappingProxyType(by_type),
            tuple(self.firings),
            MappingProxyType(dict(self.case_values)),
            self.considered,
        )

    def _uses(self, facts: Iterable[Fact]) -> None:
        """Note that the current firing used these facts (for each firing's ``built_on``)."""
        producer = self._producer
        self._used.update(producer[i] for i in map(_fact_id, facts) if i in producer)

    # -- helpers the rules' right-hand sides call -------------------------------------------

    def form_evidence(
        self,
        form: str,
        delta: int,
        text: str,
        *,
        block: bool = False,
        cap: bool = False,
        condition: str = "",
    ) -> None:
        """Record a reason for or against a form. ``block``: the form is ruled out; ``cap``:
        the form can be at most conditional, and ``condition`` says what must change."""
        self.declare(
            FormEvidence(
                form=form,
                delta=delta,
                text=text,
                rule=self.current_rule,
                block="yes" if block else "no",
                cap="yes" if cap else "no",
                condition=condition,
            )
        )

    def flag(
        self,
        risk: str,
        severity: str,
        text: str,
        *,
        consequence: str = "",
        form: str = "",
        mitigations: tuple[str, ...] = (),
    ) -> None:
        """Raise a risk: ``risk`` names the finding (rules that state consequences of one
        finding share it), ``form`` the form it is about ('' for the situation whatever the
        form), ``mitigations`` the Table 10 actions that address it."""
        self.declare(
            Risk(
                id=risk,
                severity=severity,
                text=text,
                consequence=consequence,
                form=form,
                mitigations=tuple(mitigations),
                rule=self.current_rule,
            )
        )

    def formalise(self, form: str, instrument: str, summary: str, reason: str) -> None:
        """Recommend an instrument for ``form`` ('' when no form is advised), with the reason
        in the case's own terms; noted as in place when the partners already have it."""
        in_place = self.case_values.get("collaboration.legal_agreements") == instrument != "none"
        self.declare(
            Formalisation(
                form=form,
                instrument=instrument,
                summary=summary,
                reason=reason,
                in_place="yes" if in_place else "no",
                rule=self.current_rule,
            )
        )

    def govern(self, form: str, model: str, text: str) -> None:
        """Name the NHS governance model that goes with ``form``'s formalisation."""
        self.declare(Governance(form=form, model=model, text=text, rule=self.current_rule))

    def element(self, form: str, text: str, in_place: bool = False) -> None:
        """Add an element to the agreement recommended for ``form`` (or note it is in place)."""
        self.declare(
            FormalElement(form=form, text=text, status="in_place" if in_place else "needed", rule=self.current_rule)
        )

    def recommend(self, action: str) -> None:
        """Recommend an action statement of Table 10 (or a life-cycle behaviour)."""
        self.declare(ActionFact(id=action, rule=self.current_rule))

    def expect(self, category: str, effect: str = "benefit") -> None:
        """Expect the performance mechanisms of a Table 9 category (benefits or unintended)."""
        for item in load_knowledge().kind("performance_mechanisms"):
            if item.category == category and item.effect == effect:
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
        """Sum the evidence for a form and declare its verdict: ruled out or net evidence
        against is not advised; no evidence either way while facts bearing on the form are
        unknown is undecided; 4 or more is recommended unless a need of the form is not met
        (a cap), otherwise conditional."""
        evidence = [e for e in self.by_type[FormEvidence] if e["form"] == form]
        self._uses(evidence)
        score = sum(e["delta"] for e in evidence)
        capped = any(e["cap"] == "yes" for e in evidence)
        if any(e["block"] == "yes" for e in evidence):
            verdict = "not_advised"
        elif score >= CONDITIONAL_AT:
            verdict = "recommended" if score >= RECOMMEND_AT and not capped else "conditional"
        elif any(e["delta"] < 0 for e in evidence):
            verdict = "not_advised"
        elif any(_unknown(self.case_values.get(fact)) for fact in form_reads(form)):
            verdict = "undecided"
        else:
            verdict = "not_advised"
        self.declare(Verdict(form=form, verdict=verdict, score=score))

    def rank_forms(self) -> None:
        """Declare the candidates: every viable form, every form the partners are considering
        and the arrangement they already have, best first; the first viable one is the top option."""
        forms = {f["id"]: f for f in self.by_type[FormFact]}
        ranked = sorted(
            self.by_type[Verdict],
            key=lambda v: (VERDICT_ORDER[v["verdict"]], -v["score"], forms[v["form"]]["order"]),
        )
        top = next((v["form"] for v in ranked if v["verdict"] in VIABLE), "")
        for rank, verdict in enumerate(ranked, start=1):
            if verdict["verdict"] not in VIABLE and verdict["form"] not in self.considered:
                continue
            if verdict["form"] == top:
                self._uses([verdict])  # the top option rests on its verdict; the others were only compared
            form = forms[verdict["form"]]
            self.declare(
                Candidate(
                    form=form["id"],
                    rank=rank,
                    top="yes" if form["id"] == top else "no",
                    verdict=verdict["verdict"],
                    considered="yes" if form["id"] in self.considered else "no",
                    integration=form["integration"],
                    mandation=form["mandation"],
                    instrument=form["instrument"],
                    dalton=form["dalton"],
                    scope=form["scope"],
                )
            )


def _advance(self: TracingEngine, phase: Fact, name: str) -> None:
    self.next_phase(phase, name)


_advance.__name__ = ADVANCE
ADVANCE_RULE = Rule("phase" << Phase(name=MATCH.name), salience=-1)(_advance)


def build_engine_class(matcher: type = PlanMatcher) -> type[TracingEngine]:
    """The engine class with every registered rule under its own id, and the phase control.

    Rules are attached by id rather than inherited from the family classes, so two families
    can never shadow each other's rules by using the same method name. ``matcher``: experta's
    ``ReteMatcher`` gives the reference the tests compare :class:`PlanMatcher` with."""
    problems = check_phases()
    if problems:
        raise RuntimeError("rules out of phase: " + "; ".join(problems))
    attributes: dict[str, Any] = {attribute_name(rule_id): RULE_OBJECTS[rule_id] for rule_id in REGISTRY}
    attributes[ADVANCE] = ADVANCE_RULE
    attributes["__matcher__"] = matcher
    attributes["__doc__"] = "Every rule family (" + ", ".join(f.__name__ for f in FAMILIES) + ")."
    return type("AdvisorEngine", (TracingEngine,), attributes)


@cache
def get_engine() -> TracingEngine:
    """The process's engine (built once, reset for each case)."""
    engine = build_engine_class()()
    loaded = {r.__name__ for r in engine.get_rules()} - {ADVANCE}
    if loaded != set(REGISTRY):
        raise RuntimeError(f"rules missing from the engine: {sorted(set(REGISTRY) - loaded)}")
    return engine


_runs: OrderedDict[tuple, Conclusions] = OrderedDict()  # the last RUNS_KEPT runs, by initial facts


def forget_runs() -> None:
    """Drop the kept conclusions (the next runs are real engine runs, e.g. for measuring)."""
    _runs.clear()


def run_case(case: Case, measured: Mapping[str, str] | None = None, stop_after: str = "") -> Conclusions:
    """Run the rules over a case and return what they concluded.

    ``measured`` maps mechanism ids to levels measured directly (e.g. by the readiness
    survey); the survey rules turn them into effects on those mechanisms. ``stop_after`` ends
    the run after that phase (``ranking`` gives the verdicts and the top option).

    The engine's conclusions depend only on its initial facts (the case's facts, the measured
    levels) and where the run stops; the last :data:`RUNS_KEPT` runs are kept under those, so
    re-running a case, or a what-if variant of it seen before, does not run the engine.
    """
    kb = load_knowledge()
    facts, values = case_facts(case, kb)
    for mechanism, level in sorted((measured or {}).items()):
        if level in ("low", "high", "medium"):
            facts.append(Measured(mechanism=mechanism, level=level))
    key = (stop_after, *((type(f), *f.items()) for f in facts))  # before declaring them adds ids
    found = _runs.get(key)
    if found is not None:
        _runs.move_to_end(key)
        return found
    engine = get_engine()
    engine.start(facts, values, stop_after)
    engine.run_traced()
    _runs[key] = found = engine.conclusions()
    if len(_runs) > RUNS_KEPT:
        _runs.popitem(last=False)
    return found
