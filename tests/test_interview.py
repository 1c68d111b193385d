"""The guided interview: its questions against the case model, the flow of questions, the
session and answers files, and the real command driven at a terminal (pexpect)."""

from __future__ import annotations

import io
import json
import os
import re
import sys
from pathlib import Path

import pexpect
import pytest
import yaml
from click.testing import CliRunner

from advisor import advise, load_case
from advisor.case.edit import apply_edits
from advisor.cli.main import cli
from advisor.interview.catalogue import catalogue_problems, load_catalogue, why_asked
from advisor.interview.files import InterviewFileError, answer_text, interview_from_answers, load_session, save_session
from advisor.interview.flow import AnswerError, Interview, UnknownQuestionError
from advisor.interview.summary import advice_text
from advisor.interview.terminal import Conversation, Paused, Terminal, conclude, offer_brief

from conftest import ROOT, assert_clean_exit, build_case

ADVISOR = [sys.executable, "-m", "advisor"]
PTY_TIMEOUT = 15
ANSI = re.compile(r"\x1b\[[0-9;]*m")

# A regulator pairs a struggling trust with a good one: the answers of a short interview.
BUDDYING = {
    "partners.count": 2,
    "partners[0].name": "Northgate Hospitals",
    "partners[0].sector": "acute",
    "partners[0].performance": "good",
    "partners[0].special_measures": "no",
    "partners[1].name": "Southfield General",
    "partners[1].sector": "acute",
    "partners[1].performance": "inadequate",
    "relationship.travel_time": "under 30 min",
    "collaboration.name": "Northgate-Southfield support",
    "collaboration.mandation": "mandated",
    "collaboration.mandated_by": "regulator",
    "collaboration.drivers": ["learning", "coercion"],
    "collaboration.funding": "limited",
}


def answered(**answers):
    """An interview with these answers (ids with [i] spelled partners_i_field)."""
    return Interview(
        {re.sub(r"^partners_(\d+)_", r"partners[\1].", k).replace("__", "."): v for k, v in answers.items()}
    )


def step_ids(interview: Interview) -> list[str]:
    return [s.id for s in interview.steps()]


# -- the catalogue and the case model ---------------------------------------------------------


def test_every_fact_of_the_case_model_has_a_question_with_the_models_choices():
    assert catalogue_problems(load_catalogue()) == []


def test_a_catalogue_that_drifts_from_the_case_model_is_caught():
    catalogue = load_catalogue()
    sector = catalogue.question("partner.sector")
    fewer = {k: v for k, v in sector.choices.items() if k != "ambulance"}
    drifted = catalogue.model_copy(
        update={
            "questions": tuple(
                q.model_copy(update={"choices": {**fewer, "hospice": "Hospice"}}) if q.id == "partner.sector" else q
                for q in catalogue.questions
                if q.id != "relationship.travel_time"
            )
        }
    )
    problems = " | ".join(catalogue_problems(drifted))
    assert "partner.sector: choices differ" in problems and "ambulance" in problems and "hospice" in problems
    assert "relationship.travel_time" in problems


def test_every_choice_question_offers_dont_know_last():
    for question in load_catalogue().questions:
        if question.type in ("choice", "multi") and question.unknown:
            assert Interview.options(question)[-1] == ("unknown", "don't know")


def _outcome(case) -> str:
    """Everything the advice concludes, without the list of unknowns and the facts matched."""
    advice = advise(case)
    data = advice.model_dump(
        mode="json", include={"options", "mechanisms", "risks", "formalisation", "actions", "expected_effects"}
    )
    return json.dumps([data, [f.rule for f in advice.trace]], sort_keys=True)


# (example case, edits that make the question irrelevant, the question the interview then skips)
SKIPS = [
    # who mandated a voluntary collaboration cannot matter
    ("proposed_merger", {"collaboration.mandation": "voluntary"}, "collaboration.mandated_by"),
    ("learning_network", {"collaboration.mandation": "unknown"}, "collaboration.mandated_by"),
    # an inadequate rating already marks a partner as struggling, in special measures or not
    ("special_measures_turnaround", {"partners[1].performance": "inadequate"}, "partners[1].special_measures"),
    ("voluntary_acute_alliance", {"partners[0].performance": "inadequate"}, "partners[0].special_measures"),
]


def test_every_question_skipped_because_of_another_answer_is_checked_below():
    skipped = {q.id for q in load_catalogue().questions if set(q.ask_if) - {"partners.detail", "partners.count"}}
    checked = {re.sub(r"^partners\[\d+\]", "partner", s) for _, _, s in SKIPS}
    assert skipped == checked


@pytest.mark.parametrize("base, condition, skipped", SKIPS)
def test_a_question_the_interview_skips_cannot_change_the_advice(base, condition, skipped):
    case = apply_edits(load_case(ROOT / "examples" / f"{base}.yaml"), condition)
    interview = Interview()
    assert interview.step(skipped).question.ask_if, "the interview must skip this question"
    choices = interview.options(interview.step(skipped).question)
    outcomes = {_outcome(apply_edits(case, {skipped: value})) for value, _ in choices}
    assert len(outcomes) == 1


def test_outside_funding_matters_even_when_no_money_is_set_aside_so_it_is_always_asked():
    case = build_case(collaboration={"funding": "none"})
    assert _outcome(apply_edits(case, {"collaboration.third_party_funding": "yes"})) != _outcome(
        apply_edits(case, {"collaboration.third_party_funding": "no"})
    )
    assert "collaboration.third_party_funding" in step_ids(answered(collaboration__funding="none"))


# -- the flow of questions --------------------------------------------------------------------


def test_the_interview_starts_with_the_partners_then_their_relationship_then_the_collaboration():
    ids = step_ids(Interview())
    assert ids[:3] == ["partners.count", "partners[0].name", "partners[0].sector"]
    sections = [Interview().step(i).question.section for i in ids]
    assert sections == sorted(sections, key=["partners", "relationship", "collaboration"].index)
    assert len(ids) == 53 and Interview().progress(Interview().step("relationship.power_balance")) == (25, 53)


def test_who_mandated_it_is_asked_only_of_a_mandated_collaboration():
    assert "collaboration.mandated_by" not in step_ids(answered(collaboration__mandation="voluntary"))
    assert "collaboration.mandated_by" not in step_ids(Interview())
    assert "collaboration.mandated_by" in step_ids(answered(collaboration__mandation="mandated"))


def test_special_measures_is_not_asked_of_a_partner_rated_inadequate():
    ids = step_ids(answered(partners_1_performance="inadequate"))
    assert "partners[0].special_measures" in ids and "partners[1].special_measures" not in ids


def test_each_partner_is_asked_about_in_turn_and_many_partners_can_be_described_briefly():
    three = step_ids(answered(partners__count=3))
    assert sum(1 for i in three if i.endswith(".sector")) == 3
    assert "partners.detail" not in three
    brief = step_ids(answered(partners__count=5, partners__detail="brief"))
    assert [i for i in brief if i.startswith("partners[4]")] == ["partners[4].name", "partners[4].sector"]
    assert len(step_ids(answered(partners__count=5))) == len(brief) + 5 * 8


def test_back_and_forward_follow_the_questions_that_apply():
    interview = answered(collaboration__mandation="mandated")
    assert interview.neighbour("collaboration.drivers", -1).id == "collaboration.mandated_by"
    assert interview.neighbour("partners.count", -1) is None
    assert interview.neighbour("partners.count", 1).id == "partners[0].name"


def test_answers_are_understood_by_number_word_label_or_unambiguous_start():
    interview = Interview()
    mandation = interview.step("collaboration.mandation")
    assert [interview.parse(mandation, t) for t in ("2", "Mandated", " vol ", "dk", "don't know", "")] == [
        "mandated",
        "mandated",
        "voluntary",
        "unknown",
        "unknown",
        "unknown",
    ]
    travel = interview.step("relationship.travel_time")
    assert interview.parse(travel, "Under 30 minutes") == "under_30_min"
    drivers = interview.step("collaboration.drivers")
    assert interview.parse(drivers, "learning, 1") == ["expansion", "learning"]
    assert interview.parse(drivers, "2 4") == ["consolidation", "learning"]
    assert interview.parse(drivers, "don't know") == []


@pytest.mark.parametrize(
    "step_id, text, message",
    [
        ("collaboration.mandation", "perhaps", "'perhaps' is not one of the choices: type a number from 1 to 3"),
        ("collaboration.mandation", "4", "one of voluntary, mandated, don't know"),
        ("partners.count", "1", "a whole number from 2 to 100"),
        ("partners.count", "don't know", "a whole number from 2 to 100"),
        ("collaboration.drivers", "learning, don't know", "cannot be combined"),
        ("partners[1].name", "Organisation 1", "already the name of another partner"),
        ("partners[0].name", "x" * 201, "at most 200 characters"),
    ],
)
def test_an_answer_that_is_not_allowed_says_what_is(step_id, text, message):
    interview = Interview()
    with pytest.raises(AnswerError, match=re.escape(message)):
        interview.parse(interview.step(step_id), text)


def test_the_case_holds_the_answers_of_the_questions_that_apply_only():
    interview = interview_from_answers(BUDDYING)
    interview.answer("collaboration.mandation", "voluntary")  # changed after saying who mandated it
    case = interview.case()
    assert case.collaboration.mandation == "voluntary" and case.collaboration.mandated_by == "unknown"
    assert [p.name for p in case.partners] == ["Northgate Hospitals", "Southfield General"]
    assert case.collaboration.drivers == ("learning", "coercion")
    assert case.partners[1].special_measures == "unknown" and case.relationship.travel_time == "under_30_min"


def test_why_a_question_is_asked_names_the_rules_reading_it_and_their_evidence():
    catalogue = load_catalogue()
    mandated_by = why_asked(catalogue.question("collaboration.mandated_by"))
    assert mandated_by.startswith('One rule uses this answer, e.g. "Buddying imposed by a regulator')
    assert "Table 2" in mandated_by
    finances = why_asked(catalogue.question("partner.finances"))
    assert "partner is in financial deficit" in finances and "(Appendix 4, Q17)" in finances
    assert "no rule reads it" in why_asked(catalogue.question("partner.name"))


# -- session and answers files ----------------------------------------------------------------


def test_a_saved_session_comes_back_with_every_answer(tmp_path):
    path = tmp_path / "session.json"
    interview = Interview()
    for step_id in ("partners.count", "partners[0].name", "partners[0].sector"):
        interview.answer(step_id, interview.parse(interview.step(step_id), answer_text(BUDDYING[step_id])))
    save_session(interview, path)
    again = load_session(path)
    assert again.answers == {
        "partners.count": 2,
        "partners[0].name": "Northgate Hospitals",
        "partners[0].sector": "acute",
    }
    assert again.next_unanswered().id == "partners[0].size"


def test_a_damaged_session_file_is_refused_with_the_reason(tmp_path):
    path = tmp_path / "session.json"
    path.write_text('{"format": "advisor-interview-session", "version": 1, "answers": {"partners.count": 0, "x.y": 1}}')
    with pytest.raises(InterviewFileError) as caught:
        load_session(path)
    assert caught.value.problems == [
        "answers.partners.count: '0' is not allowed: type a whole number from 2 to 100",
        "answers.x.y: no such question (ids look like partners.count, partners[0].sector, "
        "relationship.travel_time, collaboration.mandation)",
    ]
    path.write_text("[1, 2]")
    with pytest.raises(InterviewFileError, match="expected an interview session"):
        load_session(path)


def test_an_answers_file_lists_every_unknown_irrelevant_or_bad_answer_at_once():
    with pytest.raises(InterviewFileError) as caught:
        interview_from_answers(
            {
                "partners.count": 2,
                "collaboration.mandation": "voluntary",
                "collaboration.mandated_by": "regulator",
                "collaboration.scope": "everything",
                "partners[2].name": "Third Trust",
                "relationship.weather": "fine",
            },
            "answers.yaml",
        )
    problems = caught.value.problems
    assert problems[0].startswith("collaboration.scope: 'everything' is not one of the choices")
    assert problems[1:] == [
        "collaboration.mandated_by: not asked given the other answers "
        "(asked only when collaboration.mandation is mandated)",
        "partners[2].name: not asked given the other answers (there are 2 partners (partners.count), numbered from 0)",
        "relationship.weather: no such question (ids look like partners.count, partners[0].sector, "
        "relationship.travel_time, collaboration.mandation)",
    ]


def test_yaml_yes_and_no_are_read_as_the_words():
    interview = interview_from_answers(yaml.safe_load("collaboration.evaluation: yes\nrelationship.past_failures: no"))
    assert interview.case().collaboration.evaluation == "yes" and interview.case().relationship.past_failures == "no"


@pytest.mark.parametrize("step_id", ["partners[100].name", "partners[00].name", "partner.name", "partners[0].count"])
def test_an_unknown_question_id_is_refused(step_id):
    with pytest.raises(UnknownQuestionError):
        Interview().step(step_id)


# -- the command without a terminal -----------------------------------------------------------


@pytest.fixture
def answers_file(tmp_path: Path) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(BUDDYING, sort_keys=False))
    return path


def test_an_answers_file_gives_the_advice_and_a_case_that_advise_reproduces_byte_for_byte(answers_file, tmp_path):
    saved = tmp_path / "case.yaml"
    result = CliRunner().invoke(cli, ["interview", "--answers", str(answers_file), "--save", str(saved)])
    assert result.exit_code == 0, result.output
    interview_advice = advise(interview_from_answers(BUDDYING).case())
    assert result.output.startswith("\n" + advice_text(interview_advice, load_catalogue()) + "\nThe case is saved in")
    assert result.output.endswith(f"\n  advisor advise {saved}\n")
    assert "\x1b[" not in result.output
    assert "Buddying: pairs a well-rated partner with a struggling one" in result.output
    rerun = CliRunner().invoke(cli, ["advise", str(saved), "--format", "json"])
    assert rerun.output == interview_advice.to_json()


def test_without_save_the_case_goes_to_a_new_file_whose_name_is_printed(answers_file, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["interview", "--answers", str(answers_file)])
    written = sorted(Path().glob("advisor-case-*.yaml"))
    assert result.exit_code == 0 and len(written) == 1 and f"saved in {written[0]}" in result.output


def test_bad_answers_file_exits_2_naming_each_problem(tmp_path):
    path = tmp_path / "answers.yaml"
    path.write_text("collaboration.timeline: soon\n")
    result = CliRunner().invoke(cli, ["interview", "--answers", str(path)])
    assert_clean_exit(result, 2)
    assert f"cannot use {path}:" in result.output and "collaboration.timeline: 'soon' is not one of the choices" in (
        result.output
    )


def test_an_existing_session_file_is_never_overwritten(tmp_path):
    session = tmp_path / "s.json"
    session.write_text("{}")
    result = CliRunner().invoke(cli, ["interview", "--session", str(session)])
    assert result.exit_code == 2 and "already exists" in result.output and session.read_text() == "{}"


def test_end_of_input_saves_and_prints_how_to_resume(tmp_path):
    session = tmp_path / "s.json"
    result = CliRunner().invoke(cli, ["interview", "--session", str(session)], input="3\nAlpha\n")
    assert result.exit_code == 1
    assert load_session(session).answers == {"partners.count": 3, "partners[0].name": "Alpha"}
    assert f"advisor interview --resume {session}" in result.output


def test_resuming_a_missing_session_says_so():
    result = CliRunner().invoke(cli, ["interview", "--resume", "no-such-session.json"])
    assert result.exit_code == 2 and "cannot use no-such-session.json" in result.output
    assert "cannot read the file: No such file or directory" in result.output


def test_the_case_cannot_go_to_a_folder_that_does_not_exist(answers_file, tmp_path):
    result = CliRunner().invoke(cli, ["interview", "--answers", str(answers_file), "--save", "nowhere/case.yaml"])
    assert result.exit_code == 2 and "the folder" in result.output and "does not exist" in result.output


def test_the_pdf_brief_is_offered_at_the_end_and_written_by_the_brief_module(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(
        "advisor.report.brief.render_brief_pdf", lambda advice, case: calls.append((advice, case)) or b"%PDF-stand-in"
    )
    replies = iter(["yes", ""])
    terminal = Terminal(read=lambda prompt: next(replies))
    case, advice = conclude(interview_from_answers(BUDDYING), tmp_path / "case.yaml", terminal)
    offer_brief(case, advice, tmp_path / "case.yaml", tmp_path / "session.json", terminal)
    assert calls == [(advice, case)]
    assert (tmp_path / "case-brief.pdf").read_bytes() == b"%PDF-stand-in"


def test_a_scripted_conversation_goes_back_and_quits_with_answers_kept(tmp_path):
    replies = iter(["2", "Alpha", "back", "", "mental health", "quit"])
    terminal = Terminal(read=lambda prompt: next(replies))
    interview = Interview()
    with pytest.raises(Paused) as stopped:
        Conversation(interview, tmp_path / "s.json", terminal).run()
    assert stopped.value.how == "quit"
    assert load_session(tmp_path / "s.json").answers == {
        "partners.count": 2,
        "partners[0].name": "Alpha",
        "partners[0].sector": "mental_health",
    }


# -- the command at a real terminal (pseudo-terminal) -----------------------------------------


def spawn(*args: str, colour: bool = False, cwd: Path) -> pexpect.spawn:
    """The command in a pseudo-terminal of 80 columns; everything it prints is kept in
    ``child.logfile_read``."""
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    if not colour:
        env["NO_COLOR"] = "1"
    child = pexpect.spawn(
        ADVISOR[0],
        [*ADVISOR[1:], "interview", *args],
        cwd=str(cwd),
        env=env,
        encoding="utf-8",
        timeout=PTY_TIMEOUT,
        dimensions=(40, 80),
    )
    child.delaybeforesend = None
    child.logfile_read = io.StringIO()
    return child


def reply(child: pexpect.spawn, text: str, prompt: str = r"\]: ") -> str:
    """Wait for a prompt, answer it, and return what was shown before it."""
    child.expect(prompt)
    shown = child.before
    child.sendline(text)
    return shown


def test_a_full_interview_at_a_terminal_ends_with_the_advice_and_a_reproducible_case(tmp_path):
    child = spawn("--session", "s.json", "--save", "case.yaml", cwd=tmp_path)
    scripted = ["2", "Northgate Hospitals", "acute", "large", "good", "no", "", "", "", "", "", "Southfield General"]
    scripted += ["1", "medium", "inadequate"]  # no question about special measures after "inadequate"
    for text in scripted:
        reply(child, text)
    shown = reply(child, "")  # Southfield's finances
    assert "What is the financial position of Southfield General?" in shown
    while child.expect([r"\]: ", "accept them all: "]) == 0:
        child.sendline("")
    summary = child.before
    assert re.search(r"3  Northgate Hospitals: Sector\s+Acute hospital care", summary)
    number = re.search(r"(\d+)  Voluntary or mandated", summary).group(1)
    child.sendline(number)  # change an answer from the summary
    reply(child, "voluntary")
    child.expect("accept them all: ")
    child.sendline("")
    reply(child, "", r"Write a PDF brief\? \[no\]: ")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    shown = child.logfile_read.getvalue().replace("\r\n", "\n")
    interview = load_session(tmp_path / "s.json")
    assert interview.case().collaboration.mandation == "voluntary"
    saved = load_case(tmp_path / "case.yaml")
    assert saved == interview.case()
    assert advice_text(advise(saved), load_catalogue()) in shown and "\x1b[" not in shown  # NO_COLOR
    rerun = CliRunner().invoke(cli, ["advise", str(tmp_path / "case.yaml"), "--format", "json"])
    assert rerun.output == advise(interview.case()).to_json()


def test_why_back_and_a_wrong_answer_at_a_terminal_then_ctrl_c_and_resume(tmp_path):
    child = spawn("--session", "s.json", colour=True, cwd=tmp_path)
    reply(child, "2")
    reply(child, "Alpha")
    reply(child, "?")
    why = reply(child, "sometimes")
    assert "10 rules use this answer" in ANSI.sub("", why) and "\x1b[" in why  # colour at a terminal
    wrong = reply(child, "back")
    assert "'sometimes' is not one of the choices" in ANSI.sub("", wrong) and "11  Independent" in wrong
    back = reply(child, "Alpha Trust")
    assert "What is the name of organisation 1?" in ANSI.sub("", back)
    reply(child, "acute")
    child.expect(r"\]: ")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    printed = ANSI.sub("", child.before.replace("\r\n", "\n"))
    command = re.search(r"run:\n  (advisor interview --resume \S+)", printed).group(1)
    assert command == f"advisor interview --resume {tmp_path / 's.json'}"
    resumed = spawn(*command.split()[2:], cwd=tmp_path)
    question = reply(resumed, "quit")
    assert "Question 4 of about 53" in question and "How large is Alpha Trust" in question
    resumed.expect(pexpect.EOF)
    resumed.close()
    assert resumed.exitstatus == 0
    assert load_session(tmp_path / "s.json").answers == {
        "partners.count": 2,
        "partners[0].name": "Alpha Trust",
        "partners[0].sector": "acute",
    }
