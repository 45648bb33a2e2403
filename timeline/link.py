"""Sentences, alias matching and date agreement: which sentences of a document name which event.

Pure functions and small value types; no I/O. The pipeline calls :func:`split_sentences` once per
document (its result is cached with the tagger output), builds one :class:`Linker` per build
from the curated events, and calls :meth:`Linker.link_document` for every document.

Matching rule. An alias (or an event's title) is reduced to its *content words* (stop words
dropped), each reduced to a light stem that folds case, possessives ("Corbyn's", with a straight
or a curly apostrophe), plurals and simple inflection ("suspend", "suspended", "suspending",
"suspension" all stem to ``suspend``). A sentence mentions the alias when every content stem
occurs in it, in any order, within a window of a few words more than the alias itself ("Keir
Starmer has suspended Jeremy Corbyn" matches "Corbyn's suspension"). Word order is free but the
window keeps two words from the opposite ends of a long sentence from counting as one phrase.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from itertools import islice
from typing import Any, Literal, NamedTuple

from .dates import Span, span_of
from .models import Anchor, Conflict, CorpusSource, Dismissal, Document, EventSpec, TimexRef
from .temporal.language import codes, load
from .temporal.timex import Timex as Timex  # what linking reads of a temporal expression

Section = Literal["body", "comment"]
SentenceSpan = tuple[int, int]


# --------------------------------------------------------------------------- sentences

# Words whose trailing period does not end a sentence. Compared lowercased, without the period.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms mx dr prof sr jr st rev fr gen col capt cpt lt sgt maj gov sen rep rt hon mt
    vs v etc e.g i.e cf al approx dept est inc ltd co corp bros plc jan feb mar apr jun jul
    aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun u.s u.k u.n e.u a.m
    p.m ph.d b.a m.a q.c k.c
    """.split()  # noqa: SIM905 - a word list reads better as words
)
# Abbreviations only when a number follows: "No. 10", "pp. 3", but "he said no. Then".
NUMBER_ABBREVIATIONS = frozenset(
    """
    no nos op vol ch pp fig art para sec
    """.split()  # noqa: SIM905 - a word list reads better as words
)

# Typographic quotes and dashes, spelled as escapes so that the source stays unambiguous.
LQ, RQ, LDQ, RDQ = "\u2018", "\u2019", "\u201c", "\u201d"
OPENING = "\"'" + LQ + LDQ + "\u00ab(["
CLOSING = "\"'" + RQ + RDQ + "\u00bb)\\]"
DASHES = "\u2013\u2014-"

# A candidate sentence end: terminal punctuation, closing quotes/brackets, then white space
# followed by something that can start a sentence (capital, digit, opening quote or bracket).
_END = re.compile(rf"[.!?\u2026]+[{CLOSING}]*(?=\s+[{OPENING}]*[A-Z0-9\u00a3$#@])")
_BULLET = re.compile(
    rf"[ \t]*(?:[\u2022\u00b7\u25aa\u2023\u25e6*{DASHES}]|\d{{1,3}}[.)](?=\s))[ \t]+"
)
_TERMINAL = re.compile(rf"[.!?\u2026:;][{CLOSING}]*$")


def split_sentences(text: str) -> list[SentenceSpan]:
    """The sentences of ``text`` as ``(start, end)`` offsets, white space and bullets trimmed.

    Blank lines and line breaks end sentences (a headline or a list item has no full stop),
    except that a line followed by one starting in lower case continues it (hard-wrapped
    prose). Within a line, ``.``, ``!``, ``?`` end a sentence when followed by a capital, a
    digit or an opening quote, unless the word before is an abbreviation ("Mr.", "U.S."), an
    initial ("J."), a section number ("2.2.3.") or an ordinal day before a month name ("3.
    März").
    """
    spans: list[SentenceSpan] = []
    for block_start, block_end in _blocks(text):
        pos = block_start
        for m in _END.finditer(text, block_start, block_end):
            if m.group().startswith(".") and _is_abbreviation(
                text, block_start, m.start(), m.end()
            ):
                continue
            _add(text, pos, m.end(), spans)
            pos = m.end()
        _add(text, pos, block_end, spans)
    return spans


def _blocks(text: str) -> Iterable[SentenceSpan]:
    """Runs of lines that form one paragraph-like unit (usually one line)."""
    start = 0
    lines = text.split("\n")
    offset = 0
    for i, line in enumerate(lines):
        end = offset + len(line)
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        continues = (
            line.strip()
            and nxt[:1].islower()  # hard wrap: next line starts in lower case, no indent
            and not _TERMINAL.search(line.rstrip())
        )
        if not continues:
            yield start, end
            start = end + 1
        offset = end + 1


def _is_abbreviation(text: str, lo: int, dot: int, after: int) -> bool:
    begin = dot
    while begin > lo and not text[begin - 1].isspace():
        begin -= 1
    word = text[begin:dot].lstrip(OPENING).lower()
    if not word:
        return False
    if word in ABBREVIATIONS:
        return True
    if word in NUMBER_ABBREVIATIONS:
        return text[after : after + 8].lstrip()[:1].isdigit()
    if word.isdigit() and len(word) <= 2:  # an ordinal day: "am 3. März 2020"
        following = _NEXT_WORD.match(text, after)
        return following is not None and following[1].lower() in month_names()
    if len(word) == 1 and word.isalpha():  # an initial: "J. K. Rowling"
        return True
    # "U.S", "e.g", "2.2.3": internal dots mean an abbreviation or a section number
    return "." in word and all(part and len(part) <= 3 for part in word.split("."))


_NEXT_WORD = re.compile(r"\s+([^\W\d_]+)")


@cache
def month_names() -> frozenset[str]:
    """The month names (and abbreviations) of every language the tagger reads, lower case."""
    return frozenset(name for code in codes() for name in load(code).all_months)


def _add(text: str, start: int, end: int, spans: list[SentenceSpan]) -> None:
    while start < end and text[start].isspace():
        start += 1
    if m := _BULLET.match(text, start, end):
        start = m.end()
        while start < end and text[start].isspace():  # "• \nb": the break after the bullet
            start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end and any(c.isalnum() for c in text[start:end]):
        spans.append((start, end))


# --------------------------------------------------------------------------- words and stems

_TOKEN = re.compile(rf"[^\W_]+(?:['{RQ}][^\W_]+)*")
STOP_WORDS = frozenset(
    """
    a an the of in on at to for by with from into onto about as and or nor but not no is are
    was were be been being am it its it's this that these those there their they them his
    her hers him he she we us our you your i me my mine s t
    """.split()  # noqa: SIM905 - a word list reads better as words
) | frozenset(
    # the articles and commonest prepositions of the other languages the tagger reads (none
    # that is also an English content word: not "die", "war", "pour", "con", "mit")
    """
    der das des ein eine einer eines einem einen und oder im vom zum zur von zu auf für
    bei aus le la les l de du d un une et ou à au aux en dans sur el los las del una y o al
    por para il lo gli di della dei nel nella alla os do da dos das um uma e em na nos nas
    ao
    """.split()  # noqa: SIM905 - a word list reads better as words
)


def _base_letter(c: str) -> str:
    """The letter an accented Latin letter is written on ("é" -> "e"), else ``c`` itself."""
    parts = unicodedata.normalize("NFKD", c)
    if len(parts) > 1 and parts[0].isascii() and all(map(unicodedata.combining, parts[1:])):
        return parts[0]
    return c


# Accented Latin letters -> their base letter, one character for one.
_FOLD = {c: _base_letter(chr(c)) for c in range(0xC0, 0x250) if _base_letter(chr(c)) != chr(c)}


def folded(text: str) -> str:
    """``text`` lower-cased with the accents off its letters ("Élection" -> "election"): how
    aliases and sentences are compared. Each character stays one, so offsets hold where
    lower-casing keeps them."""
    lowered = text.lower()
    return lowered if lowered.isascii() else lowered.translate(_FOLD)  # no accent to take off


# Words elided onto the next in French and Italian: "l'élection", "qu'il", "dell'anno".
ELISIONS = frozenset(
    """
    l d j m n s t c qu lorsqu puisqu jusqu all dall dell nell sull quest quell
    """.split()  # noqa: SIM905 - a word list reads better as words
)


@lru_cache(maxsize=1 << 16)  # words repeat: a corpus of 10,000 documents stems each once
def stem(word: str) -> str:
    """A light stem: case, accents, possessive, plural and simple inflection folded.

    >>> [stem(w) for w in ["Corbyn's", "suspended", "suspension", "reports", "leaked", "vetting"]]
    ['corbyn', 'suspend', 'suspend', 'report', 'leak', 'vet']
    >>> [stem(w) for w in ["Parteitags", "Parteitagen", "élections", "elecciones"]]
    ['parteitag', 'parteitag', 'elect', 'eleccion']
    """
    w = _bare(word)
    if len(w) <= 3 or not w.isalpha():
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    elif w.endswith("en") and len(w) > 6:
        w = w[:-2]  # a German plural or case ending: Parteitagen, Verhandlungen
    if w.endswith("ing") and len(w) > 5:
        w = _undouble(w[:-3])
    elif w.endswith("ied") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("ed") and len(w) > 4:
        w = _undouble(w[:-2])
    if w.endswith("ssion"):
        w = w[:-3]  # discussion -> discuss
    elif w.endswith("sion") and len(w) > 5:
        w = w[:-4] + "d"  # suspension -> suspend, extension -> extend
    elif w.endswith("tion") and len(w) > 5:
        w = w[:-3]  # election -> elect, validation -> validat
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]  # validate -> validat, decide -> decid
    return w


def _bare(word: str) -> str:
    """``word`` folded, without the article elided onto it ("l'élection") or a possessive."""
    w = folded(word).replace(RQ, "'")
    head, apostrophe, rest = w.partition("'")
    if apostrophe and rest and head in ELISIONS:
        w = rest
    if w.endswith("'s"):
        w = w[:-2]
    return w.rstrip("'")


def _undouble(w: str) -> str:
    if len(w) > 2 and w[-1] == w[-2] and w[-1] not in "aeiouslz":
        return w[:-1]
    return w


def tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    """``(stem, start, end)`` for every word of ``text[start:end]``, offsets into ``text``."""
    stop = len(text) if end is None else end
    return [(stem(m.group()), m.start(), m.end()) for m in _TOKEN.finditer(text, start, stop)]


def word_stems(text: str) -> set[str]:
    """The stems of the words of ``text``, as :func:`tokens` gives them."""
    return {stem(w) for w in set(_TOKEN.findall(text))}


# --------------------------------------------------------------------------- aliases


@dataclass(frozen=True, slots=True)
class Alias:
    """One phrase that names an event, compiled: its content stems and match window."""

    event_id: str
    phrase: str
    stems: tuple[str, ...]
    window: int
    # Lowercase text every matching sentence contains: each stem without its last letter is a
    # prefix of every word with that stem ("suspen" of "suspension" and "suspended").
    prefixes: tuple[str, ...] = ()

    @classmethod
    def compile(cls, event_id: str, phrase: str) -> Alias | None:
        """The compiled alias, or None when the phrase has no word at all."""
        words = [s for s, _, _ in tokens(phrase)]
        content = tuple(dict.fromkeys(w for w in words if w not in STOP_WORDS))
        if not content:
            content = tuple(dict.fromkeys(words))
        if not content:
            return None
        prefixes = tuple(_prefix(s) for s in content)
        return cls(event_id, phrase, content, window=len(words) + 3, prefixes=prefixes)

    def match(self, positions: dict[str, list[int]]) -> tuple[int, int] | None:
        """The first and last token index of the tightest match in a sentence, or None."""
        if any(s not in positions for s in self.stems):
            return None
        if len(self.stems) == 1:
            first = positions[self.stems[0]][0]
            return first, first
        best: tuple[int, int] | None = None
        for anchor_stem in self.stems:
            for a in positions[anchor_stem]:
                chosen = [_nearest(positions[s], a) for s in self.stems]
                lo, hi = min(chosen), max(chosen)
                if hi - lo + 1 <= self.window and (best is None or hi - lo < best[1] - best[0]):
                    best = (lo, hi)
        return best


def _span_of_words(text: str, start: int, end: int, words: tuple[int, int]) -> SentenceSpan:
    """Where the words ``words`` (the first and the last, by index) of ``text[start:end]``
    start and end."""
    found = _TOKEN.finditer(text, start, end)
    first = next(islice(found, words[0], None))
    last = first if words[1] == words[0] else next(islice(found, words[1] - words[0] - 1, None))
    return first.start(), last.end()


def _nearest(candidates: list[int], a: int) -> int:
    return min(candidates, key=lambda p: abs(p - a))


# --------------------------------------------------------------------------- linking


class DatedSentence(NamedTuple):
    """A sentence with placeable DATE or TIME expressions that names no curated event.

    Its timexes include the publication day restated ("today") and times of day ("last
    night"): weak evidence for a candidate date, but evidence.

    A named tuple: a large corpus has tens of thousands, rebuilt at every build.
    """

    doc: str
    start: int
    end: int
    section: Section
    quote: str
    timexes: tuple[Timex, ...]


@dataclass(slots=True)
class DocumentLinks:
    """What linking found in one document."""

    sources: dict[str, list[CorpusSource]] = field(default_factory=dict)
    conflicts: dict[str, list[Conflict]] = field(default_factory=dict)
    unlinked: list[DatedSentence] = field(default_factory=list)
    # every sentence with a timex or an event: (start, end, section, timexes, event ids)
    mentions: list[tuple[int, int, Section, list[Timex], list[str]]] = field(default_factory=list)


class Linker:
    """The curated events compiled once, to link every document of a build."""

    def __init__(self, events: Sequence[EventSpec]) -> None:
        self.spans: dict[str, Span] = {e.id: e.span() for e in events}
        self.curated_text: dict[str, str] = {e.id: _curated_text(e) for e in events}
        self.aliases: list[Alias] = []
        self.alias_stems: dict[str, frozenset[str]] = {}
        self.dismissed: dict[str, list[Dismissal]] = {
            e.id: e.dismissed for e in events if e.dismissed
        }
        for event in events:
            seen: set[tuple[str, ...]] = set()
            for phrase in [*event.aliases, event.title]:
                alias = Alias.compile(event.id, phrase)
                if alias is not None and alias.stems not in seen:
                    seen.add(alias.stems)
                    self.aliases.append(alias)
            self.alias_stems[event.id] = frozenset(s for stems in seen for s in stems)
        # Aliases indexed by the prefix of the stem most likely to be rare (the longest one), so
        # that a sentence is only checked against the aliases one of its words can start.
        self.by_prefix: dict[str, list[Alias]] = {}
        for alias in self.aliases:
            key = _prefix(max(alias.stems, key=len))
            self.by_prefix.setdefault(key, []).append(alias)

    def find_aliases(
        self, text: str, start: int, end: int, prefixes: Iterable[str] | None = None
    ) -> list[tuple[Alias, int, int]]:
        """Every alias matched in ``text[start:end]`` with the character span of the match.

        ``prefixes`` (from :meth:`candidate_sentences`) limits the aliases tried to those
        indexed under them.
        """
        if prefixes is None:
            pool = self.aliases
        else:
            pool = [a for p in sorted(prefixes) for a in self.by_prefix.get(p, [])]
        lowered = folded(text[start:end])
        pool = [a for a in pool if all(p in lowered for p in a.prefixes)]
        if not pool:
            return []  # the usual case: cheaper than splitting the sentence into words
        wanted = {s for alias in pool for s in alias.stems}
        positions: dict[str, list[int]] = {}
        for i, s in enumerate(map(stem, _TOKEN.findall(text, start, end))):
            if s in wanted:
                positions.setdefault(s, []).append(i)
        found = []
        for alias in pool:
            hit = alias.match(positions)
            if hit is not None:
                found.append((alias, *_span_of_words(text, start, end, hit)))
        return found

    def candidate_sentences(
        self, text: str, sentences: Sequence[SentenceSpan]
    ) -> dict[int, set[str]]:
        """The sentences holding a word that starts like the key word of an alias, each with
        the key prefixes found in it.

        A cheap filter (``str.find`` on the lowercased text) so that only these sentences are
        split into words and stemmed.
        """
        if not self.by_prefix or not sentences:
            return {}
        lowered = folded(text)
        if len(lowered) != len(text):  # a few characters lowercase to two: check every sentence
            return {i: set(self.by_prefix) for i in range(len(sentences))}
        starts = [s for s, _ in sentences]
        hits: dict[int, set[str]] = {}
        for key in self.by_prefix:
            at = lowered.find(key)
            while at != -1:
                resume = at + len(key)
                if at == 0 or not lowered[at - 1].isalnum():
                    i = bisect_right(starts, at) - 1
                    if i >= 0 and at < sentences[i][1]:
                        hits.setdefault(i, set()).add(key)
                        resume = sentences[i][1]  # one hit is enough: skip to the next sentence
                at = lowered.find(key, resume)
        return hits

    def link_document(
        self,
        doc: Document,
        sentences: Sequence[SentenceSpan],
        timexes: Sequence[Timex],
        *,
        mentions: bool = False,
    ) -> DocumentLinks:
        """Link the sentences of ``doc`` to events; collect its dated, unlinked sentences.

        With ``mentions``, also list every sentence that has a timex or names an event (for
        ``timeline extract``; a build does not need them).
        """
        result = DocumentLinks()
        text = doc.text
        topics: list[tuple[int, str]] = []  # (end, event id) of sentences naming one event
        by_sentence = _timexes_by_sentence(sentences, timexes)
        candidates = self.candidate_sentences(text, sentences)
        for i in sorted(candidates.keys() | by_sentence.keys()):
            start, end = sentences[i]
            in_sentence = by_sentence.get(i, [])
            keys = candidates.get(i)
            matches = self.find_aliases(text, start, end, keys) if keys else []
            if not in_sentence and not matches:
                continue
            section: Section = (
                "comment" if doc.body_end is not None and start >= doc.body_end else "body"
            )
            event_ids = (
                list(dict.fromkeys(alias.event_id for alias, _, _ in matches)) if matches else []
            )
            if mentions:
                result.mentions.append((start, end, section, list(in_sentence), event_ids))
            if not event_ids:
                if any(_dates_an_event(t) for t in in_sentence):
                    topic = self._paragraph_topic(text, start, topics)
                    if topic is not None:
                        timex = _nearest_timex(in_sentence, topic, {topic: [(start, start)]})
                        self.add_source(result, doc, (start, end), section, topic, timex, "context")
                        continue
                evidence = tuple(t for t in in_sentence if placeable(t))
                if evidence and _has_words_besides(text, start, end, in_sentence):
                    result.unlinked.append(
                        DatedSentence(doc.id, start, end, section, text[start:end], evidence)
                    )
                continue
            if len(event_ids) == 1:
                topics.append((end, event_ids[0]))
            spans_of = {
                event_id: [(a, b) for alias, a, b in matches if alias.event_id == event_id]
                for event_id in event_ids
            }
            for event_id in event_ids:
                timex = _nearest_timex(in_sentence, event_id, spans_of)
                self.add_source(result, doc, (start, end), section, event_id, timex, "alias")
        return result

    def _paragraph_topic(self, text: str, start: int, topics: list[tuple[int, str]]) -> str | None:
        """The event a dated sentence that names none refers back to, if any.

        It must continue, in the same paragraph, a sentence that names exactly one event,
        and refer back to it in its first words: a pronoun ("Published in July, it found")
        or "the" + a word of that event's aliases ("the report"). Anything looser would
        attach nearby dates to events and invent conflicts.
        """
        if not topics:
            return None
        end, event_id = topics[-1]
        if "\n" in text[end:start]:
            return None
        opening = text[start : start + CONTEXT_REACH].lower()
        if _ANAPHOR.search(opening):
            return event_id
        for m in _DEFINITE.finditer(opening):
            if stem(m.group(1)) in self.alias_stems.get(event_id, ()):
                return event_id
        return None

    def add_source(
        self,
        result: DocumentLinks,
        doc: Document,
        span: tuple[int, int],
        section: Section,
        event_id: str,
        timex: Timex | None,
        via: Literal["alias", "context"],
    ) -> None:
        """Add the sentence ``span`` of ``doc`` as a source of ``event_id``, dated by ``timex``,
        with its agreement with the curated date (and a conflict when it disagrees)."""
        start, end = span
        source = CorpusSource(
            doc=doc.id,
            start=start,
            end=end,
            quote=doc.text[start:end],
            timex=timex_ref(timex) if timex is not None else None,
            agrees=None,
            section=section,
            dismissed=None,
            via=via,
        )
        self.judge(result, event_id, source)

    def judge(self, result: DocumentLinks, event_id: str, source: CorpusSource) -> None:
        """Add ``source`` to the sources of ``event_id`` in ``result``, with its agreement
        with the curated date, whether a curator dismissed it, and a conflict when it
        disagrees."""
        timex = source.timex
        agrees = None
        dismissed = None
        if timex is not None:
            agrees = effective_span(timex).overlaps(self.spans[event_id])
        if agrees is False:
            for dismissal in self.dismissed.get(event_id, ()):
                if dismissal.matches(source.doc, source.quote):
                    dismissed = dismissal.reason or "reviewed by the curator"
                    break
        source.agrees = agrees
        source.dismissed = dismissed
        result.sources.setdefault(event_id, []).append(source)
        if agrees is False and timex is not None and dismissed is None:
            curated = self.curated_text[event_id]
            result.conflicts.setdefault(event_id, []).append(
                Conflict(
                    doc=source.doc,
                    start=source.start,
                    end=source.end,
                    quote=source.quote,
                    source_value=timex.value,
                    curated_value=curated,
                    message=f'{source.doc}: "{timex.text}" ({timex.value}) vs curated {curated}',
                )
            )


def reach(
    text: str, sentences: Sequence[SentenceSpan], renamed: Iterable[int]
) -> tuple[set[int], list[int]]:
    """Where new links of the sentences ``renamed`` (whose events may change) reach: the
    sentences whose links may change with theirs, and those that linking them needs, in
    order.

    :meth:`Linker.link_document` links a sentence from its own words and dates but for one
    thing: a dated sentence that names no event refers back to the last sentence before it
    that names exactly one, when no line break stands between them
    (:meth:`Linker._paragraph_topic`). So the links that may change are those of the
    ``renamed`` sentences and of the sentences after one of them with no line break between
    (``text.find`` of the next break); linking them needs these and the sentences before
    them with no line break between, the only ones they may refer back to.
    """
    changed: set[int] = set()
    for i in sorted(renamed, reverse=True):  # a later one's reach ends no earlier
        next_break = text.find("\n", sentences[i][1])
        changed.add(i)
        j = i + 1
        while j < len(sentences) and j not in changed:
            if next_break != -1 and sentences[j][0] > next_break:
                break
            changed.add(j)
            j += 1
    needed = set(changed)
    for i in sorted(changed):
        last_break = text.rfind("\n", 0, sentences[i][0])
        k = i - 1
        while k >= 0 and k not in needed and sentences[k][1] > last_break:
            needed.add(k)
            k -= 1
    return changed, sorted(needed)


# How far into a sentence a back-reference may stand, and what counts as one.
CONTEXT_REACH = 40
_ANAPHOR = re.compile(r"\b(?:it|its|this|these|they|their)\b")
_DEFINITE = re.compile(r"\b(?:the|this|that)\s+([a-z]+)")


def _prefix(key: str) -> str:
    # The stem may not be a prefix of the surface word ("suspend" / "suspension", "party" /
    # "parties", "try" / "tried"); dropping its last letter makes it one for every rule of
    # stem(), which only ever rewrites the last letter of what it keeps.
    key = re.split(f"['{RQ}]", key)[0] or key
    return key[:-1] if len(key) > 2 else key


def _curated_text(event: EventSpec) -> str:
    return f"{event.date} to {event.end}" if event.end else event.date


def _timexes_by_sentence(
    sentences: Sequence[SentenceSpan], timexes: Sequence[Timex]
) -> dict[int, list[Timex]]:
    starts = [s for s, _ in sentences]
    out: dict[int, list[Timex]] = {}
    for t in timexes:
        i = bisect_right(starts, t.start) - 1
        if i >= 0 and t.start < sentences[i][1]:
            out.setdefault(i, []).append(t)
    return out


def placeable(timex: Timex) -> bool:
    """True for a DATE or TIME whose value names days on a calendar."""
    return timex.type in ("DATE", "TIME") and span_of(timex.value) is not None


def day_value(value: str) -> str:
    """The date of a TIMEX3 value without its time of day: ``2011-02-17TNI`` -> ``2011-02-17``.

    >>> day_value("2011-02-17TNI"), day_value("2011-02")
    ('2011-02-17', '2011-02')
    """
    return value[:10] if len(value) > 10 and value[10] == "T" else value


def _dates_an_event(timex: Timex) -> bool:
    """A placeable DATE that says more than "when this was published" ("today", "this month")."""
    if timex.type != "DATE" or not placeable(timex):
        return False
    return not (timex.anchor == "publication" and timex.value == timex.anchor_value)


_LETTER = re.compile(r"[^\W\d_]")


def _has_words_besides(text: str, start: int, end: int, timexes: Sequence[Timex]) -> bool:
    """True when the sentence is more than its dates (a stray "1998" line is not an event).

    ``timexes`` are in text order, as the tagger gives them.
    """
    pos = start
    for t in timexes:
        if _LETTER.search(text, pos, t.start):
            return True
        pos = max(pos, t.end)
    return _LETTER.search(text, pos, end) is not None


def effective_span(timex: Timex | TimexRef) -> Span:
    """The days a placeable timex may refer to, widened open-ended for BEFORE/AFTER mods."""
    span = span_of(timex.value)
    assert span is not None, "only called on placeable timexes"
    if timex.mod in ("BEFORE", "ON_OR_BEFORE"):
        return Span(span.value, date.min, span.last, span.precision)
    if timex.mod in ("AFTER", "ON_OR_AFTER"):
        return Span(span.value, span.first, date.max, span.precision)
    return span


def _distance(t: Timex, spans: Sequence[tuple[int, int]]) -> int:
    return min(max(a - t.end, t.start - b, 0) for a, b in spans)


def _nearest_timex(
    timexes: Sequence[Timex], event_id: str, spans_of: dict[str, list[tuple[int, int]]]
) -> Timex | None:
    """The placeable timex nearest the event's alias match.

    When the sentence names several events, a timex belongs to the event whose match is
    nearest: in "the leaked report ... a plot to lose the 2017 general election", 2017 dates
    the election, not the report.
    """
    best: tuple[int, int, Timex] | None = None
    for t in timexes:
        if not placeable(t):
            continue
        distance = _distance(t, spans_of[event_id])
        if any(_distance(t, s) < distance for e, s in spans_of.items() if e != event_id):
            continue
        if best is None or (distance, t.start) < best[:2]:
            best = (distance, t.start, t)
    return best[2] if best is not None else None


def timex_data(timex: Timex) -> dict[str, Any]:
    """The output form of a timex as a :class:`TimexRef` validates it."""
    anchor = None
    if timex.anchor is not None:
        anchor = {"kind": timex.anchor, "value": timex.anchor_value, "start": timex.anchor_start}
    return {
        "start": timex.start,
        "end": timex.end,
        "text": timex.text,
        "value": timex.value,
        "type": timex.type,
        "mod": timex.mod,
        "anchor": anchor,
    }


def timex_ref(timex: Timex) -> TimexRef:
    """The output form of a timex (its offsets are already document offsets)."""
    anchor = None
    if timex.anchor is not None:
        anchor = Anchor(kind=timex.anchor, value=timex.anchor_value, start=timex.anchor_start)
    return TimexRef(
        start=timex.start,
        end=timex.end,
        text=timex.text,
        value=timex.value,
        type=timex.type,
        mod=timex.mod,
        anchor=anchor,
    )
