"""Salience: how much the articles make of a date, from evidence a reader would weigh.

Pure: no I/O. A date's evidence is the sentences that mention it. Each mention has a weight
(:func:`mention_weight`): a sentence of an article's body counts fully; a reading at the
level of a part of a day ("last night") or an earlier date named relative to the publication
day ("on Thursday", "last month" written later: :func:`is_relative_recall`) counts half; a
reader comment a tenth (on a page whose comments are not marked, what follows the first
comment signature, "March 31, 2011 at 1:05 am | Reply", is comments); a page stamp ("8
November 2011 Last updated at 14:07 GMT") nothing.

A *source* is counted once: the copies of a wire story (see :mod:`timeline.copies`) are one
source, and a sentence repeated word for word in several documents belongs to the first of
them. A source gives the date the weight of its best mention, on the day it was published.

:func:`salience` sums, over the publication days of its sources, the square root of that
day's total weight, times how telling a reference from that day is: 1 written on the day or
after it, :data:`AHEAD` when written before it (an announcement). The square root is the
correction for busy days: ten articles of one day that all say "Thursday" count as about
three, while ten later days that each come back to the date count as ten. What later days
say is judged against how much was written after the date: it is divided by the square root
of the share of the corpus published after it (:func:`later_share`, never less than an
average day's share), so that a date near the end of the coverage, which had little time to
be recalled, is not outranked by every earlier one. References written during a longer
period ("this year") are pooled as if written on one day. A date that covers more than a day
is discounted by :func:`precision_factor`: a month is a period, not an event.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache
from itertools import chain
from typing import NamedTuple

from .dates import Span, span_of
from .link import STOP_WORDS

AHEAD = 0.2  # a reference written before the date: a plan or an announcement
UNDATED = 0.5  # a reference from a document whose publication day is unknown
WEAK = 0.5  # the publication day restated, or a time of day ("last night")
COMMENT = 0.1  # what a reader says below an article
# A page stamp: a date with a clock time or a stamp word and little else ("Last updated at").
# A pattern searched for in every sentence opens with a look-ahead for the characters a match
# can begin with, which lets the regex engine skip to them.
_CLOCK = re.compile(
    r"(?=[\d|])(?:\b\d{1,2}[:.]\d{2}\b(?:\s*[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.?m\b\.?|\|)",
    re.IGNORECASE,
)
_STAMP_WORDS = re.compile(
    r"(?=[lumpfcrgbe])\b(?:last\s+)?(?:updated|modified|posted|published|filed|created|"
    r"report\s+abuse|reply|permalink|gmt|bst|utc|est|edt|pst|cet|et|pt)\b",
    re.IGNORECASE,
)
_ZONE = r"(?:GMT|BST|UTC|EST|EDT|CST|CDT|PST|PDT|CET|CEST|ET|PT)"
_CLOCK_AFTER = re.compile(
    rf"\s*,?\s*(?:at\s+)?\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\b\.?)?\s*(?:\||\b{_ZONE}\b|$)",
    re.IGNORECASE,
)
_STAMP_BEFORE = re.compile(
    r"(?=[umpfc])\b(?:updated|modified|posted|published|filed|created)(?:\s+(?:on|at))?[\s:,]*$",
    re.IGNORECASE,
)
_STAMPED = re.compile(
    rf"\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\b\.?)?\s*(?:\||\b{_ZONE}\b)", re.IGNORECASE
)
# What a comment system writes after a reader's name and time: "March 31, 2011 at 1:05 am | Reply".
_COMMENT_SIGNATURE = re.compile(
    r"(?=\d)\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\b\.?)?\s*\|\s*(?:reply|report\s+abuse|permalink|flag)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]{2,}")
STAMP_WORDS_LEFT = 3  # words besides the dates, the clock and the stamp words


def is_stamp(quote: str, start: int = 0, end: int = 0) -> bool:
    """True for a date that stamps a page or a comment rather than saying what happened:
    the date at ``quote[start:end]`` followed by a clock time that ends the line, a time
    zone or a ``|`` ("Tue Mar 1, 2011 6:36 pm EST", "March 31, 2011 at 1:05 am | Reply"),
    after a stamp word ("Posted on"), or a line that is little else than dates, clock times
    and stamp words.

    >>> is_stamp("8 November 2011 Last updated at 14:07 GMT")
    True
    >>> quote = "PARIS | Tue Mar 1, 2011 10:18 am EST PARIS (Reuters) - Talks began on Monday."
    >>> is_stamp(quote, 8, 24), is_stamp(quote, 69, 75)
    (True, False)
    >>> is_stamp("Rebels took Brega on 31 March 2011 at dawn.", 21, 34)
    False
    """
    if end > start and (
        _CLOCK_AFTER.match(quote, end) is not None
        or _STAMP_BEFORE.search(quote[max(0, start - 30) : start]) is not None
    ):
        return True
    return _is_stamp_line(quote)


@lru_cache(maxsize=4096)
def _is_stamp_line(quote: str) -> bool:
    """True for a line that is little else than dates, clock times and stamp words (asked
    once per sentence, however many dates it has)."""
    if _CLOCK.search(quote) is None and _STAMP_WORDS.search(quote) is None:
        return False
    rest = _STAMP_WORDS.sub(" ", _CLOCK.sub(" ", quote))
    words = [w for w in _WORD.findall(rest) if not _is_date_word(w)]
    return len(words) <= STAMP_WORDS_LEFT


_DATE_WORDS = frozenset(
    """
    jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july
    august september october november december mon tue wed thu fri sat sun monday tuesday
    wednesday thursday friday saturday sunday at on of the am pm
    """.split()  # noqa: SIM905 - a word list reads better as words
)


def _is_date_word(word: str) -> bool:
    return word.lower().rstrip(".") in _DATE_WORDS


def is_comment_signature(quote: str) -> bool:
    """True for a line a comment system writes under a reader's comment: a time, then "|"
    and a comment action, so that what follows it on the page is reader comments too.

    >>> is_comment_signature("Enough is enough! February 21, 2011 at 12:12 am | Report abuse |")
    True
    >>> is_comment_signature("PARIS | Tue Mar 1, 2011 10:18 am EST PARIS (Reuters) - Talks began.")
    False
    """
    return _COMMENT_SIGNATURE.search(quote) is not None


def is_weak(value: str, type_: str) -> bool:
    """True for a reading at a part of a day ("last night", "Thursday morning", "14:07")."""
    return type_ == "TIME" or "T" in value


def is_relative_recall(value: str, anchor: str | None, published: date | None) -> bool:
    """True for an earlier day named relative to the publication day ("on Thursday" or
    "yesterday" written on Saturday): the news of the week, where a date written out ("on
    March 19") is a deliberate reference back to it."""
    return anchor == "publication" and published is not None and value < published.isoformat()


def mention_weight(section: str, *, weak: bool) -> float:
    """How much one mention of a date counts, unless its line is a stamp (see the module
    docstring)."""
    weight = COMMENT if section == "comment" else 1.0
    return weight * WEAK if weak else weight


class Evidence(NamedTuple):
    """One mention of a date: the source it belongs to, when that was published, its weight.

    A named tuple: a large corpus has hundreds of thousands, gathered at every build.
    """

    source: str
    published: date | None
    weight: float


def publication_day(published: str | None) -> date | None:
    """The day a document was published, when it is known to the day."""
    span = span_of(published) if published else None
    return span.first if span is not None and span.precision == "day" else None


def precision_factor(span: Span) -> float:
    """1 for a day, less for a longer span: about 1/6 for a month, 1/10 for a year."""
    days = (span.last - span.first).days + 1
    return 1.0 / (1.0 + math.log2(days))


def salience(span: Span, evidence: Iterable[Evidence], *, later: float = 1.0) -> float:
    """The salience of the date ``span`` from its evidence (see the module docstring).

    ``later`` is the share of the corpus published after the date (0 to 1): what later days
    say of it is divided by its square root.
    """
    best: dict[str, Evidence] = {}
    for e in evidence:
        kept = best.get(e.source)
        if kept is None or _stronger(e, kept):
            best[e.source] = e
    by_day: dict[date | None, float] = {}
    for e in best.values():
        day = e.published
        if day is not None and span.first <= day <= span.last:
            day = span.first  # written during the period: pooled as one day
        by_day[day] = by_day.get(day, 0.0) + e.weight
    recall = 1.0 / math.sqrt(later)
    total = sum(
        _telling(span, day) * math.sqrt(weight) * (recall if _after(span, day) else 1.0)
        for day, weight in by_day.items()
    )
    return round(total * precision_factor(span), 4)


def later_share(published_after: int, published: int, days: int) -> float:
    """The share of a corpus of ``published`` dated documents, over ``days`` publication
    days, published after a date, of which ``published_after`` were; never less than an
    average day's share, since less than a day of later coverage cannot show how often a
    date is recalled."""
    return max(published_after / published, 1 / days) if published else 1.0


def _after(span: Span, day: date | None) -> bool:
    return day is not None and day > span.last


def _stronger(e: Evidence, kept: Evidence) -> bool:
    if e.weight != kept.weight:
        return e.weight > kept.weight
    if e.published is None or kept.published is None:
        return kept.published is None and e.published is not None
    return e.published < kept.published  # the first copy tells when the story was out


def _telling(span: Span, day: date | None) -> float:
    if day is None:
        return UNDATED
    return AHEAD if day < span.first else 1.0


# --------------------------------------------------------------------------- quotes

_CONTENT = re.compile(r"[^\W\d_]{3,}")
_CLOSERS = "\"'\u2019\u201d)"  # what may follow a sentence's last stop
UNSHARED = STOP_WORDS | _DATE_WORDS  # words every sentence about a date may have
# The same words as bytes, with every word of one or two ASCII letters (what _CONTENT skips):
# an ASCII quote's words are read from its bytes, letters lower-cased and the rest blanked.
_UNSHARED_BYTES = frozenset(
    [w.encode() for w in UNSHARED]
    + [bytes([a]) for a in range(97, 123)]
    + [bytes([a, b]) for a in range(97, 123) for b in range(97, 123)]
)
_LETTERS_ONLY = bytes(c | 0x20 if chr(c).isascii() and chr(c).isalpha() else 32 for c in range(256))
QUOTE_SAMPLE = 200  # mentions compared to find the representative ones
LONG_QUOTE = 300  # characters: a longer "sentence" is usually several run together


def quote_scores(quotes: Sequence[str], weights: Sequence[float]) -> list[float]:
    """How well each quote stands for what its sentences share, for a title.

    A quote scores by how many of the other quotes share its content words (so a headline of
    another story, which shares nothing, scores low), times its mention weight; a line that
    does not end like a sentence (a heading, a caption) or runs very long counts half, and
    one that carries a stamp (a dateline, a comment's time) a tenth, as a comment.
    """
    words = [content_words(q) for q in quotes]
    common = Counter(chain.from_iterable(words))
    scores = []
    for quote, ws, weight in zip(quotes, words, weights, strict=True):
        shared = (sum(map(common.__getitem__, ws)) - len(ws)) / (len(ws) + 5)
        ends = quote.rstrip().rstrip(_CLOSERS).endswith((".", "!", "?"))
        shape = 1.0 if ends and len(quote) <= LONG_QUOTE else 0.5
        if _STAMPED.search(quote):
            shape *= COMMENT
        scores.append((1.0 + shared) * weight * shape)
    return scores


def content_words(quote: str) -> set[bytes]:
    """The content words of ``quote`` (runs of three letters or more, lower-cased, but the
    words any sentence about a date may have), as UTF-8 bytes."""
    if quote.isascii():
        return set(quote.encode().translate(_LETTERS_ONLY).split()) - _UNSHARED_BYTES
    return {w.encode() for w in set(map(str.lower, _CONTENT.findall(quote))) - UNSHARED}
