"""Render a scored survey as plain text (with a text bar chart) or Markdown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.kb.load import load_knowledge
from advisor.report.markdown import escape_markdown
from advisor.survey.maturity import ELEMENT, LABELS
from advisor.survey.scoring import MIN_GROUP, SPLITS, MechanismResult

if TYPE_CHECKING:
    from advisor.survey.report import SurveyReport

BAR_WIDTH = 30
TOP_DISAGREEMENTS = 10
LISTED_ROWS = 20


def score_text(value: float | None) -> str:
    """A 0-1 score with two decimals, or a dash when there is none."""
    return "-" if value is None else f"{value:.2f}"


def bar(value: float | None, width: int = BAR_WIDTH) -> str:
    """A text bar of a 0-1 score, ``|`` marking the thirds (pathological|bureaucratic|generative)."""
    filled = 0 if value is None else round(value * width)
    cells = ["#" if i < filled else "." for i in range(width)]
    third = width // 3
    return (
        "[" + "".join(cells[:third]) + "|" + "".join(cells[third : 2 * third]) + "|" + "".join(cells[2 * third :]) + "]"
    )


def row_list(rows: tuple[int, ...], limit: int = LISTED_ROWS) -> str:
    """Row numbers joined by commas, the rest counted once there are more than ``limit``."""
    shown = ", ".join(map(str, rows[:limit]))
    return shown if len(rows) <= limit else f"{shown} and {len(rows) - limit:,} more"


def _table(headers: list[str], rows: list[list[str]], markdown: bool, indent: str = "  ") -> list[str]:
    if markdown:
        lines = ["| " + " | ".join(map(escape_markdown, headers)) + " |", "|" + "|".join("---" for _ in headers) + "|"]
        return lines + ["| " + " | ".join(map(escape_markdown, row)) + " |" for row in rows]
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    return [
        indent + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in [headers, *rows]
    ]


def _respondents(report: SurveyReport) -> list[str]:
    line = f"Respondents scored: {report.respondents} of {report.rows_read} response row(s) read."
    notes = []
    if report.excluded_rows:
        notes.append(f"left out (malformed): row(s) {row_list(report.excluded_rows)}")
    if report.incomplete_rows:
        notes.append(f"incomplete (kept, unanswered items count nowhere): row(s) {row_list(report.incomplete_rows)}")
    return [line, *(f"- {n}" for n in notes)]


def _profile(report: SurveyReport, markdown: bool) -> list[str]:
    rows = [
        [m.label, bar(m.score), score_text(m.score), m.maturity or "not measured", f"n={m.n}"]
        for m in report.mechanisms
    ]
    lines = _table(["mechanism", "profile (0 to 1)", "score", "maturity", "respondents"], rows, markdown=False)
    return ["```", *lines, "```"] if markdown else lines


def _mechanism(m: MechanismResult, markdown: bool) -> list[str]:
    head, pad = ("### ", "") if markdown else ("", "  ")
    if m.score is None:
        return [f"{head}{m.label}: not measured (nobody answered all of its items)", ""]
    spread = f"SD {score_text(m.sd)}, " if m.sd is not None else ""
    details = [
        f"Spread: {spread}range {score_text(m.min)}-{score_text(m.max)}; respondents at each level: "
        f"low {m.level_counts['low']}, medium {m.level_counts['medium']}, high {m.level_counts['high']}.",
        f"Table 11, {m.element_name}, {m.maturity}: {m.description}",
        f"Given to the advice as: {m.id} = {m.measured_level}.",
    ]
    rows = [
        [
            f"Q{i.number}{' (R)' if i.reverse else ''}",
            i.name,
            score_text(i.score),
            " ".join(f"{code}:{count}" for code, count in i.counts.items()),
            score_text(i.mean_code),
            str(i.unanswered),
        ]
        for i in m.items
    ]
    items = _table(["item", "question", "score", "answers per code", "mean code", "no answer"], rows, markdown, "    ")
    if markdown:
        return [
            f"{head}{m.label}: {score_text(m.score)} ({m.maturity}; {m.n} respondents)",
            "",
            *details,
            "",
            *items,
            "",
        ]
    return [
        f"{m.label}: {score_text(m.score)} ({m.maturity}; {m.n} respondents)",
        *(pad + d for d in details),
        *items,
        "",
    ]


def _disagreements(report: SurveyReport, markdown: bool) -> list[str]:
    titles = {split_id: title for split_id, title, _ in SPLITS}
    if not report.disagreements:
        return ["No split has two groups large enough to compare."]
    rows = [
        [
            score_text(d.gap),
            LABELS[d.mechanism],
            titles[d.split].split(" (")[0],
            f"{d.highest} {score_text(d.highest_score)}",
            f"{d.lowest} {score_text(d.lowest_score)}",
        ]
        for d in report.disagreements[:TOP_DISAGREEMENTS]
    ]
    more = len(report.disagreements) - TOP_DISAGREEMENTS
    tail = [f"... and {more} smaller gap(s) in the JSON results"] if more > 0 else []
    return [*_table(["gap", "mechanism", "split", "highest", "lowest"], rows, markdown), *tail]


def _splits(report: SurveyReport, markdown: bool) -> list[str]:
    h3 = "### " if markdown else ""
    out = [f"Groups of fewer than {MIN_GROUP} respondents are not shown separately (anonymity).", ""]
    for split in report.splits:
        out.append(f"{h3}{split.title}")
        if split.shown:
            headers = ["mechanism", *(f"{g.label} (n={g.n})" for g in split.groups)]
            rows = [[m.label, *(score_text(g.scores[m.id]) for g in split.groups)] for m in report.mechanisms]
            out += [""] if markdown else []
            out += _table(headers, rows, markdown)
        notes = [split.note] if split.note else []
        if split.withheld:
            withheld = ", ".join(map(escape_markdown, split.withheld) if markdown else split.withheld)
            notes.append(f"not shown separately (fewer than {MIN_GROUP}): {withheld}")
        if split.not_stated:
            notes.append(f"did not answer the question: {split.not_stated}")
        out += ([""] if markdown else []) + [f"  - {n}" for n in notes] + [""]
    return out


def _matrix(report: SurveyReport, markdown: bool) -> list[str]:
    rows = []
    for element in load_knowledge().kind("maturity_elements"):
        measured = [m for m in report.mechanisms if ELEMENT[m.id] == element.id]
        if measured:
            reading = "; ".join(f"{m.label}: {m.maturity or 'not measured'}" for m in measured)
        else:
            reading = "not measured by the survey: rate it in discussion"
        rows.append([element.name, reading])
    return _table(["Table 11 element", "survey reading"], rows, markdown)


def _actions(report: SurveyReport, markdown: bool) -> list[str]:
    bullet = "- " if markdown else "  - "
    if not report.weakest:
        return ["Every measured mechanism is generative: no mechanism needs focus."]
    out = [f"Weakest mechanisms: {', '.join(LABELS[m] for m in report.weakest)}.", ""]
    for action in report.actions:
        addresses = ", ".join(LABELS[m] for m in action.addresses)
        out.append(
            f"{bullet}{action.name} ({action.stage.replace('_', ' ')}, {action.domain.replace('_', ' ')}): "
            f"{action.text} [{action.id}; {action.source}; addresses {addresses}]"
        )
    return out


def _problems(report: SurveyReport, markdown: bool) -> list[str]:
    if not report.problems:
        return ["None: every row was complete and valid."]
    rows = [
        [str(p.row), p.column or "-", "" if p.value is None else repr(p.value), p.effect, p.message]
        for p in report.problems
    ]
    more = [f"... and {report.problems_not_listed:,} more problem(s) not listed"] if report.problems_not_listed else []
    return [*_table(["row", "column", "value", "effect", "problem"], rows, markdown), *more]


def summary_lines(report: SurveyReport, markdown: bool = False) -> list[str]:
    """The scored survey as lines; Markdown headings and tables when ``markdown``."""
    h1, h2 = ("# ", "## ") if markdown else ("", "")
    sections = [
        ("Profile", _profile(report, markdown)),
        ("Mechanisms", [line for m in report.mechanisms for line in _mechanism(m, markdown)]),
        ("Where groups disagree most", _disagreements(report, markdown)),
        ("Groups", _splits(report, markdown)),
        ("Maturity matrix (Table 11)", _matrix(report, markdown)),
        ("What to work on (Table 10)", _actions(report, markdown)),
        ("Problems in the response file", _problems(report, markdown)),
    ]
    source = escape_markdown(report.source) if markdown else report.source
    out = [f"{h1}Readiness for collaboration survey: {source}", "", *_respondents(report), ""]
    out.append(
        "Scores run from 0 (worst for readiness) to 1 (best); reverse-scored items (R) are turned round. "
        "Below 1/3 is pathological, above 2/3 generative, in between bureaucratic (Table 11)."
    )
    out.append("")
    for title, lines in sections:
        out += [f"{h2}{title}", "", *lines, ""]
    out.append(
        f"Survey: report Appendix 4; maturity matrix: Table 11; actions: Table 10. "
        f"Knowledge base {report.knowledge_base['version']}."
    )
    return out


def render_text(report: SurveyReport) -> str:
    """Plain text for a terminal."""
    return "\n".join(summary_lines(report)) + "\n"


def render_markdown(report: SurveyReport) -> str:
    """Markdown for documents and wikis."""
    return "\n".join(summary_lines(report, markdown=True)) + "\n"
