"""The link cache: what linking found in each document, so that an events.yaml edit relinks
only the documents it can change.

Which sentences of a document name which event depends on the document's text, its
extraction (sentences and timexes) and the *aliases* of the curated events (an event's title
and ``aliases``) — not on an event's date, tags or dismissals. So each document's links are
stored as a skeleton (sentence offsets and sections, the event each source belongs to, the
timexes they use, and the facts a build needs: the publication date used and the number of
timexes), and at the next build:

- an event whose title and aliases are unchanged needs no relinking anywhere: its sources'
  agreement with the curated date, dismissals and conflicts are recomputed from the skeleton
  with the current events (that is cheap), so editing a date or a dismissal relinks nothing;
- an event added, removed or with new aliases can only change documents whose text contains
  the key word of one of its aliases (old or new): only those are linked again;
- a document rebuilt from its skeleton needs nothing from the extraction cache, so a build
  reads the extractions of the relinked documents only.

Stored as ``links.json`` in the cache folder, written through a temporary file and a rename;
a missing, corrupt or outdated file (another version of the linking code) means every
document is linked again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import Any, Literal

from pydantic_core import from_json, to_json

from .cache import Extraction, new_cached_timex, timex_row, timexes_from_rows
from .fileio import replace_file
from .link import DatedSentence, DocumentLinks, Linker, Section, Timex
from .models import Document, EventSpec

LINKS_NAME = "links.json"
_SECTIONS: tuple[Section, Section] = ("body", "comment")
_dated = partial(tuple.__new__, DatedSentence)  # no Python call per sentence
_VIA: tuple[Literal["alias"], Literal["context"]] = ("alias", "context")


@cache
def _code_fingerprint() -> str:
    """A hash of the linking code: another version of it must not reuse old links."""
    from . import dates, link

    digest = hashlib.sha256()
    for module_file in (link.__file__, dates.__file__, __file__):
        digest.update(Path(module_file).read_bytes())
    return digest.hexdigest()


def alias_fingerprint(spec: EventSpec) -> str:
    """What of an event decides which sentences name it: its title and aliases."""
    return hashlib.sha256(json.dumps([spec.title, spec.aliases]).encode()).hexdigest()[:16]


def key_prefixes(spec: EventSpec) -> list[str]:
    """The words one of which every sentence naming ``spec`` contains (lowercase prefixes)."""
    return sorted(Linker([spec]).by_prefix)


def document_key(doc: Document) -> str:
    """A document's identity for linking: its id, text, how it was read (reference time, date
    order) and where its comments start (the tagger's identity is stored once for the file)."""
    meta = doc.meta
    return f"{doc.id}\0{doc.sha256}\0{meta.published or ''}\0{meta.day_first}\0{doc.body_end}"


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


Reused = tuple[DocumentLinks, Facts, Any]  # links, facts and the stored skeleton


class LinkCache:
    """Per-document link skeletons in ``root/links.json``; see the module docstring.

    A build calls :meth:`plan` first: the documents it can rebuild from their skeletons need
    neither their extraction nor linking. :meth:`link` then links the others and saves.
    ``tagger`` names the tagger and mode the extractions come from.
    """

    def __init__(self, root: Path, *, tagger: str) -> None:
        self.path = Path(root) / LINKS_NAME
        self.tagger = tagger
        self.relinked = 0  # documents linked afresh by the last :meth:`link`
        self._events: dict[str, list[Any]] = {}
        self._old_events: dict[str, list[Any]] = {}
        self._old_docs: dict[str, Any] = {}

    def _load(self) -> tuple[dict[str, list[Any]], dict[str, Any]]:
        """(events, documents) of the stored file, or empty when unusable."""
        try:
            data = from_json(self.path.read_bytes())
        except (OSError, ValueError):
            return {}, {}
        if not isinstance(data, dict) or data.get("code") != [_code_fingerprint(), self.tagger]:
            return {}, {}
        events, docs = data.get("events"), data.get("documents")
        if not isinstance(events, dict) or not isinstance(docs, dict) or not _rows_ok(docs):
            return {}, {}
        return events, docs

    def plan(
        self, linker: Linker, specs: Sequence[EventSpec], docs: Sequence[Document]
    ) -> list[Reused | None]:
        """Per document, its links rebuilt from the stored skeleton, or None to link it again
        (new or changed document, or one containing a word of an event whose aliases
        changed)."""
        self._old_events, self._old_docs = self._load()
        self._events = {s.id: [alias_fingerprint(s), key_prefixes(s)] for s in specs}
        changed: set[str] = set()
        for event_id in self._old_events.keys() | self._events.keys():
            old, new = self._old_events.get(event_id), self._events.get(event_id)
            if old is None or new is None or old[0] != new[0]:
                for entry in (old, new):
                    if entry is not None:
                        changed.update(entry[1])
        prefixes = sorted(changed)
        out: list[Reused | None] = []
        for doc in docs:
            skeleton = self._old_docs.get(document_key(doc))
            reused = None
            if skeleton is not None and not _touched(doc.text, prefixes):
                reused = _from_skeleton(linker, doc, skeleton)
            out.append(reused)
        return out

    def link(
        self,
        linker: Linker,
        docs: Sequence[Document],
        extractions: Sequence[Extraction | None],
        planned: Sequence[Reused | None],
    ) -> tuple[list[DocumentLinks], list[Facts]]:
        """Every document's links and facts: planned ones as rebuilt, the others linked from
        their extraction (which must be given); then the file is saved if anything changed."""
        links: list[DocumentLinks] = []
        facts: list[Facts] = []
        stored: dict[str, Any] = {}
        self.relinked = 0
        for doc, ext, reused in zip(docs, extractions, planned, strict=True):
            if reused is not None:
                found, fact, skeleton = reused
            else:
                if ext is None:
                    raise ValueError(f"{doc.id}: no extraction to link")
                found = linker.link_document(doc, ext.sentences, ext.timexes)
                fact = Facts.of(ext)
                skeleton = _skeleton(found, ext.timexes, fact)
                self.relinked += 1
            stored[document_key(doc)] = skeleton
            links.append(found)
            facts.append(fact)
        if (
            self.relinked
            or self._events != self._old_events
            or stored.keys() != self._old_docs.keys()
        ):
            code = [_code_fingerprint(), self.tagger]
            data = {"code": code, "events": self._events, "documents": stored}
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                replace_file(self.path, to_json(data))
            except OSError:
                pass  # the extraction cache already reports an unwritable folder
        return links, facts

    def link_all(
        self,
        linker: Linker,
        specs: Sequence[EventSpec],
        docs: Sequence[Document],
        extractions: Sequence[Extraction],
    ) -> list[DocumentLinks]:
        """:meth:`plan` then :meth:`link`, with every extraction at hand."""
        return self.link(linker, docs, extractions, self.plan(linker, specs, docs))[0]


def _rows_ok(docs: dict[str, Any]) -> bool:
    """True when every skeleton's timex rows are well formed: checked for the whole file at
    once (a damaged file is ignored as a whole), so that rebuilding one is a plain copy."""
    try:
        rows = [row for skeleton in docs.values() for row in skeleton["t"]]
        timexes_from_rows(rows)
    except (KeyError, TypeError, ValueError):
        return False
    return True


def _touched(text: str, prefixes: Sequence[str]) -> bool:
    """True when ``text`` may hold a word starting with one of ``prefixes`` (a superset test:
    a substring anywhere counts)."""
    if not prefixes:
        return False
    lowered = text.lower()
    if len(lowered) != len(text):  # a character lowercased to two: offsets shift, be safe
        return True
    return any(p in lowered for p in prefixes)


def _skeleton(links: DocumentLinks, timexes: Sequence[Timex], facts: Facts) -> dict[str, Any]:
    """The compact, JSON-ready form of ``links``: offsets, and the rows of the timexes they use
    (so that rebuilding them needs no extraction)."""
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
    return {
        "f": [facts.dct, facts.dct_estimated, facts.timexes],
        "t": rows,
        "u": unlinked,
        "s": sources,
    }


def _from_skeleton(linker: Linker, doc: Document, skeleton: Any) -> Reused | None:
    """The links and facts of ``doc`` rebuilt from its skeleton; None when it does not fit."""
    result = DocumentLinks()
    text, doc_id = doc.text, doc.id
    try:
        dct, estimated, count = skeleton["f"]
        if not (dct is None or isinstance(dct, str)) or not isinstance(count, int):
            return None
        timexes = tuple(map(new_cached_timex, skeleton["t"]))  # checked by _rows_ok
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
    except (KeyError, TypeError, ValueError, IndexError):
        return None
    return result, Facts(dct, bool(estimated), count), skeleton
