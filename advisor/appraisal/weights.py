"""The critical success factors of the option appraisal (the Green Book's five, each scored
from evidence-derived components) and their weights: the defaults from
``knowledge/appraisal_criteria.yaml`` and a user's weights file, validated; and the appraisal
framework (``knowledge/appraisal_framework.yaml``: objectives, long-list possibilities, the
economic calibration)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from advisor.files.errors import InputFileError, shown
from advisor.files.read import load_data
from advisor.kb.models import CriterionItem

CRITERIA_FILE = "appraisal_criteria.yaml"
FRAMEWORK_FILE = "appraisal_framework.yaml"
MAX_WEIGHT = 1000.0  # the defaults sum to 100; a weight beyond this is a slip of the keyboard
MAX_WEIGHTS_BYTES = 100_000
MAX_WEIGHTS_VALUES = 1_000


class WeightsError(InputFileError):
    """A weights file that cannot be used: the file, and every problem found in it."""

    what = "weights file"


def _read(name: str) -> Any:
    return yaml.safe_load(files("advisor.knowledge").joinpath(name).read_text(encoding="utf-8"))


@cache
def load_criteria() -> tuple[CriterionItem, ...]:
    """The critical success factors, in the Green Book's order, with meaning, weight,
    justification and components."""
    return tuple(
        CriterionItem.model_validate({**entry, "kind": "appraisal_criteria"}) for entry in _read(CRITERIA_FILE)["items"]
    )


@cache
def load_framework() -> dict[str, Any]:
    """The appraisal framework: objectives per driver, long-list possibilities, economic calibration."""
    return _read(FRAMEWORK_FILE)


def criterion(criterion_id: str) -> CriterionItem:
    """One critical success factor by id."""
    return next(c for c in load_criteria() if c.id == criterion_id)


@cache
def components() -> dict[str, tuple[str, dict[str, Any]]]:
    """Every evidence-derived component by id: the critical success factor it belongs to and its spec."""
    return {part["id"]: (c.id, part) for c in load_criteria() for part in c.components}


def component(component_id: str) -> dict[str, Any]:
    """One component's spec (scoring, weights, tables) by id."""
    return components()[component_id][1]


def default_weights() -> dict[str, float]:
    """The documented default weight of each criterion."""
    return {c.id: float(c.weight) for c in load_criteria()}


def _number(value: Any) -> float | None:
    """A weight as a number: YAML reads ``1e3`` (no decimal point) as text, so text that is a
    number counts as one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def check_weights(weights: Mapping[Any, Any], source: str = "weights") -> dict[str, float]:
    """The default weights overridden by ``weights``; raises :class:`WeightsError` listing every
    unknown criterion, non-numeric weight, weight outside 0 to :data:`MAX_WEIGHT`, and an
    all-zero result."""
    allowed = default_weights()
    problems = []
    merged = dict(allowed)
    for key, value in weights.items():
        number = _number(value)
        if key not in allowed:
            part = components().get(key) if isinstance(key, str) else None
            within = f" (it is now a part of {part[0]}, one of the Green Book's five)" if part else ""
            problems.append(f"{shown(key)} is not a critical success factor{within}; allowed: {', '.join(allowed)}")
        elif number is None:
            problems.append(f"{key}: {shown(value)} is not a number; give a weight such as {allowed[key]:g}")
        elif not 0 <= number <= MAX_WEIGHT:  # also refuses nan
            problems.append(f"{key}: {shown(value)} is not allowed; a weight is a number from 0 to {MAX_WEIGHT:g}")
        else:
            merged[key] = number
    if not problems and not any(merged.values()):
        problems.append("every weight is 0; at least one criterion must carry weight")
    if problems:
        raise WeightsError(source, problems)
    return merged


def read_weights(path: str | Path) -> dict[str, float]:
    """Weights from a YAML file mapping criterion -> weight; criteria it leaves out keep their
    default weight."""
    source = str(path)
    example = "strategic_fit: 40"
    data = load_data(path, MAX_WEIGHTS_BYTES, MAX_WEIGHTS_VALUES, f"expected lines such as {example}", WeightsError)
    if data is None:
        raise WeightsError(source, [f"the file is empty; give criterion: weight lines such as {example}"])
    if not isinstance(data, dict):
        raise WeightsError(
            source, [f"expected a mapping of criterion to weight (e.g. {example}), not a YAML {type(data).__name__}"]
        )
    return check_weights(data, source)
