"""Layer 1, derived context: turn the case's facts into the contexts the evidence speaks of
(many partners, size asymmetry, cross-sector working, distance, a turnaround pairing...).

"Sector" has the report's sense (1185, 1192, 2085): health care on one side, social care,
local government, public health and the voluntary sector on the other. Independent-sector
providers belong to neither side here (a private hospital shares the NHS professions, a
private care home the social-care ones), so they make a collaboration neither single-sector
nor cross-sector; what the report says about them has its own context."""

from __future__ import annotations

from advisor.engine.compat import OR, P
from advisor.rules.conditions import at_least, one_of
from advisor.rules.facts import CollabFact, Context, PartnerMix, RelFact
from advisor.rules.registry import rule

NHS_HEALTH_CARE = frozenset({"acute", "mental_health", "community", "primary_care", "ambulance", "specialist"})
CARE_AND_COUNCIL = frozenset({"social_care", "local_authority", "public_health", "voluntary"})


class ContextRules:
    """Derive contexts from the case (layer: context)."""

    @rule(
        "ctx.many_partners",
        "context",
        PartnerMix(count=at_least(4)),
        statement="Four or more organisations are involved (four is our threshold), which multiplies the "
        "actors and relationships to manage.",
        encodes=["act16", "sec_middle_stage", "sec_task_complexity", "sec_set_up_for_failure"],
        lines=["1154", "1185", "1192", "1408", "2074"],
        strength="established",
    )
    def many_partners(self):
        self.declare(Context(name="many_partners"))

    @rule(
        "ctx.two_partners",
        "context",
        PartnerMix(count=2),
        statement="Exactly two organisations are involved, as in a merger (two combine) or an acquisition (one "
        "subsumes another); buddying, too, usually pairs a lower- with a better-performing organisation and "
        "involves few organisations, though a struggling one may have more than one buddy.",
        encodes=["buddying", "merger", "acquisition"],
        lines=["416-418", "546", "556", "557", "1192"],
        strength="established",
    )
    def two_partners(self):
        self.declare(Context(name="two_partners"))

    @rule(
        "ctx.size_asymmetry",
        "context",
        OR(PartnerMix(size_spread=at_least(2)), RelFact(relative_size=one_of("one_much_larger", "mixed"))),
        statement="The partners differ markedly in size (two or more size bands apart, our threshold; or "
        "described as one much larger than the others or a mix of large and small).",
        encodes=["cmoc_f24"],
        lines=["1067", "1296-1298"],
        strength="suggested",
    )
    def size_asymmetry(self):
        self.declare(Context(name="size_asymmetry"))

    @rule(
        "ctx.large_organisations",
        "context",
        PartnerMix(largest_size=one_of("large", "very_large")),
        statement="At least one partner is a large organisation (counting 'large' as well as 'very large' is "
        "our threshold), which makes the task feel more complex.",
        encodes=["cmoc_f37", "act16"],
        lines=["1103", "1185", "1218", "2074"],
        strength="established",
    )
    def large_organisations(self):
        self.declare(Context(name="large_organisations"))

    @rule(
        "ctx.cross_sector",
        "context",
        PartnerMix(sectors=P(lambda s: bool(NHS_HEALTH_CARE & set(s)) and bool(CARE_AND_COUNCIL & set(s)))),
        statement="NHS health-care providers work with social care, local government, public health or "
        "voluntary partners, whose workforces have different professional backgrounds.",
        encodes=["act33", "sec_set_up_for_failure", "sec_refinements_by_type", "sec_task_complexity"],
        lines=["528", "1185", "1192", "1410", "2085"],
        strength="established",
    )
    def cross_sector(self):
        self.declare(Context(name="cross_sector"))

    @rule(
        "ctx.single_sector",
        "context",
        PartnerMix(sectors_unknown="no", sectors=P(lambda s: bool(s) and set(s) <= NHS_HEALTH_CARE)),
        statement="All partners are NHS health-care providers; none is from social care, local government, "
        "public health, the voluntary or the independent sector, so the health and social-care divide "
        "does not arise (the partners may still provide different kinds of service).",
        encodes=["act33", "sec_typology"],
        lines=["528", "1185", "2085"],
        strength="established",
    )
    def single_sector(self):
        self.declare(Context(name="single_sector"))

    @rule(
        "ctx.cross_service",
        "context",
        PartnerMix(sectors=P(lambda s: len(NHS_HEALTH_CARE & set(s)) >= 2)),
        statement="Partners provide different kinds of health service (e.g. acute and mental health; "
        "counting acute and specialist care as different services is our reading).",
        encodes=["act33", "sec_task_complexity"],
        lines=["1410", "2085"],
        strength="suggested",
    )
    def cross_service(self):
        self.declare(Context(name="cross_service"))

    @rule(
        "ctx.turnaround_pairing",
        "context",
        Context(name="two_partners"),
        PartnerMix(any_struggling="yes", any_strong="yes"),
        statement="Two organisations, one struggling and one well rated: the pairing of a lower- with a "
        "better-performing organisation that buddying and turnaround support are about. 'Struggling' "
        "is in special measures (the report's case), or rated inadequate, or requires improvement with "
        "a severe deficit (these two are NHS oversight practice, our grading, not findings of the report).",
        encodes=["buddying", "sec_legitimacy", "sec_performance"],
        lines=["416-418", "422", "546", "1458", "1712-1714"],
        strength="established",
    )
    def turnaround_pairing(self):
        self.declare(Context(name="turnaround_pairing"))

    @rule(
        "ctx.mandated_turnaround",
        "context",
        Context(name="turnaround_pairing"),
        CollabFact(mandation="mandated", mandated_by=one_of("regulator", "commissioner")),
        statement="A struggling organisation has been told, by a regulator or commissioner, to work with a "
        "better-performing one: the pairing itself is what was mandated (a national policy mandate, "
        "such as for an ICS, is not this).",
        encodes=["cmoc_f26", "buddying"],
        lines=["416", "1071", "1183"],
        strength="suggested",
    )
    def mandated_turnaround(self):
        self.declare(Context(name="mandated_turnaround"))

    @rule(
        "ctx.distant",
        "context",
        RelFact(travel_time="over_60_min"),
        statement="The partners are more than an hour's travel apart (our threshold), which makes "
        "informal, face-to-face contact harder to arrange.",
        encodes=["cmoc_f31", "act10", "q12"],
        lines=["1154", "1426", "2072", "2887"],
        strength="suggested",
    )
    def distant(self):
        self.declare(Context(name="distant"))

    @rule(
        "ctx.proximate",
        "context",
        RelFact(travel_time="under_30_min"),
        statement="The partners are within half an hour of each other (the report's own 'close'), which "
        "makes contact easy.",
        encodes=["cmoc_f31", "q12"],
        lines=["1085", "1154", "2887"],
        strength="established",
    )
    def proximate(self):
        self.declare(Context(name="proximate"))

    @rule(
        "ctx.set_up_for_failure",
        "context",
        CollabFact(mandation="mandated", funding=one_of("none", "limited")),
        RelFact(history_of_competition="significant"),
        statement="Mandated partners with a history of competition and little money for the work: "
        "conditions the evidence says can set a collaboration 'up for failure' (requiring all three "
        "together is our calibration).",
        encodes=["sec_set_up_for_failure"],
        lines=["1181", "1183", "1185"],
        strength="suggested",
    )
    def set_up_for_failure(self):
        self.declare(Context(name="set_up_for_failure"))

    @rule(
        "ctx.workforce_instability",
        "context",
        OR(PartnerMix(any_high_turnover="yes"), CollabFact(leadership_turnover="high")),
        statement="Staff or leaders change often, so people who carry the collaboration and its vision keep leaving.",
        encodes=["cmoc_f07", "act19", "sec_atemporal"],
        lines=["1022", "1162", "2074", "3007"],
        strength="established",
    )
    def workforce_instability(self):
        self.declare(Context(name="workforce_instability"))

    @rule(
        "ctx.capacity_shortfall",
        "context",
        OR(PartnerMix(any_low_capacity="yes"), CollabFact(funding="none")),
        statement="A partner lacks spare capacity, or no money is set aside, to implement the collaboration.",
        encodes=["sec_capacity", "act31"],
        lines=["1181", "1380", "1386-1388", "2054", "2084"],
        strength="established",
    )
    def capacity_shortfall(self):
        self.declare(Context(name="capacity_shortfall"))

    @rule(
        "ctx.financial_distress",
        "context",
        PartnerMix(any_deficit="yes"),
        statement="At least one partner is in financial deficit, a pressure towards sharing resources.",
        encodes=["sustenance", "sec_drivers"],
        lines=["592", "608-610", "623"],
        strength="established",
    )
    def financial_distress(self):
        self.declare(Context(name="financial_distress"))

    @rule(
        "ctx.independent_partner",
        "context",
        PartnerMix(any_independent="yes"),
        statement="An independent-sector (private) provider is among the partners, so the collaboration "
        "may be associated with privatisation of the NHS, a reputation the report finds lowers initial faith "
        "and legitimacy (that a private partner invites the association is our reading).",
        encodes=["sec_early_mechanisms", "sec_legitimacy"],
        lines=["1121", "1468", "2074"],
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
        lines=["1386-1388"],
        strength="suggested",
    )
    def stretched_partners(self):
        self.declare(Context(name="stretched_partners"))

    @rule(
        "ctx.strong_identities",
        "context",
        PartnerMix(any_strong_identity="yes"),
        statement="A partner has a strong identity of its own and is likely to resist change.",
        encodes=["q22", "cmoc_f08"],
        lines=["1024", "1546", "2979"],
        strength="suggested",
    )
    def strong_identities(self):
        self.declare(Context(name="strong_identities"))
