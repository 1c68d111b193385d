"""Explanations for trainers: the trace made readable, how, why-not, what-if, and the causal web.

Public names:

- ``explain_how``, ``render_how`` (how): the chain of firings behind a conclusion
- ``why_not``, ``render_why_not`` (why_not): what kept a form from being recommended, and the
  smallest changes that would make it recommended
- ``what_if``, ``compare_advice``, ``render_what_if`` (what_if): the advice for an edited case
  beside the original
- ``unmet``, ``joint_test`` (conditions): a rule's conditions judged against a run's facts
- ``ExplainError`` (result): a question the advisor cannot answer as asked
- ``trace_graph`` (trace)
- ``causal_web_svg`` (causal_web)
"""

from advisor.lazy import lazy_exports

__all__ = [
    "ExplainError",
    "causal_web_svg",
    "compare_advice",
    "explain_how",
    "joint_test",
    "render_how",
    "render_what_if",
    "render_why_not",
    "trace_graph",
    "unmet",
    "what_if",
    "why_not",
]
__getattr__ = lazy_exports(
    __name__,
    {
        "explain_how": ".how",
        "render_how": ".how",
        "why_not": ".why_not",
        "render_why_not": ".why_not",
        "what_if": ".what_if",
        "compare_advice": ".what_if",
        "render_what_if": ".what_if",
        "unmet": ".conditions",
        "joint_test": ".conditions",
        "ExplainError": ".result",
        "trace_graph": ".trace",
        "causal_web_svg": ".causal_web",
    },
)
