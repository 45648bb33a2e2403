"""Build, rebuild, check and suggest on a generated corpus of varied news, 10 and 100 MB.

The corpus is made in a temporary folder from the news articles of ``../shared/eval/tls`` and
the TempEval-3 dev texts (``../shared/eval/tempeval3``), copied as many times as the size
needs, every copy with its own perturbation: each year shifted, month names rotated and day
numbers moved by amounts drawn per copy (the publication date with them), so that no dated
phrase repeats from copy to copy. Each size prints, in one run:

- the floor: a plain Python regex scan for date-like words over the same files;
- a cold build (``timeline build`` as a new process, empty store), its peak RSS (the whole
  process tree, sampled) and the page size;
- ``timeline build`` again with nothing changed, after adding an event, after moving an
  event's date and after changing one article;
- ``timeline check`` and ``timeline suggest`` on the built store (``--no-suggest`` leaves
  ``suggest`` out);

each as wall time and as CPU time (the process and the workers it waited for), both also as
ratios to the scan's measured in the same run: on a shared machine the ratios are what to
compare, and CPU time is what the load does not change. The load average is printed before
and after. A command still running after 30 minutes (``--limit SECONDS``) is stopped and
reported as such, with the peak RSS it had reached; a cold build stopped ends that size.

``--keep DIR`` builds in ``DIR/<size>mb`` and leaves it there, with ``corpus.json`` beside
the corpus (its size, seed and article count): a later run with the same size and seed uses
that corpus as it is and only clears the stores and pages. The article the last rebuild
changes (article 0) is restored afterwards.

``--against DIR`` runs every command a second time, right after the first, with the
``timeline`` package of another checkout (``git worktree add /tmp/before main``), with its own
store and outputs, and prints its CPU time and ratio beside: a before/after comparison in one
run, on the same corpus and at the same load.

Usage: ``python benchmarks/bench_scale.py [--sizes 10,100] [--gigabyte] [--jobs N] [--keep DIR]
[--no-suggest] [--against DIR] [--limit SECONDS]``
"""

from __future__ import annotations

import argparse
import calendar
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared" / "eval"
MB = 1_000_000

MONTHS = list(calendar.month_name)[1:]  # English: no locale is set
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")\b")
_DAY = re.compile(r"\b(" + "|".join(MONTHS) + r")\s+(\d{1,2})\b")
_SCAN = re.compile(
    r"\b(?:1[89]\d\d|20\d\d)\b|\b(?:" + "|".join(MONTHS) + r")\b"
    r"|\b(?:yesterday|today|tomorrow|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)

EVENTS = """\
events:
  - id: lehman-collapse
    title: Lehman Brothers files for bankruptcy
    date: 2008-09-15
    aliases: ["Lehman Brothers", "Lehman collapse"]
    tags: [economy]
  - id: swine-flu-pandemic
    title: The WHO declares a swine flu pandemic
    date: 2009-06-11
    aliases: ["swine flu pandemic", "H1N1 pandemic"]
    tags: [health]
  - id: jackson-death
    title: Michael Jackson dies
    date: 2009-06-25
    aliases: ["Michael Jackson", "Jackson's death"]
    tags: [culture]
  - id: embassy-bombings
    title: US embassy bombings in Nairobi and Dar es Salaam
    date: 1998-08-07
    aliases: ["embassy bombings", "bombs exploded"]
    tags: [terrorism]
"""
ADDED = """\
  - id: no-fly-zone
    title: The UN Security Council approves a no-fly zone over Libya
    date: 2011-03-17
    aliases: ["no-fly zone"]
    tags: [politics]
"""


# --------------------------------------------------------------------------- the corpus


def source_articles() -> list[tuple[str, str]]:
    """(publication date, text) of every source article."""
    out: list[tuple[str, str]] = []
    for path in sorted((SHARED / "tls" / "t17").glob("*/articles.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                out.append((rec["published"], rec["text"]))
    dev = SHARED / "tempeval3" / "dev.jsonl"
    for line in dev.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            out.append((rec["dct"], rec["text"]))
    return out


@dataclass(frozen=True)
class Perturbation:
    """How one copy moves its dates: years, months (a rotation) and days."""

    years: int
    months: int
    days: int

    @classmethod
    def draw(cls, rng: random.Random) -> Perturbation:
        return cls(rng.randint(-30, 12), rng.randint(0, 11), rng.randint(0, 27))

    def month(self, name: str) -> str:
        return MONTHS[(MONTHS.index(name) + self.months) % 12]

    def day(self, day: int) -> int:
        return (day - 1 + self.days) % 28 + 1 if 1 <= day <= 31 else day

    def text(self, text: str) -> str:
        def day_after_month(m: re.Match[str]) -> str:
            return f"{m.group(1)} {self.day(int(m.group(2)))}"

        text = _DAY.sub(day_after_month, text)
        text = _MONTH.sub(lambda m: self.month(m.group(1)), text)
        return _YEAR.sub(lambda m: str(int(m.group(1)) + self.years), text)

    def published(self, iso: str) -> str:
        year, month, day = (int(p) for p in iso[:10].split("-"))
        month = (month - 1 + self.months) % 12 + 1
        return f"{year + self.years:04d}-{month:02d}-{self.day(day):02d}"


def make_corpus(root: Path, megabytes: int, seed: int = 1) -> tuple[Path, Path, int]:
    """Write about ``megabytes`` MB of articles under ``root/corpus``, and events.yaml; a
    corpus kept there from a run with the same size and seed is used as it is."""
    corpus, events = root / "corpus", root / "events.yaml"
    events.write_text(EVENTS, encoding="utf-8")
    kept = kept_count(root, megabytes, seed)
    if kept is not None:
        return corpus, events, kept
    shutil.rmtree(corpus, ignore_errors=True)
    n = write_articles(corpus, megabytes, seed)
    description = {"megabytes": megabytes, "seed": seed, "count": n}
    (root / KEPT).write_text(json.dumps(description) + "\n", encoding="utf-8")
    return corpus, events, n


KEPT = "corpus.json"  # the size, seed and article count of the corpus beside it


def kept_count(root: Path, megabytes: int, seed: int) -> int | None:
    """The article count of the corpus kept under ``root`` when it was made with this size
    and seed and still holds that many articles; None otherwise."""
    try:
        description = json.loads((root / KEPT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(description, dict):
        return None
    count = description.get("count")
    if description.get("megabytes") != megabytes or description.get("seed") != seed:
        return None
    if not isinstance(count, int) or sum(1 for _ in (root / "corpus").rglob("*.md")) != count:
        return None
    return count


def article_path(corpus: Path, n: int) -> Path:
    return corpus / f"{n // 1000:03d}" / f"a{n:07d}.md"


def write_articles(corpus: Path, megabytes: int, seed: int) -> int:
    """Write about ``megabytes`` MB of perturbed articles under ``corpus``; their count."""
    sources = source_articles()
    rng = random.Random(seed)
    corpus.mkdir(parents=True)
    written = n = 0
    an_hour_ago = time.time() - 3600
    while written < megabytes * MB:
        published, body = sources[n % len(sources)]
        shift = Perturbation.draw(rng)
        text = (
            f"---\ntitle: Article {n}\npublished: {shift.published(published)}\n---\n"
            f"{shift.text(body)}\n"
        )
        path = article_path(corpus, n)
        path.parent.mkdir(exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        os.utime(path, (an_hour_ago, an_hour_ago))
        written += len(data)
        n += 1
    return n


@dataclass(frozen=True, order=True)
class Scan:
    wall: float
    cpu: float
    found: int


def regex_scan(corpus: Path) -> Scan:
    """The floor: read every file and find its date-like words."""
    start, cpu = time.perf_counter(), time.process_time()
    found = 0
    for folder, _, files in os.walk(corpus):
        for name in files:
            text = Path(folder, name).read_text(encoding="utf-8")
            found += sum(1 for _ in _SCAN.finditer(text))
    return Scan(time.perf_counter() - start, time.process_time() - cpu, found)


# --------------------------------------------------------------------------- measuring


def tree_rss(pid: int) -> int:
    """The resident memory of ``pid`` and all its descendants, in bytes."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
        rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        total += rss.get(p, 0)
        stack.extend(children.get(p, []))
    return total


@dataclass
class Run:
    seconds: float  # wall
    cpu: float  # user + system of the process and the workers it waited for
    peak_rss: int
    output: str
    stopped: bool = False  # ran past the limit: the times are the limit, the RSS the peak so far


LIMIT = 1800.0  # seconds (default of --limit): a command still running then is stopped


def timeline(*args: str, cwd: Path, src: Path | None = None, limit: float = LIMIT) -> Run:
    """``timeline ARGS`` as a new process (with the package of the checkout ``src`` when
    given): wall and CPU time, and the peak RSS of its process tree (sampled); when it runs past
    ``limit`` seconds it is stopped and its run says so."""
    command = [sys.executable, "-m", "timeline", *args]
    env = {**os.environ, "PYTHONPATH": str(src)} if src is not None else None
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err, text=True, env=env)
        peak = 0
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            peak = max(peak, tree_rss(proc.pid))
            if time.perf_counter() - start > limit:
                proc.kill()
                _, _, usage = os.wait4(proc.pid, 0)
                proc.returncode = -9
                return Run(limit, usage.ru_utime + usage.ru_stime, peak, "", stopped=True)
            time.sleep(0.1)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed:\n{err.read()[-2000:]}")
        return Run(seconds, usage.ru_utime + usage.ru_stime, peak, out.read())


@dataclass(frozen=True)
class Version:
    """The code a command runs with (None: this checkout's) and where its outputs go."""

    src: Path | None
    name: str  # suffix of its store and page
    limit: float = LIMIT

    def build(self, work: Path, *extra: str) -> Run:
        return timeline(
            "build",
            "--corpus",
            "corpus",
            "--events",
            "events.yaml",
            "-o",
            f"timeline{self.name}.html",
            "--cache-dir",
            f"store{self.name}",
            *extra,
            cwd=work,
            src=self.src,
            limit=self.limit,
        )

    def command(self, name: str, work: Path) -> Run:
        common = ("--corpus", "corpus", "--events", "events.yaml", "--cache-dir")
        return timeline(
            name, *common, f"store{self.name}", cwd=work, src=self.src, limit=self.limit
        )


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def row(label: str, run: Run, scan: Scan, rss: bool = False, other: Run | None = None) -> None:
    """One figure: wall and CPU seconds, each as a ratio to the scan's (and the other
    version's CPU seconds and ratio, when it ran)."""
    memory = f"  peak RSS {run.peak_rss / MB:.0f} MB" if rss else ""
    if run.stopped:
        print(f"  {label:<32} over {run.seconds:.0f} s (stopped){memory} when stopped")
        return
    against = ""
    if other is not None:
        against = f"   | other: {other.cpu:8.2f} s CPU {other.cpu / scan.cpu:6.2f}x"
    print(
        f"  {label:<32} {run.seconds:8.2f} s wall {run.seconds / scan.wall:6.2f}x"
        f"  {run.cpu:8.2f} s CPU {run.cpu / scan.cpu:6.2f}x{memory}{against}"
    )


def measure(
    work: Path,
    megabytes: int,
    jobs: str | None,
    suggest: bool = True,
    against: Path | None = None,
    limit: float = LIMIT,
) -> None:
    """Every figure of one corpus size, printed as it is measured."""
    corpus, events, n = make_corpus(work, megabytes)
    size = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file())
    print(f"\n{megabytes} MB: {n} articles, {size / MB:.1f} MB; load average {load()}")
    scan = min(regex_scan(corpus), regex_scan(corpus))  # the second reads the page cache too
    print(
        f"  {'regex scan (the floor)':<32} {scan.wall:8.2f} s wall {'':7}  {scan.cpu:8.2f} s CPU"
        f"  ({scan.found} date-like words)"
    )
    extra = ("--jobs", jobs) if jobs else ()
    this = Version(None, "", limit)
    other = Version(against, "-other", limit) if against else None

    def both(label: str, run: Callable[[Version], Run], rss: bool = False) -> Run:
        mine = run(this)
        row(label, mine, scan, rss, run(other) if other is not None else None)
        return mine

    cold = both("cold build", lambda v: v.build(work, *extra), rss=True)
    if cold.stopped:
        return
    page = (work / "timeline.html").stat().st_size
    print(f"  {'page size':<32} {page / MB:8.1f} MB   {cold.output.splitlines()[0]}")
    both("rebuild, nothing changed", lambda v: v.build(work, *extra))
    with events.open("a", encoding="utf-8") as f:
        f.write(ADDED)
    both("rebuild, an event added", lambda v: v.build(work, *extra), rss=True)
    text = events.read_text(encoding="utf-8")
    events.write_text(text.replace("date: 2009-06-25", "date: 2009-06-26"), encoding="utf-8")
    both("rebuild, a date moved", lambda v: v.build(work, *extra))
    article = article_path(corpus, 0)
    original, times = article.read_bytes(), article.stat()
    try:
        with article.open("a", encoding="utf-8") as f:
            f.write("A line added on 3 March 2011.\n")
        both("rebuild, one article changed", lambda v: v.build(work, *extra))
    finally:
        article.write_bytes(original)
        os.utime(article, ns=(times.st_atime_ns, times.st_mtime_ns))
    both("check", lambda v: v.command("check", work))
    if suggest:
        both("suggest", lambda v: v.command("suggest", work))
    print(f"  load average after: {load()}")


def clear_outputs(work: Path) -> None:
    """Remove everything under ``work`` but a corpus kept there and its description, so the
    cold build starts from an empty store."""
    if not work.is_dir():
        return
    for entry in work.iterdir():
        if entry.name in ("corpus", KEPT):
            continue
        if entry.is_dir():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,100", help="corpus sizes in MB (default 10,100)")
    parser.add_argument("--gigabyte", action="store_true", help="also a 1 GB corpus")
    parser.add_argument("--jobs", help="passed to timeline build --jobs")
    parser.add_argument(
        "--keep", type=Path, help="build in this folder and keep it; a corpus kept there is reused"
    )
    parser.add_argument("--no-suggest", action="store_true", help="leave timeline suggest out")
    parser.add_argument(
        "--limit", type=float, default=LIMIT, help="stop a command after this many seconds"
    )
    parser.add_argument(
        "--against", type=Path, help="also run every command with this checkout's package"
    )
    args = parser.parse_args()
    if not (SHARED / "tls" / "t17").is_dir():
        print(f"skipped: {SHARED / 'tls'} is not there")
        return
    sizes = [int(s) for s in args.sizes.split(",") if s] + ([1000] if args.gigabyte else [])
    print(f"{os.cpu_count()} cores; timeline at {ROOT}")
    for megabytes in sizes:
        work = (args.keep / f"{megabytes}mb") if args.keep else Path(tempfile.mkdtemp())
        if args.keep:
            clear_outputs(work)
        work.mkdir(parents=True, exist_ok=True)
        try:
            measure(
                work,
                megabytes,
                args.jobs,
                suggest=not args.no_suggest,
                against=args.against,
                limit=args.limit,
            )
        finally:
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
