"""The detection grammar, compiled from a language's resource file.

Each pattern of the file is compiled over the lower-cased text as a group named after it;
the group says which reader reads the match. Patterns are tried in the file's order, so that
at one start position the longer reading wins, as in the alternation of them all (the
``master`` pattern). No pattern nests unbounded quantifiers, so a scan costs time linear in
the length of the text.

The speed structures are derived from the patterns when a language loads: the trigger words
(every expression holds one, found in one pass over the text), the patterns each trigger
can stand in (only those are tried around it; each is compiled when a text first needs it),
and the modifier words that may open an expression to the left of its trigger (every word a
pattern spells out).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache, cached_property
from re import _constants, _parser  # type: ignore[attr-defined]
from typing import Any

from .language import Language, LanguageFileError, load
from .lexicon import trie_branches, trie_regex
from .trigger_search import TriggerSearch

# the match of a pattern at an offset of the lower-cased text
Match = Callable[[str, int], re.Match[str] | None]
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_ESCAPE = re.compile(r"\\u[0-9a-fA-F]{4}|\\.")
_CLASS = re.compile(r"\[[^\]]*\]")
_QUANTIFIER = re.compile(r"\{[0-9]+(?:,[0-9]*)?\}")
# A letter under a quantifier or glued to a group hides the words a pattern spells out:
# patterns write whole words ("(?:century|centuries)", not "centur(?:y|ies)").
# a letter is a-z or an accented letter of another language
_PARTIAL_WORD = re.compile(r"[^\W\d_][?*+{]|[^\W\d_]\((?:\?:)?[^\W\d_]")
# a word is letters, and the digits that may end it ("h1")
_LITERAL_WORD = re.compile(r"[^\W\d_]+[0-9]*")
_DIGITS, _YEAR = "DIGITS", "YEAR"
# Word lists of phrases: each phrase's trigger is its first word that is already a trigger,
# else its first word ("new year's day": "year"; "halloween": "halloween").
_PHRASE_LISTS = ("holiday", "named_date")
_NOT_WORD = r"(?![a-z0-9])"
# A match begins where no word goes on before it, and a trigger word ends where no letter
# follows: a letter beyond ASCII is a letter of the word too ("éjune", "marché").
_WORD_STARTS = r"(?<![\w@#])"
_WORD_ENDS = r"(?![a-z]|[^\x00-\x7f\W])"
# A possessive is one word with the word it ends: "new year's" holds the trigger "year".
_POSSESSIVE = re.compile(r"['\u2019]s$")


def _without_lookarounds(regex: str) -> str:
    """``regex`` without its lookahead and lookbehind groups (they match no text)."""
    out: list[str] = []
    i, n = 0, len(regex)
    while i < n:
        if regex.startswith(("(?=", "(?!", "(?<=", "(?<!"), i):
            depth, j = 0, i
            while j < n:
                c = regex[j]
                if c == "\\":
                    j += 2
                    continue
                if c == "[":
                    j = regex.index("]", j + 1) + 1
                    continue
                depth += c == "("
                depth -= c == ")"
                j += 1
                if depth == 0:
                    break
            out.append(" ")
            i = j
            continue
        if regex[i] == "\\":
            out.append(regex[i : i + 2])
            i += 2
            continue
        out.append(regex[i])
        i += 1
    return "".join(out)


def literal_words(regex: str, where: str) -> set[str]:
    """The words ``regex`` spells out (outside lookarounds and placeholders)."""
    body = _PLACEHOLDER.sub(" ", _without_lookarounds(regex))
    body = _CLASS.sub(" ", _ESCAPE.sub(" ", body))
    if (bad := _PARTIAL_WORD.search(body)) is not None:
        raise LanguageFileError(
            f"{where}: write whole words in a pattern, not a quantified part of one "
            f"(near {bad[0]!r})"
        )
    return set(_LITERAL_WORD.findall(body))


def _phrase_regex(phrase: str) -> str:
    return r"\s+".join(re.escape(w).replace("'", "['\u2019]") for w in phrase.split())


def _spellings(word: str) -> set[str]:
    """A vocabulary word as the text may write it (both apostrophes)."""
    return {word, word.replace("'", "\u2019")}


class Grammar:
    """The compiled patterns of one language and the scan that finds their matches."""

    def __init__(self, lang: Language) -> None:
        self.lang = lang
        self._vocab = self._vocabulary(lang)
        self._expanded: dict[str, str] = {}
        self._fragment_words: dict[str, set[str]] = {}
        self.readers = {p.name: p.reader for p in lang.patterns}
        self.attributive_before = frozenset(lang.exclusions.get("attributive_before", ()))
        alternatives = [(p.name, self.expand(p.regex, p.name)) for p in lang.patterns]
        self.kinds = [name for name, _ in alternatives]
        self._alternatives = alternatives
        words_of = {p.name: self._words(p.regex, p.name) for p in lang.patterns}
        self.triggers = self._triggers(words_of)
        self._kinds_of = self._kinds_by_trigger(words_of)
        self._patterns: dict[str, Match] = {}
        self._heads = {name: _heads_of(rx) for name, rx in alternatives}
        self._compiled: dict[frozenset[str], Match] = {}
        self._match_by_trigger: dict[str, Match] = {}
        self.digit_kinds = {
            name
            for name, rx in alternatives
            if re.search(r"[0-9]", _QUANTIFIER.sub("", _ESCAPE.sub("", rx)))
        }
        self.trigger = re.compile(_WORD_STARTS + self._trigger_body())
        digits = "|".join(self.expand(rx, "digit trigger") for rx in lang.digit_triggers)
        # where no trigger word begins, the trigger pattern can match only a number trigger
        numbers = re.compile(f"({digits})" if digits else "(?!)")
        self._trigger_search = TriggerSearch(self.triggers, self._digit_heads(), numbers.match)
        left = set().union(*words_of.values()) - self.triggers
        left |= {w for w in lang.numbers if len(w) > 2} | set(lang.ordinals)
        self.left_words = frozenset(left)
        # the characters between a trigger and the modifier words before it ("l'anno": an
        # apostrophe, in a language that elides)
        self.joiners = " \n\t-'\u2019" if lang.elision else " \n\t-"
        joiner = r"[\s'\u2019-]" if lang.elision else r"[\s-]"
        self.left_chain = re.compile(
            rf"(?:{joiner}{{1,3}}(?:(?:" + trie_regex({w[::-1] for w in left}) + r")"
            r"|(?:ts|dn|dr|ht)?[0-9]+)(?![a-z0-9])){0,6}"
        )
        starters = self._first_words()
        self.non_starters = (
            [] if "*" in starters else sorted(w for w in left if w not in starters and w.isalpha())
        )
        self._non_starter = re.compile(
            "(?:" + "|".join(re.escape(w) for w in self.non_starters) + r")[\s-]+"
        )
        self._non_starter_first = "".join(sorted({w[0] for w in self.non_starters}))

    # -- compiling --------------------------------------------------------------------------

    @staticmethod
    def _vocabulary(lang: Language) -> dict[str, tuple[str, set[str]]]:
        """Placeholder name -> (regex, the words it matches) for every word list."""

        def words(ws: Iterable[str]) -> tuple[str, set[str]]:
            listed = {s for w in ws for s in _spellings(w)}
            return "(?:" + trie_regex(listed) + ")", listed

        unit_forms = lang.unit_forms
        months = words(lang.months)
        abbr = words(lang.month_abbreviations)
        weekdays = words(lang.weekdays)
        wd_abbr = words(lang.weekday_abbreviations)
        holidays = sorted((h.name for h in lang.holidays), key=lambda name: (-len(name), name))
        holiday_words = {s for h in holidays for w in h.split() for s in _spellings(w)}
        named = sorted((w for n in lang.named_dates for w in n.written), key=lambda w: (-len(w), w))
        named_words = {s for n in named for w in n.split() for s in _spellings(w)}
        counts = [w for w in lang.numbers if w not in lang.exclusions.get("not_counts", ())]
        vocab = {
            "month": (
                rf"(?:{months[0]}{_NOT_WORD}|{abbr[0]}(?:\.|(?=\s+\d)){_NOT_WORD})",
                months[1] | abbr[1],
            ),
            "month_abbreviation": abbr,
            "weekday_full": weekdays,
            "weekday": (rf"(?:{weekdays[0]}{_NOT_WORD}|{wd_abbr[0]}\.)", weekdays[1] | wd_abbr[1]),
            "weekday_abbreviation": wd_abbr,
            "weekday_plural": words(w + "s" for w in lang.weekdays),
            "number_word": words(counts),
            "ordinal": words(lang.ordinals),
            "timezone": words(lang.timezones),
            "set_adverb": words(lang.set_adverbs),
            "unit": words(unit_forms),
            "unit_plural": words(plural for _, plural in lang.units.values()),
            "season": words(lang.seasons),
            "daypart": words(lang.dayparts),
            "decade_word": words(lang.decade_words),
            "holiday": ("(?:" + "|".join(_phrase_regex(h) for h in holidays) + ")", holiday_words),
            "named_date": ("(?:" + "|".join(_phrase_regex(n) for n in named) + ")", named_words),
            "clock_suffix": ("(?:" + lang.clock_suffix + ")", set()),
        }
        return vocab

    def expand(self, regex: str, where: str) -> str:
        """``regex`` with every {placeholder} replaced by its fragment or word list."""

        def one(m: re.Match[str]) -> str:
            name = m[1]
            if name in self._vocab:
                return self._vocab[name][0]
            if name not in self.lang.fragments:
                raise LanguageFileError(f"{where}: unknown fragment {{{name}}}")
            if name not in self._expanded:
                self._expanded[name] = self.expand(self.lang.fragments[name], name)
            return self._expanded[name]

        return _PLACEHOLDER.sub(one, regex)

    def _words(self, regex: str, where: str) -> set[str]:
        """Every word a match of ``regex`` may hold: those it spells out and those of the
        word lists and fragments it names."""
        found = literal_words(regex, where)
        for name in _PLACEHOLDER.findall(_without_lookarounds(regex)):
            if name in self._vocab:
                found |= self._vocab[name][1]
            elif name in self.lang.fragments:
                if name not in self._fragment_words:
                    self._fragment_words[name] = self._words(self.lang.fragments[name], name)
                found |= self._fragment_words[name]
        return found | {_POSSESSIVE.sub("", w) for w in found}

    def _triggers(self, words_of: dict[str, set[str]]) -> frozenset[str]:
        """The trigger words: each pattern's own, a word list standing for its words; a
        holiday's trigger is its first word that is already a trigger, else its first."""
        found: set[str] = set()
        phrase_lists: set[str] = set()
        for p in self.lang.patterns:
            for t in p.triggers:
                if t in (_DIGITS, _YEAR):
                    continue
                m = _PLACEHOLDER.fullmatch(t)
                if m is None:
                    found.add(t)
                elif m[1] in _PHRASE_LISTS:
                    phrase_lists.add(m[1])
                elif m[1] in self._vocab:
                    found |= self._vocab[m[1]][1]
                else:
                    raise LanguageFileError(f"{p.name}: unknown trigger list {t}")
        for phrase in self._phrases(phrase_lists):
            if phrase[0].isdigit():
                continue  # a number: the number triggers find it
            bases = [_POSSESSIVE.sub("", w) for w in phrase.split()]
            found.add(next((b for b in bases if b in found), bases[0]))
        for p in self.lang.patterns:
            missing = {t for t in p.triggers if _PLACEHOLDER.fullmatch(t) is None} - {
                _DIGITS,
                _YEAR,
            }
            if missing - words_of[p.name]:
                raise LanguageFileError(
                    f"{p.name}: trigger {sorted(missing - words_of[p.name])} is no word of it"
                )
        return frozenset(w for w in found if w.isascii() or "'" not in w)

    def _phrases(self, lists: set[str]) -> list[str]:
        """The phrases of the phrase lists named."""
        phrases = [h.name for h in self.lang.holidays] if "holiday" in lists else []
        if "named_date" in lists:
            phrases += [w for n in self.lang.named_dates for w in n.written]
        return phrases

    @cached_property
    def master(self) -> re.Pattern[str]:
        """Every pattern in one (the scan tries the narrower one of each trigger)."""
        return self._master(set(self.kinds))

    def _master(self, kinds: set[str]) -> re.Pattern[str]:
        alts = "|".join(f"(?P<{n}>{rx})" for n, rx in self._alternatives if n in kinds)
        return re.compile(_WORD_STARTS + "(?:" + alts + ")")

    def _kinds_by_trigger(self, words_of: dict[str, set[str]]) -> dict[str, frozenset[str]]:
        """For each trigger word, the patterns that can hold it."""
        kinds_of: dict[str, frozenset[str]] = {}
        for w in self.triggers:
            kinds = frozenset(k for k, ws in words_of.items() if w in ws)
            if not kinds:
                raise LanguageFileError(f"trigger {w!r} is in no pattern")
            kinds_of[w] = kinds
        return kinds_of

    def _matcher(self, trigger: str) -> Match:
        """The match of the patterns that can hold ``trigger`` (a number trigger: those that
        hold a digit)."""
        kinds = self._kinds_of.get(trigger) or frozenset(self.digit_kinds)
        match = self._compiled.get(kinds)
        if match is None:
            match = self._compiled[kinds] = _first_of(
                [
                    (self._heads.get(name), self._pattern(name))
                    for name in self.kinds
                    if name in kinds
                ]
            )
        self._match_by_trigger[trigger] = match
        return match

    def _pattern(self, name: str) -> Match:
        """The match of pattern ``name`` alone (its group named after it), compiled when a
        text first holds a trigger of it: a short text compiles few of them, and a pattern
        is compiled once however many trigger families it belongs to."""
        match = self._patterns.get(name)
        if match is None:
            regex = dict(self._alternatives)[name]
            match = re.compile(rf"{_WORD_STARTS}(?P<{name}>{regex})").match
            self._patterns[name] = match
        return match

    def _trigger_body(self) -> str:
        """One alternative per first letter of the trigger words, then the number triggers
        behind a lookahead for the characters they begin with (a word of letters skips them
        all at once); a trigger is group 1."""
        digits = "|".join(self.expand(rx, "digit trigger") for rx in self.lang.digit_triggers)
        branches = [b + _WORD_ENDS for b in trie_branches(self.triggers)]
        heads = self._digit_heads()
        if digits and heads is not None:
            branches.append(_class_of(heads) + "(?:" + digits + ")")
        elif digits:
            branches.append(digits)
        return "(" + "|".join(branches) + ")"

    def _digit_heads(self) -> set[str] | None:
        """The characters the number triggers begin with (None when one of them may begin
        with a character its regex does not spell at its head)."""
        chars: set[str] = set()
        for rx in self.lang.digit_triggers:
            head = _head_chars(rx)
            if head is None:
                return None
            chars |= head
        return chars

    def _first_words(self) -> set[str]:
        """The words with which some pattern can begin a match ("*" when any word can)."""
        starters: set[str] = set()
        for _, rx in self._alternatives:
            done, open_ = _firsts(_parser.parse(rx).data, {""})
            starters |= done | open_
        return starters

    # -- scanning ---------------------------------------------------------------------------

    def trigger_matches(self, low: str) -> list[tuple[int, str]]:
        """(offset, word) of every trigger of the lower-cased text, left to right: the same as
        group 1 of ``self.trigger.finditer(low)``, found faster (``trigger_search``)."""
        at = self._trigger_search.find(low)
        found: list[tuple[int, str]] = []
        last_end = -1
        for start in sorted(at):
            if start > last_end:
                word = at[start]
                found.append((start, word))
                last_end = start + len(word)
        return found

    def scan(self, low: str) -> list[re.Match[str]]:
        """Every match of the master pattern in the lower-cased text, left to right, disjoint."""
        found: list[re.Match[str]] = []
        append = found.append
        last_end = 0
        n = len(low)
        rev = low[::-1]
        left_match = self.left_chain.match
        joiners = self.joiners
        non_start = self._non_starter.match
        first = self._non_starter_first
        by_word = self._match_by_trigger.get
        for t, word in self.trigger_matches(low):
            if t < last_end:
                continue
            start = t
            if t and low[t - 1] in joiners:
                chain = left_match(rev, n - t)  # always a match (maybe empty): {0,6} repeats
                start = n - chain.end() if chain is not None else t
                if start < last_end:
                    start = last_end
                while start < t and low[start] in first and (skip := non_start(low, start)):
                    start = skip.end()
            master_match = by_word(word) or self._matcher(word)
            hit = master_match(low, start)
            if start < t and (hit is None or hit.end() <= t):
                hit = None
                for w in _WORD_START.finditer(low, start + 1, t + 1):
                    cand = master_match(low, w.start())
                    if cand is not None and cand.end() > t:
                        hit = cand
                        break
            if hit is not None:
                end = hit.end()
                if end > t:
                    append(hit)
                    last_end = end
        return found


def _first_of(matches: list[tuple[frozenset[str] | None, Match]]) -> Match:
    """The match of the first of ``matches`` that matches (as their alternation would), each
    tried only where the text holds a character it can begin with (any, for None)."""
    if len(matches) == 1 and matches[0][0] is None:
        return matches[0][1]
    chars = set().union(*(heads for heads, _ in matches if heads is not None))
    by_head = {
        ch: [match for heads, match in matches if heads is None or ch in heads] for ch in chars
    }
    anywhere = [match for heads, match in matches if heads is None]

    def first(low: str, start: int) -> re.Match[str] | None:
        for match in by_head.get(low[start : start + 1], anywhere):
            if (hit := match(low, start)) is not None:
                return hit
        return None

    return first


def _heads_of(regex: str) -> frozenset[str] | None:
    """The characters a match of ``regex`` begins with (None: any)."""
    chars, empty = _first_chars(_parser.parse(regex).data)
    return None if empty else chars


def _first_chars(items: list[tuple[Any, Any]]) -> tuple[frozenset[str] | None, bool]:
    """The characters a match of the parsed sequence ``items`` can begin with (None: any
    character, or too many to tell), and whether it can match the empty string."""
    c = _constants
    chars: set[str] = set()
    for op, arg in items:
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue
        if op is c.LITERAL:
            return frozenset(chars | {chr(arg)}), False
        if op is c.IN:
            listed = _listed_chars(arg)
            return (None if listed is None else frozenset(chars | listed)), False
        if op is c.SUBPATTERN and arg[1] & re.IGNORECASE:
            return None, False
        if op is c.SUBPATTERN:
            parts = [_first_chars(arg[3].data)]
        elif op is c.BRANCH:
            parts = [_first_chars(branch.data) for branch in arg[1]]
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            sub, empty = _first_chars(arg[2].data)
            parts = [(sub, empty or arg[0] == 0)]
        else:
            return None, False
        if any(part is None for part, _ in parts):
            return None, False
        chars |= {ch for part, _ in parts for ch in part or ()}
        if not any(empty for _, empty in parts):
            return frozenset(chars), False
    return frozenset(chars), True


def _listed_chars(items: list[tuple[Any, Any]]) -> set[str] | None:
    """The characters of a parsed class of single characters and short ranges, else None."""
    c = _constants
    chars: set[str] = set()
    for op, arg in items:
        if op is c.LITERAL:
            chars.add(chr(arg))
        elif op is c.RANGE and arg[1] - arg[0] < 0x300:
            chars |= {chr(code) for code in range(arg[0], arg[1] + 1)}
        else:
            return None
    return chars


# A quantifier that lets its item be skipped.
_OPTIONAL = re.compile(r"[?*]|\{0(?:,[0-9]*)?\}")
_CLASS_HEAD = re.compile(r"\[((?:\\u[0-9a-fA-F]{4}|[^\]\\^])+)\]")
_CLASS_ITEM = re.compile(r"\\u([0-9a-fA-F]{4})|(.)-(.)|(.)")


def _class_of(chars: set[str]) -> str:
    """A lookahead for one of ``chars``."""
    return "(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])"


def _head_chars(regex: str) -> set[str] | None:
    """The characters a regex begins with when its head is a literal character or a class of
    plain characters and ranges ("[0-9]", "['\\u2019]"), else None. An optional head adds
    the characters of what follows it ("[0-3]?[0-9]": any digit)."""
    head = _CLASS_HEAD.match(regex)
    if regex[:1].isalnum():
        chars, end = {regex[0]}, 1
    elif head is not None:
        chars, end = _class_chars(head[1]), head.end()
    else:
        return None
    optional = _OPTIONAL.match(regex, end)
    if optional is None:
        return chars
    rest = _head_chars(regex[optional.end() :])
    return None if rest is None else chars | rest


def _class_chars(items: str) -> set[str]:
    """The characters of a class of plain characters and ranges (its text inside [])."""
    chars: set[str] = set()
    for code, low, high, one in _CLASS_ITEM.findall(items):
        if code:
            chars.add(chr(int(code, 16)))
        elif low:
            chars |= {chr(c) for c in range(ord(low), ord(high) + 1)}
        else:
            chars.add(one)
    return chars


_WORD_START = re.compile(r"(?<![^\W_])(?<!['\u2019])(?:[^\W_]|['\u2019])")


_LETTERS = frozenset(c for c in map(chr, range(0x250)) if c.isalpha() and c.islower())
_MAX_PREFIXES = 20_000


def _firsts(items: list[tuple[Any, Any]], open_: set[str]) -> tuple[set[str], set[str]]:
    """The first words a sequence of parsed regex items can match, given the letters
    ``open_`` already matched before it: (words ended by a non-letter, words still open at
    the end of the sequence). A class that may match a letter gives the word "*"."""
    done: set[str] = set()
    c = _constants
    for op, arg in items:
        if not open_:
            break
        if op is c.LITERAL:
            ch = chr(arg)
            if ch in _LETTERS:
                open_ = {w + ch for w in open_}
            else:
                done |= open_
                open_ = set()
        elif op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue
        elif op is c.IN and all(i_op is c.LITERAL for i_op, _ in arg):
            chars = {chr(i_arg) for _, i_arg in arg}
            letters = chars & _LETTERS
            if chars - letters:
                done |= {w for w in open_ if w}
            open_ = {w + ch for w in open_ for ch in letters}
        elif op is c.SUBPATTERN:
            sub_done, open_ = _firsts(arg[3].data, open_)
            done |= sub_done
        elif op is c.BRANCH:
            branch_open: set[str] = set()
            for branch in arg[1]:
                sub_done, sub_open = _firsts(branch.data, open_)
                done |= sub_done
                branch_open |= sub_open
            open_ = branch_open
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            low_count, _, sub = arg
            sub_done, sub_open = _firsts(sub.data, open_)
            done |= sub_done
            open_ = sub_open | (open_ if low_count == 0 else set())
        else:  # a class, any character, a backreference: a letter may come
            done |= {"*"} if _may_be_letter(op, arg) else set()
            done |= {w for w in open_ if w}
            open_ = set()
        if len(open_) > _MAX_PREFIXES:
            return done | {"*"}, set()
    return done, open_


def _may_be_letter(op: Any, arg: Any) -> bool:
    c = _constants
    if op is not c.IN:
        return True
    for item_op, item_arg in arg:
        if item_op is c.NEGATE:
            return True
        if item_op is c.CATEGORY and item_arg not in (c.CATEGORY_SPACE, c.CATEGORY_DIGIT):
            return True
        if item_op is c.LITERAL and chr(item_arg) in _LETTERS:
            return True
        if item_op is c.RANGE and not (item_arg[1] < ord("a") or item_arg[0] > ord("z")):
            return True
    return False


@cache
def grammar_for(code: str) -> Grammar:
    """The compiled grammar of language ``code`` (compiled once)."""
    return Grammar(load(code))


def lower_same_length(text: str) -> str:
    """``text`` lower-cased with every character at its original offset."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
