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

from .errors import TimelineError

Snapshot = dict[str, tuple[int, int]]

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
