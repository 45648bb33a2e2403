"""The incremental merge: after any edit, a build from the store gives the timeline a build
without it gives, byte for byte, and ranks again only the candidates the edit touched."""

from __future__ import annotations

import calendar
import os
import random
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from timeline import delta, merge, merge_stage, outputs, pipeline, relink, snapshot
from timeline.copies import near_duplicates
from timeline.curation import check_project
from timeline.events_file import load_events
from timeline.link import DocumentLinks, Linker
from timeline.models import Document
from timeline.read import language
from timeline.render import render_html
from timeline.store import STORE_NAME, Store, code_digest

MONTHS = list(calendar.month_name)[1:11]  # English: no locale is set
EVENTS = """\
events:
  - id: talks
    title: The peace talks begin
    date: 2011-03-03
    aliases: ["peace talks"]
"""
ADDED = """\
  - id: harbour
    title: The harbour is closed
    date: 2011-04
    aliases: ["harbour closed"]
"""


def article(n: int, rng: random.Random) -> str:
    day, month = rng.randint(1, 28), rng.randint(1, 9)
    lines = [
        "---",
        f"title: Article {n}",
        f"published: 2011-{month + 1:02d}-{rng.randint(1, 28):02d}",
        "---",
        f"Rebels took the town of Brega on {day} {MONTHS[month - 1]} 2011.",
        f"The peace talks stalled in {MONTHS[rng.randint(0, 9)]} 2011, officials said.",
        f"Article {n} also recalls that the harbour closed on {rng.randint(1, 28)} April 2011.",
        "Last updated at 14:07 GMT on 2 May 2011.",
        f"Reporter {n} wrote that the vote of {rng.randint(1, 28)} March 2011 was decisive.",
    ]
    return "\n".join(lines) + "\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    rng = random.Random(7)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(30):
        siege = f"The Brega siege ended on {n % 7 + 1} May 2011.\n" if n in (3, 11, 12) else ""
        (corpus / f"a{n:02d}.md").write_text(article(n, rng) + siege, encoding="utf-8")
    (corpus / "copy.md").write_text(
        (corpus / "a03.md").read_text(encoding="utf-8").replace("Article 3", "Copy"),
        encoding="utf-8",
    )
    (tmp_path / "events.yaml").write_text(EVENTS, encoding="utf-8")
    return tmp_path


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def add_event(root: Path) -> None:
    _append(root / "events.yaml", ADDED)


def move_date(root: Path) -> None:
    events = root / "events.yaml"
    events.write_text(events.read_text().replace("2011-03-03", "2011-03-04"), encoding="utf-8")


def change_article(root: Path) -> None:
    _append(root / "corpus" / "a05.md", "A line added on 3 March 2011 by the desk.\n")


def add_article(root: Path) -> None:
    text = "---\npublished: 2012-01-05\n---\nThe siege of 20 March 2011 is recalled.\n"
    (root / "corpus" / "later.md").write_text(text, encoding="utf-8")


def remove_article(root: Path) -> None:
    (root / "corpus" / "a07.md").unlink()


def move_publication(root: Path) -> None:
    path = root / "corpus" / "a09.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("published: 2011-", "published: 2010-", 1), encoding="utf-8")


def undo_copy(root: Path) -> None:
    path = root / "corpus" / "copy.md"
    path.write_text("---\npublished: 2011-05-01\n---\nIt began on 3 March 2011.\n")


EDITS: list[Callable[[Path], None]] = [
    add_event,
    move_date,
    change_article,
    add_article,
    remove_article,
    move_publication,
    undo_copy,
]


def build(root: Path, *, cached: bool) -> tuple[str, str]:
    merged = pipeline.build_merged(
        root / "corpus", root / "events.yaml", cache_dir=root / "store" if cached else None
    )
    page = render_html(outputs.page_data(merged, 5))
    return merged.timeline().model_dump_json(indent=2), page


@pytest.mark.parametrize("edit", EDITS, ids=lambda e: e.__name__)
def test_a_rebuild_after_an_edit_is_the_build_without_the_store(
    project: Path, edit: Callable[[Path], None]
) -> None:
    build(project, cached=True)
    edit(project)
    assert build(project, cached=True) == build(project, cached=False)


def test_a_cold_build_stores_its_candidates_events_as_it_makes_them(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build writes its candidates' events to the store a few at a time and holds none of
    them afterwards; what it reads back of them is the build without the store."""
    monkeypatch.setattr(merge, "MEMO_BATCH", 2)
    merged = pipeline.build_merged(
        project / "corpus", project / "events.yaml", cache_dir=project / "store"
    )
    assert len(merged.candidates) > merge.MEMO_BATCH
    assert all(c.made is None for c in merged.candidates)
    page = render_html(outputs.page_data(merged, 5))
    assert (merged.timeline().model_dump_json(indent=2), page) == build(project, cached=False)
    unstored = pipeline.build_merged(project / "corpus", project / "events.yaml")
    assert all(c.made is not None for c in unstored.candidates)


def test_a_rebuild_ranks_only_the_candidates_an_edit_touched(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[str] = []
    original = merge._candidate

    def counted(group: merge.DateGroup, score: float, max_sources: int | None) -> object:
        made.append(group.value)
        return original(group, score, max_sources)

    monkeypatch.setattr(merge, "_candidate", counted)
    first, _ = build(project, cached=True)
    everything = len(made)
    assert everything > 30
    made.clear()
    assert build(project, cached=True)[0] == first
    assert made == []
    change_article(project)
    build(project, cached=True)
    # the dates of the changed article only: its five dated lines and the one added
    assert "2011-03-03" in made and len(made) <= 6 < everything
    made.clear()
    move_date(project)
    build(project, cached=True)
    assert made == []


def test_the_page_of_a_merged_timeline_is_the_page_of_the_whole_timeline(project: Path) -> None:
    merged = pipeline.build_merged(project / "corpus", project / "events.yaml")
    for limit in (0, 3, 1000):
        whole = render_html(merged.timeline(), limit)
        assert render_html(outputs.page_data(merged, limit)) == whole


def test_a_candidate_whose_stored_event_is_lost_is_made_again(project: Path) -> None:
    first, _ = build(project, cached=True)
    with sqlite3.connect(project / "store" / STORE_NAME) as db:
        rows = db.execute("SELECT input FROM memo WHERE stage LIKE 'candidate-events-%'")
        inputs = sorted(k for (k,) in rows)
        db.executemany(
            "DELETE FROM memo WHERE stage LIKE 'candidate-events-%' AND input = ?",
            [(k,) for k in inputs[::3]],
        )
        db.executemany(
            "UPDATE memo SET value = 'null' WHERE stage LIKE 'candidate-events-%' AND input = ?",
            [(k,) for k in inputs[1::3]],
        )
    assert build(project, cached=True)[0] == first


def _age(root: Path) -> None:
    """Every file of the corpus modified an hour ago: old enough for the read memo."""
    past = time.time() - 3600
    for path in (root / "corpus").rglob("*"):
        os.utime(path, (past, past))


def _no_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    def must_not_run(*_args: object) -> None:
        raise AssertionError("the corpus was read and linked")

    monkeypatch.setattr(pipeline, "streamed_reading", must_not_run)


@pytest.mark.parametrize("edit", [None, *EDITS], ids=lambda e: getattr(e, "__name__", "none"))
def test_a_rebuild_from_the_kept_state_is_the_build_without_the_store(
    project: Path, edit: Callable[[Path], None] | None
) -> None:
    _age(project)
    build(project, cached=True)
    if edit is not None:
        edit(project)
        _age(project)
    assert build(project, cached=True) == build(project, cached=False)


def test_an_unchanged_corpus_is_not_read_again(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _age(project)
    first = build(project, cached=True)
    with monkeypatch.context() as patched:
        _no_reading(patched)
        assert build(project, cached=True) == first
        move_date(project)  # a date is judged again from the kept sources
        moved = build(project, cached=True)
    assert moved == build(project, cached=False) != first
    change_article(project)
    _age(project)  # its status-change time still tells it changed
    with monkeypatch.context() as patched:
        _no_reading(patched)
        with pytest.raises(AssertionError, match="was read"):
            build(project, cached=True)


def test_a_file_modified_seconds_ago_gives_no_kept_state(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(project, cached=True)
    _no_reading(monkeypatch)
    with pytest.raises(AssertionError, match="was read"):
        build(project, cached=True)


def test_a_kept_candidate_whose_event_is_lost_is_made_again(project: Path) -> None:
    _age(project)
    first, _ = build(project, cached=True)
    with sqlite3.connect(project / "store" / STORE_NAME) as db:
        db.execute("DELETE FROM memo WHERE stage LIKE 'candidate-events-%'")
    assert build(project, cached=True)[0] == first
    assert build(project, cached=True)[0] == first


def test_a_rebuild_from_the_kept_state_gives_the_reading_warnings_again(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "corpus" / "odd.md").write_text("---\nbogus: 1\n---\nNo date here.\n")
    (project / "corpus" / "notes.docx").write_bytes(b"x")
    _age(project)

    def warnings(cached: bool) -> list[str]:
        given: list[str] = []
        pipeline.build_merged(
            project / "corpus",
            project / "events.yaml",
            cache_dir=project / "store" if cached else None,
            warn=given.append,
        )
        return given

    fresh = warnings(cached=False)
    assert any("bogus" in w for w in fresh) and any(".docx" in w for w in fresh)
    assert warnings(cached=True) == fresh
    with monkeypatch.context() as patched:
        _no_reading(patched)
        assert warnings(cached=True) == fresh
    (project / "corpus" / "more.docx").write_bytes(b"x")
    (project / "corpus" / "metadata.csv").write_text("path,title\ngone.md,Gone\n")
    changed = warnings(cached=True)
    assert changed == warnings(cached=False) != fresh
    assert any("gone.md" in w for w in changed) and any(".docx (2)" in w for w in changed)


def test_check_from_the_kept_state_is_check_without_the_store(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _age(project)
    events, corpus = project / "events.yaml", project / "corpus"
    fresh = check_project(events, corpus)
    assert fresh.conflicts > 0
    assert check_project(events, corpus, cache_dir=project / "store") == fresh
    _no_reading(monkeypatch)
    assert check_project(events, corpus, cache_dir=project / "store") == fresh


def _age_changed(root: Path) -> None:
    """The files of the corpus written in the last minute made an hour old, so that the read
    memo trusts them (their status-change time still tells they changed)."""
    past, recent = time.time() - 3600, time.time() - 60
    for path in (root / "corpus").rglob("*"):
        if path.stat().st_mtime > recent:
            os.utime(path, (past, past))


def become_copy(root: Path) -> None:
    corpus = root / "corpus"
    head = (corpus / "a05.md").read_text(encoding="utf-8").split("---\n")[1]
    body = (corpus / "a04.md").read_text(encoding="utf-8").split("---\n")[2]
    (corpus / "a05.md").write_text(f"---\n{head}---\n{body}", encoding="utf-8")


def unmake_copy(root: Path) -> None:
    path = root / "corpus" / "copy.md"
    head = path.read_text(encoding="utf-8").split("---\n")[1]
    body = "Nothing in it is like the others, written on 3 March 2011 by another desk.\n"
    path.write_text(f"---\n{head}---\n{body}", encoding="utf-8")


def share_sentence(root: Path) -> None:
    line = (root / "corpus" / "a20.md").read_text(encoding="utf-8").splitlines()[8]
    _append(root / "corpus" / "a01.md", line + "\n")


SIEGE = """\
  - id: siege
    title: The siege of Brega ends
    date: 2011-05-02
    aliases: ["Brega siege"]
"""


def add_siege(root: Path) -> None:
    _append(root / "events.yaml", SIEGE)


def add_unnamed(root: Path) -> None:
    """An event whose alias words every document has, in sentences of their own."""
    _append(
        root / "events.yaml",
        SIEGE.replace("siege", "truce").replace("Brega truce", "talks harbour"),
    )


def drop_siege(root: Path) -> None:
    events = root / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace(SIEGE, ""), encoding="utf-8")


# The edits the kept state is updated by, without reading the corpus again.
UPDATES: list[Callable[[Path], None]] = [
    add_siege,
    add_unnamed,
    change_article,
    become_copy,
    unmake_copy,
    share_sentence,
]


@pytest.mark.parametrize("edit", UPDATES, ids=lambda e: e.__name__)
def test_an_edit_updates_the_kept_state_as_a_build_without_the_store(
    project: Path, edit: Callable[[Path], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    _age(project)
    build(project, cached=True)
    edit(project)
    _age_changed(project)
    with monkeypatch.context() as patched:
        _no_reading(patched)
        updated = build(project, cached=True)
    assert updated == build(project, cached=False)
    assert build(project, cached=True) == updated


def test_edits_in_a_row_update_the_kept_state_each_time(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _age(project)
    build(project, cached=True)
    edits = [add_siege, change_article, share_sentence, move_date, become_copy, unmake_copy]
    edits.append(drop_siege)
    for edit in [*edits, add_siege]:
        edit(project)
        _age_changed(project)
        with monkeypatch.context() as patched:
            _no_reading(patched)
            updated = build(project, cached=True)
        assert updated == build(project, cached=False), edit.__name__


def test_an_article_changed_seconds_ago_is_read_again_at_every_build(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _age(project)
    build(project, cached=True)
    change_article(project)  # too recent for the read memo to trust
    fresh = build(project, cached=False)
    _no_reading(monkeypatch)
    assert build(project, cached=True) == fresh
    assert build(project, cached=True) == fresh


@pytest.mark.parametrize(
    "edit", [add_article, remove_article, move_publication], ids=lambda e: e.__name__
)
def test_an_edit_moving_a_publication_day_merges_the_corpus_whole(
    project: Path, edit: Callable[[Path], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    _age(project)
    build(project, cached=True)
    edit(project)
    _age_changed(project)
    with monkeypatch.context() as patched:
        _no_reading(patched)
        with pytest.raises(AssertionError, match="was read"):
            build(project, cached=True)
    assert build(project, cached=True) == build(project, cached=False)


@pytest.mark.parametrize(
    "stage",
    [
        "merged-state",
        "merged-documents",
        "merged-delta",
        "merged-states",
        "merged-gives",
        "merged-dates",
        "merged-heads",
    ],
)
def test_a_damaged_entry_of_the_kept_state_is_made_again(project: Path, stage: str) -> None:
    _age(project)
    build(project, cached=True)
    with sqlite3.connect(project / "store" / STORE_NAME) as db:
        db.execute("UPDATE memo SET value = '[[1]]' WHERE stage = ?", (stage,))
    change_article(project)
    add_siege(project)
    _age_changed(project)
    warnings: list[str] = []
    merged = pipeline.build_merged(
        project / "corpus",
        project / "events.yaml",
        cache_dir=project / "store",
        warn=warnings.append,
    )
    assert any(f"damaged {stage}" in w for w in warnings)
    assert merged.timeline().model_dump_json(indent=2) == build(project, cached=False)[0]
    assert build(project, cached=True) == build(project, cached=False)


@pytest.mark.parametrize("edit", [become_copy, unmake_copy], ids=lambda e: e.__name__)
def test_the_copies_found_again_are_those_of_the_whole_corpus(
    project: Path, edit: Callable[[Path], None]
) -> None:
    _age(project)
    build(project, cached=True)
    edit(project)
    _age_changed(project)
    build(project, cached=True)
    with Store(project / "store") as store:
        kept = snapshot.load_delta(store)
    assert kept is not None
    assert kept.copies == near_duplicates(pipeline.read_corpus(project / "corpus"))


def _no_detector(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The language detector replaced by one that records the samples it is asked about."""
    asked: list[str] = []

    def detector() -> object:
        class Recording:
            def classify(self, sample: str) -> tuple[str, float]:
                asked.append(sample)
                return "en", 1.0

        return Recording()

    monkeypatch.setattr(language, "_detector", detector)
    return asked


def test_an_article_read_again_with_the_same_sample_is_not_detected_again(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    filler = "The officials met the reporters in the hall and answered their questions. "
    _append(project / "corpus" / "a05.md", filler * 6 + "\n")
    _age(project)
    build(project, cached=True)
    change_article(project)  # a line after the detector's sample
    assert len(filler * 6) > language.SAMPLE
    _age_changed(project)
    fresh = build(project, cached=False)
    with monkeypatch.context() as patched:
        asked = _no_detector(patched)
        assert build(project, cached=True) == fresh
    assert asked == []


def test_an_article_whose_sample_changed_is_detected_again(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _age(project)
    build(project, cached=True)
    path = project / "corpus" / "a05.md"
    head, body = path.read_text(encoding="utf-8").split("---\n")[1:]
    opening = "The desk wrote this opening on 3 March 2011, before the rest."
    path.write_text(f"---\n{head}---\n{opening}\n{body}", encoding="utf-8")
    _age_changed(project)
    with monkeypatch.context() as patched:
        asked = _no_detector(patched)
        build(project, cached=True)
    assert [sample[: len(opening)] for sample in asked] == [opening]


def test_an_alias_edit_merges_again_only_the_dates_whose_mentions_it_changed(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _age(project)
    build(project, cached=True)
    grouped: list[str] = []
    original = delta.date_group

    def counted(key: tuple[str, str | None], *args: Any) -> merge.DateGroup:
        grouped.append(key[0])
        return original(key, *args)

    add_siege(project)  # its alias is in one dated sentence of a03, a11, a12 and the copy
    with monkeypatch.context() as patched:
        _no_reading(patched)
        patched.setattr(delta, "date_group", counted)
        updated = build(project, cached=True)
    assert updated == build(project, cached=False)
    # the days of the siege lines only (one named by no other sentence is dropped)
    assert grouped and set(grouped) <= {"2011-05-04", "2011-05-05", "2011-05-06"}


def test_an_alias_edit_links_again_only_the_sentences_it_can_change(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _age(project)
    build(project, cached=True)
    linked: list[list[str]] = []
    original = Linker.link_document

    def counted(self: Linker, doc: Document, sentences: Any, *args: Any) -> DocumentLinks:
        linked.append([doc.text[a:b] for a, b in sentences])
        return original(self, doc, sentences, *args)

    add_siege(project)
    with monkeypatch.context() as patched:
        _no_reading(patched)
        patched.setattr(Linker, "link_document", counted)
        updated = build(project, cached=True)
    assert updated == build(project, cached=False)
    # a03, a11, a12 and the copy (the documents with every word of the alias), each its
    # sentences with the alias's key word only
    siege = [f"The Brega siege ended on {n % 7 + 1} May 2011." for n in (3, 3, 11, 12)]
    assert sorted(s[-1] for s in linked) == sorted(siege)
    assert all("Brega" in sentence for sentences in linked for sentence in sentences)


def _delta_of(*paths: str) -> snapshot.DeltaState:
    states = {
        path.split(".")[0]: snapshot.DocumentState(
            path,
            f"sig-{path}",
            "b1 b2",
            [0, 40] if path.endswith("pdf") else None,
            path.startswith("u"),
            "2020-01-02",
            3,
            [f"{path}: a note"],
            False,
        )
        for path in paths
    }
    return snapshot.DeltaState({"e": [["alias"]]}, states, {"b": "a"}, {"q": ["a", "b"]})


@pytest.mark.parametrize("paths", [(), ("a.md", "b.pdf", "u.md")], ids=["empty", "three"])
def test_the_stored_states_give_back_the_documents_states(paths: tuple[str, ...]) -> None:
    kept = _delta_of(*paths).documents
    stored = snapshot.StoredStates.of(kept).model_dump_json()
    assert snapshot.StoredStates.model_validate_json(stored).documents() == kept


def test_stored_states_missing_a_documents_value_are_damaged() -> None:
    stored = snapshot.StoredStates.of(_delta_of("a.md", "b.md").documents).model_dump(mode="json")
    stored["fields"][2].pop()
    with pytest.raises(ValueError, match="lacks values"):
        snapshot.StoredStates.model_validate(stored)


def test_an_edit_of_the_events_writes_the_documents_of_the_state_no_more(project: Path) -> None:
    _age(project)
    build(project, cached=True)
    before = _entries(project, ("merged-documents", "merged-states", "merged-state"))
    add_siege(project)
    assert build(project, cached=True) == build(project, cached=False)
    after = _entries(project, ("merged-documents", "merged-states", "merged-state"))
    assert after["merged-documents"] == before["merged-documents"]
    assert after["merged-states"] == before["merged-states"]
    assert after["merged-state"] != before["merged-state"]


def _entries(project: Path, stages: tuple[str, ...]) -> dict[str, tuple[int, bytes]]:
    """The row id and value of each stage's entry."""
    with sqlite3.connect(project / "store" / STORE_NAME) as db:
        marks = ",".join("?" * len(stages))
        query = f"SELECT stage, rowid, value FROM memo WHERE stage IN ({marks})"
        return {stage: (rowid, value) for stage, rowid, value in db.execute(query, stages)}


def test_a_cold_build_stores_each_chunk_s_skeletons_and_word_heads_as_they_come(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What only the store needs of a document is written as its chunk is linked, not held
    to the end of the build; the state that build keeps is the one a build without it
    makes of the same corpus."""
    monkeypatch.setattr(pipeline, "FLUSH_EVERY", 4)
    heads_code = code_digest(snapshot.PACKAGE)
    held: list[tuple[int, int]] = []  # skeletons and word heads stored as each chunk comes
    original = pipeline.link_chunk

    def counted(chunk: Any, plan: Any, store: Store, *args: Any) -> Any:
        stored = (
            len(store.keys(relink.STAGE, plan.code)),
            len(store.keys(snapshot.HEADS, heads_code)),
        )
        held.append(stored)
        return original(chunk, plan, store, *args)

    monkeypatch.setattr(pipeline, "link_chunk", counted)
    _age(project)
    build(project, cached=True)
    assert held[:3] == [(0, 0), (4, 4), (8, 8)]
    docs = pipeline.read_corpus(project / "corpus")
    with Store(project / "store") as store:
        heads = store.get_many(snapshot.HEADS, heads_code, [d.id for d in docs], lambda h: h)
    assert heads == {doc.id: snapshot.word_heads(doc.text) for doc in docs}
    add_event(project)
    assert build(project, cached=True) == build(project, cached=False)


def test_a_rebuild_makes_no_group_of_a_date_whose_candidate_is_stored(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The groups of the dates are made one at a time, when a candidate is made: a merge
    whose candidates are all stored makes none of them."""
    specs = load_events(project / "events.yaml")
    with Store(project / "store") as store:
        first = pipeline.run_pipeline(project / "corpus", specs, store=store).timeline
    made: list[str] = []
    original = merge.date_group

    def counted(key: tuple[str, str | None], *args: Any) -> merge.DateGroup:
        made.append(key[0])
        return original(key, *args)

    monkeypatch.setattr(merge, "date_group", counted)
    with Store(project / "store") as store:
        again = pipeline.run_pipeline(project / "corpus", specs, store=store).timeline
    assert again == first
    assert made == []


def test_the_stored_events_are_read_back_a_few_at_a_time(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Making every stored candidate's event reads the store a batch at a time, and gives
    the timeline of a build without the store."""
    monkeypatch.setattr(merge, "EVENTS_READ", 3)
    asked: list[int] = []
    original = merge_stage.StoredCandidates.events

    def counted(self: merge_stage.StoredCandidates, digests: Any) -> Any:
        asked.append(len(digests))
        return original(self, digests)

    monkeypatch.setattr(merge_stage.StoredCandidates, "events", counted)
    merged = pipeline.build_merged(
        project / "corpus", project / "events.yaml", cache_dir=project / "store"
    )
    whole = merged.timeline().model_dump_json(indent=2)
    assert len(asked) > 1 and max(asked) == 3 and sum(asked) == len(merged.candidates)
    assert whole == build(project, cached=False)[0]
