"""`advisor trace`: the reasoning as it happened, for teaching."""

from __future__ import annotations

import click

from advisor.advice.build import advise
from advisor.case.load import load_case
from advisor.cli.common import OUTPUT_OPTION, AdvisorUsageError, ask, check_outputs, emit, format_option
from advisor.explain.causal_web import causal_web_svg
from advisor.explain.trace import (
    TraceView,
    build_trace_view,
    firing_lines,
    intro_lines,
    section_heading,
    trace_html,
    trace_markdown,
    trace_text,
)


@click.command("trace")
@click.argument("case", type=click.Path(dir_okay=False))
@click.option(
    "--step",
    is_flag=True,
    help="Pause after each firing (Enter: next, q or end of input: stop; Ctrl-C exits with status 130), "
    "for live teaching.",
)
@click.option("--rule", "rule_id", default=None, help="Show only this rule's firings and what came from them.")
@format_option(
    ["text", "md", "html"],
    "text for a terminal, md for slides and handouts, html for a self-contained page with the causal web.",
)
@OUTPUT_OPTION
def trace_command(case: str, step: bool, rule_id: str | None, fmt: str, output: str | None) -> None:
    """Show how the advisor reasoned about CASE, firing by firing, grouped by layer."""
    if step and (fmt != "text" or output):
        raise AdvisorUsageError("--step works with --format text on the terminal only (no -o)")
    check_outputs(output, inputs=(case,))
    advice = advise(load_case(case))
    view = build_trace_view(advice, rule_id)
    if step:
        _step_through(view)
    elif fmt == "html":
        emit(trace_html(view, causal_web_svg(advice, inline=True)), output)
    else:
        emit(trace_markdown(view) if fmt == "md" else trace_text(view), output)


def _step_through(view: TraceView) -> None:
    """Print the intro, then one firing at a time, waiting for Enter (q stops)."""
    click.echo("\n".join([f"Reasoning trace: {view.case_name}", *intro_lines(view), ""]))
    for section in view.sections:
        click.echo("\n".join(section_heading(section)))
        for firing in section.firings:
            click.echo("\n".join(firing_lines(firing)).rstrip("\n"))
            answer = ask("[Enter: next, q: stop]: ")
            if answer is None or answer.strip().lower() == "q":
                click.echo("stopped.")
                return
    click.echo("end of trace.")
