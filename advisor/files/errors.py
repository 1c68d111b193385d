"""The errors the library raises for problems with what a user gave it (a file, a value, a
name), each with a message meant for that user; and how a value is shown in a message: never
more than :data:`SHOWN_CHARS` characters. The command line turns every :class:`UserInputError`
into a clear message and exit status 2, in one place (``advisor.cli.main``)."""

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


class UserInputError(ValueError):
    """A problem with what the user gave (not a fault of the advisor): its message says what,
    where, and what is allowed, in the user's terms."""

    def user_message(self) -> str:
        """The message for the user."""
        return str(self)


class InputFileError(UserInputError):
    """A file that cannot be used; ``problems`` name fields, rows or columns and what is allowed.
    Subclasses say what kind of file it is (``what``)."""

    what = ""

    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: " + "; ".join(listed(problems)))

    def user_message(self) -> str:
        """The file named, and its first problems listed with a count of the rest."""
        lines = "\n".join(f"  - {p}" for p in listed(self.problems))
        return f"cannot use {self.what + ' ' if self.what else ''}{self.source}:\n{lines}"

    def __reduce__(self) -> tuple:
        """Rebuilt from its source and problems (so it survives a worker process)."""
        return (self.__class__, (self.source, self.problems))
