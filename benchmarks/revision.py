"""The ``timeline`` package of another git revision, for benchmarks that compare side by side.

``package_of(rev)`` extracts ``timeline/`` of ``rev`` into a temporary folder (once per run);
``python_with(path)`` is the environment in which ``sys.executable`` imports that package
instead of the working tree's (``PYTHONPATH`` comes before the editable install; run the child
in that folder too, so that the current folder on its path is not the working tree).
"""

from __future__ import annotations

import atexit
import io
import os
import shutil
import subprocess
import tarfile
import tempfile
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@cache
def package_of(rev: str) -> Path:
    """A folder holding ``timeline/`` as it is at git revision ``rev``."""
    try:
        archive = subprocess.run(
            ["git", "archive", rev, "timeline"], cwd=ROOT, capture_output=True, check=True
        ).stdout
    except subprocess.CalledProcessError as exc:
        raise SystemExit(f"cannot read revision {rev!r}: {exc.stderr.decode().strip()}") from exc
    folder = Path(tempfile.mkdtemp(prefix="timeline-rev-"))
    atexit.register(shutil.rmtree, folder, True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def python_with(folder: Path | None) -> dict[str, str]:
    """The environment of a child process that imports ``timeline`` from ``folder`` (None: the
    working tree's)."""
    env = dict(os.environ)
    if folder is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(folder), env.get("PYTHONPATH"))))
    return env


def short_name(rev: str) -> str:
    """``rev`` as an abbreviated commit hash."""
    out = subprocess.run(
        ["git", "rev-parse", "--short", rev], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return out.stdout.strip()
