"""Render advice as a readable summary: plain text for a terminal, or Markdown."""

from __future__ import annotations

import textwrap

from advisor.advice.model import Advice
from advisor.report.markdown import escape_markdown

WIDTH = 88
TOP_ACTIONS = 8
TOP_UNKNOWNS = 5


def name_list(names: tuple[str, ...], limit: int = 10) -> str:
    """Names joined by commas, the rest counted once there are more than ``limit``."""
    shown = ", ".join(names[:limit])
    return shown if len(names) <= limit else f"{shown} and {len(names) - limit} more"


def words(identifier: str) -> str:
    """An identifier in words: ``risk_tolerance`` -> ``risk tolerance``."""
    return identifier.replace("_", " ")


def summary_lines(advice: Advice, markdown: bool = False) -> list[str]:
    """The advice as lines of text; Markdown headings and bullets when ``markdown``."""
    h1 = "# " if markdown else ""
    h2 = "## " if markdown else ""
    bullet = "- " if markdown else "  - "
    user = escape_markdown if markdown else str  # text that may hold what the user typed
    out = [f"{h1}Collaboration advice: {user(advice.case_name)}", ""]
    out.append(f"Partners: {name_list(tuple(map(user, advice.partners)))}")
    high_unknowns = sum(1 for u in advice.unknowns if u.importance == "high")
    out.append(f"Confidence of this advice: {advice.confidence} ({high_unknowns} important fact(s) unknown)")
    out.append("")
    for verdict, title in (("recommended", "Recommended"), ("conditional", "Conditional")):
        chosen = [o for o in advice.options if o.verdict == verdict]
        out.append(f"{h2}{title}")
        if not chosen:
            out.append(f"{bullet}none")
        for option in chosen:
            out.append(f"{bullet}{option.name} (score {option.score})")
            for reason in option.reasons:
                sign = "+" if reason.delta > 0 else "-" if reason.delta < 0 else "="
                out.append(f"    {sign} {reason.text} [{reason.rule}]")
            for condition in option.conditions:
                out.append(f"    ! condition: {condition}")
        out.append("")
    not_advised = [o.name for o in advice.options if o.verdict == "not_advised"]
    out.append(f"{h2}Not advised")
    out.append(f"{bullet}{', '.join(not_advised) if not_advised else 'none'}")
    out.append("")
    out.append(f"{h2}Mechanisms")
    width = max(len(words(m)) for m in advice.mechanisms)
    for mechanism, state in advice.mechanisms.items():
        out.append(f"{bullet}{words(mechanism).ljust(width)}  {state.level}")
    out.append("")
    out.append(f"{h2}Risks")
    if not advice.risks:
        out.append(f"{bullet}none flagged")
    for risk in advice.risks:
        out.append(f"{bullet}[{risk.severity.upper()}] {risk.text} ({risk.id})")
    out.append("")
    formal = advice.formalisation
    out.append(f"{h2}Formalisation: {words(formal.instrument)}")
    out.append(f"{bullet}{formal.summary}")
    for element in formal.elements:
        out.append(f"    * {element}")
    out.append("")
    out.append(f"{h2}First actions")
    for action in advice.actions[:TOP_ACTIONS]:
        out.append(f"{bullet}({words(action.stage)}, {words(action.domain)}) {action.text} [{action.id}]")
    if len(advice.actions) > TOP_ACTIONS:
        out.append(f"{bullet}... and {len(advice.actions) - TOP_ACTIONS} more (see --format json)")
    out.append("")
    out.append(f"{h2}What the advisor did not know")
    if not advice.unknowns:
        out.append(f"{bullet}nothing that matters")
    for unknown in advice.unknowns[:TOP_UNKNOWNS]:
        out.append(f"{bullet}{user(unknown.fact)} ({unknown.importance}): {user(unknown.why)}")
    if len(advice.unknowns) > TOP_UNKNOWNS:
        out.append(f"{bullet}... and {len(advice.unknowns) - TOP_UNKNOWNS} more")
    out.append("")
    out.append(
        f"Knowledge base {advice.knowledge_base['version']}; {len(advice.trace)} rule firings. "
        "`advisor advise CASE --format json` gives the complete advice and trace."
    )
    return out


def _wrap(line: str) -> list[str]:
    """Wrap a long line at :data:`WIDTH`, continuing under its text."""
    body = line.lstrip()
    indent = len(line) - len(body)
    hang = indent + (2 if body[:2] in ("- ", "+ ", "* ", "! ", "= ") else 0)
    return textwrap.wrap(line, WIDTH, subsequent_indent=" " * hang, break_on_hyphens=False) or [line]


def render_text(advice: Advice) -> str:
    """Plain text for a person at a terminal, wrapped to fit an ordinary terminal."""
    return "\n".join(part for line in summary_lines(advice) for part in _wrap(line)) + "\n"


def render_markdown(advice: Advice) -> str:
    """Markdown for documents and wikis."""
    return "\n".join(summary_lines(advice, markdown=True)) + "\n"
