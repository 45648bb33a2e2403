"""The one pipeline: read -> extract -> link -> merge, for every command.

:func:`run_pipeline` reads the corpus, takes each document's extraction and links from the
store (``timeline.store``) or computes them (the extract stage on the chosen engine, every
core by default), and merges the timeline. ``build``, ``export``, ``check``, ``suggest``,
``extract`` and ``build --watch`` all call it and differ only in what they do with the
result. A document whose links its stored skeleton gives (``timeline.relink``) needs no
extraction at all, and a build of a corpus whose files, aliases and code are those of the
build before reads no file: it is answered from the merged state that build kept
(``timeline.snapshot``). How a document without a publication date is read:
``timeline.extract``.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Collection, Generator, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import copies, extract, snapshot
from .copies import signature_key
from .engine import LOCAL, Engine, Read, Traits, Worked, read_and_extract, run_extract, traits
from .errors import CorpusError
from .events_file import load_events
from .extract import Extraction, extraction_key
from .link import DocumentLinks, Linker
from .merge import (
    MAX_CANDIDATE_SOURCES,
    Candidate,
    Merged,
    curated_events,
    first_writers,
    made_events,
)
from .merge_stage import StoredCandidates, merge, stored_signatures
from .models import CorpusSource, Document, EventSpec, Timeline, TimelineEvent
from .published import ESTIMATE_NOTE
from .relink import Facts, Linked, Linking, LinkPlan, link_key
from .snapshot import (
    DeltaState,
    DocumentGives,
    DocumentState,
    Kept,
    KeptMerge,
    MergedState,
    candidate_row,
    date_name,
    load_state,
    save_whole_state,
    state_code,
    stored_candidates,
)
from .store import Store, code_digest, input_digest

if TYPE_CHECKING:
    from .read import CorpusReading

ProgressFn = Callable[[int, int], None]
WarnFn = Callable[[str], None]
ReadFn = Callable[..., list[Document]]
FLUSH_EVERY = 256  # documents computed between two writes to the store
UNDATED_LISTED = 3  # undated documents warned about one by one; more are counted
UNRESOLVED = "relative dates such as 'in April' stay unresolved"


def read_corpus(
    root: Path, *, warn: WarnFn | None = None, store: Store | None = None
) -> list[Document]:
    """:func:`timeline.read.load_corpus`, imported only when a corpus is read, with the read
    stage's memo in ``store`` (an unchanged file's metadata is not parsed again, nor its
    language detected)."""
    from .read import ReadMemo, load_corpus

    return load_corpus(root, warn=warn, memo=ReadMemo(store) if store is not None else None)


@dataclass(slots=True)
class Result:
    """What the pipeline gives a command."""

    specs: list[EventSpec]
    docs: list[Document]
    merged: Merged
    extractions: list[Extraction] | None  # only when asked for
    traits: dict[str, Traits] = field(default_factory=dict)  # by id, those the workers made
    heads_stored: bool = False  # the word heads of ``traits`` are in the store, not in them

    @property
    def timeline(self) -> Timeline:
        """The whole timeline, every candidate made into an event."""
        return self.merged.timeline()


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the duration of a build.

    A build of a large corpus creates hundreds of thousands of small objects (timexes,
    sentences, sources) and no reference cycles; the cyclic collector would walk all of them
    again and again. Reference counting still frees everything as usual.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def run_pipeline(
    corpus_dir: Path,
    specs: Sequence[EventSpec],
    *,
    store: Store,
    engine: Engine = LOCAL,
    progress: ProgressFn | None = None,
    warn: WarnFn | None = None,
    read: ReadFn | None = None,
    with_extractions: bool = False,
    max_candidate_sources: int | None = MAX_CANDIDATE_SOURCES,
) -> Result:
    """Every stage over the corpus. ``with_extractions`` keeps every document's extraction in
    the result (``check``, ``suggest`` and ``extract`` need them; a build does not). ``read``
    gives the documents (None: the corpus is read on the engine's workers, see
    :func:`read_stage`).

    Raises:
        CorpusError: the corpus folder is missing or holds no readable document.
    """
    with cyclic_gc_paused():
        plan = LinkPlan(store, specs, Linker(specs))
        total, chunks = read_stage(Path(corpus_dir), store, engine, warn, read, plan.linking)
        return linked_and_merged(
            specs,
            plan,
            store,
            total,
            chunks,
            progress=progress,
            warn=warn,
            with_extractions=with_extractions,
            max_candidate_sources=max_candidate_sources,
        )


def linked_and_merged(
    specs: Sequence[EventSpec],
    plan: LinkPlan,
    store: Store,
    total: int,
    chunks: Iterator[tuple[Chunk, Engine]],
    *,
    progress: ProgressFn | None = None,
    warn: WarnFn | None = None,
    with_extractions: bool = False,
    max_candidate_sources: int | None = MAX_CANDIDATE_SOURCES,
    kept: KeptMerge | None = None,
    store_heads: bool = False,
) -> Result:
    """The stages after reading, over the ``total`` documents of ``chunks`` (see
    :func:`run_pipeline`; ``kept``: see :func:`merge`). With ``store_heads``, the word heads
    the workers made go to the store as they come (:func:`heads_kept`)."""
    rows: list[Row] = []
    traits: dict[str, Traits] = {}
    reported = [0]

    def report(done: int) -> None:
        if progress is not None:
            reported[0] = min(len(rows) + done, total)
            progress(reported[0], total)

    try:
        for chunk, chunk_engine in chunks:
            rows += link_chunk(chunk, plan, store, chunk_engine, with_extractions, report)
            plan.flush()  # the skeletons of the chunk are stored, not held to the end
            made = [(doc.id, work.traits) for doc, _, work in chunk if work is not None]
            traits.update(heads_kept(store, made) if store_heads else made)
    finally:
        plan.flush()
    if progress is not None and reported[0] < total:
        progress(total, total)
    rows.sort(key=lambda row: row[0].id)
    docs = [doc for doc, *_ in rows]
    linked = [links for _, _, links, _ in rows]
    plan.finish([link_key(doc, key) for doc, key, _, _ in rows])
    store.keep_only(extract.STAGE, extract_code(), [key for _, key, _, _ in rows])
    if warn is not None:
        undated = [
            (doc.id, doc.meta.published is None, d.facts.dct)
            for doc, d in zip(docs, linked, strict=True)
        ]
        warn_undated(undated, warn)
    known = {doc_id: made.signature_key for doc_id, made in traits.items()}
    merged = merge(specs, docs, linked, max_candidate_sources, store, kept, known)
    extractions = [ext for *_, ext in rows if ext is not None] if with_extractions else None
    return Result(list(specs), docs, merged, extractions, traits, store_heads)


def heads_kept(store: Store, made: Sequence[tuple[str, Traits]]) -> list[tuple[str, Traits]]:
    """Store the word heads of ``made`` (per document id, the traits its worker made) for the
    state the build keeps, and give the traits without them: the merging process holds no
    document's heads until the state is written."""
    heads = [(doc_id, traits.heads, traits.heads) for doc_id, traits in made]
    store.put_many(snapshot.HEADS, code_digest(snapshot.PACKAGE), heads)
    return [(doc_id, traits._replace(heads=None)) for doc_id, traits in made]


# A document read, its extraction key, and its extraction and links when computed as it was
# read (None: from the store, or to compute).
Chunk = list[tuple[Document, str, Worked | None]]
# A document, its extraction key, its links and facts, and its extraction when kept.
Row = tuple[Document, str, Linked, Extraction | None]
IN_PROCESS = Engine(jobs=1)


def read_stage(
    root: Path,
    store: Store,
    engine: Engine,
    warn: WarnFn | None,
    read: ReadFn | None,
    linking: Linking,
) -> tuple[int, Iterator[tuple[Chunk, Engine]]]:
    """The documents of the corpus, in chunks, each with the engine that extracts what the
    chunk lacks; and how many files there are to read.

    With the local engine and no ``read`` given, the files are read on the engine's workers,
    and each worker also extracts and links (against ``linking``) the documents the store
    does not hold: both cores work from the first document, and this process only keeps what
    they made.
    Otherwise (``read`` given, or the Dask engine, whose workers read nothing from disk) the
    documents are read in this process, in one chunk extracted by the engine.
    """
    if read is not None or engine.name == "dask":
        docs = (read or read_corpus)(root, warn=warn, store=store)
        return len(docs), iter([([(doc, extraction_key(doc), None) for doc in docs], engine)])
    from .read import CorpusReading, ReadMemo

    reading = CorpusReading(root, warn=warn, memo=ReadMemo(store))
    return streamed_reading(reading, store, engine, linking)


def streamed_reading(
    reading: CorpusReading, store: Store, engine: Engine, linking: Linking
) -> tuple[int, Iterator[tuple[Chunk, Engine]]]:
    """The documents of ``reading``, read on the engine's workers (see :func:`read_stage`)."""
    stored = store.keys(extract.STAGE, extract_code())
    reads = read_and_extract(reading.jobs, engine, stored, linking)
    return len(reading.jobs), _streamed(reading, reads)


def _streamed(reading: CorpusReading, reads: Iterator[Read]) -> Iterator[tuple[Chunk, Engine]]:
    """The documents of ``reads`` in chunks of :data:`FLUSH_EVERY` (what is left to extract
    is extracted in this process); the reading finished at the end."""
    chunk: Chunk = []
    for read, key, work in reads:
        doc = reading.take(read)
        if doc is not None and key is not None:
            chunk.append((doc, key, work))
        if len(chunk) >= FLUSH_EVERY:
            yield chunk, IN_PROCESS
            chunk = []
    if chunk:
        yield chunk, IN_PROCESS
    reading.finish()


def link_chunk(
    chunk: Chunk,
    plan: LinkPlan,
    store: Store,
    engine: Engine,
    with_extractions: bool,
    report: Callable[[int], None],
) -> list[Row]:
    """The links of a chunk of documents: rebuilt from the store, made with the extraction
    as the document was read, or linked from their extraction (from the store, or computed
    by ``engine`` with the links)."""
    docs = [doc for doc, _, _ in chunk]
    keys = [key for _, key, _ in chunk]
    link_keys = [link_key(doc, key) for doc, key in zip(docs, keys, strict=True)]
    done: list[Linked | None] = plan.reuse(docs, link_keys)
    computed = [work for _, _, work in chunk]
    signatures_kept = keep_computed(store, keys, computed)
    ready = True  # every document so far is linked and needs nothing more
    for i, work in enumerate(computed):
        if done[i] is None and work is not None:
            done[i] = plan.adopt(docs[i], link_keys[i], work.skeleton)
        ready = ready and done[i] is not None and not with_extractions
        if ready and work is not None:
            report(i + 1)
    needed = [i for i, d in enumerate(done) if with_extractions or d is None]
    kept: list[Extraction | None] = [None] * len(chunk)
    signed: list[Worked] = []  # what the engine made of a document
    # Closed on the way out, so that an interrupted build stores the work it has done.
    with closing(extracted(store, docs, keys, needed, engine, computed, plan.linking)) as stream:
        for i, (ext, work) in zip(needed, stream, strict=True):
            if work is not None and computed[i] is None:
                signed.append(work)
            if done[i] is None and work is not None:
                done[i] = plan.adopt(docs[i], link_keys[i], work.skeleton)
            if done[i] is None:
                done[i] = plan.link(docs[i], link_keys[i], ext)
            if len(plan.pending) >= FLUSH_EVERY:
                plan.flush()
            if with_extractions:
                kept[i] = ext
            report(i + 1)
    keep_signatures(store, signed)
    rows: list[Row] = []
    for doc, key, links, kept_ext, work in zip(docs, keys, done, kept, computed, strict=True):
        assert links is not None  # every document not rebuilt was linked above
        lean = work is not None and signatures_kept and not with_extractions
        rows.append((without_text(doc) if lean else doc, key, links, kept_ext))
    return rows


def without_text(doc: Document) -> Document:
    """``doc`` without its text, once linked by a worker that also made what the merge and
    the kept state need of the text (its :class:`~timeline.engine.Traits`, and its signature,
    kept in the store): the merging process then holds no corpus, only what the documents
    give."""
    return doc.model_copy(update={"text": ""})


def extract_code() -> str:
    """The digest of the extract stage's code and word lists."""
    return code_digest(*extract.CODE_MODULES)


def keep_computed(store: Store, keys: Sequence[str], computed: Sequence[Worked | None]) -> bool:
    """Store the extractions and signatures of ``computed`` (per document, by its extraction
    key, what the worker that read it made, if any); True when the store keeps the
    signatures (the merge reads them back)."""
    made = [
        (key, work.extraction) for key, work in zip(keys, computed, strict=True) if work is not None
    ]
    signatures_kept = keep_signatures(store, [work for work in computed if work is not None])
    front = store.keeps_front  # else the extraction is kept as JSON only
    store.put_many(
        extract.STAGE,
        extract_code(),
        [(key, raw, Extraction.made(raw) if front else None) for key, raw in made],
    )
    return signatures_kept


def keep_signatures(store: Store, made: Sequence[Worked]) -> bool:
    """Store the near-duplicate signatures the workers made of documents (the merge reads
    them back: :func:`stored_signatures`); True when the store keeps them."""
    signatures = [(work.traits.signature_key, work.signature) for work in made]
    code = code_digest(copies.__name__)
    return store.put_many(copies.STAGE, code, [(k, v, v) for k, v in signatures])


def extracted(
    store: Store,
    docs: Sequence[Document],
    keys: Sequence[str],
    needed: Sequence[int],
    engine: Engine,
    computed: Sequence[Worked | None],
    linking: Linking,
) -> Generator[tuple[Extraction, Worked | None], None, None]:
    """The extraction of each document of ``needed``, in order: ``computed`` already (with
    its links, given per document, and stored by :func:`keep_computed`), from the store, or
    computed by the engine with its links against ``linking`` (and stored as it comes); and
    what the worker made of it, when it was made with its links."""
    code = extract_code()
    looked_up = [keys[i] for i in needed if computed[i] is None]
    stored = store.get_many(extract.STAGE, code, looked_up, Extraction.from_json)
    missing = [i for i in needed if computed[i] is None and keys[i] not in stored]
    made = run_extract([(docs[i], keys[i]) for i in missing], engine, linking)
    pending: list[tuple[str, Any, Any]] = []
    try:
        for i in needed:
            ext: Extraction | None = stored.get(keys[i])
            work = computed[i]
            if work is not None:
                ext = Extraction.made(work.extraction)
            elif ext is None:
                work = next(made)
                ext = Extraction.made(work.extraction)
                pending.append((keys[i], work.extraction, ext))
                if len(pending) >= FLUSH_EVERY:
                    store.put_many(extract.STAGE, code, pending)
                    pending = []
            yield ext, work
    finally:
        store.put_many(extract.STAGE, code, pending)


def warn_undated(read: Sequence[tuple[str, bool, str | None]], warn: WarnFn) -> None:
    """Tell the user how the documents without a publication date were read, given for each
    document (in id order) its id, whether its metadata lacks a publication date, and the
    publication date the build used: a line per document, or, when more than
    :data:`UNDATED_LISTED` were read alike, one line that counts them and names the first."""
    undated = [(doc_id, dct) for doc_id, lacking, dct in read if lacking]
    estimated = [(doc_id, dct) for doc_id, dct in undated if dct is not None]
    if len(estimated) <= UNDATED_LISTED:
        for doc_id, dct in estimated:
            warn(
                f"{doc_id}: no publication date; estimated as no earlier than {dct}, "
                + ESTIMATE_NOTE
            )
    else:
        first = ", ".join(f"{doc_id} ({dct})" for doc_id, dct in estimated[:UNDATED_LISTED])
        warn(
            f"{len(estimated):,} documents have no publication date (first: {first}, …); each "
            f"is estimated as no earlier than {ESTIMATE_NOTE}"
        )
    unanchored = [doc_id for doc_id, dct in undated if dct is None]
    why = "no date in the text to estimate it from"
    if len(unanchored) <= UNDATED_LISTED:
        for doc_id in unanchored:
            warn(f"{doc_id}: no publication date and {why}; {UNRESOLVED}")
    else:
        first = ", ".join(unanchored[:UNDATED_LISTED])
        warn(
            f"{len(unanchored):,} documents have no publication date and {why} "
            f"(first: {first}, …); {UNRESOLVED}"
        )


# --------------------------------------------------------------------------- commands


def build_timeline(
    corpus_dir: Path,
    events_path: Path,
    *,
    cache_dir: Path | None = None,
    engine: Engine = LOCAL,
    progress: ProgressFn | None = None,
    warn: WarnFn | None = None,
    store: Store | None = None,
    read: ReadFn | None = None,
) -> Timeline:
    """The timeline of a corpus and its events.yaml (read first, so a broken file fails
    before any reading). ``cache_dir`` holds the store (None: nothing is stored), unless a
    long-lived ``store`` is given.

    Raises:
        EventsFileError: events.yaml is missing or invalid.
        CorpusError: the corpus folder is missing or holds no readable document.
    """
    return build_merged(
        corpus_dir,
        events_path,
        cache_dir=cache_dir,
        engine=engine,
        progress=progress,
        warn=warn,
        store=store,
        read=read,
    ).timeline()


def build_merged(
    corpus_dir: Path,
    events_path: Path,
    *,
    cache_dir: Path | None = None,
    engine: Engine = LOCAL,
    progress: ProgressFn | None = None,
    warn: WarnFn | None = None,
    store: Store | None = None,
    read: ReadFn | None = None,
) -> Merged:
    """:func:`build_timeline`, its candidates made into events only when asked for."""
    specs = load_events(Path(events_path))
    own = store is None
    used = Store(cache_dir, warn=warn) if store is None else store
    try:
        return merged_of(
            Path(corpus_dir),
            specs,
            store=used,
            engine=engine,
            progress=progress,
            warn=warn,
            read=read,
        )
    finally:
        if own:
            used.close()


def merged_of(
    corpus_dir: Path,
    specs: Sequence[EventSpec],
    *,
    store: Store,
    engine: Engine = LOCAL,
    progress: ProgressFn | None = None,
    warn: WarnFn | None = None,
    read: ReadFn | None = None,
) -> Merged:
    """The merged timeline of :func:`run_pipeline`, from the state the store keeps when it
    can be (on the local engine, the corpus read from disk: :func:`stored_or_built`).

    Raises:
        CorpusError: the corpus folder is missing or holds no readable document.
    """
    if read is not None or engine.name == "dask":
        built = run_pipeline(
            corpus_dir, specs, store=store, engine=engine, progress=progress, warn=warn, read=read
        )
        return built.merged
    return stored_or_built(
        corpus_dir, specs, store=store, engine=engine, progress=progress, warn=warn
    )


def documents_of(corpus_dir: Path, paths: Collection[str], store: Store) -> list[Document]:
    """The documents of the corpus at ``paths`` (relative to it), read through the memo in
    ``store`` (the warnings of their reading are not given again)."""
    from .read import CorpusReading, ReadMemo
    from .read.folder import read_job

    reading = CorpusReading(corpus_dir, memo=ReadMemo(store), only=paths)
    read = [read_job(job).document for job in reading.jobs]
    return [doc for doc in read if doc is not None]


def stored_or_built(
    corpus_dir: Path,
    specs: Sequence[EventSpec],
    *,
    store: Store,
    engine: Engine,
    progress: ProgressFn | None,
    warn: WarnFn | None,
) -> Merged:
    """The merged timeline of :func:`run_pipeline` on the local engine: from the merged state
    the store keeps when the corpus, the aliases and the code are as that state was made
    from; that state updated when only a few files or aliases changed
    (``timeline.delta``); else built, and its state kept (``timeline.snapshot``)."""
    from .read import CorpusReading, ReadMemo

    said: list[str] = []

    def say(message: str) -> None:
        said.append(message)
        if warn is not None:
            warn(message)

    with cyclic_gc_paused():
        reading = CorpusReading(corpus_dir, warn=say, memo=ReadMemo(store), look_up=False)
        said.clear()  # the scan's warnings are given by every build
        plan = LinkPlan(store, specs, Linker(specs))
        files = [(job.relative, job.key) for job in reading.jobs]
        code, folder = state_code(MAX_CANDIDATE_SOURCES), folder_digest(reading)
        state = load_state(store)
        if state is not None and (state.code, state.folder) == (code, folder):
            merged = kept_or_updated(state, files, specs, plan, reading, store, say)
            if merged is not None:
                if progress is not None:
                    progress(len(files), len(files))
                return merged
        reading.jobs = reading.look_up(reading.jobs)
        total, chunks = streamed_reading(reading, store, engine, plan.linking)
        kept = KeptMerge()
        saved = all(key is not None for _, key in files)  # else most is read again next time
        if saved:  # the word heads stored as they come belong to the state made now
            store.drop(snapshot.STAGE, code_digest(snapshot.PACKAGE), [snapshot.KEY])
        built = linked_and_merged(
            specs,
            plan,
            store,
            total,
            chunks,
            progress=progress,
            warn=say,
            kept=kept,
            store_heads=saved,
        )
        if saved:
            made_from = (code, folder, files, said)
            save_whole_state(store, whole_state(made_from, built, kept, plan, reading))
    return built.merged


def kept_or_updated(
    state: MergedState,
    files: list[tuple[str, str | None]],
    specs: Sequence[EventSpec],
    plan: LinkPlan,
    reading: CorpusReading,
    store: Store,
    say: WarnFn,
) -> Merged | None:
    """The merged timeline of the kept ``state`` when no file and no alias changed, else of
    that state updated (``timeline.delta``); None when it cannot be (the whole corpus is to
    be merged)."""
    trusted = all(key is not None for _, key in files)
    if trusted and state.aliases == plan.aliases_id and state.files == files:
        merged = from_state(state, specs, plan.linker, store, rebuild_of(reading, specs, store))
        if merged is not None:
            for message in state.warnings:
                say(message)
        return merged
    from .delta import updated

    return updated(state, files, specs, plan, reading, store, say)


def rebuild_of(
    reading: CorpusReading, specs: Sequence[EventSpec], store: Store
) -> Callable[[], Merged]:
    """What builds the corpus of ``reading`` again, whole, the store's candidates aside."""

    def rebuild() -> Merged:
        return run_pipeline(reading.context.root, specs, store=store, engine=IN_PROCESS).merged

    return rebuild


def whole_state(
    made_from: tuple[str, str, list[tuple[str, str | None]], list[str]],
    built: Result,
    kept: KeptMerge,
    plan: LinkPlan,
    reading: CorpusReading,
) -> Kept:
    """The state of a build of the whole corpus (``made_from``: the code, the folder's
    digest, the files and the warnings of the reading) with what updating it needs: the
    documents' word heads and what each gives the candidates, and the mentions of each
    date."""
    merged = built.merged
    dates: dict[str, dict[str, str]] = {}
    quotes: dict[str, dict[str, set[str]]] = {}
    for key, found in kept.mentions.items():
        name = date_name(key)
        for m in found:
            dates.setdefault(m.doc, {})[name] = m.digest
            quotes.setdefault(m.doc, {}).setdefault(m.quote_key, set()).add(name)
    made = traits_of(built, kept, plan.store)
    documents = {
        doc.id: document_state(doc, facts, made[doc.id].bands, reading, made[doc.id].signature_key)
        for doc, facts in zip(built.docs, kept.facts, strict=True)
    }
    gives = {
        doc.id: document_gives(dates.get(doc.id, {}), quotes.get(doc.id, {})) for doc in built.docs
    }
    code, folder, files, warnings = made_from
    whole = MergedState.model_construct(
        code=code,
        folder=folder,
        aliases=plan.aliases_id,
        files=files,
        warnings=warnings,
        documents=merged.documents,
        timexes=merged.timexes,
        candidates=[candidate_row(c) for c in merged.candidates],
        sources=curated_sources(merged.curated),
    )
    delta = DeltaState(
        alias_set=plan.aliases,
        documents=documents,
        copies=kept.copies,
        writers=first_writers(kept.mentions),
    )
    stored = built.traits if built.heads_stored else {}
    heads = {doc.id: made[doc.id].heads for doc in built.docs if doc.id not in stored}
    named = {date_name(key): found for key, found in kept.mentions.items()}
    return Kept(whole, delta, heads, gives, named)


def traits_of(built: Result, kept: KeptMerge, store: Store) -> dict[str, Traits]:
    """What the merged state keeps of the text of every document of ``built``: as the
    workers made it, else made now (from the signatures the merge read, or the store's)."""
    missing = [doc for doc in built.docs if doc.id not in built.traits]
    if not missing:
        return built.traits
    signatures = kept.signatures
    if signatures is None:  # read for every document: the store keeps only those it is given
        signatures = stored_signatures(store, built.docs)
    return {**built.traits, **{doc.id: traits(doc, signatures[doc.id]) for doc in missing}}


def document_state(
    doc: Document,
    facts: Facts,
    bands: str,
    reading: CorpusReading,
    signature: str | None = None,
) -> DocumentState:
    """What updating the state needs of one document (see ``timeline.snapshot``), given the
    facts of its extraction, its signature's bands (space-separated) and its
    :func:`~timeline.copies.signature_key`, when known."""
    return DocumentState(
        path=doc.path,
        signature=signature_key(doc) if signature is None else signature,
        bands=bands,
        pages=doc.pages,
        undated=doc.meta.published is None,
        dct=facts.dct,
        timexes=facts.timexes,
        notes=reading.notes.get(doc.path, []),
        whole=doc.path in reading.context.read_whole,
    )


def document_gives(dates: dict[str, str], quotes: dict[str, set[str]]) -> DocumentGives:
    """What a document gives the candidates as the state keeps it, given the dates it gives
    mentions to (with the digest of its mentions of each) and the quote keys of its dated
    sentences (with the dates of each)."""
    return DocumentGives.model_construct(
        dates=dict(sorted(dates.items())),
        quotes={key: sorted(names) for key, names in sorted(quotes.items())},
    )


def curated_sources(curated: Sequence[TimelineEvent]) -> dict[str, list[CorpusSource]]:
    """The corpus sources of each curated event."""
    return {
        event.id: [s for s in event.sources if isinstance(s, CorpusSource)] for event in curated
    }


def folder_digest(reading: CorpusReading) -> str:
    """The digest of what the reading's counted warnings say besides its files: the files of
    kinds not read, and the rows of ``metadata.csv`` (one may name no document)."""
    rows = sorted((path, row.line, row.meta) for path, row in reading.context.manifest.items())
    unsupported = sorted(reading.scan.unsupported.items())
    return input_digest(json.dumps([rows, unsupported], default=str))


def from_state(
    state: MergedState,
    specs: Sequence[EventSpec],
    linker: Linker,
    store: Store,
    rebuild: Callable[[], Merged],
) -> Merged | None:
    """The merged timeline of a kept ``state``, its curated events' sources judged against
    the current ``specs`` (``rebuild`` makes the candidates' events the store has lost); None
    when the state names an event that is not there."""
    links = DocumentLinks()
    for event_id, sources in state.sources.items():
        if event_id not in linker.spans:
            return None
        for source in sources:
            linker.judge(links, event_id, source)
    lost = LostEvents(rebuild)
    return Merged(
        curated_events(specs, [links]),
        stored_candidates(state, lost.remake),
        state.documents,
        state.timexes,
        StoredCandidates(store, MAX_CANDIDATE_SOURCES),
    )


class LostEvents:
    """The events of kept candidates that the store has lost (a damaged entry), made by
    building the corpus again, once."""

    def __init__(self, build: Callable[[], Merged]) -> None:
        self.build = build
        self.made: dict[str, Candidate] | None = None

    def remake(self, digest: str) -> Callable[[], TimelineEvent]:
        """What makes the event of the candidate ``digest``."""
        return partial(self.event, digest)

    def event(self, digest: str) -> TimelineEvent:
        """The event of the candidate ``digest``, from the corpus built again.

        Raises:
            CorpusError: the corpus no longer gives that candidate (it changed meanwhile).
        """
        if self.made is None:
            merged = self.build()
            made_events(merged.candidates, merged.memo)
            self.made = {c.digest: c for c in merged.candidates}
        found = self.made.get(digest)
        if found is None:
            raise CorpusError("the corpus changed while the timeline was made; build again")
        return found.event()
