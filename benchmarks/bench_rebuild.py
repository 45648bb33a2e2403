"""Rebuild time after an events.yaml edit on a 10,000-document corpus (target: under 2 s).

Builds a corpus in a temporary folder from the TempEval-3 dev texts
(``../shared/eval/tempeval3/dev.jsonl`` beside the repository), one text per document,
cycling, each with a short unique header so that every file hashes differently and with its
creation date as ``published`` front matter. Then, each build writing the page as
``timeline build`` does:

1. a cold build (every document tagged, the caches filled), in this process;
2. an event added to events.yaml, then the rebuild ``build --watch`` makes after a save
   (same process: the documents read are kept);
3. another event added, then ``timeline build`` run as a new process (what a user types:
   interpreter start and imports included), three times over, each after its own edit;
4. a date moved, then ``timeline build`` again (nothing needs relinking), three times over;
5. one more event added, then the rebuild again stage by stage, to show where the time goes.

Usage: ``python benchmarks/bench_rebuild.py [--docs N] [--keep DIR]``
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from timeline import outputs, pipeline
from timeline.events_file import load_events
from timeline.render import write_html
from timeline.store import Store
from timeline.watch import WatchSession

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / ".." / "shared" / "eval" / "tempeval3" / "dev.jsonl"
TARGET = 2.0
T = TypeVar("T")

EVENTS = """\
events:
  - id: embassy-bombings
    title: US embassy bombings in Nairobi and Dar es Salaam
    date: 1998-08-07
    aliases: ["embassy bombings", "bombs exploded", "embassy bombing"]
    tags: [terrorism]
  - id: asian-financial-crisis
    title: Asian financial crisis
    date: 1997-07
    end: 1998-12
    aliases: ["Asian financial crisis", "Asian economic crisis"]
    tags: [economy]
  - id: clinton-testimony
    title: Clinton testifies before the grand jury
    date: 1998-08-17
    aliases: ["grand jury testimony", "testified before the grand jury"]
    tags: [politics]
"""

ADDED = [
    """\
  - id: euro-launch
    title: The euro is launched
    date: 1999-01-01
    aliases: ["single currency", "euro launch"]
    tags: [economy]
""",
    """\
  - id: iraq-inspections
    title: Weapons inspectors leave Iraq
    date: 1998-12-16
    aliases: ["weapons inspectors", "UN inspectors"]
    tags: [politics]
""",
    """\
  - id: impeachment-vote
    title: The House votes to impeach Clinton
    date: 1998-12-19
    aliases: ["impeachment vote", "voted to impeach"]
    tags: [politics]
""",
    """\
  - id: kosovo-crisis
    title: The Kosovo crisis
    date: 1998-03
    end: 1999-06
    aliases: ["Kosovo"]
    tags: [politics]
""",
    """\
  - id: hurricane-mitch
    title: Hurricane Mitch
    date: 1998-10-29
    aliases: ["Hurricane Mitch"]
    tags: [weather]
""",
]


def make_corpus(root: Path, n: int) -> int:
    """Write ``n`` documents under ``root/corpus`` and events.yaml; return the bytes written."""
    records = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line]
    corpus = root / "corpus"
    corpus.mkdir(parents=True)
    size = 0
    an_hour_ago = time.time() - 3600
    for i in range(n):
        rec = records[i % len(records)]
        text = (
            f"---\npublished: {rec['dct']}\ntitle: Copy {i} of {rec['doc_id']}\n---\n"
            f"Benchmark document {i} (from {rec['doc_id']}).\n\n{rec['text']}"
        )
        path = corpus / f"{i:05d}_{rec['doc_id']}.txt"
        path.write_text(text, encoding="utf-8")
        # Articles are not written seconds before a build; a file modified within the last
        # seconds is never kept by build --watch (see timeline.watch).
        os.utime(path, (an_hour_ago, an_hour_ago))
        size += len(text.encode())
    (root / "events.yaml").write_text(EVENTS, encoding="utf-8")
    return size


def machine_speed() -> str:
    """A yardstick for reading the figures: a plain Python loop, and the load average."""
    start = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    loop = time.perf_counter() - start
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"10M-step Python loop in {loop:.2f} s, load average {load:.1f}, {os.cpu_count()} CPUs"


def timed(label: str, times: dict[str, float], fn: Callable[[], T]) -> T:
    start = time.perf_counter()
    result = fn()
    times[label] = time.perf_counter() - start
    return result


def build(root: Path, session: WatchSession, *, json: bool = False) -> tuple[float, float]:
    """One build in this process, as ``timeline build --watch`` runs it: (wall, CPU) s."""
    start, cpu = time.perf_counter(), time.process_time()
    outputs.build_and_write(
        root / "corpus",
        root / "events.yaml",
        root / "timeline.html",
        json_path=root / "timeline.json" if json else None,
        cache_dir=root / ".cache",
        store=session.store,
        read=session.read,
    )
    return time.perf_counter() - start, time.process_time() - cpu


def build_command(root: Path) -> float:
    """``timeline build`` as a new process: wall seconds."""
    command = [sys.executable, "-m", "timeline", "build", "--cache-dir", ".cache"]
    command += ["-o", "timeline.html"]
    start = time.perf_counter()
    subprocess.run(command, cwd=root, check=True, capture_output=True)
    return time.perf_counter() - start


def _verdict(seconds: float) -> str:
    return "met" if seconds < TARGET else "MISSED"


def _times(seconds: list[float]) -> str:
    return " / ".join(f"{s:.2f}" for s in seconds) + " s"


def add_event(root: Path, entry: str) -> None:
    with (root / "events.yaml").open("a", encoding="utf-8") as f:
        f.write(entry)


def warm_stages(root: Path) -> dict[str, float]:
    """The warm rebuild again, stage by stage, to show where the time goes."""
    with pipeline.cyclic_gc_paused():
        return _stages(root)


def _stages(root: Path) -> dict[str, float]:
    times: dict[str, float] = {}
    specs = timed("load events.yaml", times, lambda: load_events(root / "events.yaml"))
    docs = timed("read corpus", times, lambda: pipeline.read_corpus(root / "corpus"))
    store = Store(root / ".cache")
    result = timed(
        "extract + link + merge (from the store)",
        times,
        lambda: pipeline.run_pipeline(
            root / "corpus", specs, store=store, read=lambda *_, **__: docs
        ),
    )
    store.close()
    timed("write page", times, lambda: write_html(result.timeline, root / "timeline.html"))
    timed("write JSON", times, lambda: outputs.write_json(result.timeline, root / "timeline.json"))
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000, help="corpus size (default 10000)")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    args = parser.parse_args()
    if not DEV.is_file():
        print(f"bench_rebuild: {DEV} not found; it needs the TempEval-3 dev texts", file=sys.stderr)
        return 1

    root = args.keep or Path(tempfile.mkdtemp(prefix="bench-rebuild-"))
    try:
        if args.keep and root.exists():
            shutil.rmtree(root)
        size = make_corpus(root, args.docs)
        print(f"documents:     {args.docs:,} ({size / 1e6:.1f} MB of text)")
        session = WatchSession(root / ".cache")
        cold, cold_cpu = build(root, session, json=True)
        print(f"cold build:    {cold:.2f} s ({cold_cpu:.2f} s CPU; every document tagged)")
        add_event(root, ADDED[0])
        watch, watch_cpu = build(root, session)
        print(f"after adding an event:  {watch:.2f} s ({watch_cpu:.2f} s CPU), build --watch")
        added = []
        for entry in ADDED[1:4]:
            add_event(root, entry)
            added.append(build_command(root))
        print(f"after adding an event:  {_times(added)}, timeline build (a new process)")
        moved = []
        for day in ("08", "09", "10"):
            text = (root / "events.yaml").read_text(encoding="utf-8")
            (root / "events.yaml").write_text(
                re.sub("1998-08-(07|08|09)", f"1998-08-{day}", text, count=1), "utf-8"
            )
            moved.append(build_command(root))
        print(f"after moving a date:    {_times(moved)}, timeline build (a new process)")
        median = statistics.median([*added, *moved])
        print(f"target < {TARGET:.0f} s: build --watch {_verdict(watch)}; ", end="")
        print(f"a new timeline build process {_verdict(median)} (median {median:.2f} s)")
        add_event(root, ADDED[4])
        print("warm rebuild by stage:")
        for label, seconds in warm_stages(root).items():
            print(f"  {label:44} {seconds:.2f} s")
        summary = json.loads((root / "timeline.json").read_text(encoding="utf-8"))["summary"]
        print(
            f"timeline:      {summary['timexes']:,} temporal expressions, {summary['events']} "
            f"events, {summary['candidates']:,} candidates, {summary['conflicts']} conflicts, "
            f"page {(root / 'timeline.html').stat().st_size / 1e6:.1f} MB"
        )
        print(f"machine:       {machine_speed()}")
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
