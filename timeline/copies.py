"""Near-duplicate documents: the copies of one wire story published by several sites.

Each document's body is cut into shingles (runs of five words, case folded) and summarised by
a MinHash signature; locality-sensitive hashing proposes pairs whose signatures may be close,
and a pair is kept when the estimated Jaccard similarity of their shingles is at least
:data:`SIMILARITY`. Pairs are joined transitively: a story copied by three sites is one group.
rensa (MinHash and its LSH index, in Rust) is the only importer of its library.
"""

from __future__ import annotations

import hashlib
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


def _body_shingles(doc: Document) -> list[str]:
    body = doc.text[: doc.body_end] if doc.body_end is not None else doc.text
    return shingles(body[:BODY_LIMIT])


def _signature(items: list[str]) -> RMinHash:
    signature = RMinHash(num_perm=PERMUTATIONS, seed=SEED)
    signature.update(items)
    return signature


def near_duplicates(docs: Sequence[Document]) -> dict[str, str]:
    """For every document that has copies, the id of its group's first document (by id).

    Documents without a copy are left out, so an empty dict means no two documents are alike.
    Documents with the very same shingles are grouped first and hashed once, so a corpus of
    many identical files costs what one file costs.
    """
    groups: list[list[int]] = []  # numbered in the id order of their first documents
    signatures: list[RMinHash] = []
    group_of: dict[bytes, int] = {}
    for i in sorted(range(len(docs)), key=lambda i: docs[i].id):
        items = _body_shingles(docs[i])
        if not items:
            continue
        digest = hashlib.blake2b("\n".join(items).encode()).digest()
        if digest not in group_of:
            group_of[digest] = len(groups)
            groups.append([])
            signatures.append(_signature(items))
        groups[group_of[digest]].append(i)
    parent = list(range(len(groups)))

    def root(g: int) -> int:
        while parent[g] != g:
            parent[g] = parent[parent[g]]
            g = parent[g]
        return g

    index = RMinHashLSH(threshold=SIMILARITY, num_perm=PERMUTATIONS, num_bands=BANDS)
    for g, signature in enumerate(signatures):
        index.insert(g, signature)
    for g, signature in enumerate(signatures):
        for h in index.query(signature):
            a, b = root(g), root(h)
            if a != b and signature.jaccard(signatures[h]) >= SIMILARITY:
                parent[max(a, b)] = min(a, b)
    joined: dict[int, list[int]] = {}
    for g, members in enumerate(groups):
        joined.setdefault(root(g), []).extend(members)
    return {
        docs[i].id: docs[groups[first][0]].id
        for first, members in joined.items()
        if len(members) > 1
        for i in members
    }
