"""Reading case files (YAML or JSON) into a validated :class:`~advisor.case.model.Case`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from advisor.case.model import MAX_PARTNERS, Case
from advisor.files.errors import SHOWN_CHARS, InputFileError, clip, shown
from advisor.files.read import parse_data, read_text

MAX_CASE_BYTES = 5_000_000
MAX_CASE_VALUES = 1_000_000  # a case with MAX_PARTNERS partners, every fact given, has about 210,000
WHAT = "a case is YAML or JSON"


class CaseError(InputFileError):
    """A case file that cannot be used; the message names the file, the field and the problem."""

    what = "case file"


def _field_path(loc: tuple[Any, ...]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        else:
            parts.append(("." if parts else "") + str(item))
    return "".join(parts) or "(top level)"


def _consequence(err: Any, errors: list[Any]) -> bool:
    """A list's length error that only counts the items already reported as invalid (pydantic
    checks a tuple's length after dropping its invalid items)."""
    loc = tuple(err["loc"])
    return err["type"] == "too_short" and any(
        len(e["loc"]) > len(loc) and tuple(e["loc"][: len(loc)]) == loc for e in errors
    )


def describe_validation_error(error: ValidationError) -> list[str]:
    """One line per problem: the field, the bad value (at most 200 characters) and what is allowed."""
    errors = error.errors()
    lines = []
    for err in errors:
        if _consequence(err, errors):
            continue
        where = clip(_field_path(tuple(err["loc"])))
        message = clip(err["msg"], 2 * SHOWN_CHARS)
        if err["type"] == "missing":
            lines.append(f"{where}: required field is missing")
        elif err["type"] == "extra_forbidden":
            lines.append(f"{where}: unknown field (check its spelling; `advisor schema` lists fields)")
        elif "input" in err and not isinstance(err["input"], dict | list):
            lines.append(f"{where}: {shown(err['input'])} is not allowed: {message}")
        else:
            lines.append(f"{where}: {message}")
    return lines


def case_from_data(data: Any, source: str = "<case>") -> Case:
    """Validate already-parsed data as a case, raising :class:`CaseError` on any problem."""
    if not isinstance(data, dict):
        kind = "empty" if data is None else type(data).__name__
        raise CaseError(source, [f"expected a mapping with a `partners` list, got {kind}"])
    partners = data.get("partners")
    if isinstance(partners, list) and len(partners) > MAX_PARTNERS:
        raise CaseError(source, [f"partners: {len(partners):,} partners given; at most {MAX_PARTNERS} are allowed"])
    try:
        return Case.model_validate(data)
    except ValidationError as exc:
        raise CaseError(source, describe_validation_error(exc)) from None


def parse_case_text(text: str, source: str = "<case>") -> Case:
    """Parse YAML or JSON text (JSON is valid YAML) into a case."""
    return case_from_data(parse_data(text, source, MAX_CASE_VALUES, CaseError), source)


def load_case(path: str | Path) -> Case:
    """Read and validate a case file (YAML or JSON)."""
    return parse_case_text(read_text(path, MAX_CASE_BYTES, WHAT, CaseError), str(path))


def case_to_yaml(case: Case) -> str:
    """The case as YAML in the same format :func:`load_case` reads, leaving out unknowns."""
    data = case.model_dump(mode="json", exclude_defaults=True)
    data.setdefault("partners", [p.model_dump(mode="json", exclude_defaults=True) for p in case.partners])
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def case_to_json(case: Case) -> str:
    """The complete case as JSON with sorted keys."""
    return json.dumps(case.model_dump(mode="json"), indent=2, sort_keys=True)
