"""`advisor explain`: how a conclusion was reached, why not a form, and what if."""

from __future__ import annotations

import json
import time

import pytest
from click.testing import CliRunner

from advisor import advise
from advisor.case.edit import apply_edits
from advisor.case.load import case_from_data, case_to_yaml
from advisor.cli.main import cli
from advisor.explain.explanations import ExplainError, explain_how, what_if, why_not

from conftest import assert_clean_exit

# Two acute hospitals close together that have worked well together, looking to share one
# service to sustain it; how the collaboration came about (mandation) is not known.


@pytest.fixture(scope="module")
def federation(neighbours, advice):
    started = time.perf_counter()
    result = why_not(neighbours, "federation", advice)
    return result, time.perf_counter() - started


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


def test_why_not_names_a_real_failed_condition(federation):
    result, _ = federation
    assert (result.verdict, result.score) == ("conditional", 3)
    missing = {fc.rule: fc for fc in result.failed_conditions if fc.kind == "support_missing"}
    mandation = missing["form.mandation_match"]
    assert mandation.delta == 1
    assert any("collaboration: mandation = unknown" in c.description for c in mandation.conditions)
    assert any("collaboration.mandation" in c.set_by for c in mandation.conditions)


def test_why_not_changes_really_flip_the_verdict(neighbours, federation):
    result, _ = federation
    assert {"collaboration.mandation": "voluntary"} in result.changes
    assert all(len(change) == 1 for change in result.changes)
    for change, score in zip(result.changes, result.scores_after, strict=True):
        option = next(o for o in advise(apply_edits(neighbours, change)).options if o.form == "federation")
        assert option.verdict == "recommended" and option.score == score


def test_why_not_search_stays_fast(federation):
    result, seconds = federation
    assert result.searched_single > 0
    assert seconds < 10


def test_why_not_needing_two_changes_finds_pairs():
    # Two healthy hospitals: buddying needs a struggling partner beside a well-rated one.
    data = {
        "collaboration": {"name": "Healthy pair", "scope": "learning", "drivers": ["learning"]},
        "partners": [
            {"name": "Northtown Hospital", "performance": "good", "special_measures": "no"},
            {"name": "Southtown Hospital", "performance": "good", "special_measures": "no"},
        ],
    }
    case = case_from_data(data, "healthy pair")
    result = why_not(case, "buddying")
    assert result.verdict != "recommended"
    against = [fc.rule for fc in result.failed_conditions if fc.kind == "evidence_against"]
    assert "form.buddying_nothing_to_turn_around" in against
    assert result.changes
    for change in result.changes:
        option = next(o for o in advise(apply_edits(case, change)).options if o.form == "buddying")
        assert option.verdict == "recommended"


def test_why_not_an_already_recommended_form_searches_nothing(neighbours):
    result = why_not(apply_edits(neighbours, {"collaboration.mandation": "voluntary"}), "federation")
    assert result.verdict == "recommended" and result.changes == () and result.searched_single == 0


def test_what_if_differences_match_a_direct_rerun(neighbours, advice):
    edits = {"relationship.history_of_collaboration": "poor", "collaboration.mandation": "mandated"}
    result = what_if(neighbours, edits, advice)
    rerun = advise(apply_edits(neighbours, edits))
    after = {o.name: f"{o.verdict} ({o.score})" for o in rerun.options}
    assert {d.item: d.after for d in result.forms} == after
    changed_levels = {m for m, s in rerun.mechanisms.items() if s.level != advice.mechanisms[m].level}
    assert len([d for d in result.mechanisms if d.before != d.after]) == len(changed_levels) > 0
    added = {a.id for a in rerun.actions} - {a.id for a in advice.actions}
    assert len([d for d in result.actions if d.before == "-"]) == len(added)
    assert result.formalisation == () or result.formalisation[0].after == rerun.formalisation.instrument


def test_cli_how_why_not_and_what_if(case_file, neighbours):
    runner = CliRunner()
    voluntary = advise(apply_edits(neighbours, {"collaboration.mandation": "voluntary"}))
    score = next(o.score for o in voluntary.options if o.form == "federation")
    how = runner.invoke(cli, ["explain", case_file, "--how", "mechanism:trust"])
    assert how.exit_code == 0, how.output
    assert "mech.initial_trust.good_history" in how.output
    assert "relationship: history_of_collaboration = good" in how.output
    why = runner.invoke(cli, ["explain", case_file, "--why-not", "federation", "--format", "json"])
    assert why.exit_code == 0, why.output
    data = json.loads(why.output)
    assert {"collaboration.mandation": "voluntary"} in data["changes"]
    assert any(fc["rule"] == "form.mandation_match" for fc in data["failed_conditions"])
    flip = runner.invoke(cli, ["explain", case_file, "--what-if", "collaboration.mandation=voluntary"])
    assert flip.exit_code == 0, flip.output
    assert f"Form: Federation: conditional (3) -> recommended ({score})" in flip.output
    md = runner.invoke(cli, ["explain", case_file, "--what-if", "collaboration.mandation=voluntary", "--format", "md"])
    assert f"| **Federation** | conditional (3) | **recommended ({score})** |" in md.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--how", "verdict:merger"], "unknown kind 'verdict'"),
        (["--why-not", "mergers"], "--why-not mergers: no such form"),
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
