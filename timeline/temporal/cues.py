"""Tense cues of a language read through a rewrite (see rewrite.py).

The English tagger reads the tense of a clause from English words. Another language's file
lists its own cues in ``[tense]``: ``future`` and ``past`` words ("wird", "sera", "fue") and
the endings that mark a tense on any verb (``future_endings``: Spanish and Portuguese "-rá",
Italian "-rà"; ``past_endings``: Spanish "-ó", Portuguese "-ou"). The nearest cue in the
sentence decides which way an underspecified date points: "dimanche", said on a Tuesday,
is the Sunday before unless the clause speaks of the future ("aura lieu dimanche").
"""

from __future__ import annotations

import re
from functools import cache

from .language import Language, load

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
_STOP = re.compile(r"[.!?;\n]")
# the last of them before the end of the searched part
_LAST_STOP = re.compile(r"[.!?;\n](?=[^.!?;\n]*\Z)")
# what may stand at either end of a blank-separated token and is no part of a word
_EDGES = (
    "0123456789.,;:!?\"'()[]{}<>-/%$*#@&+=_|"
    "\u00ab\u00bb\u201c\u201d\u2018\u2019\u2013\u2014\u20ac\u00a3"
)
# A verb ending counts only on a word at least this long ("sera" by its word, not "-ra").
_MIN_ENDING_WORD = 5
_BEFORE = 120
# at most this many words' cues are kept (a corpus has many more distinct words)
_KNOWN_WORDS = 50_000
_AFTER = 60


class Cues:
    """The tense cues of one language."""

    def __init__(self, lang: Language) -> None:
        tense = lang.tense
        self.future = frozenset(tense.get("future", ()))
        self.past = frozenset(tense.get("past", ()))
        self.future_endings = tuple(tense.get("future_endings", ()))
        self.past_endings = tuple(tense.get("past_endings", ()))
        self._known: dict[str, int] = {}

    def of_word(self, word: str) -> int:
        """+1 for a future cue, -1 for a past one, 0 for none."""
        if word in self.future:
            return 1
        if word in self.past:
            return -1
        if len(word) >= _MIN_ENDING_WORD:
            if word.endswith(self.future_endings):
                return 1
            if word.endswith(self.past_endings):
                return -1
        return 0

    def tense(self, low: str, start: int, end: int) -> int:
        """+1 when the nearest cue of the sentence around ``low[start:end]`` points forward,
        -1 back, 0 when the sentence has none."""
        lo = max(0, start - _BEFORE)
        stop = _LAST_STOP.search(low, lo, start)
        before = _words(low[stop.end() if stop else lo : start])
        before.reverse()
        back, back_at = self._nearest(before)
        if back != 0 and back_at == 0:
            return back  # the word right before: nothing after is nearer
        stop = _STOP.search(low, end, end + _AFTER)
        after = _words(low[end : stop.start() if stop else end + _AFTER])
        ahead, ahead_at = self._nearest(after)
        if back == 0 or (ahead != 0 and ahead_at < back_at):
            return ahead
        return back

    def _nearest(self, words: list[str]) -> tuple[int, int]:
        """The first cue of ``words`` and its place (0 and -1 when there is none), each
        word's cue looked up once per process."""
        known = self._known
        for k, word in enumerate(words):
            cue = known.get(word)
            if cue is None:
                cue = self.of_word(word)
                if len(known) < _KNOWN_WORDS:
                    known[word] = cue
            if cue:
                return cue, k
        return 0, -1


def _words(region: str) -> list[str]:
    """The words of ``region`` (``_WORD``), most of them told by splitting at blanks: a token
    that is letters once its edges are stripped is one word."""
    words: list[str] = []
    for token in region.split():
        if token.isalpha():
            words.append(token)
        elif (bare := token.strip(_EDGES)).isalpha():
            words.append(bare)
        else:
            words += _WORD.findall(token)
    return words


@cache
def cues_for(code: str) -> Cues:
    """The tense cues of language ``code`` (built once)."""
    return Cues(load(code))
