"""Writing files so that a reader never sees half of one and a crash never loses the old one.

A write goes to the file a path names: through a symbolic link to its target (the link stays a
link), into the same inode when the file has other hard links (they keep seeing it), and never
over a read-only file. Temporary files are created beside the target as ``.<name>.XXXXXXXX.tmp``;
ones a killed process left behind are removed by the next write to that folder.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

from .errors import OutputError


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _current_umask()
_OUR_TEMP = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")  # what tempfile.mkstemp below makes
STALE_AFTER = 600.0  # seconds: no write keeps its temporary file this long
_swept: set[str] = set()


def target_of(path: Path) -> Path:
    """The file a write to ``path`` changes: the end of its chain of links, if any."""
    return Path(os.path.realpath(path))


def replace_file(
    path: Path, text: str | bytes, *, backup: bool = False, durable: bool = False
) -> None:
    """Replace the file at ``path`` with ``text`` (UTF-8 when a string) through a temporary
    file in the same folder and a rename.

    ``backup`` keeps the old file as ``path.bak`` (itself written atomically); ``durable``
    flushes the new one to disk before the rename (for files a person wrote by hand). A
    failure at any point leaves the old file as it was and removes the temporary one.

    Raises:
        OSError: the file could not be written, or it is read-only; callers turn it into a
            message for the user.
    """
    data = text.encode("utf-8") if isinstance(text, str) else text
    _write(target_of(path), [data], backup=backup, durable=durable)


def write_lines(path: Path, lines: Iterable[str]) -> None:
    """Write ``lines`` (each with its line end) to ``path`` as they come, then put the file in
    place: an error or a kill before the end leaves any old file as it was.

    Raises:
        OutputError: the file could not be written.
    """
    try:
        _write(target_of(path), (line.encode("utf-8") for line in lines))
    except OSError as e:
        raise OutputError(f"cannot write {path}: {e.strerror or e}") from e


def _write(
    target: Path, chunks: Iterable[bytes], *, backup: bool = False, durable: bool = False
) -> None:
    old = _existing(target)
    sweep_stale_temporaries(target.parent)
    if backup and old is not None:
        _copy_atomic(target, target.with_name(target.name + ".bak"))
    if old is not None and old.st_nlink > 1:
        _overwrite_in_place(target, b"".join(chunks), durable=durable)
        return
    with _temporary_beside(target) as (handle, tmp):
        for chunk in chunks:
            handle.write(chunk)
        if durable:
            handle.flush()
            os.fsync(handle.fileno())
        handle.close()
        os.chmod(tmp, stat.S_IMODE(old.st_mode) if old is not None else 0o666 & ~_UMASK)
        os.replace(tmp, target)


def _existing(target: Path) -> os.stat_result | None:
    """The status of the file about to be replaced (None when there is none yet).

    Raises:
        OSError: the file is read-only (its owner said it must not change).
    """
    try:
        st = target.stat()
    except FileNotFoundError:
        return None
    if stat.S_ISREG(st.st_mode) and not st.st_mode & 0o222:
        raise PermissionError(errno.EACCES, "the file is read-only", str(target))
    return st


@contextmanager
def _temporary_beside(target: Path) -> Iterator[tuple[IO[bytes], str]]:
    """An open temporary file in ``target``'s folder, removed if the block fails."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    handle = os.fdopen(fd, "wb")
    try:
        yield handle, tmp
    except BaseException:
        handle.close()
        Path(tmp).unlink(missing_ok=True)
        raise
    finally:
        handle.close()


def _copy_atomic(source: Path, destination: Path) -> None:
    """``source`` copied to ``destination`` through a temporary file: a kill mid-copy leaves
    the previous ``destination`` whole."""
    with _temporary_beside(destination) as (handle, tmp):
        with open(source, "rb") as original:
            shutil.copyfileobj(original, handle)
        handle.flush()
        os.fsync(handle.fileno())
        handle.close()
        shutil.copystat(source, tmp)
        os.replace(tmp, destination)


def _overwrite_in_place(target: Path, data: bytes, *, durable: bool) -> None:
    """Write ``data`` into the existing inode of ``target`` (its hard links see the change)."""
    with open(target, "r+b") as handle:
        handle.write(data)
        handle.truncate()
        if durable:
            handle.flush()
            os.fsync(handle.fileno())


def sweep_stale_temporaries(folder: Path) -> None:
    """Remove the temporary files of writes killed before their rename, once per folder and
    process; a temporary file younger than ``STALE_AFTER`` may be another write's, and stays."""
    key = os.path.realpath(folder)
    if key in _swept:
        return
    _swept.add(key)
    cutoff = time.time() - STALE_AFTER
    with suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if _OUR_TEMP.match(entry.name) and entry.is_file(follow_symlinks=False):
                with suppress(OSError):
                    if entry.stat(follow_symlinks=False).st_mtime < cutoff:
                        os.unlink(entry.path)


def is_inside(path: str | Path, folder: str | Path) -> bool:
    """True when ``path`` is ``folder`` or lies under it (both taken as given: resolve first)."""
    path, folder = os.path.normcase(path), os.path.normcase(folder)
    return path == folder or path.startswith(os.path.join(folder, ""))


def check_outputs(
    outputs: Sequence[Path | None],
    *,
    corpus_dir: Path | None = None,
    inputs: Sequence[Path | None] = (),
) -> None:
    """Refuse, before anything is read or written, an output that would replace an input, land
    inside the corpus folder (it would be read back as an article) or be written twice.

    Every command that writes a file calls this first with everything it reads.

    Raises:
        OutputError: naming the output and what it collides with.
    """
    corpus = os.path.realpath(corpus_dir) if corpus_dir is not None else None
    given = [Path(p) for p in inputs if p is not None]
    written: list[Path] = []
    for output in (Path(p) for p in outputs if p is not None):
        real = os.path.realpath(output)
        if corpus is not None and is_inside(real, corpus):
            raise OutputError(
                f"cannot write {output}: it is inside the corpus folder {corpus_dir}, where it "
                "would be read as an article (choose another output path)"
            )
        for other, what in [(p, "an input") for p in given] + [
            (p, "another output") for p in written
        ]:
            if _same_file(output, other):
                raise OutputError(
                    f"cannot write {output}: it is {other}, {what} of this command "
                    "(choose another output path)"
                )
        written.append(output)


def _same_file(a: Path, b: Path) -> bool:
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)  # hard links
    except OSError:
        return False
