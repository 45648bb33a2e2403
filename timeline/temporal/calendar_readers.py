"""Readers of calendar expressions.

Dates, numeric dates, years, decades, centuries, quarters, halves, seasons, holidays.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from .anchor import (
    MAX_YEAR,
    MIN_YEAR,
    Ref,
    add_months,
    easter,
    nth_weekday,
    parse_ref,
    shift,
    valid_day,
    week_value,
)
from .language import Holiday
from .lexicon import (
    DAYPARTS,
    DECADE_WORDS,
    ENGLISH,
    MONTHS,
    ORDINALS,
    SEASONS,
)
from .reading import (
    _CURRENT_THIS,
    _DATE_SEP,
    _DAY_RX,
    _DECADE_APOS,
    _DECADE_DIGITS,
    _DIGIT,
    _ISO_DAY,
    _LAST_ONLY,
    _LAST_THIS_NEXT_YEAR,
    _MONTH_RX,
    _NEXT_ONLY,
    _NEXT_YEAR,
    _ORDINAL_SUFFIXED,
    _QUARTER_ORDINAL,
    _QUARTER_SHORT,
    _REL_WORD,
    _SEASON_WORD,
    _TWO_DIGIT_END,
    _YEAR_BEFORE,
    _YEAR_RX,
    Anchor,
    Context,
    Reading,
    _month_of,
    _rel_offset,
    _year_of,
    position_mod,
    range_start,
)


def _absolute_date(year: int, month: int, day: int | None, mod: str | None) -> Reading | None:
    if day is None:
        return Reading("DATE", f"{year:04d}-{month:02d}", mod)
    if not valid_day(year, month, day):
        return None
    return Reading("DATE", f"{year:04d}-{month:02d}-{day:02d}", mod)


@lru_cache(maxsize=4096)
def _date_parts(low: str) -> tuple[int, int | None, int | None, str | None] | None:
    """Month, year, day and position mod written in a date span."""
    month = _month_of(low)
    if month is None:
        return None
    year = _year_of(low)
    rest = _MONTH_RX.sub(" ", _YEAR_RX.sub(" ", low))
    day_m = _DAY_RX.search(rest)
    day = int(day_m[1]) if day_m else None
    mod = position_mod(_MONTH_RX.sub(" ", low)) if not day else None
    return month, year, day, mod


_TOLD_YEAR = re.compile(r"\bof\s+(?:the\s+)?(that|same|following|previous)\s+year$")


def read_date(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """Month-based dates: "27 June 2016", "June 27", "June 2016", "April", "last May"."""
    lone = MONTHS.get(low)  # a bare month name, the commonest: no year, no relative word
    rel: re.Match[str] | None = None
    if lone is not None:
        month, day, mod = lone, None, None
    else:
        parts = _date_parts(low)
        if parts is None:
            return None
        month, year, day, mod = parts
        if year is not None:
            return _absolute_date(year, month, day, mod)
        story_year = _TOLD_YEAR.search(low)
        if story_year is not None:  # "November of that year": the year the story is at
            anchor = ctx.previous(start)
            if anchor.ref is None:
                return _unanchored(month, day, mod)
            shift_by = {"following": 1, "previous": -1}.get(story_year[1], 0)
            return _month_day(anchor.ref.year + shift_by, month, day, mod, anchor)
        if _LAST_THIS_NEXT_YEAR.search(low):
            anchor = ctx.deictic(start)
            if anchor.ref is None:
                return _unanchored(month, day, mod)
            year = anchor.ref.year + (-1 if "last" in low else 1 if "next" in low else 0)
            return _month_day(year, month, day, mod, anchor)
        rel = _REL_WORD.search(low)
    if not rel and (told := _told_after(month, day, mod, end, ctx)) is not None:
        return told
    if not rel and _habitual(start, end, ctx):
        return _unanchored(month, day, mod)
    first = range_start(ctx, start) if lone is not None else None
    if first is not None and first.month is not None and first.day is None:
        # "from March to May": the first such month after the range's start, unless that
        # is to come in a clause told in the past
        year = first.year + (month <= first.month)
        dct = ctx.deictic(start).ref
        ahead = dct is not None and dct.month is not None and (year, month) > (dct.year, dct.month)
        if not (ahead and ctx.tense(start, end) < 0):
            return _month_day(year, month, None, None, Anchor(first, "narrative"))
    anchor = ctx.deictic(start) if rel else ctx.underspecified(start, end)
    if anchor.ref is None:
        return _unanchored(month, day, mod)
    year = _year_of_month(month, rel[1] if rel else None, anchor, start, end, ctx)
    return _month_day(year, month, day, mod, anchor)


_HABITUAL = re.compile(r"(?<![a-z])(?:" + "|".join(ENGLISH.tense["habitual"]) + r")(?![a-z])")
# what ends the clause a habit is told in ("usually closes in July, but this year in June";
# "the crude that usually sets the price, began to fall in May")
_CLAUSE_BREAK = re.compile(r"[,;:]|\bbut\b|\bwhile\b|\bwhereas\b")


def _habitual(start: int, end: int, ctx: Context) -> bool:
    """Whether the clause of a month without a year tells of a habit: a habitual word before
    it in its clause, or right after it ("in July each year")."""
    before = ctx.sentence_before(start)[-80:]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    clause = before[breaks[-1].end() :] if breaks else before
    return (
        _HABITUAL.search(clause) is not None
        or _HABITUAL.match(ctx.after(end, 24).lstrip()) is not None
    )


def _year_of_month(
    month: int, rel: str | None, anchor: Anchor, start: int, end: int, ctx: Context
) -> int:
    """The year of a month without one: by its relative word, else by the tense of its
    clause from the publication date, else the anchor's (the first such month after it
    when the clause looks ahead from the time told)."""
    ref = anchor.ref
    assert ref is not None
    year = ref.year
    if ref.month is None:
        return year
    if rel in ("last", "past", "previous"):
        return year - 1 if month >= ref.month else year
    if rel in ("next", "coming", "following"):
        return year + 1 if month <= ref.month else year
    if rel is not None or month == ref.month:
        return year
    if anchor.kind == "publication":
        return year + _publication_year_shift(month, ref, _month_tense(month, ref, start, end, ctx))
    if month < ref.month and ctx.tense(start, end) > 0:
        return year + 1  # "On June 2, 2015, he said he would resign in May": May 2016
    return year


def _month_tense(month: int, ref: Ref, start: int, end: int, ctx: Context) -> int:
    """Which way the clause of a bare month points: its tense, except that a goal or a
    deadline looks ahead."""
    assert ref.month is not None
    if _CONTRACT_MONTH.match(ctx.after(end, 24)) or _CONTRACT_BEFORE.search(ctx.before(start, 16)):
        return 1  # "wheat for December delivery closed at $5.16": a contract's month is ahead
    tense = ctx.tense(start, end)
    if tense < 0 and month > ref.month and _toward(ctx.sentence_before(start)[-80:]):
        return 0  # "asked him to testify on Feb. 10", "extended to Nov. 16"
    if tense == 0 and _DEADLINE.search(ctx.before(start, 8)):
        return 1  # "to pay down the loan by February": a deadline is ahead
    return tense


# Named days by their month and day, with the words after them that make them the name.
_NAMED_DAYS = {
    (int(n.value[5:7]), int(n.value[8:10])): (
        n.value,
        re.compile(r"\s+(?:" + "|".join(re.escape(w) for w in n.before) + r")(?![a-z])"),
    )
    for n in ENGLISH.named_dates
    if n.before and len(n.value) == 10
}
# The written names: "9/11", "d-day".
_NAMED_WRITTEN = {
    " ".join(w.replace("\u2019", "'").split()): n.value
    for n in ENGLISH.named_dates
    for w in n.written
}


def _told_after(
    month: int, day: int | None, mod: str | None, end: int, ctx: Context
) -> Reading | None:
    """A date without a year that the words after it date: a named day ("the Sept. 11
    attacks") or a year stated right after ("that January day in 2011")."""
    if day is not None and (named := _named_by_day(month, day, end, ctx)) is not None:
        return Reading("DATE", named)
    after = ctx.after(end, 40)
    if " in " not in after and " of " not in after:  # the commonest: no year follows
        return None
    stated = _YEAR_AFTER.match(after)
    return None if stated is None else _absolute_date(int(stated[1]), month, day, mod)


def _named_by_day(month: int, day: int, end: int, ctx: Context) -> str | None:
    named = _NAMED_DAYS.get((month, day))
    if named is None or named[1].match(ctx.after(end, 24)) is None:
        return None
    return named[0]


def read_named(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """Days known by a name: "9/11", "D-Day"."""
    value = _NAMED_WRITTEN.get(" ".join(low.replace("\u2019", "'").split()))
    return None if value is None else Reading("DATE", value)


# A year stated right after a date that has none: "that January day in 2011".
_YEAR_AFTER = re.compile(
    r"\s+(?:(?:"
    + "|".join(sorted([*DAYPARTS, "day", "week", "weekend"], key=len, reverse=True))
    + r")\s+)?(?:in|of)\s+((?:1[0-9]|20)[0-9]{2})(?![0-9])"
)
# Before a date, these say it is a goal or a deadline of what the verb tells, not its time.
_TOWARD = re.compile(r"\b(?:to|until|till|by|through)\b")
# "changed from a fiscal year to a calendar year": the "to" of "from ... to" ends a change.
_FROM_BEFORE_TO = re.compile(r"\bfrom\s+(?:\S+\s+){0,3}$")


def _toward(sentence: str) -> bool:
    """True when a word of goal or deadline comes in ``sentence`` (the start of the date's
    sentence), other than the "to" of "from ... to" and the "to" of a place after a verb of
    going or sending ("fled to Spain")."""
    for m in _TOWARD.finditer(sentence):
        if m[0] != "to":
            return True
        if _FROM_BEFORE_TO.search(sentence, 0, m.start()):
            continue
        before = _WORD_BEFORE.search(sentence, 0, m.start())
        place = before is not None and before[1] in _MOTION and sentence[m.end() :].strip()
        if not place:  # "moved to December" moves a date; "moved to Paris in May" goes there
            return True
    return False


_WORD_BEFORE = re.compile(r"([a-z]+)\s+$")
_MOTION = frozenset(ENGLISH.tense["motion"])


_DEADLINE = re.compile(r"\b(?:by|until|till)\s+$")
# "for December delivery", "U.S. April crude futures", "gold futures for April"
_CONTRACT_NOUN = "(?:" + "|".join(ENGLISH.tense["contract_after"]) + r")(?![a-z])"
_CONTRACT_MONTH = re.compile(r"(?:\s+[a-z]+)?\s+" + _CONTRACT_NOUN)
_CONTRACT_BEFORE = re.compile(_CONTRACT_NOUN + r"\s+for\s+$")


def _publication_year_shift(month: int, ref: Ref, tense: int) -> int:
    """-1 / +1 when a bare month said in the news lies in the previous / next year: the
    tense of its clause says which way it points; without a cue, a month of the next few
    is ahead in the same year and any other one behind."""
    assert ref.month is not None
    if tense > 0:
        return 1 if month < ref.month else 0
    if tense < 0:
        return -1 if month > ref.month else 0
    return -1 if month - ref.month > 4 else 0


def _unanchored(month: int, day: int | None, mod: str | None) -> Reading:
    if day is not None:
        return Reading("DATE", f"XXXX-{month:02d}-{day:02d}", mod, Anchor(None, "none"))
    return Reading("DATE", f"XXXX-{month:02d}", mod, Anchor(None, "none"))


def _month_day(year: int, month: int, day: int | None, mod: str | None, anchor: Anchor) -> Reading:
    if not MIN_YEAR <= year <= MAX_YEAR:  # "next January" said on 9999-12-31
        return _unanchored(month, day, mod)
    if day is not None:
        if not valid_day(year, month, day):
            return Reading("DATE", f"XXXX-{month:02d}-{day:02d}", mod, anchor)
        return Reading("DATE", f"{year:04d}-{month:02d}-{day:02d}", mod, anchor)
    return Reading("DATE", f"{year:04d}-{month:02d}", mod, anchor)


_NTH_WEEKDAY_OF = re.compile(
    r"(first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th|last)\s+([a-z]+)\s+(?:in|of)\s+(.+)$"
)


def read_nth_weekday(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """ "the first Monday in October", "the last Thursday of November 2020": that day of the
    month, the month read as it would be alone."""
    m = _NTH_WEEKDAY_OF.search(low)
    weekday = ENGLISH.weekdays.get(m[2]) if m is not None else None
    if m is None or weekday is None:
        return None
    month = read_date(m[3], start, end, ctx)
    if month is None or len(month.value) != 7 or not month.value[:4].isdigit():
        return month
    year, month_number = int(month.value[:4]), int(month.value[5:7])
    n = -1 if m[1] == "last" else ORDINALS[m[1]]
    day = nth_weekday(year, month_number, weekday, n)
    anchor = month.anchor
    published = anchor.ref if anchor is not None and anchor.kind == "publication" else None
    if published is not None and published.day is not None:
        # the tense says whether the day, in the publication's month, is gone or to come
        tense, told = ctx.tense(start, end), day.isoformat()
        if (tense > 0 and told < published.value) or (tense < 0 and told > published.value):
            year += 1 if tense > 0 else -1
            if not MIN_YEAR <= year <= MAX_YEAR:
                return month
            day = nth_weekday(year, month_number, weekday, n)
    if day.month != month_number:  # no fifth Monday that month
        return month
    return Reading("DATE", day.isoformat(), None, anchor)


def read_numeric(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """Numeric dates: 2016-06-27, 6/27/2016, 27.06.2016 (day/month order from context)."""
    m = _ISO_DAY.fullmatch(low)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    else:
        parts = _DATE_SEP.split(low)
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
    """Years: "2016", "mid-2016", "the end of 1990", "fiscal 1989", "FY20"."""
    year = _year_of(low) or _two_digit_year(low)
    if year is None:
        return None
    return Reading("DATE", f"{year:04d}", position_mod(low.replace(str(year), " ")))


def read_decade(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """Decades: "the 1990s", "the early '80s", "the sixties"."""
    m = _DECADE_DIGITS.search(low)
    if m:
        value = m[1]
    else:
        m2 = _DECADE_APOS.search(low)
        w = next((digit for word, digit in DECADE_WORDS.items() if word in low), None)
        digit = int(m2[1]) if m2 else w
        if digit is None:
            return None
        value = f"19{digit}"
    return Reading("DATE", value, position_mod(_DIGIT.sub(" ", low)))


_ORDINAL_WORDS = [(re.compile(rf"\b{k}\b"), v) for k, v in ORDINALS.items()]


def read_century(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """Centuries: "the 20th century" -> 19."""
    m = _ORDINAL_SUFFIXED.search(low)
    n = int(m[1]) if m else None
    if n is None:
        n = next((v for rx, v in _ORDINAL_WORDS if rx.search(low)), None)
    if n is None or n < 1:
        return None
    return Reading("DATE", f"{n - 1:02d}", position_mod(low.replace("century", "")))


_THIS_YEAR = re.compile(r"\b(?:this|the\s+current)\s+year\b")


def read_quarter(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """Quarters: "the third quarter", "third-quarter", "the quarter", "Q3 1998"."""
    ordinal = _QUARTER_ORDINAL.search(low)
    qm = _QUARTER_SHORT.match(low)
    year = _year_of(low)
    q = ORDINALS[ordinal[1]] if ordinal else None
    if qm:
        q = int(qm[1] or qm[2])
        if year is None:
            year = _two_digit_year(low)
    if year is not None and q is not None:
        return Reading("DATE", f"{year:04d}-Q{q}")
    if year is not None and not qm:
        # "the 1988 quarter": the quarter under discussion, in that year
        quarter = ctx.recent_quarter(start)
        if quarter is not None:
            return Reading("DATE", f"{year:04d}{quarter[4:]}")
    anchor = ctx.deictic(start)
    ref = anchor.ref
    if ref is None:
        return Reading("DATE", f"XXXX-Q{q}" if q else "XXXX-QX", None, Anchor(None, "none"))
    if q is not None:
        y = ref.year
        if _YEAR_BEFORE.search(low):
            y -= 1
        elif _NEXT_YEAR.search(low):
            y += 1
        elif _THIS_YEAR.search(low):
            pass  # "the third quarter of this year": the publication's year, whatever the tense
        elif ref.quarter is not None and q > ref.quarter and not ctx.future(start, end):
            y -= 1
        return Reading("DATE", f"{y:04d}-Q{q}", None, anchor)
    if ref.quarter is None:
        return Reading("DATE", f"{ref.year:04d}-QX", None, anchor)
    return _relative_quarter(low, start, end, ref, anchor, ctx)


_YEAR_BEFORE_QUARTER = re.compile(
    r"year-(?:earlier|ago|before)|\bprior\s+year|\blast\s+year|a\s+year\s+(?:ago|earl)"
)


def _relative_quarter(
    low: str, start: int, end: int, ref: Ref, anchor: Anchor, ctx: Context
) -> Reading:
    """ "the quarter", "this quarter", "the year-ago quarter": counted from the DCT's."""
    ended = _QUARTER_ENDED.match(ctx.after(end, 24))
    if ended is not None and low in ("the quarter", "the latest quarter"):
        return _quarter_ended(ended, ref, anchor)
    if low in ("the quarter", "the latest quarter"):  # the quarter the report is about
        reported = ctx.recent_quarter(start)
        if reported is not None and reported < f"{ref.year:04d}-Q{ref.quarter}":
            return Reading("DATE", reported, None, anchor)
    if low == "this quarter" and not ctx.future(start, end):
        # in a report on a quarter just ended, that quarter ("this quarter's loss includes")
        reported = ctx.recent_quarter(end)
        if reported is not None and reported < f"{ref.year:04d}-Q{ref.quarter}":
            return Reading("DATE", reported, None, anchor)
    if _CURRENT_THIS.search(low):
        n = 0
    elif _NEXT_ONLY.search(low):
        n = 1
    else:
        n = -1
    if _YEAR_BEFORE_QUARTER.search(low):
        n -= 4
    return Reading("DATE", shift(ref, "Q", n) or "XXXX-QX", None, anchor)


# "the quarter ended July 31": the calendar quarter holding most of the three months.
_QUARTER_ENDED = re.compile(
    r"\s+end(?:ed|ing)\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})\b"
)


def _quarter_ended(ended: re.Match[str], ref: Ref, anchor: Anchor) -> Reading:
    month = MONTHS[ended[1]]
    if int(ended[2]) < 20:  # ending early in a month: the quarter is the three before it
        month -= 1
    year = ref.year - (1 if ref.month is not None and month > ref.month else 0)
    if month < 1:
        month, year = 12, year - 1
    # the middle month of the three ending with ``month`` decides the calendar quarter
    middle = (month - 2) % 12 + 1
    if middle > month:
        year -= 1
    return Reading("DATE", f"{year:04d}-Q{(middle - 1) // 3 + 1}", None, anchor)


_HALF_SHORT = re.compile(r"h([12])|([12])h")


def _two_digit_year(low: str) -> int | None:
    """The year of a two-digit ending ("Q3 '98", "H2'18"): 1950 to 2049."""
    short = _TWO_DIGIT_END.search(low)
    if short is None:
        return None
    return 1900 + int(short[1]) if int(short[1]) >= 50 else 2000 + int(short[1])


def read_half(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """Halves of a year: "the first half of 2016", "H1 2016", "1H 2016" -> 2016-H1."""
    short = _HALF_SHORT.match(low)
    if short is not None:
        year = _year_of(low) or _two_digit_year(low)
        return Reading("DATE", f"{year:04d}-H{short[1] or short[2]}") if year else None
    h = 1 if "first" in low else 2
    if low.endswith("s") and "quarters" not in low:  # "the last half of the '80s"
        decade = read_decade(low[low.rindex(" of ") + 4 :], start, end, ctx)
        return Reading("DATE", decade.value, "START" if h == 1 else "END") if decade else None
    year = _year_of(low)
    if year is not None:
        return Reading("DATE", f"{year:04d}-H{h}")
    anchor = ctx.deictic(start)
    if anchor.ref is None:
        return Reading("DATE", f"XXXX-H{h}", None, Anchor(None, "none"))
    y = anchor.ref.year + (-1 if "last year" in low else 1 if "next year" in low else 0)
    return Reading("DATE", f"{y:04d}-H{h}", None, anchor)


def read_season(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """Seasons: "this fall", "last summer", "the spring of 2016", "winter 2016"."""
    season = _SEASON_WORD.search(low)
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
    if ref.month is None:
        return Reading("DATE", f"{y:04d}-{code}", mod, anchor)
    if offset is None or offset == 0:
        # a bare season ("in spring") or "this spring": the tense says whether the one of
        # this year is over or still to come
        tense = ctx.tense(start, end)
        if tense > 0 and ref.month > start_month + 2:
            offset = 1
        elif tense < 0 and ref.month < start_month and offset is None:
            offset = -1
    if offset == -1 and ref.month <= start_month + 2:
        y -= 1
    elif offset == 1 and ref.month >= start_month:
        y += 1
    return Reading("DATE", f"{y:04d}-{code}", mod, anchor)


def read_holiday(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """Christmas, Thanksgiving, Easter, New Year's Day..."""
    year = _year_of(low)
    if year is not None:
        return _holiday(low, year, None)
    stated = _YEAR_AFTER.match(ctx.after(end, 40))
    if stated is not None:  # "the day before Thanksgiving in 1991"
        return _holiday(low, int(stated[1]), None)
    anchor = ctx.underspecified(start, end)
    if anchor.ref is None:
        return None
    ref = anchor.ref
    reading = _holiday(low, ref.year, anchor)
    if reading is None or anchor.kind != "publication" or ref.month is None:
        return reading
    if low.startswith("this"):  # "this Christmas": the one of the publication's year
        return reading
    tense = -1 if _LAST_ONLY.match(low) else 1 if low.startswith("next") else ctx.tense(start, end)
    first = parse_ref(reading.value)  # a holiday week counts from its Monday
    if first is None or first.month is None:
        return reading
    if first.value < ref.value:
        return _holiday(low, ref.year + 1, anchor) if tense > 0 else reading
    if first.value > ref.value and _publication_year_shift(first.month, ref, tense) < 0:
        return _holiday(low, ref.year - 1, anchor)
    return reading


# The named days of the language file, longest name first (so "christmas eve" is tried
# before "christmas").
_HOLIDAYS = sorted(ENGLISH.holidays, key=lambda h: -len(h.name))
_SPACES = re.compile(r"\s+")
_REL_PREFIX = re.compile(r"^(?:last|next|this)\s+")
_NTH_WEEKDAY = re.compile(r"(-?[1-5]) ([a-z]+) of ([0-9]{1,2})([+-][0-9]+)?")
_EASTER = re.compile(r"easter([+-][0-9]+)")
_MONTH_DAY = re.compile(r"([0-9]{2})-([0-9]{2})")


def _named_day(low: str) -> Holiday | None:
    """The named day a holiday span names."""
    name = _SPACES.sub(" ", _REL_PREFIX.sub("", low).replace("\u2019", "'"))
    return next((h for h in _HOLIDAYS if name.startswith(h.name)), None)


def holiday_date(rule: str, year: int) -> date | None:
    """The day a holiday rule gives in ``year``: "12-25", "easter-2", "4 thursday of 11",
    "1 monday of 11+1" (the day after the first Monday of November)."""
    if (fixed := _MONTH_DAY.fullmatch(rule)) is not None:
        month, day = int(fixed[1]), int(fixed[2])
        return date(year, month, day) if valid_day(year, month, day) else None
    if (easter_day := _EASTER.fullmatch(rule)) is not None:
        try:
            return easter(year) + timedelta(days=int(easter_day[1]))
        except OverflowError:  # a day before year 1 or after 9999
            return None
    if (nth := _NTH_WEEKDAY.fullmatch(rule)) is not None and nth[2] in ENGLISH.weekdays:
        weekday = nth_weekday(year, int(nth[3]), ENGLISH.weekdays[nth[2]], int(nth[1]))
        return weekday + timedelta(days=int(nth[4] or 0))
    return None


def _holiday(low: str, year: int, anchor: Anchor | None) -> Reading | None:
    named = _named_day(low)
    if named is None or not 1 <= year <= 9999:
        return None
    d = holiday_date(named.rule, year)
    if d is None:
        return None
    if named.week:  # "Easter week": the week holding the day
        return Reading("DATE", week_value(d), None, anchor)
    return Reading("DATE", f"{d.year:04d}-{d.month:02d}-{d.day:02d}", None, anchor)


_ORDINAL_DAY = re.compile(r"([0-9]{1,2})")


def read_monthday(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """A day of the month alone: "the 15th" is in the month of its anchor, or the month
    before or after when the tense of its clause says so."""
    m = _ORDINAL_DAY.search(low)
    if m is None:
        return None
    day = int(m[1])
    anchor = ctx.underspecified(start, end)
    ref = anchor.ref
    if ref is None or ref.month is None:
        return Reading("DATE", f"XXXX-XX-{day:02d}", None, Anchor(None, "none"))
    year, month = ref.year, ref.month
    if ref.day is not None and anchor.kind == "publication":
        tense = ctx.tense(start, end)
        if tense < 0 and day > ref.day:
            year, month = add_months(year, month, -1)
        elif tense > 0 and day < ref.day:
            year, month = add_months(year, month, 1)
    if not MIN_YEAR <= year <= MAX_YEAR or not valid_day(year, month, day):
        return None
    return Reading("DATE", f"{year:04d}-{month:02d}-{day:02d}", None, anchor)
