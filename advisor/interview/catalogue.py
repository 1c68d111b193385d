"""The interview's questions, read from ``knowledge/interview.yaml`` and checked against the
case model, so that the catalogue and :mod:`advisor.case.model` cannot drift apart."""

from __future__ import annotations

import typing
from collections import Counter
from functools import cache
from importlib.resources import files
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from advisor.case.edit import fact_choices
from advisor.case.load import describe_validation_error
from advisor.case.model import Collaboration, Partner, Relationship
from advisor.engine.facts import rules_reading
from advisor.kb.load import load_knowledge
from advisor.rules.registry import LAYERS, REGISTRY

UNKNOWN = "unknown"
CATALOGUE_FILE = "interview.yaml"
# Questions that shape the interview itself rather than set a fact of the case.
INTERVIEW_QUESTIONS = ("partners.count", "partners.detail")
MODELS: dict[str, type[BaseModel]] = {"collaboration": Collaboration, "relationship": Relationship, "partner": Partner}
# Which readers of an answer `?` quotes first: the conclusions a leader sees before the reasoning.
EXAMPLE_LAYERS = ("forms", "risks", "formalisation", "actions", "context", "mechanisms", "levels")


class CatalogueError(ValueError):
    """The question catalogue does not match the case model or is malformed."""


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Section(_Frozen):
    """A part of the interview, with the title and introduction shown when it starts."""

    title: str
    intro: str


class Question(_Frozen):
    """One question of the catalogue (partner questions are asked once per partner)."""

    id: str
    section: str
    label: str
    question: str
    explain: str = ""
    type: Literal["choice", "multi", "text", "count"] = "choice"
    choices: dict[str, str] = Field(default_factory=dict)
    default: str | int = UNKNOWN
    unknown: bool = True
    ask_if: dict[str, tuple[str, ...] | dict[str, int]] = Field(default_factory=dict)
    survey: tuple[str, ...] = ()
    why: str = ""
    minimum: int | None = None
    maximum: int | None = None

    @property
    def owner(self) -> str:
        """``collaboration``, ``relationship``, ``partner`` or ``partners`` (interview questions)."""
        return self.id.split(".", 1)[0]

    @property
    def field(self) -> str:
        """The name of the fact within its owner."""
        return self.id.split(".", 1)[1]

    @property
    def per_partner(self) -> bool:
        """Whether the question is asked once for each partner."""
        return self.owner == "partner"


class Catalogue(_Frozen):
    """The sections and the questions in the order they are asked."""

    kind: Literal["interview"]
    sections: dict[str, Section]
    not_asked: dict[str, str] = {}
    questions: tuple[Question, ...]

    def question(self, question_id: str) -> Question:
        """The catalogue question with this id (``partner.sector``, ``collaboration.scope``)."""
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)


def _expected_type(annotation: Any) -> str:
    if typing.get_origin(annotation) is tuple:
        return "multi"
    return "text" if annotation is str else "choice"


def _model_problems(question: Question) -> list[str]:
    where = f"question {question.id}"
    model = MODELS[question.owner]
    if question.field not in model.model_fields:
        return [f"{where}: {model.__name__} has no field {question.field!r}"]
    annotation = model.model_fields[question.field].annotation
    problems = []
    expected = _expected_type(annotation)
    if question.type != expected:
        problems.append(f"{where}: type is {question.type!r} but the case model makes it {expected!r}")
    allowed = tuple(v for v in fact_choices(model).get(question.field, ()) if v != UNKNOWN)
    if set(question.choices) != set(allowed):
        missing = sorted(set(allowed) - set(question.choices))
        extra = sorted(set(question.choices) - set(allowed))
        problems.append(f"{where}: choices differ from the case model (missing {missing}, not in the model {extra})")
    if not question.unknown:
        problems.append(f'{where}: every fact of the case must offer "don\'t know"')
    return problems


def _ask_if_problems(question: Question, earlier: dict[str, Question]) -> list[str]:
    problems = []
    for fact, condition in question.ask_if.items():
        where = f"question {question.id}: ask_if {fact}"
        if fact not in earlier:
            problems.append(f"{where}: names no earlier question")
        elif isinstance(condition, dict):
            if set(condition) != {"min"} or earlier[fact].type != "count":
                problems.append(f"{where}: only a count takes {{min: N}}")
        else:
            allowed = set(earlier[fact].choices) | ({UNKNOWN} if earlier[fact].unknown else set())
            bad = sorted(set(condition) - allowed)
            if bad:
                problems.append(f"{where}: {bad} not among its choices {sorted(allowed)}")
    return problems


def catalogue_problems(catalogue: Catalogue) -> list[str]:
    """Everything that makes the catalogue disagree with the case model, the rules or itself."""
    problems: list[str] = []
    ids = Counter(q.id for q in catalogue.questions)
    problems += [f"question {qid} appears {n} times" for qid, n in ids.items() if n > 1]
    expected = {f"{owner}.{name}" for owner, model in MODELS.items() for name in model.model_fields}
    missing = sorted(expected - set(ids) - set(catalogue.not_asked))
    if missing:
        problems.append(f"no question for the case facts {missing}")
    surveys = {item.id for item in load_knowledge().kind("survey_questions")}
    earlier: dict[str, Question] = {}
    partner_positions = [i for i, q in enumerate(catalogue.questions) if q.per_partner]
    if partner_positions and partner_positions != list(range(partner_positions[0], partner_positions[-1] + 1)):
        problems.append("partner questions must follow one another (they are asked partner by partner)")
    for question in catalogue.questions:
        where = f"question {question.id}"
        if question.owner in MODELS:
            problems += _model_problems(question)
        elif question.id not in INTERVIEW_QUESTIONS:
            problems.append(f"{where}: not a fact of the case model")
        if question.section not in catalogue.sections:
            problems.append(f"{where}: unknown section {question.section!r}")
        problems += _ask_if_problems(question, earlier)
        problems += [f"{where}: survey item {s} does not exist" for s in question.survey if s not in surveys]
        if not question.why and not fact_readers(question):
            problems.append(f"{where}: no rule reads the answer, so it needs a `why`")
        if question.type == "count" and (question.minimum is None or question.maximum is None):
            problems.append(f"{where}: a count needs a minimum and a maximum")
        if question.type in ("choice", "multi") and question.default != UNKNOWN:
            if question.default not in question.choices:
                problems.append(f"{where}: default {question.default!r} is not one of its choices")
        earlier[question.id] = question
    return problems


@cache
def load_catalogue() -> Catalogue:
    """The question catalogue shipped in ``advisor.knowledge`` (checked once per process)."""
    raw = files("advisor.knowledge").joinpath(CATALOGUE_FILE).read_text(encoding="utf-8")
    try:
        catalogue = Catalogue.model_validate(yaml.safe_load(raw))
    except ValidationError as exc:
        raise CatalogueError(f"{CATALOGUE_FILE}: " + "; ".join(describe_validation_error(exc))) from None
    problems = catalogue_problems(catalogue)
    if problems:
        raise CatalogueError(f"{CATALOGUE_FILE}: " + "; ".join(problems))
    return catalogue


def fact_readers(question: Question) -> tuple[str, ...]:
    """The rules that read the answer, most visible conclusions first (partner facts reach
    the rules through the partner-mix summaries of :data:`PARTNER_MIX_SOURCES`)."""
    fact = f"partners.{question.field}" if question.per_partner else question.id
    readers = [REGISTRY[rule_id] for rule_id in rules_reading(fact)]
    order = {layer: i for i, layer in enumerate(EXAMPLE_LAYERS)}
    readers.sort(key=lambda spec: order.get(spec.layer, len(LAYERS)))
    return tuple(spec.id for spec in readers)


def _evidence(readers: tuple[str, ...]) -> list[str]:
    """The parts of the report the rules cite, most cited first."""
    kb = load_knowledge()
    counts: Counter[str] = Counter()
    for rule_id in readers:
        counts.update(list(dict.fromkeys(kb[item].source for item in REGISTRY[rule_id].encodes)))
    return sorted(counts, key=lambda source: -counts[source])


def why_asked(question: Question, shown: int = 3) -> str:
    """Why the question is asked, in one or two sentences: how many rules read the answer,
    what one of them says, and the parts of the report they encode (MYCIN's WHY)."""
    kb = load_knowledge()
    survey = ", ".join(f"Q{kb[item].number}" for item in question.survey)
    wording = f" The question follows the readiness survey (Appendix 4, {survey})." if survey else ""
    readers = fact_readers(question)
    if not readers:
        return question.why.strip() + wording
    evidence = _evidence(readers)
    more = f" and {len(evidence) - shown} more" if len(evidence) > shown else ""
    count = f"{len(readers)} rules use" if len(readers) > 1 else "One rule uses"
    return (
        f'{count} this answer, e.g. "{REGISTRY[readers[0]].statement}" '
        f"Evidence: {'; '.join(evidence[:shown])}{more}.{wording}"
    )
