"""Assemble the :class:`~advisor.advice.model.Advice` from the engine's working memory and trace."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from advisor.advice.model import (
    ActionItem,
    Advice,
    ExpectedEffectItem,
    FactRef,
    Firing,
    FormalisationAdvice,
    MechanismState,
    Option,
    Reason,
    RiskFlag,
    Unknown,
)
from advisor.case.model import Case
from advisor.engine.facts import PARTNER_MIX_SOURCES, rules_reading
from advisor.kb.load import REPORT, KnowledgeBase
from advisor.rules.facts import (
    ActionFact,
    ExpectedEffect,
    FormalElement,
    Formalisation,
    FormEvidence,
    FormFact,
    Level,
    Risk,
    Verdict,
)
from advisor.rules.registry import REGISTRY

VERDICT_ORDER = {"recommended": 0, "conditional": 1, "not_advised": 2}
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
IMPORTANCE_ORDER = {"high": 0, "medium": 1, "low": 2}


def rule_sources(rule_ids: list[str] | tuple[str, ...], kb: KnowledgeBase) -> tuple[str, ...]:
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


def _options(engine: Any, kb: KnowledgeBase) -> tuple[Option, ...]:
    forms = {f["id"]: f for f in engine.by_type[FormFact]}
    evidence: dict[str, list[Any]] = defaultdict(list)
    for e in engine.by_type[FormEvidence]:
        evidence[e["form"]].append(e)
    options = []
    for v in engine.by_type[Verdict]:
        form = v["form"]
        reasons = tuple(
            Reason(
                rule=e["rule"],
                sources=rule_sources([e["rule"]], kb),
                text=e["text"],
                delta=e["delta"],
            )
            for e in evidence[form]
        )
        conditions = tuple(dict.fromkeys(e["condition"] for e in evidence[form] if e["condition"]))
        options.append(
            Option(
                form=form,
                name=kb[form].name,
                verdict=v["verdict"],
                score=v["score"],
                reasons=reasons,
                conditions=conditions,
            )
        )
    options.sort(key=lambda o: (VERDICT_ORDER[o.verdict], -o.score, forms[o.form]["order"]))
    return tuple(options)


def _risks(engine: Any, kb: KnowledgeBase) -> tuple[RiskFlag, ...]:
    grouped: dict[str, list[Any]] = defaultdict(list)
    for r in engine.by_type[Risk]:
        grouped[r["id"]].append(r)
    flags = []
    for risk_id, raised in grouped.items():
        worst = min(raised, key=lambda r: SEVERITY_ORDER[r["severity"]])
        rules = tuple(dict.fromkeys(r["rule"] for r in raised))
        flags.append(
            RiskFlag(
                id=risk_id,
                severity=worst["severity"],
                text=worst["text"],
                because=rules,
                sources=rule_sources(rules, kb),
            )
        )
    flags.sort(key=lambda f: (SEVERITY_ORDER[f.severity], f.id))
    return tuple(flags)


def _formalisation(engine: Any, kb: KnowledgeBase) -> FormalisationAdvice:
    chosen = engine.by_type[Formalisation][0]
    chooser = next(f.rule for f in engine.firings if chosen in f.asserted)
    elements = engine.by_type[FormalElement]
    rules = (chooser, *dict.fromkeys(e["rule"] for e in elements))
    return FormalisationAdvice(
        instrument=chosen["instrument"],
        summary=chosen["summary"],
        elements=tuple(e["text"] for e in elements),
        because=rules,
        sources=rule_sources(rules, kb),
    )


def _actions(engine: Any, kb: KnowledgeBase) -> tuple[ActionItem, ...]:
    stage_order = {s.id: s.get("order", i) for i, s in enumerate(kb.kind("lifecycle_stages"))}
    by_action: dict[str, list[str]] = defaultdict(list)
    for a in engine.by_type[ActionFact]:
        by_action[a["id"]].append(a["rule"])
    items = []
    for action_id, rules in by_action.items():
        item = kb[action_id]
        items.append(
            ActionItem(
                id=action_id,
                text=item.text,
                stage=item.get("stage"),
                domain=item.get("domain"),
                because=tuple(rules),
                sources=(item.citation,),
            )
        )
    items.sort(key=lambda a: (stage_order.get(a.stage, 99), a.id))
    return tuple(items)


def _expected_effects(engine: Any, kb: KnowledgeBase) -> tuple[ExpectedEffectItem, ...]:
    items = []
    for fact in engine.by_type[ExpectedEffect]:
        item = kb[fact["id"]]
        items.append(
            ExpectedEffectItem(
                id=item.id,
                name=item.name,
                category=item.get("category"),
                effect=fact["effect"],
                text=" ".join(item.text.split()),
                because=(fact["rule"],),
                sources=(item.citation,),
            )
        )
    return tuple(items)


def _settled(partner: Any, field: str) -> bool:
    """A partner rated inadequate is struggling whatever its special-measures status."""
    return field == "special_measures" and partner.performance == "inadequate"


def _unknown_facts(case: Case, values: dict[str, Any]) -> dict[str, str]:
    """Unknown case facts by the name rules read them under, with a note on who is unknown."""
    unknown: dict[str, str] = {}
    for name, value in values.items():
        if value == "unknown" and not name.startswith("partners."):
            unknown[name] = ""
    if case.collaboration.mandation != "mandated":  # who mandated it matters only if someone did
        unknown.pop("collaboration.mandated_by", None)
    if not case.collaboration.drivers:
        unknown["collaboration.drivers"] = ""
    for key, fields in PARTNER_MIX_SOURCES.items():
        if values.get(f"partners.{key}") != "unknown":
            continue
        for field in fields:
            missing = [p.name for p in case.partners if getattr(p, field) == "unknown" and not _settled(p, field)]
            if missing:
                unknown[f"partners.{field}"] = (
                    "Unknown for "
                    + ", ".join(missing[:5])
                    + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
                )
    return unknown


def _unknowns(case: Case, values: dict[str, Any]) -> tuple[Unknown, ...]:
    out = []
    for fact, note in _unknown_facts(case, values).items():
        readers = rules_reading(fact)
        if not readers:
            continue
        importance = "high" if len(readers) >= 5 else "medium" if len(readers) >= 2 else "low"
        examples = "; ".join(REGISTRY[r].statement.rstrip(".") for r in readers[:2])
        why = f"{len(readers)} rule(s) depend on it, e.g. {examples}."
        if note:
            why = f"{note}. {why}"
        out.append(Unknown(fact=fact, why=why, rules=tuple(readers), importance=importance))
    out.sort(key=lambda u: (IMPORTANCE_ORDER[u.importance], u.fact))
    return tuple(out)


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
            sources=rule_sources([f.rule], kb),
            matched=tuple(ref(fact) for fact in f.matched),
            asserted=tuple(ref(fact) for fact in f.asserted),
            built_on=f.built_on,
        )
        for i, f in enumerate(engine.firings, start=1)
    )


def _confidence(unknowns: tuple[Unknown, ...]) -> str:
    important = sum(1 for u in unknowns if u.importance == "high")
    return "high" if important == 0 else "medium" if important <= 3 else "low"


def assemble_advice(case: Case, engine: Any, kb: KnowledgeBase) -> Advice:
    """Build the advice from what the engine concluded."""
    unknowns = _unknowns(case, engine.case_values)
    mechanisms = {
        lv["mechanism"]: MechanismState(level=lv["level"], score=lv["score"], because=lv["because"])
        for lv in engine.by_type[Level]
    }
    return Advice(
        case_name=case.collaboration.name,
        partners=tuple(p.name for p in case.partners),
        confidence=_confidence(unknowns),
        options=_options(engine, kb),
        mechanisms=dict(sorted(mechanisms.items())),
        risks=_risks(engine, kb),
        formalisation=_formalisation(engine, kb),
        actions=_actions(engine, kb),
        expected_effects=_expected_effects(engine, kb),
        unknowns=unknowns,
        trace=_trace(engine, kb),
        knowledge_base={"version": kb.version, "report": REPORT},
    )
