"""The guided interview: its questions, the interview as a library, its files, and the terminal.

Public names:

- ``Interview`` (flow)
- ``load_catalogue`` (catalogue)
- ``run_interview`` (terminal)
"""

from advisor.lazy import lazy_exports

__all__ = ["Interview", "load_catalogue", "run_interview"]
__getattr__ = lazy_exports(
    __name__, {"Interview": ".flow", "load_catalogue": ".catalogue", "run_interview": ".terminal"}
)
