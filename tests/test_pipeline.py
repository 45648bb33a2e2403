"""The build end to end (timeline.pipeline): a small corpus, and the seed corpus when present."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

import timeline.temporal
from timeline import merge, merge_stage, outputs, pipeline
from timeline.engine import Engine
from timeline.errors import CorpusError, EventsFileError
from timeline.events_file import load_events
from timeline.extract import extract_document
from timeline.models import CorpusSource, Document, DocumentMeta, Timeline
from timeline.published import estimate_published
from timeline.relink import Facts
from timeline.store import Store
from timeline.temporal.timex import Timex
from timeline.watch import WatchSession

ROOT = Path(__file__).parents[1]

EVENTS = """\
events:
  - id: report-leak
    title: The leaked report
    date: 2020-04-12
    aliases: [leaked report]
    tags: [leak]
    sources:
      - publisher: Sky News
        title: Leaked Labour report
        date: 2020-04-12
  - id: general-election
    title: The 2017 general election
    date: 2017-06-08
  - id: later-review
    title: A later review
    date: 2023
    status: candidate
"""


def fake_tag(
    text: str,
    dct: str | None = None,
    *,
    mode: str = "news",
    dayfirst: bool = False,
    language: str = "en",
) -> list[Timex]:
    """Years, "in April" resolved against ``dct``, and "17-month" as a duration."""
    out = []
    for m in re.finditer(r"\b(?:19|20)\d\d\b|\bin April\b|\b17-month\b", text):
        if m.group() == "in April":
            value = f"{dct[:4]}-04" if dct else "XXXX-04"
            anchor = "publication" if dct else "none"
            out.append(Timex(m.start(), m.end(), m.group(), "DATE", value, None, anchor, dct))
        elif m.group() == "17-month":
            out.append(Timex(m.start(), m.end(), m.group(), "DURATION", "P17M"))
        else:
            out.append(Timex(m.start(), m.end(), m.group(), "DATE", m.group()))
    return out


@pytest.fixture
def fake_tagger(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timeline.temporal, "tag", fake_tag)
    monkeypatch.setattr(timeline.temporal, "TAGGER_VERSION", "fake")


@pytest.fixture
def project(tmp_path: Path, fake_tagger: None) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "The leaked report emerged in April.\n"
        "Staff wanted to lose the 2017 general election.\n"
        "A 2015 poll said so.\n",
        encoding="utf-8",
    )
    (corpus / "a.meta.yaml").write_text("title: A\npublished: 2020-08\n", encoding="utf-8")
    (corpus / "b.md").write_text(
        "---\ntitle: B\npublished: 2021-02\n---\nIn 2015, a poll. The leaked report, 2019.\n",
        encoding="utf-8",
    )
    (tmp_path / "events.yaml").write_text(EVENTS, encoding="utf-8")
    return tmp_path


def build(project: Path, **kw: object) -> Timeline:
    return pipeline.build_timeline(project / "corpus", project / "events.yaml", **kw)  # type: ignore[arg-type]


def test_build_links_events_and_groups_candidates(project: Path) -> None:
    timeline = build(project)
    by_id = {e.id: e for e in timeline.events}
    leak = by_id["report-leak"]
    assert leak.kind == "curated" and leak.date.value == "2020-04-12"
    assert leak.sources[0].kind == "reference"
    corpus = [s for s in leak.sources if isinstance(s, CorpusSource)]
    assert [(s.doc, s.quote, s.agrees) for s in corpus] == [
        ("a", "The leaked report emerged in April.", True),
        ("b", "The leaked report, 2019.", False),
    ]
    assert [c.message for c in leak.conflicts] == ['b: "2019" (2019) vs curated 2020-04-12']
    election = by_id["general-election"]
    [source] = election.sources
    assert isinstance(source, CorpusSource) and source.agrees is True
    assert by_id["later-review"].kind == "candidate"
    [poll] = [e for e in timeline.events if e.id.startswith("candidate-")]
    assert poll.date.value == "2015"
    assert {s.doc for s in poll.sources if isinstance(s, CorpusSource)} == {"a", "b"}
    assert timeline.summary.model_dump() == {
        "documents": 2,
        "timexes": 5,
        "events": 2,
        "candidates": 2,
        "conflicts": 1,
    }
    assert [e.date.start for e in timeline.events] == sorted(e.date.start for e in timeline.events)


def test_quotes_point_into_the_document_text(project: Path) -> None:
    from timeline.read import load_corpus

    texts = {d.id: d.text for d in load_corpus(project / "corpus")}
    for event in build(project).events:
        for s in event.sources:
            if isinstance(s, CorpusSource):
                assert texts[s.doc][s.start : s.end] == s.quote
                if s.timex is not None:
                    assert texts[s.doc][s.timex.start : s.timex.end] == s.timex.text


def test_progress_is_reported_after_each_document(project: Path) -> None:
    calls: list[tuple[int, int]] = []
    build(project, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 2), (2, 2)]


def test_broken_events_file_fails_before_reading_the_corpus(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "events.yaml").write_text("events:\n  - id: x\n", encoding="utf-8")

    def must_not_run(*_a: object, **_k: object) -> None:
        raise AssertionError("the corpus was read")

    monkeypatch.setattr(pipeline, "read_corpus", must_not_run)
    with pytest.raises(EventsFileError) as e:
        build(project)
    assert any("title" in line for line in e.value.problems)


def test_missing_corpus_is_a_corpus_error(project: Path) -> None:
    with pytest.raises(CorpusError):
        pipeline.build_timeline(project / "nope", project / "events.yaml")


# --------------------------------------------------------------------------- publication dates


def document(text: str, published: str | None = None, body_end: int | None = None) -> Document:
    return Document(
        id="x",
        path="x.txt",
        text=text,
        meta=DocumentMeta(published=published),
        sha256="0" * 64,
        body_end=body_end,
    )


def test_undated_document_gets_an_estimated_publication_date(fake_tagger: None) -> None:
    warnings: list[str] = []
    doc = document("Founded in 2015. Then the 2019 split. It emerged in April.")
    ext = extract_document(doc)
    pipeline.warn_undated([(doc.id, doc.meta.published is None, ext.dct)], warnings.append)
    assert (ext.dct, ext.dct_estimated) == ("2019", True)
    assert warnings == [
        "x: no publication date; estimated as no earlier than 2019, the latest past date its "
        "body mentions (reader comments, future dates and copyright lines left out)"
    ]
    april = next(t for t in ext.timexes if t.text == "in April")
    assert (april.value, april.anchor_value) == ("2019-04", "2019")
    info = merge_stage.document_info(doc, Facts.of(ext))
    assert (info.published, info.published_estimated) == ("2019", True)


def test_the_warnings_of_undated_documents_come_from_the_build(project: Path) -> None:
    (project / "corpus" / "c.txt").write_text("No date at all here.\n", encoding="utf-8")
    for cache_dir in (None, project / "store", project / "store"):
        warnings: list[str] = []
        build(project, warn=warnings.append, cache_dir=cache_dir)
        assert [w for w in warnings if w.startswith("c:")] == [
            "c: no publication date and no date in the text to estimate it from; "
            "relative dates such as 'in April' stay unresolved"
        ]


def test_estimate_ignores_relative_dates_durations_and_comments() -> None:
    text = "Back in 2016. Body text.\nComment: see you in 2030."
    doc = document(text, body_end=text.index("Comment"))
    timexes = [
        Timex(8, 12, "2016", "DATE", "2016"),
        Timex(14, 18, "Body", "DATE", "2024-01-01", anchor="publication"),
        Timex(19, 23, "text", "DURATION", "P17M"),
        Timex(text.index("2030"), text.index("2030") + 4, "2030", "DATE", "2030"),
    ]
    assert estimate_published(doc, timexes) == "2016"


def test_estimate_prefers_the_later_start_then_the_finer_value() -> None:
    doc = document("x" * 40)
    timexes = [
        Timex(0, 4, "2017", "DATE", "2017"),
        Timex(5, 9, "June", "DATE", "2017-06-08"),
        Timex(10, 14, "2017", "DATE", "2017-01"),
    ]
    assert estimate_published(doc, timexes) == "2017-06-08"
    assert estimate_published(doc, timexes[::2]) == "2017-01"


def test_document_with_no_date_at_all_stays_unanchored(fake_tagger: None) -> None:
    warnings: list[str] = []
    doc = document("It emerged in April.")
    ext = extract_document(doc)
    pipeline.warn_undated([(doc.id, doc.meta.published is None, ext.dct)], warnings.append)
    assert ext.dct is None and not ext.dct_estimated
    assert [t.value for t in ext.timexes] == ["XXXX-04"]
    assert "no publication date and no date in the text" in warnings[0]


@pytest.mark.parametrize("day_first,value", [(False, "2020-04-05"), (True, "2020-05-04")])
def test_day_first_metadata_decides_how_numeric_dates_read(day_first: bool, value: str) -> None:
    """The real tagger: a British article says so in its metadata."""
    doc = Document(
        id="uk",
        path="uk.txt",
        text="The meeting on 04/05/2020 was short.",
        meta=DocumentMeta(published="2020-06-01", day_first=day_first),
        sha256="0" * 64,
    )
    [timex] = extract_document(doc).timexes
    assert (timex.text, timex.value) == ("04/05/2020", value)


def test_a_published_date_is_used_as_is_without_warning(fake_tagger: None) -> None:
    warnings: list[str] = []
    doc = document("in April", "2020-08")
    ext = extract_document(doc)
    pipeline.warn_undated([(doc.id, doc.meta.published is None, ext.dct)], warnings.append)
    assert (ext.dct, ext.dct_estimated, warnings) == ("2020-08", False, [])


# --------------------------------------------------------------------------- writing


def test_build_and_write_writes_the_page_and_json(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages: list[Path] = []

    def write_html(
        timeline: Timeline, path: Path, max_candidates: int | None = None, *, corpus_dir: Path
    ) -> None:
        assert corpus_dir == project / "corpus"
        pages.append(path)
        path.write_text("<html></html>")

    monkeypatch.setattr("timeline.render.write_html", write_html)
    out, js = project / "t.html", project / "t.json"
    summary = outputs.build_and_write(
        project / "corpus", project / "events.yaml", out, json_path=js
    )
    assert summary == (
        "Read 2 documents: 5 temporal expressions, 2 events, 2 candidates, 1 conflict.\n"
        f"Wrote {out}\nWrote {js}"
    )
    assert pages == [out]
    text = js.read_text(encoding="utf-8")
    assert text.endswith("}\n")
    data = json.loads(text)
    assert Timeline.model_validate(data) == build(project)
    forde_like = data["events"][0]
    assert set(forde_like) >= {"id", "title", "kind", "date", "end_date", "tags", "sources"}


def test_summary_uses_singulars() -> None:
    t = Timeline()
    t.summary.documents = t.summary.events = t.summary.timexes = 1
    assert outputs.summary_text(t) == (
        "Read 1 document: 1 temporal expression, 1 event, 0 candidates, 0 conflicts."
    )


def test_extraction_records(project: Path) -> None:
    records = list(outputs.iter_extraction_records(project / "corpus"))
    assert [r["id"] for r in records] == ["a", "b"]
    a = records[0]
    assert set(a) == {"id", "path", "meta", "sha256", "timexes", "mentions"}
    assert a["meta"]["published"] == "2020-08"
    assert [t["value"] for t in a["timexes"]] == ["2020-04", "2017", "2015"]
    assert a["mentions"][0] == {
        "start": 0,
        "end": 35,
        "quote": "The leaked report emerged in April.",
        "section": "body",
        "timexes": [a["timexes"][0]],
        "events": [],
    }
    json.dumps(records)  # JSON-ready


def test_extraction_records_can_link_events(project: Path) -> None:
    records = list(
        outputs.iter_extraction_records(project / "corpus", events_path=project / "events.yaml")
    )
    assert [m["events"] for m in records[0]["mentions"]] == [
        ["report-leak"],
        ["general-election"],
        [],
    ]


# --------------------------------------------------------------------------- the seed corpus

FIVE = [
    ("validation exercise", "2016-06-27", "2016-09-24", "001"),
    ("2017 general election", "2017-06-08", None, "001"),
    ("the leak", "2020-04-12", None, "001"),
    ("Forde report", "2022-07-19", None, "000"),
    ("Corbyn's suspension", "2020-10-29", None, "003"),
]


@pytest.fixture(scope="module")
def seed_timeline(tmp_path_factory: pytest.TempPathFactory) -> Timeline:
    if not (ROOT / "events.yaml").is_file() or not (ROOT / "corpus").is_dir():
        pytest.skip("the seed corpus and events.yaml are not in this checkout")
    return pipeline.build_timeline(
        ROOT / "corpus", ROOT / "events.yaml", cache_dir=tmp_path_factory.mktemp("cache")
    )


@pytest.mark.parametrize("name,start,end,doc", FIVE, ids=[f[0] for f in FIVE])
def test_seed_corpus_places_the_five_events(
    seed_timeline: Timeline, name: str, start: str, end: str | None, doc: str
) -> None:
    matches = [
        e
        for e in seed_timeline.events
        if e.kind == "curated"
        and e.date.start == start
        and (e.end_date.value if e.end_date else None) == end
    ]
    assert matches, f"{name}: no curated event on {start}"
    quoted = {s.doc[:3] for e in matches for s in e.sources if isinstance(s, CorpusSource)}
    assert doc in quoted, f"{name}: no corpus source quoting {doc}"


def test_the_cyclic_collector_is_back_on_after_a_build(project: Path) -> None:
    import gc

    build(project)
    assert gc.isenabled()
    (project / "corpus" / "a.txt").unlink()
    (project / "corpus" / "b.md").unlink()
    with pytest.raises(CorpusError):
        build(project)
    assert gc.isenabled()
    gc.disable()
    try:
        with pipeline.cyclic_gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()


# --------------------------------------------------------------------------- watch sessions


def _age(folder: Path, seconds: float = 3600) -> None:
    """Date every file under ``folder`` back, out of the window a session does not trust."""
    past = time.time() - seconds
    for path in folder.rglob("*"):
        os.utime(path, (past, past))


def watched(project: Path, session: WatchSession, **kw: object) -> Timeline:
    return build(project, store=session.store, read=session.read, **kw)


def test_a_session_rebuild_after_an_events_edit_reads_no_document(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _age(project / "corpus")
    session = WatchSession(None)
    first = watched(project, session)

    def no_reading(*args: object, **kw: object) -> None:
        raise AssertionError("the corpus was read or tagged again")

    monkeypatch.setattr("timeline.watch.read_corpus", no_reading)
    monkeypatch.setattr(timeline.temporal, "tag", no_reading)
    events = project / "events.yaml"
    events.write_text(events.read_text().replace("2020-04-12", "2019"), encoding="utf-8")
    second = watched(project, session)
    leak = {e.id: e for e in second.events}["report-leak"]
    assert leak.date.value == "2019"
    assert [c.message for c in leak.conflicts] == ['a: "in April" (2020-04) vs curated 2019']
    monkeypatch.undo()
    monkeypatch.setattr(timeline.temporal, "tag", fake_tag)
    assert second == build(project)  # what a build without a session gives
    assert first != second


def test_a_session_reads_again_after_a_corpus_change(project: Path) -> None:
    _age(project / "corpus")
    session = WatchSession(None)
    watched(project, session)
    doc = project / "corpus" / "a.txt"
    doc.write_text("The leaked report emerged in 2018.\n", encoding="utf-8")
    _age(project / "corpus", 1800)
    timeline = watched(project, session)
    leak = {e.id: e for e in timeline.events}["report-leak"]
    assert any(
        isinstance(s, CorpusSource) and s.quote == "The leaked report emerged in 2018."
        for s in leak.sources
    )


def test_a_session_gives_the_warnings_again_and_reports_progress(project: Path) -> None:
    (project / "corpus" / "c.txt").write_text("No date at all here.\n", encoding="utf-8")
    _age(project / "corpus")
    session = WatchSession(None)
    first: list[str] = []
    watched(project, session, warn=first.append)
    assert any("c: no publication date" in w for w in first)
    again: list[str] = []
    calls: list[tuple[int, int]] = []
    watched(project, session, warn=again.append, progress=lambda *a: calls.append(a))
    assert again == first
    assert calls == [(3, 3)]


def test_a_session_does_not_keep_a_corpus_modified_seconds_ago(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file saved within the clock's tick could change again unseen: read it every time."""
    session = WatchSession(None)
    watched(project, session)
    reads: list[Path] = []
    monkeypatch.setattr(
        "timeline.watch.read_corpus", lambda root, warn=None, store=None: reads.append(root) or []
    )
    session.read(project / "corpus")
    assert reads == [project / "corpus"]


def test_the_package_exports_its_api() -> None:
    import timeline as package

    assert set(package.__all__) == {
        "Timeline",
        "__version__",
        "build_timeline",
        "load_events",
        "tag",
    }
    assert package.build_timeline is pipeline.build_timeline
    assert package.Timeline is Timeline
    assert package.load_events is load_events
    assert [t.value for t in package.tag("It happened on 3 May 2019.", "2020-01-01")] == [
        "2019-05-03"
    ]
    with pytest.raises(AttributeError):
        package.nothing  # noqa: B018


def test_loading_the_pipeline_does_not_compile_the_tagger() -> None:
    """A rebuild whose extractions all come from the cache never pays for the grammar."""
    code = (
        "import sys, timeline.cli, timeline.pipeline, timeline.render\n"
        "from timeline import temporal\n"
        "assert temporal.TAGGER_VERSION\n"
        "loaded = [m for m in ('timeline.temporal.tagger', 'dateparser') if m in sys.modules]\n"
        "assert not loaded, loaded\n"
        "assert callable(temporal.tag) and 'timeline.temporal.tagger' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_a_rebuild_from_the_store_does_not_compile_the_tagger(tmp_path: Path) -> None:
    """Every extraction and link comes from the store: the grammar is never needed."""
    events = tmp_path / "events.yaml"
    events.write_text((ROOT / "events.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    cache = tmp_path / "cache"
    pipeline.build_timeline(ROOT / "corpus", events, cache_dir=cache)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from timeline import pipeline\n"
        f"pipeline.build_timeline(Path({str(ROOT / 'corpus')!r}), Path({str(events)!r}), "
        f"cache_dir=Path({str(cache)!r}))\n"
        "assert 'timeline.temporal.tagger' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_many_undated_documents_are_counted_in_one_line_each_way() -> None:
    warnings: list[str] = []
    estimated = [(f"e{i}", True, "2019") for i in range(5)]
    unanchored = [(f"u{i}", True, None) for i in range(1200)]
    pipeline.warn_undated([*estimated, *unanchored], warnings.append)
    assert warnings == [
        "5 documents have no publication date (first: e0 (2019), e1 (2019), e2 (2019), …); "
        "each is estimated as no earlier than the latest past date its body mentions (reader "
        "comments, future dates and copyright lines left out)",
        "1,200 documents have no publication date and no date in the text to estimate it from "
        "(first: u0, u1, u2, …); relative dates such as 'in April' stay unresolved",
    ]


def test_the_merging_process_keeps_no_text_of_what_the_workers_linked(tmp_path: Path) -> None:
    repo = Path(__file__).parents[1]
    specs = load_events(repo / "events.yaml")
    with Store(tmp_path / "store") as store:
        built = pipeline.run_pipeline(repo / "corpus", specs, store=store, engine=Engine(jobs=2))
        asked = pipeline.run_pipeline(
            repo / "corpus", specs, store=store, engine=Engine(jobs=2), with_extractions=True
        )
    assert built.docs and all(doc.text == "" for doc in built.docs)
    assert all(doc.text for doc in asked.docs)
    assert built.timeline == asked.timeline
    with Store(None) as memory:  # a store that keeps nothing: the texts stay
        kept = pipeline.run_pipeline(repo / "corpus", specs, store=memory, engine=Engine(jobs=2))
    assert all(doc.text for doc in kept.docs) and kept.timeline == built.timeline


@pytest.mark.parametrize("stored", [False, True])
def test_the_json_is_the_timeline_s_json_text_in_utf8(
    project: Path, monkeypatch: pytest.MonkeyPatch, stored: bool
) -> None:
    """The JSON written, its events made a few at a time, is the timeline's JSON text,
    indented, with a line end, in UTF-8 (a quote beyond Latin-1 included)."""
    (project / "corpus" / "c.txt").write_text(
        "“Il a démissionné” le 3 mars 2019 — 😀.\n", encoding="utf-8"
    )
    monkeypatch.setattr(merge, "EVENTS_READ", 2)
    store = project / "store" if stored else None
    merged = pipeline.build_merged(project / "corpus", project / "events.yaml", cache_dir=store)
    path = project / "t.json"
    outputs.write_json(merged, path)
    whole = merged.timeline()
    assert path.read_bytes() == (whole.model_dump_json(indent=2) + "\n").encode("utf-8")
    assert "😀" in path.read_text(encoding="utf-8") and len(whole.events) > 2


def test_the_json_of_an_empty_timeline_is_its_json_text(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    outputs.write_json(merge.Merged([], [], [], 0), path)
    assert path.read_text(encoding="utf-8") == Timeline().model_dump_json(indent=2) + "\n"
