"""`advisor demo`: run a packaged example end to end: the advice, and a PDF brief."""

from __future__ import annotations

from importlib.resources import as_file, files

import click

from advisor.advice.build import advise
from advisor.case.load import load_case
from advisor.cli.common import OUTPUT_HELP, check_outputs, emit
from advisor.report.text import render_text

DEMO_CASE = "special_measures_turnaround"
SUFFIX = ".yaml"


def example_names() -> list[str]:
    """The packaged example cases, by name (their file name without ``.yaml``)."""
    return sorted(p.name.removesuffix(SUFFIX) for p in files("advisor.examples").iterdir() if p.name.endswith(SUFFIX))


class ExampleChoice(click.Choice):
    """A packaged example, named with or without its ``.yaml``."""

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> object:
        name = value.removesuffix(SUFFIX) if isinstance(value, str) else value
        return super().convert(name, param, ctx)


@click.command("demo")
@click.option(
    "--case",
    "name",
    type=ExampleChoice(example_names()),
    default=DEMO_CASE,
    show_default=True,
    help="Which packaged example to run (the .yaml may be left off).",
)
@click.option(
    "--brief",
    "brief_path",
    type=click.Path(dir_okay=False),
    default="advisor-demo-brief.pdf",
    show_default=True,
    help=f"Where to write the example's PDF brief. {OUTPUT_HELP}",
)
@click.option("--no-brief", is_flag=True, help="Print the advice only; write no PDF.")
def demo_command(name: str, brief_path: str, no_brief: bool) -> None:
    """Run a packaged example case end to end: print the advice and write its PDF brief."""
    check_outputs(None if no_brief else brief_path)
    with as_file(files("advisor.examples").joinpath(name + SUFFIX)) as path:
        case = load_case(str(path))
    advice = advise(case)
    click.echo(f"Example case: {name}{SUFFIX}\n")
    click.echo(render_text(advice), nl=False)
    if not no_brief:
        from advisor.report.brief import render_brief_pdf

        emit(render_brief_pdf(advice, case), brief_path)
