"""A document as a list of plain blocks (headings, paragraphs, bullet lists, tables, images), so
that one builder serves every output: plain text and Markdown here, HTML through the
``blocks.html`` template, Word through :mod:`advisor.report.word`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from advisor.report.markdown import escape_markdown


@dataclass(frozen=True)
class Heading:
    """A heading; level 1 is the document's title."""

    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of text."""

    text: str


@dataclass(frozen=True)
class Bullets:
    """A bulleted list."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table with a header row; ``numeric`` marks right-aligned columns."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]


@dataclass(frozen=True)
class Image:
    """A picture (PNG bytes) with its description and width in centimetres."""

    png: bytes
    description: str
    width_cm: float


Block = Heading | Paragraph | Bullets | Table | Image


def rewrite_texts(blocks: Sequence[Block], rewrite: Callable[[list[str]], list[str]]) -> list[Block]:
    """The blocks with their body texts (paragraphs, bullet items, table cells; not headings,
    table headers or images) replaced, in document order, by ``rewrite`` of all of them."""
    texts: list[str] = []
    for b in blocks:
        if isinstance(b, Paragraph):
            texts.append(b.text)
        elif isinstance(b, Bullets):
            texts += b.items
        elif isinstance(b, Table):
            texts += [cell for row in b.rows for cell in row]
    new = iter(rewrite(texts))
    out: list[Block] = []
    for b in blocks:
        if isinstance(b, Paragraph):
            out.append(Paragraph(next(new)))
        elif isinstance(b, Bullets):
            out.append(Bullets(tuple(next(new) for _ in b.items)))
        elif isinstance(b, Table):
            out.append(Table(b.header, tuple(tuple(next(new) for _ in row) for row in b.rows), b.numeric))
        else:
            out.append(b)
    return out


def _text_table(table: Table) -> list[str]:
    widths = [max(len(cell) for cell in column) for column in zip(table.header, *table.rows, strict=True)]

    def line(cells: Sequence[str]) -> str:
        parts = [
            cell.rjust(width) if numeric else cell.ljust(width)
            for cell, width, numeric in zip(cells, widths, table.numeric, strict=True)
        ]
        return ("  " + "  ".join(parts)).rstrip()

    return [line(table.header), *(line(row) for row in table.rows)]


def _md_table(table: Table) -> list[str]:
    out = ["| " + " | ".join(escape_markdown(h) for h in table.header) + " |"]
    out.append("|" + "".join("---:|" if numeric else "---|" for numeric in table.numeric))
    out += ["| " + " | ".join(escape_markdown(c) for c in row) + " |" for row in table.rows]
    return out


def render_blocks(blocks: Sequence[Block], markdown: bool = False) -> list[str]:
    """The blocks as lines of plain text, or of Markdown when ``markdown`` (every text shown
    literally: names the user typed are never read as markup)."""
    literal = escape_markdown if markdown else str
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            out += [("#" * block.level + " " if markdown else "") + literal(block.text), ""]
        elif isinstance(block, Paragraph):
            out += [literal(block.text), ""]
        elif isinstance(block, Bullets):
            out += [("- " if markdown else "  - ") + literal(item) for item in block.items] + [""]
        elif isinstance(block, Table):
            out += (_md_table(block) if markdown else _text_table(block)) + [""]
        else:
            out += [f"[{block.description}]", ""]
    return out
