"""Ranking the short list by weighted total: the sum over criteria of weight x score.

Totals are kept as exact fractions so that ties are ties; a tie goes to the option earlier on
the short list (business as usual, then the do-minimum, the preferred way forward and the
rest in the advisor's order), so the cautious option wins when nothing separates them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from advisor.advice.assemble import Parts
from advisor.advice.build import conclusions
from advisor.advice.model import Advice
from advisor.appraisal.models import BUSINESS_AS_USUAL, CriterionScore, Role
from advisor.appraisal.scoring import Evidence, score_option
from advisor.appraisal.shortlist import ShortList, build_short_list, forms
from advisor.case.model import Case


@dataclass(frozen=True)
class RankedOption:
    """A short-listed option with its scores and exact weighted total."""

    form: str
    roles: tuple[Role, ...]
    scores: dict[str, CriterionScore]
    total: Fraction
    position: int


def weighted_total(scores: Mapping[str, int], weights: Mapping[str, float]) -> Fraction:
    """The sum over criteria of weight x score, exactly."""
    return sum((Fraction(weights[c]) * scores[c] for c in weights), Fraction(0))


def rank_options(
    case: Case, advice: Advice | Parts, weights: Mapping[str, float], requested: Sequence[str] | None = None
) -> tuple[ShortList, Evidence, list[RankedOption]]:
    """The short list, the evidence it was scored on, and its options best first."""
    evidence = Evidence.of(case, advice)
    short_list = build_short_list(evidence, requested)
    known = forms()
    ranked = []
    for position, (form, roles) in enumerate(short_list.options):
        scores = score_option(None if form == BUSINESS_AS_USUAL else known[form], evidence)
        total = weighted_total({c: s.score for c, s in scores.items()}, weights)
        ranked.append(RankedOption(form, roles, scores, total, position))
    ranked.sort(key=lambda o: (-o.total, o.position))
    return short_list, evidence, ranked


def top_form(case: Case, weights: Mapping[str, float], requested: Sequence[str] | None = None) -> str:
    """The option the appraisal ranks first for a case."""
    return rank_options(case, conclusions(case), weights, requested)[2][0].form
