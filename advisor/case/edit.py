"""Editing a case by fact name, for what-if questions, why-not searches and sensitivity.

Fact names are dotted paths: ``collaboration.mandation``, ``relationship.travel_time``,
``partners.size`` (every partner) or ``partners[0].size`` (one partner, counted from 0 as in
error messages). List facts (``collaboration.drivers``, ``collaboration.forms_considered``)
take comma-separated values; an empty value means none.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from advisor.case.load import describe_validation_error
from advisor.case.model import Case, Collaboration, Partner, Relationship
from advisor.files.errors import UserInputError

SECTIONS: dict[str, type[BaseModel]] = {"collaboration": Collaboration, "relationship": Relationship}
LIST_FACTS = ("drivers", "forms_considered", "communication_levers")
_PARTNER = re.compile(r"^partners(?:\[(\d+)\])?\.([a-z_]+)$")


class CaseEditError(UserInputError):
    """An edit that names no fact, or gives a value the fact does not allow."""


def _choices(annotation: Any) -> tuple[str, ...] | None:
    """The allowed values of a Literal field (or of a tuple of Literals), else None."""
    if typing.get_origin(annotation) is tuple:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) is typing.Literal:
        return tuple(typing.get_args(annotation))
    return None


def fact_choices(model: type[BaseModel]) -> dict[str, tuple[str, ...]]:
    """Each choice field of a case model and its allowed values."""
    out = {}
    for name, field in model.model_fields.items():
        choices = _choices(field.annotation)
        if choices is not None:
            out[name] = choices
    return out


def editable_facts(case: Case, per_partner: bool = True) -> dict[str, tuple[str, ...]]:
    """Every fact of the case that can be edited by name, with its allowed values.

    Partner facts are listed once for all partners (``partners.size``) and, with
    ``per_partner``, once per partner (``partners[0].size``)."""
    facts: dict[str, tuple[str, ...]] = {}
    for section, model in SECTIONS.items():
        for name, choices in fact_choices(model).items():
            facts[f"{section}.{name}"] = choices
    partner_choices = fact_choices(Partner)
    for name, choices in partner_choices.items():
        facts[f"partners.{name}"] = choices
    for index in range(len(case.partners) if per_partner else 0):
        for name, choices in partner_choices.items():
            facts[f"partners[{index}].{name}"] = choices
    return facts


def current_value(case: Case, fact: str) -> Any:
    """The case's value of a fact (for ``partners.x``: the values of all partners)."""
    match = _PARTNER.match(fact)
    if match:
        index, name = match.groups()
        if index is None:
            return tuple(getattr(p, name) for p in case.partners)
        return getattr(case.partners[int(index)], name)
    section, _, name = fact.partition(".")
    return getattr(getattr(case, section), name)


def _value(fact: str, raw: str, choices: tuple[str, ...]) -> Any:
    name = fact.rsplit(".", 1)[1]
    if name in LIST_FACTS:
        values = tuple(v.strip() for v in raw.split(",") if v.strip())
        bad = [v for v in values if v not in choices]
    else:
        values, bad = raw.strip(), [] if raw.strip() in choices else [raw.strip()]
    if bad:
        raise CaseEditError(f"{fact}: {', '.join(map(repr, bad))} is not allowed; allowed: {', '.join(choices)}")
    return values


def apply_edits(case: Case, edits: Mapping[str, str]) -> Case:
    """A new, validated case with the given facts set to the given values."""
    facts = editable_facts(case)
    data = case.model_dump()
    for fact, raw in edits.items():
        if fact not in facts:
            raise CaseEditError(
                f"{fact}: no such fact; facts look like collaboration.mandation, "
                "relationship.travel_time, partners.size or partners[0].size"
            )
        value = _value(fact, raw, facts[fact])
        match = _PARTNER.match(fact)
        if match:
            index, name = match.groups()
            targets = data["partners"] if index is None else [data["partners"][int(index)]]
            for partner in targets:
                partner[name] = value
        else:
            section, _, name = fact.partition(".")
            data[section][name] = value
    try:
        return Case.model_validate(data)
    except ValidationError as exc:  # e.g. an edit that conflicts with another rule of the model
        raise CaseEditError("; ".join(describe_validation_error(exc))) from None


def parse_edit(text: str) -> tuple[str, str]:
    """Split ``FACT=VALUE``."""
    fact, sep, value = text.partition("=")
    if not sep or not fact.strip():
        raise CaseEditError(f"{text!r}: expected FACT=VALUE, e.g. collaboration.mandation=voluntary")
    return fact.strip(), value.strip()
