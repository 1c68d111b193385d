"""The advice as plain text for a terminal, or as Markdown: both format the one
:class:`~advisor.report.view.AdviceView`."""

from __future__ import annotations

import textwrap

from advisor.advice.model import Advice
from advisor.report.markdown import escape_markdown
from advisor.report.view import AdviceView, FormalisationView, OptionView, RiskView, advice_view, gloss_first

WIDTH = 88


def words(identifier: str) -> str:
    """An identifier in words: ``risk_tolerance`` -> ``risk tolerance``."""
    return identifier.replace("_", " ")


class _Lines:
    """Lines of text or Markdown: headings and bullets in the dialect asked for."""

    def __init__(self, markdown: bool) -> None:
        self.markdown = markdown
        self.out: list[str] = []

    def esc(self, text: str) -> str:
        return escape_markdown(text) if self.markdown else text

    def heading(self, text: str, level: int = 2) -> None:
        if self.out and self.out[-1] != "":
            self.out.append("")
        self.out.append(("#" * level + " " if self.markdown else "") + self.esc(text))

    def line(self, text: str, depth: int = 0, bullet: str = "-") -> None:
        if self.markdown:
            self.out.append("  " * depth + f"{'-' if bullet else ''} {self.esc(text)}".rstrip())
        else:
            self.out.append("  " * (depth + 1) + (f"{bullet} " if bullet else "") + text)

    def para(self, text: str) -> None:
        self.out.append(self.esc(text))


def _risks(out: _Lines, risks: tuple[RiskView, ...], depth: int, show_form: bool) -> None:
    if not risks:
        out.line("none flagged", depth)
    for risk in risks:
        about = f" ({risk.about})" if show_form and risk.about else ""
        out.line(f"[{risk.severity.upper()}] {risk.headline}{about}", depth)
        for consequence in risk.consequences:
            out.line(consequence, depth + 1, "-")
        if risk.mitigations:
            out.line("To mitigate: " + "; ".join(risk.mitigations), depth + 1, ">")


def _formalisation(out: _Lines, formal: FormalisationView, depth: int) -> None:
    out.line(formal.instrument + (" (already in place)" if formal.in_place else ""), depth)
    out.line(formal.summary, depth + 1, "")
    out.line(f"Why: {formal.reason}", depth + 1, "")
    for model in formal.governance:
        out.line(f"Governance: {model}", depth + 1, "")
    if formal.governance_in_place:
        out.line(formal.governance_in_place, depth + 1, "")
    for element in formal.needed:
        out.line(f"needed: {element}", depth + 1, "*")
    for element in formal.already:
        out.line(f"in place: {element}", depth + 1, "*")


def _option(out: _Lines, option: OptionView, asked: bool) -> None:
    if asked:
        out.line(f"{option.name} (see the options you asked about)", 0)
        return
    out.line(f"{option.name}", 0)
    _reasons(out, option)
    if option.risks:
        out.line("Main risks: " + "; ".join(r.headline.rstrip(".") for r in option.risks) + ".", 1, "")


def _reasons(out: _Lines, option: OptionView) -> None:
    """An option's reasons, each with the strength of its support, then its conditions."""
    for reason in option.reasons:
        strength = f" ({reason.strength})" if reason.strength else ""
        out.line(f"{reason.text}{strength}", 1, reason.sign)
    for condition in option.conditions:
        out.line(f"condition: {condition}", 1, "!")


def _proposals(out: _Lines, view: AdviceView) -> None:
    out.heading("The options you asked about")
    for proposal in view.proposals:
        option = proposal.option
        top = " It is the advisor's top option." if proposal.is_top else ""
        out.line(f"{option.name}: {option.verdict} - {option.meaning}.{top}", 0)
        _reasons(out, option)
        if option.deciding:
            out.line("Would be decided by: " + "; ".join(option.deciding), 1, "?")
        if option.risks:
            out.line("Risks of this form:", 1, "")
            _risks(out, option.risks, 2, show_form=False)
        if option.formalisation:
            out.line("Formalisation:", 1, "")
            _formalisation(out, option.formalisation, 2)
        if proposal.pathway_note:
            out.line(proposal.pathway_note, 1, "")
            for pathway in proposal.pathways:
                out.line(pathway, 2)
        if proposal.building:
            out.line("Lighter forms that would build towards it: " + ", ".join(proposal.building), 1, "")


def summary_lines(advice: Advice, markdown: bool = False) -> list[str]:
    """The advice as lines of text; Markdown headings and bullets when ``markdown``."""
    view = advice_view(advice)
    out = _Lines(markdown)
    out.heading(view.title, 1)
    out.para("")
    out.para(f"Partners: {view.partners}")
    out.para(f"Stage: {view.stage}")
    out.para(view.certainty)
    if view.settle:
        out.para("The answers that would settle it: " + "; ".join(view.settle) + ".")
    if view.proposals:
        _proposals(out, view)
    asked = {p.option.form for p in view.proposals}
    for title, options in (("Recommended", view.recommended), ("Conditional", view.conditional)):
        out.heading(title)
        if not options:
            out.line("none")
        for option in options:
            _option(out, option, option.form in asked)
    if view.undecided:
        out.heading("Undecided (the facts that would decide them are unknown)")
        for option in view.undecided:
            deciding = "; ".join(option.deciding) if option.deciding else "several facts together"
            out.line(f"{option.name}: would be decided by {deciding}")
    out.heading("Not advised")
    if not view.not_advised:
        out.line("none")
    for option in view.not_advised:
        out.line(f"{option.name}: {option.main_reason}")
    out.heading("Mechanisms")
    width = max((len(name) for name, _ in view.mechanisms), default=0)
    table = frozenset(range(len(out.out), len(out.out) + len(view.mechanisms)))
    for name, level in view.mechanisms:
        out.line(f"{name.ljust(width)}  {level}")
    out.heading("Risks")
    _risks(out, view.risks, 0, show_form=True)
    out.heading("Formalisation")
    _formalisation(out, view.formalisation, 0)
    out.heading("What to do")
    for group in view.actions:
        out.line(group.title, 0, "")
        if group.note:
            out.line(group.note, 1, "")
        for action in group.actions:
            out.line(action, 1)
    if view.more_actions:
        out.line(f"... and {view.more_actions} more in the full advice (JSON)")
    out.heading("What the advisor did not know")
    if not view.unknowns:
        out.line("nothing that could change a verdict")
    for unknown in view.unknowns:
        out.line(unknown)
    if view.more_unknowns:
        out.line(f"... and {view.more_unknowns} more")
    out.heading("About the evidence")
    out.para(view.limits)
    out.para("")
    out.para(view.footer)
    return gloss_first(out.out, skip=table)


def _wrap(line: str) -> list[str]:
    """Wrap a long line at :data:`WIDTH`, continuing under its text."""
    body = line.lstrip()
    indent = len(line) - len(body)
    hang = indent + (2 if body[:2] in ("- ", "+ ", "* ", "! ", "= ", "? ", "> ") else 0)
    return textwrap.wrap(line, WIDTH, subsequent_indent=" " * hang, break_on_hyphens=False) or [line]


def render_text(advice: Advice) -> str:
    """Plain text for a person at a terminal, wrapped to fit an ordinary terminal."""
    return "\n".join(part for line in summary_lines(advice) for part in _wrap(line)) + "\n"


def render_markdown(advice: Advice) -> str:
    """Markdown for documents and wikis; text from the case is escaped."""
    return "\n".join(summary_lines(advice, markdown=True)) + "\n"
