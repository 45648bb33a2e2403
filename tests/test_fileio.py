"""Writing files: atomic, through links, keeping hard links and backups, never a read-only one."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from timeline import fileio
from timeline.errors import OutputError
from timeline.fileio import check_outputs, replace_file, write_lines


def test_a_write_through_a_link_changes_its_target_and_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "real.yaml"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "events.yaml"
    link.symlink_to(target.name)
    replace_file(link, "new", backup=True)
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "new"
    assert (tmp_path / "real.yaml.bak").read_text(encoding="utf-8") == "old"


def test_a_read_only_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o444)
    with pytest.raises(PermissionError, match="read-only"):
        replace_file(path, "new", backup=True)
    assert path.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.yaml"]


def test_hard_links_keep_sharing_the_file_and_its_mode_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o640)
    other = tmp_path / "copy.yaml"
    os.link(path, other)
    replace_file(path, "new", backup=True)
    assert os.path.samefile(path, other) and other.read_text(encoding="utf-8") == "new"
    assert path.stat().st_mode & 0o777 == 0o640


def test_the_backup_is_replaced_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "events.yaml"
    path.write_text("second", encoding="utf-8")
    (tmp_path / "events.yaml.bak").write_text("first", encoding="utf-8")

    def killed(source: object, destination: object) -> None:
        raise KeyboardInterrupt  # stands for a kill in the middle of the copy

    monkeypatch.setattr(shutil, "copyfileobj", killed)
    with pytest.raises(KeyboardInterrupt):
        replace_file(path, "third", backup=True)
    assert (tmp_path / "events.yaml.bak").read_text(encoding="utf-8") == "first"
    assert path.read_text(encoding="utf-8") == "second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.yaml", "events.yaml.bak"]


def test_stale_temporary_files_are_removed_and_fresh_ones_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fileio, "_swept", set())
    stale = tmp_path / ".events.yaml.ab12cd34.tmp"
    fresh = tmp_path / ".timeline.html.zz99yy88.tmp"
    mine = tmp_path / ".notes.tmp"  # not a name this module makes
    for path in (stale, fresh, mine):
        path.write_text("partial", encoding="utf-8")
    old = time.time() - fileio.STALE_AFTER - 60
    os.utime(stale, (old, old))
    os.utime(mine, (old, old))
    replace_file(tmp_path / "events.yaml", "new")
    assert not stale.exists() and fresh.exists() and mine.exists()


def test_write_lines_leaves_the_old_file_when_the_lines_fail(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text("old\n", encoding="utf-8")

    def lines() -> object:
        yield "one\n"
        raise OutputError("the build failed half-way")

    with pytest.raises(OutputError):
        write_lines(path, lines())  # type: ignore[arg-type]
    assert path.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


def test_check_outputs_names_the_collision(tmp_path: Path) -> None:
    events = tmp_path / "events.yaml"
    events.write_text("events:\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    check_outputs([tmp_path / "page.html", None], corpus_dir=corpus, inputs=[events])
    with pytest.raises(OutputError, match="it is inside the corpus folder"):
        check_outputs([corpus / "sub" / "page.html"], corpus_dir=corpus)
    with pytest.raises(OutputError, match="an input of this command"):
        check_outputs([tmp_path / "x" / ".." / "events.yaml"], inputs=[events])
