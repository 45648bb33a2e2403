"""Look-alikes of another language than English, stated in its file's ``[exclusions]``.

The English checks (filters.py) read English words. A language file says in its own
``[exclusions]`` what its look-alikes are; this module reads:

- ``lower_case_names = ["months", "weekdays"]``: the tables of names the language writes in
  lower case (Spanish, French, Italian, Portuguese months and weekdays; not German, whose
  nouns all have a capital), so one written with a capital is a name when
  it stands inside a sentence ("la entrenadora Abril Pérez", "el abogado Marzo") or before
  another capitalised word ("Julio Martínez dijo", "Mayo Clinic", "Plácido Domingo"). A
  name opening a sentence before a lower-case word ("Julio fue seco") and a heading in
  capitals are still dates, and so is a span that holds a number ("5 de Mayo de 2020").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from .grammar import grammar_for
from .language import load
from .lexicon import trie_regex

Check = Callable[[str, str, int, int], bool]
# what may stand before the first word of a sentence (past spaces)
_SENTENCE_OPENERS = frozenset(".!?:;\"'«»“”\u2018\u2019—\u2013-([\n")
_NEXT_WORD = re.compile(r"[ \t]+(\w)")


def _opens_sentence(text: str, at: int) -> bool:
    before = text[max(0, at - 40) : at].rstrip(" \t")
    return not before or before[-1] in _SENTENCE_OPENERS


class _CapitalisedNames:
    """The check of ``lower_case_names``: False for a span whose month or weekday name is a
    name."""

    def __init__(self, names: list[str]) -> None:
        self.names = re.compile(r"(?<!\w)(?:" + trie_regex(names) + r")(?!\w)")

    def __call__(self, text: str, low: str, start: int, end: int) -> bool:
        span = text[start:end]
        if span.islower() or span.isupper() or any(c.isdigit() for c in span):
            return True
        for m in self.names.finditer(low, start, end):
            word = text[m.start() : m.end()]
            if not word[0].isupper() or not word[1:].islower():
                continue
            after = _NEXT_WORD.match(text, m.end())
            before_a_name = after is not None and after[1].isupper()
            if before_a_name or not _opens_sentence(text, m.start()):
                return False
        return True


@cache
def checks_for(code: str) -> dict[str, Check]:
    """The look-alike check of each reader kind of language ``code`` (none for a kind it
    needs none for)."""
    lang = load(code)
    tables = {"months": lang.months, "weekdays": lang.weekdays}
    names = [n for table in lang.exclusions.get("lower_case_names", ()) for n in tables[table]]
    if not names:
        return {}
    check = _CapitalisedNames(names)
    return {kind: check for kind in set(grammar_for(code).readers.values())}
