"""The tagger's output type."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

TimexKind = Literal["DATE", "TIME", "DURATION", "SET"]
AnchorKind = Literal["publication", "narrative", "none"]


@dataclass(frozen=True, slots=True)
class Timex:
    """One temporal expression: character offsets into the tagged text and its TIMEX3 value.

    ``anchor`` says what a relative or underspecified value was resolved against:
    "publication" (the document creation time), "narrative" (the last explicit date before the
    mention, at offset ``anchor_start``) or "none" (nothing to resolve against, value stays
    underspecified such as ``XXXX-04``); None for absolute expressions that need no anchor.
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
        return asdict(self)


_new = object.__new__
_SET = tuple(Timex.__dict__[name].__set__ for name in Timex.__slots__)
assert Timex.__slots__ == (
    "start", "end", "text", "type", "value", "mod", "anchor", "anchor_value", "anchor_start",
)  # fmt: skip


def new_timex(
    start: int,
    end: int,
    text: str,
    type: TimexKind,
    value: str,
    mod: str | None,
    anchor: AnchorKind | None,
    anchor_value: str | None,
    anchor_start: int | None,
) -> Timex:
    """``Timex(...)`` for the tagger's inner loop: the same frozen object, built by setting its
    slots directly (a frozen dataclass's ``__init__`` goes through ``object.__setattr__`` for
    every field, which costs about as much again)."""
    t = _new(Timex)
    s0, s1, s2, s3, s4, s5, s6, s7, s8 = _SET
    s0(t, start)
    s1(t, end)
    s2(t, text)
    s3(t, type)
    s4(t, value)
    s5(t, mod)
    s6(t, anchor)
    s7(t, anchor_value)
    s8(t, anchor_start)
    return t
