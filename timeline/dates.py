"""TIMEX3 date values: the interval a value covers, its precision, and how people write it.

A date is never a bare ``datetime``: ``2016-06`` is the whole of June 2016, ``2017`` the
whole year, ``201X`` the 2010s. This module is pure (no dateparser, no I/O) and shared by the
tagger, the linker, the merger and the renderer.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

Precision = Literal["day", "week", "month", "season", "quarter", "year", "decade", "century"]

MONTH_NAMES = [calendar.month_name[i] for i in range(1, 13)]
SEASONS = {"SP": (3, 5, "spring"), "SU": (6, 8, "summer"), "FA": (9, 11, "autumn"),
           "WI": (12, 2, "winter")}  # fmt: skip

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})X?$")
_CENTURY = re.compile(r"^(\d{2})(?:XX)?$")


@dataclass(frozen=True, slots=True)
class Span:
    """The days a TIMEX3 value covers: ``first`` and ``last`` inclusive, with its precision."""

    value: str
    first: date
    last: date
    precision: Precision

    def overlaps(self, other: Span) -> bool:
        """True when the two spans share at least one day."""
        return self.first <= other.last and other.first <= self.last


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@lru_cache(
    maxsize=1 << 15
)  # values repeat across a corpus (publication dates, years); Span is frozen
def span_of(value: str) -> Span | None:
    """The span a TIMEX3 date value covers, or None when it cannot be placed on a calendar.

    >>> span = span_of("2016-06")
    >>> (str(span.first), str(span.last), span.precision)
    ('2016-06-01', '2016-06-30', 'month')
    >>> span_of("XXXX-04") is None
    True
    """
    try:
        return _span_of(value.strip())
    except (ValueError, OverflowError):  # an impossible date such as 2020-02-30 or 0000-01
        return None


def _span_of(value: str) -> Span | None:
    if m := _DAY.match(value):
        d = date(int(m[1]), int(m[2]), int(m[3]))
        return Span(value, d, d, "day")
    if m := _MONTH.match(value):
        y, mo = int(m[1]), int(m[2])
        return Span(value, date(y, mo, 1), _month_end(y, mo), "month")
    if m := _WEEK.match(value):
        monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        last = monday + timedelta(days=6) if monday < date.max - timedelta(days=6) else date.max
        return Span(value, monday, last, "week")  # 9999-W52 ends with the calendar
    if m := _SEASON.match(value):
        y = int(m[1])
        lo, hi, _ = SEASONS[m[2]]
        if m[2] == "WI":  # winter 2016 runs from December 2016 into February 2017
            last = _month_end(y + 1, 2) if y < 9999 else date.max
            return Span(value, date(y, 12, 1), last, "season")
        return Span(value, date(y, lo, 1), _month_end(y, hi), "season")
    if m := _QUARTER.match(value):
        y, q = int(m[1]), int(m[2])
        return Span(value, date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "quarter")
    if m := _HALF.match(value):
        y, h = int(m[1]), int(m[2])
        return Span(value, date(y, 6 * h - 5, 1), _month_end(y, 6 * h), "quarter")
    if m := _YEAR.match(value):
        y = int(m[1])
        return Span(value, date(y, 1, 1), date(y, 12, 31), "year")
    if m := _DECADE.match(value):
        y = int(m[1]) * 10
        return Span(value, date(max(y, 1), 1, 1), date(y + 9, 12, 31), "decade")
    if m := _CENTURY.match(value):
        y = int(m[1]) * 100
        return Span(value, date(max(y, 1), 1, 1), date(y + 99, 12, 31), "century")
    return None


def date_problem(value: str) -> str:
    """Why ``value`` is not a usable date, for a person: "2020-02-30: February 2020 has 29 days"."""
    if m := re.match(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$", value.strip()):
        year, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            return f"'{value}' is not a real date: there is no month {month}"
        if m[3] is not None:
            days = calendar.monthrange(year, month)[1]
            if not 1 <= int(m[3]) <= days:
                month_name = MONTH_NAMES[month - 1]
                return f"'{value}' is not a real date: {month_name} {year} has {days} days"
    return (
        f"'{value}' is not a date: use YYYY-MM-DD, YYYY-MM, YYYY, YYYY-SU (season), "
        "YYYY-Q3 (quarter) or 201X (decade)"
    )


def is_valid_date_value(value: str) -> bool:
    """True when ``value`` is a TIMEX3 date value that names real days."""
    return span_of(value) is not None


def human_date(value: str, mod: str | None = None) -> str:
    """How a person writes a TIMEX3 value: "27 June 2016", "end of June 2016", "c. 2016"."""
    text = _human(value)
    if mod is None:
        return text
    prefix = {
        "START": "start of ",
        "EARLY": "early ",
        "MID": "mid-",
        "END": "end of ",
        "LATE": "late ",
        "APPROX": "c. ",
        "BEFORE": "before ",
        "AFTER": "after ",
        "ON_OR_BEFORE": "by ",
        "ON_OR_AFTER": "from ",
        "LESS_THAN": "less than ",
        "MORE_THAN": "more than ",
        "EQUAL_OR_LESS": "at most ",
        "EQUAL_OR_MORE": "at least ",
    }.get(mod, "")
    return prefix + text


def _human(value: str) -> str:
    span = span_of(value)
    if span is None:
        return value
    d = span.first
    match span.precision:
        case "day":
            return f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}"
        case "week":
            return f"week of {d.day} {MONTH_NAMES[d.month - 1]} {d.year}"
        case "month":
            return f"{MONTH_NAMES[d.month - 1]} {d.year}"
        case "season":
            return f"{SEASONS[value[-2:]][2]} {d.year}"
        case "quarter":
            return f"{value[-2:]} {d.year}"
        case "year":
            return str(d.year)
        case "decade":
            return f"the {span.first.year // 10 * 10}s"
        case "century":
            n = span.last.year // 100 + 1
            suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
            return f"the {n}{suffix} century"
    return value  # pragma: no cover - every precision is handled above
