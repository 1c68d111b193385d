"""Reading and writing the user's files safely: input-file errors and atomic output.

Public names:

- ``InputFileError`` (errors)
- ``write_atomic`` (write)
- ``write_all`` (write)
"""

from advisor.lazy import lazy_exports

__all__ = ["InputFileError", "write_all", "write_atomic"]
__getattr__ = lazy_exports(__name__, {"InputFileError": ".errors", "write_atomic": ".write", "write_all": ".write"})
