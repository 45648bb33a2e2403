"""Readers of amounts of time: durations, sets (recurrences), references, spelled-out years."""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import (
    DAYPARTS,
    ENGLISH,
    NUMBERS,
    SEASONS,
    SET_ADVERBS,
    WEEKDAYS,
    number_value,
    spelled_year,
    words,
)
from .reading import (
    _AND_A_HALF,
    _CLOCK_UNITS,
    _DAYPART_RX,
    _DUR_ADJ,
    _NEAR_TERM,
    _PAST_REF_WORD,
    _PLURAL_END,
    _RECENT_PLURAL,
    _SEASON_WORD,
    _THE_YEAR_PREFIX,
    _UNIT_CODE,
    _UNIT_RX,
    _WD_RX,
    UNIT_STEM,
    Context,
    Reading,
    _month_of,
    approx_mod,
)


@lru_cache(maxsize=4096)
def duration_value(count: float | None, unit_word: str) -> str:
    """P3M, PT2H, PXY, P1.5Y..."""
    code = _UNIT_CODE[unit_word]
    t = "T" if unit_word in _CLOCK_UNITS else ""
    if code in ("DE", "CE", "ML") and count is not None:
        count *= {"DE": 10, "CE": 100, "ML": 1000}[code]
        code = "Y"
    if code == "WE":  # a weekend lasts two days
        count = None if count is None else count * 2
        code = "D"
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
    rf"(?:{UNIT_STEM})"
)


_VAGUE = re.compile(r"\b(?:few|several|couple|number|many|some|dozens|hundreds|thousands)\b")


_COUPLE = re.compile(r"\ba\s+couple\b|\bcouple\s+of\b")


_DIGITS = re.compile(r"(\d+(?:\.\d+)?)(?:\s(\d)/(\d))?|(\d)/(\d)")


_COUNT_WORD = re.compile(r"[a-z]+")


_COUNT_ADJECTIVES = words(
    "more additional full straight consecutive extra trading business working calendar school"
)


# Number words that count one but before another number word are its article ("a dozen").
_ARTICLES = frozenset(
    w for w in ENGLISH.exclusions["not_counts"] if NUMBERS.get(w) == 1 and w != "single"
)


@lru_cache(maxsize=4096)
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
            if w in _COUNT_ADJECTIVES and not tail:
                continue
            if w not in NUMBERS and w != "and":
                break
            tail.insert(0, w)
        while len(tail) > 1 and tail[0] in _ARTICLES:
            tail.pop(0)  # "a single day", "a dozen years": the article counts nothing
        if not tail:
            return None, False
        value = number_value(" ".join(tail))
        if "half" in tail:  # "one and a half years": the half is in the count
            return value, value is not None
    if value is not None and "and a half" in low:
        value += 0.5
    return value, value is not None


# The commonest shape, read without the general path: a count in digits or one number word,
# then a unit ("17 months", "three-year"); what the general path reads from it, for less.
_SIMPLE_NUMBER = {w: float(n) for w, n in NUMBERS.items() if 2 <= n <= 90}
_SIMPLE_UNITS = [s for s, (_, plural) in ENGLISH.units.items() if plural == s + "s"]
_SIMPLE_DURATION = re.compile(
    r"([0-9]+|" + "|".join(sorted(_SIMPLE_NUMBER, key=len, reverse=True)) + r")[\s-]"
    r"(" + "|".join(_SIMPLE_UNITS) + ")s?"
)


def read_duration(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """Durations: "five years", "17-month", "the past three months", "several weeks"."""
    simple = _SIMPLE_DURATION.fullmatch(low)
    if simple is not None:
        count = _SIMPLE_NUMBER.get(simple[1]) or float(simple[1])
        return Reading("DURATION", duration_value(count, simple[2]), None)
    return _read_duration(low)


def _read_duration(low: str) -> Reading | None:
    m = _UNIT_RX.search(low.split("-long")[0])
    if m is None:
        return None
    unit_word = m[1]
    if _RECENT_PLURAL.fullmatch(low):
        return Reading("DATE", "PAST_REF")
    count, given = count_of(low[: m.end()])
    if count is not None and _AND_A_HALF.search(low) and count == int(count):
        count += 0.5
    plural = bool(_PLURAL_END.search(low))
    if not given and not plural and low.endswith("-long"):
        count, given = 1.0, True  # "a day-long meeting"
    if not given and not plural and not _DUR_ADJ.search(low):
        return None
    if not given:
        count = None if plural else 1.0
    value = duration_value(count, unit_word)
    mod = approx_mod(low)
    return Reading("DURATION", value, mod)


def read_set(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """Sets: "every Tuesday", "daily", "each July", "every two years", "Tuesdays"."""
    word = low.strip()
    if word in SET_ADVERBS:
        return Reading("SET", SET_ADVERBS[word])
    if word.endswith("weekend") and "other" not in word:
        return Reading("SET", "XXXX-WXX-WE")
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
        return Reading("SET", f"XXXX-XX-XXT{DAYPARTS[part[1]]}")
    season = _SEASON_WORD.search(low)
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


def read_ref(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """now, currently, recently, the past, the future..."""
    if "future" in low or "soon" in low or "later" in low or _NEAR_TERM.search(low):
        return Reading("DATE", "FUTURE_REF")
    if _PAST_REF_WORD.search(low) or low.startswith("then"):  # "the then current price"
        return Reading("DATE", "PAST_REF")
    return Reading("DATE", "PRESENT_REF")


def read_spelled(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """Years in words: "nineteen ninety-six", "the year two thousand"."""
    year = spelled_year(_THE_YEAR_PREFIX.sub("", low))
    return None if year is None else Reading("DATE", f"{year:04d}")


def read_wdset(low: str, start: int, end: int, ctx: Context) -> Reading | None:
    """Recurring weekday parts: "Tuesday nights" -> XXXX-WXX-2TNI."""
    return read_set(low.replace("mornings", "morning").replace("nights", "night"), start, end, ctx)
