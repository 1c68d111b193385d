"""Meta-tests over the knowledge base and the rules (ids, references, sources); that every rule
fires in some situation and not in another is in test_rules_evidence.py."""

from advisor.kb.check import check_knowledge
from advisor.kb.load import load_knowledge
from advisor.rules.registry import REGISTRY


def test_kb_check_finds_no_problem():
    assert check_knowledge()["problems"] == []


def test_every_rule_has_a_statement_and_cites_existing_sources():
    kb = load_knowledge()
    for rule_id, spec in REGISTRY.items():
        assert spec.statement.strip(), rule_id
        assert spec.encodes, rule_id
        assert all(ref in kb for ref in spec.encodes), rule_id


def test_a_dangling_source_is_reported(monkeypatch):
    from advisor.rules import registry

    spec = next(iter(REGISTRY.values()))
    broken = spec.__class__(**{**spec.__dict__, "id": "test.broken", "encodes": ("no_such_item",)})
    monkeypatch.setitem(registry.REGISTRY, "test.broken", broken)
    problems = check_knowledge()["problems"]
    assert "rule test.broken: cites no_such_item, which is not in the knowledge base" in problems


def test_every_knowledge_item_has_a_source_and_evidence_items_report_lines():
    for item in load_knowledge().by_id.values():
        assert item.source.strip(), item.id
        assert item.lines or item.is_guidance, item.id
