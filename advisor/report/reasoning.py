"""The reasoning appendix of the brief: for each recommendation, risk and the formalisation,
the chain of rule firings that led to it, read back from the advice's trace."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from advisor.advice.model import Advice, FactRef, Firing
from advisor.report.text import words as label
from advisor.rules.facts import FACT_PREFIX_BY_NAME
from advisor.rules.registry import REGISTRY, STRENGTH_WORDS

# Fact kinds that carry what the user said about the case, by the prefix rules read them under.
CASE_FACTS = FACT_PREFIX_BY_NAME


@dataclass(frozen=True)
class ChainStep:
    """One rule firing in a chain: what it read, what it says, what it concluded, its evidence.

    ``elsewhere``: a mechanism level whose own chain is shown separately.
    """

    step: int
    rule: str
    layer: str
    statement: str
    strength: str
    given: tuple[str, ...]
    concluded: str
    sources: tuple[str, ...]
    elsewhere: bool = False


@dataclass(frozen=True)
class Chain:
    """The firings behind one conclusion, in the order they happened."""

    group: str
    title: str
    steps: tuple[ChainStep, ...]


def compact_sources(sources: Iterable[str]) -> str:
    """Citations grouped by where they are in the report, e.g. ``Table 10: act29, act30; Box 1:
    cmoc_f22; Chapter 5, Capacity constraints`` (item ids as ``advisor kb`` shows them)."""
    groups: dict[str, list[str]] = {}
    for source in sources:
        item, _, where = source.partition(": ")
        if not where:
            groups.setdefault(source, [])
            continue
        head = re.split(r"[,;]", where, maxsplit=1)[0].strip()
        if head.startswith("Chapter"):
            groups.setdefault(where, [])
        else:
            groups.setdefault(head, []).append(item)
    return "; ".join(f"{head}: {', '.join(ids)}" if ids else head for head, ids in groups.items())


def _signed(number: int) -> str:
    return f"+{number}" if number > 0 else f"\u2212{-number}" if number < 0 else "0"


class _TraceGraph:
    """The firings by step, so that any conclusion can be followed back through ``built_on``."""

    def __init__(self, trace: Iterable[Firing], form_names: dict[str, str]) -> None:
        self.firings = {f.step: f for f in trace}
        self.form_names = form_names

    def steps_asserting(self, fact: str, **values: object) -> list[int]:
        """The firings that asserted a fact of this kind with these slot values."""
        return [
            f.step
            for f in self.firings.values()
            if any(a.fact == fact and all(a.values.get(k) == v for k, v in values.items()) for a in f.asserted)
        ]

    def chain(self, group: str, title: str, roots: Iterable[int]) -> Chain:
        """The roots and every firing they rest on, in firing order.

        A mechanism level met on the way is shown but not followed further: each level has a
        chain of its own, so the effects behind trust are not repeated under every risk."""
        roots = list(roots)
        seen: set[int] = set()
        todo = list(roots)
        while todo:
            step = todo.pop()
            if step not in seen:
                seen.add(step)
                if step in roots or self.firings[step].layer != "levels":
                    todo.extend(self.firings[step].built_on)
        steps = (
            self._step(self.firings[s], s not in roots and self.firings[s].layer == "levels") for s in sorted(seen)
        )
        return Chain(group, title, tuple(steps))

    def _step(self, firing: Firing, elsewhere: bool) -> ChainStep:
        reads = set(REGISTRY[firing.rule].reads) if firing.rule in REGISTRY else set()
        given = []
        for fact in firing.matched:
            prefix = CASE_FACTS.get(fact.fact)
            for slot, value in sorted(fact.values.items()):
                if prefix and f"{prefix}.{slot}" in reads:
                    shown = ", ".join(map(str, value)) if isinstance(value, list | tuple) else str(value)
                    given.append(f"{prefix} {label(slot)}: {label(shown)}")
        concluded = "; ".join(c for c in (self._conclusion(f) for f in firing.asserted) if c)
        return ChainStep(
            step=firing.step,
            rule=firing.rule,
            layer=firing.layer,
            statement=firing.statement,
            strength=STRENGTH_WORDS.get(firing.strength or "", ""),
            given=tuple(given),
            concluded=concluded,
            sources=firing.sources,
            elsewhere=elsewhere,
        )

    def _conclusion(self, fact: FactRef) -> str:
        v = fact.values
        form = self.form_names.get(str(v.get("form")), label(str(v.get("form"))))
        match fact.fact:
            case "Context":
                return f"context: {label(v['name'])}"
            case "Effect":
                return f"{label(v['mechanism'])} {_signed(v['delta'])}"
            case "Level":
                return f"{label(v['mechanism'])} is {v['level']} (net {_signed(v['score'])})"
            case "FormEvidence":
                return f"{form} {_signed(v['delta'])}: {v['text']}"
            case "Verdict":
                return f"{form}: {label(v['verdict'])} (score {_signed(v['score'])})"
            case "Candidate":
                return f"top option: {form}" if v.get("top") == "yes" else f"weighed in full: {form}"
            case "Risk":
                about = f" ({form})" if v.get("form") else ""
                return f"{v['severity']} risk{about}: {v['text']}"
            case "Formalisation":
                return (
                    f"formalisation of {form}: {label(v['instrument'])}" if v.get("form") else "formalisation: none yet"
                )
            case "FormalElement":
                status = " (in place)" if v.get("status") == "in_place" else ""
                return f"agreement element: {v['text']}{status}"
        return label(fact.fact)


def reasoning_chains(advice: Advice) -> tuple[Chain, ...]:
    """The chains behind each recommended form (or, if none, each conditional one), each risk
    flag, the formalisation advice and each mechanism level, in that order."""
    graph = _TraceGraph(advice.trace, {o.form: o.name for o in advice.options})
    chosen = advice.recommended() or tuple(o for o in advice.options if o.verdict == "conditional")
    chains = [
        graph.chain("Recommendations", f"{o.name}: {label(o.verdict)}", graph.steps_asserting("Verdict", form=o.form))
        for o in chosen
    ]
    chains += [
        graph.chain(
            "Risks", f"{r.severity.capitalize()} risk: {r.text}", graph.steps_asserting("Risk", id=r.id, form=r.form)
        )
        for r in advice.risks
    ]
    top = advice.formalisation.form
    roots = graph.steps_asserting("Formalisation", form=top) + graph.steps_asserting("FormalElement", form=top)
    chains.append(graph.chain("Formalisation", label(advice.formalisation.instrument).capitalize(), roots))
    chains += [
        graph.chain(
            "Mechanism levels", f"{label(m).capitalize()}: {state.level}", graph.steps_asserting("Level", mechanism=m)
        )
        for m, state in advice.mechanisms.items()
    ]
    return tuple(chains)
