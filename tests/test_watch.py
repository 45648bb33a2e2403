"""The watch loop rebuilds after a save and survives a broken build."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from timeline.errors import EventsFileError, TimelineError
from timeline.watch import snapshot, watch_and_rebuild


def _wait_for(predicate: Callable[[], bool], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_snapshot_sees_new_changed_and_deleted_files(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("one")
    first = snapshot([tmp_path])
    assert str(a) in first
    a.write_text("one and more")
    (tmp_path / "b.txt").write_text("two")
    second = snapshot([tmp_path])
    assert second != first and len(second) == 2
    a.unlink()
    assert str(a) not in snapshot([tmp_path])


def test_snapshot_ignores_missing_paths_and_dot_files(tmp_path: Path) -> None:
    (tmp_path / ".hidden").write_text("x")
    assert snapshot([tmp_path, tmp_path / "missing.yaml"]) == {}


def test_rebuilds_after_a_save_and_reports_errors(tmp_path: Path) -> None:
    watched = tmp_path / "events.yaml"
    watched.write_text("events: []\n")
    builds: list[str] = []
    errors: list[TimelineError] = []
    stop = threading.Event()

    def rebuild() -> None:
        text = watched.read_text()
        builds.append(text)
        if "broken" in text:
            raise EventsFileError(["events.yaml:1:1: yaml: broken"])

    thread = threading.Thread(
        target=watch_and_rebuild,
        args=([watched], rebuild),
        kwargs={"on_error": errors.append, "interval": 0.05, "should_stop": stop.is_set},
        daemon=True,
    )
    thread.start()
    try:
        assert _wait_for(lambda: len(builds) == 1)
        watched.write_text("events: broken\n")
        assert _wait_for(lambda: len(errors) == 1)
        assert isinstance(errors[0], EventsFileError)
        watched.write_text("events: [] # fixed\n")
        assert _wait_for(lambda: builds[-1].endswith("# fixed\n"))
    finally:
        stop.set()
        thread.join(timeout=5)
    assert not thread.is_alive()
    assert len(errors) == 1


def test_max_builds_ends_the_loop(tmp_path: Path) -> None:
    count = watch_and_rebuild([tmp_path], lambda: None, on_error=print, max_builds=1)
    assert count == 1


def test_watch_rebuilds_the_page_after_an_edit_and_keeps_it_when_broken(tmp_path: Path) -> None:
    from timeline.outputs import build_and_write

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The vote was held on 8 June 2017.\n", encoding="utf-8")
    events = tmp_path / "events.yaml"
    events.write_text(
        "events:\n  - id: vote\n    title: First title\n    date: 2017-06-08\n", encoding="utf-8"
    )
    page = tmp_path / "timeline.html"
    errors: list[TimelineError] = []
    stop = threading.Event()

    def rebuild() -> None:
        build_and_write(corpus, events, page)

    thread = threading.Thread(
        target=watch_and_rebuild,
        args=([corpus, events], rebuild),
        kwargs={"on_error": errors.append, "interval": 0.1, "should_stop": stop.is_set},
        daemon=True,
    )
    thread.start()
    try:
        assert _wait_for(lambda: page.exists() and "First title" in page.read_text())
        events.write_text(events.read_text().replace("First title", "Second title"))
        assert _wait_for(lambda: "Second title" in page.read_text(), timeout=30)
        events.write_text("events:\n  - id: vote\n    date: 2017-06-31\n")
        assert _wait_for(lambda: len(errors) == 1, timeout=30)
        assert "Second title" in page.read_text()  # the last good page stays
    finally:
        stop.set()
        thread.join(timeout=30)
    assert isinstance(errors[0], EventsFileError)
