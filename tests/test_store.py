"""The store (timeline.store) and its use by the pipeline: what is computed once is read
back, anything changed is computed again, and a damaged store never changes the result."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import sys
from pathlib import Path

import pytest

import timeline.temporal
from timeline import pipeline, relink
from timeline.extract import Extraction
from timeline.fileio import replace_file
from timeline.models import Timeline
from timeline.store import SCHEMA_VERSION, STORE_NAME, Store, code_digest, input_digest
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


def test_input_digest_depends_on_every_part() -> None:
    base = input_digest("abc", "2020-08", "news")
    others = [
        input_digest("abd", "2020-08", "news"),
        input_digest("abc", "2020-09", "news"),
        input_digest("abc", None, "news"),
        input_digest("abc", "", "news"),
        input_digest("abc", "2020-08", "narrative"),
        input_digest("ab", "c2020-08", "news"),
    ]
    assert len({base, *others}) == 7
    assert base == input_digest("abc", "2020-08", "news")


def test_code_digest_follows_every_file_of_a_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "somepkg"
    (package / "lang").mkdir(parents=True)
    (package / "__init__.py").write_text("X = 1\n")
    (package / "lang" / "en.toml").write_text("months = ['May']\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    first = code_digest.__wrapped__("somepkg")
    (package / "lang" / "en.toml").write_text("months = ['June']\n")
    second = code_digest.__wrapped__("somepkg")
    (package / "__init__.py").write_text("X = 2\n")
    third = code_digest.__wrapped__("somepkg")
    assert len({first, second, third}) == 3
    assert "somepkg" not in sys.modules  # found, never imported


def test_values_are_stored_and_read_back(tmp_path: Path) -> None:
    store = Store(tmp_path)
    assert store.get_many("s", "c1", ["k"], Extraction.from_json) == {}
    store.put_many("s", "c1", [("k", SAMPLE.to_json(), SAMPLE)])
    store.close()
    again = Store(tmp_path)
    found = again.get_many("s", "c1", ["k", "other"], Extraction.from_json)
    assert found.keys() == {"k"} and same(found["k"], SAMPLE)
    assert again.get_many("s", "c2", ["k"], Extraction.from_json) == {}  # other code
    assert again.get_many("t", "c1", ["k"], Extraction.from_json) == {}  # other stage


def test_keep_only_drops_other_code_and_unused_inputs(tmp_path: Path) -> None:
    store = Store(tmp_path)
    for code, key in [("old", "a"), ("new", "a"), ("new", "b")]:
        store.put_many("s", code, [(key, SAMPLE.to_json(), SAMPLE)])
    store.keep_only("s", "new", ["a"])
    rows = sqlite3.connect(tmp_path / STORE_NAME).execute("SELECT code, input FROM memo")
    assert sorted(rows) == [("new", "a")]


def test_keep_only_of_keys_all_stored_drops_the_others(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.put_many("s", "c", [(k, SAMPLE.to_json(), SAMPLE) for k in "abc"])
    store.keep_only("s", "c", ["a", "b", "c"], all_stored=True)  # nothing else: nothing read
    store.keep_only("s", "c", ["a", "b"], all_stored=True)
    rows = sqlite3.connect(tmp_path / STORE_NAME).execute("SELECT input FROM memo")
    assert sorted(rows) == [("a",), ("b",)]


def test_a_store_without_a_folder_keeps_nothing(tmp_path: Path) -> None:
    store = Store(None)
    assert not store.put_many("s", "c", [("k", SAMPLE.to_json(), SAMPLE)])
    assert store.get_many("s", "c", ["k"], Extraction.from_json) == {}
    front = Store(None, front=True)
    assert front.put_many("s", "c", [("k", SAMPLE.to_json(), SAMPLE)])
    assert front.get_many("s", "c", ["k"], Extraction.from_json) == {"k": SAMPLE}
    assert Store(tmp_path).put_many("s", "c", [("k", SAMPLE.to_json(), SAMPLE)])


@pytest.mark.parametrize(
    "value",
    [b"{not json", b"[]", b'{"dct": 5}', b"\xff\xfe"],
    ids=["json", "list", "type", "bytes"],
)
def test_a_corrupt_or_foreign_entry_is_dropped_with_a_warning(tmp_path: Path, value: bytes) -> None:
    Store(tmp_path).put_many("s", "c", [("k", SAMPLE.to_json(), SAMPLE)])
    with sqlite3.connect(tmp_path / STORE_NAME) as db:
        db.execute("UPDATE memo SET value=?", (value,))
    warnings: list[str] = []
    store = Store(tmp_path, warn=warnings.append)
    assert store.get_many("s", "c", ["k"], Extraction.from_json) == {}
    assert warnings == [f"{tmp_path}: 1 damaged s entry ignored and computed again"]
    assert sqlite3.connect(tmp_path / STORE_NAME).execute("SELECT * FROM memo").fetchall() == []


@pytest.mark.parametrize("garbage", [b"not a database at all" * 100, b""], ids=["text", "empty"])
def test_a_file_that_is_not_a_store_is_replaced(tmp_path: Path, garbage: bytes) -> None:
    (tmp_path / STORE_NAME).write_bytes(garbage)
    warnings: list[str] = []
    store = Store(tmp_path, warn=warnings.append)
    store.put_many("s", "c", [("k", SAMPLE.to_json(), SAMPLE)])
    assert same(Store(tmp_path).get_many("s", "c", ["k"], Extraction.from_json)["k"], SAMPLE)
    assert len(warnings) <= 1 and all("starting a new one" in w for w in warnings)


def test_an_unwritable_store_warns_once_and_carries_on(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    warnings: list[str] = []
    store = Store(blocker / "cache", warn=warnings.append)
    store.put_many("s", "c", [("k", SAMPLE.to_json(), SAMPLE)])
    assert store.get_many("s", "c", ["k"], Extraction.from_json) == {}
    store.put_many("s", "c", [("j", SAMPLE.to_json(), SAMPLE)])
    assert len(warnings) == 1 and "cannot use the store" in warnings[0]


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

    monkeypatch.setattr("timeline.fileio.os.replace", fail)
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


def test_other_tagger_code_re_extracts_everything(
    project: Path, tagger: Tagger, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(project)
    tagger.calls.clear()
    monkeypatch.setattr(pipeline, "extract_code", lambda: "another version")
    monkeypatch.setattr(relink, "link_code", lambda: "another version")  # it includes the tagger
    build(project)
    assert len(tagger.calls) == 3


def damage(project: Path, stage: str) -> None:
    with sqlite3.connect(project / ".cache" / STORE_NAME) as db:
        db.execute("UPDATE memo SET value=? WHERE stage=?", (b"{ truncated", stage))


def test_a_corrupt_store_is_recovered_with_a_warning(project: Path, tagger: Tagger) -> None:
    first = build(project)
    damage(project, "extract")
    damage(project, "link")  # so every document needs its extraction
    tagger.calls.clear()
    warnings: list[str] = []
    again = pipeline.build_timeline(
        project / "corpus",
        project / "events.yaml",
        cache_dir=project / ".cache",
        warn=warnings.append,
    )
    assert again == first
    assert len(tagger.calls) == 3
    assert [w.split(": ", 1)[1] for w in warnings] == [
        "3 damaged link entries ignored and computed again",
        "3 damaged extract entries ignored and computed again",
    ]
    tagger.calls.clear()
    build(project)
    assert tagger.calls == []  # rewritten


def test_documents_whose_links_are_stored_need_no_extraction(project: Path, tagger: Tagger) -> None:
    first = build(project)
    damage(project, "extract")
    tagger.calls.clear()
    warnings: list[str] = []
    again = pipeline.build_timeline(
        project / "corpus",
        project / "events.yaml",
        cache_dir=project / ".cache",
        warn=warnings.append,
    )
    assert again == first
    assert tagger.calls == [] and warnings == []  # not even read


def test_an_alias_edit_extracts_only_the_documents_it_relinks(
    project: Path, tagger: Tagger, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(project)
    tagger.calls.clear()
    asked: list[str] = []
    get_many = Store.get_many

    def counting(
        self: Store, stage: str, code: str, keys: list[str], read: object, **given: bool
    ) -> object:
        if stage == "extract":
            asked.extend(keys)
        return get_many(self, stage, code, keys, read, **given)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "get_many", counting)
    events = project / "events.yaml"
    retitled = events.read_text().replace("The YouGov poll", "The YouGov survey")
    events.write_text(retitled, encoding="utf-8")
    build(project)
    assert len(asked) == 1 and tagger.calls == []  # only a.txt says "YouGov"
    monkeypatch.undo()
    rows = sqlite3.connect(project / ".cache" / STORE_NAME).execute(
        "SELECT count(*) FROM memo WHERE stage='extract'"
    )
    assert rows.fetchone() == (3,)  # the entries of the documents not read are kept


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
    assert len(tagger.calls) == 3  # every document was read and tagged before the second
    tagger.calls.clear()
    build(project)
    assert tagger.calls == []  # what the reading made was stored before it was linked


def test_no_cache_dir_means_no_cache(project: Path, tagger: Tagger) -> None:
    pipeline.build_timeline(project / "corpus", project / "events.yaml")
    pipeline.build_timeline(project / "corpus", project / "events.yaml")
    assert len(tagger.calls) == 6
    assert not (project / ".cache").exists()


def test_the_store_holds_no_copy_of_the_corpus(project: Path, tagger: Tagger) -> None:
    (project / "corpus" / "c.txt").write_text("Nothing dated here but a unique marker.\n")
    build(project)
    stored = (project / ".cache" / STORE_NAME).read_bytes()
    assert b"unique marker" not in stored and b"YouGov poll shows" not in stored


def test_a_build_in_a_process_pool_gives_what_one_process_gives(
    project: Path, tagger: Tagger, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline import engine

    alone = pipeline.build_timeline(
        project / "corpus", project / "events.yaml", engine=engine.Engine(jobs=1)
    )
    monkeypatch.setattr(engine, "POOL_THRESHOLD", 0)
    monkeypatch.setattr(engine, "BATCH_CHARS", 1)  # one document per batch
    pooled = pipeline.build_timeline(
        project / "corpus", project / "events.yaml", engine=engine.Engine(jobs=2)
    )
    assert pooled.model_dump_json() == alone.model_dump_json()


def test_an_extraction_made_is_the_one_its_json_gives_back() -> None:
    from timeline.extract import extract_json

    raw = extract_json(
        ("Talks began on 3 March 2011. They ended a day later.", None, False, None, "en")
    )
    made, checked = Extraction.made(raw), Extraction.from_json(raw)
    assert made == checked and made.timexes and made.to_json() == raw


def test_a_store_of_the_earlier_layout_keeps_its_entries(tmp_path: Path) -> None:
    with sqlite3.connect(tmp_path / STORE_NAME) as db:
        db.execute(
            "CREATE TABLE memo (stage TEXT NOT NULL, code TEXT NOT NULL, input TEXT NOT NULL, "
            "value BLOB NOT NULL, PRIMARY KEY (stage, code, input)) WITHOUT ROWID"
        )
        db.execute("INSERT INTO memo VALUES ('s', 'c', 'k', ?)", (json.dumps(SAMPLE.to_json()),))
    found = Store(tmp_path).get_many("s", "c", ["k"], Extraction.from_json)
    assert same(found["k"], SAMPLE)
    with sqlite3.connect(tmp_path / STORE_NAME) as db:
        (sql,) = db.execute("SELECT sql FROM sqlite_master WHERE name='memo'").fetchone()
        assert "WITHOUT ROWID" not in sql
        assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
