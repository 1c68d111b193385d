"""What each short-listed option would bring if it were chosen: the risks the advisor would
flag and the formalisation it would need.

The advisor gives every candidate form (recommended, conditional or considered) its own risks
and formalisation. A short-listed form that is not a candidate is run again as a form the
partners are considering (one more run for all of them), so each option's risks come from
the rules, not from a second copy of them; the situation's risks hold whatever the option.
"""

from __future__ import annotations

from collections.abc import Iterable

from advisor.advice.assemble import Parts
from advisor.advice.build import conclusions
from advisor.advice.model import Advice, FormalisationAdvice, Option, RiskFlag
from advisor.appraisal.scoring import cite
from advisor.case.model import Case
from advisor.engine.tracing import get_engine


def warm_up() -> None:
    """Build this process's engine (for worker processes, before the first case)."""
    get_engine()


def _candidates(case: Case, advice: Advice | Parts, wanted: Iterable[str]) -> dict[str, Option]:
    """Each wanted form as a candidate with its own risks and formalisation: from the advice when
    it is one already, else from one more run with all the others added to the forms considered."""
    out = {form: _find(advice, form) for form in wanted}
    missing = tuple(form for form, option in out.items() if option.formalisation is None)
    if missing:
        considered = tuple(dict.fromkeys((*case.collaboration.forms_considered, *missing)))
        rerun = case.model_copy(
            update={"collaboration": case.collaboration.model_copy(update={"forms_considered": considered})}
        )
        out.update({form: _find(conclusions(rerun), form) for form in missing})
    return out


def _find(advice: Advice | Parts, form: str) -> Option:
    return next(o for o in advice.options if o.form == form)


def consequences(
    case: Case, advice: Advice | Parts, forms: Iterable[str]
) -> dict[str, tuple[tuple[RiskFlag, ...], FormalisationAdvice]]:
    """For each form, the risks (the situation's and the form's own) and the formalisation if it
    were chosen."""
    situation = tuple(r for r in advice.risks if not r.form)
    out = {}
    for form, option in _candidates(case, advice, forms).items():
        assert option.formalisation is not None  # a candidate always has one
        out[form] = (situation + option.risks, option.formalisation)
    return out


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


def independence(case: Case) -> tuple[tuple[RiskFlag, ...], FormalisationAdvice]:
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
