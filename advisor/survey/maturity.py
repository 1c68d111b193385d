"""From survey scores to levels: readiness level, maturity level (Table 11) and the level
handed to the advice engine; and the Table 10 actions that address weak mechanisms.

Scores are readiness scores from 0 (worst) to 1 (best); see :mod:`advisor.survey.scoring`.
The scale is cut into equal thirds. On a five-point agree scale a third is 1.33 codes, so
"low" means respondents on average disagree (mean code below 2.33 on a good-is-agree item),
"high" that they on average agree (above 3.67), and anything in between, including the
neutral middle, is "medium":

=================  ==================  =========================  ====================
readiness score    readiness level     maturity (Table 11)        level given to advice
=================  ==================  =========================  ====================
below 1/3          low                 pathological               low
1/3 to 2/3         medium              bureaucratic               medium
above 2/3          high                generative                 high
=================  ==================  =========================  ====================

Task complexity is the exception: its items are reverse-scored (a large organisation, many
partners, hard legislation and a resistant identity all make the task *more* complex), so a
high readiness score means a *simple* task and the level given to the advice engine is
inverted (readiness high -> ``task_complexity: low``).

Table 11 has no row for every survey mechanism. The mapping used (``ELEMENT``):
initial trust -> Trust; perceived legitimacy -> Perceived legitimacy; initial faith ->
Faith; task complexity -> Faith (Table 11's pathological faith is a task "overly complex"
and "under-resourced"); ease of cultural integration -> Ease of cultural integration;
conflict resolution -> Trust (Table 11 describes trust through how conflicts are resolved);
clarity of vision -> Clarity of vision; sharedness of vision -> Sharedness of vision.
Confidence, interpersonal communication and risk tolerance are not measured by the survey.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Literal

from advisor.kb.load import load_knowledge

Level = Literal["low", "medium", "high"]
Maturity = Literal["pathological", "bureaucratic", "generative"]

LOW_BELOW = Fraction(1, 3)
HIGH_ABOVE = Fraction(2, 3)
MATURITY: dict[str, Maturity] = {"low": "pathological", "medium": "bureaucratic", "high": "generative"}

# Names of the measured mechanisms, after the survey's blocks (Appendix 4).
LABELS = {
    "initial_trust": "Initial trust",
    "legitimacy": "Perceived legitimacy",
    "task_complexity": "Task complexity (higher = simpler)",
    "initial_faith": "Initial faith",
    "cultural_assimilation": "Ease of cultural integration",
    "conflict_resolution": "Conflict resolution",
    "vision_clarity": "Clarity of vision",
    "vision_sharedness": "Sharedness of vision",
}

# Survey mechanism -> Table 11 element (see the module docstring).
ELEMENT = {
    "initial_trust": "mat_trust",
    "legitimacy": "mat_legitimacy",
    "task_complexity": "mat_faith",
    "initial_faith": "mat_faith",
    "cultural_assimilation": "mat_cultural_integration",
    "conflict_resolution": "mat_trust",
    "vision_clarity": "mat_vision_clarity",
    "vision_sharedness": "mat_vision_sharedness",
}

# Measured levels that mean the opposite for the engine (a higher level is worse).
INVERTED = frozenset({"task_complexity"})

# Where Table 10 has few actions naming a survey variable itself, the actions that name the
# broader Table 7 mechanism in the Table 10 task rows about that variable also serve it; rows
# in the order they are searched (initial faith: three of its four items are about resources,
# the "Ensuring capacity" row, before the general "Faith and initial faith" row).
BROADER = {
    "initial_trust": ("trust", ("Enhancing trust and interpersonal ties",)),
    "initial_faith": ("faith", ("Ensuring capacity for implementing the collaboration", "Faith and initial faith")),
    "task_complexity": ("faith", ("Faith and initial faith",)),
    "conflict_resolution": ("conflict", ("Managing and resolving conflict",)),
}

WEAKEST_COUNT = 3
PER_MECHANISM = 4


def readiness_level(score: Fraction) -> Level:
    """The readiness level of a 0-1 score: below 1/3 low, above 2/3 high, else medium."""
    if score < LOW_BELOW:
        return "low"
    if score > HIGH_ABOVE:
        return "high"
    return "medium"


def engine_level(mechanism: str, level: Level) -> Level:
    """The level given to ``advise(measured=...)``: inverted for task complexity."""
    if mechanism in INVERTED:
        return {"low": "high", "medium": "medium", "high": "low"}[level]
    return level


def element_of(mechanism: str) -> tuple[str, str]:
    """The Table 11 element a survey mechanism is read against: (element id, element name)."""
    element = load_knowledge()[ELEMENT[mechanism]]
    return element.id, element.name


def maturity_description(mechanism: str, level: Level) -> str:
    """Table 11's description of the mechanism's element at the maturity level of ``level``."""
    return " ".join(load_knowledge()[ELEMENT[mechanism]].levels[MATURITY[level]].split())


def unmeasured_elements() -> tuple[tuple[str, str], ...]:
    """Table 11 elements the survey does not measure: (id, name)."""
    measured = set(ELEMENT.values())
    return tuple((e.id, e.name) for e in load_knowledge().kind("maturity_elements") if e.id not in measured)


def weakest(scores: dict[str, Fraction]) -> tuple[str, ...]:
    """The (up to three) lowest-scoring mechanisms that are not yet generative, lowest first.

    Ties keep the survey's order. A collaboration generative on everything has none.
    """
    order = list(scores)
    candidates = [m for m in order if readiness_level(scores[m]) != "high"]
    return tuple(sorted(candidates, key=lambda m: (scores[m], order.index(m)))[:WEAKEST_COUNT])


def actions_for(mechanisms: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Table 10 actions for the given (weak) mechanisms: (action id, the mechanisms it serves).

    For each mechanism, up to four actions: first those whose Table 10 ``mechanisms`` name it,
    in table order, then (see ``BROADER``) those naming its broader mechanism in its task rows.
    An action serving several of the mechanisms is listed once, where it first appears.
    """
    actions = load_knowledge().kind("actions")
    serves: dict[str, list[str]] = {}
    for mechanism in mechanisms:
        picks = [a.id for a in actions if mechanism in (a.mechanisms or ())]
        broader, rows = BROADER.get(mechanism, ("", ()))
        for row in rows:
            picks += [a.id for a in actions if a.task == row and broader in (a.mechanisms or ())]
        for action_id in list(dict.fromkeys(picks))[:PER_MECHANISM]:
            serves.setdefault(action_id, []).append(mechanism)
    return tuple((action_id, tuple(served)) for action_id, served in serves.items())
