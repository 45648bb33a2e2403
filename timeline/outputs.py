"""What the commands make of the pipeline's result: the summary a build prints, the JSON and
the page it writes (:func:`build_and_write`), and the records of ``timeline extract``
(:func:`iter_extraction_records`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .engine import LOCAL, Engine
from .events_file import load_events
from .extract import Extraction
from .fileio import check_outputs, write_lines
from .link import Linker, Timex
from .merge import Merged, sort_key
from .models import Document, Timeline
from .pipeline import ProgressFn, ReadFn, WarnFn, build_merged, cyclic_gc_paused, run_pipeline
from .published import marked_ref
from .store import Store
from .temporal import has_language

if TYPE_CHECKING:
    from .render import PageData


def _count(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def summary_text(timeline: Timeline | Merged) -> str:
    """``Read 4 documents: 57 temporal expressions, 12 events, 9 candidates, 0 conflicts.``

    Then a line on documents in a language the tagger does not read yet, and one on how to
    add a curated event when there is none.
    """
    s = timeline.summary
    lines = [
        f"Read {_count(s.documents, 'document')}: "
        f"{_count(s.timexes, 'temporal expression')}, {_count(s.events, 'event')}, "
        f"{_count(s.candidates, 'candidate')}, {_count(s.conflicts, 'conflict')}."
    ]
    other = Counter(
        d.language for d in timeline.documents if d.language and not has_language(d.language)
    )
    if other:
        kinds = ", ".join(f"{lang} {n}" for lang, n in sorted(other.items(), key=str))
        lines.append(
            f"{_count(other.total(), 'document')} in a language the tagger does not read yet "
            f"({kinds}): their dates are read with English rules, numeric dates day first "
            "where the language puts the day first."
        )
    if s.events == 0:
        lines.append(
            "No curated events yet: add one to events.yaml (an id, a title, a date and the "
            "aliases that name it), or let `timeline suggest` propose some."
        )
    return "\n".join(lines)


def write_json(merged: Merged, path: Path) -> None:
    """The JSON contract of the whole timeline, written atomically as it is made (see
    :meth:`Merged.json_text`).

    Raises:
        OutputError: the file could not be written.
    """
    write_lines(Path(path), chain(merged.json_text(), ["\n"]))


def build_and_write(
    corpus_dir: Path,
    events_path: Path,
    output: Path,
    *,
    json_path: Path | None = None,
    max_candidates: int | None = None,
    cache_dir: Path | None = None,
    engine: Engine = LOCAL,
    progress: ProgressFn | None = None,
    warn: WarnFn | None = None,
    store: Store | None = None,
    read: ReadFn | None = None,
) -> str:
    """Build, write the page (and the JSON when asked) and return the summary to print.

    The page carries the ``max_candidates`` most salient candidates (None: the renderer's
    default), the JSON every one.

    Raises:
        OutputError: before anything is read, when an output would replace an input or land
            inside the corpus folder.
    """
    check_outputs([output, json_path], corpus_dir=corpus_dir, inputs=[events_path])
    from .render import DEFAULT_MAX_CANDIDATES, write_html  # loaded only when a page is written

    # The collector stays paused until the timeline is written and dropped: the collection
    # that follows then has little left to walk.
    with cyclic_gc_paused():
        merged = build_merged(
            corpus_dir,
            events_path,
            cache_dir=cache_dir,
            engine=engine,
            progress=progress,
            warn=warn,
            store=store,
            read=read,
        )
        limit = DEFAULT_MAX_CANDIDATES if max_candidates is None else max_candidates
        page = page_data(merged, limit)
        write_html(page, Path(output), limit, corpus_dir=Path(corpus_dir))
        lines = [summary_text(merged), f"Wrote {output}"]
        if json_path is not None:
            write_json(merged, Path(json_path))
            lines.append(f"Wrote {json_path}")
        del merged, page
    return "\n".join(lines)


def page_data(merged: Merged, max_candidates: int) -> PageData:
    """What the page needs of a merged timeline: its curated events and ``max_candidates``
    most salient candidates made into events, the days and sentences of every one."""
    from .render import PageData
    from .render.story import event_span

    top = merged.most_salient(max_candidates)
    events = [e for e in merged.curated if e.kind == "curated"]
    events.extend(top)
    events.sort(key=sort_key)
    spans = [(sort_key(e), event_span(e)) for e in merged.curated]
    spans.extend(
        (
            (c.start, "candidate", c.id),
            (date.fromisoformat(c.start), date.fromisoformat(c.end), c.sentences),
        )
        for c in merged.candidates
    )
    spans.sort(key=lambda r: r[0])
    summary = merged.summary
    counts = {
        "documents": summary.documents,
        "events": summary.events,
        "candidates": summary.candidates,
        "conflicts": summary.conflicts,
    }
    return PageData(events, [span for _, span in spans], merged.documents, counts)


def iter_extraction_records(
    corpus_dir: Path,
    *,
    cache_dir: Path | None = None,
    engine: Engine = LOCAL,
    progress: ProgressFn | None = None,
    warn: WarnFn | None = None,
    events_path: Path | None = None,
    with_text: bool = False,
) -> Iterator[dict[str, Any]]:
    """One JSON-ready record per document: the raw extraction behind ``timeline extract``.

    A record is ``{"id", "path", "meta", "sha256", "timexes", "mentions"}``; ``with_text``
    adds ``"text"`` (what was tagged) and ``"sections"`` (``{"kind": "body" | "comment",
    "start", "end"}``). ``meta`` holds the publication date actually used (an estimate is
    marked ``published_estimated``).
    ``mentions`` lists every sentence that carries a temporal expression or names an event:
    ``{"start", "end", "quote", "section", "timexes", "events"}``.

    The extraction does not depend on events.yaml: ``events`` lists the ids of the events of
    ``events_path`` the sentence names when that file is given (it is read first, so a broken
    file fails before any reading), and is empty otherwise.
    """
    specs = load_events(Path(events_path)) if events_path is not None else []
    with Store(cache_dir, warn=warn) as store:
        result = run_pipeline(
            corpus_dir,
            specs,
            store=store,
            engine=engine,
            progress=progress,
            warn=warn,
            with_extractions=True,
        )
    linker = Linker(specs)
    assert result.extractions is not None
    for doc, ext in zip(result.docs, result.extractions, strict=True):
        record = extraction_record(doc, ext, linker)
        if with_text:
            record["text"] = doc.text
            record["sections"] = [
                {"kind": kind, "start": start, "end": end} for kind, start, end in doc.sections()
            ]
        yield record


def extraction_record(doc: Document, ext: Extraction, linker: Linker) -> dict[str, Any]:
    """The ``timeline extract`` record of one document."""
    meta = doc.meta.model_dump(mode="json")
    meta["published_from"] = doc.published_from
    if doc.meta.published is None and ext.dct is not None:
        meta["published"] = ext.dct
        meta["published_estimated"] = True
        meta["published_from"] = "estimate"
    estimated = bool(meta["published_estimated"])
    links = linker.link_document(doc, ext.sentences, ext.timexes, mentions=True)

    def ref(t: Timex) -> dict[str, Any]:
        return marked_ref(t, estimated).model_dump(mode="json")

    return {
        "id": doc.id,
        "path": doc.path,
        "meta": meta,
        "sha256": doc.sha256,
        "timexes": [ref(t) for t in ext.timexes],
        "mentions": [
            {
                "start": start,
                "end": end,
                "quote": doc.text[start:end],
                "section": section,
                "timexes": [ref(t) for t in timexes],
                "events": events,
            }
            for start, end, section, timexes, events in links.mentions
        ],
    }
