"""Re-runs on the same initial facts come from the engine's bounded cache of conclusions, which
later runs never change."""

import pytest

from advisor import load_case
from advisor.engine import tracing
from advisor.engine.tracing import Conclusions, run_case
from advisor.rules.facts import Formalisation

from conftest import ROOT, build_case


@pytest.fixture
def fresh(monkeypatch):
    """An empty cache of runs for the test."""
    monkeypatch.setattr(tracing, "_runs", type(tracing._runs)())


def test_the_same_initial_facts_give_the_kept_conclusions_without_running_the_engine(fresh, monkeypatch):
    first = run_case(build_case(3, collaboration={"scope": "pathway"}))
    monkeypatch.setattr(tracing, "get_engine", lambda: pytest.fail("the engine ran again"))
    renamed = build_case([{"name": "A"}, {"name": "B"}, {"name": "C"}], collaboration={"scope": "pathway"})
    assert run_case(renamed) is first  # partner names are no fact the rules read


def test_a_different_fact_measured_level_or_stopping_phase_runs_the_engine_again(fresh):
    case = build_case(2)
    runs = [
        run_case(case),
        run_case(build_case(2, collaboration={"scope": "pathway"})),
        run_case(case, measured={"trust": "low"}),
        run_case(case, stop_after="ranking"),
    ]
    assert len({id(r) for r in runs}) == 4
    assert not runs[3].by_type[Formalisation]  # stopped before formalisation


def test_kept_conclusions_are_not_changed_by_later_runs(fresh):
    case = load_case(ROOT / "examples" / "system_partnership.yaml")
    kept = run_case(case)
    snapshot = (kept.firings, dict(kept.by_type), dict(kept.case_values))
    run_case(load_case(ROOT / "examples" / "proposed_merger.yaml"))
    assert (kept.firings, dict(kept.by_type), dict(kept.case_values)) == snapshot
    tracing._runs.clear()
    again = run_case(case)
    assert again is not kept and again == kept


def test_the_cache_keeps_only_the_most_recent_runs(fresh, monkeypatch):
    monkeypatch.setattr(tracing, "RUNS_KEPT", 2)
    cases = [build_case(n) for n in (2, 3, 4)]
    first = run_case(cases[0])
    run_case(cases[1])
    assert run_case(cases[0]) is first  # used again: now the most recent
    run_case(cases[2])  # evicts cases[1], the least recently used
    assert len(tracing._runs) == 2 and run_case(cases[0]) is first


def test_conclusions_are_read_only_and_give_nothing_for_a_fact_class_never_concluded(fresh):
    conclusions = run_case(build_case(2))
    assert isinstance(conclusions, Conclusions)
    assert conclusions.by_type[int] == ()
    with pytest.raises(TypeError):
        conclusions.by_type[int] = ()  # type: ignore[index]
    with pytest.raises(TypeError):
        conclusions.case_values["collaboration.scope"] = "x"  # type: ignore[index]
