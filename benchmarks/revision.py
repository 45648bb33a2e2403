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
import re
import shutil
import subprocess
import sys
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


_COLLECTED = re.compile(r"Collected\s*:\s*([0-9]+)")


def callgrind_instructions(argv: list[str], toggle: str, folder: Path | None) -> int:
    """Machine instructions that a fresh ``python argv`` spends inside the C function
    ``toggle`` under valgrind's callgrind (importing ``timeline`` from ``folder``; None: the
    working tree's): a figure that the load of the machine does not move."""
    out = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            "--collect-atstart=no",
            f"--toggle-collect={toggle}",
            sys.executable,
            *argv,
        ],
        capture_output=True,
        text=True,
        check=True,
        env=python_with(folder),
    )
    found = _COLLECTED.search(out.stderr)
    if found is None:
        sys.exit(f"callgrind printed no count:\n{out.stderr[-2000:]}")
    return int(found[1])
