"""Render a scored survey as a self-contained HTML page (inline SVG profile chart) or a PDF.

Everything taken from the response file (organisation names, bad values) is escaped by
jinja2's autoescape; the chart is built here from numbers and our own labels only, with
labels escaped too. The PDF is the same HTML printed by :func:`advisor.brief.html_to_pdf`,
which fetches nothing from outside the package.
"""

from __future__ import annotations

from functools import cache
from html import escape
from typing import TYPE_CHECKING

import jinja2
from markupsafe import Markup

from advisor.kb.load import REPORT, load_knowledge
from advisor.report.templating import make_environment
from advisor.survey.maturity import ELEMENT, LABELS
from advisor.survey.scoring import MIN_GROUP, SPLITS
from advisor.survey.text import TOP_DISAGREEMENTS, row_list, score_text

if TYPE_CHECKING:
    from advisor.survey.report import SurveyReport

TEMPLATE = "survey.html"
LABEL_WIDTH = 250
BAR_AREA = 360
ROW_HEIGHT = 30
BANDS = (("pathological", "#f6d5d1"), ("bureaucratic", "#f7ebc8"), ("generative", "#d6ecd2"))


@cache
def _environment() -> jinja2.Environment:
    return make_environment()


def profile_svg(report: SurveyReport) -> Markup:
    """The mechanism profile as an inline SVG bar chart: each score on the 0-1 scale over the
    three maturity bands, with a line from the lowest to the highest respondent score."""
    top = 28
    height = top + ROW_HEIGHT * len(report.mechanisms) + 24
    width = LABEL_WIDTH + BAR_AREA + 60
    band = BAR_AREA / 3
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="profile-title">',
        '<title id="profile-title">Readiness profile: score of each mechanism from 0 (worst) to 1 (best)</title>',
    ]
    for index, (name, colour) in enumerate(BANDS):
        x = LABEL_WIDTH + index * band
        parts.append(
            f'<rect x="{x:.1f}" y="{top - 6}" width="{band:.1f}" height="{height - top - 12}" fill="{colour}"/>'
        )
        parts.append(f'<text x="{x + band / 2:.1f}" y="{top - 12}" text-anchor="middle" font-size="11">{name}</text>')
    for row, mechanism in enumerate(report.mechanisms):
        y = top + row * ROW_HEIGHT
        label = escape(mechanism.label)
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{y + 15}" text-anchor="end" font-size="12">{label}</text>')
        if mechanism.score is None:
            parts.append(f'<text x="{LABEL_WIDTH + 4}" y="{y + 15}" font-size="11">not measured</text>')
            continue
        length = mechanism.score * BAR_AREA
        parts.append(f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{length:.1f}" height="14" fill="#34495e"/>')
        low, high = LABEL_WIDTH + mechanism.min * BAR_AREA, LABEL_WIDTH + mechanism.max * BAR_AREA
        parts.append(
            f'<line x1="{low:.1f}" y1="{y + 11}" x2="{high:.1f}" y2="{y + 11}" stroke="#c0392b" stroke-width="2"/>'
        )
        parts.append(
            f'<text x="{LABEL_WIDTH + BAR_AREA + 6}" y="{y + 15}" font-size="12">{score_text(mechanism.score)}</text>'
        )
    axis_y = height - 10
    for tick in (0, 0.5, 1):
        x = LABEL_WIDTH + tick * BAR_AREA
        parts.append(f'<text x="{x:.1f}" y="{axis_y}" text-anchor="middle" font-size="10">{tick:g}</text>')
    parts.append("</svg>")
    return Markup("\n".join(parts))


def _matrix(report: SurveyReport) -> list[tuple[str, list]]:
    return [
        (element.name, [m for m in report.mechanisms if ELEMENT[m.id] == element.id])
        for element in load_knowledge().kind("maturity_elements")
    ]


def render_html(report: SurveyReport) -> str:
    """A self-contained HTML page: no scripts, no external resources."""
    template = _environment().get_template(TEMPLATE)
    return template.render(
        report=report,
        chart=profile_svg(report),
        labels=LABELS,
        split_titles={split_id: title for split_id, title, _ in SPLITS},
        disagreements=report.disagreements[:TOP_DISAGREEMENTS],
        more_disagreements=max(0, len(report.disagreements) - TOP_DISAGREEMENTS),
        matrix=_matrix(report),
        min_group=MIN_GROUP,
        score=score_text,
        row_list=row_list,
        report_citation=REPORT,
    )


def render_pdf(report: SurveyReport) -> bytes:
    """The HTML page printed to PDF."""
    from advisor.report.brief import html_to_pdf

    return html_to_pdf(render_html(report))
