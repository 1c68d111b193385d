"""Reading and writing the user's files safely: one loader for YAML and JSON input, bounded
error messages, spreadsheet-safe CSV, and output files checked before any work and written
atomically.

Public names:

- ``InputFileError``, ``shown`` (errors)
- ``load_data``, ``read_text`` (read)
- ``csv_text`` (spreadsheet)
- ``OutputError``, ``check_outputs``, ``write_outputs``, ``write_atomic`` (write)
"""

from advisor.lazy import lazy_exports

_EXPORTS = {
    "InputFileError": ".errors",
    "shown": ".errors",
    "load_data": ".read",
    "read_text": ".read",
    "csv_text": ".spreadsheet",
    "OutputError": ".write",
    "check_outputs": ".write",
    "write_outputs": ".write",
    "write_atomic": ".write",
}
__all__ = list(_EXPORTS)
__getattr__ = lazy_exports(__name__, _EXPORTS)
