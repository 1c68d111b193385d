"""Benchmarks: `python -m advisor.bench` prints medians of repeated runs.

Numbers, not pass/fail: start-up of `advisor --help`, one advise per example, growth with
the number of partners, batch appraisal throughput on both cores, one appraisal with its
fact search, brief rendering, and `advisor survey score` on large response files (valid and
invalid rows).
"""

from __future__ import annotations

import json
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

from advisor.advice.build import advise
from advisor.case.load import case_from_data, load_case
from advisor.case.model import Case

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


def example_paths() -> list[tuple[str, Path]]:
    """The packaged example cases."""
    out = []
    for entry in sorted(files("advisor.examples").iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".yaml"):
            with as_file(entry) as path:
                out.append((entry.name, Path(path)))
    return out


def regional_pairings(count: int) -> list[Case]:
    """``count`` varied pairings of organisations, as a consultant appraising a region has."""
    cases = []
    for i in range(count):
        data = {
            "collaboration": {
                "name": f"Pairing {i}",
                "mandation": ("voluntary", "mandated")[i % 2],
                "drivers": [("consolidation", "learning", "sustenance")[i % 3]],
                "scope": ("pathway", "single_service", "whole_organisation")[i % 3],
            },
            "partners": [
                {"name": "A", "sector": SECTORS[i % 4], "size": SIZES[i % 4], "performance": "good"},
                {
                    "name": "B",
                    "sector": SECTORS[(i + 1) % 4],
                    "size": SIZES[(i + 2) % 4],
                    "performance": ("inadequate", "good")[i % 2],
                },
            ],
            "relationship": {"history_of_collaboration": ("good", "mixed", "poor")[i % 3]},
        }
        cases.append(case_from_data(data, f"pairing {i}"))
    return cases


def bench_batch(count: int) -> float:
    """Cases per second appraised in one batch on both cores (worker start-up included)."""
    from advisor.appraisal.appraise import appraise_many

    cases = regional_pairings(count)
    start = time.perf_counter()
    appraise_many(cases, workers=2)
    return count / (time.perf_counter() - start)


def bench_appraise(repeats: int) -> dict[str, float]:
    """One appraisal of the merger example: without and with the search of single changes a board
    could make (one run of the rules per change), the search on one and on two processes."""
    from advisor.appraisal.appraise import appraise

    case = load_case(dict(example_paths())["proposed_merger.yaml"])
    return {
        "no fact search": median_seconds(lambda: appraise(case, facts=False), repeats),
        "fact search, 1 process": median_seconds(lambda: appraise(case, facts=True, workers=1), repeats),
        "fact search, 2 processes": median_seconds(lambda: appraise(case, facts=True, workers=2), repeats),
    }


def bench_brief(repeats: int) -> tuple[str, float]:
    """Rendering the PDF brief of the largest example (the longest reasoning, so the longest brief)."""
    from advisor.report.brief import render_brief_pdf

    name, path = max(example_paths(), key=lambda item: len(advise(load_case(item[1])).trace))
    case = load_case(path)
    advice = advise(case)
    return name, median_seconds(lambda: render_brief_pdf(advice, case), repeats)


def bench_help(repeats: int) -> float:
    """Start-up: `advisor --help` in a fresh interpreter."""
    command = [sys.executable, "-m", "advisor", "--help"]
    return median_seconds(lambda: subprocess.run(command, capture_output=True, check=True), repeats)


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


@click.command()
@click.option("--repeats", default=15, show_default=True, help="Runs per measurement (the median is printed).")
@click.option("--batch", default=300, show_default=True, help="Cases in the batch appraisal measurement.")
@click.option("--survey-rows", default=150_000, show_default=True, help="Respondents in the valid survey file.")
@click.option("--bad-rows", default=200_000, show_default=True, help="Rows in the survey file of invalid rows.")
def main(repeats: int, batch: int, survey_rows: int, bad_rows: int) -> None:
    """Print benchmark medians for this machine."""
    click.echo(f"advisor --help start-up: {bench_help(repeats) * 1000:.0f} ms")
    advise(scaled_case(2))  # build the engine once, as a long-running process would
    click.echo("advise per example (median):")
    for name, path in example_paths():
        case = load_case(path)
        click.echo(f"  {name:<42} {median_seconds(lambda c=case: advise(c), repeats) * 1000:6.1f} ms")
    click.echo("growth with the number of partners:")
    for n in (2, 4, 8, 16, 32, 64):
        case = scaled_case(n)
        click.echo(f"  {n:>3} partners  {median_seconds(lambda c=case: advise(c), repeats) * 1000:6.1f} ms")
    click.echo(f"batch appraisal, {batch} cases on 2 worker processes: {bench_batch(batch):.0f} cases/s")
    for label, seconds in bench_appraise(max(1, repeats // 5)).items():
        click.echo(f"appraise proposed_merger.yaml, {label}: {seconds:.2f} s")
    name, seconds = bench_brief(max(3, repeats // 5))
    click.echo(f"PDF brief of {name} (render + PDF): {seconds:.2f} s")
    for rows, valid in ((survey_rows, True), (bad_rows, False)):
        run = bench_survey(rows, valid)
        kind = "valid" if valid else "invalid"
        click.echo(
            f"advisor survey score, {rows:,} {kind} rows: {run['seconds']:.1f} s, "
            f"peak memory {run['peak_kb'] / 1024:.0f} MB, {run['lines']:,} lines printed, exit {run['status']}"
        )


if __name__ == "__main__":
    main()
