"""The experta compatibility layer: same case, same firings in the same order, in separate
processes with different hash seeds; the stale-activation agenda bug does not occur."""

import json
import os
import subprocess
import sys

import pytest

from advisor.engine.compat import NOT, Fact, KnowledgeEngine, ReteMatcher, Rule, StableStrategy
from advisor.engine.matcher import PlanMatcher

from conftest import ROOT

SCRIPT = """
import sys, advisor
advice = advisor.advise(advisor.load_case(sys.argv[1]))
print(advice.to_json())
"""


def _run_in_process(case_path: str, seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, case_path], capture_output=True, text=True, env=env, check=True
    )
    return result.stdout


@pytest.mark.parametrize("case_name", ["system_partnership.yaml", "special_measures_turnaround.yaml"])
def test_same_case_same_json_and_firing_order_across_processes_and_hash_seeds(case_name):
    path = str(ROOT / "examples" / case_name)
    outputs = {_run_in_process(path, seed) for seed in ("0", "1", "12345", "random")}
    assert len(outputs) == 1
    trace = [f["rule"] for f in json.loads(outputs.pop())["trace"]]
    assert len(trace) > 50


def test_same_case_twice_in_one_process_is_byte_identical(monkeypatch):
    from advisor import advise, load_case
    from advisor.engine import tracing

    monkeypatch.setattr(tracing, "_runs", type(tracing._runs)())  # run the reused engine every time,
    monkeypatch.setattr(tracing, "RUNS_KEPT", 0)  # not kept conclusions
    case = load_case(ROOT / "examples" / "voluntary_acute_alliance.yaml")
    first = advise(case).to_json()
    advise(load_case(ROOT / "examples" / "proposed_merger.yaml"))
    assert advise(case).to_json() == first


class Flag(Fact):
    """A fact that falsifies one of the NOT rules below."""


def _not_rule(name: str) -> Rule:
    def rhs(self):
        self.fired.append(name)

    rhs.__name__ = name
    return Rule(NOT(Flag(name=name)))(rhs)


class ManyNotRules(KnowledgeEngine):
    """Five NOT rules of equal salience; a higher-salience rule falsifies one of them."""

    __strategy__ = StableStrategy

    @Rule(salience=10)
    def falsify(self):
        self.declare(Flag(name="n2"))


for _name in ("n0", "n1", "n2", "n3", "n4"):
    setattr(ManyNotRules, _name, _not_rule(_name))


@pytest.mark.parametrize("matcher", [PlanMatcher, ReteMatcher])
def test_a_falsified_not_rule_never_fires(matcher):
    for _ in range(20):
        engine = type("Engine", (ManyNotRules,), {"__matcher__": matcher})()
        engine.fired = []
        engine.reset()
        engine.run()
        assert "n2" not in engine.fired
        assert engine.fired == ["n0", "n1", "n3", "n4"]


def test_experta_is_imported_only_through_the_compatibility_module():
    offenders = []
    for folder in ("advisor", "rules", "cli"):
        for path in (ROOT / folder).rglob("*.py"):
            if path == ROOT / "advisor" / "engine" / "compat.py":
                continue
            text = path.read_text()
            if "from experta" in text or "import experta" in text:
                offenders.append(str(path))
    assert offenders == []
