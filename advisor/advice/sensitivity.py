"""What single answers, or small sets of changes, would do to the advice: the engine re-run
on edited cases, reading only the verdicts and the top option (the run stops after the
``ranking`` phase).

Used for the advice's certainty (:mod:`advisor.advice.certainty`), the facts that would decide
an undecided form, the importance of each unknown fact, and the pathways that would make a
form the partners asked about viable (:mod:`advisor.advice.proposals`), and the changes that
would make a form recommended for a trainer's why-not (:mod:`advisor.explain.why_not`)."""

from __future__ import annotations

import itertools
import os
import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from advisor.case.edit import LIST_FACTS, CaseEditError, apply_edits, current_value, editable_facts
from advisor.case.model import Case
from advisor.engine.parallel import parallel_map
from advisor.engine.tracing import VIABLE, run_case
from advisor.rules.facts import Candidate, Verdict

Edit = tuple[str, str]  # (fact name, new value as --what-if takes it)

# Facts a board can change by acting (the rest is history, geography or who the partners are).
ACTIONABLE: tuple[str, ...] = (
    "collaboration.scope",
    "collaboration.timeline",
    "collaboration.ambition",
    "collaboration.funding",
    "collaboration.legal_agreements",
    "collaboration.conflict_resolution",
    "collaboration.accountability",
    "collaboration.accountability_focus",
    "collaboration.vision_clarity",
    "collaboration.vision_sharedness",
    "collaboration.patient_involvement",
    "collaboration.staff_involvement",
    "collaboration.leadership_style",
    "collaboration.cultural_due_diligence",
    "collaboration.evaluation",
    "collaboration.role_clarity",
    "collaboration.mentor_funding",
    "relationship.communication",
    "partners.improvement_capacity",
    "partners.it_interoperability",
)
# Trying a fact that cannot change the verdicts is wasted effort: who mandated a voluntary
# collaboration, the forms the partners have in mind, the collaboration's name.
NEVER_TRIED = ("collaboration.forms_considered",)
PER_PARTNER_UP_TO = 8  # beyond this many partners, a partner fact is tried for all partners at once


@dataclass(frozen=True)
class Outcome:
    """The verdict and score of every form, and the top option ('' when none is viable)."""

    verdicts: Mapping[str, tuple[str, int]]
    top: str

    @property
    def top_verdict(self) -> str:
        return self.verdicts[self.top][0] if self.top else "none"

    def changes_top(self, other: Outcome) -> bool:
        """Whether ``other`` has another top option, or the same top with another verdict."""
        return (self.top, self.top_verdict) != (other.top, other.top_verdict)


def _outcome(case: Case, measured: tuple[tuple[str, str], ...]) -> Outcome:
    engine = run_case(case, dict(measured), stop_after="ranking")
    verdicts = {v["form"]: (v["verdict"], v["score"]) for v in engine.by_type[Verdict]}
    top = next((c["form"] for c in engine.by_type[Candidate] if c["top"] == "yes"), "")
    return Outcome(verdicts, top)


Measured = tuple[tuple[str, str], ...]
_outcomes: OrderedDict[tuple[Case, Measured], Outcome] = OrderedDict()  # the last OUTCOMES_KEPT
OUTCOMES_KEPT = 4096
SPREAD_FROM = 24  # re-runs worth spreading over two processes (fewer cost less than starting them)


def _outcome_job(job: tuple[Case, Measured]) -> Outcome:
    return _outcome(*job)


def outcomes(cases: Sequence[Case], measured: Measured = ()) -> list[Outcome]:
    """The verdicts and top option of each case, in order. Cases seen before are not run again
    (cases are immutable and hashable); many new ones are run on both cores when the machine
    has two and nothing else runs in this process (forking a threaded process is unsafe)."""
    new = [c for c in dict.fromkeys(cases) if (c, measured) not in _outcomes]
    workers = 2 if len(new) >= SPREAD_FROM and (os.cpu_count() or 1) > 1 and threading.active_count() == 1 else 1
    for case, result in zip(new, parallel_map(_outcome_job, [(c, measured) for c in new], workers), strict=True):
        _outcomes[(case, measured)] = result
    found = []
    for case in cases:
        _outcomes.move_to_end((case, measured))
        found.append(_outcomes[(case, measured)])
    while len(_outcomes) > OUTCOMES_KEPT:
        _outcomes.popitem(last=False)
    return found


def forget_outcomes() -> None:
    """Drop the kept outcomes (the next re-runs are real engine runs, e.g. for measuring)."""
    _outcomes.clear()


def outcome(case: Case, measured: Measured = ()) -> Outcome:
    """The verdicts and top option for a case."""
    return outcomes([case], measured)[0]


def edited_cases(case: Case, edit_sets: Iterable[tuple[Edit, ...]]) -> dict[tuple[Edit, ...], Case]:
    """Each set of edits with the case it makes (sets the case model refuses are left out)."""
    out = {}
    for edits in edit_sets:
        try:
            out[edits] = apply_edits(case, dict(edits))
        except CaseEditError:
            continue
    return out


def _is_unknown(value: Any) -> bool:
    return value == "unknown" or value == ()


def unknown_answers(case: Case) -> dict[str, tuple[Edit, ...]]:
    """Every unknown fact of the case with the answers it could be given: a choice fact each of
    its values; an empty list fact (drivers) each single value; a partner's fact, per partner."""
    facts = editable_facts(case, per_partner=len(case.partners) <= PER_PARTNER_UP_TO)
    mandated = case.collaboration.mandation == "mandated"
    out: dict[str, tuple[Edit, ...]] = {}
    for name, choices in facts.items():
        if name in NEVER_TRIED or (name.startswith("partners.") and len(case.partners) <= PER_PARTNER_UP_TO):
            continue  # a few partners are tried one by one (partners[0].size...), many all at once
        if name == "collaboration.mandated_by" and not mandated:
            continue
        if not _is_unknown(current_value(case, name)):
            continue
        out[name] = tuple((name, v) for v in choices if v != "unknown")
    return {name: edits for name, edits in out.items() if edits}


def try_answers(case: Case, answers: Iterable[Edit], measured: Mapping[str, str] | None = None) -> dict[Edit, Outcome]:
    """The outcome of each single answer (answers the case model refuses are left out)."""
    edited = edited_cases(case, ((edit,) for edit in answers))
    found = outcomes(list(edited.values()), tuple(sorted((measured or {}).items())))
    return {edits[0]: result for edits, result in zip(edited, found, strict=True)}


def actionable_edits(case: Case) -> tuple[Edit, ...]:
    """Every single change a board could make to an actionable fact, to a value it does not
    have; an empty list of drivers may gain one."""
    facts = editable_facts(case, per_partner=False)
    edits: list[Edit] = []
    for name in (*ACTIONABLE, "collaboration.drivers"):
        now = current_value(case, name)
        if name == "collaboration.drivers":
            edits += [(name, d) for d in facts[name] if not now]
            continue
        already = set(now) if isinstance(now, tuple) else {now}
        edits += [(name, value) for value in facts[name] if value != "unknown" and already != {value}]
    return tuple(edits)


@dataclass(frozen=True)
class Search:
    """The sets of changes found that bring a form to the goal (each with its outcome), how many
    sets of one, two and three changes were tried, and the single changes that raise the form's
    score (best first), from which the pairs and triples are drawn."""

    found: tuple[tuple[tuple[Edit, ...], Outcome], ...]
    tried: tuple[int, int, int]
    promising: tuple[Edit, ...]


def search_changes(
    case: Case,
    form: str,
    goal: tuple[str, ...],
    candidates: Iterable[Edit],
    measured: Mapping[str, str] | None = None,
    pools: tuple[int, ...] = (12, 8),
) -> Search:
    """The smallest sets of the ``candidates`` changes that bring ``form`` to a verdict in
    ``goal``, each checked by re-running the engine: single changes first, then pairs among the
    12 single changes that raise the form's score most, then triples among the best 8."""
    key = tuple(sorted((measured or {}).items()))
    base_score = outcome(case, key).verdicts[form][1]
    singles = try_answers(case, candidates, measured)
    found = [((edit,), o) for edit, o in singles.items() if o.verdicts[form][0] in goal]
    promising = sorted(
        (e for e, o in singles.items() if o.verdicts[form][1] > base_score),
        key=lambda e: (-singles[e].verdicts[form][1], e),
    )
    tried = [len(singles), 0, 0]
    for size, pool in zip((2, 3), pools, strict=True):
        if found:
            break
        combos = (c for c in itertools.combinations(promising[:pool], size) if len({fact for fact, _ in c}) == size)
        edited = edited_cases(case, combos)
        tried[size - 1] = len(edited)
        for combo, o in zip(edited, outcomes(list(edited.values()), key), strict=True):
            if o.verdicts[form][0] in goal:
                found.append((combo, o))
    return Search(tuple(found), (tried[0], tried[1], tried[2]), tuple(promising))


def search_pathways(
    case: Case,
    form: str,
    goal: tuple[str, ...] = VIABLE,
    measured: Mapping[str, str] | None = None,
    pools: tuple[int, ...] = (12, 8),
) -> tuple[tuple[tuple[Edit, ...], Outcome], ...]:
    """The smallest sets of actionable changes (:func:`actionable_edits`) that bring ``form``
    to a verdict in ``goal``, found by :func:`search_changes`."""
    return search_changes(case, form, goal, actionable_edits(case), measured, pools).found


def is_list_fact(name: str) -> bool:
    """Whether a fact holds several values (drivers, forms considered, ways of working)."""
    return name.rsplit(".", 1)[-1] in LIST_FACTS
