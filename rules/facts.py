"""Fact classes the rules reason over, from the case facts to the conclusions.

Facts carry plain, hashable values only (strings, ints, tuples); validation happens at the
boundary, in :mod:`advisor.case.model`.
"""

from __future__ import annotations

from advisor.engine.compat import Fact


class CollabFact(Fact):
    """The collaboration as described in the case (``collaboration.*``)."""


class RelFact(Fact):
    """The partners' relationship as described in the case (``relationship.*``)."""


class PartnerMix(Fact):
    """Counts and extremes over the partners (``partners.*``): how many, which sectors, the
    spread of sizes, and whether any partner is struggling, short of capacity, and so on.
    Each ``any_*`` slot is ``yes`` (some partner), ``no`` (all known, none) or ``unknown``."""


class FormFact(Fact):
    """One form of collaboration from the typology (Table 2) with its attributes."""


class Context(Fact):
    """A derived context, e.g. ``Context(name="cross_sector")``."""


class Effect(Fact):
    """A rule's push on a mechanism: ``delta`` is +/-1 or +/-2."""


class Level(Fact):
    """The inferred level of a mechanism: low, medium, high or unknown."""


class FormEvidence(Fact):
    """A reason for or against a form: ``delta`` to its score, or a condition to put in place."""


class Verdict(Fact):
    """A form's verdict (recommended, conditional, not_advised or undecided), with its score."""


class Candidate(Fact):
    """A form the advice speaks about in full (risks, formalisation): every recommended or
    conditional form, and every form the partners are considering; ``top`` is ``yes`` for
    the best-ranked form that is not ruled out."""


class Phase(Fact):
    """Control fact: the phase of the reasoning now running (see :mod:`advisor.rules.registry`)."""


class Risk(Fact):
    """A risk flag with its severity."""


class Formalisation(Fact):
    """The recommended legal instrument and the elements it should contain."""


class ActionFact(Fact):
    """An action statement (Table 10) recommended for this case."""


FACT_PREFIX = {CollabFact: "collaboration", RelFact: "relationship", PartnerMix: "partners"}
# The same, by fact name as the trace records it (``FactRef.fact``).
FACT_PREFIX_BY_NAME = {cls.__name__: prefix for cls, prefix in FACT_PREFIX.items()}


class Governance(Fact):
    """The NHS governance model that goes with a candidate's formalisation (NHS guidance)."""


class FormalElement(Fact):
    """An element the recommended agreement should contain."""


class ExpectedEffect(Fact):
    """A performance mechanism (Table 9) the preferred form can be expected to set off."""


class Measured(Fact):
    """A mechanism level measured directly (e.g. by the readiness survey, Appendix 4)."""
