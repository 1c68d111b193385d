"""Shared pieces of the command-line interface: errors, case loading and output."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click

from advisor.files.write import check_output, write_outputs
from advisor.files.write import check_outputs as check_output_paths

STDOUT = "-"
OUTPUT_HELP = (
    "A symbolic link is followed (the file it points to is replaced, the link kept); a device or pipe is written "
    "straight through; an input file, a folder or a file with other hard links is refused."
)


class AdvisorUsageError(click.ClickException):
    """A problem with the user's input: clear message, exit code 2, no traceback."""

    exit_code = 2


def _files(outputs: Sequence[str | None]) -> list[str]:
    return [path for path in outputs if path not in (None, STDOUT)]


def check_outputs(*outputs: str | None, inputs: Sequence[str | None] = ()) -> None:
    """Refuse, before any work starts, an output that cannot be written or is one of the
    inputs (``None`` and ``-``, standard output, are skipped)."""
    check_output_paths(_files(outputs), inputs)


def stdout_is_terminal() -> bool:
    """Whether standard output is a terminal (where binary output would be garbage)."""
    return sys.stdout.isatty()


def refuse_binary_to_terminal(output: str | None, what: str = "a PDF", suffix: str = "pdf") -> None:
    """Refuse to write binary output to a terminal."""
    if output in (None, STDOUT) and stdout_is_terminal():
        raise AdvisorUsageError(
            f"refusing to write {what} to the terminal: give -o FILE.{suffix} or redirect the output"
        )


def ask(prompt: str) -> str | None:
    """A line typed after ``prompt``; None at the end of input. Ctrl-C is left to the command
    group, which exits with status 130."""
    try:
        return input(prompt)
    except EOFError:
        click.echo()
        return None


def emit_all(items: Sequence[tuple[str | bytes, str | None]]) -> None:
    """Write each text to its file (all checked, then all written together, so a failure
    leaves none of them) or, for ``None`` or ``-``, to standard output."""
    write_outputs([(check_output(path), text) for text, path in items if path not in (None, STDOUT)])
    for text, path in items:
        if path in (None, STDOUT):
            if isinstance(text, bytes):
                sys.stdout.buffer.write(text)
                sys.stdout.buffer.flush()
            else:
                click.echo(text, nl=False)
    for path in _files([path for _, path in items]):
        click.echo(f"wrote {path}", err=True)


def emit(text: str | bytes, output: str | None) -> None:
    """Write to ``output`` safely (see :mod:`advisor.files.write`), or to standard output."""
    emit_all([(text, output)])


OUTPUT_OPTION = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help=f"Write to this file instead of standard output (replaced atomically). {OUTPUT_HELP}",
)


def format_option(choices: list[str] | tuple[str, ...], help_text: str):  # noqa: ANN201 - a click decorator
    """The ``--format`` option shared by the commands: one of ``choices``, ``text`` by default."""
    return click.option(
        "--format", "fmt", type=click.Choice(list(choices)), default="text", show_default=True, help=help_text
    )
