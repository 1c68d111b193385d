"""Hypothesis strategies: any valid case, built from the case model's own allowed values."""

from hypothesis import strategies as st

from advisor.case.edit import fact_choices
from advisor.case.model import Case, Collaboration, Partner, Relationship


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
