"""Layer 6, formalisation: how formal the collaboration should be, from the trust-versus-
confidence findings (ch.4): non-binding terms for voluntary, low-integration work; contracts
where trust is low or the work is mandated or complex; joint committees, new entities or
statutory transactions for the forms that need them."""

from __future__ import annotations

from advisor.engine.compat import NOT, OR
from advisor.rules.conditions import one_of
from advisor.rules.facts import CollabFact, Context, Formalisation, Level, TopForm
from advisor.rules.registry import SALIENCE, rule

CHOOSE = SALIENCE["formalisation"]
BEFORE = CHOOSE + 1
AFTER = CHOOSE - 1
LIGHT = one_of("none", "mou")
BINDING = one_of("contract", "joint_committee", "new_entity", "statutory")


class InstrumentRules:
    """Choose one instrument (layer: formalisation)."""

    @rule(
        "formal.needs_confidence",
        "formalisation",
        OR(
            CollabFact(mandation="mandated"),
            Level(mechanism="trust", level="low"),
            Level(mechanism="task_complexity", level="high"),
        ),
        statement="Where the work is mandated, trust is low or the task very complex, confidence "
        "from formal obligations has to stand in for trust.",
        encodes=["sec_trust_vs_confidence", "sec_refinements_by_type", "cmoc_f23"],
        salience=BEFORE,
    )
    def needs_confidence(self):
        self.declare(Context(name="needs_confidence"))

    @rule(
        "formal.relational",
        "formalisation",
        TopForm(instrument=LIGHT),
        NOT(Context(name="needs_confidence")),
        statement="A voluntary, low-integration collaboration should rest on terms of reference and "
        "a non-binding memorandum of understanding, not on binding contracts.",
        encodes=["sec_trust_vs_confidence", "cmoc_f20", "act12"],
        salience=CHOOSE,
    )
    def relational(self):
        self.declare(
            Formalisation(
                instrument="mou",
                summary="Terms of reference and a non-binding memorandum of understanding: enough "
                "structure to reassure, without making cooperation look like obligation.",
            )
        )

    @rule(
        "formal.confidence_buffer",
        "formalisation",
        TopForm(instrument=LIGHT),
        Context(name="needs_confidence"),
        statement="Where trust cannot yet carry a lightly formalised form, a written agreement with "
        "clear obligations buffers the risk.",
        encodes=["sec_trust_vs_confidence", "cmoc_f23", "act24"],
        salience=CHOOSE,
    )
    def confidence_buffer(self):
        self.declare(
            Formalisation(
                instrument="contract",
                summary="A written agreement with clear obligations, accountability and dispute "
                "resolution, to give confidence where trust is not yet enough.",
            )
        )

    @rule(
        "formal.contract",
        "formalisation",
        TopForm(instrument="contract"),
        statement="Contractual forms (service-level chains, management contracts, network "
        "agreements) need a contract that situates each risk with the partner best able to manage it.",
        encodes=["sec_trust_vs_confidence", "act24", "service_level_chain", "management_contract"],
        salience=CHOOSE,
    )
    def contract(self):
        self.declare(
            Formalisation(
                instrument="contract",
                summary="A contract setting out services, standards, duration and how risk is shared.",
            )
        )

    @rule(
        "formal.joint_committee",
        "formalisation",
        TopForm(instrument="joint_committee"),
        statement="Groups, alliances and provider collaboratives govern shared decisions through a "
        "joint committee or committees in common, under a partnership agreement.",
        encodes=["group", "provider_collaborative", "sec_building_confidence"],
        salience=CHOOSE,
    )
    def joint_committee(self):
        self.declare(
            Formalisation(
                instrument="joint_committee",
                summary="A partnership agreement with a joint committee (or committees in common) "
                "holding delegated decisions, each partner keeping its own board.",
            )
        )

    @rule(
        "formal.new_entity",
        "formalisation",
        TopForm(instrument="new_entity"),
        statement="A joint venture creates a new legal entity owned by its founders.",
        encodes=["joint_venture"],
        salience=CHOOSE,
    )
    def new_entity(self):
        self.declare(
            Formalisation(
                instrument="new_entity",
                summary="A new legal entity jointly owned by the partners, with a shareholder or "
                "members' agreement and service contracts back to each founder.",
            )
        )

    @rule(
        "formal.statutory",
        "formalisation",
        TopForm(instrument="statutory"),
        statement="Mergers, acquisitions and statutory system bodies require a statutory transaction "
        "or establishment, with a full business case and due diligence.",
        encodes=["merger", "acquisition", "integrated_care_system"],
        salience=CHOOSE,
    )
    def statutory(self):
        self.declare(
            Formalisation(
                instrument="statutory",
                summary="A statutory transaction (or statutory body), approved by regulators, after a "
                "business case and financial, clinical and cultural due diligence.",
            )
        )

    @rule(
        "formal.not_yet",
        "formalisation",
        NOT(TopForm()),
        statement="When no form is advised, formalising would fix a relationship that does not yet "
        "work; build relationships first.",
        encodes=["sec_trust_vs_confidence", "act05"],
        salience=CHOOSE,
    )
    def not_yet(self):
        self.declare(
            Formalisation(
                instrument="none",
                summary="Do not formalise yet: agree informal terms of reference and build the "
                "relationship before choosing a form.",
            )
        )


class ElementRules:
    """What the agreement should contain (layer: formalisation)."""

    @rule(
        "formal.element.vision",
        "formalisation",
        Formalisation(instrument=one_of("mou", "contract", "joint_committee", "new_entity", "statutory")),
        statement="Any agreement should set out shared aims, clear outcomes and a logical path to them.",
        encodes=["act14", "act28"],
        salience=AFTER,
    )
    def vision(self):
        self.element("shared aims, concrete outcomes and the path to them")

    @rule(
        "formal.element.accountability",
        "formalisation",
        Formalisation(),
        CollabFact(accountability=one_of("unclear", "unknown")),
        statement="Clear, shared accountability heads off conflict.",
        encodes=["act26", "cmoc_f11"],
        salience=AFTER,
    )
    def accountability(self):
        self.element("who is accountable for what, shared and written down")

    @rule(
        "formal.element.disputes",
        "formalisation",
        Formalisation(),
        CollabFact(conflict_resolution=one_of("none", "informal", "formal", "unknown")),
        statement="A dispute procedure with an impartial third party lets conflicts be resolved easily.",
        encodes=["act27", "cmoc_f18"],
        salience=AFTER,
    )
    def disputes(self):
        self.element("a dispute procedure with adjudication by an impartial third party")

    @rule(
        "formal.element.review",
        "formalisation",
        Formalisation(),
        CollabFact(evaluation=one_of("no", "unknown")),
        statement="Milestones and continuous evaluation keep progress visible.",
        encodes=["cmoc_f09", "act17"],
        salience=AFTER,
    )
    def review(self):
        self.element("milestones and a regular, shared evaluation of progress")

    @rule(
        "formal.element.exit",
        "formalisation",
        Formalisation(instrument=one_of("mou", "contract", "joint_committee", "new_entity")),
        statement="Agreed terms for leaving or ending avoid the conflict of stopping a collaboration inappropriately.",
        encodes=["cmoc_f16"],
        salience=AFTER,
    )
    def exit(self):
        self.element("how a partner may leave, or the collaboration end, without rancour")

    @rule(
        "formal.element.non_binding",
        "formalisation",
        Formalisation(instrument="mou"),
        statement="Keep obligations non-binding so that cooperation is seen as goodwill, not duty.",
        encodes=["sec_trust_vs_confidence", "cmoc_f20"],
        salience=AFTER,
    )
    def non_binding(self):
        self.element("non-binding commitments, so cooperation is seen as goodwill rather than obligation")

    @rule(
        "formal.element.risk_allocation",
        "formalisation",
        Formalisation(instrument=BINDING),
        statement="Formalisation is chiefly about placing each risk with the partner best able to mitigate it.",
        encodes=["sec_trust_vs_confidence", "act24"],
        salience=AFTER,
    )
    def risk_allocation(self):
        self.element("each risk placed with the partner best able to manage it, with the power to do so")

    @rule(
        "formal.element.due_diligence",
        "formalisation",
        Formalisation(instrument=BINDING),
        statement="Due diligence on likely disagreements, with accountability written in, eases later conflicts.",
        encodes=["act25"],
        salience=AFTER,
    )
    def due_diligence(self):
        self.element("due diligence on likely points of disagreement before signing")

    @rule(
        "formal.element.cultural_plan",
        "formalisation",
        Formalisation(instrument=one_of("new_entity", "statutory", "joint_committee")),
        CollabFact(cultural_due_diligence=one_of("no", "unknown")),
        statement="Integrative arrangements need cultural due diligence and an integration plan.",
        encodes=["act34"],
        salience=AFTER,
    )
    def cultural_plan(self):
        self.element("cultural due diligence and a cultural integration plan")
