"""Layer 5, risk flags: what the evidence says puts this collaboration at risk."""

from __future__ import annotations

from advisor.engine.compat import OR
from advisor.rules.conditions import at_least, at_most, one_of
from advisor.rules.facts import CollabFact, Context, Level, PartnerMix, RelFact, TopForm
from advisor.rules.registry import rule


class RelationshipRiskRules:
    """Risks in the relationship: power, trust, faith, conflict, culture."""

    @rule(
        "risk.power_imbalance",
        "risks",
        OR(Context(name="size_asymmetry"), RelFact(power_balance="one_dominant")),
        statement="Differences in size or resources let one partner dominate, eroding trust.",
        encodes=["cmoc_f24", "cmoc_f25", "act11"],
    )
    def power_imbalance(self):
        self.flag(
            "power_imbalance",
            "medium",
            "One partner may dominate (size or resources differ markedly); the others may feel taken over.",
        )

    @rule(
        "risk.mandated_power_imbalance",
        "risks",
        Context(name="mandated_turnaround"),
        statement="A struggling organisation told to work with a better-performing one experiences "
        "an imbalance of power.",
        encodes=["cmoc_f26", "act21"],
    )
    def mandated_power_imbalance(self):
        self.flag(
            "power_imbalance",
            "high",
            "The struggling partner was told to work with a better-performing one: expect a "
            "'them and us' imbalance of power and the conflicts it brings.",
        )

    @rule(
        "risk.collaborative_inertia",
        "risks",
        Level(mechanism="trust", level="low"),
        Level(mechanism="faith", level="low"),
        statement="Low trust together with low faith leads to collaborative inertia.",
        encodes=["cmoc_f02"],
    )
    def collaborative_inertia(self):
        self.flag(
            "collaborative_inertia",
            "high",
            "Low trust and low faith together predict collaborative inertia: much effort, little achieved.",
        )

    @rule(
        "risk.low_trust",
        "risks",
        Level(mechanism="trust", level="low"),
        statement="Low trust reduces partners' willingness to take risks for each other.",
        encodes=["cmoc_f22", "risk_tolerance"],
    )
    def low_trust(self):
        self.flag(
            "low_trust",
            "medium",
            "Trust between the partners is low, so they will hesitate to act for one another.",
        )

    @rule(
        "risk.faith_loss",
        "risks",
        Level(mechanism="faith", level="low"),
        statement="When faith collapses, partnerships dissolve.",
        encodes=["cmoc_f29", "cmoc_f28"],
    )
    def faith_loss(self):
        self.flag(
            "faith_loss",
            "high",
            "Faith in the collaboration is low; if progress stalls the partnership may dissolve.",
        )

    @rule(
        "risk.conflict",
        "risks",
        Level(mechanism="conflict", level="high"),
        statement="Significant conflict reduces trust and stalls progress.",
        encodes=["cmoc_f22", "cmoc_f04"],
    )
    def conflict(self):
        self.flag("conflict", "high", "Conflict between the partners is likely to be significant.")

    @rule(
        "risk.no_dispute_mechanism",
        "risks",
        CollabFact(conflict_resolution=one_of("none", "informal")),
        statement="Without clear dispute procedures, conflicts are resolved destructively.",
        encodes=["cmoc_f17", "act27"],
    )
    def no_dispute_mechanism(self):
        self.flag(
            "no_dispute_mechanism",
            "medium",
            "There is no agreed way to resolve disputes, so conflicts may be handled destructively.",
        )

    @rule(
        "risk.cultural_divide",
        "risks",
        OR(Context(name="cross_sector"), Context(name="cross_service")),
        CollabFact(cultural_due_diligence=one_of("no", "unknown")),
        statement="Cross-sector and cross-service working brings a cultural divide that needs planning.",
        encodes=["act33", "act34"],
    )
    def cultural_divide(self):
        self.flag(
            "cultural_divide",
            "medium",
            "Partners with different professional backgrounds face a cultural divide, and no "
            "cultural due diligence has been done.",
        )

    @rule(
        "risk.culture_clash",
        "risks",
        Level(mechanism="cultural_assimilation", level="low"),
        statement="Incompatible cultures generate conflict, especially when in frequent contact.",
        encodes=["cmoc_f12", "cmoc_f30"],
    )
    def culture_clash(self):
        self.flag("culture_clash", "medium", "The partners' cultures are unlikely to assimilate easily.")

    @rule(
        "risk.fortress_mentality",
        "risks",
        RelFact(past_failures="yes"),
        statement="A legacy of high-profile failures breeds 'fortress mentalities' and distrust.",
        encodes=["sec_early_mechanisms", "q10"],
    )
    def fortress_mentality(self):
        self.flag(
            "fortress_mentality",
            "medium",
            "Past high-profile failures in the local system may have left defensive, 'fortress' attitudes.",
        )

    @rule(
        "risk.unclear_vision",
        "risks",
        OR(
            Level(mechanism="vision_clarity", level="low"),
            Level(mechanism="vision_sharedness", level="low"),
        ),
        statement="An unclear or unshared vision breeds conflict and loses faith.",
        encodes=["cmoc_f13", "act14", "act28"],
    )
    def unclear_vision(self):
        self.flag(
            "unclear_vision",
            "high",
            "The vision is unclear or not shared, the commonest root of conflict between partners.",
        )


class DeliveryRiskRules:
    """Risks in delivery: ambition, capacity, complexity, legitimacy, workforce, formality."""

    @rule(
        "risk.overambition",
        "risks",
        CollabFact(ambition="very_ambitious"),
        statement="Overambitious aims lead to disappointment, lost faith and lost trust.",
        encodes=["cmoc_f21", "act15"],
    )
    def overambition(self):
        self.flag(
            "overambition",
            "medium",
            "The aims are very ambitious; missing them early would cost faith and trust.",
        )

    @rule(
        "risk.capacity_dip",
        "risks",
        Context(name="capacity_shortfall"),
        statement="Implementation without time, staff and money falters, with an early performance dip.",
        encodes=["sec_capacity", "act29", "act30"],
    )
    def capacity_dip(self):
        self.flag(
            "capacity_dip",
            "medium",
            "Capacity or funding for implementation is short; expect an early dip in performance.",
        )

    @rule(
        "risk.capacity_dip_integrative",
        "risks",
        Context(name="capacity_shortfall"),
        TopForm(integration=at_least(4)),
        statement="An integrative form started without capacity is especially exposed to the performance dip.",
        encodes=["sec_capacity", "act30", "act31"],
    )
    def capacity_dip_integrative(self):
        self.flag(
            "capacity_dip",
            "high",
            "The preferred form is deeply integrative but capacity or funding is short: a "
            "performance dip is likely and could undermine faith.",
        )

    @rule(
        "risk.task_complexity",
        "risks",
        Level(mechanism="task_complexity", level="high"),
        statement="A task perceived as very complex undermines faith.",
        encodes=["cmoc_f37", "act16"],
    )
    def task_complexity(self):
        self.flag(
            "task_complexity",
            "medium",
            "The task is perceived as very complex (size, number of partners, sectors, systems).",
        )

    @rule(
        "risk.low_legitimacy",
        "risks",
        Level(mechanism="legitimacy", level="low"),
        statement="A collaboration staff do not see as legitimate loses their faith.",
        encodes=["cmoc_f28", "sec_legitimacy"],
    )
    def low_legitimacy(self):
        self.flag(
            "low_legitimacy",
            "medium",
            "Staff and the public may not see the collaboration as legitimate.",
        )

    @rule(
        "risk.workforce_instability",
        "risks",
        Context(name="workforce_instability"),
        statement="Turnover of staff and leaders slows perceived progress and dilutes the vision.",
        encodes=["cmoc_f07", "act19"],
    )
    def workforce_instability(self):
        self.flag(
            "workforce_instability",
            "medium",
            "High turnover of staff or leaders will keep diluting understanding of the collaboration.",
        )

    @rule(
        "risk.set_up_for_failure",
        "risks",
        Context(name="set_up_for_failure"),
        statement="Mandated partners with a history of competition and no money for the work are set up for failure.",
        encodes=["sec_set_up_for_failure"],
    )
    def set_up_for_failure(self):
        self.flag(
            "set_up_for_failure",
            "high",
            "Mandate, past competition and too little money together are the conditions the "
            "evidence calls 'set up for failure'.",
        )

    @rule(
        "risk.contract_undermines_trust",
        "risks",
        CollabFact(mandation="voluntary", legal_agreements=one_of("contract", "new_entity", "statutory")),
        TopForm(integration=at_most(2)),
        statement="Binding contracts in a voluntary, low-integration arrangement make partners "
        "attribute cooperation to obligation and undermine trust.",
        encodes=["sec_trust_vs_confidence", "mat_confidence", "cmoc_f20"],
    )
    def contract_undermines_trust(self):
        self.flag(
            "contract_undermines_trust",
            "high",
            "Binding contracts in a voluntary, loosely integrated arrangement can undermine the "
            "trust it depends on; prefer a non-binding memorandum of understanding.",
        )

    @rule(
        "risk.confidence_gap",
        "risks",
        CollabFact(mandation="mandated", legal_agreements="none"),
        statement="A mandated collaboration without formal agreements lacks the confidence that "
        "lets partners take risks.",
        encodes=["cmoc_f23", "mat_confidence", "sec_trust_vs_confidence"],
    )
    def confidence_gap(self):
        self.flag(
            "confidence_gap",
            "high",
            "The collaboration is mandated but has no formal agreement: partners lack the "
            "confidence to take risks together.",
        )

    @rule(
        "risk.confidence_gap_integrative",
        "risks",
        CollabFact(legal_agreements="none"),
        TopForm(integration=at_least(4)),
        statement="A deeply integrative form without formal agreements lacks the confidence that "
        "lets partners take risks.",
        encodes=["cmoc_f23", "mat_confidence", "sec_trust_vs_confidence"],
    )
    def confidence_gap_integrative(self):
        self.flag(
            "confidence_gap",
            "high",
            "The preferred form is deeply integrative but nothing is formalised yet: partners "
            "lack the confidence to take risks together.",
        )

    @rule(
        "risk.distance",
        "risks",
        Context(name="distant"),
        TopForm(dalton="consolidation"),
        statement="Consolidating distant organisations strains communication.",
        encodes=["cmoc_f31", "act10"],
    )
    def distance(self):
        self.flag("distance", "medium", "The partners are far apart for a consolidating form.")

    @rule(
        "risk.rapid_timeline",
        "risks",
        CollabFact(timeline="rapid"),
        TopForm(integration=at_least(3)),
        statement="A rapid timeline for an integrative form leaves no time to overcome past differences.",
        encodes=["sec_refinements_by_type"],
    )
    def rapid_timeline(self):
        self.flag(
            "rapid_timeline",
            "medium",
            "The timeline is rapid for an integrative form; relationships cannot be rushed.",
        )

    @rule(
        "risk.imposed_buddying",
        "risks",
        TopForm(form="buddying"),
        CollabFact(mandation="mandated"),
        statement="Buddying imposed from outside has been the least successful.",
        encodes=["buddying", "sec_set_up_for_failure"],
    )
    def imposed_buddying(self):
        self.flag(
            "imposed_buddying",
            "medium",
            "Imposed buddying has been the least successful; let partners shape it together.",
        )

    @rule(
        "risk.it_incompatible",
        "risks",
        Level(mechanism="task_complexity", level=one_of("medium", "high")),
        PartnerMix(it_interoperability="low"),
        statement="IT systems that cannot share information add to task complexity and block "
        "information-sharing across partners.",
        encodes=["cmoc_f36", "it_systems"],
    )
    def it_incompatible(self):
        self.flag(
            "it_incompatible",
            "medium",
            "Partners' IT systems cannot readily share data; plan interoperability early.",
        )
