"""A test per rule, in data: every rule fires in a situation where its statement holds and not in
one where it does not, with the conclusions the report leads one to expect (issue 15).

The situations are in ``rule_firings/<family>.yaml``, one file per rule family. Each entry:

- ``says``: the situation in domain words. One starting 'not:' is a reading the report does not
  support: the rule fired on it before the audit of issue 11, and must not now.
- ``rule``: the rule's id; ``fires``: whether it fires.
- the case: ``partners`` (a count of anonymous trusts, 2 when left out, or partner entries),
  ``collaboration``, ``relationship`` (everything else unknown) and ``measured`` (mechanism
  levels the readiness survey measured).
- ``expect`` (optional), the conclusions expected. Of the whole run: ``contexts``
  (``{name: true|false}``), ``levels`` (``{mechanism: level}``), ``verdicts``
  (``{form: verdict}``), ``top`` (the top option, ``none`` when no form is advised). Of the
  rule's own firings (only where it fires): ``evidence`` (``{form: kinds}``: ``for`` or
  ``against`` the form, ``block`` (ruled out), ``cap`` (at most conditional until a condition is
  met), ``condition`` (a condition to meet, without a cap)), ``risk`` (``{id, severity, form}``,
  ``form`` for a form's own risk), ``instrument`` and ``governance`` (``{form: value}``, the
  form ``''`` when no form is advised), ``element`` (``{form: needed|in_place}``), ``action``
  (an action id), ``effects`` (the performance mechanisms of Table 9 expected).
- ``wrong`` (optional): why the rule's behaviour contradicts its statement or the report. The
  entry states what the report expects and is an expected failure (strict: it fails once the
  rule is fixed, so the marker is removed then); it does not count towards the rule's cover.

Each entry is one run of the rules (no certainty re-runs); entries on the same case share it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from advisor.engine.tracing import Conclusions
from advisor.rules.facts import (
    ActionFact,
    Candidate,
    Context,
    ExpectedEffect,
    FormalElement,
    Formalisation,
    FormEvidence,
    Governance,
    Level,
    Risk,
    Verdict,
)
from advisor.rules.levels import level_for
from advisor.rules.registry import MECHANISMS, REGISTRY

from conftest import conclude

FIRINGS = Path(__file__).parent / "rule_firings"
FAMILY_FILES = sorted(FIRINGS.glob("*.yaml"))
SITUATIONS = [
    {**entry, "family": path.stem}
    for path in FAMILY_FILES
    for entry in yaml.safe_load(path.read_text(encoding="utf-8"))
]
CASE_KEYS = {"partners", "collaboration", "relationship", "measured"}
ENTRY_KEYS = {"says", "rule", "fires", "expect", "wrong", "family", *CASE_KEYS}

# Rules the audit removed because the report does not support them: their 'not:' entries keep
# them from coming back under the same id.
REMOVED = {
    "mech.conflict.accountability",
    "mech.cultural_assimilation.strong_identity",
    "mech.progress.absent_key_actors",
    "mech.vision_sharedness.mandate_low_trust",
}
# Rules with no case in which they do not fire: a level is settled for every mechanism, a verdict
# for every form, and the forms are ranked, even when nothing is known.
ALWAYS_FIRE = {f"level.{m}" for m in MECHANISMS} | {"form.verdict", "form.rank"}
# The file that holds each family's situations, by the rule id's first part.
FAMILY_OF = {
    "ctx": "context",
    "mech": "mechanisms",
    "level": "levels",
    "form": "forms",
    "perf": "performance",
    "risk": "risks",
    "formal": "formalisation",
    "governance": "governance",
    "action": "actions",
}


def run(situation: dict[str, Any]) -> Conclusions:
    """The rules' conclusions on the situation's case."""
    case = {k: situation[k] for k in ("collaboration", "relationship") if k in situation}
    return conclude(situation.get("partners", 2), situation.get("measured"), **case)


def _by_rule(conclusions: Conclusions, rule_id: str, kind: type) -> list[Any]:
    """The facts of ``kind`` the rule's firings asserted."""
    return [
        f for firing in conclusions.firings if firing.rule == rule_id for f in firing.asserted if isinstance(f, kind)
    ]


def _evidence_kinds(evidence: Any) -> set[str]:
    kinds = {"for"} if evidence["delta"] > 0 else {"against"} if evidence["delta"] < 0 else set()
    if evidence["block"] == "yes":
        kinds.add("block")
    if evidence["cap"] == "yes":
        kinds.add("cap")
    elif evidence["condition"]:
        kinds.add("condition")
    return kinds


def _as_list(value: Any) -> list[str]:
    return sorted([value] if isinstance(value, str) else value)


def _evidence(c: Conclusions, rule_id: str, want: dict[str, Any]) -> tuple[Any, Any]:
    got = {}
    for form in want:
        kinds = set().union(*(_evidence_kinds(e) for e in _by_rule(c, rule_id, FormEvidence) if e["form"] == form))
        got[form] = sorted(kinds)
    return got, {form: _as_list(kinds) for form, kinds in want.items()}


def _risk(c: Conclusions, rule_id: str, want: dict[str, str]) -> tuple[Any, Any]:
    raised = [{key: r[key] for key in want} for r in _by_rule(c, rule_id, Risk)]
    return (want if want in raised else raised), want


def _per_form(kind: type, slot: str) -> Callable[[Conclusions, str, dict[str, str]], tuple[Any, Any]]:
    def check(c: Conclusions, rule_id: str, want: dict[str, str]) -> tuple[Any, Any]:
        facts = _by_rule(c, rule_id, kind)
        return {form: sorted({f[slot] for f in facts if f["form"] == form}) for form in want}, {
            form: [value] for form, value in want.items()
        }

    return check


def _action(c: Conclusions, rule_id: str, want: str) -> tuple[Any, Any]:
    return sorted({a["id"] for a in _by_rule(c, rule_id, ActionFact)}), [want]


def _effects(c: Conclusions, rule_id: str, want: list[str]) -> tuple[Any, Any]:
    return sorted({e["id"] for e in _by_rule(c, rule_id, ExpectedEffect)}), sorted(want)


# Conclusions of the whole run, and of the rule's own firings.
OF_THE_RUN: dict[str, Callable[[Conclusions, Any], Any]] = {
    "contexts": lambda c, want: {name: any(f["name"] == name for f in c.by_type[Context]) for name in want},
    "levels": lambda c, want: {f["mechanism"]: f["level"] for f in c.by_type[Level] if f["mechanism"] in want},
    "verdicts": lambda c, want: {f["form"]: f["verdict"] for f in c.by_type[Verdict] if f["form"] in want},
    "top": lambda c, want: next((f["form"] for f in c.by_type[Candidate] if f["top"] == "yes"), "none"),
}
OF_THE_RULE: dict[str, Callable[[Conclusions, str, Any], tuple[Any, Any]]] = {
    "evidence": _evidence,
    "risk": _risk,
    "instrument": _per_form(Formalisation, "instrument"),
    "governance": _per_form(Governance, "model"),
    "element": _per_form(FormalElement, "status"),
    "action": _action,
    "effects": _effects,
}


def _param(situation: dict[str, Any]) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=situation["wrong"])] if "wrong" in situation else []
    return pytest.param(situation, marks=marks, id=f"{situation['rule']}: {situation['says']}")


@pytest.mark.parametrize("situation", [_param(s) for s in SITUATIONS])
def test_rule_fires_when_the_report_says(situation):
    conclusions = run(situation)
    rule_id = situation["rule"]
    fired = {f.rule for f in conclusions.firings}
    assert (rule_id in fired) is situation["fires"]
    assert ALWAYS_FIRE <= fired, "a level for every mechanism, a verdict for every form and the ranking"
    for key, want in situation.get("expect", {}).items():
        if key in OF_THE_RUN:
            assert OF_THE_RUN[key](conclusions, want) == want, key
        else:
            got, wanted = OF_THE_RULE[key](conclusions, rule_id, want)
            assert got == wanted, key


def test_every_rule_fires_in_one_situation_and_not_in_another():
    """Like a linter's meta-test: each rule's condition is shown both ways (the rules that
    settle levels, verdicts and the ranking fire on every case, as every situation checks)."""
    firing = {s["rule"] for s in SITUATIONS if s["fires"] and "wrong" not in s}
    silent = {s["rule"] for s in SITUATIONS if not s["fires"] and "wrong" not in s}
    assert sorted(set(REGISTRY) - firing) == []
    assert sorted(set(REGISTRY) - silent - ALWAYS_FIRE) == []


def test_every_situation_names_a_rule_that_exists_or_was_removed_on_purpose():
    assert sorted({s["rule"] for s in SITUATIONS} - set(REGISTRY) - REMOVED) == []
    assert not REMOVED & set(REGISTRY)


def test_every_situation_is_well_formed_and_in_its_family_file():
    for s in SITUATIONS:
        assert set(s) <= ENTRY_KEYS, (s["says"], set(s) - ENTRY_KEYS)
        assert isinstance(s["fires"], bool), s["says"]
        assert FAMILY_OF[s["rule"].split(".")[0]] == s["family"], s["rule"]
        expect = s.get("expect", {})
        assert set(expect) <= set(OF_THE_RUN) | set(OF_THE_RULE), s["says"]
        assert s["fires"] or not set(expect) & set(OF_THE_RULE), (
            f"{s['says']}: expects a conclusion of a rule that does not fire"
        )


def test_a_planned_long_timeline_is_not_a_slow_pace_of_development():
    """cmoc_f14 (1039) is an observed slow pace; a plan to take time (1390) raises no conflict."""
    assert not any(spec.target == "conflict" and "collaboration.timeline" in spec.reads for spec in REGISTRY.values())


def test_conflict_between_partners_is_not_cited_as_intra_organisational_conflict():
    """cmoc_f04 (1016) is conflict inside one organisation; conflict between partners saps
    momentum (1158, 1546, 1584)."""
    spec = REGISTRY["mech.progress.conflict"]
    assert "cmoc_f04" not in spec.encodes and "1584" in spec.lines


@pytest.mark.parametrize("prefix", ["ctx.", "mech.", "level.", "action.", "perf."])
def test_every_rule_has_report_lines_and_a_strength(prefix):
    bare = [rid for rid, spec in REGISTRY.items() if rid.startswith(prefix) and not (spec.lines and spec.strength)]
    assert not bare


def test_kb_check_refuses_a_rule_without_lines_or_strength(monkeypatch):
    import dataclasses

    from advisor.kb.check import check_knowledge
    from advisor.rules import registry

    spec = registry.REGISTRY["mech.trust.communication"]
    monkeypatch.setitem(registry.REGISTRY, spec.id, dataclasses.replace(spec, lines=(), strength=None))
    problems = check_knowledge()["problems"]
    assert "rule mech.trust.communication: says nothing of the strength of its support" in problems
    assert "rule mech.trust.communication: gives no report lines it rests on" in problems


def test_kb_show_and_list_give_each_rules_lines_and_strength():
    import json

    from click.testing import CliRunner

    from advisor.cli.main import cli

    shown = CliRunner().invoke(cli, ["kb", "show", "formal.relational"]).output
    assert "support: the report hypothesises (hypothesised)" in shown and "report lines: 1212-1214" in shown
    rows = json.loads(CliRunner().invoke(cli, ["kb", "list", "rules", "--json"]).output)
    assert all(row["strength"] and (row["lines"] or row["strength"] == "guidance") for row in rows)


@pytest.mark.parametrize(
    ("score", "level"),
    [(-3, "low"), (-2, "low"), (-1, "medium"), (0, "medium"), (1, "medium"), (2, "high"), (5, "high")],
)
def test_two_net_pushes_either_way_make_a_level_high_or_low(score, level):
    assert level_for(score) == level
