"""CSV that is safe to open in a spreadsheet.

A text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be
read by Excel, LibreOffice or Google Sheets as a formula (CSV injection); such a cell is
written with a leading apostrophe, as the OWASP advice and spreadsheet-safe writers do.
Numbers are written as they are (a negative score stays a number). Every cell holding a
comma, a quote, a carriage return or a line feed is quoted, whatever the line ending.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """A cell a spreadsheet will show as text, never run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_text(rows: Iterable[Sequence[object]], newline: str = "\n") -> str:
    """The rows as CSV text, each line ended by ``newline``, every cell spreadsheet-safe."""
    buffer = io.StringIO()
    # With "\r\n" as the terminator the writer quotes every cell holding "\r" or "\n";
    # each row's terminator is then swapped for the one asked for.
    writer = csv.writer(buffer, lineterminator="\r\n")
    lines = []
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([safe_cell(cell) for cell in row])
        lines.append(buffer.getvalue()[:-2] + newline)
    return "".join(lines)
