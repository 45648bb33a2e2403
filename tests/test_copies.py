from __future__ import annotations

import hashlib

from timeline.copies import near_duplicates, shingles, signature
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
