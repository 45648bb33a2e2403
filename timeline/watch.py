"""Rebuild whenever the inputs change: ``timeline build --watch``.

Polls modification times and sizes (no extra dependency, works on every file system) and
calls ``rebuild`` within ``interval`` seconds of a save. A rebuild that fails with a
TimelineError (a broken events.yaml, say) is reported through ``on_error`` and the last good
output stays where it is: the pipeline only replaces the page after a successful build.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .errors import TimelineError
from .models import Document
from .pipeline import WarnFn, read_corpus
from .store import Store

Snapshot = dict[str, tuple[int, int]]
# A file modified this close to a build could be modified again within the same clock tick,
# leaving size and mtime unchanged: such a corpus is read again at the next build (as git does).
RACY_NS = 2_000_000_000

_SKIP_DIRS = {".git", ".venv", "__pycache__", ".timeline-cache"}


def snapshot(paths: Iterable[Path]) -> Snapshot:
    """(mtime_ns, size) of every file under ``paths``; missing paths are simply absent.

    Folders are walked one by one (no recursion, so any depth is fine) and links are not
    followed; a folder that cannot be listed is left out.
    """
    state: Snapshot = {}
    for root in paths:
        if root.is_file():
            st = root.stat()
            state[str(root)] = (st.st_mtime_ns, st.st_size)
            continue
        stack = [str(root)] if root.is_dir() else []
        while stack:
            try:
                with os.scandir(stack.pop()) as listing:
                    entries = list(listing)
            except OSError:  # unreadable, or deleted since it was listed
                continue
            for entry in entries:
                if entry.name.startswith(".") or entry.name in _SKIP_DIRS:
                    continue
                try:
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(entry.path)
                        continue
                    st = entry.stat()
                except OSError:  # deleted between listing and stat, or a broken link
                    continue
                state[entry.path] = (st.st_mtime_ns, st.st_size)
    return state


def watch_and_rebuild(
    paths: list[Path],
    rebuild: Callable[[], None],
    *,
    on_error: Callable[[TimelineError], None],
    interval: float = 0.25,
    max_builds: int | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> int:
    """Build once, then again after every change under ``paths``. Returns the number of builds.

    ``max_builds`` and ``should_stop`` let tests (and embedding programs) end the loop; from
    the command line it runs until Ctrl-C.
    """
    builds = 0

    def attempt() -> None:
        nonlocal builds
        builds += 1
        try:
            rebuild()
        except TimelineError as error:
            on_error(error)

    seen = snapshot(paths)
    attempt()
    try:
        while max_builds is None or builds < max_builds:
            if should_stop is not None and should_stop():
                break
            time.sleep(interval)
            current = snapshot(paths)
            if current != seen:
                # Editors often save in several steps; wait until the files settle.
                time.sleep(interval / 2)
                seen = snapshot(paths)
                attempt()
    except KeyboardInterrupt:
        pass
    return builds


def corpus_fingerprint(root: Path) -> list[list[Any]] | None:
    """``[path, size, mtime_ns, inode]`` for every file under ``root`` (dot-files excluded).

    None when the folder holds a symbolic link (its target could change unseen) or cannot be
    listed: the corpus is then always read afresh.
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


def recently_modified(files: list[list[Any]]) -> bool:
    """True when a file of a :func:`corpus_fingerprint` was modified in the last seconds."""
    newest = max((f[2] for f in files), default=0)
    return bool(newest > time.time_ns() - RACY_NS)


class WatchSession:
    """What ``timeline build --watch`` keeps between builds: the store with its in-memory
    front, and the documents read, reused while no file under the corpus folder changes (a
    rebuild after an events.yaml edit then reads no article again). The warnings of the
    reading are given again."""

    def __init__(self, cache_dir: Path | None, *, warn: WarnFn | None = None) -> None:
        self.store = Store(cache_dir, warn=warn, front=True)
        self._key: tuple[str, list[list[Any]]] | None = None
        self._docs: list[Document] = []
        self._warnings: list[str] = []

    def read(
        self, corpus_dir: Path, *, warn: WarnFn | None = None, store: Store | None = None
    ) -> list[Document]:
        """The documents under ``corpus_dir``, reused when no file changed (else read with
        the memo in ``store``)."""
        root = str(Path(corpus_dir).resolve())
        files = corpus_fingerprint(Path(corpus_dir))
        if files is not None and self._key == (root, files):
            for message in self._warnings:
                if warn is not None:
                    warn(message)
            return self._docs
        given: list[str] = []

        def keep(message: str) -> None:
            given.append(message)
            if warn is not None:
                warn(message)

        docs = read_corpus(Path(corpus_dir), warn=keep, store=store)
        trusted = files is not None and not recently_modified(files)
        if trusted and files == corpus_fingerprint(Path(corpus_dir)):
            assert files is not None
            self._key, self._docs, self._warnings = (root, files), docs, given
        else:
            self._key, self._docs, self._warnings = None, [], []
        return docs
