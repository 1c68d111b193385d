"""The case's facts in plain words, as the question catalogue (``knowledge/interview.yaml``)
writes them once: a short label for each fact, what it means, and what each of its answers
means. Every text meant for people (the advice, the interview, ``advisor schema``, the
README's case format) puts facts into words through here."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

_PARTNER = re.compile(r"^partners?(?:\[(\d+)\])?\.([a-z_]+)$")
DONT_KNOW = "don't know"
MEANING_SEPARATOR = " - "


@cache
def _raw() -> dict[str, Any]:
    return yaml.safe_load(files("advisor.knowledge").joinpath("interview.yaml").read_text(encoding="utf-8"))


@cache
def _catalogue() -> dict[str, dict]:
    return {q["id"]: q for q in _raw()["questions"]}


def _question(fact: str) -> tuple[dict, str | None]:
    """The catalogue entry for a fact, and the partner index it names (if one)."""
    match = _PARTNER.match(fact)
    if match:
        index, field = match.groups()
        return _catalogue().get(f"partner.{field}", {}), index
    return _catalogue().get(fact, {}), None


def short_label(text: str) -> str:
    """The short answer of a choice's wording: 'Rapid - within months' -> 'Rapid'."""
    return text.split(MEANING_SEPARATOR, 1)[0]


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


def value_meaning(fact: str, value: str) -> str:
    """What an answer means, as the catalogue writes it ('Rapid - within months')."""
    question, _ = _question(fact)
    if value == "unknown":
        return DONT_KNOW
    label = question.get("choices", {}).get(value)
    return str(label) if label is not None else value.replace("_", " ")


def value_label(fact: str, value: str) -> str:
    """An answer in a word or two (``over_60_min`` -> 'Over an hour', ``rapid`` -> 'Rapid')."""
    return short_label(value_meaning(fact, value))


def answer_words(fact: str, value: str, partners: Sequence[str] = ()) -> str:
    """'Travel time between partners: over an hour'."""
    words = value_label(fact, value)
    return f"{fact_label(fact, partners)}: {words[:1].lower()}{words[1:]}"


def _plain_question(question: dict) -> str:
    return " ".join(str(question["question"]).format(name="the organisation", n="N").split())


def fact_meaning(fact: str) -> str:
    """What a fact of the case means, for someone writing a case file: its label, the
    question that asks it and what its terms mean (``partner.size``, ``collaboration.money``,
    ``relationship.pairs.between``)."""
    question = _catalogue().get(fact)
    if question is not None:
        explain = " ".join(str(question.get("explain", "")).split())
        return " ".join(part for part in (f"{question['label']}: {_plain_question(question)}", explain) if part)
    groups = _raw().get("groups", {})
    if fact in groups:
        return " ".join(str(groups[fact]).split())
    not_asked = _raw().get("not_asked", {})
    if fact in not_asked:
        return " ".join(str(not_asked[fact]["description"]).split())
    parent, _, name = fact.rpartition(".")
    entry = not_asked.get(parent)
    if entry is None:
        raise KeyError(fact)
    if name in entry.get("fields", {}):
        return str(entry["fields"][name])
    return fact_meaning(f"{entry['like']}.{name}")


def choice_meanings(fact: str) -> dict[str, str]:
    """Each answer of a choice fact and what it means, "don't know" (``unknown``) last."""
    question = _catalogue().get(fact) or {}
    like = _raw().get("not_asked", {}).get(fact.rpartition(".")[0], {}).get("like")
    if not question and like:
        question = _catalogue().get(f"{like}.{fact.rpartition('.')[2]}", {})
    return {**{str(k): str(v) for k, v in question.get("choices", {}).items()}, "unknown": DONT_KNOW}
