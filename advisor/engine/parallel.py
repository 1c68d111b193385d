"""Spreading independent work (appraisals, engine re-runs) over worker processes, results in input order."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
CHUNKS_PER_WORKER = 16


def parallel_map(
    fn: Callable[[T], R],
    items: Iterable[T],
    workers: int = 1,
    progress: Callable[[int], Any] | None = None,
    initializer: Callable[[], None] | None = None,
) -> list[R]:
    """``[fn(item) for item in items]``, over ``workers`` processes when there are several
    items; ``progress(n)`` is called as each ``n`` results arrive. ``fn`` must be picklable and
    ``initializer`` runs once in each worker (e.g. to build its engine)."""
    items = list(items)
    if workers <= 1 or len(items) < 2:
        results = []
        for item in items:
            results.append(fn(item))
            if progress:
                progress(1)
        return results
    workers = min(workers, len(items))
    chunksize = max(1, len(items) // (workers * CHUNKS_PER_WORKER))
    results = []
    with ProcessPoolExecutor(max_workers=workers, initializer=initializer) as pool:
        for result in pool.map(fn, items, chunksize=chunksize):
            results.append(result)
            if progress:
                progress(1)
    return results
