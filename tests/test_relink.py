"""The link stage's memo (timeline.relink): an events.yaml edit relinks only what it can
change, and the timeline is exactly the one a full relink gives."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic_core import from_json, to_json

from timeline import merge_stage, pipeline, relink
from timeline.events_file import load_events
from timeline.extract import Extraction, extract_document, extraction_key
from timeline.link import Linker
from timeline.models import Dismissal, Document, EventSpec, Timeline
from timeline.read import load_corpus
from timeline.relink import LinkPlan, alias_set, link_key
from timeline.store import STORE_NAME, Store

ROOT = Path(__file__).parents[1]

Edit = Callable[[list[EventSpec]], list[EventSpec]]
Seeds = tuple[list[EventSpec], list[Document], list[Extraction]]


@pytest.fixture(scope="module")
def seeds() -> Seeds:
    specs = load_events(ROOT / "events.yaml")
    docs = load_corpus(ROOT / "corpus")
    return specs, docs, [extract_document(d) for d in docs]


class Cached:
    """The links of a build through the stage's memo, and how many documents it relinked."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.relinked = 0

    def __call__(
        self, specs: list[EventSpec], docs: list[Document], exts: list[Extraction]
    ) -> Timeline:
        store = Store(self.root)
        plan = LinkPlan(store, specs, Linker(specs))
        keys = [link_key(d, extraction_key(d)) for d in docs]
        done = plan.reuse(docs, keys)
        self.relinked = 0
        linked = []
        for doc, key, ext, reused in zip(docs, keys, exts, done, strict=True):
            if reused is None:
                reused = plan.link(doc, key, ext)
                self.relinked += 1
            linked.append(reused)
        plan.finish(keys)
        store.close()
        return merge_stage.merge(specs, docs, linked).timeline()


def cached(
    cache: Cached, specs: list[EventSpec], docs: list[Document], exts: list[Extraction]
) -> Timeline:
    return cache(specs, docs, exts)


def fresh(specs: list[EventSpec], docs: list[Document], exts: list[Extraction]) -> Timeline:
    return cached(Cached(Path("/nonexistent/never")), specs, docs, exts)


def alias_prefixes(spec: EventSpec) -> list[list[str]]:
    return list(alias_set([spec])[spec.id][1])


def _update(specs: list[EventSpec], event_id: str, **changes: object) -> list[EventSpec]:
    assert any(s.id == event_id for s in specs)
    return [s.model_copy(update=changes) if s.id == event_id else s for s in specs]


def _without(specs: list[EventSpec], event_id: str) -> list[EventSpec]:
    assert any(s.id == event_id for s in specs)
    return [s for s in specs if s.id != event_id]


def _dismiss_all(specs: list[EventSpec]) -> list[EventSpec]:
    dismissal = Dismissal(doc="001_8dc0db9dbabbc171", quote="the", reason="reviewed")
    return [s.model_copy(update={"dismissed": [*s.dismissed, dismissal]}) for s in specs]


# (edit, how many of the four seed documents it may relink at most)
EDITS: dict[str, tuple[Edit, int]] = {
    "nothing": (lambda s: s, 0),
    "move a date": (lambda s: _update(s, "forde-report", date="2021-01"), 0),
    "widen a period": (lambda s: _update(s, "validation-exercise", end="2017-12"), 0),
    "retag and resummarise": (
        lambda s: _update(s, "labour-report-leak", tags=["x"], summary="new"),
        0,
    ),
    "dismiss": (_dismiss_all, 0),
    "remove an event": (lambda s: _without(s, "forde-report"), 4),
    "new alias": (lambda s: _update(s, "labour-report-leak", aliases=["Stasi"]), 4),
    "new title": (lambda s: _update(s, "corbyn-suspension", title="The whip is removed"), 4),
    "add an event": (
        lambda s: [
            *s,
            EventSpec(id="yougov", title="YouGov poll", date="2017", aliases=["YouGov"]),
        ],
        4,
    ),
    "rename an id": (
        lambda s: [
            s2.model_copy(update={"id": "forde"}) if s2.id == "forde-report" else s2 for s2 in s
        ],
        4,
    ),
}


@pytest.mark.parametrize("name", list(EDITS))
def test_cached_links_give_the_timeline_a_full_relink_gives(
    name: str,
    seeds: Seeds,
    tmp_path: Path,
) -> None:
    specs, docs, exts = seeds
    edit, most = EDITS[name]
    cache = Cached(tmp_path)
    first = cached(cache, specs, docs, exts)
    assert cache.relinked == len(docs)
    assert first.model_dump_json() == fresh(specs, docs, exts).model_dump_json()

    edited = edit(list(specs))
    again = Cached(tmp_path)
    result = cached(again, edited, docs, exts)
    assert result.model_dump_json() == fresh(edited, docs, exts).model_dump_json()
    assert again.relinked <= most


def assert_spliced_is_fresh(before: list[EventSpec], after: list[EventSpec], doc: Document) -> None:
    """A document's links after an edit from ``before`` to ``after``, spliced into those it
    had, are those linked afresh, and so are the links of the skeleton to store."""
    ext = extract_document(doc)
    _, skeleton = relink.Linking(Linker(before), "before").linked(doc, ext)
    linker = Linker(after)
    renamed = relink.renamed_events(alias_set(before), alias_set(after))
    finder = Linker([s for s in after if s.id in renamed])
    made = relink.spliced(relink.Linking(linker, "after"), finder, renamed, (doc, ext, skeleton))
    fresh_links = relink.Linking(linker, "after").linked(doc, ext)[0]
    assert made is not None
    assert made[0] == fresh_links
    kept = made[1] if made[1] is not None else skeleton
    assert relink.from_skeleton(linker, doc, kept) == fresh_links


@pytest.mark.parametrize("name", [name for name, (_, most) in EDITS.items() if most])
def test_an_alias_edit_spliced_into_a_document_is_the_document_linked_afresh(
    name: str, seeds: Seeds
) -> None:
    specs, docs, _ = seeds
    edited = EDITS[name][0](list(specs))
    for doc in docs:
        assert_spliced_is_fresh(specs, edited, doc)


ZONE = EventSpec(id="zone", title="no-fly zone", date="2011-03-17", aliases=["no-fly zone"])
LEHMAN = EventSpec(id="lehman", title="Lehman Brothers", date="2008-09-15")
SPLICE_EDITS: dict[str, tuple[list[EventSpec], list[EventSpec]]] = {
    "add": ([LEHMAN], [LEHMAN, ZONE]),
    "remove": ([LEHMAN, ZONE], [LEHMAN]),
    "realias": ([ZONE, LEHMAN], [ZONE.model_copy(update={"aliases": ["the zone"]}), LEHMAN]),
}
PIECES = [
    "The no-fly zone was approved on 17 March 2011. ",
    "It was enforced on 19 March 2011. ",
    "The zone held on 20 March 2011. ",
    "Lehman Brothers collapsed on 15 September 2008. ",
    "Lehman Brothers and the no-fly zone made 2011. ",
    "This was in June 2009. ",
    "The zone council met on 2 May 2011. ",
    "No flight left the zone on 3 May 2011. ",
    "Nothing happened. ",
    "Enough is enough! February 21, 2011 at 12:12 am | Report abuse |\n",
    "Enough, the no-fly zone, February 21, 2011 at 12:12 am | Report abuse |\n",
    "\n",
    "\n\n",
    "and on 4 April 2011 it ended\n",
]


@settings(max_examples=60)
@given(st.lists(st.sampled_from(PIECES), max_size=14), st.sampled_from(list(SPLICE_EDITS)))
def test_an_alias_edit_spliced_into_any_text_is_the_text_linked_afresh(
    pieces: list[str], edit: str
) -> None:
    text = "".join(pieces)
    doc = Document(
        id="d", path="d.txt", text=text, sha256=hashlib.sha256(text.encode()).hexdigest()
    )
    assert_spliced_is_fresh(*SPLICE_EDITS[edit], doc)


def test_a_date_edit_updates_agreement_and_conflicts_without_relinking(
    seeds: Seeds, tmp_path: Path
) -> None:
    specs, docs, exts = seeds
    cached(Cached(tmp_path), specs, docs, exts)
    moved = _update(specs, "forde-report", date="2021-01")
    cache = Cached(tmp_path)
    forde = next(e for e in cached(cache, moved, docs, exts).events if e.id == "forde-report")
    assert cache.relinked == 0
    assert forde.conflicts, "the July 2022 quotes now disagree with January 2021"
    assert all(c.curated_value == "2021-01" for c in forde.conflicts)


@pytest.mark.parametrize(
    "edit",
    [
        lambda s: _update(s, "labour-report-leak", aliases=["Stasi"]),
        lambda s: [*s, EventSpec(id="yougov", title="YouGov poll", date="2017")],
        lambda s: _without(s, "forde-report"),
    ],
    ids=["new aliases", "new event", "removed event"],
)
def test_an_alias_edit_relinks_exactly_the_documents_containing_a_key_word(
    edit: Edit, seeds: Seeds, tmp_path: Path
) -> None:
    specs, docs, exts = seeds
    cached(Cached(tmp_path), specs, docs, exts)
    edited = edit(list(specs))
    changed = [s for s in [*specs, *edited] if s not in specs or s not in edited]
    groups = [g for s in changed for g in alias_prefixes(s)]
    expected = [d.id for d in docs if any(all(starts_a_word(d.text, p) for p in g) for g in groups)]
    cache = Cached(tmp_path)
    cached(cache, edited, docs, exts)
    assert cache.relinked == len(expected)


def test_a_new_event_relinks_only_documents_with_every_word_of_an_alias(
    seeds: Seeds, tmp_path: Path
) -> None:
    """ "The Forde inquiry" shares the common word "inquiry" with many texts, but only the
    documents that also say "Forde" can name it."""
    specs, docs, exts = seeds
    cached(Cached(tmp_path), specs, docs, exts)
    cache = Cached(tmp_path)
    new = EventSpec(id="inquiry", title="The Forde inquiry", date="2020", aliases=["Forde inquiry"])
    cached(cache, [*specs, new], docs, exts)
    assert cache.relinked == sum(
        starts_a_word(d.text, "ford") and starts_a_word(d.text, "inquir") for d in docs
    )


def test_a_rare_new_alias_relinks_few_documents(seeds: Seeds, tmp_path: Path) -> None:
    specs, docs, exts = seeds
    cached(Cached(tmp_path), specs, docs, exts)
    cache = Cached(tmp_path)
    cached(cache, [*specs, EventSpec(id="yougov", title="YouGov poll", date="2017")], docs, exts)
    assert 0 < cache.relinked == sum(starts_a_word(d.text, "yougo") for d in docs) < len(docs)


def test_an_alias_edit_is_checked_against_each_document_once(
    seeds: Seeds, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    specs, docs, exts = seeds
    cached(Cached(tmp_path), specs, docs, exts)
    edited = [*specs, EventSpec(id="yougov", title="YouGov poll", date="2017")]
    cached(Cached(tmp_path), edited, docs, exts)
    checked: list[object] = []
    original = relink.touched

    def counted(text: str, groups: list[list[str]]) -> bool:
        checked.extend(groups)
        return original(text, groups)

    monkeypatch.setattr(relink, "touched", counted)
    moved = _update(edited, "forde-report", date="2021-01")
    cache = Cached(tmp_path)
    again = cached(cache, moved, docs, exts)
    assert cache.relinked == 0 and checked == []
    assert again.model_dump_json() == fresh(moved, docs, exts).model_dump_json()


def starts_a_word(text: str, prefix: str) -> bool:
    """The text has a word that starts with ``prefix`` (case folded)."""
    return re.search(rf"(?<![^\W_]){re.escape(prefix)}", text.lower()) is not None


def test_a_new_alias_relinks_no_document_that_has_its_words_only_inside_others(
    seeds: Seeds, tmp_path: Path
) -> None:
    specs, docs, exts = seeds
    cached(Cached(tmp_path), specs, docs, exts)
    cache = Cached(tmp_path)
    new = EventSpec(id="nap", title="Apart", date="2017")  # "apar" only inside other words
    assert any("apar" in d.text.lower() for d in docs)
    cached(cache, [*specs, new], docs, exts)
    assert cache.relinked == sum(starts_a_word(d.text, "apar") for d in docs) < len(docs)


def rows(root: Path, stage: str) -> list[tuple[str, bytes]]:
    with sqlite3.connect(root / STORE_NAME) as db:
        return db.execute("SELECT input, value FROM memo WHERE stage=?", (stage,)).fetchall()


def rewrite(root: Path, stage: str, change: Callable[[object], object]) -> None:
    with sqlite3.connect(root / STORE_NAME) as db:
        for key, value in rows(root, stage):
            new = change(from_json(value))
            db.execute("UPDATE memo SET value=? WHERE input=?", (to_json(new), key))


def _damaged_row(skeleton: object) -> object:
    assert isinstance(skeleton, dict)
    if skeleton["t"]:
        skeleton["t"][0][0] = "x"  # one offset of one stored timex is no longer a number
    else:
        skeleton["f"] = "x"
    return skeleton


@pytest.mark.parametrize(
    "damage",
    [lambda _: [], lambda _: {"a": 1}, lambda _: "x", _damaged_row],
    ids=["wrong shape", "wrong type", "a string", "a damaged timex row"],
)
def test_an_unusable_entry_means_its_document_is_linked_again(
    damage: Callable[[object], object], seeds: Seeds, tmp_path: Path
) -> None:
    specs, docs, exts = seeds
    cached(Cached(tmp_path), specs, docs, exts)
    rewrite(tmp_path, "link", damage)
    cache = Cached(tmp_path)
    result = cached(cache, specs, docs, exts)
    assert cache.relinked == len(docs)
    assert result.model_dump_json() == fresh(specs, docs, exts).model_dump_json()


def test_a_lost_alias_set_relinks_everything(seeds: Seeds, tmp_path: Path) -> None:
    specs, docs, exts = seeds
    cached(Cached(tmp_path), specs, docs, exts)
    with sqlite3.connect(tmp_path / STORE_NAME) as db:
        db.execute("DELETE FROM memo WHERE stage='aliases'")
    cache = Cached(tmp_path)
    edited = [*specs, EventSpec(id="yougov", title="YouGov poll", date="2017")]
    result = cached(cache, edited, docs, exts)
    assert cache.relinked == len(docs)  # what changed since cannot be told: link everything
    assert result.model_dump_json() == fresh(edited, docs, exts).model_dump_json()


def test_a_skeleton_that_does_not_fit_is_relinked(seeds: Seeds, tmp_path: Path) -> None:
    """Offsets past the extraction's timexes (a hand-edited file) fall back to linking."""
    specs, docs, exts = seeds
    cached(Cached(tmp_path), specs, docs, exts)

    def misfit(skeleton: object) -> object:
        assert isinstance(skeleton, dict)
        skeleton["u"].insert(0, [99999, 99999, 0, [99999]])
        return skeleton

    rewrite(tmp_path, "link", misfit)
    cache = Cached(tmp_path)
    result = cached(cache, specs, docs, exts)
    assert cache.relinked >= 1
    assert result.model_dump_json() == fresh(specs, docs, exts).model_dump_json()


def test_builds_with_a_cache_folder_reuse_links(tmp_path: Path) -> None:
    """Through the pipeline: the second build relinks nothing and gives the same timeline."""
    events = tmp_path / "events.yaml"
    events.write_text((ROOT / "events.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    cache_dir = tmp_path / "cache"
    first = pipeline.build_timeline(ROOT / "corpus", events, cache_dir=cache_dir)
    stored = rows(cache_dir, "link")
    assert len(stored) == 4
    second = pipeline.build_timeline(ROOT / "corpus", events, cache_dir=cache_dir)
    assert second.model_dump_json() == first.model_dump_json()
    assert rows(cache_dir, "link") == stored
