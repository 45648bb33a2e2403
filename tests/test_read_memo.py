"""The read stage's memo: a rebuild does not parse an unchanged file's metadata or detect its
language again, gives the same documents and warnings, and reads again any file that changed."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from timeline.read import ReadMemo, load_corpus, memo
from timeline.read import folder as read_folder
from timeline.store import Store

ROOT = Path(__file__).parents[1]


def _age(folder: Path, seconds: float = 3600) -> None:
    past = time.time() - seconds
    for path in folder.rglob("*"):
        os.utime(path, (past, past))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", root)
    (root / "undated.txt").write_text("---\ntitle: x\nbogus: 1\n---\nNo date.\n", encoding="utf-8")
    _age(root)
    return root


def _read(corpus: Path, store: Store) -> tuple[list[str], list[str]]:
    warnings: list[str] = []
    docs = load_corpus(corpus, warn=warnings.append, memo=ReadMemo(store))
    return [d.model_dump_json() for d in docs], warnings


def _no_full_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    def must_not_run(*_args: object) -> None:
        raise AssertionError("a memoised file was read in full")

    monkeypatch.setattr(read_folder, "load_document", must_not_run)


def test_a_second_reading_comes_from_the_memo(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = _read(corpus, Store(None))
    with Store(tmp_path / "store") as store:
        assert _read(corpus, store) == fresh
    _no_full_reading(monkeypatch)
    with Store(tmp_path / "store") as store:
        docs, warnings = _read(corpus, store)
    assert (docs, warnings) == fresh
    assert any("bogus" in w for w in warnings)  # the front matter's warning, given again


def test_a_changed_file_is_read_again(corpus: Path, tmp_path: Path) -> None:
    with Store(tmp_path / "store") as store:
        _read(corpus, store)
    undated = corpus / "undated.txt"
    undated.write_text("---\ntitle: y\n---\nNo date.\n", encoding="utf-8")
    _age(corpus)
    with Store(tmp_path / "store") as store:
        docs, warnings = _read(corpus, store)
    assert (docs, warnings) == _read(corpus, Store(None))
    assert not any("bogus" in w for w in warnings)


def test_bytes_changed_under_the_same_size_and_time_are_read_again(
    corpus: Path, tmp_path: Path
) -> None:
    with Store(tmp_path / "store") as store:
        _read(corpus, store)
    undated = corpus / "undated.txt"
    st = undated.stat()
    undated.write_bytes(undated.read_bytes().replace(b"title: x", b"title: z"))
    os.utime(undated, ns=(st.st_atime_ns, st.st_mtime_ns))
    with Store(tmp_path / "store") as store:
        docs, _ = _read(corpus, store)
    assert any('"title":"z"' in d for d in docs)


def test_a_file_modified_seconds_ago_is_not_memoised(corpus: Path, tmp_path: Path) -> None:
    (corpus / "undated.txt").write_text("Just written.\n", encoding="utf-8")
    with Store(tmp_path / "store") as store:
        _read(corpus, store)
        memo = ReadMemo(store)
        load_corpus(corpus, memo=memo)
        paths = {entry.path for entry in memo.stored.values()}
    seeds = {p.relative_to(corpus).as_posix() for p in corpus.rglob("*") if p.suffix == ".txt"}
    assert paths == seeds - {"undated.txt"} and len(seeds) == 5


def test_the_memo_stores_its_entries_as_they_are_made(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reading holds at most a few entries it made: the others are in the store already."""
    monkeypatch.setattr(memo, "FLUSH_EVERY", 2)
    with Store(tmp_path / "store") as store:
        made = ReadMemo(store)
        docs = load_corpus(corpus)
        for n, doc in enumerate(docs[:3]):
            made.add(f"key{n}", doc, [], False)
        assert len(made.made) == 1
        assert store.keys(memo.STAGE, made.code) == {"key0", "key1"}
        made.save(["key0", "key1", "key2"])
        assert store.keys(memo.STAGE, made.code) == {"key0", "key1", "key2"}
