"""Layer 2, mechanism effects: each rule encodes a context-mechanism-outcome configuration
(Box 1, Table 7, chapter 4) as a push, up or down, on one mechanism.

Each effect fires in its mechanism's phase, before that mechanism's level is settled; effects
that start from another mechanism's level match that level's fact, and the phases are ordered
so that level is settled first (see :mod:`advisor.rules.registry`).
"""

from __future__ import annotations

from advisor.engine.compat import OR
from advisor.rules.conditions import one_of
from advisor.rules.facts import CollabFact, Context, Level, Measured, PartnerMix, RelFact
from advisor.rules.registry import effect

HIGH = "high"
LOW = "low"


class InitialTrustRules:
    """Initial trust: history, reputation, past failures (Box 1 Trust; ch.4 early mechanisms)."""

    good_history = effect(
        "mech.initial_trust.good_history",
        "initial_trust",
        +2,
        RelFact(history_of_collaboration="good"),
        statement="Successful past collaboration between the partners raises initial trust.",
        encodes=["cmoc_f19", "initial_trust"],
    )
    poor_history = effect(
        "mech.initial_trust.poor_history",
        "initial_trust",
        -2,
        RelFact(history_of_collaboration="poor"),
        statement="Negative past experiences of working together lower initial trust.",
        encodes=["cmoc_f19", "initial_trust", "act05"],
    )
    competition = effect(
        "mech.initial_trust.competition",
        "initial_trust",
        -2,
        RelFact(history_of_competition="significant"),
        statement="A significant history of competing with each other lowers initial trust.",
        encodes=["initial_trust", "sec_early_mechanisms"],
    )
    no_competition = effect(
        "mech.initial_trust.no_competition",
        "initial_trust",
        +1,
        RelFact(history_of_competition="none"),
        statement="Partners that have not competed start without that source of suspicion.",
        encodes=["initial_trust", "sec_early_mechanisms"],
    )
    reputation = effect(
        "mech.initial_trust.reputation",
        "initial_trust",
        -1,
        RelFact(reputation_problems="yes"),
        statement="Problems with how a partner is seen lower initial trust in it.",
        encodes=["initial_trust", "q07"],
    )
    past_failures = effect(
        "mech.initial_trust.past_failures",
        "initial_trust",
        -1,
        RelFact(past_failures="yes"),
        statement="A legacy of high-profile failures in the local system breeds 'fortress mentalities' "
        "and lowers initial trust.",
        encodes=["initial_trust", "q10", "sec_early_mechanisms"],
    )


class ContextMechanismRules:
    """Mechanisms set directly by the case: vision, culture, communication, conflict
    resolution, legitimacy, confidence and task complexity."""

    vision_clear = effect(
        "mech.vision_clarity.stated_high",
        "vision_clarity",
        +2,
        CollabFact(vision_clarity=HIGH),
        statement="The aims, and the path to them, are described as clear.",
        encodes=["vision", "mat_vision_clarity"],
    )
    vision_unclear = effect(
        "mech.vision_clarity.stated_low",
        "vision_clarity",
        -2,
        CollabFact(vision_clarity=LOW),
        statement="The aims, or the path to them, are described as unclear.",
        encodes=["vision", "mat_vision_clarity"],
    )
    vision_shared = effect(
        "mech.vision_sharedness.stated_high",
        "vision_sharedness",
        +2,
        CollabFact(vision_sharedness=HIGH),
        statement="The partners are described as agreeing on the aims and how to reach them.",
        encodes=["vision", "mat_vision_sharedness"],
    )
    vision_not_shared = effect(
        "mech.vision_sharedness.stated_low",
        "vision_sharedness",
        -2,
        CollabFact(vision_sharedness=LOW),
        statement="The partners are described as disagreeing on the aims.",
        encodes=["vision", "mat_vision_sharedness"],
    )
    mandate_aligns_vision = effect(
        "mech.vision_sharedness.mandate_low_trust",
        "vision_sharedness",
        +1,
        CollabFact(mandation="mandated"),
        Level(mechanism="initial_trust", level=LOW),
        statement="In a mandated collaboration with low initial trust, leaders can move aside those "
        "with a conflicting vision, which makes the remaining vision more shared.",
        encodes=["cmoc_f33"],
    )
    cultures_compatible = effect(
        "mech.cultural_assimilation.compatible",
        "cultural_assimilation",
        +2,
        RelFact(cultural_compatibility=HIGH),
        statement="Similar organisational cultures make cultural assimilation easier.",
        encodes=["cultural_assimilation", "mat_cultural_integration"],
    )
    cultures_incompatible = effect(
        "mech.cultural_assimilation.incompatible",
        "cultural_assimilation",
        -2,
        RelFact(cultural_compatibility=LOW),
        statement="Very different organisational cultures make cultural assimilation hard.",
        encodes=["cultural_assimilation", "mat_cultural_integration"],
    )
    inclusive_leadership = effect(
        "mech.cultural_assimilation.inclusive_leadership",
        "cultural_assimilation",
        +1,
        CollabFact(leadership_style="inclusive"),
        statement="An inclusive leadership style helps the cultures integrate.",
        encodes=["cmoc_f35"],
    )
    due_diligence = effect(
        "mech.cultural_assimilation.due_diligence",
        "cultural_assimilation",
        +1,
        CollabFact(cultural_due_diligence="yes"),
        statement="Cultural due diligence done before implementation eases cultural integration.",
        encodes=["act34", "q24"],
    )
    divide = effect(
        "mech.cultural_assimilation.cross_sector",
        "cultural_assimilation",
        -1,
        OR(Context(name="cross_sector"), Context(name="cross_service")),
        statement="Working across sectors or services brings differing professional backgrounds and "
        "a wider cultural divide.",
        encodes=["act33", "sec_set_up_for_failure"],
    )
    identities = effect(
        "mech.cultural_assimilation.strong_identity",
        "cultural_assimilation",
        -1,
        Context(name="strong_identities"),
        statement="A partner with a strong identity, resistant to change, integrates less readily.",
        encodes=["q22", "mat_cultural_integration"],
    )
    talk_often = effect(
        "mech.communication.stated_high",
        "communication",
        +2,
        RelFact(communication=HIGH),
        statement="Partners already communicate and share information freely.",
        encodes=["communication", "mat_communication"],
    )
    talk_rarely = effect(
        "mech.communication.stated_low",
        "communication",
        -2,
        RelFact(communication=LOW),
        statement="Partners rarely communicate and are reluctant to share information.",
        encodes=["communication", "mat_communication"],
    )
    near = effect(
        "mech.communication.proximity",
        "communication",
        +1,
        Context(name="proximate"),
        statement="Geographical proximity makes interpersonal communication easier.",
        encodes=["cmoc_f31"],
    )
    far = effect(
        "mech.communication.distance",
        "communication",
        -1,
        Context(name="distant"),
        statement="Distance between partners reduces everyday interpersonal communication.",
        encodes=["cmoc_f31", "act10"],
    )
    resolution_independent = effect(
        "mech.conflict_resolution.independent",
        "conflict_resolution",
        +2,
        CollabFact(conflict_resolution="independent"),
        statement="Dispute procedures with an impartial third party resolve conflict constructively.",
        encodes=["act27", "q26", "conflict_resolution"],
    )
    resolution_formal = effect(
        "mech.conflict_resolution.formal",
        "conflict_resolution",
        +1,
        CollabFact(conflict_resolution="formal"),
        statement="Agreed formal dispute procedures help resolve conflict.",
        encodes=["act27", "conflict_resolution"],
    )
    resolution_none = effect(
        "mech.conflict_resolution.none",
        "conflict_resolution",
        -2,
        CollabFact(conflict_resolution="none"),
        statement="Without any way of resolving disputes, conflicts tend to be handled destructively.",
        encodes=["cmoc_f17", "conflict_resolution"],
    )
    accountability = effect(
        "mech.conflict_resolution.accountability",
        "conflict_resolution",
        +1,
        CollabFact(accountability="clear"),
        statement="Clear, shared accountability is itself a means of settling conflict.",
        encodes=["act26", "cmoc_f11"],
    )
    voluntary_legitimacy = effect(
        "mech.legitimacy.voluntary",
        "legitimacy",
        +1,
        CollabFact(mandation="voluntary"),
        statement="A collaboration the partners chose is more readily seen as authentic.",
        encodes=["legitimacy", "sec_legitimacy", "q13"],
    )
    mandated_legitimacy = effect(
        "mech.legitimacy.mandated",
        "legitimacy",
        -1,
        CollabFact(mandation="mandated"),
        statement="An imposed collaboration is more often seen as a threat and less as authentic.",
        encodes=["legitimacy", "sec_legitimacy", "q13"],
    )
    involved = effect(
        "mech.legitimacy.involvement",
        "legitimacy",
        +1,
        OR(CollabFact(patient_involvement=HIGH), CollabFact(staff_involvement=HIGH)),
        statement="Involving patients, the public or front-line staff in planning makes the "
        "collaboration more authentic in their eyes.",
        encodes=["cmoc_f27", "act13", "q14"],
    )
    not_involved = effect(
        "mech.legitimacy.no_involvement",
        "legitimacy",
        -1,
        OR(CollabFact(patient_involvement=LOW), CollabFact(staff_involvement=LOW)),
        statement="Planning without stakeholders or the workforce undermines perceived legitimacy.",
        encodes=["cmoc_f27", "mat_legitimacy"],
    )
    formal_confidence = effect(
        "mech.confidence.formalised",
        "confidence",
        +2,
        CollabFact(legal_agreements=one_of("contract", "joint_committee", "new_entity", "statutory")),
        statement="Binding agreements give partners confidence that the other side will behave "
        "collaboratively because it is obliged to.",
        encodes=["cmoc_f23", "confidence", "sec_trust_vs_confidence"],
    )
    mou_confidence = effect(
        "mech.confidence.mou",
        "confidence",
        +1,
        CollabFact(legal_agreements="mou"),
        statement="A memorandum of understanding gives some, non-binding, reassurance.",
        encodes=["confidence", "sec_trust_vs_confidence"],
    )
    mandated_unformalised = effect(
        "mech.confidence.mandated_without_agreement",
        "confidence",
        -2,
        CollabFact(mandation="mandated", legal_agreements="none"),
        statement="A mandated collaboration with no agreement in place leaves partners without the "
        "confidence that formal obligations give.",
        encodes=["cmoc_f23", "mat_confidence"],
    )


class TaskComplexityRules:
    """Perceived task complexity and initial faith (Box 1 task complexity; Table 7)."""

    interoperable = effect(
        "mech.task_complexity.it_interoperable",
        "task_complexity",
        -1,
        PartnerMix(it_interoperability=HIGH),
        statement="Interoperable IT systems make the joint task look simpler.",
        encodes=["cmoc_f36"],
    )
    not_interoperable = effect(
        "mech.task_complexity.it_incompatible",
        "task_complexity",
        +1,
        PartnerMix(it_interoperability=LOW),
        statement="IT systems that cannot share data make the joint task look harder.",
        encodes=["cmoc_f36"],
    )
    large = effect(
        "mech.task_complexity.large_organisations",
        "task_complexity",
        +1,
        Context(name="large_organisations"),
        statement="Larger organisations make the collaborative task more complex.",
        encodes=["cmoc_f37"],
    )
    many = effect(
        "mech.task_complexity.many_partners",
        "task_complexity",
        +2,
        Context(name="many_partners"),
        statement="More partners means more relationships to build and much higher task complexity.",
        encodes=["sec_set_up_for_failure", "sec_refinements_by_type", "q16"],
    )
    cross_sector = effect(
        "mech.task_complexity.cross_sector",
        "task_complexity",
        +1,
        Context(name="cross_sector"),
        statement="Cross-sector working adds professional and organisational differences to bridge.",
        encodes=["sec_refinements_by_type", "q23"],
    )
    simple_aims = effect(
        "mech.task_complexity.modest_aims",
        "task_complexity",
        -1,
        CollabFact(ambition="modest"),
        statement="Simpler aims make the task look less complex.",
        encodes=["cmoc_f38"],
    )
    favourable_regulation = effect(
        "mech.task_complexity.favourable_regulation",
        "task_complexity",
        -1,
        CollabFact(regulatory_environment="favourable"),
        statement="A regulatory environment that favours collaboration lowers perceived complexity.",
        encodes=["cmoc_f39"],
    )
    competitive_regulation = effect(
        "mech.task_complexity.competitive_regulation",
        "task_complexity",
        +1,
        CollabFact(regulatory_environment="competitive"),
        statement="Regulation still built around competition makes collaboration harder.",
        encodes=["cmoc_f39", "sec_set_up_for_failure"],
    )
    complexity_high = effect(
        "mech.initial_faith.complex_task",
        "initial_faith",
        -1,
        Level(mechanism="task_complexity", level=HIGH),
        statement="A task perceived as very complex lowers initial faith that it is worth the effort.",
        encodes=["task_complexity", "cmoc_f37"],
    )
    complexity_low = effect(
        "mech.initial_faith.simple_task",
        "initial_faith",
        +1,
        Level(mechanism="task_complexity", level=LOW),
        statement="A task perceived as manageable lowers the faith needed to begin.",
        encodes=["task_complexity", "cmoc_f38"],
    )
    regulation_faith = effect(
        "mech.initial_faith.favourable_regulation",
        "initial_faith",
        +1,
        CollabFact(regulatory_environment="favourable"),
        statement="A favourable regulatory environment improves initial faith.",
        encodes=["cmoc_f39"],
    )
    legitimacy_low = effect(
        "mech.initial_faith.low_legitimacy",
        "initial_faith",
        -1,
        Level(mechanism="legitimacy", level=LOW),
        statement="A collaboration seen as inauthentic loses the faith of those asked to work on it.",
        encodes=["cmoc_f28", "legitimacy"],
    )
    legitimacy_high = effect(
        "mech.initial_faith.high_legitimacy",
        "initial_faith",
        +1,
        Level(mechanism="legitimacy", level=HIGH),
        statement="A collaboration seen as a legitimate means to its ends attracts initial faith.",
        encodes=["cmoc_f27", "legitimacy"],
    )
    no_money = effect(
        "mech.initial_faith.capacity_shortfall",
        "initial_faith",
        -1,
        Context(name="capacity_shortfall"),
        statement="Too little time, staff or money for implementation undermines initial faith.",
        encodes=["sec_capacity", "act31", "q17", "q18"],
    )
    funded = effect(
        "mech.initial_faith.funded",
        "initial_faith",
        +1,
        CollabFact(funding="adequate"),
        statement="Adequate funding for implementation makes the endeavour look feasible.",
        encodes=["sec_capacity", "q17"],
    )
    third_party = effect(
        "mech.initial_faith.third_party_funding",
        "initial_faith",
        -1,
        CollabFact(third_party_funding="yes", funding=one_of("limited", "none")),
        statement="Reliance on outside funding that is not fully secured puts faith at risk.",
        encodes=["act31", "q19"],
    )


class ConflictRules:
    """Conflict (Box 1 Conflict; Box 1 Interpersonal communication)."""

    accountable = effect(
        "mech.conflict.accountability",
        "conflict",
        -1,
        CollabFact(accountability="clear"),
        statement="Appropriate, shared accountability arrangements reduce conflict.",
        encodes=["cmoc_f11", "act26"],
    )
    unaccountable = effect(
        "mech.conflict.unclear_accountability",
        "conflict",
        +1,
        CollabFact(accountability="unclear"),
        statement="Unclear accountability leaves room for disputes.",
        encodes=["cmoc_f11", "act26"],
    )
    compatible = effect(
        "mech.conflict.cultural_fit",
        "conflict",
        -1,
        Level(mechanism="cultural_assimilation", level=HIGH),
        statement="Greater cultural compatibility reduces conflict.",
        encodes=["cmoc_f12"],
    )
    incompatible = effect(
        "mech.conflict.cultural_misfit",
        "conflict",
        +1,
        Level(mechanism="cultural_assimilation", level=LOW),
        statement="Poor cultural fit generates conflict.",
        encodes=["cmoc_f12", "act32"],
    )
    clash = effect(
        "mech.conflict.clash_of_cultures",
        "conflict",
        +1,
        RelFact(cultural_compatibility=LOW, communication=HIGH),
        statement="Incompatible cultures in frequent contact tend to clash.",
        encodes=["cmoc_f30"],
    )
    shared_vision = effect(
        "mech.conflict.shared_vision",
        "conflict",
        -1,
        Level(mechanism="vision_sharedness", level=HIGH),
        statement="A vision shared between partners reduces conflict.",
        encodes=["cmoc_f13", "act06", "act28"],
    )
    divided_vision = effect(
        "mech.conflict.divided_vision",
        "conflict",
        +1,
        Level(mechanism="vision_sharedness", level=LOW),
        statement="Disagreement on what the collaboration is for breeds conflict.",
        encodes=["cmoc_f13", "act28"],
    )
    slow = effect(
        "mech.conflict.slow_pace",
        "conflict",
        +1,
        CollabFact(timeline="long"),
        statement="A slow pace of development lets conflict build up.",
        encodes=["cmoc_f14"],
    )
    resolved = effect(
        "mech.conflict.resolution_in_place",
        "conflict",
        -1,
        Level(mechanism="conflict_resolution", level=HIGH),
        statement="Approaches to conflict resolution and accountability lessen the severity of conflict.",
        encodes=["conflict_resolution", "act27"],
    )
    unresolved = effect(
        "mech.conflict.no_resolution",
        "conflict",
        +1,
        Level(mechanism="conflict_resolution", level=LOW),
        statement="Without ways to resolve disputes, conflicts escalate.",
        encodes=["conflict_resolution", "cmoc_f17"],
    )


class TrustRules:
    """Trust (Box 1 Trust, Power, Leadership, Cultural integration; Table 7)."""

    initial_high = effect(
        "mech.trust.initial_high",
        "trust",
        +1,
        Level(mechanism="initial_trust", level=HIGH),
        statement="High initial trust carries into trust between the partners.",
        encodes=["initial_trust", "trust"],
    )
    initial_low = effect(
        "mech.trust.initial_low",
        "trust",
        -1,
        Level(mechanism="initial_trust", level=LOW),
        statement="Low initial trust is carried into the working relationship.",
        encodes=["initial_trust", "trust"],
    )
    conflict_high = effect(
        "mech.trust.significant_conflict",
        "trust",
        -2,
        Level(mechanism="conflict", level=HIGH),
        statement="Significant conflict reduces trust.",
        encodes=["cmoc_f22", "conflict"],
    )
    conflict_low = effect(
        "mech.trust.little_conflict",
        "trust",
        +1,
        Level(mechanism="conflict", level=LOW),
        statement="Little conflict lets trust grow.",
        encodes=["conflict", "cmoc_f11", "cmoc_f13"],
    )
    constructive = effect(
        "mech.trust.constructive_resolution",
        "trust",
        +1,
        Level(mechanism="conflict_resolution", level=HIGH),
        statement="A constructive conflict resolution strategy improves trust.",
        encodes=["cmoc_f18"],
    )
    destructive = effect(
        "mech.trust.destructive_resolution",
        "trust",
        -1,
        Level(mechanism="conflict_resolution", level=LOW),
        statement="A destructive (or absent) conflict resolution strategy reduces trust.",
        encodes=["cmoc_f17"],
    )
    size_gap = effect(
        "mech.trust.size_asymmetry",
        "trust",
        -1,
        Context(name="size_asymmetry"),
        statement="Large differences in size lead to domination by one partner, which reduces trust.",
        encodes=["cmoc_f24"],
    )
    dominant = effect(
        "mech.trust.unequal_power",
        "trust",
        -1,
        RelFact(power_balance="one_dominant"),
        statement="Unequal resources and power let one partner dominate, which reduces trust.",
        encodes=["cmoc_f25"],
    )
    told_to = effect(
        "mech.trust.mandated_to_better_performer",
        "trust",
        -1,
        Context(name="mandated_turnaround"),
        statement="Being told to collaborate with a 'better-performing' partner sets up a power "
        "imbalance that reduces trust.",
        encodes=["cmoc_f26"],
    )
    combative = effect(
        "mech.trust.combative_voluntary",
        "trust",
        -1,
        CollabFact(mandation="voluntary", leadership_style="combative"),
        statement="A combative leadership approach in a voluntary collaboration creates an imbalance of power.",
        encodes=["cmoc_f34"],
    )
    collaborative_leaders = effect(
        "mech.trust.collaborative_leadership",
        "trust",
        +1,
        CollabFact(leadership_style=one_of("collaborative", "inclusive")),
        statement="A collaborative or inclusive leadership style improves trust.",
        encodes=["cmoc_f32", "cmoc_f35", "act01"],
    )
    mou_trust = effect(
        "mech.trust.non_binding_agreement",
        "trust",
        +1,
        CollabFact(mandation="voluntary", legal_agreements="mou"),
        statement="A non-binding agreement that keeps collaboration voluntary and altruistic improves trust.",
        encodes=["cmoc_f20", "sec_trust_vs_confidence"],
    )
    culture_trust = effect(
        "mech.trust.cultural_assimilation",
        "trust",
        +1,
        Level(mechanism="cultural_assimilation", level=HIGH),
        statement="Cultures that align make trust easier to build.",
        encodes=["cultural_assimilation", "cmoc_f35"],
    )
    talk_trust = effect(
        "mech.trust.communication",
        "trust",
        +1,
        Level(mechanism="communication", level=HIGH),
        statement="Frequent communication and information-sharing build trust when conflict is low.",
        encodes=["communication", "cmoc_f31"],
    )


class ProgressAndRiskRules:
    """Perception of progress (Box 1) and risk tolerance (Table 7; trust versus confidence)."""

    unambitious = effect(
        "mech.progress.unambitious",
        "perception_of_progress",
        -1,
        CollabFact(ambition="modest"),
        statement="Unambitious aims make progress feel slight.",
        encodes=["cmoc_f05"],
    )
    overambitious = effect(
        "mech.progress.overambitious",
        "perception_of_progress",
        -1,
        CollabFact(ambition="very_ambitious"),
        statement="Overambitious aims lead to disappointment and a sense of stalled progress.",
        encodes=["cmoc_f21", "act15"],
    )
    absent_actors = effect(
        "mech.progress.absent_key_actors",
        "perception_of_progress",
        -1,
        CollabFact(staff_involvement=LOW),
        statement="When key people are absent from the work, progress is perceived as slower.",
        encodes=["cmoc_f06"],
    )
    unstable = effect(
        "mech.progress.workforce_instability",
        "perception_of_progress",
        -1,
        Context(name="workforce_instability"),
        statement="Workforce and leadership instability lessens the perception of progress.",
        encodes=["cmoc_f07", "act19"],
    )
    flexible = effect(
        "mech.progress.flexible_organisations",
        "perception_of_progress",
        +1,
        PartnerMix(any_strong_identity="no"),
        statement="Flexible organisations, open to change, see progress sooner.",
        encodes=["cmoc_f08"],
    )
    evaluated = effect(
        "mech.progress.evaluation",
        "perception_of_progress",
        +1,
        CollabFact(evaluation="yes"),
        statement="Continuous evaluation makes progress visible.",
        encodes=["cmoc_f09", "act17"],
    )
    roles = effect(
        "mech.progress.role_clarity",
        "perception_of_progress",
        +1,
        CollabFact(role_clarity="yes"),
        statement="Clarity of roles enhances the perception of progress.",
        encodes=["cmoc_f10"],
    )
    internal_conflict = effect(
        "mech.progress.conflict",
        "perception_of_progress",
        -1,
        Level(mechanism="conflict", level=HIGH),
        statement="A high degree of conflict lessens the perception of progress.",
        encodes=["cmoc_f04"],
    )
    trusting = effect(
        "mech.progress.trust",
        "perception_of_progress",
        +1,
        Level(mechanism="trust", level=HIGH),
        statement="Trust built through constructive working improves the perception of progress.",
        encodes=["cmoc_f18"],
    )
    distrust = effect(
        "mech.progress.distrust",
        "perception_of_progress",
        -1,
        Level(mechanism="trust", level=LOW),
        statement="Reduced trust reduces the perception of progress.",
        encodes=["cmoc_f17"],
    )
    trust_risk = effect(
        "mech.risk_tolerance.trust_high",
        "risk_tolerance",
        +1,
        Level(mechanism="trust", level=HIGH),
        statement="Trust lets an organisation accept the risk of relying on its partner.",
        encodes=["trust", "risk_tolerance"],
    )
    distrust_risk = effect(
        "mech.risk_tolerance.trust_low",
        "risk_tolerance",
        -1,
        Level(mechanism="trust", level=LOW),
        statement="Without trust, partners will not take risks for one another.",
        encodes=["trust", "risk_tolerance", "mat_risk_tolerance"],
    )
    confidence_risk = effect(
        "mech.risk_tolerance.confidence_high",
        "risk_tolerance",
        +1,
        Level(mechanism="confidence", level=HIGH),
        statement="Confidence built through formal obligations raises risk tolerance.",
        encodes=["confidence", "sec_trust_vs_confidence"],
    )
    no_confidence_risk = effect(
        "mech.risk_tolerance.confidence_low",
        "risk_tolerance",
        -1,
        Level(mechanism="confidence", level=LOW),
        statement="Neither trust nor obligation: partners feel altruism is too risky.",
        encodes=["confidence", "mat_confidence"],
    )


class FaithRules:
    """Faith (Box 1 Faith and Perception of progress; Table 7)."""

    initial_high = effect(
        "mech.faith.initial_high",
        "faith",
        +1,
        Level(mechanism="initial_faith", level=HIGH),
        statement="Initial faith that the endeavour is feasible carries into faith in it.",
        encodes=["task_complexity", "faith"],
    )
    initial_low = effect(
        "mech.faith.initial_low",
        "faith",
        -1,
        Level(mechanism="initial_faith", level=LOW),
        statement="Doubt from the start that the endeavour is worth it depresses faith.",
        encodes=["task_complexity", "faith"],
    )
    progress = effect(
        "mech.faith.progress",
        "faith",
        +1,
        Level(mechanism="perception_of_progress", level=HIGH),
        statement="Perceived progress increases faith.",
        encodes=["perception_of_progress", "cmoc_f09", "cmoc_f10"],
    )
    stalled = effect(
        "mech.faith.stalled_progress",
        "faith",
        -2,
        Level(mechanism="perception_of_progress", level=LOW),
        statement="When the perception of progress stalls, faith can fall sharply.",
        encodes=["cmoc_f29", "perception_of_progress"],
    )
    inauthentic = effect(
        "mech.faith.inauthentic",
        "faith",
        -1,
        Level(mechanism="legitimacy", level=LOW),
        statement="A partnership no one believes can achieve its aims loses faith.",
        encodes=["cmoc_f28"],
    )


class BehaviourRules:
    """Collaborative behaviour (Box 1 Synergy and collaborative inertia; Table 7)."""

    synergy = effect(
        "mech.behaviour.trust_and_faith",
        "collaborative_behaviour",
        +2,
        Level(mechanism="trust", level=HIGH),
        Level(mechanism="faith", level=HIGH),
        statement="High trust and faith enable collaborative behaviour and task achievement.",
        encodes=["cmoc_f01"],
    )
    inertia = effect(
        "mech.behaviour.inertia",
        "collaborative_behaviour",
        -2,
        Level(mechanism="trust", level=LOW),
        Level(mechanism="faith", level=LOW),
        statement="Low trust and faith lead to collaborative inertia.",
        encodes=["cmoc_f02"],
    )
    confidence_faith = effect(
        "mech.behaviour.confidence_and_faith",
        "collaborative_behaviour",
        +1,
        Level(mechanism="confidence", level=HIGH),
        Level(mechanism="faith", level=one_of(HIGH, "medium")),
        statement="Confidence together with faith also leads to collaborative behaviour.",
        encodes=["cmoc_f03"],
    )
    risk_tolerant = effect(
        "mech.behaviour.risk_tolerance",
        "collaborative_behaviour",
        +1,
        Level(mechanism="risk_tolerance", level=HIGH),
        statement="Partners willing to take risks together behave collaboratively.",
        encodes=["risk_tolerance", "collaborative_behaviour"],
    )
    risk_averse = effect(
        "mech.behaviour.risk_aversion",
        "collaborative_behaviour",
        -1,
        Level(mechanism="risk_tolerance", level=LOW),
        statement="Partners unwilling to take risks hold back from collaborative behaviour.",
        encodes=["risk_tolerance", "collaborative_behaviour"],
    )
    faithless = effect(
        "mech.behaviour.low_faith",
        "collaborative_behaviour",
        -1,
        Level(mechanism="faith", level=LOW),
        statement="Without faith there is little motivation to work on the collaboration's goals.",
        encodes=["faith", "cmoc_f28"],
    )


SURVEY_MEASURES = {
    "initial_trust": ["q06", "q07", "q08", "q09", "q10", "q11", "q12"],
    "legitimacy": ["q13", "q14"],
    "task_complexity": ["q15", "q16", "q21", "q22"],
    "initial_faith": ["q17", "q18", "q19", "q20"],
    "cultural_assimilation": ["q23", "q24", "q25"],
    "conflict_resolution": ["q26"],
    "vision_clarity": ["q27", "q28"],
    "vision_sharedness": ["q29", "q30"],
}


def _measured_rules() -> dict[str, object]:
    rules: dict[str, object] = {}
    for mechanism, questions in SURVEY_MEASURES.items():
        for level, delta in (("high", +2), ("low", -2)):
            rule_id = f"mech.{mechanism}.survey_{level}"
            rules[rule_id.replace(".", "__")] = effect(
                rule_id,
                mechanism,
                delta,
                Measured(mechanism=mechanism, level=level),
                statement=f"The readiness survey measured {mechanism.replace('_', ' ')} as {level}.",
                encodes=questions,
            )
    return rules


SurveyRules = type(
    "SurveyRules",
    (),
    {
        "__doc__": "Mechanism levels measured by the readiness survey (Appendix 4) push those mechanisms.",
        **_measured_rules(),
    },
)
