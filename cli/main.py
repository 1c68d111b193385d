"""The `advisor` command: one click group; each command is a thin layer over the library.

Commands are imported only when they run, so `advisor --help` stays fast: the table below
names each command's module and its one-line help.
"""

from __future__ import annotations

import errno
import gc
import os
import sys
from importlib import import_module

import click

from advisor import __version__
from advisor.files.errors import UserInputError

INTERRUPTED = 130  # the shell's status for a command stopped by Ctrl-C (128 + SIGINT)
# A standard output that fails this way (`> /dev/full`, a full disk) gets a clear error; a
# closed pipe (`| head`) is left to click, which exits quietly.
STREAM_ERRORS = {errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT}

# name -> (module in advisor.cli, attribute, short help)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "advise": ("advise", "advise_command", "Advise on the collaboration described in a case file."),
    "schema": ("advise", "schema_command", "Print the JSON Schema of a case file."),
    "demo": ("demo", "demo_command", "Run a packaged example case end to end."),
    "kb": ("kb", "kb_group", "Browse and check the knowledge base and the rules."),
    "trace": ("trace", "trace_command", "Show the reasoning on a case step by step, for teaching."),
    "explain": ("explain", "explain_command", "Explain the advice: --how, --why-not FORM, --what-if FACT=VALUE."),
    "interview": ("interview", "interview_command", "Describe a collaboration by answering questions; get advice."),
    "survey": ("survey", "survey_group", "Readiness survey (Appendix 4) and maturity matrix (Table 11)."),
    "brief": ("brief", "brief_command", "Write the advice on a case as a PDF brief for a board."),
    "appraise": ("appraise", "appraise_command", "Green Book option appraisal of one case or many (csv for batches)."),
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, attribute, _ = COMMANDS[cmd_name]
        command = getattr(import_module(f"advisor.cli.{module}"), attribute)
        if not gc.isenabled():  # started by main(): what was imported lives as long as the process
            gc.freeze()
            gc.enable()
        return command

    def invoke(self, ctx: click.Context) -> object:
        """Run the command. A problem with what the user gave (any :class:`UserInputError` the
        library raises) is a clear message with exit status 2; Ctrl-C exits with status 130; a
        failing standard output is a clear error."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("\ninterrupted", err=True)
            raise click.exceptions.Exit(INTERRUPTED) from None
        except UserInputError as exc:
            from advisor.cli.common import AdvisorUsageError

            raise AdvisorUsageError(exc.user_message()) from None
        except OSError as exc:
            if exc.errno not in STREAM_ERRORS or exc.filename is not None:
                raise
            _discard_stdout()
            from advisor.cli.common import AdvisorUsageError

            raise AdvisorUsageError(f"cannot write to standard output: {exc.strerror}") from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _discard_stdout() -> None:
    """Point standard output at /dev/null, so that Python's final flush of what could not be
    written does not fail again at exit."""
    try:
        fd = sys.stdout.fileno()
    except (OSError, ValueError):  # not a real file (e.g. under a test runner)
        return
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, fd)
    os.close(null)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="advisor")
def cli() -> None:
    """The collaboration advisor: which form of inter-organisational collaboration fits a
    health-care situation, what puts it at risk, how formal it should be and what to do
    first, with the evidence (NIHR HSDR 2023;11(6)) behind every step."""


def main() -> None:
    """Entry point of the console script.

    The garbage collector stays off while the command's modules are imported (they allocate
    only what lives as long as the process), then what they made is frozen out of its way."""
    gc.disable()
    cli()
