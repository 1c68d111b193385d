"""What each conclusion depends on, read off the rules' conditions: which rules give evidence
on a form, and which case facts reach a form's evidence or a mechanism's level, directly or
through contexts and other mechanisms."""

from __future__ import annotations

from functools import cache

from advisor.case.model import FORM_IDS
from advisor.engine.compat import pattern_holds
from advisor.engine.facts import form_slots
from advisor.kb.load import load_knowledge
from advisor.rules.facts import FormFact
from advisor.rules.registry import CONDITIONS, REGISTRY, walk_patterns


@cache
def form_attributes(form: str) -> dict:
    """A form's attributes (Table 2) as the rules match them."""
    return form_slots(load_knowledge()[form], FORM_IDS.index(form))


def applies_to(rule_id: str, form: str) -> bool:
    """Whether a rule speaks about this form: its patterns on the typology admit the form."""
    patterns = [p for p in walk_patterns(CONDITIONS[rule_id]) if isinstance(p, FormFact)]
    return bool(patterns) and all(pattern_holds(p, form_attributes(form)) for p in patterns)


@cache
def form_rules(form: str) -> tuple[str, ...]:
    """The evidence rules (phase ``forms``) that can speak for or against a form."""
    return tuple(rid for rid, spec in REGISTRY.items() if spec.phase == "forms" and applies_to(rid, form))


def _producers(need: str) -> list[str]:
    kind, _, name = need.partition(".")
    if kind == "context":
        return [rid for rid in REGISTRY if rid == f"ctx.{name}"]
    if kind == "mechanism":
        return [rid for rid, spec in REGISTRY.items() if spec.target == name]
    return []


def upstream_reads(rule_ids: tuple[str, ...]) -> tuple[str, ...]:
    """The case facts the given rules read, directly or through the contexts and mechanism
    levels they need, in a stable order."""
    todo = list(rule_ids)
    seen: set[str] = set()
    reads: dict[str, None] = {}
    while todo:
        rule_id = todo.pop()
        if rule_id in seen:
            continue
        seen.add(rule_id)
        spec = REGISTRY[rule_id]
        reads.update(dict.fromkeys(spec.reads))
        for need in spec.needs:
            todo += _producers(need)
    return tuple(sorted(reads))


@cache
def form_reads(form: str) -> tuple[str, ...]:
    """The case facts that can bear on a form's verdict."""
    return upstream_reads(form_rules(form))
