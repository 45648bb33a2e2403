"""The tagger: finds temporal expressions in a text and normalises them to TIMEX3.

``tag(text, dct)`` scans a lower-cased copy of the text once with the grammar, drops
look-alikes (modal "may", ages, "a second"...), then reads each span in order, resolving
relative and underspecified expressions against the right anchor:

* news mode (default): deictic expressions ("yesterday", "last year", "Friday") against the
  document creation time (DCT); an underspecified date ("1 July", "April") against an
  explicit date with a year mentioned shortly before it (same or previous sentence, within a
  few hundred characters), otherwise against the DCT;
* narrative mode: everything relative against the last explicit date before the mention.

Without any anchor a value stays underspecified (``XXXX-04``), never today's date.
"""

from __future__ import annotations

import re
from typing import Literal

from .anchor import Ref, parse_ref
from .filters import accept
from .grammar import lower_same_length, scan
from .normalize import READERS, Anchor, Reading
from .timex import Timex

TAGGER_VERSION = "1.0"

Mode = Literal["news", "narrative"]

# How far back an explicit date may anchor an underspecified one in news mode.
NARRATIVE_WINDOW = 400
_BOUNDARY = re.compile(r"[.!?][\"\u201d\u2019)\]]*\s+|\n\s*")
# Tense cues: the one nearest the expression decides whether it points forward or back.
_CUES = re.compile(
    r"\b(?P<f>will|won['\u2019]t|shall|would|going\s+to|scheduled|plans?\s+to|planned"
    r"|expects?|expected|set\s+(?:to|for)|due\s+to|is\s+to|are\s+to|slated|hopes?\s+to"
    r"|intends?\s+to|aims?\s+to|as\s+(?:soon|early)\s+as|upcoming|next)\b|['\u2019]ll\b"
    r"|(?<!\bbe\s)(?<!\bbeen\s)(?<!\bbeing\s)\b(?P<p>was|were|had|did|said|told|met|came|went"
    r"|took|made|began|left|held|gave|saw|got|won|lost|found|fell|rose|sent|brought|ago|last"
    r"|[a-z]{3,}ed)\b"
)
_SENTENCE_END = re.compile(r"[.!?][\"\u201d\u2019)\]]*\s|\n")


class _Context:
    """Anchors and tense cues for one document, fed in text order."""

    def __init__(self, low: str, dct: Ref | None, mode: Mode, dayfirst: bool) -> None:
        self.low = low
        self.dct = dct
        self.mode = mode
        self._dayfirst = dayfirst
        self.explicit: Anchor | None = None  # last explicit date with month or day
        self.explicit_end = 0
        self.explicit_any: Anchor | None = None  # last explicit date at any precision
        self.last: Anchor | None = None
        self.quarter_value: str | None = None
        self.quarter_start = -(10**9)

    @property
    def dayfirst(self) -> bool:
        return self._dayfirst

    def _publication(self) -> Anchor:
        return Anchor(self.dct, "publication") if self.dct else Anchor(None, "none")

    def deictic(self, start: int) -> Anchor:
        if self.mode == "narrative" and self.explicit_any is not None:
            return self.explicit_any
        return self._publication()

    def underspecified(self, start: int) -> Anchor:
        if self.mode == "narrative" and self.explicit_any is not None:
            return self.explicit_any
        if self.explicit is not None and start - self.explicit_end <= NARRATIVE_WINDOW:
            between = self.low[self.explicit_end : start]
            if len(_BOUNDARY.findall(between)) <= 1:
                return self.explicit
        return self._publication()

    def previous(self, start: int) -> Anchor:
        last = self.last
        if (
            last is not None
            and last.start is not None
            and (self.mode == "narrative" or start - last.start <= 2000)
        ):
            return last
        return self.deictic(start)

    def recent_quarter(self, start: int) -> str | None:
        """The quarter value mentioned shortly before ``start`` (reports compare quarters)."""
        if self.quarter_value is not None and start - self.quarter_start <= 1500:
            return self.quarter_value
        return None

    def future(self, start: int, end: int) -> bool:
        return self.tense(start, end) > 0

    def tense(self, start: int, end: int) -> int:
        """+1 when the nearest tense cue of the sentence points forward, -1 back, 0 none."""
        lo = max(0, start - 120)
        window = self.low[lo : end + 60]
        cut = start - lo
        ends = [m.end() for m in _SENTENCE_END.finditer(window, 0, cut)]
        left = ends[-1] if ends else 0
        nxt = _SENTENCE_END.search(window, end - lo)
        right = nxt.start() if nxt else len(window)
        best: tuple[int, int] | None = None
        rel_start, rel_end = start - lo, end - lo
        for m in _CUES.finditer(window, left, right):
            if rel_start <= m.start() < rel_end:
                continue
            dist = rel_start - m.end() if m.end() <= rel_start else m.start() - rel_end
            if best is None or dist < best[0]:
                best = (dist, 1 if m.lastgroup == "f" else -1)
        return 0 if best is None else best[1]

    def record(self, kind: str, start: int, end: int, reading: Reading) -> None:
        ref = parse_ref(reading.value)
        if ref is None or reading.type not in ("DATE", "TIME"):
            return
        anchor = Anchor(ref, "narrative", start)
        self.last = anchor
        if kind == "quarter" and "-Q" in reading.value and reading.value[:4].isdigit():
            self.quarter_value = reading.value
            self.quarter_start = start
        if reading.anchor is None and ref.month is not None and reading.value[4:5] == "-":
            self.explicit = anchor
            self.explicit_end = end
        if reading.anchor is None:
            self.explicit_any = anchor


def tag(
    text: str,
    dct: str | None = None,
    *,
    mode: Mode = "news",
    dayfirst: bool = False,
) -> list[Timex]:
    """Every temporal expression of ``text``, sorted by start and non-overlapping.

    ``dct`` is the document creation time as a TIMEX3 date value at any precision
    ("2020-08", "2020-10-30", "2022"); ``dayfirst`` reads 03/04/2020 as 3 April.
    """
    if not text:
        return []
    low = lower_same_length(text)
    ctx = _Context(low, parse_ref(dct), mode, dayfirst)
    out: list[Timex] = []
    for m in scan(low):
        kind = m.lastgroup or ""
        span = accept(kind, m.start(), m.end(), text, low)
        if span is None:
            continue
        start, end = span
        reading = READERS[kind](low[start:end], start, end, ctx)
        if reading is None:
            continue
        ctx.record(kind, start, end, reading)
        anchor = reading.anchor
        out.append(
            Timex(
                start=start,
                end=end,
                text=text[start:end],
                type=reading.type,
                value=reading.value,
                mod=reading.mod,
                anchor=anchor.kind if anchor else None,
                anchor_value=anchor.ref.value if anchor and anchor.ref else None,
                anchor_start=anchor.start if anchor else None,
            )
        )
    return out
