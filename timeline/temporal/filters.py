"""Look-alike rejection: spans the grammar matched that are not temporal expressions.

Modal "may", the verb "march", "Theresa May", "a second round", "we will one day", the
verb "fall", "the current" (a flow), years that are counts ("2000 people")...
The checks read the original text (for capitals) around the span.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from .lexicon import ENGLISH, MONTHS, SEASONS, WEEKDAYS, trie_regex

_EXCLUDE = ENGLISH.exclusions


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


_MONTH_WORD = re.compile(r"(?<![a-z])(" + _alternation(MONTHS) + r")(?![a-z])")
_MONTH_NAMES = frozenset(MONTHS)
_ABBR_WD = re.compile(r"(?<![a-z])(" + _alternation(ENGLISH.weekday_abbreviations) + r")\.")
_PREP = frozenset(_EXCLUDE["before_month"])
_MONTH_VERBS = frozenset(_EXCLUDE["month_verbs"])
_DAY_COUNT_PREV = frozenset(_EXCLUDE["before_day_count"])
_DAY_COUNT_NEXT = frozenset(_EXCLUDE["after_day_count"])
_PREV_WORD = re.compile(r"([a-z-]+)[\s,]*$")
_COUNT_NOUN = re.compile(r"\s+(?:" + _alternation(_EXCLUDE["count_nouns"]) + r")\b")
_A_SECOND = re.compile(r"(?:an?|the)\s+second")
_ONE_DAY = re.compile(r"(?:one|a)\s+day")
_NEXT_WORD = re.compile(r"\s+([a-z]+)")
_BARE_QUARTER = re.compile(r"(?:the\s+)?quarters?|.*\w-quarters?")
_VAGUE_COUNT = re.compile(r"(?:some|many|few)\s+\w+")
_RATE_BEFORE = re.compile(r"(?:[0-9]|[a-z]s)[\s,]*$")
_FULL_MONTHS = frozenset(ENGLISH.months)
_BEFORE_SEASON = frozenset(_EXCLUDE["before_season"])
_THE_SEASON = re.compile(r"the\s+(?:fall|spring)")
_OF_NOT_YEAR = re.compile(r"\s+of\s+(?!\d)")
_CURRENT_NOUN_END = re.compile(r"\s*(?:[.,;:)]|of\b|and\b|$)")
_CURRENT_NOUN = re.compile(r"\s+(?:" + _alternation(_EXCLUDE["current_nouns"]) + r")\b")
_GRAMMAR_TENSE = re.compile(r"\s+(?:tense|perfect)\b")


_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz-")


def _prev_word(low: str, start: int) -> str:
    """The word before ``start`` past spaces and commas (within 30 characters), or "": what
    ``_PREV_WORD.search(low, start - 30, start)`` finds, without the regex engine."""
    lo = max(0, start - 30)
    j = start
    while j > lo and (low[j - 1] == "," or low[j - 1].isspace()):
        j -= 1
    i = j
    while i > lo and low[i - 1] in _WORD_CHARS:
        i -= 1
    return low[i:j]


def _months_capitalised(text: str, low: str, start: int, end: int) -> bool:
    if low[start:end] in _MONTH_NAMES:  # a bare month name, the commonest
        return text[start].isupper()
    return all(text[m.start()].isupper() for m in _MONTH_WORD.finditer(low, start, end))


def _check_date(text: str, low: str, start: int, end: int) -> bool:
    if not _months_capitalised(text, low, start, end):
        return False
    span = low[start:end]
    if span in _FULL_MONTHS:
        prev = _prev_word(low, start)
        if span in _MONTH_VERBS and prev not in _PREP:
            return False
        after = text[end : end + 2]
        if prev not in _PREP and len(after) == 2 and after[0] == " " and after[1].isupper():
            return False
    return True


def _check_duration(text: str, low: str, start: int, end: int) -> bool:
    span = low[start:end]
    # (each pattern is tried only when the span ends or begins as it must for a match)
    if span.endswith("second") and _A_SECOND.fullmatch(span):
        return False
    if span.endswith("day") and _ONE_DAY.fullmatch(span):
        prev = _prev_word(low, start)
        nxt = _NEXT_WORD.match(low, end, end + 12)
        rate = span.startswith("a ") and _RATE_BEFORE.search(low, max(0, start - 12), start)
        if prev not in _DAY_COUNT_PREV and not (nxt and nxt[1] in _DAY_COUNT_NEXT) and not rate:
            return False
    if span.endswith(("quarter", "quarters")) and _BARE_QUARTER.fullmatch(span):
        return False
    if not span.startswith(("some", "many", "few")):
        return True
    return not _VAGUE_COUNT.fullmatch(span) or span.endswith("s")


def _check_year(text: str, low: str, start: int, end: int) -> bool:
    if _COUNT_NOUN.match(low, end):
        return False
    prev = text[max(0, start - 1) : start]
    return prev not in ("$", "£", "€", "#", "№")


def _check_season(text: str, low: str, start: int, end: int) -> bool:
    span = low[start:end]
    if span in SEASONS:
        return _prev_word(low, start) in _BEFORE_SEASON
    if _THE_SEASON.fullmatch(span):
        return not _OF_NOT_YEAR.match(low[end : end + 8])
    return True


# "soon" after or before these is no reference to the future: "as soon as", "soon after",
# "was soon released", "soon became".
_NOT_SOON = frozenset(_EXCLUDE["around_soon"])
_WORD_AFTER = re.compile(r"\s+([a-z]+)")


def _check_soon(low: str, start: int, end: int) -> bool:
    prev = _prev_word(low, start)
    nxt = _WORD_AFTER.match(low, end, end + 16)
    after = nxt[1] if nxt else ""
    for word in (prev, after):
        if word in _NOT_SOON or (len(word) > 4 and word.endswith("ed")):
            return False
    return True


def _check_ref(text: str, low: str, start: int, end: int) -> bool:
    span = low[start:end]
    if span == "soon":
        return _check_soon(low, start, end)
    if span == "current":
        prev = _prev_word(low, start)
        nxt = low[end : end + 12]
        if prev in ("the", "a", "an") and _CURRENT_NOUN_END.match(nxt):
            return False
        if _CURRENT_NOUN.match(nxt):
            return False
    return not (span == "future" and _GRAMMAR_TENSE.match(low[end : end + 10]))


def _check_weekday(text: str, low: str, start: int, end: int) -> bool:
    """Drop weekdays that name things: "the Monday Club", "Black Friday Sale"."""
    after = text[end : end + 2]
    named = len(after) == 2 and after[0] == " " and after[1].isupper()
    if named and _prev_word(low, start) == "the" and not _MONTH_WORD.match(low, end + 1):
        return False
    return text[start].isupper() or not low[start:end].isalpha() or low[start] in "lnte"


def _abbr_capitalised(text: str, low: str, start: int, end: int) -> bool:
    if low.find(".", start, end) < 0:  # no abbreviation without its full stop
        return True
    return all(text[m.start()].isupper() for m in _ABBR_WD.finditer(low, start, end))


def _check_time_or_set(text: str, low: str, start: int, end: int) -> bool:
    return _months_capitalised(text, low, start, end) and _abbr_capitalised(text, low, start, end)


def _check_date_kind(text: str, low: str, start: int, end: int) -> bool:
    return _check_date(text, low, start, end) and _abbr_capitalised(text, low, start, end)


def _check_weekday_kind(text: str, low: str, start: int, end: int) -> bool:
    return _check_weekday(text, low, start, end) and _abbr_capitalised(text, low, start, end)


# Names that are capitalised wherever they stand: months, weekdays, named days.
_PROPER_FIRST = re.compile(
    "(?:"
    + trie_regex(
        {*MONTHS, *WEEKDAYS}
        | {h.name.split()[0].replace("'s", "").replace("'", "") for h in ENGLISH.holidays}
    )
    + ")"
)
_FIRST_LETTER = re.compile(r"[^\W\d_]")
_BEFORE_OPENING = " \t\"'`\u201c\u2018("


def _named(text: str, low: str, start: int, end: int) -> bool:
    """True when a common time word is capitalised inside a sentence, as in a name or a
    title: ABC's "This Week", "60 Minutes", "VOA Today", "High Noon"."""
    first = text[start]
    if first.islower():  # the common case
        return False
    span = text[start:end]
    letter = _FIRST_LETTER.search(span) if not first.isalpha() else None
    at = start if letter is None else start + letter.start()  # "10:30 Tuesday": its weekday
    if not text[at].isupper() or _PROPER_FIRST.match(low, at):
        return False
    if span.isupper():  # a headline in capitals
        return False
    j = start - 1
    quoted = False
    while j >= 0 and text[j] in _BEFORE_OPENING:
        quoted = quoted or text[j] not in " \t"
        j -= 1
    if j < 0 or text[j] in ".!?:;\n-_>":  # the sentence starts here
        return False
    if quoted:  # quoted speech opens with a capital; a title in quotes is in title case
        words = span.split()
        return len(words) > 1 and all(w[0].isupper() for w in words if w[0].isalpha())
    return not _title_case_line(text, start, end)


_LINE_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")


def _title_case_line(text: str, start: int, end: int) -> bool:
    """True when the line around the span is a heading with every word capitalised."""
    lo = text.rfind("\n", max(0, start - 200), start)
    lo = max(0, start - 200) if lo < 0 else lo + 1
    hi = text.find("\n", end, end + 200)
    line = text[lo : hi if hi >= 0 else end + 200]
    return all(w[0].isupper() for w in _LINE_WORD.findall(line))


def _not_named(
    check: Callable[[str, str, int, int], bool] | None,
) -> Callable[[str, str, int, int], bool]:
    def combined(text: str, low: str, start: int, end: int) -> bool:
        if _named(text, low, start, end):
            return False
        return check is None or check(text, low, start, end)

    return combined


def _check_quarter(text: str, low: str, start: int, end: int) -> bool:
    """Drop the second half of "quarter-to-quarter" (a comparison, like "day-to-day")."""
    return not low.startswith("-to-", max(0, start - 4))


CHECKS = {
    "date": _check_date_kind,
    "time": _not_named(_check_time_or_set),
    "set": _not_named(_check_time_or_set),
    "weekday": _check_weekday_kind,
    "dur": _not_named(_check_duration),
    "year": _check_year,
    "season": _not_named(_check_season),
    "ref": _not_named(_check_ref),
    "relday": _not_named(None),
    "relunit": _not_named(None),
    "ago": _not_named(None),
    "half": _not_named(None),
    "quarter": _check_quarter,
}
