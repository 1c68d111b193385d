"""Layer 4, form suitability: evidence for and against each of the 13 forms (Table 2), then a
verdict per form and the ranking.

Three kinds of evidence, in this order of weight:

1. **Definitions** (Table 2, 542-557): what a form *is*. A defining requirement that is
   clearly absent rules the form out (a primary care network without general practices) or
   caps it at conditional with the condition that would make it one; one that is met counts
   in favour. Generic pluses can never lift a form whose definition fails.
2. **The report's findings on each form** (ch.4 refinements by type; ch.5): buddying a
   partner of lesser performance, groups keeping sovereignty, mergers resting on confidence.
3. **Our calibration**: the drivers each form serves and the scopes it fits (weights of +/-1
   only, so that calibration alone cannot decide a verdict).

Readiness caps: a form whose needs (trust for forms that run on trust; confidence for forms
that run on confidence; faith; legitimacy; capacity; resources under a mandate) are inferred
low is at most conditional, with a condition saying what must change (issue 11 point 4;
997, 1063, 1198, 1214, 2052-2054).
"""

from __future__ import annotations

from functools import cache

from advisor.engine.compat import AND, MATCH, NOT, OR, TEST
from advisor.kb.load import load_knowledge
from advisor.rules.conditions import at_least, at_most, one_of
from advisor.rules.facts import CollabFact, Context, FormFact, Level, PartnerMix, RelFact
from advisor.rules.registry import rule

SCOPE_RANK = {
    "learning": 0,
    "single_service": 1,
    "pathway": 2,
    "multiple_services": 3,
    "whole_organisation": 4,
    "system": 5,
}
# Drivers that say why partners collaborate rather than what they want from it: being made to
# (coercion) or copying others (mimicry) is not a reason one form fits better than another.
MOTIVES_ONLY = frozenset({"coercion", "mimicry"})
MERGING = one_of("merger", "acquisition")
MANDATED_FORMS = one_of("integrated_care_system", "provider_collaborative", "primary_care_network")


def _wanted(drivers: tuple[str, ...]) -> set[str]:
    return set(drivers) - MOTIVES_ONLY


REMEDIES = ("buddying", "management_contract", "acquisition", "merger", "group")


@cache
def remedy_conditions() -> dict[str, tuple[str, ...]]:
    """The conditions NHS guidance gives for each remedy for a struggling provider to work."""
    out: dict[str, tuple[str, ...]] = {}
    for item in load_knowledge().kind("guidance"):
        if item.remedy_for == "struggling_partner":
            out.update(dict.fromkeys(item.applies_to_forms, item.conditions))
    return out


class FitRules:
    """Our calibration of what the partners want: drivers and scope (+/-1 only)."""

    @rule(
        "form.serves_drivers",
        "forms",
        FormFact(id=MATCH.form, drivers=MATCH.offers),
        CollabFact(drivers=MATCH.wanted),
        TEST(lambda offers, wanted: bool(set(offers) & _wanted(wanted))),
        statement="A form that serves the partners' own reasons for collaborating (Table 3 drivers, "
        "other than being made to or copying others) fits better.",
        encodes=["sec_drivers", "expansion", "consolidation", "participation", "learning", "sustenance"],
        lines=["565-628"],
        strength="calibration",
    )
    def serves_drivers(self, form, offers, wanted):
        served = [d for d in wanted if d in offers and d not in MOTIVES_ONLY]
        self.form_evidence(form, 1, "serves what the partners want from collaborating: " + ", ".join(served))

    @rule(
        "form.misses_drivers",
        "forms",
        FormFact(id=MATCH.form, drivers=MATCH.offers),
        CollabFact(drivers=MATCH.wanted),
        TEST(lambda offers, wanted: bool(_wanted(wanted)) and not set(offers) & _wanted(wanted)),
        statement="A form that serves none of the partners' reasons for collaborating fits less well.",
        encodes=["sec_drivers"],
        lines=["565-628"],
        strength="calibration",
    )
    def misses_drivers(self, form, wanted):
        wanted_words = ", ".join(d for d in wanted if d not in MOTIVES_ONLY)
        self.form_evidence(form, -1, f"serves none of what the partners want ({wanted_words})")

    @rule(
        "form.scope_match",
        "forms",
        FormFact(id=MATCH.form, scopes=MATCH.scopes),
        CollabFact(scope=MATCH.scope),
        TEST(lambda scopes, scope: scope in scopes),
        statement="A form whose Table 2 definition covers the intended scope of services (learning, one "
        "service, a pathway, several services, whole organisations, a system) fits it.",
        encodes=["sec_typology"],
        lines=["542-557"],
        strength="established",
    )
    def scope_match(self, form, scope):
        self.form_evidence(form, 2, f"is made for this scope ({scope.replace('_', ' ')}), as Table 2 defines it")

    @rule(
        "form.scope_mismatch",
        "forms",
        FormFact(id=MATCH.form, scopes=MATCH.scopes),
        CollabFact(scope=MATCH.scope),
        TEST(lambda scopes, scope: scope in SCOPE_RANK and scope not in scopes),
        statement="A form whose Table 2 definition does not cover the intended scope is at most conditional: "
        "it would have to be reshaped for it.",
        encodes=["sec_typology"],
        lines=["542-557"],
        strength="established",
    )
    def scope_mismatch(self, form, scopes, scope):
        made_for = " or ".join(s.replace("_", " ") for s in scopes)
        self.form_evidence(
            form,
            -1,
            f"is made for {made_for}, not for {scope.replace('_', ' ')}",
            cap=True,
            condition=f"only if the scope is recast as {made_for}",
        )

    @rule(
        "form.too_many_partners",
        "forms",
        FormFact(id=MATCH.form, max_partners=MATCH.most),
        PartnerMix(count=MATCH.count),
        TEST(lambda most, count: most > 0 and count > most),
        statement="A form Table 2 defines as a pairing (a management contract: one organisation's operations "
        "handed to another) cannot hold more organisations.",
        encodes=["sec_typology", "management_contract"],
        lines=["554"],
        strength="established",
    )
    def too_many_partners(self, form, most, count):
        self.form_evidence(form, -3, f"pairs {most} organisations, not {count}", block=True)


class DefinitionRules:
    """What each form is (Table 2): a defining requirement met, or clearly absent."""

    @rule(
        "form.informal_partnering_mandated",
        "forms",
        FormFact(id="informal_partnering"),
        CollabFact(mandation="mandated"),
        statement="Informal partnering is voluntary by definition; a mandated collaboration needs another form.",
        encodes=["informal_partnering"],
        lines=["545"],
        strength="established",
    )
    def informal_partnering_mandated(self):
        self.form_evidence(
            "informal_partnering",
            -1,
            "is voluntary by definition, and this collaboration is mandated",
            cap=True,
            condition="only as a learning exchange alongside the mandated arrangement",
        )

    @rule(
        "form.buddying_defined",
        "forms",
        FormFact(id="buddying"),
        PartnerMix(any_below_good="yes", any_strong="yes"),
        statement="Buddying pairs a more experienced, well-rated organisation with one of lesser performance "
        "(rated below good), to mentor and support its turnaround.",
        encodes=["buddying", "sec_refinements_by_type"],
        lines=["416-418", "546", "1458"],
        strength="established",
    )
    def buddying_defined(self):
        self.form_evidence("buddying", 2, "pairs a partner of lesser performance with a stronger one, as buddying does")

    @rule(
        "form.buddying_no_gap",
        "forms",
        FormFact(id="buddying"),
        PartnerMix(any_below_good="no"),
        statement="Buddying needs a partner of lesser performance to turn round; partners all rated good or "
        "outstanding have none.",
        encodes=["buddying"],
        lines=["546"],
        strength="established",
    )
    def buddying_no_gap(self):
        self.form_evidence(
            "buddying",
            -3,
            "needs a partner of lesser performance to support, and every partner is rated good or better",
            block=True,
        )

    @rule(
        "form.joint_venture_defined",
        "forms",
        FormFact(id="joint_venture"),
        CollabFact(planned_vehicle="corporate_vehicle"),
        statement="A joint venture is the new legal entity its founders create to deliver a service for them.",
        encodes=["joint_venture"],
        lines=["549"],
        strength="established",
    )
    def joint_venture_defined(self):
        self.form_evidence(
            "joint_venture", 2, "the partners intend to create and own a new legal entity, as a joint venture does"
        )

    @rule(
        "form.joint_venture_no_entity",
        "forms",
        FormFact(id="joint_venture"),
        CollabFact(
            planned_vehicle=one_of(
                "none",
                "mou",
                "collaboration_agreement",
                "lead_provider_contract",
                "joint_committee",
                "statutory_transaction",
            )
        ),
        statement="Without a new legal entity there is no joint venture.",
        encodes=["joint_venture"],
        lines=["549"],
        strength="established",
    )
    def joint_venture_no_entity(self):
        self.form_evidence(
            "joint_venture",
            -1,
            "would need a new legal entity, which the partners do not plan",
            cap=True,
            condition="only if the partners decide to create and own a new legal entity",
        )

    @rule(
        "form.provider_collaborative_providers",
        "forms",
        FormFact(id="provider_collaborative"),
        PartnerMix(nhs_trusts=at_most(1), sectors_unknown="no"),
        statement="A provider collaborative is a partnership of providers (Table 2), in NHS England's "
        "definition of at least two trusts; with fewer than two there is none.",
        encodes=["provider_collaborative", "gd_pc_definition"],
        lines=["550"],
        strength="guidance",
    )
    def provider_collaborative_providers(self):
        self.form_evidence(
            "provider_collaborative", -3, "joins NHS trusts, and fewer than two partners are NHS trusts", block=True
        )

    @rule(
        "form.provider_collaborative_budget",
        "forms",
        FormFact(id="provider_collaborative"),
        PartnerMix(nhs_trusts=at_least(2)),
        CollabFact(pathway_budget="yes"),
        statement="Provider collaboratives take on responsibility for a pathway and its budget (Table 2).",
        encodes=["provider_collaborative"],
        lines=["550"],
        strength="established",
    )
    def provider_collaborative_budget(self):
        self.form_evidence(
            "provider_collaborative",
            2,
            "NHS providers taking on a pathway and its budget, as a provider collaborative does",
        )

    @rule(
        "form.provider_collaborative_no_budget",
        "forms",
        FormFact(id="provider_collaborative"),
        CollabFact(pathway_budget="no"),
        statement="Table 2 defines provider collaboratives by their new responsibilities for pathway and "
        "budget management; providers who do not take these on are not one in the report's sense.",
        encodes=["provider_collaborative"],
        lines=["550"],
        strength="established",
    )
    def provider_collaborative_no_budget(self):
        self.form_evidence(
            "provider_collaborative",
            -1,
            "takes on a pathway and its budget, which the partners do not plan",
            cap=True,
            condition="only if the partners take on a pathway and its budget",
        )

    @rule(
        "form.provider_collaborative_expected",
        "forms",
        FormFact(id="provider_collaborative"),
        PartnerMix(nhs_trusts=at_least(2), any_non_nhs="no", sectors=MATCH.sectors),
        TEST(lambda sectors: bool({"acute", "mental_health", "specialist"} & set(sectors))),
        CollabFact(mandation="mandated", mandated_by="national_policy"),
        statement="Since 2022 every acute and mental health trust has been expected to be part of a provider "
        "collaborative, for acute, mental health or community services and not only specialised ones (the "
        "report's definition is the 2021 snapshot).",
        encodes=["provider_collaborative", "gd_pc_membership_expected", "gd_pc_beyond_specialised"],
        lines=["550"],
        strength="guidance",
    )
    def provider_collaborative_expected(self, sectors):
        self.form_evidence(
            "provider_collaborative",
            1,
            "is what national policy since 2022 expects acute and mental health trusts to join",
        )

    @rule(
        "form.pcn_general_practice",
        "forms",
        FormFact(id="primary_care_network"),
        PartnerMix(any_gp_practice="yes", sectors=MATCH.sectors),
        TEST(lambda sectors: "acute" not in sectors),
        statement="A primary care network is general practices working with community, mental health, social "
        "care and pharmacy services to deliver primary care.",
        encodes=["primary_care_network"],
        lines=["551"],
        strength="established",
    )
    def pcn_general_practice(self, sectors):
        self.form_evidence(
            "primary_care_network", 2, "has general practices at its core, as a primary care network does"
        )

    @rule(
        "form.pcn_without_general_practice",
        "forms",
        FormFact(id="primary_care_network"),
        PartnerMix(any_gp_practice="no"),
        statement="Without general practices there is no primary care network.",
        encodes=["primary_care_network"],
        lines=["551"],
        strength="established",
    )
    def pcn_without_general_practice(self):
        self.form_evidence("primary_care_network", -4, "needs general practices, and none is a partner", block=True)

    @rule(
        "form.pcn_with_hospitals",
        "forms",
        FormFact(id="primary_care_network"),
        PartnerMix(sectors=MATCH.sectors),
        TEST(lambda sectors: "acute" in sectors),
        statement="A primary care network's members are general practices with community services; acute "
        "hospitals are outside it, so a partnership that includes them is not one.",
        encodes=["primary_care_network"],
        lines=["551"],
        strength="established",
    )
    def pcn_with_hospitals(self, sectors):
        self.form_evidence(
            "primary_care_network",
            -3,
            "is made of general practices, and this partnership includes hospitals",
            block=True,
        )

    @rule(
        "form.ics_defined",
        "forms",
        FormFact(id="integrated_care_system"),
        PartnerMix(any_council="yes"),
        Context(name="cross_service"),
        statement="An integrated care system brings organisations from primary, community, acute, mental and "
        "public health and social care, local councils among them, together to manage patients across defined "
        "care pathways.",
        encodes=["integrated_care_system"],
        lines=["555", "1192"],
        strength="established",
    )
    def ics_defined(self):
        self.form_evidence(
            "integrated_care_system", 2, "brings NHS services of several kinds together with local government"
        )

    @rule(
        "form.ics_coterminous",
        "forms",
        FormFact(id="integrated_care_system"),
        RelFact(coterminous_boundaries="yes"),
        statement="Horizontal collaboration was facilitated where the partners' boundaries coincide, and "
        "working across several local government boundaries made it harder (interviews).",
        encodes=["integrated_care_system", "sec_task_complexity"],
        lines=["1414"],
        strength="suggested",
    )
    def ics_coterminous(self):
        self.form_evidence("integrated_care_system", 1, "suits partners whose boundaries coincide")

    @rule(
        "form.ics_without_councils",
        "forms",
        FormFact(id="integrated_care_system"),
        PartnerMix(any_council="no"),
        statement="Without local government or social care there is no integrated care system.",
        encodes=["integrated_care_system"],
        lines=["555"],
        strength="established",
    )
    def ics_without_councils(self):
        self.form_evidence(
            "integrated_care_system",
            -3,
            "needs local government or social care partners, and none takes part",
            block=True,
        )

    @rule(
        "form.merger_across_legal_kinds",
        "forms",
        FormFact(id=MATCH.form & MERGING),
        PartnerMix(any_non_nhs="yes"),
        statement="Mergers and acquisitions between providers are statutory transactions between NHS bodies; "
        "councils, independent providers and charities cannot merge with or be acquired by an NHS trust.",
        encodes=["merger", "acquisition", "gd_ladder_statutory_transaction"],
        lines=["556-557"],
        strength="guidance",
    )
    def merger_across_legal_kinds(self, form):
        self.form_evidence(
            form,
            -3,
            "is a transaction between NHS bodies, and some partners are councils, independent providers or charities",
            block=True,
        )

    @rule(
        "form.merger_keeps_no_sovereignty",
        "forms",
        FormFact(id=MATCH.form & MERGING),
        CollabFact(sovereignty_required="yes"),
        statement="A merger or acquisition ends the partners' separate existence; partners who must keep their "
        "sovereignty are better served by a group, whose members keep it.",
        encodes=["merger", "group"],
        lines=["556-557", "1452"],
        strength="suggested",
    )
    def merger_keeps_no_sovereignty(self, form):
        self.form_evidence(
            form,
            -1,
            "ends the partners' sovereignty, which they want to keep",
            cap=True,
            condition="only if the partners accept giving up their separate boards",
        )

    @rule(
        "form.management_contract_defined",
        "forms",
        FormFact(id="management_contract"),
        CollabFact(control_transfer="operations"),
        statement="A management contract hands control of a set of operations to another organisation for an "
        "agreed duration.",
        encodes=["management_contract"],
        lines=["554"],
        strength="established",
    )
    def management_contract_defined(self):
        self.form_evidence(
            "management_contract",
            2,
            "one partner would run another's operations for a set time, as a management contract does",
        )

    @rule(
        "form.management_contract_no_handover",
        "forms",
        FormFact(id="management_contract"),
        CollabFact(control_transfer="none"),
        statement="Without one partner handing over control of its operations there is no management contract.",
        encodes=["management_contract"],
        lines=["554"],
        strength="established",
    )
    def management_contract_no_handover(self):
        self.form_evidence(
            "management_contract", -3, "hands over control of operations, which no partner will do", block=True
        )

    @rule(
        "form.management_contract_undefined",
        "forms",
        FormFact(id="management_contract"),
        CollabFact(control_transfer=one_of("unknown", "ownership")),
        statement="A management contract exists only if one partner hands control of its operations to "
        "another for an agreed time; until that is settled it is at most conditional.",
        encodes=["management_contract"],
        lines=["554"],
        strength="established",
    )
    def management_contract_undefined(self):
        self.form_evidence(
            "management_contract",
            0,
            "needs one partner to hand control of its operations to another for a set time",
            cap=True,
            condition="only if one partner will hand over control of its operations for an agreed period",
        )

    @rule(
        "form.acquisition_without_acquirer",
        "forms",
        FormFact(id="acquisition"),
        NOT(Context(name="size_asymmetry")),
        NOT(Context(name="turnaround_pairing")),
        statement="An acquisition is the subsumption of one organisation by another, as between under- and "
        "well-performing providers; without a partner that stands out as stronger, or larger (our reading), "
        "to absorb another it is at most conditional.",
        encodes=["acquisition"],
        lines=["557", "416-422"],
        strength="suggested",
    )
    def acquisition_without_acquirer(self):
        self.form_evidence(
            "acquisition",
            0,
            "needs a partner able to absorb another, and none stands out as larger or stronger",
            cap=True,
            condition="only if one partner is able and willing to absorb the other",
        )

    @rule(
        "form.ownership_transfer",
        "forms",
        FormFact(id=MATCH.form & MERGING),
        CollabFact(control_transfer="ownership"),
        statement="A transfer of ownership is what mergers and acquisitions are.",
        encodes=["merger", "acquisition"],
        lines=["556-557"],
        strength="established",
    )
    def ownership_transfer(self, form):
        self.form_evidence(form, 2, "ownership would change hands, as in a merger or acquisition")


class ArrangementRules:
    """The arrangement the partners already have."""

    @rule(
        "form.already_in_place",
        "forms",
        FormFact(id=MATCH.form),
        CollabFact(in_place_form=MATCH.form),
        statement="The arrangement already in place has the partners' investment behind it: changing form "
        "costs time and energy, so it is weighed as the default to build on (our calibration; the report "
        "values time spent building relationships, 1390, and warns of the energy structures absorb, 1436).",
        encodes=["sec_capacity", "sec_legitimacy"],
        lines=["1390", "1436"],
        strength="calibration",
    )
    def already_in_place(self, form):
        self.form_evidence(form, 1, "is the arrangement the partners already have")


class FindingRules:
    """The report's findings on particular forms (ch.4 refinements by type; ch.5), and Dalton's
    remedies for struggling providers (NHS guidance)."""

    @rule(
        "form.buddying_imposed",
        "forms",
        FormFact(id="buddying"),
        CollabFact(mandation="mandated", mandated_by="regulator"),
        statement="Buddying imposed by a regulator has been the least successful kind; partners who choose "
        "each other do better.",
        encodes=["buddying", "sec_set_up_for_failure"],
        lines=["1183"],
        strength="suggested",
    )
    def buddying_imposed(self):
        self.form_evidence(
            "buddying",
            -1,
            "works least well when imposed by a regulator",
            condition="let the partners shape the pairing and its terms, so it is not experienced as imposed",
        )

    @rule(
        "form.voluntary_buddying",
        "forms",
        FormFact(id="buddying"),
        PartnerMix(any_below_good="yes", any_strong="yes"),
        CollabFact(mandation="voluntary"),
        statement="A voluntary buddy pairing is simple to implement: two self-selected partners, little "
        "perceived threat, and high initial trust and faith.",
        encodes=["buddying", "sec_refinements_by_type"],
        lines=["1192"],
        strength="suggested",
    )
    def voluntary_buddying(self):
        self.form_evidence(
            "buddying", 1, "chosen voluntarily, buddying is simple to set up and seldom seen as a threat"
        )

    @rule(
        "form.remedy_for_struggling",
        "forms",
        FormFact(id=MATCH.form & one_of(*REMEDIES)),
        Context(name="turnaround_pairing"),
        statement="For a struggling provider beside a stronger one, the Dalton review names buddying, a "
        "management contract, acquisition or merger, and group membership as remedies, each with the "
        "conditions for it to work.",
        encodes=[
            "gd_dalton_struggling",
            "gd_remedy_buddying",
            "gd_remedy_management_contract",
            "gd_remedy_acquisition",
            "gd_remedy_group",
        ],
        strength="guidance",
    )
    def remedy_for_struggling(self, form):
        self.form_evidence(
            form,
            1,
            "is a remedy the Dalton review names for a struggling provider",
            condition="needs " + "; ".join(remedy_conditions()[form]),
        )

    @rule(
        "form.management_contract_no_need",
        "forms",
        FormFact(id="management_contract"),
        PartnerMix(any_struggling="no"),
        statement="Handing control of operations to another organisation is hard to justify when no partner "
        "is struggling.",
        encodes=["management_contract"],
        lines=["554"],
        strength="calibration",
    )
    def management_contract_no_need(self):
        self.form_evidence("management_contract", -1, "hands over control although no partner is struggling")

    @rule(
        "form.acquisition_rescue",
        "forms",
        FormFact(id="acquisition"),
        Context(name="turnaround_pairing"),
        Context(name="size_asymmetry"),
        statement="Acquisition is among the longer-term options for a struggling organisation beside a "
        "well-rated one, though acquisitions between under- and well-performing providers raise concerns of "
        "time, cost and complexity and their gains vary (requiring the partners to differ markedly in size "
        "is our calibration).",
        encodes=["acquisition", "sec_drivers"],
        lines=["416-422", "557"],
        strength="suggested",
    )
    def acquisition_rescue(self):
        self.form_evidence(
            "acquisition",
            2,
            "a well-rated partner could absorb a struggling one",
            condition="the acquirer must have the capacity to absorb it, and the time and money a transaction takes",
        )

    @rule(
        "form.acquisition_between_equals",
        "forms",
        FormFact(id="acquisition"),
        PartnerMix(size_spread=at_most(1), any_struggling="no"),
        statement="An acquisition subsumes one organisation in another; senses of being 'taken over' breed "
        "mistrust and need managing. That between partners of similar size and standing neither is the "
        "natural acquirer is our reading.",
        encodes=["acquisition", "sec_trust_vs_confidence"],
        lines=["557", "1160", "1200"],
        strength="suggested",
    )
    def acquisition_between_equals(self):
        self.form_evidence("acquisition", -3, "would have one partner subsume another of similar size and standing")

    @rule(
        "form.group_keeps_sovereignty",
        "forms",
        FormFact(id="group"),
        OR(CollabFact(sovereignty_required="yes"), PartnerMix(any_strong_identity="yes")),
        statement="Group and alliance models let members keep their identity and sovereignty over money, "
        "estate and workforce, which builds faith and trust, and show benefits without a long, disruptive merger.",
        encodes=["group", "sec_legitimacy"],
        lines=["1452"],
        strength="suggested",
    )
    def group_keeps_sovereignty(self):
        self.form_evidence("group", 1, "lets each partner keep its identity and sovereignty")

    @rule(
        "form.group_of_many",
        "forms",
        FormFact(id="group"),
        Context(name="many_partners"),
        statement="A group sets common governance and standards across several sites, each keeping "
        "delegated decisions (553); that this structure suits four or more partners is our reading of "
        "that definition.",
        encodes=["group"],
        lines=["553"],
        strength="suggested",
    )
    def group_of_many(self):
        self.form_evidence(
            "group", 1, "sets common standards across several organisations, each keeping its own decisions"
        )

    @rule(
        "form.service_chain_capacity",
        "forms",
        FormFact(id="service_level_chain"),
        CollabFact(scope="single_service"),
        PartnerMix(strong_helps_short="yes"),
        statement="Contracting a service from a provider that does it better suits a partner that cannot "
        "run it well itself (here one short of capacity, beside another that performs well).",
        encodes=["service_level_chain"],
        lines=["552", "1816", "1396"],
        strength="suggested",
    )
    def service_chain_capacity(self):
        self.form_evidence(
            "service_level_chain", 1, "lets a partner short of capacity have a stronger one run the service"
        )

    @rule(
        "form.merger_for_scale",
        "forms",
        FormFact(id=MATCH.form & MERGING),
        CollabFact(drivers=MATCH.drivers),
        TEST(lambda drivers: "consolidation" in drivers),
        statement="Mergers are a legitimate option where economies of scale and fewer providers are needed "
        "(1464); the typology groups acquisitions with mergers as consolidation (513), so the point is "
        "applied to both.",
        encodes=["merger", "consolidation", "sec_legitimacy"],
        lines=["1464", "513"],
        strength="suggested",
    )
    def merger_for_scale(self, form, drivers):
        self.form_evidence(form, 1, "suits partners seeking economies of scale and consolidation")

    @rule(
        "form.merger_proximity",
        "forms",
        FormFact(id=MATCH.form & MERGING),
        Context(name="proximate"),
        Level(mechanism="conflict", level=one_of("low", "medium", "unknown")),
        statement="Nearby partners communicate more easily, which can build trust unless conflict is occurring.",
        encodes=["cmoc_f31"],
        lines=["1085", "1154"],
        strength="suggested",
    )
    def merger_proximity(self, form):
        self.form_evidence(form, 1, "joins organisations close to each other")

    @rule(
        "form.merger_distance",
        "forms",
        FormFact(id=MATCH.form & MERGING),
        Context(name="distant"),
        statement="Combining organisations more than an hour apart strains communication and can take "
        "services away from patients.",
        encodes=["cmoc_f31", "cmoc_p11"],
        lines=["1085", "1991"],
        strength="suggested",
    )
    def merger_distance(self, form):
        self.form_evidence(form, -1, "joins organisations more than an hour apart")

    @rule(
        "form.merger_strong_identities",
        "forms",
        FormFact(id=MATCH.form & one_of("merger")),
        Context(name="strong_identities"),
        statement="Partners keen to keep their identity prefer a model that retains it to being 'thrown into "
        "merger'; merging asks their cultures to assimilate, and mismatched cultures can breed conflict.",
        encodes=["cultural_assimilation", "sec_cultural_integration"],
        lines=["1452", "1154", "2085", "1035"],
        strength="suggested",
    )
    def merger_strong_identities(self, form):
        self.form_evidence(
            form,
            -1,
            "asks partners with strong identities to merge cultures",
            condition="carry out cultural due diligence and agree a cultural integration plan",
        )

    @rule(
        "form.full_integration_many_partners",
        "forms",
        FormFact(id=MATCH.form & MERGING),
        Context(name="many_partners"),
        statement="Fully integrating many organisations at once increases task complexity: more organisations "
        "involved raise the perceived complexity and can reduce faith.",
        encodes=["cmoc_f37", "sec_task_complexity"],
        lines=["1192", "1408", "2074"],
        strength="suggested",
    )
    def full_integration_many_partners(self, form):
        self.form_evidence(form, -2, "would fully integrate many organisations at once")

    @rule(
        "form.merger_without_trust",
        "forms",
        FormFact(id=MATCH.form & MERGING),
        Level(mechanism="initial_trust", level="low"),
        statement="In mergers trust may not be the primary driver of collaborative behaviour: that role may "
        "shift to confidence built through formalisation, which has value where trust is low; partners who "
        "start with little trust need that confidence (binding agreements, due diligence, clear accountability).",
        encodes=["sec_trust_vs_confidence", "cmoc_f23"],
        lines=["1196-1200", "1063", "2082"],
        strength="suggested",
    )
    def merger_without_trust(self, form):
        self.form_evidence(
            form,
            -2,
            "would join partners who start with little trust in each other",
            condition="build confidence first: binding agreements, due diligence and clear accountability",
        )

    @rule(
        "form.confidence_carries",
        "forms",
        FormFact(id=MATCH.form, runs_on="confidence"),
        Level(mechanism="confidence", level="high"),
        statement="In mandated and more integrative forms confidence from formal agreements may replace trust "
        "as the driver of collaborative behaviour; where partners already have that confidence, such a form "
        "can build on it.",
        encodes=["sec_trust_vs_confidence", "cmoc_f23", "confidence"],
        lines=["997", "1196-1200", "1063"],
        strength="suggested",
    )
    def confidence_carries(self, form):
        self.form_evidence(form, 1, "runs on the confidence formal agreements give, which these partners have")

    @rule(
        "form.trust_carries",
        "forms",
        FormFact(id=MATCH.form, runs_on="trust"),
        CollabFact(mandation="voluntary"),
        Level(mechanism="initial_trust", level="high"),
        statement="Voluntary, lightly integrated forms run on trust: self-selected partners with high initial "
        "trust can build on the relationship rather than on obligation (1192, 1214); groups, whose members "
        "keep their sovereignty, are counted as running on trust (1452).",
        encodes=["sec_refinements_by_type", "sec_trust_vs_confidence"],
        lines=["1192", "1214", "1452"],
        strength="suggested",
    )
    def trust_carries(self, form):
        self.form_evidence(form, 1, "runs on trust, which these self-selected partners already have")

    @rule(
        "form.rapid_integration",
        "forms",
        OR(FormFact(id=MATCH.form, integration=at_least(4)), FormFact(id=MATCH.form & "integrated_care_system")),
        CollabFact(timeline="rapid"),
        OR(RelFact(history_of_competition="significant"), RelFact(history_of_collaboration="poor")),
        statement="For integrated care systems, a rapid timeline while having to overcome prior differences "
        "and conflicts is an additional challenge (1192), where too much can be expected too soon (1175) "
        "after histories of competition and 'bad blood' (1181); extending it to the other deeply "
        "integrating forms is our reading.",
        encodes=["sec_refinements_by_type"],
        lines=["1192", "1175", "1181"],
        strength="suggested",
    )
    def rapid_integration(self, form):
        self.form_evidence(form, -1, "is hard to achieve quickly between partners with prior differences")


class ReadinessRules:
    """Caps: a form whose needs are inferred low is at most conditional, with what must change."""

    @rule(
        "form.readiness_trust",
        "forms",
        FormFact(id=MATCH.form, runs_on="trust"),
        OR(Level(mechanism="trust", level="low"), Level(mechanism="initial_trust", level="low")),
        statement="Forms that run on trust are not advised without conditions where trust is low.",
        encodes=["sec_refinements_by_type", "sec_trust_vs_confidence", "act05"],
        lines=["997", "1192", "1214", "1154", "2072"],
        strength="suggested",
    )
    def readiness_trust(self, form):
        self.form_evidence(
            form,
            0,
            "runs on trust, which is low between these partners",
            cap=True,
            condition="build relationships first: face past experiences openly, meet regularly, deliver early wins",
        )

    @rule(
        "form.readiness_confidence",
        "forms",
        OR(
            FormFact(id=MATCH.form, runs_on="confidence"),
            AND(CollabFact(mandation="mandated"), FormFact(id=MATCH.form)),
        ),
        Level(mechanism="confidence", level="low"),
        statement="Forms that run on confidence (and any mandated collaboration) are not advised without "
        "conditions until formal agreements give partners confidence.",
        encodes=["sec_trust_vs_confidence", "cmoc_f23", "mat_confidence"],
        lines=["1063", "1198-1200", "2122", "2082"],
        strength="suggested",
    )
    def readiness_confidence(self, form):
        self.form_evidence(
            form,
            0,
            "runs on confidence, which is low here",
            cap=True,
            condition="put binding agreements, due diligence and clear accountability in place",
        )

    @rule(
        "form.readiness_mandated_resources",
        "forms",
        OR(FormFact(id=MATCH.form & MANDATED_FORMS), AND(CollabFact(mandation="mandated"), FormFact(id=MATCH.form))),
        OR(Context(name="capacity_shortfall"), CollabFact(funding=one_of("limited", "none"))),
        statement="Mandating collaboration is likely to make building trust and faith harder, particularly where "
        "resources and workforce capacity are constrained.",
        encodes=["sec_policy_implications", "sec_capacity"],
        lines=["2052-2054", "1390", "2075"],
        strength="suggested",
    )
    def readiness_mandated_resources(self, form):
        self.form_evidence(
            form,
            0,
            "is a mandated form, and resources or capacity are constrained",
            cap=True,
            condition="secure capacity and workforce, protect existing collaborations and allow time for relationships",
        )

    @rule(
        "form.readiness_legitimacy",
        "forms",
        FormFact(id=MATCH.form, integration=at_least(3)),
        Level(mechanism="legitimacy", level="low"),
        statement="Integrative forms such as system structures may be perceived by staff as a threat, which "
        "reduces their legitimacy and faith in them; where legitimacy is already low, such a form is not advised "
        "without conditions, and involving stakeholders can raise it.",
        encodes=["sec_legitimacy", "legitimacy"],
        lines=["1121", "1192", "1428-1432", "1468"],
        strength="suggested",
    )
    def readiness_legitimacy(self, form):
        self.form_evidence(
            form,
            0,
            "is likely to be seen as a threat where legitimacy is low",
            cap=True,
            condition="involve staff and patients in planning to build legitimacy",
        )

    @rule(
        "form.readiness_faith",
        "forms",
        FormFact(id=MATCH.form),
        Level(mechanism="faith", level="low"),
        statement="No form is advised without conditions while faith in the collaboration is low: low faith "
        "predicts inertia and dissolution.",
        encodes=["cmoc_f02", "cmoc_f29"],
        lines=["1010", "1079", "2072", "2074"],
        strength="established",
    )
    def readiness_faith(self, form):
        self.form_evidence(
            form,
            0,
            "needs faith in the collaboration, which is low",
            cap=True,
            condition="set realistic aims, deliver early and make progress visible",
        )

    @rule(
        "form.readiness_capacity",
        "forms",
        FormFact(id=MATCH.form, integration=at_least(3)),
        Context(name="capacity_shortfall"),
        statement="Implementing a collaboration requires significant time, effort and money and may bring an "
        "early drop in performance; beginning without adequate capacity can undermine faith and trust (applying "
        "this to the more integrative forms only is our calibration).",
        encodes=["sec_capacity", "act29", "act30", "act31"],
        lines=["1380", "2084"],
        strength="established",
    )
    def readiness_capacity(self, form):
        self.form_evidence(
            form,
            -2,
            "needs implementation capacity and funding that are short here",
            cap=True,
            condition="secure time, staff and funding for implementation, and plan for an early dip in performance",
        )


class VerdictRules:
    """Verdicts and ranking (layer: forms; phases verdicts and ranking)."""

    @rule(
        "form.verdict",
        "forms",
        FormFact(id=MATCH.form),
        statement="Sum the evidence for a form: ruled out, or net evidence against, is not advised; no "
        "evidence either way while facts bearing on it are unknown is undecided; 4 or more with no need "
        "unmet is recommended; otherwise conditional. The thresholds are our calibration.",
        encodes=["sec_typology", "sec_refinements_by_type"],
        lines=["542-557"],
        strength="calibration",
        phase="verdicts",
    )
    def verdict(self, form):
        self.settle_verdict(form)

    @rule(
        "form.rank",
        "forms",
        statement="Rank the forms by verdict, then score; the best viable form is the top option, and every "
        "viable or considered form gets its own risks and formalisation.",
        encodes=["sec_typology"],
        lines=["542-557"],
        strength="calibration",
        phase="ranking",
    )
    def rank(self):
        self.rank_forms()
