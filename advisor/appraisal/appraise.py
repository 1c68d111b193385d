"""Option appraisal for consultants, the HM Treasury Green Book way: a short list (business as
usual, a do-minimum, the preferred way forward and the other viable forms), scored on critical
success factors derived from the evidence, ranked by weighted total with each option's risks
and formalisation, and tested for sensitivity to the weights and to the facts of the case.

Library API: ``appraise(case) -> Appraisal`` and ``appraise_many(cases) -> list[Appraisal]``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any

from advisor.advice.build import advise
from advisor.advice.model import Advice
from advisor.appraisal.consequences import business_as_usual, consequences, warm_up
from advisor.appraisal.models import BUSINESS_AS_USUAL, Appraisal, AppraisedOption, Criterion, Sensitivity
from advisor.appraisal.parallel import parallel_map
from advisor.appraisal.ranking import RankedOption, rank_options
from advisor.appraisal.sensitivity import fact_switches, option_name, weight_switches
from advisor.appraisal.shortlist import check_options
from advisor.appraisal.weights import check_weights, default_weights, load_criteria
from advisor.case.model import Case
from advisor.kb.load import REPORT, load_knowledge

WORKERS = 2


def _criteria(weights: Mapping[str, float]) -> dict[str, Criterion]:
    defaults = default_weights()
    return {
        c.id: Criterion(
            name=c.name,
            short=c.get("short"),
            weight=weights[c.id],
            default_weight=defaults[c.id],
            meaning=" ".join(c.text.split()),
            scoring=" ".join(c.get("scoring").split()),
            justification=" ".join(c.get("justification").split()),
            source=c.source,
        )
        for c in load_criteria()
    }


def _appraised(case: Case, advice: Advice, option: RankedOption, rank: int) -> AppraisedOption:
    if option.form == BUSINESS_AS_USUAL:
        risks, formalisation = business_as_usual(case)
        verdict = score = None
    else:
        risks, formalisation = consequences(case, advice, option.form)
        found = next(o for o in advice.options if o.form == option.form)
        verdict, score = found.verdict, found.score
    return AppraisedOption(
        form=option.form,
        name=option_name(option.form),
        roles=option.roles,
        verdict=verdict,
        advisor_score=score,
        scores=option.scores,
        total=float(option.total),
        rank=rank,
        risks=risks,
        formalisation=formalisation,
    )


def appraise(
    case: Case,
    weights: Mapping[str, Any] | None = None,
    options: Sequence[str] | None = None,
    facts: bool = True,
    workers: int = 1,
) -> Appraisal:
    """Appraise the options for a case.

    ``weights`` override the default weight of any criterion (see ``load_criteria``);
    ``options`` names the forms to short-list besides business as usual, the do-minimum and the
    preferred way forward (default: every viable form); ``facts`` runs the search for single
    fact changes that change the top option (one engine run per change, over ``workers``
    processes). Raises ``WeightsError`` or ``OptionsError`` for bad weights or option names."""
    used = check_weights(weights or {})
    requested = None if options is None else check_options(options)
    advice = advise(case)
    short_list, _, ranked = rank_options(case, advice, used, requested)
    top = ranked[0].form
    table = sorted(ranked, key=lambda o: o.position)
    switches = weight_switches([(o.form, {c: s.score for c, s in o.scores.items()}) for o in table], used)
    found, tried = fact_switches(case, top, used, requested, workers) if facts else (None, 0)
    kb = load_knowledge()
    return Appraisal(
        case_name=case.collaboration.name,
        partners=tuple(p.name for p in case.partners),
        short_list=tuple(_appraised(case, advice, option, rank) for rank, option in enumerate(ranked, start=1)),
        excluded=short_list.excluded,
        criteria=_criteria(used),
        sensitivity=Sensitivity(top=top, weights=switches, facts=found, facts_tried=tried),
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
) -> list[Appraisal]:
    """Appraise many cases over ``workers`` processes (each builds its engine once); results
    come back in input order and are the same as one :func:`appraise` call per case. The fact
    search is off unless ``facts``; ``progress(n)`` is called as results arrive."""
    used = check_weights(weights or {})
    requested = None if options is None else check_options(options)
    job = partial(appraise, weights=used, options=requested, facts=facts)
    return parallel_map(job, cases, workers=workers, progress=progress, initializer=warm_up)
