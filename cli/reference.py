"""The command reference (docs/commands.md), generated from the commands' own --help.

Regenerate with `python -m advisor.cli.reference > docs/commands.md`; a test fails when the
file and the commands disagree.
"""

from __future__ import annotations

import click

from advisor.cli.main import cli


def _sections(command: click.Command, path: list[str]) -> list[str]:
    name = " ".join(path)
    settings = {**cli.context_settings, "terminal_width": 100, "max_content_width": 100}
    with click.Context(command, info_name=name, **settings) as ctx:
        help_text = command.get_help(ctx)
    out = [f"{'#' * min(len(path) + 1, 4)} `{name}`", "", "```", help_text, "```", ""]
    if isinstance(command, click.Group):
        with click.Context(command, info_name=name) as ctx:
            for sub in command.list_commands(ctx):
                out += _sections(command.get_command(ctx, sub), [*path, sub])
    return out


def reference_markdown() -> str:
    """Every command's --help, as Markdown."""
    header = ["# Command reference", "", "Generated from `--help` by `python -m advisor.cli.reference`.", ""]
    return "\n".join(header + _sections(cli, ["advisor"])).rstrip("\n") + "\n"


if __name__ == "__main__":
    click.echo(reference_markdown(), nl=False)
