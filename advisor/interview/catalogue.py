"""The interview's questions, read from ``knowledge/interview.yaml`` and checked against the
case model, so that the catalogue and :mod:`advisor.case.model` cannot drift apart."""

from __future__ import annotations

import types
import typing
from collections import Counter
from functools import cache
from importlib.resources import files
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from advisor.case.load import describe_validation_error
from advisor.case.model import Collaboration, Partner, Relationship
from advisor.engine.facts import rules_reading
from advisor.kb.load import load_knowledge
from advisor.rules.registry import LAYERS, REGISTRY

UNKNOWN = "unknown"
CATALOGUE_FILE = "interview.yaml"
# Questions that shape the interview itself rather than set one fact of the case.
INTERVIEW_QUESTIONS = ("partners.count", "partners.line")
MODELS: dict[str, type[BaseModel]] = {"collaboration": Collaboration, "relationship": Relationship, "partner": Partner}
# Parts of the interview whose questions come in a fixed order (the others are chosen).
FIXED_SECTIONS = ("purpose", "partners", "closing")
# Facts the engine sees under other names (advisor.engine.facts flattens them).
ENGINE_NAMES = {
    "collaboration.in_place.form": ("collaboration.in_place_form", "collaboration.arrangement_integration"),
    "collaboration.in_place.governance": ("collaboration.in_place_governance",),
    "collaboration.lead_partner": ("partners.lead_kind", "partners.lead_sector"),
}
# Which readers of an answer `?` quotes first: the conclusions a leader sees before the reasoning.
EXAMPLE_LAYERS = ("forms", "risks", "formalisation", "actions", "context", "mechanisms", "levels")
# Layers whose rules refine the advice once the verdicts are settled.
REFINING_LAYERS = ("risks", "formalisation", "actions")

Condition = tuple[str, ...] | dict[str, int] | dict[str, tuple[str, ...]]


class CatalogueError(ValueError):
    """The question catalogue does not match the case model or is malformed."""


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Section(_Frozen):
    """A part of the interview, with the title and introduction shown when it starts."""

    title: str
    intro: str


class Question(_Frozen):
    """One question of the catalogue (partner questions are asked of each partner)."""

    id: str
    label: str
    question: str
    explain: str = ""
    type: Literal["choice", "multi", "text", "count", "partner", "line"] = "choice"
    choices: dict[str, str] = Field(default_factory=dict)
    fields: tuple[str, ...] = ()
    default: str | int = UNKNOWN
    unknown: bool = True
    ask_if: dict[str, Condition] = Field(default_factory=dict)
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
        """The name of the fact within its owner (``in_place.form`` for a nested one)."""
        return self.id.split(".", 1)[1]

    @property
    def per_partner(self) -> bool:
        """Whether the question is asked of each partner (a partner fact, or a partner's line)."""
        return self.owner == "partner" or self.type == "line"


class NotAsked(_Frozen):
    """A fact with structure of its own that case files give and the interview does not ask."""

    description: str
    fields: dict[str, str] = Field(default_factory=dict)
    like: str = ""


class Catalogue(_Frozen):
    """The sections, the questions asked in a fixed order, and every question."""

    kind: Literal["interview"]
    sections: dict[str, Section]
    order: dict[str, tuple[str, ...]]
    questions: tuple[Question, ...]
    groups: dict[str, str] = {}
    not_asked: dict[str, NotAsked] = {}

    def question(self, question_id: str) -> Question:
        """The catalogue question with this id (``partner.sector``, ``collaboration.scope``)."""
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def fixed_section(self, question_id: str) -> str | None:
        """The part of the interview that asks this question in a fixed order, if any."""
        return next((name for name, ids in self.order.items() if question_id in ids), None)


def _unwrap(annotation: Any) -> Any:
    """``X | None`` -> ``X`` (for sub-models that may be left out)."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else annotation
    return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def fact_model(owner: str, field: str) -> tuple[type[BaseModel], str]:
    """The model holding a (possibly nested) fact and its last name: ``collaboration``,
    ``in_place.form`` -> (InPlace, ``form``). Raises KeyError for no such field."""
    model = MODELS[owner]
    *parents, name = field.split(".")
    for parent in parents:
        inner = _unwrap(model.model_fields[parent].annotation)
        if not _is_model(inner):
            raise KeyError(field)
        model = inner
    if name not in model.model_fields:
        raise KeyError(field)
    return model, name


def case_facts_expected() -> set[str]:
    """Every fact of the case model by catalogue id; sub-models of one arrangement (the
    arrangement in place) count by their fields."""
    out = set()
    for owner, model in MODELS.items():
        for name, info in model.model_fields.items():
            inner = _unwrap(info.annotation)
            if _is_model(inner) and name == "in_place":
                out |= {f"{owner}.{name}.{sub}" for sub in inner.model_fields}
            else:
                out.add(f"{owner}.{name}")
    return out


def literal_values(annotation: Any) -> tuple[str, ...]:
    """The values a choice fact allows: a Literal, a union of Literals, or a tuple of them."""
    if typing.get_origin(annotation) is tuple:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) is typing.Literal:
        return tuple(typing.get_args(annotation))
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        return tuple(v for arg in typing.get_args(annotation) for v in literal_values(arg))
    return ()


def _expected_type(annotation: Any) -> str:
    if typing.get_origin(annotation) is tuple:
        return "multi"
    if annotation is str:
        return "text"
    return "partner" if _unwrap(annotation) is int else "choice"


def _model_problems(question: Question) -> list[str]:
    where = f"question {question.id}"
    try:
        model, name = fact_model(question.owner, question.field)
    except KeyError:
        return [f"{where}: {MODELS[question.owner].__name__} has no field {question.field!r}"]
    annotation = model.model_fields[name].annotation
    problems = []
    expected = _expected_type(annotation)
    if question.type != expected:
        problems.append(f"{where}: type is {question.type!r} but the case model makes it {expected!r}")
    allowed = tuple(v for v in literal_values(annotation) if v != UNKNOWN)
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
            continue
        if isinstance(condition, dict) and "min" in condition:
            if set(condition) != {"min"} or earlier[fact].type != "count":
                problems.append(f"{where}: only a count takes {{min: N}}")
            continue
        values = condition["not"] if isinstance(condition, dict) and set(condition) == {"not"} else condition
        if isinstance(values, dict):
            problems.append(f"{where}: expected a list of values, {{not: [values]}} or {{min: N}}")
            continue
        allowed = set(earlier[fact].choices) | ({UNKNOWN} if earlier[fact].unknown else set())
        bad = sorted(set(values) - allowed)
        if bad:
            problems.append(f"{where}: {bad} not among its choices {sorted(allowed)}")
    return problems


def _order_problems(catalogue: Catalogue) -> list[str]:
    problems = []
    if set(catalogue.order) != set(FIXED_SECTIONS):
        problems.append(f"order: expected the parts {list(FIXED_SECTIONS)}, got {sorted(catalogue.order)}")
    for section, ids in catalogue.order.items():
        if section not in catalogue.sections:
            problems.append(f"order.{section}: not a section")
        problems += [f"order.{section}: {qid} is not a question" for qid in ids if not _exists(catalogue, qid)]
    return problems


def _exists(catalogue: Catalogue, question_id: str) -> bool:
    return any(q.id == question_id for q in catalogue.questions)


def _line_problems(question: Question, catalogue: Catalogue) -> list[str]:
    where = f"question {question.id}"
    if question.type != "line":
        return [f"{where}: only a line has fields"] if question.fields else []
    problems = [
        f"{where}: {f} is not a partner question" for f in question.fields if not _exists(catalogue, f"partner.{f}")
    ]
    if "name" not in question.fields[:1]:
        problems.append(f"{where}: a partner's line starts with its name")
    return problems


def catalogue_problems(catalogue: Catalogue) -> list[str]:
    """Everything that makes the catalogue disagree with the case model, the rules or itself."""
    problems: list[str] = []
    ids = Counter(q.id for q in catalogue.questions)
    problems += [f"question {qid} appears {n} times" for qid, n in ids.items() if n > 1]
    missing = sorted(case_facts_expected() - set(ids) - set(catalogue.not_asked))
    if missing:
        problems.append(f"no question for the case facts {missing}")
    problems += [f"not_asked: {fact} is asked" for fact in catalogue.not_asked if fact in ids]
    problems += [
        f"groups: {group} has no question"
        for group in catalogue.groups
        if not any(i.startswith(f"{group}.") for i in ids)
    ]
    problems += _order_problems(catalogue)
    surveys = {item.id for item in load_knowledge().kind("survey_questions")}
    earlier: dict[str, Question] = {}
    for question in catalogue.questions:
        where = f"question {question.id}"
        if question.owner in MODELS:
            problems += _model_problems(question)
        elif question.id not in INTERVIEW_QUESTIONS:
            problems.append(f"{where}: not a fact of the case model")
        problems += _line_problems(question, catalogue)
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


def engine_names(question: Question) -> tuple[str, ...]:
    """The names under which the rules see the answer (``partners.size`` for a partner's size)."""
    if question.per_partner:
        fields = question.fields or (question.field,)
        return tuple(f"partners.{field}" for field in fields)
    return ENGINE_NAMES.get(question.id, (question.id,))


def fact_readers(question: Question, layers: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The rules that read the answer (those of ``layers`` only, if given), most visible
    conclusions first (partner facts reach the rules through the partner-mix summaries)."""
    readers = list(dict.fromkeys(r for name in engine_names(question) for r in rules_reading(name)))
    specs = [REGISTRY[rule_id] for rule_id in readers if not layers or REGISTRY[rule_id].layer in layers]
    order = {layer: i for i, layer in enumerate(EXAMPLE_LAYERS)}
    specs.sort(key=lambda spec: order.get(spec.layer, len(LAYERS)))
    return tuple(spec.id for spec in specs)


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
