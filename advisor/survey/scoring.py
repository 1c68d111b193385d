"""Scoring survey responses: item scores, mechanism scores and their spread, and group splits.

Item score. Items have scales of different lengths (two, three or five options), so each
answer is normalised to a readiness score between 0 and 1: ``(code - 1) / (points - 1)``,
and for a reverse-scored item (a higher code is worse, e.g. Q9 "there is a history of
competition") one minus that. So on every item 0 is the worst answer for readiness and 1
the best; "Neither agree nor disagree" is 0.5.

Mechanism score. A respondent's score on a mechanism is the mean of their item scores for
it, and counts only if they answered *every* item of that mechanism (so all respondents are
scored on the same items). The mechanism's score is the mean over those respondents, with
its spread: sample standard deviation, minimum and maximum, and how many respondents fall
in each level. Computations are exact (fractions); results are rounded to three decimals.

Groups. Respondents are split by role (Q1: leaders and key architects against the wider
workforce), by staff group (Q2: clinical, managerial, both) and by organisation (Q3, names
compared ignoring case and spacing). For anonymity a group with fewer than five respondents
is not shown, nor a group's score on a mechanism fewer than five of them answered. As the
overall result is shown too, a split (or one mechanism within it) is also withheld when the
respondents it leaves out number one to four: subtracting would reveal their answers.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from operator import attrgetter, itemgetter

from pydantic import BaseModel, ConfigDict

from advisor.survey.maturity import (
    LABELS,
    MATURITY,
    Level,
    Maturity,
    element_of,
    engine_level,
    maturity_description,
    readiness_level,
)
from advisor.survey.responses import Question, Response, questions

MIN_GROUP = 5
SPLITS = (
    ("role", "Leaders and key architects against the wider workforce (Q1)", "q01"),
    ("staff", "Clinical against managerial staff (Q2)", "q02"),
    ("organisation", "By organisation (Q3)", "q03"),
)


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _round(value: Fraction | float | None) -> float | None:
    return None if value is None else round(float(value), 3)


def item_score(question: Question, code: int) -> Fraction:
    """The 0-1 readiness score of an answer code, reverse-scored where a higher code is worse."""
    points = len(question.scale)
    score = Fraction(code - 1, points - 1)
    return 1 - score if question.reverse else score


@cache
def _unit() -> int:
    """The smallest number of points into which every item's 0-1 score divides exactly."""
    return math.lcm(*(len(q.scale) - 1 for q in questions() if q.scale))


@cache
def _point_tables() -> dict[str, dict[int, int]]:
    """Per coded question, each answer code's item score in points (1 point = 1/_unit()), so
    that sums stay whole numbers."""
    return {q.id: {c.value: int(item_score(q, c.value) * _unit()) for c in q.scale} for q in questions() if q.scale}


def _points(question: Question) -> dict[int, int]:
    return _point_tables()[question.id]


def measured_mechanisms() -> tuple[str, ...]:
    """The mechanisms the survey measures, in survey order."""
    return tuple(dict.fromkeys(q.measures for q in questions() if q.measures))


def mechanism_items(mechanism: str) -> tuple[Question, ...]:
    """The questions that measure a mechanism."""
    return tuple(q for q in questions() if q.measures == mechanism)


@dataclass(frozen=True)
class Scores:
    """The respondents' scores on one mechanism, held exactly as how many respondents reached
    each total of item points (a score is total / ``full``)."""

    totals: Counter[int]
    full: int

    @property
    def n(self) -> int:
        """How many respondents are scored."""
        return sum(self.totals.values())

    def mean(self) -> Fraction | None:
        """The exact mean score, or None when nobody is scored."""
        n = self.n
        return Fraction(sum(t * k for t, k in self.totals.items()), self.full * n) if n else None

    def sd(self) -> float | None:
        """The sample standard deviation (as :func:`statistics.stdev`), None below two respondents."""
        n, mean = self.n, self.mean()
        if n < 2 or mean is None:
            return None
        squares = sum(k * (Fraction(t, self.full) - mean) ** 2 for t, k in self.totals.items())
        return math.sqrt(squares / (n - 1))

    def extremes(self) -> tuple[Fraction, Fraction] | None:
        """The lowest and highest score."""
        return (Fraction(min(self.totals), self.full), Fraction(max(self.totals), self.full)) if self.totals else None

    def levels(self) -> Counter[str]:
        """How many respondents are at each readiness level."""
        counts: Counter[str] = Counter()
        for total, k in self.totals.items():
            counts[readiness_level(Fraction(total, self.full))] += k
        return counts


def _answers(responses: Iterable[Response], question_ids: list[str]) -> Counter[tuple[object, ...]]:
    """How many respondents gave each combination of answers to the questions: one pass over
    the responses at C speed, leaving a handful of combinations to work on."""
    pick = itemgetter(*question_ids)
    combos = Counter(map(pick, map(attrgetter("answers"), responses)))
    return combos if len(question_ids) > 1 else Counter({(answer,): n for answer, n in combos.items()})


def _total(codes: tuple[object, ...], tables: list[dict[int, int]]) -> int | None:
    """The total item points of one respondent's answers (``tables``: :func:`_points` of each
    item); None if one is unanswered."""
    if not all(code in table for code, table in zip(codes, tables, strict=True)):
        return None
    return sum(table[code] for code, table in zip(codes, tables, strict=True))  # type: ignore[index]


def _scores(combos: Counter[tuple[object, ...]], items: tuple[Question, ...]) -> Scores:
    tables = [_points(q) for q in items]
    totals: Counter[int] = Counter()
    for codes, n in combos.items():
        total = _total(codes, tables)
        if total is not None:
            totals[total] += n
    return Scores(totals, _unit() * len(items))


def respondent_totals(responses: Sequence[Response]) -> dict[str, list[int | None]]:
    """Per mechanism, each respondent's total of item points (None when an item is unanswered),
    in the order of ``responses``: worked out once, then counted by any group of respondents."""
    answers = list(map(attrgetter("answers"), responses))
    totals = {}
    for mechanism in measured_mechanisms():
        items = mechanism_items(mechanism)
        pick = itemgetter(*(q.id for q in items))
        tables = [_points(q) for q in items]
        combos = set(map(pick, answers))
        total_of = {combo: _total(combo if len(items) > 1 else (combo,), tables) for combo in combos}
        totals[mechanism] = list(map(total_of.__getitem__, map(pick, answers)))
    return totals


class ItemResult(_Model):
    """One item: how respondents answered it and its mean readiness score."""

    id: str
    number: int
    name: str
    reverse: bool
    n: int
    unanswered: int
    counts: dict[str, int]
    mean_code: float | None
    score: float | None


class MechanismResult(_Model):
    """A measured mechanism: its score, spread, levels and Table 11 description."""

    id: str
    label: str
    items: tuple[ItemResult, ...]
    n: int
    score: float | None
    sd: float | None
    min: float | None
    max: float | None
    level_counts: dict[str, int]
    level: Level | None
    maturity: Maturity | None
    measured_level: Level | None
    element: str
    element_name: str
    description: str | None


def _item_result(question: Question, position: int, combos: Counter[tuple[object, ...]]) -> ItemResult:
    """One item's answers, counted from the combinations of answers to its mechanism's items."""
    counts: Counter[object] = Counter()
    for codes, k in combos.items():
        counts[codes[position]] += k
    unanswered = counts.pop(None, 0)
    n = sum(counts.values())
    points = _points(question)
    return ItemResult(
        id=question.id,
        number=question.number,
        name=question.name,
        reverse=question.reverse,
        n=n,
        unanswered=unanswered,
        counts={str(c.value): counts[c.value] for c in question.scale},
        mean_code=_round(Fraction(sum(c * k for c, k in counts.items()), n)) if n else None,
        score=_round(Fraction(sum(points[c] * k for c, k in counts.items()), _unit() * n)) if n else None,
    )


def mechanism_result(mechanism: str, responses: tuple[Response, ...]) -> tuple[MechanismResult, Fraction | None]:
    """Score one mechanism over the responses; also returns the exact score (None if nobody answered)."""
    items = mechanism_items(mechanism)
    combos = _answers(responses, [q.id for q in items])
    scores = _scores(combos, items)
    mean = scores.mean()
    level = readiness_level(mean) if mean is not None else None
    element, element_name = element_of(mechanism)
    extremes = scores.extremes()
    levels = scores.levels()
    result = MechanismResult(
        id=mechanism,
        label=LABELS[mechanism],
        items=tuple(_item_result(q, position, combos) for position, q in enumerate(items)),
        n=scores.n,
        score=_round(mean),
        sd=_round(scores.sd()),
        min=_round(extremes[0]) if extremes else None,
        max=_round(extremes[1]) if extremes else None,
        level_counts={name: levels[name] for name in ("low", "medium", "high")},
        level=level,
        maturity=MATURITY[level] if level else None,
        measured_level=engine_level(mechanism, level) if level else None,
        element=element,
        element_name=element_name,
        description=maturity_description(mechanism, level) if level else None,
    )
    return result, mean


class GroupResult(_Model):
    """One group of respondents: its size and its score on each mechanism (None = withheld)."""

    label: str
    n: int
    scores: dict[str, float | None]


class SplitResult(_Model):
    """Respondents split by one profile question; only groups of five or more are shown."""

    id: str
    title: str
    shown: bool
    groups: tuple[GroupResult, ...]
    withheld: tuple[str, ...]
    not_stated: int
    note: str


class Disagreement(_Model):
    """Where the groups of a split differ on a mechanism: the gap between highest and lowest."""

    split: str
    mechanism: str
    gap: float
    highest: str
    highest_score: float
    lowest: str
    lowest_score: float


def _groups(answers: list[object], question_id: str) -> tuple[dict[object, str], dict[str, int], int]:
    """Respondents grouped by their answer to a profile question: each answer's group label
    (organisation names compared ignoring case, shown as first written), the size of each
    group in display order, and how many did not answer."""
    question = next(q for q in questions() if q.id == question_id)
    counts = Counter(answers)  # in the order answers first appear
    not_stated = counts.pop(None, 0)
    key_of = {answer: answer.casefold() if isinstance(answer, str) else answer for answer in counts}
    labels: dict[object, str] = {}
    sizes: Counter[object] = Counter()
    for answer, n in counts.items():
        labels.setdefault(key_of[answer], answer if isinstance(answer, str) else "")
        sizes[key_of[answer]] += n
    if question.free_text:
        ordered = sorted(sizes, key=lambda k: str(k))
    else:
        ordered = [c.value for c in question.scale if c.value in sizes]
        labels = {c.value: c.label for c in question.scale}
    return {answer: labels[key] for answer, key in key_of.items()}, {labels[k]: sizes[k] for k in ordered}, not_stated


def _group_scores(
    answers: list[object], totals: list[int | None], label_of: dict[object, str], mechanism: str
) -> dict[str, Scores]:
    """Each group's scores on a mechanism, counted over (answer, total) pairs at C speed."""
    by_group: dict[str, Counter[int]] = {}
    for (answer, total), n in Counter(zip(answers, totals, strict=True)).items():
        if answer is not None and total is not None:
            by_group.setdefault(label_of[answer], Counter())[total] += n
    full = _unit() * len(mechanism_items(mechanism))
    return {label: Scores(counts, full) for label, counts in by_group.items()}


def split_result(
    split_id: str,
    title: str,
    question_id: str,
    responses: Sequence[Response],
    overall_n: dict[str, int],
    totals: dict[str, list[int | None]],
) -> SplitResult:
    """Split the respondents by a profile question, applying the anonymity rules; ``totals`` are
    the respondents' scores from :func:`respondent_totals`."""
    answers = [response.answers[question_id] for response in responses]
    label_of, groups, not_stated = _groups(answers, question_id)
    large = {label: size for label, size in groups.items() if size >= MIN_GROUP}
    withheld = tuple(label for label in groups if label not in large)
    left_out = len(responses) - sum(large.values())

    def result(shown: bool, shown_groups: tuple[GroupResult, ...], note: str) -> SplitResult:
        return SplitResult(
            id=split_id,
            title=title,
            shown=shown,
            groups=shown_groups,
            withheld=withheld,
            not_stated=not_stated,
            note=note,
        )

    if 0 < left_out < MIN_GROUP:
        return result(
            False,
            (),
            f"not shown: it would leave out {left_out} respondent(s) (small groups or not stated), "
            f"fewer than {MIN_GROUP}, whose answers could be worked out from the overall result",
        )
    if len(large) < 2:
        return result(False, (), f"not shown: fewer than two groups have {MIN_GROUP} or more respondents")
    cells: dict[str, dict[str, Fraction | None]] = {label: {} for label in large}
    empty = Scores(Counter(), 1)
    for mechanism in measured_mechanisms():
        scored = _group_scores(answers, totals[mechanism], label_of, mechanism)
        per_group = {label: scored.get(label, empty) for label in large}
        visible = {label: s for label, s in per_group.items() if s.n >= MIN_GROUP}
        hidden_n = overall_n[mechanism] - sum(s.n for s in visible.values())
        for label, scores in per_group.items():
            keep = label in visible and not 0 < hidden_n < MIN_GROUP
            cells[label][mechanism] = scores.mean() if keep else None
    shown_groups = tuple(
        GroupResult(label=label, n=large[label], scores={m: _round(s) for m, s in cells[label].items()})
        for label in large
    )
    note = f"groups with fewer than {MIN_GROUP} respondents are not shown" if withheld else ""
    return result(True, shown_groups, note)


def disagreements(splits: tuple[SplitResult, ...]) -> tuple[Disagreement, ...]:
    """Every mechanism on which at least two groups of a shown split are scored, widest gap first."""
    found = []
    mechanisms = measured_mechanisms()
    for position, split in enumerate(splits):
        for m_position, mechanism in enumerate(mechanisms):
            scored = [(g.scores[mechanism], g.label) for g in split.groups if g.scores.get(mechanism) is not None]
            if len(scored) < 2:
                continue
            high = max(scored, key=lambda s: s[0])
            low = min(scored, key=lambda s: s[0])
            gap = round(high[0] - low[0], 3)
            found.append(
                (
                    (-gap, position, m_position),
                    Disagreement(
                        split=split.id,
                        mechanism=mechanism,
                        gap=gap,
                        highest=high[1],
                        highest_score=high[0],
                        lowest=low[1],
                        lowest_score=low[0],
                    ),
                )
            )
    return tuple(d for _, d in sorted(found, key=lambda f: f[0]))
