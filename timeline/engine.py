"""Where the extract stage runs: this machine's cores, or an existing Dask cluster.

:func:`run_extract` takes the inputs of the documents to extract and yields their
extractions' JSON forms in the same order, as they come. :func:`read_and_extract` takes the
files of a corpus instead: each worker reads a file, detects its language and extracts it, so
every core works from the first document. At most a few batches per worker are in flight at
any time, so memory is bounded by the work in flight, not by the corpus.

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
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from .errors import TimelineError
from .extract import ExtractInput, extract_input, extract_json, extraction_key, load_tagger
from .read.folder import FileJob, FileRead, read_job
from .read.language import load_detector, unload_detector

EngineName = Literal["local", "dask"]
POOL_THRESHOLD = 400_000  # characters of text (bytes of files): about a second of tagging
BATCH_CHARS = 60_000  # text per batch sent to a worker
IN_FLIGHT = 3  # batches per worker waiting or running
T = TypeVar("T")


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
    return _grouped(inputs, lambda given: len(given[0]))


def _grouped(items: Iterable[T], size_of: Callable[[T], int]) -> Iterator[list[T]]:
    """Consecutive items grouped into batches of about :data:`BATCH_CHARS` (by ``size_of``)."""
    batch: list[T] = []
    size = 0
    for item in items:
        batch.append(item)
        size += size_of(item)
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
    with _pool(workers, detects=False) as pool:
        yield from _ordered(pool.submit, extract_batch, batches(inputs), workers * IN_FLIGHT)


# In a worker of :func:`read_and_extract`: the extraction keys the store holds (set when the
# worker starts), which the worker does not compute.
_stored: frozenset[str] = frozenset()


def _know(stored: frozenset[str]) -> None:
    global _stored
    _stored = stored


Read = tuple[FileRead, str | None, dict[str, Any] | None]  # a reading, its extraction key, JSON


def read_and_extract_one(job: FileJob, stored: frozenset[str]) -> Read:
    """One file read and, unless ``stored`` holds its key, its extraction."""
    read = read_job(job)
    if read.document is None:
        return read, None, None
    key = extraction_key(read.document)
    return read, key, None if key in stored else extract_json(extract_input(read.document))


def read_and_extract_batch(batch: Sequence[FileJob]) -> list[Read]:
    """:func:`read_and_extract_one` over one batch (what a worker runs)."""
    return [read_and_extract_one(job, _stored) for job in batch]


def read_and_extract(
    jobs: Sequence[FileJob], engine: Engine, stored: frozenset[str]
) -> Iterator[Read]:
    """Every file of ``jobs`` read (with the language detected), in order, and the extraction
    of each document whose key ``stored`` lacks, on this machine's cores (``jobs`` workers;
    the Dask engine's workers read nothing from disk)."""
    workers = engine.workers()
    if workers == 1 or sum(j.size for j in jobs) < POOL_THRESHOLD:
        yield from (read_and_extract_one(job, stored) for job in jobs)
        return
    work = _grouped(jobs, lambda job: job.size)
    unread = any(job.entry is None for job in jobs)
    with _pool(workers, stored, preload=unread) as pool:

        def submit(task: Any, batch: list[FileJob]) -> Future[list[Read]]:
            future = pool.submit(task, batch)
            unload_detector()  # the workers, which detect every language, are forked by now
            return future

        yield from _ordered(submit, read_and_extract_batch, work, workers * IN_FLIGHT)


@contextmanager
def _pool(
    workers: int,
    stored: frozenset[str] = frozenset(),
    *,
    preload: bool = True,
    detects: bool = True,
) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``workers`` processes, forked where the system can: with ``preload`` they
    then start at once, with the grammar and (when they ``detects`` languages) the language
    detector this process loaded for all. Without it (every file memoised: most likely
    nothing to detect or tag) each worker loads what it turns out to need."""
    forked = "fork" in multiprocessing.get_all_start_methods()
    if forked and preload:
        load_tagger()
        if detects:
            load_detector()
    context = multiprocessing.get_context("fork" if forked else None)
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_know, initargs=(stored,)
    ) as pool:
        yield pool


def _ordered(submit: Any, task: Any, work: Iterator[list[Any]], window: int) -> Iterator[Any]:
    """Submit batches keeping at most ``window`` in flight; yield their results in order."""
    queue: deque[Future[list[Any]]] = deque()
    for batch in work:
        queue.append(submit(task, batch))
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

        yield from _ordered(submit, extract_batch, batches(inputs), window)
    finally:
        client.close()  # type: ignore[no-untyped-call]
