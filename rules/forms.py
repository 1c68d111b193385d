"""Layer 4, form suitability: evidence for and against each of the 13 forms (Table 2), from
the drivers (Table 3), the per-form findings (ch.4 refinements by type; ch.5 legitimacy,
capacity, task complexity) and the mechanism levels; then a verdict per form and a ranking."""

from __future__ import annotations

from advisor.engine.compat import MATCH, TEST, P
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


class FitRules:
    """What the partners want and the shape of the partnership: drivers, scope, numbers."""

    @rule(
        "form.serves_drivers",
        "forms",
        FormFact(id=MATCH.form, drivers=MATCH.offers),
        CollabFact(drivers=MATCH.wanted),
        TEST(lambda offers, wanted: bool(set(offers) & set(wanted))),
        statement="A form that serves the partners' own drivers for collaborating fits better.",
        encodes=[
            "sec_drivers",
            "expansion",
            "consolidation",
            "participation",
            "learning",
            "sustenance",
            "mimicry",
            "coercion",
        ],
    )
    def serves_drivers(self, form, offers, wanted):
        served = [d for d in wanted if d in offers]
        self.form_evidence(form, min(2, len(served)), "serves the stated drivers: " + ", ".join(served))

    @rule(
        "form.misses_drivers",
        "forms",
        FormFact(id=MATCH.form, drivers=MATCH.offers),
        CollabFact(drivers=MATCH.wanted),
        TEST(lambda offers, wanted: bool(wanted) and not set(offers) & set(wanted)),
        statement="A form that serves none of the partners' drivers is a poor fit.",
        encodes=["sec_drivers"],
    )
    def misses_drivers(self, form, wanted):
        self.form_evidence(form, -2, "serves none of the stated drivers (" + ", ".join(wanted) + ")")

    @rule(
        "form.scope_match",
        "forms",
        FormFact(id=MATCH.form, scope=MATCH.scope),
        CollabFact(scope=MATCH.scope),
        statement="A form built for the intended scope of services (learning, one service, a "
        "pathway, several services, whole organisations, a system) fits it.",
        encodes=["sec_typology"],
    )
    def scope_match(self, form, scope):
        self.form_evidence(form, 2, f"is built for this scope ({scope.replace('_', ' ')})")

    @rule(
        "form.scope_mismatch",
        "forms",
        FormFact(id=MATCH.form, scope=MATCH.built),
        CollabFact(scope=MATCH.wanted),
        TEST(lambda built, wanted: wanted in SCOPE_RANK and abs(SCOPE_RANK[built] - SCOPE_RANK[wanted]) >= 2),
        statement="A form built for a very different scope of services is a poor fit.",
        encodes=["sec_typology"],
    )
    def scope_mismatch(self, form, built, wanted):
        self.form_evidence(
            form,
            -2,
            f"is built for {built.replace('_', ' ')}, far from the intended {wanted.replace('_', ' ')}",
        )

    @rule(
        "form.too_many_partners",
        "forms",
        FormFact(id=MATCH.form, max_partners=MATCH.most),
        PartnerMix(count=MATCH.count),
        TEST(lambda most, count: most > 0 and count > most),
        statement="A form defined for a set number of organisations (e.g. a merger of two) cannot hold more.",
        encodes=["sec_typology"],
    )
    def too_many_partners(self, form, most, count):
        self.form_evidence(form, -3, f"is defined for at most {most} organisations, not {count}", block=True)

    @rule(
        "form.too_few_partners",
        "forms",
        FormFact(id=MATCH.form, min_partners=MATCH.least),
        PartnerMix(count=MATCH.count),
        TEST(lambda least, count: count < least),
        statement="A form that brings many organisations together (e.g. an ICS) needs enough of them.",
        encodes=["integrated_care_system", "sec_typology"],
    )
    def too_few_partners(self, form, least, count):
        self.form_evidence(form, -3, f"needs at least {least} organisations, not {count}", block=True)

    @rule(
        "form.mandation_match",
        "forms",
        FormFact(id=MATCH.form, mandation=MATCH.how),
        CollabFact(mandation=MATCH.how),
        statement="A form that is usually set up the way this one is (voluntary or mandated) fits it.",
        encodes=["sec_typology"],
    )
    def mandation_match(self, form, how):
        self.form_evidence(form, 1, f"is usually {how}, as this collaboration is")

    @rule(
        "form.mandation_mismatch",
        "forms",
        FormFact(id=MATCH.form, mandation=one_of("voluntary", "mandated") & MATCH.usual),
        CollabFact(mandation=one_of("voluntary", "mandated") & MATCH.how),
        TEST(lambda usual, how: usual != how),
        statement="A form usually entered the other way (voluntarily rather than by mandate, or "
        "the reverse) fits less well.",
        encodes=["sec_typology"],
    )
    def mandation_mismatch(self, form, usual, how):
        self.form_evidence(form, -1, f"is usually {usual}, but this collaboration is {how}")


class SectorRules:
    """Who the partners are: sectors, primary care, specialised services, councils."""

    @rule(
        "form.cross_sector_fit",
        "forms",
        FormFact(id=MATCH.form, cross_sector="yes"),
        Context(name="cross_sector"),
        statement="Cross-sector forms (ICS, PCN) are made for partners from different sectors.",
        encodes=["integrated_care_system", "primary_care_network", "sec_refinements_by_type"],
    )
    def cross_sector_fit(self, form):
        self.form_evidence(form, 2, "is designed for partners from several sectors")

    @rule(
        "form.cross_sector_missing",
        "forms",
        FormFact(id=MATCH.form, cross_sector="yes"),
        Context(name="single_sector"),
        statement="A cross-sector form has little to offer partners who all come from one sector.",
        encodes=["integrated_care_system", "primary_care_network"],
    )
    def cross_sector_missing(self, form):
        self.form_evidence(form, -2, "is meant to join several sectors, but all partners are in one")

    @rule(
        "form.pcn_general_practice",
        "forms",
        FormFact(id="primary_care_network"),
        PartnerMix(any_primary_care="yes"),
        statement="A primary care network is built around general practices.",
        encodes=["primary_care_network"],
    )
    def pcn_general_practice(self):
        self.form_evidence("primary_care_network", 2, "has general practices at its core, as here")

    @rule(
        "form.pcn_without_general_practice",
        "forms",
        FormFact(id="primary_care_network"),
        PartnerMix(any_primary_care="no"),
        statement="Without general practices there is no primary care network.",
        encodes=["primary_care_network"],
    )
    def pcn_without_general_practice(self):
        self.form_evidence("primary_care_network", -4, "needs general practices, and none is a partner", block=True)

    @rule(
        "form.provider_collaborative_specialised",
        "forms",
        FormFact(id="provider_collaborative"),
        PartnerMix(any_specialised="yes"),
        statement="Provider collaboratives take on pathways and budgets for specialised services "
        "such as mental health.",
        encodes=["provider_collaborative"],
    )
    def provider_collaborative_specialised(self):
        self.form_evidence(
            "provider_collaborative",
            2,
            "fits providers of specialised services such as mental health",
        )

    @rule(
        "form.provider_collaborative_unspecialised",
        "forms",
        FormFact(id="provider_collaborative"),
        PartnerMix(any_specialised="no"),
        statement="Without a specialised-services provider a provider collaborative has no pathway to take on.",
        encodes=["provider_collaborative"],
    )
    def provider_collaborative_unspecialised(self):
        self.form_evidence("provider_collaborative", -2, "is for specialised services, which no partner provides")

    @rule(
        "form.ics_needs_councils",
        "forms",
        FormFact(id="integrated_care_system"),
        PartnerMix(any_council="no"),
        statement="An ICS brings local government and social care together with the NHS.",
        encodes=["integrated_care_system", "sec_refinements_by_type"],
    )
    def ics_needs_councils(self):
        self.form_evidence("integrated_care_system", -2, "needs local government or social care partners")

    @rule(
        "form.ics_whole_system",
        "forms",
        FormFact(id="integrated_care_system"),
        PartnerMix(any_council="yes"),
        Context(name="cross_service"),
        statement="An ICS brings primary, community, acute and mental health care together with "
        "local government and social care to manage care across pathways.",
        encodes=["integrated_care_system", "sec_refinements_by_type"],
    )
    def ics_whole_system(self):
        self.form_evidence(
            "integrated_care_system",
            2,
            "brings NHS services of several kinds together with local government",
        )

    @rule(
        "form.pcn_beyond_primary_care",
        "forms",
        FormFact(id="primary_care_network"),
        PartnerMix(sectors=P(lambda s: bool({"acute", "local_authority"} & set(s)))),
        statement="A PCN delivers primary care; acute hospitals and councils sit outside it.",
        encodes=["primary_care_network"],
    )
    def pcn_beyond_primary_care(self):
        self.form_evidence(
            "primary_care_network",
            -2,
            "delivers primary care, but partners include hospitals or councils",
        )

    @rule(
        "form.ics_coterminous",
        "forms",
        FormFact(id="integrated_care_system"),
        RelFact(coterminous_boundaries="yes"),
        statement="Shared geographical boundaries make a system-wide arrangement workable.",
        encodes=["integrated_care_system", "sec_environment_faith"],
    )
    def ics_coterminous(self):
        self.form_evidence("integrated_care_system", 1, "suits partners whose boundaries coincide")


class TurnaroundRules:
    """Turnaround forms: buddying, management contracts, acquisition, service-level chains."""

    @rule(
        "form.buddying_turnaround",
        "forms",
        FormFact(id="buddying"),
        Context(name="turnaround_pairing"),
        statement="Buddying pairs an experienced, well-performing organisation with a struggling one "
        "to mentor and support its turnaround.",
        encodes=["buddying", "sec_refinements_by_type"],
    )
    def buddying_turnaround(self):
        self.form_evidence("buddying", 3, "pairs a well-rated partner with a struggling one, as buddying intends")

    @rule(
        "form.buddying_nothing_to_turn_around",
        "forms",
        FormFact(id="buddying"),
        PartnerMix(any_struggling="no"),
        statement="Buddying exists to turn a struggling organisation round; here none is struggling.",
        encodes=["buddying"],
    )
    def buddying_nothing_to_turn_around(self):
        self.form_evidence("buddying", -3, "has no struggling partner to support")

    @rule(
        "form.buddying_imposed",
        "forms",
        FormFact(id="buddying"),
        CollabFact(mandation="mandated", mandated_by="regulator"),
        statement="Buddying imposed by a regulator has been the least successful kind; partners "
        "who choose each other do better.",
        encodes=["buddying", "sec_set_up_for_failure", "sec_legitimacy"],
    )
    def buddying_imposed(self):
        self.form_evidence(
            "buddying",
            -1,
            "works least well when imposed by a regulator",
            condition="let the partners shape the pairing and its terms, so it is not experienced as imposed",
        )

    @rule(
        "form.management_contract_turnaround",
        "forms",
        FormFact(id="management_contract"),
        Context(name="turnaround_pairing"),
        Context(name="capacity_shortfall"),
        statement="Handing control of operations to a stronger organisation for a set period suits a "
        "struggling partner that lacks the capacity to improve alone.",
        encodes=["management_contract"],
    )
    def management_contract_turnaround(self):
        self.form_evidence(
            "management_contract",
            2,
            "lets a stronger partner run operations while capacity is short",
        )

    @rule(
        "form.management_contract_no_need",
        "forms",
        FormFact(id="management_contract"),
        PartnerMix(any_struggling="no"),
        statement="A management contract hands over control, which is hard to justify when no partner is struggling.",
        encodes=["management_contract"],
    )
    def management_contract_no_need(self):
        self.form_evidence("management_contract", -2, "hands over control although no partner is struggling")

    @rule(
        "form.acquisition_rescue",
        "forms",
        FormFact(id="acquisition"),
        Context(name="turnaround_pairing"),
        Context(name="financial_distress"),
        Context(name="size_asymmetry"),
        statement="A much larger, well-rated organisation subsuming a struggling one in deficit is "
        "the classic acquisition.",
        encodes=["acquisition", "sec_drivers"],
    )
    def acquisition_rescue(self):
        self.form_evidence("acquisition", 2, "a larger well-rated partner could absorb a struggling one in deficit")

    @rule(
        "form.acquisition_between_equals",
        "forms",
        FormFact(id="acquisition"),
        PartnerMix(size_spread=at_most(1), any_struggling="no"),
        statement="An acquisition subsumes one organisation in another; between partners of similar "
        "size and standing neither is the natural acquirer.",
        encodes=["acquisition", "sec_legitimacy"],
    )
    def acquisition_between_equals(self):
        self.form_evidence("acquisition", -3, "would subsume one of two partners of similar size and standing")

    @rule(
        "form.merger_of_trusted_neighbours",
        "forms",
        FormFact(id="merger"),
        Context(name="two_partners"),
        Context(name="proximate"),
        Level(mechanism="trust", level="high"),
        statement="Two nearby organisations that trust each other are the best-placed candidates to combine into one.",
        encodes=["merger", "cmoc_f31", "sec_legitimacy"],
    )
    def merger_of_trusted_neighbours(self):
        self.form_evidence("merger", 1, "combines two nearby organisations that trust each other")

    @rule(
        "form.group_of_many",
        "forms",
        FormFact(id="group"),
        Context(name="many_partners"),
        statement="A group or alliance sets common governance and standards across many sites, each "
        "keeping delegated decisions.",
        encodes=["group", "sec_typology"],
    )
    def group_of_many(self):
        self.form_evidence("group", 1, "sets common standards across many organisations")

    @rule(
        "form.service_chain_capacity",
        "forms",
        FormFact(id="service_level_chain"),
        CollabFact(scope="single_service"),
        Context(name="capacity_shortfall"),
        statement="Contracting another provider to run a service suits a partner that cannot run it itself.",
        encodes=["service_level_chain"],
    )
    def service_chain_capacity(self):
        self.form_evidence("service_level_chain", 1, "lets a partner short of capacity buy in one service")


class ReadinessRules:
    """Whether the relationship can bear the form: trust, capacity, distance, complexity."""

    @rule(
        "form.deep_integration_low_trust",
        "forms",
        FormFact(id=MATCH.form, integration=at_least(4)),
        Level(mechanism="initial_trust", level="low"),
        statement="Deep integration without initial trust must rely on confidence from formal "
        "agreements; without them it is set up to fail.",
        encodes=["sec_trust_vs_confidence", "sec_set_up_for_failure", "cmoc_f23"],
    )
    def deep_integration_low_trust(self, form):
        self.form_evidence(
            form,
            -2,
            "demands deep integration that low initial trust cannot yet carry",
            condition="build confidence first: binding agreements, due diligence and clear accountability",
        )

    @rule(
        "form.deep_integration_trusted",
        "forms",
        FormFact(id=MATCH.form, integration=at_least(4)),
        Level(mechanism="trust", level="high"),
        statement="High trust lets partners take the risks deep integration involves.",
        encodes=["trust", "risk_tolerance", "sec_risk_tolerance"],
    )
    def deep_integration_trusted(self, form):
        self.form_evidence(form, 1, "needs the high trust these partners have")

    @rule(
        "form.integration_capacity",
        "forms",
        FormFact(id=MATCH.form, integration=at_least(3)),
        Context(name="capacity_shortfall"),
        statement="Integrative forms need substantial time, effort and money, and bring an early "
        "dip in performance; without capacity they falter.",
        encodes=["sec_capacity", "act29", "act30", "act31"],
    )
    def integration_capacity(self, form):
        self.form_evidence(
            form,
            -2,
            "needs implementation capacity and funding that are short here",
            condition="secure time, staff and funding for implementation, and plan for an early dip in performance",
        )

    @rule(
        "form.consolidation_distance",
        "forms",
        FormFact(id=MATCH.form, dalton="consolidation"),
        Context(name="distant"),
        statement="Consolidating organisations far apart strains communication and the trust it builds.",
        encodes=["cmoc_f31", "sec_interpersonal_communication"],
    )
    def consolidation_distance(self, form):
        self.form_evidence(form, -2, "joins organisations more than an hour apart")

    @rule(
        "form.consolidation_proximity",
        "forms",
        FormFact(id=MATCH.form, dalton="consolidation"),
        Context(name="proximate"),
        statement="Nearby partners communicate easily, which eases consolidation.",
        encodes=["cmoc_f31"],
    )
    def consolidation_proximity(self, form):
        self.form_evidence(form, 1, "joins organisations close to each other")

    @rule(
        "form.consolidation_identity",
        "forms",
        FormFact(id=MATCH.form, dalton="consolidation"),
        Context(name="strong_identities"),
        statement="Consolidation asks strong separate identities to assimilate, a source of conflict.",
        encodes=["cultural_assimilation", "sec_cultural_integration"],
    )
    def consolidation_identity(self, form):
        self.form_evidence(
            form,
            -1,
            "asks partners with strong identities to merge cultures",
            condition="carry out cultural due diligence and agree a cultural integration plan",
        )

    @rule(
        "form.full_integration_many_partners",
        "forms",
        FormFact(id=MATCH.form, integration=at_least(5)),
        Context(name="many_partners"),
        statement="Fully integrating many organisations multiplies task complexity.",
        encodes=["cmoc_f37", "sec_task_complexity"],
    )
    def full_integration_many_partners(self, form):
        self.form_evidence(form, -2, "would fully integrate many organisations at once")

    @rule(
        "form.loose_form_many_partners",
        "forms",
        FormFact(id=MATCH.form, integration=at_most(2), max_partners=0),
        Context(name="many_partners"),
        statement="Loose, network-like forms accommodate many partners without overwhelming complexity.",
        encodes=["sec_task_complexity", "sec_typology"],
    )
    def loose_form_many_partners(self, form):
        self.form_evidence(form, 1, "accommodates many partners with little integration")

    @rule(
        "form.legitimacy_threat",
        "forms",
        FormFact(id=MATCH.form, integration=at_least(4)),
        Level(mechanism="legitimacy", level="low"),
        statement="Staff who doubt the collaboration's legitimacy see deep integration as a threat.",
        encodes=["sec_legitimacy", "legitimacy"],
    )
    def legitimacy_threat(self, form):
        self.form_evidence(
            form,
            -1,
            "is likely to be seen as a threat where legitimacy is low",
            condition="involve staff and patients in planning to build legitimacy",
        )

    @rule(
        "form.rapid_deep_integration",
        "forms",
        FormFact(id=MATCH.form, integration=at_least(4)),
        CollabFact(timeline="rapid"),
        statement="A rapid timeline leaves little room to overcome past differences in deep integration.",
        encodes=["sec_refinements_by_type"],
    )
    def rapid_deep_integration(self, form):
        self.form_evidence(form, -1, "is hard to achieve on a rapid timeline")

    @rule(
        "form.voluntary_relational",
        "forms",
        FormFact(id=MATCH.form, integration=at_most(3)),
        CollabFact(mandation="voluntary"),
        Level(mechanism="initial_trust", level="high"),
        statement="Voluntary, self-selected partners with high initial trust can build on the "
        "relationship rather than on obligation.",
        encodes=["sec_refinements_by_type", "sec_trust_vs_confidence"],
    )
    def voluntary_relational(self, form):
        self.form_evidence(form, 1, "can build on the trust these self-selected partners already have")

    @rule(
        "form.informal_under_mandate",
        "forms",
        FormFact(id=MATCH.form, integration=at_most(1), instrument=one_of("none", "mou")),
        CollabFact(mandation="mandated"),
        Level(mechanism="initial_trust", level="low"),
        statement="Where collaboration is mandated and trust is low, an informal form gives no "
        "confidence to act on; some formalisation is needed.",
        encodes=["sec_refinements_by_type", "sec_trust_vs_confidence"],
    )
    def informal_under_mandate(self, form):
        self.form_evidence(form, -1, "offers no formal footing for a mandated, low-trust relationship")

    @rule(
        "form.new_entity_needs_trust",
        "forms",
        FormFact(id=MATCH.form, instrument="new_entity"),
        Level(mechanism="initial_trust", level="high"),
        CollabFact(funding="adequate"),
        statement="Creating a new joint entity needs founders who trust each other and the means to set it up.",
        encodes=["joint_venture", "sec_capacity"],
    )
    def new_entity_needs_trust(self, form):
        self.form_evidence(form, 1, "the founders trust each other and can fund a new joint entity")


class VerdictRules:
    """Verdicts and ranking (layer: forms)."""

    @rule(
        "form.verdict",
        "forms",
        FormFact(id=MATCH.form),
        statement="Sum the evidence for a form: 4 or more and nothing ruling it out is recommended, "
        "1 to 3 conditional, otherwise not advised.",
        encodes=["sec_typology", "sec_refinements_by_type"],
        phase="verdicts",
    )
    def verdict(self, form):
        self.settle_verdict(form)

    @rule(
        "form.rank",
        "forms",
        statement="Rank the forms by score; the best form not ruled out shapes formalisation, risks and actions.",
        encodes=["sec_typology"],
        phase="ranking",
    )
    def rank(self):
        self.rank_forms()
