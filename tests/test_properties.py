"""Property tests: any valid case gives a valid, deterministic Advice and the engine stops."""

from hypothesis import HealthCheck, given, settings

from advisor import advise
from advisor.advice.build import conclusions
from advisor.advice.model import Advice

from strategies import cases

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(cases)
def test_any_valid_case_gives_a_valid_deterministic_advice(case):
    advice = advise(case)
    assert isinstance(advice, Advice)
    assert len(advice.options) == 13
    assert advice.formalisation.instrument in {"none", "mou", "contract", "joint_committee", "new_entity", "statutory"}
    assert set(advice.mechanisms) >= {"trust", "faith", "confidence", "risk_tolerance"}
    assert [f.step for f in advice.trace] == list(range(1, len(advice.trace) + 1))
    assert Advice.model_validate_json(advice.to_json()) == advice
    assert advise(case).to_json() == advice.to_json()


@SETTINGS
@given(cases)
def test_every_conclusion_is_traced_to_a_firing(case):
    advice = conclusions(case)
    fired = {f.rule for f in advice.trace}
    for option in advice.options:
        assert {r.rule for r in option.reasons} <= fired
    for risk in advice.risks:
        assert set(risk.because) <= fired
    for action in advice.actions:
        assert set(action.because) <= fired
    for state in advice.mechanisms.values():
        assert set(state.because) <= fired
    for firing in advice.trace:
        assert all(0 < step < firing.step for step in firing.built_on)
