"""Layer 1, derived context: turn the case's facts into the contexts the evidence speaks of
(many partners, size asymmetry, cross-sector working, distance, a turnaround pairing...)."""

from __future__ import annotations

from advisor.engine.compat import OR, P
from advisor.rules.conditions import at_least, one_of
from advisor.rules.facts import CollabFact, Context, PartnerMix, RelFact
from advisor.rules.registry import rule

HEALTH_SECTORS = frozenset({"acute", "mental_health", "community", "primary_care", "ambulance", "specialist"})
CARE_AND_COUNCIL = frozenset({"social_care", "local_authority", "public_health", "voluntary", "independent"})


class ContextRules:
    """Derive contexts from the case (layer: context)."""

    @rule(
        "ctx.many_partners",
        "context",
        PartnerMix(count=at_least(4)),
        statement="Four or more organisations are involved, which multiplies the relationships to manage.",
        encodes=["cmoc_f37", "sec_task_complexity", "sec_set_up_for_failure"],
    )
    def many_partners(self):
        self.declare(Context(name="many_partners"))

    @rule(
        "ctx.two_partners",
        "context",
        PartnerMix(count=2),
        statement="Exactly two organisations are involved, as in buddying, mergers and acquisitions.",
        encodes=["buddying", "merger", "acquisition"],
    )
    def two_partners(self):
        self.declare(Context(name="two_partners"))

    @rule(
        "ctx.size_asymmetry",
        "context",
        OR(PartnerMix(size_spread=at_least(2)), RelFact(relative_size=one_of("one_much_larger", "mixed"))),
        statement="The partners differ markedly in size (two or more size bands apart, or described "
        "as one much larger than the others or a mix of large and small).",
        encodes=["cmoc_f24"],
        lines=["1067"],
        strength="calibration",
    )
    def size_asymmetry(self):
        self.declare(Context(name="size_asymmetry"))

    @rule(
        "ctx.large_organisations",
        "context",
        PartnerMix(largest_size=one_of("large", "very_large")),
        statement="At least one partner is a large organisation, which makes the task feel more complex.",
        encodes=["cmoc_f37"],
    )
    def large_organisations(self):
        self.declare(Context(name="large_organisations"))

    @rule(
        "ctx.cross_sector",
        "context",
        PartnerMix(sectors=P(lambda s: bool(HEALTH_SECTORS & set(s)) and bool(CARE_AND_COUNCIL & set(s)))),
        statement="Health-care providers work with social care, local government or voluntary partners.",
        encodes=["act33", "sec_set_up_for_failure", "sec_refinements_by_type"],
    )
    def cross_sector(self):
        self.declare(Context(name="cross_sector"))

    @rule(
        "ctx.single_sector",
        "context",
        PartnerMix(
            sectors_unknown="no",
            sectors=P(lambda s: set(s) <= HEALTH_SECTORS or set(s) <= CARE_AND_COUNCIL),
        ),
        statement="Every partner comes from the same sector (all health care, or all care and council).",
        encodes=["act33", "sec_typology"],
    )
    def single_sector(self):
        self.declare(Context(name="single_sector"))

    @rule(
        "ctx.cross_service",
        "context",
        PartnerMix(sectors=P(lambda s: len(HEALTH_SECTORS & set(s)) >= 2)),
        statement="Partners provide different kinds of health service (e.g. acute and mental health).",
        encodes=["act33"],
    )
    def cross_service(self):
        self.declare(Context(name="cross_service"))

    @rule(
        "ctx.turnaround_pairing",
        "context",
        PartnerMix(any_struggling="yes", any_strong="yes"),
        statement="A struggling partner (in special measures, rated inadequate, or rated requires "
        "improvement with a severe deficit) sits beside a well-rated one.",
        encodes=["buddying", "management_contract", "sec_refinements_by_type"],
        lines=["1181-1184", "1456-1458"],
        strength="suggested",
    )
    def turnaround_pairing(self):
        self.declare(Context(name="turnaround_pairing"))

    @rule(
        "ctx.mandated_turnaround",
        "context",
        Context(name="turnaround_pairing"),
        Context(name="two_partners"),
        CollabFact(mandation="mandated"),
        statement="A struggling organisation has been told to work with a better-performing one: the "
        "pairing itself is what was mandated (two partners, one struggling, one well rated).",
        encodes=["cmoc_f26"],
        lines=["1071"],
        strength="established",
    )
    def mandated_turnaround(self):
        self.declare(Context(name="mandated_turnaround"))

    @rule(
        "ctx.distant",
        "context",
        RelFact(travel_time="over_60_min"),
        statement="The partners are more than an hour's travel apart, so face-to-face contact is rare.",
        encodes=["cmoc_f31", "act10"],
    )
    def distant(self):
        self.declare(Context(name="distant"))

    @rule(
        "ctx.proximate",
        "context",
        RelFact(travel_time="under_30_min"),
        statement="The partners are within half an hour of each other, which makes contact easy.",
        encodes=["cmoc_f31"],
    )
    def proximate(self):
        self.declare(Context(name="proximate"))

    @rule(
        "ctx.set_up_for_failure",
        "context",
        CollabFact(mandation="mandated", funding=one_of("none", "limited")),
        RelFact(history_of_competition="significant"),
        statement="Mandated partners with a history of competition and little money for the work: "
        "the conditions the evidence calls 'set up for failure'.",
        encodes=["sec_set_up_for_failure"],
    )
    def set_up_for_failure(self):
        self.declare(Context(name="set_up_for_failure"))

    @rule(
        "ctx.workforce_instability",
        "context",
        OR(PartnerMix(any_high_turnover="yes"), CollabFact(leadership_turnover="high")),
        statement="Staff or leaders change often, so people who carry the collaboration keep leaving.",
        encodes=["cmoc_f07", "act19"],
    )
    def workforce_instability(self):
        self.declare(Context(name="workforce_instability"))

    @rule(
        "ctx.capacity_shortfall",
        "context",
        OR(PartnerMix(any_low_capacity="yes"), CollabFact(funding="none")),
        statement="A partner lacks spare capacity, or no money is set aside, to implement the collaboration.",
        encodes=["sec_capacity", "act29", "act31"],
    )
    def capacity_shortfall(self):
        self.declare(Context(name="capacity_shortfall"))

    @rule(
        "ctx.financial_distress",
        "context",
        PartnerMix(any_deficit="yes"),
        statement="At least one partner is in financial deficit, a pressure towards sharing resources.",
        encodes=["sustenance", "sec_drivers"],
    )
    def financial_distress(self):
        self.declare(Context(name="financial_distress"))

    @rule(
        "ctx.independent_partner",
        "context",
        PartnerMix(any_independent="yes"),
        statement="An independent-sector (private) provider is among the partners, so the collaboration "
        "may be associated with privatisation of the NHS.",
        encodes=["sec_early_mechanisms", "sec_legitimacy"],
        lines=["1119", "1468"],
        strength="suggested",
    )
    def independent_partner(self):
        self.declare(Context(name="independent_partner"))

    @rule(
        "ctx.stretched_partners",
        "context",
        PartnerMix(any_busy="yes"),
        statement="A partner is already in three or more other partnerships, which strains its "
        "'partnership bandwidth' (three or more is our threshold).",
        encodes=["sec_capacity"],
        lines=["1388"],
        strength="suggested",
    )
    def stretched_partners(self):
        self.declare(Context(name="stretched_partners"))

    @rule(
        "ctx.strong_identities",
        "context",
        PartnerMix(any_strong_identity="yes"),
        statement="A partner has a strong identity of its own and is likely to resist change.",
        encodes=["q22", "mat_cultural_integration"],
    )
    def strong_identities(self):
        self.declare(Context(name="strong_identities"))
