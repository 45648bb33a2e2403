"""Where the story is: which candidates the page carries, and how many sentences refer to when.

A big corpus yields tens of thousands of candidate dates; the page carries the curated events
and the most salient candidates only (the JSON keeps every one). The density strip counts, for
each day, month or year of the chart, the sentences of the whole timeline that refer to it, so
the reader sees where the story is even where no candidate is drawn.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..dates import human_date
from ..merge import salience_rank
from ..models import CorpusSource, DocumentInfo, Timeline, TimelineEvent

DEFAULT_MAX_CANDIDATES = 500
MAX_DAY_BINS = 3 * 366  # above this many days the strip counts months
MAX_MONTH_BINS = 150 * 12  # and above this many months, years
MAX_YEAR_BINS = 1000  # and above this many years, spans of several years


def mention_counts(event: TimelineEvent) -> tuple[int, int]:
    """How many documents and sentences refer to the event's date: a candidate's own counts
    (it lists only some of its sentences), otherwise those of the sources it lists."""
    if event.documents is not None and event.sentences is not None:
        return event.documents, event.sentences
    corpus = [s for s in event.sources if isinstance(s, CorpusSource)]
    return len({s.doc for s in corpus}), len(corpus)


def salience_key(event: TimelineEvent) -> tuple[float, int, int, str, str]:
    """Sorts candidates most salient first: by ``salience`` (an event without one, such as
    an unreviewed suggestion in events.yaml, after those with one), then by documents and
    sentences referring to the date, then by date and id (a stable order)."""
    documents, sentences = mention_counts(event)
    return salience_rank(event.salience, documents, sentences, event.date.start, event.id)


def top_candidates(events: Sequence[TimelineEvent], limit: int) -> list[TimelineEvent]:
    """The ``limit`` most salient candidates, most salient first."""
    candidates = [event for event in events if event.kind == "candidate"]
    candidates.sort(key=salience_key)
    return candidates[: max(limit, 0)]


Span = tuple[date, date, int]  # an event's first and last day, and the sentences referring to it


@dataclass(slots=True)
class PageData:
    """What the page needs of a timeline, which it may carry only in part."""

    events: list[TimelineEvent]  # curated events and the candidates on the page, in date order
    spans: list[Span]  # of every event of the timeline, in its order (for the density strip)
    documents: list[DocumentInfo]
    counts: dict[str, int]  # documents, events (curated), candidates, conflicts

    @classmethod
    def of(cls, timeline: Timeline, max_candidates: int) -> PageData:
        """The page's part of a whole timeline: every curated event and the
        ``max_candidates`` most salient candidates."""
        kept = {id(e) for e in top_candidates(timeline.events, max_candidates)}
        events = [e for e in timeline.events if e.kind == "curated" or id(e) in kept]
        return cls(
            events,
            [event_span(e) for e in timeline.events],
            timeline.documents,
            {
                "documents": len(timeline.documents),
                "events": sum(1 for e in timeline.events if e.kind == "curated"),
                "candidates": sum(1 for e in timeline.events if e.kind == "candidate"),
                "conflicts": sum(len(e.conflicts) for e in timeline.events),
            },
        )


def event_span(event: TimelineEvent) -> Span:
    """The days an event covers and how many sentences refer to it."""
    first = date.fromisoformat(event.date.start)
    last = date.fromisoformat(event.end_date.end if event.end_date else event.date.end)
    return first, max(first, last), mention_counts(event)[1]


@dataclass(frozen=True, slots=True)
class _Unit:
    name: str  # day, month or year
    first: int = 0  # bin number of the chart's first day
    last: int = 0
    years: int = 1  # years a bin covers, when counting years

    def of(self, day: date) -> int:
        if self.name == "day":
            return day.toordinal()
        if self.name == "month":
            return day.year * 12 + day.month - 1
        return (day.year - 1) // self.years

    def start(self, number: int) -> date:
        if self.name == "day":
            return date.fromordinal(number)
        if self.name == "month":
            return date(number // 12, number % 12 + 1, 1)
        return date(number * self.years + 1, 1, 1)

    def label(self, number: int) -> str:
        """The bin as people write it: 3 May 2016, May 2016, 2016 or 1901-1950."""
        start = self.start(number)
        if self.name == "day":
            return human_date(start.isoformat())
        if self.name == "month":
            return human_date(f"{start.year:04d}-{start.month:02d}")
        if self.years == 1:
            return str(start.year)
        return f"{start.year}\u2013{min(start.year + self.years - 1, date.max.year)}"


def _unit(first: date, last: date) -> _Unit:
    for name, limit in (("day", MAX_DAY_BINS), ("month", MAX_MONTH_BINS)):
        lo, hi = _Unit(name).of(first), _Unit(name).of(last)
        if hi - lo < limit:
            return _Unit(name, lo, hi)
    years = -(-(last.year - first.year + 1) // MAX_YEAR_BINS)
    unit = _Unit("year", years=years)
    return _Unit("year", unit.of(first), unit.of(last), years)


def density(spans: Iterable[Span], first: date, last: date, epoch: int) -> dict[str, Any]:
    """Sentences referring to each day, month or year from ``first`` to ``last``.

    A date coarser than the bins ("2016" counted by month) is spread evenly over the bins it
    covers. ``x`` holds each bin's first day and the day after the last bin, in days since
    ``epoch`` (an ordinal); ``counts`` the sentences, rounded; ``labels`` each bin as people
    write it.
    """
    unit = _unit(first, last)
    size = unit.last - unit.first + 1
    steps = [0.0] * (size + 1)  # a difference array: O(events + bins) whatever the spans
    for lo_day, hi_day, sentences in spans:
        if sentences == 0:
            continue
        lo, hi = unit.of(lo_day), unit.of(hi_day)
        share = sentences / (hi - lo + 1)
        lo, hi = max(lo, unit.first), min(hi, unit.last)
        if lo > hi:
            continue
        steps[lo - unit.first] += share
        steps[hi - unit.first + 1] -= share
    counts: list[int] = []
    running = 0.0
    for step in steps[:size]:
        running += step
        counts.append(round(running))
    numbers = range(unit.first, unit.last + 1)
    ends = [unit.start(n).toordinal() - epoch for n in numbers]
    after = unit.start(unit.last).toordinal() - epoch + _length(unit, unit.last)
    return {
        "unit": unit.name,
        "x": [*ends, after],
        "counts": counts,
        "labels": [unit.label(n) for n in numbers],
    }


def _length(unit: _Unit, number: int) -> int:
    """Days in bin ``number``."""
    if unit.name == "day" or number >= unit.of(date.max):
        return 1
    return unit.start(number + 1).toordinal() - unit.start(number).toordinal()
