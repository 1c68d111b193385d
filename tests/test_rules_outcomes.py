"""Layers 5-7 (risks, formalisation, actions) and performance expectations."""

from conftest import fired

ALLIANCE = [{"name": f"Trust {i}", "sector": "acute"} for i in range(4)]


def test_binding_contract_in_a_voluntary_loose_arrangement_undermines_trust(run):
    advice = run(
        3,
        collaboration={
            "mandation": "voluntary",
            "drivers": ["learning"],
            "scope": "learning",
            "legal_agreements": "contract",
        },
    )
    assert advice.options[0].form == "informal_partnering"
    risk = next(r for r in advice.risks if r.id == "contract_undermines_trust")
    assert risk.severity == "high"
    assert advice.formalisation.instrument == "mou"


def test_voluntary_loose_arrangement_with_an_mou_has_no_such_warning(run):
    advice = run(
        3,
        collaboration={
            "mandation": "voluntary",
            "drivers": ["learning"],
            "scope": "learning",
            "legal_agreements": "mou",
        },
    )
    assert not any(r.id == "contract_undermines_trust" for r in advice.risks)
    assert advice.formalisation.instrument == "mou"
    assert any("non-binding" in e for e in advice.formalisation.elements)


def test_mandated_collaboration_without_agreement_has_a_confidence_gap_and_needs_a_contract(run):
    advice = run(
        3,
        collaboration={
            "mandation": "mandated",
            "drivers": ["learning"],
            "scope": "learning",
            "legal_agreements": "none",
        },
    )
    assert any(r.id == "confidence_gap" and r.severity == "high" for r in advice.risks)
    assert fired(advice, "formal.needs_confidence")
    assert advice.formalisation.instrument in {"contract", "joint_committee", "new_entity", "statutory"}


def test_merger_needs_a_statutory_transaction():
    from advisor import advise, load_case

    from conftest import ROOT

    advice = advise(load_case(ROOT / "examples" / "proposed_merger.yaml"))
    assert advice.options[0].form == "merger"
    assert advice.formalisation.instrument == "statutory"
    assert fired(advice, "formal.statutory")


def test_power_imbalance_is_high_when_told_to_work_with_a_better_performer(run):
    partners = [
        {"name": "Weak", "performance": "inadequate", "special_measures": "yes", "size": "small"},
        {"name": "Strong", "performance": "outstanding", "special_measures": "no", "size": "very_large"},
    ]
    advice = run(partners, collaboration={"mandation": "mandated", "mandated_by": "regulator"})
    risk = next(r for r in advice.risks if r.id == "power_imbalance")
    assert risk.severity == "high"
    assert set(risk.because) >= {"risk.power_imbalance", "risk.mandated_power_imbalance"}


def test_actions_follow_their_if_clauses(run):
    advice = run(
        collaboration={"ambition": "very_ambitious", "mandation": "mandated"},
        relationship={"travel_time": "over_60_min"},
    )
    ids = {a.id for a in advice.actions}
    assert {"act15", "act21", "act10"} <= ids
    calm = run(
        collaboration={"ambition": "realistic", "mandation": "voluntary"}, relationship={"travel_time": "under_30_min"}
    )
    assert not {"act15", "act21", "act10"} & {a.id for a in calm.actions}


def test_actions_carry_stage_domain_and_source(run):
    advice = run(collaboration={"ambition": "very_ambitious"})
    action = next(a for a in advice.actions if a.id == "act15")
    assert action.stage and action.domain
    assert action.sources[0].startswith("act15: Table 10")


def test_collaborative_partners_can_expect_cultural_benefits_and_consolidation_loses_proximity():
    from advisor import advise, load_case

    from conftest import ROOT

    advice = advise(load_case(ROOT / "examples" / "proposed_merger.yaml"))
    ids = {e.id for e in advice.expected_effects}
    assert "perf_improved_communication" in ids
    assert any(e.id == "perf_loss_of_proximity" and e.effect == "unintended" for e in advice.expected_effects)


def test_unknowns_are_reported_with_why_they_matter(run):
    advice = run()
    facts = {u.fact: u for u in advice.unknowns}
    assert "collaboration.mandation" in facts
    assert facts["collaboration.mandation"].rules
    assert advice.confidence == "low"
    partner_unknown = next(u for u in advice.unknowns if u.fact == "partners.size")
    assert "Trust 1" in partner_unknown.why
