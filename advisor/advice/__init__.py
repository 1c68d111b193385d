"""The advice on a case: the model, its assembly from the engine's conclusions, and ``advise``.

Public names:

- ``Advice`` (model)
- ``Option`` (model)
- ``RiskFlag`` (model)
- ``FormalisationAdvice`` (model)
- ``advise`` (build)
- ``assemble_advice`` (assemble)
- ``rule_sources`` (assemble)
"""

from advisor.lazy import lazy_exports

__all__ = ["Advice", "FormalisationAdvice", "Option", "RiskFlag", "advise", "assemble_advice", "rule_sources"]
__getattr__ = lazy_exports(
    __name__,
    {
        "Advice": ".model",
        "Option": ".model",
        "RiskFlag": ".model",
        "FormalisationAdvice": ".model",
        "advise": ".build",
        "assemble_advice": ".assemble",
        "rule_sources": ".assemble",
    },
)
