"""Read what the engine concluded out of its working memory and trace, as the parts of the
:class:`~advisor.advice.model.Advice` (options, risks, formalisation, actions, trace...).

The engine is shared by every run in a process, so everything is read out here, before the
re-runs that measure the advice's certainty and answer the partners' proposals."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from advisor.advice.model import (
    ActionItem,
    Element,
    ExpectedEffectItem,
    FactRef,
    Firing,
    FormalisationAdvice,
    MechanismState,
    Mitigation,
    Option,
    Reason,
    RiskFlag,
)
from advisor.case.model import Case
from advisor.engine.tracing import VERDICT_ORDER
from advisor.kb.load import KnowledgeBase
from advisor.rules.facts import (
    ActionFact,
    Candidate,
    ExpectedEffect,
    FormalElement,
    Formalisation,
    FormEvidence,
    FormFact,
    Governance,
    Level,
    Phase,
    Risk,
    Verdict,
)
from advisor.rules.registry import REGISTRY

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
HIDDEN_FACTS = (Phase,)  # control facts: not part of the reasoning a reader follows
AGGREGATES = ("verdicts", "ranking")  # phases whose conclusions rest on everything before them


def rule_sources(rule_ids: Iterable[str], kb: KnowledgeBase) -> tuple[str, ...]:
    """The citations of the knowledge items the given rules encode, e.g. 'cmoc_f24: Box 1, Power'
    (guidance items say so: 'gd_lead_provider: NHS guidance, ...')."""
    out: dict[str, None] = {}
    for rule_id in rule_ids:
        for item_id in REGISTRY[rule_id].encodes:
            item = kb.by_id.get(item_id)
            out[item.citation if item else item_id] = None
    return tuple(out)


def fact_ref(fact: Any) -> FactRef:
    """A fact as plain data for the trace."""
    values = {
        k: list(v) if isinstance(v, tuple) else v
        for k, v in fact.items()
        if isinstance(k, str) and not k.startswith("__")
    }
    return FactRef(fact=type(fact).__name__, values=values)


@dataclass(frozen=True)
class Parts:
    """What one run concluded, read out of the engine."""

    options: tuple[Option, ...]
    mechanisms: dict[str, MechanismState]
    risks: tuple[RiskFlag, ...]
    formalisation: FormalisationAdvice
    actions: tuple[ActionItem, ...]
    expected_effects: tuple[ExpectedEffectItem, ...]
    trace: tuple[Firing, ...]


def _risk_flags(raised: list[Any], kb: KnowledgeBase, touches: dict[int, int]) -> tuple[RiskFlag, ...]:
    """One flag per finding (and form): the headline of its most severe rule, the consequences
    of all of them, ordered by severity, then by how many conclusions they touch."""
    grouped: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for risk in raised:
        grouped[(risk["id"], risk["form"])].append(risk)
    flags = []
    for (finding, form), risks in grouped.items():
        worst = min(risks, key=lambda r: SEVERITY_ORDER[r["severity"]])
        rules = tuple(dict.fromkeys(r["rule"] for r in risks))
        mitigations = dict.fromkeys(m for r in risks for m in r["mitigations"])
        flags.append(
            RiskFlag(
                id=finding,
                severity=worst["severity"],
                text=worst["text"],
                consequences=tuple(dict.fromkeys(r["consequence"] for r in risks if r["consequence"])),
                form=form,
                mitigations=tuple(Mitigation(id=m, name=kb[m].name) for m in mitigations),
                touches=max(touches.get(r["__factid__"], 0) for r in risks),
                because=rules,
                sources=rule_sources(rules, kb),
            )
        )
    flags.sort(key=lambda f: (SEVERITY_ORDER[f.severity], -f.touches, f.id))
    return tuple(flags)


GOVERNANCE_WORDS = {
    "shared_chief_executive": "a shared chief executive",
    "shared_chair": "a shared chair",
    "committees_in_common": "committees in common",
    "joint_committee": "a joint committee",
    "lead_provider": "a lead provider",
    "provider_leadership_board": "a provider leadership board",
    "host_arrangement": "a host arrangement",
}


def _formalisations(engine: Any, kb: KnowledgeBase) -> dict[str, FormalisationAdvice]:
    elements: dict[str, list[Any]] = defaultdict(list)
    for element in engine.by_type[FormalElement]:
        elements[element["form"]].append(element)
    governance: dict[str, list[Any]] = defaultdict(list)
    for model in engine.by_type[Governance]:
        governance[model["form"]].append(model)
    in_place_form = engine.case_values.get("collaboration.in_place_form")
    in_place = tuple(
        GOVERNANCE_WORDS[g]
        for g in engine.case_values.get("collaboration.in_place_governance", ())
        if g in GOVERNANCE_WORDS
    )
    out = {}
    for chosen in engine.by_type[Formalisation]:
        form = chosen["form"]
        rules = (
            chosen["rule"],
            *dict.fromkeys(g["rule"] for g in governance[form]),
            *dict.fromkeys(e["rule"] for e in elements[form]),
        )
        out[form] = FormalisationAdvice(
            form=form,
            instrument=chosen["instrument"],
            summary=chosen["summary"],
            reason=chosen["reason"],
            in_place=chosen["in_place"] == "yes",
            governance=tuple(g["text"] for g in governance[form]),
            governance_in_place=in_place if form and form == in_place_form else (),
            elements=tuple(Element(text=e["text"], status=e["status"]) for e in elements[form]),
            because=rules,
            sources=rule_sources(rules, kb),
        )
    return out


def _options(engine: Any, kb: KnowledgeBase, risks: tuple[RiskFlag, ...]) -> tuple[Option, ...]:
    forms = {f["id"]: f for f in engine.by_type[FormFact]}
    evidence: dict[str, list[Any]] = defaultdict(list)
    for e in engine.by_type[FormEvidence]:
        evidence[e["form"]].append(e)
    formalisations = _formalisations(engine, kb)
    candidates = {c["form"] for c in engine.by_type[Candidate]}
    considered = set(engine.case_values.get("collaboration.forms_considered", ()))
    options = []
    for v in engine.by_type[Verdict]:
        form = v["form"]
        reasons = tuple(
            Reason(
                rule=e["rule"],
                strength=REGISTRY[e["rule"]].strength,
                sources=rule_sources([e["rule"]], kb),
                text=e["text"],
                delta=e["delta"],
            )
            for e in evidence[form]
        )
        options.append(
            Option(
                form=form,
                name=kb[form].name,
                verdict=v["verdict"],
                score=v["score"],
                considered=form in considered,
                reasons=reasons,
                conditions=tuple(dict.fromkeys(e["condition"] for e in evidence[form] if e["condition"])),
                deciding_facts=(),
                risks=tuple(r for r in risks if r.form == form) if form in candidates else (),
                formalisation=formalisations.get(form) if form in candidates else None,
            )
        )
    options.sort(key=lambda o: (VERDICT_ORDER[o.verdict], -o.score, forms[o.form]["order"]))
    return tuple(options)


def _actions(engine: Any, kb: KnowledgeBase) -> tuple[ActionItem, ...]:
    order = {s.id: s.order for s in kb.kind("lifecycle_stages")}
    now = order.get(engine.case_values.get("collaboration.stage"))
    by_action: dict[str, list[str]] = defaultdict(list)
    for a in engine.by_type[ActionFact]:
        by_action[a["id"]].append(a["rule"])
    timing_order = {"now": 0, "any": 0, "next": 1, "still_open": 2}
    items = []
    for action_id, rules in by_action.items():
        item = kb[action_id]
        stage = item.stage
        if now is None:
            timing = "any"
        else:
            timing = "now" if order[stage] == now else "next" if order[stage] > now else "still_open"
        items.append(
            ActionItem(
                id=action_id,
                text=" ".join(item.text.split()),
                stage=stage,
                domain=item.domain,
                timing=timing,
                because=tuple(rules),
                sources=(item.citation,),
            )
        )
    items.sort(key=lambda a: (timing_order[a.timing], order.get(a.stage, 99), a.id))
    return tuple(items)


def _expected_effects(engine: Any, kb: KnowledgeBase) -> tuple[ExpectedEffectItem, ...]:
    items = []
    for fact in engine.by_type[ExpectedEffect]:
        item = kb[fact["id"]]
        items.append(
            ExpectedEffectItem(
                id=item.id,
                name=item.name,
                category=item.category,
                effect=fact["effect"],
                text=" ".join(item.text.split()),
                because=(fact["rule"],),
                sources=(item.citation,),
            )
        )
    return tuple(items)


def _trace(engine: Any, kb: KnowledgeBase) -> tuple[Firing, ...]:
    refs: dict[int, FactRef] = {}  # a fact (e.g. the collaboration) is matched by many firings

    def ref(fact: Any) -> FactRef:
        key = fact["__factid__"]
        if key not in refs:
            refs[key] = fact_ref(fact)
        return refs[key]

    return tuple(
        Firing(
            step=i,
            rule=f.rule,
            layer=REGISTRY[f.rule].layer,
            statement=REGISTRY[f.rule].statement,
            strength=REGISTRY[f.rule].strength,
            sources=rule_sources([f.rule], kb),
            matched=tuple(ref(fact) for fact in f.matched if not isinstance(fact, HIDDEN_FACTS)),
            asserted=tuple(ref(fact) for fact in f.asserted),
            built_on=f.built_on,
        )
        for i, f in enumerate(engine.firings, start=1)
    )


def _touches(engine: Any) -> dict[int, int]:
    """For each risk fact, how many other conclusions (form evidence, risks, formalisation,
    actions) rest on the contexts and mechanism levels behind it."""
    firings = engine.firings
    produced_by = {}
    for step, firing in enumerate(firings, start=1):
        for fact in firing.asserted:
            produced_by[fact["__factid__"]] = step
    causes: dict[int, set[int]] = {}

    def roots(step: int) -> set[int]:
        """The context and level steps a step rests on (not through verdicts and the ranking,
        which rest on everything)."""
        if step not in causes:
            found: set[int] = set()
            for parent in firings[step - 1].built_on:
                spec = REGISTRY[firings[parent - 1].rule]
                if spec.layer in ("context", "levels"):
                    found.add(parent)
                elif spec.phase not in AGGREGATES:
                    found |= roots(parent)
            causes[step] = found
        return causes[step]

    concluding = [s for s, f in enumerate(firings, start=1) if REGISTRY[f.rule].layer in ("forms", "risks", "actions")]
    out = {}
    for risk in engine.by_type[Risk]:
        step = produced_by[risk["__factid__"]]
        mine = roots(step)
        out[risk["__factid__"]] = sum(1 for s in concluding if s != step and roots(s) & mine)
    return out


def assemble_parts(case: Case, engine: Any, kb: KnowledgeBase) -> Parts:
    """Read the conclusions of the run the engine has just made."""
    risks = _risk_flags(engine.by_type[Risk], kb, _touches(engine))
    options = _options(engine, kb, risks)
    top = next((o.form for o in options if o.verdict in ("recommended", "conditional")), "")
    mechanisms = {
        lv["mechanism"]: MechanismState(level=lv["level"], score=lv["score"], because=lv["because"])
        for lv in engine.by_type[Level]
    }
    formalisations = _formalisations(engine, kb)
    return Parts(
        options=options,
        mechanisms=dict(sorted(mechanisms.items())),
        risks=tuple(r for r in risks if r.form in ("", top)),
        formalisation=formalisations[top],
        actions=_actions(engine, kb),
        expected_effects=_expected_effects(engine, kb),
        trace=_trace(engine, kb),
    )
