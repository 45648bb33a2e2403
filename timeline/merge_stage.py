"""The merge stage against the store: the documents' links merged into one timeline, with
the near-duplicate signatures and the candidates made before read from the store
(:func:`merge`), and what the page shows of each document (:func:`document_info`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from . import copies
from .copies import Signature, near_duplicates, signature, signature_key
from .merge import (
    MAX_CANDIDATE_SOURCES,
    Contribution,
    Merged,
    merge_documents,
)
from .models import Document, DocumentInfo, EventSpec, TimelineEvent
from .published import ESTIMATE_NOTE, mark_sources
from .relink import Facts, Linked
from .salience import publication_day
from .snapshot import KeptMerge
from .store import Store, code_digest, input_digest

CANDIDATES = "candidates"  # the stages of the candidates made before: their short entries
CANDIDATE_EVENTS = "candidate-events"  # and their events
# The code a stored candidate was made by (its mentions are weighed by the link stage's code).
MERGE_MODULES = (
    "timeline.merge",
    "timeline.salience",
    "timeline.dates",
    "timeline.models",
    "timeline.published",
    "timeline.link",
)


def contribution_of(doc: Document, linked: Linked, info: DocumentInfo) -> Contribution:
    """What a linked document offers the candidates, with the digest of how its sources are
    marked (its publication date, estimated or not, and its pages)."""
    return Contribution(
        doc.id,
        publication_day(info.published),
        linked.links.unlinked,
        linked.weights,
        input_digest(info.published, str(info.published_estimated), str(doc.pages)),
    )


def merge(
    specs: Sequence[EventSpec],
    docs: Sequence[Document],
    linked: Sequence[Linked],
    max_candidate_sources: int | None = MAX_CANDIDATE_SOURCES,
    store: Store | None = None,
    kept: KeptMerge | None = None,
    signature_keys: Mapping[str, str] | None = None,
) -> Merged:
    """The merge stage: the documents' links into one timeline (the near-duplicate signatures
    and the candidates made before from ``store`` when it has them); ``kept`` receives what
    the merged state keeps (``timeline.snapshot``); ``signature_keys`` gives, by id, the
    :func:`~timeline.copies.signature_key` of documents whose text is not at hand."""
    infos = [document_info(doc, d.facts) for doc, d in zip(docs, linked, strict=True)]
    parts = [
        contribution_of(doc, d, info)
        for doc, d, info in zip(docs, linked, infos, strict=True)
        if d.links.unlinked
    ]

    estimated = [info for info in infos if info.published_estimated]
    pages = {doc.id: doc.pages for doc in docs if doc.pages}

    def mark(events: list[TimelineEvent]) -> None:  # called for each batch of candidates made
        mark_sources(events, estimated, pages)

    memo = StoredCandidates(store, max_candidate_sources) if store is not None else None
    found = stored_copies(store, docs, kept, signature_keys) if store else near_duplicates(docs)
    merged = merge_documents(
        specs,
        (d.links for d in linked),
        infos,
        parts,
        timexes=sum(d.facts.timexes for d in linked),
        max_candidate_sources=max_candidate_sources,
        copies=found,
        memo=memo,
        mark=mark,
        kept=kept.mentions if kept is not None else None,
    )
    if kept is not None:
        kept.copies, kept.facts, kept.infos = found, [d.facts for d in linked], infos
    if memo is not None:
        memo.keep_only()
    mark(merged.curated)
    return merged


class StoredCandidates:
    """The candidates made before, in the store: for each, keyed by the digest of what made it
    (see ``timeline.merge``), a short entry and, in a stage of their own, its event; for one
    bound on the sources listed."""

    def __init__(self, store: Store, max_sources: int | None) -> None:
        self.store = store
        bound = max_sources if max_sources is not None else "all"
        self.stage = f"{CANDIDATES}-{bound}"
        self.events_stage = f"{CANDIDATE_EVENTS}-{bound}"
        self.code = code_digest(*MERGE_MODULES)
        self.used: list[str] = []

    def get(self, digests: Sequence[str]) -> dict[str, Any]:
        """The short entries of ``digests`` (those the store has)."""
        self.used = list(digests)
        return self.store.get_many(self.stage, self.code, self.used, read_candidate)

    def events(self, digests: Sequence[str]) -> dict[str, Any]:
        """The events of ``digests`` (those the store has), as JSON."""
        return self.store.get_many(self.events_stage, self.code, digests, read_event)

    def put(self, items: Sequence[tuple[str, Any, TimelineEvent | None]]) -> bool:
        """Store ``(digest, short entry, event or None)`` triples; True when they are kept."""
        kept = self.store.put_many(self.stage, self.code, [(k, v, v) for k, v, _ in items])
        front = self.store.keeps_front  # else the events are serialised once, for the database
        events = [
            (k, e, e.model_dump(mode="json") if front else None)
            for k, _, e in items
            if e is not None
        ]
        return self.store.put_many(self.events_stage, self.code, events) and kept

    def drop(self, digests: Sequence[str]) -> None:
        """Drop the candidates of ``digests``."""
        self.store.drop(self.stage, self.code, digests)
        self.store.drop(self.events_stage, self.code, digests)

    def keep_only(self) -> None:
        """Drop the entries this build did not use."""
        self.store.keep_only(self.stage, self.code, self.used, all_stored=True)
        self.store.keep_only(self.events_stage, self.code, self.used)


_ENTRY_TYPES: dict[str, type | tuple[type, ...]] = {
    "l": (float, int),
    "s": (float, int),
    "i": str,
    "v": str,
    "m": (str, type(None)),
    "a": str,
    "b": str,
    "d": int,
    "n": int,
}


def read_candidate(data: Any) -> dict[str, Any]:
    """A stored candidate's short entry; raises ValueError when malformed."""
    if not isinstance(data, dict) or not all(
        isinstance(data.get(k), t) for k, t in _ENTRY_TYPES.items()
    ):
        raise ValueError("malformed candidate")
    return data


def read_event(data: Any) -> dict[str, Any]:
    """A stored candidate's event (validated when it is made); raises ValueError when it is
    not an object."""
    if not isinstance(data, dict):
        raise ValueError("malformed candidate event")
    return data


def stored_copies(
    store: Store,
    docs: Sequence[Document],
    kept: KeptMerge | None = None,
    signature_keys: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The copies of one story among ``docs`` (:func:`timeline.copies.near_duplicates`): from
    the store when every document's signature is the one of a build before, else found (from
    the stored signatures) and stored; ``kept`` receives, when they were read, the signatures
    of the documents ``signature_keys`` does not name (see :func:`merge`)."""
    code = code_digest(copies.__name__)
    known = signature_keys or {}
    keys = [known.get(doc.id) or signature_key(doc) for doc in docs]
    corpus = input_digest(*(f"{doc.id}\0{key}" for doc, key in zip(docs, keys, strict=True)))
    stage = f"{copies.STAGE}-found"
    found = store.get_many(stage, code, [corpus], read_copies).get(corpus)
    if found is None:
        signatures = stored_signatures(store, docs, keys)
        found = near_duplicates(docs, signatures)
        store.put_many(stage, code, [(corpus, found, found)])
        if kept is not None:  # those the kept state makes traits of (see ``signature_keys``)
            kept.signatures = {d: s for d, s in signatures.items() if d not in known}
    store.keep_only(stage, code, [corpus])
    return found


def read_copies(data: Any) -> dict[str, str]:
    """A stored mapping of copies to their stories; raises ValueError when malformed."""
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise ValueError("malformed copies")
    return data


def stored_signatures(
    store: Store, docs: Sequence[Document], keys: Sequence[str] | None = None
) -> dict[str, Signature | None]:
    """Every document's near-duplicate signature (``keys``: their :func:`signature_key`),
    from the store or computed (and stored)."""
    code = code_digest(copies.__name__)
    keys = [signature_key(doc) for doc in docs] if keys is None else keys
    stored = store.get_many(copies.STAGE, code, sorted(set(keys)), copies.read_signature)
    made: dict[str, Signature | None] = {}
    for doc, key in zip(docs, keys, strict=True):
        if key not in stored and key not in made:
            made[key] = signature(doc)
    store.put_many(copies.STAGE, code, [(k, v, v) for k, v in made.items()])
    store.keep_only(copies.STAGE, code, keys, all_stored=True)
    return {
        doc.id: stored[k] if k in stored else made[k] for doc, k in zip(docs, keys, strict=True)
    }


def document_info(doc: Document, facts: Facts) -> DocumentInfo:
    """How the page shows a document; an estimated publication date is marked as such (its
    fields come validated from the document and its extraction: constructed)."""
    meta = doc.meta
    estimate = meta.published is None and facts.dct_estimated
    return DocumentInfo.model_construct(
        id=doc.id,
        path=doc.path,
        title=meta.title,
        publisher=meta.publisher,
        author=meta.author,
        url=meta.url,
        published=meta.published if meta.published is not None else facts.dct,
        published_estimated=meta.published_estimated or facts.dct_estimated,
        published_from="estimate" if estimate else doc.published_from,
        published_note=f"no earlier than {ESTIMATE_NOTE}" if estimate else None,
        language=meta.language,
        sha256=doc.sha256,
    )
