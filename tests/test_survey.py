"""The readiness survey (Appendix 4) and maturity matrix (Table 11): scoring, groups, bad files,
its effect on the advice, and the `advisor survey` commands."""

from __future__ import annotations

import csv
import json
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner

from advisor import advise, load_case
from advisor.cli.main import cli
from advisor.survey.maturity import actions_for, engine_level, readiness_level, weakest
from advisor.survey.report import render_survey, score_responses
from advisor.survey.responses import (
    SurveyError,
    append_response,
    parse_responses,
    question_ids,
    questions,
    read_responses,
    template_csv,
)
from advisor.survey.scoring import item_score

from conftest import assert_clean_exit

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_RESPONSES = ROOT / "examples" / "survey_responses.csv"
MENTAL_HEALTH_CASE = ROOT / "examples" / "mental_health_provider_collaborative.yaml"
QUESTION = {q.id: q for q in questions()}
HEADER = ",".join(question_ids())
NEUTRAL = {q.id: (len(q.scale) + 1) // 2 for q in questions() if q.scale}


def respondent(**answers: object) -> dict[str, object]:
    """A respondent who answers the middle option everywhere unless told otherwise."""
    return {**NEUTRAL, "q03": "", **answers}


def responses_csv(*people: dict[str, object]) -> str:
    rows = [",".join("" if p.get(q) is None else str(p[q]) for q in question_ids()) for p in people]
    return "\n".join([HEADER, *rows]) + "\n"


def score_text(text: str):
    return score_responses(parse_responses(text, "test.csv"))


# -- scoring worked by hand -----------------------------------------------------------------

# Ana, a leader, and Ben, from the workforce. Initial trust items Q6..Q12:
#   Ana 4,2,3,5,1,4,1 -> 0.75, 0.75 (Q7 reversed: 1 - 1/4), 0.5, 0 (Q9 reversed), 1 (Q10 reversed),
#                        0.75, 1 (Q12 "Yes, close" reversed on a 2-point scale) = 4.75 / 7
#   Ben 2,4,2,4,3,2,2 -> 0.25, 0.25, 0.25, 0.25, 0.5, 0.25, 0 = 1.75 / 7
ANA = respondent(q01=1, q06=4, q07=2, q08=3, q09=5, q10=1, q11=4, q12=1, q13=2, q14=5)
ANA |= {"q15": 1, "q16": 1, "q21": 1, "q22": 1, "q17": 5, "q18": 5, "q19": 3, "q20": 1}
BEN = respondent(q01=2, q06=2, q07=4, q08=2, q09=4, q10=3, q11=2, q12=2, q13=1, q14=3)
BEN |= {"q15": 1, "q16": 1, "q21": 1, "q22": 1, "q17": 1, "q18": 2, "q19": None, "q20": 4}


def test_initial_trust_is_the_mean_of_reverse_scored_normalised_items():
    trust = score_text(responses_csv(ANA, BEN)).mechanism("initial_trust")
    ana, ben = Fraction(475, 700), Fraction(175, 700)
    assert trust.n == 2
    assert trust.score == round(float((ana + ben) / 2), 3) == 0.464
    assert trust.sd == round(float(abs(ana - ben) / 2**0.5), 3) == 0.303
    assert (trust.min, trust.max) == (0.25, 0.679)
    assert trust.level_counts == {"low": 1, "medium": 0, "high": 1}
    assert (trust.level, trust.maturity, trust.measured_level) == ("medium", "bureaucratic", "medium")
    assert trust.element_name == "Trust" and trust.description.startswith("Moderate trust")
    q09 = next(i for i in trust.items if i.id == "q09")
    assert q09.reverse and q09.counts == {"1": 0, "2": 0, "3": 0, "4": 1, "5": 1}
    assert (q09.mean_code, q09.score) == (4.5, 0.125)  # (0 + 0.25) / 2


def test_binary_and_five_point_items_are_put_on_one_scale():
    # Legitimacy: Ana voluntary (Q13=2 -> 1) and Q14 strongly agree (1) = 1; Ben mandated (0), neutral (0.5) = 0.25.
    legitimacy = score_text(responses_csv(ANA, BEN)).mechanism("legitimacy")
    assert legitimacy.score == 0.625
    assert legitimacy.level == "medium"


def test_a_simple_task_is_generative_faith_and_low_task_complexity_for_the_advice():
    report = score_text(responses_csv(ANA, BEN))
    task = report.mechanism("task_complexity")
    assert task.score == 1.0  # every task-complexity item strongly disagreed, all reverse-scored
    assert (task.maturity, task.element_name) == ("generative", "Faith")
    assert task.measured_level == "low"
    assert report.measured["task_complexity"] == "low"


def test_a_mechanism_score_uses_only_respondents_who_answered_all_its_items():
    report = score_text(responses_csv(ANA, BEN))
    faith = report.mechanism("initial_faith")
    assert faith.n == 1 and faith.score == 1.0  # Ben left Q19 blank: only Ana counts
    q19 = next(i for i in faith.items if i.id == "q19")
    assert (q19.n, q19.unanswered) == (1, 1)
    assert report.incomplete_rows == (3,)
    problem = next(p for p in report.problems if p.effect == "incomplete")
    assert (problem.row, problem.column) == (3, "q19")
    assert report.respondents == 2


def test_reverse_scored_items_turn_a_higher_code_into_a_worse_score():
    assert item_score(QUESTION["q09"], 5) == 0 and item_score(QUESTION["q09"], 1) == 1  # history of competition
    assert item_score(QUESTION["q12"], 1) == 1  # partners close together (Yes = 1)
    assert item_score(QUESTION["q20"], 5) == 0  # very unfavourable regulation
    assert item_score(QUESTION["q19"], 3) == 1  # not relying on third-party funding (not reversed)
    assert item_score(QUESTION["q06"], 2) == Fraction(1, 4)


def test_levels_cut_the_scale_in_thirds():
    assert [readiness_level(Fraction(n, 12)) for n in (3, 4, 6, 8, 9)] == ["low", "medium", "medium", "medium", "high"]
    assert engine_level("task_complexity", "high") == "low"
    assert engine_level("initial_trust", "high") == "high"


def test_answers_may_be_labels_and_dont_know():
    person = respondent(q09="Strongly agree", q17="don't know", q12="yes")
    response = parse_responses(responses_csv(person)).responses[0]
    assert (response.answers["q09"], response.answers["q17"], response.answers["q12"]) == (5, None, 1)


def test_weakest_mechanisms_lead_to_the_table_10_actions_that_address_them():
    scores = {"initial_trust": Fraction(1, 5), "initial_faith": Fraction(1, 10), "vision_sharedness": Fraction(9, 10)}
    assert weakest(scores) == ("initial_faith", "initial_trust")  # lowest first; generative ones need no focus
    actions = dict(actions_for(("initial_faith", "legitimacy")))
    # act20 names initial faith (and legitimacy) itself; act29-31 are the faith actions of the
    # Table 10 row "Ensuring capacity for implementing the collaboration".
    assert list(actions)[:4] == ["act20", "act29", "act30", "act31"]
    assert actions["act20"] == ("initial_faith", "legitimacy") and actions["act13"] == ("legitimacy",)


# -- groups and anonymity -------------------------------------------------------------------


def people(count: int, **answers: object) -> list[dict[str, object]]:
    return [respondent(**answers) for _ in range(count)]


def test_leaders_and_workforce_are_compared_and_their_disagreement_comes_first():
    leaders = people(6, q01=1, q02=2, q27=5, q28=5)
    workforce = people(5, q01=2, q02=1, q27=1, q28=1)
    report = score_text(responses_csv(*leaders, *workforce))
    role = next(s for s in report.splits if s.id == "role")
    assert role.shown
    assert [(g.label, g.n) for g in role.groups] == [("Leader/key architect", 6), ("Workforce", 5)]
    first = report.disagreements[0]
    assert (first.split, first.mechanism, first.gap) == ("role", "vision_clarity", 1.0)
    assert (first.highest, first.lowest) == ("Leader/key architect", "Workforce")


def test_a_group_of_fewer_than_five_is_not_shown_and_a_split_that_would_reveal_it_is_withheld():
    north = people(6, q03="North")
    south = people(5, q03="south ") + people(1, q03="SOUTH")  # one organisation, however it is typed
    east = people(2, q03="East")
    report = score_text(responses_csv(*north, *south, *east))
    organisation = next(s for s in report.splits if s.id == "organisation")
    assert not organisation.shown and organisation.groups == ()
    assert organisation.withheld == ("East",)
    assert "2 respondent(s)" in organisation.note  # the overall minus North and South would be East's answers

    report = score_text(responses_csv(*north, *south, *east, *people(3)))  # three more did not say
    organisation = next(s for s in report.splits if s.id == "organisation")
    assert organisation.shown
    assert [(g.label, g.n) for g in organisation.groups] == [("North", 6), ("south", 6)]
    assert organisation.withheld == ("East",) and organisation.not_stated == 3


def test_a_group_score_that_fewer_than_five_answered_is_withheld_for_the_whole_split():
    leaders = people(6, q01=1)
    workforce = people(4, q01=2) + [respondent(q01=2, q27=None)]
    role = next(s for s in score_text(responses_csv(*leaders, *workforce)).splits if s.id == "role")
    assert role.shown
    assert all(g.scores["vision_clarity"] is None for g in role.groups)  # leaders' would reveal the four
    assert all(g.scores["initial_trust"] is not None for g in role.groups)


def test_a_split_needs_two_groups_of_five():
    report = score_text(responses_csv(*people(7, q02=1)))
    staff = next(s for s in report.splits if s.id == "staff")
    assert not staff.shown and "fewer than two groups" in staff.note


# -- malformed and incomplete responses -----------------------------------------------------


def test_a_row_with_an_invalid_code_is_left_out_and_reported_by_row_and_column():
    text = responses_csv(ANA, respondent(q09=7), BEN)
    report = score_text(text)
    assert report.respondents == 2 and report.excluded_rows == (3,)
    problem = next(p for p in report.problems if p.effect == "excluded")
    assert (problem.row, problem.column, problem.value) == (3, "q09", "7")
    assert "allowed 1 (Strongly disagree)" in problem.message


def test_a_row_with_too_few_cells_is_left_out():
    text = responses_csv(ANA) + "1,2,North\n"
    report = score_text(text)
    assert report.excluded_rows == (3,)
    assert "has 3 cells but the header has 30" in report.problems[0].message


def test_a_missing_column_is_reported_and_counts_as_unanswered():
    header = ",".join(q for q in question_ids() if q != "q30")
    row = ",".join(str(ANA[q]) if ANA.get(q) is not None else "" for q in question_ids() if q != "q30")
    report = score_text(f"{header}\n{row}\n")
    assert report.problems[0].row == 1 and report.problems[0].column == "q30"
    assert report.mechanism("vision_sharedness").n == 0 and report.mechanism("vision_sharedness").score is None
    assert "vision_sharedness" not in report.measured


def test_extra_columns_of_a_survey_tool_are_ignored_with_a_note():
    text = "timestamp," + responses_csv(ANA).replace("\n", "\n2021-09-13,", 1)
    report = score_text(text)
    assert report.respondents == 1
    assert any(p.column == "timestamp" and "ignored" in p.message for p in report.problems)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "the file is empty"),
        (b"\n\n", "the file is empty"),
        (b"%PDF-1.7\n\xff\xfe\x00binary", "not a UTF-8 text"),
        (b"collaboration:\n  name: Lakes\n", "not a survey response file"),
        ((b"q01;q02;q03\n1;2;North\n"), "not a survey response file"),
        (HEADER.encode() + b"\n", "no usable responses"),
        ((HEADER + ",q01\n").encode(), "column q01 appears more than once"),
    ],
)
def test_files_that_cannot_be_used_are_refused_with_the_reason(tmp_path, content, expected):
    path = tmp_path / "responses.csv"
    path.write_bytes(content)
    with pytest.raises(SurveyError) as raised:
        read_responses(path)
    assert expected in " ".join(raised.value.problems)


def test_the_template_guide_row_is_skipped():
    template = template_csv()
    assert template.splitlines()[0] == HEADER
    assert "Q9 [Initial trust] There is a history of competition" in template
    report = score_text(template + responses_csv(ANA).split("\n", 1)[1])
    assert report.respondents == 1 and report.problems == ()


def test_appending_keeps_what_was_there_and_refuses_a_file_it_cannot_extend(tmp_path):
    path = tmp_path / "responses.csv"
    path.write_bytes(responses_csv(ANA).replace("\n", "\r\n").encode())
    before = path.read_bytes()
    assert append_response(path, {"q01": 2, "q09": "Agree", "q03": "North"}) == 3
    after = path.read_bytes()
    assert after.startswith(before) and after.endswith(b"\r\n")
    assert read_responses(path).responses[1].answers["q09"] == 4

    other = tmp_path / "other.csv"
    other.write_text("q01,q02\n1,2\n")
    with pytest.raises(SurveyError, match="column q03 is missing"):
        append_response(other, {"q01": 1})
    with pytest.raises(SurveyError, match="q09"):
        append_response(path, {"q09": 9})
    assert other.read_text() == "q01,q02\n1,2\n" and path.read_bytes() == after

    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(SurveyError, match="not a UTF-8 text"):
        append_response(binary, {"q01": 1})
    assert binary.read_bytes() == b"\xff\xfe\x00"


def test_appending_to_a_spreadsheet_export_keeps_its_byte_order_mark(tmp_path):
    path = tmp_path / "responses.csv"
    path.write_bytes(b"\xef\xbb\xbf" + responses_csv(ANA).encode())
    append_response(path, {"q01": 2})
    assert path.read_bytes().startswith(b"\xef\xbb\xbf" + HEADER.encode())
    assert len(read_responses(path).responses) == 2


# -- the survey informs the advice ----------------------------------------------------------


def test_a_divided_vision_measured_by_the_survey_changes_the_advice():
    case = load_case(MENTAL_HEALTH_CASE)
    divided = people(6, q29=1, q30=2)
    measured = score_text(responses_csv(*divided)).measured
    assert measured["vision_sharedness"] == "low"
    without, with_survey = advise(case), advise(case, measured=measured)
    assert without.mechanisms["vision_sharedness"].level == "medium"
    assert with_survey.mechanisms["vision_sharedness"].level == "low"
    assert "mech.vision_sharedness.survey_low" in with_survey.mechanisms["vision_sharedness"].because
    assert any(f.rule == "mech.vision_sharedness.survey_low" for f in with_survey.trace)
    assert "unclear_vision" in {r.id for r in with_survey.risks} - {r.id for r in without.risks}


def test_the_pilot_example_shows_low_faith_a_competitive_history_and_a_shared_vision():
    report = score_responses(EXAMPLE_RESPONSES)
    assert report.respondents == 21
    assert report.mechanism("initial_faith").maturity == "pathological"  # time and resource capacity
    q09 = next(i for i in report.mechanism("initial_trust").items if i.id == "q09")
    assert q09.score < 0.3  # a history of competition
    assert report.mechanism("vision_sharedness").maturity == "generative"
    assert report.weakest[0] == "initial_faith"


# -- the commands ---------------------------------------------------------------------------


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_template_then_take_then_score(runner, tmp_path):
    path = tmp_path / "responses.csv"
    result = runner.invoke(cli, ["survey", "template", "-o", str(path)])
    assert result.exit_code == 0 and path.read_text().startswith(HEADER + "\n")

    answers = ["1", "3", "Lakes", "4", "9", "4", ""] + ["1"] * 24  # Q5: 9 is refused, then 4; Q6 skipped
    result = runner.invoke(cli, ["survey", "take", "--append", str(path)], input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "'9' is not an answer to Q5" in result.output
    assert "added the response as row 3" in result.output
    response = read_responses(path).responses[0]
    assert (response.answers["q03"], response.answers["q05"], response.answers["q06"]) == ("Lakes", 4, None)
    assert response.answers["q07"] == response.answers["q30"] == 1

    result = runner.invoke(cli, ["survey", "score", str(path)])
    assert result.exit_code == 0
    assert "Initial trust" in result.output and "no answer to q06" in result.output


def test_take_without_a_file_prints_the_response(runner):
    result = runner.invoke(cli, ["survey", "take"], input="\n" * 30)
    assert result.exit_code == 0
    assert HEADER in result.output and "Answered 0 of 30" in result.output


def test_score_in_every_format(runner, tmp_path):
    text = runner.invoke(cli, ["survey", "score", str(EXAMPLE_RESPONSES)]).output
    assert "Initial faith" in text and "pathological" in text and "[########" in text
    assert "not shown separately (fewer than 5): Harbourside Care" in text
    assert text.index("Where groups disagree most") < text.index("Groups\n")

    first = runner.invoke(cli, ["survey", "score", str(EXAMPLE_RESPONSES), "--format", "json"]).stdout
    again = runner.invoke(cli, ["survey", "score", str(EXAMPLE_RESPONSES), "--format", "json"]).stdout
    assert first == again and json.loads(first)["measured"]["initial_faith"] == "low"

    markdown = runner.invoke(cli, ["survey", "score", str(EXAMPLE_RESPONSES), "--format", "md"]).output
    assert "## Maturity matrix (Table 11)" in markdown and "| Trust |" in markdown

    html = tmp_path / "survey.html"
    result = runner.invoke(cli, ["survey", "score", str(EXAMPLE_RESPONSES), "--format", "html", "-o", str(html)])
    assert result.exit_code == 0
    page = html.read_text()
    assert "<svg" in page and "Harbourside" in page and "<script" not in page

    pdf = tmp_path / "survey.pdf"
    result = runner.invoke(cli, ["survey", "score", str(EXAMPLE_RESPONSES), "--format", "pdf", "-o", str(pdf)])
    assert result.exit_code == 0 and pdf.read_bytes().startswith(b"%PDF")


def test_what_respondents_typed_is_escaped_in_html():
    evil = people(5, q03="<b>Evil & Co</b>")
    page = render_survey(score_text(responses_csv(*evil, *people(5, q03="Good"), respondent(q09="<script>"))), "html")
    assert "<b>Evil" not in page and "&lt;b&gt;Evil &amp; Co" in page
    assert "<script" not in page and "&lt;script&gt;" in page


def test_score_reports_bad_rows_on_standard_error_and_refuses_unusable_files(runner, tmp_path):
    path = tmp_path / "responses.csv"
    path.write_text(responses_csv(ANA, respondent(q11="maybe")))
    result = runner.invoke(cli, ["survey", "score", str(path)])
    assert result.exit_code == 0
    assert "1 row(s) left out as malformed" in result.stderr
    assert "q11" in result.output and "'maybe' is not an answer to Q11" in result.output

    path.write_text("")
    result = runner.invoke(cli, ["survey", "score", str(path)])
    assert_clean_exit(result, 2)
    assert "the file is empty" in result.output


def test_advise_with_a_survey_names_the_survey_rules_in_the_trace(runner, tmp_path):
    path = tmp_path / "responses.csv"
    path.write_text(responses_csv(*people(5, q29=1, q30=1)))
    result = runner.invoke(cli, ["advise", str(MENTAL_HEALTH_CASE), "--survey", str(path), "--format", "json"])
    assert result.exit_code == 0
    advice = json.loads(result.stdout)
    assert advice["mechanisms"]["vision_sharedness"]["level"] == "low"
    assert any(step["rule"] == "mech.vision_sharedness.survey_low" for step in advice["trace"])

    path.write_text("not,a,survey\n")
    result = runner.invoke(cli, ["advise", str(MENTAL_HEALTH_CASE), "--survey", str(path)])
    assert result.exit_code == 2 and "not a survey response file" in result.output


def test_an_answer_a_spreadsheet_would_run_is_stored_as_text(runner, tmp_path):
    path = tmp_path / "responses.csv"
    answers = ["1", "2", '=HYPERLINK("http://x")'] + [""] * 27
    result = runner.invoke(cli, ["survey", "take", "--append", str(path)], input="\n".join(answers) + "\n")
    assert_clean_exit(result, 0)
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[2][2] == '\'=HYPERLINK("http://x")' and len(rows) == 3
