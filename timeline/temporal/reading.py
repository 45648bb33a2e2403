"""What a reader returns and may ask: readings, anchors, the context protocol, shared helpers.

Each kind of the grammar has one reader. A reader gets the lower-cased span and a context
that hands out anchors (publication date, narrative date, previous mention) and tense cues.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import NamedTuple, Protocol

from .anchor import Ref, parse_ref
from .lexicon import (
    CLOCK_UNITS,
    DAYPARTS,
    ENGLISH,
    MONTHS,
    SEASONS,
    UNIT_CODES,
    WEEKDAYS,
    spelled_year,
)
from .timex import AnchorKind, TimexKind


def _any_word(words: Iterable[str], group: bool = False) -> re.Pattern[str]:
    """A pattern finding any of ``words`` as a whole word (longest first)."""
    phrases = sorted(words, key=lambda w: (-len(w), w))
    body = "|".join(r"\s+".join(re.escape(w) for w in phrase.split()) for phrase in phrases)
    return re.compile(rf"\b({body})\b" if group else rf"\b(?:{body})\b")


# Compiled once: the readers run for every match.
_PAST_WORD = _any_word(ENGLISH.relative["past"])
_NEXT_WORD = _any_word(ENGLISH.relative["next"])
_THIS_WORD = _any_word(ENGLISH.relative["this"])
_LAST_THIS_NEXT_YEAR = re.compile(r"\b(?:last|this|next)\s+year\b")
_REL_WORD = re.compile(r"\b(last|next|this|past|coming|following|previous)\b")
_ISO_DAY = re.compile(r"(\d{4})-(\d\d)-(\d\d)")
_DATE_SEP = re.compile(r"[./-]")
_DECADE_DIGITS = re.compile(r"(\d{3})0['\u2019]?s")
_DECADE_APOS = re.compile(r"['\u2019](\d)0s")
_DIGIT = re.compile(r"\d")
_ORDINAL_SUFFIXED = re.compile(r"(\d{1,2})(?:st|nd|rd|th)")
_QUARTER_ORDINAL = re.compile(r"\b(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]")
_QUARTER_SHORT = re.compile(r"q([1-4])|([1-4])q")
_TWO_DIGIT_END = re.compile(r"(?:^|[^0-9])([0-9]{2})$")
_YEAR_BEFORE = re.compile(r"\blast\s+year|year-(?:earlier|ago)|a\s+year\s+(?:ago|earlier)")
_NEXT_YEAR = re.compile(r"\bnext\s+year")
_CURRENT_THIS = re.compile(r"\b(?:current|this)\b")
_NEXT_ONLY = re.compile(r"\bnext\b")
_WEEKDAY_PAST = re.compile(r"\b(?:last|previous|this\s+past)\b")
_WEEKDAY_NEXT = re.compile(r"\b(?:next|following|this\s+coming)\b")
_THIS_ONLY = re.compile(r"\bthis\b")
_THAT = re.compile(r"that\b")
_SEASON_WORD = _any_word(SEASONS, group=True)
_YEAR_EARLIER = re.compile(r"year-(?:earlier|ago|before)")
_THE_YEAR = re.compile(r"the\s+(?:fiscal\s+)?year")
_NARRATIVE_REL = re.compile(_any_word(ENGLISH.relative["narrative"]).pattern + r"|^the\s+next")
_LAST_PAST = re.compile(r"\b(?:last|past)\b")
_PERIOD_END = re.compile(r"-end\b")
_THE_PAST_LAST = re.compile(r"\bthe\s+(?:past|last|latest)\b")
_COMPARED_YEAR = re.compile(r"last\s+year|a\s+year\s+(?:ago|earlier)|year-(?:earlier|ago)")
_RECENT_PLURAL = re.compile(r"recent\s+(?:years|days|weeks)")
_AND_A_HALF = re.compile(r"\sand\s+a\s+half$")
_PLURAL_END = re.compile(r"(?:s|ies|ia)(?:-long|\s+ahead)?$")
_DUR_ADJ = re.compile(r"\b(?:past|last|next|first|coming)\b")
_CLOCK = re.compile(r"(\d{1,2})(?:[:.](\d\d))?\s*(a\.?m\.?|p\.?m\.?|am|pm|o['\u2019]clock)?")
_NEAR_TERM = re.compile(r"(?:near|short)\s+term")
_PAST_REF_WORD = re.compile(r"past|recent|lately|previously|formerly")
_LAST_ONLY = re.compile(r"\blast\b")
_SPELLED_START = re.compile(r"\b(?:nineteen|twenty|two\s+thousand)\b")
_THE_YEAR_PREFIX = re.compile(r"^the\s+year\s+")


# Named tuples rather than frozen dataclasses: as immutable, and several times cheaper to
# build (every match builds a reading).
class Anchor(NamedTuple):
    """A reference time handed out by the context, with where it came from."""

    ref: Ref | None
    kind: AnchorKind
    start: int | None = None


class Reading(NamedTuple):
    """What a span means: type, value, mod, and the anchor used (None when absolute)."""

    type: TimexKind
    value: str
    mod: str | None = None
    anchor: Anchor | None = None


class Context(Protocol):
    """What readers may ask about the document."""

    def deictic(self, start: int) -> Anchor: ...
    def sentence_day(self, start: int) -> Anchor: ...
    def underspecified(self, start: int, end: int) -> Anchor: ...
    def previous(self, start: int) -> Anchor: ...
    def future(self, start: int, end: int) -> bool: ...
    def tense(self, start: int, end: int) -> int: ...
    def recent_quarter(self, start: int) -> str | None: ...
    def after(self, end: int, n: int) -> str: ...
    def before(self, start: int, n: int) -> str: ...
    def sentence_before(self, start: int) -> str: ...
    def last_value(self, start: int, within: int) -> str | None: ...

    @property
    def dayfirst(self) -> bool: ...


_MONTH_RX = re.compile(
    r"(?<![a-z])(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")(?![a-z])"
)
_WD_RX = re.compile(
    r"(?<![a-z])(" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")(?![a-z])"
)
_YEAR_RX = re.compile(r"(?<![0-9])(1[0-9]{3}|20[0-9]{2})(?![0-9])")
_DAY_RX = re.compile(r"(?<![0-9])([0-3]?[0-9])(?:st|nd|rd|th)?(?![0-9])")
_DAYPART_RX = re.compile(
    r"(?<![a-z])(" + "|".join(sorted(DAYPARTS, key=len, reverse=True)) + r")(?![a-z])"
)
# A unit is found by the stem its singular and plural share ("centur", "millenni").


def _shared_start(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


_UNIT_STEMS = {
    _shared_start(singular, plural): singular for singular, (_, plural) in ENGLISH.units.items()
}
UNIT_STEM = "|".join(sorted(_UNIT_STEMS, key=len, reverse=True))
_UNIT_RX = re.compile(rf"(?<![a-z])({UNIT_STEM})")
_UNIT_CODE = {stem: UNIT_CODES[singular] for stem, singular in _UNIT_STEMS.items()}
_CLOCK_UNITS = {stem for stem, singular in _UNIT_STEMS.items() if singular in CLOCK_UNITS}


def _mods(table: dict[str, str]) -> list[tuple[re.Pattern[str], str]]:
    """One pattern per modifier, finding any phrase of the table that gives it."""
    by_mod: dict[str, list[str]] = {}
    for phrase, mod in table.items():
        by_mod.setdefault(mod, []).append(phrase)
    return [(_any_word(phrases), mod) for mod, phrases in by_mod.items()]


_MODS = _mods(ENGLISH.quantity_mods)
_POS_MODS = [
    (rx, mod) if mod != "MID" else (re.compile(rx.pattern + "|^mid-"), mod)
    for rx, mod in _mods(ENGLISH.position_mods)
]


@lru_cache(maxsize=4096)
def approx_mod(low: str) -> str | None:
    """The quantity modifier of a span: MORE_THAN, LESS_THAN, APPROX..."""
    for rx, mod in _MODS:
        if rx.search(low):
            return mod
    return None


@lru_cache(maxsize=4096)
def position_mod(low: str) -> str | None:
    """START / MID / END from "early", "mid-", "the end of"..."""
    for rx, mod in _POS_MODS:
        if rx.search(low):
            return mod
    return None


@lru_cache(maxsize=4096)
def _month_of(low: str) -> int | None:
    m = _MONTH_RX.search(low)
    return MONTHS[m[1]] if m else None


@lru_cache(maxsize=4096)
def _year_of(low: str) -> int | None:
    m = _YEAR_RX.search(low)
    if m:
        return int(m[1])
    words = _SPELLED_START.search(low)  # "January nineteen ninety-seven"
    return spelled_year(low[words.start() :]) if words else None


@lru_cache(maxsize=4096)
def _rel_offset(low: str) -> int | None:
    """-1 for last/previous/past, +1 for next/following/coming, 0 for this/current/same."""
    if _PAST_WORD.search(low):
        return -1
    if _NEXT_WORD.search(low):
        return 1
    if _THIS_WORD.search(low):
        return 0
    return None


# "from Monday to Friday", "March through May", "between Tuesday and Friday": a month or a
# weekday, then a word that joins the two ends of a range
_RANGE_BEFORE = re.compile(
    r"(?<![a-z])(?P<between>between\s+)?(?:"
    + "|".join(sorted({*MONTHS, *WEEKDAYS}, key=len, reverse=True))
    + r")(?P<join>\s*[-\u2013]\s*|\s+(?:to|into|through|until|till|and)\s+)$"
)


_RANGE_JOINS = (
    "to ",
    "into ",
    "through ",
    "until ",
    "till ",
    "and ",
    "-",
    "\u2013",
    "- ",
    "\u2013 ",
)


def range_start(ctx: Context, start: int) -> Ref | None:
    """The date a range begins at, when the expression at ``start`` is its end: "Friday" in
    "from Monday to Friday" lies after that Monday, "Thursday" in "Wednesday into Thursday"
    after that Wednesday ("and" joins the ends only after "between")."""
    if not ctx.before(start, 9).endswith(_RANGE_JOINS):  # the commonest: no range
        return None
    m = _RANGE_BEFORE.search(ctx.before(start, 30))
    if m is None or (m["join"].strip() == "and" and m["between"] is None):
        return None
    return parse_ref(ctx.last_value(start, len(m[0])))


def pure(reader: Reader) -> Reader:
    """A reader whose result depends on the span only, memoised on it."""
    cached = lru_cache(maxsize=8192)(lambda low: reader(low, 0, 0, _NO_CONTEXT))

    def read(low: str, start: int, end: int, ctx: Context) -> Reading | None:
        return cached(low)

    read.__doc__ = reader.__doc__
    return read


class _NoContext:
    """The context handed to pure readers: they never ask it anything."""

    dayfirst = False

    def deictic(self, start: int) -> Anchor:
        raise AssertionError("pure reader")

    previous = deictic
    sentence_day = deictic

    def underspecified(self, start: int, end: int) -> Anchor:
        raise AssertionError("pure reader")

    def future(self, start: int, end: int) -> bool:
        raise AssertionError("pure reader")

    def tense(self, start: int, end: int) -> int:
        raise AssertionError("pure reader")

    def recent_quarter(self, start: int) -> str | None:
        raise AssertionError("pure reader")

    def after(self, end: int, n: int) -> str:
        raise AssertionError("pure reader")

    def before(self, start: int, n: int) -> str:
        raise AssertionError("pure reader")

    def sentence_before(self, start: int) -> str:
        raise AssertionError("pure reader")

    def last_value(self, start: int, within: int) -> str | None:
        raise AssertionError("pure reader")


_NO_CONTEXT = _NoContext()


Reader = Callable[[str, int, int, Context], "Reading | None"]
