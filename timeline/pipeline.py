"""The build: events.yaml + corpus -> extraction (cached) -> links -> Timeline -> page and JSON.

What the CLI calls: :func:`build_timeline`, :func:`build_and_write` and
:func:`iter_extraction_records`.

Reference time. A document's relative dates ("in April", "yesterday") are resolved against its
``published`` date. A document without one is first tagged without a reference time; the
latest explicit past date its body mentions becomes an estimate ("published no earlier than",
see ``timeline.published``), marked ``published_estimated`` with a warning, and the document
is tagged again against it.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from . import temporal
from .cache import (
    Extraction,
    ExtractionCache,
    cache_key,
    corpus_fingerprint,
    load_corpus_cached,
    recently_modified,
)
from .copies import near_duplicates
from .errors import TimelineError
from .events_file import load_events
from .fileio import check_outputs, replace_file
from .link import DocumentLinks, Linker, Timex, split_sentences
from .linkcache import Facts, LinkCache
from .merge import MAX_CANDIDATE_SOURCES, merge_timeline
from .models import Document, DocumentInfo, EventSpec, Timeline
from .published import ESTIMATE_NOTE, estimate_published, mark_estimated, marked_ref
from .temporal import has_language

ProgressFn = Callable[[int, int], None]
WarnFn = Callable[[str], None]
Mode = Literal["news", "narrative"]

MODE: Mode = "news"


# --------------------------------------------------------------------------- extraction


def extraction_key(doc: Document) -> str:
    """The cache key of a document's extraction (its text, reference time, language and
    tagger)."""
    mode = f"{MODE} day-first" if doc.meta.day_first else MODE
    mode += f" {doc.meta.language}"
    return cache_key(doc.sha256, doc.meta.published, mode, temporal.TAGGER_VERSION)


def extract_document(
    doc: Document, *, cache: ExtractionCache | None = None, warn: WarnFn | None = None
) -> Extraction:
    """The tagger output and sentences of one document, from the cache when possible."""
    key = extraction_key(doc)
    extraction = cache.get(key) if cache is not None else None
    if extraction is None:
        dct = doc.meta.published
        estimated = False
        day_first = doc.meta.day_first
        language = doc.meta.language
        if dct is None:
            first = temporal.tag(doc.text, None, mode=MODE, dayfirst=day_first, language=language)
            dct = estimate_published(doc, first)
            estimated = dct is not None
        timexes = tuple(
            temporal.tag(doc.text, dct, mode=MODE, dayfirst=day_first, language=language)
        )
        extraction = Extraction(dct, estimated, timexes, tuple(split_sentences(doc.text)))
        if cache is not None:
            cache.put(key, extraction)
    warn_undated(doc, extraction.dct, warn)
    return extraction


def warn_undated(doc: Document, dct: str | None, warn: WarnFn | None) -> None:
    """Tell the user how a document without a publication date was read."""
    if warn is None or doc.meta.published is not None:
        return
    if dct is not None:
        warn(f"{doc.id}: no publication date; estimated as no earlier than {dct}, {ESTIMATE_NOTE}")
    else:
        warn(
            f"{doc.id}: no publication date and no date in the text to estimate it from; "
            "relative dates such as 'in April' stay unresolved"
        )


def load_documents(
    corpus_dir: Path, *, cache_dir: Path | None = None, warn: WarnFn | None = None
) -> list[Document]:
    """The corpus, from the cache's snapshot when no file under ``corpus_dir`` changed."""
    if cache_dir is None:
        return load_corpus(corpus_dir, warn=warn)
    return load_corpus_cached(corpus_dir, cache_dir, load_corpus, warn=warn)


def load_corpus(root: Path, *, warn: WarnFn | None = None) -> list[Document]:
    """:func:`timeline.read.load_corpus`, imported only when a corpus is read (a rebuild
    from the snapshot needs neither its YAML nor its HTML parser)."""
    from .read import load_corpus as load

    return load(root, warn=warn)


load_corpus.__module__ = "timeline.read"  # the snapshot is keyed by that package's source


def extract_corpus(
    docs: Sequence[Document],
    *,
    cache_dir: Path | None = None,
    progress: ProgressFn | None = None,
    warn: WarnFn | None = None,
) -> list[Extraction]:
    """Extract every document (``progress(done, total)`` after each), then save the cache."""
    return [
        e
        for e in extract_needed(docs, cache_dir=cache_dir, progress=progress, warn=warn)
        if e is not None
    ]


def extract_needed(
    docs: Sequence[Document],
    *,
    known: Sequence[Facts | None] | None = None,
    cache_dir: Path | None = None,
    progress: ProgressFn | None = None,
    warn: WarnFn | None = None,
) -> list[Extraction | None]:
    """The extraction of every document whose facts are not ``known`` (None for the others,
    whose cache entries are kept), then save the cache."""
    cache = ExtractionCache(cache_dir, warn=warn) if cache_dir is not None else None
    out: list[Extraction | None] = []
    try:
        for i, doc in enumerate(docs, 1):
            facts = known[i - 1] if known is not None else None
            if facts is None:
                out.append(extract_document(doc, cache=cache, warn=warn))
            else:
                if cache is not None:
                    cache.retain(extraction_key(doc))
                warn_undated(doc, facts.dct, warn)
                out.append(None)
            if progress is not None:
                progress(i, len(docs))
    finally:
        if cache is not None:
            cache.save()
    return out


def document_info(doc: Document, extraction: Extraction | Facts) -> DocumentInfo:
    """How the page shows a document; an estimated publication date is marked as such."""
    meta = doc.meta
    estimate = meta.published is None and extraction.dct_estimated
    return DocumentInfo(
        id=doc.id,
        path=doc.path,
        title=meta.title,
        publisher=meta.publisher,
        author=meta.author,
        url=meta.url,
        published=meta.published if meta.published is not None else extraction.dct,
        published_estimated=meta.published_estimated or extraction.dct_estimated,
        published_from="estimate" if estimate else doc.published_from,
        published_note=f"no earlier than {ESTIMATE_NOTE}" if estimate else None,
        language=meta.language,
        sha256=doc.sha256,
    )


# --------------------------------------------------------------------------- build


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the duration of a build.

    A build of a large corpus creates hundreds of thousands of small objects (timexes,
    sentences, sources) and no reference cycles; the cyclic collector would walk all of them
    again and again (a third of a warm rebuild of 10,000 documents). Reference counting still
    frees everything as usual.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def link_and_merge(
    specs: Sequence[EventSpec],
    docs: Sequence[Document],
    extractions: Sequence[Extraction],
    *,
    max_candidate_sources: int | None = MAX_CANDIDATE_SOURCES,
    link_cache: LinkCache | None = None,
) -> Timeline:
    """Link every document to the curated events and merge.

    A candidate lists at most ``max_candidate_sources`` sentences (None: every one). With a
    ``link_cache``, only the documents that changes to the events' aliases can affect are
    linked again; without one this is pure (no I/O).
    """
    linker = Linker(specs)
    if link_cache is not None:
        links = link_cache.link_all(linker, specs, docs, extractions)
    else:
        links = [
            linker.link_document(doc, ext.sentences, ext.timexes)
            for doc, ext in zip(docs, extractions, strict=True)
        ]
    facts = [Facts.of(ext) for ext in extractions]
    return _merge(specs, docs, links, facts, max_candidate_sources)


def _merge(
    specs: Sequence[EventSpec],
    docs: Sequence[Document],
    links: Sequence[DocumentLinks],
    facts: Sequence[Facts],
    max_candidate_sources: int | None = MAX_CANDIDATE_SOURCES,
) -> Timeline:
    infos = [document_info(doc, f) for doc, f in zip(docs, facts, strict=True)]
    timeline = merge_timeline(
        specs,
        links,
        infos,
        timexes=sum(f.timexes for f in facts),
        max_candidate_sources=max_candidate_sources,
        copies=near_duplicates(docs),
    )
    return mark_estimated(timeline, docs)


def link_cache_for(cache_dir: Path) -> LinkCache:
    """The link cache of a cache folder, for extractions of this tagger and mode."""
    return LinkCache(cache_dir, tagger=f"{MODE} {temporal.TAGGER_VERSION}")


@dataclass(slots=True)
class Session:
    """What one long-running process keeps between builds (``timeline build --watch``).

    When no file under the corpus folder changed since the last build, the next one reuses
    its documents and extractions: a rebuild after an events.yaml edit then reads neither the
    corpus nor the extraction cache again. The warnings of the reading are given again.
    """

    key: tuple[str, str, str] | None = None
    files: list[list[Any]] | None = None
    docs: list[Document] = field(default_factory=list)
    extractions: list[Extraction] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def read(
        self,
        corpus_dir: Path,
        *,
        cache_dir: Path | None,
        progress: ProgressFn | None,
        warn: WarnFn | None,
    ) -> tuple[list[Document], list[Extraction]]:
        """The documents and their extractions, reused when the corpus did not change."""
        key = (str(Path(corpus_dir).resolve()), MODE, temporal.TAGGER_VERSION)
        files = corpus_fingerprint(Path(corpus_dir))
        if files is not None and key == self.key and files == self.files:
            for message in self.warnings:
                if warn is not None:
                    warn(message)
            if progress is not None:
                progress(len(self.docs), len(self.docs))
            return self.docs, self.extractions
        given: list[str] = []

        def keep(message: str) -> None:
            given.append(message)
            if warn is not None:
                warn(message)

        docs = load_documents(Path(corpus_dir), cache_dir=cache_dir, warn=keep)
        extractions = extract_corpus(docs, cache_dir=cache_dir, progress=progress, warn=keep)
        # A file modified this recently may change again unseen within the clock's tick.
        trusted = files is not None and not recently_modified(files)
        if trusted and files == corpus_fingerprint(Path(corpus_dir)):
            self.key, self.files = key, files
            self.docs, self.extractions, self.warnings = docs, extractions, given
        else:
            self.key, self.files = None, None
        return docs, extractions


def build_timeline(
    corpus_dir: Path,
    events_path: Path,
    *,
    cache_dir: Path | None = None,
    progress: ProgressFn | None = None,
    warn: WarnFn | None = None,
    session: Session | None = None,
) -> Timeline:
    """Read events.yaml (first, so a broken file fails before any reading) and the corpus.

    Raises:
        EventsFileError: events.yaml is missing or invalid.
        CorpusError: the corpus folder is missing or holds no readable document.
    """
    specs = load_events(Path(events_path))
    with cyclic_gc_paused():
        if session is not None:
            docs, extractions = session.read(
                Path(corpus_dir), cache_dir=cache_dir, progress=progress, warn=warn
            )
            link_cache = link_cache_for(cache_dir) if cache_dir is not None else None
            return link_and_merge(specs, docs, extractions, link_cache=link_cache)
        docs = load_documents(Path(corpus_dir), cache_dir=cache_dir, warn=warn)
        if cache_dir is None:
            extractions = extract_corpus(docs, progress=progress, warn=warn)
            return link_and_merge(specs, docs, extractions)
        # Documents whose links can be rebuilt from the link cache need no extraction at all.
        link_cache = link_cache_for(cache_dir)
        linker = Linker(specs)
        planned = link_cache.plan(linker, specs, docs)
        known = [p[1] if p is not None else None for p in planned]
        needed = extract_needed(
            docs, known=known, cache_dir=cache_dir, progress=progress, warn=warn
        )
        links, facts = link_cache.link(linker, docs, needed, planned)
        return _merge(specs, docs, links, facts)


def _count(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def summary_text(timeline: Timeline) -> str:
    """``Read 4 documents: 57 temporal expressions, 12 events, 9 candidates, 0 conflicts.``

    Then a line on documents in a language the tagger does not read yet, and one on how to
    add a curated event when there is none.
    """
    s = timeline.summary
    lines = [
        f"Read {_count(s.documents, 'document')}: "
        f"{_count(s.timexes, 'temporal expression')}, {_count(s.events, 'event')}, "
        f"{_count(s.candidates, 'candidate')}, {_count(s.conflicts, 'conflict')}."
    ]
    other = Counter(
        d.language for d in timeline.documents if d.language and not has_language(d.language)
    )
    if other:
        kinds = ", ".join(f"{lang} {n}" for lang, n in sorted(other.items(), key=str))
        lines.append(
            f"{_count(other.total(), 'document')} in a language the tagger does not read yet "
            f"({kinds}): their dates are read with English rules, numeric dates day first "
            "where the language puts the day first."
        )
    if s.events == 0:
        lines.append(
            "No curated events yet: add one to events.yaml (an id, a title, a date and the "
            "aliases that name it), or let `timeline suggest` propose some."
        )
    return "\n".join(lines)


def write_json(timeline: Timeline, path: Path) -> None:
    """The JSON contract, written atomically."""
    try:
        replace_file(Path(path), timeline.model_dump_json(indent=2) + "\n")
    except OSError as e:
        raise TimelineError(f"cannot write {path}: {e.strerror or e}") from e


def build_and_write(
    corpus_dir: Path,
    events_path: Path,
    output: Path,
    *,
    json_path: Path | None = None,
    cache_dir: Path | None = None,
    progress: ProgressFn | None = None,
    warn: WarnFn | None = None,
    session: Session | None = None,
) -> str:
    """Build, write the page (and the JSON when asked) and return the summary to print.

    ``session`` carries what a long-running process reuses from one build to the next.

    Raises:
        OutputError: before anything is read, when an output would replace an input or land
            inside the corpus folder.
    """
    check_outputs([output, json_path], corpus_dir=corpus_dir, inputs=[events_path])
    from .render import write_html  # the renderer is loaded only when a page is written

    # The collector stays paused until the timeline is written and dropped: the collection
    # that follows then has little left to walk.
    with cyclic_gc_paused():
        timeline = build_timeline(
            corpus_dir,
            events_path,
            cache_dir=cache_dir,
            progress=progress,
            warn=warn,
            session=session,
        )
        write_html(timeline, Path(output), corpus_dir=Path(corpus_dir))
        lines = [summary_text(timeline), f"Wrote {output}"]
        if json_path is not None:
            write_json(timeline, Path(json_path))
            lines.append(f"Wrote {json_path}")
        del timeline
    return "\n".join(lines)


# --------------------------------------------------------------------------- extract


def iter_extraction_records(
    corpus_dir: Path,
    *,
    cache_dir: Path | None = None,
    progress: ProgressFn | None = None,
    warn: WarnFn | None = None,
    events_path: Path | None = None,
    with_text: bool = False,
) -> Iterator[dict[str, Any]]:
    """One JSON-ready record per document: the raw extraction behind ``timeline extract``.

    A record is ``{"id", "path", "meta", "sha256", "timexes", "mentions"}``; ``with_text``
    adds ``"text"`` (what was tagged) and ``"sections"`` (``{"kind": "body" | "comment",
    "start", "end"}``). ``meta`` holds
    the publication date actually used (an estimate is marked ``published_estimated``).
    ``mentions`` lists every sentence that carries a temporal expression or names an event:
    ``{"start", "end", "quote", "section", "timexes", "events"}``.

    The extraction does not depend on events.yaml: ``events`` lists the ids of the events of
    ``events_path`` the sentence names when that file is given (it is read first, so a broken
    file fails before any reading), and is empty otherwise.
    """
    specs = load_events(Path(events_path)) if events_path is not None else []
    linker = Linker(specs)
    docs = load_documents(Path(corpus_dir), cache_dir=cache_dir, warn=warn)
    cache = ExtractionCache(cache_dir, warn=warn) if cache_dir is not None else None
    try:
        for i, doc in enumerate(docs, 1):
            ext = extract_document(doc, cache=cache, warn=warn)
            record = extraction_record(doc, ext, linker)
            if with_text:
                record["text"] = doc.text
                record["sections"] = [
                    {"kind": kind, "start": start, "end": end}
                    for kind, start, end in doc.sections()
                ]
            yield record
            if progress is not None:
                progress(i, len(docs))
    finally:
        if cache is not None:
            cache.save()


def extraction_record(doc: Document, ext: Extraction, linker: Linker) -> dict[str, Any]:
    """The ``timeline extract`` record of one document."""
    meta = doc.meta.model_dump(mode="json")
    meta["published_from"] = doc.published_from
    if doc.meta.published is None and ext.dct is not None:
        meta["published"] = ext.dct
        meta["published_estimated"] = True
        meta["published_from"] = "estimate"
    estimated = bool(meta["published_estimated"])
    links = linker.link_document(doc, ext.sentences, ext.timexes, mentions=True)

    def ref(t: Timex) -> dict[str, Any]:
        return marked_ref(t, estimated).model_dump(mode="json")

    return {
        "id": doc.id,
        "path": doc.path,
        "meta": meta,
        "sha256": doc.sha256,
        "timexes": [ref(t) for t in ext.timexes],
        "mentions": [
            {
                "start": start,
                "end": end,
                "quote": doc.text[start:end],
                "section": section,
                "timexes": [ref(t) for t in timexes],
                "events": events,
            }
            for start, end, section, timexes, events in links.mentions
        ],
    }
