"""Layers 2 and 3 (mechanism effects and levels), as the CMOCs of Box 1 describe them."""

import pytest

from advisor.rules.levels import level_for

from conftest import fired


def test_good_history_of_collaboration_raises_initial_trust(run):
    advice = run(relationship={"history_of_collaboration": "good", "history_of_competition": "none"})
    assert fired(advice, "mech.initial_trust.good_history")
    assert advice.mechanisms["initial_trust"].level == "high"


def test_history_of_competition_and_past_failures_lower_initial_trust(run):
    advice = run(relationship={"history_of_competition": "significant", "past_failures": "yes"})
    assert advice.mechanisms["initial_trust"].level == "low"
    assert "mech.initial_trust.competition" in advice.mechanisms["initial_trust"].because


def test_nothing_known_about_the_relationship_leaves_initial_trust_unknown(run):
    assert run().mechanisms["initial_trust"].level == "unknown"


def test_known_but_neutral_relationship_gives_medium_initial_trust(run):
    advice = run(
        relationship={
            "history_of_collaboration": "mixed",
            "history_of_competition": "some",
            "reputation_problems": "no",
            "past_failures": "no",
        }
    )
    assert advice.mechanisms["initial_trust"].level == "medium"


def test_many_large_partners_across_sectors_make_the_task_complex_and_cost_initial_faith(run):
    partners = [
        {"name": f"P{i}", "size": "very_large", "sector": s}
        for i, s in enumerate(["acute", "local_authority", "mental_health", "community"])
    ]
    advice = run(partners)
    assert advice.mechanisms["task_complexity"].level == "high"
    assert fired(advice, "mech.initial_faith.complex_task")


def test_mandation_lowers_and_stakeholder_involvement_raises_legitimacy(run):
    imposed = run(collaboration={"mandation": "mandated", "patient_involvement": "low"})
    assert imposed.mechanisms["legitimacy"].level == "low"
    chosen = run(collaboration={"mandation": "voluntary", "patient_involvement": "high"})
    assert chosen.mechanisms["legitimacy"].level == "high"


def test_conflict_follows_vision_culture_and_resolution(run):
    calm = run(
        collaboration={"vision_sharedness": "high", "accountability": "clear", "conflict_resolution": "independent"},
        relationship={"cultural_compatibility": "high"},
    )
    assert calm.mechanisms["conflict"].level == "low"
    stormy = run(
        collaboration={"vision_sharedness": "low", "accountability": "unclear", "conflict_resolution": "none"},
        relationship={"cultural_compatibility": "low", "communication": "high"},
    )
    assert stormy.mechanisms["conflict"].level == "high"
    assert fired(stormy, "mech.conflict.clash_of_cultures")
    assert fired(stormy, "mech.trust.significant_conflict")


def test_high_trust_and_faith_lead_to_collaborative_behaviour(run):
    advice = run(
        collaboration={
            "mandation": "voluntary",
            "vision_sharedness": "high",
            "vision_clarity": "high",
            "accountability": "clear",
            "conflict_resolution": "independent",
            "evaluation": "yes",
            "role_clarity": "yes",
            "leadership_style": "collaborative",
            "funding": "adequate",
            "regulatory_environment": "favourable",
            "patient_involvement": "high",
        },
        relationship={
            "history_of_collaboration": "good",
            "history_of_competition": "none",
            "cultural_compatibility": "high",
            "communication": "high",
        },
    )
    assert advice.mechanisms["trust"].level == "high"
    assert advice.mechanisms["faith"].level == "high"
    assert fired(advice, "mech.behaviour.trust_and_faith")
    assert advice.mechanisms["collaborative_behaviour"].level == "high"


def test_low_trust_and_faith_lead_to_collaborative_inertia(run):
    advice = run(
        collaboration={
            "mandation": "mandated",
            "vision_sharedness": "low",
            "conflict_resolution": "none",
            "ambition": "very_ambitious",
            "funding": "none",
            "accountability": "unclear",
            "patient_involvement": "low",
            "staff_involvement": "low",
        },
        relationship={
            "history_of_collaboration": "poor",
            "history_of_competition": "significant",
            "cultural_compatibility": "low",
        },
    )
    assert fired(advice, "mech.behaviour.inertia")
    assert advice.mechanisms["collaborative_behaviour"].level == "low"
    assert any(r.id == "collaborative_inertia" for r in advice.risks)


def test_binding_agreements_build_confidence_in_a_mandated_collaboration_and_confidence_raises_risk_tolerance(run):
    advice = run(collaboration={"mandation": "mandated", "legal_agreements": "contract"})
    assert advice.mechanisms["confidence"].level == "high"
    assert fired(advice, "mech.risk_tolerance.confidence_high")


def test_survey_measurement_moves_the_measured_mechanism():
    from advisor import advise

    from conftest import build_case

    case = build_case(relationship={"history_of_competition": "significant"})
    assert advise(case).mechanisms["initial_trust"].level == "low"
    measured = advise(case, {"initial_trust": "high"})
    assert measured.mechanisms["initial_trust"].level == "medium"
    assert fired(measured, "mech.initial_trust.survey_high")


@pytest.mark.parametrize(
    ("score", "level"),
    [(-3, "low"), (-2, "low"), (-1, "medium"), (0, "medium"), (1, "medium"), (2, "high"), (5, "high")],
)
def test_level_thresholds(score, level):
    assert level_for(score) == level


def test_a_level_is_built_on_the_effects_it_summed(run):
    advice = run(relationship={"history_of_competition": "significant", "past_failures": "yes"})
    level = next(f for f in advice.trace if f.rule == "level.initial_trust")
    sources = {advice.trace[step - 1].rule for step in level.built_on}
    assert sources == {"mech.initial_trust.competition", "mech.initial_trust.past_failures"}
