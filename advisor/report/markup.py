"""Escaping text for Markdown: user text (names, free text) must never become markup."""

from __future__ import annotations

MARKDOWN_SPECIAL = "\\`*_[]<>|#"


def markdown_text(text: str) -> str:
    """Escape every character Markdown (and the HTML it may contain) would read as markup."""
    for char in MARKDOWN_SPECIAL:
        text = text.replace(char, "\\" + char)
    return text.replace("&", "&amp;")
