"""Layer 1 (derived context): situations in domain words and the contexts they give."""

from conftest import fired


def test_four_partners_are_many_and_two_are_a_pair(run):
    assert fired(run(4), "ctx.many_partners")
    assert not fired(run(3), "ctx.many_partners")
    assert fired(run(2), "ctx.two_partners")


def test_a_very_large_trust_beside_a_small_one_is_a_size_asymmetry(run):
    advice = run([{"name": "Big", "size": "very_large"}, {"name": "Small", "size": "small"}])
    assert fired(advice, "ctx.size_asymmetry")
    assert fired(advice, "mech.trust.size_asymmetry")


def test_similar_sizes_are_no_asymmetry_and_unknown_sizes_are_not_assumed(run):
    assert not fired(run([{"name": "A", "size": "large"}, {"name": "B", "size": "medium"}]), "ctx.size_asymmetry")
    assert not fired(run([{"name": "A", "size": "large"}, {"name": "B"}]), "ctx.size_asymmetry")


def test_hospital_and_council_working_together_is_cross_sector(run):
    advice = run([{"name": "Hospital", "sector": "acute"}, {"name": "Council", "sector": "local_authority"}])
    assert fired(advice, "ctx.cross_sector")
    assert not fired(advice, "ctx.single_sector")


def test_two_acute_trusts_are_single_sector_not_cross_service(run):
    advice = run([{"name": "A", "sector": "acute"}, {"name": "B", "sector": "acute"}])
    assert fired(advice, "ctx.single_sector")
    assert not fired(advice, "ctx.cross_service")
    assert not fired(advice, "ctx.cross_sector")


def test_acute_and_mental_health_is_cross_service(run):
    advice = run([{"name": "A", "sector": "acute"}, {"name": "B", "sector": "mental_health"}])
    assert fired(advice, "ctx.cross_service")


def test_struggling_trust_beside_outstanding_one_is_a_turnaround_pairing(run):
    partners = [
        {"name": "Struggling", "performance": "inadequate", "special_measures": "yes"},
        {"name": "Outstanding", "performance": "outstanding", "special_measures": "no"},
    ]
    assert fired(run(partners), "ctx.turnaround_pairing")
    imposed = run(partners, collaboration={"mandation": "mandated", "mandated_by": "regulator"})
    assert fired(imposed, "ctx.mandated_turnaround")
    assert not fired(run(partners, collaboration={"mandation": "voluntary"}), "ctx.mandated_turnaround")


def test_travel_time_sets_distance_and_proximity(run):
    assert fired(run(relationship={"travel_time": "over_60_min"}), "ctx.distant")
    assert fired(run(relationship={"travel_time": "under_30_min"}), "ctx.proximate")
    neither = run(relationship={"travel_time": "30_to_60_min"})
    assert not fired(neither, "ctx.distant") and not fired(neither, "ctx.proximate")


def test_mandate_with_bad_blood_and_no_money_is_set_up_for_failure(run):
    advice = run(
        collaboration={"mandation": "mandated", "funding": "none"},
        relationship={"history_of_competition": "significant"},
    )
    assert fired(advice, "ctx.set_up_for_failure")
    assert any(r.id == "set_up_for_failure" and r.severity == "high" for r in advice.risks)
    funded = run(
        collaboration={"mandation": "mandated", "funding": "adequate"},
        relationship={"history_of_competition": "significant"},
    )
    assert not fired(funded, "ctx.set_up_for_failure")


def test_high_staff_or_leadership_turnover_is_workforce_instability(run):
    assert fired(run([{"name": "A", "staff_turnover": "high"}, {"name": "B"}]), "ctx.workforce_instability")
    assert fired(run(collaboration={"leadership_turnover": "high"}), "ctx.workforce_instability")
    assert not fired(run(collaboration={"leadership_turnover": "low"}), "ctx.workforce_instability")


def test_no_money_or_a_partner_without_capacity_is_a_capacity_shortfall(run):
    assert fired(run(collaboration={"funding": "none"}), "ctx.capacity_shortfall")
    assert fired(run([{"name": "A", "improvement_capacity": "low"}, {"name": "B"}]), "ctx.capacity_shortfall")
    assert not fired(run(collaboration={"funding": "adequate"}), "ctx.capacity_shortfall")
