"""Layer 4 (form suitability): per-form evidence decides each verdict."""

from conftest import fired, option

TURNAROUND = [
    {"name": "Struggling Trust", "sector": "acute", "performance": "inadequate", "special_measures": "yes"},
    {"name": "Outstanding Trust", "sector": "acute", "performance": "outstanding", "special_measures": "no"},
]


def test_buddying_is_recommended_for_a_struggling_trust_paired_with_an_outstanding_one(run):
    advice = run(TURNAROUND, collaboration={"drivers": ["learning"], "scope": "learning"})
    assert advice.options[0].form == "buddying"
    assert option(advice, "buddying").verdict == "recommended"
    assert fired(advice, "form.buddying_turnaround")


def test_buddying_is_not_advised_when_no_partner_is_struggling(run):
    healthy = [
        {"name": "A", "performance": "good", "special_measures": "no"},
        {"name": "B", "performance": "outstanding", "special_measures": "no"},
    ]
    advice = run(healthy, collaboration={"drivers": ["learning"], "scope": "learning"})
    assert option(advice, "buddying").verdict == "not_advised"
    assert fired(advice, "form.buddying_nothing_to_turn_around")


def test_imposed_buddying_carries_a_condition(run):
    advice = run(
        TURNAROUND,
        collaboration={
            "mandation": "mandated",
            "mandated_by": "regulator",
            "drivers": ["learning"],
            "scope": "learning",
        },
    )
    assert option(advice, "buddying").conditions
    assert any(r.id == "imposed_buddying" for r in advice.risks)


def test_a_merger_of_more_than_two_is_ruled_out_and_an_ics_needs_five(run):
    advice = run(3, collaboration={"scope": "whole_organisation"})
    assert option(advice, "merger").verdict == "not_advised"
    assert fired(advice, "form.too_many_partners")
    assert option(run(2), "integrated_care_system").verdict == "not_advised"


def test_a_pcn_needs_general_practices(run):
    no_gps = run([{"name": "A", "sector": "acute"}, {"name": "B", "sector": "community"}])
    assert option(no_gps, "primary_care_network").verdict == "not_advised"
    gps = run(
        [{"name": f"Practice {i}", "sector": "primary_care"} for i in range(4)]
        + [{"name": "Pharmacy", "sector": "independent"}],
        collaboration={
            "mandation": "mandated",
            "scope": "multiple_services",
            "drivers": ["sustenance", "participation"],
        },
    )
    assert gps.options[0].form == "primary_care_network"


def test_drivers_decide_fit(run):
    advice = run(collaboration={"drivers": ["consolidation", "sustenance"]})
    assert fired(advice, "form.serves_drivers")
    assert any(r.rule == "form.misses_drivers" for r in option(advice, "buddying").reasons)


def test_deep_integration_without_initial_trust_is_penalised(run):
    advice = run(relationship={"history_of_competition": "significant", "history_of_collaboration": "poor"})
    merger = option(advice, "merger")
    assert any(r.rule == "form.deep_integration_low_trust" and r.delta < 0 for r in merger.reasons)
    assert merger.conditions


def test_consolidating_distant_partners_is_penalised_and_near_ones_favoured(run):
    far = option(run(relationship={"travel_time": "over_60_min"}), "merger")
    near = option(run(relationship={"travel_time": "under_30_min"}), "merger")
    assert far.score < near.score


def test_no_capacity_penalises_integrative_forms_but_not_loose_ones(run):
    advice = run(collaboration={"funding": "none"})
    assert any(r.rule == "form.integration_capacity" for r in option(advice, "merger").reasons)
    assert not any(r.rule == "form.integration_capacity" for r in option(advice, "clinical_network").reasons)


def test_every_form_gets_a_verdict_and_options_are_best_first(run):
    advice = run()
    assert len(advice.options) == 13
    order = {"recommended": 0, "conditional": 1, "not_advised": 2}
    keys = [(order[o.verdict], -o.score) for o in advice.options]
    assert keys == sorted(keys)
