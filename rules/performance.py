"""Performance: once partners behave collaboratively, which performance mechanisms (Table 9,
Box 2) the preferred form can be expected to set off, and its unintended effects."""

from __future__ import annotations

from advisor.kb.load import load_knowledge
from advisor.rules.conditions import at_least, one_of
from advisor.rules.facts import Candidate, Level
from advisor.rules.registry import rule

WORKING = one_of("high", "medium", "unknown")


def _evidence(category: str) -> list[str]:
    kb = load_knowledge()
    perf = [
        p.id
        for p in kb.kind("performance_mechanisms")
        if p.get("category") == category and p.get("effect") == "benefit"
    ]
    cmocs = [c.id for c in kb.kind("cmocs_performance") if c.get("group") == category]
    return ["effectiveness", "sec_performance", *perf, *cmocs]


class PerformanceRules:
    """Expected benefits and unintended effects of the preferred form (layer: forms)."""

    @rule(
        "perf.cultural_efficacy",
        "forms",
        Candidate(top="yes"),
        Level(mechanism="collaborative_behaviour", level=WORKING),
        statement="Where partners behave collaboratively, any form improves communication, local "
        "awareness, improvement culture and reputation (cultural efficacy).",
        encodes=_evidence("Cultural efficacy"),
        phase="outcomes",
    )
    def cultural_efficacy(self):
        self.expect("Cultural efficacy")

    @rule(
        "perf.organisational_efficiency",
        "forms",
        Candidate(top="yes", integration=at_least(2)),
        Level(mechanism="collaborative_behaviour", level=WORKING),
        statement="Forms that share services or governance can coordinate, pool resources, cut "
        "duplication and consolidate services (organisational efficiency).",
        encodes=_evidence("Organisational efficiency"),
        phase="outcomes",
    )
    def organisational_efficiency(self):
        self.expect("Organisational efficiency")

    @rule(
        "perf.technological_effectiveness",
        "forms",
        Candidate(top="yes", integration=at_least(2)),
        Level(mechanism="collaborative_behaviour", level=WORKING),
        statement="Forms that share services can build cross-organisational pathways, share "
        "equipment and gain economies of scale (technological effectiveness).",
        encodes=_evidence("Technological effectiveness"),
        phase="outcomes",
    )
    def technological_effectiveness(self):
        self.expect("Technological effectiveness")

    @rule(
        "perf.loss_of_proximity",
        "forms",
        Candidate(top="yes", dalton="consolidation"),
        statement="Consolidating services onto fewer sites can lengthen patients' journeys.",
        encodes=["perf_loss_of_proximity", "cmoc_p11"],
        phase="outcomes",
    )
    def loss_of_proximity(self):
        self.expect("Organisational efficiency", effect="unintended")

    @rule(
        "perf.benefits_unlikely",
        "risks",
        Level(mechanism="collaborative_behaviour", level="low"),
        statement="Without collaborative behaviour the performance benefits seldom materialise: "
        "partners stay mired in the daily work of making the partnership function.",
        encodes=["sec_performance_functioning", "effectiveness"],
    )
    def benefits_unlikely(self):
        self.flag(
            "trust_deficit",
            "high",
            "Collaborative behaviour is unlikely for now.",
            consequence="the performance benefits the partners hope for are unlikely to materialise yet",
            mitigations=("act01", "act07", "act17"),
        )
