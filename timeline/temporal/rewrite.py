"""How a match in another language reaches the readers, which read English phrases.

A language file may say, in its ``[reading]`` table, how its phrases read in English: rules
(a regular expression and its replacement, applied in order to the lower-cased match), then
its words or phrases replaced by their English counterparts ("märz" -> "march"; "vor drei
jahren" -> rule -> "drei jahren ago" -> words -> "three years ago"). The words a rule
writes are English already and are left alone by the word table. Only the phrase handed to
the reader changes: offsets, extent and text stay the document's own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache
from re import _constants, _parser  # type: ignore[attr-defined]

from ahocorasick_rs import AhoCorasick, Implementation

from .language import Language, load
from .lexicon import trie_regex

Rewrite = Callable[[str], str]
_SPACES = re.compile(r"\s+")
_GROUP_REF = re.compile(r"\\(?:g<([0-9]+)>|([0-9]+))")


def _writer(repl: str) -> str | Callable[[re.Match[str]], str]:
    """A rule's replacement: the groups it copies (``\\1``, ``\\g<1>``; "" for a group that
    matched nothing) and its own words in capitals, so that the word table leaves the English
    a rule wrote alone (the phrase is lower-cased again at the end); a replacement that copies
    no group is the string itself, which ``re.sub`` writes without calling back."""
    template = ""
    done = 0
    for ref in _GROUP_REF.finditer(repl):
        template += _braced(repl[done : ref.start()].upper()) + f"{{{int(ref[1] or ref[2]) - 1}}}"
        done = ref.end()
    if done == 0 and "\\" not in repl:
        return repl.upper()
    template += _braced(repl[done:].upper())
    return lambda m: template.format(*m.groups(""))


def _braced(text: str) -> str:
    """``text`` as the literal part of a format string."""
    return text.replace("{", "{{").replace("}", "}}")


class _Words:
    """The word table: at each word, the longest listed phrase that ends at a word's end,
    replaced by its English (a word is a run of letters and digits with its inner
    apostrophes and hyphens: "aujourd'hui", "après-midi"; the words of a phrase are one space
    apart, as the rewrite leaves them)."""

    def __init__(self, words: dict[str, str]) -> None:
        self.words = {" ".join(k.split()): v for k, v in words.items()}
        listed = trie_regex(self.words) if self.words else "(?!)"
        self.find = re.compile(
            r"(?<![^\W_])(?<![^\W_]['-])(?:" + listed + r")(?![^\W_])(?!['-][^\W_])"
        )

    def __call__(self, phrase: str) -> str:
        return self.find.sub(self._english, phrase)

    def _english(self, m: re.Match[str]) -> str:
        return self.words[m[0]]


def _needs(items: list[tuple[object, object]]) -> tuple[str, ...]:
    """Strings of which a match of the parsed sequence ``items`` holds at least one (the
    longest run of characters it spells outside any choice, not blanks alone: "de", " y ",
    ":", "l'"), or () when there is none."""
    c = _constants
    best: tuple[str, ...] = ()
    run = ""
    for op, arg in [*items, (None, None)]:
        if op is c.LITERAL:
            run += chr(arg)  # type: ignore[arg-type]
            continue
        if len(run) > min(map(len, best), default=0) and not run.isspace():
            best = (run,)
        run = ""
        if op is c.SUBPATTERN:
            inner = _needs(arg[3].data)  # type: ignore[index]
            if inner and min(map(len, inner)) > min(map(len, best), default=0):
                best = inner
        elif op is c.BRANCH:
            options = [_needs(branch.data) for branch in arg[1]]  # type: ignore[index]
            if all(options) and not best:
                best = tuple(s for option in options for s in option)
    return best


def _guarded(rx: str) -> tuple[str, ...]:
    try:
        return _needs(_parser.parse(rx).data)
    except re.error:
        return ()


class _Rules:
    """The rules, in order, each tried only on a phrase that holds one of the strings a match
    of it needs (``_needs``): one scan of the phrase for every rule's strings tells which
    rules can match, and a rule that changed the phrase has it scanned again for the rules
    after it."""

    def __init__(self, rules: tuple[tuple[str, str], ...]) -> None:
        self.rules = [(re.compile(rx), _writer(repl)) for rx, repl in rules]
        # each string -> the rules (a bit each, in order) that need it; a rule's own words are
        # in capitals in the phrase once it has written them
        self.needed_by: dict[str, int] = {}
        self.unguarded = 0
        for k, (rx, _) in enumerate(rules):
            needs = _guarded(rx)
            if not needs:
                self.unguarded |= 1 << k
            for need in needs + tuple(map(str.upper, needs)):
                self.needed_by[need] = self.needed_by.get(need, 0) | 1 << k
        # one pass of an automaton reports every place each string occurs at
        self.needs = list(self.needed_by)
        self.bits_of = [self.needed_by[need] for need in self.needs]
        self.scan = (
            AhoCorasick(self.needs, implementation=Implementation.DFA) if self.needs else None
        )

    def _candidates(self, phrase: str, after: int) -> int:
        bits_of = self.bits_of
        bits = self.unguarded
        if self.scan is None:
            return bits >> after << after
        for k, _, _ in self.scan.find_matches_as_indexes(phrase, True):
            bits |= bits_of[k]
        return bits >> after << after

    def __call__(self, phrase: str) -> str:
        rules = self.rules
        bits = self._candidates(phrase, 0)
        while bits:
            k = (bits & -bits).bit_length() - 1
            bits &= bits - 1
            rx, repl = rules[k]
            written = rx.sub(repl, phrase)
            if written != phrase:
                phrase = written
                bits = self._candidates(phrase, k + 1)
        return phrase


def build_rewrite(lang: Language) -> Rewrite | None:
    """The rewrite of ``lang``'s matches into the readers' English, or None when it has none."""
    if not lang.reading_rules and not lang.reading_words:
        return None
    rules = _Rules(lang.reading_rules)
    words = _Words(lang.reading_words)

    @lru_cache(maxsize=65536)
    def rewrite(phrase: str) -> str:
        out = rules(phrase.replace("\u2019", "'"))
        return words(_SPACES.sub(" ", out)).strip().lower()

    return rewrite


@cache
def rewrite_for(code: str) -> Rewrite | None:
    """The rewrite of language ``code`` (built once)."""
    return build_rewrite(load(code))
