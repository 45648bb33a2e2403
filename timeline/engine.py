"""Where the extract stage runs: this machine's cores, or an existing Dask cluster.

:func:`run_extract` takes the inputs of the documents to extract and yields their
extractions' JSON forms in the same order, as they come. At most a few batches per worker are
in flight at any time, so memory is bounded by the work in flight, not by the corpus.

- ``local`` (the default): a process pool with ``jobs`` workers (all cores by default). Work
  smaller than :data:`POOL_THRESHOLD` characters runs in this process: starting workers that
  each load the tagger would cost more than it saves.
- ``dask``: the batches go to the Dask scheduler at ``scheduler`` (``tcp://HOST:PORT``); its
  workers need this package installed. This module is the only one that imports dask.

The result is the same whichever engine runs: each batch is a pure function of its inputs.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, Literal

from .errors import TimelineError
from .extract import ExtractInput, extract_json, load_tagger

EngineName = Literal["local", "dask"]
POOL_THRESHOLD = 400_000  # characters of text: about a second of tagging
BATCH_CHARS = 60_000  # text per batch sent to a worker
IN_FLIGHT = 3  # batches per worker waiting or running


class EngineError(TimelineError):
    """The chosen engine cannot run (dask missing, scheduler unreachable)."""


@dataclass(frozen=True, slots=True)
class Engine:
    """Which engine runs the extract stage, and how."""

    name: EngineName = "local"
    jobs: int | None = None  # local workers; None: every core
    scheduler: str | None = None  # dask: tcp://HOST:PORT

    def workers(self) -> int:
        """The local workers to start (at least one)."""
        return max(1, self.jobs if self.jobs is not None else os.cpu_count() or 1)


LOCAL = Engine()  # every core of this machine


def extract_batch(batch: Sequence[ExtractInput]) -> list[dict[str, Any]]:
    """The extract stage over one batch (what a worker runs)."""
    return [extract_json(given) for given in batch]


def batches(inputs: Iterable[ExtractInput]) -> Iterator[list[ExtractInput]]:
    """Consecutive inputs grouped into batches of about :data:`BATCH_CHARS` characters."""
    batch: list[ExtractInput] = []
    size = 0
    for given in inputs:
        batch.append(given)
        size += len(given[0])
        if size >= BATCH_CHARS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def run_extract(inputs: Sequence[ExtractInput], engine: Engine) -> Iterator[dict[str, Any]]:
    """The extraction of every input, in order, from the engine chosen."""
    if engine.name == "dask":
        yield from _run_dask(inputs, engine)
        return
    workers = engine.workers()
    if workers == 1 or sum(len(g[0]) for g in inputs) < POOL_THRESHOLD:
        for given in inputs:
            yield extract_json(given)
        return
    yield from _run_pool(inputs, workers)


def _run_pool(inputs: Sequence[ExtractInput], workers: int) -> Iterator[dict[str, Any]]:
    forked = "fork" in multiprocessing.get_all_start_methods()
    if forked:  # the workers start at once, with the grammar this process compiled for all
        load_tagger()
    context = multiprocessing.get_context("fork" if forked else None)
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        yield from _ordered(pool.submit, batches(inputs), workers * IN_FLIGHT)


def _ordered(submit: Any, work: Iterator[list[ExtractInput]], window: int) -> Iterator[Any]:
    """Submit batches keeping at most ``window`` in flight; yield their results in order."""
    queue: deque[Future[list[dict[str, Any]]]] = deque()
    for batch in work:
        queue.append(submit(extract_batch, batch))
        if len(queue) >= window:
            yield from queue.popleft().result()
    while queue:
        yield from queue.popleft().result()


def _run_dask(inputs: Sequence[ExtractInput], engine: Engine) -> Iterator[dict[str, Any]]:
    try:
        from distributed import Client
    except ImportError as e:
        raise EngineError("--engine dask needs the dask extra: pip install 'timeline[dask]'") from e
    if not engine.scheduler:
        raise EngineError("--engine dask needs --scheduler tcp://HOST:PORT")
    try:
        client = Client(engine.scheduler, timeout=10, set_as_default=False)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as e:
        raise EngineError(f"cannot reach the Dask scheduler at {engine.scheduler}: {e}") from e
    try:
        window = IN_FLIGHT * max(1, len(client.scheduler_info().get("workers", {})))

        def submit(fn: Any, batch: list[ExtractInput]) -> Any:
            return client.submit(fn, batch, pure=False)

        yield from _ordered(submit, batches(inputs), window)
    finally:
        client.close()  # type: ignore[no-untyped-call]
