"""The error every file reader raises: it names the file and every problem found in it."""

from __future__ import annotations


class InputFileError(ValueError):
    """A file that cannot be used; ``problems`` name fields, rows or columns and what is allowed."""

    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: " + "; ".join(problems))

    def __reduce__(self) -> tuple:
        """Rebuilt from its source and problems (so it survives a worker process)."""
        return (self.__class__, (self.source, self.problems))
