"""``timeline suggest``: events the articles date but events.yaml lacks, as ready-to-paste YAML.

Candidates come from the build (dated sentences that name no curated event, grouped by
normalised date). Where the date is coarse (a year or wider), one date groups unrelated
sentences ("a 2017 poll", "abuse in 2017"), so those groups are split again by wording:
sentences go together when they share a two-word phrase or most of their content words.
Each suggestion gets an alias (the phrase its sentences share, or the words next to the date),
a title, an id, and its quotes. Restating the publication date ("today", "now") suggests
nothing: it is when the article was written, not an event it reports.
"""

from __future__ import annotations

import itertools
import math
import re
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .dates import Span, human_date, span_of
from .engine import LOCAL, Engine
from .errors import TimelineError
from .events_file import append_events, load_events, render_entries
from .extract import Extraction
from .link import STOP_WORDS, Alias, folded, stem, tokens, word_stems
from .merge import trim_title
from .models import CorpusSource, Document, TimelineEvent
from .pipeline import ProgressFn, WarnFn, run_pipeline
from .store import Store

COARSE = frozenset({"year", "decade", "century"})
# Words and single punctuation marks: punctuation ends a phrase.
_TOKEN = re.compile(r"[^\W\d_](?:[^\W\d_]|['\u2019-])*|\d+|[^\w\s]")
# Function words that do not name anything, on top of the linker's stop words.
FUNCTION_WORDS = STOP_WORDS | frozenset(
    """
    has have had having do does did done shows show showed says said say would could will
    can may might must should shall since between during after before until while when which
    who whom whose what where why how so than then also just very more most much many such
    only over under up out again once here all any both each few other some own same too
    """.split()  # noqa: SIM905 - a word list reads better as words
)
QUOTE_LENGTH = 160
BEST_QUOTES = 3  # quotes shown under each of the --top dates


@dataclass
class Suggestion:
    """One proposed event with the corpus sentences behind it."""

    id: str
    title: str
    date: str
    mod: str | None
    alias: str | None
    sources: list[CorpusSource]
    salience: float = 0.0
    # (sentences, documents) behind the date when only its best quotes are kept in sources
    totals: tuple[int, int] | None = None

    @property
    def documents(self) -> list[str]:
        """The distinct documents that support it, sorted."""
        return sorted({s.doc for s in self.sources})

    def entry(self) -> dict[str, Any]:
        """The events.yaml entry, marked as an unreviewed candidate."""
        docs = self.documents
        entry: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "date": self.date,
        }
        if self.mod in ("APPROX", "START", "MID", "END", "BEFORE", "AFTER"):
            entry["mod"] = self.mod
        entry["status"] = "candidate"
        if self.alias:
            entry["aliases"] = [self.alias]
        if self.totals is None:
            n, where = len(self.sources), f"{_count(len(docs), 'document')} ({', '.join(docs)})"
        else:
            n, where = self.totals[0], _count(self.totals[1], "document")
        entry["summary"] = (
            f"Suggested from {_count(n, 'sentence')} in {where}; "
            "review it, then delete the status line."
        )
        return entry


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


@dataclass
class SuggestResult:
    """What ``timeline suggest`` prints (YAML on stdout, a summary on stderr)."""

    suggestions: list[Suggestion] = field(default_factory=list)
    yaml: str = ""
    summary: str = ""


def _content(text: str) -> list[str]:
    return [st for _, st in _surface_words(text) if st]


def _without_timex(source: CorpusSource) -> str:
    """The quote with its date phrase blanked, so that the date itself is not shared wording."""
    if source.timex is None:
        return source.quote
    a = source.timex.start - source.start
    b = source.timex.end - source.start
    return source.quote[:a] + " " * (b - a) + source.quote[b:]


def _bigrams(words: Sequence[str]) -> set[tuple[str, str]]:
    return set(itertools.pairwise(words))


def _alike(a: list[str], b: list[str]) -> bool:
    if _bigrams(a) & _bigrams(b):
        return True
    sa, sb = set(a), set(b)
    return bool(sa and sb) and len(sa & sb) / len(sa | sb) >= 0.5


def split_by_wording(sources: list[CorpusSource]) -> list[list[CorpusSource]]:
    """Group sentences that share wording (input order kept).

    Two sentences go together when they share a two-word phrase or most of their content
    words (:func:`_alike`), and groups are closed under that. Only the pairs that can be alike
    are compared: those sharing a phrase are joined through an index of phrases, and for "most
    words" two sets whose Jaccard overlap reaches one half must share one of the rarest
    ``n - ceil(n / 2) + 1`` words of each (prefix filtering), so only sentences sharing such a
    word are compared. The groups are those of comparing every pair.
    """
    words = [_content(_without_timex(s)) for s in sources]
    groups = _UnionFind(len(sources))
    first_with: dict[tuple[str, str], int] = {}
    for i, seq in enumerate(words):
        for bigram in _bigrams(seq):
            groups.join(first_with.setdefault(bigram, i), i)
    for i, j in _overlap_pairs([set(seq) for seq in words]):
        groups.join(i, j)
    out: dict[int, list[CorpusSource]] = {}
    for i, source in enumerate(sources):
        out.setdefault(groups.find(i), []).append(source)
    return list(out.values())


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _overlap_pairs(sets: Sequence[set[str]]) -> Iterator[tuple[int, int]]:
    """The pairs of ``sets`` whose Jaccard overlap is at least one half."""
    frequency = Counter(w for words in sets for w in words)
    seen_with: dict[str, list[int]] = {}
    for j, words in enumerate(sets):
        if not words:
            continue
        ordered = sorted(words, key=lambda w: (frequency[w], w))
        prefix = ordered[: len(ordered) - math.ceil(len(ordered) / 2) + 1]
        tried: set[int] = set()
        for w in prefix:
            for i in seen_with.get(w, ()):
                if i not in tried:
                    tried.add(i)
                    if len(sets[i] & words) * 2 >= len(sets[i] | words):
                        yield i, j
            seen_with.setdefault(w, []).append(j)


def _surface_words(text: str) -> list[tuple[str, str]]:
    """(surface, stem) of every token; function words and punctuation get an empty stem."""
    out = []
    for w in _TOKEN.findall(text):
        plain = w.lower()
        keep = w[0].isalnum() and plain not in FUNCTION_WORDS and not w.isdigit()
        out.append((w, stem(w) if keep else ""))
    return out


def shared_phrase(sources: Sequence[CorpusSource]) -> str | None:
    """The first run of two content words that every sentence contains ("YouGov poll")."""
    if len(sources) < 2:
        return None
    sequences = [_surface_words(_without_timex(s)) for s in sources]
    others = [[st for _, st in seq] for seq in sequences[1:]]
    first = sequences[0]
    for n in (2,):
        for i in range(len(first) - n + 1):
            run = first[i : i + n]
            if any(st == "" for _, st in run):
                continue
            stems = [st for _, st in run]
            if all(_contains(seq, stems) for seq in others):
                return " ".join(w for w, _ in run)
    return None


def _contains(seq: list[str], run: list[str]) -> bool:
    n = len(run)
    return any(seq[i : i + n] == run for i in range(len(seq) - n + 1))


def words_near_date(source: CorpusSource, limit: int = 2) -> str | None:
    """The content words right after the date ("2017 YouGov poll"), else right before it."""
    if source.timex is None:
        return None
    after = source.quote[source.timex.end - source.start :]
    before = source.quote[: source.timex.start - source.start]
    taken = []
    for w, st in _surface_words(after)[:limit]:
        if not st:
            break
        taken.append(w)
    if taken:
        return " ".join(taken)
    taken = []
    for w, st in reversed(_surface_words(before)[-limit - 1 :]):
        if not st:
            if taken:
                break
            continue
        taken.insert(0, w)
    return " ".join(taken) if taken else None


def _title(source: CorpusSource, alias: str | None) -> str:
    """ "2017 YouGov poll" when the alias follows the date phrase, else the alias or the quote."""
    if alias is None:
        return trim_title(source.quote, 70)
    timex = source.timex
    if timex is not None:
        after = source.quote[timex.end - source.start :].lstrip(" '\u2019s")
        if after.lower().startswith(alias.lower()):
            return f"{timex.text} {alias}"
    return alias


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", folded(text)).strip("-")
    return "-".join(slug.split("-")[:6]) or "event"


def _restates_publication(source: CorpusSource) -> bool:
    timex = source.timex
    return (
        timex is not None
        and timex.anchor is not None
        and timex.anchor.kind == "publication"
        and timex.value == timex.anchor.value
    )


class SentenceIndex:
    """Every sentence of the corpus, to check that a proposed alias names only its own.

    The word stems of every sentence are indexed on first use (sentence numbers in compact
    arrays, in corpus order), so that an alias is checked only against the sentences that
    hold all its stems.
    """

    def __init__(self, docs: Sequence[Document], extractions: Sequence[Extraction]) -> None:
        self._docs = docs
        self._extractions = extractions
        self._where: list[tuple[int, int, int]] = []  # (document, start, end) per sentence
        self._by_stem: dict[str, array[int]] | None = None

    def _postings(self) -> dict[str, array[int]]:
        if self._by_stem is None:
            self._by_stem = {}
            for i, (doc, ext) in enumerate(zip(self._docs, self._extractions, strict=True)):
                for a, b in ext.sentences:
                    n = len(self._where)
                    self._where.append((i, a, b))
                    for key in word_stems(doc.text[a:b]):
                        self._by_stem.setdefault(key, array("I")).append(n)
        return self._by_stem

    def sentences_with(self, stems: Sequence[str]) -> Iterator[tuple[str, int, str]]:
        """``(doc id, start, text)`` of every sentence with a word of each of ``stems``."""
        index = self._postings()
        empty: array[int] = array("I")
        rarest, *others = sorted((index.get(s, empty) for s in stems), key=len)
        for n in rarest:
            if all(_holds(other, n) for other in others):
                i, a, b = self._where[n]
                doc = self._docs[i]
                yield doc.id, a, doc.text[a:b]


def _holds(sorted_numbers: array[int], n: int) -> bool:
    at = bisect_left(sorted_numbers, n)
    return at < len(sorted_numbers) and sorted_numbers[at] == n


def index_sentences(docs: Sequence[Document], extractions: Sequence[Extraction]) -> SentenceIndex:
    """Every sentence of the corpus, to check that a proposed alias names only its own."""
    return SentenceIndex(docs, extractions)


def is_specific(alias: str, group: Sequence[CorpusSource], sentences: SentenceIndex) -> bool:
    """True when ``alias`` has two content words and matches no sentence outside ``group``.

    An alias that also matches other sentences ("Jeremy Corbyn") would pull them into the
    new event on the next build, so it is not proposed.
    """
    compiled = Alias.compile("suggestion", alias)
    if compiled is None or len(compiled.stems) < 2:
        return False
    own = {(s.doc, s.start) for s in group}
    for doc, start, text in sentences.sentences_with(compiled.stems):
        if (doc, start) in own:
            continue
        positions: dict[str, list[int]] = {}
        for k, (st, _, _) in enumerate(tokens(text)):
            positions.setdefault(st, []).append(k)
        if compiled.match(positions) is not None:
            return False
    return True


def choose_alias(
    group: Sequence[CorpusSource], sentences: SentenceIndex
) -> tuple[str | None, bool]:
    """A two-word alias that names exactly this group's sentences in the corpus.

    Returns the alias and whether it names the thing dated (shared wording or the words next
    to the date) rather than just being two words the sentence happens to contain.

    Tried in order: a phrase every sentence shares, the words right after (or before) the
    date, then any two adjacent content words of the first sentence. Every suggestion needs
    one: without it, the new event would link nothing and its sentences would come back as
    candidates on the next build.
    """
    tried = [shared_phrase(group), words_near_date(group[0])]
    words = _surface_words(_without_timex(group[0]))
    tried += [f"{a} {b}" for (a, sa), (b, sb) in itertools.pairwise(words) if sa and sb]
    for i, alias in enumerate(tried):
        if alias is not None and is_specific(alias, group, sentences):
            return alias, i < 2
    return None, False


def build_suggestions(
    candidates: Sequence[TimelineEvent],
    taken_ids: set[str],
    sentences: SentenceIndex,
    min_docs: int = 1,
) -> list[Suggestion]:
    """Suggestions from the build's candidate events, ranked by distinct documents, then
    sentences, then salience; a group of sentences from fewer than ``min_docs`` documents
    suggests nothing."""
    out: list[Suggestion] = []
    taken = set(taken_ids)
    for event in candidates:
        sources = [
            s for s in event.sources if isinstance(s, CorpusSource) and not _restates_publication(s)
        ]
        if not sources:
            continue
        groups = split_by_wording(sources) if event.date.precision in COARSE else [sources]
        for group in groups:
            if len({s.doc for s in group}) < min_docs:
                continue
            alias, names_it = choose_alias(group, sentences)
            label = _title(group[0], alias if names_it else None)
            title = trim_title(label[:1].upper() + label[1:], 80)
            out.append(
                Suggestion(
                    _unique_id(alias, event.date.value, taken),
                    title,
                    event.date.value,
                    event.date.mod,
                    alias,
                    list(group),
                    salience=event.salience or 0.0,
                )
            )
    out.sort(key=lambda s: (-len(s.documents), -len(s.sources), -s.salience, s.date, s.id))
    return out


def _unique_id(alias: str | None, date_value: str, taken: set[str]) -> str:
    """``alias-date`` as an id not in ``taken`` (``-2``, ``-3``... added), which it joins."""
    base = f"{_slug(alias) if alias else 'event'}-{_slug(date_value)}"
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    taken.add(ident)
    return ident


def most_salient(candidates: Sequence[TimelineEvent]) -> list[TimelineEvent]:
    """Candidates by salience, highest first (ties: more documents, then date order)."""
    return sorted(
        candidates, key=lambda e: (-(e.salience or 0.0), -(e.documents or 0), e.date.start, e.id)
    )


def top_suggestions(
    candidates: Sequence[TimelineEvent], taken_ids: set[str], sentences: SentenceIndex
) -> list[Suggestion]:
    """One suggestion per candidate date, in the order given: titled by its most
    representative sentence, with its :data:`BEST_QUOTES` best quotes."""
    out: list[Suggestion] = []
    taken = set(taken_ids)
    for event in candidates:
        sources = [s for s in event.sources if isinstance(s, CorpusSource)]
        alias, _ = choose_alias(sources, sentences)
        title = trim_title(sources[0].quote, 80)
        ident = _unique_id(alias, event.date.value, taken)
        totals = (event.sentences or len(sources), event.documents or len({s.doc for s in sources}))
        out.append(
            Suggestion(
                ident,
                title,
                event.date.value,
                event.date.mod,
                alias,
                sources[:BEST_QUOTES],
                salience=event.salience or 0.0,
                totals=totals,
            )
        )
    return out


def _in_range(span: Span, lo: Span | None, hi: Span | None) -> bool:
    return (lo is None or span.last >= lo.first) and (hi is None or span.first <= hi.last)


def _bound(text: str | None, option: str) -> Span | None:
    """The days of a --from/--to bound: a TIMEX3 value, or a date written out in any language
    ("March 2016", "27. Juni 2016") at the precision written."""
    from .temporal.date_strings import read_date_string

    if text is None:
        return None
    span = span_of(text.strip()) or span_of(read_date_string(text) or "")
    if span is None:
        raise TimelineError(
            f"{option} {text!r} is not a date (use 2016, 2016-06, 2016-06-27 or June 2016)"
        )
    return span


def render_suggestions(suggestions: Sequence[Suggestion]) -> str:
    """Ready-to-paste YAML: each entry preceded by comments with its quotes."""
    chunks = []
    for s in suggestions:
        docs = s.totals[1] if s.totals is not None else len(s.documents)
        lines = [
            f"# {human_date(s.date, s.mod)}: {_count(docs, 'document')}, salience {s.salience:g}"
        ]
        for source in s.sources:
            quote = trim_title(source.quote, QUOTE_LENGTH)
            where = " (reader comment)" if source.section == "comment" else ""
            lines.append(f'#   {source.doc}{where}: "{quote}"')
        chunks.append("\n".join(lines) + "\n" + render_entries([s.entry()]))
    return "\n".join(chunks)


def suggest_events(
    corpus_dir: Path,
    events_path: Path,
    *,
    min_docs: int = 1,
    date_from: str | None = None,
    date_to: str | None = None,
    write: bool = False,
    top: int | None = None,
    cache_dir: Path | None = None,
    engine: Engine = LOCAL,
    progress: ProgressFn | None = None,
    warn: WarnFn | None = None,
) -> SuggestResult:
    """Propose candidate events; with ``write`` append them to events.yaml (status: candidate).

    With ``top``, the ``top`` most salient candidate dates, one suggestion each, instead of
    every candidate split by wording.
    """
    lo, hi = _bound(date_from, "--from"), _bound(date_to, "--to")
    specs = load_events(Path(events_path))
    with Store(cache_dir, warn=warn) as store:
        built = run_pipeline(
            Path(corpus_dir),
            specs,
            store=store,
            engine=engine,
            progress=progress,
            warn=warn,
            with_extractions=True,
            max_candidate_sources=None,
        )
    timeline, docs, extractions = built.timeline, built.docs, built.extractions
    assert extractions is not None
    spec_ids = {s.id for s in specs}
    candidates = [e for e in timeline.events if e.kind == "candidate" and e.id not in spec_ids]
    candidates = [e for e in candidates if _in_range(_span(e.date.value), lo, hi)]
    sentences = index_sentences(docs, extractions)
    if top is not None:
        chosen = [e for e in most_salient(candidates) if (e.documents or 0) >= min_docs]
        suggestions = top_suggestions(chosen[:top], spec_ids, sentences)
    else:
        suggestions = build_suggestions(candidates, spec_ids, sentences, min_docs)
    result = SuggestResult(suggestions, render_suggestions(suggestions))
    n = len(suggestions)
    noun = "suggestion" if n == 1 else "suggestions"
    if write and suggestions:
        append_events(Path(events_path), [s.entry() for s in suggestions])
        result.summary = (
            f"Appended {n} {noun} to {events_path} as status: candidate "
            f"(the old file is kept as {events_path}.bak)."
        )
    else:
        result.summary = f"{n} {noun}." + (
            " Add --write to append them to events.yaml." if suggestions else ""
        )
    return result


def _span(value: str) -> Span:
    span = span_of(value)
    assert span is not None  # candidates only carry placeable dates
    return span
