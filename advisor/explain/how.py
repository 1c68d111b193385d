"""How a conclusion was reached: the chain of firings behind it, down to the case's facts, read
from what the engine recorded (each firing's matched facts and the firings it built on)."""

from __future__ import annotations

from functools import partial

from advisor.advice.model import Advice, Firing
from advisor.explain.result import ExplainError, Result, escape
from advisor.explain.trace import TraceGraph, describe_fact, matched_words, support_words, trace_graph

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


class HowStep(Result):
    """One firing in the chain, with the firings it built on below it."""

    step: int
    rule: str
    statement: str
    support: str
    concluded: tuple[str, ...]
    case_facts: tuple[str, ...]
    sources: tuple[str, ...]
    shown_above: bool
    built_on: tuple[HowStep, ...]


class HowExplanation(Result):
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
        raise ExplainError(f"conclusion {target!r}: unknown kind {kind!r}; a target is {TARGET_HELP}")
    facts, slot = TARGETS[kind]
    concluded = {
        f.step: a.values.get(slot) if slot else None for f in advice.trace for a in f.asserted if a.fact in facts
    }
    if slot is None:
        return tuple(concluded)
    if not ident:
        raise ExplainError(f"conclusion {target!r}: name the {kind}, e.g. {kind}:{_example(advice, facts, slot)}")
    steps = tuple(step for step, value in concluded.items() if value == ident)
    if not steps:
        known = sorted({str(v) for v in concluded.values()})
        raise ExplainError(
            f"conclusion {target!r}: no {kind} {ident!r} was concluded for this case; "
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
            support=support_words(firing.rule),
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


def render_how(result: HowExplanation, markdown: bool = False) -> str:
    """The chain as an indented tree (nested lists in Markdown)."""
    e = partial(escape, markdown=markdown)
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
        out.append(f"{pad}  {e(node.statement)} ({e(node.support)})")
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
