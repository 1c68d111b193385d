"""Every command facing bad input: a clear message, a non-zero exit, no traceback and no
partial output file; huge inputs get an answer or a clear refusal, never a hang."""

import time

import pytest
import yaml
from click.testing import CliRunner

from advisor.case.load import MAX_CASE_BYTES
from advisor.cli.main import cli

from conftest import ROOT, assert_clean_exit

MERGER = str(ROOT / "examples" / "proposed_merger.yaml")
SURVEY = str(ROOT / "examples" / "survey_responses.csv")

# Each command that reads a case file, with the options it needs besides the case.
CASE_COMMANDS = {
    "advise": (["advise"], []),
    "brief": (["brief"], ["--html", "{out}"]),
    "appraise": (["appraise"], ["--format", "json", "-o", "{out}"]),
    "trace": (["trace"], []),
    "explain": (["explain"], ["--how", "formalisation"]),
}

BAD_FILES = {
    "malformed": b"partners: [\n  - name: A\n  bad indentation: [\n",
    "empty": b"",
    "binary junk": bytes(range(256)) * 20,
    "not a mapping": b"- a\n- b\n",
    "no partners": b"collaboration:\n  name: Only a name\n",
}


def _args(command, path, out):
    head, tail = CASE_COMMANDS[command]
    return [*head, str(path), *(a.replace("{out}", str(out)) for a in tail)]


@pytest.mark.parametrize("command", sorted(CASE_COMMANDS))
@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_bad_case_files_are_refused_clearly_by_every_command(tmp_path, command, kind):
    path = tmp_path / "case.yaml"
    path.write_bytes(BAD_FILES[kind])
    out = tmp_path / "out.file"
    result = CliRunner().invoke(cli, _args(command, path, out))
    assert_clean_exit(result, 2)
    assert f"cannot use case file {path}" in result.output
    assert not out.exists()


@pytest.mark.parametrize("command", sorted(CASE_COMMANDS))
def test_unreadable_paths_are_refused(tmp_path, command):
    for path in (tmp_path / "missing.yaml", tmp_path):
        result = CliRunner().invoke(cli, _args(command, path, tmp_path / "out.file"))
        assert_clean_exit(result, 2)
        assert str(path) in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["advise", MERGER, "-o", "{dir}/no/such/dir/advice.txt"],
        ["brief", MERGER, "-o", "{dir}/no/such/dir/brief.pdf"],
        ["appraise", MERGER, "--format", "csv", "-o", "{dir}/no/such/dir/a.csv"],
        ["trace", MERGER, "-o", "{dir}/no/such/dir/trace.txt"],
        ["survey", "score", SURVEY, "-o", "{dir}/no/such/dir/score.txt"],
        ["survey", "template", "-o", "{dir}/no/such/dir/template.csv"],
        ["schema", "-o", "{dir}/no/such/dir/schema.json"],
    ],
)
def test_an_output_path_that_cannot_be_written_is_a_clear_error(tmp_path, args):
    result = CliRunner().invoke(cli, [a.replace("{dir}", str(tmp_path)) for a in args])
    assert_clean_exit(result, 2)
    assert f"cannot write {tmp_path}/no/such/dir/" in result.output and "does not exist" in result.output
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_no_partial_file(tmp_path, monkeypatch):
    from advisor.files import write as io_utils

    target = tmp_path / "advice.json"
    real_replace = io_utils.os.replace

    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(io_utils.os, "replace", fail)
    result = CliRunner().invoke(cli, ["advise", MERGER, "--format", "json", "-o", str(target)])
    monkeypatch.setattr(io_utils.os, "replace", real_replace)
    assert_clean_exit(result, 2)
    assert f"cannot write {target}: No space left on device" in result.output
    assert list(tmp_path.iterdir()) == []


def test_ten_thousand_partners_get_an_answer_in_seconds(tmp_path):
    partners = [{"name": f"Practice {i}", "sector": "primary_care", "size": "small"} for i in range(10_000)]
    path = tmp_path / "region.yaml"
    path.write_text(yaml.safe_dump({"collaboration": {"name": "Whole region"}, "partners": partners}))
    start = time.perf_counter()
    result = CliRunner().invoke(cli, ["advise", str(path)])
    assert_clean_exit(result, 0)
    assert time.perf_counter() - start < 10
    assert "and 9990 more" in result.output


def test_more_partners_than_allowed_and_oversized_files_are_refused(tmp_path):
    too_many = tmp_path / "too_many.json"
    too_many.write_text('{"partners": [' + ",".join(f'{{"name": "P{i}"}}' for i in range(10_001)) + "]}")
    result = CliRunner().invoke(cli, ["advise", str(too_many)])
    assert_clean_exit(result, 2)
    assert "partners: 10,001 partners given; at most 10000 are allowed" in result.output
    huge = tmp_path / "huge.yaml"
    huge.write_bytes(b"#" * (MAX_CASE_BYTES + 1))
    result = CliRunner().invoke(cli, ["advise", str(huge)])
    assert_clean_exit(result, 2)
    assert "larger than 5 MB" in result.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (bytes(range(256)) * 10, "not a UTF-8 text (CSV) file"),
        (b"q01,q02\n1,2,3,4,5\n", "row 2: has 5 cells but the header has 2: row left out"),
    ],
)
def test_survey_files_with_nothing_usable_are_refused(tmp_path, content, message):
    path = tmp_path / "responses.csv"
    path.write_bytes(content)
    result = CliRunner().invoke(cli, ["survey", "score", str(path)])
    assert_clean_exit(result, 2)
    assert f"cannot use survey responses {path}" in result.output and message in result.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"\x00\x01junk", "not a text file (it contains NUL bytes)"),
        (b"strategic_fit: lots\n", "strategic_fit: 'lots' is not a number"),
        (b"- 1\n", "expected a mapping of criterion to weight"),
    ],
)
def test_bad_weights_files_are_refused(tmp_path, content, message):
    path = tmp_path / "weights.yaml"
    path.write_bytes(content)
    result = CliRunner().invoke(cli, ["appraise", MERGER, "--weights", str(path)])
    assert_clean_exit(result, 2)
    assert message in result.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "expected a mapping of question id to answer"),
        (b"\xff\xfe junk", "not a text file (byte 0 is not UTF-8)"),
        (b"partners.count: many\n", "partners.count: 'many' is not allowed"),
        (b"[1, 2]\n", "expected a mapping of question id to answer"),
    ],
)
def test_bad_interview_answer_files_are_refused(tmp_path, content, message):
    path = tmp_path / "answers.yaml"
    path.write_bytes(content)
    result = CliRunner().invoke(cli, ["interview", "--answers", str(path), "--save", str(tmp_path / "case.yaml")])
    assert_clean_exit(result, 2)
    assert message in result.output
    assert not (tmp_path / "case.yaml").exists()


def test_a_huge_partner_name_is_shown_cut_to_200_characters(tmp_path):
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump({"partners": [{"name": "x" * 1_000_000}]}))
    result = CliRunner().invoke(cli, ["advise", str(path)])
    assert_clean_exit(result, 2)
    assert "(1,000,000 characters) is not allowed: String should have at most 200 characters" in result.output
    assert len(result.output) < 500


def test_an_invalid_partner_field_is_the_only_problem_reported(tmp_path):
    path = tmp_path / "case.yaml"
    path.write_text("partners:\n  - name: A\n    sector: hospital\n")
    result = CliRunner().invoke(cli, ["advise", str(path)])
    assert_clean_exit(result, 2)
    assert "partners[0].sector: 'hospital' is not allowed" in result.output
    assert "at least 1 item" not in result.output  # pydantic's count of the partners left after the bad one


def test_a_weight_written_as_1e308_is_a_number_too_large_not_text(tmp_path):
    path = tmp_path / "weights.yaml"
    path.write_text("strategic_fit: 1e308\nachievability: 1e1\n")
    result = CliRunner().invoke(cli, ["appraise", MERGER, "--weights", str(path)])
    assert_clean_exit(result, 2)
    assert "strategic_fit: '1e308' is not allowed; a weight is a number from 0 to 1000" in result.output
    assert "not a number" not in result.output and "achievability" not in result.output
