"""The collaboration advisor: which form of inter-organisational collaboration fits a
health-care situation, what puts it at risk, how formal it should be and what to do first,
with every conclusion traced to the rules and the evidence behind it.

Library API: ``load_case(path) -> Case`` and ``advise(case) -> Advice``. Names are imported
on first use so that ``advisor --help`` starts without loading the rule engine.
"""

from __future__ import annotations

from advisor.lazy import lazy_exports

__version__ = "0.1.0"

_EXPORTS = {
    "Advice": ".advice.model",
    "Case": ".case.model",
    "CaseError": ".case.load",
    "load_case": ".case.load",
    "advise": ".advice.build",
}

__all__ = ["__version__", *_EXPORTS]
__getattr__ = lazy_exports(__name__, _EXPORTS)
