"""The collaboration advisor: which form of inter-organisational collaboration fits a
health-care situation, what puts it at risk, how formal it should be and what to do first,
with every conclusion traced to the rules and the evidence behind it."""

__version__ = "0.1.0"

from advisor.advice import Advice  # noqa: E402
from advisor.case import Case  # noqa: E402
from advisor.case_io import CaseError, load_case  # noqa: E402
from advisor.engine import advise  # noqa: E402

__all__ = ["Advice", "Case", "CaseError", "__version__", "advise", "load_case"]
