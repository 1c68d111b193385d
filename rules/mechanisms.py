"""Layer 2, mechanism effects: each rule encodes a context-mechanism-outcome configuration
(Box 1, Table 7, chapters 4 and 5) as a push, up or down, on one mechanism.

Each effect fires in its mechanism's phase, before that mechanism's level is settled; effects
that start from another mechanism's level match that level's fact, and the phases are ordered
so that level is settled first (see :mod:`advisor.rules.registry`). The size of every push
(+/-1, +/-2) is our calibration; each rule's ``strength`` is that of the relation itself.

Trust versus confidence (997, 1196-1214, Table 11 at 2122): voluntary, lightly integrated
arrangements run on trust, and binding agreements in them lower it; mandated and integrative
arrangements run on confidence, which binding agreements raise; risk tolerance draws more on
one or the other accordingly, and contracts add little once trust has grown (1208).
"""

from __future__ import annotations

from typing import Any

from advisor.engine.compat import MATCH, OR, TEST, P
from advisor.rules.conditions import LIGHTLY_INTEGRATED, NOT_HIGH, at_least, at_most, includes_any, one_of
from advisor.rules.facts import CollabFact, Context, Level, Measured, PartnerMix, RelFact
from advisor.rules.registry import Strength, effect

HIGH = "high"
LOW = "low"
BINDING = one_of("contract", "joint_committee", "new_entity", "statutory")


def _runs_on_confidence(arr_mandation: str, arr_integration: Any) -> bool:
    return arr_mandation == "mandated" or (isinstance(arr_integration, int) and arr_integration > LIGHTLY_INTEGRATED)


def mandated_or_integrative(**slots: Any) -> tuple[Any, ...]:
    """Conditions: the arrangement (in place, or the most integrated one considered) is
    mandated or integrative, so it runs on confidence; ``slots`` constrain the same fact."""
    return (
        CollabFact(mandation=MATCH.arr_mandation, arrangement_integration=MATCH.arr_integration, **slots),
        TEST(_runs_on_confidence),
    )


def voluntary_and_light(**slots: Any) -> Any:
    """Condition: the arrangement is voluntary and lightly integrated, so it runs on trust."""
    return CollabFact(mandation="voluntary", arrangement_integration=at_most(LIGHTLY_INTEGRATED), **slots)


class InitialTrustRules:
    """Initial trust: history, reputation, past failures (Box 1 Trust; ch.4 early mechanisms)."""

    good_history = effect(
        "mech.initial_trust.good_history",
        "initial_trust",
        +2,
        RelFact(history_of_collaboration="good"),
        statement="Successful past collaboration between the partners raises initial trust.",
        encodes=["cmoc_f19", "initial_trust"],
        lines=["638", "1051", "1123"],
        strength="established",
    )
    poor_history = effect(
        "mech.initial_trust.poor_history",
        "initial_trust",
        -2,
        RelFact(history_of_collaboration="poor"),
        statement="Negative past experiences of working together lower initial trust.",
        encodes=["cmoc_f19", "initial_trust", "act05"],
        lines=["1123", "2072", "2120"],
        strength="established",
    )
    competition = effect(
        "mech.initial_trust.competition",
        "initial_trust",
        -2,
        RelFact(history_of_competition="significant"),
        statement="A significant history of competing with each other lowers initial trust.",
        encodes=["initial_trust", "sec_early_mechanisms"],
        lines=["1123", "1181", "1192", "2120"],
        strength="established",
    )
    no_competition = effect(
        "mech.initial_trust.no_competition",
        "initial_trust",
        +1,
        RelFact(history_of_competition="none"),
        statement="Partners that have not competed start without that source of suspicion (the report "
        "names competition as a barrier; a push for its absence is our reading of Table 11).",
        encodes=["initial_trust", "sec_early_mechanisms", "mat_trust"],
        lines=["755", "1123", "2120"],
        strength="suggested",
    )
    reputation = effect(
        "mech.initial_trust.reputation",
        "initial_trust",
        -1,
        RelFact(reputation_problems="yes"),
        statement="Problems with how a partner is seen lower initial trust in it.",
        encodes=["initial_trust", "q07"],
        lines=["1123", "2842"],
        strength="suggested",
    )
    past_failures = effect(
        "mech.initial_trust.past_failures",
        "initial_trust",
        -1,
        RelFact(past_failures="yes"),
        statement="A legacy of high-profile failures in the local system breeds 'fortress mentalities' "
        "and lowers initial trust.",
        encodes=["initial_trust", "q10", "sec_early_mechanisms"],
        lines=["1123", "2869"],
        strength="suggested",
    )


class ContextMechanismRules:
    """Mechanisms set directly by the case: vision, culture, communication, conflict
    resolution, legitimacy and confidence."""

    vision_clear = effect(
        "mech.vision_clarity.stated_high",
        "vision_clarity",
        +2,
        CollabFact(vision_clarity=HIGH),
        statement="The aims, and the path to them, are described as clear.",
        encodes=["vision", "mat_vision_clarity"],
        lines=["1141", "2131"],
        strength="established",
    )
    vision_unclear = effect(
        "mech.vision_clarity.stated_low",
        "vision_clarity",
        -2,
        CollabFact(vision_clarity=LOW),
        statement="The aims, or the path to them, are described as unclear.",
        encodes=["vision", "mat_vision_clarity"],
        lines=["1141", "2131"],
        strength="established",
    )
    vision_shared = effect(
        "mech.vision_sharedness.stated_high",
        "vision_sharedness",
        +2,
        CollabFact(vision_sharedness=HIGH),
        statement="The partners are described as agreeing on the aims and how to reach them.",
        encodes=["vision", "mat_vision_sharedness"],
        lines=["1141", "2132"],
        strength="established",
    )
    vision_not_shared = effect(
        "mech.vision_sharedness.stated_low",
        "vision_sharedness",
        -2,
        CollabFact(vision_sharedness=LOW),
        statement="The partners are described as disagreeing on the aims.",
        encodes=["vision", "mat_vision_sharedness"],
        lines=["1141", "2132"],
        strength="established",
    )
    cultures_compatible = effect(
        "mech.cultural_assimilation.compatible",
        "cultural_assimilation",
        +2,
        RelFact(cultural_compatibility=HIGH),
        statement="Similar organisational cultures make cultural assimilation easier.",
        encodes=["cultural_assimilation", "mat_cultural_integration"],
        lines=["1035", "1154", "2123"],
        strength="established",
    )
    cultures_incompatible = effect(
        "mech.cultural_assimilation.incompatible",
        "cultural_assimilation",
        -2,
        RelFact(cultural_compatibility=LOW),
        statement="Very different organisational cultures make cultural assimilation hard.",
        encodes=["cultural_assimilation", "mat_cultural_integration"],
        lines=["1154", "1158", "2123"],
        strength="established",
    )
    inclusive_leadership = effect(
        "mech.cultural_assimilation.inclusive_leadership",
        "cultural_assimilation",
        +1,
        CollabFact(leadership_style="inclusive"),
        statement="An inclusive leadership style helps the cultures integrate.",
        encodes=["cmoc_f35"],
        lines=["654", "1097", "1154"],
        strength="suggested",
    )
    due_diligence = effect(
        "mech.cultural_assimilation.due_diligence",
        "cultural_assimilation",
        +1,
        CollabFact(cultural_due_diligence="yes"),
        statement="Cultural due diligence done before implementation eases cultural integration.",
        encodes=["act34", "q24"],
        lines=["653-654", "2085", "2999"],
        strength="suggested",
    )
    divide = effect(
        "mech.cultural_assimilation.cross_sector",
        "cultural_assimilation",
        -1,
        OR(Context(name="cross_sector"), Context(name="cross_service")),
        statement="Working across the health and social-care divide, or across different kinds of health "
        "service, brings differing professional backgrounds and a wider cultural divide.",
        encodes=["act33", "sec_set_up_for_failure"],
        lines=["1185", "2085"],
        strength="established",
    )
    talk_often = effect(
        "mech.communication.stated_high",
        "communication",
        +2,
        RelFact(communication=HIGH),
        statement="Partners already communicate and share information freely.",
        encodes=["communication", "mat_communication"],
        lines=["1139", "2130"],
        strength="established",
    )
    talk_rarely = effect(
        "mech.communication.stated_low",
        "communication",
        -2,
        RelFact(communication=LOW),
        statement="Partners rarely communicate and are reluctant to share information.",
        encodes=["communication", "mat_communication"],
        lines=["1139", "2130"],
        strength="established",
    )
    near = effect(
        "mech.communication.proximity",
        "communication",
        +1,
        Context(name="proximate"),
        statement="Geographical proximity makes interpersonal communication easier.",
        encodes=["cmoc_f31", "sec_middle_stage"],
        lines=["1085", "1154", "2887"],
        strength="established",
    )
    far = effect(
        "mech.communication.distance",
        "communication",
        -1,
        Context(name="distant"),
        statement="Distance between partners reduces everyday, informal interpersonal communication.",
        encodes=["cmoc_f31", "act10", "sec_middle_stage"],
        lines=["1154", "1426", "2072"],
        strength="established",
    )
    levers = effect(
        "mech.communication.levers",
        "communication",
        +1,
        CollabFact(
            communication_levers=includes_any(
                "joint_appointments", "collaboration_wide_meetings", "boundary_spanning_project_management"
            )
        ),
        statement="Joint staff appointments, regular collaboration-wide meetings or boundary-spanning "
        "project management keep people across the organisations talking.",
        encodes=["communication", "sec_middle_stage", "sec_building_trust", "sec_interpersonal_communication"],
        lines=["1154", "1256-1258", "1276-1278"],
        strength="suggested",
    )
    resolution_independent = effect(
        "mech.conflict_resolution.independent",
        "conflict_resolution",
        +2,
        CollabFact(conflict_resolution="independent"),
        statement="Dispute procedures with an impartial third party resolve conflict constructively.",
        encodes=["act27", "q26", "conflict_resolution"],
        lines=["1160", "2083", "3021"],
        strength="suggested",
    )
    resolution_formal = effect(
        "mech.conflict_resolution.formal",
        "conflict_resolution",
        +1,
        CollabFact(conflict_resolution="formal"),
        statement="Agreed formal dispute procedures help resolve conflict.",
        encodes=["act25", "act27", "conflict_resolution"],
        lines=["1134", "1160", "2082", "2083"],
        strength="suggested",
    )
    resolution_none = effect(
        "mech.conflict_resolution.none",
        "conflict_resolution",
        -1,
        CollabFact(conflict_resolution="none"),
        statement="No agreed way of settling disagreements is in place, so one of the processes that "
        "lessen conflict is missing.",
        encodes=["conflict_resolution", "act27"],
        lines=["1134", "1160", "2083"],
        strength="calibration",
    )
    accountability = effect(
        "mech.conflict_resolution.accountability",
        "conflict_resolution",
        +1,
        CollabFact(accountability="clear", accountability_focus="shared"),
        statement="Clear accountability that the partners share for the collaboration's outcomes is itself "
        "a means of settling conflict.",
        encodes=["act26", "cmoc_f11", "conflict_resolution"],
        lines=["655", "1033", "1134", "2083"],
        strength="suggested",
    )
    voluntary_legitimacy = effect(
        "mech.legitimacy.voluntary",
        "legitimacy",
        +1,
        CollabFact(mandation="voluntary"),
        statement="A collaboration the partners chose is more readily seen as authentic.",
        encodes=["legitimacy", "sec_legitimacy", "q13"],
        lines=["1121", "1183", "1192", "2129", "2898"],
        strength="established",
    )
    mandated_legitimacy = effect(
        "mech.legitimacy.mandated",
        "legitimacy",
        -1,
        CollabFact(mandation="mandated"),
        statement="An imposed collaboration is more often seen as a threat and less as authentic.",
        encodes=["legitimacy", "sec_legitimacy", "q13"],
        lines=["1121", "1192", "1436", "2054", "2129"],
        strength="established",
    )
    involved = effect(
        "mech.legitimacy.involvement",
        "legitimacy",
        +1,
        OR(CollabFact(patient_involvement=HIGH), CollabFact(staff_involvement=HIGH)),
        statement="Involving patients, the public or front-line staff in planning the collaboration "
        "improves its perceived authenticity, and its legitimacy in the eyes of staff.",
        encodes=["cmoc_f27", "act13", "q14"],
        lines=["1075", "1121", "1468", "2074", "2129"],
        strength="established",
    )
    not_involved = effect(
        "mech.legitimacy.no_involvement",
        "legitimacy",
        -1,
        OR(CollabFact(patient_involvement=LOW), CollabFact(staff_involvement=LOW)),
        statement="Planning without stakeholders or the workforce undermines perceived legitimacy.",
        encodes=["cmoc_f27", "mat_legitimacy"],
        lines=["1075", "2129"],
        strength="suggested",
    )
    privatisation = effect(
        "mech.legitimacy.privatisation_fear",
        "legitimacy",
        -1,
        Context(name="independent_partner"),
        statement="Fears that collaboration leads to privatisation of the NHS can undermine its legitimacy "
        "(taking an independent-sector partner as what ties a collaboration to those fears is our reading).",
        encodes=["sec_legitimacy", "act20"],
        lines=["1121", "1468-1470"],
        strength="suggested",
    )
    formal_confidence = effect(
        "mech.confidence.formalised",
        "confidence",
        +2,
        *mandated_or_integrative(legal_agreements=BINDING),
        statement="In a mandated or integrative arrangement, binding agreements give partners confidence "
        "that the other side will behave collaboratively because it is obliged to.",
        encodes=["cmoc_f23", "confidence", "sec_trust_vs_confidence", "mat_confidence"],
        lines=["1063", "1136", "1198", "1200", "2082", "2122"],
        strength="suggested",
    )
    mou_confidence = effect(
        "mech.confidence.mou",
        "confidence",
        +1,
        CollabFact(legal_agreements="mou"),
        statement="A memorandum of understanding gives some, non-binding, confidence that structures are "
        "in place for different eventualities.",
        encodes=["confidence", "sec_building_confidence"],
        lines=["1606", "1628"],
        strength="suggested",
    )
    mandated_unformalised = effect(
        "mech.confidence.mandated_without_agreement",
        "confidence",
        -2,
        CollabFact(mandation="mandated", legal_agreements="none"),
        statement="A mandated collaboration with no agreement in place leaves partners without the "
        "confidence that formal obligations give.",
        encodes=["cmoc_f23", "mat_confidence", "sec_building_confidence"],
        lines=["1063", "1618", "2122"],
        strength="suggested",
    )
    integrative_unformalised = effect(
        "mech.confidence.integrative_without_agreement",
        "confidence",
        -2,
        CollabFact(
            mandation=one_of("voluntary", "unknown"),
            in_place_form=P(lambda form: form not in ("none", "unknown")),
            arrangement_integration=at_least(LIGHTLY_INTEGRATED + 1),
            legal_agreements="none",
        ),
        statement="An integrative arrangement already in place without the legal frameworks it needs "
        "leaves partners without confidence (Table 11, pathological confidence, says 'very integrative (i.e. a "
        "merger)'; counting every arrangement from Table 1 position 3 up as integrative is our cut).",
        encodes=["mat_confidence", "cmoc_f23"],
        lines=["755", "1063", "2122"],
        strength="suggested",
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
        lines=["656", "1101", "1154"],
        strength="suggested",
    )
    not_interoperable = effect(
        "mech.task_complexity.it_incompatible",
        "task_complexity",
        +1,
        PartnerMix(it_interoperability=LOW),
        statement="IT systems that cannot share data make the joint task look harder.",
        encodes=["cmoc_f36"],
        lines=["656", "755", "1101"],
        strength="suggested",
    )
    large = effect(
        "mech.task_complexity.large_organisations",
        "task_complexity",
        +1,
        Context(name="large_organisations"),
        statement="Larger organisations make the collaborative task more complex.",
        encodes=["cmoc_f37", "act16"],
        lines=["1103", "1218", "2074"],
        strength="established",
    )
    many = effect(
        "mech.task_complexity.many_partners",
        "task_complexity",
        +2,
        Context(name="many_partners"),
        statement="More partners means more relationships to build and much higher task complexity.",
        encodes=["sec_set_up_for_failure", "sec_task_complexity", "act16", "q16"],
        lines=["1185", "1192", "1408", "2074", "2927"],
        strength="established",
    )
    cross_sector = effect(
        "mech.task_complexity.cross_sector",
        "task_complexity",
        +1,
        Context(name="cross_sector"),
        statement="Cross-sector working adds different incentives, finance and contracts to bridge.",
        encodes=["sec_refinements_by_type", "sec_task_complexity"],
        lines=["1185", "1192", "1410", "1628"],
        strength="established",
    )
    identity = effect(
        "mech.task_complexity.strong_identity",
        "task_complexity",
        +1,
        Context(name="strong_identities"),
        statement="A partner with a strong identity of its own, likely to resist change, makes the joint "
        "task look harder (the report's readiness survey asks about it among the task-complexity items).",
        encodes=["q22"],
        lines=["2916", "2979"],
        strength="suggested",
    )
    simple_aims = effect(
        "mech.task_complexity.modest_aims",
        "task_complexity",
        -1,
        CollabFact(ambition="modest"),
        statement="Simpler aims make the task look less complex.",
        encodes=["cmoc_f38"],
        lines=["1105"],
        strength="established",
    )
    favourable_regulation = effect(
        "mech.task_complexity.favourable_regulation",
        "task_complexity",
        -1,
        CollabFact(regulatory_environment="favourable"),
        statement="A regulatory environment that favours collaboration lowers perceived complexity.",
        encodes=["cmoc_f39"],
        lines=["1107", "2072"],
        strength="suggested",
    )
    competitive_regulation = effect(
        "mech.task_complexity.competitive_regulation",
        "task_complexity",
        +1,
        CollabFact(regulatory_environment="competitive"),
        statement="Regulation still built around competition makes collaboration harder.",
        encodes=["cmoc_f39", "sec_set_up_for_failure", "q21"],
        lines=["432", "625", "1181", "1552", "2961-2970"],
        strength="established",
    )
    complexity_high = effect(
        "mech.initial_faith.complex_task",
        "initial_faith",
        -1,
        Level(mechanism="task_complexity", level=HIGH),
        statement="A task perceived as very complex lowers initial faith that it is worth the effort.",
        encodes=["task_complexity", "cmoc_f37"],
        lines=["1103", "1121", "1140", "1181", "1628", "2074"],
        strength="established",
    )
    complexity_low = effect(
        "mech.initial_faith.simple_task",
        "initial_faith",
        +1,
        Level(mechanism="task_complexity", level=LOW),
        statement="A task perceived as manageable raises initial faith that the collaboration is feasible "
        "and worth the effort.",
        encodes=["task_complexity", "cmoc_f36", "cmoc_f39"],
        lines=["1101", "1107"],
        strength="suggested",
    )
    regulation_faith = effect(
        "mech.initial_faith.favourable_regulation",
        "initial_faith",
        +1,
        CollabFact(regulatory_environment="favourable"),
        statement="A favourable regulatory environment improves initial faith.",
        encodes=["cmoc_f39", "sec_environment_faith"],
        lines=["1107", "1121", "1518"],
        strength="established",
    )
    legitimacy_low = effect(
        "mech.initial_faith.low_legitimacy",
        "initial_faith",
        -1,
        Level(mechanism="legitimacy", level=LOW),
        statement="A collaboration seen as inauthentic loses the faith of those asked to work on it.",
        encodes=["cmoc_f28", "legitimacy"],
        lines=["1077", "1121", "1142", "1192"],
        strength="established",
    )
    legitimacy_high = effect(
        "mech.initial_faith.high_legitimacy",
        "initial_faith",
        +1,
        Level(mechanism="legitimacy", level=HIGH),
        statement="A collaboration seen as a legitimate means to its ends attracts initial faith.",
        encodes=["cmoc_f27", "legitimacy"],
        lines=["1075", "1121", "1142"],
        strength="established",
    )
    privatisation = effect(
        "mech.initial_faith.privatisation",
        "initial_faith",
        -1,
        Context(name="independent_partner"),
        statement="Collaborations associated with privatisation of the NHS, as one with an independent-sector "
        "partner may be, lower people's desire to engage in them in the first place.",
        encodes=["sec_early_mechanisms", "act20"],
        lines=["1121"],
        strength="suggested",
    )
    no_money = effect(
        "mech.initial_faith.capacity_shortfall",
        "initial_faith",
        -1,
        Context(name="capacity_shortfall"),
        statement="Too little time, staff or money for implementation undermines initial faith.",
        encodes=["sec_capacity", "act31", "q17", "q18"],
        lines=["1121", "1380", "2084", "2936-2945"],
        strength="established",
    )
    bandwidth = effect(
        "mech.initial_faith.partnership_bandwidth",
        "initial_faith",
        -1,
        Context(name="stretched_partners"),
        statement="A partner already stretched across several partnerships has little 'partnership "
        "bandwidth' left, which makes the new collaboration look hard to sustain.",
        encodes=["sec_capacity"],
        lines=["1380", "1386-1388"],
        strength="suggested",
    )
    funded = effect(
        "mech.initial_faith.funded",
        "initial_faith",
        +1,
        CollabFact(funding="adequate"),
        statement="Adequate funding for implementation makes the endeavour look feasible.",
        encodes=["sec_capacity", "q17"],
        lines=["1121", "1400", "1458", "2936"],
        strength="established",
    )
    mentor_funded = effect(
        "mech.initial_faith.mentor_funded",
        "initial_faith",
        +1,
        CollabFact(mentor_funding="yes"),
        statement="Financial support for the mentor in a buddying arrangement was connected to facilitating "
        "the collaboration (interviewees); faith in a collaboration is connected to the resources available "
        "to support it, and financial constraints shape initial faith.",
        encodes=["buddying", "sec_legitimacy", "sec_capacity"],
        lines=["1121", "1380", "1458-1460"],
        strength="suggested",
    )
    third_party = effect(
        "mech.initial_faith.third_party_funding",
        "initial_faith",
        -1,
        CollabFact(third_party_funding="yes", funding=one_of("limited", "none")),
        statement="Reliance on outside funding that is not fully secured puts faith at risk.",
        encodes=["act31", "q19"],
        lines=["1400-1402", "2084", "2954"],
        strength="suggested",
    )


class ConflictRules:
    """Conflict between the partners (Box 1 Conflict; Box 1 Interpersonal communication;
    ch.4 atemporal elements)."""

    unaccountable = effect(
        "mech.conflict.unclear_accountability",
        "conflict",
        +1,
        CollabFact(accountability="unclear"),
        statement="Unclear accountability leaves room for disputes.",
        encodes=["cmoc_f11", "act26"],
        lines=["755", "1033", "2083"],
        strength="suggested",
    )
    compatible = effect(
        "mech.conflict.cultural_fit",
        "conflict",
        -1,
        Level(mechanism="cultural_assimilation", level=HIGH),
        statement="Greater cultural compatibility reduces conflict.",
        encodes=["cmoc_f12"],
        lines=["1035", "1154", "2085"],
        strength="established",
    )
    incompatible = effect(
        "mech.conflict.cultural_misfit",
        "conflict",
        +1,
        Level(mechanism="cultural_assimilation", level=LOW),
        statement="Poor cultural fit generates conflict.",
        encodes=["cmoc_f12", "act32"],
        lines=["1154", "1158", "2085"],
        strength="established",
    )
    clash = effect(
        "mech.conflict.clash_of_cultures",
        "conflict",
        +1,
        RelFact(cultural_compatibility=LOW, communication=HIGH),
        statement="Incompatible cultures in frequent contact tend to clash.",
        encodes=["cmoc_f30"],
        lines=["1083"],
        strength="suggested",
    )
    shared_vision = effect(
        "mech.conflict.shared_vision",
        "conflict",
        -1,
        Level(mechanism="vision_sharedness", level=HIGH),
        statement="A vision shared between partners reduces conflict.",
        encodes=["cmoc_f13", "act06", "act28"],
        lines=["1037", "1162", "2072", "2074", "2083"],
        strength="established",
    )
    divided_vision = effect(
        "mech.conflict.divided_vision",
        "conflict",
        +1,
        Level(mechanism="vision_sharedness", level=LOW),
        statement="Disagreement on what the collaboration is for breeds conflict.",
        encodes=["cmoc_f13", "act28"],
        lines=["755", "1037", "2132"],
        strength="suggested",
    )
    failed_task = effect(
        "mech.conflict.failed_task",
        "conflict",
        +1,
        CollabFact(recent_failed_task="yes"),
        statement="Failing at a joint task, an 'acute event', can raise conflict between the partners.",
        encodes=["cmoc_f15", "sec_atemporal"],
        lines=["1041", "1158"],
        strength="established",
    )
    resolved = effect(
        "mech.conflict.resolution_in_place",
        "conflict",
        -1,
        Level(mechanism="conflict_resolution", level=HIGH),
        statement="Approaches to conflict resolution and accountability lessen the severity of conflict.",
        encodes=["conflict_resolution", "act27", "sec_atemporal"],
        lines=["1134", "1158", "1160"],
        strength="established",
    )
    unresolved = effect(
        "mech.conflict.no_resolution",
        "conflict",
        +1,
        Level(mechanism="conflict_resolution", level=LOW),
        statement="Without ways to resolve disputes, nothing dampens conflict when it arises.",
        encodes=["conflict_resolution", "sec_atemporal"],
        lines=["755", "1134", "1158"],
        strength="suggested",
    )


class TrustRules:
    """Trust (Box 1 Trust, Power, Leadership, Cultural integration; Table 7; trust versus
    confidence)."""

    initial_high = effect(
        "mech.trust.initial_high",
        "trust",
        +1,
        Level(mechanism="initial_trust", level=HIGH),
        statement="High initial trust carries into trust between the partners.",
        encodes=["initial_trust", "trust"],
        lines=["1137"],
        strength="established",
    )
    initial_low = effect(
        "mech.trust.initial_low",
        "trust",
        -1,
        Level(mechanism="initial_trust", level=LOW),
        statement="Low initial trust is carried into the working relationship.",
        encodes=["initial_trust", "trust"],
        lines=["1137"],
        strength="established",
    )
    conflict_high = effect(
        "mech.trust.significant_conflict",
        "trust",
        -2,
        Level(mechanism="conflict", level=HIGH),
        statement="Significant conflict reduces trust.",
        encodes=["cmoc_f22", "conflict", "sec_atemporal"],
        lines=["1057", "1133", "1158", "1584"],
        strength="established",
    )
    conflict_low = effect(
        "mech.trust.little_conflict",
        "trust",
        +1,
        Level(mechanism="conflict", level=LOW),
        statement="Little conflict lets trust grow.",
        encodes=["conflict", "cmoc_f11", "cmoc_f13"],
        lines=["1033-1037", "1133"],
        strength="established",
    )
    constructive = effect(
        "mech.trust.constructive_resolution",
        "trust",
        +1,
        Level(mechanism="conflict_resolution", level=HIGH),
        statement="A constructive conflict resolution strategy improves trust.",
        encodes=["cmoc_f18"],
        lines=["1049", "2083"],
        strength="suggested",
    )
    destructive = effect(
        "mech.trust.destructive_resolution",
        "trust",
        -1,
        Level(mechanism="conflict_resolution", level=LOW),
        statement="A destructive approach to resolving conflict can reduce trust (1047); treating the lack "
        "of any agreed way of resolving conflict alike is our reading of 1158 and 2083, where resolution "
        "dampens conflict's impact on trust.",
        encodes=["cmoc_f17"],
        lines=["1047", "1158", "2083"],
        strength="suggested",
    )
    size_gap = effect(
        "mech.trust.size_asymmetry",
        "trust",
        -1,
        Context(name="size_asymmetry"),
        statement="Large differences in size lead to domination by one partner, which reduces trust.",
        encodes=["cmoc_f24"],
        lines=["1067", "1298"],
        strength="suggested",
    )
    dominant = effect(
        "mech.trust.unequal_power",
        "trust",
        -1,
        RelFact(power_balance="one_dominant"),
        statement="Unequal resources and power let one partner dominate, which reduces trust.",
        encodes=["cmoc_f25", "mat_trust"],
        lines=["1069", "1200", "2120"],
        strength="suggested",
    )
    told_to = effect(
        "mech.trust.mandated_to_better_performer",
        "trust",
        -1,
        Context(name="mandated_turnaround"),
        statement="Being told to collaborate with a 'better-performing' partner sets up a power "
        "imbalance that reduces trust.",
        encodes=["cmoc_f26"],
        lines=["1071", "1200", "2075"],
        strength="suggested",
    )
    combative = effect(
        "mech.trust.combative_voluntary",
        "trust",
        -1,
        CollabFact(mandation="voluntary", leadership_style="combative"),
        statement="A combative leadership approach in a voluntary collaboration creates an imbalance of "
        "power, which lowers trust.",
        encodes=["cmoc_f34", "cmoc_f25"],
        lines=["1067-1071", "1093", "1244-1246"],
        strength="suggested",
    )
    collaborative_leaders = effect(
        "mech.trust.collaborative_leadership",
        "trust",
        +1,
        CollabFact(leadership_style=one_of("collaborative", "inclusive")),
        statement="A collaborative or inclusive leadership style improves trust.",
        encodes=["cmoc_f32", "cmoc_f35", "act01"],
        lines=["1089", "1097", "1242", "2071"],
        strength="established",
    )
    mou_trust = effect(
        "mech.trust.non_binding_agreement",
        "trust",
        +1,
        CollabFact(mandation="voluntary", legal_agreements="mou"),
        statement="A non-binding agreement that keeps collaboration voluntary and altruistic improves trust.",
        encodes=["cmoc_f20", "sec_trust_vs_confidence"],
        lines=["1053", "1123", "1214"],
        strength="suggested",
    )
    binding_in_light = effect(
        "mech.trust.binding_agreement_voluntary_light",
        "trust",
        -1,
        voluntary_and_light(legal_agreements=BINDING),
        statement="In a voluntary, lightly integrated arrangement, binding obligations make partners read "
        "cooperation as duty rather than goodwill, which undermines trust.",
        encodes=["sec_trust_vs_confidence", "mat_confidence", "cmoc_f20"],
        lines=["1123", "1198", "1214", "2122"],
        strength="suggested",
    )
    culture_trust = effect(
        "mech.trust.cultural_assimilation",
        "trust",
        +1,
        Level(mechanism="cultural_assimilation", level=HIGH),
        statement="Cultures that align make trust easier to build.",
        encodes=["cultural_assimilation", "cmoc_f35"],
        lines=["1097", "1138", "1154", "2085"],
        strength="established",
    )
    talk_trust = effect(
        "mech.trust.communication",
        "trust",
        +1,
        Level(mechanism="communication", level=HIGH),
        Level(mechanism="conflict", level=NOT_HIGH),
        statement="Frequent communication and information-sharing build trust while conflict is not high.",
        encodes=["communication", "cmoc_f31", "sec_middle_stage", "act09"],
        lines=["1085", "1139", "1154", "2072"],
        strength="established",
    )
    talk_amid_conflict = effect(
        "mech.trust.communication_amid_conflict",
        "trust",
        -1,
        Level(mechanism="communication", level=HIGH),
        Level(mechanism="conflict", level=HIGH),
        statement="Frequent contact while the partners are in conflict can deepen distrust rather than build trust.",
        encodes=["cmoc_f31", "sec_middle_stage"],
        lines=["1085", "1154"],
        strength="suggested",
    )
    secondments = effect(
        "mech.trust.secondments",
        "trust",
        +1,
        CollabFact(communication_levers=includes_any("secondments")),
        statement="Seconding staff between the partners builds trust quickly.",
        encodes=["sec_middle_stage"],
        lines=["1152"],
        strength="suggested",
    )
    quick_wins = effect(
        "mech.trust.quick_wins",
        "trust",
        +1,
        CollabFact(quick_wins="delivered_with_progress"),
        statement="Quick wins with a partner rapidly bolster trust.",
        encodes=["act07", "sec_middle_stage"],
        lines=["1152", "2072"],
        strength="established",
    )
    rushed = effect(
        "mech.trust.rapid_timeline_prior_differences",
        "trust",
        -1,
        CollabFact(timeline="rapid"),
        RelFact(history_of_competition=MATCH.competed, history_of_collaboration=MATCH.history),
        TEST(lambda competed, history: competed in ("some", "significant") or history == "poor"),
        statement="A rapid timeline leaves partners with a history of competition or of working badly "
        "together no time to build relationships and overcome their differences.",
        encodes=["sec_set_up_for_failure", "sec_refinements_by_type"],
        lines=["1181", "1192", "1390"],
        strength="suggested",
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
        lines=["1018"],
        strength="established",
    )
    overambitious = effect(
        "mech.progress.overambitious",
        "perception_of_progress",
        -1,
        CollabFact(ambition="very_ambitious"),
        statement="Overambitious aims can lead to disappointment and a lessened perception of progress.",
        encodes=["cmoc_f21", "act15"],
        lines=["1055", "1169", "1340", "2074"],
        strength="established",
    )
    unstable = effect(
        "mech.progress.workforce_instability",
        "perception_of_progress",
        -1,
        Context(name="workforce_instability"),
        statement="Workforce and leadership instability lessens the perception of progress.",
        encodes=["cmoc_f07", "act19"],
        lines=["1022", "2074"],
        strength="established",
    )
    flexible = effect(
        "mech.progress.flexible_organisations",
        "perception_of_progress",
        +1,
        PartnerMix(all_flexible="yes"),
        statement="Flexible organisations, open to change (every partner's identity is weak), perceive more progress.",
        encodes=["cmoc_f08", "q22"],
        lines=["1024", "2979"],
        strength="established",
    )
    evaluated = effect(
        "mech.progress.evaluation",
        "perception_of_progress",
        +1,
        CollabFact(evaluation="yes"),
        statement="Continuous evaluation makes progress visible.",
        encodes=["cmoc_f09", "act17"],
        lines=["1026", "1169", "2074"],
        strength="established",
    )
    roles = effect(
        "mech.progress.role_clarity",
        "perception_of_progress",
        +1,
        CollabFact(role_clarity="yes"),
        statement="Clarity of roles enhances the perception of progress.",
        encodes=["cmoc_f10"],
        lines=["1028"],
        strength="established",
    )
    partner_conflict = effect(
        "mech.progress.conflict",
        "perception_of_progress",
        -1,
        Level(mechanism="conflict", level=HIGH),
        statement="Significant conflict between partners saps energy and momentum, so progress is perceived as slower.",
        encodes=["sec_atemporal", "sec_conflict", "sec_environment_faith"],
        lines=["1158", "1546", "1584"],
        strength="suggested",
    )
    trusting = effect(
        "mech.progress.trust",
        "perception_of_progress",
        +1,
        Level(mechanism="trust", level=HIGH),
        statement="Improved trust improves the perception of progress.",
        encodes=["cmoc_f18"],
        lines=["1049"],
        strength="suggested",
    )
    distrust = effect(
        "mech.progress.distrust",
        "perception_of_progress",
        -1,
        Level(mechanism="trust", level=LOW),
        statement="Reduced trust reduces the perception of progress.",
        encodes=["cmoc_f17"],
        lines=["1047"],
        strength="suggested",
    )
    quick_wins = effect(
        "mech.progress.quick_wins",
        "perception_of_progress",
        +1,
        CollabFact(quick_wins="delivered_with_progress"),
        statement="Practical quick wins, followed by further progress, show that the collaboration is moving "
        "and keep staff engaged.",
        encodes=["act07", "sec_demonstrating_progress", "sec_atemporal"],
        lines=["1169", "1476-1478"],
        strength="established",
    )
    stalled_wins = effect(
        "mech.progress.quick_wins_stalled",
        "perception_of_progress",
        -1,
        CollabFact(quick_wins="delivered_then_stalled"),
        statement="Quick wins not followed by tangible progress in the longer term cost momentum: people "
        "see nothing getting different.",
        encodes=["sec_demonstrating_progress"],
        lines=["1482-1484"],
        strength="suggested",
    )
    managed = effect(
        "mech.progress.project_management",
        "perception_of_progress",
        +1,
        CollabFact(communication_levers=includes_any("boundary_spanning_project_management")),
        statement="Project management and boundary-spanning governance help ensure the collaboration makes progress.",
        encodes=["sec_building_trust"],
        lines=["1256-1258"],
        strength="suggested",
    )
    trust_risk = effect(
        "mech.risk_tolerance.trust_high",
        "risk_tolerance",
        +1,
        Level(mechanism="trust", level=HIGH),
        statement="Trust lets an organisation accept the risk of relying on its partner.",
        encodes=["trust", "risk_tolerance", "mat_risk_tolerance"],
        lines=["995", "1130", "1135", "1148", "2133"],
        strength="established",
    )
    distrust_risk = effect(
        "mech.risk_tolerance.trust_low",
        "risk_tolerance",
        -1,
        Level(mechanism="trust", level=LOW),
        statement="Without trust, partners will not take risks for one another.",
        encodes=["trust", "risk_tolerance", "mat_risk_tolerance"],
        lines=["995", "1135", "2133"],
        strength="established",
    )
    trust_carries_light = effect(
        "mech.risk_tolerance.trust_high_voluntary_light",
        "risk_tolerance",
        +1,
        Level(mechanism="trust", level=HIGH),
        voluntary_and_light(),
        statement="In a voluntary, lightly integrated arrangement trust is what risk tolerance mainly rests "
        "on, so high trust weighs more there.",
        encodes=["sec_trust_vs_confidence", "sec_partnership_synergy"],
        lines=["997", "1198", "1214"],
        strength="suggested",
    )
    distrust_carries_light = effect(
        "mech.risk_tolerance.trust_low_voluntary_light",
        "risk_tolerance",
        -1,
        Level(mechanism="trust", level=LOW),
        voluntary_and_light(),
        statement="In a voluntary, lightly integrated arrangement little else stands in for trust, so low "
        "trust weighs more there.",
        encodes=["sec_trust_vs_confidence", "sec_partnership_synergy"],
        lines=["997", "1198", "1214"],
        strength="suggested",
    )
    confidence_risk = effect(
        "mech.risk_tolerance.confidence_high",
        "risk_tolerance",
        +1,
        Level(mechanism="confidence", level=HIGH),
        Level(mechanism="trust", level=MATCH.trust_now),
        CollabFact(mandation=MATCH.mandation_now),
        TEST(lambda trust_now, mandation_now: not (trust_now == HIGH and mandation_now == "voluntary")),
        statement="Confidence built through formal obligations raises risk tolerance, except where trust has "
        "already grown: contracts then add little (1208); keeping the exception to voluntary arrangements, "
        "which should rest on relationships (1214), is our reading.",
        encodes=["confidence", "sec_trust_vs_confidence"],
        lines=["1136", "1198", "1200", "1208", "1214", "2133"],
        strength="established",
    )
    confidence_carries_binding = effect(
        "mech.risk_tolerance.confidence_high_mandated_or_integrative",
        "risk_tolerance",
        +1,
        Level(mechanism="confidence", level=HIGH),
        *mandated_or_integrative(),
        statement="In a mandated or integrative arrangement confidence in the partners' obligations, more "
        "than trust, carries risk tolerance, so high confidence weighs more there.",
        encodes=["sec_trust_vs_confidence", "sec_partnership_synergy", "act22", "act24"],
        lines=["997", "1198", "1224", "2075", "2082"],
        strength="suggested",
    )
    no_confidence_risk = effect(
        "mech.risk_tolerance.confidence_low",
        "risk_tolerance",
        -1,
        Level(mechanism="confidence", level=LOW),
        statement="Without the legal frameworks the arrangement needs, partners feel altruistic behaviour "
        "is too risky.",
        encodes=["confidence", "mat_confidence"],
        lines=["1063", "2122"],
        strength="suggested",
    )
    no_confidence_binding = effect(
        "mech.risk_tolerance.confidence_low_mandated_or_integrative",
        "risk_tolerance",
        -1,
        Level(mechanism="confidence", level=LOW),
        *mandated_or_integrative(),
        statement="In a mandated or integrative arrangement confidence, rather than trust, tends to drive "
        "collaborative behaviour, so its lack weighs more there.",
        encodes=["sec_trust_vs_confidence", "mat_confidence"],
        lines=["997", "1198", "2122"],
        strength="suggested",
    )
    own_accountability = effect(
        "mech.risk_tolerance.accountability_to_own_organisation",
        "risk_tolerance",
        -1,
        CollabFact(accountability_focus="own_organisation"),
        statement="Accountability weighted towards each organisation on its own, rather than the "
        "collaboration, limits the risk partners will take for collaborative behaviour.",
        encodes=["risk_tolerance", "sec_policy_implications"],
        lines=["2056"],
        strength="suggested",
    )


class FaithRules:
    """Faith (Box 1 Faith and Perception of progress; Table 7; ch.5 building faith)."""

    initial_high = effect(
        "mech.faith.initial_high",
        "faith",
        +1,
        Level(mechanism="initial_faith", level=HIGH),
        statement="Initial faith that the endeavour is feasible carries into faith in it.",
        encodes=["task_complexity", "faith"],
        lines=["1121", "1140"],
        strength="established",
    )
    initial_low = effect(
        "mech.faith.initial_low",
        "faith",
        -1,
        Level(mechanism="initial_faith", level=LOW),
        statement="Doubt from the start that the endeavour is worth it depresses faith.",
        encodes=["task_complexity", "faith", "mat_faith"],
        lines=["1121", "1140", "2121"],
        strength="established",
    )
    progress = effect(
        "mech.faith.progress",
        "faith",
        +1,
        Level(mechanism="perception_of_progress", level=HIGH),
        statement="Perceived progress increases faith.",
        encodes=["perception_of_progress", "cmoc_f09", "cmoc_f10"],
        lines=["1024-1028", "1132", "1164", "1476"],
        strength="established",
    )
    stalled = effect(
        "mech.faith.stalled_progress",
        "faith",
        -2,
        Level(mechanism="perception_of_progress", level=LOW),
        statement="When the perception of progress stalls, faith can fall sharply.",
        encodes=["cmoc_f29", "perception_of_progress"],
        lines=["1079", "1164", "1482"],
        strength="established",
    )
    inauthentic = effect(
        "mech.faith.inauthentic",
        "faith",
        -1,
        Level(mechanism="legitimacy", level=LOW),
        statement="A partnership no one believes can achieve its aims loses faith.",
        encodes=["cmoc_f28"],
        lines=["1077", "1142"],
        strength="established",
    )
    stalled_wins = effect(
        "mech.faith.quick_wins_stalled",
        "faith",
        -1,
        CollabFact(quick_wins="delivered_then_stalled"),
        statement="When early quick wins are not followed by tangible progress, people tire, the work "
        "becomes a 'talking shop' and faith drains away.",
        encodes=["sec_demonstrating_progress"],
        lines=["1482-1484"],
        strength="suggested",
    )
    disengaging = effect(
        "mech.faith.engagement_falling",
        "faith",
        -1,
        CollabFact(engagement_trend="falling"),
        statement="Falling engagement in the joint work is faith falling: people start drifting away.",
        encodes=["sec_atemporal", "sec_demonstrating_progress"],
        lines=["1162", "1484"],
        strength="suggested",
    )
    engaging = effect(
        "mech.faith.engagement_rising",
        "faith",
        +1,
        CollabFact(engagement_trend="rising"),
        statement="Rising engagement in the joint work is faith growing (the report likens engagement to faith).",
        encodes=["sec_atemporal", "sec_demonstrating_progress"],
        lines=["1162", "1476"],
        strength="suggested",
    )
    rescuer = effect(
        "mech.faith.rescuer_does_not_listen",
        "faith",
        -1,
        Context(name="turnaround_pairing"),
        CollabFact(leadership_style=one_of("directive", "combative")),
        statement="In a turnaround, a 'knight in shining armour' who swoops in to fix the other organisation "
        "without listening to what is good in it is resented, which costs faith (a directive or combative "
        "style read as not listening is our reading).",
        encodes=["sec_building_faith"],
        lines=["1290", "1346-1350"],
        strength="suggested",
    )
    fatigue = effect(
        "mech.faith.leader_fatigue",
        "faith",
        -1,
        CollabFact(timeline="rapid"),
        Context(name="capacity_shortfall"),
        statement="Asking leaders to 'go the extra mile' created conditions of fatigue and burnout (1366); "
        "reading that demand from a rapid timeline on top of a capacity shortfall is our interpretation "
        "of the interviewee's 'as fast as possible' (1368) and of capacity and faith (1380).",
        encodes=["sec_building_faith", "sec_capacity"],
        lines=["1366-1370", "1380"],
        strength="suggested",
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
        lines=["997", "1008"],
        strength="established",
    )
    inertia = effect(
        "mech.behaviour.inertia",
        "collaborative_behaviour",
        -2,
        Level(mechanism="trust", level=LOW),
        Level(mechanism="faith", level=LOW),
        statement="Low trust and faith lead to collaborative inertia.",
        encodes=["cmoc_f02", "sec_partnership_synergy"],
        lines=["869", "1010"],
        strength="established",
    )
    confidence_faith = effect(
        "mech.behaviour.confidence_and_faith",
        "collaborative_behaviour",
        +1,
        Level(mechanism="confidence", level=HIGH),
        Level(mechanism="faith", level=HIGH),
        statement="High confidence together with high faith also leads to collaborative behaviour.",
        encodes=["cmoc_f03"],
        lines=["997", "1012"],
        strength="established",
    )
    risk_tolerant = effect(
        "mech.behaviour.risk_tolerance",
        "collaborative_behaviour",
        +1,
        Level(mechanism="risk_tolerance", level=HIGH),
        statement="Partners willing to take risks together behave collaboratively.",
        encodes=["risk_tolerance", "collaborative_behaviour"],
        lines=["995", "1130", "1175", "1200"],
        strength="established",
    )
    risk_averse = effect(
        "mech.behaviour.risk_aversion",
        "collaborative_behaviour",
        -1,
        Level(mechanism="risk_tolerance", level=LOW),
        statement="Partners unwilling to take risks hold back from collaborative behaviour.",
        encodes=["risk_tolerance", "collaborative_behaviour", "mat_risk_tolerance"],
        lines=["1130", "1318", "2133"],
        strength="established",
    )
    faithless = effect(
        "mech.behaviour.low_faith",
        "collaborative_behaviour",
        -1,
        Level(mechanism="faith", level=LOW),
        statement="Without faith there is little motivation to work on the collaboration's goals.",
        encodes=["faith", "cmoc_f28"],
        lines=["1077", "1131", "1164"],
        strength="established",
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

# The survey blocks (Appendix 4) whose items measure each mechanism. The survey is a single
# pilot whose scores are indicative (2087-2089, 2781): strength suggested; splitting the one
# 'initial faith/task complexity' block into two mechanisms is ours (calibration).
SURVEY_GROUNDS: dict[str, tuple[list[str], Strength]] = {
    "initial_trust": (["2781", "2831-2890"], "suggested"),
    "legitimacy": (["2781", "2896-2910"], "suggested"),
    "task_complexity": (["1140", "2781", "2916-2985"], "calibration"),
    "initial_faith": (["1121", "2781", "2916-2967"], "calibration"),
    "cultural_assimilation": (["2781", "2991-3013"], "suggested"),
    "conflict_resolution": (["2781", "3019-3027"], "suggested"),
    "vision_clarity": (["2781", "3033-3050"], "suggested"),
    "vision_sharedness": (["2781", "3056-3073"], "suggested"),
}


SPLIT_BLOCK = {
    mechanism: " (the survey asks about initial faith and task complexity in one block, scored as "
    "indicative; which questions measure which, and the push of 2, are our calibration)"
    for mechanism in ("task_complexity", "initial_faith")
}


def _measured_rules() -> dict[str, object]:
    rules: dict[str, object] = {}
    for mechanism, questions in SURVEY_MEASURES.items():
        lines, strength = SURVEY_GROUNDS[mechanism]
        for level, delta in (("high", +2), ("low", -2)):
            rule_id = f"mech.{mechanism}.survey_{level}"
            rules[rule_id.replace(".", "__")] = effect(
                rule_id,
                mechanism,
                delta,
                Measured(mechanism=mechanism, level=level),
                statement=f"The readiness survey measured {mechanism.replace('_', ' ')} as {level}"
                + SPLIT_BLOCK.get(mechanism, "")
                + ".",
                encodes=questions,
                lines=lines,
                strength=strength,
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
