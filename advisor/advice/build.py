"""``advise``: run the rules over a case and assemble what they concluded into the advice."""

from __future__ import annotations

from collections.abc import Mapping

from advisor.advice.assemble import assemble_advice
from advisor.advice.model import Advice
from advisor.case.model import Case
from advisor.engine.tracing import run_case
from advisor.kb.load import load_knowledge


def advise(case: Case, measured: Mapping[str, str] | None = None, chosen_form: str = "") -> Advice:
    """Advise on a case: options, mechanisms, risks, formalisation, actions, unknowns, trace.

    ``measured``: optional mechanism levels measured by the readiness survey.
    ``chosen_form``: the advice as it would be if this form were chosen (option appraisal).
    """
    engine = run_case(case, measured, chosen_form)
    return assemble_advice(case, engine, load_knowledge())
