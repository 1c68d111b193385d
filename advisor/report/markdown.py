"""Text typed by a user (a collaboration's or partner's name, an organisation in a survey, a
file name) placed in Markdown: shown literally, never read as markup or HTML."""

from __future__ import annotations

# Backslash escapes every ASCII punctuation character in CommonMark; these are the ones that
# start markup, HTML or an entity in running text and table cells.
SPECIAL = "\\`*_[]<>|&~"


def escape_markdown(text: str) -> str:
    """``text`` as literal Markdown: markup characters escaped and line breaks made spaces, so
    that it stays within its line, heading or table cell."""
    return "".join("\\" + char if char in SPECIAL else char for char in " ".join(text.splitlines()))
