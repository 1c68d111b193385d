"""The `advisor` command: one click group; each command is a thin layer over the library."""

from __future__ import annotations

import click

from advisor import __version__
from advisor.cli.advise import advise_command, schema_command
from advisor.cli.demo import demo_command
from advisor.cli.kb import kb_group


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="advisor")
def cli() -> None:
    """The collaboration advisor: which form of inter-organisational collaboration fits a
    health-care situation, what puts it at risk, how formal it should be and what to do
    first, with the evidence (NIHR HSDR 2023;11(6)) behind every step."""


for command in (advise_command, schema_command, demo_command, kb_group):
    cli.add_command(command)


def main() -> None:
    """Entry point of the console script."""
    cli()
