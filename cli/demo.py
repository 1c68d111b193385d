"""`advisor demo`: run a packaged example end to end."""

from __future__ import annotations

from importlib.resources import as_file, files

import click
from advisor.cli.common import read_case

from advisor.engine import advise
from advisor.render_text import render_text

DEMO_CASE = "special_measures_turnaround.yaml"


def example_names() -> list[str]:
    """The packaged example cases."""
    return sorted(p.name for p in files("advisor.examples").iterdir() if p.name.endswith(".yaml"))


@click.command("demo")
@click.option(
    "--case",
    "name",
    type=click.Choice(example_names()),
    default=DEMO_CASE,
    show_default=True,
    help="Which packaged example to run.",
)
def demo_command(name: str) -> None:
    """Run a packaged example case end to end and print the advice."""
    with as_file(files("advisor.examples").joinpath(name)) as path:
        case = read_case(str(path))
    click.echo(f"Example case: {name}\n")
    click.echo(render_text(advise(case)), nl=False)
