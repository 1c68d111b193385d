"""Every command that writes a file: through a symbolic link (followed, the link and the file's
mode kept), into a named pipe (written through, never replaced), onto one of its own inputs
(refused, the input untouched), and when the write fails (nothing changed, no stray files)."""

from __future__ import annotations

import os
import shutil
import stat
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from advisor.cli.main import cli

from conftest import ROOT, assert_clean_exit

CASE = ROOT / "examples" / "proposed_merger.yaml"
RESPONSES = ROOT / "examples" / "survey_responses.csv"
ANSWERS = "partners.count: 2\npartners[0].name: Northgate\npartners[1].name: Southfield\n"

# command -> (arguments, the input an output must not overwrite, or None)
WRITERS: dict[str, tuple[list[str], str | None]] = {
    "advise": (["advise", "{case}", "-o", "{out}"], "case"),
    "advise --survey": (["advise", "{case}", "--survey", "{responses}", "-o", "{out}"], "responses"),
    "schema": (["schema", "-o", "{out}"], None),
    "trace": (["trace", "{case}", "--format", "md", "-o", "{out}"], "case"),
    "explain": (["explain", "{case}", "--how", "formalisation", "-o", "{out}"], "case"),
    "brief": (["brief", "{case}", "-o", "{out}"], "case"),
    "brief --html": (["brief", "{case}", "--html", "{out}"], "case"),
    "appraise": (["appraise", "{case}", "--no-sensitivity", "--format", "csv", "-o", "{out}"], "case"),
    "appraise --weights": (
        ["appraise", "{case}", "--no-sensitivity", "--weights", "{weights}", "-o", "{out}"],
        "weights",
    ),
    "survey template": (["survey", "template", "-o", "{out}"], None),
    "survey score": (["survey", "score", "{responses}", "-o", "{out}"], "responses"),
    "demo": (["demo", "--brief", "{out}"], None),
    "interview --answers": (["interview", "--answers", "{answers}", "--save", "{out}"], "answers"),
}
WITH_INPUTS = sorted(name for name, (_, source) in WRITERS.items() if source)


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, Path]:
    """Copies of the inputs, so that a command that destroyed one would be caught."""
    folder = tmp_path / "inputs"
    folder.mkdir()
    paths = {"case": folder / "case.yaml", "responses": folder / "responses.csv"}
    shutil.copy(CASE, paths["case"])
    shutil.copy(RESPONSES, paths["responses"])
    paths["weights"] = folder / "weights.yaml"
    paths["weights"].write_text("strategic_fit: 40\n")
    paths["answers"] = folder / "answers.yaml"
    paths["answers"].write_text(ANSWERS)
    return paths


def run(command: str, out: Path, inputs: dict[str, Path]):
    args = [a.format(out=out, **inputs) for a in WRITERS[command][0]]
    return CliRunner().invoke(cli, args)


def outputs_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "outputs"
    folder.mkdir()
    return folder


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_a_link_is_followed_and_the_files_mode_kept(tmp_path, inputs, command):
    folder = outputs_folder(tmp_path)
    target, link = folder / "target", folder / "link"
    target.write_text("old")
    target.chmod(0o600)
    link.symlink_to(target.name)
    result = run(command, link, inputs)
    assert_clean_exit(result, 0)
    assert link.is_symlink() and os.readlink(link) == target.name
    assert target.read_bytes() not in (b"", b"old")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in folder.iterdir()) == ["link", "target"]


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_a_named_pipe_is_written_through_not_replaced(tmp_path, inputs, command):
    fifo = outputs_folder(tmp_path) / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run(command, fifo, inputs)
    reader.join(10)
    assert_clean_exit(result, 0)
    assert received and received[0]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("command", WITH_INPUTS)
def test_an_output_that_is_an_input_is_refused_and_the_input_kept(tmp_path, inputs, command):
    source = inputs[WRITERS[command][1]]
    before = source.read_bytes()
    result = run(command, source, inputs)
    assert_clean_exit(result, 2)
    assert f"cannot write {source}: it is the input file" in result.output
    assert source.read_bytes() == before


@pytest.mark.parametrize("command", WITH_INPUTS)
def test_an_input_reached_through_a_link_is_still_refused(tmp_path, inputs, command):
    source = inputs[WRITERS[command][1]]
    link = outputs_folder(tmp_path) / "link"
    link.symlink_to(source)
    before = source.read_bytes()
    result = run(command, link, inputs)
    assert_clean_exit(result, 2)
    assert source.read_bytes() == before


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_a_failed_write_changes_nothing_and_names_the_users_file(tmp_path, inputs, command, monkeypatch):
    folder = outputs_folder(tmp_path)
    out = folder / "out"
    out.write_text("old")

    def full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    result = run(command, out, inputs)
    assert_clean_exit(result, 2)
    assert f"cannot write {out}: No space left on device" in result.output
    assert out.read_text() == "old" and [p.name for p in folder.iterdir()] == ["out"]


def test_a_brief_writes_both_files_or_neither(tmp_path, inputs):
    pdf = tmp_path / "ok.pdf"
    result = CliRunner().invoke(cli, ["brief", str(inputs["case"]), "-o", str(pdf), "--html", "/nowhere/x.html"])
    assert_clean_exit(result, 2)
    assert "cannot write /nowhere/x.html: the folder /nowhere does not exist" in result.output
    assert not pdf.exists()


def test_the_same_file_twice_is_refused(tmp_path, inputs):
    out = tmp_path / "brief"
    result = CliRunner().invoke(cli, ["brief", str(inputs["case"]), "-o", str(out), "--html", str(out)])
    assert_clean_exit(result, 2)
    assert "it is given twice as an output" in result.output and not out.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["interview", "--answers", "{answers}", "--save", "/nowhere/case.yaml"],
        ["advise", "{case}", "-o", "/nowhere/advice.txt"],
        ["appraise", "{case}", "-o", "/nowhere/appraisal.txt"],
        ["survey", "take", "--append", "/nowhere/responses.csv"],
    ],
)
def test_an_output_that_cannot_be_written_is_refused_before_any_work(inputs, args):
    result = CliRunner().invoke(cli, [a.format(**inputs) for a in args], input="1\n" * 30)
    assert_clean_exit(result, 2)
    assert result.output.startswith("Error: cannot write /nowhere/")  # no advice, no question first


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_the_interview_refuses_a_read_only_folder_before_showing_the_advice(tmp_path, inputs):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    result = CliRunner().invoke(cli, ["interview", "--answers", str(inputs["answers"]), "--save", str(locked / "c")])
    assert_clean_exit(result, 2)
    assert result.output.startswith(f"Error: cannot write {locked / 'c'}: the folder {locked} is not writable")


def test_interview_refuses_to_save_the_case_over_its_session(tmp_path):
    session = tmp_path / "s.json"
    session.write_text('{"format": "advisor-interview-session", "version": 1, "answers": {}}')
    before = session.read_text()
    result = CliRunner().invoke(cli, ["interview", "--resume", str(session), "--save", str(session)])
    assert_clean_exit(result, 2)
    assert "it is the input file" in result.output and session.read_text() == before


def test_survey_take_appends_through_a_link_keeping_the_mode(tmp_path):
    target, link = tmp_path / "responses.csv", tmp_path / "link.csv"
    assert_clean_exit(CliRunner().invoke(cli, ["survey", "template", "-o", str(target)]), 0)
    target.chmod(0o600)
    link.symlink_to(target.name)
    result = CliRunner().invoke(cli, ["survey", "take", "--append", str(link)], input="1\n" * 30)
    assert_clean_exit(result, 0)
    assert link.is_symlink() and stat.S_IMODE(target.stat().st_mode) == 0o600
    assert len(target.read_text().splitlines()) == 3


def test_survey_take_will_not_append_to_a_pipe(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = CliRunner().invoke(cli, ["survey", "take", "--append", str(fifo)], input="1\n" * 30)
    assert_clean_exit(result, 2)
    assert "a response file must be a regular file" in result.output
