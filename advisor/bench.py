"""Benchmarks: `python -m advisor.bench` prints every speed figure of issue 17 with its target.

Start-up, one run and the whole advice per example and where its time goes, growth with
partners, batch appraisal, the brief, why-not, one appraisal with its fact search, `advisor survey score` on large
response files, and how many questions the interview asks of each example before the
recommendation is settled, with the time it takes to choose each question. Each time is a
wall-clock median on the machine at hand and, so that runs on busy or slow machines can be
compared, a multiple of a bare ``python -c pass`` start on the same machine. Numbers only:
nothing here passes or fails. In-process figures are taken with the engine's kept runs
forgotten first, so every run is a real engine run, as in a fresh command.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from importlib.resources import as_file, files
from pathlib import Path

import click

from advisor.advice.assemble import assemble_parts
from advisor.advice.build import advise, base_outcome, conclusions
from advisor.advice.certainty import certainty, run_trials
from advisor.advice.sensitivity import forget_outcomes
from advisor.case.edit import LIST_FACTS, fact_choices
from advisor.case.load import case_from_data, load_case
from advisor.case.model import FORM_IDS, Case, Collaboration, Partner, Relationship
from advisor.engine.tracing import forget_runs, run_case
from advisor.kb.load import load_knowledge

SECTORS = ("acute", "mental_health", "community", "primary_care", "local_authority", "social_care")
SIZES = ("small", "medium", "large", "very_large")


def median_seconds(fn: Callable[[], object], repeats: int) -> float:
    """The median wall-clock time of ``repeats`` calls."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def certainty_seconds(case: Case, repeats: int) -> float:
    """The certainty of one advice (the trials and the certainty read from them, the part of
    ``advise`` that re-runs the engine), with every kept run and trial outcome forgotten first."""
    base = base_outcome(conclusions(case))
    names = {form: form for form in base.verdicts}

    def run() -> object:
        forget_runs()
        forget_outcomes()
        return certainty(run_trials(case, base), names)

    return median_seconds(run, repeats)


def cold(fn: Callable[[], object]) -> Callable[[], object]:
    """``fn`` with the engine's kept runs and re-run outcomes forgotten first (measures real
    engine runs)."""

    def run() -> object:
        forget_runs()
        forget_outcomes()
        return fn()

    return run


def command_seconds(args: list[str], repeats: int) -> float:
    """The median wall-clock time of a fresh interpreter running ``args``, after one warm-up run
    (which may write the byte-code and knowledge caches, as a user's first run does)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    command = [sys.executable, *args]
    subprocess.run(command, capture_output=True, check=True, env=env)
    return median_seconds(lambda: subprocess.run(command, capture_output=True, check=True, env=env), repeats)


def scaled_case(partners: int) -> Case:
    """A fully described collaboration of ``partners`` organisations (for growth curves)."""
    data = {
        "collaboration": {
            "name": f"{partners} partners",
            "mandation": "mandated",
            "drivers": ["sustenance"],
            "scope": "system",
            "funding": "limited",
            "legal_agreements": "mou",
        },
        "partners": [
            {
                "name": f"Organisation {i}",
                "sector": SECTORS[i % len(SECTORS)],
                "size": SIZES[i % len(SIZES)],
                "performance": "good",
                "special_measures": "no",
                "improvement_capacity": "medium",
            }
            for i in range(partners)
        ],
        "relationship": {"history_of_collaboration": "mixed", "travel_time": "30_to_60_min"},
    }
    return case_from_data(data, f"{partners}-partner benchmark case")


def varied_cases(count: int, seed: int = 17) -> list[Case]:
    """``count`` different cases with every fact drawn at random (the same ones for a seed), as
    a consultant appraising a region's collaborations has: no two share their engine run."""
    rng = random.Random(seed)

    def draw(model: type, **fixed: object) -> dict[str, object]:
        values = {name: rng.choice(choices) for name, choices in fact_choices(model).items()}
        for name in LIST_FACTS:
            if name in values:
                values[name] = rng.sample(fact_choices(model)[name], rng.randint(0, 3))
        return {**values, **fixed}

    return [
        Case(
            collaboration=Collaboration(**draw(Collaboration, name=f"Collaboration {i}")),
            partners=tuple(Partner(**draw(Partner, name=f"Partner {j}")) for j in range(rng.randint(2, 8))),
            relationship=Relationship(**draw(Relationship)),
        )
        for i in range(count)
    ]


def example_paths() -> list[tuple[str, Path]]:
    """The packaged example cases."""
    out = []
    for entry in sorted(files("advisor.examples").iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".yaml"):
            with as_file(entry) as path:
                out.append((entry.name, Path(path)))
    return out


def largest_example() -> tuple[str, Path]:
    """The example with the longest reasoning (the longest brief, the slowest advice)."""
    return max(example_paths(), key=lambda item: len(advise(load_case(item[1])).trace))


def bench_batch(count: int) -> float:
    """Seconds to appraise ``count`` different cases in one batch on two worker processes."""
    from advisor.appraisal.appraise import appraise_many

    cases = varied_cases(count)
    start = time.perf_counter()
    appraise_many(cases, workers=2)
    return time.perf_counter() - start


def bench_brief(path: Path, repeats: int) -> float:
    """Rendering the PDF brief of a case."""
    from advisor.report.brief import render_brief_pdf

    case = load_case(path)
    advice = advise(case)
    return median_seconds(lambda: render_brief_pdf(advice, case), repeats)


def bench_why_not(every_form: bool) -> tuple[float, str]:
    """The slowest why-not search, over every form of every example (or one of each)."""
    from advisor.explain.why_not import why_not

    worst = (0.0, "")
    pairs = [(n, p, f) for n, p in example_paths() for f in FORM_IDS] if every_form else []
    pairs = pairs or [(name, path, "merger") for name, path in example_paths()[:1]]
    for name, path, form in pairs:
        case = load_case(path)
        seconds = median_seconds(cold(lambda c=case, f=form: why_not(c, f)), 1)
        worst = max(worst, (seconds, f"{form} for {name}"))
    return worst


def bench_appraise(path: Path) -> float:
    """Appraising a case with its fact sensitivity, as `advisor appraise` does."""
    from advisor.appraisal.appraise import WORKERS, appraise

    case = load_case(path)
    return median_seconds(cold(lambda: appraise(case, facts=True, workers=WORKERS)), 1)


def survey_file(rows: int, valid: bool) -> str:
    """A response file of ``rows`` respondents: random answers from each question's scale (a
    few left blank), or, when not ``valid``, answers outside every scale."""
    from advisor.files.spreadsheet import csv_text
    from advisor.survey.responses import questions

    generator = random.Random(rows)
    organisations = ("North Trust", "South Trust", "East Trust", "West Trust", "Central Care")

    def answer(question) -> str:  # noqa: ANN001 - a survey Question
        if not valid:
            return "9"
        if question.free_text:
            return generator.choice(organisations)
        return "" if generator.random() < 0.03 else str(generator.choice(question.scale).value)

    return csv_text([[q.id for q in questions()], *([answer(q) for q in questions()] for _ in range(rows))])


MEASURED = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True)
seconds, peak = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
lines = done.stdout.count(b"\\n") + done.stderr.count(b"\\n")
print(json.dumps({"seconds": seconds, "peak_kb": peak, "lines": lines, "status": done.returncode}))
"""


def bench_survey(rows: int, valid: bool) -> dict[str, float]:
    """`advisor survey score` on a file of ``rows`` rows, in a fresh process: wall-clock
    seconds, peak memory and lines printed."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "responses.csv"
        path.write_text(survey_file(rows, valid), encoding="utf-8")
        command = [sys.executable, "-c", MEASURED, sys.executable, "-m", "advisor", "survey", "score", str(path)]
        return json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


class Report:
    """Prints figures with their targets and as multiples of a bare Python start."""

    def __init__(self, python_start: float) -> None:
        self.unit = python_start
        click.echo(f"{'figure (in process unless a command)':<64} {'result':>10} {'target':>11} {'x python':>9}")
        self.row("bare `python -c pass` start (the yardstick)", python_start, None)

    def row(self, label: str, seconds: float, target: float | None) -> None:
        def show(value: float) -> str:
            return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"

        goal = f"<= {show(target)}" if target is not None else "-"
        click.echo(f"{label:<64} {show(seconds):>10} {goal:>11} {seconds / self.unit:>8.2f}x")

    def count(self, label: str, value: float | None, target: float, unit: str) -> None:
        """A figure that is a number of things, not a time (no multiple of the Python start)."""
        shown = f"{value:g} {unit}" if value is not None else "none"
        click.echo(f"{label:<64} {shown:>10} {f'<= {target:g}':>11} {'-':>9}")


def bench_interview(name_part: str) -> tuple[dict[str, tuple[int, int | None]], list[float]]:
    """Replay the interview on each example (whose file name contains ``name_part``) until the
    recommendation is settled: the number of partners and of questions asked, per example,
    and the seconds each choice of question took."""
    from advisor.interview.replay import replay, settled_after

    counts: dict[str, tuple[int, int | None]] = {}
    seconds: list[float] = []
    for name, path in example_paths():
        if name_part not in name:
            continue
        case = load_case(path)
        steps = list(replay(case, until_settled=True))
        counts[name.removesuffix(".yaml")] = (len(case.partners), settled_after(steps))
        seconds += [s.choosing_seconds for s in steps if s.choosing_seconds is not None]
    return counts, seconds


def report_interview(report: Report, name_part: str) -> None:
    """The interview's figures: questions until settled (median over the examples with 2
    partners and with 6 or more, each example's count listed) and the time to choose one."""
    counts, choosing = bench_interview(name_part)
    click.echo("interview, questions until the recommendation is settled (median over the examples):")
    for label, keep, target in (("2 partners", lambda n: n == 2, 20), ("6 or more partners", lambda n: n >= 6, 30)):
        chosen = {name: n for name, (partners, n) in counts.items() if keep(partners) and n is not None}
        median = statistics.median(chosen.values()) if chosen else None
        report.count(f"  {label}", median, target, "q")
        if chosen:
            click.echo("    " + ", ".join(f"{name} {n}" for name, n in chosen.items()))
    never = [name for name, (_, n) in counts.items() if n is None]
    if never:
        click.echo(f"    never settled: {', '.join(never)}")
    if choosing:
        report.row(f"  choosing the next question, median of {len(choosing)}", statistics.median(choosing), 0.3)
        report.row("  choosing the next question, slowest", max(choosing), 0.3)


@click.command()
@click.option("--repeats", default=10, show_default=True, help="Runs per measurement (the median is printed).")
@click.option("--batch", default=1000, show_default=True, help="Cases in the batch appraisal measurement.")
@click.option(
    "--every-form/--one-form",
    default=True,
    show_default=True,
    help="Why-not: search every form of every example (a minute or two) or one form of one.",
)
@click.option("--survey-rows", default=150_000, show_default=True, help="Respondents in the valid survey file.")
@click.option("--bad-rows", default=200_000, show_default=True, help="Rows in the survey file of invalid rows.")
@click.option(
    "--interview", "interview", default="", help="Replay the interview only on examples whose name contains this."
)
def main(repeats: int, batch: int, every_form: bool, survey_rows: int, bad_rows: int, interview: str) -> None:
    """Print every speed figure of issue 17 with its target, on this machine."""
    report = Report(command_seconds(["-c", "pass"], repeats))
    report.row("`advisor --help` start-up", command_seconds(["-m", "advisor", "--help"], repeats), None)
    name, path = largest_example()
    report.row(
        f"`advisor advise {name}`, whole command",
        command_seconds(["-m", "advisor", "advise", str(path)], repeats),
        0.25,
    )
    click.echo("one run of the rules and its assembly (conclusions), per example:")
    for example, example_path in example_paths():
        case = load_case(example_path)
        report.row(f"  {example}", median_seconds(cold(lambda c=case: conclusions(c)), repeats), 0.015)
    click.echo("the whole advice (with the certainty's and the proposals' re-runs), per example:")
    for example, example_path in example_paths():
        case = load_case(example_path)
        report.row(f"  {example}", median_seconds(cold(lambda c=case: advise(c)), repeats), None)
    case = load_case(path)
    report.row(f"  {name} again (engine runs and outcomes kept)", median_seconds(lambda: advise(case), repeats), None)
    click.echo(f"where the time of one advise of {name} goes:")
    report.row("  certainty of one advice (every trial a real run)", certainty_seconds(case, repeats), 0.3)
    report.row("  engine run (run_case)", median_seconds(cold(lambda: run_case(case)), repeats), None)
    concluded, kb = run_case(case), load_knowledge()
    assembly = median_seconds(lambda: assemble_parts(case, concluded, kb), repeats)
    report.row("  assembly (assemble_parts)", assembly, None)
    advice = advise(case)
    report.row("  JSON text (Advice.to_json), for --format json", median_seconds(advice.to_json, repeats), None)
    click.echo("advise, growth with the number of partners:")
    for n in (2, 4, 8, 16, 32, 64):
        case = scaled_case(n)
        report.row(f"  {n:>3} partners", median_seconds(cold(lambda c=case: advise(c)), repeats), None)
    report.row(f"batch appraisal of {batch} different cases, 2 processes", bench_batch(batch), 25 * batch / 1000)
    report.row(f"PDF brief of {name} (render + PDF)", bench_brief(path, max(1, repeats // 3)), 1.5)
    seconds, which = bench_why_not(every_form)
    report.row(f"why-not, slowest: {which}", seconds, 1.0)
    report.row(f"appraise {name} with its fact sensitivity", bench_appraise(path), 1.0)
    for rows, valid in ((survey_rows, True), (bad_rows, False)):
        run = bench_survey(rows, valid)
        kind = "valid" if valid else "invalid"
        report.row(f"`advisor survey score`, {rows:,} {kind} rows", run["seconds"], 10.0 if valid else None)
        click.echo(
            f"    peak memory {run['peak_kb'] / 1024:.0f} MB, {run['lines']:,} lines printed, exit {run['status']}"
        )
    report_interview(report, interview)


if __name__ == "__main__":
    main()
