"""Normalisation: from a matched span to a TIMEX3 type, value and mod.

Each kind of the grammar has one reader (in calendar_readers, relative and amounts). A reader
gets the lower-cased span and a context that hands out anchors (publication date, narrative
date, previous mention) and tense cues.
"""

from __future__ import annotations

from .amounts import read_duration, read_ref, read_set, read_spelled, read_wdset
from .calendar_readers import (
    read_century,
    read_date,
    read_decade,
    read_half,
    read_holiday,
    read_monthday,
    read_named,
    read_nth_weekday,
    read_numeric,
    read_quarter,
    read_season,
    read_year,
)
from .reading import Anchor, Context, Reading, pure
from .relative import read_ago, read_relday, read_relunit, read_time, read_weekday

READERS = {
    "named": pure(read_named),
    "spelled": pure(read_spelled),
    "wdset": pure(read_wdset),
    "numeric": read_numeric,
    "time": read_time,
    "quarter": read_quarter,
    "half": read_half,
    "century": pure(read_century),
    "date": read_date,
    "nthday": read_nth_weekday,
    "monthday": read_monthday,
    "relday": read_relday,
    "ago": read_ago,
    "relunit": read_relunit,
    "season": read_season,
    "dur": pure(read_duration),
    "decade": pure(read_decade),
    "year": pure(read_year),
    "weekday": read_weekday,
    "set": pure(read_set),
    "holiday": read_holiday,
    "ref": pure(read_ref),
}

__all__ = ["READERS", "Anchor", "Context", "Reading"]
