"""Option appraisal for consultants, the HM Treasury Green Book way: spending objectives; a long
list built with the options framework filter; a short list (business as usual, a do-minimum,
the preferred way forward, the forms asked about and the other viable alternatives) scored on
the Green Book's five critical success factors from the evidence, ranked by weighted total
with each option's risks and formalisation; whether the ranking agrees with the advice; the
economic case where money is given; and how sensitive all this is to the weights and to the
changes a board could make.

The preferred way forward is always the advice's top option (one run of the rules; the
advice's certainty and proposals are not needed here). Library API: ``appraise(case) ->
Appraisal`` and ``appraise_many(cases) -> list[Appraisal]``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any

from advisor.advice.build import conclusions
from advisor.appraisal.agreement import agreement
from advisor.appraisal.consequences import consequences, independence, warm_up
from advisor.appraisal.costs import CostsFile
from advisor.appraisal.economics import Costable, economic_case
from advisor.appraisal.longlist import long_list
from advisor.appraisal.models import (
    BUSINESS_AS_USUAL,
    Appraisal,
    AppraisedOption,
    Component,
    Criterion,
    Sensitivity,
)
from advisor.appraisal.objectives import check_objectives, spending_objectives
from advisor.appraisal.ranking import RankedOption, rank_options
from advisor.appraisal.sensitivity import fact_switches, weight_switches
from advisor.appraisal.shortlist import ShortList, business_as_usual_name, check_options, forms
from advisor.appraisal.weights import check_weights, default_weights, load_criteria
from advisor.case.model import Case
from advisor.engine.parallel import parallel_map
from advisor.kb.load import REPORT, load_knowledge

WORKERS = 2


def _criteria(weights: Mapping[str, float]) -> dict[str, Criterion]:
    defaults = default_weights()
    return {
        c.id: Criterion(
            name=c.name,
            short=c.short,
            green_book=c.green_book,
            weight=weights[c.id],
            default_weight=defaults[c.id],
            meaning=" ".join(c.text.split()),
            justification=" ".join(c.justification.split()),
            source=c.source,
            components={
                part["id"]: Component(
                    name=part["name"],
                    weight=part["weight"],
                    meaning=" ".join(part["text"].split()),
                    scoring=" ".join(part["scoring"].split()),
                    source=part["source"],
                )
                for part in c.components
            },
        )
        for c in load_criteria()
    }


def _name(option: str, case: Case) -> str:
    return business_as_usual_name(case) if option == BUSINESS_AS_USUAL else forms()[option].name


def _appraised(
    case: Case, parts: Any, ranked: Sequence[RankedOption], short_list: ShortList
) -> tuple[AppraisedOption, ...]:
    """The ranked options with their verdicts, risks and formalisation if chosen."""
    arrangement = short_list.arrangement
    wanted = [o.form for o in ranked if o.form != BUSINESS_AS_USUAL] + ([arrangement] if arrangement else [])
    found = consequences(case, parts, dict.fromkeys(wanted))
    out = []
    for rank, option in enumerate(ranked, start=1):
        form = arrangement if option.form == BUSINESS_AS_USUAL else option.form
        if form:
            risks, formalisation = found[form]
            advised = next(o for o in parts.options if o.form == form)
            verdict, score = advised.verdict, advised.score
        else:
            (risks, formalisation), verdict, score = independence(case), None, None
        out.append(
            AppraisedOption(
                form=option.form,
                name=_name(option.form, case),
                arrangement=arrangement if option.form == BUSINESS_AS_USUAL else "",
                roles=option.roles,
                verdict=verdict,
                advisor_score=score,
                scores=option.scores,
                total=round(float(option.total), 6),
                rank=rank,
                risks=risks,
                formalisation=formalisation,
            )
        )
    return tuple(out)


def appraise(
    case: Case,
    weights: Mapping[str, Any] | None = None,
    options: Sequence[str] | None = None,
    facts: bool = True,
    workers: int = 1,
    objectives: Sequence[str] = (),
    costs: CostsFile | None = None,
) -> Appraisal:
    """Appraise the options for a case.

    ``weights`` override the default weight of any critical success factor; ``options`` names
    the forms to short-list besides business as usual, the do-minimum, the preferred way forward
    and the forms considered (default: every viable form); ``facts`` searches the single changes
    a board could make that would change the preferred way forward or the top of the ranking
    (one run of the rules per change, over ``workers`` processes); ``objectives`` are the user's
    own spending objectives; ``costs`` gives money per option (see :mod:`advisor.appraisal.costs`).
    Raises ``WeightsError``, ``OptionsError``, ``ObjectiveError`` or ``CostsError`` for bad input."""
    used = check_weights(weights or {})
    requested = None if options is None else check_options(options)
    own = check_objectives(objectives)
    parts = conclusions(case)
    short_list, evidence, ranked = rank_options(case, parts, used, requested)
    appraised = _appraised(case, parts, ranked, short_list)
    names = {o.form: o.name for o in appraised}
    preferred = next((o for o in appraised if "preferred" in o.roles), None)
    economic = economic_case(
        case, [Costable(o.form, o.name, o.risks) for o in appraised], preferred.form if preferred else "", costs
    )
    table = sorted(ranked, key=lambda o: o.position)
    switches = weight_switches([(o.form, o.exact()) for o in table], used)
    leaders_now = (preferred.form if preferred else "", ranked[0].form)
    found, tried = fact_switches(case, leaders_now, used, requested, workers) if facts else (None, 0)
    criteria = _criteria(used)
    kb = load_knowledge()
    return Appraisal(
        case_name=case.collaboration.name,
        partners=tuple(p.name for p in case.partners),
        objectives=spending_objectives(case, own),
        long_list=long_list(evidence, short_list, preferred.scores if preferred else None, economic),
        short_list=appraised,
        excluded=short_list.excluded,
        criteria=criteria,
        agreement=agreement(ranked, used, names, {c: criterion.name for c, criterion in criteria.items()}),
        economic_case=economic,
        sensitivity=Sensitivity(top=ranked[0].form, weights=switches, facts=found, facts_tried=tried),
        notes=short_list.notes,
        knowledge_base={"version": kb.version, "report": REPORT},
    )


def appraise_many(
    cases: Sequence[Case],
    weights: Mapping[str, Any] | None = None,
    options: Sequence[str] | None = None,
    facts: bool = False,
    workers: int = WORKERS,
    progress: Callable[[int], Any] | None = None,
    objectives: Sequence[str] = (),
    costs: CostsFile | None = None,
) -> list[Appraisal]:
    """Appraise many cases over ``workers`` processes (each builds its engine once); results
    come back in input order and are the same as one :func:`appraise` call per case. The fact
    search is off unless ``facts``; ``progress(n)`` is called as results arrive."""
    used = check_weights(weights or {})
    requested = None if options is None else check_options(options)
    own = check_objectives(objectives)
    job = partial(appraise, weights=used, options=requested, facts=facts, objectives=own, costs=costs)
    return parallel_map(job, cases, workers=workers, progress=progress, initializer=warm_up)
