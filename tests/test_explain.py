"""`advisor explain`: how a conclusion was reached, why not a form, and what if."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from advisor.advice.build import conclusions
from advisor.case.edit import apply_edits
from advisor.case.load import case_from_data, case_to_yaml, load_case
from advisor.cli.main import cli
from advisor.engine.tracing import run_case
from advisor.explain.conditions import Memory, joined, unmet
from advisor.explain.how import explain_how
from advisor.explain.result import ExplainError
from advisor.explain.what_if import what_if
from advisor.explain.why_not import render_why_not, why_not
from advisor.rules.facts import Phase
from advisor.rules.registry import CONDITIONS, REGISTRY

from conftest import EXAMPLES, NEIGHBOURS, assert_clean_exit, build_case

# Two acute hospitals close together that have worked well together, looking to share one
# service to sustain it; how the collaboration came about (mandation) is not known.


@pytest.fixture(scope="module")
def federation(neighbours):
    return why_not(neighbours, "federation")


@pytest.fixture(scope="module")
def case_file(tmp_path_factory, neighbours):
    path = tmp_path_factory.mktemp("cases") / "neighbours.yaml"
    path.write_text(case_to_yaml(neighbours), encoding="utf-8")
    return str(path)


def _all_steps(chain):
    for node in chain:
        yield node
        yield from _all_steps(node.built_on)


def test_how_trust_reaches_the_history_of_collaboration(advice):
    how = explain_how(advice, "mechanism:trust")
    assert how.conclusions == ("mechanism Trust = medium (score 1)",)
    rules = [n.rule for n in _all_steps(how.chain)]
    assert rules == ["level.trust", "mech.trust.initial_high", "level.initial_trust", "mech.initial_trust.good_history"]
    assert how.case_facts == ("relationship: history_of_collaboration = good",)


def test_how_a_form_verdict_reaches_the_case_facts(advice):
    how = explain_how(advice, "form:federation")
    assert how.conclusions == ("verdict on Federation: conditional (score 3)",)
    evidence = {n.rule for n in how.chain[0].built_on}
    assert evidence == {"form.scope_match", "form.serves_drivers"}
    assert "collaboration: scope = single_service" in how.case_facts
    assert "collaboration: drivers = sustenance" in how.case_facts


def test_how_rejects_an_unknown_or_absent_target(advice):
    with pytest.raises(ExplainError, match="unknown kind 'verdict'"):
        explain_how(advice, "verdict:merger")
    with pytest.raises(ExplainError, match="no risk 'power_imbalance' was concluded"):
        explain_how(advice, "risk:power_imbalance")


def _option(case, form):
    """The form's option, by a run of the rules independent of the why-not search."""
    return next(o for o in conclusions(case).options if o.form == form)


def test_why_not_names_a_real_failed_condition(federation):
    # Federation runs on trust, and these partners start with high trust from a good history:
    # if they chose to collaborate, trust would carry it. Whether they did is not known.
    result = federation
    assert (result.verdict, result.score) == ("conditional", 3)
    missing = {fc.rule: fc for fc in result.failed_conditions if fc.kind == "support_missing"}
    trust = missing["form.trust_carries"]
    assert trust.delta == 1
    needs = "collaboration: mandation is unknown; the rule needs voluntary"
    assert any(needs in c.description for c in trust.conditions)
    assert any("collaboration.mandation" in c.set_by for c in trust.conditions)


def test_why_not_changes_really_flip_the_verdict(neighbours, federation):
    result = federation
    assert result.searched_single > 0
    assert {"collaboration.mandation": "voluntary"} in result.changes
    assert all(len(change) == 1 for change in result.changes)
    for change, score in zip(result.changes, result.scores_after, strict=True):
        option = _option(apply_edits(neighbours, change), "federation")
        assert option.verdict == "recommended" and option.score == score


# The same two hospitals thinking of joining whole organisations: a federation is made for one
# or several services, so the scope caps it, and it would also need trust to carry it.
WHOLE_ORGANISATIONS = {**NEIGHBOURS, "collaboration": {**NEIGHBOURS["collaboration"], "scope": "whole_organisation"}}


@pytest.fixture(scope="module")
def federating_whole_organisations():
    case = case_from_data(WHOLE_ORGANISATIONS, "whole organisations")
    return case, why_not(case, "federation")


def test_why_not_shows_the_evidence_that_caps_it_with_its_condition(federating_whole_organisations):
    _, result = federating_whole_organisations
    caps = {fc.rule: fc for fc in result.failed_conditions if fc.kind == "evidence_caps"}
    scope = caps["form.scope_mismatch"]
    assert "recast as single service or multiple services" in scope.condition
    assert any(c.description == "collaboration: scope = whole_organisation (holds)" for c in scope.conditions)
    text = render_why_not(result)
    assert "form.scope_mismatch (-1) is evidence that caps it at conditional" in text
    assert "to lift the cap: only if the scope is recast" in text


def test_why_not_needing_two_changes_finds_pairs(federating_whole_organisations):
    case, result = federating_whole_organisations
    assert result.searched_pairs > 0
    assert result.changes and all(len(change) == 2 for change in result.changes)
    assert all(change["collaboration.mandation"] == "voluntary" for change in result.changes)
    for change in result.changes:
        assert _option(apply_edits(case, change), "federation").verdict == "recommended"


def test_why_not_names_what_rules_a_form_out_and_what_would_support_it():
    # Two healthy hospitals: buddying needs a partner of lesser performance beside a well-rated one.
    data = {
        "collaboration": {"name": "Healthy pair", "scope": "learning", "drivers": ["learning"]},
        "partners": [
            {"name": "Northtown Hospital", "performance": "good", "special_measures": "no"},
            {"name": "Southtown Hospital", "performance": "good", "special_measures": "no"},
        ],
    }
    case = case_from_data(data, "healthy pair")
    result = why_not(case, "buddying")
    against = {fc.rule: fc for fc in result.failed_conditions if fc.kind == "evidence_against"}
    assert against["form.buddying_no_gap"].rules_out
    missing = {fc.rule: fc for fc in result.failed_conditions if fc.kind == "support_missing"}
    defined = missing["form.buddying_defined"].conditions
    assert any(c.fact == "partners.any_below_good" and c.needs == ("yes",) for c in defined)
    assert any("partners[0].performance" in c.set_by for c in defined)
    assert result.changes
    for change in result.changes:
        assert any(fact.endswith("performance") or fact.endswith("special_measures") for fact in change)
        assert _option(apply_edits(case, change), "buddying").verdict == "recommended"


def test_why_not_an_undecided_form_names_the_support_it_lacks():
    # Two partners and nothing else known: no form has evidence either way. Informal partnering
    # is made for learning; with the scope unknown, what it is made for cannot count.
    case = build_case(2)
    result = why_not(case, "informal_partnering")
    assert result.verdict == "undecided"
    missing = {fc.rule: fc for fc in result.failed_conditions if fc.kind == "support_missing"}
    assert "collaboration.scope" in missing["form.scope_match"].conditions[0].set_by
    assert "Undecided: no evidence either way" in render_why_not(result)


def test_why_not_an_already_recommended_form_searches_nothing(neighbours):
    result = why_not(apply_edits(neighbours, {"collaboration.mandation": "voluntary"}), "federation")
    assert result.verdict == "recommended" and result.changes == () and result.searched_single == 0


# -- the evaluator of rule conditions agrees with the engine ----------------------------------


def _run(case):
    engine = run_case(case)
    firings = list(engine.firings)
    facts = [f for kind, found in engine.by_type.items() if kind is not Phase for f in found]
    return firings, Memory.of(case, facts)


RUN_CASES = [pytest.param(path, id=path.stem) for path in EXAMPLES[::2]]


@pytest.fixture(scope="module", params=RUN_CASES)
def example_run(request):
    case = load_case(request.param)
    return case, *_run(case)


def test_a_rule_that_fired_has_its_conditions_met_on_the_facts_it_matched(example_run):
    case, firings, memory = example_run
    assert firings
    for record in firings:
        assert unmet(CONDITIONS[record.rule], Memory.of(case, record.matched)) == (), record.rule
        assert unmet(CONDITIONS[record.rule], memory) == (), record.rule


def test_a_rule_that_did_not_fire_has_an_unmet_condition_or_a_join_that_failed(example_run):
    _, firings, memory = example_run
    fired = {record.rule for record in firings}
    silent = [rule_id for rule_id in REGISTRY if rule_id not in fired]
    assert silent
    for rule_id in silent:
        assert unmet(CONDITIONS[rule_id], memory) or joined(CONDITIONS[rule_id]), rule_id


def test_what_if_differences_match_a_direct_rerun(neighbours, advice):
    edits = {"relationship.history_of_collaboration": "poor", "collaboration.mandation": "mandated"}
    result = what_if(neighbours, edits, advice)
    rerun = conclusions(apply_edits(neighbours, edits))
    after = {o.name: f"{o.verdict} ({o.score})" for o in rerun.options}
    assert {d.item: d.after for d in result.forms} == after
    changed_levels = {m for m, s in rerun.mechanisms.items() if s.level != advice.mechanisms[m].level}
    assert len([d for d in result.mechanisms if d.before != d.after]) == len(changed_levels) > 0
    added = {a.id for a in rerun.actions} - {a.id for a in advice.actions}
    assert len([d for d in result.actions if d.before == "-"]) == len(added)
    assert result.formalisation == () or result.formalisation[0].after == rerun.formalisation.instrument


def test_cli_how_why_not_and_what_if(case_file, neighbours):
    runner = CliRunner()
    voluntary = conclusions(apply_edits(neighbours, {"collaboration.mandation": "voluntary"}))
    score = next(o.score for o in voluntary.options if o.form == "federation")
    how = runner.invoke(cli, ["explain", case_file, "--how", "mechanism:trust"])
    assert how.exit_code == 0, how.output
    assert "mech.initial_trust.good_history" in how.output
    assert "relationship: history_of_collaboration = good" in how.output
    why = runner.invoke(cli, ["explain", case_file, "--why-not", "federation", "--format", "json"])
    assert why.exit_code == 0, why.output
    data = json.loads(why.output)
    assert {"collaboration.mandation": "voluntary"} in data["changes"]
    assert any(fc["rule"] == "form.trust_carries" for fc in data["failed_conditions"])
    flip = runner.invoke(cli, ["explain", case_file, "--what-if", "collaboration.mandation=voluntary"])
    assert flip.exit_code == 0, flip.output
    assert f"Form: Federation: conditional (3) -> recommended ({score})" in flip.output
    md = runner.invoke(cli, ["explain", case_file, "--what-if", "collaboration.mandation=voluntary", "--format", "md"])
    assert f"| **Federation** | conditional (3) | **recommended ({score})** |" in md.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--how", "verdict:merger"], "unknown kind 'verdict'"),
        (["--why-not", "mergers"], "form 'mergers': no such form"),
        (["--what-if", "relationship.distance=near"], "relationship.distance: no such fact"),
        (["--what-if", "relationship.travel_time=far"], "'far' is not allowed; allowed: under_30_min"),
        (["--what-if", "travel_time"], "expected FACT=VALUE"),
        ([], "give exactly one of"),
    ],
)
def test_cli_bad_target_or_fact_is_a_clear_error(case_file, args, message):
    result = CliRunner().invoke(cli, ["explain", case_file, *args])
    assert_clean_exit(result, 2)
    assert message in result.output
