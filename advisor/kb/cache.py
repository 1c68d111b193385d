"""A per-user cache of the parsed knowledge files, so that a command need not parse YAML.

Parsing the knowledge base's YAML is the largest single cost of starting a command. Its result
(plain JSON data) is kept in the user's cache directory under the hash of the files' text,
so an edited knowledge base is parsed afresh; a missing, unreadable or malformed cache is
rebuilt. The cache is read only from a directory and a file that belong to the user and that
no one else can write; otherwise, and where ownership cannot be checked, the files are parsed
as if there were no cache. Failing to write it is never an error.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from advisor.files.write import write_atomic

APP = "collaboration-advisor"


def cache_dir() -> Path | None:
    """The user's cache directory for the advisor, or None where file ownership cannot be checked."""
    if not hasattr(os, "getuid"):
        return None
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / APP
    try:
        return Path.home() / ("Library/Caches" if sys.platform == "darwin" else ".cache") / APP
    except RuntimeError:  # no home directory
        return None


def _private(stat: os.stat_result) -> bool:
    """Owned by this user and writable by no one else."""
    return stat.st_uid == os.getuid() and not stat.st_mode & 0o022


def _read(path: Path) -> Any:
    """The JSON data at ``path`` if the file and its directory are private to the user, else None."""
    try:
        if not _private(os.stat(path.parent)):
            return None
        with open(path, "rb") as handle:
            if not _private(os.fstat(handle.fileno())):
                return None
            return json.loads(handle.read())
    except (OSError, ValueError):
        return None


def _write(path: Path, data: Any) -> None:
    """Store ``data`` at ``path`` (readable by the user only) and drop older entries of the same kind."""
    try:
        text = json.dumps(data, ensure_ascii=False, allow_nan=False)
        if json.loads(text) != data:  # JSON would not give the same data back: do not cache it
            return
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(os.stat(path.parent)):
            return
        write_atomic(path, text, mode=0o600)
        prefix = path.name.split("-", 1)[0] + "-"
        for old in path.parent.glob(prefix + "*.json"):
            if old != path:
                old.unlink(missing_ok=True)
    except (OSError, TypeError, ValueError):
        return


def cached(name: str, key: str, build: Callable[[], Any], folder: Path | None = None) -> Any:
    """``build()``'s result, from the cache when an entry ``name`` made for ``key`` is there.

    ``folder``: where the cache lives (default: :func:`cache_dir`). ``build`` must return plain
    JSON data (dicts with string keys, lists, strings, numbers, booleans, None)."""
    folder = folder or cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{key}.json"
    data = _read(path)
    if data is None:
        data = build()
        _write(path, data)
    return data
