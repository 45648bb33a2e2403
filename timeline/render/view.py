"""What the page shows, computed once in Python: lanes, positions, human dates, readings.

The page embeds two JSON blocks: the ``Timeline`` itself (the contract, unchanged) and the
*view* built here, which holds everything the browser would otherwise have to work out with
date arithmetic: where each event sits on the chart, how its date reads, and how each source's
date was read. Everything is sorted and free of clocks so the same timeline always gives the
same page.
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
        "label": doc.title or doc.id,
        "publisher": doc.publisher,
        "published": published_label(doc),
        "href": href,
        "file": local,
    }


def _source_view(
    source: CorpusSource | ReferenceSource, docs: dict[str, DocumentInfo]
) -> dict[str, Any] | None:
    if isinstance(source, ReferenceSource):
        return {
            "when": human_date(source.date) if source.date else None,
            "href": safe_href(source.url),
        }
    return {
        "mark": _mark(source),
        "reading": reading(source, docs),
        "agree": agreement(source),
    }


def build_view(timeline: Timeline, *, corpus_href: str = "corpus") -> dict[str, Any]:
    """Everything the page needs besides the timeline itself, deterministic for one input.

    ``corpus_href`` is the corpus folder as a relative link from the page's folder: each
    document's "local copy" link is that folder joined with the document's path in it.
    """
    docs = {doc.id: doc for doc in timeline.documents}
    events = timeline.events
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

    view_events: list[dict[str, Any]] = []
    for event, p, lane in zip(events, placed, lanes_of, strict=True):
        li = lane_index[lane]
        end_exclusive = p.last + timedelta(days=1) if p.last < date.max else p.last
        mid = p.first + (end_exclusive - p.first) / 2
        view_events.append(
            {
                "lane": li,
                "y": lane_base[li] + row_of[p.index],
                "x0": _epoch_day(p.first),
                "x1": None if p.point else _epoch_day(end_exclusive),
                "xm": _epoch_day(p.first) if p.point else _epoch_day(mid),
                "when": event_when(event),
                "approx": event.date.mod == "APPROX"
                or (event.end_date is not None and event.end_date.mod == "APPROX"),
                "sources": [_source_view(s, docs) for s in event.sources],
            }
        )

    order = sorted(range(len(events)), key=lambda i: _sort_key(events[i]))
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
        "docs": {doc_id: _doc_view(docs[doc_id], corpus_href) for doc_id in sorted(docs)},
        "range": [_iso(first_day), _iso(last_day)],
        "counts": {
            "documents": len(timeline.documents),
            "events": sum(1 for e in events if e.kind == "curated"),
            "candidates": sum(1 for e in events if e.kind == "candidate"),
            "conflicts": sum(len(e.conflicts) for e in events),
        },
    }
