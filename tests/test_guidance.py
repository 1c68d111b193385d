"""NHS and HM Treasury guidance: a second knowledge source, kept apart from the report's
evidence, labelled as guidance wherever it is shown, and citable by rules."""

import dataclasses
import json

import pytest
from click.testing import CliRunner

from advisor import advise, load_case
from advisor.advice.assemble import rule_sources
from advisor.case.model import FORM_IDS
from advisor.cli.main import cli
from advisor.explain.trace import build_trace_view, trace_text
from advisor.kb.check import check_knowledge
from advisor.kb.load import GUIDANCE_KINDS, load_knowledge
from advisor.rules import registry

from conftest import EXAMPLES

# The case model's values the guidance data is written against (partner legal_kind,
# collaboration in_place.governance and planned_vehicle).
LEGAL_KINDS = {
    "nhs_trust",
    "foundation_trust",
    "local_authority",
    "gp_practice",
    "independent_provider",
    "charity_or_social_enterprise",
}
GOVERNANCE = {
    "shared_chief_executive",
    "shared_chair",
    "committees_in_common",
    "joint_committee",
    "lead_provider",
    "provider_leadership_board",
    "host_arrangement",
}
VEHICLES = {
    "mou",
    "collaboration_agreement",
    "lead_provider_contract",
    "joint_committee",
    "corporate_vehicle",
    "statutory_transaction",
}


@pytest.fixture
def runner():
    return CliRunner()


def guidance_items():
    kb = load_knowledge()
    return [item for kind in GUIDANCE_KINDS for item in kb.kind(kind)]


def nhs_guidance_items():
    return load_knowledge().kind("guidance")


def cite_guidance(monkeypatch, rule_id: str, *item_ids: str) -> None:
    """Make a rule also cite the given guidance items, as a rule of the lead's would."""
    spec = registry.REGISTRY[rule_id]
    monkeypatch.setitem(registry.REGISTRY, rule_id, dataclasses.replace(spec, encodes=(*spec.encodes, *item_ids)))


def test_kb_check_covers_both_sources_and_counts_each():
    report = check_knowledge()
    assert report["problems"] == []
    assert set(report["sources"]) == {"the evidence (report)", "NHS guidance", "HM Treasury guidance"}
    assert all(n > 0 for n in report["sources"].values())
    assert set(report["guidance"]) == set(GUIDANCE_KINDS)


def test_every_guidance_item_is_marked_guidance_and_cites_its_document():
    kb = load_knowledge()
    for item in guidance_items():
        assert item.basis == "guidance" and item.is_guidance, item.id
        assert item.document in kb.documents, item.id
        assert item.source.startswith(item.document), item.id
        assert item.locator and item.urls, item.id
    assert all(not i.is_guidance for kind in ("forms", "cmocs_functioning", "sections") for i in kb.kind(kind))


def test_a_guidance_item_without_its_document_is_a_problem():
    kb = load_knowledge()
    broken = kb["gd_lead_provider"].model_copy(update={"document": "NO-SUCH-DOC"})
    problems = check_knowledge(dataclasses.replace(kb, by_id={**kb.by_id, broken.id: broken}))["problems"]
    assert "gd_lead_provider: cites document 'NO-SUCH-DOC', which is not among the documents" in problems


def test_a_report_item_cannot_pass_itself_off_as_guidance():
    kb = load_knowledge()
    odd = kb["merger"].model_copy(update={"basis": "guidance"})
    problems = check_knowledge(dataclasses.replace(kb, by_id={**kb.by_id, odd.id: odd}))["problems"]
    assert "merger (forms): basis is guidance, expected evidence" in problems


def test_kb_show_says_which_source_an_item_comes_from(runner):
    nhs = runner.invoke(cli, ["kb", "show", "gd_lead_provider"])
    assert nhs.exit_code == 0, nhs.output
    assert "from: NHS guidance (policy guidance, not the report's evidence)" in nhs.output
    assert "document: NHSE-NHSLED-PC" in nhs.output and "read at: https://" in nhs.output
    treasury = runner.invoke(cli, ["kb", "show", "gb_discount_rate"])
    assert "from: HM Treasury guidance" in treasury.output
    evidence = runner.invoke(cli, ["kb", "show", "merger"])
    assert "from: the evidence (report)" in evidence.output and "guidance" not in evidence.output


def test_kb_list_marks_guidance_as_guidance(runner):
    for kind, label in GUIDANCE_KINDS.items():
        result = runner.invoke(cli, ["kb", "list", kind, "--json"])
        assert result.exit_code == 0, result.output
        rows = json.loads(result.output)
        assert rows and all(r["basis"] == "guidance" and r["from"] == label for r in rows)
    forms = json.loads(runner.invoke(cli, ["kb", "list", "forms", "--json"]).output)
    assert all(r["basis"] == "evidence" and r["from"] == "the evidence (report)" for r in forms)
    text = runner.invoke(cli, ["kb", "list", "guidance"]).output
    assert "[NHS guidance: NHSE-2021, definition of provider collaboratives]" in text


def test_kb_check_output_names_each_source(runner):
    result = runner.invoke(cli, ["kb", "check"])
    assert result.exit_code == 0, result.output
    assert "items by source: the evidence (report) " in result.output
    assert "NHS guidance 38" in result.output and "HM Treasury guidance 11" in result.output


def test_a_rule_citing_guidance_is_accepted_and_its_citation_says_guidance(monkeypatch, runner):
    before = check_knowledge()["guidance"]["guidance"]["cited_by_rules"]
    cite_guidance(monkeypatch, "form.too_many_partners", "gd_host_arrangement")
    report = check_knowledge()
    assert report["problems"] == []
    assert report["guidance"]["guidance"]["cited_by_rules"] == before + 1
    sources = rule_sources(["form.too_many_partners"], load_knowledge())
    assert sources[-1].startswith("gd_host_arrangement: NHS guidance")
    shown = runner.invoke(cli, ["kb", "show", "form.too_many_partners"]).output
    assert "gd_host_arrangement: NHS guidance" in shown
    used = runner.invoke(cli, ["kb", "show", "gd_host_arrangement"]).output
    assert "used by rules: form.too_many_partners" in used


def test_the_trace_labels_guidance_apart_from_evidence(monkeypatch):
    case = load_case(EXAMPLES[0])
    first = advise(case).trace[0].rule
    cite_guidance(monkeypatch, first, "gd_pc_definition")
    view = build_trace_view(advise(case), rule=first)
    firing = view.firings()[0]
    assert any(c.startswith("gd_pc_definition: NHS guidance") for c in firing.guidance)
    assert not any(c.startswith("gd_pc_definition") for c in firing.sources)
    text = trace_text(view)
    assert "    guidance: gd_pc_definition: NHS guidance, NHSE-2021" in text
    assert "    evidence: gd_pc_definition" not in text


def test_guidance_data_uses_the_case_models_values():
    for item in nhs_guidance_items():
        assert set(item.party_kinds or ()) <= LEGAL_KINDS, item.id
        assert set(item.attend_only_kinds or ()) <= LEGAL_KINDS, item.id
        assert set(item.lead_kinds or ()) <= LEGAL_KINDS, item.id
        assert set(item.governance or ()) <= GOVERNANCE, item.id
        assert item.vehicle in VEHICLES | {None}, item.id
        assert set(item.applies_to_forms or ()) <= set(FORM_IDS), item.id
    named = {g for item in nhs_guidance_items() for g in item.governance or ()}
    assert named == GOVERNANCE
    assert {item.vehicle for item in nhs_guidance_items()} - {None} == VEHICLES


def test_the_paperwork_ladder_runs_from_mou_to_statutory_transaction():
    rung = {i.vehicle: i.rung for i in nhs_guidance_items() if i.category == "paperwork_ladder"}
    assert rung["mou"] < rung["collaboration_agreement"] < rung["lead_provider_contract"]
    assert rung["lead_provider_contract"] == rung["joint_committee"]
    assert rung["joint_committee"] < rung["corporate_vehicle"] < rung["statutory_transaction"]
    mou = load_knowledge()["gd_ladder_mou"]
    assert mou.binding is False


def test_independent_and_charity_partners_are_never_parties_to_a_statutory_joint_committee():
    kb = load_knowledge()
    for item_id in ("gd_joint_committee", "gd_joint_committee_parties", "gd_ladder_joint_committee"):
        item = kb[item_id]
        assert not {"independent_provider", "charity_or_social_enterprise"} & set(item.party_kinds), item_id
        assert {"independent_provider", "charity_or_social_enterprise"} <= set(item.attend_only_kinds)
    lead = kb["gd_lead_provider"]
    assert {"independent_provider", "charity_or_social_enterprise"} <= set(lead.party_kinds)


def test_dalton_remedies_for_a_struggling_partner_have_conditions():
    remedies = {i.id: i for i in nhs_guidance_items() if i.remedy_for == "struggling_partner"}
    forms = {f for i in remedies.values() for f in i.applies_to_forms or ()}
    assert {"management_contract", "acquisition", "group", "buddying"} <= forms
    for item_id in ("gd_remedy_buddying", "gd_remedy_management_contract", "gd_remedy_acquisition", "gd_remedy_group"):
        assert len(remedies[item_id].conditions) >= 2, item_id


def test_green_book_discount_rate_agrees_with_its_own_present_value_table():
    item = load_knowledge()["gb_discount_rate"]
    assert item.rate == pytest.approx(0.035)
    for year, value in item.pv_of_1000.items():
        assert round(1000 / (1 + item.rate) ** int(year)) == value


def test_green_book_options_framework_csfs_and_short_list():
    kb = load_knowledge()
    dimensions = [d["id"] for d in kb["gb_options_framework"].dimensions]
    assert dimensions == ["scope", "service_solution", "service_delivery", "implementation", "funding"]
    csfs = [c["id"] for c in kb["gb_csfs"].csfs]
    assert csfs == ["strategic_fit", "value_for_money", "supplier_capacity", "affordability", "achievability"]
    assert kb["gb_shortlist"].required[0] == "business_as_usual"
    bounds = kb["gb_optimism_bias_table"].table
    assert bounds["standard_buildings"]["capex_upper"] == 24 and bounds["outsourcing"]["opex_upper"] == 41
    for row in bounds.values():
        assert row.get("capex_upper", row.get("opex_upper")) >= row.get("capex_lower", row.get("opex_lower"))
