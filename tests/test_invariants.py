"""Invariants the evidence implies, as property tests over any valid case.

Levels are compared in the order low < medium < high; a level the advisor could not settle
(unknown) is not compared.
"""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.advice.build import conclusions
from advisor.case.edit import apply_edits

from strategies import cases

ORDER = {"low": 0, "medium": 1, "high": 2}
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def level(case, mechanism):
    """The mechanism's level after one run of the rules (the re-runs behind certainty do not
    change levels)."""
    return conclusions(case).mechanisms[mechanism].level


def not_lower(before: str, after: str) -> bool:
    return before not in ORDER or after not in ORDER or ORDER[after] >= ORDER[before]


@SETTINGS
@given(cases)
def test_a_better_history_of_collaboration_never_lowers_initial_trust(case):
    levels = [
        level(apply_edits(case, {"relationship.history_of_collaboration": history}), "initial_trust")
        for history in ("poor", "mixed", "good")
    ]
    assert not_lower(levels[0], levels[1]) and not_lower(levels[1], levels[2]), levels


@SETTINGS
@given(cases, st.data())
def test_adding_a_partner_never_lowers_task_complexity(case, data):
    newcomer = data.draw(st.sampled_from(case.partners)).model_copy(update={"name": "Newcomer"})
    bigger = case.model_copy(update={"partners": (*case.partners, newcomer)})
    assert not_lower(level(case, "task_complexity"), level(bigger, "task_complexity"))


@SETTINGS
@given(cases, st.sampled_from(["competitive", "neutral", "unknown"]))
def test_a_favourable_regulatory_environment_never_lowers_initial_faith(case, other):
    before = level(apply_edits(case, {"collaboration.regulatory_environment": other}), "initial_faith")
    after = level(apply_edits(case, {"collaboration.regulatory_environment": "favourable"}), "initial_faith")
    assert not_lower(before, after), (before, after)


@SETTINGS
@given(cases)
def test_a_mandate_never_raises_legitimacy(case):
    voluntary = level(apply_edits(case, {"collaboration.mandation": "voluntary"}), "legitimacy")
    mandated = level(apply_edits(case, {"collaboration.mandation": "mandated"}), "legitimacy")
    assert not_lower(mandated, voluntary), (voluntary, mandated)
