"""A build's merged state, kept at the grain of a date: what a rebuild is answered from.

The store keeps, for the corpus, one state (``merged-state``): the documents as the page
shows them, each candidate's rank and counts (its event stays in the candidates' own stage),
the sentences each curated event was found in, how many temporal expressions were read, the
warnings the reading gave after the folder was scanned, and what it was made from: the code
(:func:`state_code`), the folder's other files (``pipeline.folder_digest``), the aliases of
the curated events and each file's read-memo key (see ``timeline.read.memo``). A rebuild
whose files, aliases and code are all as recorded reads no file: it judges each source
against the curated dates again (an event's date and dismissals may have changed; see
``Linker.judge``) and makes only the candidates it is asked for. The files and the
documents of the state are a second entry (``merged-documents``), written again only when
an edit changed them (an edit of the events leaves them as they are).

Beside it, what an edit needs to update the state instead of merging the corpus again:

- ``merged-dates``: per date a candidate can be made of, every mention of it in the corpus,
  in document order (:class:`timeline.merge.Mention`: the sentence, its timex, its weight,
  the digest of its document's mentions of the date), so that the group of a date an edit
  touched is made again from its entry alone;
- ``merged-states``: per document, its near-duplicate signature's key and buckets, its
  pages, publication date and timex count, and the notes of its reading (written again
  with ``merged-documents`` only);
- ``merged-delta``: per sentence written by the corpus, the documents that write it (the
  first one is who the sentence counts for); the copies of one story; the aliases the
  documents were linked against;
- ``merged-gives``: per document, an entry of its own (:class:`DocumentGives`): the dates it
  gives mentions to (with the digest of its mentions of each: a date whose mentions in a
  document linked again are as they were is not merged again) and the sentences it writes
  (by :func:`timeline.merge.quote_key`, with the dates of each), so that an edit reads and
  writes the entries of the documents it touches, not those of the whole corpus;
- ``merged-heads``: per document, the first three letters of its words
  (:func:`word_heads`), so that an alias edit reads only the documents that may hold it.

All of it is written in one transaction, so the entries always belong together.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, TypeVar, cast

from pydantic import BaseModel, ConfigDict, model_validator

from .copies import Signature
from .evidence import DateKey
from .link import folded
from .merge import Candidate, DatedMentions, Mention, mention_row, mentions_of
from .models import CorpusSource, DocumentInfo
from .read.memo import read_code
from .relink import Facts
from .store import Store, code_digest, input_digest
from .temporal.version import rules_digest

STAGE = "merged-state"
DOCUMENTS = "merged-documents"  # the state's files and documents
DELTA = "merged-delta"
STATES = "merged-states"  # the delta's documents
HEADS = "merged-heads"
GIVES = "merged-gives"
DATES = "merged-dates"
KEY = "corpus"  # one state per store
PACKAGE = "timeline"  # every module and data file of it: any edit is a new state
# A candidate: the digest of what made it, its id, date value, mod, first and last day,
# salience, and the documents and sentences that refer to it.
CandidateRow = tuple[str, str, str, str | None, str, str, float, int, int]
# A word as ``relink.touched`` sees one: letters and digits after any other character.
_WORD = re.compile(r"[^\W_]+")
_ALNUM = b"abcdefghijklmnopqrstuvwxyz0123456789"
_ASCII_SPACES = bytes(c if c in _ALNUM else 32 for c in range(256))  # the others: spaces
_Model = TypeVar("_Model", bound=BaseModel)


class MergedState(BaseModel):
    """What the store keeps of a build of the whole corpus (see the module docstring)."""

    model_config = ConfigDict(extra="forbid")

    code: str
    folder: str
    aliases: str
    files: list[tuple[str, str | None]]  # each file's path in the corpus and read-memo key
    warnings: list[str]
    documents: list[DocumentInfo]
    timexes: int
    candidates: list[CandidateRow]
    sources: dict[str, list[CorpusSource]]  # per curated event


class StoredState(BaseModel):
    """A :class:`MergedState` as the store keeps it, its files and documents aside (in
    :class:`StoredDocuments`: an edit of the events leaves them as they are)."""

    model_config = ConfigDict(extra="forbid")

    code: str
    folder: str
    aliases: str
    warnings: list[str]
    timexes: int
    candidates: list[CandidateRow]
    sources: dict[str, list[CorpusSource]]


class StoredDocuments(BaseModel):
    """The files and documents of a :class:`MergedState`, as the store keeps them."""

    model_config = ConfigDict(extra="forbid")

    files: list[tuple[str, str | None]]
    documents: list[DocumentInfo]


class DocumentState(NamedTuple):
    """What updating the state needs of one document (see the module docstring)."""

    path: str
    signature: str  # its key in the near-duplicate signatures
    bands: str  # the buckets its signature falls in (``copies.band_keys``), space-separated
    # (one string to read per document, split when the copies are found again)
    pages: list[int] | None
    undated: bool  # no publication date in its metadata
    dct: str | None  # the publication date its extraction used
    timexes: int
    notes: list[str]  # the warnings its reading gave
    whole: bool  # a page read whole


class DocumentGives(BaseModel):
    """What one document gives the candidates, as the state keeps it (``merged-gives``)."""

    model_config = ConfigDict(extra="forbid")

    dates: dict[str, str]  # by the :func:`date_name` of each date it gives mentions to, the
    # digest its mentions of it have (see ``merge.dated_mentions``)
    quotes: dict[str, list[str]]  # by the quote key of each of its dated sentences, its dates


@dataclass(slots=True)
class DeltaState:
    """What updating the state needs of the corpus (see the module docstring)."""

    alias_set: dict[str, list[Any]]  # see ``relink.alias_set``
    documents: dict[str, DocumentState]
    copies: dict[str, str]
    writers: dict[str, list[str]]  # quote key -> the documents writing it, in id order


# The fields of :class:`DocumentState`, each as the list of every document's value.
Columns = tuple[
    list[str],  # path
    list[str],  # signature
    list[str],  # bands
    list[list[int] | None],  # pages
    list[bool],  # undated
    list[str | None],  # dct
    list[int],  # timexes
    list[list[str]],  # notes
    list[bool],  # whole
]


class StoredDelta(BaseModel):
    """A :class:`DeltaState` as the store keeps it, its documents aside (in
    :class:`StoredStates`)."""

    model_config = ConfigDict(extra="forbid")

    alias_set: dict[str, list[Any]]
    copies: dict[str, str]
    writers: dict[str, list[str]]


class StoredStates(BaseModel):
    """The documents of a :class:`DeltaState` as the store keeps them: their states one list
    per field (in the order of ``ids``), which reads without making an object per document."""

    model_config = ConfigDict(extra="forbid")

    ids: list[str]
    fields: Columns

    @model_validator(mode="after")
    def one_value_per_document(self) -> StoredStates:
        """Every field has a value for each document (else the entry is damaged)."""
        if any(len(values) != len(self.ids) for values in self.fields):
            raise ValueError("a field of the documents' states lacks values")
        return self

    @classmethod
    def of(cls, documents: Mapping[str, DocumentState]) -> StoredStates:
        """The stored form of ``documents``."""
        states = list(documents.values())
        columns = [[state[i] for state in states] for i in range(len(DocumentState._fields))]
        return cls.model_construct(ids=list(documents), fields=cast(Columns, tuple(columns)))

    def documents(self) -> dict[str, DocumentState]:
        """The documents' states this keeps, by id."""
        states = map(DocumentState._make, zip(*self.fields, strict=True))
        return dict(zip(self.ids, states, strict=True))


@dataclass(slots=True)
class KeptMerge:
    """What a merge of the whole corpus leaves for its state."""

    mentions: DatedMentions = field(default_factory=dict)
    copies: dict[str, str] = field(default_factory=dict)
    # by document, when read, of those whose text was not at hand in a worker
    signatures: dict[str, Signature | None] | None = None
    facts: list[Facts] = field(default_factory=list)  # in document order
    infos: list[DocumentInfo] = field(default_factory=list)  # in document order


def state_code(max_sources: int | None) -> str:
    """The digest of the code a state is made by (the package, the reader's libraries, the
    tagger's rules) and of the bound on a candidate's sources."""
    return input_digest(code_digest(PACKAGE), read_code(), rules_digest(), str(max_sources))


def date_name(key: DateKey) -> str:
    """The key of a date's entry: its value, and its mod after a bar."""
    value, mod = key
    return f"{value}|{mod or ''}"


def word_heads(text: str) -> str | None:
    """The first three characters (folded) of every word of ``text``, each after a space
    (which JSON stores as it is, unlike a control character), as
    :func:`touched_documents` searches them; None when folding changes the text's length."""
    lowered = folded(text)
    if len(lowered) != len(text):
        return None
    if lowered.isascii():  # most texts: their bytes are split faster
        words = lowered.encode().translate(_ASCII_SPACES).split()
        return " " + b" ".join(sorted({w[:3] for w in words})).decode()
    return " " + " ".join(sorted({w[:3] for w in _WORD.findall(lowered)}))


def touched_documents(
    store: Store, documents: Sequence[str], groups: Sequence[Sequence[str]]
) -> set[str]:
    """Those of ``documents`` whose text may be ``relink.touched`` by the aliases of
    ``groups`` (each alias' prefixes must start words of the text: the text's
    :func:`word_heads` hold each one's first three characters after a space, or are None),
    or whose heads the store does not have."""
    heads = store.get_many(HEADS, code_digest(PACKAGE), documents, _read_heads)
    needles = [[f" {prefix[:3]}" for prefix in group] for group in groups]
    return {doc for doc in documents if doc not in heads or _may_hold(heads[doc], needles)}


def _may_hold(heads: str | None, needles: Sequence[Sequence[str]]) -> bool:
    if heads is None:
        return True
    for group in needles:
        for needle in group:
            if needle not in heads:
                break
        else:
            return True
    return False


def load_state(store: Store) -> MergedState | None:
    """The state the store keeps, if any."""
    stored = _load(store, STAGE, StoredState)
    parts = _load(store, DOCUMENTS, StoredDocuments) if stored is not None else None
    if stored is None or parts is None:
        return None
    return MergedState.model_construct(**dict(stored), **dict(parts))


def load_delta(store: Store) -> DeltaState | None:
    """What updating the kept state needs, if the store has it."""
    stored = _load(store, DELTA, StoredDelta)
    states = _load(store, STATES, StoredStates) if stored is not None else None
    if stored is None or states is None:
        return None
    return DeltaState(stored.alias_set, states.documents(), stored.copies, stored.writers)


def _load(store: Store, stage: str, model: type[_Model]) -> _Model | None:
    """The corpus' entry of ``stage``, if the store has one that ``model`` reads."""
    read = model.model_validate_json
    found: dict[str, _Model] = store.get_many(
        stage, code_digest(PACKAGE), [KEY], read, parsed=False
    )
    return found.get(KEY)


def load_gives(store: Store, documents: Sequence[str]) -> dict[str, DocumentGives]:
    """What ``documents`` give the candidates (those the store has)."""
    read = DocumentGives.model_validate_json
    return store.get_many(GIVES, code_digest(PACKAGE), documents, read, parsed=False)


def load_dates(store: Store, names: Sequence[str]) -> dict[str, list[Mention]]:
    """The mentions of the dates ``names`` (those the store has)."""
    return store.get_many(DATES, code_digest(PACKAGE), names, mentions_of)


def _read_heads(data: Any) -> str | None:
    if not isinstance(data, str | None):
        raise ValueError("malformed word heads")
    return data


def candidate_row(c: Candidate) -> CandidateRow:
    """A candidate as the state keeps it."""
    return (c.digest, c.id, c.value, c.mod, c.start, c.end, c.salience, c.documents, c.sentences)


@dataclass(slots=True)
class Kept:
    """A state and what updating it needs, to write: the documents' word ``heads`` and
    ``gives``, and the mentions of ``dates``, each by its key (those given replace theirs).
    ``documents_stored``: the files and documents of the state and of the delta are those
    the store holds (they are not written again)."""

    state: MergedState
    delta: DeltaState
    heads: Mapping[str, str | None]
    gives: Mapping[str, DocumentGives]
    dates: Mapping[str, Sequence[Mention]]
    documents_stored: bool = False


def save_state(
    store: Store, kept: Kept, dropped: tuple[Sequence[str], Sequence[str]] = ((), ())
) -> None:
    """Keep ``kept``, the documents and the dates ``dropped`` gone, all in one transaction."""
    code = code_digest(PACKAGE)
    rows = ((name, [mention_row(m) for m in found]) for name, found in kept.dates.items())
    gone_documents, gone_dates = dropped
    state, delta = kept.state, kept.delta
    parts: list[tuple[str, str, Iterable[tuple[str, Any]]]] = []
    if not kept.documents_stored:
        documents = StoredDocuments.model_construct(files=state.files, documents=state.documents)
        parts.append((DOCUMENTS, code, [(KEY, documents)]))
        parts.append((STATES, code, [(KEY, StoredStates.of(delta.documents))]))
    stored_state = StoredState.model_construct(
        **{name: getattr(state, name) for name in StoredState.model_fields}
    )
    stored_delta = StoredDelta.model_construct(
        alias_set=delta.alias_set, copies=delta.copies, writers=delta.writers
    )
    store.put_together(
        [
            (STAGE, code, [(KEY, stored_state)]),
            *parts,
            (DELTA, code, [(KEY, stored_delta)]),
            (HEADS, code, kept.heads.items()),
            (GIVES, code, kept.gives.items()),
            (DATES, code, rows),
        ],
        [(HEADS, code, gone_documents), (GIVES, code, gone_documents), (DATES, code, gone_dates)],
    )


def save_whole_state(store: Store, kept: Kept) -> None:
    """Keep the state of a build of the whole corpus, what it does not name dropped (the
    word heads of every document are in the store: those of ``kept``, and the others
    stored as the build went)."""
    code = code_digest(PACKAGE)
    save_state(store, kept)
    for stage in (STAGE, DOCUMENTS, DELTA, STATES):
        store.keep_only(stage, code, [KEY])
    store.keep_only(HEADS, code, kept.delta.documents, all_stored=True)
    store.keep_only(GIVES, code, kept.gives, all_stored=True)
    store.keep_only(DATES, code, kept.dates, all_stored=True)


def stored_candidates(
    state: MergedState, remake: Callable[[str], Callable[[], Any]]
) -> list[Candidate]:
    """The candidates of ``state``, their events left in the store; ``remake(digest)`` makes
    one the store has lost."""
    return [
        Candidate(digest, i, value, mod, a, b, score, docs, n, remake=remake(digest))
        for digest, i, value, mod, a, b, score, docs, n in state.candidates
    ]
