"""The option appraisal for people and spreadsheets: plain text, Markdown, CSV (one row per case
and option), JSON, HTML (a page, or a section for the advice brief), PDF (the brief with the
appraisal section added) and Word (the brief in Word with the appraisal added). Text, Markdown,
HTML and Word all format the same blocks (:func:`advisor.appraisal.document.appraisal_blocks`)."""

from __future__ import annotations

import datetime
import json
from collections.abc import Sequence
from functools import cache

import jinja2

from advisor.appraisal.document import appraisal_blocks, number
from advisor.appraisal.models import Appraisal
from advisor.case.model import Case
from advisor.files.spreadsheet import csv_text
from advisor.report.blocks import Block, Heading, Paragraph, render_blocks
from advisor.report.templating import make_environment

SECTION_TITLE = "Option appraisal"
PAGE_TEMPLATE = "appraisal.html"
BLOCKS_TEMPLATE = "blocks.html"


def _lines(appraisal: Appraisal, markdown: bool) -> list[str]:
    head = [
        Heading(1, f"Option appraisal: {appraisal.case_name}"),
        Paragraph(f"Partners: {', '.join(appraisal.partners)}"),
    ]
    out = render_blocks([*head, *appraisal_blocks(appraisal)], markdown)
    kb = appraisal.knowledge_base
    return [*out, f"Knowledge base {kb['version']}."]


def render_text(appraisal: Appraisal) -> str:
    """Plain text for a person at a terminal."""
    return "\n".join(_lines(appraisal, markdown=False)) + "\n"


def render_markdown(appraisal: Appraisal) -> str:
    """Markdown for reports and wikis."""
    return "\n".join(_lines(appraisal, markdown=True)) + "\n"


def render_json(appraisal: Appraisal) -> str:
    """The canonical JSON of one appraisal."""
    return appraisal.to_json()


def render_json_many(labelled: Sequence[tuple[str, Appraisal]]) -> str:
    """Several appraisals as one JSON list of ``{"case": label, "appraisal": {...}}``."""
    items = [{"case": name, "appraisal": appraisal.data()} for name, appraisal in labelled]
    return json.dumps(items, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def render_csv(labelled: Sequence[tuple[str, Appraisal]]) -> str:
    """One row per case and short-listed option: scores, total, rank, NPSV, risks and formalisation
    (spreadsheet-safe: a cell that would start a formula is written as text)."""
    criteria = list(labelled[0][1].criteria) if labelled else []
    rows: list[list[object]] = [
        ["case", "case_name", "rank", "form", "option", "roles", "advisor_verdict", "advisor_score"]
        + criteria
        + ["total", "npsv", "risks", "formalisation"]
    ]
    for name, appraisal in labelled:
        npsv = {o.form: number(o.npsv.value) for o in appraisal.economic_case.options}
        for o in appraisal.short_list:
            rows.append(
                [name, appraisal.case_name, o.rank, o.form, o.name, " ".join(o.roles), o.verdict or "", o.advisor_score]
                + [number(o.scores[c].score) for c in criteria]
                + [
                    number(o.total),
                    npsv.get(o.form, ""),
                    "; ".join(f"{r.severity}:{r.id}" for r in o.risks),
                    o.formalisation.instrument,
                ]
            )
    return csv_text(rows)


@cache
def _environment() -> jinja2.Environment:
    return make_environment()


def render_html_blocks(blocks: Sequence[Block], shift: int = 1) -> str:
    """Blocks as an HTML fragment, headings moved ``shift`` levels down; everything escaped."""
    pairs = [(type(b).__name__.lower(), b) for b in blocks]
    return _environment().get_template(BLOCKS_TEMPLATE).render(blocks=pairs, shift=shift)


def render_html_section(appraisal: Appraisal, ids: bool = True) -> str:
    """The appraisal as an HTML fragment (``ids``: with rule and item ids, for consultants)."""
    return f'<div class="appraisal">\n{render_html_blocks(appraisal_blocks(appraisal, ids))}</div>\n'


def render_html(appraisal: Appraisal) -> str:
    """The appraisal as one self-contained HTML page."""
    return _environment().get_template(PAGE_TEMPLATE).render(a=appraisal, section=render_html_section(appraisal))


def render_pdf(appraisal: Appraisal, case: Case, generated: datetime.date | None = None) -> bytes:
    """The advice brief as PDF with the appraisal added as a section."""
    from advisor.advice.build import advise
    from advisor.report.brief import BriefSection, render_brief_pdf

    section = BriefSection(title=SECTION_TITLE, html=render_html_section(appraisal, ids=False))
    return render_brief_pdf(advise(case), case, extra_sections=[section], generated=generated)


def render_docx(appraisal: Appraisal, case: Case, generated: datetime.date | None = None) -> bytes:
    """The advice brief as a Word document with the appraisal added as a section."""
    from advisor.advice.build import advise
    from advisor.report.word import render_brief_docx

    section = (SECTION_TITLE, appraisal_blocks(appraisal, ids=False))
    return render_brief_docx(advise(case), generated=generated, extra=[section])
