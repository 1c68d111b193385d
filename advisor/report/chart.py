"""The mechanism profile of the brief as a picture: one bar per mechanism, grouped by when in
the collaboration's life the report places it (Table 7), with its level and what it means."""

from __future__ import annotations

from dataclasses import dataclass

from advisor.advice.model import Advice
from advisor.kb.load import KnowledgeBase

# Where the report places each mechanism in time (Table 7; Chapter 4, 'Mechanisms specific to
# early stages', 'Middle stage of collaboration', 'Atemporal elements').
TIMING_TITLES = {
    "early": "Early stages",
    "middle": "Middle stage",
    "atemporal": "Throughout the collaboration",
    "outcome": "Outcome",
}
OTHER_TITLE = "Other"

# Mechanisms for which a high level is the worry, not the hope: conflict erodes trust and
# progress (Box 1, Conflict; cmoc_f22) and a task seen as complex lowers initial faith
# (Box 1, Perception of task complexity; cmoc_f37).
CONCERN_WHEN_HIGH = frozenset({"conflict", "task_complexity"})

LEVELS = ("low", "medium", "high")
JUDGEMENTS = {
    "favourable": "favourable",
    "watch": "watch",
    "concern": "concern",
    "unknown": "not known",
}

# Drawing geometry, in SVG user units (the picture scales to the page width).
WIDTH = 680
LABEL_WIDTH = 250
CELL = 100
ROW = 22
BAR = 12
HEADER = 24
LEGEND = 48


@dataclass(frozen=True)
class ProfileRow:
    """One line of the chart: a group heading (``mechanism`` empty) or a mechanism's bar."""

    y: int
    title: str
    mechanism: str = ""
    level: str = ""
    judgement: str = ""
    bar_width: int = 0


@dataclass(frozen=True)
class MechanismProfile:
    """Everything the chart template needs to draw the profile."""

    rows: tuple[ProfileRow, ...]
    height: int
    track_x: int
    cell: int
    bar: int
    levels: tuple[str, ...]
    legend_y: int
    judgements: dict[str, str]
    concern_when_high: tuple[str, ...]
    width: int = WIDTH


def judgement(mechanism: str, level: str) -> str:
    """Whether a mechanism's level helps the collaboration: favourable, watch, concern or unknown."""
    if level not in LEVELS:
        return "unknown"
    if level == "medium":
        return "watch"
    return "favourable" if (level == "high") != (mechanism in CONCERN_WHEN_HIGH) else "concern"


def _label(mechanism: str) -> str:
    text = mechanism.replace("_", " ").capitalize()
    return f"{text} *" if mechanism in CONCERN_WHEN_HIGH else text


def mechanism_profile(advice: Advice, kb: KnowledgeBase) -> MechanismProfile:
    """Lay out the chart: mechanisms grouped by timing, in the order of Table 7."""
    timings = list(TIMING_TITLES)
    place: dict[str, tuple[int, int]] = {}
    for position, item in enumerate(kb.kind("mechanisms")):
        for variable in item.tracks or ():
            place[variable] = (timings.index(item.timing), position)
    groups: dict[str, list[str]] = {}
    for mechanism in sorted(advice.mechanisms, key=lambda m: place.get(m, (len(timings), 0))):
        title = timings[place[mechanism][0]] if mechanism in place else ""
        groups.setdefault(TIMING_TITLES.get(title, OTHER_TITLE), []).append(mechanism)
    rows: list[ProfileRow] = []
    y = HEADER
    for title, mechanisms in groups.items():
        rows.append(ProfileRow(y=y, title=title))
        y += ROW
        for mechanism in mechanisms:
            level = advice.mechanisms[mechanism].level
            width = (LEVELS.index(level) + 1) * CELL if level in LEVELS else 0
            rows.append(ProfileRow(y, _label(mechanism), mechanism, level, judgement(mechanism, level), width))
            y += ROW
    return MechanismProfile(
        rows=tuple(rows),
        height=y + LEGEND,
        track_x=LABEL_WIDTH,
        cell=CELL,
        bar=BAR,
        levels=LEVELS,
        legend_y=y + 14,
        judgements=JUDGEMENTS,
        concern_when_high=tuple(m.replace("_", " ") for m in sorted(CONCERN_WHEN_HIGH)),
    )
