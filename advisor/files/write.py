"""Writing output files safely: never a partial file left behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename."""
    write_all({path: data})


def write_all(outputs: Mapping[str | Path, str | bytes]) -> None:
    """Write several files all or nothing: each to a temporary file beside it first, and only
    when every one is written are they renamed into place (a failure leaves no file changed)."""
    temps: list[tuple[str, Path]] = []
    try:
        for name, data in outputs.items():
            target = Path(name)
            payload = data.encode("utf-8") if isinstance(data, str) else data
            folder = target.parent if str(target.parent) else Path(".")
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
            temps.append((tmp, target))
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
            os.chmod(tmp, 0o666 & ~_umask())
        for tmp, path in temps:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in temps:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        raise
