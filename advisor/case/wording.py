"""The case's facts in plain words, as the question catalogue (``knowledge/interview.yaml``)
writes them once: a short label for each fact and a label for each of its answers. Every
text meant for a board puts facts into words through here."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from importlib.resources import files

import yaml

_PARTNER = re.compile(r"^partners(?:\[(\d+)\])?\.([a-z_]+)$")


@cache
def _catalogue() -> dict[str, dict]:
    raw = files("advisor.knowledge").joinpath("interview.yaml").read_text(encoding="utf-8")
    return {q["id"]: q for q in yaml.safe_load(raw)["questions"]}


def _question(fact: str) -> tuple[dict, str | None]:
    """The catalogue entry for a fact, and the partner index it names (if one)."""
    match = _PARTNER.match(fact)
    if match:
        index, field = match.groups()
        return _catalogue().get(f"partner.{field}", {}), index
    return _catalogue().get(fact, {}), None


def fact_label(fact: str, partners: Sequence[str] = ()) -> str:
    """A fact in words: ``relationship.travel_time`` -> 'Travel time between partners';
    ``partners[1].size`` -> 'Size of Southtown Hospital'; ``partners.size`` -> 'Size of the partners'."""
    question, index = _question(fact)
    label = question.get("label") or fact.rsplit(".", 1)[-1].replace("_", " ").capitalize()
    if not fact.startswith("partners"):
        return label
    if index is None:
        return f"{label} of the partners"
    i = int(index)
    who = partners[i] if i < len(partners) else f"partner {i + 1}"
    return f"{label} of {who}"


def value_label(fact: str, value: str) -> str:
    """An answer in words, as the catalogue offers it (``over_60_min`` -> 'Over an hour')."""
    question, _ = _question(fact)
    if value == "unknown":
        return "don't know"
    label = question.get("choices", {}).get(value)
    return str(label) if label is not None else value.replace("_", " ")


def short_value_label(fact: str, value: str) -> str:
    """An answer in a few words: the catalogue's label without its explanation."""
    return value_label(fact, value).split(" - ")[0].split(" (")[0]


def answer_words(fact: str, value: str, partners: Sequence[str] = ()) -> str:
    """'Travel time between partners: over an hour'."""
    shown = short_value_label(fact, value)
    return f"{fact_label(fact, partners)}: {shown[:1].lower()}{shown[1:]}"
