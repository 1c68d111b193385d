"""The advisor's rules, one family (mixin class) per concern, in the order of the layers:
context -> mechanism effects -> mechanism levels -> forms -> risks -> formalisation -> actions.
Importing this package registers every rule in :data:`advisor.rules.registry.REGISTRY`."""

from advisor.rules.actions import (
    FaithActionRules,
    GovernanceActionRules,
    LeadershipActionRules,
    LifeCycleActionRules,
    TrustActionRules,
)
from advisor.rules.context import ContextRules
from advisor.rules.formalisation import ElementRules, InstrumentRules
from advisor.rules.forms import (
    ArrangementRules,
    DefinitionRules,
    FindingRules,
    FitRules,
    ReadinessRules,
    VerdictRules,
)
from advisor.rules.governance import GovernanceRules
from advisor.rules.levels import LevelRules
from advisor.rules.mechanisms import (
    BehaviourRules,
    ConflictRules,
    ContextMechanismRules,
    FaithRules,
    InitialTrustRules,
    ProgressAndRiskRules,
    SurveyRules,
    TaskComplexityRules,
    TrustRules,
)
from advisor.rules.performance import PerformanceRules
from advisor.rules.risks import FormRiskRules, RelationshipRiskRules, SituationRiskRules

FAMILIES: tuple[type, ...] = (
    ContextRules,
    InitialTrustRules,
    ContextMechanismRules,
    TaskComplexityRules,
    ConflictRules,
    TrustRules,
    ProgressAndRiskRules,
    FaithRules,
    BehaviourRules,
    SurveyRules,
    LevelRules,
    FitRules,
    DefinitionRules,
    ArrangementRules,
    FindingRules,
    ReadinessRules,
    VerdictRules,
    PerformanceRules,
    RelationshipRiskRules,
    SituationRiskRules,
    FormRiskRules,
    InstrumentRules,
    GovernanceRules,
    ElementRules,
    LeadershipActionRules,
    TrustActionRules,
    FaithActionRules,
    GovernanceActionRules,
    LifeCycleActionRules,
)

__all__ = ["FAMILIES"]
