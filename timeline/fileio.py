"""Writing files so that a reader never sees half of one and a crash never loses the old one."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


def replace_file(
    path: Path, text: str | bytes, *, backup: bool = False, durable: bool = False
) -> None:
    """Replace ``path`` with ``text`` (UTF-8 when a string) through a temporary file in the same
    folder and a rename.

    ``backup`` keeps the old file as ``path.bak``; ``durable`` flushes the new one to disk
    before the rename (for files a person wrote by hand). A failure at any point leaves the
    old file as it was and removes the temporary one.

    Raises:
        OSError: the file could not be written; callers turn it into a message for the user.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        data = text.encode("utf-8") if isinstance(text, str) else text
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if backup and path.exists():
            shutil.copy2(path, path.with_name(path.name + ".bak"))
            shutil.copymode(path, tmp)
        else:
            os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes it private; give it the usual mode
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
