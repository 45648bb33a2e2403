"""A comparison baseline: dateparser's ``search_dates`` used as a tagger.

Only the benchmark uses it, to measure how much faster (and, in tests, how much more precise)
the tagger is. It is not a detector to build on: it reads "we" as a Wednesday and "32% of" as
the year 1932. Every hit becomes a DATE at day precision, since ``search_dates`` fills in the
parts of a date it did not read.
"""

from __future__ import annotations

import warnings
from datetime import datetime

from dateparser.search import search_dates

from ..dates import span_of
from ..errors import EvalError
from .timex import Timex


def _relative_base(dct: str) -> datetime:
    span = span_of(dct.split("T", 1)[0])
    if span is None:
        raise EvalError(f"not a TIMEX3 date value: {dct!r}")
    first = span.first
    return datetime(first.year, first.month, first.day)


def search_dates_baseline(text: str, dct: str) -> list[Timex]:
    """Tag ``text`` with dateparser's ``search_dates`` (English, relative to ``dct``).

    Each returned substring is located in ``text`` after the previous one, giving offsets.
    """
    settings = {"RELATIVE_BASE": _relative_base(dct)}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # dateparser's own deprecation noise
        found = search_dates(text, languages=["en"], settings=settings) or []
    out: list[Timex] = []
    cursor = 0
    for substring, when in found:
        start = text.find(substring, cursor)
        if start < 0 or not substring:
            continue
        end = start + len(substring)
        value = when.strftime("%Y-%m-%d")
        out.append(Timex(start=start, end=end, text=substring, type="DATE", value=value))
        cursor = end
    return out
