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

from .language import Language, load

Rewrite = Callable[[str], str]
_SPACES = re.compile(r"\s+")
_GROUP_REF = re.compile(r"(\\(?:g<[^>]+>|[0-9]+))")
# a word (with its inner apostrophes and hyphens: "aujourd'hui", "après-midi"), or any
# other single character
_TOKEN = re.compile(r"[^\W_]+(?:['-][^\W_]+)*|\s+|.")


def _marked(repl: str) -> str:
    """A rule's replacement with its own words in capitals (the groups it copies kept), so
    that the word table leaves the English a rule wrote alone: the phrase is lower-cased
    again at the end."""
    return "".join(
        part if _GROUP_REF.fullmatch(part) else part.upper() for part in _GROUP_REF.split(repl)
    )


class _Words:
    """The word table: the longest listed phrase at each word, replaced by its English."""

    def __init__(self, words: dict[str, str]) -> None:
        self.words = {" ".join(k.split()): v for k, v in words.items()}
        # first word of a listed phrase -> the phrase lengths (in words) it opens, longest first
        lengths: dict[str, set[int]] = {}
        for key in self.words:
            parts = key.split()
            lengths.setdefault(parts[0], set()).add(len(parts))
        self.opens = {w: sorted(ns, reverse=True) for w, ns in lengths.items()}

    def __call__(self, phrase: str) -> str:
        tokens = _TOKEN.findall(phrase)
        opens = self.opens
        out: list[str] = []
        k = 0
        while k < len(tokens):
            replaced = False
            for n in opens.get(tokens[k], ()):
                # n words from k, with single spaces between them (a phrase is nothing else)
                end = k + 2 * n - 1
                parts = tokens[k:end]
                if len(parts) < 2 * n - 1 or any(not p.isspace() for p in parts[1::2]):
                    continue
                english = self.words.get(" ".join(parts[::2]))
                if english is not None:
                    out.append(english)
                    k = end
                    replaced = True
                    break
            if not replaced:
                out.append(tokens[k])
                k += 1
        return "".join(out)


def _needs(items: list[tuple[object, object]]) -> tuple[str, ...]:
    """Strings of which a match of the parsed sequence ``items`` holds at least one (the
    longest run of letters it spells outside any choice), or () when there is none."""
    c = _constants
    best: tuple[str, ...] = ()
    run = ""
    for op, arg in [*items, (None, None)]:
        if op is c.LITERAL and chr(arg).isalpha():  # type: ignore[arg-type]
            run += chr(arg)  # type: ignore[arg-type]
            continue
        if len(run) > max((len(b) for b in best), default=0) and len(run) >= 2:
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


def build_rewrite(lang: Language) -> Rewrite | None:
    """The rewrite of ``lang``'s matches into the readers' English, or None when it has none."""
    if not lang.reading_rules and not lang.reading_words:
        return None
    # each rule with the strings one of which a phrase must hold for it to match (a cheap
    # test that spares most of the rules most of the phrases; a rule's own words are in
    # capitals in the phrase once it has written them)
    rules = []
    for rx, repl in lang.reading_rules:
        needs = _guarded(rx)
        rules.append((re.compile(rx), _marked(repl), needs + tuple(map(str.upper, needs))))
    words = _Words(lang.reading_words)

    @lru_cache(maxsize=65536)
    def rewrite(phrase: str) -> str:
        out = phrase.replace("\u2019", "'")
        for rx, repl, needs in rules:
            for need in needs:
                if need in out:
                    break
            else:
                if needs:
                    continue
            if rx.search(out) is not None:
                out = rx.sub(repl, out)
        return _SPACES.sub(" ", words(out)).strip().lower()

    return rewrite


@cache
def rewrite_for(code: str) -> Rewrite | None:
    """The rewrite of language ``code`` (built once)."""
    return build_rewrite(load(code))
