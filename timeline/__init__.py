"""timeline: reconstruct a sourced, interactive timeline from a corpus of articles.

The library behind the ``timeline`` command, for notebooks and scripts::

    from timeline import build_timeline, load_events, tag

    timeline = build_timeline("corpus", "events.yaml", cache_dir=".timeline-cache")
    timeline.summary.documents, [e.title for e in timeline.events]
    tag("The vote took place on 23 June 2016.", "2016-06-24")
    load_events("events.yaml")

Each name is imported on first use, so ``import timeline`` loads neither the tagger nor the
pipeline.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .events_file import load_events
    from .models import Timeline
    from .pipeline import build_timeline
    from .temporal import tag

__version__ = "0.1.0"

__all__ = ["Timeline", "__version__", "build_timeline", "load_events", "tag"]

_HOMES = {
    "build_timeline": "timeline.pipeline",
    "Timeline": "timeline.models",
    "tag": "timeline.temporal",
    "load_events": "timeline.events_file",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(home), name)
