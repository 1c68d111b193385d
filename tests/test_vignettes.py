"""The acceptance vignettes of ../shared/vignettes.md: situations with the properties any
defensible advice must have. Each case file in tests/vignettes/ encodes only what its situation
states; each test states the property in the vignette's words."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from advisor import advise, load_case
from advisor.report.text import render_text

VIGNETTES = Path(__file__).parent / "vignettes"
CONSOLIDATING = ("merger", "acquisition", "group")
VIABLE = ("recommended", "conditional")


@cache
def case(name: str):
    return load_case(next(VIGNETTES.glob(f"{name}_*.yaml")))


@cache
def advice(name: str):
    return advise(case(name))


def option(name: str, form: str):
    return advice(name).option(form)


def top_two(name: str) -> list[str]:
    return [o.form for o in advice(name).options[:2]]


# -- P1 Merger of two trusts, both in deficit ----------------------------------------------------


def test_p1_answers_the_boards_question_for_each_form_it_considers():
    proposals = {p.form: p for p in advice("p01").proposals}
    assert set(proposals) == {"merger", "group"}
    for form in ("merger", "group"):
        considered = option("p01", form)
        assert considered.verdict in VIABLE + ("not_advised", "undecided")
        assert considered.risks, f"{form}: a form the board considers has its own risks"
        assert considered.formalisation is not None


def test_p1_a_merger_always_carries_the_dip_and_the_cultural_integration_burden():
    risks = {r.id for r in option("p01", "merger").risks}
    assert {"implementation_dip", "cultural_integration", "diverted_energy"} <= risks


def test_p1_a_merger_is_a_statutory_transaction_with_due_diligence_and_no_third_party_adjudication():
    formal = option("p01", "merger").formalisation
    assert formal.instrument == "statutory"
    assert "due diligence" in formal.summary
    texts = " ".join(e.text for e in formal.elements)
    assert "impartial third party" not in texts and "partner best able" not in texts


# -- P2 Jointly owned pathology company ---------------------------------------------------------


def test_p2_joint_venture_is_among_the_top_two_as_a_new_legal_entity_with_its_own_risk():
    assert {"joint_venture", "service_level_chain"} & set(top_two("p02"))
    jv = option("p02", "joint_venture")
    assert jv.formalisation.instrument == "new_entity"
    assert "shareholder" in jv.formalisation.summary
    assert "structure_over_relationships" in {r.id for r in jv.risks}


# -- P3 A hospital trust runs a failing GP practice ------------------------------------------------


def test_p3_management_contract_is_in_the_top_two_and_the_practice_is_the_struggling_partner():
    assert "management_contract" in top_two("p03")
    mix = next(f for f in advice("p03").trace[0].matched if f.fact == "PartnerMix")
    assert mix.values["struggling"] == ["Brookside Surgery"]


def test_p3_risks_include_the_mandated_power_imbalance_and_the_need_for_a_structural_response():
    risks = {r.id for r in advice("p03").risks}
    assert "power_imbalance" in risks
    assert "structural_response" in risks


# -- P4 A struggling trust not in special measures ---------------------------------------------------


def test_p4_requires_improvement_with_a_severe_deficit_is_struggling():
    text = render_text(advice("p04"))
    assert "no partner is struggling" not in text
    assert all(
        "no struggling" not in r.text and "although no partner is struggling" not in r.text
        for o in advice("p04").options
        for r in o.reasons
    )


@pytest.mark.parametrize("form", ["management_contract", "group", "acquisition"])
def test_p4_the_remedies_for_a_struggling_provider_are_reachable_with_their_conditions(form):
    assert option("p04", form).verdict in VIABLE


# -- P5 A group in implementation ---------------------------------------------------------------------


def test_p5_the_case_records_the_group_in_place_and_its_governance():
    the_case = case("p05")
    assert the_case.collaboration.in_place.form == "group"
    assert "committees_in_common" in the_case.collaboration.in_place.governance
    group = option("p05", "group")
    assert group.formalisation is not None
    assert "committees in common" in group.formalisation.governance_in_place


def test_p5_actions_for_the_implementation_stage_come_first_and_none_prepares_for_a_form():
    actions = advice("p05").actions
    assert actions[0].timing == "now"
    order = [a.timing for a in actions]
    assert order == sorted(order, key=("now", "next", "still_open").index)
    assert not any("before" in a.text.lower() and "form" in a.text.lower() for a in actions)


# -- P6 Specialised mental health collaborative with a lead provider ------------------------------


def test_p6_provider_collaborative_follows_the_lead_provider_model_without_non_nhs_members():
    assert "provider_collaborative" in top_two("p06")
    formal = option("p06", "provider_collaborative").formalisation
    governance = " ".join(formal.governance)
    assert "Lead provider model" in governance
    assert "cannot be members of a statutory joint committee" in governance


def test_p6_an_independent_sector_partner_raises_the_privatisation_concern():
    risks = {r.id: r for r in advice("p06").risks}
    assert "reputation" in risks
    assert "privatisation" in risks["reputation"].text


# -- P7 A federation losing momentum -----------------------------------------------------------------


def test_p7_maintenance_advice_renews_rescopes_or_exits():
    ids = {a.id for a in advice("p07").actions}
    assert {"lc_renew_aims", "lc_rescope", "lc_orderly_exit"} <= ids


def test_p7_quick_wins_without_later_progress_reduce_faith():
    assert "momentum" in {r.id for r in advice("p07").risks}


def test_p7_formalisation_does_not_escalate_to_contracts_because_trust_has_grown():
    federation = option("p07", "federation").formalisation
    assert federation is not None and federation.instrument == "mou"


# -- P8 An acute provider collaborative ------------------------------------------------------------


def test_p8_provider_collaborative_is_not_ruled_out_for_acute_trusts_and_names_the_governance_options():
    pc = option("p08", "provider_collaborative")
    assert pc.verdict in VIABLE
    governance = " ".join(pc.formalisation.governance)
    for model in ("lead provider", "shared leadership", "provider leadership board"):
        assert model in governance
    assert "committees in common (each board decides for itself" in governance
    assert "joint committee (the boards delegate decisions to it" in governance


# -- P9 A merger between partners who do not trust each other -----------------------------------


def test_p9_the_proposed_merger_is_not_recommended_with_checked_changes_and_lighter_forms():
    proposal = advice("p09").proposals[0]
    assert proposal.form == "merger" and proposal.verdict not in ("recommended",)
    assert proposal.pathways, "the smallest set of changes that would make it viable"
    for pathway in proposal.pathways:
        assert pathway.verdict in VIABLE
    assert proposal.building_forms


def test_p9_the_history_of_competition_lowering_initial_trust_is_a_risk():
    risks = {r.id: r for r in advice("p09").risks}
    assert "trust_deficit" in risks and "competition" in risks["trust_deficit"].text


# -- P10 A voluntary clinical network with high trust ---------------------------------------------


def test_p10_a_voluntary_clinical_network_with_high_trust_gets_non_binding_terms():
    assert advice("p10").top().form == "clinical_network"
    formal = advice("p10").formalisation
    assert formal.instrument == "mou"
    assert "trust is not yet enough" not in render_text(advice("p10"))


# -- P11 Almost nothing known ----------------------------------------------------------------------


def test_p11_no_form_is_not_advised_for_lack_of_information_alone():
    for o in advice("p11").options:
        if o.verdict == "not_advised":
            assert any(r.delta < 0 for r in o.reasons), f"{o.form} is not advised without evidence against it"
    undecided = [o for o in advice("p11").options if o.verdict == "undecided"]
    assert undecided and all(o.deciding_facts for o in undecided)


def test_p11_the_certainty_is_low_and_names_the_answers_that_would_settle_it():
    certainty = advice("p11").certainty
    assert certainty.level == "low"
    assert 1 <= len(certainty.settle) <= 3


# -- P12 Fully described, unambiguous case ------------------------------------------------------


def test_p12_a_fully_described_clear_case_is_certain():
    assert advice("p12").certainty.level == "high"


def test_p12_leaving_out_facts_that_cannot_change_the_top_does_not_lower_certainty():
    """Facts whose every value leaves the top option and its verdict as they are (checked by
    re-running) are left out together; the advice stays certain."""
    from advisor.advice.sensitivity import outcome, try_answers
    from advisor.case.edit import LIST_FACTS, apply_edits, editable_facts

    def blank(fact: str) -> str:
        return "" if fact.rsplit(".", 1)[1] in LIST_FACTS else "unknown"

    full = case("p12")
    base = outcome(full)
    idle = []
    for fact, values in editable_facts(full, per_partner=False).items():
        if not fact.startswith("collaboration.") or fact == "collaboration.forms_considered":
            continue
        cleared = apply_edits(full, {fact: blank(fact)})
        results = try_answers(cleared, [(fact, v) for v in values if v != "unknown"])
        if results and not any(base.changes_top(o) for o in results.values()):
            idle.append(fact)
    assert len(idle) >= 5
    thinner = apply_edits(full, {fact: blank(fact) for fact in idle})
    assert advise(thinner).certainty.level == "high"


# -- Properties that hold for every case ----------------------------------------------------------

ALL = sorted(p.stem.split("_")[0] for p in VIGNETTES.glob("p*.yaml"))
RULE_ID = re.compile(r"\b(form|risk|mech|ctx|action|formal|perf|level|governance)\.[a-z_]+")


@pytest.mark.parametrize("name", ALL)
def test_every_risk_names_the_actions_that_mitigate_it_and_no_finding_is_told_twice(name):
    risks = advice(name).risks
    assert all(r.mitigations for r in risks)
    assert len({(r.id, r.form) for r in risks}) == len(risks)
    order = [({"high": 0, "medium": 1, "low": 2}[r.severity], -r.touches) for r in risks]
    assert order == sorted(order)


@pytest.mark.parametrize("name", ALL)
def test_board_text_has_no_rule_ids_and_never_calls_certainty_confidence(name):
    text = render_text(advice(name))
    assert not RULE_ID.search(text)
    assert "confidence of this advice" not in text.lower()


@pytest.mark.parametrize("name", ALL)
def test_no_recommended_or_considered_consolidating_form_has_an_empty_risk_section(name):
    for o in advice(name).options:
        if o.form in CONSOLIDATING and (o.verdict == "recommended" or o.considered):
            assert o.risks
