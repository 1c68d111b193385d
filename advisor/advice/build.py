"""``advise``: run the rules over a case, read out what they concluded, then measure how settled
the advice is and answer the forms the partners asked about, by re-running the engine."""

from __future__ import annotations

from collections.abc import Mapping

from advisor.advice.assemble import Parts, assemble_parts
from advisor.advice.certainty import certainty, run_trials, unknowns
from advisor.advice.model import Advice
from advisor.advice.proposals import proposals
from advisor.advice.sensitivity import Outcome
from advisor.case.model import Case
from advisor.engine.facts import rules_reading
from advisor.engine.tracing import run_case
from advisor.kb.load import REPORT, load_knowledge


def _readers(fact: str) -> tuple[str, ...]:
    """The rules that read a fact named as edits name it (``partners[0].size`` -> ``partners.size``)."""
    if fact.startswith("partners["):
        fact = "partners." + fact.rsplit(".", 1)[1]
    return rules_reading(fact)


def conclusions(case: Case, measured: Mapping[str, str] | None = None) -> Parts:
    """What one run of the rules concludes about a case, without the re-runs that measure
    certainty and answer proposals (for callers that explore many variants of a case)."""
    return assemble_parts(case, run_case(case, measured), load_knowledge())


def base_outcome(parts: Parts) -> Outcome:
    """The verdicts and the top option of a case's conclusions, as the trials compare them."""
    top = next((o.form for o in parts.options if o.verdict in ("recommended", "conditional")), "")
    return Outcome({o.form: (o.verdict, o.score) for o in parts.options}, top)


def advise(case: Case, measured: Mapping[str, str] | None = None) -> Advice:
    """Advise on a case: options, proposals, certainty, mechanisms, risks, formalisation,
    actions, unknowns and the trace. ``measured``: mechanism levels measured by the readiness
    survey, if any."""
    kb = load_knowledge()
    parts = conclusions(case, measured)
    base = base_outcome(parts)
    top = base.top
    trials = run_trials(case, base, measured)
    options = tuple(
        o.model_copy(update={"deciding_facts": tuple(f for f, *_ in trials.changing_form(o.form))})
        if o.verdict == "undecided"
        else o
        for o in parts.options
    )
    readers = {fact: _readers(fact) for fact in trials.answers}
    names = {o.form: o.name for o in options}
    return Advice(
        case_name=case.collaboration.name,
        partners=tuple(p.name for p in case.partners),
        stage=case.collaboration.stage,
        certainty=certainty(trials, names, [p.name for p in case.partners]),
        options=options,
        proposals=proposals(case, options, top, measured),
        mechanisms=parts.mechanisms,
        risks=parts.risks,
        formalisation=parts.formalisation,
        actions=parts.actions,
        expected_effects=parts.expected_effects,
        unknowns=unknowns(trials, readers, names),
        trace=parts.trace,
        knowledge_base={"version": kb.version, "report": REPORT},
    )
