"""Curated events + linked sentences -> the Timeline; dated, unlinked sentences -> candidates.

Pure: no I/O. Curated events keep the date the user wrote; the corpus only adds sources (and
conflicts, reported, never resolved). Candidates are kept apart (``kind: "candidate"``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .dates import human_date
from .link import DatedSentence, DocumentLinks, timex_ref
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
    sources: list[CorpusSource] = field(default_factory=list)


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


def find_candidates(dated: Iterable[DatedSentence]) -> list[TimelineEvent]:
    """Dated sentences grouped by normalised value (and mod), ranked.

    The rank is: number of distinct documents, then number of sentences (both descending),
    then date. A sentence with two dates supports two candidates.
    """
    groups: dict[tuple[str, str | None], _Group] = {}
    for sentence in dated:
        seen: set[tuple[str, str | None]] = set()
        for timex in sentence.timexes:
            key = (timex.value, timex.mod)
            if key in seen:
                continue
            seen.add(key)
            group = groups.get(key)
            if group is None:
                group = groups[key] = _Group(timex.value, timex.mod)
            group.sources.append(
                CorpusSource(
                    doc=sentence.doc,
                    start=sentence.start,
                    end=sentence.end,
                    quote=sentence.quote,
                    timex=timex_ref(timex),
                    agrees=None,
                    section=sentence.section,
                )
            )
    events = []
    for group in groups.values():
        group.sources.sort(key=lambda s: (s.doc, s.start))
        first = group.sources[0]
        events.append(
            TimelineEvent(
                id=candidate_id(group.value, group.mod),
                title=f"{human_date(group.value, group.mod)}: {trim_title(first.quote)}",
                kind="candidate",
                date=DateInfo.of(group.value, group.mod),
                tags=["candidate"],
                sources=list(group.sources),
            )
        )
    return sorted(events, key=_rank)


def _rank(event: TimelineEvent) -> tuple[int, int, str, str]:
    docs = {s.doc for s in event.sources if isinstance(s, CorpusSource)}
    return (-len(docs), -len(event.sources), event.date.start, event.id)


def merge_timeline(
    specs: Sequence[EventSpec],
    links: Sequence[DocumentLinks],
    documents: Sequence[DocumentInfo],
    *,
    timexes: int,
) -> Timeline:
    """The whole timeline: curated events with their sources, then candidates, date order."""
    events = []
    for spec in specs:
        sources = [s for doc in links for s in doc.sources.get(spec.id, [])]
        conflicts = [c for doc in links for c in doc.conflicts.get(spec.id, [])]
        events.append(curated_event(spec, sources, conflicts))
    events.extend(find_candidates(d for doc in links for d in doc.unlinked))
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
