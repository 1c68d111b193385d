"""The case a user describes: the pydantic model, loading and saving case files, and editing facts by name.

Public names:

- ``Case`` (model)
- ``load_case`` (load)
- ``case_from_data`` (load)
- ``case_to_yaml`` (load)
- ``CaseError`` (load)
- ``apply_edits`` (edit)
"""

from advisor.lazy import lazy_exports

__all__ = ["Case", "CaseError", "apply_edits", "case_from_data", "case_to_yaml", "load_case"]
__getattr__ = lazy_exports(
    __name__,
    {
        "Case": ".model",
        "load_case": ".load",
        "case_from_data": ".load",
        "case_to_yaml": ".load",
        "CaseError": ".load",
        "apply_edits": ".edit",
    },
)
