"""Curated events + linked sentences -> the Timeline; dated, unlinked sentences -> candidates.

Pure but for an optional memo of the candidates. Curated events keep the date the user wrote;
the corpus only adds sources (and conflicts, reported, never resolved). Candidates are kept
apart (``kind: "candidate"``).

The merge is incremental. Each document offers its dated sentences with their mentions
already weighed (:class:`Contribution`, see ``timeline.evidence``). A candidate is made from
the mentions of its date across the corpus; what decides it is digested (per document, all
that its mentions of the date hold; per mention, the source it counts for), and a
:class:`CandidateMemo` gives back a candidate made before from the same. A document linked
again with some sentences linked otherwise thus gives the same digest to each date whose
mentions in it are as they were. A rebuild thus ranks the quotes only of the dates an edit
touched; the salience of every other is taken as stored, or computed again from its evidence
when the share of the corpus published after its date moved. A :class:`Merged` timeline
makes a stored candidate's event only when it is asked for (the page asks for a few hundred
of tens of thousands).
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any, NamedTuple, Protocol

from pydantic_core import to_json

from .dates import human_date, span_of
from .evidence import DateKey, Weighed, date_key, weigh
from .extract import timexes_from_rows
from .link import DatedSentence, DocumentLinks, Section, Timex, timex_data
from .models import (
    Conflict,
    CorpusSource,
    DateInfo,
    DocumentInfo,
    EventSpec,
    ReferenceSource,
    Source,
    Summary,
    Timeline,
    TimelineEvent,
)
from .salience import (
    QUOTE_SAMPLE,
    Evidence,
    later_share,
    publication_day,
    quote_scores,
    salience,
)

TITLE_LENGTH = 80
# Sentences listed per candidate: enough to judge it, few enough that a corpus of thousands of
# documents still gives a page (and a rebuild) of reasonable size.
MAX_CANDIDATE_SOURCES = 10
# Candidates made between two writes to the memo: the events of a large corpus are written as
# they are made, and only the few a page shows are read back, so that memory stays bounded.
MEMO_BATCH = 256


def curated_event(
    spec: EventSpec, sources: Iterable[CorpusSource], conflicts: Iterable[Conflict]
) -> TimelineEvent:
    """One events.yaml entry with its reference sources, then its corpus sources."""
    corpus = sorted(sources, key=lambda s: (s.doc, s.start))
    refs: list[Source] = [
        ReferenceSource(publisher=r.publisher, title=r.title, url=r.url, date=r.date)
        for r in spec.sources
    ]
    return TimelineEvent(
        id=spec.id,
        title=spec.title,
        kind="candidate" if spec.status == "candidate" else "curated",
        date=DateInfo.of(spec.date, spec.mod),
        end_date=DateInfo.of(spec.end) if spec.end else None,
        tags=list(spec.tags),
        summary=spec.summary,
        sources=[*refs, *corpus],
        conflicts=sorted(conflicts, key=lambda c: (c.doc, c.start)),
    )


def candidate_id(value: str, mod: str | None) -> str:
    """A stable id for the candidate of a date value: ``candidate-2017-1a2b3c``."""
    digest = hashlib.sha256(f"{value}|{mod or ''}".encode()).hexdigest()[:6]
    slug = "".join(c if c.isalnum() else "-" for c in value.lower()).strip("-")
    return f"candidate-{slug}-{digest}"


def trim_title(text: str, limit: int = TITLE_LENGTH) -> str:
    """``text`` on one line, cut at a word boundary to about ``limit`` characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-\u2013\u2014") + "\u2026"


@dataclass(frozen=True, slots=True)
class Contribution:
    """What one document offers the candidates: its dated sentences (in text order), each
    with its weighed mentions, the day it was published, and the digest of what else decides
    the candidates made from it (how its sources are marked: see ``timeline.published``)."""

    doc: str
    day: date | None
    sentences: Sequence[DatedSentence]
    weights: Sequence[Weighed]
    digest: str


def contribution(
    doc: str, published: str | None, sentences: Sequence[DatedSentence], digest: str = ""
) -> Contribution:
    """A document's contribution, its mentions weighed now."""
    day = publication_day(published)
    return Contribution(doc, day, sentences, weigh(sentences, day), digest)


class CandidateMemo(Protocol):
    """Candidates made before, by the digest of what made them: for each, a short entry (its
    rank and counts) and, apart, its event."""

    def get(self, digests: Sequence[str]) -> Mapping[str, Any]:
        """The short entry of every digest the memo has."""
        ...

    def events(self, digests: Sequence[str]) -> Mapping[str, Any]:
        """The event (its JSON form) of every digest the memo has."""
        ...

    def put(self, items: Sequence[tuple[str, Any, TimelineEvent | None]]) -> bool:
        """Keep ``(digest, short entry, event or None to keep the stored one)`` triples; True
        when :meth:`events` will give them back."""
        ...


_evidence = partial(tuple.__new__, Evidence)  # no Python call per mention
_dated = partial(tuple.__new__, DatedSentence)


@dataclass(slots=True)
class DateGroup:
    """The mentions of one date (and mod) across the corpus, in document order: each with
    the source it counts for and its evidence, and what decides the candidate made of them."""

    value: str
    mod: str | None
    mentions: list[tuple[DatedSentence, Timex]] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)  # what decides the candidate, mention by mention
    docs: int = 0  # distinct documents among the mentions
    last_doc: str = ""

    def digest(self, max_sources: int | None) -> str:
        return group_digest((self.value, self.mod), max_sources, self.parts)


def group_digest(key: DateKey, max_sources: int | None, parts: Iterable[str]) -> str:
    """The digest of what decides the candidate of a date: its ``parts``, mention by mention
    (see :func:`date_group`), and the bound on its sources."""
    value, mod = key
    head = f"{value}\0{mod}\0{max_sources}\0"
    return hashlib.blake2b((head + "".join(parts)).encode(), digest_size=20).hexdigest()


# What makes the group of one date when it is needed: the candidates of a corpus are ranked
# one group at a time, and a stored candidate's group is made again only if its event is lost.
GroupMaker = Callable[[], DateGroup]


@dataclass(slots=True)
class Candidate:
    """A candidate date as the merge ranks it; its event is made when it is asked for."""

    digest: str  # of what made it
    id: str
    value: str
    mod: str | None
    start: str  # the first and last day the date covers
    end: str
    salience: float
    documents: int
    sentences: int
    made: TimelineEvent | None = None  # None: in the memo
    remake: Callable[[], TimelineEvent] | None = None  # when the memo has lost it

    def event(self) -> TimelineEvent:
        """The candidate as a timeline event (one from the memo: see :func:`made_events`)."""
        assert self.made is not None, "a stored candidate is made by made_events"
        return self.made

    def rank(self) -> tuple[float, int, int, str, str]:
        """Where it ranks among candidates: see :func:`salience_rank`."""
        return salience_rank(self.salience, self.documents, self.sentences, self.start, self.id)


def salience_rank(
    score: float | None, documents: int, sentences: int, start: str, event_id: str
) -> tuple[float, int, int, str, str]:
    """The order of candidates, most salient first: by salience (none after any), then by
    documents and sentences referring to the date, then by date and id (a stable order)."""
    return (float("inf") if score is None else -score, -documents, -sentences, start, event_id)


class Mention(NamedTuple):
    """One date a dated sentence supports, as a candidate's group holds it: the document,
    the digest of all the document's mentions of that date (:func:`dated_mentions`), the
    timex's place in the sentence (``i``), the sentence's offsets, section and text, the
    timex, the document's publication day, the mention's weight and the :func:`quote_key` of
    the sentence."""

    doc: str
    digest: str
    i: int
    start: int
    end: int
    section: Section
    quote: str
    timex: Timex
    day: date | None
    weight: float
    quote_key: str


_mention = partial(tuple.__new__, Mention)
DatedMentions = dict[DateKey, list[Mention]]  # by the date they support, in document order


def quote_key(quote: str) -> str:
    """The digest of a sentence as sources are told apart by: case and spacing aside, a
    sentence written word for word by two documents counts for the first of them."""
    folded = " ".join(quote.lower().split())
    return hashlib.blake2b(folded.encode(), digest_size=10).hexdigest()


def dated_mentions(parts: Iterable[Contribution]) -> DatedMentions:
    """The mentions of the contributions (in document order) by the date they support."""
    out: DatedMentions = {}
    for part in parts:
        mine: dict[DateKey, list[tuple[Any, ...]]] = {}
        for sentence, weighed in zip(part.sentences, part.weights, strict=True):
            key = quote_key(sentence.quote)
            for i, weight in weighed:
                timex = sentence.timexes[i]
                row = (i, sentence.start, sentence.end, sentence.section, sentence.quote, timex)
                same_date = mine.get(date_key(timex))
                if same_date is None:
                    mine[date_key(timex)] = same_date = []
                same_date.append((*row, part.day, weight, key))
        for date_of, rows in mine.items():
            digest = _mentions_digest(part, rows)
            mentions = [_mention((part.doc, digest, *row)) for row in rows]
            found = out.get(date_of)
            if found is None:
                out[date_of] = mentions
            else:
                found.extend(mentions)
    return out


def _mentions_digest(part: Contribution, rows: Sequence[tuple[Any, ...]]) -> str:
    """The digest of a document's mentions of one date (given as the rows of their fields
    after the document and the digest), and of what else of the document decides them."""
    head = f"{part.doc}\0{part.digest}\0".encode()
    body = to_json([[*row[:6], row[7]] for row in rows])  # the day is the document's
    return hashlib.blake2b(head + body, digest_size=20).hexdigest()


def first_writers(mentions: DatedMentions) -> dict[str, list[str]]:
    """Per :func:`quote_key`, the documents that write the sentence, in id order."""
    writers: dict[str, set[str]] = {}
    for found in mentions.values():
        for m in found:
            writers.setdefault(m.quote_key, set()).add(m.doc)
    return {key: sorted(docs) for key, docs in writers.items()}


def date_group(
    key: DateKey, mentions: Sequence[Mention], source: Callable[[Mention], str]
) -> DateGroup:
    """The group of one date's ``mentions`` (in document order), each counted for the
    ``source`` it is given."""
    group = DateGroup(*key)
    for m in mentions:
        said_by = source(m)
        sentence = _dated((m.doc, m.start, m.end, m.section, m.quote, (m.timex,)))
        group.mentions.append((sentence, m.timex))
        group.evidence.append(_evidence((said_by, m.day, m.weight)))
        group.parts.append(_part(m, said_by))
        if m.doc != group.last_doc:
            group.docs += 1
            group.last_doc = m.doc
    return group


def _part(m: Mention, said_by: str) -> str:
    """What decides a candidate of one mention of its date: the digest of the document's
    mentions of the date, and the source the mention counts for."""
    return f"{m.digest}.{said_by}\n"


def mention_row(m: Mention) -> list[Any]:
    """A mention as the store keeps it: a JSON-ready row."""
    day = m.day.toordinal() if m.day is not None else None
    return [*m[:7], list(m.timex), day, m.weight, m.quote_key]


def mentions_of(rows: Any) -> list[Mention]:
    """Stored rows back as mentions; raises ValueError when one is malformed."""
    if not isinstance(rows, list) or not all(isinstance(r, list) and len(r) == 11 for r in rows):
        raise ValueError("malformed mentions")
    try:
        timexes = timexes_from_rows([r[7] for r in rows])
    except (TypeError, ValueError) as e:
        raise ValueError("malformed mentions") from e
    return [_stored_mention(row, timex) for row, timex in zip(rows, timexes, strict=True)]


def _stored_mention(row: list[Any], timex: Timex) -> Mention:
    doc, digest, i, start, end, section, quote, _, day, weight, key = row
    strings = (doc, digest, section, quote, key)
    if not all(isinstance(v, str) for v in strings) or section not in ("body", "comment"):
        raise ValueError("malformed mention")
    if not all(isinstance(v, int) for v in (i, start, end)):
        raise ValueError("malformed mention")
    if not isinstance(weight, float | int):
        raise ValueError("malformed mention")
    if day is not None and not (isinstance(day, int) and 0 < day <= date.max.toordinal()):
        raise ValueError("malformed mention")
    when = date.fromordinal(day) if day is not None else None
    return _mention((doc, digest, i, start, end, section, quote, timex, when, float(weight), key))


def sources_of(
    writers: Mapping[str, Sequence[str]], copies: Mapping[str, str]
) -> Callable[[Mention], str]:
    """Who said a mention: the story (``copies``: a document's story, when it is a copy) of
    the first document to write its sentence (``writers``: see :func:`first_writers`)."""

    def source(m: Mention) -> str:
        first = writers[m.quote_key][0]
        return copies.get(first, first)

    return source


def find_candidates(
    dated: Iterable[DatedSentence],
    *,
    max_sources: int | None = MAX_CANDIDATE_SOURCES,
    published: Mapping[str, str | None] | None = None,
    copies: Mapping[str, str] | None = None,
) -> list[TimelineEvent]:
    """Dated sentences grouped by the day (or coarser date) they name, and mod, ranked.

    The rank is salience (:mod:`timeline.salience`, from the documents' ``published`` days
    and the ``copies`` of one story, document id -> its story's id), then the number of
    distinct documents and of sentences, then date. A time of day ("Thursday morning", "last
    night") counts for its day. A sentence with two dates supports two candidates. A
    candidate lists at most ``max_sources`` sentences (None: all), the most representative
    first and one per source before any second one; its ``summary`` gives the full counts.
    """
    given = published or {}
    ranked = rank_candidates(
        contributions(dated, given), given, max_sources=max_sources, copies=copies
    )
    ranked.sort(key=lambda c: (-c.salience, -c.documents, -c.sentences, c.value, c.mod or ""))
    return [c.event() for c in ranked]


def rank_candidates(
    parts: Sequence[Contribution],
    published: Mapping[str, str | None],
    *,
    max_sources: int | None = MAX_CANDIDATE_SOURCES,
    copies: Mapping[str, str] | None = None,
    memo: CandidateMemo | None = None,
    mark: Callable[[list[TimelineEvent]], None] | None = None,
    kept: DatedMentions | None = None,
) -> list[Candidate]:
    """The candidates of the documents' contributions (``parts``, in document order), each
    with its salience; those ``memo`` has are taken from it, the others made (and given to
    ``mark`` before they are stored) — see the module docstring. ``kept`` receives the
    mentions they were made from."""
    mentions = dated_mentions(parts)
    if kept is not None:
        kept.update(mentions)
    source = sources_of(first_writers(mentions), copies or {})
    keyed = {
        group_digest(key, max_sources, (_part(m, source(m)) for m in found)): (
            key[0],
            partial(date_group, key, found, source),
        )
        for key, found in mentions.items()
    }
    return _ranked_dates(keyed, published, max_sources, memo, mark)


def rank_groups(
    groups: Sequence[DateGroup],
    published: Mapping[str, str | None],
    *,
    max_sources: int | None = MAX_CANDIDATE_SOURCES,
    memo: CandidateMemo | None = None,
    mark: Callable[[list[TimelineEvent]], None] | None = None,
) -> list[Candidate]:
    """The candidates of ``groups`` (see :func:`rank_candidates`), ``published`` giving the
    publication date of every document of the corpus. The events of candidates made now are
    written to ``memo`` :data:`MEMO_BATCH` at a time and let go of, as those of stored ones
    are."""
    keyed = {group.digest(max_sources): (group.value, partial(_given, group)) for group in groups}
    return _ranked_dates(keyed, published, max_sources, memo, mark)


def _given(group: DateGroup) -> DateGroup:
    return group


def _ranked_dates(
    keyed: Mapping[str, tuple[str, GroupMaker]],
    published: Mapping[str, str | None],
    max_sources: int | None,
    memo: CandidateMemo | None,
    mark: Callable[[list[TimelineEvent]], None] | None,
) -> list[Candidate]:
    """The candidates of the dates of ``keyed`` (by the digest of each date's group, its
    value and what makes its group), as :func:`rank_groups` ranks them: a group is made when
    its candidate is made or its salience computed again, and let go of once it is."""
    days = sorted(d for d in map(publication_day, published.values()) if d is not None)
    day_count = len(set(days))
    stored = memo.get(list(keyed)) if memo is not None else {}
    out: list[Candidate] = []
    fresh: list[tuple[Candidate, GroupMaker, float]] = []
    moved: list[tuple[str, Any, None]] = []  # stored ones whose salience is computed again
    for digest, (value, make) in keyed.items():
        later = _later(value, days, day_count)
        entry = stored.get(digest)
        if entry is None:
            group = make()
            event = _candidate(group, _salience(group, later), max_sources)
            out.append(_made(digest, event, group))
            fresh.append((out[-1], make, later))
            if len(fresh) >= MEMO_BATCH:
                _keep_made(fresh, memo, mark, max_sources)
                fresh = []
            continue
        if entry["l"] != later:
            entry = {**entry, "l": later, "s": _salience(make(), later)}
            moved.append((digest, entry, None))
        candidate = _from_stored(digest, entry)
        candidate.remake = partial(_remade, make, candidate.salience, max_sources, mark)
        out.append(candidate)
    _keep_made(fresh, memo, mark, max_sources)
    if memo is not None and moved:
        memo.put(moved)
    return out


def _keep_made(
    fresh: Sequence[tuple[Candidate, GroupMaker, float]],
    memo: CandidateMemo | None,
    mark: Callable[[list[TimelineEvent]], None] | None,
    max_sources: int | None,
) -> None:
    """Give the events of candidates just made (each with what makes its group and the share
    of the corpus published after its date) to ``mark``, then to ``memo``; those the memo
    keeps are let go of, to be read back (or made again) when asked for."""
    events = [c.event() for c, _, _ in fresh]
    if not events:
        return
    if mark is not None:
        mark(events)
    if memo is None:
        return
    made = [(c.digest, _entry(c.event(), later), c.event()) for c, _, later in fresh]
    if memo.put(made):
        for c, make, _ in fresh:
            c.made = None
            c.remake = partial(_remade, make, c.salience, max_sources, mark)


def made_events(candidates: Sequence[Candidate], memo: CandidateMemo | None) -> None:
    """Make the events of the stored ``candidates`` from ``memo``, all at once (one it has
    lost, or could not read, is made again from its mentions)."""
    wanted = [c.digest for c in candidates if c.made is None]
    if not wanted:
        return
    assert memo is not None, "a stored candidate comes from a memo"
    found = memo.events(wanted)
    for c in candidates:
        if c.made is None:
            data = found.get(c.digest)
            if data is not None:
                c.made = TimelineEvent.model_validate({**data, "salience": c.salience})
            else:
                assert c.remake is not None
                c.made = c.remake()


def _remade(
    make: GroupMaker,
    score: float,
    max_sources: int | None,
    mark: Callable[[list[TimelineEvent]], None] | None,
) -> TimelineEvent:
    """A stored candidate made again (its group made by ``make``), its event lost from the
    memo."""
    event = _candidate(make(), score, max_sources)
    if mark is not None:
        mark([event])
    return event


def _entry(event: TimelineEvent, later: float) -> dict[str, Any]:
    """The short entry of a candidate made now, as the memo keeps it."""
    when = event.date
    return {
        "l": later,
        "s": event.salience,
        "i": event.id,
        "v": when.value,
        "m": when.mod,
        "a": when.start,
        "b": when.end,
        "d": event.documents,
        "n": event.sentences,
    }


def _later(value: str, days: Sequence[date], day_count: int) -> float:
    """The share of the corpus published after the date ``value`` (``days`` are the sorted
    publication days of the corpus' documents, ``day_count`` how many distinct days)."""
    span = span_of(value)
    assert span is not None  # only placeable dates reach a candidate
    return later_share(len(days) - bisect_right(days, span.last), len(days), day_count)


def _salience(group: DateGroup, later: float) -> float:
    span = span_of(group.value)
    assert span is not None
    return salience(span, group.evidence, later=later)


def _made(digest: str, event: TimelineEvent, group: DateGroup) -> Candidate:
    return Candidate(
        digest,
        event.id,
        group.value,
        group.mod,
        event.date.start,
        event.date.end,
        event.salience or 0.0,
        group.docs,
        len(group.mentions),
        made=event,
    )


def _from_stored(digest: str, entry: dict[str, Any]) -> Candidate:
    return Candidate(
        digest,
        entry["i"],
        entry["v"],
        entry["m"],
        entry["a"],
        entry["b"],
        entry["s"],
        entry["d"],
        entry["n"],
    )


def _candidate(group: DateGroup, score: float, max_sources: int | None) -> TimelineEvent:
    ranked = _ranked(group)
    shown = ranked if max_sources is None else ranked[:max_sources]
    n, docs = len(group.mentions), group.docs
    summary = f"{n} sentence{'s' if n != 1 else ''} in {docs} document{'s' if docs != 1 else ''}"
    if len(shown) < n:
        summary += f"; the {len(shown)} most representative are listed"
    title = group.mentions[ranked[0]][0].quote
    return TimelineEvent(
        id=candidate_id(group.value, group.mod),
        title=f"{human_date(group.value, group.mod)}: {trim_title(title)}",
        kind="candidate",
        date=DateInfo.of(group.value, group.mod),
        tags=["candidate"],
        summary=summary,
        sources=[_source(*group.mentions[i]) for i in shown],
        salience=score,
        documents=docs,
        sentences=n,
    )


def _source(sentence: DatedSentence, timex: Timex) -> dict[str, Any]:
    """A candidate's source, as its event validates it (in one call, for all its sources)."""
    return {
        "kind": "corpus",
        "doc": sentence.doc,
        "start": sentence.start,
        "end": sentence.end,
        "quote": sentence.quote,
        "timex": timex_data(timex),
        "agrees": None,
        "section": sentence.section,
    }


def _ranked(group: DateGroup) -> list[int]:
    """Indexes of the group's mentions, the most representative first, one per source before
    any second one; mentions beyond the compared sample follow in document order."""
    n = len(group.mentions)
    if n == 1:  # most candidates: nothing to compare
        return [0]
    step = max(1, -(-n // QUOTE_SAMPLE))
    sample = list(range(0, n, step))
    quotes = [group.mentions[i][0].quote for i in sample]
    weights = [group.evidence[i].weight for i in sample]
    scores = quote_scores(quotes, weights)
    by_score = [i for _, i in sorted(zip(scores, sample, strict=True), key=lambda r: (-r[0], r[1]))]
    seen: set[str] = set()
    firsts: list[int] = []
    seconds: list[int] = []
    for i in by_score:
        source = group.evidence[i].source
        (seconds if source in seen else firsts).append(i)
        seen.add(source)
    compared = set(sample)
    return firsts + seconds + [i for i in range(n) if i not in compared]


@dataclass(slots=True)
class Merged:
    """The merged timeline, its stored candidates made into events only when asked for."""

    curated: list[TimelineEvent]  # the events of events.yaml, in its order
    candidates: list[Candidate]
    documents: list[DocumentInfo]  # by id
    timexes: int
    memo: CandidateMemo | None = None  # where the stored candidates' events are

    @property
    def summary(self) -> Summary:
        """The counts ``timeline build`` prints."""
        curated = sum(e.kind == "curated" for e in self.curated)
        return Summary(
            documents=len(self.documents),
            timexes=self.timexes,
            events=curated,
            candidates=len(self.curated) - curated + len(self.candidates),
            conflicts=sum(len(e.conflicts) for e in self.curated),
        )

    def timeline(self) -> Timeline:
        """The whole timeline: every event made, in date order."""
        made_events(self.candidates, self.memo)
        events = [*self.curated, *(c.event() for c in self.candidates)]
        events.sort(key=sort_key)
        return Timeline(events=events, documents=self.documents, summary=self.summary)

    def most_salient(self, limit: int) -> list[TimelineEvent]:
        """The ``limit`` most salient candidates (an unreviewed suggestion of events.yaml
        among them), most salient first, in the order of :func:`salience_rank`."""
        pool: list[tuple[tuple[float, int, int, str, str], TimelineEvent | Candidate]] = [
            (c.rank(), c) for c in self.candidates
        ]
        for event in self.curated:
            if event.kind == "candidate":
                corpus = [s for s in event.sources if isinstance(s, CorpusSource)]
                docs = len({s.doc for s in corpus})
                rank = salience_rank(event.salience, docs, len(corpus), event.date.start, event.id)
                pool.append((rank, event))
        pool.sort(key=lambda r: r[0])
        top = [e for _, e in pool[: max(limit, 0)]]
        made_events([e for e in top if isinstance(e, Candidate)], self.memo)
        return [e if isinstance(e, TimelineEvent) else e.event() for e in top]


def merge_documents(
    specs: Sequence[EventSpec],
    links: Iterable[DocumentLinks],
    documents: Sequence[DocumentInfo],
    parts: Sequence[Contribution],
    *,
    timexes: int,
    max_candidate_sources: int | None = MAX_CANDIDATE_SOURCES,
    copies: Mapping[str, str] | None = None,
    memo: CandidateMemo | None = None,
    mark: Callable[[list[TimelineEvent]], None] | None = None,
    kept: DatedMentions | None = None,
) -> Merged:
    """The merged timeline of the documents' links and contributions (``parts``, in
    document order): curated events with their sources, and the candidates.

    ``copies`` maps a document that is a copy of another story to that story's id (see
    :func:`timeline.copies.near_duplicates`): the candidates' salience counts a story once.
    ``memo``, ``mark`` and ``kept``: see :func:`rank_candidates`.
    """
    curated = curated_events(specs, links)
    published = {d.id: d.published for d in documents}
    candidates = rank_candidates(
        parts,
        published,
        max_sources=max_candidate_sources,
        copies=copies,
        memo=memo,
        mark=mark,
        kept=kept,
    )
    return Merged(curated, candidates, sorted(documents, key=lambda d: d.id), timexes, memo)


def curated_events(
    specs: Sequence[EventSpec], links: Iterable[DocumentLinks]
) -> list[TimelineEvent]:
    """The events of events.yaml, in its order, with the sources and conflicts the
    documents' links found."""
    sources: dict[str, list[CorpusSource]] = {spec.id: [] for spec in specs}
    conflicts: dict[str, list[Conflict]] = {spec.id: [] for spec in specs}
    for doc in links:  # one pass: a large corpus has many documents and few linked sentences
        for event_id, found in doc.sources.items():
            sources[event_id].extend(found)
        for event_id, disagreeing in doc.conflicts.items():
            conflicts[event_id].extend(disagreeing)
    return [curated_event(spec, sources[spec.id], conflicts[spec.id]) for spec in specs]


def merge_timeline(
    specs: Sequence[EventSpec],
    links: Sequence[DocumentLinks],
    documents: Sequence[DocumentInfo],
    *,
    timexes: int,
    max_candidate_sources: int | None = MAX_CANDIDATE_SOURCES,
    copies: Mapping[str, str] | None = None,
) -> Timeline:
    """The whole timeline: curated events with their sources, then candidates, date order
    (:func:`merge_documents`, every mention weighed now)."""
    published = {d.id: d.published for d in documents}
    parts = contributions((d for doc in links for d in doc.unlinked), published)
    return merge_documents(
        specs,
        links,
        documents,
        parts,
        timexes=timexes,
        max_candidate_sources=max_candidate_sources,
        copies=copies,
    ).timeline()


def contributions(
    dated: Iterable[DatedSentence], published: Mapping[str, str | None]
) -> list[Contribution]:
    """The contributions of dated sentences, by document in id order, weighed now."""
    by_doc: dict[str, list[DatedSentence]] = {}
    for sentence in sorted(dated, key=lambda d: (d.doc, d.start)):
        by_doc.setdefault(sentence.doc, []).append(sentence)
    return [contribution(doc, published.get(doc), by_doc[doc]) for doc in sorted(by_doc)]


def sort_key(event: TimelineEvent) -> tuple[str, str, str]:
    """Events in date order, then by kind ("candidate" before "curated"), then by id."""
    return (event.date.start, event.kind, event.id)
