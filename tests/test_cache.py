"""The extraction cache (timeline.cache) and its use by the build (timeline.pipeline)."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

import timeline.temporal
from timeline import pipeline
from timeline.cache import (
    CACHE_FORMAT,
    CORPUS_NAME,
    PACK_NAME,
    PENDING_DIR,
    Extraction,
    ExtractionCache,
    WarnFn,
    cache_key,
    corpus_fingerprint,
    load_corpus_cached,
)
from timeline.fileio import replace_file
from timeline.linkcache import LINKS_NAME
from timeline.models import Document, Timeline
from timeline.read import load_corpus
from timeline.temporal.timex import Timex

EVENTS = """\
events:
  - id: the-poll
    title: The YouGov poll
    date: 2017
    aliases: [YouGov poll]
"""

SAMPLE = Extraction(
    dct="2020-08",
    dct_estimated=False,
    timexes=(
        Timex(0, 4, "2017", "DATE", "2017"),
        Timex(10, 18, "in April", "DATE", "2020-04", None, "publication", "2020-08", None),
    ),
    sentences=((0, 9), (10, 30)),
)


def same(a: Extraction | None, b: Extraction) -> bool:
    """Equal content (a cached extraction holds tuples where the tagger gives Timex objects)."""
    return a is not None and a.to_json() == b.to_json()


class Tagger:
    """A stand-in for the tagger that counts its calls: years, and "in April"."""

    def __init__(self) -> None:
        self.calls: list[str | None] = []
        self.day_first: list[bool] = []

    def __call__(
        self,
        text: str,
        dct: str | None = None,
        *,
        mode: str = "news",
        dayfirst: bool = False,
        language: str = "en",
    ) -> list[Timex]:
        self.calls.append(dct)
        self.day_first.append(dayfirst)
        out = []
        for m in re.finditer(r"\b(?:19|20)\d\d\b|\bin April\b", text):
            if m.group() == "in April":
                value = f"{dct[:4]}-04" if dct else "XXXX-04"
                anchor = "publication" if dct else "none"
                out.append(Timex(m.start(), m.end(), m.group(), "DATE", value, None, anchor, dct))
            else:
                out.append(Timex(m.start(), m.end(), m.group(), "DATE", m.group()))
        return out


@pytest.fixture
def tagger(monkeypatch: pytest.MonkeyPatch) -> Tagger:
    fake = Tagger()
    monkeypatch.setattr(timeline.temporal, "tag", fake)
    monkeypatch.setattr(timeline.temporal, "TAGGER_VERSION", "test-1")
    return fake


@pytest.fixture
def project(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A 2017 YouGov poll shows things.\n", encoding="utf-8")
    (corpus / "a.meta.yaml").write_text("published: 2019-03\n", encoding="utf-8")
    (corpus / "b.txt").write_text("It emerged in April. Back in 2015 too.\n", encoding="utf-8")
    (corpus / "b.meta.yaml").write_text("published: 2020-08\n", encoding="utf-8")
    (corpus / "c.txt").write_text("Nothing dated here.\n", encoding="utf-8")
    (corpus / "c.meta.yaml").write_text("published: 2019\n", encoding="utf-8")
    (tmp_path / "events.yaml").write_text(EVENTS, encoding="utf-8")
    return tmp_path


def build(project: Path) -> Timeline:
    return pipeline.build_timeline(
        project / "corpus", project / "events.yaml", cache_dir=project / ".cache"
    )


# --------------------------------------------------------------------------- unit


def test_extraction_round_trips_through_json() -> None:
    text = json.dumps(SAMPLE.to_json())
    back = Extraction.from_json(json.loads(text))
    assert back.to_json() == SAMPLE.to_json()
    assert back.timexes[1].anchor_value == "2020-08" and back.sentences == SAMPLE.sentences


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        {},
        {"dct": None, "estimated": False, "timexes": [[1, 2]], "sentences": []},
        {"dct": None, "estimated": False, "timexes": [], "sentences": [1]},
        {"dct": 5, "estimated": False, "timexes": [], "sentences": []},
        {"dct": None, "estimated": False, "timexes": "x", "sentences": []},
        {"dct": None, "estimated": False, "timexes": [["a"] * 9], "sentences": []},
    ],
)
def test_malformed_entries_are_rejected(data: object) -> None:
    with pytest.raises(ValueError):
        Extraction.from_json(data)


def test_key_depends_on_every_input() -> None:
    base = cache_key("abc", "2020-08", "news", "1")
    others = [
        cache_key("abd", "2020-08", "news", "1"),
        cache_key("abc", "2020-09", "news", "1"),
        cache_key("abc", None, "news", "1"),
        cache_key("abc", "2020-08", "narrative", "1"),
        cache_key("abc", "2020-08", "news", "2"),
    ]
    assert len({base, *others}) == 6
    assert base == cache_key("abc", "2020-08", "news", "1")


def test_put_save_and_read_back(tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path / "c")
    assert cache.get("k") is None
    cache.put("k", SAMPLE)
    assert (tmp_path / "c" / PENDING_DIR / "k.json").is_file()  # written at once
    cache.save()
    assert (tmp_path / "c" / PACK_NAME).is_file()
    assert list((tmp_path / "c" / PENDING_DIR).iterdir()) == []
    assert same(ExtractionCache(tmp_path / "c").get("k"), SAMPLE)


def test_pending_entry_survives_without_save(tmp_path: Path) -> None:
    ExtractionCache(tmp_path).put("k", SAMPLE)  # an interrupted build never calls save()
    again = ExtractionCache(tmp_path)
    assert same(again.get("k"), SAMPLE)
    again.save()
    assert json.loads((tmp_path / PACK_NAME).read_text())["entries"].keys() == {"k"}


def test_save_drops_entries_no_longer_used(tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path)
    cache.put("old", SAMPLE)
    cache.put("kept", SAMPLE)
    cache.save()
    second = ExtractionCache(tmp_path)
    assert same(second.get("kept"), SAMPLE)
    second.save()
    assert ExtractionCache(tmp_path).get("old") is None


@pytest.mark.parametrize(
    "garbage",
    ["{not json", f'{{"format": "{CACHE_FORMAT}", "entries": []}}', '{"format": "0"}', "[]", ""],
)
def test_corrupt_pack_is_ignored_and_rewritten(tmp_path: Path, garbage: str) -> None:
    (tmp_path / PACK_NAME).write_text(garbage)
    cache = ExtractionCache(tmp_path)
    assert cache.get("k") is None
    cache.put("k", SAMPLE)
    cache.save()
    assert same(ExtractionCache(tmp_path).get("k"), SAMPLE)


def test_corrupt_entry_is_ignored(tmp_path: Path) -> None:
    (tmp_path / PENDING_DIR).mkdir()
    (tmp_path / PENDING_DIR / "k.json").write_text('{"dct": nul')
    assert ExtractionCache(tmp_path).get("k") is None


def test_unwritable_cache_warns_once_and_carries_on(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    warnings: list[str] = []
    cache = ExtractionCache(blocker / "cache", warn=warnings.append)
    cache.put("a", SAMPLE)
    cache.put("b", SAMPLE)
    cache.save()
    assert len(warnings) == 1 and "cannot write the cache" in warnings[0]


def test_atomic_write_gives_the_usual_file_mode(tmp_path: Path) -> None:
    replace_file(tmp_path / "a.json", "{}")
    mask = os.umask(0)
    os.umask(mask)
    assert (tmp_path / "a.json").stat().st_mode & 0o777 == 0o666 & ~mask


def test_atomic_write_leaves_the_old_file_on_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")

    def fail(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("timeline.cache.os.replace", fail)
    with pytest.raises(OSError):
        replace_file(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary file left


# --------------------------------------------------------------------------- in the build


def test_second_build_reads_everything_from_the_cache(project: Path, tagger: Tagger) -> None:
    first = build(project)
    assert len(tagger.calls) == 3
    tagger.calls.clear()
    second = build(project)
    assert tagger.calls == []
    assert second == first


def test_editing_events_yaml_reads_nothing_again(project: Path, tagger: Tagger) -> None:
    build(project)
    tagger.calls.clear()
    (project / "events.yaml").write_text(
        EVENTS + "  - id: other\n    title: Other\n    date: 2015\n", encoding="utf-8"
    )
    timeline = build(project)
    assert tagger.calls == []
    assert "other" in {e.id for e in timeline.events}


def test_changing_a_document_re_extracts_only_it(project: Path, tagger: Tagger) -> None:
    build(project)
    tagger.calls.clear()
    (project / "corpus" / "c.txt").write_text("Now dated 2018.\n", encoding="utf-8")
    timeline = build(project)
    assert tagger.calls == ["2019"]
    assert "2018" in {e.date.value for e in timeline.events}


def test_changing_the_publication_date_re_extracts(project: Path, tagger: Tagger) -> None:
    build(project)
    tagger.calls.clear()
    (project / "corpus" / "b.meta.yaml").write_text("published: 2021-05\n", encoding="utf-8")
    timeline = build(project)
    assert tagger.calls == ["2021-05"]
    assert "2021-04" in {e.date.value for e in timeline.events}


def test_reading_numeric_dates_day_first_re_extracts(project: Path, tagger: Tagger) -> None:
    build(project)
    tagger.calls.clear()
    tagger.day_first.clear()
    meta = project / "corpus" / "b.meta.yaml"
    meta.write_text("published: 2020-08\nday_first: true\n", encoding="utf-8")
    build(project)
    assert tagger.calls == ["2020-08"] and tagger.day_first == [True]


def test_a_new_tagger_version_re_extracts_everything(
    project: Path, tagger: Tagger, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(project)
    tagger.calls.clear()
    monkeypatch.setattr(timeline.temporal, "TAGGER_VERSION", "test-2")
    build(project)
    assert len(tagger.calls) == 3


def test_corrupt_cache_file_is_recovered(project: Path, tagger: Tagger) -> None:
    first = build(project)
    (project / ".cache" / PACK_NAME).write_text("{ truncated")
    (project / ".cache" / LINKS_NAME).unlink()  # so every document needs its extraction
    tagger.calls.clear()
    assert build(project) == first
    assert len(tagger.calls) == 3
    tagger.calls.clear()
    build(project)
    assert tagger.calls == []  # rewritten


def test_documents_the_link_cache_rebuilds_need_no_extraction(
    project: Path, tagger: Tagger
) -> None:
    first = build(project)
    pack = project / ".cache" / PACK_NAME
    pack.write_text("{ unreadable")
    tagger.calls.clear()
    assert build(project) == first
    assert tagger.calls == [] and pack.read_text() == "{ unreadable"  # not even read


def test_an_alias_edit_extracts_only_the_documents_it_relinks(
    project: Path, tagger: Tagger, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(project)
    tagger.calls.clear()
    asked: list[str] = []
    get = ExtractionCache.get

    def counting(self: ExtractionCache, key: str) -> Extraction | None:
        asked.append(key)
        return get(self, key)

    monkeypatch.setattr(ExtractionCache, "get", counting)
    events = project / "events.yaml"
    retitled = events.read_text().replace("The YouGov poll", "The YouGov survey")
    events.write_text(retitled, encoding="utf-8")
    build(project)
    assert len(asked) == 1 and tagger.calls == []  # only a.txt says "YouGov"
    monkeypatch.undo()
    before = json.loads((project / ".cache" / PACK_NAME).read_text())["entries"]
    assert len(before) == 3  # the entries of the documents not read are kept


def test_interrupted_build_keeps_its_work(project: Path, tagger: Tagger) -> None:
    def stop_after_two(done: int, total: int) -> None:
        if done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        pipeline.build_timeline(
            project / "corpus",
            project / "events.yaml",
            cache_dir=project / ".cache",
            progress=stop_after_two,
        )
    tagger.calls.clear()
    build(project)
    assert len(tagger.calls) == 1


def test_no_cache_dir_means_no_cache(project: Path, tagger: Tagger) -> None:
    pipeline.build_timeline(project / "corpus", project / "events.yaml")
    pipeline.build_timeline(project / "corpus", project / "events.yaml")
    assert len(tagger.calls) == 6
    assert not (project / ".cache").exists()


# --------------------------------------------------------------------------- corpus snapshot


def age(folder: Path, seconds: int = 3600) -> None:
    """Date every file under ``folder`` back, as articles written long before a build are."""
    for path in folder.rglob("*"):
        st = path.stat()
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - seconds * 1_000_000_000))


class CountingLoader:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, root: Path, *, warn: WarnFn | None = None) -> list[Document]:
        self.calls += 1
        if warn is not None:
            warn("x.bin: skipped, not a text file")
        return load_corpus(root, warn=warn)


def test_unchanged_corpus_is_not_read_again(project: Path) -> None:
    age(project / "corpus")
    loader = CountingLoader()
    warnings: list[str] = []
    first = load_corpus_cached(project / "corpus", project / ".cache", loader, warn=warnings.append)
    second = load_corpus_cached(
        project / "corpus", project / ".cache", loader, warn=warnings.append
    )
    assert loader.calls == 1
    assert second == first
    assert warnings == ["x.bin: skipped, not a text file"] * 2  # given again from the snapshot


@pytest.mark.parametrize(
    "change",
    [
        lambda c: (c / "a.txt").write_text("A different text, 2016.\n"),
        lambda c: (c / "a.meta.yaml").write_text("published: 2018\n"),
        lambda c: (c / "d.txt").write_text("A new article.\n"),
        lambda c: (c / "c.txt").unlink(),
        lambda c: (c / "sub").mkdir() or (c / "sub" / "e.txt").write_text("Nested.\n"),
    ],
    ids=["edit", "sidecar", "new", "deleted", "nested"],
)
def test_any_change_reloads_the_corpus(project: Path, change: Callable[[Path], object]) -> None:
    corpus = project / "corpus"
    age(corpus)
    loader = CountingLoader()
    load_corpus_cached(corpus, project / ".cache", loader)
    change(corpus)
    docs = load_corpus_cached(corpus, project / ".cache", loader)
    assert loader.calls == 2
    assert docs == load_corpus(corpus)


def test_freshly_written_corpus_is_not_snapshotted(project: Path) -> None:
    loader = CountingLoader()
    load_corpus_cached(project / "corpus", project / ".cache", loader)
    load_corpus_cached(project / "corpus", project / ".cache", loader)
    assert loader.calls == 2
    assert not (project / ".cache" / CORPUS_NAME).exists()


def test_corrupt_snapshot_reloads(project: Path) -> None:
    age(project / "corpus")
    loader = CountingLoader()
    load_corpus_cached(project / "corpus", project / ".cache", loader)
    snapshot = project / ".cache" / CORPUS_NAME
    data = json.loads(snapshot.read_text())
    data["documents"] = [{"id": 1}]
    snapshot.write_text(json.dumps(data))
    docs = load_corpus_cached(project / "corpus", project / ".cache", loader)
    assert loader.calls == 2 and [d.id for d in docs] == ["a", "b", "c"]


def test_symlinks_disable_the_snapshot(project: Path) -> None:
    corpus = project / "corpus"
    (corpus / "link.txt").symlink_to(corpus / "a.txt")
    assert corpus_fingerprint(corpus) is None


def test_warm_build_reads_neither_articles_nor_tagger(
    project: Path, tagger: Tagger, monkeypatch: pytest.MonkeyPatch
) -> None:
    age(project / "corpus")
    loader = CountingLoader()
    monkeypatch.setattr(pipeline, "load_corpus", loader)
    first = build(project)
    tagger.calls.clear()
    assert build(project) == first
    assert tagger.calls == []
    assert loader.calls == 1
