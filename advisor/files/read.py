"""Reading the user's YAML and JSON files safely: one loader for cases, interview answers and
sessions, and weights.

A file is read only up to its size limit (so ``/dev/zero`` or a huge file costs nothing),
must be UTF-8 text, and is parsed by YAML's safe loader (JSON is YAML). Before any Python
value is built, the parsed document is checked: aliases (``*name``) may not expand it beyond
``max_values`` values nor refer to themselves, nesting may not exceed :data:`MAX_DEPTH`,
a key may not appear twice in one mapping, and an integer may not have more than
:data:`MAX_DIGITS` digits. Every problem is an :class:`InputFileError` (or the subclass the
caller names) with the file, the line and the value shown at most 200 characters long.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import yaml

from advisor.files.errors import InputFileError, clip, shown

MAX_DEPTH = 100
MAX_DIGITS = 4300  # Python's own limit for turning text into an integer
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is ~4x faster on big files
_INT = "tag:yaml.org,2002:int"
_MERGE = "tag:yaml.org,2002:merge"


def _megabytes(limit: int) -> str:
    return f"{limit / 1_000_000:g} MB"


def read_bytes(path: str | Path, max_bytes: int, error: type[InputFileError] = InputFileError) -> bytes:
    """The content of ``path``, refused when it is not a readable file or holds more than
    ``max_bytes`` bytes (only ``max_bytes + 1`` bytes are ever read)."""
    source = str(path)
    try:
        with open(path, "rb") as handle:
            if stat.S_ISDIR(os.fstat(handle.fileno()).st_mode):
                raise error(source, ["is a folder, not a file"])
            data = handle.read(max_bytes + 1)
    except IsADirectoryError:
        raise error(source, ["is a folder, not a file"]) from None
    except OSError as exc:
        raise error(source, [f"cannot read the file: {exc.strerror or exc}"]) from None
    if len(data) > max_bytes:
        raise error(source, [f"file is larger than {_megabytes(max_bytes)}; refusing to read it"])
    return data


def read_text(path: str | Path, max_bytes: int, what: str, error: type[InputFileError] = InputFileError) -> str:
    """The UTF-8 text of ``path`` (a byte-order mark is dropped); ``what`` names the file's
    kind in the refusal of a binary file, e.g. ``"a case is YAML or JSON"``."""
    source = str(path)
    try:
        text = read_bytes(path, max_bytes, error).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(source, [f"not a text file (byte {exc.start} is not UTF-8); {what}"]) from None
    if "\x00" in text:
        raise error(source, [f"not a text file (it contains NUL bytes); {what}"])
    return text


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _line(node: yaml.Node) -> str:
    return f"line {node.start_mark.line + 1}"


def _own_problem(node: yaml.Node) -> str | None:
    """A problem in the node itself: a repeated key, or an integer too long to read."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _INT and sum(ch.isdigit() for ch in node.value) > MAX_DIGITS:
            digits = sum(ch.isdigit() for ch in node.value)
            return f"{_line(node)}: a number with {digits:,} digits; at most {MAX_DIGITS} are allowed"
        return None
    if isinstance(node, yaml.MappingNode):
        seen: set[tuple[str, str]] = set()
        for key, _ in node.value:
            if not isinstance(key, yaml.ScalarNode) or key.tag == _MERGE:
                continue
            if (key.tag, key.value) in seen:
                return f"{_line(key)}: the key {shown(key.value)} appears more than once in the same mapping"
            seen.add((key.tag, key.value))
    return None


def check_document(root: yaml.Node, max_values: int) -> list[str]:
    """Problems that make a parsed document unsafe or ambiguous to use (see the module
    docstring); each node is visited once, however often aliases repeat it."""
    size: dict[int, int] = {}
    height: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            on_path.discard(key)
            children = _children(node)
            size[key] = 1 + sum(size[id(c)] for c in children)
            height[key] = 1 + max((height[id(c)] for c in children), default=0)
            if height[key] > MAX_DEPTH:
                return [f"{_line(node)}: nested more than {MAX_DEPTH} levels deep"]
            if size[key] > max_values:
                return [f"aliases (*name) or sheer size make it more than {max_values:,} values; write it out plainly"]
            continue
        if key in size:
            continue
        if key in on_path:
            return [f"{_line(node)}: an alias (*name) refers to the value that contains it"]
        problem = _own_problem(node)
        if problem:
            return [problem]
        on_path.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in size)
    return []


def parse_data(text: str, source: str, max_values: int, error: type[InputFileError] = InputFileError) -> Any:
    """Parse YAML or JSON text safely (see the module docstring); ``None`` for an empty document."""
    loader = _LOADER(text)
    try:
        root = loader.get_single_node()
        problems = check_document(root, max_values) if root is not None else []
        data = loader.construct_document(root) if root is not None and not problems else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = clip(str(getattr(exc, "problem", None) or exc))
        raise error(source, [f"not valid YAML or JSON{where}: {problem}"]) from None
    except (ValueError, OverflowError, RecursionError) as exc:  # e.g. a date such as 2023-02-30
        raise error(source, [f"a value cannot be read: {clip(str(exc))}"]) from None
    finally:
        loader.dispose()
    if problems:
        raise error(source, problems)
    return data


def load_data(
    path: str | Path, max_bytes: int, max_values: int, what: str, error: type[InputFileError] = InputFileError
) -> Any:
    """Read and parse a YAML or JSON file within the given limits."""
    return parse_data(read_text(path, max_bytes, what, error), str(path), max_values, error)
