"""The benchmark script keeps working (it prints numbers; nothing here is timed)."""

from click.testing import CliRunner

from advisor.bench import main, scaled_case


def test_benchmark_cases_grow_as_asked():
    assert len(scaled_case(64).partners) == 64


def test_the_benchmark_script_runs_and_prints_every_measurement():
    result = CliRunner().invoke(main, ["--repeats", "1", "--batch", "4"])
    assert result.exit_code == 0, result.output
    headings = (
        "start-up",
        "advise per example",
        "64 partners",
        "cases/s",
        "fact search, 2 processes",
        "PDF brief of system_partnership",
    )
    for heading in headings:
        assert heading in result.output
