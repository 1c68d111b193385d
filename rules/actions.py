"""Layer 7, actions: the 'if ... then ... because' statements of Table 10 that apply to this
case. Each rule fires when, and only when, its statement's 'if' holds for the case (the
audit's convention): where the 'if' names the action itself ("if organisations do X"), the
rule fires while X is not known to be in place; where it names a context ("if the
collaboration is mandated"), the rule fires exactly when that context holds. Actions whose
point is preparation ("before starting", "prior to implementing") are not recommended to a
collaboration already in implementation or maintenance."""

from __future__ import annotations

from advisor.engine.compat import MATCH, NOT, OR, TEST
from advisor.rules.conditions import LIGHTLY_INTEGRATED, at_least, at_most, one_of
from advisor.rules.facts import Candidate, CollabFact, Context, Level, RelFact
from advisor.rules.registry import rule

NOT_HIGH_OR_UNKNOWN = one_of("low", "medium", "unknown")
EARLY = one_of("contemplation", "connecting", "planning", "implementation", "unknown")
# Before anything is implemented: actions whose point is preparation ("before starting",
# "prior to implementing") do not apply to a collaboration already running.
PREPARING = one_of("contemplation", "connecting", "planning", "unknown")
COLLABORATIVE_STYLES = ("collaborative", "inclusive")


class LeadershipActionRules:
    """Leadership behaviours and vision (Table 10: leadership; faith and initial faith)."""

    @rule(
        "action.lead_visibly",
        "actions",
        CollabFact(leadership_style=MATCH.style),
        Level(mechanism="trust", level=MATCH.trust_level),
        Level(mechanism="faith", level=MATCH.faith_level),
        TEST(
            lambda style, trust_level, faith_level: (
                not (style in COLLABORATIVE_STYLES and trust_level == "high" and faith_level == "high")
            )
        ),
        statement="Unless collaborative leadership has already brought trust and faith high, visible, "
        "committed, empathetic leadership builds both.",
        encodes=["act01", "sec_building_trust"],
        lines=["1232-1260", "2071"],
        strength="suggested",
    )
    def lead_visibly(self):
        self.recommend("act01")

    @rule(
        "action.stay_present",
        "actions",
        CollabFact(leadership_style="combative"),
        statement="Negative leadership behaviours (being 'missing in action', unaccountable, overly resistant "
        "to change) can significantly decrease faith and willingness to collaborate, so leaders should stay "
        "present and accountable; an interviewee called leaders who railroad things through 'bad news'. "
        "Combative leadership is the case's only sign of negative leadership (our reading).",
        encodes=["act02", "sec_building_trust"],
        lines=["1244-1246", "2071"],
        strength="suggested",
    )
    def stay_present(self):
        self.recommend("act02")

    @rule(
        "action.shared_improvement_culture",
        "actions",
        OR(CollabFact(cultural_due_diligence=one_of("no", "unknown")), Context(name="turnaround_pairing")),
        statement="Where no cultural due diligence has been done, or a lower-performing partner is to learn "
        "from a better one, foster a shared culture of improvement.",
        encodes=["act03", "sec_cultural_integration"],
        lines=["1284-1290", "2071"],
        strength="suggested",
    )
    def shared_improvement_culture(self):
        self.recommend("act03")

    @rule(
        "action.joint_improvement",
        "actions",
        OR(
            Level(mechanism="collaborative_behaviour", level=one_of("medium", "high")),
            Context(name="turnaround_pairing"),
        ),
        statement="Sharing improvement programmes across the organisations drives performance by improving "
        "collaborative behaviour: where that behaviour is under way, or a struggling partner can learn "
        "from a better one.",
        encodes=["act04", "sec_performance"],
        lines=["1700-1716", "1973", "2071"],
        strength="suggested",
    )
    def joint_improvement(self):
        self.recommend("act04")

    @rule(
        "action.agree_vision",
        "actions",
        Level(mechanism="vision_sharedness", level=NOT_HIGH_OR_UNKNOWN),
        statement="Where the vision is not clearly shared, agree one and embed it in every partner.",
        encodes=["act06"],
        lines=["2072"],
        strength="suggested",
    )
    def agree_vision(self):
        self.recommend("act06")

    @rule(
        "action.clear_vision",
        "actions",
        Level(mechanism="vision_clarity", level=NOT_HIGH_OR_UNKNOWN),
        statement="Where the vision is not clear, define concrete outcomes and a logical path from the start.",
        encodes=["act14"],
        lines=["2074"],
        strength="suggested",
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
        lines=["2083"],
        strength="suggested",
    )
    def vision_clear_and_shared(self):
        self.recommend("act28")

    @rule(
        "action.realistic_ambition",
        "actions",
        CollabFact(ambition=one_of("very_ambitious", "modest")),
        statement="Keep an appropriate level of ambition: overambitious goals bring a sense of failure, "
        "unambitious ones little sense of progress.",
        encodes=["act15", "cmoc_f05", "cmoc_f21"],
        lines=["1018", "1055", "1169", "2074"],
        strength="established",
    )
    def realistic_ambition(self):
        self.recommend("act15")

    @rule(
        "action.champions",
        "actions",
        CollabFact(staff_involvement=NOT_HIGH_OR_UNKNOWN),
        statement="Where staff are not yet engaged, champions spread the vision and the faith.",
        encodes=["act18"],
        lines=["2074"],
        strength="suggested",
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
        lines=["1123", "2072"],
        strength="suggested",
    )
    def review_past(self):
        self.recommend("act05")

    @rule(
        "action.quick_wins",
        "actions",
        CollabFact(stage=EARLY),
        Level(mechanism="perception_of_progress", level=NOT_HIGH_OR_UNKNOWN),
        statement="Early in the life cycle, quick wins keep momentum and build trust and faith (provided "
        "lasting progress follows them).",
        encodes=["act07", "sec_middle_stage", "sec_demonstrating_progress"],
        lines=["1152", "1169", "1476-1478", "1482", "2072"],
        strength="established",
    )
    def quick_wins(self):
        self.recommend("act07")

    @rule(
        "action.face_to_face",
        "actions",
        Level(mechanism="communication", level=NOT_HIGH_OR_UNKNOWN),
        Level(mechanism="conflict", level=NOT_HIGH_OR_UNKNOWN),
        statement="Where communication is not yet easy, prioritise direct contact between key people; "
        "not while conflict is high, when more contact can deepen distrust (settle the conflict first).",
        encodes=["act09", "cmoc_f31"],
        lines=["1085", "1154", "2072"],
        strength="suggested",
    )
    def face_to_face(self):
        self.recommend("act09")

    @rule(
        "action.bridge_distance",
        "actions",
        Context(name="distant"),
        statement="Significant distance between partners is a barrier to trust because it undermines informal "
        "interaction; joint staff appointments and regular collaboration-wide meetings also build trust "
        "through communication.",
        encodes=["act10"],
        lines=["1154", "1426", "2072"],
        strength="established",
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
        encodes=["act11", "group", "sec_risk_tolerance"],
        lines=["1324-1328", "1452", "2072"],
        strength="suggested",
    )
    def respect_autonomy(self):
        self.recommend("act11")

    @rule(
        "action.shared_culture",
        "actions",
        Level(mechanism="cultural_assimilation", level=NOT_HIGH_OR_UNKNOWN),
        statement="Where cultures are not yet aligned, foster a shared culture, or at least bridges of mutual "
        "understanding between the cultures, to avoid cultural conflict.",
        encodes=["act32", "sec_middle_stage"],
        lines=["653", "1152", "2085"],
        strength="suggested",
    )
    def shared_culture(self):
        self.recommend("act32")

    @rule(
        "action.expect_cultural_divide",
        "actions",
        OR(Context(name="cross_sector"), Context(name="cross_service")),
        statement="Across sectors or services, plan for a wider cultural divide.",
        encodes=["act33"],
        lines=["1185", "2085"],
        strength="established",
    )
    def expect_cultural_divide(self):
        self.recommend("act33")

    @rule(
        "action.cultural_due_diligence",
        "actions",
        CollabFact(cultural_due_diligence=one_of("no", "unknown"), stage=PREPARING),
        Candidate(top="yes", integration=at_least(3)),
        statement="Before implementing an integrative form, do cultural due diligence and plan the cultural "
        "integration.",
        encodes=["act34"],
        lines=["653-654", "2085"],
        strength="suggested",
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
        lines=["1107", "1181", "1552", "2072"],
        strength="suggested",
    )
    def ease_regulation(self):
        self.recommend("act08")

    @rule(
        "action.involve_users_and_staff",
        "actions",
        OR(
            CollabFact(patient_involvement=NOT_HIGH_OR_UNKNOWN),
            CollabFact(staff_involvement=NOT_HIGH_OR_UNKNOWN),
        ),
        statement="Involve service users and front-line staff in design to keep the vision on outcomes.",
        encodes=["act13"],
        lines=["1075", "1162", "1468", "2074"],
        strength="established",
    )
    def involve_users_and_staff(self):
        self.recommend("act13")

    @rule(
        "action.simplify",
        "actions",
        OR(Context(name="many_partners"), Context(name="large_organisations")),
        statement="Very large organisations or many partners raise the perceived complexity of the task and "
        "can reduce faith; simpler aims lower the perceived complexity.",
        encodes=["act16"],
        lines=["1103", "1105", "1408", "2074"],
        strength="established",
    )
    def simplify(self):
        self.recommend("act16")

    @rule(
        "action.show_progress",
        "actions",
        CollabFact(evaluation=one_of("no", "unknown")),
        statement="Without evaluation progress is invisible; set milestones and show progress.",
        encodes=["act17"],
        lines=["1026", "1169", "2074"],
        strength="established",
    )
    def show_progress(self):
        self.recommend("act17")

    @rule(
        "action.retain_staff",
        "actions",
        Context(name="workforce_instability"),
        statement="High turnover dilutes the vision; work to retain the people involved.",
        encodes=["act19"],
        lines=["1022", "1162", "2074"],
        strength="established",
    )
    def retain_staff(self):
        self.recommend("act19")

    @rule(
        "action.form_reputation",
        "actions",
        Candidate(top="yes"),
        CollabFact(stage=PREPARING),
        statement="Before committing to a form, understand the reputation the chosen form has with the "
        "public and staff: forms associated with privatisation of the NHS lowered initial faith and "
        "undermined legitimacy, and staff may see a collaboration as a professional threat.",
        encodes=["act20", "sec_early_mechanisms", "sec_legitimacy"],
        lines=["1121", "1468-1470", "2074"],
        strength="suggested",
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
        statement="Recognise the time, effort and money implementation takes (most of all where capacity "
        "or funding is short, or the form is deeply integrative).",
        encodes=["act29"],
        lines=["172", "1380", "2084"],
        strength="established",
    )
    def plan_capacity(self):
        self.recommend("act29")

    @rule(
        "action.expect_dip",
        "actions",
        CollabFact(stage=EARLY),
        Candidate(top="yes", integration=at_least(3)),
        statement="Performance may drop at first while resources are redirected to implementing the "
        "collaboration; understanding this in advance avoids losses of faith (advised here for the more "
        "integrative forms, our scoping).",
        encodes=["act30"],
        lines=["1464", "2084"],
        strength="suggested",
    )
    def expect_dip(self):
        self.recommend("act30")

    @rule(
        "action.secure_funding",
        "actions",
        CollabFact(stage=PREPARING),
        OR(
            Context(name="capacity_shortfall"),
            CollabFact(funding="limited"),
            CollabFact(third_party_funding="yes"),
        ),
        statement="Before beginning, make sure there is capacity, and that any outside funding will arrive "
        "(starting without either undermines faith and trust).",
        encodes=["act31"],
        lines=["1400-1404", "1554", "2084"],
        strength="suggested",
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
        lines=["620", "1071", "2075"],
        strength="suggested",
    )
    def acknowledge_power(self):
        self.recommend("act21")

    @rule(
        "action.confidence_under_mandate",
        "actions",
        CollabFact(mandation="mandated"),
        statement="Cooperation cannot be ordered; mandated partners can lean on contracts and confidence "
        "to reduce the risks they perceive.",
        encodes=["act22"],
        lines=["2075"],
        strength="suggested",
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
        strength="suggested",
    )
    def relationships_under_mandate(self):
        self.recommend("act23")

    @rule(
        "action.fit_formality",
        "actions",
        OR(Candidate(top="yes"), CollabFact(legal_agreements=one_of("contract", "new_entity", "statutory"))),
        statement="Match the degree of formalisation to the collaboration.",
        encodes=["act12"],
        lines=["2073"],
        strength="suggested",
    )
    def fit_formality(self):
        self.recommend("act12")

    @rule(
        "action.formal_contract",
        "actions",
        OR(
            CollabFact(mandation="mandated"),
            Candidate(top="yes", integration=at_least(3)),
            Level(mechanism="task_complexity", level="high"),
        ),
        Level(mechanism="trust", level=MATCH.trust_level),
        CollabFact(stage=MATCH.stage, mandation=MATCH.mandation, arrangement_integration=MATCH.integration),
        TEST(
            lambda trust_level, stage, mandation, integration: (
                not (trust_level == "high" and stage == "maintenance")
                and not (
                    mandation == "voluntary" and isinstance(integration, int) and integration <= LIGHTLY_INTEGRATED
                )
            )
        ),
        statement="Complex, integrative or mandated collaborations need firmer contractual terms; not a "
        "voluntary, lightly integrated arrangement, which should not lean on binding obligation, and not "
        "once trust has grown in a mature partnership, when contracts add little.",
        encodes=["act24", "sec_trust_vs_confidence"],
        lines=["1063", "1194", "1208", "1214", "2082"],
        strength="suggested",
    )
    def formal_contract(self):
        self.recommend("act24")

    @rule(
        "action.anticipate_disagreements",
        "actions",
        Level(mechanism="conflict_resolution", level=NOT_HIGH_OR_UNKNOWN),
        statement="Identify likely disagreements early and write accountability into agreements.",
        encodes=["act25"],
        lines=["2082"],
        strength="suggested",
    )
    def anticipate_disagreements(self):
        self.recommend("act25")

    @rule(
        "action.shared_accountability",
        "actions",
        OR(
            CollabFact(accountability=one_of("unclear", "unknown")),
            CollabFact(accountability_focus="own_organisation"),
        ),
        statement="Where accountability is unclear, or each partner answers only for itself, agree clear, "
        "shared accountability.",
        encodes=["act26", "sec_policy_implications"],
        lines=["1033", "2056", "2083"],
        strength="suggested",
    )
    def shared_accountability(self):
        self.recommend("act26")

    @rule(
        "action.dispute_procedure",
        "actions",
        CollabFact(conflict_resolution=one_of("none", "informal", "unknown")),
        NOT(Candidate(top="yes", integration=5)),
        statement="Put clear dispute procedures with an impartial adjudicator in place (not for partners "
        "who become one body in a merger or acquisition).",
        encodes=["act27"],
        lines=["1160", "2083"],
        strength="suggested",
    )
    def dispute_procedure(self):
        self.recommend("act27")


class LifeCycleActionRules:
    """The maintenance or dissolution stage (Figure 7, 676-678): renew, re-scope or end well."""

    @rule(
        "action.renew_aims",
        "actions",
        CollabFact(stage="maintenance", aims_met=one_of("not_yet", "partly")),
        statement="In the maintenance stage, partners build ways round the barriers met so far and keep "
        "attention on goals rather than functioning (676); aims adapt over time (438, 1642); renewing them "
        "together while they are not yet or only partly met is our reading.",
        encodes=["lc_renew_aims", "maintenance", "sec_lifecycle", "act06", "sec_atemporal"],
        lines=["438", "676", "1162", "1642", "2072"],
        strength="suggested",
    )
    def renew_aims(self):
        self.recommend("lc_renew_aims")

    @rule(
        "action.rescope",
        "actions",
        CollabFact(stage="maintenance"),
        OR(CollabFact(engagement_trend="falling"), CollabFact(quick_wins="delivered_then_stalled")),
        statement="When a mature partnership loses momentum, keeping certain parts and not others "
        "(re-scoping) is one of the paths the life cycle describes (losing momentum as the trigger is "
        "our reading).",
        encodes=["lc_rescope", "maintenance", "sec_lifecycle", "cmoc_f29"],
        lines=["678", "1079", "1482-1484"],
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
        statement="A partnership may wind down, wholly or for some partners, because of irreconcilable "
        "conflict (678) or lost faith (1079); stopping it inappropriately can increase conflict (1043). "
        "Reading irreconcilable conflict as conflict inferred high (good ways of resolving it bring it "
        "down), falling engagement as a sign of partners drifting away (1162, 1484), and planning an "
        "orderly exit, are our reading.",
        encodes=["lc_orderly_exit", "maintenance", "sec_lifecycle", "cmoc_f16", "cmoc_f29"],
        lines=["678", "1043", "1079", "1162", "1484"],
        strength="suggested",
    )
    def orderly_exit(self):
        self.recommend("lc_orderly_exit")

    @rule(
        "action.close_when_met",
        "actions",
        CollabFact(stage="maintenance", aims_met="mostly"),
        statement="A partnership may also end, in whole or part, because its aims have been met.",
        encodes=["lc_close_when_met", "maintenance", "sec_lifecycle"],
        lines=["678"],
        strength="suggested",
    )
    def close_when_met(self):
        self.recommend("lc_close_when_met")
