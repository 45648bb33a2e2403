"""The read stage's memo: what reading each file gave, so that a rebuild reads again only the
text of an unchanged file, not its metadata, and runs no language detector on it.

An entry is keyed by the file's path relative to the corpus folder, its device, inode, size,
modification and status-change times (and the same of its sidecar, and its row of
``metadata.csv``), under the digest of the reader's code and of the libraries it reads with.
It holds the document without its text: the metadata (the language detected included), the
file's SHA-256, where the body ends, the page offsets, and the warnings the reading gave
(given again at every build). The store keeps no copy of the corpus: the text of an
unchanged file is read from it again when a stage needs it (a text file is decoded and its
front matter cut, not parsed).

A file is trusted to be unchanged when all of that is as the entry was keyed, as git trusts
its index: its bytes are not read again to be compared. Writing a file sets its status-change
time, which no program can set back, so new bytes under the same size and a modification time
set back (``touch -d``, an archive unpacked) are seen. A file modified in the last
:data:`RACY_NS` could change again within the same clock tick, leaving its times as they were:
it is not memoised until it is older (git's "racy" entries), so every entry was made well
after its file last changed.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from ..models import Document, DocumentMeta, PublishedFrom
from ..store import Store, code_digest, input_digest
from .language import Detection

STAGE = "read"
CODE_MODULES = ("timeline.read", "timeline.models", "timeline.fileio")
LIBRARIES = ("trafilatura", "htmldate", "lxml", "pypdf", "py3langid", "PyYAML", "pydantic")
RACY_NS = 2_000_000_000
FLUSH_EVERY = 256  # entries made between two writes to the store


@cache
def read_code() -> str:
    """The digest of the reader's code and the versions of the libraries it reads with."""
    versions = []
    for name in LIBRARIES:
        try:
            versions.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            versions.append(f"{name}=")
    return input_digest(code_digest(*CODE_MODULES), *versions)


def file_key(
    relative: str, sidecar: Path | None, row: Any, st: os.stat_result, now: int
) -> str | None:
    """The memo key of a file as it is now (``st``: its status; ``now``: the time, in
    nanoseconds); None when it cannot be trusted (its sidecar cannot be examined, or it or
    its sidecar was modified too recently)."""
    if st.st_mtime_ns > now - RACY_NS:
        return None
    parts = [relative, "null" if row is None else json.dumps(row, sort_keys=True, default=str)]
    parts.append(_status(st))
    if sidecar is not None:
        try:
            found = os.stat(sidecar)
        except OSError:
            return None
        if found.st_mtime_ns > now - RACY_NS:
            return None
        parts.append(_status(found))
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def _status(st: os.stat_result) -> str:
    """What tells a file's version: its device, inode, size, modification and change times."""
    return f"{st.st_dev}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}"


class ReadEntry(BaseModel):
    """What the memo keeps of one file's reading."""

    model_config = ConfigDict(extra="forbid")

    id: str
    path: str
    sha256: str
    body_end: int | None
    pages: list[int] | None
    published_from: PublishedFrom | None
    meta: DocumentMeta
    warnings: list[str]
    whole: bool  # a page with no recognisable main text, read whole
    detected: Detection | None  # what the language detector said of it, when it was asked


class ReadMemo:
    """The memo of one reading of the corpus: the entries found, the entries made."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.code = read_code()
        self.stored: dict[str, ReadEntry] = {}
        self.made: list[tuple[str, Any, Any]] = []

    def look_up(self, keys: Sequence[str]) -> None:
        """Fetch the stored entries of ``keys`` (those the store has)."""
        self.stored = self.store.get_many(
            STAGE, self.code, keys, ReadEntry.model_validate_json, parsed=False
        )

    def entry(self, key: str | None) -> ReadEntry | None:
        """The stored entry of ``key``, if any."""
        return self.stored.get(key) if key is not None else None

    def detections(self, keys: Sequence[str]) -> dict[str, Detection]:
        """What the language detector said of the files memoised under ``keys`` (those the
        store has entries for and the detector was asked about), by key."""
        found = self.store.get_many(
            STAGE, self.code, keys, ReadEntry.model_validate_json, parsed=False
        )
        return {key: e.detected for key, e in found.items() if e.detected is not None}

    def add(
        self,
        key: str,
        doc: Document,
        warnings: list[str],
        whole: bool,
        detected: Detection | None = None,
    ) -> None:
        """Remember what reading a file gave."""
        entry = ReadEntry(
            id=doc.id,
            path=doc.path,
            sha256=doc.sha256,
            body_end=doc.body_end,
            pages=doc.pages,
            published_from=doc.published_from,
            meta=doc.meta,
            warnings=warnings,
            whole=whole,
            detected=detected,
        )
        self.made.append((key, entry.model_dump(mode="json"), entry))
        if len(self.made) >= FLUSH_EVERY:  # a reading of a large corpus holds none for long
            self.store.put_many(STAGE, self.code, self.made)
            self.made = []

    def save(self, used: Sequence[str]) -> None:
        """Store the entries made and drop those of files no longer there or changed."""
        self.store.put_many(STAGE, self.code, self.made)
        self.made = []
        self.store.keep_only(STAGE, self.code, used)


def memoised_document(entry: ReadEntry, text: str) -> Document:
    """The document of a stored entry, given the file's text as read again."""
    return Document.model_construct(
        id=entry.id,
        path=entry.path,
        text=text,
        meta=entry.meta,
        sha256=entry.sha256,
        body_end=entry.body_end,
        pages=entry.pages,
        published_from=entry.published_from,
    )
