"""The advice brief: a short, self-contained HTML or PDF document for a board.

In the order a reader with ten minutes needs it: title block, executive summary, the options
considered, the mechanism profile (a chart), the risks by severity, the formalisation, the
action plan by life-cycle stage and domain, what the advisor did not know, any extra sections
(e.g. an option appraisal), the reasoning behind each conclusion, and the report it rests on.
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

from advisor.advice.model import Advice, Option
from advisor.case.model import Case
from advisor.explain.causal_web import causal_web_svg
from advisor.kb.load import load_knowledge
from advisor.report.chart import mechanism_profile
from advisor.report.pdf import html_to_pdf
from advisor.report.reasoning import compact_sources, label, reasoning_chains
from advisor.report.templating import make_environment
from advisor.rules.registry import REGISTRY

__all__ = ["BriefSection", "html_to_pdf", "render_brief_html", "render_brief_pdf"]

TEMPLATE = "brief.html.j2"
STYLESHEET = "brief.css"
TOP_RISKS = 5
VERDICT_RULE = "form.verdict"  # the rule that turns a form's evidence score into its verdict
MONTHS = ("January February March April May June July August September October November December").split()

# The formal instruments in words (Table 2, legal form of each type; Chapter 4, Trust versus
# confidence: from no agreement through MoU and contract to a new entity or a statutory body).
INSTRUMENT_NAMES = {
    "none": "No formal agreement",
    "mou": "Memorandum of understanding (MoU)",
    "contract": "Contract",
    "joint_committee": "Joint committee",
    "new_entity": "New legal entity",
    "statutory": "Statutory transaction or body",
}
VERDICT_NAMES = {"recommended": "Recommended", "conditional": "Conditional", "not_advised": "Not advised"}
SEVERITY_NAMES = {"high": "High", "medium": "Medium", "low": "Low"}


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


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _main_reason(option: Option) -> str:
    """The reason that weighed most in the direction of the verdict."""
    if not option.reasons:
        return "No specific evidence for or against this form here."
    pick = max if option.verdict != "not_advised" else min
    return _sentence(pick(option.reasons, key=lambda r: r.delta).text)


def _grouped_actions(advice: Advice) -> list[dict[str, Any]]:
    """The actions by life-cycle stage (in the advice's order), each stage's by domain (Table 4 order)."""
    kb = load_knowledge()
    stages = {s.id: s.name for s in kb.kind("lifecycle_stages")}
    domains = {d.id: (i, d.name) for i, d in enumerate(kb.kind("domains"))}
    out: list[dict[str, Any]] = []
    for action in advice.actions:
        if not out or out[-1]["id"] != action.stage:
            out.append({"id": action.stage, "name": stages.get(action.stage, label(action.stage)), "rows": []})
        domain = domains.get(action.domain, (len(domains), _sentence(label(action.domain))))
        out[-1]["rows"].append((domain, action))
    for stage in out:
        stage["rows"] = [(domain[1], action) for domain, action in sorted(stage["rows"], key=lambda r: (r[0], r[1].id))]
    return out


def _unknown_name(fact: str) -> str:
    group, _, field = fact.partition(".")
    return f"{_sentence(label(group))}: {label(field)}"


def _context(advice: Advice, case: Case) -> dict[str, Any]:
    kb = load_knowledge()
    c = case.collaboration
    recommended = advice.recommended()
    conditional = tuple(o for o in advice.options if o.verdict == "conditional")
    high = [r for r in advice.risks if r.severity == "high"]
    top_risks = (high or list(advice.risks))[:TOP_RISKS]
    formal = advice.formalisation
    why = dict.fromkeys(REGISTRY[r].statement for r in formal.because if r in REGISTRY)
    facts = [
        (
            "Mandation",
            c.mandation if c.mandation != "mandated" or c.mandated_by == "unknown" else f"mandated by {c.mandated_by}",
        ),
        ("Scope", c.scope),
        ("Life-cycle stage", c.stage),
        ("Drivers", ", ".join(c.drivers) if c.drivers else "unknown"),
    ]
    return {
        "advice": advice,
        "causal_web": Markup(causal_web_svg(advice, inline=True)),
        "partners": [
            {"name": p.name, "detail": ", ".join(label(v) for v in (p.sector, p.size) if v != "unknown")}
            for p in case.partners
        ],
        "facts": [(name, label(value)) for name, value in facts],
        "recommended": recommended,
        "conditional": conditional,
        "verdict_rule": REGISTRY[VERDICT_RULE].statement if VERDICT_RULE in REGISTRY else "",
        "top_risks": top_risks,
        "more_high_risks": max(0, len(high) - TOP_RISKS),
        "risk_counts": [(SEVERITY_NAMES[s], sum(r.severity == s for r in advice.risks)) for s in SEVERITY_NAMES],
        "options": [
            {
                "option": o,
                "verdict": VERDICT_NAMES[o.verdict],
                "reason": _main_reason(o),
                "condition": _sentence(o.conditions[0]) if o.verdict == "conditional" and o.conditions else "",
            }
            for o in advice.options
        ],
        "profile": mechanism_profile(advice, kb),
        "risk_groups": [
            (SEVERITY_NAMES[s], [r for r in advice.risks if r.severity == s])
            for s in SEVERITY_NAMES
            if any(r.severity == s for r in advice.risks)
        ],
        "instrument": INSTRUMENT_NAMES.get(formal.instrument, _sentence(label(formal.instrument))),
        "formal_why": list(why),
        "stages": _grouped_actions(advice),
        "unknowns": [{"name": _unknown_name(u.fact), "unknown": u} for u in advice.unknowns],
        "high_unknowns": sum(u.importance == "high" for u in advice.unknowns),
        "chain_groups": _chain_groups(advice),
        "compact_sources": compact_sources,
        "sentence": _sentence,
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
