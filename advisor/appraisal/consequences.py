"""What each short-listed option would bring if it were chosen: the risks the advisor would
flag and the formalisation it would need.

The advisor's own run settles risks and formalisation for its top form only. For any other
form the same rules are run with that form in the top place (``advise(case, chosen_form=...)``),
so each option's risks come from the rules, not from a second copy of them.
"""

from __future__ import annotations

from advisor.advice.build import advise
from advisor.advice.model import Advice, FormalisationAdvice, RiskFlag
from advisor.appraisal.scoring import cite
from advisor.case.model import Case
from advisor.engine.tracing import get_engine


def warm_up() -> None:
    """Build this process's engine (for worker processes, before the first case)."""
    get_engine()


def advice_if_chosen(case: Case, form: str) -> Advice:
    """The advice as it would be if ``form`` were the preferred way forward."""
    return advise(case, chosen_form=form)


def business_as_usual(case: Case) -> tuple[tuple[RiskFlag, ...], FormalisationAdvice]:
    """The risks of staying independent (the drivers and any mandate go unmet) and its formalisation."""
    collaboration = case.collaboration
    risks = []
    if collaboration.mandation == "mandated":
        by = "" if collaboration.mandated_by == "unknown" else f" by the {collaboration.mandated_by.replace('_', ' ')}"
        risks.append(
            RiskFlag(
                id="mandate_unmet",
                severity="high",
                text=f"The collaboration is mandated{by}; staying independent does not meet the mandate.",
                because=(),
                sources=(cite("coercion"),),
            )
        )
    if collaboration.drivers:
        risks.append(
            RiskFlag(
                id="drivers_unmet",
                severity="medium",
                text="The partners' reasons for collaborating go unaddressed: "
                + ", ".join(collaboration.drivers)
                + ".",
                because=(),
                sources=(cite("sec_drivers"),),
            )
        )
    formalisation = FormalisationAdvice(
        instrument="none",
        summary="No agreement: each organisation stays independent.",
        elements=(),
        because=(),
        sources=(cite("sec_typology"),),
    )
    return tuple(risks), formalisation
