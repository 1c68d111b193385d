"""`advisor demo`: run a packaged example end to end: the advice, and a PDF brief."""

from __future__ import annotations

from importlib.resources import as_file, files

import click

from advisor.advice.build import advise
from advisor.cli.common import emit, read_case
from advisor.report.text import render_text

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
@click.option(
    "--brief",
    "brief_path",
    type=click.Path(dir_okay=False),
    default="advisor-demo-brief.pdf",
    show_default=True,
    help="Where to write the example's PDF brief.",
)
@click.option("--no-brief", is_flag=True, help="Print the advice only; write no PDF.")
def demo_command(name: str, brief_path: str, no_brief: bool) -> None:
    """Run a packaged example case end to end: print the advice and write its PDF brief."""
    with as_file(files("advisor.examples").joinpath(name)) as path:
        case = read_case(str(path))
    advice = advise(case)
    click.echo(f"Example case: {name}\n")
    click.echo(render_text(advice), nl=False)
    if not no_brief:
        from advisor.report.brief import render_brief_pdf

        emit(render_brief_pdf(advice, case), brief_path)
