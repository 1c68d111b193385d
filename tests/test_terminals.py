"""Terminals and streams: binary output never sent to a terminal, a failing standard output
reported cleanly, Ctrl-C exiting with status 130, the end of input keeping what was typed,
and file paths printed whole."""

from __future__ import annotations

import builtins
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from advisor.case.load import case_to_yaml, load_case
from advisor.cli.main import cli
from advisor.interview.files import load_session, save_session
from advisor.interview.flow import Interview, answers_from_case
from advisor.survey.responses import read_responses

from conftest import ROOT, assert_clean_exit

CASE = str(ROOT / "examples" / "proposed_merger.yaml")
RESPONSES = str(ROOT / "examples" / "survey_responses.csv")
ADVISOR = [sys.executable, "-m", "advisor"]


def finished() -> Interview:
    """An interview with every question answered (as the proposed merger's case file says):
    resumed, it goes straight to the summary of the answers."""
    return Interview(answers_from_case(load_case(CASE)))


@pytest.mark.parametrize(
    "args",
    [
        ["survey", "score", RESPONSES, "--format", "pdf"],
        ["appraise", CASE, "--format", "pdf"],
        ["brief", CASE, "-o", "-"],
    ],
)
def test_a_pdf_is_never_written_to_a_terminal(monkeypatch, args):
    monkeypatch.setattr("advisor.cli.common.stdout_is_terminal", lambda: True)
    result = CliRunner().invoke(cli, args)
    assert_clean_exit(result, 2)
    assert "refusing to write a PDF to the terminal" in result.output


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["schema"], ["advise", CASE], ["kb", "list", "rules"], ["brief", CASE, "-o", "-"]])
def test_a_full_standard_output_is_a_clear_error(args):
    with open("/dev/full", "w") as full:
        done = subprocess.run([*ADVISOR, *args], stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr == "Error: cannot write to standard output: No space left on device\n"


def test_ctrl_c_while_the_interview_writes_its_brief_exits_130(tmp_path, monkeypatch):
    session = tmp_path / "s.json"
    save_session(finished(), session)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("advisor.report.brief.render_brief_pdf", interrupted)
    result = CliRunner().invoke(cli, ["interview", "--resume", str(session)], input="\nyes\n\n")
    assert_clean_exit(result, 130)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s-case.yaml", "s.json"]  # the case is kept, no brief


def test_ctrl_c_in_a_stepped_trace_exits_130(monkeypatch):
    replies = iter(["", KeyboardInterrupt])

    def typed(prompt: str) -> str:
        reply = next(replies)
        if reply is KeyboardInterrupt:
            raise KeyboardInterrupt
        return reply

    monkeypatch.setattr(builtins, "input", typed)
    result = CliRunner().invoke(cli, ["trace", CASE, "--step"])
    assert_clean_exit(result, 130)
    assert "[2] " in result.output and "[3] " not in result.output


def test_the_end_of_input_in_a_stepped_trace_just_stops():
    result = CliRunner().invoke(cli, ["trace", CASE, "--step"], input="\n")
    assert_clean_exit(result, 0)
    assert "[2] " in result.output and "[3] " not in result.output


def test_the_end_of_input_in_the_survey_keeps_the_answers_given(tmp_path):
    path = tmp_path / "responses.csv"
    result = CliRunner().invoke(cli, ["survey", "take", "--append", str(path)], input="1\n2\nLakes\n4\n")
    assert_clean_exit(result, 1)
    assert "The input ended at Q5: the answers given are kept." in result.output
    answers = read_responses(path).responses[0].answers
    assert (answers["q01"], answers["q02"], answers["q03"], answers["q04"], answers["q05"]) == (1, 2, "Lakes", 4, None)


def test_no_answers_at_all_writes_nothing(tmp_path):
    path = tmp_path / "responses.csv"
    result = CliRunner().invoke(cli, ["survey", "take", "--append", str(path)], input="")
    assert_clean_exit(result, 1)
    assert not path.exists()


def test_ctrl_c_in_the_survey_writes_nothing_and_exits_130(tmp_path, monkeypatch):
    path = tmp_path / "responses.csv"

    def interrupted(prompt: str) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(builtins, "input", interrupted)
    result = CliRunner().invoke(cli, ["survey", "take", "--append", str(path)])
    assert_clean_exit(result, 130)
    assert not path.exists()


def test_the_pause_message_prints_the_session_path_whole(tmp_path):
    session = tmp_path / ("advisor-session-" + "-".join(["long"] * 20) + ".json")
    result = CliRunner().invoke(cli, ["interview", "--session", str(session)], input="2\n")
    assert_clean_exit(result, 1)
    paused = result.output[result.output.index("Interview paused") :].splitlines()
    assert f"{session}." in paused  # on a line of its own, never broken at a hyphen


def test_the_brief_typed_at_the_end_of_the_interview_may_not_overwrite_the_case(tmp_path, monkeypatch):
    session, case = tmp_path / "s.json", tmp_path / "case.yaml"
    save_session(finished(), session)
    monkeypatch.setattr("advisor.report.brief.render_brief_pdf", lambda advice, case: b"%PDF-stand-in")
    result = CliRunner().invoke(
        cli, ["interview", "--resume", str(session), "--save", str(case)], input=f"\nyes\n{case}\n"
    )
    assert_clean_exit(result, 0)
    assert f"No brief written: cannot write {case}: it is the input file" in " ".join(result.output.split())
    assert case.read_text() == case_to_yaml(load_session(session)[0].case())
