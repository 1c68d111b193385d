"""Shared pieces of the command-line interface: errors, case loading and output."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from advisor.case.load import CaseError, load_case
from advisor.case.model import Case
from advisor.files.write import write_all, write_atomic


class AdvisorUsageError(click.ClickException):
    """A problem with the user's input: clear message, exit code 2, no traceback."""

    exit_code = 2


def read_case(path: str) -> Case:
    """Load a case file, turning any problem into a clear error naming file and field."""
    try:
        return load_case(path)
    except CaseError as exc:
        lines = "\n".join(f"  - {p}" for p in exc.problems)
        raise AdvisorUsageError(f"cannot use case file {exc.source}:\n{lines}") from None


def emit(text: str | bytes, output: str | None) -> None:
    """Write to ``output`` atomically (no partial file on failure), or to standard output."""
    if output is None or output == "-":
        if isinstance(text, bytes):
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
        else:
            click.echo(text, nl=False)
        return
    try:
        write_atomic(Path(output), text)
    except OSError as exc:
        raise AdvisorUsageError(f"cannot write {output}: {exc.strerror or exc}") from None
    click.echo(f"wrote {output}", err=True)


def check_outputs(outputs: list[str], inputs: dict[str, str]) -> None:
    """Refuse, before anything is written, output paths that cannot be written: a missing or
    read-only folder, a folder, one of the ``inputs`` (path -> what it is, e.g. 'case file'),
    or the same file named twice."""
    seen: dict[Path, str] = {}
    protected = {Path(path).resolve(): f"{kind} {path}" for path, kind in inputs.items()}
    for output in outputs:
        if output == "-":
            continue
        path = Path(output)
        resolved = path.resolve()
        if resolved in protected:
            raise AdvisorUsageError(f"refusing to overwrite the {protected[resolved]} with {output}")
        if resolved in seen:
            raise AdvisorUsageError(f"{output} is named twice as an output ({seen[resolved]} and {output})")
        if path.is_dir():
            raise AdvisorUsageError(f"cannot write {output}: it is a folder")
        folder = path.parent if str(path.parent) else Path(".")
        if not folder.is_dir():
            raise AdvisorUsageError(f"cannot write {output}: the folder {folder} does not exist")
        if not os.access(folder, os.W_OK):
            raise AdvisorUsageError(f"cannot write {output}: the folder {folder} is not writable")
        seen[resolved] = output


def emit_all(outputs: dict[str, str | bytes]) -> None:
    """Write several output files all or nothing (see :func:`advisor.files.write.write_all`)."""
    try:
        write_all(outputs)
    except OSError as exc:
        raise AdvisorUsageError(f"cannot write {exc.filename or 'the output'}: {exc.strerror or exc}") from None
    for output in outputs:
        click.echo(f"wrote {output}", err=True)


OUTPUT_OPTION = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write to this file instead of standard output.",
)


def format_option(choices: list[str] | tuple[str, ...], help_text: str):  # noqa: ANN201 - a click decorator
    """The ``--format`` option shared by the commands: one of ``choices``, ``text`` by default."""
    return click.option(
        "--format", "fmt", type=click.Choice(list(choices)), default="text", show_default=True, help=help_text
    )
