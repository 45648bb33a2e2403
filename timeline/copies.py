"""Near-duplicate documents: the copies of one wire story published by several sites.

Each document's body is cut into shingles (runs of five words, case folded) and summarised by
a MinHash signature (:func:`signature`, which the pipeline memoises per text);
locality-sensitive hashing proposes pairs whose signatures may be close, and a pair is kept
when the estimated Jaccard similarity of their shingles is at least :data:`SIMILARITY`. Pairs
are joined transitively: a story copied by three sites is one group. This module is the only
importer of rensa (MinHash, in Rust).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from operator import eq
from typing import Any

from rensa import RMinHash

from .models import Document
from .store import input_digest

STAGE = "copies"
SIMILARITY = 0.5  # estimated share of shingles two copies have in common
SHINGLE_WORDS = 5
PERMUTATIONS = 64
BANDS = 16  # of 4 rows each: pairs near SIMILARITY are proposed, unrelated ones rarely
SEED = 1
BODY_LIMIT = 20_000  # characters of a body hashed: a copy shows itself long before that


def shingles(text: str) -> list[str]:
    """The runs of :data:`SHINGLE_WORDS` words of ``text``, case folded (its words when shorter).

    >>> shingles("Rebels took the town on Sunday, officials said")[:2]
    ['rebels took the town on', 'took the town on sunday,']
    """
    return _runs(text.lower().split())


def _runs(words: list[str]) -> list[str]:
    runs = [words[i:] for i in range(SHINGLE_WORDS)]
    return list(map(" ".join, zip(*runs, strict=False))) or words


def _body_words(doc: Document) -> list[str]:
    body = doc.text[: doc.body_end] if doc.body_end is not None else doc.text
    return body[:BODY_LIMIT].lower().split()


# The digest of a body's case-folded words (the same words make the same shingles, and the
# same shingles hold the same words), and the MinHash of its shingles.
Signature = tuple[str, tuple[int, ...]]


def signature(doc: Document) -> Signature | None:
    """What comparing ``doc`` with others needs of it; None when its body has no words."""
    words = _body_words(doc)
    if not words:
        return None
    minhash = RMinHash(num_perm=PERMUTATIONS, seed=SEED)
    minhash.update(_runs(words))
    return hashlib.blake2b("\n".join(words).encode()).hexdigest(), tuple(minhash.digest())


def signature_key(doc: Document) -> str:
    """The digest of what :func:`signature` reads."""
    return input_digest(doc.text_digest(), str(doc.body_end))


def band_keys(found: Signature | None) -> list[str]:
    """The keys of the buckets of locality-sensitive hashing a signature falls in, one per
    band (digests of its rows: see :func:`_joined`); none for a document without words."""
    if found is None:
        return []
    minhash, rows = found[1], PERMUTATIONS // BANDS
    return [
        hashlib.blake2b(
            repr(minhash[b * rows : (b + 1) * rows]).encode() + bytes([b]), digest_size=8
        ).hexdigest()
        for b in range(BANDS)
    ]


def read_signature(data: Any) -> Signature | None:
    """A stored signature; raises ValueError when malformed."""
    if data is None:
        return None
    if not (isinstance(data, list) and len(data) == 2 and isinstance(data[0], str)):
        raise ValueError("malformed signature")
    values = data[1]
    if not (isinstance(values, list) and len(values) == PERMUTATIONS):
        raise ValueError("malformed signature")
    if not all(isinstance(v, int) for v in values):
        raise ValueError("malformed signature")
    return data[0], tuple(values)


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """The Jaccard similarity of two documents' shingles, estimated from their MinHashes."""
    if len(a) != len(b):
        raise ValueError("MinHashes of different lengths")
    agreeing: int = sum(map(eq, a, b))
    return agreeing / PERMUTATIONS


def near_duplicates(
    docs: Sequence[Document], signatures: Mapping[str, Signature | None] | None = None
) -> dict[str, str]:
    """For every document that has copies, the id of its group's first document (by id).

    ``signatures`` gives documents' signatures by id (those it lacks are computed). Documents
    without a copy are left out, so an empty dict means no two documents are alike.
    Documents with the very same shingles are grouped first and compared once, so a corpus of
    many identical files costs what one file costs. Pairs to compare are those whose MinHashes
    agree on every row of at least one of :data:`BANDS` bands (locality-sensitive hashing).
    """
    known = signatures or {}
    return copies_among({d.id: known[d.id] if d.id in known else signature(d) for d in docs})


def copies_among(signatures: Mapping[str, Signature | None]) -> dict[str, str]:
    """:func:`near_duplicates` of the documents whose signatures are given, by id."""
    groups: list[list[str]] = []  # numbered in the id order of their first documents
    minhashes: list[tuple[int, ...]] = []
    group_of: dict[str, int] = {}
    for doc_id in sorted(signatures):
        found = signatures[doc_id]
        if found is None:
            continue
        digest, minhash = found
        if digest not in group_of:
            group_of[digest] = len(groups)
            groups.append([])
            minhashes.append(minhash)
        groups[group_of[digest]].append(doc_id)
    joined = _joined(minhashes)
    return {
        doc_id: groups[first][0]
        for first, members in joined.items()
        if sum(len(groups[g]) for g in members) > 1
        for g in members
        for doc_id in groups[g]
    }


def _joined(minhashes: Sequence[tuple[int, ...]]) -> dict[int, list[int]]:
    """The groups of near-identical MinHashes, by their first member: pairs that share a band
    and are similar enough are joined, transitively."""
    parent = list(range(len(minhashes)))

    def root(g: int) -> int:
        while parent[g] != g:
            parent[g] = parent[parent[g]]
            g = parent[g]
        return g

    rows = PERMUTATIONS // BANDS
    buckets: dict[tuple[int, ...], list[int]] = {}
    for g, minhash in enumerate(minhashes):
        for band in range(BANDS):
            key = (band, *minhash[band * rows : (band + 1) * rows])
            bucket = buckets.setdefault(key, [])
            a = root(g)  # kept as the root of g's group while it joins others
            for h in bucket:
                b = root(h)
                if a != b and similarity(minhash, minhashes[h]) >= SIMILARITY:
                    parent[max(a, b)] = min(a, b)
                    a = min(a, b)
            bucket.append(g)
    joined: dict[int, list[int]] = {}
    for g in range(len(minhashes)):
        joined.setdefault(root(g), []).append(g)
    return joined
