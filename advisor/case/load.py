"""Reading case files (YAML or JSON) into a validated :class:`~advisor.case.model.Case`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from advisor.case.model import Case
from advisor.files.errors import InputFileError

MAX_CASE_BYTES = 5_000_000
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is ~4x faster on big cases


class CaseError(InputFileError):
    """A case file that cannot be used; the message names the file, the field and the problem."""


def _field_path(loc: tuple[Any, ...]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        else:
            parts.append(("." if parts else "") + str(item))
    return "".join(parts) or "(top level)"


def describe_validation_error(error: ValidationError) -> list[str]:
    """One line per problem: the field, the bad value and what is allowed."""
    lines = []
    for err in error.errors():
        where = _field_path(tuple(err["loc"]))
        message = err["msg"]
        if err["type"] == "missing":
            lines.append(f"{where}: required field is missing")
        elif err["type"] == "extra_forbidden":
            lines.append(f"{where}: unknown field (check its spelling; `advisor schema` lists fields)")
        elif "input" in err and not isinstance(err["input"], dict | list):
            lines.append(f"{where}: {err['input']!r} is not allowed: {message}")
        else:
            lines.append(f"{where}: {message}")
    return lines


def case_from_data(data: Any, source: str = "<case>") -> Case:
    """Validate already-parsed data as a case, raising :class:`CaseError` on any problem."""
    if not isinstance(data, dict):
        kind = "empty" if data is None else type(data).__name__
        raise CaseError(source, [f"expected a mapping with a `partners` list, got {kind}"])
    try:
        return Case.model_validate(data)
    except ValidationError as exc:
        raise CaseError(source, describe_validation_error(exc)) from None


def parse_case_text(text: str, source: str = "<case>") -> Case:
    """Parse YAML or JSON text (JSON is valid YAML) into a case."""
    try:
        data = yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise CaseError(source, [f"not valid YAML or JSON{where}: {getattr(exc, 'problem', exc)}"]) from None
    return case_from_data(data, source)


def load_case(path: str | Path) -> Case:
    """Read and validate a case file (YAML or JSON)."""
    path = Path(path)
    source = str(path)
    try:
        if path.stat().st_size > MAX_CASE_BYTES:
            raise CaseError(
                source,
                [f"file is larger than {MAX_CASE_BYTES // 1_000_000} MB; refusing to read it"],
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise CaseError(source, [f"cannot read the file: {exc.strerror or exc}"]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise CaseError(source, ["not a text file (it is not UTF-8); a case is YAML or JSON"]) from None
    if "\x00" in text:
        raise CaseError(source, ["not a text file (it contains NUL bytes); a case is YAML or JSON"])
    return parse_case_text(text, source)


def case_to_yaml(case: Case) -> str:
    """The case as YAML in the same format :func:`load_case` reads, leaving out unknowns."""
    data = case.model_dump(mode="json", exclude_defaults=True)
    data.setdefault("partners", [p.model_dump(mode="json", exclude_defaults=True) for p in case.partners])
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def case_to_json(case: Case) -> str:
    """The complete case as JSON with sorted keys."""
    return json.dumps(case.model_dump(mode="json"), indent=2, sort_keys=True)
