"""The option appraisal for people and spreadsheets: plain text, Markdown, CSV (one row per case
and option), JSON, HTML (a page, or a section for the advice brief) and PDF (the brief with the
appraisal section added)."""

from __future__ import annotations

import datetime
import json
from collections.abc import Sequence
from functools import cache

import jinja2

from advisor.appraisal.models import Appraisal, AppraisedOption, WeightSensitivity, WeightSwitch
from advisor.appraisal.scoring import label
from advisor.appraisal.sensitivity import option_name
from advisor.case.model import Case
from advisor.files.spreadsheet import csv_text
from advisor.report.markdown import escape_markdown
from advisor.report.templating import make_environment

ROLE_NAMES = {
    "business_as_usual": "business as usual",
    "do_minimum": "do-minimum",
    "preferred": "preferred way forward",
    "viable": "viable",
    "requested": "requested",
}
SECTION_TITLE = "Option appraisal"
PAGE_TEMPLATE = "appraisal.html"
SECTION_TEMPLATE = "appraisal_section.html"


def number(value: float) -> str:
    """A weight or total for reading: at most two decimals, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def signed(value: float) -> str:
    """A change of weight with its sign."""
    text = number(value)
    return text if text.startswith("-") or text == "0" else f"+{text}"


def roles(option: AppraisedOption) -> str:
    """An option's roles on the short list, in words."""
    return ", ".join(ROLE_NAMES[r] for r in option.roles)


def _crossing(switch: WeightSwitch | None, beyond: str) -> str | None:
    if switch is None:
        return None
    if switch.inclusive:
        where = f"at {number(switch.value)}" + ("" if switch.value == 0 else f" or {beyond}")
    else:
        where = f"{beyond} {number(switch.value)}"
    return f"{option_name(switch.new_top)} ranks first {where} ({signed(switch.change)})"


def switch_phrase(sensitivity: WeightSensitivity) -> str:
    """Where a weight's switching values lie, in words."""
    lower = _crossing(sensitivity.down, "below") or "no lower weight changes the top option"
    upper = _crossing(sensitivity.up, "above") or "no higher weight changes it"
    return f"{lower}; {upper}"


def _headline(appraisal: Appraisal) -> list[str]:
    preferred = appraisal.with_role("preferred")
    top = appraisal.short_list[0]
    return [
        f"Ranked first by weighted total: {top.name} ({number(top.total)})",
        f"Preferred way forward (the advisor's top option): {preferred.name if preferred else 'none'}",
        *appraisal.notes,
    ]


class _Style:
    """Headings and bullets for plain text or Markdown."""

    def __init__(self, markdown: bool) -> None:
        self.markdown = markdown
        self.h1, self.h2, self.h3 = ("# ", "## ", "### ") if markdown else ("", "", "")
        self.bullet = "- " if markdown else "  - "


def _criteria_lines(appraisal: Appraisal, style: _Style) -> list[str]:
    criteria = appraisal.criteria.values()
    out = [f"{style.h2}Critical success factors", "Scores run from 0 to 5 (5 best); total = sum of weight x score.", ""]
    if style.markdown:
        out += ["| | Criterion | Weight | Meaning |", "|---|---|---:|---|"]
        out += [f"| {c.short} | {c.name} | {number(c.weight)} | {c.meaning} |" for c in criteria]
    else:
        width = max(len(c.name) for c in criteria)
        out += [f"  {c.short}  {c.name.ljust(width)}  {number(c.weight):>6}  {c.meaning}" for c in criteria]
    return [*out, ""]


def _ranking_lines(appraisal: Appraisal, style: _Style) -> list[str]:
    criteria = appraisal.criteria
    shorts = [c.short for c in criteria.values()]
    out = [f"{style.h2}Ranked short list", ""]
    if style.markdown:
        out.append("| # | Option | Role | " + " | ".join(shorts) + " | Total |")
        out.append("|---:|---|---|" + "---:|" * len(shorts) + "---:|")
        for o in appraisal.short_list:
            cells = " | ".join(str(o.scores[c].score) for c in criteria)
            out.append(f"| {o.rank} | {o.name} | {roles(o)} | {cells} | {number(o.total)} |")
        return [*out, ""]
    name_width = max(len(o.name) for o in appraisal.short_list)
    role_width = max(len(roles(o)) for o in appraisal.short_list)
    out.append(
        f"  {'#':>2}  {'Option':{name_width}}  {'Role':{role_width}}  "
        + " ".join(f"{s:>2}" for s in shorts)
        + "   Total"
    )
    for o in appraisal.short_list:
        cells = " ".join(f"{o.scores[c].score:>2}" for c in criteria)
        option = f"{o.name:{name_width}}  {roles(o):{role_width}}"
        out.append(f"  {o.rank:>2}  {option}  {cells}  {number(o.total):>6}")
    return [*out, ""]


def _consequence_lines(appraisal: Appraisal, style: _Style) -> list[str]:
    out = [f"{style.h2}Risks and formalisation of each option", ""]
    for o in appraisal.short_list:
        formal = o.formalisation
        out.append(f"{style.bullet}{o.rank}. {o.name}: formalisation {label(formal.instrument)}. {formal.summary}")
        if not o.risks:
            out.append("    no risk flagged")
        out += [f"    [{risk.severity.upper()}] {risk.text} ({risk.id})" for risk in o.risks]
    return [*out, ""]


def _reason_lines(appraisal: Appraisal, style: _Style) -> list[str]:
    out = [f"{style.h2}Why each score", ""]
    for o in appraisal.short_list:
        out.append(f"{style.h3}{o.name}")
        for criterion_id, score in o.scores.items():
            reasons = "; ".join(r.text + (f" [{', '.join(r.rules)}]" if r.rules else "") for r in score.reasons)
            out.append(f"{style.bullet}{appraisal.criteria[criterion_id].name} {score.score}: {reasons}")
        out.append("")
    out += [f"{style.h2}Left off the short list", ""]
    if not appraisal.excluded:
        out.append(f"{style.bullet}none")
    out += [f"{style.bullet}{option_name(form)}: {why}" for form, why in appraisal.excluded.items()]
    return [*out, ""]


def _sensitivity_lines(appraisal: Appraisal, style: _Style) -> list[str]:
    sensitivity = appraisal.sensitivity
    names = {c: criterion.name for c, criterion in appraisal.criteria.items()}
    out = [f"{style.h2}Sensitivity", ""]
    out.append(f"Switching values of the weights (the other weights held); top option {option_name(sensitivity.top)}:")
    out += [
        f"{style.bullet}{names[c]} ({number(ws.weight)}): {switch_phrase(ws)}" for c, ws in sensitivity.weights.items()
    ]
    out.append("")
    if sensitivity.facts is None:
        out.append("Single changes of fact: not searched (ask for them with --sensitivity).")
    else:
        out.append(f"Single changes of fact that change the top option ({sensitivity.facts_tried} tried):")
        if not sensitivity.facts:
            out.append(f"{style.bullet}none: no single change puts another option first")
        out += [f"{style.bullet}{switch.text}" for switch in sensitivity.facts]
    return [*out, ""]


def appraisal_lines(appraisal: Appraisal, markdown: bool = False) -> list[str]:
    """The appraisal as lines of text; Markdown headings and tables when ``markdown``."""
    style = _Style(markdown)
    user = escape_markdown if markdown else str  # text that may hold what the user typed
    out = [f"{style.h1}Option appraisal: {user(appraisal.case_name)}", ""]
    out += [f"Partners: {', '.join(map(user, appraisal.partners))}", *_headline(appraisal), ""]
    for part in (_criteria_lines, _ranking_lines, _consequence_lines, _reason_lines, _sensitivity_lines):
        out += part(appraisal, style)
    kb = appraisal.knowledge_base
    out.append(f"Knowledge base {kb['version']}. Evidence: {kb['report']}")
    return out


def render_text(appraisal: Appraisal) -> str:
    """Plain text for a person at a terminal."""
    return "\n".join(appraisal_lines(appraisal)) + "\n"


def render_markdown(appraisal: Appraisal) -> str:
    """Markdown for reports and wikis."""
    return "\n".join(appraisal_lines(appraisal, markdown=True)) + "\n"


def render_json(appraisal: Appraisal) -> str:
    """The canonical JSON of one appraisal."""
    return appraisal.to_json()


def render_json_many(labelled: Sequence[tuple[str, Appraisal]]) -> str:
    """Several appraisals as one JSON list of ``{"case": label, "appraisal": {...}}``."""
    items = [{"case": name, "appraisal": appraisal.data()} for name, appraisal in labelled]
    return json.dumps(items, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def render_csv(labelled: Sequence[tuple[str, Appraisal]]) -> str:
    """One row per case and short-listed option: scores, total, rank, risks and formalisation;
    spreadsheet-safe (see :mod:`advisor.files.spreadsheet`)."""
    criteria = list(labelled[0][1].criteria) if labelled else []
    header = [
        ["case", "case_name", "rank", "form", "option", "roles", "advisor_verdict", "advisor_score"]
        + criteria
        + ["total", "risks", "formalisation"]
    ]
    rows = [
        [name, appraisal.case_name, o.rank, o.form, o.name, " ".join(o.roles), o.verdict or "", o.advisor_score]
        + [o.scores[c].score for c in criteria]
        + [number(o.total), "; ".join(f"{r.severity}:{r.id}" for r in o.risks), o.formalisation.instrument]
        for name, appraisal in labelled
        for o in appraisal.short_list
    ]
    return csv_text(header + rows)


@cache
def _environment() -> jinja2.Environment:
    env = make_environment()
    env.filters.update(number=number, label=label, roles=roles, option_name=option_name, switch=switch_phrase)
    return env


def render_html_section(appraisal: Appraisal) -> str:
    """The appraisal as an HTML fragment (for the brief); everything user-typed is escaped."""
    return _environment().get_template(SECTION_TEMPLATE).render(a=appraisal, headline=_headline(appraisal))


def render_html(appraisal: Appraisal) -> str:
    """The appraisal as one self-contained HTML page."""
    return _environment().get_template(PAGE_TEMPLATE).render(a=appraisal, headline=_headline(appraisal))


def render_pdf(appraisal: Appraisal, case: Case, generated: datetime.date | None = None) -> bytes:
    """The advice brief as PDF with the appraisal added as a section."""
    from advisor.advice.build import advise
    from advisor.report.brief import BriefSection, render_brief_pdf

    section = BriefSection(title=SECTION_TITLE, html=render_html_section(appraisal))
    return render_brief_pdf(advise(case), case, extra_sections=[section], generated=generated)
