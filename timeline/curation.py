"""``timeline check``: events.yaml validated, then checked against the corpus.

Schema problems are errors: ``load_events`` raises an EventsFileError listing every one as
``events.yaml:LINE:COL: location: message``. With a valid file, the corpus goes through
the pipeline (and its store) and the check reports, as warnings:

- aliases that match no sentence of the corpus (a typo, or a phrase no article uses);
- aliases (and titles) that match far too much: one or two letters, or only common words;
- events with no source at all (no reference in events.yaml, no sentence in the corpus);
- conflicts: a corpus sentence linked to an event whose date disagrees with the curated one,
  with the file, the line, the quote and both dates;
- documents without a publication date (an estimate is used, and said so);
- unreviewed suggestions (``status: candidate``);
- ``dismissed:`` entries that no longer match a disagreeing source.

Warnings exit 0; ``--strict`` makes them exit 1.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .engine import LOCAL, Engine
from .errors import CorpusError
from .events_file import load_events
from .link import STOP_WORDS, Alias, folded, tokens
from .merge import sort_key
from .models import CorpusSource, Document, EventSpec, TimelineEvent
from .pipeline import documents_of, merged_of
from .store import Store

QUOTE_LENGTH = 120


@dataclass
class CheckReport:
    """What ``timeline check`` prints: warnings (one a line) and a one-line summary."""

    events: int
    warnings: list[str] = field(default_factory=list)
    conflicts: int = 0
    summary: str = ""


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def unmatched_aliases(
    specs: Sequence[EventSpec], events: Sequence[TimelineEvent]
) -> list[tuple[EventSpec, str]]:
    """(event, alias) for every alias of events.yaml that matches no sentence of the corpus.

    Linking makes every sentence an alias matches a source of its event (``via: alias``), so
    an alias matches a sentence of the corpus exactly when it matches one of those: the build's
    links answer, and no document is read again.
    """
    quotes = {
        event.id: [
            s.quote for s in event.sources if isinstance(s, CorpusSource) and s.via == "alias"
        ]
        for event in events
    }
    unmatched = []
    for spec in specs:
        for phrase in spec.aliases:
            compiled = Alias.compile(spec.id, phrase)
            if compiled is not None and not any(
                _matches(compiled, quote) for quote in quotes.get(spec.id, ())
            ):
                unmatched.append((spec, phrase))
    return unmatched


def _matches(alias: Alias, quote: str) -> bool:
    lowered = folded(quote)
    if not all(s[:3] in lowered for s in alias.stems):
        return False
    positions: dict[str, list[int]] = {}
    for i, (st, _, _) in enumerate(tokens(quote)):
        positions.setdefault(st, []).append(i)
    return alias.match(positions) is not None


def loose_aliases(specs: Sequence[EventSpec]) -> list[str]:
    """Warnings for the phrases that name an event but would match far too many sentences:
    one or two letters ("a", "EU"), or nothing but common words ("the", "of the")."""
    out = []
    for spec in specs:
        for what, phrase in [("title", spec.title)] + [("alias", a) for a in spec.aliases]:
            words = [phrase[a:b].lower() for _, a, b in tokens(phrase)]
            letters = sum(c.isalnum() for c in phrase)
            if 0 < letters <= 2:
                out.append(
                    f"{spec.id}: {what} {phrase!r} is only {_plural(letters, 'letter')}: it "
                    "names any sentence with that word (use a longer phrase)"
                )
            elif words and all(w in STOP_WORDS for w in words):
                out.append(
                    f"{spec.id}: {what} {phrase!r} is only common words: it names most "
                    "sentences (use the words that identify the event)"
                )
    return out


def _line_of(doc: Document, offset: int) -> int:
    return doc.text.count("\n", 0, offset) + 1


def _short(quote: str, focus: int = 0) -> str:
    """``quote`` on one line, cut to about QUOTE_LENGTH characters around offset ``focus``."""
    if len(quote) <= QUOTE_LENGTH:
        return " ".join(quote.split())
    lo = max(0, min(focus - QUOTE_LENGTH // 2, len(quote) - QUOTE_LENGTH))
    cut = " ".join(quote[lo : lo + QUOTE_LENGTH].split())
    return ("\u2026" if lo > 0 else "") + cut + ("\u2026" if lo + QUOTE_LENGTH < len(quote) else "")


def _by_place(sources: Sequence[object]) -> dict[tuple[str, int], CorpusSource]:
    """The first corpus source at each (document, start) of ``sources``."""
    found: dict[tuple[str, int], CorpusSource] = {}
    for s in sources:
        if isinstance(s, CorpusSource):
            found.setdefault((s.doc, s.start), s)
    return found


def corpus_warnings(
    specs: Sequence[EventSpec],
    docs: Sequence[Document],
    curated: Sequence[TimelineEvent],
    corpus_dir: Path,
) -> tuple[list[str], int]:
    """The warnings about events.yaml against the corpus (given its ``curated`` events as the
    build made them), and the number of conflicts."""
    warnings = [
        f"{spec.id}: alias {phrase!r} matches nothing in the corpus"
        for spec, phrase in unmatched_aliases(specs, curated)
    ]
    by_id = {doc.id: doc for doc in docs}
    conflicts = 0
    for event in sorted(curated, key=sort_key):
        if not event.sources:
            warnings.append(f"{event.id}: no source at all (add a reference under sources:)")
        places = _by_place(event.sources) if event.conflicts else {}
        for conflict in event.conflicts:
            conflicts += 1
            doc = by_id[conflict.doc]
            where = corpus_dir / doc.path
            source = places.get((conflict.doc, conflict.start))
            timex = source.timex if source is not None else None
            said = timex.text if timex is not None else conflict.source_value
            focus = timex.start - conflict.start if timex is not None else 0
            warnings.append(
                f"{event.id}: conflict: {where}:{_line_of(doc, conflict.start)}: "
                f'"{_short(conflict.quote, focus)}" says {conflict.source_value} ("{said}"), '
                f"events.yaml says {conflict.curated_value}"
            )
    events = {event.id: event for event in curated}
    for spec in specs:
        used = [
            s
            for s in events[spec.id].sources
            if isinstance(s, CorpusSource) and s.dismissed is not None
        ]
        for d in spec.dismissed:
            if not any(d.matches(s.doc, s.quote) for s in used):
                warnings.append(
                    f"{spec.id}: dismissed: {d.doc} {d.quote!r} matches no disagreeing "
                    "source (remove it, or check the words)"
                )
    unreviewed = [spec.id for spec in specs if spec.status == "candidate"]
    if unreviewed:
        warnings.append(
            f"{_plural(len(unreviewed), 'event')} still marked status: candidate "
            f"(unreviewed suggestions): {', '.join(unreviewed)}"
        )
    return warnings, conflicts


def check_project(
    events_path: Path,
    corpus_dir: Path,
    *,
    cache_dir: Path | None = None,
    engine: Engine = LOCAL,
) -> CheckReport:
    """Validate ``events_path`` and check it against the corpus in ``corpus_dir``.

    Raises EventsFileError listing every problem of the file. A missing corpus is not an
    error: the file alone is checked, with a warning saying so.
    """
    specs = load_events(events_path)
    warnings = loose_aliases(specs)
    conflicts = 0
    store = Store(cache_dir, warn=warnings.append)
    try:
        merged = merged_of(
            Path(corpus_dir), specs, store=store, engine=engine, warn=warnings.append
        )
    except CorpusError as e:
        warnings.append(f"{e}; only events.yaml was checked")
    else:
        conflicting = {c.doc for event in merged.curated for c in event.conflicts}
        paths = [d.path for d in merged.documents if d.id in conflicting]
        docs = documents_of(Path(corpus_dir), paths, store)
        more, conflicts = corpus_warnings(specs, docs, merged.curated, Path(corpus_dir))
        warnings.extend(more)
    finally:
        store.close()
    n = len(specs)
    status = _plural(len(warnings), "warning") if warnings else "no problems"
    if conflicts:
        status += f" ({_plural(conflicts, 'conflict')} between sources)"
    return CheckReport(
        events=n,
        warnings=warnings,
        conflicts=conflicts,
        summary=f"{events_path}: {_plural(n, 'event')}, {status}",
    )
