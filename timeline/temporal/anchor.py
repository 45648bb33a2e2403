"""Reference times: parsing an anchor value, calendar arithmetic at a value's granularity.

An anchor is a TIMEX3 date value at any precision ("2020", "2020-08", "2020-10-30"); a
relative expression is resolved against it at the granularity the expression asks for.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

_REF = re.compile(
    r"^(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|Q([1-4])|W(\d{2})(?:-(\d))?|H([12])|(SP|SU|FA|WI)))?"
)


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference time: year, and month and day when known."""

    year: int
    month: int | None = None
    day: int | None = None
    # The TIMEX3 value of this reference at its own precision (read for every anchored timex,
    # so written once).
    value: str = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.month is None:
            value = f"{self.year:04d}"
        elif self.day is None:
            value = f"{self.year:04d}-{self.month:02d}"
        else:
            value = f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        object.__setattr__(self, "value", value)

    def as_date(self) -> date | None:
        """The day, when the reference is day-precise."""
        if self.month is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)

    @property
    def quarter(self) -> int | None:
        """The quarter of the year, when the month is known."""
        return None if self.month is None else (self.month - 1) // 3 + 1


@lru_cache(maxsize=4096)
def parse_ref(value: str | None) -> Ref | None:
    """A reference from a TIMEX3 date value, or None when it carries no year."""
    if not value:
        return None
    m = _REF.match(value.strip())
    if not m or not 1 <= int(m[1]) <= 9999:
        return None
    year = int(m[1])
    try:
        if m[3]:
            d = date(year, int(m[2]), int(m[3]))
            return Ref(d.year, d.month, d.day)
        if m[2]:
            month = int(m[2])
            return Ref(year, month) if 1 <= month <= 12 else Ref(year)
        if m[4]:
            return Ref(year, int(m[4]) * 3 - 2)
        if m[5]:
            monday = date.fromisocalendar(year, int(m[5]), int(m[6] or 1))
            return Ref(monday.year, monday.month, monday.day)
        if m[7]:
            return Ref(year, 1 if m[7] == "1" else 7)
        if m[8]:
            return Ref(year, {"SP": 4, "SU": 7, "FA": 10, "WI": 12}[m[8]])
    except ValueError:
        return Ref(year)
    return Ref(year)


def day_value(d: date) -> str:
    """The TIMEX3 value of a day."""
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def week_value(d: date) -> str:
    """The TIMEX3 ISO week value of the week holding ``d``."""
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    """(year, month) shifted by ``n`` months."""
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


# What a value becomes when the arithmetic leaves the calendar (before year 1, after 9999).
UNRESOLVABLE = {
    "D": "XXXX-XX-XX",
    "W": "XXXX-WXX",
    "WE": "XXXX-WXX-WE",
    "M": "XXXX-XX",
    "Q": "XXXX-QX",
    "Y": "XXXX",
    "DE": "XXX",
    "CE": "XX",
}
MIN_YEAR, MAX_YEAR = 1, 9999


@lru_cache(maxsize=4096)
def shift(ref: Ref, unit: str, n: int) -> str | None:
    """The value ``n`` units after (before when negative) the reference, at the unit's
    granularity: day, week, month, quarter, year, decade, century. None when the reference
    is too coarse for the unit; ``UNRESOLVABLE[unit]`` when the result would lie outside
    years 1 to 9999."""
    try:
        return _shift(ref, unit, n)
    except OverflowError:  # a day or a week before 0001-01-01 or after 9999-12-31
        return UNRESOLVABLE[unit]


def _shift(ref: Ref, unit: str, n: int) -> str | None:
    d = ref.as_date()
    if unit == "D":
        return day_value(d + timedelta(days=n)) if d else None
    if unit in ("W", "WE"):
        if d is None:
            return None
        value = week_value(d + timedelta(weeks=n))
        return value + "-WE" if unit == "WE" else value
    if unit == "M":
        if ref.month is None:
            return None
        y, m = add_months(ref.year, ref.month, n)
        return f"{y:04d}-{m:02d}" if MIN_YEAR <= y <= MAX_YEAR else UNRESOLVABLE[unit]
    if unit == "Q":
        if ref.quarter is None:
            return None
        k = ref.year * 4 + ref.quarter - 1 + n
        return (
            f"{k // 4:04d}-Q{k % 4 + 1}" if MIN_YEAR <= k // 4 <= MAX_YEAR else UNRESOLVABLE[unit]
        )
    if unit == "Y":
        y = ref.year + n
        return f"{y:04d}" if MIN_YEAR <= y <= MAX_YEAR else UNRESOLVABLE[unit]
    if unit == "DE":
        k = ref.year // 10 + n
        return f"{k:03d}" if 0 <= k <= MAX_YEAR // 10 else UNRESOLVABLE[unit]
    if unit == "CE":
        k = ref.year // 100 + n
        return f"{k:02d}" if 0 <= k <= MAX_YEAR // 100 else UNRESOLVABLE[unit]
    return None


@lru_cache(maxsize=4096)
def weekday_near(ref: Ref, weekday: int, direction: int) -> str | None:
    """The day with ISO ``weekday`` nearest the reference: direction -1 the latest on or
    before it, +1 the earliest on or after it, -2 strictly before, +2 strictly after,
    0 in the same week. ``XXXX-WXX-<weekday>`` when that day lies outside years 1 to 9999."""
    d = ref.as_date()
    if d is None:
        return None
    delta = weekday - d.isoweekday()
    if direction == 0:
        days = delta
    elif direction < 0:
        back = (-delta) % 7
        days = -(7 if back == 0 and direction == -2 else back)
    else:
        fwd = delta % 7
        days = 7 if fwd == 0 and direction == 2 else fwd
    try:
        return day_value(d + timedelta(days=days))
    except OverflowError:
        return f"XXXX-WXX-{weekday}"


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def valid_day(year: int, month: int, day: int) -> bool:
    """True when the day exists."""
    if not 1 <= month <= 12 or day < 1:
        return False
    return day <= _MONTH_DAYS[month] or (month == 2 and day == 29 and calendar.isleap(year))


def easter(year: int) -> date:
    """Easter Sunday of ``year`` (Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month = (h + ell - 7 * m + 114) // 31
    day = (h + ell - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The ``n``-th ISO ``weekday`` of a month (n = -1 for the last)."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)
