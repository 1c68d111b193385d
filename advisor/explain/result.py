"""What the three explanations (how, why-not, what-if) share: their error, the base of their
results, and escaping for their Markdown."""

from __future__ import annotations

import json

from pydantic import BaseModel, ConfigDict

from advisor.files.errors import UserInputError
from advisor.report.markdown import escape_markdown


class ExplainError(UserInputError):
    """A question the advisor cannot answer as asked: an unknown target, form or fact."""


class Result(BaseModel):
    """An explanation as data, frozen, with canonical JSON."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    def to_json(self) -> str:
        """Canonical JSON: sorted keys, two-space indent."""
        return json.dumps(self.model_dump(mode="json"), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def escape(text: str, markdown: bool) -> str:
    """Text for the output: escaped for Markdown, as it is for plain text."""
    return escape_markdown(text) if markdown else text
