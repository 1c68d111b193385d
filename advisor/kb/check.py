"""`advisor kb check`: validate the knowledge base and the rules, and report coverage.

An item of the report is *encoded* when a rule reasons on it (cites it), or when the advisor
uses it as data (every form is evaluated; drivers, domains and stages through the forms and
actions that name them; survey questions by the survey); the coverage counts the two apart and
says, for each kind, what the data-only items are used for. Every item must be encoded or
marked ``out_of_scope`` with a reason; every rule must cite sources that exist.

Guidance items (NHS guidance, HM Treasury guidance) are a second source kept apart from the
evidence: each must be marked ``basis: guidance`` and cite its document (a known
``documents`` entry, a locator and the pages it was read from); rules may cite them, and the
check counts how many they do, but guidance need not be encoded.
"""

from __future__ import annotations

from collections.abc import Callable

from advisor.case.model import DRIVER_IDS, FORM_IDS
from advisor.kb.load import GUIDANCE_KINDS, KINDS, Item, KnowledgeBase, load_knowledge
from advisor.rules.registry import MECHANISMS, REGISTRY

# Every kind of the report's knowledge; sections are only citable passages, not items to encode.
COVERAGE_KINDS: tuple[str, ...] = tuple(kind for kind in KINDS if kind != "sections" and kind not in GUIDANCE_KINDS)

EXPECTED_COUNTS = {
    "forms": 13,
    "drivers": 7,
    "domains": 8,
    "lifecycle_stages": 5,
    "mechanisms": 15,
    "cmocs_functioning": 39,
    "cmocs_performance": 17,
    "performance_mechanisms": 17,
    "actions": 34,
    "lifecycle_actions": 4,
    "maturity_elements": 9,
    "survey_questions": 30,
}


# Why items of a kind no rule cites are still in use: what the advisor does with them as data.
DATA_USES = {
    "forms": "every form is evaluated, its Table 2 attributes matched by the rules",
    "drivers": "the drivers a form serves (Table 3) are matched against the case's drivers",
    "domains": "labels that place each Table 10 action in its domain; Table 4's success factors are "
    "reasoned on through the Table 10 actions and CMOCs that restate them, not on their own",
    "lifecycle_stages": "labels that place each action by stage, the current stage first; Figure 7's "
    "behaviours are shown with the current stage's actions, so a board can see where it stands",
    "mechanisms": "the mechanisms whose levels the rules settle",
    "performance_mechanisms": "listed with the forms that set them off",
    "cmocs_performance": "read through the performance mechanisms they explain",
    "survey_questions": "asked and scored by the readiness survey",
    "maturity_elements": "the maturity matrix reads the survey's measured levels",
}


def _used_as_data(kb: KnowledgeBase) -> dict[str, Callable[[], set[str]]]:
    """Items the advisor reasons with as data, by kind."""
    return {
        "forms": lambda: {f.id for f in kb.kind("forms")},
        "drivers": lambda: {d for f in kb.kind("forms") for d in f.drivers or ()},
        "domains": lambda: {a.domain for a in kb.kind("actions")},
        "lifecycle_stages": lambda: {a.stage for a in kb.kind("actions")},
        "mechanisms": lambda: {m.id for m in kb.kind("mechanisms") if set(m.tracks or ()) & set(MECHANISMS)},
        "performance_mechanisms": lambda: {p.id for p in kb.kind("performance_mechanisms") if p.forms},
        "cmocs_performance": lambda: {c.id for c in kb.kind("cmocs_performance") if c.performance_mechanisms},
        "survey_questions": lambda: {q.id for q in kb.kind("survey_questions")},
        "maturity_elements": lambda: {m.id for m in kb.kind("maturity_elements") if m.mechanism in MECHANISMS},
    }


def cited_ids() -> set[str]:
    """Every knowledge id some rule cites."""
    return {item for spec in REGISTRY.values() for item in spec.encodes}


def _basis_problems(item: Item, kb: KnowledgeBase) -> list[str]:
    """An evidence item must cite report lines; a guidance item its document, a locator and pages."""
    in_guidance_file = item.kind in GUIDANCE_KINDS
    if item.is_guidance != in_guidance_file:
        expected = "guidance" if in_guidance_file else "evidence"
        return [f"{item.id} ({item.kind}): basis is {item.basis}, expected {expected}"]
    if not item.is_guidance:
        return [] if item.lines else [f"{item.id}: no report lines given"]
    problems = []
    if item.document not in kb.documents:
        problems.append(f"{item.id}: cites document {item.document!r}, which is not among the documents")
    elif not item.source.startswith(item.document):
        problems.append(f"{item.id}: source should start with its document {item.document}")
    if not (item.locator or "").strip():
        problems.append(f"{item.id}: no locator (section, heading or paragraph) given")
    if not item.urls or not all(url.startswith(("http://", "https://")) for url in item.urls):
        problems.append(f"{item.id}: no pages (urls) it was read from")
    return problems


def _document_problems(kb: KnowledgeBase) -> list[str]:
    problems = [f"duplicate document: {d}" for d in kb.duplicate_documents]
    for key, document in sorted(kb.documents.items()):
        missing = [field for field in ("title", "publisher", "date", "urls") if not document.get(field)]
        if missing:
            problems.append(f"document {key}: missing {', '.join(missing)}")
    return problems


def check_knowledge(kb: KnowledgeBase | None = None) -> dict:
    """Coverage by kind, items by source, and the list of problems (empty when sound)."""
    kb = kb or load_knowledge()
    problems: list[str] = [f"duplicate knowledge id: {d}" for d in kb.duplicate_ids]
    problems += _document_problems(kb)
    cited = cited_ids()
    used = {kind: fn() for kind, fn in _used_as_data(kb).items()}
    coverage: dict[str, dict[str, int]] = {}
    for kind in COVERAGE_KINDS:
        items = kb.kind(kind)
        if len(items) != EXPECTED_COUNTS[kind]:
            problems.append(f"{kind}: expected {EXPECTED_COUNTS[kind]} items from the report, found {len(items)}")
        encoded = reasoned = out = 0
        for item in items:
            reasoned += item.id in cited
            is_encoded = item.id in cited or item.id in used.get(kind, set())
            if item.out_of_scope is not None and not item.out_of_scope.strip():
                problems.append(f"{item.id}: marked out of scope without a reason")
            if is_encoded and item.out_of_scope:
                problems.append(f"{item.id}: marked out of scope but encoded by a rule")
            if is_encoded:
                encoded += 1
            elif item.out_of_scope:
                out += 1
            else:
                problems.append(f"{item.id} ({kind}): neither encoded by a rule nor marked out of scope")
        coverage[kind] = {
            "total": len(items),
            "encoded": encoded,
            "reasoned_on": reasoned,
            "used_as_data": encoded - reasoned,
            "out_of_scope": out,
        }
        if encoded > reasoned:
            coverage[kind]["data_use"] = DATA_USES[kind]
    for item in kb.by_id.values():
        if not item.source.strip():
            problems.append(f"{item.id}: no source given")
        problems += _basis_problems(item, kb)
    guidance = {
        kind: {"total": len(kb.kind(kind)), "cited_by_rules": sum(1 for i in kb.kind(kind) if i.id in cited)}
        for kind in GUIDANCE_KINDS
    }
    for rule_id, spec in sorted(REGISTRY.items()):
        if not spec.encodes:
            problems.append(f"rule {rule_id}: cites no source")
        if spec.strength is None:
            problems.append(f"rule {rule_id}: says nothing of the strength of its support")
        if not spec.lines and spec.strength != "guidance":
            problems.append(f"rule {rule_id}: gives no report lines it rests on")
        for ref in spec.encodes:
            if ref not in kb:
                problems.append(f"rule {rule_id}: cites {ref}, which is not in the knowledge base")
    form_ids = tuple(f.id for f in kb.kind("forms"))
    if form_ids != FORM_IDS:
        problems.append(f"forms in knowledge {form_ids} differ from the case model's {FORM_IDS}")
    driver_ids = tuple(d.id for d in kb.kind("drivers"))
    if set(driver_ids) != set(DRIVER_IDS):
        problems.append(f"drivers in knowledge {driver_ids} differ from the case model's {DRIVER_IDS}")
    return {
        "coverage": coverage,
        "guidance": guidance,
        "sources": kb.count_by_source(),
        "problems": problems,
        "rules": len(REGISTRY),
        "version": kb.version,
    }
