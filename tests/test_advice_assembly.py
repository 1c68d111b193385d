"""How the advice reads out what the rules concluded: every form gets a verdict and the options
come best first, a finding several rules raise is one risk, actions carry their Table 10 details,
and unknown facts say why they matter. (What each rule concludes is in test_rules_evidence.py.)"""

from __future__ import annotations

from advisor.advice.build import conclusions
from advisor.engine.tracing import VERDICT_ORDER

from conftest import ROOT, build_case

TURNAROUND = [
    {"name": "Struggling", "size": "small", "performance": "inadequate", "special_measures": "yes"},
    {"name": "Outstanding", "size": "very_large", "performance": "outstanding", "special_measures": "no"},
]


def test_every_form_gets_a_verdict_and_the_options_come_best_first():
    parts = conclusions(
        build_case(
            [{"name": "A", "sector": "acute"}, {"name": "B", "sector": "acute"}],
            collaboration={
                "drivers": ["consolidation"],
                "scope": "whole_organisation",
                "forms_considered": ["buddying"],
            },
            relationship={"history_of_collaboration": "good", "travel_time": "under_30_min"},
        )
    )
    assert len({o.form for o in parts.options}) == 13
    keys = [(VERDICT_ORDER[o.verdict], -o.score) for o in parts.options]
    assert keys == sorted(keys)
    assert len({o.verdict for o in parts.options}) > 1


def test_a_finding_several_rules_raise_is_one_risk_at_its_highest_severity():
    """A small struggling trust told by its regulator to work with a very large outstanding one:
    size, the mandated pairing and the rescue all speak of one imbalance of power."""
    parts = conclusions(build_case(TURNAROUND, collaboration={"mandation": "mandated", "mandated_by": "regulator"}))
    (risk,) = [r for r in parts.risks if r.id == "power_imbalance"]
    assert risk.severity == "high"
    assert {"risk.power_imbalance", "risk.mandated_power_imbalance", "risk.knight_in_shining_armour"} <= set(
        risk.because
    )


def test_actions_carry_their_table_10_stage_domain_and_source():
    parts = conclusions(build_case(collaboration={"ambition": "very_ambitious"}))
    action = next(a for a in parts.actions if a.id == "act15")
    assert action.stage and action.domain
    assert action.sources[0].startswith("act15: Table 10")


def test_unknown_facts_say_why_they_matter_and_which_rules_read_them(advice):
    """The two neighbouring hospitals have not said whether they chose to collaborate, nor how
    large they are."""
    facts = {u.fact: u for u in advice.unknowns}
    mandation = facts["collaboration.mandation"]
    assert mandation.why and "action.acknowledge_power" in mandation.rules
    assert "ctx.size_asymmetry" in facts["partners[0].size"].rules


def test_a_partner_named_as_an_nhs_trust_is_taken_to_be_one_unless_the_case_says_otherwise():
    from advisor.case.model import Partner

    assert Partner(name="Northtown Hospital NHS Trust").legal_kind == "nhs_trust"
    assert Partner(name="Lakes Partnership NHS FT").legal_kind == "foundation_trust"
    assert Partner(name="Fells NHS Foundation Trust").legal_kind == "foundation_trust"
    assert Partner(name="NHS Trust Estates Ltd").legal_kind == "unknown"
    assert Partner(name="Harbour NHS Trust", legal_kind="charity_or_social_enterprise").legal_kind != "nhs_trust"


def test_the_advice_is_never_unsettled_by_the_legal_kind_an_nhs_trust_name_already_gives():
    from advisor.advice.build import advise
    from advisor.case.load import load_case

    advice = advise(load_case(ROOT / "examples" / "proposed_merger.yaml"))
    assert not [fact for fact in advice.certainty.settle if fact.endswith("legal_kind")]
