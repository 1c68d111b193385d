"""Benchmarks: `python -m advisor.bench` prints medians of repeated runs.

Numbers, not pass/fail: start-up of `advisor --help`, one advise per example, growth with
the number of partners, batch appraisal throughput on both cores, brief rendering, and how
many questions the interview asks of each example before the recommendation is settled,
with the time it takes to choose each question.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
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


def _median_questions(counts: dict[str, tuple[int, int | None]], keep: Callable[[int], bool]) -> str:
    chosen = {name: n for name, (partners, n) in counts.items() if keep(partners) and n is not None}
    if not chosen:
        return "no example"
    each = ", ".join(f"{name} {n}" for name, n in chosen.items())
    return f"{statistics.median(chosen.values()):g} ({each})"


@click.command()
@click.option("--repeats", default=15, show_default=True, help="Runs per measurement (the median is printed).")
@click.option("--batch", default=300, show_default=True, help="Cases in the batch appraisal measurement.")
@click.option(
    "--interview", "interview", default="", help="Replay the interview only on examples whose name contains this."
)
def main(repeats: int, batch: int, interview: str) -> None:
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
    name, seconds = bench_brief(max(3, repeats // 5))
    click.echo(f"PDF brief of {name} (render + PDF): {seconds:.2f} s")
    counts, choosing = bench_interview(interview)
    click.echo("interview, questions until the recommendation is settled (median over the examples):")
    click.echo(f"  2 partners: {_median_questions(counts, lambda n: n == 2)} (target <= 20)")
    click.echo(f"  6 or more: {_median_questions(counts, lambda n: n >= 6)} (target <= 30)")
    if choosing:
        click.echo(
            f"  choosing the next question: median {statistics.median(choosing):.2f} s, "
            f"max {max(choosing):.2f} s over {len(choosing)} choices (target < 0.3 s)"
        )


if __name__ == "__main__":
    main()
