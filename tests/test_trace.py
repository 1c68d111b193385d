"""`advisor trace`: the reasoning as it happened, grouped by layer, for trainers."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from advisor import advise
from advisor.advice.model import FactRef
from advisor.case.load import case_from_data, case_to_yaml
from advisor.cli.main import cli
from advisor.explain.causal_web import causal_web_svg
from advisor.explain.trace import SECTION_OF_LAYER, build_trace_view, describe_fact, trace_graph, trace_text
from advisor.rules.registry import LAYERS

from conftest import NEIGHBOURS, assert_clean_exit

# The case (conftest.NEIGHBOURS): two acute hospitals half an hour apart that have worked
# well together before, a case a class can work by hand.
# Worked by hand: the contexts come first (salience 100); closeness raises communication and
# the good history raises initial trust (Box 1); the first-tier levels are settled; initial
# trust is high (+2), which raises trust (a later tier); then trust's level is settled.
# Phase by phase: the contexts; then each mechanism's effects and its level, a mechanism after
# those whose levels its effects read (initial trust and communication before trust); then the
# verdicts and the ranking.
EXPECTED_ORDER = [
    "ctx.proximate",
    "mech.initial_trust.good_history",
    "level.initial_trust",
    "mech.communication.proximity",
    "level.communication",
    "mech.trust.initial_high",
    "level.trust",
    "form.verdict",
    "form.rank",
]


@pytest.fixture(scope="module")
def case_file(tmp_path_factory, neighbours):
    path = tmp_path_factory.mktemp("cases") / "neighbours.yaml"
    path.write_text(case_to_yaml(neighbours), encoding="utf-8")
    return str(path)


def _steps_of(text: str, rule: str) -> list[int]:
    return [int(n) for n in re.findall(rf"^\[(\d+)\] {re.escape(rule)}\b", text, re.M)]


def test_the_trace_lists_the_hand_worked_firings_in_order(advice):
    text = trace_text(build_trace_view(advice))
    context_rules = {"ctx.single_sector", "ctx.two_partners", "ctx.proximate"}
    assert {f.rule for f in advice.trace if f.layer == "context"} == context_rules
    firsts = [_steps_of(text, rule)[0] for rule in EXPECTED_ORDER]
    assert firsts == sorted(firsts)
    assert "matched: relationship: travel_time = under_30_min" in text
    assert "concluded: context: proximate" in text
    assert "matched: mechanism Initial trust = high (score 2)" in text
    assert "evidence: cmoc_f19: Box 1, Trust" in text


def test_the_trace_is_grouped_context_then_mechanisms_then_outcomes(advice):
    view = build_trace_view(advice)
    assert [s.id for s in view.sections] == ["context", "mechanisms", "forms", "risks", "formalisation", "actions"]
    assert set(LAYERS) <= set(SECTION_OF_LAYER)
    assert sum(len(s.firings) for s in view.sections) == len(advice.trace)


def test_matched_case_facts_show_only_the_slots_the_rule_constrains(advice):
    view = build_trace_view(advice)
    proximate = next(f for f in view.firings() if f.rule == "ctx.proximate")
    assert proximate.matched == ("relationship: travel_time = under_30_min",)


def test_a_level_builds_on_the_effects_on_its_mechanism(advice):
    graph = trace_graph(advice.trace)
    step = {f.rule: f.step for f in advice.trace}
    assert graph.inputs[step["level.trust"]] == (step["mech.trust.initial_high"],)
    assert step["level.initial_trust"] in graph.inputs[step["mech.trust.initial_high"]]


def test_rule_filter_shows_the_rule_and_everything_that_came_from_it(advice):
    view = build_trace_view(advice, "mech.initial_trust.good_history")
    rules = [f.rule for f in view.firings()]
    assert rules[:4] == [
        "mech.initial_trust.good_history",
        "level.initial_trust",
        "mech.trust.initial_high",
        "level.trust",
    ]
    assert "ctx.proximate" not in rules
    assert [f.rule for f in view.firings() if f.selected] == ["mech.initial_trust.good_history"]


def test_facts_read_in_domain_words():
    assert describe_fact(FactRef(fact="CollabFact", values={"mandation": "mandated"})) == (
        "collaboration: mandation = mandated"
    )
    assert describe_fact(FactRef(fact="Context", values={"name": "size_asymmetry"})) == "context: size asymmetry"


def test_causal_web_is_wellformed_deterministic_svg_with_labels(advice):
    svg = causal_web_svg(advice)
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    labels = {t.text for t in root.iter("{http://www.w3.org/2000/svg}title")}
    assert {"context: proximate", "relationship: history_of_collaboration = good", "Initial trust: high"} <= labels
    assert "Contexts" in texts and "Mechanisms" in texts and "Outcomes" in texts
    assert "pushes down / counts against" in texts
    assert svg == causal_web_svg(advise(case_from_data(NEIGHBOURS, "again")))


def test_causal_web_escapes_what_users_type():
    data = {**NEIGHBOURS, "collaboration": {**NEIGHBOURS["collaboration"], "name": "A & B <script>"}}
    svg = causal_web_svg(advise(case_from_data(data, "escape")))
    ET.fromstring(svg)
    assert "<script>" not in svg


def test_cli_trace_text_and_markdown(case_file):
    runner = CliRunner()
    text = runner.invoke(cli, ["trace", case_file])
    assert text.exit_code == 0, text.output
    assert "Context: what the case's facts amount to" in text.output
    md = runner.invoke(cli, ["trace", case_file, "--format", "md"])
    assert md.exit_code == 0
    assert "## Mechanisms: what the contexts set off" in md.output
    assert re.search(r"^### Step \d+: `ctx.proximate`", md.output, re.M)


def test_cli_trace_html_is_self_contained_with_the_causal_web(case_file, tmp_path):
    out = tmp_path / "trace.html"
    result = CliRunner().invoke(cli, ["trace", case_file, "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "<svg" in html and "<style>" in html
    assert not re.search(r"""(src|href)=["']https?:""", html)
    assert "ctx.proximate" in html


def test_cli_trace_html_escapes_the_case_name(tmp_path):
    data = {**NEIGHBOURS, "collaboration": {**NEIGHBOURS["collaboration"], "name": "<b>Bold</b> & co"}}
    path = tmp_path / "case.yaml"
    path.write_text(case_to_yaml(case_from_data(data, "x")), encoding="utf-8")
    result = CliRunner().invoke(cli, ["trace", str(path), "--format", "html"])
    assert "<b>Bold</b>" not in result.output
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; co" in result.output


def test_cli_step_pauses_after_each_firing_and_q_stops(case_file):
    result = CliRunner().invoke(cli, ["trace", case_file, "--step"], input="\n\nq\n")
    assert result.exit_code == 0
    assert result.output.count("[Enter: next, q: stop]") == 3
    assert "[3] " in result.output and "[4] " not in result.output
    assert "stopped." in result.output


def test_cli_rule_filter_and_unknown_rule(case_file):
    runner = CliRunner()
    shown = runner.invoke(cli, ["trace", case_file, "--rule", "ctx.proximate"])
    assert shown.exit_code == 0
    assert "mech.communication.proximity" in shown.output and "ctx.two_partners" not in shown.output
    bad = runner.invoke(cli, ["trace", case_file, "--rule", "ctx.nowhere"])
    assert_clean_exit(bad, 2)
    assert "rule 'ctx.nowhere': no such rule" in bad.output


def test_cli_step_needs_the_terminal(case_file):
    result = CliRunner().invoke(cli, ["trace", case_file, "--step", "--format", "html"])
    assert result.exit_code == 2
    assert "--step works with --format text" in result.output
