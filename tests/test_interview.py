"""The guided interview: its questions against the case model, the flow of questions (purpose
first, then the partners, then what can still change the advice), the choice of the next
question by re-running the engine, the session and answers files, and the real command
driven at a terminal (pexpect)."""

from __future__ import annotations

import io
import json
import os
import re
import sys
import time
from pathlib import Path

import pexpect
import pytest
import yaml
from click.testing import CliRunner

from advisor import advise, load_case
from advisor.advice.sensitivity import outcome
from advisor.case.edit import apply_edits
from advisor.cli.main import cli
from advisor.engine.facts import case_facts
from advisor.engine.tracing import run_case
from advisor.interview.catalogue import ENGINE_NAMES, catalogue_problems, load_catalogue, why_asked
from advisor.interview.choosing import Chooser, engine_inputs, inert
from advisor.interview.files import InterviewFileError, interview_from_answers, load_session, save_session
from advisor.interview.flow import AnswerError, Interview, UnknownQuestionError, answers_from_case
from advisor.interview.replay import SETTLED_MESSAGE, replay, settled_after
from advisor.interview.summary import advice_text
from advisor.interview.terminal import Conversation, Paused, Terminal, conclude, offer_brief
from advisor.kb.load import load_knowledge
from advisor.rules.registry import REGISTRY

from conftest import EXAMPLES, ROOT, assert_clean_exit

ADVISOR = [sys.executable, "-m", "advisor"]
PTY_TIMEOUT = 60
ANSI = re.compile(r"\x1b\[[0-9;]*m")
VIGNETTES = sorted((ROOT / "tests" / "vignettes").glob("*.yaml"))
CASES = EXAMPLES + VIGNETTES

# A regulator pairs a struggling trust with a good one: the answers of a short interview.
BUDDYING = {
    "collaboration.drivers": ["learning", "coercion"],
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
    "collaboration.funding": "limited",
}


def answered(**answers):
    """An interview with these answers (ids with [i] spelled partners_i_field)."""
    return Interview(
        {re.sub(r"^partners_(\d+)_", r"partners[\1].", k).replace("__", "."): v for k, v in answers.items()}
    )


def open_ids(interview: Interview) -> list[str]:
    return [s.id for s in interview.open_steps()]


def _outcome(case) -> str:
    """Everything the engine concludes on a case: each rule that fired and what it asserted
    (the advice is assembled from these)."""
    firings = run_case(case).firings
    return json.dumps([[f.rule, [dict(fact) for fact in f.asserted]] for f in firings], sort_keys=True, default=str)


def nearly_answered(path: Path, open_facts: tuple[str, ...]) -> Interview:
    """The interview answered from a case file except for ``open_facts``."""
    answers = answers_from_case(load_case(path))
    return Interview({k: v for k, v in answers.items() if k not in open_facts})


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
    interview = Interview()
    for question in load_catalogue().questions:
        if question.type in ("choice", "multi") and question.unknown:
            step = interview.step(question.id.replace("partner.", "partners[0]."))
            assert interview.options(step)[-1] == ("unknown", "don't know")


def test_the_facts_the_engine_sees_under_other_names_exist():
    values = case_facts(load_case(EXAMPLES[0]), load_knowledge())[1]
    assert {name for names in ENGINE_NAMES.values() for name in names} <= set(values)


# (example case, edits that make the question irrelevant, the question the interview then skips, answers to try)
SKIPS = [
    # who mandated a voluntary collaboration cannot matter
    ("proposed_merger", {"collaboration.mandation": "voluntary"}, "collaboration.mandated_by", ()),
    ("learning_network", {"collaboration.mandation": "unknown"}, "collaboration.mandated_by", ()),
    # the governance and age of an arrangement that is not there cannot matter
    ("proposed_merger", {}, "collaboration.in_place.governance", ()),
    ("proposed_merger", {}, "collaboration.in_place.since", ("2019", "2023-09")),
]


def test_every_question_skipped_because_of_another_answer_is_checked_below():
    skipped = {q.id for q in load_catalogue().questions if q.ask_if}
    assert skipped == {s for _, _, s, _ in SKIPS}


@pytest.mark.parametrize("base, condition, skipped, tried", SKIPS)
def test_a_question_the_interview_skips_cannot_change_the_advice(base, condition, skipped, tried):
    answers = answers_from_case(apply_edits(load_case(ROOT / "examples" / f"{base}.yaml"), condition))
    interview = Interview(answers)
    step = interview.step(skipped)
    assert not interview.applies(step), "the interview must skip this question"
    values = tried or [value for value, _ in interview.options(step)]
    outcomes = {_outcome(Interview({**answers, skipped: value}).case()) for value in values}
    assert len(outcomes) == 1


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_a_question_the_engine_finds_cannot_change_anything_leaves_the_advice_unchanged(path):
    """The other skips: a question none of whose answers changes the engine's input facts
    (with every other fact as the case file says) is not asked; the first such question of
    each case is checked against the engine's conclusions."""
    full = nearly_answered(path, ())
    for step in full.asked():
        if full.catalogue.fixed_section(step.question.id) or step.question.type == "line":
            continue
        interview = Interview({k: v for k, v in full.answers.items() if k not in step.facts})
        if inert(interview, step, interview.case()):
            same = {_outcome(interview.case_with(trial)) for trial in interview.trials(step)}
            assert same == {_outcome(interview.case())}, step.id
            return


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_the_engine_inputs_the_interview_compares_are_the_engines_own(path):
    """And a case edited with trial answers is the case the interview would build."""
    interview = nearly_answered(path, ("collaboration.timeline", "partners[0].legal_kind"))
    case = interview.case()
    for trial in [{"collaboration.timeline": "rapid"}, {"partners[0].legal_kind": "gp_practice"}]:
        edited = interview.case_with(trial, case)
        assert edited == interview.case_with(trial)
        assert engine_inputs(edited)[0] == case_facts(edited, load_knowledge())[1]


def test_special_measures_is_asked_only_of_partners_not_already_rated_inadequate():
    interview = nearly_answered(
        ROOT / "examples" / "special_measures_turnaround.yaml",
        ("partners[0].special_measures", "partners[1].special_measures"),
    )
    step = interview.partner_step("special_measures", (0, 1))
    case = interview.case()
    assert case.partners[0].performance == "inadequate"
    effect = Chooser().effect(interview, step, case)
    assert effect.members == (1,)


def test_the_legal_kind_is_not_asked_of_a_partner_whose_statutory_name_gives_it():
    interview = answered(
        partners__count=2,
        partners_0_name="Northtown Hospital NHS Trust",
        partners_1_name="Riverside Medical Practice",
    )
    kind = [s for s in interview.open_steps() if s.question.field == "legal_kind"]
    assert [s.id for s in kind] == ["partners[1].legal_kind"]
    interview.answer("partners[0].legal_kind", "foundation_trust")  # the user may still say otherwise
    assert interview.case().partners[0].legal_kind == "foundation_trust"


# -- the flow of questions --------------------------------------------------------------------


def test_the_interview_asks_the_purpose_first_then_the_partners_one_line_each():
    interview = Interview()
    asked = []
    while (step := interview.next_fixed()) is not None:
        asked.append(step.id)
        interview.answer(step.id, interview.default(step))
    assert asked == [
        "collaboration.drivers",
        "collaboration.scope",
        "collaboration.forms_considered",
        "collaboration.stage",
        "partners.count",
        "partners[0]",
        "partners[1]",
    ]


def test_a_partners_line_gives_name_sector_size_rating_and_finances():
    interview = answered(partners__count=2)
    line = interview.step("partners[0]")
    assert interview.parse(line, "Northgate Hospitals, acute, large, good, deficit") == {
        "name": "Northgate Hospitals",
        "sector": "acute",
        "size": "large",
        "performance": "good",
        "finances": "deficit",
    }
    assert interview.parse(line, "Mind Matters, ment, , ?, severe deficit") == {
        "name": "Mind Matters",
        "sector": "mental_health",
        "size": "unknown",
        "performance": "unknown",
        "finances": "severe_deficit",
    }
    assert interview.parse(line, "Small Practice")["sector"] == "unknown"


@pytest.mark.parametrize(
    "text, message",
    [
        ("A, acute, large, good, deficit, extra", "6 parts, but a line has at most 5"),
        ("A, acute, huge", "size: 'huge' is not one of the choices"),
        ("Organisation 2, acute", "already the name of another partner"),
    ],
)
def test_a_partners_line_that_is_not_allowed_says_which_part_is_wrong(text, message):
    interview = answered(partners__count=2)
    with pytest.raises(AnswerError, match=re.escape(message)):
        interview.parse(interview.step("partners[0]"), text)


def test_a_partner_fact_is_asked_of_several_partners_at_once_one_answer_each_or_one_for_all():
    interview = answered(partners__count=3)
    step = interview.partner_step("improvement_capacity", (0, 1, 2))
    assert interview.parse(step, "little") == ["low", "low", "low"]
    assert interview.parse(step, "low, ?, plenty") == ["low", "unknown", "high"]
    with pytest.raises(AnswerError, match="2 answers for 3 partners"):
        interview.parse(step, "low, high")
    interview.answer(step.id, ["low", "unknown", "high"])
    assert [p.improvement_capacity for p in interview.case().partners] == ["low", "unknown", "high"]
    assert "partners[0,1,2].improvement_capacity" not in open_ids(interview)


def test_who_mandated_it_is_open_only_for_a_mandated_collaboration():
    assert "collaboration.mandated_by" not in open_ids(answered(collaboration__mandation="voluntary"))
    assert "collaboration.mandated_by" not in open_ids(Interview())
    assert "collaboration.mandated_by" in open_ids(answered(collaboration__mandation="mandated"))


def test_an_answer_that_opens_a_follow_up_is_tried_with_each_answer_of_it():
    trials = Interview().trials(Interview().step("collaboration.mandation"))
    assert {"collaboration.mandation": "voluntary"} in trials
    assert {"collaboration.mandation": "mandated", "collaboration.mandated_by": "regulator"} in trials
    assert {"collaboration.mandation": "mandated"} not in trials


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
    lead = answered(partners__count=2, partners_1_name="Southfield").step("collaboration.lead_partner")
    assert answered(partners__count=2, partners_1_name="Southfield").parse(lead, "south") == 1


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
        ("collaboration.in_place.since", "last year", "'last year' is not allowed"),
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


def test_the_interview_records_the_arrangement_in_place_and_the_lead_partner():
    interview = answered(
        partners__count=2,
        collaboration__in_place__form="group",
        collaboration__in_place__governance=["shared_chief_executive", "committees_in_common"],
        collaboration__in_place__since="2023-09",
        collaboration__lead_partner=1,
    )
    collaboration = interview.case().collaboration
    assert collaboration.in_place.form == "group" and collaboration.in_place.since == "2023-09"
    assert collaboration.in_place.governance == ("shared_chief_executive", "committees_in_common")
    assert collaboration.lead_partner == 1


def _differing_facts(one: object, other: object, where: str = "") -> set[str]:
    """The facts (``collaboration.in_place.governance``, ``partners[1].size``) whose values differ."""
    if isinstance(one, dict) and isinstance(other, dict):
        return {
            f
            for key in one.keys() | other.keys()
            for f in _differing_facts(one.get(key), other.get(key), f"{where}.{key}")
        }
    if isinstance(one, list) and isinstance(other, list) and len(one) == len(other) and where == ".partners":
        return {
            f for i, (a, b) in enumerate(zip(one, other, strict=True)) for f in _differing_facts(a, b, f"{where}[{i}]")
        }
    return {where.removeprefix(".")} if one != other else set()


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_answering_every_question_as_a_case_file_says_gives_that_case_back(path):
    """All but the facts the interview never asks (money for the appraisal, pairs of partners)
    and answers the case's own other answers make irrelevant (how an arrangement that is not
    in place is governed)."""
    case = load_case(path)
    answers = answers_from_case(case)
    interview = Interview(answers)
    irrelevant = {fact for fact in answers if not interview.applies(interview.step(fact))}
    never_asked = set(load_catalogue().not_asked)
    differ = _differing_facts(interview.case().model_dump(mode="json"), case.model_dump(mode="json"))
    assert {re.sub(r"^partners\[\d+\]", "partner", f) for f in differ - irrelevant} <= never_asked


def test_why_a_question_is_asked_names_the_rules_reading_it_and_their_evidence():
    catalogue = load_catalogue()
    mandated_by = why_asked(catalogue.question("collaboration.mandated_by"))
    assert re.match(r'(One rule uses|\d+ rules use) this answer, e\.g\. "', mandated_by)
    assert "Table 2" in mandated_by
    finances = why_asked(catalogue.question("partner.finances"))
    assert "(Appendix 4, Q17)" in finances
    assert "no rule reads it" in why_asked(catalogue.question("partner.name"))


def test_the_wording_is_todays_nhs():
    special = load_catalogue().question("partner.special_measures")
    assert "Recovery Support Programme" in special.question and "segment 4" in special.question
    environment = load_catalogue().question("collaboration.regulatory_environment")
    assert "Health and Care Act 2022" in environment.explain
    assert "NHS Improvement" not in Path(ROOT / "knowledge" / "interview.yaml").read_text(encoding="utf-8")


# -- choosing the next question ---------------------------------------------------------------

# Left open on the proposed merger: whether the partners must keep their sovereignty (one of
# its two answers changes the top option), their history (none does) and the funding (one of three).
OPEN = ("collaboration.sovereignty_required", "relationship.history_of_collaboration", "collaboration.funding")


def _changes(interview: Interview, step_id: str) -> list[bool]:
    """For each possible answer, whether the engine's top option or its verdict changes (brute force)."""
    base = outcome(interview.case())
    trials = interview.trials(interview.step(step_id))
    return [base.changes_top(outcome(interview.case_with(trial))) for trial in trials]


def test_the_next_question_is_the_one_whose_answers_most_often_change_the_top_option():
    interview = nearly_answered(ROOT / "examples" / "proposed_merger.yaml", OPEN)
    choice = Chooser().choose(interview)
    shares = {i: sum(c) / len(c) for i in OPEN for c in [_changes(interview, i)]}
    assert choice.step.id == max(shares, key=lambda i: (shares[i], -OPEN.index(i)))
    assert not choice.settled and choice.deciding == tuple(i for i in OPEN if shares[i] > 0)
    assert re.match(r"\d of its \d answers would change the top option, now ", choice.reason)


def test_settled_means_no_single_remaining_answer_changes_the_top_option():
    interview = nearly_answered(ROOT / "examples" / "proposed_merger.yaml", OPEN)
    chooser = Chooser()
    while not (choice := chooser.choose(interview)).settled:
        interview.answer(
            choice.step.id, answers_from_case(load_case(ROOT / "examples" / "proposed_merger.yaml"))[choice.step.id]
        )
    assert choice.level == "high"
    for step in interview.open_steps():
        assert not any(_changes(interview, step.id))


# -- replay -----------------------------------------------------------------------------------


def test_a_replay_asks_the_purpose_first_and_says_where_the_recommendation_became_settled():
    path = ROOT / "tests" / "vignettes" / "p11_almost_nothing_known.yaml"
    result = CliRunner().invoke(cli, ["interview", "--replay", str(path), "--format", "json"])
    assert result.exception is None and result.exit_code == 0, result.output
    steps = json.loads(result.output)
    assert [s["question"] for s in steps[:3]] == [
        "collaboration.drivers",
        "collaboration.scope",
        "collaboration.forms_considered",
    ]
    for step in steps:
        assert {"question", "answer", "top_option", "verdict", "certainty", "settled"} <= set(step)
    settled = [s["number"] for s in steps if s["settled"]]
    assert settled and settled == list(range(settled[0], len(steps) + 1))
    full = outcome(load_case(path))
    assert (steps[-1]["top_option"], steps[-1]["verdict"]) == (full.top or "none", full.top_verdict)
    text = CliRunner().invoke(cli, ["interview", "--replay", str(path)]).output
    assert f"-- After question {settled[0]}: the recommendation is settled" in text
    assert "why: " in text and "after: " in text


def test_a_replay_settles_on_the_top_option_and_verdict_of_the_whole_case():
    """(Every example and vignette: `python -m advisor.bench` prints how many questions each takes.)"""
    case = load_case(ROOT / "tests" / "vignettes" / "p04_struggling_trust_not_in_special_measures.yaml")
    steps = list(replay(case, until_settled=True))
    full = outcome(case)
    assert settled_after(steps) == steps[-1].number <= 20
    assert (steps[-1].top_option, steps[-1].verdict) == (full.top, full.top_verdict)


def test_replay_refuses_the_options_of_a_live_interview(tmp_path):
    result = CliRunner().invoke(cli, ["interview", "--replay", str(EXAMPLES[0]), "--save", str(tmp_path / "c.yaml")])
    assert result.exit_code == 2 and "--replay only reads the case file" in result.output


# -- the advice at the end --------------------------------------------------------------------


def test_the_advice_at_the_end_is_the_one_view_cut_short_without_rule_ids():
    advice = advise(load_case(ROOT / "examples" / "proposed_merger.yaml"))
    text = advice_text(advice)
    assert text.startswith(f"Advice for {advice.case_name}\nThe advice is ")
    assert "The forms you had in mind" in text and "Merger" in text
    assert not [rule for rule in REGISTRY if rule in text]
    assert all(len(line) <= 78 for line in text.splitlines())


# -- session and answers files ----------------------------------------------------------------


def test_a_saved_session_comes_back_with_every_answer_and_the_question_being_asked(tmp_path):
    path = tmp_path / "session.json"
    interview = Interview()
    interview.answer("collaboration.drivers", ["learning"])
    interview.answer("partners.count", 2)
    interview.answer("partners[0]", interview.parse(interview.step("partners[0]"), "Alpha, acute"))
    save_session(interview, path, asking="collaboration.scope")
    again, asking = load_session(path)
    assert again.answers == interview.answers and asking == "collaboration.scope"
    assert again.next_fixed().id == "collaboration.scope"


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
        "relationship.weather: no such question (ids look like partners.count, partners[0].sector, "
        "relationship.travel_time, collaboration.mandation)",
        "collaboration.mandated_by: not asked given the other answers "
        "(asked only when collaboration.mandation is mandated)",
        "partners[2].name: not asked given the other answers (there are 2 partners (partners.count), numbered from 0)",
    ]


def test_yaml_yes_and_no_are_read_as_the_words():
    interview = interview_from_answers(yaml.safe_load("collaboration.evaluation: yes\nrelationship.past_failures: no"))
    assert interview.case().collaboration.evaluation == "yes" and interview.case().relationship.past_failures == "no"


@pytest.mark.parametrize(
    "step_id", ["partners[100].name", "partners[00].name", "partner.name", "partners[0].count", "partners[1,0].size"]
)
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
    assert result.output.startswith("\n" + advice_text(interview_advice) + "\nThe case is saved in")
    assert result.output.endswith(f"\n  advisor advise {saved}\n")
    assert "\x1b[" not in result.output
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
    result = CliRunner().invoke(cli, ["interview", "--session", str(session)], input="learning\nsingle\n")
    assert result.exit_code == 1
    interview, asking = load_session(session)
    assert interview.answers == {"collaboration.drivers": ["learning"], "collaboration.scope": "single_service"}
    assert asking == "collaboration.forms_considered"
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
    replies = iter(["learning", "single", "back", "pathway", "", "quit"])
    terminal = Terminal(read=lambda prompt: next(replies))
    with pytest.raises(Paused) as stopped:
        Conversation(Interview(), tmp_path / "s.json", terminal).run()
    assert stopped.value.how == "quit"
    interview, asking = load_session(tmp_path / "s.json")
    assert interview.answers == {
        "collaboration.drivers": ["learning"],
        "collaboration.scope": "pathway",
        "collaboration.forms_considered": [],
    }
    assert asking == "collaboration.stage"


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


def reply(child: pexpect.spawn, text: str, prompt: str = r": $") -> str:
    """Wait for a prompt, answer it, and return what was shown before it."""
    child.expect(prompt)
    shown = child.before
    child.sendline(text)
    return shown


def plain(text: str) -> str:
    return ANSI.sub("", text.replace("\r\n", "\n"))


# The proposed merger with three answers still to give: a short interview at a terminal.
MERGER = ROOT / "examples" / "proposed_merger.yaml"


def merger_session(tmp_path: Path) -> Path:
    session = tmp_path / "s.json"
    save_session(nearly_answered(MERGER, OPEN), session)
    return session


def test_at_a_terminal_the_first_three_questions_are_about_purpose(tmp_path):
    child = spawn("--session", "s.json", colour=True, cwd=tmp_path)
    first = reply(child, "consolidation, sustenance")
    second = reply(child, "?")
    why = reply(child, "whole")
    third = reply(child, "quit")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "What do the partners want from collaborating?" in plain(first)
    assert "What will the collaboration cover?" in plain(second) and "\x1b[" in second  # colour at a terminal
    assert "rules use this answer" in plain(why)
    assert "Which forms of collaboration does the board already have in mind" in plain(third)
    assert load_session(tmp_path / "s.json")[0].answers == {
        "collaboration.drivers": ["consolidation", "sustenance"],
        "collaboration.scope": "whole_organisation",
    }


def test_at_a_terminal_the_settled_recommendation_is_announced_and_enter_finishes(tmp_path):
    session = merger_session(tmp_path)
    child = spawn("--resume", str(session), "--save", "case.yaml", cwd=tmp_path)
    answers = answers_from_case(load_case(MERGER))
    while True:
        index = child.expect([r"\]: $", "to go on: $"])
        if index == 1:
            break
        shown = plain(child.before)
        asked = next(i for i in OPEN if Interview().text(Interview().step(i)) in shown.replace("\n", " "))
        child.sendline(str(answers[asked]))
    assert " ".join(SETTLED_MESSAGE.split()) in " ".join(plain(child.before).split())
    child.sendline("")  # finish here
    child.expect("accept them all: $")
    child.sendline("")
    reply(child, "", r"Write a PDF brief\? \[no\]: $")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    shown = plain(child.logfile_read.getvalue())
    saved = load_case(tmp_path / "case.yaml")
    assert advice_text(advise(saved)) in shown
    rerun = CliRunner().invoke(cli, ["advise", str(tmp_path / "case.yaml"), "--format", "json"])
    assert rerun.output == advise(load_session(session)[0].case()).to_json()


def test_at_a_terminal_one_can_go_on_after_the_recommendation_is_settled(tmp_path):
    session = merger_session(tmp_path)
    child = spawn("--resume", str(session), "--save", "case.yaml", cwd=tmp_path)
    while child.expect([r"\]: $", "to go on: $"]) == 0:
        child.sendline("")
    child.sendline("more")
    following = reply(child, "quit", r"\]: $")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "== Refining risks and actions" in plain(following)


def test_ctrl_c_then_resume_asks_the_question_that_was_on_screen(tmp_path):
    session = merger_session(tmp_path)
    child = spawn("--resume", str(session), cwd=tmp_path)
    child.expect(r"\]: $")
    question = plain(child.before)
    time.sleep(0.5)  # let input() start waiting: a Ctrl-C just before it is only seen with the next key
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    printed = plain(child.before)
    command = re.search(r"run:\n  (advisor interview --resume \S+)", printed).group(1)
    assert command == f"advisor interview --resume {session}"
    resumed = spawn(*command.split()[2:], cwd=tmp_path)
    again = reply(resumed, "quit", r"\]: $")
    resumed.expect(pexpect.EOF)
    resumed.close()
    assert resumed.exitstatus == 0
    asked = re.search(r"Question \d+\n(.+?)\n", question).group(1)
    assert asked in plain(again)
