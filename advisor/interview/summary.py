"""The advice as the interview shows it at the end: the one view of the advice
(:func:`advisor.report.view.advice_view`), cut short enough to read at a terminal."""

from __future__ import annotations

import textwrap

from advisor.advice.model import Advice
from advisor.report.view import AdviceView, OptionView, advice_view, gloss_first

WIDTH = 78
TOP_OPTIONS = 3
TOP_RISKS = 4
TOP_ACTIONS = 5
TOP_UNKNOWNS = 3

# Each line is (kind, text); the terminal styles the kinds.
Line = tuple[str, str]
# A paragraph before wrapping: (kind, bullet, text, indent).
Item = tuple[str, str, str, int]


def _item(kind: str, bullet: str, text: str, indent: int = 2) -> list[Item]:
    return [(kind, bullet, text, indent)]


def _wrap(kind: str, bullet: str, text: str, indent: int) -> list[Line]:
    first = " " * indent + bullet
    rest = " " * len(first)
    return [(kind, line) for line in textwrap.wrap(text, WIDTH, initial_indent=first, subsequent_indent=rest) or [""]]


def _line(kind: str, text: str) -> list[Item]:
    return [(kind, "", text, 0)]


def _option(option: OptionView, with_verdict: bool) -> list[Item]:
    verdict = f" - {option.verdict}" if with_verdict else ""
    out = _item("text", "* ", f"{option.name}{verdict}: {option.main_reason}")
    if option.conditions and option.verdict != "recommended":
        out += _item("detail", "if: ", option.conditions[0], 6)
    return out


def _options(view: AdviceView) -> list[Item]:
    out: list[Item] = []
    if view.proposals:
        out += _line("text", "") + _line("heading", "The forms you had in mind")
        for proposal in view.proposals:
            out += _option(proposal.option, with_verdict=True)
    for title, options in (("Recommended", view.recommended), ("Worth considering, on conditions", view.conditional)):
        out += _line("text", "") + _line("heading", title)
        out += [item for option in options[:TOP_OPTIONS] for item in _option(option, with_verdict=False)]
        if not options:
            out += _item("text", "", "none")
        elif len(options) > TOP_OPTIONS:
            out += _item("detail", "", f"and {len(options) - TOP_OPTIONS} more in the full advice")
    return out


def advice_lines(advice: Advice) -> list[Line]:
    """The certainty, the forms asked about and the recommended and conditional forms with
    their main reason, the high-severity risks, the formalisation, the first actions and the
    unknowns that mattered most; the report's terms glossed where they first appear."""
    view = advice_view(advice)
    out = _line("title", f"Advice for {advice.case_name}") + _item("text", "", view.certainty, 0)
    out += _options(view)
    out += _line("text", "") + _line("heading", "High-severity risks")
    high = [r for r in view.risks if r.severity == "High"]
    out += [item for risk in high[:TOP_RISKS] for item in _item("warn", "! ", risk.headline)]
    if not high:
        out += _item("text", "", "none flagged")
    out += _line("text", "") + _line("heading", f"Formalisation: {view.formalisation.instrument}")
    out += _item("text", "", view.formalisation.summary)
    if view.actions:
        group = view.actions[0]
        out += _line("text", "") + _line("heading", f"First actions ({group.title.lower()})")
        for number, action in enumerate(group.actions[:TOP_ACTIONS], start=1):
            out += _item("text", f"{number}. ", action)
    out += _line("text", "") + _line("heading", "What the advisor did not know that mattered most")
    out += [item for unknown in view.unknowns[:TOP_UNKNOWNS] for item in _item("text", "- ", unknown)]
    if not view.unknowns:
        out += _item("text", "", "nothing that mattered much")
    glossed = gloss_first([text for _, _, text, _ in out])
    return [
        line
        for (kind, bullet, _, indent), text in zip(out, glossed, strict=True)
        for line in _wrap(kind, bullet, text, indent)
    ]


def advice_text(advice: Advice) -> str:
    """:func:`advice_lines` as plain text."""
    return "\n".join(text for _, text in advice_lines(advice)) + "\n"
