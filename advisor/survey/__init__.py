"""The readiness survey (Appendix 4): response files, scoring on the maturity matrix (Table 11), renderers.

Public names:

- ``score_responses`` (report)
- ``SurveyReport`` (report)
- ``template_csv`` (responses)
- ``append_response`` (responses)
"""

from advisor.lazy import lazy_exports

__all__ = ["SurveyReport", "append_response", "score_responses", "template_csv"]
__getattr__ = lazy_exports(
    __name__,
    {
        "score_responses": ".report",
        "SurveyReport": ".report",
        "template_csv": ".responses",
        "append_response": ".responses",
    },
)
