"""The link stage, memoised: what linking found in each document, so that an events.yaml edit
relinks only the documents it can change.

Which sentences of a document name which event depends on the document's text, its
extraction and the *aliases* of the curated events (an event's title and ``aliases``) — not
on an event's date, tags or dismissals. So each document's links are stored as a skeleton
(sentence offsets and sections, the event each source belongs to, the timexes they use, and
:class:`Facts`), with the alias set it was linked against; at the next build:

- an event whose title and aliases are unchanged needs no relinking anywhere: its sources'
  agreement with the curated date, dismissals and conflicts are recomputed from the skeleton
  with the current events (that is cheap), so editing a date or a dismissal relinks nothing;
- an event added, removed or with new aliases can only change documents whose text contains
  every word of one of its aliases (old or new, as the prefixes the linker looks for): only
  those are linked again;
- a document rebuilt from its skeleton needs no extraction at all.

A skeleton also keeps what the document's dated sentences offer the merge: their mentions
weighed (``timeline.evidence``), so that a rebuild weighs nothing again.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, Literal

from . import extract
from .evidence import Weighed, comment_states, weigh
from .extract import CODE_MODULES as EXTRACT_MODULES
from .extract import Extraction, new_stored_timex, timex_row, timexes_from_rows
from .link import (
    Alias,
    DatedSentence,
    DocumentLinks,
    Linker,
    Section,
    SentenceSpan,
    Timex,
    folded,
    reach,
)
from .models import CorpusSource, Document, EventSpec
from .salience import publication_day
from .store import Store, code_digest, input_digest

STAGE = "link"
ALIASES = "aliases"  # the alias sets skeletons were linked against, by digest
# The alias set a skeleton was last found to fit (linked against an older one, it was not
# touched by what changed since), so that an alias edit is checked against each document once.
FITS = "link-fits"
CODE_MODULES = (
    *EXTRACT_MODULES,
    "timeline.models",
    "timeline.relink",
    "timeline.evidence",
    "timeline.salience",
)
_SECTIONS: tuple[Section, Section] = ("body", "comment")
_dated = partial(tuple.__new__, DatedSentence)  # no Python call per sentence
_VIA: tuple[Literal["alias"], Literal["context"]] = ("alias", "context")


def link_code() -> str:
    """The digest of the link stage's code (the extraction's included: a skeleton holds it)."""
    return code_digest(*CODE_MODULES)


@dataclass(frozen=True, slots=True)
class Facts:
    """What a build needs of a document's extraction besides its links."""

    dct: str | None
    dct_estimated: bool
    timexes: int

    @classmethod
    def of(cls, extraction: Extraction) -> Facts:
        """The facts of an extraction at hand."""
        return cls(extraction.dct, extraction.dct_estimated, len(extraction.timexes))


@dataclass(frozen=True, slots=True)
class Linked:
    """One document linked: its links, its facts, and what its dated sentences offer the
    merge (their weighed mentions)."""

    links: DocumentLinks
    facts: Facts
    weights: list[Weighed]


def link_key(doc: Document, extraction_key: str) -> str:
    """The digest of the link stage's input, the aliases aside (see the module docstring)."""
    return input_digest(doc.id, extraction_key)


def alias_set(specs: Sequence[EventSpec]) -> dict[str, list[Any]]:
    """Per event, what decides which sentences name it (a digest of its title and aliases)
    and, for each of its compiled aliases, the lowercase prefixes every sentence it matches
    contains."""
    out: dict[str, list[Any]] = {}
    for spec in specs:
        groups = sorted({alias.prefixes for alias in Linker([spec]).aliases})
        out[spec.id] = [
            input_digest(json.dumps([spec.title, spec.aliases])),
            [list(g) for g in groups],
        ]
    return out


def changed_aliases(old: dict[str, list[Any]], new: dict[str, list[Any]]) -> list[list[str]]:
    """The prefix groups of every alias of an event added, removed or with other aliases."""
    changed: set[tuple[str, ...]] = set()
    for event_id in old.keys() | new.keys():
        before, after = old.get(event_id), new.get(event_id)
        if before is None or after is None or before[0] != after[0]:
            for entry in (before, after):
                if entry is not None:
                    changed.update(tuple(g) for g in entry[1])
    return [list(g) for g in sorted(changed)]


def renamed_events(old: dict[str, list[Any]], new: dict[str, list[Any]]) -> set[str]:
    """The events added, removed or with other aliases."""
    return {
        event
        for event in old.keys() | new.keys()
        if event not in old or event not in new or old[event][0] != new[event][0]
    }


def read_alias_set(data: Any) -> dict[str, list[Any]]:
    """A stored alias set; raises ValueError when malformed."""
    if not isinstance(data, dict) or not all(
        isinstance(v, list)
        and len(v) == 2
        and isinstance(v[1], list)
        and all(isinstance(g, list) and all(isinstance(p, str) for p in g) for g in v[1])
        for v in data.values()
    ):
        raise ValueError("malformed alias set")
    return data


def read_set_id(data: Any) -> str:
    """A stored alias set id; raises ValueError when malformed."""
    if not isinstance(data, str):
        raise ValueError("malformed alias set id")
    return data


def read_skeleton(data: Any) -> dict[str, Any]:
    """A stored skeleton, its timex rows checked; raises ValueError when malformed."""
    if not isinstance(data, dict) or not isinstance(data.get("a"), str):
        raise ValueError("malformed skeleton")
    try:
        dct, _, count = data["f"]
        if not (dct is None or isinstance(dct, str)) or not isinstance(count, int):
            raise ValueError("malformed skeleton")
        timexes_from_rows(data["t"])
        if not isinstance(data["u"], list) or not isinstance(data["s"], list):
            raise ValueError("malformed skeleton")
        if not isinstance(data["w"], list):
            raise ValueError("malformed skeleton")
    except (KeyError, TypeError) as e:
        raise ValueError("malformed skeleton") from e
    return data


def touched(text: str, groups: Sequence[Sequence[str]]) -> bool:
    """True when ``text`` may hold a sentence one of the aliases of ``groups`` matches: it
    has every prefix of the alias at the start of a word (a superset test: a word an alias
    matches starts with its stem's prefix, after an elided article at most, as in
    "l'élection", and the apostrophe starts a word too)."""
    if not groups:
        return False
    lowered = folded(text)
    if len(lowered) != len(text):  # a character lowercased to two: offsets shift, be safe
        return True
    return any(all(_starts_a_word(lowered, p) for p in group) for group in groups)


def _starts_a_word(text: str, prefix: str) -> bool:
    at = text.find(prefix)
    while at != -1:
        if at == 0 or not text[at - 1].isalnum():
            return True
        at = text.find(prefix, at + 1)
    return False


def skeleton_of(
    links: DocumentLinks,
    timexes: Sequence[Timex],
    facts: Facts,
    aliases: str,
    weights: Sequence[Weighed],
) -> dict[str, Any]:
    """The compact, JSON-ready form of ``links``: offsets, and the rows of the timexes they use
    (so that rebuilding them needs no extraction); and the ``weights`` of the dated
    sentences' mentions."""
    index = {t.start: i for i, t in enumerate(timexes)}
    used: dict[int, int] = {}  # index in timexes -> index in the stored rows

    def row(start: int) -> int:  # the stored row of the timex starting at ``start``
        return used.setdefault(index[start], len(used))

    unlinked = [
        [d.start, d.end, _SECTIONS.index(d.section), [row(t.start) for t in d.timexes]]
        for d in links.unlinked
    ]
    sources = [
        [
            event_id,
            s.start,
            s.end,
            _SECTIONS.index(s.section),
            -1 if s.timex is None else row(s.timex.start),
            _VIA.index(s.via),
        ]
        for event_id, found in links.sources.items()
        for s in found
    ]
    rows = [timex_row(timexes[i]) for i in used]
    mentions = [[list(m) for m in weighed] for weighed in weights]
    return {
        "a": aliases,
        "f": [facts.dct, facts.dct_estimated, facts.timexes],
        "t": rows,
        "u": unlinked,
        "s": sources,
        "w": mentions,
    }


def from_skeleton(linker: Linker, doc: Document, skeleton: dict[str, Any]) -> Linked | None:
    """The links and facts of ``doc`` rebuilt from its skeleton; None when it does not fit."""
    result = DocumentLinks()
    text, doc_id = doc.text, doc.id
    try:
        dct, estimated, count = skeleton["f"]
        timexes = tuple(map(new_stored_timex, skeleton["t"]))  # checked by read_skeleton
        result.unlinked = [
            _dated(
                (
                    doc_id,
                    start,
                    end,
                    _SECTIONS[section],
                    text[start:end],
                    tuple([timexes[i] for i in idx]),
                )
            )
            for start, end, section, idx in skeleton["u"]
        ]
        for event_id, start, end, section, i, via in skeleton["s"]:
            if event_id not in linker.spans:
                return None
            timex = timexes[i] if i >= 0 else None
            linker.add_source(
                result, doc, (start, end), _SECTIONS[section], event_id, timex, _VIA[via]
            )
        weights = [[(int(i), float(w)) for i, w in weighed] for weighed in skeleton["w"]]
        if len(weights) != len(result.unlinked):
            return None
    except (KeyError, TypeError, ValueError, IndexError):
        return None
    return Linked(result, Facts(dct, bool(estimated), count), weights)


def spliced(
    linking: Linking,
    finder: Linker,
    renamed: set[str],
    given: tuple[Document, Extraction, dict[str, Any]],
) -> tuple[Linked, dict[str, Any] | None] | None:
    """The links of a document after an alias edit, from those it had (``given``: the
    document, its extraction and the skeleton of its links before the edit), and their
    skeleton (None: the links are those of the skeleton given). Only the sentences whose
    links the edit may change are linked again (see :func:`timeline.link.reach`): those
    that may name an event of ``renamed`` (the events added, removed or with other aliases)
    after the edit (an alias of ``finder``, those events', matches them) or named one
    before it (they are its sources). The result is the document linked afresh; None
    when the skeleton does not fit the extraction."""
    doc, extraction, skeleton = given
    if len(skeleton["u"]) != len(skeleton["w"]):
        return None
    sentences = extraction.sentences
    index = {start: i for i, (start, _) in enumerate(sentences)}
    try:
        were = {index[start] for event_id, start, *_ in skeleton["s"] if event_id in renamed}
    except KeyError:
        return None
    may_name = _naming(finder, doc.text, sentences)
    if not were and not may_name:  # named by no event renamed, before or after: as it was
        kept = from_skeleton(linking.linker, doc, skeleton)
        return None if kept is None else (kept, None)
    changed, needed = reach(doc.text, sentences, were | may_name)
    part = linking.linker.link_document(doc, [sentences[i] for i in needed], extraction.timexes)
    if not were and renamed.isdisjoint(part.sources):  # named by no event renamed: as it was
        kept = from_skeleton(linking.linker, doc, skeleton)
        return None if kept is None else (kept, None)
    starts = {sentences[i][0] for i in changed}
    kept = from_skeleton(linking.linker, doc, _outside(skeleton, starts))
    if kept is None:
        return None
    links = DocumentLinks()
    links.unlinked = sorted(
        [*kept.links.unlinked, *(d for d in part.unlinked if d.start in starts)], key=_start
    )
    found = [(s, e) for e, given_ in kept.links.sources.items() for s in given_]
    found += [(s, e) for e, made in part.sources.items() for s in made if s.start in starts]
    for source, event_id in sorted(found, key=_source_start):
        linking.linker.judge(links, event_id, source)
    published = doc.meta.published if doc.meta.published is not None else kept.facts.dct
    weights = weigh(links.unlinked, publication_day(published), _known_weights(doc, skeleton))
    made = skeleton_of(links, extraction.timexes, kept.facts, linking.aliases_id, weights)
    return Linked(links, kept.facts, weights), made


def _naming(finder: Linker, text: str, sentences: Sequence[SentenceSpan]) -> set[int]:
    """The sentences an alias of ``finder`` may match: of those holding one of its key
    words, those holding every prefix of one of its aliases (as :meth:`Linker.find_aliases`
    requires before it looks at the words)."""
    keyed = finder.candidate_sentences(text, sentences)
    return {
        i
        for i in keyed
        if _may_match(finder.aliases, folded(text[sentences[i][0] : sentences[i][1]]))
    }


def _may_match(aliases: Sequence[Alias], lowered: str) -> bool:
    return any(all(p in lowered for p in alias.prefixes) for alias in aliases)


def _outside(skeleton: dict[str, Any], starts: set[int]) -> dict[str, Any]:
    """``skeleton`` without the sentences starting at ``starts``."""
    unlinked = [
        (u, w) for u, w in zip(skeleton["u"], skeleton["w"], strict=True) if u[0] not in starts
    ]
    return skeleton | {
        "u": [u for u, _ in unlinked],
        "w": [w for _, w in unlinked],
        "s": [s for s in skeleton["s"] if s[1] not in starts],
    }


def _known_weights(doc: Document, skeleton: dict[str, Any]) -> dict[tuple[int, bool], Weighed]:
    """The weighed mentions of a skeleton's dated sentences, by start and comment state (see
    :func:`timeline.evidence.weigh`)."""
    text = doc.text
    states = comment_states(text[start:end] for start, end, *_ in skeleton["u"])
    return {
        (u[0], comments): [(int(i), float(w)) for i, w in weighed]
        for u, comments, weighed in zip(skeleton["u"], states, skeleton["w"], strict=True)
    }


def _start(sentence: DatedSentence) -> int:
    return sentence.start


def _source_start(found: tuple[CorpusSource, str]) -> int:
    return found[0].start


@dataclass(frozen=True, slots=True)
class Linking:
    """What linking a document afresh needs, in any process (it pickles): the curated events
    compiled, and the id of their alias set."""

    linker: Linker
    aliases_id: str

    def linked(self, doc: Document, extraction: Extraction) -> tuple[Linked, dict[str, Any]]:
        """``doc`` linked afresh, and its skeleton."""
        found = self.linker.link_document(doc, extraction.sentences, extraction.timexes)
        facts = Facts.of(extraction)
        published = doc.meta.published if doc.meta.published is not None else facts.dct
        weights = weigh(found.unlinked, publication_day(published))
        skeleton = skeleton_of(found, extraction.timexes, facts, self.aliases_id, weights)
        return Linked(found, facts, weights), skeleton


class LinkPlan:
    """The links of a build: which documents their stored skeletons give, which to link."""

    def __init__(self, store: Store, specs: Sequence[EventSpec], linker: Linker) -> None:
        self.store = store
        self.specs = specs
        self.linker = linker
        self.code = link_code()
        self.aliases = alias_set(specs)
        self.aliases_id = input_digest(json.dumps(self.aliases, sort_keys=True))
        self.linking = Linking(linker, self.aliases_id)
        self._changed: dict[str, list[list[str]] | None] = {self.aliases_id: []}
        self.pending: list[tuple[str, Any, Any]] = []
        self.fits: list[tuple[str, Any, Any]] = []  # skeletons now known to fit these aliases

    def reuse(self, docs: Sequence[Document], keys: Sequence[str]) -> list[Linked | None]:
        """Per document, its links rebuilt from the store, or None to link it again."""
        stored = self.store.get_many(STAGE, self.code, keys, read_skeleton)
        fits = self.store.get_many(FITS, self.code, list(stored), read_set_id)
        set_of = {key: fits.get(key, skeleton["a"]) for key, skeleton in stored.items()}
        wanted = set(set_of.values()) - self._changed.keys()
        if wanted:
            sets = self.store.get_many(ALIASES, self.code, sorted(wanted), read_alias_set)
            for set_id in wanted:
                old = sets.get(set_id)
                self._changed[set_id] = (
                    changed_aliases(old, self.aliases) if old is not None else None
                )
        out: list[Linked | None] = []
        for doc, key in zip(docs, keys, strict=True):
            skeleton = stored.get(key)
            rebuilt = None
            if skeleton is not None:
                changed = self._changed.get(set_of[key])
                if changed is not None and not touched(doc.text, changed):
                    rebuilt = from_skeleton(self.linker, doc, skeleton)
                if rebuilt is not None and set_of[key] != self.aliases_id:
                    self.fits.append((key, self.aliases_id, self.aliases_id))
            out.append(rebuilt)
        return out

    def splice(
        self, docs: Sequence[Document], keys: Sequence[str]
    ) -> tuple[dict[str, Linked], set[str]]:
        """The links after an alias edit of the documents (and their extraction keys) whose
        stored skeleton and extraction :func:`spliced` makes them from, by id, and the ids
        of those whose links the edit did not change. The skeletons made are stored at the
        next :meth:`flush`. A document left out is to be linked in full: the store does not
        hold what it needs, or it was linked against an alias set the store no longer
        holds."""
        link_keys = [link_key(doc, key) for doc, key in zip(docs, keys, strict=True)]
        stored = self.store.get_many(STAGE, self.code, link_keys, read_skeleton)
        fits = self.store.get_many(FITS, self.code, list(stored), read_set_id)
        set_of = {key: fits.get(key, skeleton["a"]) for key, skeleton in stored.items()}
        sets = self.store.get_many(ALIASES, self.code, sorted(set(set_of.values())), read_alias_set)
        code = code_digest(*extract.CODE_MODULES)
        extractions = self.store.get_many(extract.STAGE, code, keys, Extraction.from_json)
        finders: dict[str, tuple[Linker, set[str]]] = {}
        for set_id, aliases in sets.items():
            renamed = renamed_events(aliases, self.aliases)
            finders[set_id] = Linker([s for s in self.specs if s.id in renamed]), renamed
        made: dict[str, Linked] = {}
        same: set[str] = set()
        for doc, key, link_at in zip(docs, keys, link_keys, strict=True):
            skeleton, extraction = stored.get(link_at), extractions.get(key)
            finder = finders.get(set_of.get(link_at, ""))
            if skeleton is None or extraction is None or finder is None:
                continue
            found = spliced(self.linking, *finder, (doc, extraction, skeleton))
            if found is None:
                continue
            made[doc.id] = found[0]
            if found[1] is None:
                same.add(doc.id)
                if set_of[link_at] != self.aliases_id:
                    self.fits.append((link_at, self.aliases_id, self.aliases_id))
            else:
                self._keep(link_at, found[1])
        return made, same

    def link(self, doc: Document, key: str, extraction: Extraction) -> Linked:
        """Link one document afresh; its skeleton is stored at the next :meth:`flush`."""
        linked, skeleton = self.linking.linked(doc, extraction)
        self._keep(key, skeleton)
        return linked

    def adopt(self, doc: Document, key: str, skeleton: dict[str, Any]) -> Linked | None:
        """The links of one document from the skeleton :attr:`linking` made of it in a worker,
        stored at the next :meth:`flush`; None when it does not fit."""
        linked = from_skeleton(self.linker, doc, skeleton)
        if linked is not None:
            self._keep(key, skeleton)
        return linked

    def _keep(self, key: str, skeleton: dict[str, Any]) -> None:
        self.pending.append((key, skeleton, skeleton))
        self.fits.append((key, self.aliases_id, self.aliases_id))

    def flush(self) -> None:
        """Store the skeletons linked since the last flush."""
        if self.pending:
            self.store.put_many(STAGE, self.code, self.pending)
            self.pending = []

    def finish(self, keys: Sequence[str]) -> None:
        """Store what is left and the alias set, and drop what the corpus no longer needs
        (every skeleton kept fits the current alias set: the others are not needed)."""
        self.keep()
        self.store.keep_only(STAGE, self.code, keys, all_stored=True)
        self.store.keep_only(FITS, self.code, keys)
        self.store.keep_only(ALIASES, self.code, [self.aliases_id])

    def keep(self) -> None:
        """Store what is left and the alias set, dropping nothing (some documents of the
        corpus were linked)."""
        self.flush()
        self.store.put_many(FITS, self.code, self.fits)
        self.fits = []
        self.store.put_many(ALIASES, self.code, [(self.aliases_id, self.aliases, self.aliases)])
