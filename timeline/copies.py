"""Near-duplicate documents: the copies of one wire story published by several sites.

Each document's body is cut into shingles (runs of five words, case folded) and summarised by
a MinHash signature; locality-sensitive hashing proposes pairs whose signatures may be close,
and a pair is kept when the estimated Jaccard similarity of their shingles is at least
:data:`SIMILARITY`. Pairs are joined transitively: a story copied by three sites is one group.
rensa (MinHash and its LSH index, in Rust) is the only importer of its library.
"""

from __future__ import annotations

from collections.abc import Sequence

from rensa import RMinHash, RMinHashLSH

from .models import Document

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
    words = text.lower().split()
    runs = [words[i:] for i in range(SHINGLE_WORDS)]
    return list(map(" ".join, zip(*runs, strict=False))) or words


def _signature(doc: Document) -> RMinHash | None:
    body = doc.text[: doc.body_end] if doc.body_end is not None else doc.text
    items = shingles(body[:BODY_LIMIT])
    if not items:
        return None
    signature = RMinHash(num_perm=PERMUTATIONS, seed=SEED)
    signature.update(items)
    return signature


def near_duplicates(docs: Sequence[Document]) -> dict[str, str]:
    """For every document that has copies, the id of its group's first document (by id).

    Documents without a copy are left out, so an empty dict means no two documents are alike.
    """
    order = sorted(range(len(docs)), key=lambda i: docs[i].id)
    signatures = {i: s for i in order if (s := _signature(docs[i])) is not None}
    index = RMinHashLSH(threshold=SIMILARITY, num_perm=PERMUTATIONS, num_bands=BANDS)
    for i, signature in signatures.items():
        index.insert(i, signature)
    parent = {i: i for i in signatures}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, signature in signatures.items():
        for j in index.query(signature):
            if j != i and signature.jaccard(signatures[j]) >= SIMILARITY:
                a, b = root(i), root(j)
                parent[max(a, b, key=lambda k: docs[k].id)] = min(a, b, key=lambda k: docs[k].id)
    groups: dict[int, list[int]] = {}
    for i in signatures:
        groups.setdefault(root(i), []).append(i)
    return {
        docs[i].id: docs[first].id
        for first, members in groups.items()
        if len(members) > 1
        for i in members
    }
