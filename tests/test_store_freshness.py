"""A build from the store equals a --no-cache build after any change to the code of a stage:
the tagger's word lists, the sentence splitter, the linker. The package is copied, edited and
run as a new process, as a user who edits it would."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


def _july_is_august(package: Path) -> int:
    """The tagger's word list: "July" now reads as month 8."""
    changed = 0
    for path in sorted((package / "temporal").rglob("*")):
        if path.suffix not in (".py", ".toml"):
            continue
        text = path.read_text(encoding="utf-8")
        edited, n = re.subn(r'(\bjuly"?\s*[:=]\s*)7\b', r"\g<1>8", text)
        if n:
            path.write_text(edited, encoding="utf-8")
            changed += n
    return changed


def _commas_end_sentences(package: Path) -> int:
    path = package / "link.py"
    text = path.read_text(encoding="utf-8")
    edited, n = re.subn(r"\[\.!\?\\u2026\]\+", r"[.!?,\\u2026]+", text, count=1)
    path.write_text(edited, encoding="utf-8")
    return n


def _no_context_links(package: Path) -> int:
    path = package / "link.py"
    text = path.read_text(encoding="utf-8")
    edited, n = re.subn(r"^CONTEXT_REACH = \d+$", "CONTEXT_REACH = 0", text, flags=re.M)
    path.write_text(edited, encoding="utf-8")
    return n


EDITS = [_july_is_august, _commas_end_sentences, _no_context_links]


def build(src: Path, work: Path, name: str, *, cached: bool) -> str:
    out = work / f"{name}.json"
    command = [sys.executable, "-m", "timeline", "build", "--corpus", str(ROOT / "corpus")]
    command += ["--events", str(ROOT / "events.yaml"), "-o", str(work / f"{name}.html")]
    command += ["--json", str(out), "--cache-dir", str(work / "store")]
    if not cached:
        command.append("--no-cache")
    env = {**os.environ, "PYTHONPATH": str(src)}
    subprocess.run(command, cwd=work, env=env, check=True, capture_output=True)
    return out.read_text(encoding="utf-8")


@pytest.mark.slow
def test_cached_builds_follow_every_edit_of_a_stage_s_code(tmp_path: Path) -> None:
    if not (ROOT / "corpus").is_dir():
        pytest.skip("the seed corpus is not in this checkout")
    src = tmp_path / "src"
    shutil.copytree(
        ROOT / "timeline", src / "timeline", ignore=shutil.ignore_patterns("__pycache__")
    )
    before = build(src, tmp_path, "before", cached=True)
    for edit in EDITS:
        assert edit(src / "timeline"), f"{edit.__name__}: nothing to edit"
        cached = build(src, tmp_path, f"{edit.__name__}-cached", cached=True)
        fresh = build(src, tmp_path, f"{edit.__name__}-fresh", cached=False)
        assert cached == fresh, f"{edit.__name__}: the store gave a stale result"
        assert cached != before, f"{edit.__name__}: the edit changed nothing to test"
        before = cached
