"""The benchmark script keeps working (it prints numbers; nothing here is timed)."""

from click.testing import CliRunner

from advisor.bench import main, scaled_case


def test_benchmark_cases_grow_as_asked():
    assert len(scaled_case(64).partners) == 64


def test_the_benchmark_script_runs_and_prints_every_measurement():
    result = CliRunner().invoke(main, ["--repeats", "1", "--batch", "4", "--interview", "special_measures"])
    assert result.exit_code == 0, result.output
    for heading in (
        "start-up",
        "advise per example",
        "64 partners",
        "cases/s",
        "PDF brief of system_partnership",
        "questions until the recommendation is settled",
        "choosing the next question",
    ):
        assert heading in result.output
