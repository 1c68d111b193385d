"""The readiness-for-collaboration survey (report Appendix 4) scored against the maturity
matrix (Table 11), with the Table 10 actions for its weakest mechanisms.

Library API:

- ``template_csv()`` an empty response file; ``append_response(path, answers)`` adds one;
- ``score_responses(path_or_responses) -> SurveyReport`` scores a response file;
- ``SurveyReport.measured`` is what ``advise(case, measured=...)`` takes;
- ``render_survey(report, fmt)`` renders text, md, json, html or pdf.

How answers become scores and levels: :mod:`advisor.survey.scoring` and
:mod:`advisor.survey.maturity`; the file format: :mod:`advisor.survey.responses`.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from advisor.kb.load import REPORT, load_knowledge
from advisor.survey.maturity import HIGH_ABOVE, LOW_BELOW, Level, actions_for, unmeasured_elements, weakest
from advisor.survey.responses import (
    Problem,
    ResponseSet,
    SurveyError,
    append_response,
    questions,
    read_responses,
    template_csv,
)
from advisor.survey.scoring import (
    MIN_GROUP,
    SPLITS,
    Disagreement,
    MechanismResult,
    SplitResult,
    disagreements,
    measured_mechanisms,
    mechanism_result,
    respondent_totals,
    split_result,
)

__all__ = [
    "SurveyError",
    "SurveyReport",
    "append_response",
    "questions",
    "render_survey",
    "score_responses",
    "template_csv",
]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SurveyAction(_Model):
    """A Table 10 action that addresses some of the weakest mechanisms."""

    id: str
    name: str
    text: str
    stage: str
    domain: str
    addresses: tuple[str, ...]
    source: str


class UnmeasuredElement(_Model):
    """A Table 11 element the survey has no questions for."""

    id: str
    name: str


class SurveyReport(_Model):
    """The scored survey: per mechanism, per group, where groups disagree, and what to do."""

    source: str
    rows_read: int
    respondents: int
    excluded_rows: tuple[int, ...]
    incomplete_rows: tuple[int, ...]
    problems: tuple[Problem, ...]
    problems_not_listed: int
    mechanisms: tuple[MechanismResult, ...]
    splits: tuple[SplitResult, ...]
    disagreements: tuple[Disagreement, ...]
    weakest: tuple[str, ...]
    actions: tuple[SurveyAction, ...]
    unmeasured_elements: tuple[UnmeasuredElement, ...]
    measured: dict[str, Level]
    method: dict[str, str]
    knowledge_base: dict[str, str]

    def to_json(self) -> str:
        """Canonical JSON: sorted keys, two-space indent; identical for identical files."""
        return json.dumps(self.model_dump(mode="json"), indent=2, sort_keys=True, ensure_ascii=False) + "\n"

    def mechanism(self, mechanism: str) -> MechanismResult:
        """The result for one mechanism id."""
        return next(m for m in self.mechanisms if m.id == mechanism)


METHOD = {
    "item_score": "(code - 1) / (scale points - 1), reverse-scored items 1 minus that: 0 worst, 1 best",
    "mechanism_score": "mean over respondents who answered all its items of their mean item score",
    "levels": f"below {LOW_BELOW} low/pathological, above {HIGH_ABOVE} high/generative, otherwise medium/bureaucratic",
    "task_complexity": "reverse-scored items: high readiness = simple task = task_complexity low for the advice",
    "anonymity": f"groups, and group scores, of fewer than {MIN_GROUP} respondents are not shown, nor splits "
    "that would let them be worked out from the overall result",
    "weakest": "the three lowest-scoring mechanisms that are not generative",
    "actions": "per weak mechanism up to four Table 10 actions: those naming it, then those naming its broader "
    "mechanism in the Table 10 task rows about it",
}


def score_responses(responses: str | Path | ResponseSet) -> SurveyReport:
    """Score a response file (or already-read responses); raises SurveyError if it cannot be used."""
    data = responses if isinstance(responses, ResponseSet) else read_responses(responses)
    kb = load_knowledge()
    results: list[MechanismResult] = []
    exact: dict[str, Fraction] = {}
    for mechanism in measured_mechanisms():
        result, score = mechanism_result(mechanism, data.responses)
        results.append(result)
        if score is not None:
            exact[mechanism] = score
    overall_n = {r.id: r.n for r in results}
    totals = respondent_totals(data.responses)
    splits = tuple(
        split_result(split_id, title, question, data.responses, overall_n, totals)
        for split_id, title, question in SPLITS
    )
    weak = weakest(exact)
    actions = tuple(
        SurveyAction(
            id=action_id,
            name=kb[action_id].name,
            text=kb[action_id].text,
            stage=kb[action_id].stage,
            domain=kb[action_id].domain,
            addresses=addressed,
            source=kb[action_id].source,
        )
        for action_id, addressed in actions_for(weak)
    )
    return SurveyReport(
        source=data.source,
        rows_read=data.rows_read,
        respondents=len(data.responses),
        excluded_rows=data.excluded_rows,
        incomplete_rows=data.incomplete_rows,
        problems=data.problems,
        problems_not_listed=data.problems_not_listed,
        mechanisms=tuple(results),
        splits=splits,
        disagreements=disagreements(splits),
        weakest=weak,
        actions=actions,
        unmeasured_elements=tuple(UnmeasuredElement(id=i, name=n) for i, n in unmeasured_elements()),
        measured={r.id: r.measured_level for r in results if r.measured_level is not None},
        method=METHOD,
        knowledge_base={"version": kb.version, "report": REPORT},
    )


def render_survey(report: SurveyReport, fmt: str) -> str | bytes:
    """Render a report as ``text``, ``md``, ``json``, ``html`` or ``pdf`` (bytes)."""
    from advisor.survey.html import render_html, render_pdf
    from advisor.survey.text import render_markdown, render_text

    renderers = {
        "text": render_text,
        "md": render_markdown,
        "json": SurveyReport.to_json,
        "html": render_html,
        "pdf": render_pdf,
    }
    if fmt not in renderers:
        raise ValueError(f"format {fmt!r} is not one of {', '.join(sorted(renderers))}")
    return renderers[fmt](report)
