"""The temporal tagger: finds temporal expressions and normalises them to TIMEX3 values.

The only module of the package that imports dateparser. ``tag`` is loaded on first use: a
build whose extractions all come from the cache never compiles the grammar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .language import available as has_language
from .timex import Timex
from .version import TAGGER_VERSION, rules_digest

if TYPE_CHECKING:
    from .tagger import tag

__all__ = ["TAGGER_VERSION", "Timex", "has_language", "rules_digest", "tag"]


def __getattr__(name: str) -> Any:
    if name == "tag":
        from .tagger import tag

        return tag
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
