"""What each short-listed option would bring if it were chosen: the risks the advisor would
flag and the formalisation it would need.

The advisor gives every candidate form (recommended, conditional or considered) its own risks
and formalisation. A short-listed form that is not a candidate is run again as a form the
partners are considering, so each option's risks come from the rules, not from a second copy
of them; the situation's risks hold whatever the option.
"""

from __future__ import annotations

from advisor.advice.build import conclusions
from advisor.advice.model import Advice, FormalisationAdvice, Option, RiskFlag
from advisor.appraisal.scoring import cite
from advisor.case.model import Case
from advisor.engine.tracing import get_engine


def warm_up() -> None:
    """Build this process's engine (for worker processes, before the first case)."""
    get_engine()


def _as_candidate(case: Case, advice: Advice, form: str) -> Option:
    option = advice.option(form)
    if option.formalisation is not None:
        return option
    considered = case.model_copy(
        update={"collaboration": case.collaboration.model_copy(update={"forms_considered": (form,)})}
    )
    return next(o for o in conclusions(considered).options if o.form == form)


def consequences(case: Case, advice: Advice, form: str) -> tuple[tuple[RiskFlag, ...], FormalisationAdvice]:
    """The risks (the situation's and the form's own) and the formalisation if ``form`` were chosen."""
    option = _as_candidate(case, advice, form)
    situation = tuple(r for r in advice.risks if not r.form)
    assert option.formalisation is not None  # a candidate always has one
    return situation + option.risks, option.formalisation


def _risk(id: str, severity: str, text: str, source: str) -> RiskFlag:
    return RiskFlag(
        id=id,
        severity=severity,
        text=text,
        consequences=(),
        form="",
        mitigations=(),
        touches=0,
        because=(),
        sources=(cite(source),),
    )


def business_as_usual(case: Case) -> tuple[tuple[RiskFlag, ...], FormalisationAdvice]:
    """The risks of staying independent (the drivers and any mandate go unmet) and its formalisation."""
    collaboration = case.collaboration
    risks = []
    if collaboration.mandation == "mandated":
        by = "" if collaboration.mandated_by == "unknown" else f" by the {collaboration.mandated_by.replace('_', ' ')}"
        risks.append(
            _risk(
                "mandate_unmet",
                "high",
                f"The collaboration is mandated{by}; staying independent does not meet the mandate.",
                "coercion",
            )
        )
    if collaboration.drivers:
        risks.append(
            _risk(
                "drivers_unmet",
                "medium",
                "The partners' reasons for collaborating go unaddressed: " + ", ".join(collaboration.drivers) + ".",
                "sec_drivers",
            )
        )
    formalisation = FormalisationAdvice(
        form="",
        instrument="none",
        summary="No agreement: each organisation stays independent.",
        reason="Business as usual: no collaboration.",
        in_place=False,
        governance=(),
        governance_in_place=(),
        elements=(),
        because=(),
        sources=(cite("sec_typology"),),
    )
    return tuple(risks), formalisation
