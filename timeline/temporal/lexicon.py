"""The English vocabulary of the readers (from lang/en.toml), number words, prefix trees.

Everything here is lower case; the grammar scans a lower-cased copy of the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .language import load

ENGLISH = load("en")

MONTHS: dict[str, int] = ENGLISH.all_months
WEEKDAYS: dict[str, int] = ENGLISH.all_weekdays
SEASONS: dict[str, str] = ENGLISH.seasons
DAYPARTS: dict[str, str] = ENGLISH.dayparts
NUMBERS: dict[str, int] = ENGLISH.numbers
ORDINALS: dict[str, int] = ENGLISH.ordinals  # longest first
SET_ADVERBS: dict[str, str] = ENGLISH.set_adverbs
DECADE_WORDS: dict[str, int] = ENGLISH.decade_words
# every written form of a unit -> its singular, and the singular -> its TIMEX3 unit code
UNIT_FORMS: dict[str, str] = ENGLISH.unit_forms
UNIT_CODES: dict[str, str] = {singular: code for singular, (code, _) in ENGLISH.units.items()}
CLOCK_UNITS = frozenset(("second", "minute", "hour"))


def words(*chunks: str) -> frozenset[str]:
    """The set of space-separated words in ``chunks``."""
    return frozenset(" ".join(chunks).split())


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
