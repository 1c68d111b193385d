"""Ranking the short list by weighted total: the sum over critical success factors of weight x
score.

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
from advisor.appraisal.scoring import Evidence, Subject, exact_score, score_option
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

    def exact(self) -> dict[str, Fraction]:
        """The option's exact score on each critical success factor."""
        return {c: exact_score(s) for c, s in self.scores.items()}


def weighted_total(scores: Mapping[str, Fraction | int], weights: Mapping[str, float]) -> Fraction:
    """The sum over criteria of weight x score, exactly."""
    return sum((Fraction(weights[c]) * Fraction(scores[c]) for c in weights), Fraction(0))


def subject(option: str, short_list: ShortList) -> Subject:
    """What an option on the short list is scored as."""
    if option != BUSINESS_AS_USUAL:
        return Subject(forms()[option])
    if short_list.arrangement:
        return Subject(forms()[short_list.arrangement], in_place=True)
    return Subject(None)


def rank_options(
    case: Case, advice: Advice | Parts, weights: Mapping[str, float], requested: Sequence[str] | None = None
) -> tuple[ShortList, Evidence, list[RankedOption]]:
    """The short list, the evidence it was scored on, and its options best first."""
    evidence = Evidence.of(case, advice)
    short_list = build_short_list(evidence, requested)
    ranked = []
    for position, (form, roles) in enumerate(short_list.options):
        scores = score_option(subject(form, short_list), evidence)
        total = weighted_total({c: exact_score(s) for c, s in scores.items()}, weights)
        ranked.append(RankedOption(form, roles, scores, total, position))
    ranked.sort(key=lambda o: (-o.total, o.position))
    return short_list, evidence, ranked


def leaders(case: Case, weights: Mapping[str, float], requested: Sequence[str] | None = None) -> tuple[str, str]:
    """For a case, the preferred way forward (the option holding the advice's top form, '' if
    none) and the option the weighted ranking puts first, from one run of the rules."""
    ranked = rank_options(case, conclusions(case), weights, requested)[2]
    return next((o.form for o in ranked if "preferred" in o.roles), ""), ranked[0].form
