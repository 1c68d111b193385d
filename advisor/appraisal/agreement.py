"""Whether the appraisal agrees with the advice: the preferred way forward is always the
advice's top option; when the weighted ranking puts another option first, one sentence says
which critical success factor makes the difference and which weight would close it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

from advisor.appraisal.models import Agreement
from advisor.appraisal.ranking import RankedOption


def _n(value: Fraction | float) -> str:
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def agreement(
    ranked: Sequence[RankedOption], weights: Mapping[str, float], names: Mapping[str, str], criteria: Mapping[str, str]
) -> Agreement:
    """Compare the preferred way forward with the first of the ranking. ``names`` gives each
    option's name and ``criteria`` each critical success factor's name."""
    first = ranked[0]
    preferred = next((o for o in ranked if "preferred" in o.roles), None)
    if preferred is None:
        sentence = (
            f"The advice has no preferred way forward (no form is recommended or conditional); "
            f"the weighted ranking puts {names[first.form]} first ({_n(first.total)})."
        )
        return Agreement(preferred="", ranked_first=first.form, agrees=False, sentence=sentence)
    if preferred is first:
        sentence = (
            f"The weighted ranking agrees with the advice: the preferred way forward, {names[first.form]}, "
            f"ranks first ({_n(first.total)})."
        )
        return Agreement(preferred=preferred.form, ranked_first=first.form, agrees=True, sentence=sentence)
    mine, theirs = preferred.exact(), first.exact()
    lead = {c: Fraction(w) * (theirs[c] - mine[c]) for c, w in weights.items()}
    decisive = max(lead, key=lambda c: (lead[c], -list(weights).index(c)))
    gap = first.total - preferred.total
    p, f = names[preferred.form], names[first.form]
    if gap:
        opening = (
            f"The weighted ranking puts {f} first ({_n(first.total)}) ahead of the preferred way forward, "
            f"{p} ({_n(preferred.total)})"
        )
    else:
        opening = (
            f"The weighted ranking puts {f} first: it ties with the preferred way forward, {p} "
            f"({_n(first.total)}), and a tie goes to the option earlier on the short list"
        )
    because = (
        f", because of {criteria[decisive]} (weight {_n(weights[decisive])}: {f} scores {_n(theirs[decisive])}, "
        f"{p} {_n(mine[decisive])})"
        if lead[decisive] > 0
        else ""
    )
    closing = {c: Fraction(weights[c]) + gap / (mine[c] - theirs[c]) for c in weights if mine[c] > theirs[c]}
    if not closing:
        tail = (
            f"; no weight would put {p} ahead, since it scores no higher on any factor: the advice rests on the "
            "evidence for and against each form, which the factors summarise only in part."
        )
    else:
        c = min(closing, key=lambda k: (closing[k] - Fraction(weights[k]), list(weights).index(k)))
        if gap:
            tail = f"; {p} would draw level if {criteria[c]} weighed {_n(closing[c])} instead of {_n(weights[c])}."
        else:
            tail = f"; {p} would rank ahead with any more weight on {criteria[c]}."
    return Agreement(preferred=preferred.form, ranked_first=first.form, agrees=False, sentence=opening + because + tail)
