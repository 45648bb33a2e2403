"""The tagger's output type."""

from __future__ import annotations

from typing import Any, Literal, NamedTuple

TimexKind = Literal["DATE", "TIME", "DURATION", "SET"]
AnchorKind = Literal["publication", "narrative", "none"]


class Timex(NamedTuple):
    """One temporal expression: character offsets into the tagged text and its TIMEX3 value.

    ``anchor`` says what a relative or underspecified value was resolved against:
    "publication" (the document creation time), "narrative" (the last explicit date before the
    mention, at offset ``anchor_start``) or "none" (nothing to resolve against, value stays
    underspecified such as ``XXXX-04``); None for absolute expressions that need no anchor.

    A tuple: the tagger makes tens of thousands per build, the store keeps each as the row of
    its fields and makes it back from that row.
    """

    start: int
    end: int
    text: str
    type: TimexKind
    value: str
    mod: str | None = None
    anchor: AnchorKind | None = None
    anchor_value: str | None = None
    anchor_start: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return self._asdict()
