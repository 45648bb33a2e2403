"""Dates written out where a date is expected: a ``published:`` value ("le 3 mars 2020",
"March 3rd, 2020", "3. März 2020"), a ``--from`` bound of ``suggest``.

Read with dateparser, which knows the month names and date orders of some 200 locales, at
the precision written: a day stays a day, "März 2020" is the month ``2020-03``, "2020" the
year; a string without a year, or a relative one ("yesterday": relative to when?), is no
date. This is the run-time importer of dateparser (the tagger's vocabularies are seeded from
its data by tools/seed_languages.py and never read it at run time); it is imported only
when such a string has to be read.
"""

from __future__ import annotations

import re
import warnings
from datetime import datetime
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from .anchor import day_value, week_value
from .language import available, codes, load

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

SETTINGS: dict[str, Any] = {
    "RETURN_TIME_AS_PERIOD": True,  # "3 March 2020 14:05" is the day, at day precision
    "PREFER_DAY_OF_MONTH": "first",  # a month is read as its month: the day is dropped
    "REQUIRE_PARTS": ["year"],  # no year is taken from today
    "PARSERS": ["custom-formats", "absolute-time"],  # no relative dates, no timestamps
}


def read_date_string(
    text: str, language: str | None = None, *, day_first: bool | None = None
) -> str | None:
    """The TIMEX3 value of a date written out, or None when ``text`` is none.

    ``language`` (a code such as "fr" or "fr-CA") is tried first, then the languages the
    tagger reads; ``day_first`` settles 03/04/2020 (else the language's own order).

    >>> read_date_string("le 3 mars 2020"), read_date_string("März 2020")
    ('2020-03-03', '2020-03')
    """
    return _read(text.strip(), _code(language), day_first)


def _code(language: str | None) -> str | None:
    if not language:
        return None
    return language.replace("_", "-").split("-", 1)[0].lower() or None


@lru_cache(maxsize=4096)
def _read(text: str, language: str | None, day_first: bool | None) -> str | None:
    if not text or not any(c.isdigit() for c in text):
        return None  # every date read here has a year
    if day_first is None and language is not None and available(language):
        day_first = load(language).day_first  # its order, whichever locale reads the rest
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # dateparser's own deprecation noise
        data = _parser(_languages(language), day_first).get_date_data(text)
    if data.date_obj is None or not _year_written(text, data.date_obj.year):
        return None
    return _value(data.date_obj, data.period or "day")


def _year_written(text: str, year: int) -> bool:
    """True when ``text`` writes ``year``: in full, or as the two digits that end a numeric
    date ("3/4/20"); dateparser takes a year from a day or an hour ("12 de mayo", "29
    luglio, 20:18") when the text has none."""
    if str(year) in text:
        return True
    return re.search(rf"[0-9][./-]{year % 100:02d}(?![0-9])", text) is not None


def _value(when: datetime, period: str) -> str:
    if period == "year":
        return f"{when.year:04d}"
    if period == "month":
        return f"{when.year:04d}-{when.month:02d}"
    if period == "week":
        return week_value(when.date())
    return day_value(when.date())


@cache
def _known(code: str) -> bool:
    """True when dateparser has a locale for ``code``."""
    from dateparser.languages.loader import LocaleDataLoader

    try:
        next(LocaleDataLoader().get_locale_map(languages=[code]).__iter__(), None)
    except ValueError:
        return False
    return True


def _languages(language: str | None) -> tuple[str, ...]:
    ours = tuple(codes())
    if language is None or language in ours or not _known(language):
        first = (language,) if language in ours else ()
        return first + tuple(c for c in ours if c != language)
    return (language, *ours)


@cache
def _parser(languages: tuple[str, ...], day_first: bool | None) -> DateDataParser:
    from dateparser.date import DateDataParser

    settings = dict(SETTINGS)
    if day_first is not None:
        settings["DATE_ORDER"] = "DMY" if day_first else "MDY"
    return DateDataParser(languages=list(languages), settings=settings, use_given_order=True)
