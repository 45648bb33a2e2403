from __future__ import annotations

import hashlib

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.copies import (
    BANDS,
    PERMUTATIONS,
    SIMILARITY,
    _joined,
    near_duplicates,
    shingles,
    signature,
)
from timeline.models import Document

STORY = (
    "Forces loyal to Moammar Gadhafi shelled the rebel-held city of Misrata on Sunday, "
    "killing at least twelve people, a doctor at the main hospital said. The rebels said "
    "they had pushed government troops back from the port after hours of fighting, and "
    "aid ships were waiting offshore to take the wounded to Benghazi."
)
OTHER = (
    "The central bank cut its main interest rate by half a point on Thursday, its third cut "
    "this year, saying that inflation had fallen faster than expected and that lending to "
    "small firms was still weak across the country."
)


def doc(doc_id: str, text: str) -> Document:
    sha = hashlib.sha256(text.encode()).hexdigest()
    return Document(id=doc_id, path=f"{doc_id}.txt", text=text, sha256=sha)


def test_copies_of_a_story_are_one_group_named_by_its_first_document() -> None:
    docs = [
        doc("c", "By Wire Staff\n" + STORY + " More follows."),
        doc("a", STORY),
        doc("b", OTHER),
        doc("d", STORY.replace("twelve", "12")),
    ]
    assert near_duplicates(docs) == {"a": "a", "c": "a", "d": "a"}


def test_unrelated_and_empty_documents_have_no_copies() -> None:
    assert near_duplicates([doc("a", STORY), doc("b", OTHER), doc("e", "   ")]) == {}
    assert shingles("one two") == ["one", "two"]


def test_identical_files_are_one_group_and_their_copies_join_it() -> None:
    docs = [doc(f"x{n:04}", STORY) for n in range(300)]
    docs += [doc("b", OTHER), doc("y", STORY.replace("twelve", "12"))]
    groups = near_duplicates(docs)
    assert groups == {d.id: "x0000" for d in docs if d.id != "b"}


def test_the_digest_tells_bodies_apart_by_their_words_as_shingles_do() -> None:
    spaced = STORY.upper().replace(" ", "  \n")
    short = [doc("s1", "rebels took"), doc("s2", "rebels  TOOK"), doc("s3", "rebels took it")]
    signed = {d.id: signature(d) for d in [doc("a", STORY), doc("b", spaced), *short]}
    digests = {doc_id: found[0] for doc_id, found in signed.items() if found is not None}
    assert digests["a"] == digests["b"] and signed["a"] == signed["b"]
    assert digests["s1"] == digests["s2"] != digests["s3"]
    assert len({digests["a"], digests["s1"], digests["s3"]}) == 3
    assert signature(doc("e", " \n ")) is None


def _joined_pairwise(minhashes: list[tuple[int, ...]]) -> dict[int, list[int]]:
    """The groups :func:`_joined` makes, by comparing every pair (no buckets)."""
    rows = PERMUTATIONS // BANDS
    group = list(range(len(minhashes)))
    for j, b in enumerate(minhashes):
        for i, a in enumerate(minhashes[:j]):
            bands = any(
                a[k * rows : (k + 1) * rows] == b[k * rows : (k + 1) * rows] for k in range(BANDS)
            )
            if (
                bands
                and sum(x == y for x, y in zip(a, b, strict=True)) / PERMUTATIONS >= SIMILARITY
            ):
                old, new = max(group[i], group[j]), min(group[i], group[j])
                group = [new if g == old else g for g in group]
    joined: dict[int, list[int]] = {}
    for g, first in enumerate(group):
        joined.setdefault(first, []).append(g)
    return joined


@settings(max_examples=300)
@given(st.data())
def test_the_groups_are_those_of_comparing_every_pair(data: st.DataObject) -> None:
    """MinHashes drawn as a walk (each a few values away from the one before, so that near
    ones are alike and far ones not, and a later one can join two groups), in a shuffled
    order, group as comparing every pair groups them."""
    values = data.draw(st.lists(st.integers(0, 9), min_size=PERMUTATIONS, max_size=PERMUTATIONS))
    walk = []
    for _ in range(data.draw(st.integers(1, 30))):
        for k in data.draw(st.lists(st.integers(0, PERMUTATIONS - 1), max_size=24)):
            values[k] = data.draw(st.integers(0, 9))
        walk.append(tuple(values))
    minhashes = data.draw(st.permutations(walk))
    assert _joined(minhashes) == _joined_pairwise(minhashes)
