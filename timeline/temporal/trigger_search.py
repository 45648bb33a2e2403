"""Where the triggers of a lower-cased text are, found in one pass of an Aho-Corasick automaton.

The automaton's keys are the trigger words, and each character a number trigger begins with
after each character that may stand before a word (anything but a letter a-z, a digit, "@",
"#" or "_"): a word is reported wherever it occurs and kept where a word begins and ends, and
a place where a number trigger may begin is reported only where a word begins there, so that
the digits inside a number and the letters of a Roman numeral inside a word ("i", "v", "x"
in every French sentence) cost nothing; a letter beyond ASCII next to a match ("éjune",
"marché") is a letter of the same word too, so the match is no trigger. The text is searched
as Latin-1 bytes, one byte a character so that the automaton's offsets are the text's (a
character beyond Latin-1 reads as "?": in no key, and no letter); a number trigger that
begins with a character beyond Latin-1 (a curly apostrophe) is looked for apart. A language
whose trigger words are not all Latin-1 is searched as text, every head character a key.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from ahocorasick_rs import AhoCorasick, BytesAhoCorasick, Implementation

# what may not stand before a trigger, and what may not follow a trigger word (nor may a
# letter beyond ASCII: _letter_at)
WORD_BEFORE = frozenset("abcdefghijklmnopqrstuvwxyz0123456789@#_")
_LETTER = frozenset("abcdefghijklmnopqrstuvwxyz")
_ANY_LETTER = re.compile(r"\w")
# the bytes that may stand before a word
_BEFORE_WORD = [bytes([b]) for b in range(256) if chr(b) not in WORD_BEFORE]
# the text's first character has nothing before it: one of these bytes is put before it
_START = b" "

NumberMatch = Callable[[str, int], re.Match[str] | None]


def _letter_at(low: str, i: int) -> bool:
    """True when ``low[i]`` is a letter beyond ASCII (so part of a word: "éjune", "marché")."""
    return 0 <= i < len(low) and low[i] > "\x7f" and _ANY_LETTER.match(low[i]) is not None


def _latin1(word: str) -> bool:
    return all(ord(c) < 256 for c in word)


class TriggerSearch:
    """The trigger words and the places where a number trigger may begin, of one language."""

    def __init__(self, words: Iterable[str], heads: set[str] | None, number: NumberMatch):
        self._words = sorted(words)
        self._number = number
        self._any_start = None if heads is not None else re.compile(r"(?<![a-z0-9@#_]).", re.S)
        head_chars = sorted(heads or ())
        self._bytes = all(map(_latin1, self._words))
        if self._bytes:
            narrow = [h for h in head_chars if _latin1(h)]
            wide = [h for h in head_chars if not _latin1(h)]
            keys = [w.encode("latin-1") for w in self._words]
            keys += [b + h.encode("latin-1") for h in narrow for b in _BEFORE_WORD]
            # a DFA: the fastest scan
            self._byte_finder = BytesAhoCorasick(keys, implementation=Implementation.DFA)
            self._wide = (
                re.compile(f"[{re.escape(''.join(wide))}](?<![a-z0-9@#_].)") if wide else None
            )
        else:
            keys_text = self._words + head_chars
            self._text_finder = AhoCorasick(keys_text, implementation=Implementation.DFA)

    def find(self, low: str) -> dict[int, str]:
        """Offset -> trigger (a word, or the text of a number trigger) of every place a trigger
        begins, the longest word at a place (as the trigger pattern's prefix tree takes it)."""
        at, numbers = self._reported_bytes(low) if self._bytes else self._reported_text(low)
        if self._any_start is not None:
            numbers += [m.start() for m in self._any_start.finditer(low)]
        if not low.isascii():  # a letter beyond ASCII before a number: the number is in a word
            numbers = [start for start in numbers if not _letter_at(low, start - 1)]
        match = self._number
        for start in numbers:
            if start not in at and (trigger := match(low, start)) is not None:
                at[start] = trigger[1]
        return at

    def _reported_bytes(self, low: str) -> tuple[dict[int, str], list[int]]:
        words, word_keys = self._words, len(self._words)
        n, wide = len(low), not low.isascii()
        at: dict[int, str] = {}
        numbers: list[int] = []
        # offsets in the bytes are one more than in the text
        haystack = _START + low.encode("latin-1", "replace")
        for k, start, end in self._byte_finder.find_matches_as_indexes(haystack, True):
            if k >= word_keys:
                numbers.append(start)  # the byte before the head: the head's offset in low
                continue
            start -= 1
            end -= 1
            if start and low[start - 1] in WORD_BEFORE:
                continue
            if wide and (_letter_at(low, start - 1) or _letter_at(low, end)):
                continue
            if end == n or low[end] not in _LETTER:
                word = words[k]
                if len(word) > len(at.get(start, "")):
                    at[start] = word
        if self._wide is not None and not low.isascii():
            numbers += [m.start() for m in self._wide.finditer(low)]
        return at, numbers

    def _reported_text(self, low: str) -> tuple[dict[int, str], list[int]]:
        n = len(low)
        keys, word_keys = self._words, len(self._words)
        at: dict[int, str] = {}
        numbers: list[int] = []
        for k, start, end in self._text_finder.find_matches_as_indexes(low, True):
            if (start and low[start - 1] in WORD_BEFORE) or _letter_at(low, start - 1):
                continue
            if k >= word_keys:
                numbers.append(start)
            elif (end == n or low[end] not in _LETTER) and not _letter_at(low, end):
                word = keys[k]
                if len(word) > len(at.get(start, "")):
                    at[start] = word
        return at, numbers
