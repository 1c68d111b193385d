"""Layer 7, actions: the 'if ... then ... because' statements of Table 10 that apply to this
case. Each rule's condition is the statement's 'if' read against the case and the inferred
mechanisms; its conclusion recommends the statement's action."""

from __future__ import annotations

from advisor.engine.compat import OR
from advisor.rules.conditions import NOT_HIGH, at_least, at_most, one_of
from advisor.rules.facts import Candidate, CollabFact, Context, Level, RelFact
from advisor.rules.registry import rule

EARLY = one_of("contemplation", "connecting", "planning", "implementation", "unknown")
# Before anything is implemented: actions whose point is preparation ("before starting",
# "before implementation") do not apply to a collaboration already running.
PREPARING = one_of("contemplation", "connecting", "planning", "unknown")


class LeadershipActionRules:
    """Leadership behaviours and vision (Table 10: leadership; faith and initial faith)."""

    @rule(
        "action.lead_visibly",
        "actions",
        Level(mechanism="faith", level=NOT_HIGH),
        statement="Where faith is not yet high, visible, committed, empathetic leadership builds trust and faith.",
        encodes=["act01"],
    )
    def lead_visibly(self):
        self.recommend("act01")

    @rule(
        "action.stay_present",
        "actions",
        OR(
            CollabFact(leadership_turnover="high"),
            CollabFact(leadership_style=one_of("combative", "directive")),
        ),
        statement="Absent, unaccountable or change-resistant leadership drains faith; leaders must stay present.",
        encodes=["act02"],
    )
    def stay_present(self):
        self.recommend("act02")

    @rule(
        "action.shared_improvement_culture",
        "actions",
        Level(mechanism="cultural_assimilation", level=NOT_HIGH),
        statement="Where cultures are not yet aligned, cultivate a shared improvement culture.",
        encodes=["act03"],
    )
    def shared_improvement_culture(self):
        self.recommend("act03")

    @rule(
        "action.joint_improvement",
        "actions",
        Level(mechanism="collaborative_behaviour", level="high"),
        statement="Partners already behaving collaboratively can run improvement programmes jointly.",
        encodes=["act04", "maintenance"],
    )
    def joint_improvement(self):
        self.recommend("act04")

    @rule(
        "action.agree_vision",
        "actions",
        Level(mechanism="vision_sharedness", level=one_of("low", "medium", "unknown")),
        statement="Where the vision is not clearly shared, agree one and embed it in every partner.",
        encodes=["act06"],
    )
    def agree_vision(self):
        self.recommend("act06")

    @rule(
        "action.clear_vision",
        "actions",
        Level(mechanism="vision_clarity", level=one_of("low", "medium", "unknown")),
        statement="Where the vision is not clear, define concrete outcomes and a logical path from the start.",
        encodes=["act14"],
    )
    def clear_vision(self):
        self.recommend("act14")

    @rule(
        "action.vision_clear_and_shared",
        "actions",
        OR(
            Level(mechanism="vision_clarity", level="low"),
            Level(mechanism="vision_sharedness", level="low"),
        ),
        statement="A vision that is unclear or disputed must be made both clear and shared.",
        encodes=["act28"],
    )
    def vision_clear_and_shared(self):
        self.recommend("act28")

    @rule(
        "action.realistic_ambition",
        "actions",
        CollabFact(ambition="very_ambitious"),
        statement="Overambitious goals create a sense of failure; pitch them realistically.",
        encodes=["act15"],
    )
    def realistic_ambition(self):
        self.recommend("act15")

    @rule(
        "action.champions",
        "actions",
        CollabFact(staff_involvement=one_of("low", "medium", "unknown")),
        statement="Where staff are not yet engaged, champions spread the vision and the faith.",
        encodes=["act18"],
    )
    def champions(self):
        self.recommend("act18")


class TrustActionRules:
    """Trust, communication, culture (Table 10: enhancing trust; cultural integration)."""

    @rule(
        "action.review_past",
        "actions",
        OR(
            RelFact(history_of_collaboration=one_of("poor", "mixed")),
            RelFact(history_of_competition="significant"),
        ),
        statement="Partners with a difficult past should face it openly to improve initial trust.",
        encodes=["act05"],
    )
    def review_past(self):
        self.recommend("act05")

    @rule(
        "action.quick_wins",
        "actions",
        CollabFact(stage=EARLY),
        Level(mechanism="perception_of_progress", level=one_of("low", "medium", "unknown")),
        statement="Early in the life cycle, quick wins keep momentum and build trust and faith.",
        encodes=["act07"],
    )
    def quick_wins(self):
        self.recommend("act07")

    @rule(
        "action.face_to_face",
        "actions",
        Level(mechanism="communication", level=one_of("low", "medium", "unknown")),
        statement="Where communication is not yet easy, prioritise direct contact between key people.",
        encodes=["act09"],
    )
    def face_to_face(self):
        self.recommend("act09")

    @rule(
        "action.bridge_distance",
        "actions",
        Context(name="distant"),
        statement="Distant partners must create occasions for informal contact.",
        encodes=["act10"],
    )
    def bridge_distance(self):
        self.recommend("act10")

    @rule(
        "action.respect_autonomy",
        "actions",
        Candidate(top="yes", integration=at_most(4)),
        statement="Where the partners remain separate organisations, keep flexibility and leave each "
        "some autonomy (sovereignty over money, buildings and staff kept faith and trust in groups and "
        "alliances).",
        encodes=["act11", "group"],
        lines=["2072", "1452"],
        strength="suggested",
    )
    def respect_autonomy(self):
        self.recommend("act11")

    @rule(
        "action.shared_culture",
        "actions",
        Level(mechanism="cultural_assimilation", level=one_of("low", "medium")),
        Candidate(top="yes", integration=at_least(3)),
        statement="Integrative forms need a shared culture to avoid cultural conflict.",
        encodes=["act32"],
    )
    def shared_culture(self):
        self.recommend("act32")

    @rule(
        "action.expect_cultural_divide",
        "actions",
        OR(Context(name="cross_sector"), Context(name="cross_service")),
        statement="Across sectors or services, plan for a wider cultural divide.",
        encodes=["act33"],
    )
    def expect_cultural_divide(self):
        self.recommend("act33")

    @rule(
        "action.cultural_due_diligence",
        "actions",
        CollabFact(cultural_due_diligence=one_of("no", "unknown"), stage=PREPARING),
        Candidate(top="yes", integration=at_least(3)),
        statement="Before integrating, do cultural due diligence and plan the cultural integration.",
        encodes=["act34"],
    )
    def cultural_due_diligence(self):
        self.recommend("act34")


class FaithActionRules:
    """Faith, legitimacy, complexity and capacity (Table 10: faith; capacity)."""

    @rule(
        "action.ease_regulation",
        "actions",
        CollabFact(regulatory_environment="competitive"),
        statement="Where regulation still revolves around competition, understand it and soften its "
        "negative effects on the collaboration.",
        encodes=["act08", "cmoc_f39"],
        lines=["2072", "1107"],
        strength="established",
    )
    def ease_regulation(self):
        self.recommend("act08")

    @rule(
        "action.involve_users_and_staff",
        "actions",
        OR(
            CollabFact(patient_involvement=one_of("low", "medium", "unknown")),
            CollabFact(staff_involvement=one_of("low", "medium", "unknown")),
        ),
        statement="Involve service users and front-line staff in design to keep the vision on outcomes.",
        encodes=["act13"],
    )
    def involve_users_and_staff(self):
        self.recommend("act13")

    @rule(
        "action.simplify",
        "actions",
        OR(Context(name="many_partners"), Context(name="large_organisations")),
        statement="With very large or many partners, simplify and structure the work.",
        encodes=["act16"],
    )
    def simplify(self):
        self.recommend("act16")

    @rule(
        "action.show_progress",
        "actions",
        CollabFact(evaluation=one_of("no", "unknown")),
        statement="Without evaluation progress is invisible; set milestones and show progress.",
        encodes=["act17"],
    )
    def show_progress(self):
        self.recommend("act17")

    @rule(
        "action.retain_staff",
        "actions",
        Context(name="workforce_instability"),
        statement="High turnover dilutes the vision; work to retain the people involved.",
        encodes=["act19"],
    )
    def retain_staff(self):
        self.recommend("act19")

    @rule(
        "action.form_reputation",
        "actions",
        Candidate(top="yes", dalton=one_of("contractual", "consolidation")),
        statement="Contractual and consolidating forms can be seen as privatisation or takeover; "
        "find out how the form is perceived.",
        encodes=["act20"],
    )
    def form_reputation(self):
        self.recommend("act20")

    @rule(
        "action.plan_capacity",
        "actions",
        OR(
            Context(name="capacity_shortfall"),
            CollabFact(funding="limited"),
            Candidate(top="yes", integration=at_least(4)),
        ),
        statement="Recognise the time, effort and money implementation takes.",
        encodes=["act29"],
    )
    def plan_capacity(self):
        self.recommend("act29")

    @rule(
        "action.expect_dip",
        "actions",
        Candidate(top="yes", integration=at_least(3)),
        statement="Integrative forms bring an early dip in performance; say so in advance.",
        encodes=["act30"],
    )
    def expect_dip(self):
        self.recommend("act30")

    @rule(
        "action.secure_funding",
        "actions",
        OR(CollabFact(third_party_funding="yes"), CollabFact(funding=one_of("limited", "none"))),
        CollabFact(stage=PREPARING),
        statement="Confirm capacity, and outside funding, before launching.",
        encodes=["act31"],
    )
    def secure_funding(self):
        self.recommend("act31")


class GovernanceActionRules:
    """Mandate, formalisation and conflict (Table 10: mandated; confidence; conflict)."""

    @rule(
        "action.acknowledge_power",
        "actions",
        CollabFact(mandation="mandated"),
        statement="Mandated collaborations bring unequal power; acknowledge it and prepare for conflict.",
        encodes=["act21"],
    )
    def acknowledge_power(self):
        self.recommend("act21")

    @rule(
        "action.confidence_under_mandate",
        "actions",
        CollabFact(mandation="mandated"),
        Level(mechanism="initial_trust", level=one_of("low", "medium", "unknown")),
        statement="Cooperation cannot be ordered; mandated partners lean on contracts for confidence.",
        encodes=["act22"],
    )
    def confidence_under_mandate(self):
        self.recommend("act22")

    @rule(
        "action.relationships_under_mandate",
        "actions",
        CollabFact(mandation="mandated"),
        statement="When a collaboration has been mandated, still invest in the interpersonal relationships "
        "that build trust.",
        encodes=["act23"],
        lines=["2075"],
        strength="established",
    )
    def relationships_under_mandate(self):
        self.recommend("act23")

    @rule(
        "action.fit_formality",
        "actions",
        OR(Candidate(top="yes"), CollabFact(legal_agreements=one_of("contract", "new_entity", "statutory"))),
        statement="Match the degree of formalisation to the collaboration.",
        encodes=["act12"],
    )
    def fit_formality(self):
        self.recommend("act12")

    @rule(
        "action.formal_contract",
        "actions",
        OR(CollabFact(mandation="mandated"), Candidate(top="yes", integration=at_least(3))),
        statement="Complex, integrative or mandated collaborations need firmer contractual terms.",
        encodes=["act24"],
    )
    def formal_contract(self):
        self.recommend("act24")

    @rule(
        "action.anticipate_disagreements",
        "actions",
        Level(mechanism="conflict_resolution", level=one_of("low", "medium", "unknown")),
        statement="Identify likely disagreements early and write accountability into agreements.",
        encodes=["act25"],
    )
    def anticipate_disagreements(self):
        self.recommend("act25")

    @rule(
        "action.shared_accountability",
        "actions",
        CollabFact(accountability=one_of("unclear", "unknown")),
        statement="Agree clear, shared accountability.",
        encodes=["act26"],
    )
    def shared_accountability(self):
        self.recommend("act26")

    @rule(
        "action.dispute_procedure",
        "actions",
        CollabFact(conflict_resolution=one_of("none", "informal", "unknown")),
        statement="Put clear dispute procedures with an impartial adjudicator in place.",
        encodes=["act27"],
    )
    def dispute_procedure(self):
        self.recommend("act27")


class LifeCycleActionRules:
    """The maintenance or dissolution stage (Figure 7, 676-678): renew, re-scope or end well."""

    @rule(
        "action.renew_aims",
        "actions",
        CollabFact(stage="maintenance", aims_met=one_of("not_yet", "partly")),
        statement="In the maintenance stage, partners whose aims are only partly met renew their shared "
        "aims and the means of overcoming barriers, keeping attention on goals rather than functioning.",
        encodes=["lc_renew_aims", "maintenance", "act06"],
        lines=["676-678"],
        strength="suggested",
    )
    def renew_aims(self):
        self.recommend("lc_renew_aims")

    @rule(
        "action.rescope",
        "actions",
        CollabFact(stage="maintenance"),
        OR(CollabFact(engagement_trend="falling"), CollabFact(quick_wins="delivered_then_stalled")),
        statement="When a mature partnership loses momentum, keeping only the parts that still work "
        "(re-scoping) is one of the paths the life cycle describes.",
        encodes=["lc_rescope", "maintenance"],
        lines=["676-678"],
        strength="suggested",
    )
    def rescope(self):
        self.recommend("lc_rescope")

    @rule(
        "action.orderly_exit",
        "actions",
        CollabFact(stage="maintenance"),
        OR(
            CollabFact(engagement_trend="falling"),
            Level(mechanism="conflict", level="high"),
            Level(mechanism="faith", level="low"),
        ),
        statement="A partnership may wind down, wholly or for some partners, when conflict cannot be "
        "resolved or faith is lost; ending it badly raises conflict, so plan an orderly exit.",
        encodes=["lc_orderly_exit", "maintenance", "cmoc_f16"],
        lines=["676-678", "1043"],
        strength="suggested",
    )
    def orderly_exit(self):
        self.recommend("lc_orderly_exit")

    @rule(
        "action.close_when_met",
        "actions",
        CollabFact(stage="maintenance", aims_met="mostly"),
        statement="A partnership may also end, in whole or part, because its aims have been met.",
        encodes=["lc_close_when_met", "maintenance"],
        lines=["676-678"],
        strength="suggested",
    )
    def close_when_met(self):
        self.recommend("lc_close_when_met")
