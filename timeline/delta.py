"""The kept merged state updated by an edit, so that a rebuild costs what the edit costs.

When some files of the corpus changed (or were added or removed) or the aliases of curated
events changed, the documents that edit can change are read and linked again: the changed
files, and the documents that may hold a changed alias (found from their word heads, see
``timeline.snapshot``, then checked on their text). Each of them takes its mentions out of
the dates it gave them to and puts its new ones in; the dates an edit touched are the
groups made again from their kept mentions (the others keep their candidates, unread):

- the dates whose mentions in these documents are not those they were (their digests
  differ), or all their dates for a document whose mentions may count for another source;
- the dates of a sentence, in all its writers, when who wrote it first changed;
- the dates of the documents whose story changed (a copy found or lost).

The kept state cannot be updated so when an edit moves a publication day of the corpus
(every candidate's share of the corpus published after it may move) or touches more than a
quarter of the corpus: the corpus is then merged whole (``None`` is returned).
"""

from __future__ import annotations

from bisect import insort
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from . import copies
from .copies import SIMILARITY, Signature, band_keys, signature, signature_key, similarity
from .evidence import DateKey
from .extract import extraction_key
from .merge import (
    MAX_CANDIDATE_SOURCES,
    Mention,
    Merged,
    curated_events,
    date_group,
    dated_mentions,
    rank_groups,
    sources_of,
)
from .merge_stage import StoredCandidates, contribution_of, document_info
from .models import CorpusSource, Document, DocumentInfo, EventSpec, TimelineEvent
from .pipeline import (
    IN_PROCESS,
    Chunk,
    WarnFn,
    document_gives,
    document_state,
    from_state,
    link_chunk,
    rebuild_of,
    warn_undated,
)
from .published import mark_sources
from .read.folder import FileRead, read_job
from .relink import Linked, LinkPlan, changed_aliases
from .salience import publication_day
from .snapshot import (
    DeltaState,
    DocumentGives,
    DocumentState,
    Kept,
    MergedState,
    candidate_row,
    date_name,
    load_dates,
    load_delta,
    load_gives,
    save_state,
    touched_documents,
    word_heads,
)
from .store import Store, code_digest

if TYPE_CHECKING:
    from .read import CorpusReading

MAX_SHARE = 4  # an edit touching more than a quarter of the corpus: merge it whole


def updated(
    state: MergedState,
    files: list[tuple[str, str | None]],
    specs: Sequence[EventSpec],
    plan: LinkPlan,
    reading: CorpusReading,
    store: Store,
    say: WarnFn,
) -> Merged | None:
    """The merged timeline of the kept ``state`` updated by what changed since (``files``:
    each file's path and read-memo key now); None when it cannot be (see the module
    docstring)."""
    delta = load_delta(store)
    if delta is None:
        return None
    found = _reads(state, delta, files, plan, reading, store)
    if found is None:
        return None
    reads, rows = _linked(*found, plan, store)
    if len(reads) > _limit(files):
        return None
    present = dict(files)
    gone = {doc_id for doc_id, d in delta.documents.items() if d.path not in present}
    gone |= {by_path for by_path in _ids_of(delta, reads) if by_path not in rows}
    infos = _infos(state.documents, rows, gone)
    redone = gone | rows.keys()  # the others keep their day: the days of these are compared
    if _days(d for d in state.documents if d.id in redone) != _days(infos[i] for i in rows):
        return None
    edit = _Edit(state, delta, rows, gone, infos, store)
    if not edit.load():
        return None
    said: list[str] = []

    def tell(message: str) -> None:
        said.append(message)
        say(message)

    reading.context.warn = tell
    _take(reading, files, delta, reads)
    documents = edit.documents(reading)
    warn_undated([(i, d.undated, d.dct) for i, d in sorted(documents.items())], tell)
    new_state = MergedState.model_construct(
        code=state.code,
        folder=state.folder,
        aliases=plan.aliases_id,
        files=files,
        warnings=said,
        documents=sorted(infos.values(), key=lambda d: d.id),
        timexes=sum(d.timexes for d in documents.values()),
        candidates=edit.candidates(),
        sources=edit.sources(specs),
    )
    heads = {
        doc_id: word_heads(doc.text)
        for doc_id, (doc, _) in rows.items()
        if not _same_text(delta.documents.get(doc_id), doc)
    }
    new_delta = DeltaState(
        alias_set=plan.aliases, documents=documents, copies=edit.copies, writers=edit.writers
    )
    stored = files == state.files and new_state.documents == state.documents
    kept = Kept(new_state, new_delta, heads, edit.gives(), edit.dates)
    kept.documents_stored = stored and list(documents.items()) == list(delta.documents.items())
    save_state(store, kept, (sorted(gone), edit.dropped))
    rebuild = rebuild_of(reading, specs, store)
    return from_state(new_state, specs, plan.linker, store, rebuild)


def _reads(
    state: MergedState,
    delta: DeltaState,
    files: list[tuple[str, str | None]],
    plan: LinkPlan,
    reading: CorpusReading,
    store: Store,
) -> tuple[dict[str, FileRead], set[str]] | None:
    """The readings of the files an edit may change, by path: those changed, added, not a
    document last time, and those whose words may name an event whose aliases changed
    (their paths given too); None when the files changed are too many."""
    kept = dict(state.files)
    documents = {d.path: doc_id for doc_id, d in delta.documents.items()}
    changed = [
        path for path, key in files if key is None or kept.get(path) != key or path not in documents
    ]
    if len(changed) > _limit(files):
        return None
    groups = changed_aliases(delta.alias_set, plan.aliases)
    maybe: set[str] = set()
    if groups:
        skipped = set(changed)
        unchanged = [path for path, _ in files if path in documents and path not in skipped]
        touched = touched_documents(store, [documents[path] for path in unchanged], groups)
        maybe = {path for path in unchanged if documents[path] in touched}
    wanted = set(changed) | maybe
    chosen = [
        (job, path) for job, (path, _) in zip(reading.jobs, files, strict=True) if path in wanted
    ]
    jobs = reading.knowing(reading.look_up([job for job, _ in chosen]), kept)
    return {path: read_job(job) for job, (_, path) in zip(jobs, chosen, strict=True)}, maybe


def _limit(files: Sequence[object]) -> int:
    """The most files an edit may change for the kept state to be updated."""
    return max(len(files) // MAX_SHARE, 1)


def _ids_of(delta: DeltaState, reads: Mapping[str, FileRead]) -> Iterable[str]:
    """The ids the documents read had in the kept state."""
    documents = {d.path: doc_id for doc_id, d in delta.documents.items()}
    return [documents[path] for path in reads if path in documents]


def _linked(
    reads: Mapping[str, FileRead], maybe: set[str], plan: LinkPlan, store: Store
) -> tuple[dict[str, FileRead], dict[str, tuple[Document, Linked]]]:
    """The readings of the files the edit changes, by path (those of ``maybe``, read as they
    may name an event whose aliases changed, left out when their links are as they were),
    and their documents linked, by id: from the links and extraction the store holds, only
    their sentences an alias edit can change linked again, where it can (see
    :meth:`LinkPlan.splice`); in full otherwise."""
    docs = sorted((r.document for r in reads.values() if r.document is not None), key=_id)
    keys = [extraction_key(doc) for doc in docs]
    spliced, same = plan.splice(docs, keys)
    chunk: Chunk = [
        (doc, key, None) for doc, key in zip(docs, keys, strict=True) if doc.id not in spliced
    ]
    found = link_chunk(chunk, plan, store, IN_PROCESS, False, lambda _done: None)
    plan.keep()
    linked = {doc.id: (doc, links) for doc, _, links, _ in found}
    linked.update((doc.id, (doc, spliced[doc.id])) for doc in docs if doc.id in spliced)
    dropped = {
        path: read.document.id
        for path, read in reads.items()
        if path in maybe and read.document is not None and read.document.id in same
    }
    left_out = set(dropped.values())
    rows = {i: row for i, row in linked.items() if i not in left_out}
    return {path: read for path, read in reads.items() if path not in dropped}, rows


def _id(doc: Document) -> str:
    return doc.id


def _infos(
    documents: Sequence[DocumentInfo],
    rows: Mapping[str, tuple[Document, Linked]],
    gone: set[str],
) -> dict[str, DocumentInfo]:
    """How the page shows each document after the edit, by id."""
    infos = {d.id: d for d in documents if d.id not in gone and d.id not in rows}
    for doc_id, (doc, linked) in rows.items():
        infos[doc_id] = document_info(doc, linked.facts)
    return infos


def _days(documents: Iterable[DocumentInfo]) -> Counter[object]:
    """How many documents were published on each day."""
    return Counter(d for d in (publication_day(i.published) for i in documents) if d is not None)


def _take(
    reading: CorpusReading,
    files: Sequence[tuple[str, str | None]],
    delta: DeltaState,
    reads: Mapping[str, FileRead],
) -> None:
    """Take every file of the corpus in path order, as a build of the whole corpus does:
    the warnings its reading gave, read now or kept."""
    documents = {d.path: (doc_id, d) for doc_id, d in delta.documents.items()}
    for path, _ in files:
        read = reads.get(path)
        if read is not None:
            reading.take(read)
        elif path in documents:
            doc_id, d = documents[path]
            reading.take_kept(path, doc_id, d.notes, d.whole)
    reading.finish()


class _Edit:
    """The kept state's parts that an edit changes, worked out from the documents read."""

    def __init__(
        self,
        state: MergedState,
        delta: DeltaState,
        rows: Mapping[str, tuple[Document, Linked]],
        gone: set[str],
        infos: Mapping[str, DocumentInfo],
        store: Store,
    ) -> None:
        self.state, self.kept, self.rows, self.infos, self.store = state, delta, rows, infos, store
        self.redone = gone | set(rows)  # whose mentions are taken out
        self.given: dict[str, DocumentGives] = {}  # of the kept documents, as they are read
        self.lost = False  # a kept document's entry is missing (a damaged entry)
        parts = [
            contribution_of(doc, linked, infos[doc_id])
            for doc_id, (doc, linked) in sorted(rows.items())
            if linked.links.unlinked
        ]
        self.mentions = dated_mentions(parts)
        self.dates_of: dict[str, dict[str, str]] = {doc_id: {} for doc_id in rows}
        self.quotes_of: dict[str, dict[str, set[str]]] = {doc_id: {} for doc_id in rows}
        for key, found in self.mentions.items():
            for m in found:
                self.dates_of[m.doc][date_name(key)] = m.digest
                self.quotes_of[m.doc].setdefault(m.quote_key, set()).add(date_name(key))
        self.copies = self._copies()
        self.writers, self.touched, self.quoted = self._writers()
        self.touched_names: set[str] = set()  # the dates the edit touched, once loaded
        self.stored: dict[str, list[Mention]] = {}
        self.dates: dict[str, list[Mention]] = {}
        self.dropped: list[str] = []

    def _copies(self) -> dict[str, str]:
        """The copies of one story in the corpus after the edit: the groups of the documents
        read again, and of those they were or are copies of, found again (see
        :func:`_near_copies`), the others kept."""
        kept = {i: d for i, d in self.kept.documents.items() if i not in self.redone}
        before = self.kept.documents
        same = {i for i, (doc, _) in self.rows.items() if _same_text(before.get(i), doc)}
        self.bands = {i: before[i].bands.split() for i in same}
        if len(self.rows) == len(self.redone) == len(same):
            return self.kept.copies  # only documents whose text is as it was were read
        signatures = {doc_id: signature(doc) for doc_id, (doc, _) in self.rows.items()}
        self.bands = {doc_id: band_keys(found) for doc_id, found in signatures.items()}
        if len(self.rows) == len(self.redone) and all(
            i in before and self.bands[i] == before[i].bands.split() for i in self.rows
        ):
            return self.kept.copies
        code = code_digest(copies.__name__)
        made = [(signature_key(doc), signatures[i]) for i, (doc, _) in self.rows.items()]
        self.store.put_many(copies.STAGE, code, [(k, v, v) for k, v in made])
        bands = {i: d.bands.split() for i, d in kept.items()} | self.bands
        keys = {i: d.signature for i, d in kept.items()}
        old = self.kept.copies
        stories: dict[str, list[str]] = {}
        for doc_id, story in old.items():
            stories.setdefault(story, []).append(doc_id)
        start = set(self.rows)
        for doc_id in self.redone:
            start.update(d for d in stories.get(old.get(doc_id, ""), ()) if d in bands)
        found = _near_copies(start, bands, keys, signatures, self.store)
        out = {d: story for d, story in old.items() if d in bands and d not in found[0]}
        out.update(found[1])
        return dict(sorted(out.items()))

    def _writers(self) -> tuple[dict[str, list[str]], set[str], set[tuple[str, str]]]:
        """Who writes each sentence after the edit, the documents whose story changed, and
        the sentences (a document and a quote key) whose mentions may count for another
        source than before."""
        old, new = self.kept.copies, self.copies
        writers = dict(self.kept.writers)
        keys: set[str] = set()
        self.read_gives(self.redone)
        for doc_id in self.redone:
            before = self.given.get(doc_id)
            for key in before.quotes if before is not None else ():
                writers[key] = [d for d in writers.get(key, ()) if d != doc_id]
                keys.add(key)
            for key in self.quotes_of.get(doc_id, ()):
                found = writers[key] = list(writers.get(key, ()))
                insort(found, doc_id)
                keys.add(key)
        stories = {d for d in old.keys() | new.keys() if old.get(d, d) != new.get(d, d)}
        self.read_gives(stories)
        for doc_id in stories - self.redone:
            before = self.given.get(doc_id)
            keys.update(before.quotes if before is not None else ())
        quoted: set[tuple[str, str]] = set()
        for key in keys:
            first_before = self.kept.writers.get(key, [""])[0]
            first_after = (writers.get(key) or [""])[0]
            if old.get(first_before, first_before) != new.get(first_after, first_after):
                quoted.update((d, key) for d in self.kept.writers.get(key, ()))
                quoted.update((d, key) for d in writers.get(key, ()))
        return {k: v for k, v in writers.items() if v}, stories, quoted

    def read_gives(self, documents: Iterable[str]) -> None:
        """Read what those of ``documents`` that the kept state has give the candidates (see
        ``timeline.snapshot``), unless read already."""
        wanted = sorted(d for d in documents if d in self.kept.documents and d not in self.given)
        found = load_gives(self.store, wanted)
        self.given.update(found)
        self.lost = self.lost or len(found) < len(wanted)

    def names(self) -> set[str]:
        """The dates the edit touched."""
        names: set[str] = set()
        self.read_gives(self.redone | self.touched | {doc_id for doc_id, _ in self.quoted})
        for doc_id in self.redone | self.touched:
            before = self.given.get(doc_id)
            old = before.dates if before is not None else {}
            new = self.dates_of.get(doc_id, {})
            if doc_id in self.touched:
                names.update(old.keys() | new.keys())
            else:
                names.update(n for n in old.keys() | new.keys() if old.get(n) != new.get(n))
        for doc_id, key in self.quoted:
            before = self.given.get(doc_id)
            names.update(before.quotes.get(key, ()) if before is not None else ())
            names.update(self.quotes_of.get(doc_id, {}).get(key, ()))
        return names

    def load(self) -> bool:
        """Load the kept mentions of the dates the edit touched; False when one that has a
        candidate, or what a document touched gives, is missing (a damaged entry)."""
        names = self.touched_names = self.names()
        self.stored = load_dates(self.store, sorted(names))
        existing = {date_name((r[2], r[3])) for r in self.state.candidates}
        return not self.lost and all(name in self.stored for name in names & existing)

    def documents(self, reading: CorpusReading) -> dict[str, DocumentState]:
        """What updating the state needs of each document after the edit (the reading's
        notes taken), in the order of the kept state (the documents added last)."""
        made = {
            doc_id: document_state(doc, linked.facts, " ".join(self.bands[doc_id]), reading)
            for doc_id, (doc, linked) in self.rows.items()
        }
        out = {
            k: made.get(k, d)
            for k, d in self.kept.documents.items()
            if k in made or k not in self.redone
        }
        return out | made

    def gives(self) -> dict[str, DocumentGives]:
        """What each document read gives the candidates after the edit."""
        return {
            doc_id: document_gives(self.dates_of[doc_id], self.quotes_of[doc_id])
            for doc_id in self.rows
        }

    def candidates(self) -> list[tuple[str, str, str, str | None, str, str, float, int, int]]:
        """The candidates after the edit, the groups of the dates it touched made again."""
        new = {date_name(key): found for key, found in self.mentions.items()}
        source = sources_of(self.writers, self.copies)
        groups = []
        for name in sorted(self.touched_names):
            found = [m for m in self.stored.get(name, []) if m.doc not in self.redone]
            found += new.get(name, [])
            if not found:
                self.dropped.append(name)
                continue
            found.sort(key=_doc)
            self.dates[name] = found
            groups.append(date_group(_date_key(name), found, source))
        published = {doc_id: info.published for doc_id, info in self.infos.items()}
        memo = StoredCandidates(self.store, MAX_CANDIDATE_SOURCES)
        ranked = rank_groups(
            groups, published, max_sources=MAX_CANDIDATE_SOURCES, memo=memo, mark=self.mark
        )
        touched = {(g.value, g.mod) for g in groups} | {_date_key(n) for n in self.dropped}
        rows = [r for r in self.state.candidates if (r[2], r[3]) not in touched]
        made = {c.digest for c in ranked}
        stale = [r[0] for r in self.state.candidates if (r[2], r[3]) in touched]
        memo.drop([digest for digest in stale if digest not in made])
        return rows + [candidate_row(c) for c in ranked]

    def mark(self, events: list[TimelineEvent]) -> None:
        """Mark the dates of ``events`` resolved against an estimated publication date, and
        their PDF sources' pages."""
        pages = {i: d.pages for i, d in self.kept.documents.items() if d.pages}
        pages.update({i: doc.pages for i, (doc, _) in self.rows.items() if doc.pages})
        mark_sources(events, self.infos.values(), pages)

    def sources(self, specs: Sequence[EventSpec]) -> dict[str, list[CorpusSource]]:
        """The corpus sources of each curated event after the edit."""
        redone = curated_events(specs, [linked.links for _, linked in self.rows.values()])
        self.mark(redone)
        out: dict[str, list[CorpusSource]] = {}
        for event in redone:
            kept = [s for s in self.state.sources.get(event.id, []) if s.doc not in self.redone]
            out[event.id] = kept + [s for s in event.sources if isinstance(s, CorpusSource)]
        return out


def _near_copies(
    start: set[str],
    bands: Mapping[str, Sequence[str]],
    keys: Mapping[str, str],
    at_hand: Mapping[str, Signature | None],
    store: Store,
) -> tuple[set[str], dict[str, str]]:
    """The documents joined to those of ``start`` by near-copies, transitively (as
    ``copies.near_duplicates`` joins them: a pair sharing a bucket of ``bands`` and similar
    enough), and the story of each that has a copy among them (the first by id). ``keys``
    give the stored signature of every document but those ``at_hand``."""
    buckets: dict[str, list[str]] = {}
    for doc_id, falls_in in bands.items():
        for band in falls_in:
            buckets.setdefault(band, []).append(doc_id)
    minhashes = {i: s[1] for i, s in at_hand.items() if s is not None}
    parent: dict[str, str] = {}

    def root(d: str) -> str:
        while parent.get(d, d) != d:
            d = parent[d]
        return d

    seen, frontier = set(start), sorted(start)
    while frontier:
        mates = {y for x in frontier for band in bands[x] for y in buckets[band]}
        wanted = sorted({keys[y] for y in mates if y not in minhashes and y in keys})
        stored = store.get_many(
            copies.STAGE, code_digest(copies.__name__), wanted, copies.read_signature
        )
        for y in mates:
            kept = stored.get(keys[y]) if y in keys and y not in minhashes else None
            if kept is not None:
                minhashes[y] = kept[1]
        reached: list[str] = []
        for x in frontier:
            for band in bands[x]:
                for y in buckets[band]:
                    a, b = root(x), root(y)
                    if (
                        a != b
                        and y in minhashes
                        and similarity(minhashes[x], minhashes[y]) >= SIMILARITY
                    ):
                        parent[max(a, b)] = min(a, b)
                        if y not in seen:
                            seen.add(y)
                            reached.append(y)
        frontier = sorted(reached)
    groups: dict[str, list[str]] = {}
    for d in seen:
        groups.setdefault(root(d), []).append(d)
    stories = {d: min(g) for g in groups.values() if len(g) > 1 for d in g}
    return seen, stories


def _same_text(before: DocumentState | None, doc: Document) -> bool:
    """True when ``doc`` has the text it had in the kept state (its word heads and
    near-duplicate signature are those kept)."""
    return before is not None and before.signature == signature_key(doc)


def _doc(m: Mention) -> str:
    return m.doc


def _date_key(name: str) -> DateKey:
    value, _, mod = name.partition("|")
    return value, mod or None
