"""Shared test helpers: build cases in domain words and ask what fired."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from advisor import advise
from advisor.advice.model import Advice
from advisor.case.load import case_from_data
from advisor.engine.tracing import Conclusions, run_case

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def build_case(partners: int | list[dict[str, Any]] = 2, **sections: dict[str, Any]):
    """A case with ``partners`` (a count of anonymous acute partners, or partner dicts) and
    the given ``collaboration`` / ``relationship`` facts; everything else unknown."""
    if isinstance(partners, int):
        partners = [{"name": f"Trust {i + 1}"} for i in range(partners)]
    data = {"partners": partners, **sections}
    return case_from_data(data, "test case")


def fired(advice: Advice, rule_id: str) -> bool:
    """Whether the rule fired in this advice's trace."""
    return any(f.rule == rule_id for f in advice.trace)


def conclude(
    partners: int | list[dict[str, Any]] = 2, measured: dict[str, str] | None = None, **sections: dict[str, Any]
) -> Conclusions:
    """What the rules conclude on a case built with :func:`build_case` (and mechanism levels
    ``measured`` by the readiness survey): one run of the rules, without the re-runs that
    measure certainty, kept by initial facts (fast enough for several cases per rule)."""
    return run_case(build_case(partners, **sections), measured)


def option(advice: Advice, form: str):
    """The option for one form."""
    return next(o for o in advice.options if o.form == form)


@pytest.fixture(autouse=True, scope="session")
def _own_cache_directory(tmp_path_factory):
    """The advisor's per-user cache goes to a temporary folder, not the home directory."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture
def run():
    """Advise on a case built with :func:`build_case`."""

    def _run(partners: int | list[dict[str, Any]] = 2, **sections: dict[str, Any]) -> Advice:
        return advise(build_case(partners, **sections))

    return _run


# Two neighbouring hospitals that have worked well together: the hand-worked case of the
# trace and explain tests.
NEIGHBOURS = {
    "collaboration": {"name": "Two neighbouring hospitals", "scope": "single_service", "drivers": ["sustenance"]},
    "partners": [{"name": "Northtown Hospital", "sector": "acute"}, {"name": "Southtown Hospital", "sector": "acute"}],
    "relationship": {"travel_time": "under_30_min", "history_of_collaboration": "good"},
}


@pytest.fixture(scope="session")
def neighbours():
    """The hand-worked case of two neighbouring hospitals."""
    return case_from_data(NEIGHBOURS, "neighbours")


@pytest.fixture(scope="session")
def advice(neighbours):
    """The advice on the two neighbouring hospitals (computed once: it is read only)."""
    return advise(neighbours)


def assert_clean_exit(result, code: int = 2) -> None:
    """A command ended on its own terms with ``code``: not by an exception it did not handle
    (click's test runner keeps those in ``result.exception``, never in the output)."""
    assert result.exit_code == code, result.output
    if code == 0:
        assert result.exception is None, result.exception
    else:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
