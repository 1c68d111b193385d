"""Why a form is not recommended, for trainers: the evidence that counted against it or capped
it, the support it did not get (with the conditions of those rules that did not hold), and the
smallest sets of fact edits that make it recommended.

The edits are found by the advice's own search (:func:`advisor.advice.sensitivity.search_changes`:
single edits, then pairs, then triples among the most promising, each checked by re-running
the engine up to the ranking), trying every value of every fact the form's verdict depends on
(:func:`advisor.engine.dependencies.form_reads`) where the board's proposals try only the
facts a board controls. The conditions come from the rule registry, judged by
:mod:`advisor.explain.conditions`.
"""

from __future__ import annotations

import json
from functools import partial
from typing import Any

from advisor.advice.assemble import rule_sources
from advisor.advice.sensitivity import Edit, search_changes
from advisor.case.edit import LIST_FACTS, CaseEditError, apply_edits, current_value, editable_facts
from advisor.case.model import FORM_IDS, Case
from advisor.engine.compat import Fact
from advisor.engine.dependencies import form_reads
from advisor.engine.facts import case_facts
from advisor.engine.tracing import RECOMMEND_AT, FiringRecord, run_case
from advisor.explain.conditions import (
    FailedCondition,
    Memory,
    edit_names,
    held,
    joint_test,
    unmet,
)
from advisor.explain.result import ExplainError, Result, escape
from advisor.kb.load import load_knowledge
from advisor.rules.facts import FormEvidence, FormFact, Phase, Verdict
from advisor.rules.registry import CONDITIONS, REGISTRY

GOAL = ("recommended",)
PROMISING_SHOWN = 12  # when no change is found, the support is read from this many best single edits


class WhyNot(Result):
    """Why a form is not recommended, and the smallest fact edits that make it recommended.

    ``changes`` are sets of edits (fact -> value, as --what-if takes them), each checked by
    re-running the engine; ``scores_after`` gives the form's score with each. ``engine_runs``
    counts the runs this explanation asked for: the case (traced, and as the search's baseline),
    every set of edits tried (edits that leave the facts the rules start from unchanged are not
    tried) and each change found (or, when none is, each of the most promising single edits),
    re-run for the support it brings. The search's runs are
    cached, so asking again in the same process costs less than the count says."""

    case_name: str
    form: str
    name: str
    verdict: str
    score: int
    recommend_at: int
    failed_conditions: tuple[FailedCondition, ...]
    changes: tuple[dict[str, str], ...]
    scores_after: tuple[int, ...]
    searched_single: int
    searched_pairs: int
    searched_triples: int
    engine_runs: int
    note: str


def why_not(case: Case, form: str) -> WhyNot:
    """Why ``form`` is not recommended for the case, and the smallest sets of fact edits that
    make it recommended, each checked by re-running the engine."""
    if form not in FORM_IDS:
        raise ExplainError(f"form {form!r}: no such form; forms: {', '.join(FORM_IDS)}")
    engine = run_case(case, stop_after="ranking")
    facts = [f for kind, found in engine.by_type.items() if kind is not Phase for f in found]
    verdict = next(v for v in engine.by_type[Verdict] if v["form"] == form)
    here = _evidence(engine.firings, form)
    memory = Memory.of(case, (f for f in facts if not isinstance(f, FormFact) or f["id"] == form))
    name = load_knowledge()[form].name
    base = dict(
        case_name=case.collaboration.name,
        form=form,
        name=name,
        verdict=verdict["verdict"],
        score=verdict["score"],
        recommend_at=RECOMMEND_AT,
    )
    if verdict["verdict"] == "recommended":
        return WhyNot(
            **base,
            failed_conditions=(),
            changes=(),
            scores_after=(),
            searched_single=0,
            searched_pairs=0,
            searched_triples=0,
            engine_runs=1,
            note=f"{name} is already recommended (score {verdict['score']}).",
        )
    search = search_changes(case, form, GOAL, candidate_edits(case, form))
    found = sorted(search.found, key=lambda f: (-f[1].verdicts[form][1], sorted(f[0])))
    singles, pairs, triples = search.tried
    if found:
        note = f"{len(found)} change(s) of {len(found[0][0])} fact(s) make {name} recommended."
    else:
        note = (
            f"No change of up to three facts makes {name} recommended (tried {singles} single edits, "
            f"then {pairs} pair(s) and {triples} triple(s) of the most promising)."
        )
    tried_for_support = [edits for edits, _ in found] or [(edit,) for edit in search.promising[:PROMISING_SHOWN]]
    return WhyNot(
        **base,
        failed_conditions=_failed_conditions(form, here, _support(case, form, tried_for_support, here), memory),
        changes=tuple(dict(sorted(edits)) for edits, _ in found),
        scores_after=tuple(o.verdicts[form][1] for _, o in found),
        searched_single=singles,
        searched_pairs=pairs,
        searched_triples=triples,
        engine_runs=2 + sum(search.tried) + len(tried_for_support),
        note=note,
    )


def candidate_edits(case: Case, form: str) -> tuple[Edit, ...]:
    """Every value, other than the case's own and unknown, of every fact the form's verdict can
    depend on (a list fact gains or loses one value). Partner edits that give the rules the same
    partner summaries as the case, or as an earlier edit, are left out: the rules could not tell
    them apart (an edit of the collaboration or relationship always changes what they read)."""
    facts = editable_facts(case)
    seen = {_start(case)}
    edits = []
    for name in edit_names(form_reads(form), case):
        now = current_value(case, name)
        choices = [v for v in facts[name] if v != "unknown"]
        if name.rsplit(".", 1)[1] in LIST_FACTS:
            values = [",".join([x for x in now if x != v] if v in now else [*now, v]) for v in choices]
        else:
            already = set(now) if isinstance(now, tuple) else {now}
            values = [v for v in choices if already != {v}]
        for value in values:
            if name.startswith("partners"):
                try:
                    start = _start(apply_edits(case, {name: value}))
                except CaseEditError:
                    continue
                if start in seen:
                    continue
                seen.add(start)
            edits.append((name, value))
    return tuple(edits)


def _start(case: Case) -> str:
    """The facts the rules start from (partners summarised as the rules read them)."""
    _, values = case_facts(case, load_knowledge())
    return json.dumps(values, sort_keys=True, default=list)


def _evidence(firings: list[FiringRecord], form: str) -> dict[str, tuple[Fact, tuple[Fact, ...]]]:
    """The evidence on the form by rule, with the facts the firing that gave it matched."""
    return {
        fact["rule"]: (fact, record.matched)
        for record in firings
        for fact in record.asserted
        if isinstance(fact, FormEvidence) and fact["form"] == form
    }


def _support(case: Case, form: str, changes: list[tuple[Edit, ...]], here: dict[str, Any]) -> dict[str, int]:
    """The support for the form (rule -> delta) that fires with some of the ``changes`` but not
    for the case, read from a run of the rules up to the evidence on forms for each change."""
    support: dict[str, int] = {}
    for edits in changes:
        engine = run_case(apply_edits(case, dict(edits)), stop_after="forms")
        for fact in engine.by_type[FormEvidence]:
            if fact["form"] == form and fact["delta"] > 0 and fact["rule"] not in here:
                support[fact["rule"]] = max(fact["delta"], support.get(fact["rule"], 0))
    return support


KIND_ORDER = {"evidence_against": 0, "evidence_caps": 1, "support_missing": 2}


def _failed_conditions(
    form: str, here: dict[str, tuple[Fact, tuple[Fact, ...]]], support: dict[str, int], memory: Memory
) -> tuple[FailedCondition, ...]:
    """Evidence against the form or capping it that fired, with what made it hold; and support
    that fires with a change tried but not here, with the conditions that did not hold."""
    kb = load_knowledge()
    out = []
    for rule_id, (evidence, matched) in here.items():
        blocks, caps = evidence["block"] == "yes", evidence["cap"] == "yes"
        if blocks or caps or evidence["delta"] < 0:
            out.append(
                _failed(
                    "evidence_caps" if caps and not blocks else "evidence_against",
                    rule_id,
                    evidence["delta"],
                    blocks,
                    evidence["condition"],
                    held(rule_id, matched, memory.case),
                    rule_sources([rule_id], kb),
                )
            )
    for rule_id in sorted(support):
        conditions = CONDITIONS[rule_id]
        failing = unmet(conditions, memory) or (joint_test(conditions, memory),)
        out.append(
            _failed("support_missing", rule_id, support[rule_id], False, "", failing, rule_sources([rule_id], kb))
        )
    out.sort(key=lambda fc: (KIND_ORDER[fc.kind], not fc.rules_out, -abs(fc.delta), fc.rule))
    return tuple(out)


def _failed(
    kind: str,
    rule_id: str,
    delta: int,
    blocks: bool,
    condition: str,
    conditions: tuple[Any, ...],
    sources: tuple[str, ...],
) -> FailedCondition:
    return FailedCondition(
        kind=kind,
        rule=rule_id,
        statement=REGISTRY[rule_id].statement,
        delta=delta,
        rules_out=blocks,
        condition=condition,
        conditions=conditions,
        sources=sources,
    )


WHAT = {
    "evidence_against": "counted against it",
    "evidence_caps": "is evidence that caps it at conditional",
    "support_missing": "would have supported it, but did not fire",
}


def render_why_not(result: WhyNot, markdown: bool = False) -> str:
    """Failed conditions and the changes that would make the form recommended."""
    e = partial(escape, markdown=markdown)
    h1, h2 = ("# ", "## ") if markdown else ("", "")
    out = [
        h1 + e(f"Why not {result.name}? ({result.case_name})"),
        "",
        e(
            f"Verdict: {result.verdict.replace('_', ' ')}, score {result.score} (recommended needs "
            f"{result.recommend_at} or more, nothing ruling it out and nothing capping it at conditional)."
        ),
    ]
    if result.verdict == "undecided":
        out.append(e("Undecided: no evidence either way, while facts that bear on it are unknown."))
    out += ["", h2 + "Conditions that kept it from being recommended", ""]
    if not result.failed_conditions:
        out.append("- none")
    for fc in result.failed_conditions:
        sign = f"+{fc.delta}" if fc.delta > 0 else str(fc.delta)
        out.append(
            f"- {e(fc.rule)} ({sign}{', rules it out' if fc.rules_out else ''}) {WHAT[fc.kind]}: {e(fc.statement)}"
        )
        for c in fc.conditions:
            edit = f" (to change: {', '.join(c.set_by[:4])})" if c.set_by and fc.kind == "support_missing" else ""
            out.append(f"  - {e(c.description + edit)}")
        if fc.condition:
            out.append(f"  - {e('to lift the cap: ' + fc.condition)}")
        out.append(f"  - evidence: {e('; '.join(fc.sources))}")
    out += ["", h2 + "Smallest changes that make it recommended (each checked by re-running the advisor)", ""]
    for edits, score in zip(result.changes, result.scores_after, strict=True):
        shown = " and ".join(f"{f}={v}" for f, v in edits.items())
        out.append(f"- {e(shown)} (score {score})")
    out += ["", e(result.note)]
    return "\n".join(out) + "\n"
