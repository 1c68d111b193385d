"""Explanations for trainers: the trace made readable, how, why-not, what-if, and the causal web.

Public names:

- ``explain_how`` (explanations)
- ``why_not`` (explanations)
- ``what_if`` (explanations)
- ``trace_graph`` (trace)
- ``causal_web_svg`` (causal_web)
"""

from advisor.lazy import lazy_exports

__all__ = ["causal_web_svg", "explain_how", "trace_graph", "what_if", "why_not"]
__getattr__ = lazy_exports(
    __name__,
    {
        "explain_how": ".explanations",
        "why_not": ".explanations",
        "what_if": ".explanations",
        "trace_graph": ".trace",
        "causal_web_svg": ".causal_web",
    },
)
