"""Hypothesis strategies: any valid case, built from the case model's own allowed values."""

from hypothesis import strategies as st

from advisor.case.edit import LIST_FACTS, fact_choices
from advisor.case.model import Case, Collaboration, Partner, Relationship


def _section(model, **fixed):
    choices = fact_choices(model)
    fields = {name: st.sampled_from(values) for name, values in choices.items() if name not in LIST_FACTS}
    for name in ("drivers", "communication_levers"):
        if name in choices:
            fields[name] = st.lists(st.sampled_from(choices[name]), unique=True, max_size=4).map(tuple)
    return st.fixed_dictionaries({**fields, **fixed}).map(lambda d: model(**d))


partners = st.lists(_section(Partner, name=st.just("x")), min_size=1, max_size=9).map(
    lambda ps: tuple(p.model_copy(update={"name": f"Partner {i}"}) for i, p in enumerate(ps))
)
cases = st.builds(Case, collaboration=_section(Collaboration), partners=partners, relationship=_section(Relationship))
