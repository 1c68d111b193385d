"""The collaboration advisor: which form of inter-organisational collaboration fits a
health-care situation, what puts it at risk, how formal it should be and what to do first,
with every conclusion traced to the rules and the evidence behind it.

Library API: ``load_case(path) -> Case`` and ``advise(case) -> Advice``. Names are imported
on first use so that ``advisor --help`` starts without loading the rule engine.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "Advice": "advisor.advice",
    "Case": "advisor.case",
    "CaseError": "advisor.case_io",
    "load_case": "advisor.case_io",
    "advise": "advisor.engine",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'advisor' has no attribute {name!r}")
