"""Layer 3, mechanism levels: once every effect on a mechanism has been asserted, settle its
level (low, medium, high, or unknown when nothing is known that bears on it)."""

from __future__ import annotations

from typing import Any

from advisor.engine.compat import Rule
from advisor.rules.registry import LEVEL_SALIENCE, MECHANISMS, attribute_name, mechanism_phase, rule

# Table 7 rows that track more than one variable (see knowledge/mechanisms.yaml `tracks`).
TABLE7_ROW = {
    "initial_faith": "task_complexity",
    "vision_clarity": "vision",
    "vision_sharedness": "vision",
}

# Table 11 elements that describe the same mechanism at three levels of maturity.
MATURITY_ELEMENT = {
    "trust": "mat_trust",
    "faith": "mat_faith",
    "confidence": "mat_confidence",
    "cultural_assimilation": "mat_cultural_integration",
    "legitimacy": "mat_legitimacy",
    "communication": "mat_communication",
    "vision_clarity": "mat_vision_clarity",
    "vision_sharedness": "mat_vision_sharedness",
    "risk_tolerance": "mat_risk_tolerance",
}

# The report lines that define each mechanism (Table 7) and grade it (Table 11, where it does).
LINES = {
    "task_complexity": ["1140"],
    "legitimacy": ["1142", "2129"],
    "initial_trust": ["1137"],
    "conflict_resolution": ["1134"],
    "vision_clarity": ["1141", "2131"],
    "vision_sharedness": ["1141", "2132"],
    "cultural_assimilation": ["1138", "2123"],
    "communication": ["1139", "2130"],
    "confidence": ["1136", "2122"],
    "initial_faith": ["1121", "1140"],
    "conflict": ["1133"],
    "trust": ["1135", "2120"],
    "perception_of_progress": ["1132"],
    "risk_tolerance": ["1130", "2133"],
    "faith": ["1131", "2121"],
    "collaborative_behaviour": ["1129"],
}

HIGH_AT = 2
LOW_AT = -2


def level_for(score: int) -> str:
    """The level a summed effect score gives: two net pushes either way make it high or low."""
    if score >= HIGH_AT:
        return "high"
    if score <= LOW_AT:
        return "low"
    return "medium"


def _level_rule(mechanism: str) -> Rule:
    def settle(self: Any) -> None:
        self.settle_level(mechanism)

    grades = (
        "the three levels follow Table 11's three grades of it"
        if mechanism in MATURITY_ELEMENT
        else "Table 11 does not grade it; three levels, as Table 11 grades other mechanisms, are our choice"
    )
    return rule(
        f"level.{mechanism}",
        "levels",
        statement=f"Settle the level of {mechanism.replace('_', ' ')} from the effects on it: "
        f"net +{HIGH_AT} or more is high, net {LOW_AT} or less is low, otherwise medium; "
        f"unknown when no effect fired and a fact it depends on is unknown ({grades}; the sums and "
        "thresholds are our calibration).",
        encodes=[TABLE7_ROW.get(mechanism, mechanism)]
        + ([MATURITY_ELEMENT[mechanism]] if mechanism in MATURITY_ELEMENT else []),
        lines=LINES[mechanism],
        strength="calibration",
        phase=mechanism_phase(mechanism),
        salience=LEVEL_SALIENCE,
    )(settle)


LevelRules = type(
    "LevelRules",
    (),
    {
        "__doc__": "One rule per mechanism that settles its level (layer: levels).",
        **{attribute_name(f"level.{m}"): _level_rule(m) for m in MECHANISMS},
    },
)
