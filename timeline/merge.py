"""Curated events + linked sentences -> the Timeline; dated, unlinked sentences -> candidates.

Pure: no I/O. Curated events keep the date the user wrote; the corpus only adds sources (and
conflicts, reported, never resolved). Candidates are kept apart (``kind: "candidate"``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter

from .dates import human_date
from .link import DatedSentence, DocumentLinks, Timex, timex_ref
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

TITLE_LENGTH = 80
# Sentences listed per candidate: enough to judge it, few enough that a corpus of thousands of
# documents still gives a page (and a rebuild) of reasonable size.
MAX_CANDIDATE_SOURCES = 10


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


@dataclass(slots=True)
class _Group:
    value: str
    mod: str | None
    mentions: list[tuple[DatedSentence, Timex]] = field(default_factory=list)
    docs: int = 0  # distinct documents among the mentions
    last_doc: str = ""


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


def find_candidates(
    dated: Iterable[DatedSentence], *, max_sources: int | None = MAX_CANDIDATE_SOURCES
) -> list[TimelineEvent]:
    """Dated sentences grouped by normalised value (and mod), ranked.

    The rank is: number of distinct documents, then number of sentences (both descending),
    then date. A sentence with two dates supports two candidates. A candidate lists at most
    ``max_sources`` sentences (None: all), one per document first so that as many documents
    as possible are shown; its ``summary`` gives the full counts.
    """
    groups: dict[tuple[str, str | None], _Group] = {}
    # In document order once, so that every group is in document order as it fills.
    for sentence in sorted(dated, key=attrgetter("doc", "start")):
        timexes = sentence.timexes
        if len(timexes) > 1:  # one mention per candidate, even if the date is written twice
            unique: dict[tuple[str, str | None], Timex] = {}
            for t in timexes:
                unique.setdefault((t.value, t.mod), t)
            timexes = tuple(unique.values())
        for timex in timexes:
            key = (timex.value, timex.mod)
            group = groups.get(key)
            if group is None:
                group = groups[key] = _Group(timex.value, timex.mod)
            group.mentions.append((sentence, timex))
            if sentence.doc != group.last_doc:
                group.docs += 1
                group.last_doc = sentence.doc
    ranked = [
        (-group.docs, -len(group.mentions), group.value, group.mod or "", group)
        for group in groups.values()
    ]
    ranked.sort(key=itemgetter(0, 1, 2, 3))
    return [_candidate(r[4], -r[0], max_sources) for r in ranked]


def _candidate(group: _Group, docs: int, max_sources: int | None) -> TimelineEvent:
    shown = _select(group.mentions, max_sources)
    n = len(group.mentions)
    summary = f"{n} sentence{'s' if n != 1 else ''} in {docs} document{'s' if docs != 1 else ''}"
    if len(shown) < n:
        summary += f"; the first {len(shown)} are listed"
    return TimelineEvent(
        id=candidate_id(group.value, group.mod),
        title=f"{human_date(group.value, group.mod)}: {trim_title(_title_sentence(group))}",
        kind="candidate",
        date=DateInfo.of(group.value, group.mod),
        tags=["candidate"],
        summary=summary,
        sources=[
            CorpusSource(
                doc=sentence.doc,
                start=sentence.start,
                end=sentence.end,
                quote=sentence.quote,
                timex=timex_ref(timex),
                agrees=None,
                section=sentence.section,
            )
            for sentence, timex in shown
        ],
    )


def _title_sentence(group: _Group) -> str:
    """The sentence that best names the candidate: from an article's body rather than a reader
    comment, and the one that puts the date first ("In 2017, ...", "A 2017 poll ...").

    Mentions are in document order, so the first of equally good sentences wins.
    """
    best: tuple[bool, int] | None = None
    quote = ""
    for sentence, timex in group.mentions:
        key = (sentence.section != "body", timex.start - sentence.start)
        if best is None or key < best:
            best, quote = key, sentence.quote
            if key == (False, 0):
                break
    return quote


def _select(
    mentions: list[tuple[DatedSentence, Timex]], limit: int | None
) -> list[tuple[DatedSentence, Timex]]:
    """At most ``limit`` mentions, the first of each document before any second one."""
    if limit is None or len(mentions) <= limit:
        return mentions
    firsts: list[tuple[DatedSentence, Timex]] = []
    rest: list[tuple[DatedSentence, Timex]] = []
    last = ""
    for m in mentions:  # in document order: a new document starts where the id changes
        if m[0].doc != last:
            last = m[0].doc
            firsts.append(m)
            if len(firsts) == limit:
                break  # enough documents: no second mention of one will be shown
        elif len(rest) < limit:
            rest.append(m)
    chosen = (firsts + rest)[:limit]
    return sorted(chosen, key=lambda m: (m[0].doc, m[0].start))


def merge_timeline(
    specs: Sequence[EventSpec],
    links: Sequence[DocumentLinks],
    documents: Sequence[DocumentInfo],
    *,
    timexes: int,
    max_candidate_sources: int | None = MAX_CANDIDATE_SOURCES,
) -> Timeline:
    """The whole timeline: curated events with their sources, then candidates, date order."""
    sources: dict[str, list[CorpusSource]] = {spec.id: [] for spec in specs}
    conflicts: dict[str, list[Conflict]] = {spec.id: [] for spec in specs}
    for doc in links:  # one pass: a large corpus has many documents and few linked sentences
        for event_id, found in doc.sources.items():
            sources[event_id].extend(found)
        for event_id, disagreeing in doc.conflicts.items():
            conflicts[event_id].extend(disagreeing)
    events = [curated_event(spec, sources[spec.id], conflicts[spec.id]) for spec in specs]
    dated = (d for doc in links for d in doc.unlinked)
    events.extend(find_candidates(dated, max_sources=max_candidate_sources))
    events.sort(key=sort_key)
    return Timeline(
        events=events,
        documents=sorted(documents, key=lambda d: d.id),
        summary=Summary(
            documents=len(documents),
            timexes=timexes,
            events=sum(e.kind == "curated" for e in events),
            candidates=sum(e.kind == "candidate" for e in events),
            conflicts=sum(len(e.conflicts) for e in events),
        ),
    )


def sort_key(event: TimelineEvent) -> tuple[str, str, str]:
    """Events in date order, then by kind ("candidate" before "curated"), then by id."""
    return (event.date.start, event.kind, event.id)
