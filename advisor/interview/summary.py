"""The advice as the interview shows it at the end: short enough to read at a terminal, with
the unknown facts named by the questions that would have settled them."""

from __future__ import annotations

import textwrap

from advisor.advice.model import Advice, Option
from advisor.interview.catalogue import Catalogue

WIDTH = 78
TOP_ACTIONS = 5
TOP_UNKNOWNS = 4
IMPORTANCE = ("high", "medium", "low")

# Each line is (kind, text); the terminal styles the kinds.
Line = tuple[str, str]


def _item(kind: str, bullet: str, text: str, indent: int = 2) -> list[Line]:
    first = " " * indent + bullet
    rest = " " * len(first)
    return [(kind, line) for line in textwrap.wrap(text, WIDTH, initial_indent=first, subsequent_indent=rest)]


def _reason(option: Option) -> str:
    """The strongest reason in favour (or, failing that, the first reason)."""
    favour = [r for r in option.reasons if r.delta > 0]
    chosen = max(favour, key=lambda r: r.delta) if favour else (option.reasons[0] if option.reasons else None)
    return f"{option.name}: {chosen.text}" if chosen else option.name


def _fact_label(fact: str, catalogue: Catalogue) -> str:
    owner, _, field = fact.partition(".")
    if owner == "partners":
        return f"{catalogue.question('partner.' + field).label} of the partners"
    return catalogue.question(fact).label


def advice_lines(advice: Advice, catalogue: Catalogue) -> list[Line]:
    """The recommended and conditional forms with one-line reasons, the high-severity risks,
    the formalisation, the first actions and the unknowns that mattered most."""
    important = sum(1 for u in advice.unknowns if u.importance == "high")
    noun = "fact" if important == 1 else "facts"
    out: list[Line] = [("title", f"Advice for {advice.case_name}")]
    out += _item("text", "", f"Confidence: {advice.confidence} ({important} important {noun} unknown)", 0)
    for verdict, title in (("recommended", "Recommended"), ("conditional", "Worth considering, on conditions")):
        out += [("text", ""), ("heading", title)]
        options = [o for o in advice.options if o.verdict == verdict]
        if not options:
            out.append(("text", "  none"))
        for option in options:
            out += _item("text", "* ", _reason(option))
            if verdict == "conditional" and option.conditions:
                out += _item("detail", "if: ", option.conditions[0], 6)
    out += [("text", ""), ("heading", "High-severity risks")]
    high = [r for r in advice.risks if r.severity == "high"]
    out += [line for risk in high for line in _item("warn", "! ", risk.text)] or [("text", "  none flagged")]
    formal = advice.formalisation
    out += [("text", ""), ("heading", f"Formalisation: {formal.instrument.replace('_', ' ')}")]
    out += _item("text", "", formal.summary)
    out += [("text", ""), ("heading", "First actions")]
    for number, action in enumerate(advice.actions[:TOP_ACTIONS], start=1):
        out += _item("text", f"{number}. ", f"{action.text} ({action.stage.replace('_', ' ')})")
    out += [("text", ""), ("heading", "What the advisor did not know that mattered most")]
    by_weight = sorted(advice.unknowns, key=lambda u: (IMPORTANCE.index(u.importance), -len(u.rules)))
    unknowns = [u for u in by_weight if u.importance != "low"][:TOP_UNKNOWNS]
    for unknown in unknowns:
        out += _item("text", "- ", f"{_fact_label(unknown.fact, catalogue)} ({unknown.importance}): {unknown.why}")
    if not unknowns:
        out.append(("text", "  nothing that mattered much"))
    return out


def advice_text(advice: Advice, catalogue: Catalogue) -> str:
    """:func:`advice_lines` as plain text."""
    return "\n".join(text for _, text in advice_lines(advice, catalogue)) + "\n"
