"""The benchmark script keeps working (it prints numbers; nothing here is timed)."""

from click.testing import CliRunner

from advisor.bench import main, scaled_case, varied_cases


def test_benchmark_cases_grow_as_asked():
    assert len(scaled_case(64).partners) == 64


def test_the_benchmark_script_runs_and_prints_every_measurement():
    result = CliRunner().invoke(
        main,
        ["--repeats", "1", "--batch", "4", "--one-form", "--survey-rows", "50", "--bad-rows", "50"]
        + ["--interview", "special_measures"],
    )
    assert result.exit_code == 0, result.output
    for heading in (
        "python -c pass",
        "--help` start-up",
        "`advisor advise system_partnership.yaml`, whole command",
        "one run of the rules and its assembly (conclusions), per example",
        "the whole advice (with the certainty's and the proposals' re-runs), per example",
        "certainty of one advice",
        "64 partners",
        "batch appraisal of 4 different cases",
        "PDF brief of system_partnership",
        "why-not, slowest",
        "appraise system_partnership.yaml with its fact sensitivity",
        "survey score`, 50 valid rows",
        "survey score`, 50 invalid rows",
        "questions until the recommendation is settled",
        "choosing the next question",
    ):
        assert heading in result.output


def test_batch_cases_all_differ():
    assert len({case.model_dump_json(exclude={"collaboration": {"name"}}) for case in varied_cases(50)}) == 50
