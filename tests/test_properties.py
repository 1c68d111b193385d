"""Property tests: any valid case gives a valid, deterministic Advice and the engine stops."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor import advise
from advisor.advice import Advice
from advisor.case import Case, Collaboration, Partner, Relationship
from advisor.case_edit import fact_choices


def _section(model, **fixed):
    fields = {
        name: st.sampled_from(choices)
        for name, choices in fact_choices(model).items()
        if name not in ("drivers", "forms_considered")
    }
    if "drivers" in model.model_fields:
        drivers = fact_choices(model)["drivers"]
        fields["drivers"] = st.lists(st.sampled_from(drivers), unique=True, max_size=4).map(tuple)
    return st.fixed_dictionaries({**fields, **fixed}).map(lambda d: model(**d))


partners = st.lists(_section(Partner, name=st.just("x")), min_size=1, max_size=9).map(
    lambda ps: tuple(p.model_copy(update={"name": f"Partner {i}"}) for i, p in enumerate(ps))
)
cases = st.builds(Case, collaboration=_section(Collaboration), partners=partners, relationship=_section(Relationship))

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


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
    advice = advise(case)
    fired = {f.rule for f in advice.trace}
    for option in advice.options:
        assert {r.rule for r in option.reasons} <= fired
    for risk in advice.risks:
        assert set(risk.because) <= fired
    for action in advice.actions:
        assert set(action.because) <= fired
    for state in advice.mechanisms.values():
        assert set(state.because) <= fired
