"""Green Book option appraisal: short list, critical success factors, ranking, sensitivity, renderers.

Public names:

- ``appraise`` (appraise)
- ``appraise_many`` (appraise)
- ``Appraisal`` (models)
"""

from advisor.lazy import lazy_exports

__all__ = ["Appraisal", "appraise", "appraise_many"]
__getattr__ = lazy_exports(__name__, {"appraise": ".appraise", "appraise_many": ".appraise", "Appraisal": ".models"})
