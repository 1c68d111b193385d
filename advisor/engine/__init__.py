"""The inference engine: experta (through ``compat``), the case's initial facts, and the
tracing engine that runs the rules.

Public names:

- ``run_case`` (tracing)
- ``Conclusions`` (tracing)
- ``get_engine`` (tracing)
- ``case_facts`` (facts)
"""

from advisor.lazy import lazy_exports

__all__ = ["Conclusions", "case_facts", "get_engine", "run_case"]
__getattr__ = lazy_exports(
    __name__, {"run_case": ".tracing", "Conclusions": ".tracing", "get_engine": ".tracing", "case_facts": ".facts"}
)
