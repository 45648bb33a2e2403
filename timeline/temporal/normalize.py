"""Normalisation: from a matched span to a TIMEX3 type, value and mod.

Each kind of the grammar has one reader. A reader gets the lower-cased span and a context
that hands out anchors (publication date, narrative date, previous mention) and tense cues.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Protocol

from .anchor import Ref, add_months, parse_ref, shift, valid_day, weekday_near
from .lexicon import (
    DAYPARTS,
    MONTHS,
    NUMBERS,
    ORDINALS,
    SEASONS,
    SET_ADVERBS,
    WEEKDAYS,
    number_value,
)
from .timex import AnchorKind, TimexKind

# Compiled once: the readers run for every match.
_RX0 = re.compile(r"\b(?:last|previous|preceding|past|prior|ago)\b")
_RX1 = re.compile(r"\b(?:next|following|coming)\b")
_RX2 = re.compile(r"\b(?:this|current|same|that)\b")
_RX3 = re.compile(r"\b(?:last|this|next)\s+year\b")
_RX4 = re.compile(r"\b(last|next|this|past|coming|following|previous)\b")
_RX5 = re.compile(r"(\d{4})-(\d\d)-(\d\d)")
_RX6 = re.compile(r"[./-]")
_RX7 = re.compile(r"(\d{3})0['\u2019]?s")
_RX8 = re.compile(r"['\u2019](\d)0s")
_RX9 = re.compile(r"\d")
_RX10 = re.compile(r"(\d{1,2})(?:st|nd|rd|th)")
_RX11 = re.compile(r"\b(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]")
_RX12 = re.compile(r"q([1-4])|([1-4])q")
_RX13 = re.compile(r"(?:^|[^0-9])([0-9]{2})$")
_RX14 = re.compile(r"\blast\s+year|year-(?:earlier|ago)|a\s+year\s+(?:ago|earlier)")
_RX15 = re.compile(r"\bnext\s+year")
_RX16 = re.compile(r"\b(?:current|this)\b")
_RX17 = re.compile(r"\bnext\b")
_RX18 = re.compile(r"\b(?:last|previous|this\s+past)\b")
_RX19 = re.compile(r"\b(?:next|following|this\s+coming)\b")
_RX20 = re.compile(r"\bthis\b")
_RX21 = re.compile(r"\b(spring|summer|fall|autumn|winter)\b")
_RX22 = re.compile(r"year-(?:earlier|ago|before)")
_RX23 = re.compile(r"the\s+(?:fiscal\s+)?year")
_RX24 = re.compile(r"\b(?:following|previous|preceding|same|that|prior)\b|^the\s+next")
_RX25 = re.compile(r"\b(?:last|past)\b")
_RX26 = re.compile(r"-end\b")
_RX27 = re.compile(r"\bthe\s+(?:past|last)\b")
_RX28 = re.compile(r"last\s+year|a\s+year\s+(?:ago|earlier)|year-(?:earlier|ago)")
_RX29 = re.compile(r"recent\s+(?:years|days|weeks)")
_RX30 = re.compile(r"\sand\s+a\s+half$")
_RX31 = re.compile(r"(?:s|ies|ia)(?:-long)?$")
_RX32 = re.compile(r"\b(?:past|last|next|first|coming)\b")
_RX33 = re.compile(r"(\d{1,2})(?:[:.](\d\d))?\s*(a\.?m\.?|p\.?m\.?|am|pm|o['\u2019]clock)?")
_RX34 = re.compile(r"(?:near|short)\s+term")
_RX35 = re.compile(r"past|recent|lately|previously|formerly")
_RX36 = re.compile(r"\blast\b")
_RX37 = re.compile(r"^the\s+year\s+")
_RX38 = re.compile(r"^hundred(?:\s+and)?\s+")


@dataclass(frozen=True, slots=True)
class Anchor:
    """A reference time handed out by the context, with where it came from."""

    ref: Ref | None
    kind: AnchorKind
    start: int | None = None


@dataclass(frozen=True, slots=True)
class Reading:
    """What a span means: type, value, mod, and the anchor used (None when absolute)."""

    type: TimexKind
    value: str
    mod: str | None = None
    anchor: Anchor | None = None


class Context(Protocol):
    """What readers may ask about the document."""

    def deictic(self, start: int) -> Anchor: ...
    def underspecified(self, start: int) -> Anchor: ...
    def previous(self, start: int) -> Anchor: ...
    def future(self, start: int, end: int) -> bool: ...
    def tense(self, start: int, end: int) -> int: ...
    def recent_quarter(self, start: int) -> str | None: ...

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
_DAYPART_RX = re.compile(r"(?<![a-z])(morning|afternoon|evening|night|overnight)(?![a-z])")
_UNIT_RX = re.compile(
    r"(?<![a-z])(second|minute|hour|day|night|weekend|week|fortnight|month|quarter|year"
    r"|decade|centur|millenni)"
)
_UNIT_CODE = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W",
    "weekend": "WE", "fortnight": "W", "month": "M", "quarter": "Q", "year": "Y",
    "decade": "DE", "centur": "CE", "millenni": "ML",
}  # fmt: skip
_CLOCK_UNITS = {"second", "minute", "hour"}

_MODS = [
    (re.compile(r"\b(?:more\s+than|over|well\s+over|just\s+over|upwards\s+of)\b"), "MORE_THAN"),
    (
        re.compile(r"\b(?:less\s+than|fewer\s+than|under|just\s+under|almost|nearly)\b"),
        "LESS_THAN",
    ),
    (re.compile(r"\b(?:at\s+least|no\s+less\s+than)\b"), "EQUAL_OR_MORE"),
    (re.compile(r"\b(?:at\s+most|up\s+to|no\s+more\s+than|not\s+more\s+than)\b"), "EQUAL_OR_LESS"),
    (
        re.compile(
            r"\b(?:about|around|approximately|roughly|nearly|almost|some|close\s+to"
            r"|an\s+estimated|a\s+couple|couple)\b"
        ),
        "APPROX",
    ),
]
_POS_MODS = [
    (re.compile(r"\b(?:beginning|start|dawn|early|earlier|first\s+half|first\s+part)\b"), "START"),
    (re.compile(r"\b(?:middle|mid)\b|^mid-"), "MID"),
    (
        re.compile(
            r"\b(?:end|close|late|later|latter\s+(?:half|part)|second\s+half|last\s+part)\b"
        ),
        "END",
    ),
]


def approx_mod(low: str) -> str | None:
    """The quantity modifier of a span: MORE_THAN, LESS_THAN, APPROX..."""
    for rx, mod in _MODS:
        if rx.search(low):
            return mod
    return None


def position_mod(low: str) -> str | None:
    """START / MID / END from "early", "mid-", "the end of"..."""
    for rx, mod in _POS_MODS:
        if rx.search(low):
            return mod
    return None


def _month_of(low: str) -> int | None:
    m = _MONTH_RX.search(low)
    return MONTHS[m[1]] if m else None


def _year_of(low: str) -> int | None:
    m = _YEAR_RX.search(low)
    return int(m[1]) if m else None


def _rel_offset(low: str) -> int | None:
    """-1 for last/previous/past, +1 for next/following/coming, 0 for this/current/same."""
    if _RX0.search(low):
        return -1
    if _RX1.search(low):
        return 1
    if _RX2.search(low):
        return 0
    return None


def read_date(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """Month-based dates: "27 June 2016", "June 27", "June 2016", "April", "last May"."""
    month = _month_of(low)
    if month is None:
        return None
    year = _year_of(low)
    rest = _MONTH_RX.sub(" ", _YEAR_RX.sub(" ", low))
    day_m = _DAY_RX.search(rest)
    day = int(day_m[1]) if day_m else None
    mod = position_mod(_MONTH_RX.sub(" ", low)) if not day else None
    if year is not None:
        if day is not None:
            if not valid_day(year, month, day):
                return None
            return Reading("DATE", f"{year:04d}-{month:02d}-{day:02d}", mod)
        return Reading("DATE", f"{year:04d}-{month:02d}", mod)
    if _RX3.search(low):
        anchor = ctx.deictic(start)
        offset = _rel_offset(low.split("year")[0][-6:]) or 0
        if anchor.ref is None:
            return _unanchored(month, day, mod)
        year = anchor.ref.year + (-1 if "last" in low else 1 if "next" in low else offset * 0)
        return _month_day(year, month, day, mod, anchor)
    rel = _RX4.search(low)
    anchor = ctx.deictic(start) if rel or day is None else ctx.underspecified(start)
    if anchor.ref is None:
        return _unanchored(month, day, mod)
    ref = anchor.ref
    year = ref.year
    if ref.month is not None:
        if rel and rel[1] in ("last", "past", "previous"):
            if month >= ref.month:
                year -= 1
        elif rel and rel[1] in ("next", "coming", "following"):
            if month <= ref.month:
                year += 1
        elif anchor.kind == "publication" and not rel:
            year += _publication_year_shift(month, ref, ctx.tense(start, end))
    return _month_day(year, month, day, mod, anchor)


def _publication_year_shift(month: int, ref: Ref, tense: int) -> int:
    """-1 / +1 when a bare month said in the news lies in the previous / next year."""
    assert ref.month is not None
    if tense > 0:
        return 1 if month < ref.month else 0
    if month - ref.month > 4:
        return -1
    return 0


def _unanchored(month: int, day: int | None, mod: str | None) -> Reading:
    if day is not None:
        return Reading("DATE", f"XXXX-{month:02d}-{day:02d}", mod, Anchor(None, "none"))
    return Reading("DATE", f"XXXX-{month:02d}", mod, Anchor(None, "none"))


def _month_day(year: int, month: int, day: int | None, mod: str | None, anchor: Anchor) -> Reading:
    if day is not None:
        if not valid_day(year, month, day):
            return Reading("DATE", f"XXXX-{month:02d}-{day:02d}", mod, anchor)
        return Reading("DATE", f"{year:04d}-{month:02d}-{day:02d}", mod, anchor)
    return Reading("DATE", f"{year:04d}-{month:02d}", mod, anchor)


def read_numeric(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """Numeric dates: 2016-06-27, 6/27/2016, 27.06.2016 (day/month order from context)."""
    m = _RX5.fullmatch(low)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    else:
        parts = _RX6.split(low)
        if len(parts) != 3:
            return None
        a, b, y = int(parts[0]), int(parts[1]), int(parts[2])
        if len(parts[2]) == 2:
            y += 1900 if y >= 50 else 2000
        if a > 12 or (ctx.dayfirst and b <= 12) or "." in low:
            d, mo = a, b
        else:
            mo, d = a, b
    if not valid_day(y, mo, d):
        return None
    return Reading("DATE", f"{y:04d}-{mo:02d}-{d:02d}")


def read_year(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """Years: "2016", "mid-2016", "the end of 1990", "fiscal 1989"."""
    year = _year_of(low)
    if year is None:
        return None
    return Reading("DATE", f"{year:04d}", position_mod(low.replace(str(year), " ")))


def read_decade(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """Decades: "the 1990s", "the early '80s", "the sixties"."""
    m = _RX7.search(low)
    if m:
        value = m[1]
    else:
        m2 = _RX8.search(low)
        words = [
            "twenties",
            "thirties",
            "forties",
            "fifties",
            "sixties",
            "seventies",
            "eighties",
            "nineties",
        ]
        w = next((i + 2 for i, word in enumerate(words) if word in low), None)
        digit = int(m2[1]) if m2 else w
        if digit is None:
            return None
        value = f"19{digit}"
    return Reading("DATE", value, position_mod(_RX9.sub(" ", low)))


def read_century(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """Centuries: "the 20th century" -> 19."""
    m = _RX10.search(low)
    n = int(m[1]) if m else None
    if n is None:
        n = next((v for k, v in ORDINALS.items() if re.search(rf"\b{k}\b", low)), None)
    if n is None or n < 1:
        return None
    return Reading("DATE", f"{n - 1:02d}", position_mod(low.replace("century", "")))


def read_quarter(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """Quarters: "the third quarter", "third-quarter", "the quarter", "Q3 1998"."""
    ordinal = _RX11.search(low)
    qm = _RX12.match(low)
    year = _year_of(low)
    q = ORDINALS[ordinal[1]] if ordinal else None
    if qm:
        q = int(qm[1] or qm[2])
        short = _RX13.search(low)
        if year is None and short:
            year = 1900 + int(short[1]) if int(short[1]) >= 50 else 2000 + int(short[1])
    if year is not None and q is not None:
        return Reading("DATE", f"{year:04d}-Q{q}")
    anchor = ctx.deictic(start)
    ref = anchor.ref
    if ref is None:
        return Reading("DATE", f"XXXX-Q{q}" if q else "XXXX-QX", None, Anchor(None, "none"))
    if q is not None:
        y = ref.year
        if _RX14.search(low):
            y -= 1
        elif _RX15.search(low):
            y += 1
        elif ref.quarter is not None and q > ref.quarter and not ctx.future(start, end):
            y -= 1
        return Reading("DATE", f"{y:04d}-Q{q}", None, anchor)
    if ref.quarter is None:
        return Reading("DATE", f"{ref.year:04d}-QX", None, anchor)
    if _RX16.search(low):
        n = 0
    elif _RX17.search(low):
        n = 1
    else:
        n = -1
    if re.search(
        r"year-(?:earlier|ago|before)|\bprior\s+year|\blast\s+year|a\s+year\s+(?:ago|earl)", low
    ):
        n -= 4
    return Reading("DATE", shift(ref, "Q", n) or "XXXX-QX", None, anchor)


def read_half(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """Halves of a year: "the first half of 2016" -> 2016-H1."""
    h = 1 if "first" in low else 2
    year = _year_of(low)
    if year is not None:
        return Reading("DATE", f"{year:04d}-H{h}")
    anchor = ctx.deictic(start)
    if anchor.ref is None:
        return Reading("DATE", f"XXXX-H{h}", None, Anchor(None, "none"))
    y = anchor.ref.year + (-1 if "last year" in low else 1 if "next year" in low else 0)
    return Reading("DATE", f"{y:04d}-H{h}", None, anchor)


def read_relday(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """today, yesterday, tomorrow, tonight, the day before yesterday, yesterday morning."""
    anchor = ctx.deictic(start)
    n = -1 if "yesterday" in low else 1 if "tomorrow" in low else 0
    if "day before" in low:
        n -= 1
    elif "day after" in low:
        n += 1
    part = _DAYPART_RX.search(low)
    code = DAYPARTS[part[1]] if part else ("NI" if "tonight" in low else None)
    mod = position_mod(low.split("yesterday")[0].split("today")[0].split("tomorrow")[0])
    if mod == "END" and "later" in low:
        mod = None
    if mod == "START" and "earlier" in low:
        mod = None
    ref = anchor.ref
    if ref is None:
        return Reading("DATE", "PRESENT_REF" if n == 0 else "XXXX-XX-XX", mod, Anchor(None, "none"))
    value = shift(ref, "D", n) if ref.day is not None else ref.value
    if value is None:
        return None
    if code and ref.day is not None:
        return Reading("TIME", f"{value}T{code}", mod, anchor)
    return Reading("DATE", value, mod, anchor)


def read_weekday(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """Weekdays: "Friday" (by tense), "last Friday", "next Tuesday", "Friday morning"."""
    wd = WEEKDAYS.get(low)
    anchor = ctx.deictic(start)
    if wd is not None:  # a bare weekday, by far the commonest
        ref = anchor.ref
        if ref is None or ref.day is None:
            return Reading("DATE", f"XXXX-WXX-{wd}", None, Anchor(None, "none"))
        day = weekday_near(ref, wd, 1 if ctx.tense(start, end) > 0 else -1)
        return Reading("DATE", day or f"XXXX-WXX-{wd}", None, anchor)
    m = _WD_RX.search(low)
    if m is None:
        return None
    wd = WEEKDAYS[m[1]]
    part = _DAYPART_RX.search(low)
    ref = anchor.ref
    value: str | None = None
    if ref is not None and ref.day is not None:
        if _RX18.search(low):
            value = weekday_near(ref, wd, -2)
        elif _RX19.search(low):
            value = weekday_near(ref, wd, 2)
        elif _RX20.search(low):
            value = weekday_near(ref, wd, 0)
        else:
            value = weekday_near(ref, wd, 1 if ctx.future(start, end) else -1)
    if value is None:
        value = f"XXXX-WXX-{wd}"
        anchor = Anchor(None, "none")
    mod = position_mod(low[: m.start()]) if m.start() else None
    if part and not value.startswith("X"):
        return Reading("DATE", f"{value}T{DAYPARTS[part[1]]}", mod, anchor)
    return Reading("DATE", value, mod, anchor)


def read_relunit(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """this/last/next week|month|year|quarter, the following year, year-earlier, year-end."""
    m = _UNIT_RX.search(low)
    part = _DAYPART_RX.search(low)
    season = _RX21.search(low)
    offset = _rel_offset(low)
    if offset is None:
        offset = 0
    if _RX22.search(low):
        return _year_earlier(low, start, ctx)
    if low.endswith("period"):
        return _period(low, start, ctx)
    if _RX23.fullmatch(low):
        return Reading("DURATION", "P1Y")
    narrative = _RX24.search(low)
    anchor = ctx.previous(start) if narrative else ctx.deictic(start)
    mod = position_mod(_RX25.sub(" ", low))
    ref = anchor.ref
    if ref is None:
        return Reading("DATE", "XXXX", mod, Anchor(None, "none"))
    if season:
        return read_season(low, start, end, ctx)
    if part and (not m or m[1] == "night"):
        return _daypart(part[1], offset, anchor, mod)
    if m is None:
        return None
    unit = _UNIT_CODE[m[1]]
    if unit == "WE" and low.startswith("the") and ref.day is not None:
        d = ref.as_date()
        assert d is not None
        back = 0 if d.isoweekday() >= 6 or ctx.tense(start, end) > 0 else -1
        return Reading("DATE", (shift(ref, "W", back) or "XXXX-WXX") + "-WE", mod, anchor)
    if _RX26.search(low):
        return Reading("DATE", shift(ref, unit, 0) or ref.value, "END", anchor)
    if _RX27.search(low) and unit in ("Y", "M", "W", "Q", "DE"):
        offset = -1
    if unit == "D" and ref.day is None:
        return Reading("DATE", ref.value, mod, anchor)
    value = shift(ref, unit, offset)
    if value is None:
        return Reading("DATE", ref.value, mod, anchor)
    return Reading("DATE", value, mod, anchor)


def _daypart(word: str, offset: int, anchor: Anchor, mod: str | None) -> Reading | None:
    ref = anchor.ref
    if ref is None or ref.day is None:
        return None
    day = shift(ref, "D", -1 if offset < 0 else 0)
    return Reading("TIME", f"{day}T{DAYPARTS[word]}", mod, anchor)


def _period(low: str, start: int, ctx: Context) -> Reading:
    """ "the 1988 period", "the latest period": the reporting period under discussion."""
    quarter = ctx.recent_quarter(start)
    year = _year_of(low)
    anchor = ctx.deictic(start)
    if year is not None:
        if quarter is not None:
            return Reading("DATE", f"{year:04d}{quarter[4:]}")
        return Reading("DATE", f"{year:04d}")
    if _RX28.search(low):
        base = parse_ref(quarter) if quarter else None
        if base is not None:
            return Reading("DATE", shift(base, "Q", -4) or quarter or "XXXX-QX", None, anchor)
        if anchor.ref is not None and anchor.ref.quarter is not None:
            return Reading("DATE", shift(anchor.ref, "Q", -5) or "XXXX-QX", None, anchor)
    if quarter is not None:
        return Reading("DATE", quarter, None, anchor)
    if anchor.ref is not None and anchor.ref.quarter is not None:
        return Reading("DATE", shift(anchor.ref, "Q", -1) or "XXXX-QX", None, anchor)
    return Reading("DATE", "XXXX-QX", None, Anchor(None, "none"))


def _year_earlier(low: str, start: int, ctx: Context) -> Reading:
    quarter = ctx.recent_quarter(start)
    anchor = ctx.deictic(start)
    if quarter is not None:
        ref = parse_ref(quarter)
        if ref is not None:
            return Reading("DATE", shift(ref, "Q", -4) or quarter, None, anchor)
    if anchor.ref is None:
        return Reading("DATE", "XXXX", None, Anchor(None, "none"))
    return Reading("DATE", f"{anchor.ref.year - 1:04d}", None, anchor)


def duration_value(count: float | None, unit_word: str) -> str:
    """P3M, PT2H, PXY, P1.5Y..."""
    code = _UNIT_CODE[unit_word]
    t = "T" if unit_word in _CLOCK_UNITS else ""
    if code in ("DE", "CE", "ML") and count is not None:
        count *= {"DE": 10, "CE": 100, "ML": 1000}[code]
        code = "Y"
    if code == "Q":
        count = None if count is None else count * 3
        code = "M"
    if unit_word == "fortnight":
        count = None if count is None else count * 2
    if count is None:
        return f"P{t}X{code}"
    if count == int(count):
        return f"P{t}{int(count)}{code}"
    whole, frac = int(count), count - int(count)
    smaller = _SUBUNIT.get(code) if (code != "M" or t) else None
    if smaller is not None and abs(frac * smaller[1] - round(frac * smaller[1])) < 1e-9:
        sub_t, sub_code, factor = smaller[0], smaller[2], smaller[1]
        head = f"{whole}{code}" if whole else ""
        if t:
            return f"PT{head}{round(frac * factor)}{sub_code}"
        if sub_t:
            return f"P{head}T{round(frac * factor)}{sub_code}"
        return f"P{head}{round(frac * factor)}{sub_code}"
    return f"P{t}{count:g}{code}"


# The next smaller unit of a duration code: (needs T, how many, its code).
_SUBUNIT: dict[str, tuple[bool, int, str]] = {
    "Y": (False, 12, "M"), "W": (False, 7, "D"), "D": (True, 24, "H"), "H": (True, 60, "M"),
    "M": (True, 60, "S"),
}  # fmt: skip


_COUNT_RX = re.compile(
    r"((?:\d+(?:\.\d+)?(?:\s\d/\d)?|\d/\d)|(?:(?:[a-z]+)(?:[\s-](?:and\s)?[a-z]+){0,3}))"
    r"(?:\s+and\s+a\s+half)?[\s-]+(?:(?:more|additional|full|straight|consecutive|extra"
    r"|trading|business|working|calendar|school)\s+)?"
    r"(?:fiscal\s+|calendar\s+)?"
    r"(?:second|minute|hour|day|night|weekend|week|fortnight|month|quarter|year|decade|centur"
    r"|millenni)"
)
_VAGUE = re.compile(r"\b(?:few|several|couple|number|many|some|dozens|hundreds|thousands)\b")


_COUPLE = re.compile(r"\ba\s+couple\b|\bcouple\s+of\b")
_DIGITS = re.compile(r"(\d+(?:\.\d+)?)(?:\s(\d)/(\d))?|(\d)/(\d)")
_COUNT_WORD = re.compile(r"[a-z]+")


def count_of(low: str) -> tuple[float | None, bool]:
    """The count of a duration span and whether it was given (None count = vague)."""
    if _COUPLE.search(low):
        return 2.0, True
    if _VAGUE.search(low):
        return None, True
    value: float | None = None
    d = _DIGITS.search(low)
    if d is not None:
        if d[1] is not None:
            value = float(d[1]) + (int(d[2]) / int(d[3]) if d[2] else 0.0)
        else:
            value = int(d[4]) / int(d[5])
    else:
        m = _COUNT_RX.search(low)
        if not m:
            return None, False
        # keep the trailing number words only ("the past three" -> "three")
        tail: list[str] = []
        for w in reversed(m[1].replace("-", " ").split()):
            if w not in NUMBERS and w != "and":
                break
            tail.insert(0, w)
        if not tail:
            return None, False
        value = number_value(" ".join(tail))
    if value is not None and "and a half" in low:
        value += 0.5
    return value, value is not None


def read_duration(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """Durations: "five years", "17-month", "the past three months", "several weeks"."""
    m = _UNIT_RX.search(low.split("-long")[0])
    if m is None:
        return None
    unit_word = m[1]
    if _RX29.fullmatch(low):
        return Reading("DATE", "PAST_REF")
    count, given = count_of(low[: m.end()])
    if count is not None and _RX30.search(low) and count == int(count):
        count += 0.5
    plural = bool(_RX31.search(low))
    if not given and not plural and not _RX32.search(low):
        return None
    if not given:
        count = None if plural else 1.0
    value = duration_value(count, unit_word)
    mod = approx_mod(low)
    return Reading("DURATION", value, mod)


def read_ago(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """ "two years ago", "a year earlier", "three days later", "a decade ago"."""
    m = _UNIT_RX.search(low)
    if m is None:
        return None
    unit = _UNIT_CODE[m[1]]
    count, _ = count_of(low[: m.end()])
    mod = approx_mod(low)
    word = re.search(
        r"(ago|earlier|later|before|after|from\s+now|hence|previously|since|back)$", low
    )
    direction = 1 if word and word[1] in ("later", "after", "from now", "hence") else -1
    if word and word[1] in ("before", "after", "since"):
        return Reading("DURATION", duration_value(count, m[1]), mod)
    deictic = word is not None and word[1] in ("ago", "from now", "hence", "back")
    if unit == "Y" and count == 1 and direction < 0 and ctx.recent_quarter(start):
        return _year_earlier(low, start, ctx)
    anchor = ctx.deictic(start) if deictic else ctx.previous(start)
    ref = anchor.ref
    if count is None:
        return Reading("DATE", "PAST_REF" if direction < 0 else "FUTURE_REF", mod)
    if ref is None:
        return Reading("DATE", "XXXX", mod, Anchor(None, "none"))
    n = int(count) * direction
    if m[1] in ("second", "minute", "hour"):
        if ref.day is None:
            return Reading("DATE", ref.value, mod, anchor)
        return Reading("TIME", f"{ref.value}TXX:XX", mod, anchor)
    value = shift(ref, unit if unit != "WE" else "W", n)
    if value is None and unit in ("D", "W"):
        value = shift(ref, "M", 0)
    if value is None:
        return Reading("DATE", ref.value, mod, anchor)
    return Reading("DATE", value, mod, anchor)


def read_time(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """Clock times: "3:30 p.m.", "noon", "10 p.m. Wednesday"."""
    m = _RX33.search(low)
    if "noon" in low or "midday" in low:
        hh, mm = 12, 0
    elif "midnight" in low:
        hh, mm = 0, 0
    elif m:
        hh, mm = int(m[1]), int(m[2] or 0)
        suffix = (m[3] or "").replace(".", "")
        if suffix.startswith("p") and hh < 12:
            hh += 12
        elif suffix.startswith("a") and hh == 12:
            hh = 0
        if hh > 24 or mm > 59:
            return None
    else:
        return None
    day: str | None = None
    anchor = ctx.deictic(start)
    wd = _WD_RX.search(low)
    month = _month_of(low)
    if wd is not None:
        sub = read_weekday(low[wd.start() :], start, end, ctx)
        day = sub.value if sub and not sub.value.startswith("X") else None
    elif month is not None:
        sub = read_date(low[low.index(_MONTH_RX.search(low)[1]) :], start, end, ctx)  # type: ignore[index]
        day = sub.value if sub else None
    elif anchor.ref is not None and anchor.ref.day is not None:
        n = -1 if "yesterday" in low else 1 if "tomorrow" in low else 0
        day = shift(anchor.ref, "D", n)
    value = f"{day or 'XXXX-XX-XX'}T{hh:02d}:{mm:02d}"
    mod = approx_mod(low)
    return Reading("TIME", value, mod, anchor if day else Anchor(None, "none"))


def read_set(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """Sets: "every Tuesday", "daily", "each July", "every two years", "Tuesdays"."""
    word = low.strip()
    if word in SET_ADVERBS:
        return Reading("SET", SET_ADVERBS[word])
    wd = _WD_RX.search(low)
    if wd:
        part = _DAYPART_RX.search(low)
        return Reading(
            "SET", f"XXXX-WXX-{WEEKDAYS[wd[1]]}" + (f"T{DAYPARTS[part[1]]}" if part else "")
        )
    month = _month_of(low)
    if month:
        return Reading("SET", f"XXXX-{month:02d}")
    part = _DAYPART_RX.search(low)
    if part and not _UNIT_RX.search(low):
        return Reading(
            "SET", f"TXX{DAYPARTS[part[1]]}" if False else f"XXXX-XX-XXT{DAYPARTS[part[1]]}"
        )
    season = _RX21.search(low)
    if season:
        return Reading("SET", f"XXXX-{SEASONS[season[1]]}")
    m = _UNIT_RX.search(low)
    if m is None:
        return None
    count, given = count_of(low[: m.end()])
    n = int(count) if given and count else 1
    if "other" in low:
        n = 2
    return Reading("SET", duration_value(float(n), m[1]))


def read_season(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """Seasons: "this fall", "last summer", "the spring of 2016", "winter 2016"."""
    season = _RX21.search(low)
    if season is None:
        return None
    code = SEASONS[season[1]]
    mod = position_mod(low.replace(season[1], " "))
    year = _year_of(low)
    if year is not None:
        return Reading("DATE", f"{year:04d}-{code}", mod)
    offset = _rel_offset(low)
    anchor = ctx.deictic(start)
    ref = anchor.ref
    if ref is None:
        return Reading("DATE", f"XXXX-{code}", mod, Anchor(None, "none"))
    y = ref.year
    start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    if offset == -1 and ref.month is not None and ref.month <= start_month + 2:
        y -= 1
    elif offset == 1 and ref.month is not None and ref.month >= start_month:
        y += 1
    return Reading("DATE", f"{y:04d}-{code}", mod, anchor)


def read_ref(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """now, currently, recently, the past, the future..."""
    if "future" in low or "soon" in low or "later" in low or _RX34.search(low):
        return Reading("DATE", "FUTURE_REF")
    if _RX35.search(low):
        return Reading("DATE", "PAST_REF")
    return Reading("DATE", "PRESENT_REF")


def read_holiday(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """Christmas, Thanksgiving, Easter, New Year's Day..."""
    year = _year_of(low)
    if "election" in low:
        return None
    if year is not None:
        return _holiday(low, year, None)
    anchor = ctx.underspecified(start)
    if anchor.ref is None:
        return None
    ref = anchor.ref
    reading = _holiday(low, ref.year, anchor)
    if reading is None or anchor.kind != "publication" or ref.month is None:
        return reading
    future = ctx.tense(start, end) > 0
    past = _RX36.search(low) is not None
    if (past or not future) and reading.value > ref.value:
        return _holiday(low, ref.year - 1, anchor)
    if future and reading.value < ref.value:
        return _holiday(low, ref.year + 1, anchor)
    return reading


def _holiday(low: str, year: int, anchor: Anchor | None) -> Reading | None:
    from .anchor import easter, nth_weekday

    fixed = {"christmas eve": (12, 24), "christmas": (12, 25), "new year's eve": (12, 31),
             "new year": (1, 1), "halloween": (10, 31), "valentine": (2, 14),
             "independence": (7, 4), "boxing": (12, 26)}  # fmt: skip
    for key, (mo, dd) in fixed.items():
        if key in low.replace("\u2019", "'"):
            return Reading("DATE", f"{year:04d}-{mo:02d}-{dd:02d}", None, anchor)
    d: date
    if "thanksgiving" in low:
        d = nth_weekday(year, 11, 4, 4)
    elif "easter" in low:
        d = easter(year)
    elif "memorial" in low:
        d = nth_weekday(year, 5, 1, -1)
    elif "labor" in low or "labour" in low:
        d = nth_weekday(year, 9, 1, 1)
    else:
        return None
    return Reading("DATE", f"{d.year:04d}-{d.month:02d}-{d.day:02d}", None, anchor)


def read_spelled(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """Years in words: "nineteen ninety-six", "the year two thousand"."""
    words = _RX37.sub("", low)
    if words.startswith("two thousand"):
        rest = number_value(words[len("two thousand") :].replace("and", " ").strip() or "0")
        return Reading("DATE", f"{2000 + int(rest or 0):04d}")
    head, _, tail = words.partition(" ")
    century = 19 if head.startswith("nineteen") else 20
    tail = _RX38.sub("", tail).replace("oh", "").strip()
    n = number_value(tail)
    if n is None or n >= 100:
        return None
    return Reading("DATE", f"{century * 100 + int(n):04d}")


def read_wdset(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """Recurring weekday parts: "Tuesday nights" -> XXXX-WXX-2TNI."""
    return read_set(low.replace("mornings", "morning").replace("nights", "night"), start, end, ctx)


def _pure(reader: Reader) -> Reader:
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

    underspecified = previous = deictic

    def future(self, start: int, end: int) -> bool:
        raise AssertionError("pure reader")

    def tense(self, start: int, end: int) -> int:
        raise AssertionError("pure reader")

    def recent_quarter(self, start: int) -> str | None:
        raise AssertionError("pure reader")


_NO_CONTEXT = _NoContext()
Reader = Callable[[str, int, int, Context], "Reading | None"]

READERS = {
    "spelled": _pure(read_spelled),
    "wdset": _pure(read_wdset),
    "numeric": read_numeric,
    "time": read_time,
    "quarter": read_quarter,
    "half": read_half,
    "century": _pure(read_century),
    "date": read_date,
    "relday": read_relday,
    "ago": read_ago,
    "relunit": read_relunit,
    "season": read_season,
    "dur": _pure(read_duration),
    "decade": _pure(read_decade),
    "year": _pure(read_year),
    "weekday": read_weekday,
    "set": _pure(read_set),
    "holiday": read_holiday,
    "ref": _pure(read_ref),
}

__all__ = ["READERS", "Anchor", "Context", "Reading", "add_months", "parse_ref"]
