"""The advice brief: a short, self-contained HTML or PDF document for a board.

In the order a reader with ten minutes needs it: title block, executive summary, the options the
partners asked about, every option considered, the mechanism profile (a chart), the risks, the
formalisation, the action plan, what the advisor did not know, the limits of the evidence, any
extra sections (e.g. an option appraisal), the reasoning behind each conclusion (the only part
with rule and item ids), and the report it rests on. The body formats the one view of the
advice (:mod:`advisor.report.view`).
Everything a user typed is escaped (jinja2 autoescape); the PDF fetches nothing from outside
the package (see :mod:`advisor.report.pdf`).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from functools import cache
from importlib.resources import files
from typing import Any

import jinja2
from markupsafe import Markup
from pydantic import BaseModel, ConfigDict

from advisor.advice.model import Advice
from advisor.case.model import Case
from advisor.explain.causal_web import causal_web_svg
from advisor.kb.load import load_knowledge
from advisor.report.chart import mechanism_profile
from advisor.report.pdf import html_to_pdf
from advisor.report.reasoning import compact_sources, label, reasoning_chains
from advisor.report.templating import make_environment
from advisor.report.view import advice_view, sentence

__all__ = ["BriefSection", "html_to_pdf", "render_brief_html", "render_brief_pdf"]

TEMPLATE = "brief.html.j2"
STYLESHEET = "brief.css"
TOP_RISKS = 3
MONTHS = ("January February March April May June July August September October November December").split()


class BriefSection(BaseModel):
    """An extra section of the brief, placed before the reasoning appendix.

    ``html`` must come from our own templates with every user-typed value already escaped;
    it is inserted as it is.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str
    html: str


@cache
def _environment() -> jinja2.Environment:
    return make_environment()


def _long_date(day: datetime.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _context(advice: Advice, case: Case) -> dict[str, Any]:
    kb = load_knowledge()
    view = advice_view(advice)
    top = advice.top()
    return {
        "advice": advice,
        "view": view,
        "top": next((o for o in view.recommended + view.conditional if top and o.form == top.form), None),
        "top_risks": view.risks[:TOP_RISKS],
        "options": view.recommended + view.conditional + view.undecided + view.not_advised,
        "causal_web": Markup(causal_web_svg(advice, inline=True)),
        "partners": [
            {"name": p.name, "detail": ", ".join(label(v) for v in (p.sector, p.size) if v != "unknown")}
            for p in case.partners
        ],
        "profile": mechanism_profile(advice, kb),
        "chain_groups": _chain_groups(advice),
        "compact_sources": compact_sources,
        "sentence": sentence,
    }


def _chain_groups(advice: Advice) -> list[tuple[str, list[Any]]]:
    groups: dict[str, list[Any]] = {}
    for chain in reasoning_chains(advice):
        groups.setdefault(chain.group, []).append(chain)
    return list(groups.items())


def render_brief_html(
    advice: Advice,
    case: Case,
    *,
    extra_sections: Sequence[BriefSection] = (),
    generated: datetime.date | None = None,
) -> str:
    """The brief as one self-contained HTML document (inline CSS and SVG, no external references).

    ``generated`` is the date printed on the brief (today when not given).
    """
    if advice.partners != tuple(p.name for p in case.partners):
        raise ValueError("the advice was not produced for this case: its partners differ from the case's partners")
    env = _environment()
    stylesheet = files("advisor.templates").joinpath(STYLESHEET).read_text(encoding="utf-8")
    day = generated or datetime.date.today()
    return env.get_template(TEMPLATE).render(
        **_context(advice, case),
        css=Markup(stylesheet),
        extra_sections=[(s.title, Markup(s.html)) for s in extra_sections],
        generated=_long_date(day),
        generated_iso=day.isoformat(),
    )


def render_brief_pdf(
    advice: Advice,
    case: Case,
    *,
    extra_sections: Sequence[BriefSection] = (),
    generated: datetime.date | None = None,
) -> bytes:
    """The brief as PDF bytes: A4, page numbers, running header, embedded fonts."""
    return html_to_pdf(render_brief_html(advice, case, extra_sections=extra_sections, generated=generated))
