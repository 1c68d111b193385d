"""Layer 5, risks: what the evidence says puts this collaboration at risk.

Two kinds. *Situation* risks hold whatever form is chosen (a history of competition, distance,
turnover, an unclear vision...). *Form* risks belong to one form and are raised for every
candidate (each recommended or conditional form and each form the partners are considering):
a merger's performance dip, a joint venture's pull towards its own structure, an ICS draining
existing collaborations.

Rules that state consequences of one finding share its id (``finding``), so the advice shows
one risk with its consequences listed under it, not the same story four times. Each names
the Table 10 actions that mitigate it. Severities are our calibration: ``high`` where the
report ties the finding to collaborations failing or stalling, ``medium`` otherwise.
"""

from __future__ import annotations

from advisor.engine.compat import MATCH, OR
from advisor.rules.conditions import at_least, at_most, one_of
from advisor.rules.facts import Candidate, CollabFact, Context, Level, PartnerMix, RelFact
from advisor.rules.registry import rule

CONSOLIDATING = one_of("merger", "acquisition")


class RelationshipRiskRules:
    """Situation risks in the relationship: trust, faith, power, conflict, culture, vision."""

    @rule(
        "risk.competition_history",
        "risks",
        OR(
            RelFact(history_of_competition="significant"),
            RelFact(history_of_collaboration="poor"),
        ),
        statement="A history of competing, or of working together badly, lowers the trust partners start with.",
        encodes=["initial_trust", "sec_early_mechanisms", "cmoc_f19", "act05"],
        lines=["1123", "1148", "1051", "1181"],
        strength="established",
    )
    def competition_history(self):
        self.flag(
            "trust_deficit",
            "high",
            "The partners' history (competition, or working together badly) means they start with little trust.",
            consequence="initial trust is low, which limits the risk partners are willing to take on with each other",
            mitigations=("act05", "act09", "act01"),
        )

    @rule(
        "risk.low_trust",
        "risks",
        Level(mechanism="trust", level="low"),
        statement="Low trust reduces partners' willingness to take risks for each other.",
        encodes=["risk_tolerance", "trust"],
        lines=["1135", "1148"],
        strength="established",
    )
    def low_trust(self):
        self.flag(
            "trust_deficit",
            "medium",
            "Trust between the partners is low.",
            consequence="partners will hesitate to take risks for one another",
            mitigations=("act05", "act09", "act01", "act27"),
        )

    @rule(
        "risk.collaborative_inertia",
        "risks",
        Level(mechanism="trust", level="low"),
        Level(mechanism="faith", level="low"),
        statement="Low trust together with low faith leads to collaborative inertia.",
        encodes=["cmoc_f02"],
        lines=["1010"],
        strength="established",
    )
    def collaborative_inertia(self):
        self.flag(
            "trust_deficit",
            "high",
            "Low trust and low faith together predict collaborative inertia.",
            consequence="collaborative inertia and reduced task achievement",
            mitigations=("act05", "act07", "act17", "act01"),
        )

    @rule(
        "risk.faith_loss",
        "risks",
        Level(mechanism="faith", level="low"),
        statement="Reduced faith can reduce collaborative behaviour; when perception of progress stalls, the "
        "loss of faith can lead to the partnership dissolving.",
        encodes=["cmoc_f29", "cmoc_f28"],
        lines=["1077", "1079", "1131"],
        strength="established",
    )
    def faith_loss(self):
        self.flag(
            "trust_deficit",
            "high",
            "Faith that the collaboration is worth the effort is low.",
            consequence="if progress stalls, the partnership may dissolve",
            mitigations=("act07", "act17", "act14", "act15"),
        )

    @rule(
        "risk.fortress_mentality",
        "risks",
        RelFact(past_failures="yes"),
        statement="A legacy of high-profile failures breeds 'fortress mentalities' and distrust.",
        encodes=["sec_early_mechanisms", "q10"],
        lines=["1123"],
        strength="suggested",
    )
    def fortress_mentality(self):
        self.flag(
            "trust_deficit",
            "medium",
            "Past high-profile failures in the local system may have left defensive, 'fortress' attitudes.",
            consequence="organisations may protect themselves rather than the shared effort",
            mitigations=("act05", "act09"),
        )

    @rule(
        "risk.pair_rivalry",
        "risks",
        RelFact(pairs_strained="yes"),
        Context(name="many_partners"),
        statement="Within a larger partnership, two partners with a history of competition or of working "
        "badly together start with little trust in each other, whatever the partnership as a whole.",
        encodes=["initial_trust", "cmoc_f19"],
        lines=["1123", "1051"],
        strength="established",
    )
    def pair_rivalry(self):
        self.flag(
            "pair_rivalry",
            "medium",
            "Two of the partners have a history of competition or of working badly together.",
            consequence="their joint work will start with little trust, even if the partnership as a whole trusts",
            mitigations=("act05", "act09"),
        )

    @rule(
        "risk.power_imbalance",
        "risks",
        OR(Context(name="size_asymmetry"), RelFact(power_balance="one_dominant")),
        statement="Differences in size or resources let one partner dominate, eroding trust.",
        encodes=["cmoc_f24", "cmoc_f25", "act11"],
        lines=["1067-1069"],
        strength="established",
    )
    def power_imbalance(self):
        self.flag(
            "power_imbalance",
            "medium",
            "One partner may dominate (size or resources differ markedly); the others may feel taken over.",
            consequence="trust falls as the smaller partners feel dominated",
            mitigations=("act11", "act21"),
        )

    @rule(
        "risk.mandated_power_imbalance",
        "risks",
        Context(name="mandated_turnaround"),
        statement="A struggling organisation told to work with a better-performing one experiences "
        "an imbalance of power.",
        encodes=["cmoc_f26", "act21"],
        lines=["1071", "1200", "2075"],
        strength="suggested",
    )
    def mandated_power_imbalance(self):
        self.flag(
            "power_imbalance",
            "high",
            "The struggling partner has been told to work with a better-performing one: expect a "
            "'them and us' imbalance of power.",
            consequence="a sense of being taken over, and the conflicts it brings",
            mitigations=("act21", "act23", "act11"),
        )

    @rule(
        "risk.knight_in_shining_armour",
        "risks",
        Context(name="turnaround_pairing"),
        statement="A stronger organisation 'swooping in' to rescue another, without listening to what "
        "is good in it, is resented.",
        encodes=["sec_building_faith", "act01"],
        lines=["1348"],
        strength="suggested",
    )
    def knight_in_shining_armour(self):
        self.flag(
            "power_imbalance",
            "medium",
            "Support for the struggling partner may be received as a rescue imposed from outside.",
            consequence="staff of the supported organisation may resent a 'knight in shining armour' "
            "who does not listen to what already works there",
            mitigations=("act01", "act11"),
        )

    @rule(
        "risk.conflict",
        "risks",
        Level(mechanism="conflict", level="high"),
        statement="Significant conflict reduces trust, and with it collaborative behaviour; conflicts directly "
        "cause a loss of faith and trust.",
        encodes=["cmoc_f22"],
        lines=["1057", "1158"],
        strength="established",
    )
    def conflict(self):
        self.flag(
            "conflict",
            "high",
            "Conflict between the partners is likely to be significant.",
            consequence="significant conflict erodes trust",
            mitigations=("act26", "act27", "act28"),
        )

    @rule(
        "risk.no_dispute_mechanism",
        "risks",
        CollabFact(conflict_resolution=one_of("none", "informal")),
        statement="Clear dispute mechanisms, with an unbiased adjudicator, make conflicts easier to resolve "
        "and so improve trust; impartial brokers lessen conflict's impact on trust, and a destructive "
        "approach to resolving conflict reduces it.",
        encodes=["cmoc_f17", "act27"],
        lines=["1047", "1160", "2083"],
        strength="established",
    )
    def no_dispute_mechanism(self):
        self.flag(
            "conflict",
            "medium",
            "There is no agreed formal way to resolve disputes.",
            consequence="conflicts are less easily resolved, so trust may suffer",
            mitigations=("act27", "act26"),
        )

    @rule(
        "risk.failed_task",
        "risks",
        CollabFact(recent_failed_task="yes"),
        statement="Failing at a joint task can raise conflict between the partners, reducing trust.",
        encodes=["cmoc_f15"],
        lines=["1041", "1158"],
        strength="established",
    )
    def failed_task(self):
        self.flag(
            "conflict",
            "medium",
            "A joint task recently failed.",
            consequence="the failure can raise conflict between the partners, which reduces trust",
            mitigations=("act27", "act17"),
        )

    @rule(
        "risk.cultural_divide",
        "risks",
        OR(Context(name="cross_sector"), Context(name="cross_service")),
        CollabFact(cultural_due_diligence=one_of("no", "unknown")),
        statement="Cross-sector and cross-service working brings a cultural divide that needs planning.",
        encodes=["act33", "act34", "sec_set_up_for_failure"],
        lines=["1185", "2085"],
        strength="established",
    )
    def cultural_divide(self):
        self.flag(
            "culture",
            "medium",
            "Partners with different professional backgrounds face a cultural divide, and no "
            "cultural due diligence has been done.",
            consequence="cultural integration is harder, and unforeseen conflicts may occur later",
            mitigations=("act33", "act34"),
        )

    @rule(
        "risk.culture_clash",
        "risks",
        Level(mechanism="cultural_assimilation", level="low"),
        statement="Incompatible cultures generate conflict, especially when in frequent contact.",
        encodes=["cmoc_f12", "cmoc_f30"],
        lines=["1035", "1083"],
        strength="established",
    )
    def culture_clash(self):
        self.flag(
            "culture",
            "medium",
            "The partners' cultures are unlikely to assimilate easily.",
            consequence="incompatible cultures generate conflict",
            mitigations=("act32", "act34", "act03"),
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
        lines=["1037", "1162", "2074", "2083"],
        strength="established",
    )
    def unclear_vision(self):
        self.flag(
            "unclear_vision",
            "high",
            "The vision is unclear or not shared.",
            consequence="disagreement about what the collaboration is for breeds conflict and loses faith",
            mitigations=("act06", "act14", "act28"),
        )


class SituationRiskRules:
    """Situation risks in delivery: capacity, complexity, legitimacy, people, reputation."""

    @rule(
        "risk.distance",
        "risks",
        Context(name="distant"),
        statement="Partners far apart communicate less face to face, which slows the trust communication builds.",
        encodes=["cmoc_f31", "act10"],
        lines=["1085", "1154", "2072"],
        strength="established",
    )
    def distance(self):
        self.flag(
            "distance",
            "medium",
            "The partners are more than an hour apart.",
            consequence="less everyday contact, so communication and the trust it builds come more slowly",
            mitigations=("act10", "act09"),
        )

    @rule(
        "risk.reputation",
        "risks",
        RelFact(reputation_problems="yes"),
        statement="How partners are seen in one another's organisations shapes the trust they start with.",
        encodes=["initial_trust", "q07"],
        lines=["1123"],
        strength="suggested",
    )
    def reputation(self):
        self.flag(
            "reputation",
            "medium",
            "There are problems with how the partners are seen in one another's organisations.",
            consequence="initial trust in the partner is lower",
            mitigations=("act05", "act09"),
        )

    @rule(
        "risk.privatisation_fear",
        "risks",
        Context(name="independent_partner"),
        statement="Collaborations associated with privatisation of the NHS are viewed negatively, which "
        "lowers initial faith and their legitimacy in the public's eyes.",
        encodes=["sec_early_mechanisms", "sec_legitimacy", "act20"],
        lines=["1121", "1468"],
        strength="suggested",
    )
    def privatisation_fear(self):
        self.flag(
            "reputation",
            "medium",
            "An independent-sector partner may make staff and the public fear privatisation.",
            consequence="lower initial faith, and doubts about the collaboration's legitimacy",
            mitigations=("act20", "act13"),
        )

    @rule(
        "risk.capacity_dip",
        "risks",
        Context(name="capacity_shortfall"),
        statement="Beginning a collaboration without adequate capacity can undermine faith and trust, because "
        "the perception of progress suffers; faith was connected to the capacity available.",
        encodes=["sec_capacity", "act29", "act30", "act31"],
        lines=["1380", "2084"],
        strength="established",
    )
    def capacity_dip(self):
        self.flag(
            "capacity",
            "medium",
            "Capacity or funding for implementation is short.",
            consequence="progress will seem slow, which can undermine faith and trust between the partners",
            mitigations=("act29", "act30", "act31"),
        )

    @rule(
        "risk.partnership_bandwidth",
        "risks",
        Context(name="stretched_partners"),
        statement="Organisations in several partnerships at once have limited 'partnership bandwidth' "
        "to sustain them all.",
        encodes=["sec_capacity"],
        lines=["1388"],
        strength="suggested",
    )
    def partnership_bandwidth(self):
        self.flag(
            "capacity",
            "medium",
            "A partner is already in three or more other partnerships.",
            consequence="its 'partnership bandwidth' for this one may run short",
            mitigations=("act29", "act31"),
        )

    @rule(
        "risk.structural_response",
        "risks",
        Context(name="turnaround_pairing"),
        PartnerMix(struggling_in_severe_deficit="yes"),
        statement="For some of the worst-performing organisations (here a struggling partner in severe deficit), "
        "chronic problems call for structural "
        "responses or more money rather than a partner.",
        encodes=["sec_capacity"],
        lines=["1380-1382"],
        strength="suggested",
    )
    def structural_response(self):
        self.flag(
            "structural_response",
            "medium",
            "A partnership may not be what the struggling partner needs most.",
            consequence="some failing organisations need extra funding or a structural response, which no "
            "partner can supply",
            mitigations=("act31",),
        )

    @rule(
        "risk.task_complexity",
        "risks",
        Level(mechanism="task_complexity", level="high"),
        statement="A task perceived as very complex undermines faith.",
        encodes=["cmoc_f37", "act16"],
        lines=["1103", "1140", "2074"],
        strength="established",
    )
    def task_complexity(self):
        self.flag(
            "task_complexity",
            "medium",
            "The task is perceived as very complex (size, number of partners, sectors, systems).",
            consequence="initial faith that the work is feasible falls",
            mitigations=("act16", "act15"),
        )

    @rule(
        "risk.it_incompatible",
        "risks",
        PartnerMix(it_interoperability="low"),
        statement="Interoperable IT lowers the perceived complexity of the task and supports communication "
        "between partners; IT that cannot share information forgoes both.",
        encodes=["cmoc_f36", "it_systems"],
        lines=["1101", "1154"],
        strength="established",
    )
    def it_incompatible(self):
        self.flag(
            "task_complexity",
            "medium",
            "Partners' IT systems cannot readily share data.",
            consequence="communication between the partners is harder and the task looks more complex",
            mitigations=("act16",),
        )

    @rule(
        "risk.low_legitimacy",
        "risks",
        Level(mechanism="legitimacy", level="low"),
        statement="A collaboration staff do not see as legitimate loses their faith.",
        encodes=["cmoc_f28", "sec_legitimacy"],
        lines=["1077", "1121", "1142", "1430"],
        strength="established",
    )
    def low_legitimacy(self):
        self.flag(
            "low_legitimacy",
            "medium",
            "Staff and the public may not see the collaboration as legitimate.",
            consequence="people asked to work on it lose faith in it",
            mitigations=("act13", "act20"),
        )

    @rule(
        "risk.workforce_instability",
        "risks",
        Context(name="workforce_instability"),
        statement="Turnover of staff and leaders slows perceived progress and dilutes the vision.",
        encodes=["cmoc_f07", "act19"],
        lines=["1022", "2074"],
        strength="established",
    )
    def workforce_instability(self):
        self.flag(
            "workforce_instability",
            "medium",
            "Staff or leaders change often.",
            consequence="understanding of the collaboration keeps being diluted and progress feels slower",
            mitigations=("act19", "act18"),
        )

    @rule(
        "risk.leader_fatigue",
        "risks",
        Context(name="workforce_instability"),
        Context(name="capacity_shortfall"),
        statement="The energy collaboration demands of leaders, on top of running services, can bring "
        "fatigue and burnout.",
        encodes=["sec_building_faith"],
        lines=["1366"],
        strength="suggested",
    )
    def leader_fatigue(self):
        self.flag(
            "workforce_instability",
            "medium",
            "Leaders are stretched.",
            consequence="leaders asked to 'go the extra mile' on top of running services risk fatigue and burnout",
            mitigations=("act29", "act02"),
        )

    @rule(
        "risk.set_up_for_failure",
        "risks",
        Context(name="set_up_for_failure"),
        statement="Mandation, a history of competition and little money for the work are conditions that can "
        "set a collaboration 'up for failure', undermining initial trust and faith.",
        encodes=["sec_set_up_for_failure"],
        lines=["1181"],
        strength="established",
    )
    def set_up_for_failure(self):
        self.flag(
            "set_up_for_failure",
            "high",
            "Mandate, past competition and too little money together are the conditions the "
            "evidence calls 'set up for failure'.",
            consequence="trust and faith may prove insurmountably hard to build",
            mitigations=("act23", "act31", "act05"),
        )

    @rule(
        "risk.overambition",
        "risks",
        CollabFact(ambition="very_ambitious"),
        statement="Overambitious aims lead to disappointment, lost faith and lost trust.",
        encodes=["cmoc_f21", "act15"],
        lines=["1055", "1342"],
        strength="established",
    )
    def overambition(self):
        self.flag(
            "overambition",
            "medium",
            "The aims are very ambitious.",
            consequence="missing them early would cost faith and trust",
            mitigations=("act15", "act07"),
        )

    @rule(
        "risk.quick_wins_backfire",
        "risks",
        CollabFact(quick_wins="delivered_then_stalled"),
        statement="Quick wins that are not followed by tangible progress in the longer term reduce faith and momentum.",
        encodes=["act07", "sec_demonstrating_progress"],
        lines=["1482"],
        strength="suggested",
    )
    def quick_wins_backfire(self):
        self.flag(
            "momentum",
            "high",
            "Early quick wins have not been followed by tangible progress.",
            consequence="faith and momentum fall, and the collaboration risks becoming a 'talking shop'",
            mitigations=("act17", "act14", "act15"),
        )

    @rule(
        "risk.engagement_falling",
        "risks",
        CollabFact(engagement_trend="falling"),
        statement="When the perception of progress stalls, faith falls and partners drift away.",
        encodes=["cmoc_f29"],
        lines=["1079", "1162", "1484"],
        strength="suggested",
    )
    def engagement_falling(self):
        self.flag(
            "momentum",
            "high",
            "Engagement in the joint work is falling.",
            consequence="partners drifting away is how stalled partnerships dissolve",
            mitigations=("act17", "act06", "act18"),
        )

    @rule(
        "risk.confidence_gap",
        "risks",
        CollabFact(mandation="mandated", legal_agreements="none"),
        statement="A mandated collaboration without formal agreements lacks the confidence that "
        "lets partners take risks.",
        encodes=["cmoc_f23", "mat_confidence", "sec_trust_vs_confidence"],
        lines=["1063", "1198", "1200"],
        strength="established",
    )
    def confidence_gap(self):
        self.flag(
            "confidence_gap",
            "high",
            "The collaboration is mandated but has no formal agreement.",
            consequence="partners lack the confidence to take risks together",
            mitigations=("act22", "act24", "act25"),
        )

    @rule(
        "risk.accountability_to_own_organisation",
        "risks",
        CollabFact(accountability_focus="own_organisation"),
        statement="Accountability weighted towards individual organisations rather than the system limits "
        "the risk tolerance collaborative behaviour needs.",
        encodes=["risk_tolerance", "sec_policy_implications"],
        lines=["2056"],
        strength="suggested",
    )
    def accountability_to_own_organisation(self):
        self.flag(
            "accountability",
            "medium",
            "Leaders are held to account mainly for their own organisations.",
            consequence="they will take few risks for the shared effort",
            mitigations=("act26",),
        )


class FormRiskRules:
    """Risks of one form, raised for every candidate form (recommended, conditional or considered)."""

    @rule(
        "risk.consolidation_dip",
        "risks",
        Candidate(form=MATCH.form & one_of("merger", "acquisition")),
        statement="Performance may drop at first while resources are redirected into implementing the "
        "collaboration; in mergers, time and energy went into the merger process rather than improvement "
        "(group models were valued for avoiding that process, 1452).",
        encodes=["act30", "sec_capacity"],
        lines=["1464-1466", "2084"],
        strength="suggested",
    )
    def consolidation_dip(self, form):
        self.flag(
            "implementation_dip",
            "high",
            "Performance may dip while resources go into the change.",
            consequence="an early performance dip that can undermine faith in the change",
            form=form,
            mitigations=("act30", "act29", "act31"),
        )

    @rule(
        "risk.capacity_dip_integrative",
        "risks",
        Candidate(form=MATCH.form, integration=at_least(4)),
        Context(name="capacity_shortfall"),
        statement="Beginning without adequate capacity can undermine faith and trust, and an integrative "
        "form also redirects resources into its implementation, so performance may drop at first.",
        encodes=["sec_capacity", "act30", "act31"],
        lines=["1380", "1464-1466", "2084"],
        strength="suggested",
    )
    def capacity_dip_integrative(self, form):
        self.flag(
            "implementation_dip",
            "high",
            "This deeply integrative form would start without the capacity or funding it needs.",
            consequence="performance may drop while resources go into the change, and slow progress can "
            "undermine faith and trust",
            form=form,
            mitigations=("act31", "act29"),
        )

    @rule(
        "risk.merger_diverts_energy",
        "risks",
        Candidate(form=MATCH.form & CONSOLIDATING),
        statement="Merger processes take leaders' eyes off the main ball: time and energy go into the "
        "transaction rather than into improvement.",
        encodes=["merger", "sec_legitimacy"],
        lines=["1464-1466"],
        strength="suggested",
    )
    def merger_diverts_energy(self, form):
        self.flag(
            "diverted_energy",
            "medium",
            "The transaction can absorb leaders' time and energy.",
            consequence="improvement of services, workforce and governance waits while the deal is done",
            form=form,
            mitigations=("act29", "act07"),
        )

    @rule(
        "risk.cultural_integration",
        "risks",
        Candidate(form=MATCH.form, integration=at_least(4)),
        statement="Where high integration is required a cultural integration plan is needed; cultural due "
        "diligence and a plan before implementing avoid unforeseen conflicts later.",
        encodes=["act32", "act34", "cultural_assimilation"],
        lines=["653", "2085", "1035"],
        strength="established",
    )
    def cultural_integration(self, form):
        self.flag(
            "cultural_integration",
            "medium",
            "The partners' cultures would have to be integrated.",
            consequence="cultural differences left unplanned can cause unforeseen conflicts later",
            form=form,
            mitigations=("act34", "act32", "act03"),
        )

    @rule(
        "risk.sense_of_takeover",
        "risks",
        Candidate(form=MATCH.form & CONSOLIDATING),
        OR(Context(name="size_asymmetry"), RelFact(power_balance="one_dominant"), Context(name="turnaround_pairing")),
        statement="In mandated and integrative partnerships, perceptions of being 'taken over' and of "
        "'them and us' undermine trust.",
        encodes=["cmoc_f24", "sec_trust_vs_confidence"],
        lines=["1160", "1200"],
        strength="suggested",
    )
    def sense_of_takeover(self, form):
        self.flag(
            "takeover",
            "medium",
            "Staff of the smaller or weaker partner may feel taken over.",
            consequence="a 'them and us' atmosphere that undermines trust",
            form=form,
            mitigations=("act11", "act21", "act13"),
        )

    @rule(
        "risk.structure_over_relationships",
        "risks",
        Candidate(form=MATCH.form & one_of("joint_venture", "provider_collaborative")),
        statement="Creating an organisation that holds budgets and accountabilities changes behaviour: "
        "people follow the new structure's responsibilities and the sense of partnership can be lost.",
        encodes=["provider_collaborative", "joint_venture", "sec_legitimacy"],
        lines=["1446-1448"],
        strength="suggested",
    )
    def structure_over_relationships(self, form):
        self.flag(
            "structure_over_relationships",
            "medium",
            "Behaviour may follow the new structure rather than the partnership.",
            consequence="once a body holds budgets and accountabilities, people act for it and the "
            "founders' partnership can weaken",
            form=form,
            mitigations=("act11", "act06"),
        )

    @rule(
        "risk.ics_drains_existing",
        "risks",
        Candidate(form=MATCH.form & one_of("integrated_care_system")),
        statement="Mandated system structures can drain energy and momentum from collaborations already built.",
        encodes=["integrated_care_system", "sec_legitimacy", "sec_policy_implications"],
        lines=["1436-1438", "2054"],
        strength="suggested",
    )
    def ics_drains_existing(self, form):
        self.flag(
            "system_structure",
            "medium",
            "A system-wide structure can drain energy from collaborations already working.",
            consequence="existing partnerships 'cut off at the knees' midway",
            form=form,
            mitigations=("act23", "act11"),
        )

    @rule(
        "risk.ics_hierarchy",
        "risks",
        Candidate(form=MATCH.form & one_of("integrated_care_system")),
        statement="A system body risks recreating a centralised hierarchy rather than serving the "
        "organisations in the system.",
        encodes=["integrated_care_system", "sec_legitimacy"],
        lines=["1446"],
        strength="suggested",
    )
    def ics_hierarchy(self, form):
        self.flag(
            "system_structure",
            "medium",
            "The system body may become a new hierarchy.",
            consequence="a centralised, top-down approach instead of a servant of the organisations in the system",
            form=form,
            mitigations=("act11", "act01"),
        )

    @rule(
        "risk.imposed_buddying",
        "risks",
        Candidate(form=MATCH.form & one_of("buddying")),
        CollabFact(mandation="mandated"),
        statement="Buddying imposed from outside has been the least successful.",
        encodes=["buddying", "sec_set_up_for_failure"],
        lines=["1183"],
        strength="suggested",
    )
    def imposed_buddying(self, form):
        self.flag(
            "imposed_pairing",
            "medium",
            "The buddying is imposed rather than chosen.",
            consequence="imposed buddying arrangements have been the least successful",
            form=form,
            mitigations=("act23", "act11"),
        )

    @rule(
        "risk.unfunded_mentor",
        "risks",
        Candidate(form=MATCH.form & one_of("buddying")),
        CollabFact(mentor_funding=one_of("no", "unknown")),
        statement="Financial support for the mentoring organisation helps a buddying arrangement work.",
        encodes=["buddying"],
        lines=["1458"],
        strength="suggested",
    )
    def unfunded_mentor(self, form):
        self.flag(
            "unfunded_mentor",
            "medium",
            "The mentoring partner's time is not known to be funded.",
            consequence="the report connects financial support for the mentor with a buddying arrangement "
            "that works; without it, collaboration is harder to sustain",
            form=form,
            mitigations=("act31", "act29"),
        )

    @rule(
        "risk.contract_undermines_trust",
        "risks",
        Candidate(form=MATCH.form, integration=at_most(2)),
        CollabFact(
            mandation="voluntary", legal_agreements=one_of("contract", "joint_committee", "new_entity", "statutory")
        ),
        statement="Binding contracts in a voluntary, low-integration arrangement make partners "
        "attribute cooperation to obligation and undermine trust.",
        encodes=["sec_trust_vs_confidence", "cmoc_f20"],
        lines=["1198", "1214"],
        strength="hypothesised",
    )
    def contract_undermines_trust(self, form):
        self.flag(
            "contract_undermines_trust",
            "medium",
            "Binding contracts can undermine the trust this voluntary, loosely integrated form depends on.",
            consequence="cooperation is read as obligation rather than goodwill",
            form=form,
            mitigations=("act12", "act24"),
        )

    @rule(
        "risk.confidence_gap_integrative",
        "risks",
        Candidate(form=MATCH.form, integration=at_least(4)),
        CollabFact(legal_agreements="none"),
        statement="A deeply integrative form rests on the confidence formal agreements give; without "
        "them partners lack it.",
        encodes=["cmoc_f23", "mat_confidence", "sec_trust_vs_confidence"],
        lines=["1063", "1198", "1200"],
        strength="established",
    )
    def confidence_gap_integrative(self, form):
        self.flag(
            "confidence_gap",
            "high",
            "Nothing is formalised yet for a deeply integrative form.",
            consequence="partners lack the confidence to take risks together",
            form=form,
            mitigations=("act24", "act25"),
        )

    @rule(
        "risk.consolidation_distance",
        "risks",
        Candidate(form=MATCH.form, dalton="consolidation"),
        Context(name="distant"),
        statement="Consolidating services across distance can lengthen patients' journeys and reduce access.",
        encodes=["perf_loss_of_proximity", "cmoc_p11", "cmoc_f31"],
        lines=["1686", "1991"],
        strength="suggested",
    )
    def consolidation_distance(self, form):
        self.flag(
            "patient_access",
            "medium",
            "Consolidating services across more than an hour's distance.",
            consequence="patients may have to travel further for services moved to one site",
            form=form,
            mitigations=("act13", "act10"),
        )

    @rule(
        "risk.rapid_timeline",
        "risks",
        Candidate(form=MATCH.form, integration=at_least(3)),
        CollabFact(timeline="rapid"),
        statement="Expecting too much too soon leaves no time to build the relationships integration needs.",
        encodes=["sec_refinements_by_type"],
        lines=["1175", "1390"],
        strength="suggested",
    )
    def rapid_timeline(self, form):
        self.flag(
            "rapid_timeline",
            "medium",
            "The timeline is rapid for an integrative form.",
            consequence="too much expected too soon, before partners have learnt to work together",
            form=form,
            mitigations=("act15", "act29"),
        )
