"""What the page shows, computed once in Python: lanes, positions, human dates, readings.

The page embeds one JSON block, the *view* built here: the curated events and the most salient
candidates with their sources, the documents those quote, and everything the browser would
otherwise have to work out with date arithmetic: where each event sits on the chart, how its
date reads, how each source's date was read, how many sentences refer to each stretch of time.
Sources are stored as rows that point into shared tables of documents and readings, so a page
for a big corpus stays small. Everything is sorted and free of clocks so the same timeline
always gives the same page. The whole timeline is what ``timeline build --json`` writes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any
from urllib.parse import quote

from ..dates import human_date as _human_date
from ..models import CorpusSource, DocumentInfo, ReferenceSource, Timeline, TimelineEvent
from .story import DEFAULT_MAX_CANDIDATES, PageData, density, mention_counts, top_candidates

CANDIDATE_LANE = "candidates"
UNTAGGED_LANE = "untagged"
MAX_ROWS_PER_LANE = 4

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")
_HTTP = re.compile(r"^https?://[^\s]+$", re.IGNORECASE)
_UNSAFE_URL = re.compile(r"[\x00-\x1f\\]")  # control characters and backslashes


@lru_cache(maxsize=65536)
def human_date(value: str, mod: str | None = None) -> str:
    """``timeline.dates.human_date``, remembered: a big timeline repeats the same dates."""
    return _human_date(value, mod)


def safe_href(url: str | None) -> str | None:
    """``url`` when a reader may follow it: http(s), or a relative path; otherwise None.

    A ``javascript:``, ``data:`` or ``file:`` URL is never linked; the page shows it as text.
    """
    if not url:
        return None
    text = url.strip()
    if _UNSAFE_URL.search(text):
        return None
    if _HTTP.match(text):
        return text
    if _SCHEME.match(text) or text.startswith("//"):
        return None
    return text


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units (how JavaScript counts string offsets)."""
    return len(text.encode("utf-16-le")) // 2


def event_when(event: TimelineEvent) -> str:
    """The event's date as a person writes it: "June 2016", "8 June 2017 - 12 June 2017"."""
    first = human_date(event.date.value, event.date.mod)
    if event.end_date is None:
        return first
    return f"{first} \u2013 {human_date(event.end_date.value, event.end_date.mod)}"


def lane_of(event: TimelineEvent) -> str:
    """The chart lane: candidates apart, curated events by their first tag."""
    if event.kind == "candidate":
        return CANDIDATE_LANE
    return event.tags[0] if event.tags else UNTAGGED_LANE


def published_label(doc: DocumentInfo) -> str | None:
    """ "October 2022, est." or "30 October 2020", or None when the date is unknown."""
    if not doc.published:
        return None
    text = human_date(doc.published)
    return f"{text}, est." if doc.published_estimated else text


def _mark(source: CorpusSource) -> list[int] | None:
    """Where the date phrase sits in the quote, in UTF-16 units, or None."""
    timex = source.timex
    if timex is None:
        return None
    quote = source.quote
    lo, hi = timex.start - source.start, timex.end - source.start
    if not (0 <= lo < hi <= len(quote)) or quote[lo:hi] != timex.text:
        found = quote.find(timex.text) if timex.text else -1
        if found < 0:
            return None
        lo, hi = found, found + len(timex.text)
    return [utf16_len(quote[:lo]), utf16_len(quote[:hi])]


def reading(source: CorpusSource, docs: dict[str, DocumentInfo]) -> str | None:
    """How the source's date phrase was read, in words.

    "'in April' → April 2020, from the publication date (August 2020, est.)"
    """
    timex = source.timex
    if timex is None:
        return None
    head = f"'{timex.text}' → {human_date(timex.value, timex.mod)}"
    anchor = timex.anchor
    if anchor is None:
        return f"{head}, written out in full"
    if anchor.kind == "publication":
        doc = docs.get(source.doc)
        label = published_label(doc) if doc else None
        if label is None and anchor.value:
            label = human_date(anchor.value)
        if anchor.estimated:
            head = f"{head}, est."
        return f"{head}, from the publication date ({label})" if label else head
    if anchor.kind == "narrative" and anchor.value:
        return f"{head}, from the narrative date {human_date(anchor.value)}"
    return f"{head}: nothing to anchor it to, so it stays uncertain"


def agreement(source: CorpusSource) -> str:
    """ "agrees", "disagrees" or "undated"."""
    if source.agrees is None:
        return "undated"
    return "agrees" if source.agrees else "disagrees"


@dataclass(slots=True)
class _Placed:
    index: int
    first: date
    last: date  # inclusive
    point: bool


def _placement(event: TimelineEvent, index: int) -> _Placed:
    first = date.fromisoformat(event.date.start)
    last = date.fromisoformat(event.end_date.end if event.end_date else event.date.end)
    if last < first:
        last = first
    point = event.date.precision == "day" and event.end_date is None
    return _Placed(index, first, last, point)


def _pack_rows(items: list[_Placed], gap_days: float) -> dict[int, int]:
    """Greedy interval packing: the sub-row of each event inside its lane."""
    rows_end: list[float] = []
    result: dict[int, int] = {}
    for item in sorted(items, key=lambda p: (p.first, p.last, p.index)):
        start = item.first.toordinal()
        # keep a gap after each event so that neighbours in a row never read as one bar
        end = max(item.last.toordinal() + 1, start + gap_days) + gap_days / 2
        for row, row_end in enumerate(rows_end):
            if row_end <= start:
                rows_end[row] = end
                result[item.index] = row
                break
        else:
            if len(rows_end) < MAX_ROWS_PER_LANE:
                rows_end.append(end)
                result[item.index] = len(rows_end) - 1
            else:
                row = min(range(len(rows_end)), key=lambda r: (rows_end[r], r))
                rows_end[row] = max(rows_end[row], end)
                result[item.index] = row
    return result


def _sort_key(event: TimelineEvent) -> tuple[str, str, int, str, str]:
    end = event.end_date.end if event.end_date else event.date.end
    return (event.date.start, end, 0 if event.kind == "curated" else 1, event.title, event.id)


def _salient_key(rank: int | None) -> tuple[bool, int]:
    """Curated events first (in date order, as they come), then candidates by salience."""
    return (rank is not None, rank or 0)


def _lane_order(lanes: set[str]) -> list[str]:
    curated = sorted(lane for lane in lanes if lane not in (CANDIDATE_LANE, UNTAGGED_LANE))
    tail = [lane for lane in (UNTAGGED_LANE, CANDIDATE_LANE) if lane in lanes]
    return curated + tail


def _iso(day: date) -> str:
    return day.isoformat()


_EPOCH = date(1970, 1, 1).toordinal()


def _epoch_day(day: date) -> int:
    """Days since 1970-01-01: the page multiplies by 86,400,000 to get plotly's milliseconds."""
    return day.toordinal() - _EPOCH


def _doc_view(doc: DocumentInfo, corpus_href: str) -> dict[str, Any]:
    href = safe_href(doc.url)
    local = None
    if doc.path and ".." not in doc.path.split("/"):
        local = safe_href(quote(f"{corpus_href}/{doc.path}" if corpus_href else doc.path))
    return {
        "id": doc.id,
        "label": doc.title or doc.id,
        "publisher": doc.publisher,
        "published": published_label(doc),
        # the value behind "published", for the page to write it in the reader's language
        "date": [doc.published, doc.published_estimated] if doc.published else None,
        "href": href,
        "file": local,
        "url": None if href else doc.url,  # shown as text when it is not a link
    }


FIRST_SOURCES = 50  # an event's sources in the view; the rest wait in a block of their own
AGREEMENT_CODES = {"undated": 0, "agrees": 1, "disagrees": 2}
COMMENT, CONTEXT = 1, 2  # bits of a source row's flags


class _Tables:
    """The page's shared tables: documents and readings, each row referred to by its index."""

    def __init__(self, docs: dict[str, DocumentInfo], used: list[str]) -> None:
        self.docs = docs
        self.doc_ids = sorted(set(used))
        self.doc_index = {doc_id: i for i, doc_id in enumerate(self.doc_ids)}
        self.readings: dict[str, int] = {}

    def reading(self, text: str | None) -> int:
        if text is None:
            return -1
        return self.readings.setdefault(text, len(self.readings))

    def doc_rows(self, corpus_href: str) -> list[dict[str, Any]]:
        return [
            _doc_view(self.docs[i], corpus_href) if i in self.docs else {"id": i, "label": i}
            for i in self.doc_ids
        ]


def source_row(source: CorpusSource, tables: _Tables) -> list[Any]:
    """A corpus source as the page stores it:
    ``[doc, quote, mark start, mark end, reading, agreement, flags(, dismissed(, page))]``.

    ``doc`` and ``reading`` index the page's tables (-1: none); the mark counts UTF-16 units
    (-1: no mark); agreement is 0 undated, 1 agrees, 2 disagrees; flags: 1 a reader comment,
    2 linked by its paragraph; dismissed is the curator's reason (null when a page follows
    without one); page, for a PDF, the page the sentence is on (from 1).
    """
    mark = _mark(source) or [-1, -1]
    flags = (COMMENT if source.section == "comment" else 0) | (
        CONTEXT if source.via == "context" else 0
    )
    row: list[Any] = [
        tables.doc_index[source.doc],
        source.quote,
        mark[0],
        mark[1],
        tables.reading(reading(source, tables.docs)),
        AGREEMENT_CODES[agreement(source)],
        flags,
    ]
    if source.dismissed or source.page:
        row.append(source.dismissed)
    if source.page:
        row.append(source.page)
    return row


def _reference_view(source: ReferenceSource) -> dict[str, Any]:
    return {
        "publisher": source.publisher,
        "title": source.title,
        "url": source.url,
        "when": human_date(source.date) if source.date else None,
        "href": safe_href(source.url),
    }


def _event_view(
    event: TimelineEvent, tables: _Tables, rest: dict[str, list[list[Any]]]
) -> dict[str, Any]:
    corpus = [s for s in event.sources if isinstance(s, CorpusSource)]
    corpus.sort(key=lambda s: s.timex is None)  # dated sentences first: they say when
    rows = [source_row(s, tables) for s in corpus]
    if len(rows) > FIRST_SOURCES:
        rest[event.id] = rows[FIRST_SOURCES:]
    documents, sentences = mention_counts(event)
    return {
        "id": event.id,
        "title": event.title,
        "kind": event.kind,
        "tags": event.tags,
        "summary": event.summary,
        "when": event_when(event),
        # the values behind "when", for the page to write them in the reader's language
        "date": [event.date.value, event.date.mod]
        + ([event.end_date.value, event.end_date.mod] if event.end_date is not None else []),
        "approx": event.date.mod == "APPROX"
        or (event.end_date is not None and event.end_date.mod == "APPROX"),
        "documents": documents,
        "sentences": sentences,
        "refs": [_reference_view(s) for s in event.sources if isinstance(s, ReferenceSource)],
        "sources": rows[:FIRST_SOURCES],
        "more": max(len(rows) - FIRST_SOURCES, 0),
        "conflicts": [
            {"doc": tables.doc_index.get(c.doc, -1), "message": c.message} for c in event.conflicts
        ],
    }


def _used_docs(events: list[TimelineEvent]) -> list[str]:
    used = [s.doc for e in events for s in e.sources if isinstance(s, CorpusSource)]
    used.extend(c.doc for e in events for c in e.conflicts)
    return used


def build_view(
    timeline: Timeline | PageData,
    max_candidates: int = DEFAULT_MAX_CANDIDATES,
    *,
    corpus_href: str = "corpus",
) -> dict[str, Any]:
    """Everything the page shows, deterministic for one input: the curated events, the
    ``max_candidates`` most salient candidates, the documents they quote and the density of
    the whole timeline (a :class:`PageData` carries the events already chosen).

    ``corpus_href`` is the corpus folder as a relative link from the page's folder: each
    document's "local copy" link is that folder joined with the document's path in it.

    An event lists its first ``FIRST_SOURCES`` sources; ``rest`` holds the others by event
    id, for the page to read only when they are asked for.
    """
    page = PageData.of(timeline, max_candidates) if isinstance(timeline, Timeline) else timeline
    docs = {doc.id: doc for doc in page.documents}
    events = page.events
    placed = [_placement(event, i) for i, event in enumerate(events)]
    lanes_of = [lane_of(event) for event in events]
    lanes = _lane_order(set(lanes_of))
    lane_index = {lane: i for i, lane in enumerate(lanes)}

    if placed:
        lo = min(p.first for p in placed)
        hi = max(p.last for p in placed)
        gap = max((hi - lo).days / 60, 1.0)
    else:
        lo = hi = date(2000, 1, 1)
        gap = 1.0

    by_lane: dict[str, list[_Placed]] = {lane: [] for lane in lanes}
    for p, lane in zip(placed, lanes_of, strict=True):
        by_lane[lane].append(p)
    row_of: dict[int, int] = {}
    lane_rows: list[int] = []
    for lane in lanes:
        rows = _pack_rows(by_lane[lane], gap)
        row_of.update(rows)
        lane_rows.append(max(rows.values(), default=0) + 1)

    lane_base: list[float] = []
    y = 0.0
    for count in lane_rows:
        lane_base.append(y)
        y += count + 0.6

    tables = _Tables(docs, _used_docs(events))
    rank = {id(e): i for i, e in enumerate(top_candidates(events, len(events)))}
    rest: dict[str, list[list[Any]]] = {}
    view_events: list[dict[str, Any]] = []
    for event, p, lane in zip(events, placed, lanes_of, strict=True):
        li = lane_index[lane]
        end_exclusive = p.last + timedelta(days=1) if p.last < date.max else p.last
        mid = p.first + (end_exclusive - p.first) / 2
        view_events.append(
            _event_view(event, tables, rest)
            | {
                "lane": li,
                "y": lane_base[li] + row_of[p.index],
                "x0": _epoch_day(p.first),
                "x1": None if p.point else _epoch_day(end_exclusive),
                "xm": _epoch_day(p.first) if p.point else _epoch_day(mid),
                "rank": rank.get(id(event)),
            }
        )

    order = sorted(range(len(events)), key=lambda i: _sort_key(events[i]))
    salient = sorted(order, key=lambda i: _salient_key(view_events[i]["rank"]))
    pad = timedelta(days=max((hi - lo).days // 25, 15))
    first_day = lo - pad if lo - date.min > pad else date.min
    last_day = hi + pad if date.max - hi > pad else date.max
    return {
        "lanes": [
            {"name": lane, "y0": lane_base[i] - 0.5, "y1": lane_base[i] + lane_rows[i] - 0.5}
            for i, lane in enumerate(lanes)
        ],
        "events": view_events,
        "order": order,
        "salient": salient,
        "docs": tables.doc_rows(corpus_href),
        "readings": list(tables.readings),
        "rest": rest,
        "range": [_iso(first_day), _iso(last_day)],
        "density": density(page.spans, first_day, last_day, _EPOCH),
        "counts": page.counts,
    }
