"""The knowledge base: the report's items read from ``advisor.knowledge`` and ``kb check``.

Public names:

- ``load_knowledge`` (load)
- ``KnowledgeBase`` (load)
- ``REPORT`` (load)
- ``check_knowledge`` (check)
"""

from advisor.lazy import lazy_exports

__all__ = ["KnowledgeBase", "REPORT", "check_knowledge", "load_knowledge"]
__getattr__ = lazy_exports(
    __name__, {"load_knowledge": ".load", "KnowledgeBase": ".load", "REPORT": ".load", "check_knowledge": ".check"}
)
