"""Layer 6, governance: the NHS governance model that goes with each candidate's formalisation,
fitted to the partners' legal kinds. This is NHS guidance (NHS England 2021 on provider
collaboratives and its successors, the Dalton review), never the report's evidence; each rule
says so.

The paperwork ladder, lightest first: a memorandum of understanding; a collaboration
agreement; a lead-provider contract, or decisions delegated to a joint committee; a corporate
vehicle; a statutory transaction. Committees in common leave each board deciding for itself
(meeting together); a joint committee decides for the boards that delegate to it, and only
statutory bodies can be its members: independent-sector and charity partners take part by
contract or collaboration agreement, never as members.
"""

from __future__ import annotations

from advisor.engine.compat import MATCH, OR, P
from advisor.rules.conditions import at_least, one_of
from advisor.rules.facts import Candidate, CollabFact, PartnerMix
from advisor.rules.registry import rule

LEADERSHIP = {
    "provider_collaborative": "led through a lead provider, shared leadership or a provider leadership board",
    "group": "led through leadership shared across the boards, as below",
}


class GovernanceRules:
    """One governance model per candidate form (phase formalisation)."""

    @rule(
        "governance.lead_provider",
        "formalisation",
        Candidate(form=MATCH.form & one_of("provider_collaborative")),
        OR(
            PartnerMix(lead_kind=P(lambda kind: kind != "none")),
            CollabFact(pathway_budget="yes"),
            PartnerMix(any_non_nhs="yes"),
        ),
        statement="Where one provider is to hold the contract and budget (a named lead, a pathway budget to "
        "take on, or partners outside the NHS), the lead provider model fits: the lead holds the contract "
        "and budget and subcontracts to the others, under a collaboration agreement among them.",
        encodes=["gd_lead_provider", "gd_pc_non_nhs_members", "gd_ladder_lead_provider_contract"],
        strength="guidance",
    )
    def lead_provider(self, form):
        self.govern(
            form,
            "lead_provider",
            "Lead provider model: one NHS trust holds the contract and the budget and subcontracts to the "
            "other partners, with a collaboration agreement among them (NHS guidance).",
        )

    @rule(
        "governance.non_nhs_members",
        "formalisation",
        Candidate(form=MATCH.form, integration=at_least(3)),
        PartnerMix(any_non_statutory="yes"),
        statement="Only statutory bodies can be members of a statutory joint committee; independent-sector, "
        "charity and GP partners take part by contract or collaboration agreement, or attend.",
        encodes=["gd_joint_committee_parties"],
        strength="guidance",
    )
    def non_nhs_members(self, form):
        self.govern(
            form,
            "non_nhs_members",
            "Partners that are not statutory NHS bodies (independent providers, charities, GP practices) "
            "take part by contract or through the collaboration agreement, or attend meetings; they cannot "
            "be members of a statutory joint committee (NHS guidance).",
        )

    @rule(
        "governance.shared_decisions",
        "formalisation",
        Candidate(form=MATCH.form & one_of("provider_collaborative", "group")),
        PartnerMix(any_non_statutory="no"),
        statement="Statutory bodies (NHS trusts, with councils able to join) deciding together choose between "
        "committees in common (each board decides for "
        "itself, meeting together) and a joint committee (the boards delegate decisions to it); a provider "
        "collaborative is led through a lead provider, shared leadership or a provider leadership board "
        "(NHS England 2021), a group through leadership shared across its boards.",
        encodes=[
            "gd_committees_in_common",
            "gd_joint_committee",
            "gd_provider_leadership_board",
            "gd_shared_leadership",
            "gd_lead_provider",
        ],
        strength="guidance",
    )
    def shared_decisions(self, form):
        self.govern(
            form,
            "shared_decisions",
            "Decisions through committees in common (each board decides for itself, meeting together) or "
            "a joint committee (the boards delegate decisions to it; only the statutory bodies are members); "
            + LEADERSHIP[form]
            + " (NHS guidance).",
        )

    @rule(
        "governance.group_leadership",
        "formalisation",
        Candidate(form=MATCH.form & one_of("group")),
        statement="Group models share leadership: a shared chief executive and/or chair across the boards, "
        "with committees in common, each trust keeping its own board and statutory duties.",
        encodes=["gd_group_model", "gd_shared_leadership", "gd_dalton_foundation_group"],
        strength="guidance",
    )
    def group_leadership(self, form):
        self.govern(
            form,
            "group_leadership",
            "Shared leadership: a chief executive and/or chair shared across the boards, each trust keeping "
            "its own board and statutory duties (NHS guidance).",
        )

    @rule(
        "governance.corporate_vehicle",
        "formalisation",
        Candidate(form=MATCH.form & one_of("joint_venture")),
        statement="A jointly owned company or other corporate vehicle is the rung of the ladder for a joint venture.",
        encodes=["gd_ladder_corporate_vehicle"],
        strength="guidance",
    )
    def corporate_vehicle(self, form):
        self.govern(
            form,
            "corporate_vehicle",
            "A corporate vehicle the partners own, with a shareholders' or members' agreement; each founder "
            "contracts with it for the service (NHS guidance).",
        )

    @rule(
        "governance.statutory_transaction",
        "formalisation",
        Candidate(form=MATCH.form & one_of("merger", "acquisition")),
        PartnerMix(any_non_nhs=one_of("no", "unknown"), count=MATCH.count),
        statement="Mergers and acquisitions of NHS providers are statutory transactions approved by NHS "
        "England (and on some routes the Secretary of State and foundation trusts' governors): a merger "
        "dissolves the trusts into a new one with a new board, an acquisition leaves the acquirer's board "
        "governing the enlarged trust; more than two trusts merge by dissolution or successive transactions.",
        encodes=["gd_ladder_statutory_transaction", "gd_multi_party_merger"],
        strength="guidance",
    )
    def statutory_transaction(self, form, count):
        board = (
            "the trusts are dissolved and a new trust formed, with a new board"
            if form == "merger"
            else "the acquirer's board governs the enlarged trust"
        )
        several = (
            "; more than two trusts merge by dissolving them into one or by successive transactions"
            if form == "merger" and isinstance(count, int) and count > 2
            else ""
        )
        self.govern(
            form,
            "statutory_transaction",
            f"A statutory transaction approved by NHS England (and on some routes the Secretary of State and "
            f"foundation trusts' governors): {board}{several} (NHS guidance).",
        )

    @rule(
        "governance.management_agreement",
        "formalisation",
        Candidate(form=MATCH.form & one_of("management_contract")),
        statement="A management contract hands the management of a trust to another organisation for a "
        "fixed term, mainly a way for a strong foundation trust to manage a failing one; the contract must "
        "face the underlying finances.",
        encodes=["gd_dalton_management_contract", "gd_remedy_management_contract"],
        strength="guidance",
    )
    def management_agreement(self, form):
        self.govern(
            form,
            "management_agreement",
            "A management agreement for a fixed term: the managing provider takes over the management of the "
            "trust, with a clear exit and a settlement for any underlying deficit (NHS guidance).",
        )

    @rule(
        "governance.light_touch",
        "formalisation",
        Candidate(form=MATCH.form & one_of("informal_partnering", "federation", "clinical_network", "buddying")),
        statement="Lightly integrated arrangements sit on the first rungs of the ladder: a memorandum of "
        "understanding or a collaboration agreement, governance proportionate to the risk.",
        encodes=["gd_ladder_mou", "gd_ladder_collaboration_agreement", "gd_ladder_proportionate"],
        strength="guidance",
    )
    def light_touch(self, form):
        self.govern(
            form,
            "light_touch",
            "A steering group of the partners' leads under a memorandum of understanding or collaboration "
            "agreement; decisions stay with each partner's own board (NHS guidance).",
        )
