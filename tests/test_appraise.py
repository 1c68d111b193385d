"""Option appraisal (`advisor appraise`): short list, criteria, weights, switching values, fact
sensitivity, batches and output formats, stated as a consultant would meet them."""

import csv
import io
import json
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner

from advisor import advise, load_case
from advisor.appraisal.appraise import appraise, appraise_many
from advisor.appraisal.models import BUSINESS_AS_USUAL, JSON_KEYS
from advisor.appraisal.ranking import top_form, weighted_total
from advisor.appraisal.sensitivity import single_changes, weight_switches
from advisor.appraisal.weights import WeightsError, check_weights, default_weights
from advisor.case.edit import apply_edits
from advisor.case.model import FORM_IDS
from advisor.cli.main import cli

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


def test_when_nothing_is_known_and_no_form_is_advised_the_short_list_still_has_both():
    appraisal = appraise(build_case(2), facts=False)
    assert appraisal.with_role("preferred") is None
    assert appraisal.with_role("do_minimum").form == "informal_partnering"
    assert appraisal.option(BUSINESS_AS_USUAL)
    assert any("no preferred way forward" in note for note in appraisal.notes)
    assert appraisal.excluded["integrated_care_system"].startswith("ruled out: needs at least 5 organisations")


def test_merger_short_list_holds_the_preferred_merger_and_federation_as_do_minimum(merger):
    assert merger.with_role("preferred").form == "merger"
    assert merger.with_role("do_minimum").form == "federation"
    assert {o.form for o in merger.short_list} == {
        "business_as_usual",
        "federation",
        "merger",
        "group",
        "acquisition",
        "joint_venture",
        "service_level_chain",
    }
    assert "needs general practices" in merger.excluded["primary_care_network"]


def test_a_form_that_is_both_least_integrative_and_preferred_holds_both_roles():
    appraisal = appraise(load_case(LEARNING), facts=False)
    assert appraisal.option("informal_partnering").roles == ("do_minimum", "preferred")


def test_named_options_replace_the_other_viable_forms():
    appraisal = appraise(load_case(MERGER), options=["joint_venture"], facts=False)
    assert {o.form for o in appraisal.short_list} == {"business_as_usual", "federation", "merger", "joint_venture"}
    assert appraisal.option("joint_venture").roles == ("requested",)
    assert appraisal.excluded["group"].startswith("viable (recommended, score 6) but not among the options named")


# -- criteria, reasons, risks and formalisation --------------------------------------------------


def test_every_score_is_0_to_5_with_reasons_citing_the_evidence(merger):
    for option in merger.short_list:
        assert list(option.scores) == list(default_weights())
        for score in option.scores.values():
            assert 0 <= score.score <= 5 and score.reasons
            assert all(reason.sources for reason in score.reasons)
    fit = merger.option("merger").scores["strategic_fit"]
    assert fit.score == 5 and {r for reason in fit.reasons for r in reason.rules} == {
        "form.serves_drivers",
        "form.scope_match",
    }


def test_consolidation_costs_patient_access_but_less_between_neighbours(merger):
    access = merger.option("merger").scores["patient_access"]
    rules = [r for reason in access.reasons for r in reason.rules]
    assert "perf.loss_of_proximity" in rules and "ctx.proximate" in rules
    assert access.score < merger.option("federation").scores["patient_access"].score


def test_each_option_carries_the_risks_and_formalisation_it_would_need_if_chosen(merger):
    assert merger.option("merger").formalisation.instrument == "statutory"
    assert merger.option("joint_venture").formalisation.instrument == "new_entity"
    assert merger.option("federation").formalisation.instrument == "mou"
    assert merger.option(BUSINESS_AS_USUAL).formalisation.instrument == "none"
    assert [r.id for r in merger.option(BUSINESS_AS_USUAL).risks] == ["drivers_unmet"]


def test_staying_independent_under_a_mandate_is_a_high_risk():
    appraisal = appraise(load_case(EXAMPLES / "special_measures_turnaround.yaml"), facts=False)
    assert appraisal.option(BUSINESS_AS_USUAL).risks[0].id == "mandate_unmet"
    assert appraisal.option(BUSINESS_AS_USUAL).risks[0].severity == "high"


# -- weights ---------------------------------------------------------------------------------------


def test_default_weights_are_documented_and_sum_to_100(merger):
    assert sum(default_weights().values()) == 100
    for criterion in merger.criteria.values():
        assert criterion.weight == criterion.default_weight > 0
        assert criterion.meaning and criterion.justification and criterion.source


def test_more_weight_on_strategic_fit_moves_the_merger_up_and_on_achievability_moves_it_down(merger):
    assert merger.short_list[0].form == "group"
    assert merger.option("merger").rank == 2
    fit_first = appraise(load_case(MERGER), weights={"strategic_fit": 60}, facts=False)
    assert fit_first.short_list[0].form == "merger"
    ease_first = appraise(load_case(MERGER), weights={"achievability": 80}, facts=False)
    assert ease_first.short_list[0].form == "federation"
    assert ease_first.option("merger").rank > merger.option("merger").rank


def test_weights_are_checked_and_every_problem_named():
    with pytest.raises(WeightsError) as caught:
        check_weights({"speed": 1, "strategic_fit": -2, "reversibility": "high", "complexity": True})
    problems = " ".join(caught.value.problems)
    assert "'speed' is not a criterion; allowed: strategic_fit" in problems
    assert "strategic_fit: -2 is not allowed" in problems
    assert "reversibility: 'high' is not a number" in problems
    assert "complexity: True is not a number" in problems
    with pytest.raises(WeightsError, match="every weight is 0"):
        check_weights(dict.fromkeys(default_weights(), 0))


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
    scores = {o.form: {c: s.score for c, s in o.scores.items()} for o in short_list}

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


def test_switching_values_are_printed_as_how_far_a_weight_must_move(tmp_path):
    result = CliRunner().invoke(cli, ["appraise", MERGER, "--no-sensitivity"])
    assert result.exit_code == 0
    assert (
        "Strategic fit (35): Federation ranks first at 20 or below (-15); Merger ranks first at 50 or above (+15)"
        in (result.stdout)
    )


def test_unknown_facts_are_tried_at_each_of_their_values_and_known_ones_at_the_others():
    case = build_case(2, collaboration={"mandation": "voluntary", "drivers": ["learning"]})
    tried: dict[str, list[str]] = {}
    for change in single_changes(case):
        tried.setdefault(change.fact, []).append(change.value)
    assert tried["collaboration.mandation"] == ["mandated"]
    assert tried["collaboration.mandated_by"] == ["regulator", "national_policy", "commissioner"]
    assert tried["partners.size"] == ["small", "medium", "large", "very_large"]
    assert tried["relationship.travel_time"] == ["under_30_min", "30_to_60_min", "over_60_min"]
    assert "" in tried["collaboration.drivers"] and "learning,expansion" in tried["collaboration.drivers"]
    assert "collaboration.forms_considered" not in tried  # no rule reads it, so it cannot change the advice
    assert not any("[" in fact for fact in tried)


def test_fact_changes_that_change_the_top_option_are_real_and_read_as_sentences(merger_with_facts):
    sensitivity = merger_with_facts["sensitivity"]
    case = load_case(MERGER)
    assert sensitivity["facts_tried"] == len(single_changes(case))
    facts = sensitivity["facts"]
    assert facts, "some single change should put another option first"
    scope = next(f for f in facts if f["fact"] == "collaboration.scope" and f["value"] == "single_service")
    assert scope["text"] == (
        "if the collaboration's scope were single service (now whole organisation), "
        "Federation would rank first instead of Multiservice chain, group or alliance"
    )
    for switch in facts[:3]:
        edited = apply_edits(case, {switch["fact"]: switch["value"]})
        assert top_form(edited, default_weights()) == switch["new_top"] != sensitivity["top"]


# -- the command line ---------------------------------------------------------------------------------


def test_json_has_exactly_the_documented_keys(merger_with_facts):
    data = merger_with_facts
    assert tuple(sorted(data)) == tuple(sorted(JSON_KEYS))
    first = data["short_list"][0]
    assert {"form", "scores", "total", "rank", "risks", "formalisation", "roles"} <= set(first)
    assert first["rank"] == 1 and first["total"] == 390
    assert set(first["scores"]["strategic_fit"]) == {"score", "reasons"}
    assert {"rules", "sources", "text"} == set(first["scores"]["strategic_fit"]["reasons"][0])
    assert any(o["form"] == "business_as_usual" for o in data["short_list"])
    assert data["criteria"]["strategic_fit"]["weight"] == 35
    assert {"weights", "facts"} <= set(data["sensitivity"])


def test_weights_file_overrides_defaults_and_the_weights_used_are_printed(tmp_path):
    weights = write(tmp_path, "weights.yaml", "strategic_fit: 60\n")
    result = CliRunner().invoke(cli, ["appraise", MERGER, "--weights", weights, "--no-sensitivity"])
    assert result.exit_code == 0, result.output
    assert "Ranked first by weighted total: Merger" in result.stdout
    assert "SF  Strategic fit               60" in result.stdout
    assert "AC  Achievability               15" in result.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "the file is empty"),
        ("speed: 10\n", "'speed' is not a criterion; allowed: strategic_fit, achievability"),
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
    assert rows[0]["strategic_fit"] == "4" and rows[0]["formalisation"] == "joint_committee"
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


def test_markdown_has_the_ranked_table():
    result = CliRunner().invoke(cli, ["appraise", MERGER, "--format", "md", "--no-sensitivity"])
    assert result.exit_code == 0
    assert "| 1 | Multiservice chain, group or alliance | viable | 4 | 4 | 4 | 3 | 4 | 3 | 4 | 390 |" in result.stdout


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
