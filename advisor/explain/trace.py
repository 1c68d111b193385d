"""The reasoning trace made readable: which firing built on which, the facts each rule
matched in domain words, and the trace grouped by layer as text, Markdown or HTML.

The engine records, for every firing, the facts it matched, the facts it asserted and the
earlier firings it *built on* (``Advice.trace``, ``Firing.built_on``): those that asserted the
facts it matched, and for the three steps that read working memory as a whole, the effects a
mechanism's level was settled from, the evidence behind a form's verdict and the verdict of
the form ranked first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from markupsafe import Markup
from pydantic import BaseModel, ConfigDict

from advisor.advice.model import Advice, FactRef, Firing
from advisor.files.errors import UserInputError
from advisor.kb.load import load_knowledge
from advisor.report.markdown import escape_markdown
from advisor.report.templating import make_environment
from advisor.rules.facts import FACT_PREFIX_BY_NAME
from advisor.rules.registry import CONDITIONS, REGISTRY, STRENGTH_WORDS, walk_patterns

# Sections of the trace, in causal order, and the rule layers each holds.
SECTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("context", "Context: what the case's facts amount to", ("context",)),
    ("mechanisms", "Mechanisms: what the contexts set off, and the levels they reach", ("mechanisms", "levels")),
    ("forms", "Forms: evidence for and against each form, verdicts and expected effects", ("forms",)),
    ("risks", "Risks: what puts the collaboration at risk", ("risks",)),
    ("formalisation", "Formalisation: how formal the agreement should be", ("formalisation",)),
    ("actions", "Actions: what to do, and when", ("actions",)),
)
SECTION_OF_LAYER = {layer: section for section, _, layers in SECTIONS for layer in layers}
# Facts the engine starts from: the case (collaboration, relationship, partners), the
# typology of forms (Table 2), measured mechanism levels and experta's initial fact.
CASE_FACTS = set(FACT_PREFIX_BY_NAME)
START_FACTS = CASE_FACTS | {"FormFact", "Measured", "InitialFact"}


class TraceError(UserInputError):
    """A trace request that names no rule of the advisor."""


# -- the dependency graph of a trace ----------------------------------------------------------


@dataclass(frozen=True)
class TraceGraph:
    """Which firing built on which: ``inputs[step]`` are the earlier steps whose conclusions
    that firing used; ``outputs[step]`` the later steps that used its conclusions."""

    firings: dict[int, Firing]
    inputs: dict[int, tuple[int, ...]]
    outputs: dict[int, tuple[int, ...]]

    def downstream(self, steps: Iterable[int]) -> tuple[int, ...]:
        """The given steps and every step that built on them, transitively, in order."""
        return self._closure(steps, self.outputs)

    def upstream(self, steps: Iterable[int]) -> tuple[int, ...]:
        """The given steps and every step they built on, transitively, in order."""
        return self._closure(steps, self.inputs)

    @staticmethod
    def _closure(steps: Iterable[int], edges: dict[int, tuple[int, ...]]) -> tuple[int, ...]:
        seen: set[int] = set()
        todo = list(steps)
        while todo:
            step = todo.pop()
            if step not in seen:
                seen.add(step)
                todo.extend(edges[step])
        return tuple(sorted(seen))

    def start_facts(self, step: int) -> tuple[FactRef, ...]:
        """The facts a firing matched that no rule asserted: the case's and the typology's."""
        return tuple(m for m in self.firings[step].matched if m.fact in START_FACTS and m.fact != "InitialFact")


def trace_graph(trace: tuple[Firing, ...]) -> TraceGraph:
    """Link every firing to the earlier firings whose conclusions it used (``Firing.built_on``,
    recorded by the engine) and to the later ones that used its conclusions."""
    outputs: dict[int, list[int]] = {f.step: [] for f in trace}
    for firing in trace:
        for source in firing.built_on:
            outputs[source].append(firing.step)
    return TraceGraph(
        {f.step: f for f in trace}, {f.step: f.built_on for f in trace}, {k: tuple(v) for k, v in outputs.items()}
    )


# -- facts in domain words --------------------------------------------------------------------


@cache
def constrained_slots(rule_id: str) -> dict[str, tuple[str, ...]]:
    """For each kind of fact a rule matches, the slots its patterns name (the rule's ``reads``
    for case facts)."""
    slots: dict[str, dict[str, None]] = {}
    for pattern in walk_patterns(CONDITIONS[rule_id]):
        keys = slots.setdefault(type(pattern).__name__, {})
        keys.update((k, None) for k in pattern if isinstance(k, str))
    return {kind: tuple(keys) for kind, keys in slots.items()}


def label(identifier: str) -> str:
    """A knowledge item's name, or the identifier in words."""
    kb = load_knowledge()
    return kb[identifier].name if identifier in kb else identifier.replace("_", " ")


def show_value(value: Any) -> str:
    """A slot value as the case file writes it (lists comma-separated, empty as none)."""
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value)) if value else "none"
    return str(value)


def _slots(values: dict[str, Any], slots: Iterable[str]) -> str:
    return ", ".join(f"{slot} = {show_value(values[slot])}" for slot in slots if slot in values)


def describe_fact(ref: FactRef, slots: tuple[str, ...] | None = None) -> str:
    """A fact in domain words, e.g. ``collaboration: mandation = mandated``; for the case's
    facts only ``slots`` are shown when given (the ones a rule constrains)."""
    v = ref.values
    if ref.fact in CASE_FACTS:
        prefix = FACT_PREFIX_BY_NAME[ref.fact]
        return f"{prefix}: {_slots(v, sorted(v) if slots is None else slots)}"
    if ref.fact == "FormFact":
        shown = [s for s in (slots or ()) if s != "id"]
        return f"form {label(v['id'])} (Table 2)" + (f": {_slots(v, shown)}" if shown else "")
    describe = _DESCRIBERS.get(ref.fact)
    return describe(v) if describe else f"{ref.fact}: {_slots(v, sorted(v))}"


def _signed(delta: int) -> str:
    return f"+{delta}" if delta > 0 else str(delta)


_DESCRIBERS = {
    "Context": lambda v: f"context: {v['name'].replace('_', ' ')}",
    "Effect": lambda v: f"pushes {label(v['mechanism'])} {_signed(v['delta'])}",
    "Level": lambda v: f"mechanism {label(v['mechanism'])} = {v['level']} (score {v['score']})",
    "Measured": lambda v: f"measured {label(v['mechanism'])} = {v['level']}",
    "FormEvidence": lambda v: (
        f"evidence on {label(v['form'])}: {_signed(v['delta'])}, {v['text']}"
        + ("; rules it out" if v.get("block") == "yes" else "")
        + (f"; condition: {v['condition']}" if v.get("condition") else "")
    ),
    "Verdict": lambda v: f"verdict on {label(v['form'])}: {v['verdict'].replace('_', ' ')} (score {v['score']})",
    "TopForm": lambda v: f"preferred form: {label(v['form'])} ({v['verdict']})",
    "Risk": lambda v: f"risk {v['id']} ({v['severity']}): {v['text']}",
    "Formalisation": lambda v: f"formalisation: {v['instrument']}, {v['summary']}",
    "FormalElement": lambda v: f"agreement element: {v['text']}",
    "ActionFact": lambda v: f"action {v['id']}: {label(v['id'])}",
    "ExpectedEffect": lambda v: f"expected {v['effect']}: {label(v['id'])}",
}


def matched_words(firing: Firing) -> tuple[str, ...]:
    """The facts a firing matched, in domain words, showing the slots its rule constrains."""
    slots = constrained_slots(firing.rule)
    return tuple(describe_fact(m, slots.get(m.fact, ())) for m in firing.matched if m.fact != "InitialFact")


# -- the trace as a view ------------------------------------------------------------------


class _View(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FiringView(_View):
    """One firing as a trainer shows it."""

    step: int
    rule: str
    statement: str
    support: str
    matched: tuple[str, ...]
    concluded: tuple[str, ...]
    built_on: tuple[int, ...]
    sources: tuple[str, ...]
    guidance: tuple[str, ...]
    selected: bool


class TraceSection(_View):
    """The firings of one layer (or two: mechanism effects and levels), in step order."""

    id: str
    title: str
    firings: tuple[FiringView, ...]


class TraceView(_View):
    """The trace of one case, grouped by layer; with ``rule``, only that rule's firings and
    the firings that built on them."""

    case_name: str
    partners: tuple[str, ...]
    rule: str | None
    rule_statement: str | None
    total_firings: int
    sections: tuple[TraceSection, ...]

    def firings(self) -> tuple[FiringView, ...]:
        """Every firing shown, section by section."""
        return tuple(f for s in self.sections for f in s.firings)


def support_words(rule_id: str) -> str:
    """How strong a rule's support is, in words, with the report lines it rests on:
    'the report finds (lines 1085, 1154)', 'our calibration', 'NHS guidance, not the report'."""
    spec = REGISTRY[rule_id]
    words = STRENGTH_WORDS[spec.strength or "calibration"]
    return f"{words} (report lines {', '.join(spec.lines)})" if spec.lines else words


def firing_view(firing: Firing, graph: TraceGraph, selected: bool = False) -> FiringView:
    """A firing in domain words; its citations split into the report's evidence and the
    policy guidance it also rests on."""
    kb = load_knowledge()
    return FiringView(
        step=firing.step,
        rule=firing.rule,
        statement=firing.statement,
        support=support_words(firing.rule),
        matched=matched_words(firing),
        concluded=tuple(describe_fact(a) for a in firing.asserted),
        built_on=graph.inputs[firing.step],
        sources=tuple(c for c in firing.sources if not kb.is_guidance_citation(c)),
        guidance=tuple(c for c in firing.sources if kb.is_guidance_citation(c)),
        selected=selected,
    )


def build_trace_view(advice: Advice, rule: str | None = None) -> TraceView:
    """The trace grouped by layer; ``rule`` keeps that rule's firings and what came from them."""
    graph = trace_graph(advice.trace)
    steps = tuple(graph.firings)
    own: set[int] = set()
    if rule is not None:
        if rule not in REGISTRY:
            close = sorted(r for r in REGISTRY if r.split(".")[0] == rule.split(".")[0])[:8]
            raise TraceError(
                f"rule {rule!r}: no such rule"
                + (f"; rules like it: {', '.join(close)}" if close else "; rule ids look like ctx.two_partners")
                + " (`advisor kb list rules` lists them all)"
            )
        own = {f.step for f in advice.trace if f.rule == rule}
        steps = graph.downstream(own)
    sections = []
    for section_id, title, _ in SECTIONS:
        shown = tuple(
            firing_view(graph.firings[s], graph, s in own)
            for s in steps
            if SECTION_OF_LAYER[graph.firings[s].layer] == section_id
        )
        if shown:
            sections.append(TraceSection(id=section_id, title=title, firings=shown))
    return TraceView(
        case_name=advice.case_name,
        partners=advice.partners,
        rule=rule,
        rule_statement=REGISTRY[rule].statement if rule else None,
        total_firings=len(advice.trace),
        sections=tuple(sections),
    )


def intro_lines(view: TraceView) -> list[str]:
    """The lines under the title: partners, and how many firings are shown and why."""
    lines = [f"Partners: {', '.join(view.partners)}"]
    if view.rule is None:
        lines.append(f"{view.total_firings} rule firings, in the order they happened, grouped by layer.")
    elif not view.sections:
        lines.append(f"Rule {view.rule} did not fire for this case ({view.rule_statement})")
    else:
        n_own = sum(1 for f in view.firings() if f.selected)
        lines.append(
            f"Rule {view.rule} fired {n_own} time(s); shown with the {len(view.firings()) - n_own} "
            f"later firing(s) that built on what it concluded (of {view.total_firings} in all)."
        )
    return lines


def firing_lines(firing: FiringView, markdown: bool = False) -> list[str]:
    """One firing as lines of text (or Markdown)."""
    mark = (" \\*" if markdown else " *") if firing.selected else ""
    if markdown:
        out = [f"### Step {firing.step}: `{firing.rule}`{mark}", "", firing.statement, ""]
        rows = [("Support", (firing.support,)), ("Matched", firing.matched), ("Concluded", firing.concluded)]
        rows.append(("Built on steps", tuple(map(str, firing.built_on))))
        rows.append(("Evidence", firing.sources))
        rows.append(("Guidance", firing.guidance))
        for title, items in rows:
            if items:
                out.append(f"- **{title}:** " + "; ".join(escape_markdown(i) for i in items))
        return [*out, ""]
    out = [f"[{firing.step}] {firing.rule}{mark}", f"    {firing.statement}", f"    support: {firing.support}"]
    for title, items in (("matched", firing.matched), ("concluded", firing.concluded)):
        out += [f"    {title}: {item}" for item in items]
    if firing.built_on:
        out.append(f"    built on steps: {', '.join(map(str, firing.built_on))}")
    out += [f"    evidence: {source}" for source in firing.sources]
    out += [f"    guidance: {source}" for source in firing.guidance]
    return [*out, ""]


def section_heading(section: TraceSection, markdown: bool = False) -> list[str]:
    """The heading that opens a section."""
    title = f"{section.title} ({len(section.firings)} firing(s))"
    return [f"## {title}", ""] if markdown else [title, "=" * len(title), ""]


def trace_text(view: TraceView) -> str:
    """The trace as plain text for a terminal."""
    out = [f"Reasoning trace: {view.case_name}", *intro_lines(view), ""]
    for section in view.sections:
        out += section_heading(section)
        for firing in section.firings:
            out += firing_lines(firing)
    return "\n".join(out).rstrip("\n") + "\n"


def trace_markdown(view: TraceView) -> str:
    """The trace as Markdown, one heading per layer and per firing (slide and handout ready)."""
    out = [
        f"# Reasoning trace: {escape_markdown(view.case_name)}",
        "",
        *(escape_markdown(line) + "  " for line in intro_lines(view)),
        "",
    ]
    if any(f.selected for f in view.firings()):
        out += ["Steps marked \\* are firings of the chosen rule.", ""]
    for section in view.sections:
        out += section_heading(section, markdown=True)
        for firing in section.firings:
            out += firing_lines(firing, markdown=True)
    return "\n".join(out).rstrip("\n") + "\n"


def trace_html(view: TraceView, svg: str) -> str:
    """The trace as one self-contained HTML page with the causal web picture."""
    template = make_environment().get_template("trace.html")
    # The SVG is generated (and every label escaped) by advisor.explain.causal_web.
    return template.render(view=view, intro=intro_lines(view), svg=Markup(svg)).rstrip("\n") + "\n"
