"""Readers of relative expressions.

Today and yesterday, weekdays, this/last/next units, "two years ago", clock times.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from .amounts import count_of, duration_value
from .anchor import Ref, day_value, parse_ref, shift, week_value, weekday_near
from .calendar_readers import read_date, read_season
from .lexicon import (
    DAYPARTS,
    WEEKDAYS,
)
from .reading import (
    _CLOCK,
    _COMPARED_YEAR,
    _DAYPART_RX,
    _LAST_PAST,
    _MONTH_RX,
    _NARRATIVE_REL,
    _PERIOD_END,
    _SEASON_WORD,
    _THAT,
    _THE_PAST_LAST,
    _THE_YEAR,
    _THIS_ONLY,
    _UNIT_CODE,
    _UNIT_RX,
    _WD_RX,
    _WEEKDAY_NEXT,
    _WEEKDAY_PAST,
    _YEAR_EARLIER,
    Anchor,
    Context,
    Reading,
    _month_of,
    _rel_offset,
    _year_of,
    approx_mod,
    position_mod,
    range_start,
)

# "last" as the final one of a span: "the last week of June", "his last day in office"
_THE_FINAL = re.compile(r"the\s+(?:last|final)\s")
_FINAL = re.compile(r"(?:last|final)\s")
_OWNER_BEFORE = re.compile(r"(?:(?<![a-z])(?:his|her|their|its|our|my|your)|[a-z]['\u2019]s)\s+$")

_DAY_BEFORE = re.compile(r"\bday before\b")
_DAY_AFTER = re.compile(r"\bday after\b")


# "the cities of tomorrow", "the people of tomorrow": the future in general, no day ("as of
# tomorrow" and "the end of tomorrow" are the day; "the events of yesterday" is a day too)
_GENERIC_OF = re.compile(
    r"(?<![a-z])(?!as\s|end\s|start\s|beginning\s|middle\s|close\s|rest\s)[a-z]+\s+of\s+$"
)


def read_relday(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """today, yesterday, tomorrow, tonight, the day before yesterday, yesterday morning."""
    weekday = _WD_RX.search(low)
    if weekday is not None:  # "the day before last Tuesday"
        told = read_weekday(low[low.index(" ", low.index("day ") + 4) + 1 :], start, end, ctx)
        ref = parse_ref(told.value) if told is not None else None
        if told is None or ref is None or ref.day is None:
            return None
        value = shift(ref, "D", -1 if "before" in low else 1)
        return Reading("DATE", value, None, told.anchor) if value else None
    anchor = ctx.deictic(start)
    n = -1 if "yesterday" in low else 1 if "tomorrow" in low else 0
    if low == "tomorrow" and _GENERIC_OF.search(ctx.before(start, 24)):
        return Reading("DATE", "FUTURE_REF")  # "the people of tomorrow": no day
    if _DAY_BEFORE.search(low):
        n -= 1
    elif _DAY_AFTER.search(low):  # not "yesterday afternoon"
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


# "later Friday", "earlier on Sunday": a time of a day the story is at, so the nearest one
_LATER_OR_EARLIER = re.compile(r"(?<![a-z])(?:later|earlier)\s+(?:on\s+)?$")


def _told_as_near(start: int, after: str, ctx: Context) -> bool:
    """True when the weekday at ``start`` is the nearest one whatever the tense: an event's
    day ("Saturday's concert", "Wednesday's ruling") or a time of it ("later Friday")."""
    return (
        after[:2] in ("'s", "\u2019s")
        or _LATER_OR_EARLIER.search(ctx.before(start, 12)) is not None
    )


_SHARED_PLURAL = re.compile(
    r"\s+(?:and|or)\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\s+(mornings|afternoons|evenings"
    r"|nights)\b"
)


def _bare_weekday(wd: int, start: int, end: int, anchor: Anchor, ctx: Context) -> Reading:
    after = ctx.after(end, 32)
    if "and" in after or "or" in after:
        shared = _SHARED_PLURAL.match(after)
        if shared is not None:
            # "on Monday and Tuesday nights": the plural makes both recurring
            return Reading("SET", f"XXXX-WXX-{wd}T{DAYPARTS[shared[1].rstrip('s')]}")
    ref = anchor.ref
    if ref is None or ref.day is None:
        return Reading("DATE", f"XXXX-WXX-{wd}", None, Anchor(None, "none"))
    end_day = _range_end(wd, ref, start, end, ctx)
    day: str | None
    if end_day is not None:
        day = end_day  # "from Monday to Friday": the Friday after that Monday
    elif _told_as_near(start, after, ctx):
        day = _nearest_weekday(ref, wd)
    else:
        day = weekday_near(ref, wd, 1 if ctx.tense(start, end) > 0 else -1)
    return Reading("DATE", day or f"XXXX-WXX-{wd}", None, anchor)


def _range_end(wd: int, ref: Ref, start: int, end: int, ctx: Context) -> str | None:
    """The weekday ``wd`` at ``start`` as the end of a range: the first such day after the
    range's start; always after "into" ("Wednesday into Thursday"), else unless that day is
    to come in a clause told in the past (then the start was read a week late: "attended
    school on Wednesday to Friday last week"). None when it ends no range."""
    first = range_start(ctx, start)
    if first is None or first.day is None:
        return None
    end_day = weekday_near(first, wd, 2)
    if end_day is None or ctx.before(start, 6).endswith("into "):
        return end_day
    return end_day if end_day <= ref.value or ctx.tense(start, end) >= 0 else None


def read_weekday(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """Weekdays: "Friday" (by tense), "last Friday", "next Tuesday", "Friday morning"."""
    wd = WEEKDAYS.get(low)
    anchor = ctx.sentence_day(start)
    if wd is not None:  # a bare weekday, by far the commonest
        return _bare_weekday(wd, start, end, anchor, ctx)
    m = _WD_RX.search(low)
    if m is None:
        return None
    wd = WEEKDAYS[m[1]]
    part = _DAYPART_RX.search(low)
    that_day = False
    if low.startswith(("the previous", "the following", "that")):
        # told from the day the story is at: "down 4.5% from the previous Friday"; "That
        # Tuesday" is the first such day from the story's day on
        told = ctx.previous(start)
        if told.ref is not None and told.ref.day is not None:
            anchor = told
            that_day = _THAT.match(low) is not None and told.kind == "narrative"
    ref = anchor.ref
    value: str | None = None
    end_day = _range_end(wd, ref, start, end, ctx) if ref is not None else None
    if end_day is not None:
        value = end_day  # "Wednesday into Thursday morning"
    elif ref is not None and ref.day is not None:
        if that_day:
            value = weekday_near(ref, wd, 1)
        elif _WEEKDAY_PAST.search(low):
            value = weekday_near(ref, wd, -2)
        elif _WEEKDAY_NEXT.search(low):
            value = weekday_near(ref, wd, 2)
        elif _THIS_ONLY.search(low):
            value = weekday_near(ref, wd, 0)
        elif _LATER_OR_EARLIER.search(ctx.before(start, 12)):
            value = _nearest_weekday(ref, wd)
        else:
            value = weekday_near(ref, wd, 1 if ctx.future(start, end) else -1)
    if value is None:
        value = f"XXXX-WXX-{wd}"
        anchor = Anchor(None, "none")
    mod = position_mod(low[: m.start()]) if m.start() else None
    if part and not value.startswith("X"):
        return Reading("DATE", f"{value}T{DAYPARTS[part[1]]}", mod, anchor)
    return Reading("DATE", value, mod, anchor)


def _nearest_weekday(ref: Ref, weekday: int) -> str | None:
    """The day with ISO ``weekday`` nearest the reference; the past one unless the next is
    clearly nearer (news tells of what happened more than of what comes)."""
    d = ref.as_date()
    if d is None:
        return None
    back = (d.isoweekday() - weekday) % 7
    forward = (weekday - d.isoweekday()) % 7
    ahead = forward < back - 1
    try:
        return day_value(d + timedelta(days=forward) if ahead else d - timedelta(days=back))
    except OverflowError:  # a day before year 1 or after 9999
        return None


_PERIOD_ENDED = re.compile(r"\s+(?:ended|ending|to\b|through\b)")


# "compared with a loss of $3 million last year", "up from last year's $1.55 billion"
_FIGURE_BEFORE = re.compile(r"compared\s+with\s+[^.;]*\d[^.;]*\s+$")
_FIGURE_AFTER = re.compile(r"['\u2019]s\s+(?:[$#\u00a3\u20ac]|c\$|us\$)?\d")


def _compares_figures(low: str, start: int, end: int, ctx: Context) -> bool:
    """True when "last year" names the year-ago figure of a quarterly report."""
    if ctx.recent_quarter(start) is None:
        return False
    if _FIGURE_AFTER.match(ctx.after(end, 8)):
        return True
    return _FIGURE_BEFORE.search(ctx.before(start, 60)) is not None


def _reporting_period(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """Periods of financial reports: year-earlier, "the 1988 period", "the year ended..."."""
    if _YEAR_EARLIER.search(low):
        return _year_earlier(low, start, ctx)
    if low.endswith("period") or " period " in low:  # "the corresponding period last year"
        return _period(low, start, ctx)
    if _THE_YEAR.fullmatch(low) and (low != "the year" or _PERIOD_ENDED.match(ctx.after(end, 9))):
        # "the year ended Sept. 30" is a (fiscal) twelve-month period; plain "the year" is
        # the current one
        return Reading("DURATION", "P1Y")
    if low == "last year" and _compares_figures(low, start, end, ctx):
        return _year_earlier(low, start, ctx)
    return None


@dataclass(frozen=True, slots=True)
class _Shape:
    """What a relative-unit span says in itself, whatever its context."""

    unit: str | None  # the unit word ("year", "week"...)
    part: str | None  # a part of the day
    season: bool
    offset: int
    narrative: bool  # "the following", "the previous"...: told from the story's time
    mod: str | None
    period_end: bool  # "year-end"
    past_last: bool  # "the past", "the last", "the latest"


# Units whose "the past ..." is a span reaching to the time told, not the previous one.
_SPAN_UNITS = {"DE": "P10Y", "CE": "P100Y"}


@lru_cache(maxsize=4096)
def _shape(low: str) -> _Shape:
    m = _UNIT_RX.search(low)
    part = _DAYPART_RX.search(low)
    return _Shape(
        m[1] if m else None,
        part[1] if part else None,
        _SEASON_WORD.search(low) is not None,
        _rel_offset(low) or 0,
        _NARRATIVE_REL.search(low) is not None,
        position_mod(_LAST_PAST.sub(" ", low)),
        _PERIOD_END.search(low) is not None,
        _THE_PAST_LAST.search(low) is not None,
    )


def read_relunit(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """this/last/next week|month|year|quarter, the following year, year-earlier, year-end."""
    shape = _shape(low)
    offset = shape.offset
    if low.startswith("the week of "):
        return _week_of(low, start, end, ctx)
    reported = _reporting_period(low, start, end, ctx)
    if reported is not None:
        return reported
    anchor = _relunit_anchor(low, shape, start, ctx)
    mod = shape.mod
    ref = anchor.ref
    if ref is None:
        return Reading("DATE", "XXXX", mod, Anchor(None, "none"))
    if shape.season:
        return read_season(low, start, end, ctx)
    if shape.part and (not shape.unit or shape.unit == "night"):
        # "the next morning" is the day after; "this coming evening" is still today
        return _daypart(shape.part, 0 if offset > 0 and "this" in low else offset, anchor, mod)
    if shape.unit is None:
        return None
    unit = _UNIT_CODE[shape.unit]
    if _final_one(low, start, end, ctx):
        return None  # the final one of a span the text names, not the one before this one
    if unit == "WE" and ref.day is not None and (low.startswith("the") or offset == 0):
        back = _weeks_to_weekend(low.startswith("the"), ref, ctx.tense(start, end))
        return Reading("DATE", (shift(ref, "W", back) or "XXXX-WXX") + "-WE", mod, anchor)
    if shape.period_end:
        return Reading("DATE", shift(ref, unit, 0) or ref.value, "END", anchor)
    if unit in _SPAN_UNITS and low.startswith("the past "):
        # "the past decade" said in 1998 is the ten years up to then, not the 1980s
        return Reading("DURATION", _SPAN_UNITS[unit], mod)
    if shape.past_last and unit in ("Y", "M", "W", "Q", "DE"):
        offset = -1
    if unit == "D" and ref.day is None:
        return Reading("DATE", ref.value, mod, anchor)
    value = shift(ref, unit, offset)
    if value is None:
        return Reading("DATE", ref.value, mod, anchor)
    return Reading("DATE", value, mod, anchor)


def _week_of(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """ "the week of March 6": the ISO week holding the day."""
    day = read_date(low[12:], start, end, ctx)
    ref = parse_ref(day.value) if day is not None else None
    if day is None or ref is None or ref.day is None or len(day.value) != 10:
        return None
    return Reading("DATE", week_value(date(ref.year, ref.month or 1, ref.day)), None, day.anchor)


def _final_one(low: str, start: int, end: int, ctx: Context) -> bool:
    """Whether "last" says the final one of a span rather than the one before this one:
    "the last week of April", "the last day before the vote", "his last day in office"
    ("struck last week of $1,440", "the murder last month of the commander" are the one
    before)."""
    if _THE_FINAL.match(low):
        return ctx.after(end, 4) == " of " or ctx.after(end, 8) == " before "
    return _FINAL.match(low) is not None and _OWNER_BEFORE.search(ctx.before(start, 12)) is not None


def _weeks_to_weekend(the: bool, ref: Ref, tense: int) -> int:
    """0 for the weekend of the week of ``ref``, -1 for the one before: said on a weekday,
    "the weekend" is the one gone unless the clause looks ahead, "this weekend" the one to
    come unless the clause is in the past."""
    d = ref.as_date()
    assert d is not None
    if d.isoweekday() >= 6:
        return 0
    if the:
        return 0 if tense > 0 else -1
    return -1 if tense < 0 else 0


def _relunit_anchor(low: str, shape: _Shape, start: int, ctx: Context) -> Anchor:
    """The story's time for "the following year"; for "the week" the week of a day the
    story has just told ("It fell on Friday. For the week, ..."); else the publication's."""
    if shape.narrative:
        return ctx.previous(start)
    if low == "the week" and (near := _nearby_day(start, ctx)) is not None:
        return near
    return ctx.deictic(start)


def _daypart(word: str, offset: int, anchor: Anchor, mod: str | None) -> Reading | None:
    ref = anchor.ref
    if ref is None or ref.day is None:
        return None
    day = shift(ref, "D", -1 if offset < 0 else 1 if offset > 0 else 0)
    return Reading("TIME", f"{day}T{DAYPARTS[word]}", mod, anchor)


_BARE_YEAR_AGO = frozenset(("the year-ago", "the year-earlier", "year-ago", "year-earlier"))
# A sentence that reports a longer period compares it, not the quarter, with a year earlier.
_LONGER_PERIOD = re.compile(r"\b(?:nine|six|9|6)\s+months\b|\bfirst\s+half\b|\bfull\s+year\b")


def _period(low: str, start: int, ctx: Context) -> Reading:
    """ "the 1988 period", "the latest period": the reporting period under discussion."""
    quarter = ctx.recent_quarter(start)
    if quarter is not None and _LONGER_PERIOD.search(ctx.sentence_before(start)):
        quarter = None  # "In the first nine months, ... in the 1988 period"
    year = _year_of(low)
    anchor = ctx.deictic(start)
    if year is not None:
        if quarter is not None:
            return Reading("DATE", f"{year:04d}{quarter[4:]}")
        return Reading("DATE", f"{year:04d}")
    if _COMPARED_YEAR.search(low):
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
    anchor = ctx.deictic(start)
    longer = _LONGER_PERIOD.search(ctx.sentence_before(start)) is not None
    if low in _BARE_YEAR_AGO and anchor.ref is not None and not longer:
        # "The year-ago results included...": the year-ago period just named, again
        told = ctx.last_value(start, 250)
        if told is not None and told.startswith(f"{anchor.ref.year - 1:04d}"):
            return Reading("DATE", told, None, anchor)
    quarter = None if longer else ctx.recent_quarter(start)
    if quarter is not None:
        ref = parse_ref(quarter)
        if ref is not None:
            return Reading("DATE", shift(ref, "Q", -4) or quarter, None, anchor)
    if anchor.ref is None:
        return Reading("DATE", "XXXX", None, Anchor(None, "none"))
    return Reading("DATE", f"{anchor.ref.year - 1:04d}", None, anchor)


_OR_SO = re.compile(r"\sor\s+so\s")  # "a week or so ago": about a week
_AGO_WORD = re.compile(r"(ago|earlier|later|before|after|from\s+now|hence|previously|since|back)$")


def read_ago(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """ "two years ago", "a year earlier", "three days later", "a decade ago"."""
    m = _UNIT_RX.search(low)
    if m is None:
        return None
    unit = _UNIT_CODE[m[1]]
    count, _ = count_of(low[: m.end()])
    mod = approx_mod(low) or ("APPROX" if _OR_SO.search(low) else None)
    word = _AGO_WORD.search(low)
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


_WEEKDAY_AFTER_ASIDE = re.compile(
    r"\s*\([^()]{1,20}\)\s*,?\s*(?:on\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?![a-z])"
)
_RELDAY_WORD = re.compile(r"yesterday|today|tomorrow|tonight")


def _nearby_day(start: int, ctx: Context) -> Anchor | None:
    """The day-precise date mentioned just before ``start`` (same paragraph), if any."""
    prev = ctx.previous(start)
    if prev.kind != "narrative" or prev.ref is None or prev.ref.day is None:
        return None
    if prev.start is None or start - prev.start > 300:
        return None
    return prev


_NOON = re.compile(r"(?<![a-z])(?:noon|midday)(?![a-z])")
# The hours of the clock's first half that a part of the day puts in its second half.
_PM_HOURS = {"AF": range(1, 7), "EV": range(4, 12), "NI": range(6, 12)}


def _in_second_half(low: str, hh: int) -> bool:
    """True when a clock time without a.m. or p.m. is an afternoon, evening or night hour by
    the part of the day after it ("11 at night", "9:30 Friday evening", "8 tonight")."""
    part = _DAYPART_RX.search(low)
    code = DAYPARTS[part[1]] if part else ("NI" if "tonight" in low else None)
    return code in _PM_HOURS and hh in _PM_HOURS[code]


def read_time(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """Clock times: "3:30 p.m.", "noon", "10 p.m. Wednesday"."""
    m = _CLOCK.search(low)
    if _NOON.search(low):  # not the "noon" of "afternoon"
        hh, mm = 12, 0
    elif "midnight" in low:  # TimeML: midnight ends the day it is attached to
        hh, mm = 24, 0
    elif m:
        hh, mm = int(m[1]), int(m[2] or 0)
        suffix = (m[3] or "").replace(".", "")
        if suffix.startswith("p") and hh < 12:
            hh += 12
        elif suffix.startswith("a") and hh == 12:
            hh = 0
        elif suffix[:1] not in ("a", "p") and _in_second_half(low, hh):
            hh += 12  # "10:30 on Tuesday night", "8 in the evening"
        if hh > 24 or mm > 59:
            return None
    else:
        return None
    day: str | None = None
    anchor = ctx.deictic(start)
    wd = _WD_RX.search(low)
    later = None if wd is not None else _WEEKDAY_AFTER_ASIDE.match(ctx.after(end, 32))
    month = _month_of(low)
    if later is not None:  # "10:35 a.m. (0735 GMT) Friday"
        sub = read_weekday(later[1], start, end, ctx)
        day = sub.value if sub and not sub.value.startswith("X") else None
    elif wd is not None:
        sub = read_weekday(low[wd.start() :], start, end, ctx)
        day = sub.value if sub and not sub.value.startswith("X") else None
    elif month is not None:
        sub = read_date(low[low.index(_MONTH_RX.search(low)[1]) :], start, end, ctx)  # type: ignore[index]
        day = sub.value if sub else None
    elif not _RELDAY_WORD.search(low) and (near := _nearby_day(start, ctx)) is not None:
        anchor = near  # a bare clock time belongs to the day the story is telling
        day = near.ref.value if near.ref is not None else None
    elif anchor.ref is not None and anchor.ref.day is not None:
        n = -1 if "yesterday" in low else 1 if "tomorrow" in low else 0
        day = shift(anchor.ref, "D", n)
    value = f"{day[:10] if day else 'XXXX-XX-XX'}T{hh:02d}:{mm:02d}"  # the day, not its part
    mod = approx_mod(low)
    return Reading("TIME", value, mod, anchor if day else Anchor(None, "none"))
