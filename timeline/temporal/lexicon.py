"""Word lists of the tagger: months, weekdays, units, number words, and their TIMEX3 codes.

Everything here is lower case; the grammar scans a lower-cased copy of the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

MONTH_FULL = [k for k, _ in MONTHS.items() if len(k) > 4 or k in ("may", "june", "july")]
MONTH_ABBR = [k for k in MONTHS if k not in MONTH_FULL]

WEEKDAYS: dict[str, int] = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
    "sunday": 7, "mon": 1, "tue": 2, "tues": 2, "wed": 3, "thu": 4, "thur": 4, "thurs": 4,
    "fri": 5, "sat": 6, "sun": 7,
}  # fmt: skip
WEEKDAY_FULL = [k for k in WEEKDAYS if k.endswith("day")]
WEEKDAY_ABBR = [k for k in WEEKDAYS if not k.endswith("day")]

SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}  # fmt: skip

# Parts of the day and their TIMEX3 codes.
DAYPARTS: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
}  # fmt: skip

NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "single": 1, "half": 0, "dozen": 12,
}  # fmt: skip

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "1st": 1, "2nd": 2, "3rd": 3,
    "4th": 4, "5th": 5, "6th": 6, "7th": 7, "8th": 8, "9th": 9, "10th": 10, "11th": 11,
    "12th": 12, "13th": 13, "14th": 14, "15th": 15, "16th": 16, "17th": 17, "18th": 18,
    "19th": 19, "20th": 20, "21st": 21, "last": 4, "final": 4, "fourth-": 4,
}  # fmt: skip
ORDINALS = dict(sorted(ORDINALS.items(), key=lambda kv: -len(kv[0])))

# Units of durations: word -> TIMEX3 duration letter (T prefix for clock units).
UNITS: dict[str, str] = {
    "second": "TS", "minute": "TM", "hour": "TH", "day": "D", "night": "D", "week": "W",
    "weekend": "WE", "fortnight": "W2", "month": "M", "quarter": "Q", "year": "Y",
    "decade": "DE", "century": "CE", "centurie": "CE", "millennium": "ML", "millennia": "ML",
    "season": "S", "summer": "SU", "winter": "WI", "spring": "SP", "autumn": "FA",
}  # fmt: skip

SET_ADVERBS: dict[str, str] = {
    "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
    "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W",
    "semiannually": "P6M", "biannually": "P6M",
}  # fmt: skip

# Words that stand for a reference to the present, past or future.
REFS: dict[str, str] = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "presently": "PRESENT_REF", "the present": "PRESENT_REF",
    "right now": "PRESENT_REF", "just now": "PRESENT_REF", "these days": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "lately": "PAST_REF",
    "previously": "PAST_REF", "the past": "PAST_REF", "formerly": "PAST_REF",
    "the future": "FUTURE_REF", "future": "FUTURE_REF", "soon": "FUTURE_REF",
    "the near future": "FUTURE_REF", "the distant past": "PAST_REF",
    "the recent past": "PAST_REF", "more recently": "PAST_REF", "most recently": "PAST_REF",
    "until recently": "PAST_REF", "the foreseeable future": "FUTURE_REF",
    "as soon as possible": "FUTURE_REF", "a later date": "FUTURE_REF",
}  # fmt: skip

TIMEZONES = [
    "est",
    "edt",
    "cst",
    "cdt",
    "mst",
    "mdt",
    "pst",
    "pdt",
    "gmt",
    "utc",
    "bst",
    "cet",
    "cest",
    "jst",
    "ist",
    "et",
    "ct",
    "pt",
]


def words(*chunks: str) -> frozenset[str]:
    """The set of space-separated words in ``chunks``."""
    return frozenset(" ".join(chunks).split())


def alternation(words: Iterable[str]) -> str:
    """A regex alternation matching any of ``words``, longest first (so no prefix wins)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


_NUMBER_PARTS = re.compile(r"[\s-]+")
_FRACTION = re.compile(r"\d+/\d+")
_DECIMAL = re.compile(r"\d+(?:\.\d+)?")
_HUNDRED = re.compile(r"^hundred(?:\s+and)?\s+")


def number_value(word: str) -> float | None:
    """The numeric value of a count written in digits or words ("17", "twenty-five", "2 1/2")."""
    word = word.strip().replace(",", "")
    if not word:
        return None
    try:
        return float(word)
    except ValueError:
        pass
    total = 0.0
    current = 0.0
    seen = False
    for part in _NUMBER_PARTS.split(word):
        if part in ("and", "a", "an") and seen:
            continue
        if _FRACTION.fullmatch(part):
            num, den = part.split("/")
            current += int(num) / int(den)
            seen = True
            continue
        if _DECIMAL.fullmatch(part):
            current += float(part)
            seen = True
            continue
        if part == "half":
            current += 0.5
            seen = True
            continue
        n = NUMBERS.get(part)
        if n is None:
            return None
        seen = True
        if n == 100:
            current = max(current, 1) * 100
        elif n == 1000:
            total += max(current, 1) * 1000
            current = 0
        else:
            current += n
    return total + current if seen else None


def spelled_year(words: str) -> int | None:
    """The year written in ``words``: "nineteen ninety-six", "two thousand and one"."""
    words = words.strip()
    if words.startswith("two thousand"):
        rest = number_value(words[len("two thousand") :].replace("and", " ").strip() or "0")
        return None if rest is None or rest >= 100 else 2000 + int(rest)
    head, _, tail = words.partition(" ")
    if head.split("-")[0] not in ("nineteen", "twenty"):
        return None
    century = 19 if head.startswith("nineteen") else 20
    tail = _HUNDRED.sub("", tail).replace("oh", "").strip()
    n = number_value(tail)
    if n is None or n >= 100:
        return None
    return century * 100 + int(n)


def trie_regex(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` factored as a prefix tree (fast to scan)."""
    return _emit(_trie(words))


def trie_branches(words: Iterable[str]) -> list[str]:
    """The prefix tree of ``words`` as one regex per first letter (no word may be empty)."""
    root = _trie(words)
    assert "" not in root
    return [re.escape(ch) + _emit(root[ch]) for ch in sorted(root)]  # type: ignore[arg-type]


def _trie(words: Iterable[str]) -> dict[str, dict[str, object]]:
    root: dict[str, dict[str, object]] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})  # type: ignore[assignment]
        node[""] = {}
    return root


def _emit(node: dict[str, dict[str, object]]) -> str:
    ends = "" in node
    alts = [re.escape(ch) + _emit(node[ch]) for ch in sorted(k for k in node if k)]  # type: ignore[arg-type]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    if ends:
        return "(?:" + body + ")?"
    return body
