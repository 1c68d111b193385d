"""Writing the user's output files safely.

- A regular file is replaced atomically (a temporary file in the same folder, then a
  rename), keeping its permissions (and, where allowed, its owner): a failed run never
  leaves a partial or missing file.
- A symbolic link is followed: the file it points to is replaced and the link kept. A link
  to nothing is refused.
- A device or named pipe (``/dev/null``, ``/dev/stdout``, a FIFO) is written straight through,
  never replaced.
- Refused before anything is written: a folder, a file with other hard links (replacing it
  would split them), a read-only file, a folder that does not exist or cannot be written,
  and an output that is one of the command's input files (same device and inode).
- Several outputs are written together: all are checked, then all are staged as temporary
  files, and only then are they renamed into place.

Every refusal or failure is an :class:`OutputError` naming the path the user gave, never
the temporary file.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from advisor.files.errors import UserInputError


class OutputError(UserInputError):
    """An output file that cannot or may not be written; names the user's path."""

    def __init__(self, path: str | Path, reason: str):
        super().__init__(f"cannot write {path}: {reason}")
        self.path = str(path)
        self.reason = reason


@dataclass(frozen=True)
class Target:
    """Where one output goes: ``real`` is the file replaced (symbolic links followed);
    ``stream`` when it is a device or pipe written straight through; ``existing`` the
    replaced file's status, whose mode and owner the new file keeps."""

    path: Path
    real: Path
    stream: bool = False
    existing: os.stat_result | None = None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _identity(path: str | Path) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_dev, status.st_ino


def _writable_folder(path: Path, folder: Path) -> None:
    if not folder.is_dir():
        raise OutputError(path, f"the folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(path, f"the folder {folder} is not writable")


def check_output(path: str | Path, inputs: Iterable[str | Path | None] = ()) -> Target:
    """Check that ``path`` may be written (see the module docstring) and say how."""
    path = Path(path)
    try:
        status = os.stat(path)
    except FileNotFoundError:
        if path.is_symlink():
            raise OutputError(path, f"it is a symbolic link to {os.readlink(path)}, which does not exist") from None
        _writable_folder(path, path.parent if str(path.parent) else Path("."))
        return Target(path, path)
    except OSError as exc:
        raise OutputError(path, exc.strerror or str(exc)) from None
    if stat.S_ISDIR(status.st_mode):
        raise OutputError(path, "it is a folder")
    for source in inputs:
        if source is not None and _identity(source) == (status.st_dev, status.st_ino):
            raise OutputError(path, f"it is the input file {source}; writing would destroy it; choose another file")
    if not stat.S_ISREG(status.st_mode):
        return Target(path, path, stream=True)
    if status.st_nlink > 1:
        raise OutputError(path, f"it has {status.st_nlink} hard links, which replacing it would break")
    real = Path(os.path.realpath(path))
    if not os.access(real, os.W_OK):
        raise OutputError(path, "the file is read-only")
    _writable_folder(path, real.parent)
    return Target(path, real, existing=status)


def check_outputs(paths: Iterable[str | Path | None], inputs: Iterable[str | Path | None] = ()) -> list[Target]:
    """Check every output path (``None`` ones are skipped), refusing one named twice."""
    inputs = list(inputs)
    targets: list[Target] = []
    for path in paths:
        if path is None:
            continue
        target = check_output(path, inputs)
        if any(target.real.resolve() == other.real.resolve() for other in targets):
            raise OutputError(path, "it is given twice as an output")
        targets.append(target)
    return targets


def _stage(target: Target, payload: bytes, mode: int | None = None) -> str:
    """The payload in a temporary file beside the target, with the target's mode and owner
    (or ``mode``, when given)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.real.name}.", suffix=".tmp", dir=target.real.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            existing = target.existing
            if mode is None:
                mode = stat.S_IMODE(existing.st_mode) if existing else 0o666 & ~_umask()
            os.fchmod(handle.fileno(), mode)
            if existing and (existing.st_uid, existing.st_gid) != (os.getuid(), os.getgid()):
                try:
                    os.fchown(handle.fileno(), existing.st_uid, existing.st_gid)
                except PermissionError:
                    pass  # only root may give a file away; the file is then the user's own
            os.fsync(handle.fileno())
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def _payload(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def write_outputs(items: Sequence[tuple[Target, str | bytes]], mode: int | None = None) -> None:
    """Write every output or, as far as the system allows, none: stage the regular files,
    write the streams, then rename the staged files into place. ``mode``: the permissions of
    the files written (default: those of the file replaced, or the usual ones)."""
    staged: list[tuple[Target, str]] = []
    current = items[0][0] if items else None
    try:
        for current, data in items:
            if not current.stream:
                staged.append((current, _stage(current, _payload(data), mode)))
        for current, data in items:
            if current.stream:
                with open(current.path, "wb") as handle:
                    handle.write(_payload(data))
        while staged:
            current, tmp = staged[0]
            os.replace(tmp, current.real)
            staged.pop(0)
    except OSError as exc:
        raise OutputError(current.path if current else "", exc.strerror or str(exc)) from None
    finally:
        for _, tmp in staged:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def write_atomic(path: str | Path, data: str | bytes, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` safely (see the module docstring); ``mode`` as for
    :func:`write_outputs`."""
    write_outputs([(check_output(path), data)], mode)
