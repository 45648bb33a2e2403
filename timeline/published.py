"""Publication dates: an estimate for a document that states none, and the marks it leaves.

In order of trust: what the user wrote (front matter, sidecar, ``metadata.csv``), what the
page or file states about itself (``read``), then this estimate. A document is published no
earlier than the latest past event its body dates, so the estimate is that date. Only the body
counts (reader comments are written later; page furniture is not read at all), and only
explicit dates that refer to the past: "by 2030", "will open in May 2027", "the plan runs
until 2040" and "© 2021" lines say nothing about when the text was written.

Every date later resolved against an estimate inherits its uncertainty: its anchor is marked
``estimated`` in the timeline (JSON, page and CSV).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from .dates import span_of
from .link import Timex, timex_ref
from .models import CorpusSource, Document, DocumentInfo, Timeline, TimelineEvent, TimexRef

ESTIMATE_NOTE = (
    "the latest past date its body mentions (reader comments, future dates and copyright "
    "lines left out)"
)

# Words before a date in its sentence that make it a date ahead, not behind.
_FUTURE = re.compile(
    r"\b(?:will|won't|won\u2019t|shall|going\s+to|plans?\s+to|planned|planning|scheduled|"
    r"expected\s+to|expects?\s+to|forecasts?|projected|upcoming)\b|'ll\b|\u2019ll\b",
    re.I,
)
# A deadline just before the date: "by 2030", "until the end of 2040".
_DEADLINE = re.compile(
    r"\b(?:by|until|till|through|before)\s+(?:(?:the\s+)?(?:end|start|middle|beginning)\s+of\s+"
    r"|early\s+|late\s+|mid-?\s*)?$",
    re.I,
)
_COPYRIGHT = re.compile(r"\u00a9|\(c\)|copyright|all rights reserved", re.I)
_LOOK_BACK = 80  # characters of the sentence before a date that are read for a cue


def estimate_published(doc: Document, timexes: Sequence[Timex]) -> str | None:
    """The latest explicit past date the body of ``doc`` mentions, or None.

    Only absolute DATE expressions count (no anchor was needed to read them), only in the
    body, and only those whose sentence does not point ahead before them (see the module
    note). Of two dates the one that starts later wins; on a tie the more precise one
    ("2017-06-08" over "2017").
    """
    text = doc.text
    body_end = doc.body_end if doc.body_end is not None else len(text)
    best: tuple[date, int, str] | None = None
    for t in timexes:
        if t.type != "DATE" or t.anchor is not None or t.start >= body_end:
            continue
        span = span_of(t.value)
        if span is None or not refers_to_the_past(text, t.start):
            continue
        key = (span.first, -(span.last - span.first).days, t.value)
        if best is None or key > best:
            best = key
    return best[2] if best is not None else None


def refers_to_the_past(text: str, start: int) -> bool:
    """False when the words before ``start`` in its sentence point ahead or claim a copyright."""
    lo = max(0, start - _LOOK_BACK)
    before = text[lo:start]
    cut = max(before.rfind(". "), before.rfind("\n"), before.rfind("? "), before.rfind("! "))
    if cut >= 0:
        before = before[cut + 1 :]
    line_end = text.find("\n", start)
    line = text[lo : len(text) if line_end < 0 else line_end]
    return not (_FUTURE.search(before) or _DEADLINE.search(before) or _COPYRIGHT.search(line))


def marked_ref(timex: Timex, estimated: bool) -> TimexRef:
    """The output form of ``timex``; resolved against an estimated publication date, marked."""
    ref = timex_ref(timex)
    if estimated and ref.anchor is not None and ref.anchor.kind == "publication":
        ref.anchor.estimated = True
    return ref


def mark_estimated(timeline: Timeline, docs: Sequence[Document]) -> Timeline:
    """The timeline with every date resolved against an estimated publication date marked,
    and each PDF source given its page number."""
    pages = {d.id: d.pages for d in docs if d.pages}
    mark_sources(timeline.events, timeline.documents, pages)
    return timeline


def mark_sources(
    events: Iterable[TimelineEvent],
    documents: Iterable[DocumentInfo],
    pages: Mapping[str, list[int]],
) -> None:
    """:func:`mark_estimated` of ``events``, given the ``documents`` of the corpus and the
    page offsets of its PDF documents, by id."""
    estimated = {d.id for d in documents if d.published_estimated}
    if not estimated and not pages:
        return
    for event in events:
        for source in event.sources:
            if isinstance(source, CorpusSource):
                _mark_source(source, source.doc in estimated, pages.get(source.doc))


def _mark_source(source: CorpusSource, estimated: bool, pages: list[int] | None) -> None:
    timex = source.timex
    anchor = timex.anchor if timex is not None else None
    if estimated and anchor is not None and anchor.kind == "publication":
        anchor.estimated = True
    if pages:
        source.page = page_of(pages, source.start)


def page_of(pages: list[int], offset: int) -> int:
    """The page (from 1) whose text holds ``offset``, given each page's start offset."""
    page = 1
    for number, start in enumerate(pages, 1):
        if start > offset:
            break
        page = number
    return page
