"""Tagger throughput against dateparser's search_dates, and linearity on large documents.

Reads the TempEval-3 dev texts from ../shared/eval/tempeval3/dev.jsonl (beside the repository)
and prints:

1. MB/s of ``timeline.temporal.tag`` over the dev documents replicated to at least 20 MB
   (each document tagged with its own DCT, in one process);
2. MB/s of ``search_dates_baseline`` (dateparser) on a slice of the same text, and the ratio;
3. the time to tag single 1 MB, 10 MB and 50 MB documents, and their MB/s (cost must grow
   linearly with size).

Targets: at least 5 MB/s, at least 50x dateparser.

    .venv/bin/python benchmarks/bench_tagger.py [--total-mb 20] [--baseline-kb 150]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

DEV_JSONL = (
    Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "tempeval3" / "dev.jsonl"
)
TARGET_MBPS = 5.0
TARGET_RATIO = 50.0
MB = 1_000_000


def load_dev() -> list[tuple[str, str]]:
    """(text, dct as a date value) for every dev document."""
    if not DEV_JSONL.is_file():
        sys.exit(
            f"bench_tagger: the TempEval-3 dev set is not there: {DEV_JSONL.resolve()}\n"
            "Put the shared data folder beside the repository (../shared) and run again."
        )
    docs = []
    with DEV_JSONL.open(encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            docs.append((record["text"], record["dct"].split("T", 1)[0]))
    return docs


def size_mb(text: str) -> float:
    return len(text.encode("utf-8")) / MB


def bench_throughput(docs: list[tuple[str, str]], total_mb: float) -> tuple[float, float, int]:
    """Tag the documents over and over until ``total_mb`` is reached: (MB, seconds, timexes)."""
    from timeline.temporal import tag

    done = 0.0
    seconds = 0.0
    found = 0
    sizes = [size_mb(text) for text, _ in docs]
    while done < total_mb:
        for (text, dct), mb in zip(docs, sizes, strict=True):
            began = time.perf_counter()
            found += len(tag(text, dct))
            seconds += time.perf_counter() - began
            done += mb
    return done, seconds, found


def bench_baseline(docs: list[tuple[str, str]], slice_kb: float) -> tuple[float, float, int]:
    """search_dates on the first documents up to ``slice_kb``: (MB, seconds, hits)."""
    from timeline.temporal.baseline import search_dates_baseline

    search_dates_baseline("It rained on Friday, June 5, 1998.", "1998-06-08")  # load languages
    done = 0.0
    seconds = 0.0
    found = 0
    for text, dct in docs:
        if done * 1000 >= slice_kb:
            break
        began = time.perf_counter()
        found += len(search_dates_baseline(text, dct))
        seconds += time.perf_counter() - began
        done += size_mb(text)
    return done, seconds, found


def bench_baseline_joined(docs: list[tuple[str, str]], slice_kb: float) -> tuple[float, float]:
    """search_dates on the same slice joined into one string (no per-call overhead)."""
    from timeline.temporal.baseline import search_dates_baseline

    texts: list[str] = []
    for text, _ in docs:
        if size_mb("".join(texts)) * 1000 >= slice_kb:
            break
        texts.append(text)
    joined = "\n\n".join(texts)
    began = time.perf_counter()
    search_dates_baseline(joined, docs[0][1])
    return size_mb(joined), time.perf_counter() - began


def big_document(docs: list[tuple[str, str]], mb: int) -> str:
    """The dev texts joined and repeated into one document of ``mb`` megabytes."""
    corpus = "\n\n".join(text.strip() for text, _ in docs) + "\n\n"
    reps = int(mb * MB / len(corpus.encode("utf-8"))) + 1
    text = corpus * reps
    return text[: mb * MB]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--total-mb", type=float, default=20.0, help="text to tag for MB/s")
    parser.add_argument("--baseline-kb", type=float, default=150.0, help="dateparser slice")
    parser.add_argument(
        "--sizes", default="1,10,50", help="single-document sizes in MB (comma-separated)"
    )
    args = parser.parse_args()
    docs = load_dev()

    from timeline.temporal import TAGGER_VERSION, tag

    tag(docs[0][0], docs[0][1])  # warm up: compile the patterns once
    print(f"timeline tagger {TAGGER_VERSION}; {len(docs)} dev documents")

    mb, secs, n = bench_throughput(docs, args.total_mb)
    ours = mb / secs
    print(f"tag:          {mb:8.2f} MB in {secs:7.2f} s = {ours:8.2f} MB/s  ({n} timexes)")
    bmb, bsecs, bn = bench_baseline(docs, args.baseline_kb)
    per_doc = bmb / bsecs
    print(
        f"search_dates: {bmb:8.3f} MB in {bsecs:7.2f} s = {per_doc:8.4f} MB/s"
        f"  ({bn} hits, per document)"
    )
    jmb, jsecs = bench_baseline_joined(docs, args.baseline_kb)
    joined = jmb / jsecs
    print(
        f"search_dates: {jmb:8.3f} MB in {jsecs:7.2f} s = {joined:8.4f} MB/s  (one joined string)"
    )
    theirs = max(per_doc, joined)
    ratio = ours / theirs
    print(f"ratio:        {ratio:8.1f}x faster than dateparser (against its faster figure)")
    ok_speed = "meets" if ours >= TARGET_MBPS else "BELOW"
    ok_ratio = "meets" if ratio >= TARGET_RATIO else "BELOW"
    print(f"targets:      {ok_speed} >= {TARGET_MBPS:g} MB/s; {ok_ratio} >= {TARGET_RATIO:g}x")

    print("\nsingle documents (linearity):")
    rates = []
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        text = big_document(docs, size)
        began = time.perf_counter()
        n = len(tag(text, docs[0][1]))
        secs = time.perf_counter() - began
        rate = size_mb(text) / secs
        rates.append(rate)
        print(f"  {size:4d} MB: {secs:7.2f} s = {rate:6.2f} MB/s  ({n} timexes)")
        del text
    if len(rates) > 1:
        print(f"  slowest/fastest rate: {min(rates) / max(rates):.2f} (1.00 = perfectly linear)")


if __name__ == "__main__":
    main()
