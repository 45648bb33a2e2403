"""A build's merged state, kept: what a rebuild of an unchanged corpus is answered from.

When every file of the corpus is as the read stage's memo trusts it to be unchanged (its
path, inode, size and times: see ``timeline.read.memo``), and neither the code, the tagger's
rules, the aliases of the curated events nor the bound on a candidate's sources changed, a
build gives the documents, candidates and curated events' sources of the build before. The
store keeps them under the digest of all that (:func:`state_key`): the documents as the page
shows them, each candidate's rank and counts (its event stays in the candidates' own stage),
the sentences each curated event was found in, how many temporal expressions were read, and
the warnings the reading gave after the folder was scanned. A rebuild with such a state reads
no file: it judges each source against the curated dates again (an event's date and
dismissals may have changed; see ``Linker.judge``) and makes only the candidates it is asked
for.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict

from .merge import Candidate, Merged
from .models import CorpusSource, DocumentInfo
from .read.memo import read_code
from .store import Store, code_digest, input_digest
from .temporal.version import rules_digest

STAGE = "merged-state"
PACKAGE = "timeline"  # every module and data file of it: any edit is a new state
# A candidate: the digest of what made it, its id, date value, mod, first and last day,
# salience, and the documents and sentences that refer to it.
CandidateRow = tuple[str, str, str, str | None, str, str, float, int, int]


class MergedState(BaseModel):
    """What the store keeps of a build of the whole corpus (see the module docstring)."""

    model_config = ConfigDict(extra="forbid")

    warnings: list[str]
    documents: list[DocumentInfo]
    timexes: int
    candidates: list[CandidateRow]
    sources: dict[str, list[CorpusSource]]  # per curated event, in the event's order


def state_key(file_keys: Sequence[str | None], aliases: str, max_sources: int | None) -> str | None:
    """The digest of what decides a build's merged state, given the memo key of every file
    of the corpus (in path order) and the digest of the curated events' aliases; None when a
    file cannot be trusted to be as it was."""
    if any(key is None for key in file_keys):
        return None
    return input_digest(
        code_digest(PACKAGE), read_code(), rules_digest(), aliases, str(max_sources), *file_keys
    )


def load_state(store: Store, key: str) -> MergedState | None:
    """The state the store keeps under ``key``, if any."""
    found = store.get_many(STAGE, code_digest(PACKAGE), [key], MergedState.model_validate)
    return found.get(key)


def save_state(store: Store, key: str, merged: Merged, warnings: Sequence[str]) -> None:
    """Keep ``merged`` (with the reading's ``warnings``) as the one state of the corpus."""
    rows = [
        [c.digest, c.id, c.value, c.mod, c.start, c.end, c.salience, c.documents, c.sentences]
        for c in merged.candidates
    ]
    value: dict[str, Any] = {
        "warnings": list(warnings),
        "documents": [d.model_dump(mode="json") for d in merged.documents],
        "timexes": merged.timexes,
        "candidates": rows,
        "sources": {
            event.id: [
                s.model_dump(mode="json") for s in event.sources if isinstance(s, CorpusSource)
            ]
            for event in merged.curated
        },
    }
    code = code_digest(PACKAGE)
    store.put_many(STAGE, code, [(key, value, None)])
    store.keep_only(STAGE, code, [key])


def stored_candidates(
    state: MergedState, remake: Callable[[str], Callable[[], Any]]
) -> list[Candidate]:
    """The candidates of ``state``, their events left in the store; ``remake(digest)`` makes
    one the store has lost."""
    return [
        Candidate(digest, i, value, mod, a, b, score, docs, n, remake=remake(digest))
        for digest, i, value, mod, a, b, score, docs, n in state.candidates
    ]
