"""Tagger throughput against dateparser's search_dates, and linearity on large documents.

Reads the TempEval-3 dev texts from ../shared/eval/tempeval3/dev.jsonl (beside the repository)
and prints:

1. MB/s of ``timeline.temporal.tag`` over the dev documents replicated to at least 20 MB
   (each document tagged with its own DCT, in one process), and apart the first pass, over
   text not seen before (the tagger memoises what it reads per distinct phrase, so later
   passes are flattered), in this process and in a few fresh ones (their median);
2. MB/s of ``search_dates_baseline`` (dateparser) on a slice of the same text, and the ratio;
3. the time to tag single 1 MB, 10 MB and 50 MB documents, and their MB/s (cost must grow
   linearly with size).

With ``--against REV`` (default ``main``) the first pass and the start-up (a new process up to
its first tagged document, the grammar's compilation included) are also timed for the tagger of
git revision REV, in fresh processes alternated with the working tree's, side by side.

With ``--instructions`` it only counts the machine instructions of the first pass (warm-up and
start-up left out) under valgrind's callgrind, here and at ``--against``: a figure that does not
move with the load of a shared machine, to compare two versions by.

Targets: at least 5 MB/s, at least 50x dateparser. Each figure is given against wall-clock
time and against the process's CPU time; on a machine shared with other work the CPU figure
is the steadier one, and the ratio uses CPU time on both sides.

    .venv/bin/python benchmarks/bench_tagger.py [--total-mb 20] [--baseline-kb 150] [--fresh 5]
        [--against main] [--instructions]
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from revision import callgrind_instructions, package_of, python_with, short_name

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


@dataclass
class Clock:
    """Accumulated wall-clock and CPU seconds over the timed calls."""

    wall: float = 0.0
    cpu: float = 0.0

    def start(self) -> tuple[float, float]:
        return time.perf_counter(), time.process_time()

    def stop(self, started: tuple[float, float]) -> None:
        self.wall += time.perf_counter() - started[0]
        self.cpu += time.process_time() - started[1]

    def rates(self, mb: float) -> tuple[float, float]:
        """MB/s against wall-clock and CPU time."""
        return mb / max(self.wall, 1e-9), mb / max(self.cpu, 1e-9)

    def line(self, label: str, mb: float, note: str) -> str:
        wall, cpu = self.rates(mb)
        return (
            f"{label:<13} {mb:8.3f} MB in {self.wall:7.2f} s wall ({wall:8.3f} MB/s), "
            f"{self.cpu:7.2f} s CPU ({cpu:8.3f} MB/s)  {note}"
        )


def bench_throughput(
    docs: list[tuple[str, str]], total_mb: float
) -> tuple[float, Clock, int, float, Clock]:
    """Tag the documents over and over until ``total_mb`` is reached.

    Returns (MB, clock, timexes) for the whole run and (MB, clock) for the first pass alone:
    the later passes repeat text the tagger has already seen, so any per-span memo is warm.
    """
    from timeline.temporal import tag

    done = 0.0
    clock = Clock()
    found = 0
    sizes = [size_mb(text) for text, _ in docs]
    first_mb, first = 0.0, Clock()
    while done < total_mb:
        for (text, dct), mb in zip(docs, sizes, strict=True):
            started = clock.start()
            found += len(tag(text, dct))
            clock.stop(started)
            done += mb
        if first_mb == 0.0:
            first_mb, first = done, Clock(clock.wall, clock.cpu)
    return done, clock, found, first_mb, first


def baseline_slice(docs: list[tuple[str, str]], slice_kb: float) -> list[tuple[str, str]]:
    """The first documents, up to ``slice_kb`` kilobytes."""
    out: list[tuple[str, str]] = []
    done = 0.0
    for text, dct in docs:
        if done * 1000 >= slice_kb:
            break
        out.append((text, dct))
        done += size_mb(text)
    return out


def bench_baseline(docs: list[tuple[str, str]]) -> tuple[float, Clock, int]:
    """search_dates on each document of the slice with its DCT: (MB, clock, hits)."""
    from timeline.temporal.baseline import search_dates_baseline

    search_dates_baseline("It rained on Friday, June 5, 1998.", "1998-06-08")  # load languages
    clock = Clock()
    found = 0
    for text, dct in docs:
        started = clock.start()
        found += len(search_dates_baseline(text, dct))
        clock.stop(started)
    return sum(size_mb(text) for text, _ in docs), clock, found


def bench_baseline_joined(docs: list[tuple[str, str]]) -> tuple[float, Clock, int]:
    """search_dates on the same slice joined into one string (no per-call overhead)."""
    from timeline.temporal.baseline import search_dates_baseline

    joined = "\n\n".join(text for text, _ in docs)
    clock = Clock()
    started = clock.start()
    found = len(search_dates_baseline(joined, docs[0][1]))
    clock.stop(started)
    return size_mb(joined), clock, found


def big_document(docs: list[tuple[str, str]], mb: int) -> str:
    """The dev texts joined and repeated into one document of ``mb`` megabytes."""
    corpus = "\n\n".join(text.strip() for text, _ in docs) + "\n\n"
    reps = int(mb * MB / len(corpus.encode("utf-8"))) + 1
    text = corpus * reps
    return text[: mb * MB]


def warm_up(docs: list[tuple[str, str]]) -> None:
    """Compile the patterns: tag one document, then every trigger word (the patterns of a
    trigger are compiled when a text first holds it)."""
    from timeline.temporal import tag

    tag(docs[0][0], docs[0][1])
    try:
        from timeline.temporal.grammar import grammar_for

        triggers = grammar_for("en").triggers
    except (ImportError, AttributeError):  # a revision that compiles every pattern at once
        return
    tag(" ".join(sorted(triggers)), docs[0][1])


def first_pass_seconds(docs: list[tuple[str, str]]) -> float:
    """CPU seconds to tag every dev document once (the caller has warmed the tagger up)."""
    from timeline.temporal import tag

    started = time.process_time()
    for text, dct in docs:
        tag(text, dct)
    return time.process_time() - started


def first_pass_in_reduce(docs: list[tuple[str, str]]) -> int:
    """Tag every dev document once inside ``functools.reduce``, the one C function that
    callgrind is told to count (``--toggle-collect``): the first pass alone, without the
    start-up and the warm-up."""
    from timeline.temporal import tag

    return functools.reduce(lambda n, doc: n + len(tag(*doc)), docs, 0)


def first_pass_instructions(folder: Path | None) -> int:
    """Machine instructions of the first pass in a fresh process under valgrind's callgrind:
    the same figure whatever else the machine is running."""
    return callgrind_instructions([__file__, "--first-pass-reduce"], "functools_reduce", folder)


def print_instructions(against: str) -> None:
    """The first pass's instructions here and at revision ``against``, side by side."""
    if shutil.which("valgrind") is None:
        sys.exit("bench_tagger: --instructions needs valgrind (apt-get install valgrind)")
    ours = first_pass_instructions(None)
    line = f"first pass    instructions (callgrind, the pass alone): {ours / 1e6:.1f} M here"
    if against:
        theirs = first_pass_instructions(package_of(against))
        line += (
            f", {theirs / 1e6:.1f} M at {short_name(against)} "
            f"({(ours - theirs) / theirs * 100:+.1f}%)"
        )
    print(line)


def fresh_runs(flag: str, runs: int, folder: Path | None) -> list[float]:
    """The figure a fresh process prints with ``flag``, in ``runs`` processes one after
    another, importing ``timeline`` from ``folder`` (None: the working tree's)."""
    figures = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, __file__, flag],
            capture_output=True,
            text=True,
            check=True,
            env=python_with(folder),
        )
        figures.append(float(out.stdout.strip().splitlines()[-1]))
    return figures


def fresh_first_passes(mb: float, runs: int, folder: Path | None) -> list[float]:
    """MB/s (CPU time) of the first pass timed in ``runs`` new processes: on a machine shared
    with other work a single pass varies a lot, the median of several less."""
    return [mb / max(s, 1e-9) for s in fresh_runs("--first-pass-only", runs, folder)]


def print_side_by_side(first_mb: float, runs: int, against: str) -> list[float]:
    """The first pass and the start-up (CPU seconds of a new process up to its first tagged
    document, grammar included) of the working tree and of revision ``against``, alternated in
    one run; returns the working tree's first-pass rates."""
    folder = package_of(against)
    name = short_name(against)
    ours: list[float] = []
    theirs: list[float] = []
    ours_up: list[float] = []
    theirs_up: list[float] = []
    for _ in range(runs):  # alternated, so that both see the same load
        ours += fresh_first_passes(first_mb, 1, None)
        theirs += fresh_first_passes(first_mb, 1, folder)
        ours_up += fresh_runs("--start-up-only", 1, None)
        theirs_up += fresh_runs("--start-up-only", 1, folder)
    median = statistics.median
    print(
        f"first pass    in {runs} fresh processes each, median MB/s by CPU time: "
        f"{median(ours):.3f} here ({min(ours):.3f}-{max(ours):.3f}), "
        f"{median(theirs):.3f} at {name} ({min(theirs):.3f}-{max(theirs):.3f})"
    )
    print(
        f"start-up      CPU s of a new process to its first tagged document: "
        f"{median(ours_up):.2f} here, {median(theirs_up):.2f} at {name}"
    )
    return ours


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--total-mb", type=float, default=20.0, help="text to tag for MB/s")
    parser.add_argument("--baseline-kb", type=float, default=150.0, help="dateparser slice")
    parser.add_argument(
        "--sizes", default="1,10,50", help="single-document sizes in MB (comma-separated)"
    )
    parser.add_argument(
        "--fresh",
        type=int,
        default=5,
        help="also time the first pass in this many fresh processes (0: no)",
    )
    parser.add_argument(
        "--against",
        default="main",
        help="git revision whose first pass and start-up are timed beside ('': none)",
    )
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="only count the first pass's machine instructions under valgrind, beside --against",
    )
    parser.add_argument("--first-pass-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--first-pass-reduce", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--start-up-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    docs = load_dev()

    from timeline.temporal import TAGGER_VERSION, tag

    if args.start_up_only:
        tag(docs[0][0], docs[0][1])
        print(time.process_time())
        return
    warm_up(docs)
    if args.first_pass_only:
        print(first_pass_seconds(docs))
        return
    if args.first_pass_reduce:
        print(first_pass_in_reduce(docs))
        return
    if args.instructions:
        print_instructions(args.against)
        return
    print(f"timeline tagger {TAGGER_VERSION}; {len(docs)} dev documents; {os.cpu_count()} CPUs")

    mb, ours, n, first_mb, first = bench_throughput(docs, args.total_mb)
    print(first.line("tag", first_mb, "(first pass: text not seen before)"))
    fresh: list[float] = []
    if args.fresh > 0 and args.against:
        fresh = print_side_by_side(first_mb, args.fresh, args.against)
    elif args.fresh > 0:
        fresh = fresh_first_passes(first_mb, args.fresh, None)
        print(
            f"tag           first pass in {len(fresh)} fresh processes: median "
            f"{statistics.median(fresh):.3f} MB/s by CPU time ({min(fresh):.3f}-{max(fresh):.3f})"
        )
    print(ours.line("tag", mb, f"({n} timexes, whole run)"))
    sliced = baseline_slice(docs, args.baseline_kb)
    bmb, per_doc, bn = bench_baseline(sliced)
    print(per_doc.line("search_dates", bmb, f"({bn} hits, per document)"))
    jmb, joined, jn = bench_baseline_joined(sliced)
    print(joined.line("search_dates", jmb, f"({jn} hits, one joined string)"))

    our_wall, our_cpu = ours.rates(mb)
    their_wall = max(per_doc.rates(bmb)[0], joined.rates(jmb)[0])
    their_cpu = max(per_doc.rates(bmb)[1], joined.rates(jmb)[1])
    ratio = our_cpu / their_cpu
    print(
        f"ratio:        {ratio:8.1f}x faster than dateparser by CPU time "
        f"({our_wall / their_wall:.1f}x by wall clock; against dateparser's faster figure)"
    )
    ok_speed = "meets" if our_cpu >= TARGET_MBPS else "BELOW"
    ok_ratio = "meets" if ratio >= TARGET_RATIO else "BELOW"
    print(
        f"targets:      {ok_speed} >= {TARGET_MBPS:g} MB/s ({our_cpu:.2f} by CPU time, "
        f"{our_wall:.2f} wall); {ok_ratio} >= {TARGET_RATIO:g}x"
    )
    if fresh:
        first_cpu = statistics.median(fresh)
        ok_first = "meets" if first_cpu >= TARGET_MBPS else "BELOW"
        print(
            f"              {ok_first} >= {TARGET_MBPS:g} MB/s on text not seen before "
            f"({first_cpu:.2f} by CPU time, median of the fresh first passes)"
        )

    print("\nsingle documents (linearity):")
    rates = []
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        text = big_document(docs, size)
        clock = Clock()
        started = clock.start()
        n = len(tag(text, docs[0][1]))
        clock.stop(started)
        wall, cpu = clock.rates(size_mb(text))
        rates.append(cpu)
        print(
            f"  {size:4d} MB: {clock.wall:7.2f} s wall ({wall:6.2f} MB/s), "
            f"{clock.cpu:7.2f} s CPU ({cpu:6.2f} MB/s)  ({n} timexes)"
        )
        del text
    if len(rates) > 1:
        print(
            f"  slowest/fastest CPU rate: {min(rates) / max(rates):.2f} (1.00 = perfectly linear)"
        )


if __name__ == "__main__":
    main()
