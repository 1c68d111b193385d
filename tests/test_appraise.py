"""Option appraisal (`advisor appraise`): short list, critical success factors, weights, switching
values, fact sensitivity, batches and output formats, stated as a consultant would meet them."""

import csv
import io
import json
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner

from advisor import advise, load_case
from advisor.advice.build import conclusions
from advisor.advice.sensitivity import ACTIONABLE
from advisor.appraisal.appraise import appraise, appraise_many
from advisor.appraisal.document import number, signed
from advisor.appraisal.models import BUSINESS_AS_USUAL, JSON_KEYS
from advisor.appraisal.ranking import leaders, weighted_total
from advisor.appraisal.scoring import exact_score
from advisor.appraisal.sensitivity import option_name, single_changes, weight_switches
from advisor.appraisal.weights import WeightsError, check_weights, default_weights
from advisor.case.edit import apply_edits
from advisor.case.model import FORM_IDS
from advisor.cli.main import cli
from advisor.kb.load import load_knowledge

from conftest import ROOT, assert_clean_exit, build_case

EXAMPLES = ROOT / "examples"
MERGER = str(EXAMPLES / "proposed_merger.yaml")
PATHOLOGY = str(EXAMPLES / "shared_pathology_service.yaml")
LEARNING = str(EXAMPLES / "learning_network.yaml")


@pytest.fixture(scope="module")
def merger():
    """Two neighbouring trusts that trust each other and want to consolidate (no fact search)."""
    return appraise(load_case(MERGER), facts=False)


@pytest.fixture(scope="module")
def merger_with_facts():
    """The same appraisal through the command line, with the fact search it runs for one case."""
    result = CliRunner().invoke(cli, ["appraise", MERGER, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# -- the short list ------------------------------------------------------------------------------


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_business_as_usual_and_a_do_minimum_are_always_on_the_short_list(example):
    appraisal = appraise(load_case(example), facts=False)
    assert appraisal.option(BUSINESS_AS_USUAL).roles == ("business_as_usual",)
    minimum = appraisal.with_role("do_minimum")
    assert minimum is not None and minimum.form in FORM_IDS
    listed = {o.form for o in appraisal.short_list} - {BUSINESS_AS_USUAL}
    assert listed | set(appraisal.excluded) == set(FORM_IDS) and not listed & set(appraisal.excluded)


def test_when_nothing_is_known_no_form_is_preferred_but_the_short_list_still_has_both():
    # Two partners with names only: no form is recommended or conditional, so there is no
    # preferred way forward; the least integrative form still stands as the do-minimum, and
    # an undecided form stands in for the missing viable alternative.
    appraisal = appraise(build_case(2), facts=False)
    assert appraisal.with_role("preferred") is None
    assert appraisal.with_role("do_minimum").form == "informal_partnering"
    assert appraisal.option(BUSINESS_AS_USUAL)
    assert any("no preferred way forward" in note for note in appraisal.notes)
    assert appraisal.with_role("alternative").verdict == "undecided"
    # No form is discounted for lack of information alone: every form left off waits on facts.
    assert all(why.startswith("undecided") for why in appraisal.excluded.values())
    assert not appraisal.agreement.agrees and "no preferred way forward" in appraisal.agreement.sentence


def test_merger_short_list_holds_the_advices_top_the_forms_asked_about_and_the_group_as_do_minimum(merger):
    # Whole-organisation scope and drivers consolidation and sustenance: of the forms Table 2
    # admits for that scope the group is the least integrative that serves the drivers.
    parts = conclusions(load_case(MERGER))
    top = next(o.form for o in parts.options if o.verdict in ("recommended", "conditional"))
    viable = {o.form for o in parts.options if o.verdict in ("recommended", "conditional")}
    assert merger.with_role("preferred").form == top
    assert merger.with_role("do_minimum").form == "group"
    assert merger.option("group").roles == ("do_minimum", "considered")
    assert "considered" in merger.option("merger").roles
    assert {o.form for o in merger.short_list} == {BUSINESS_AS_USUAL, "merger", "group", *viable}
    assert merger.excluded["primary_care_network"].startswith("ruled out:")


def test_a_form_that_is_both_least_integrative_and_preferred_holds_both_roles():
    appraisal = appraise(load_case(LEARNING), facts=False)
    assert appraisal.option("informal_partnering").roles == ("do_minimum", "preferred")


def test_named_options_replace_the_other_viable_forms(merger):
    appraisal = appraise(load_case(MERGER), options=["joint_venture"], facts=False)
    preferred = merger.with_role("preferred").form
    assert {o.form for o in appraisal.short_list} == {BUSINESS_AS_USUAL, "group", "merger", preferred, "joint_venture"}
    assert appraisal.option("joint_venture").roles == ("requested",)
    federation = merger.option("federation")
    assert appraisal.excluded["federation"] == (
        f"viable ({federation.verdict}, score {federation.advisor_score}) but not among the options named"
    )


# -- criteria, reasons, risks and formalisation --------------------------------------------------


def test_every_score_is_0_to_5_the_mean_of_components_with_reasons_citing_the_evidence(merger):
    for option in merger.short_list:
        assert list(option.scores) == list(default_weights())
        for score in option.scores.values():
            parts = score.components.values()
            assert 0 <= score.score <= 5
            assert score.score == round(sum(p.weight * p.score for p in parts) / sum(p.weight for p in parts), 2)
            for part in parts:
                assert 0 <= part.score <= 5 and part.reasons
                assert all(reason.sources for reason in part.reasons)
    # The merger serves both drivers (consolidation, sustenance) and is built for the whole organisation.
    fit = merger.option("merger").scores["strategic_fit"].components["fit"]
    assert fit.score == 5 and {r for reason in fit.reasons for r in reason.rules} == {
        "form.serves_drivers",
        "form.scope_match",
    }


def test_consolidation_costs_patient_access_but_less_between_neighbours(merger):
    access = merger.option("merger").scores["value_for_money"].components["patient_access"]
    rules = [r for reason in access.reasons for r in reason.rules]
    assert "perf.loss_of_proximity" in rules and "ctx.proximate" in rules
    federation = merger.option("federation").scores["value_for_money"].components["patient_access"]
    assert access.score < federation.score


def test_each_option_carries_the_risks_and_formalisation_it_would_need_if_chosen(merger):
    assert merger.option("merger").formalisation.instrument == "statutory"
    assert "implementation_dip" in {r.id for r in merger.option("merger").risks}  # P1: the early dip (2084)
    assert merger.option("federation").formalisation.instrument == "mou"
    joint = appraise(load_case(MERGER), options=["joint_venture"], facts=False).option("joint_venture")
    assert joint.formalisation.instrument == "new_entity"  # a form not advised still gets its own
    assert merger.option(BUSINESS_AS_USUAL).formalisation.instrument == "none"
    assert [r.id for r in merger.option(BUSINESS_AS_USUAL).risks] == ["drivers_unmet"]


def test_staying_independent_under_a_mandate_is_a_high_risk():
    appraisal = appraise(load_case(EXAMPLES / "special_measures_turnaround.yaml"), facts=False)
    assert appraisal.option(BUSINESS_AS_USUAL).risks[0].id == "mandate_unmet"
    assert appraisal.option(BUSINESS_AS_USUAL).risks[0].severity == "high"


# -- weights ---------------------------------------------------------------------------------------


def test_the_criteria_are_the_green_books_five_with_documented_weights_summing_to_100(merger):
    green_book = [c["id"] for c in load_knowledge()["gb_csfs"].csfs]
    assert [c.green_book for c in merger.criteria.values()] == green_book
    assert sum(default_weights().values()) == 100
    for criterion in merger.criteria.values():
        assert criterion.weight == criterion.default_weight > 0
        assert criterion.meaning and criterion.justification and criterion.source and criterion.components


def test_more_weight_on_strategic_fit_moves_the_merger_up_and_on_achievability_moves_it_down(merger):
    # The merger serves both drivers and is built for the whole organisation (fit 5, the most)
    # but is the hardest to make work; the group trails by nothing on fit and leads on the rest.
    assert merger.option("merger").scores["strategic_fit"].score == 5
    assert merger.option("group").total > merger.option("merger").total
    fit_first = appraise(load_case(MERGER), weights={"strategic_fit": 60}, facts=False)
    assert {o.form for o in fit_first.short_list[:2]} >= {"merger"}  # the whole-organisation forms lead
    assert fit_first.short_list[0].form in ("group", "merger")
    ease_first = appraise(load_case(MERGER), weights={"achievability": 80}, facts=False)
    assert load_knowledge()[ease_first.short_list[0].form].integration <= 2  # a light form
    assert ease_first.option("merger").rank > merger.option("merger").rank


def test_weights_are_checked_and_every_problem_named():
    with pytest.raises(WeightsError) as caught:
        check_weights({"speed": 1, "strategic_fit": -2, "affordability": "high", "achievability": True})
    problems = " ".join(caught.value.problems)
    assert "'speed' is not a critical success factor; allowed: strategic_fit, value_for_money" in problems
    assert "strategic_fit: -2 is not allowed" in problems
    assert "affordability: 'high' is not a number" in problems
    assert "achievability: True is not a number" in problems
    with pytest.raises(WeightsError, match="every weight is 0"):
        check_weights(dict.fromkeys(default_weights(), 0))


def test_a_former_criterion_is_named_as_part_of_its_green_book_factor():
    with pytest.raises(WeightsError) as caught:
        check_weights({"relationship_readiness": 20})
    assert "it is now a part of achievability" in caught.value.problems[0]


# -- sensitivity -------------------------------------------------------------------------------------


def test_switching_values_on_a_hand_worked_case():
    # Business as usual, a federation and a merger on two criteria, each weighted 10:
    #   business as usual  fit 0  ease 5  -> total 0*10 + 5*10 = 50
    #   federation         fit 4  ease 2  -> total 40 + 20     = 60  (first)
    #   merger             fit 5  ease 0  -> total 50 + 0      = 50
    table = [
        ("business_as_usual", {"fit": 0, "ease": 5}),
        ("federation", {"fit": 4, "ease": 2}),
        ("merger", {"fit": 5, "ease": 0}),
    ]
    switches = weight_switches(table, {"fit": 10, "ease": 10})
    # fit down: federation - business as usual = 10 + (4 - 0)(w - 10) = 0 at w = 10 - 10/4 = 7.5;
    # business as usual comes first on the short list, so it already ranks first at 7.5.
    fit = switches["fit"]
    assert (fit.down.value, fit.down.change, fit.down.new_top, fit.down.inclusive) == (
        7.5,
        -2.5,
        "business_as_usual",
        True,
    )
    # fit up: federation - merger = 10 + (4 - 5)(w - 10) = 0 at w = 20; merger ranks first above it.
    assert (fit.up.value, fit.up.change, fit.up.new_top, fit.up.inclusive) == (20, 10, "merger", False)
    # ease down: federation - merger = 10 + (2 - 0)(w - 10) = 0 at w = 5.
    ease = switches["ease"]
    assert (ease.down.value, ease.down.change, ease.down.new_top) == (5, -5, "merger")
    # ease up: federation - business as usual = 10 + (2 - 5)(w - 10) = 0 at w = 10 + 10/3.
    assert (ease.up.value, ease.up.change, ease.up.new_top) == (13.333333, 3.333333, "business_as_usual")


def test_switching_values_of_the_merger_appraisal_do_change_the_top_and_nothing_nearer_does(merger):
    # Ties go to the earlier option on the short list: business as usual, the do-minimum, the
    # preferred way forward, then the other forms in the advisor's order.
    advisor_order = [o.form for o in advise(load_case(MERGER)).options]
    short_list = sorted(
        merger.short_list,
        key=lambda o: (
            (o.form != BUSINESS_AS_USUAL, "do_minimum" not in o.roles, "preferred" not in o.roles)
            + ((advisor_order.index(o.form) if o.form in advisor_order else -1),)
        ),
    )
    weights = {c: Fraction(criterion.weight) for c, criterion in merger.criteria.items()}
    scores = {o.form: {c: exact_score(s) for c, s in o.scores.items()} for o in short_list}

    def first(changed):
        return min(short_list, key=lambda o: -weighted_total(scores[o.form], changed)).form

    top = merger.sensitivity.top
    assert first(weights) == top == merger.short_list[0].form
    checked = 0
    for criterion, sensitivity in merger.sensitivity.weights.items():
        for switch, step in ((sensitivity.down, Fraction(-1, 100)), (sensitivity.up, Fraction(1, 100))):
            if switch is None:
                continue
            at = Fraction(switch.value)
            beyond = at if switch.inclusive else at + step
            assert first({**weights, criterion: beyond}) == switch.new_top
            assert first({**weights, criterion: at - step}) == top
            checked += 1
    assert checked >= 5


def test_switching_values_are_printed_as_how_far_a_weight_must_move(merger):
    result = CliRunner().invoke(cli, ["appraise", MERGER, "--no-sensitivity"])
    assert result.exit_code == 0
    moving = [(c, s.up) for c, s in merger.sensitivity.weights.items() if s.up is not None]
    assert moving, "some weight, raised far enough, puts another option first"
    criterion, up = moving[0]
    where = f"at {number(up.value)} or above" if up.inclusive else f"above {number(up.value)}"
    expected = f"{option_name(up.new_top)} ranks first {where} ({signed(up.change)})"
    assert f"{merger.criteria[criterion].name} ({number(merger.criteria[criterion].weight)}): " in result.stdout
    assert expected in result.stdout


def test_only_changes_a_board_could_make_are_tried_each_at_every_other_value():
    case = build_case(2, collaboration={"mandation": "voluntary", "funding": "limited"})
    tried: dict[str, list[str]] = {}
    for change in single_changes(case):
        tried.setdefault(change.fact, []).append(change.value)
    assert set(tried) <= set(ACTIONABLE)
    assert tried["collaboration.funding"] == ["adequate", "none"]
    assert tried["partners.improvement_capacity"] == ["low", "medium", "high"]
    for history in ("relationship.history_of_competition", "relationship.travel_time", "partners.size"):
        assert history not in tried  # history, geography and who the partners are cannot be changed
    assert "collaboration.mandation" not in tried and not any("[" in fact for fact in tried)


def test_fact_changes_that_change_the_preferred_or_the_first_are_real_and_read_as_sentences(merger_with_facts):
    sensitivity = merger_with_facts["sensitivity"]
    case = load_case(MERGER)
    assert sensitivity["facts_tried"] == len(single_changes(case))
    facts = sensitivity["facts"]
    assert facts, "some single change should change the preferred way forward or the first of the ranking"
    assert {f["fact"] for f in facts} <= set(ACTIONABLE)
    # A single service instead of the whole organisation takes the merger off the table.
    scope = next(f for f in facts if f["fact"] == "collaboration.scope" and f["value"] == "single_service")
    assert scope["text"].startswith("if the collaboration's scope were single service (now whole organisation), ")
    preferred = next(o["form"] for o in merger_with_facts["short_list"] if "preferred" in o["roles"])
    for switch in facts:
        edited = apply_edits(case, {switch["fact"]: switch["value"]})
        now = leaders(edited, default_weights())
        assert now == (switch["new_preferred"], switch["new_top"]) != (preferred, sensitivity["top"])


# -- the command line ---------------------------------------------------------------------------------


def test_json_has_exactly_the_documented_keys(merger_with_facts):
    data = merger_with_facts
    assert tuple(sorted(data)) == tuple(sorted(JSON_KEYS))
    first = data["short_list"][0]
    assert {"form", "scores", "total", "rank", "risks", "formalisation", "roles"} <= set(first)
    weights = {c: criterion["weight"] for c, criterion in data["criteria"].items()}
    assert first["rank"] == 1
    assert first["total"] == pytest.approx(sum(w * first["scores"][c]["score"] for c, w in weights.items()))
    assert set(first["scores"]["strategic_fit"]) == {"score", "components"}
    fit = first["scores"]["strategic_fit"]["components"]["fit"]
    assert {"rules", "sources", "text"} == set(fit["reasons"][0])
    assert any(o["form"] == "business_as_usual" for o in data["short_list"])
    assert data["criteria"]["strategic_fit"]["weight"] == 30
    assert {"weights", "facts"} <= set(data["sensitivity"])
    preferred = next(o["form"] for o in data["short_list"] if "preferred" in o["roles"])
    assert data["agreement"]["preferred"] == preferred and data["economic_case"]["given"]


def test_weights_file_overrides_defaults_and_the_weights_used_are_printed(tmp_path):
    weights = write(tmp_path, "weights.yaml", "strategic_fit: 60\n")
    result = CliRunner().invoke(cli, ["appraise", MERGER, "--weights", weights, "--no-sensitivity"])
    assert result.exit_code == 0, result.output
    first = appraise(load_case(MERGER), weights={"strategic_fit": 60}, facts=False).short_list[0]
    assert f"Ranked first by weighted total: {option_name(first.form)}" in result.stdout
    row = next(line for line in result.stdout.splitlines() if line.startswith("  SF  Strategic fit"))
    assert row.split()[6] == "60"  # key, five words of the name, then the weight used
    args = ["appraise", MERGER, "--weights", weights, "--no-sensitivity", "--format", "json"]
    data = json.loads(CliRunner().invoke(cli, args).stdout)
    assert data["criteria"]["strategic_fit"]["weight"] == 60 and data["criteria"]["achievability"]["weight"] == 25


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "the file is empty"),
        ("speed: 10\n", "'speed' is not a critical success factor; allowed: strategic_fit, value_for_money"),
        ("strategic_fit: -5\n", "strategic_fit: -5 is not allowed; a weight is a number from 0 to 1000"),
        ("strategic_fit: lots\n", "strategic_fit: 'lots' is not a number"),
        ("- 1\n- 2\n", "expected a mapping of criterion to weight"),
        ("strategic_fit: [\n", "not valid YAML"),
    ],
    ids=["empty", "unknown", "negative", "not-a-number", "list", "bad-yaml"],
)
def test_an_invalid_weights_file_gets_a_clear_error(tmp_path, content, message):
    weights = write(tmp_path, "weights.yaml", content)
    out = tmp_path / "out.txt"
    result = CliRunner().invoke(cli, ["appraise", MERGER, "--weights", weights, "-o", str(out)])
    assert_clean_exit(result, 2)
    assert f"cannot use weights file {weights}" in result.output and message in result.output
    assert not out.exists()


def test_unknown_option_names_are_refused_with_the_allowed_forms():
    result = CliRunner().invoke(cli, ["appraise", MERGER, "--options", "merger,hospital_chain"])
    assert result.exit_code == 2
    assert "'hospital_chain' is not a form; allowed: business_as_usual, informal_partnering" in result.output


def test_a_batch_gives_one_row_per_case_and_option_matching_the_single_appraisals(tmp_path):
    paths = [MERGER, PATHOLOGY, LEARNING]
    result = CliRunner().invoke(cli, ["appraise", *paths, "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "Appraising" not in result.output  # no progress bar when standard error is not a terminal
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    singles = [appraise(load_case(p), facts=False) for p in paths]
    assert len(rows) == sum(len(a.short_list) for a in singles)
    expected = [(p, o.rank, o.form, o.total) for p, a in zip(paths, singles, strict=True) for o in a.short_list]
    assert [(r["case"], int(r["rank"]), r["form"], float(r["total"])) for r in rows] == expected
    group = next(r for r in rows if r["case"] == MERGER and r["form"] == "group")
    assert group["strategic_fit"] == "5" and group["formalisation"] == "joint_committee"  # both drivers served
    merger_row = next(r for r in rows if r["case"] == MERGER and r["form"] == "merger")
    assert float(merger_row["npsv"]) > 0  # the case gives the merger's money
    again = CliRunner().invoke(cli, ["appraise", *paths, "--format", "csv"])
    assert again.stdout == result.stdout


def test_appraising_many_cases_over_two_workers_keeps_input_order():
    cases = [load_case(p) for p in (LEARNING, MERGER, PATHOLOGY, LEARNING)]
    seen = []
    results = appraise_many(cases, workers=2, progress=seen.append)
    assert [a.case_name for a in results] == [c.collaboration.name for c in cases]
    assert results[1] == appraise(cases[1], facts=False)
    assert sum(seen) == len(cases)


def test_a_bad_case_file_in_a_batch_is_named_and_nothing_is_written(tmp_path):
    bad = write(tmp_path, "bad.yaml", "partners: []\n")
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(cli, ["appraise", MERGER, bad, "--format", "csv", "-o", str(out)])
    assert_clean_exit(result, 2)
    assert "bad.yaml" in result.output and not out.exists()


def test_html_escapes_what_the_user_typed(tmp_path):
    case = write(
        tmp_path,
        "case.yaml",
        "collaboration: {name: '<script>alert(1)</script>', drivers: [learning], scope: learning}\n"
        "partners: [{name: A & B}, {name: C}]\n",
    )
    result = CliRunner().invoke(cli, ["appraise", case, "--format", "html", "--no-sensitivity"])
    assert result.exit_code == 0, result.output
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in result.stdout and "<script>" not in result.stdout
    assert "A &amp; B" in result.stdout and "<h3>Ranked short list</h3>" in result.stdout


def test_markdown_has_the_ranked_table_with_one_column_per_green_book_factor(merger):
    result = CliRunner().invoke(cli, ["appraise", MERGER, "--format", "md", "--no-sensitivity"])
    assert result.exit_code == 0
    assert "| # | Option | Role | SF | VM | SC | AF | AC | Total |" in result.stdout
    assert f"| 1 | {merger.short_list[0].name} | " in result.stdout


def test_pdf_is_the_brief_with_the_appraisal_section(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    out = tmp_path / "appraisal.pdf"
    args = ["appraise", MERGER, "--format", "pdf", "--no-sensitivity", "--date", "2024-05-01", "-o", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    text = "".join(page.extract_text() for page in pypdf.PdfReader(out).pages)
    assert "Executive summary" in text or "Options considered" in text
    assert "Option appraisal" in text and "Ranked short list" in text


def test_html_and_pdf_take_one_case():
    result = CliRunner().invoke(cli, ["appraise", MERGER, PATHOLOGY, "--format", "html"])
    assert result.exit_code == 2 and "--format html takes one case" in result.output


def test_the_csv_is_safe_to_open_in_a_spreadsheet(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    name = '=HYPERLINK("http://x")\r@SUM(1)'
    Path("=1+1.yaml").write_text(f"collaboration:\n  name: {json.dumps(name)}\npartners:\n  - name: A\n")
    result = CliRunner().invoke(cli, ["appraise", "=1+1.yaml", "--no-sensitivity", "--format", "csv", "-o", "a.csv"])
    assert_clean_exit(result, 0)
    with open("a.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["case"] for row in rows} == {"'=1+1.yaml"}
    assert {row["case_name"] for row in rows} == {"'" + name}  # one cell: the carriage return did not split the row
    assert all(row["rank"].isdigit() for row in rows)
