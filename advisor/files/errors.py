"""The error every file reader raises (it names the file and every problem found in it), and
how a value from a file is shown in a message: never more than :data:`SHOWN_CHARS` characters."""

from __future__ import annotations

import reprlib
from typing import Any

SHOWN_CHARS = 200
LISTED_PROBLEMS = 20

_REPR = reprlib.Repr()  # Python 3.11's Repr takes no arguments
_REPR.maxlevel, _REPR.maxstring, _REPR.maxlong, _REPR.maxother = 2, SHOWN_CHARS, 40, 60
_REPR.maxtuple = _REPR.maxlist = _REPR.maxdict = _REPR.maxset = 4


def shown(value: Any, limit: int = SHOWN_CHARS) -> str:
    """``value`` as Python would write it, cut to ``limit`` characters (with the length of a long
    string), cheaply even for a huge or deeply nested value."""
    text = _REPR.repr(value)
    if isinstance(value, str) and len(value) > limit:
        text = f"{repr(value[: limit - 40])[:-1]}...' ({len(value):,} characters)"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def clip(text: str, limit: int = SHOWN_CHARS) -> str:
    """A message part cut to ``limit`` characters."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def listed(problems: list[str], limit: int = LISTED_PROBLEMS) -> list[str]:
    """The first ``limit`` problems, and a count of the rest."""
    if len(problems) <= limit:
        return problems
    return [*problems[:limit], f"... and {len(problems) - limit:,} more problem(s)"]


class InputFileError(ValueError):
    """A file that cannot be used; ``problems`` name fields, rows or columns and what is allowed."""

    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: " + "; ".join(listed(problems)))

    def __reduce__(self) -> tuple:
        """Rebuilt from its source and problems (so it survives a worker process)."""
        return (self.__class__, (self.source, self.problems))
