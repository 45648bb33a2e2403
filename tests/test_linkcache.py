"""The link cache (timeline.linkcache): an events.yaml edit relinks only what it can change,
and the timeline is exactly the one a full relink gives."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from timeline import pipeline
from timeline.cache import Extraction
from timeline.events_file import load_events
from timeline.link import Linker
from timeline.linkcache import LINKS_NAME, LinkCache, key_prefixes
from timeline.merge import merge_timeline
from timeline.models import Dismissal, Document, EventSpec, Timeline
from timeline.published import mark_estimated
from timeline.read import load_corpus

ROOT = Path(__file__).parents[1]
TAGGER = "news test"

Edit = Callable[[list[EventSpec]], list[EventSpec]]


@pytest.fixture(scope="module")
def seeds() -> tuple[list[EventSpec], list[Document], list[Extraction]]:
    specs = load_events(ROOT / "events.yaml")
    docs = load_corpus(ROOT / "corpus")
    return specs, docs, pipeline.extract_corpus(docs)


def cached(
    cache: LinkCache, specs: list[EventSpec], docs: list[Document], exts: list[Extraction]
) -> Timeline:
    linker = Linker(specs)
    links = cache.link_all(linker, specs, docs, exts)
    infos = [pipeline.document_info(d, e) for d, e in zip(docs, exts, strict=True)]
    timeline = merge_timeline(specs, links, infos, timexes=sum(len(e.timexes) for e in exts))
    return mark_estimated(timeline, docs)


def fresh(specs: list[EventSpec], docs: list[Document], exts: list[Extraction]) -> Timeline:
    return pipeline.link_and_merge(specs, docs, exts)


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
    seeds: tuple[list[EventSpec], list[Document], list[Extraction]],
    tmp_path: Path,
) -> None:
    specs, docs, exts = seeds
    edit, most = EDITS[name]
    cache = LinkCache(tmp_path, tagger=TAGGER)
    first = cached(cache, specs, docs, exts)
    assert cache.relinked == len(docs)
    assert first.model_dump_json() == fresh(specs, docs, exts).model_dump_json()

    edited = edit(list(specs))
    again = LinkCache(tmp_path, tagger=TAGGER)
    result = cached(again, edited, docs, exts)
    assert result.model_dump_json() == fresh(edited, docs, exts).model_dump_json()
    assert again.relinked <= most


def test_a_date_edit_updates_agreement_and_conflicts_without_relinking(
    seeds: tuple[list[EventSpec], list[Document], list[Extraction]], tmp_path: Path
) -> None:
    specs, docs, exts = seeds
    cached(LinkCache(tmp_path, tagger=TAGGER), specs, docs, exts)
    moved = _update(specs, "forde-report", date="2021-01")
    cache = LinkCache(tmp_path, tagger=TAGGER)
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
    edit: Edit, seeds: tuple[list[EventSpec], list[Document], list[Extraction]], tmp_path: Path
) -> None:
    specs, docs, exts = seeds
    cached(LinkCache(tmp_path, tagger=TAGGER), specs, docs, exts)
    edited = edit(list(specs))
    changed = [s for s in [*specs, *edited] if s not in specs or s not in edited]
    words = {w for s in changed for w in key_prefixes(s)}
    expected = [d.id for d in docs if any(w in d.text.lower() for w in words)]
    cache = LinkCache(tmp_path, tagger=TAGGER)
    cached(cache, edited, docs, exts)
    assert cache.relinked == len(expected)


def test_a_rare_new_alias_relinks_few_documents(
    seeds: tuple[list[EventSpec], list[Document], list[Extraction]], tmp_path: Path
) -> None:
    specs, docs, exts = seeds
    cached(LinkCache(tmp_path, tagger=TAGGER), specs, docs, exts)
    cache = LinkCache(tmp_path, tagger=TAGGER)
    cached(cache, [*specs, EventSpec(id="yougov", title="YouGov poll", date="2017")], docs, exts)
    assert 0 < cache.relinked == sum("yougov" in d.text.lower() for d in docs) < len(docs)


@pytest.mark.parametrize(
    "damage",
    [b"", b"{not json", b'{"code": ["x", "y"], "events": {}, "documents": {}}', b"[1, 2]", None],
    ids=["empty", "corrupt", "another version", "wrong shape", "a damaged timex row"],
)
def test_an_unusable_file_means_every_document_is_linked_again(
    damage: bytes | None,
    seeds: tuple[list[EventSpec], list[Document], list[Extraction]],
    tmp_path: Path,
) -> None:
    specs, docs, exts = seeds
    cached(LinkCache(tmp_path, tagger=TAGGER), specs, docs, exts)
    path = tmp_path / LINKS_NAME
    if damage is None:  # one offset of one stored timex is no longer a number
        damage = re.sub(rb'"t":\[\[\d+', b'"t":[["x"', path.read_bytes(), count=1)
        assert damage != path.read_bytes()
    path.write_bytes(damage)
    cache = LinkCache(tmp_path, tagger=TAGGER)
    result = cached(cache, specs, docs, exts)
    assert cache.relinked == len(docs)
    assert result.model_dump_json() == fresh(specs, docs, exts).model_dump_json()


def test_another_tagger_relinks_everything(
    seeds: tuple[list[EventSpec], list[Document], list[Extraction]], tmp_path: Path
) -> None:
    specs, docs, exts = seeds
    cached(LinkCache(tmp_path, tagger=TAGGER), specs, docs, exts)
    cache = LinkCache(tmp_path, tagger="news other")
    cache.link_all(Linker(specs), specs, docs, exts)
    assert cache.relinked == len(docs)


def test_a_skeleton_that_does_not_fit_is_relinked(
    seeds: tuple[list[EventSpec], list[Document], list[Extraction]], tmp_path: Path
) -> None:
    """Offsets past the extraction's timexes (a hand-edited file) fall back to linking."""
    specs, docs, exts = seeds
    cached(LinkCache(tmp_path, tagger=TAGGER), specs, docs, exts)
    path = tmp_path / LINKS_NAME
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"u":[[', '"u":[[99999,99999,0,[99999]],['), encoding="utf-8")
    cache = LinkCache(tmp_path, tagger=TAGGER)
    result = cached(cache, specs, docs, exts)
    assert cache.relinked >= 1
    assert result.model_dump_json() == fresh(specs, docs, exts).model_dump_json()


def test_builds_with_a_cache_folder_reuse_links(tmp_path: Path) -> None:
    """Through the pipeline: the second build relinks nothing and gives the same timeline."""
    events = tmp_path / "events.yaml"
    events.write_text((ROOT / "events.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    cache_dir = tmp_path / "cache"
    first = pipeline.build_timeline(ROOT / "corpus", events, cache_dir=cache_dir)
    assert (cache_dir / LINKS_NAME).is_file()
    stamp = (cache_dir / LINKS_NAME).stat().st_mtime_ns
    second = pipeline.build_timeline(ROOT / "corpus", events, cache_dir=cache_dir)
    assert second.model_dump_json() == first.model_dump_json()
    assert (cache_dir / LINKS_NAME).stat().st_mtime_ns == stamp, "nothing changed: not rewritten"
