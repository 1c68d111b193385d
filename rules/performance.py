"""Performance: once partners behave collaboratively, which performance mechanisms (Table 9,
Box 2) the preferred form can be expected to set off, and its unintended effects."""

from __future__ import annotations

from advisor.kb.load import load_knowledge
from advisor.rules.conditions import at_least, includes_any, one_of
from advisor.rules.facts import Candidate, CollabFact, Level
from advisor.rules.registry import rule

# Collaborative behaviour under way (medium: as it develops); not when it is unknown.
WORKING = one_of("high", "medium")
CAVEAT = "(the report offers these links as a basis for further inquiry, not definitive evidence)"


def _evidence(category: str) -> list[str]:
    kb = load_knowledge()
    perf = [p.id for p in kb.kind("performance_mechanisms") if p.category == category and p.effect == "benefit"]
    cmocs = [c.id for c in kb.kind("cmocs_performance") if c.group == category]
    return ["effectiveness", "sec_performance", *perf, *cmocs]


class PerformanceRules:
    """Expected benefits and unintended effects of the preferred form (layer: forms)."""

    @rule(
        "perf.cultural_efficacy",
        "forms",
        Candidate(top="yes"),
        Level(mechanism="collaborative_behaviour", level=WORKING),
        statement="Where partners behave collaboratively, any form can improve communication, local "
        f"awareness, improvement culture and reputation (cultural efficacy) {CAVEAT}.",
        encodes=_evidence("Cultural efficacy"),
        lines=["1667-1675", "1889", "1963-1979"],
        strength="suggested",
        phase="outcomes",
    )
    def cultural_efficacy(self):
        self.expect("Cultural efficacy")

    @rule(
        "perf.organisational_efficiency",
        "forms",
        Candidate(top="yes", integration=at_least(2)),
        Level(mechanism="collaborative_behaviour", level=WORKING),
        statement="Where partners behave collaboratively, they can coordinate, gain resources and influence, "
        "cut duplication and consolidate services (organisational efficiency); but caution is needed in "
        "expecting both better care and savings, as integration has been recalled raising costs, "
        "particularly where collaborative functioning is not optimised or the collaboration is complex "
        f"(expecting this of forms that share services or governance only is our reading) {CAVEAT}.",
        encodes=_evidence("Organisational efficiency"),
        lines=["1679-1685", "1840-1844", "1981-1995"],
        strength="suggested",
        phase="outcomes",
    )
    def organisational_efficiency(self):
        self.expect("Organisational efficiency")

    @rule(
        "perf.technological_effectiveness",
        "forms",
        Candidate(top="yes"),
        Level(mechanism="collaborative_behaviour", level=WORKING),
        statement="Where partners behave collaboratively, any form, a clinical network among them, can "
        "build cross-organisational pathways, share clinical techniques and expertise and gain economies "
        f"of scale (technological effectiveness) {CAVEAT}.",
        encodes=_evidence("Technological effectiveness"),
        lines=["1676-1678", "1846-1878", "1997-2005"],
        strength="suggested",
        phase="outcomes",
    )
    def technological_effectiveness(self):
        self.expect("Technological effectiveness")

    @rule(
        "perf.loss_of_proximity",
        "forms",
        Candidate(top="yes"),
        CollabFact(drivers=includes_any("consolidation")),
        statement="Where the partners mean to rationalise services, consolidating them onto fewer sites can "
        "lengthen patients' journeys and reduce access for those who already struggle to reach services.",
        encodes=["perf_loss_of_proximity", "cmoc_p11", "consolidation"],
        lines=["588-593", "1686", "1828-1838", "1991", "2034"],
        strength="suggested",
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
        encodes=["sec_performance_functioning", "effectiveness", "cmoc_f02"],
        lines=["1010", "1175"],
        strength="established",
    )
    def benefits_unlikely(self):
        self.flag(
            "trust_deficit",
            "high",
            "Collaborative behaviour is unlikely for now.",
            consequence="the performance benefits the partners hope for are unlikely to materialise yet",
            mitigations=("act01", "act07", "act17"),
        )
