"""How a match in another language reaches the readers, which read English phrases.

A language file may say, in its ``[reading]`` table, how its phrases read in English: rules
(a regular expression and its replacement, applied in order to the lower-cased match), then
its words or phrases replaced by their English counterparts ("märz" -> "march"; "vor drei
jahren" -> rule -> "drei jahren ago" -> words -> "three years ago"). The words a rule
writes are English already and are left alone by the word table. Only the
phrase handed to the reader changes: offsets, extent and text stay the document's own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache

from .language import Language, load

Rewrite = Callable[[str], str]
_SPACES = re.compile(r"\s+")
_GROUP_REF = re.compile(r"(\\(?:g<[^>]+>|[0-9]+))")


def _marked(repl: str) -> str:
    """A rule's replacement with its own words in capitals (the groups it copies kept), so
    that the word table leaves the English a rule wrote alone: the phrase is lower-cased
    again at the end."""
    return "".join(
        part if _GROUP_REF.fullmatch(part) else part.upper() for part in _GROUP_REF.split(repl)
    )


def build_rewrite(lang: Language) -> Rewrite | None:
    """The rewrite of ``lang``'s matches into the readers' English, or None when it has none."""
    if not lang.reading_rules and not lang.reading_words:
        return None
    rules = [(re.compile(rx), _marked(repl)) for rx, repl in lang.reading_rules]
    words = dict(lang.reading_words)
    by_length = sorted(words, key=lambda w: (-len(w), w))
    body = "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in by_length)
    word_rx = re.compile(rf"(?<!\w)(?:{body})(?!\w)") if words else None

    def one_word(m: re.Match[str]) -> str:
        return words[_SPACES.sub(" ", m[0])]

    @lru_cache(maxsize=65536)
    def rewrite(phrase: str) -> str:
        out = phrase.replace("\u2019", "'")
        for rx, repl in rules:
            out = rx.sub(repl, out)
        if word_rx is not None:
            out = word_rx.sub(one_word, out)
        return _SPACES.sub(" ", out).strip().lower()

    return rewrite


@cache
def rewrite_for(code: str) -> Rewrite | None:
    """The rewrite of language ``code`` (built once)."""
    return build_rewrite(load(code))
