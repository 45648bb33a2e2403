"""Where the extract and link stages run: this machine's cores, or an existing Dask cluster.

:func:`run_extract` takes the documents to extract and yields, in the same order, as they
come, each one's :class:`Worked`: its extraction's JSON form, the skeleton of its links
(``timeline.relink``), its near-duplicate signature and what the merged state keeps of its
text (:class:`Traits`), so that the process that merges only merges. The curated events go
to each worker once (compiled, in a :class:`~timeline.relink.Linking`), not with every
document. :func:`read_and_extract` takes the files of a corpus instead: each worker reads a
file, detects its language, extracts and links it, so every core works from the first
document. At most a few batches per worker are in flight at any time, so memory is bounded by
the work in flight, not by the corpus.

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
from typing import Any, Literal, NamedTuple, TypeVar

from .copies import Signature, band_keys, signature, signature_key
from .errors import TimelineError
from .extract import Extraction, extract_input, extract_json, extraction_key, load_tagger
from .models import Document
from .read.folder import FileJob, FileRead, read_job
from .read.language import load_detector, unload_detector
from .relink import Linking
from .snapshot import word_heads

EngineName = Literal["local", "dask"]
POOL_THRESHOLD = 400_000  # characters of text (bytes of files): about a second of tagging
BATCH_CHARS = 60_000  # text per batch sent to a worker
IN_FLIGHT = 3  # batches per worker waiting or running
T = TypeVar("T")


class Traits(NamedTuple):
    """What the merged state keeps of a document's text (``timeline.snapshot``)."""

    signature_key: str  # what its near-duplicate signature is stored under
    bands: str  # the keys of its signature's buckets, space-separated (one string to hold)
    heads: str | None  # its word heads


class Worked(NamedTuple):
    """What a worker makes of one document."""

    extraction: dict[str, Any]  # its JSON form
    skeleton: dict[str, Any]  # of its links (``timeline.relink``)
    signature: Signature | None  # its near-duplicate signature (``timeline.copies``)
    traits: Traits


def traits(doc: Document, found: Signature | None) -> Traits:
    """What the merged state keeps of the text of ``doc``, whose signature is ``found``."""
    return Traits(signature_key(doc), " ".join(band_keys(found)), word_heads(doc.text))


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


def worked(doc: Document, linking: Linking) -> Worked:
    """The extract and link stages over one document, with what finding its copies and
    updating the merged state need of its text."""
    raw = extract_json(extract_input(doc))
    _, skeleton = linking.linked(doc, Extraction.made(raw))
    found = signature(doc)
    return Worked(raw, skeleton, found, traits(doc, found))


def work_batch(batch: Sequence[tuple[Document, str]], linking: Linking) -> list[Worked]:
    """:func:`worked` over one batch of documents and their extraction keys (what a Dask
    worker runs)."""
    return [worked(doc, linking) for doc, _ in batch]


def pool_batch(batch: Sequence[tuple[Document, str]]) -> list[Worked]:
    """:func:`work_batch` in a worker of the local pool, with the events it started with."""
    assert _linking is not None  # set when the worker starts
    return work_batch(batch, _linking)


def batches(docs: Iterable[tuple[Document, str]]) -> Iterator[list[tuple[Document, str]]]:
    """Consecutive documents grouped into batches of about :data:`BATCH_CHARS` characters."""
    return _grouped(docs, lambda given: len(given[0].text))


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


def run_extract(
    docs: Sequence[tuple[Document, str]], engine: Engine, linking: Linking
) -> Iterator[Worked]:
    """What :func:`worked` gives for every document and its extraction key, in order, from the
    engine chosen."""
    if engine.name == "dask":
        yield from _run_dask(docs, engine, linking)
        return
    workers = engine.workers()
    if workers == 1 or sum(len(doc.text) for doc, _ in docs) < POOL_THRESHOLD:
        for doc, _ in docs:
            yield worked(doc, linking)
        return
    yield from _run_pool(docs, workers, linking)


def _run_pool(
    docs: Sequence[tuple[Document, str]], workers: int, linking: Linking
) -> Iterator[Worked]:
    with _pool(workers, linking, detects=False) as pool:
        yield from _ordered(pool.submit, pool_batch, batches(docs), workers * IN_FLIGHT)


# In a worker of the local pool (set when it starts): what it links documents against, and
# the extraction keys the store holds, which it does not compute.
_linking: Linking | None = None
_stored: frozenset[str] = frozenset()


def _know(linking: Linking, stored: frozenset[str]) -> None:
    global _linking, _stored
    _linking, _stored = linking, stored


# A reading, its extraction key and, unless the store holds that key, its extraction and links.
Read = tuple[FileRead, str | None, Worked | None]


def read_and_extract_one(job: FileJob, stored: frozenset[str], linking: Linking) -> Read:
    """One file read and, unless ``stored`` holds its key, extracted and linked."""
    read = read_job(job)
    if read.document is None:
        return read, None, None
    key = extraction_key(read.document)
    return read, key, None if key in stored else worked(read.document, linking)


def read_and_extract_batch(batch: Sequence[FileJob]) -> list[Read]:
    """:func:`read_and_extract_one` over one batch (what a worker runs)."""
    assert _linking is not None  # set when the worker starts
    return [read_and_extract_one(job, _stored, _linking) for job in batch]


def read_and_extract(
    jobs: Sequence[FileJob], engine: Engine, stored: frozenset[str], linking: Linking
) -> Iterator[Read]:
    """Every file of ``jobs`` read (with the language detected), in order, and each document
    whose extraction key ``stored`` lacks extracted and linked, on this machine's cores
    (``jobs`` workers; the Dask engine's workers read nothing from disk)."""
    workers = engine.workers()
    if workers == 1 or sum(j.size for j in jobs) < POOL_THRESHOLD:
        yield from (read_and_extract_one(job, stored, linking) for job in jobs)
        return
    work = _grouped(jobs, lambda job: job.size)
    unread = any(job.entry is None for job in jobs)
    with _pool(workers, linking, stored, preload=unread) as pool:

        def submit(task: Any, batch: list[FileJob]) -> Future[list[Read]]:
            future = pool.submit(task, batch)
            unload_detector()  # the workers, which detect every language, are forked by now
            return future

        yield from _ordered(submit, read_and_extract_batch, work, workers * IN_FLIGHT)


@contextmanager
def _pool(
    workers: int,
    linking: Linking,
    stored: frozenset[str] = frozenset(),
    *,
    preload: bool = True,
    detects: bool = True,
) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``workers`` processes, forked where the system can: with ``preload`` they
    then start at once, with the grammar and (when they ``detects`` languages) the language
    detector this process loaded for all. Without it (every file memoised: most likely
    nothing to detect or tag) each worker loads what it turns out to need. Each worker
    starts with ``linking`` and ``stored`` (see :func:`_know`)."""
    forked = "fork" in multiprocessing.get_all_start_methods()
    if forked and preload:
        load_tagger()
        if detects:
            load_detector()
    context = multiprocessing.get_context("fork" if forked else None)
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_know, initargs=(linking, stored)
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


def _run_dask(
    docs: Sequence[tuple[Document, str]], engine: Engine, linking: Linking
) -> Iterator[Worked]:
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
        # The events go to each worker once; every task names them.
        events = client.scatter(linking, broadcast=True)  # type: ignore[no-untyped-call]

        def submit(fn: Any, batch: list[tuple[Document, str]]) -> Any:
            return client.submit(fn, batch, events, pure=False)

        yield from _ordered(submit, work_batch, batches(docs), window)
    finally:
        client.close()  # type: ignore[no-untyped-call]
