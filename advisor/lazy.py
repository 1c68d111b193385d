"""Lazy package exports: a package names its public functions and classes, and each is
imported from its module on first use, so that importing a package (or running
``advisor --help``) never loads the rule engine or a renderer it does not need."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any


def lazy_exports(package: str, exports: dict[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package`` that imports ``name`` from ``exports[name]``
    (a module path relative to ``package``, e.g. ``".model"``) when it is first asked for."""

    def __getattr__(name: str) -> Any:
        if name in exports:
            return getattr(import_module(exports[name], package), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
