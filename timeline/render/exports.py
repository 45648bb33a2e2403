"""The same timeline in other shapes: its JSON, a CSV of sources, a TimelineJS 3 file."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from html import escape
from pathlib import Path
from typing import Any, Literal

from ..dates import human_date
from ..errors import RenderError
from ..models import CorpusSource, DateInfo, ReferenceSource, Timeline, TimelineEvent
from .page import write_text_atomic
from .view import event_when, lane_of, safe_href

ExportFormat = Literal["json", "csv", "timelinejs"]
FORMATS: tuple[str, ...] = ("json", "csv", "timelinejs")

CSV_COLUMNS = [
    "event_id",
    "title",
    "kind",
    "date_value",
    "date_start",
    "date_end",
    "date_precision",
    "date_mod",
    "end_value",
    "tags",
    "salience",
    "source_kind",
    "doc",
    "publisher",
    "source_title",
    "url",
    "quote",
    "timex_text",
    "timex_value",
    "agrees",
    "section",
    "doc_published",
    "doc_published_estimated",
    "estimated",
    "page",
]


def export_json(timeline: Timeline) -> str:
    """The timeline contract, indented, ending in a newline."""
    return timeline.model_dump_json(indent=2) + "\n"


def _agrees(value: bool | None) -> str:
    return "" if value is None else ("true" if value else "false")


def _csv_rows(timeline: Timeline) -> list[dict[str, str]]:
    docs = {doc.id: doc for doc in timeline.documents}
    rows: list[dict[str, str]] = []
    for event in timeline.events:
        base = {
            "event_id": event.id,
            "title": event.title,
            "kind": event.kind,
            "date_value": event.date.value,
            "date_start": event.date.start,
            "date_end": event.end_date.end if event.end_date else event.date.end,
            "date_precision": event.date.precision,
            "date_mod": event.date.mod or "",
            "end_value": event.end_date.value if event.end_date else "",
            "tags": "; ".join(event.tags),
            "salience": "" if event.salience is None else f"{event.salience:g}",
        }
        if not event.sources:
            rows.append({column: base.get(column, "") for column in CSV_COLUMNS})
        for source in event.sources:
            row = dict.fromkeys(CSV_COLUMNS, "") | base
            if isinstance(source, ReferenceSource):
                row |= {
                    "source_kind": "reference",
                    "publisher": source.publisher,
                    "source_title": source.title,
                    "url": source.url or "",
                }
            else:
                doc = docs.get(source.doc)
                row |= {
                    "source_kind": "corpus",
                    "doc": source.doc,
                    "publisher": (doc.publisher or "") if doc else "",
                    "source_title": (doc.title or "") if doc else "",
                    "url": (doc.url or "") if doc else "",
                    "quote": source.quote,
                    "timex_text": source.timex.text if source.timex else "",
                    "timex_value": source.timex.value if source.timex else "",
                    "agrees": _agrees(source.agrees),
                    "section": source.section,
                    "doc_published": (doc.published or "") if doc else "",
                    "doc_published_estimated": _agrees(doc.published_estimated) if doc else "",
                    "estimated": _agrees(_rests_on_estimate(source)),
                    "page": str(source.page) if source.page else "",
                }
            rows.append(row)
    return rows


def _rests_on_estimate(source: CorpusSource) -> bool:
    """True when the source's date was resolved against an estimated publication date."""
    anchor = source.timex.anchor if source.timex is not None else None
    return anchor is not None and anchor.estimated


# A cell a spreadsheet would run as a formula: "=HYPERLINK(...)", "+1", "-2+3", "@SUM(...)".
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(value: str) -> str:
    """``value`` as a spreadsheet shows it as text: a cell that would start a formula gets a
    leading apostrophe (the usual defence; the text is otherwise kept as written)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def export_csv(timeline: Timeline) -> str:
    """One row per (event, source); an event without sources still gets one row.

    Text from the corpus or events.yaml that a spreadsheet would read as a formula is made
    inert (see :func:`inert_cell`). The text starts with a byte order mark, so that
    spreadsheets read it as UTF-8 and show accents.
    """
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in _csv_rows(timeline):
        writer.writerow({column: inert_cell(value) for column, value in row.items()})
    return buffer.getvalue()


# --------------------------------------------------------------------------- TimelineJS


def _parts(day: date, precision: str) -> dict[str, int]:
    if precision in ("day", "week"):
        return {"year": day.year, "month": day.month, "day": day.day}
    if precision in ("month", "season", "quarter"):
        return {"year": day.year, "month": day.month}
    return {"year": day.year}


def tljs_dates(event: TimelineEvent) -> tuple[dict[str, int], dict[str, int] | None]:
    """TimelineJS start_date and end_date holding only the parts the precision allows.

    A month is ``{year, month}``; a season or quarter runs from its first to its last month;
    a decade from its first to its last year; a period ends where its end value ends.
    """
    first = date.fromisoformat(event.date.start)
    start = _parts(first, event.date.precision)
    last_info: DateInfo = event.end_date or event.date
    last = date.fromisoformat(last_info.end)
    if event.end_date is None and event.date.precision in ("day", "month", "year"):
        return start, None
    end = _parts(last, last_info.precision)
    return start, (None if end == start else end)


def _source_item(source: CorpusSource | ReferenceSource, timeline_docs: dict[str, Any]) -> str:
    if isinstance(source, ReferenceSource):
        title = escape(source.title)
        href = safe_href(source.url)
        if href and href.lower().startswith(("http://", "https://")):
            title = f'<a href="{escape(href)}">{title}</a>'
        when = f", {escape(human_date(source.date))}" if source.date else ""
        return f"<li>{escape(source.publisher)}, {title}{when}</li>"
    doc = timeline_docs.get(source.doc)
    where = escape(doc.title or doc.id) if doc else escape(source.doc)
    if source.page:
        where += f", p. {source.page}"
    if doc and doc.publisher:
        where += f", {escape(doc.publisher)}"
    comment = " (reader comment)" if source.section == "comment" else ""
    return f"<li>&ldquo;{escape(source.quote)}&rdquo; &mdash; <i>{where}</i>{comment}</li>"


def _tljs_text(event: TimelineEvent, docs: dict[str, Any]) -> str:
    parts = []
    if event.summary:
        parts.append(f"<p>{escape(event.summary)}</p>")
    if event.sources:
        items = "".join(_source_item(source, docs) for source in event.sources)
        parts.append(f"<ul>{items}</ul>")
    if event.conflicts:
        items = "".join(f"<li>{escape(c.message)}</li>" for c in event.conflicts)
        parts.append(f"<p>Sources disagree:</p><ul>{items}</ul>")
    return "".join(parts)


def export_timelinejs(timeline: Timeline) -> str:
    """A TimelineJS 3 JSON file: a title slide and one slide per event."""
    docs = {doc.id: doc for doc in timeline.documents}
    seen: set[str] = set()
    slides: list[dict[str, Any]] = []
    for event in timeline.events:
        unique = event.id
        n = 2
        while unique in seen:
            unique = f"{event.id}-{n}"
            n += 1
        seen.add(unique)
        start, end = tljs_dates(event)
        slide: dict[str, Any] = {"start_date": start}
        if end is not None:
            slide["end_date"] = end
        slide |= {
            "display_date": escape(event_when(event)),
            "text": {"headline": escape(event.title), "text": _tljs_text(event, docs)},
            "group": lane_of(event),
            "unique_id": unique,
        }
        slides.append(slide)
    curated = sum(1 for e in timeline.events if e.kind == "curated")
    title = {
        "text": {
            "headline": "Timeline",
            "text": f"<p>{curated} events and {len(timeline.events) - curated} candidates "
            f"from {len(timeline.documents)} documents</p>",
        }
    }
    return json.dumps({"title": title, "events": slides}, ensure_ascii=False, indent=2) + "\n"


def render_export(timeline: Timeline, fmt: str) -> str:
    """The export as text; RenderError for an unknown format."""
    if fmt == "json":
        return export_json(timeline)
    if fmt == "csv":
        return export_csv(timeline)
    if fmt == "timelinejs":
        return export_timelinejs(timeline)
    raise RenderError(f"unknown export format '{fmt}' (use one of: {', '.join(FORMATS)})")


def write_export(timeline: Timeline, fmt: ExportFormat | str, path: Path) -> None:
    """Write the timeline to ``path`` as json, csv or timelinejs (through a temporary file)."""
    write_text_atomic(Path(path), render_export(timeline, fmt))
