"""The extraction cache: the tagger's output per document, so a rebuild re-reads nothing new.

A cache entry is keyed by the sha256 of (the document's sha256, the publication date used as
reference time, the tagger mode, the tagger version, this cache's format). Changing a
document, its publication date or the tagger re-extracts it; editing events.yaml re-extracts
nothing.

Storage, in the cache folder:

- ``extractions.json``: one JSON file holding every entry the last build used, read once per
  build (one file, not thousands, keeps a warm rebuild of a large corpus fast);
- ``pending/<key>.json``: entries extracted since, each written as soon as it is computed so
  that an interrupted build keeps its work. :meth:`ExtractionCache.save` folds them into
  ``extractions.json`` (dropping entries no longer used) and removes them.

Every write goes to a temporary file and is renamed into place. A corrupt or unreadable file
is ignored (its documents are extracted again) and rewritten.

The corpus itself is snapshotted too (``corpus.json``): the loaded documents with the size,
modification time and inode of every file under the corpus folder. When no file changed, no
article is read, decoded, hashed or parsed again; when any file changed (or the loader's code
did), the whole corpus is loaded as usual and the snapshot rewritten.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple, get_args

from pydantic import BaseModel, ValidationError
from pydantic_core import from_json, to_json

from .fileio import replace_file
from .link import SentenceSpan, Timex
from .models import Document
from .temporal.timex import AnchorKind, TimexKind

WarnFn = Callable[[str], None]

# Bump when the stored layout, or anything stored besides the tagger output (the sentence
# splitter), changes.
CACHE_FORMAT = "2"
PACK_NAME = "extractions.json"
PENDING_DIR = "pending"
CORPUS_NAME = "corpus.json"
LoadFn = Callable[..., list[Document]]


class _Snapshot(BaseModel):
    """``corpus.json``, read and validated in one pass (it holds every document's text)."""

    format: str
    root: str
    loader: str
    files: list[tuple[str, int, int, int]]
    warnings: list[str] = []
    documents: list[Document]


class CachedTimex(NamedTuple):
    """A temporal expression read back from the cache: the tagger's ``Timex`` fields, as a
    tuple (tens of thousands are read per build; a tuple is ten times quicker to make)."""

    start: int
    end: int
    text: str
    type: TimexKind
    value: str
    mod: str | None = None
    anchor: AnchorKind | None = None
    anchor_value: str | None = None
    anchor_start: int | None = None


_TIMEX_FIELDS = len(CachedTimex._fields)


_TEXT, _MAYBE_TEXT, _MAYBE_INT = {str}, {str, type(None)}, {int, type(None)}
_COLUMN_TYPES = (
    (0, {int}), (1, {int}), (2, _TEXT), (3, _TEXT), (4, _TEXT), (5, _MAYBE_TEXT),
    (6, _MAYBE_TEXT), (7, _MAYBE_TEXT), (8, _MAYBE_INT),
)  # fmt: skip
_KINDS = set(get_args(TimexKind))
_ANCHORS = {*get_args(AnchorKind), None}


def _typed(rows: list[Any]) -> bool:
    """Every field of every row has its type, kinds and anchors are known ones (map and
    itemgetter: no Python call per row)."""
    return (
        all(set(map(type, map(itemgetter(i), rows))) <= types for i, types in _COLUMN_TYPES)
        and set(map(itemgetter(3), rows)) <= _KINDS
        and set(map(itemgetter(6), rows)) <= _ANCHORS
    )


new_cached_timex = partial(tuple.__new__, CachedTimex)  # CachedTimex(*row), from C


def timex_row(t: Timex) -> list[Any]:
    """A timex as stored: a JSON-ready row of its fields."""
    return [
        t.start,
        t.end,
        t.text,
        t.type,
        t.value,
        t.mod,
        t.anchor,
        t.anchor_value,
        t.anchor_start,
    ]


def timexes_from_rows(rows: Any) -> tuple[CachedTimex, ...]:
    """Stored rows back as timexes; raises ValueError on anything malformed."""
    if not isinstance(rows, list) or set(map(len, rows)) - {_TIMEX_FIELDS} or not _typed(rows):
        raise ValueError("malformed timex rows")
    # tuple.__new__ straight from C: what CachedTimex(*row) does, without a Python call per
    # row (a large corpus reads tens of thousands at every build).
    return tuple(map(new_cached_timex, rows))


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the pipeline computes once per document version."""

    dct: str | None
    dct_estimated: bool
    timexes: tuple[Timex, ...]
    sentences: tuple[SentenceSpan, ...]

    def to_json(self) -> dict[str, Any]:
        """A compact JSON-ready form (timexes as rows, sentences as a flat offset list)."""
        return {
            "dct": self.dct,
            "estimated": self.dct_estimated,
            "timexes": [timex_row(t) for t in self.timexes],
            "sentences": [n for span in self.sentences for n in span],
        }

    @classmethod
    def from_json(cls, data: Any) -> Extraction:
        """The inverse of :meth:`to_json`; raises ValueError on anything malformed."""
        try:
            flat = data["sentences"]
            rows = data["timexes"]
            dct = data["dct"]
            if not (isinstance(flat, list) and len(flat) % 2 == 0):
                raise ValueError("malformed entry")
            if not set(map(type, flat)) <= {int}:
                raise ValueError("malformed entry")
            if dct is not None and not isinstance(dct, str):
                raise ValueError("malformed entry")
            timexes = timexes_from_rows(rows)
            sentences = tuple(zip(flat[0::2], flat[1::2], strict=True))
            return cls(dct, bool(data["estimated"]), timexes, sentences)
        except (KeyError, TypeError, IndexError) as e:
            raise ValueError("malformed entry") from e


def cache_key(sha256: str, dct: str | None, mode: str, tagger_version: str) -> str:
    """The key of one document's extraction."""
    parts = [CACHE_FORMAT, sha256, dct or "", mode, tagger_version]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


class ExtractionCache:
    """Extractions stored in a folder; see the module docstring for the layout."""

    def __init__(self, root: Path, *, warn: WarnFn | None = None) -> None:
        self.root = Path(root)
        self._warn = warn
        self._pack: dict[str, Any] | None = None
        self._used: dict[str, Any] = {}
        self._added = 0
        self._disabled = False
        self._retained: list[str] = []
        self._damaged = 0

    @property
    def pack_path(self) -> Path:
        """The single file holding the entries of the last build."""
        return self.root / PACK_NAME

    def _load_pack(self) -> dict[str, Any]:
        if self._pack is None:
            self._pack = {}
            try:
                data = from_json(self.pack_path.read_bytes())
                if isinstance(data, dict) and data.get("format") == CACHE_FORMAT:
                    entries = data.get("entries")
                    if isinstance(entries, dict):
                        self._pack = entries
            except (OSError, ValueError):
                pass  # missing or corrupt: every document is extracted again
        return self._pack

    def get(self, key: str) -> Extraction | None:
        """The cached extraction for ``key``, or None."""
        raw = self._load_pack().get(key)
        if raw is None:
            try:
                raw = json.loads((self.root / PENDING_DIR / f"{key}.json").read_text("utf-8"))
            except (OSError, ValueError):
                return None
            self._added += 1  # from pending/: save() folds it into the pack
        try:
            extraction = Extraction.from_json(raw)
        except ValueError:
            self._added += 1  # a corrupt entry: make save() rewrite the pack without it
            self._damaged += 1
            return None
        self._used[key] = raw
        return extraction

    def put(self, key: str, extraction: Extraction) -> None:
        """Store an extraction (written at once, so an interrupted build keeps it)."""
        raw = extraction.to_json()
        self._used[key] = raw
        self._added += 1
        if self._disabled:
            return
        pending = self.root / PENDING_DIR
        try:
            pending.mkdir(parents=True, exist_ok=True)
            replace_file(pending / f"{key}.json", json.dumps(raw, separators=(",", ":")))
        except OSError as e:
            self._disable(e)

    def retain(self, key: str) -> None:
        """Keep the entry for ``key`` through :meth:`save` without reading it (a document this
        build did not need to read again is still part of the corpus)."""
        self._retained.append(key)

    def save(self) -> None:
        """Fold new entries into the pack file, drop unused ones, clear ``pending/``.

        When the build neither read nor added an entry, the pack is left as it is. Damaged
        entries met on the way are reported once.
        """
        if self._damaged and self._warn is not None:
            n, self._damaged = self._damaged, 0
            entries = "entry" if n == 1 else "entries"
            self._warn(f"{self.root}: {n} damaged cache {entries} ignored and rebuilt")
        if self._disabled or (self._pack is None and self._added == 0):
            return
        pack = self._load_pack()
        for key in self._retained:
            if key not in self._used and key in pack:
                self._used[key] = pack[key]
        if self._added == 0 and len(pack) == len(self._used):
            return
        data = {"format": CACHE_FORMAT, "entries": self._used}
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            replace_file(self.pack_path, to_json(data))
        except OSError as e:
            self._disable(e)
            return
        self._pack = dict(self._used)
        self._added = 0
        pending = self.root / PENDING_DIR
        if pending.is_dir():
            for path in pending.glob("*.json"):
                path.unlink(missing_ok=True)

    def _disable(self, error: OSError) -> None:
        self._disabled = True
        if self._warn is not None:
            reason = error.strerror or str(error)
            self._warn(f"cannot write the cache in {self.root} ({reason}); continuing without it")


# --------------------------------------------------------------------------- corpus snapshot


def corpus_fingerprint(root: Path) -> list[list[Any]] | None:
    """``[path, size, mtime_ns, inode]`` for every file under ``root`` (dot-files excluded).

    None when the folder holds a symbolic link (its target could change unseen) or cannot be
    listed: the corpus is then always loaded afresh.
    """
    out: list[list[Any]] = []
    prefix = len(os.path.join(str(root), ""))  # entry paths start with root + separator
    stack = [str(root)]
    try:
        while stack:
            with os.scandir(stack.pop()) as entries:
                for entry in entries:
                    if entry.name.startswith("."):
                        continue
                    if entry.is_symlink():
                        return None
                    if entry.is_dir():
                        stack.append(entry.path)
                        continue
                    st = entry.stat()
                    out.append([entry.path[prefix:], st.st_size, st.st_mtime_ns, st.st_ino])
    except OSError:
        return None
    out.sort()
    return out


# A file modified this close to the snapshot could be modified again within the same clock
# tick, leaving size and mtime unchanged: such a corpus is not snapshotted (as git does).
RACY_NS = 2_000_000_000


def recently_modified(files: list[list[Any]]) -> bool:
    """True when a file of a :func:`corpus_fingerprint` was modified in the last seconds."""
    newest = max((f[2] for f in files), default=0)
    return bool(newest > time.time_ns() - RACY_NS)


def _loader_fingerprint(load: LoadFn) -> str:
    """A hash of the loader's module source (every module of it, for a package): a new
    loader must not reuse old documents.

    The module is found without being imported (a loader may import its module only when a
    corpus has to be read).
    """
    module = sys.modules.get(load.__module__)
    source = getattr(module, "__file__", None)
    if source is None:
        try:
            spec = importlib.util.find_spec(load.__module__)
        except (ImportError, ValueError):
            spec = None
        source = spec.origin if spec is not None else None
    if not source:
        return ""
    path = Path(source)
    files = sorted(path.parent.glob("*.py")) if path.name == "__init__.py" else [path]
    digest = hashlib.sha256()
    try:
        for file in files:
            digest.update(file.read_bytes())
    except OSError:
        return ""
    return digest.hexdigest()


def load_corpus_cached(
    root: Path, cache_dir: Path, load: LoadFn, *, warn: WarnFn | None = None
) -> list[Document]:
    """``load(root, warn=warn)``, or the same documents from the snapshot when nothing changed.

    The warnings the loader gave (a skipped binary file, a decoding fallback) are given again
    when the snapshot is used.
    """
    path = Path(cache_dir) / CORPUS_NAME
    before = corpus_fingerprint(root)
    identity = {
        "format": CACHE_FORMAT,
        "root": str(Path(root).resolve()),
        "loader": _loader_fingerprint(load),
    }
    if before is not None:
        try:
            snapshot = _Snapshot.model_validate_json(path.read_bytes())
            if (
                all(getattr(snapshot, k) == v for k, v in identity.items())
                and [list(f) for f in snapshot.files] == before
            ):
                for message in snapshot.warnings:
                    if warn is not None:
                        warn(message)
                return snapshot.documents
        except (OSError, ValueError, ValidationError):
            pass  # no snapshot, or a corrupt one: load as usual
    given: list[str] = []

    def keep(message: str) -> None:
        given.append(message)
        if warn is not None:
            warn(message)

    documents = load(root, warn=keep)
    after = corpus_fingerprint(root)
    if before is not None and after == before and not recently_modified(before):
        fresh = _Snapshot.model_validate(
            {**identity, "files": before, "warnings": given, "documents": documents}
        )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            replace_file(path, fresh.model_dump_json())
        except OSError:
            pass  # the extraction cache reports an unwritable folder; the build goes on
    return documents
