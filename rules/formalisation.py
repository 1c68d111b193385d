"""Layer 6, formalisation: how formal each candidate form should be, after the report's
trust-versus-confidence findings (ch.4, 1196-1214).

Voluntary and lightly integrated forms run on trust: they should rest on relationships and
at most non-binding terms (a memorandum of understanding raises trust and risk tolerance;
binding contracts risk cooperation being read as obligation). Mandated and integrative forms
run on confidence, which formal agreements build; a written agreement also buffers a light
form where trust is low. Contracts matter less once trust has grown. Forms whose definition
needs an instrument (a contract, a joint committee, a new entity, a statutory transaction)
get it. Every candidate (recommended, conditional or considered form) gets its own
formalisation; the advice shows the top option's, each option carries its own.
"""

from __future__ import annotations

from advisor.engine.compat import MATCH, NOT
from advisor.rules.conditions import at_least, at_most, one_of
from advisor.rules.facts import Candidate, CollabFact, Formalisation, Level
from advisor.rules.registry import rule

LIGHT = one_of("none", "mou")
SEPARATE = at_most(4)  # the partners remain separate bodies (everything short of merger and acquisition)
NOT_LOW = one_of("medium", "high", "unknown")


class InstrumentRules:
    """Choose one instrument per candidate form (layer: formalisation)."""

    @rule(
        "formal.relational",
        "formalisation",
        Candidate(form=MATCH.form, instrument=LIGHT),
        CollabFact(mandation=one_of("voluntary", "unknown")),
        Level(mechanism="trust", level=NOT_LOW),
        statement="A voluntary, lightly integrated collaboration should rest on relationships, with terms "
        "of reference and at most a non-binding memorandum of understanding: it raises trust and risk "
        "tolerance, where binding contracts would make cooperation look like obligation.",
        encodes=["sec_trust_vs_confidence", "cmoc_f20", "act12", "act24"],
        lines=["1212-1214", "1053"],
        strength="hypothesised",
    )
    def relational(self, form):
        self.formalise(
            form,
            "mou",
            "Terms of reference and a non-binding memorandum of understanding: enough structure to "
            "reassure, without making cooperation look like obligation.",
            "The collaboration is voluntary and lightly integrated, and trust is not low: it runs on "
            "trust, which non-binding terms support and binding contracts can undermine.",
        )

    @rule(
        "formal.trust_has_grown",
        "formalisation",
        Candidate(form=MATCH.form, instrument=LIGHT),
        CollabFact(mandation="mandated"),
        Level(mechanism="trust", level="high"),
        statement="Contracts contribute less once trust has grown: a mandated but lightly integrated "
        "collaboration whose partners now trust each other need not escalate its formality.",
        encodes=["sec_trust_vs_confidence", "act24"],
        lines=["1206-1208"],
        strength="suggested",
    )
    def trust_has_grown(self, form):
        self.formalise(
            form,
            "mou",
            "Terms of reference and a memorandum of understanding, with whatever reporting the mandate "
            "itself requires; no further binding contract.",
            "The collaboration was mandated, but trust between the partners is now high, and contracts "
            "matter less once trust has grown.",
        )

    @rule(
        "formal.confidence_buffer_mandate",
        "formalisation",
        Candidate(form=MATCH.form, instrument=LIGHT),
        CollabFact(mandation="mandated"),
        Level(mechanism="trust", level=one_of("low", "medium", "unknown")),
        statement="In a mandated collaboration trust may not be the primary determinant of collaborative "
        "behaviour, which shifts to confidence: greater formalisation can increase confidence, and so "
        "risk tolerance.",
        encodes=["sec_trust_vs_confidence", "cmoc_f23", "act22", "act24"],
        lines=["1198-1200", "1063"],
        strength="established",
    )
    def confidence_buffer_mandate(self, form):
        self.formalise(
            form,
            "contract",
            "A written agreement with clear obligations, accountability and dispute resolution.",
            "The collaboration is mandated: confidence that partners will meet their obligations, "
            "rather than trust alone, has to carry it.",
        )

    @rule(
        "formal.confidence_buffer_low_trust",
        "formalisation",
        Candidate(form=MATCH.form, instrument=LIGHT),
        CollabFact(mandation=one_of("voluntary", "unknown")),
        Level(mechanism="trust", level="low"),
        statement="Where trust is low, contracts and controls that reduce uncertainty about partners' "
        "behaviour act as a buffer.",
        encodes=["sec_trust_vs_confidence", "cmoc_f23", "act24"],
        lines=["1198-1200"],
        strength="suggested",
    )
    def confidence_buffer_low_trust(self, form):
        self.formalise(
            form,
            "contract",
            "A written agreement with clear obligations, accountability and dispute resolution, kept "
            "under review so that it can be lightened as trust grows.",
            "Trust between the partners is low, so a written agreement has to buffer the risk of "
            "relying on one another for now.",
        )

    @rule(
        "formal.contract",
        "formalisation",
        Candidate(form=MATCH.form, instrument="contract"),
        statement="Contractual forms rest on a contract: in a service-level chain a provider is contracted to "
        "provide services for another, in a management contract control of operations is handed to "
        "another organisation for an agreed duration (a primary care network's network contract is NHS "
        "practice, not the report's).",
        encodes=["sec_trust_vs_confidence", "act24", "service_level_chain", "management_contract"],
        lines=["552", "554"],
        strength="established",
    )
    def contract(self, form):
        self.formalise(
            form,
            "contract",
            "A contract setting out services, standards, duration and how risk is shared.",
            "The form itself is contractual: one partner provides or runs services for another.",
        )

    @rule(
        "formal.joint_committee",
        "formalisation",
        Candidate(form=MATCH.form, instrument="joint_committee"),
        statement="A group or alliance sets shared governance while each site keeps delegated decisions and "
        "often its sovereignty over money, buildings and workforce; a provider collaborative is a "
        "partnership of providers taking on pathway and budget management: both share decisions among "
        "organisations that stay separate (the forum, committees in common or a joint committee, is NHS "
        "guidance).",
        encodes=["group", "provider_collaborative", "sec_building_confidence"],
        lines=["550", "553", "1452"],
        strength="suggested",
    )
    def joint_committee(self, form):
        self.formalise(
            form,
            "joint_committee",
            "A collaboration agreement with shared governance (committees in common, or a joint committee "
            "holding delegated decisions), each partner keeping its own board.",
            "The form shares decisions across organisations that keep their own sovereignty.",
        )

    @rule(
        "formal.new_entity",
        "formalisation",
        Candidate(form=MATCH.form, instrument="new_entity"),
        statement="A joint venture creates a new legal entity that delivers a service for, and on behalf of, "
        "its founders.",
        encodes=["joint_venture"],
        lines=["549"],
        strength="established",
    )
    def new_entity(self, form):
        self.formalise(
            form,
            "new_entity",
            "A new legal entity jointly owned by the partners, with a shareholder or members' agreement "
            "and service contracts back to each founder.",
            "A joint venture is defined by the new legal entity its founders create.",
        )

    @rule(
        "formal.statutory_transaction",
        "formalisation",
        Candidate(form=MATCH.form & one_of("merger", "acquisition"), instrument="statutory"),
        statement="A merger combines organisations into a new one and an acquisition subsumes one into "
        "another, which only a transaction can do (statutory in the NHS, per guidance); pre-merger work "
        "was encouraged so that benefits start early.",
        encodes=["merger", "acquisition", "act25"],
        lines=["556-557", "1464-1466"],
        strength="established",
    )
    def statutory_transaction(self, form):
        self.formalise(
            form,
            "statutory",
            "A statutory transaction approved by the regulators, after a business case and financial, "
            "clinical and cultural due diligence.",
            "The partners would become one organisation, which only a statutory transaction can do.",
        )

    @rule(
        "formal.statutory_system",
        "formalisation",
        Candidate(form=MATCH.form & one_of("integrated_care_system"), instrument="statutory"),
        statement="An integrated care system brings organisations together to manage patients across care "
        "pathways, and is mandated: partners take part through the system's own arrangements (the ICS "
        "was becoming a statutory body) rather than by contract with each other.",
        encodes=["integrated_care_system"],
        lines=["555", "1306", "1436", "2054"],
        strength="established",
    )
    def statutory_system(self, form):
        self.formalise(
            form,
            "statutory",
            "The statutory system arrangements (integrated care board and partnership), with agreements "
            "on how each partner takes part and what is delegated to place.",
            "An integrated care system is a statutory arrangement, not a contract between the partners.",
        )

    @rule(
        "formal.not_yet",
        "formalisation",
        NOT(Candidate(top="yes")),
        statement="When no form is advised, formalising would fix a relationship that does not yet work: "
        "build relationships first.",
        encodes=["sec_trust_vs_confidence", "act05"],
        lines=["1206-1214"],
        strength="calibration",
    )
    def not_yet(self):
        self.formalise(
            "",
            "none",
            "Do not formalise yet: agree informal terms of reference and build the relationship before "
            "choosing a form.",
            "No form of collaboration is advised yet.",
        )


class ElementRules:
    """What each candidate's agreement should contain, and what is already in place."""

    @rule(
        "formal.element.vision",
        "formalisation",
        Formalisation(
            form=MATCH.form, instrument=one_of("mou", "contract", "joint_committee", "new_entity", "statutory")
        ),
        CollabFact(vision_clarity=MATCH.clear, vision_sharedness=MATCH.shared),
        statement="Any agreement should set out shared aims, clear outcomes and a logical path to them.",
        encodes=["act14", "act28"],
        lines=["2074", "2083"],
        strength="established",
        phase="elements",
    )
    def vision(self, form, clear, shared):
        self.element(
            form,
            "shared aims, concrete outcomes and the path to them",
            in_place=clear == "high" and shared == "high",
        )

    @rule(
        "formal.element.accountability",
        "formalisation",
        Formalisation(
            form=MATCH.form, instrument=one_of("mou", "contract", "joint_committee", "new_entity", "statutory")
        ),
        CollabFact(accountability=MATCH.accountability),
        statement="Clear, shared accountability heads off conflict.",
        encodes=["act26", "cmoc_f11"],
        lines=["1033", "2083"],
        strength="established",
        phase="elements",
    )
    def accountability(self, form, accountability):
        self.element(form, "who is accountable for what, shared and written down", in_place=accountability == "clear")

    @rule(
        "formal.element.disputes",
        "formalisation",
        Formalisation(
            form=MATCH.form, instrument=one_of("mou", "contract", "joint_committee", "new_entity", "statutory")
        ),
        Candidate(form=MATCH.form, integration=SEPARATE),
        CollabFact(conflict_resolution=MATCH.resolution),
        statement="Between organisations that stay separate, a dispute procedure with adjudication by an "
        "impartial third party lets conflicts be resolved constructively.",
        encodes=["act27", "cmoc_f18"],
        lines=["2083", "1049"],
        strength="established",
        phase="elements",
    )
    def disputes(self, form, resolution):
        self.element(
            form,
            "a dispute procedure with adjudication by an impartial third party",
            in_place=resolution == "independent",
        )

    @rule(
        "formal.element.review",
        "formalisation",
        Formalisation(
            form=MATCH.form, instrument=one_of("mou", "contract", "joint_committee", "new_entity", "statutory")
        ),
        CollabFact(evaluation=MATCH.evaluation),
        statement="Milestones and continuous evaluation keep progress visible.",
        encodes=["cmoc_f09", "act17"],
        lines=["1026", "2074"],
        strength="established",
        phase="elements",
    )
    def review(self, form, evaluation):
        self.element(form, "milestones and a regular, shared evaluation of progress", in_place=evaluation == "yes")

    @rule(
        "formal.element.exit",
        "formalisation",
        Formalisation(form=MATCH.form, instrument=one_of("mou", "contract", "joint_committee", "new_entity")),
        Candidate(form=MATCH.form, integration=SEPARATE),
        statement="Stopping a collaboration inappropriately can increase conflict (1043); agreeing in advance "
        "how a partner may leave, or the collaboration end, is our reading of how to avoid that.",
        encodes=["cmoc_f16", "maintenance"],
        lines=["1043", "676-678"],
        strength="suggested",
        phase="elements",
    )
    def exit(self, form):
        self.element(form, "how a partner may leave, or the collaboration end, without rancour")

    @rule(
        "formal.element.non_binding",
        "formalisation",
        Formalisation(form=MATCH.form, instrument="mou"),
        statement="Keep obligations non-binding so that cooperation is seen as goodwill, not duty.",
        encodes=["sec_trust_vs_confidence", "cmoc_f20"],
        lines=["1214"],
        strength="hypothesised",
        phase="elements",
    )
    def non_binding(self, form):
        self.element(form, "non-binding commitments, so cooperation is seen as goodwill rather than obligation")

    @rule(
        "formal.element.risk_allocation",
        "formalisation",
        Formalisation(form=MATCH.form, instrument=one_of("contract", "joint_committee", "new_entity")),
        statement="Formalisation is chiefly about placing each risk with the partner best able to mitigate "
        "it, with the power to do so.",
        encodes=["sec_trust_vs_confidence", "act24"],
        lines=["1200"],
        strength="suggested",
        phase="elements",
    )
    def risk_allocation(self, form):
        self.element(form, "each risk placed with the partner best able to manage it, with the power to do so")

    @rule(
        "formal.element.due_diligence",
        "formalisation",
        Formalisation(form=MATCH.form, instrument=one_of("contract", "joint_committee", "new_entity", "statutory")),
        statement="Due diligence on likely disagreements, with accountability written in, eases later conflicts.",
        encodes=["act25"],
        lines=["2082"],
        strength="suggested",
        phase="elements",
    )
    def due_diligence(self, form):
        self.element(form, "due diligence on likely points of disagreement before signing")

    @rule(
        "formal.element.cultural_plan",
        "formalisation",
        Formalisation(form=MATCH.form),
        Candidate(form=MATCH.form, integration=at_least(4)),
        CollabFact(cultural_due_diligence=MATCH.done),
        statement="Integrative arrangements need cultural due diligence and an integration plan before implementation.",
        encodes=["act34"],
        lines=["653-654", "2085"],
        strength="established",
        phase="elements",
    )
    def cultural_plan(self, form, done):
        self.element(form, "cultural due diligence and a cultural integration plan", in_place=done == "yes")
