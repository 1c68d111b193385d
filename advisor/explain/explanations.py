"""Explanations for trainers: how a conclusion was reached, why a form was not recommended,
and what would change if a fact were different.

* :func:`explain_how`: the chain of firings behind a conclusion, down to the case's facts.
* :func:`why_not`: the conditions that kept a form from being recommended, and the smallest
  sets of fact edits that make it recommended, found by re-running the engine.
* :func:`what_if`: the advice for an edited case beside the original, with the differences.

Fact names are those of :mod:`advisor.case.edit` (``collaboration.mandation``,
``relationship.travel_time``, ``partners.size``, ``partners[0].size``).
"""

from __future__ import annotations

import inspect
import itertools
import json
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from advisor.advice.assemble import Parts
from advisor.advice.build import advise, conclusions
from advisor.advice.model import Advice, FactRef, Firing
from advisor.case.edit import LIST_FACTS, CaseEditError, apply_edits, current_value, editable_facts, fact_choices
from advisor.case.model import FORM_IDS, Case, Collaboration, Relationship
from advisor.engine.compat import L, P, W
from advisor.engine.facts import PARTNER_MIX_SOURCES, case_facts, form_slots
from advisor.engine.tracing import RECOMMEND_AT
from advisor.explain.trace import (
    CASE_FACTS,
    FACT_PREFIX_BY_NAME,
    TraceGraph,
    constrained_slots,
    describe_fact,
    label,
    matched_words,
    show_value,
    trace_graph,
)
from advisor.kb.load import load_knowledge
from advisor.report.markdown import escape_markdown
from advisor.rules.registry import REGISTRY, RULE_OBJECTS, walk_patterns

# Searching for the smallest changes: every single edit of a fact the form's rules depend on,
# then pairs among the most promising single edits.
PAIR_POOL = 12
PER_PARTNER_UP_TO = 4
LEVELS = ("low", "medium", "high", "unknown")
CHOICES = {"collaboration": fact_choices(Collaboration), "relationship": fact_choices(Relationship)}


class ExplainError(ValueError):
    """A question the advisor cannot answer as asked: an unknown target, form or fact."""


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    def to_json(self) -> str:
        """Canonical JSON: sorted keys, two-space indent."""
        return json.dumps(self.model_dump(mode="json"), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


# -- how ---------------------------------------------------------------------------------------

# target kind -> (kinds of fact that conclude it, the slot that names it)
TARGETS: dict[str, tuple[tuple[str, ...], str | None]] = {
    "form": (("Verdict",), "form"),
    "mechanism": (("Level",), "mechanism"),
    "risk": (("Risk",), "id"),
    "action": (("ActionFact",), "id"),
    "context": (("Context",), "name"),
    "effect": (("ExpectedEffect",), "id"),
    "formalisation": (("Formalisation", "FormalElement"), None),
}
TARGET_HELP = "form:ID, mechanism:ID, risk:ID, action:ID, context:NAME, effect:ID or formalisation"


class HowStep(_Result):
    """One firing in the chain, with the firings it built on below it."""

    step: int
    rule: str
    statement: str
    concluded: tuple[str, ...]
    case_facts: tuple[str, ...]
    sources: tuple[str, ...]
    shown_above: bool
    built_on: tuple[HowStep, ...]


class HowExplanation(_Result):
    """How a conclusion was reached: the firings that concluded it, each down to case facts."""

    case_name: str
    target: str
    conclusions: tuple[str, ...]
    chain: tuple[HowStep, ...]
    case_facts: tuple[str, ...]


def target_steps(advice: Advice, target: str) -> tuple[int, ...]:
    """The steps whose conclusions a target (e.g. ``form:merger``) names."""
    kind, _, ident = target.partition(":")
    if kind not in TARGETS:
        raise ExplainError(f"--how {target}: unknown kind {kind!r}; a target is {TARGET_HELP}")
    facts, slot = TARGETS[kind]
    concluded = {
        f.step: a.values.get(slot) if slot else None for f in advice.trace for a in f.asserted if a.fact in facts
    }
    if slot is None:
        return tuple(concluded)
    if not ident:
        raise ExplainError(f"--how {target}: name the {kind}, e.g. {kind}:{_example(advice, facts, slot)}")
    steps = tuple(step for step, value in concluded.items() if value == ident)
    if not steps:
        known = sorted({str(v) for v in concluded.values()})
        raise ExplainError(
            f"--how {target}: no {kind} {ident!r} was concluded for this case; "
            f"concluded: {', '.join(known) if known else 'none'}"
        )
    return steps


def _example(advice: Advice, facts: tuple[str, ...], slot: str) -> str:
    return next((str(a.values[slot]) for f in advice.trace for a in f.asserted if a.fact in facts), "ID")


def explain_how(advice: Advice, target: str) -> HowExplanation:
    """The chain behind a conclusion: each firing with the firings whose conclusions it used,
    down to the case's facts. A firing already shown earlier is marked, not repeated."""
    graph = trace_graph(advice.trace)
    roots = target_steps(advice, target)
    shown: set[int] = set()

    def build(step: int) -> HowStep:
        firing = graph.firings[step]
        seen = step in shown
        shown.add(step)
        return HowStep(
            step=step,
            rule=firing.rule,
            statement=firing.statement,
            concluded=tuple(describe_fact(a) for a in firing.asserted),
            case_facts=_start_words(firing, graph),
            sources=firing.sources,
            shown_above=seen,
            built_on=() if seen else tuple(build(s) for s in graph.inputs[step]),
        )

    chain = tuple(build(step) for step in roots)
    reached = {word for step in graph.upstream(roots) for word in _start_words(graph.firings[step], graph)}
    return HowExplanation(
        case_name=advice.case_name,
        target=target,
        conclusions=tuple(describe_fact(a) for s in roots for a in graph.firings[s].asserted),
        chain=chain,
        case_facts=tuple(sorted(w for w in reached if not w.startswith("form "))),
    )


def _start_words(firing: Firing, graph: TraceGraph) -> tuple[str, ...]:
    """The case's (and the typology's) facts a firing matched, in domain words."""
    starts = {id(m) for m in graph.start_facts(firing.step)}
    words = matched_words(firing)
    shown = [m for m in firing.matched if m.fact != "InitialFact"]
    return tuple(w for m, w in zip(shown, words, strict=True) if id(m) in starts)


# -- what if -------------------------------------------------------------------------------


class Difference(_Result):
    """One thing that differs between the original and the changed advice."""

    item: str
    before: str
    after: str


class WhatIf(_Result):
    """The advice for an edited case beside the original, and what differs."""

    case_name: str
    edits: dict[str, str]
    forms: tuple[Difference, ...]
    mechanisms: tuple[Difference, ...]
    risks: tuple[Difference, ...]
    formalisation: tuple[Difference, ...]
    actions: tuple[Difference, ...]
    expected_effects: tuple[Difference, ...]
    certainty: tuple[Difference, ...]
    changed: tuple[str, ...]


ABSENT = "-"


def _compare(before: Mapping[str, str], after: Mapping[str, str], name: Callable[[str], str]) -> list[Difference]:
    keys = sorted(set(before) | set(after))
    return [Difference(item=name(k), before=before.get(k, ABSENT), after=after.get(k, ABSENT)) for k in keys]


def _advice_rows(advice: Advice) -> dict[str, dict[str, str]]:
    """The comparable parts of an advice, each as item -> shown value."""
    return {
        "forms": {o.form: f"{o.verdict} ({o.score})" for o in advice.options},
        "mechanisms": {m: s.level for m, s in advice.mechanisms.items()},
        "risks": {r.id: r.severity for r in advice.risks},
        "formalisation": {"instrument": advice.formalisation.instrument},
        "actions": {a.id: a.stage for a in advice.actions},
        "expected_effects": {e.id: e.effect for e in advice.expected_effects},
        "certainty": {"certainty": advice.certainty.level},
    }


def compare_advice(case_name: str, edits: Mapping[str, str], before: Advice, after: Advice) -> WhatIf:
    """Both advices side by side: every form and mechanism, and the other parts that differ."""
    rows_before, rows_after = _advice_rows(before), _advice_rows(after)
    parts: dict[str, tuple[Difference, ...]] = {}
    changed: list[str] = []
    for part in rows_before:
        diffs = _compare(rows_before[part], rows_after[part], label if part != "certainty" else str)
        moved = [d for d in diffs if d.before != d.after]
        changed += [f"{part}: {d.item}: {d.before} -> {d.after}" for d in moved]
        parts[part] = tuple(diffs if part in ("forms", "mechanisms") else moved)
    return WhatIf(case_name=case_name, edits=dict(edits), changed=tuple(changed), **parts)


def parse_edits(case: Case, edits: Mapping[str, str]) -> Case:
    """The edited case; an unknown fact or value is an :class:`ExplainError` naming it."""
    try:
        return apply_edits(case, edits)
    except CaseEditError as exc:
        raise ExplainError(f"--what-if {exc}") from None


def what_if(case: Case, edits: Mapping[str, str], original: Advice | None = None) -> WhatIf:
    """Re-run the advisor on the case with ``edits`` (fact -> value) and compare."""
    changed_case = parse_edits(case, edits)
    before = original if original is not None else advise(case)
    return compare_advice(case.collaboration.name, edits, before, advise(changed_case))


# -- why not -------------------------------------------------------------------------------


class Condition(_Result):
    """One condition of a rule, the case's value and what the rule needs (when it can be
    listed). ``set_by`` names the facts (as --what-if takes them) that decide it."""

    description: str
    fact: str | None
    value: str | None
    needs: tuple[str, ...]
    set_by: tuple[str, ...]


class FailedCondition(_Result):
    """A rule that kept the form from being recommended: support that did not fire (with the
    conditions that did not hold) or evidence against it that did (with what made it hold)."""

    kind: Literal["support_missing", "evidence_against"]
    rule: str
    statement: str
    delta: int
    rules_out: bool
    conditions: tuple[Condition, ...]
    sources: tuple[str, ...]


class WhyNot(_Result):
    """Why a form is not recommended, and the smallest fact edits that make it recommended.

    ``changes`` are sets of edits (fact -> value, as --what-if takes them), each checked by
    re-running the engine; ``scores_after`` gives the form's score with each. Edits that leave
    the facts the rules read unchanged share one run (``engine_runs`` counts the runs)."""

    case_name: str
    form: str
    name: str
    verdict: str
    score: int
    recommend_at: int
    failed_conditions: tuple[FailedCondition, ...]
    changes: tuple[dict[str, str], ...]
    scores_after: tuple[int, ...]
    searched_single: int
    searched_pairs: int
    engine_runs: int
    note: str


def edit_names(read: str, case: Case) -> tuple[str, ...]:
    """The editable facts (``--what-if`` names) behind a fact a rule reads."""
    section, _, slot = read.partition(".")
    if section != "partners":
        return (read,) if slot in CHOICES.get(section, {}) else ()
    names = []
    for field in PARTNER_MIX_SOURCES.get(slot, ()):
        names.append(f"partners.{field}")
        if len(case.partners) <= PER_PARTNER_UP_TO:
            names += [f"partners[{i}].{field}" for i in range(len(case.partners))]
    return tuple(names)


def _holds(constraint: Any, value: Any) -> bool:
    """Whether one slot value satisfies a pattern's field constraint."""
    if isinstance(constraint, W):
        return True
    if isinstance(constraint, L):
        return value == constraint.value
    if isinstance(constraint, P):
        try:
            return bool(constraint.match(value))
        except (TypeError, ValueError):
            return False
    combinator = type(constraint).__name__
    if combinator == "ANDFC":
        return all(_holds(c, value) for c in constraint)
    if combinator == "ORFC":
        return any(_holds(c, value) for c in constraint)
    if combinator == "NOTFC":
        return not _holds(constraint[0], value)
    return value == constraint


def _slots(pattern: Any) -> dict[str, Any]:
    return {k: v for k, v in pattern.items() if isinstance(k, str) and not k.startswith("__")}


def _matches(pattern: Any, values: Mapping[str, Any]) -> bool:
    return all(k in values and _holds(c, values[k]) for k, c in _slots(pattern).items())


def applies_to(rule_id: str, form: str) -> bool:
    """Whether a rule's patterns on the form (Table 2) admit this form."""
    slots = form_slots(load_knowledge()[form], FORM_IDS.index(form))
    patterns = [p for p in walk_patterns(RULE_OBJECTS[rule_id]) if type(p).__name__ == "FormFact"]
    return bool(patterns) and all(_matches(p, slots) for p in patterns)


class _Memory:
    """The facts of one run: the case's, the form's (Table 2) and everything concluded."""

    def __init__(self, case: Case, advice: Advice, form: str) -> None:
        self.case = case
        self.form = form
        facts, _ = case_facts(case, load_knowledge())
        self.by_kind: dict[str, list[dict[str, Any]]] = {}
        for fact in facts:
            values = {k: v for k, v in fact.items() if isinstance(k, str) and not k.startswith("__")}
            if type(fact).__name__ != "FormFact" or values["id"] == form:
                self.by_kind.setdefault(type(fact).__name__, []).append(values)
        for firing in advice.trace:
            for ref in firing.asserted:
                self.by_kind.setdefault(ref.fact, []).append(ref.values)

    def unmet(self, element: Any) -> list[Condition]:
        """The conditions of a rule element that do not hold (empty when it holds on its own)."""
        kind = type(element).__name__
        if kind == "NOT":
            if self.unmet(element[0]):
                return []
            return [self._inverse(element[0])]
        if kind in ("OR", "AND"):
            parts = [self.unmet(e) for e in element]
            if kind == "AND":
                return [c for part in parts for c in part]
            return [] if any(not p for p in parts) else [_either([c for p in parts for c in p])]
        if kind in ("TEST", "InitialFact") or not hasattr(element, "items"):
            return []
        if any(_matches(element, values) for values in self.by_kind.get(kind, ())):
            return []
        return self._describe(element)

    def _describe(self, pattern: Any) -> list[Condition]:
        kind = type(pattern).__name__
        slots = _slots(pattern)
        if kind in CASE_FACTS:
            prefix = FACT_PREFIX_BY_NAME[kind]
            values = self.by_kind[kind][0]
            return [
                self._case_condition(prefix, slot, values.get(slot), constraint)
                for slot, constraint in slots.items()
                if not _holds(constraint, values.get(slot))
            ]
        if kind == "Context":
            name = slots.get("name")
            ctx = REGISTRY.get(f"ctx.{name}")
            return [
                Condition(
                    description=f"context {str(name).replace('_', ' ')} did not hold"
                    + (f" ({ctx.statement.rstrip('.')})" if ctx else ""),
                    fact=f"context.{name}",
                    value="absent",
                    needs=("present",),
                    set_by=tuple(n for r in (ctx.reads if ctx else ()) for n in edit_names(r, self.case)),
                )
            ]
        if kind == "Level":
            mechanism = slots.get("mechanism")
            now = next((v["level"] for v in self.by_kind.get("Level", ()) if v["mechanism"] == mechanism), "unknown")
            needs = tuple(lv for lv in LEVELS if _holds(slots.get("level", W()), lv))
            return [
                Condition(
                    description=f"mechanism {label(str(mechanism))} is {now}; the rule needs {' or '.join(needs)}",
                    fact=f"mechanism.{mechanism}",
                    value=now,
                    needs=needs,
                    set_by=(),
                )
            ]
        return [Condition(description=f"no {kind} as the rule needs", fact=None, value=None, needs=(), set_by=())]

    def _case_condition(self, prefix: str, slot: str, value: Any, constraint: Any) -> Condition:
        if prefix == "partners":
            domain: tuple[str, ...] = ("yes", "no") if slot.startswith("any_") else ()
        elif slot in LIST_FACTS:
            domain = ()
        else:
            domain = tuple(v for v in CHOICES[prefix].get(slot, ()) if v != "unknown")
        needs = tuple(v for v in domain if _holds(constraint, v))
        shown = show_value(value)
        wanted = f"; the rule needs {' or '.join(needs)}" if needs else "; the rule's test on it does not pass"
        return Condition(
            description=f"{prefix}: {slot} is {shown}{wanted}",
            fact=f"{prefix}.{slot}",
            value=shown,
            needs=needs,
            set_by=edit_names(f"{prefix}.{slot}", self.case),
        )

    def _inverse(self, pattern: Any) -> Condition:
        kind = type(pattern).__name__
        what = describe_fact_pattern(pattern)
        return Condition(
            description=f"{what} holds, and the rule needs it not to",
            fact=f"context.{_slots(pattern).get('name')}" if kind == "Context" else None,
            value="present",
            needs=("absent",),
            set_by=(),
        )


def describe_fact_pattern(pattern: Any) -> str:
    """A pattern's literal slots in words, e.g. ``context: needs confidence``."""
    literal = {k: v for k, v in _slots(pattern).items() if isinstance(v, str | int)}
    return describe_fact(FactRef(fact=type(pattern).__name__, values=literal), tuple(literal))


def _either(conditions: list[Condition]) -> Condition:
    return Condition(
        description="none of these held: " + "; ".join(c.description for c in conditions),
        fact=None,
        value=None,
        needs=(),
        set_by=tuple(dict.fromkeys(n for c in conditions for n in c.set_by)),
    )


def _bindings(constraint: Any) -> list[str]:
    """The variable names a field constraint binds (``MATCH.x``)."""
    parts = [constraint] if isinstance(constraint, W) else constraint if isinstance(constraint, tuple) else []
    return [c.__bind__ for c in parts if isinstance(c, W) and c.__bind__]


def _joint_test(rule_id: str, memory: _Memory) -> Condition:
    """The rule's test across its matched facts (a TEST, or one value bound in two facts, e.g.
    the form's scope and the case's scope)."""
    patterns = list(walk_patterns(RULE_OBJECTS[rule_id]))
    tests = [e for e in RULE_OBJECTS[rule_id] if type(e).__name__ == "TEST"]
    names = {p for t in tests for p in inspect.signature(t[0]).parameters}
    uses = [n for p in patterns for c in _slots(p).values() for n in _bindings(c)]
    names |= {n for n in uses if uses.count(n) > 1}
    bound = [(type(p).__name__, slot) for p in patterns for slot, c in _slots(p).items() if set(_bindings(c)) & names]
    words = []
    for kind, slot in bound:
        values = memory.by_kind.get(kind, [{}])[0]
        if kind == "FormFact":
            words.append(f"the form's {slot} ({show_value(values.get(slot))})")
        elif kind in CASE_FACTS:
            words.append(f"{FACT_PREFIX_BY_NAME[kind]}: {slot} = {show_value(values.get(slot))}")
    return Condition(
        description="the rule's test on " + (" against ".join(words) or "its matched facts") + " did not pass",
        fact=None,
        value=None,
        needs=(),
        set_by=tuple(
            n
            for kind, slot in bound
            if kind in CASE_FACTS
            for n in edit_names(f"{FACT_PREFIX_BY_NAME[kind]}.{slot}", memory.case)
        ),
    )


def relevant_reads(form: str) -> tuple[str, ...]:
    """The case facts the form's rules read, directly or through contexts and mechanisms."""
    todo = [rid for rid, spec in REGISTRY.items() if spec.layer == "forms" and applies_to(rid, form)]
    seen: set[str] = set()
    reads: dict[str, None] = {}
    while todo:
        rule_id = todo.pop()
        if rule_id in seen:
            continue
        seen.add(rule_id)
        spec = REGISTRY[rule_id]
        reads.update(dict.fromkeys(spec.reads))
        for need in spec.needs:
            kind, _, name = need.partition(".")
            if kind == "context" and f"ctx.{name}" in REGISTRY:
                todo.append(f"ctx.{name}")
            elif kind == "mechanism":
                todo += [rid for rid, s in REGISTRY.items() if s.target == name]
    return tuple(sorted(reads))


def candidate_edits(case: Case, form: str) -> tuple[tuple[str, str], ...]:
    """Every single edit of a fact the form depends on, to a known value it does not have."""
    facts = editable_facts(case)
    edits: dict[tuple[str, str], None] = {}
    names = dict.fromkeys(n for read in relevant_reads(form) for n in edit_names(read, case))
    for name in names:
        now = current_value(case, name)
        choices = [v for v in facts[name] if v != "unknown"]
        if name.rsplit(".", 1)[1] in LIST_FACTS:
            for v in choices:
                changed = [x for x in now if x != v] if v in now else [*now, v]
                edits[(name, ",".join(changed))] = None
            continue
        already = set(now) if isinstance(now, tuple) else {now}
        edits.update(((name, v), None) for v in choices if already != {v})
    return tuple(edits)


def _conflict(a: str, b: str) -> bool:
    """Two edits of the same fact (``partners.size`` also covers ``partners[0].size``)."""
    return a == b or (a.startswith("partners") and b.startswith("partners") and a.split(".")[-1] == b.split(".")[-1])


def why_not(case: Case, form: str, original: Advice | None = None) -> WhyNot:
    """Why ``form`` is not recommended for the case, and the smallest sets of fact edits that
    make it recommended: single edits first, then pairs among the most promising single edits.
    Every change is checked by running the advisor on the edited case."""
    if form not in FORM_IDS:
        raise ExplainError(f"--why-not {form}: no such form; forms: {', '.join(FORM_IDS)}")
    advice = original if original is not None else advise(case)
    option = next(o for o in advice.options if o.form == form)
    base = dict(case_name=advice.case_name, form=form, name=option.name, recommend_at=RECOMMEND_AT)
    if option.verdict == "recommended":
        return WhyNot(
            **base,
            verdict=option.verdict,
            score=option.score,
            failed_conditions=(),
            changes=(),
            scores_after=(),
            searched_single=0,
            searched_pairs=0,
            engine_runs=0,
            note=f"{option.name} is already recommended (score {option.score}).",
        )
    runs: list[tuple[dict[str, str], Advice | Parts]] = []
    by_facts: dict[str, Advice | Parts] = {_fact_signature(case): advice}

    def run(edits: dict[str, str]) -> Advice | Parts:
        edited = apply_edits(case, edits)
        signature = _fact_signature(edited)
        if signature not in by_facts:  # edits the rules cannot tell apart share one run
            by_facts[signature] = conclusions(edited)
        runs.append((edits, by_facts[signature]))
        return by_facts[signature]

    singles = [({f: v}, run({f: v})) for f, v in candidate_edits(case, form)]
    found = [(e, a) for e, a in singles if _option(a, form).verdict == "recommended"]
    pairs: list[tuple[dict[str, str], Advice]] = []
    if not found:
        pool = _promising(singles, advice, form)[:PAIR_POOL]
        for (e1, _), (e2, _) in itertools.combinations(pool, 2):
            (f1, v1), (f2, v2) = next(iter(e1.items())), next(iter(e2.items()))
            if not _conflict(f1, f2):
                edits = dict(sorted({f1: v1, f2: v2}.items()))
                pairs.append((edits, run(edits)))
        found = [(e, a) for e, a in pairs if _option(a, form).verdict == "recommended"]
    found.sort(key=lambda ea: (-_option(ea[1], form).score, sorted(ea[0].items())))
    if found:
        note = f"{len(found)} change(s) of {len(found[0][0])} fact(s) make {option.name} recommended."
    else:
        note = (
            f"No change of one or two facts makes {option.name} recommended "
            f"(tried {len(singles)} single edits and {len(pairs)} pairs of the most promising)."
        )
    return WhyNot(
        **base,
        verdict=option.verdict,
        score=option.score,
        failed_conditions=_failed_conditions(case, advice, form, runs),
        changes=tuple(e for e, _ in found),
        scores_after=tuple(_option(a, form).score for _, a in found),
        searched_single=len(singles),
        searched_pairs=len(pairs),
        engine_runs=len(by_facts) - 1,
        note=note,
    )


def _fact_signature(case: Case) -> str:
    """The facts the rules start from (partners summarised as the rules read them)."""
    _, values = case_facts(case, load_knowledge())
    return json.dumps(values, sort_keys=True, default=list)


def _option(advice: Advice, form: str) -> Any:
    return next(o for o in advice.options if o.form == form)


def _blocked(advice: Advice, form: str) -> bool:
    return any(
        a.fact == "FormEvidence" and a.values["form"] == form and a.values["block"] == "yes"
        for f in advice.trace
        for a in f.asserted
    )


def _derived(advice: Advice) -> set[tuple[str, str]]:
    return {(a.fact, describe_fact(a)) for f in advice.trace for a in f.asserted if a.fact in ("Context", "Level")}


def _promising(
    singles: list[tuple[dict[str, str], Advice]], advice: Advice, form: str
) -> list[tuple[dict[str, str], Advice]]:
    """Single edits that moved the form (score up, no longer ruled out) or what it rests on
    (contexts, mechanism levels), most promising first."""
    score, blocked, derived = _option(advice, form).score, _blocked(advice, form), _derived(advice)
    ranked = []
    for index, (edits, result) in enumerate(singles):
        gain = _option(result, form).score - score
        unblocked = blocked and not _blocked(result, form)
        moved = len(_derived(result) ^ derived)
        if gain > 0 or unblocked or moved:
            ranked.append(((-int(unblocked), -gain, -moved, index), (edits, result)))
    return [item for _, item in sorted(ranked, key=lambda r: r[0])]


def _evidence(advice: Advice, form: str) -> dict[str, tuple[int, bool, Firing]]:
    """The form's evidence by rule: delta, whether it rules the form out, and the firing."""
    out = {}
    for firing in advice.trace:
        for a in firing.asserted:
            if a.fact == "FormEvidence" and a.values["form"] == form:
                out[firing.rule] = (a.values["delta"], a.values["block"] == "yes", firing)
    return out


def _failed_conditions(
    case: Case, advice: Advice, form: str, runs: Iterable[tuple[dict[str, str], Advice]]
) -> tuple[FailedCondition, ...]:
    """Evidence against the form that fired, and support for it that fired in some re-run of
    the search but not for this case, with the conditions of that rule that did not hold."""
    here = _evidence(advice, form)
    memory = _Memory(case, advice, form)
    out = []
    for rule_id, (delta, block, firing) in here.items():
        if delta < 0 or block:
            held = _held(firing, case)
            out.append(_failed("evidence_against", rule_id, delta, block, held, firing.sources))
    seen_support: dict[str, int] = {}
    for _, result in runs:
        for rule_id, (delta, _, _) in _evidence(result, form).items():
            if delta > 0 and rule_id not in here:
                seen_support[rule_id] = max(delta, seen_support.get(rule_id, delta))
    for rule_id in sorted(seen_support):
        unmet = [c for element in RULE_OBJECTS[rule_id] for c in memory.unmet(element)]
        conditions = tuple(unmet) if unmet else (_joint_test(rule_id, memory),)
        sources = next(f.sources for _, r in runs for f in r.trace if f.rule == rule_id)
        out.append(_failed("support_missing", rule_id, seen_support[rule_id], False, conditions, sources))
    out.sort(key=lambda fc: (fc.kind != "evidence_against", -abs(fc.delta), fc.rule))
    return tuple(out)


def _held(firing: Firing, case: Case) -> tuple[Condition, ...]:
    """The facts that made a rule fire, one condition per slot its patterns constrain."""
    slots = constrained_slots(firing.rule)
    out = []
    for ref in firing.matched:
        if ref.fact in CASE_FACTS:
            prefix = FACT_PREFIX_BY_NAME[ref.fact]
            for slot in slots.get(ref.fact, ()):
                value = show_value(ref.values.get(slot))
                out.append(
                    Condition(
                        description=f"{prefix}: {slot} = {value} (holds)",
                        fact=f"{prefix}.{slot}",
                        value=value,
                        needs=(),
                        set_by=edit_names(f"{prefix}.{slot}", case),
                    )
                )
        elif ref.fact in ("Context", "Level"):
            name = ref.values.get("name") or ref.values.get("mechanism")
            kind = "context" if ref.fact == "Context" else "mechanism"
            out.append(
                Condition(
                    description=f"{describe_fact(ref)} (holds)",
                    fact=f"{kind}.{name}",
                    value=ref.values.get("level", "present"),
                    needs=(),
                    set_by=(),
                )
            )
    return tuple(out)


def _failed(
    kind: str, rule_id: str, delta: int, block: bool, conditions: tuple[Condition, ...], sources: tuple[str, ...]
) -> FailedCondition:
    return FailedCondition(
        kind=kind,
        rule=rule_id,
        statement=REGISTRY[rule_id].statement,
        delta=delta,
        rules_out=block,
        conditions=conditions,
        sources=sources,
    )


# -- rendering ------------------------------------------------------------------------------


def _esc(text: str, markdown: bool) -> str:
    return escape_markdown(text) if markdown else text


def render_how(result: HowExplanation, markdown: bool = False) -> str:
    """The chain as an indented tree (nested lists in Markdown)."""
    e = partial(_esc, markdown=markdown)
    out = [("# " if markdown else "") + e(f"How: {result.target} ({result.case_name})"), ""]
    out += [f"- {e(c)}" for c in result.conclusions] + [""]
    out.append(("## " if markdown else "") + "The chain, from the conclusion back to the case's facts")
    out.append("")

    def walk(node: HowStep, depth: int) -> None:
        pad = "  " * depth
        head = f"{pad}- [{node.step}] {e(node.rule)}: " + e("; ".join(node.concluded) or node.statement)
        if node.shown_above:
            out.append(head + " (shown above)")
            return
        out.append(head)
        out.append(f"{pad}  {e(node.statement)}")
        if node.case_facts:
            out.append(f"{pad}  starts from: " + e("; ".join(node.case_facts)))
        out.append(f"{pad}  evidence: " + e("; ".join(node.sources)))
        for child in node.built_on:
            walk(child, depth + 1)

    for node in result.chain:
        walk(node, 0)
    out += ["", ("## " if markdown else "") + "Case facts this rests on", ""]
    out += [f"- {e(f)}" for f in result.case_facts] or ["- none"]
    return "\n".join(out) + "\n"


def render_why_not(result: WhyNot, markdown: bool = False) -> str:
    """Failed conditions and the changes that would make the form recommended."""
    e = partial(_esc, markdown=markdown)
    h1, h2 = ("# ", "## ") if markdown else ("", "")
    out = [
        h1 + e(f"Why not {result.name}? ({result.case_name})"),
        "",
        e(
            f"Verdict: {result.verdict.replace('_', ' ')}, score {result.score} "
            f"(recommended needs {result.recommend_at} or more and nothing ruling it out)."
        ),
        "",
        h2 + "Conditions that kept it from being recommended",
        "",
    ]
    if not result.failed_conditions:
        out.append("- none")
    for fc in result.failed_conditions:
        what = "counted against it" if fc.kind == "evidence_against" else "would have supported it, but did not fire"
        sign = f"+{fc.delta}" if fc.delta > 0 else str(fc.delta)
        out.append(f"- {e(fc.rule)} ({sign}{', rules it out' if fc.rules_out else ''}) {what}: {e(fc.statement)}")
        for c in fc.conditions:
            edit = f" (to change: {', '.join(c.set_by[:4])})" if c.set_by and fc.kind == "support_missing" else ""
            out.append(f"  - {e(c.description + edit)}")
        out.append(f"  - evidence: {e('; '.join(fc.sources))}")
    out += ["", h2 + "Smallest changes that make it recommended (each checked by re-running the advisor)", ""]
    for edits, score in zip(result.changes, result.scores_after, strict=True):
        shown = " and ".join(f"{f}={v}" for f, v in edits.items())
        out.append(f"- {e(shown)} (score {score})")
    out += ["", e(result.note)]
    return "\n".join(out) + "\n"


def render_what_if(result: WhatIf, markdown: bool = False) -> str:
    """The two advices side by side, then what changed."""
    e = partial(_esc, markdown=markdown)
    h1, h2 = ("# ", "## ") if markdown else ("", "")
    edits = ", ".join(f"{f}={v}" for f, v in result.edits.items())
    out = [h1 + e(f"What if {edits}? ({result.case_name})"), ""]
    for title, rows in (("Forms (verdict and score)", result.forms), ("Mechanism levels", result.mechanisms)):
        out += [h2 + title, ""]
        out += _table(rows, markdown)
        out.append("")
    out += [h2 + "Differences", ""]
    parts = (
        ("Form", result.forms),
        ("Mechanism", result.mechanisms),
        ("Risk", result.risks),
        ("Formalisation", result.formalisation),
        ("Action", result.actions),
        ("Expected effect", result.expected_effects),
        ("Certainty", result.certainty),
    )
    for title, rows in parts:
        for d in rows:
            if d.before == d.after:
                continue
            change = "added" if d.before == ABSENT else "removed" if d.after == ABSENT else f"{d.before} -> {d.after}"
            out.append(f"- {title}: {e(d.item)}: {e(change)}")
    if not result.changed:
        out.append("- none: the advice is the same")
    return "\n".join(out) + "\n"


def _table(rows: tuple[Difference, ...], markdown: bool) -> list[str]:
    if markdown:
        lines = ["| | Original | Changed |", "|---|---|---|"]
        for d in rows:
            mark = "**" if d.before != d.after else ""
            lines.append(f"| {mark}{_esc(d.item, True)}{mark} | {d.before} | {mark}{d.after}{mark} |")
        return lines
    width = max((len(d.item) for d in rows), default=0)
    lines = [f"  {'':{width}}  {'original':<18}changed"]
    lines += [f"{'*' if d.before != d.after else ' '} {d.item:{width}}  {d.before:<18}{d.after}" for d in rows]
    return lines
