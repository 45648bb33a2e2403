"""Curated events + linked sentences -> the Timeline; dated, unlinked sentences -> candidates.

Pure: no I/O. Curated events keep the date the user wrote; the corpus only adds sources (and
conflicts, reported, never resolved). Candidates are kept apart (``kind: "candidate"``).
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter

from .dates import human_date, span_of
from .link import DatedSentence, DocumentLinks, Timex, day_value, timex_ref
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
    is_comment_signature,
    is_relative_recall,
    is_stamp,
    is_weak,
    later_share,
    mention_weight,
    publication_day,
    quote_scores,
    salience,
)

TITLE_LENGTH = 80
# Sentences listed per candidate: enough to judge it, few enough that a corpus of thousands of
# documents still gives a page (and a rebuild) of reasonable size.
MAX_CANDIDATE_SOURCES = 10
DAY_LENGTH = len("2016-06-27")


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
    evidence: list[Evidence] = field(default_factory=list)
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


@dataclass(slots=True)
class _Sources:
    """Who said it: documents' publication days, copies of one story, repeated sentences."""

    published: Mapping[str, str | None]
    copies: Mapping[str, str]
    first_writer: dict[str, str] = field(default_factory=dict)  # folded sentence -> source

    def source(self, sentence: DatedSentence) -> str:
        """The source a sentence counts for: its story, or the first to write it verbatim."""
        story = self.copies.get(sentence.doc, sentence.doc)
        folded = " ".join(sentence.quote.lower().split())
        return self.first_writer.setdefault(folded, story)


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
    sources = _Sources(published or {}, copies or {})
    days = {doc: publication_day(p) for doc, p in sources.published.items()}
    groups: dict[tuple[str, str | None], _Group] = {}
    comments_in = ""  # the document whose reader comments have begun
    # In document order once, so that every group is in document order as it fills.
    for sentence in sorted(dated, key=attrgetter("doc", "start")):
        source = sources.source(sentence)
        if is_comment_signature(sentence.quote):
            comments_in = sentence.doc
        section = "comment" if comments_in == sentence.doc else sentence.section
        for timex in _one_per_date(sentence.timexes):
            key = _date_key(timex)
            group = groups.get(key)
            if group is None:
                group = groups[key] = _Group(*key)
            group.mentions.append((sentence, timex))
            weak = is_weak(timex.value, timex.type) or is_relative_recall(
                key[0], timex.anchor, days.get(sentence.doc)
            )
            at = timex.start - sentence.start
            stamp = is_stamp(sentence.quote, at, at + timex.end - timex.start)
            weight = 0.0 if stamp else mention_weight(section, weak=weak)
            group.evidence.append(Evidence(source, days.get(sentence.doc), weight))
            if sentence.doc != group.last_doc:
                group.docs += 1
                group.last_doc = sentence.doc
    dated_days = sorted(d for d in days.values() if d is not None)
    day_count = len(set(dated_days))
    scored = [(_salience(group, dated_days, day_count), group) for group in groups.values()]
    scored.sort(key=lambda r: (-r[0], -r[1].docs, -len(r[1].mentions), r[1].value, r[1].mod or ""))
    return [_candidate(group, score, max_sources) for score, group in scored]


def _date_key(timex: Timex) -> tuple[str, str | None]:
    """The candidate a mention supports: its date, and its mod unless the date is a day
    ("early on Monday" is Monday, "the end of June" is not June)."""
    value = day_value(timex.value)
    if timex.mod is None or len(value) == DAY_LENGTH:
        return value, None
    return value, timex.mod


def _salience(group: _Group, dated_days: Sequence[date], day_count: int) -> float:
    """The group's salience; ``dated_days`` are the sorted publication days of the corpus'
    documents, ``day_count`` how many distinct days they are."""
    span = span_of(group.value)
    assert span is not None  # only placeable dates reach a candidate
    after = len(dated_days) - bisect_right(dated_days, span.last)
    return salience(span, group.evidence, later=later_share(after, len(dated_days), day_count))


def _one_per_date(timexes: Sequence[Timex]) -> Sequence[Timex]:
    """One mention per date even if the sentence writes it twice: the first explicit one."""
    if len(timexes) < 2:
        return timexes
    unique: dict[tuple[str, str | None], Timex] = {}
    for t in sorted(timexes, key=lambda t: (t.type != "DATE", t.anchor == "publication")):
        unique.setdefault(_date_key(t), t)
    return sorted(unique.values(), key=attrgetter("start"))


def _candidate(group: _Group, score: float, max_sources: int | None) -> TimelineEvent:
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


def _source(sentence: DatedSentence, timex: Timex) -> CorpusSource:
    """A candidate's source (its fields come validated from the link stage: constructed)."""
    return CorpusSource.model_construct(
        doc=sentence.doc,
        start=sentence.start,
        end=sentence.end,
        quote=sentence.quote,
        timex=timex_ref(timex),
        agrees=None,
        section=sentence.section,
    )


def _ranked(group: _Group) -> list[int]:
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


def merge_timeline(
    specs: Sequence[EventSpec],
    links: Sequence[DocumentLinks],
    documents: Sequence[DocumentInfo],
    *,
    timexes: int,
    max_candidate_sources: int | None = MAX_CANDIDATE_SOURCES,
    copies: Mapping[str, str] | None = None,
) -> Timeline:
    """The whole timeline: curated events with their sources, then candidates, date order.

    ``copies`` maps a document that is a copy of another story to that story's id (see
    :func:`timeline.copies.near_duplicates`): the candidates' salience counts a story once.
    """
    sources: dict[str, list[CorpusSource]] = {spec.id: [] for spec in specs}
    conflicts: dict[str, list[Conflict]] = {spec.id: [] for spec in specs}
    for doc in links:  # one pass: a large corpus has many documents and few linked sentences
        for event_id, found in doc.sources.items():
            sources[event_id].extend(found)
        for event_id, disagreeing in doc.conflicts.items():
            conflicts[event_id].extend(disagreeing)
    events = [curated_event(spec, sources[spec.id], conflicts[spec.id]) for spec in specs]
    dated = (d for doc in links for d in doc.unlinked)
    published = {d.id: d.published for d in documents}
    events.extend(
        find_candidates(
            dated, max_sources=max_candidate_sources, published=published, copies=copies
        )
    )
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
