"""The word heads the kept state holds: the database's search of them finds every document
an alias edit can touch."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline import snapshot
from timeline.link import Alias
from timeline.relink import touched
from timeline.store import Store, code_digest

WORDS = ["no-fly", "zone", "Zones", "Nofly", "école", "Ecole", "flyer", "council", "l'élection"]
ALIASES = ["no-fly zone", "zone", "école", "the council", "élection"]


def _groups(phrases: list[str]) -> list[list[str]]:
    found = [Alias.compile("e", phrase) for phrase in phrases]
    return [list(alias.prefixes) for alias in found if alias is not None]


@settings(max_examples=40)
@given(
    st.lists(st.lists(st.sampled_from(WORDS), max_size=8), min_size=1, max_size=6),
    st.lists(st.sampled_from(ALIASES), min_size=1, max_size=3),
)
def test_every_text_an_alias_can_touch_is_found(
    tmp_path_factory: pytest.TempPathFactory, texts: list[list[str]], aliases: list[str]
) -> None:
    groups = _groups(aliases)
    root = tmp_path_factory.mktemp("store")
    documents = {f"d{i}": " ".join(words) + "." for i, words in enumerate(texts)}
    with Store(root) as store:
        code = code_digest(snapshot.PACKAGE)
        heads = [(doc_id, snapshot.word_heads(text)) for doc_id, text in documents.items()]
        store.put_together([(snapshot.HEADS, code, heads)])
        found = snapshot.touched_documents(store, list(documents), groups)
    for doc_id, text in documents.items():
        if touched(text, groups):
            assert doc_id in found, (text, groups)


def test_a_document_without_heads_may_be_touched(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        code = code_digest(snapshot.PACKAGE)
        heads = [("a", None), ("b", " abc"), ("c", " xyz")]
        store.put_together([(snapshot.HEADS, code, heads)])
        assert snapshot.touched_documents(store, ["a", "b", "c", "d"], [["xyz"]]) == {
            "a",
            "c",
            "d",
        }
        assert snapshot.touched_documents(store, ["a", "b", "c"], [["xyz", "ab"], ["ab"]]) == {
            "a",
            "b",
        }
