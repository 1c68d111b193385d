"""The case's causal web as an SVG picture: the contexts that fired (left), the mechanisms
they moved (middle, in the order the engine resolves them) and the outcomes that followed
(right: recommended forms, risks, expected effects of the preferred form), after the report's
context-mechanism-outcome configurations (chapter 4, Box 1, Table 7, Table 9).

Drawn only from the advice's trace. Readable in greyscale: solid arrows push a mechanism up or
support an outcome, dashed arrows push down or count against it; every label is text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from advisor.advice.model import Advice, FactRef, Firing
from advisor.explain.trace import CASE_FACTS, constrained_slots, describe_fact, label
from advisor.kb.load import load_knowledge
from advisor.rules.registry import mechanism_order

NODE_W = 200
NODE_H = 36
ROW = 46
COL_GAP = 90
TOP = 56
MARGIN = 16
LINE_CHARS = 31
MECHANISM_SOURCES = frozenset(CASE_FACTS | {"Context", "Measured"})
OUTCOME_SOURCES = frozenset({"Context"})
CONTEXTS, MECHANISMS, OUTCOMES = 0, 1, 2
COLUMN_TITLES = ("Contexts", "Mechanisms", "Outcomes")
STYLE = {
    "context": 'fill="#ffffff" stroke="#000000" stroke-width="1"',
    "mechanism": 'fill="#e8e8e8" stroke="#000000" stroke-width="1.5" rx="10"',
    "form": 'fill="#c8c8c8" stroke="#000000" stroke-width="2"',
    "risk": 'fill="#ffffff" stroke="#000000" stroke-width="2" stroke-dasharray="5 3"',
    "effect": 'fill="#f4f4f4" stroke="#000000" stroke-width="1" rx="4"',
}


@dataclass
class _Node:
    key: str
    text: str
    column: int
    style: str
    row: int = 0


@dataclass
class _Web:
    nodes: dict[str, _Node] = field(default_factory=dict)
    edges: dict[tuple[str, str, bool], None] = field(default_factory=dict)

    def node(self, key: str, text: str, column: int, style: str) -> str:
        self.nodes.setdefault(key, _Node(key, text, column, style))
        return key

    def link(self, sources: list[str], target: str, negative: bool) -> None:
        for source in sources:
            self.edges[(source, target, negative)] = None


def _sources(web: _Web, firing: Firing, levels: dict[str, FactRef], kinds: frozenset[str]) -> list[str]:
    """The nodes a firing starts from: the contexts (of ``kinds``) it matched and mechanism levels."""
    slots = constrained_slots(firing.rule)
    keys = []
    for ref in firing.matched:
        if ref.fact in kinds:
            text = describe_fact(ref, slots.get(ref.fact, ()))
            keys.append(web.node("c:" + text, text, CONTEXTS, "context"))
        elif ref.fact == "Level":
            keys.append(_mechanism(web, levels[ref.values["mechanism"]]))
    return keys


def _mechanism(web: _Web, level: FactRef) -> str:
    mechanism = level.values["mechanism"]
    text = f"{label(mechanism)}: {level.values['level']}"
    return web.node("m:" + mechanism, text, MECHANISMS, "mechanism")


def _build(advice: Advice) -> _Web:
    """Mechanisms start from contexts and case facts; outcomes from contexts and mechanisms."""
    web = _Web()
    kb = load_knowledge()
    levels = {a.values["mechanism"]: a for f in advice.trace for a in f.asserted if a.fact == "Level"}
    chosen = {o.form for o in advice.options if o.verdict == "recommended"}
    for firing in advice.trace:
        for ref in firing.asserted:
            v = ref.values
            if ref.fact == "Effect" and v["mechanism"] in levels:
                target = _mechanism(web, levels[v["mechanism"]])
                web.link(_sources(web, firing, levels, MECHANISM_SOURCES), target, v["delta"] < 0)
                continue
            if ref.fact == "FormEvidence" and v["form"] in chosen:
                target = web.node("f:" + v["form"], f"{label(v['form'])}: recommended", OUTCOMES, "form")
            elif ref.fact == "Risk":
                target = web.node("r:" + v["id"], f"Risk: {v['id'].replace('_', ' ')}", OUTCOMES, "risk")
            elif ref.fact == "ExpectedEffect":
                category = kb[v["id"]].category
                kind = "Benefit" if v["effect"] == "benefit" else "Unintended effect"
                target = web.node(f"e:{v['effect']}:{category}", f"{kind}: {category}", OUTCOMES, "effect")
            else:
                continue
            web.link(_sources(web, firing, levels, OUTCOME_SOURCES), target, v.get("delta", 0) < 0)
    return web


def _wrap(text: str) -> list[str]:
    """Up to two lines of text, cut with an ellipsis when longer."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if len(candidate) <= LINE_CHARS or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    lines.append(current)
    if len(lines) > 2:
        lines = [lines[0], lines[1][: LINE_CHARS - 1] + "\u2026"]
    return [line if len(line) <= LINE_CHARS else line[: LINE_CHARS - 1] + "\u2026" for line in lines]


def _layout(web: _Web) -> tuple[list[_Node], int]:
    """The nodes with an edge, placed in rows (mechanisms in the order the engine resolves
    them), each column centred; and the number of rows of the tallest column."""
    used = {key for edge in web.edges for key in edge[:2]}
    order = {key: i for i, key in enumerate(web.nodes)}
    resolved = mechanism_order()

    def sort_key(node: _Node) -> tuple[int, int]:
        tier = resolved.index(node.key[2:]) if node.column == MECHANISMS else 0
        return tier, order[node.key]

    nodes = sorted((n for n in web.nodes.values() if n.key in used), key=lambda n: (n.column, *sort_key(n)))
    counts = [sum(1 for n in nodes if n.column == c) for c in range(len(COLUMN_TITLES))]
    tallest = max(counts + [1])
    seen = [0] * len(COLUMN_TITLES)
    for node in nodes:
        node.row = (tallest - counts[node.column]) // 2 + seen[node.column]
        seen[node.column] += 1
    return nodes, tallest


def _edge(a: _Node, b: _Node, negative: bool) -> str:
    """A curved arrow from a to b; between two mechanisms, a loop on the column's right side."""
    x1, y1 = _x(a.column) + NODE_W, TOP + a.row * ROW + NODE_H // 2
    if a.column == b.column:
        x2, y2 = x1, TOP + b.row * ROW + NODE_H // 2
        bend = min(COL_GAP - 10, 24 + 6 * abs(b.row - a.row))
        path = f"M{x1},{y1} C{x1 + bend},{y1} {x2 + bend},{y2} {x2},{y2}"
    else:
        x2, y2 = _x(b.column), TOP + b.row * ROW + NODE_H // 2
        bend = max(40, (x2 - x1) // 2)
        path = f"M{x1},{y1} C{x1 + bend},{y1} {x2 - bend},{y2} {x2},{y2}"
    dash = ' stroke-dasharray="6 4"' if negative else ""
    return f'<path d="{path}" fill="none" stroke="#333333" stroke-width="1.1"{dash} marker-end="url(#arrow)"/>'


def _x(column: int) -> int:
    return MARGIN + column * (NODE_W + COL_GAP)


def causal_web_svg(advice: Advice, *, inline: bool = False) -> str:
    """The causal web of a case as SVG text (deterministic, greyscale-safe).

    Standalone SVG names its XML namespace; ``inline=True`` leaves it out for embedding in an
    HTML page, which needs none (and so carries no URL at all)."""
    web = _build(advice)
    nodes, tallest = _layout(web)
    by_key = {n.key: n for n in nodes}
    width = _x(len(COLUMN_TITLES)) - COL_GAP + MARGIN
    height = TOP + tallest * ROW + 70
    namespace = "" if inline else ' xmlns="http://www.w3.org/2000/svg"'
    out = [
        f'<svg{namespace} width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="Helvetica, Arial, sans-serif" font-size="11">',
        f"<title>{escape('Causal web: ' + advice.case_name)}</title>",
        "<desc>Contexts that fired, the mechanisms they moved and the outcomes that followed. "
        "Solid arrows: pushes up or supports; dashed arrows: pushes down or counts against.</desc>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#333333"/></marker></defs>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    for column, title in enumerate(COLUMN_TITLES):
        out.append(f'<text x="{_x(column)}" y="{TOP - 22}" font-size="14" font-weight="bold">{title}</text>')
    out += [_edge(by_key[source], by_key[target], negative) for source, target, negative in web.edges]
    for node in nodes:
        x, y = _x(node.column), TOP + node.row * ROW
        lines = _wrap(node.text)
        out.append(f"<g><title>{escape(node.text)}</title>")
        out.append(f'<rect x="{x}" y="{y}" width="{NODE_W}" height="{NODE_H}" {STYLE[node.style]}/>')
        first = y + (NODE_H // 2 + 4 if len(lines) == 1 else 15)
        for i, line in enumerate(lines):
            out.append(f'<text x="{x + 8}" y="{first + 13 * i}">{escape(line)}</text>')
        out.append("</g>")
    legend_y = height - 38
    out.append(
        f'<g><path d="M{MARGIN},{legend_y} h40" stroke="#333333" stroke-width="1.1" marker-end="url(#arrow)"/>'
        f'<text x="{MARGIN + 50}" y="{legend_y + 4}">pushes up / supports</text>'
        f'<path d="M{MARGIN + 200},{legend_y} h40" stroke="#333333" stroke-width="1.1" stroke-dasharray="6 4" '
        f'marker-end="url(#arrow)"/><text x="{MARGIN + 250}" y="{legend_y + 4}">pushes down / counts against</text>'
        + "".join(
            f'<text x="{MARGIN}" y="{legend_y + 20 + 14 * i}">{escape(line)}</text>'
            for i, line in enumerate(_legend_note(nodes))
        )
        + "</g>"
    )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _legend_note(nodes: list[_Node]) -> tuple[str, ...]:
    if not nodes:
        return ("No context moved a mechanism or led to an outcome in this case.",)
    return (
        "Grey boxes: mechanisms with their level; dark grey: recommended forms; dashed: risks.",
        "Outcomes are drawn from contexts and mechanisms; the case facts behind them are in the trace.",
    )
