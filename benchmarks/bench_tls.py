"""Which dates matter: Date-F1 of the top candidates on Timeline17 (news-tls protocol).

For each reference timeline of each topic in ``../shared/eval/tls/t17/`` (beside the
repository), the articles published between its first and last day are written to a corpus
folder (one ``.txt`` file each, its publication day as front matter) and built with an empty
events.yaml, as ``timeline build`` would. Told k, the number of days in the reference, each
ranking returns the k best day candidates inside the span:

- ``salience``: the candidates' ``salience`` (what ``suggest --top`` and the page use);
- ``documents``: how many documents mention the day (the ranking before salience);
- ``published``: how many articles were published on the day.

Date precision and recall (shared days over the days returned, over k) are averaged over all
timelines, and Date-F1 is computed from the two averages, as news-tls does.

Usage: ``python benchmarks/bench_tls.py [--topic NAME ...] [--keep DIR]``
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from timeline.models import Timeline, TimelineEvent
from timeline.pipeline import build_timeline

T17 = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "tls" / "t17"
RANKINGS = ("salience", "documents", "published")


@dataclass
class Scores:
    """Precision and recall of each timeline, for one ranking."""

    pairs: list[tuple[float, float]] = field(default_factory=list)

    def add(self, predicted: Sequence[str], reference: Sequence[str]) -> None:
        """Score one timeline: the days returned against the reference days."""
        shared = len(set(predicted) & set(reference))
        precision = shared / len(predicted) if predicted else 0.0
        self.pairs.append((precision, shared / len(set(reference))))

    def f1(self) -> float:
        """Date-F1 from the averaged precision and recall."""
        if not self.pairs:
            return 0.0
        p = sum(p for p, _ in self.pairs) / len(self.pairs)
        r = sum(r for _, r in self.pairs) / len(self.pairs)
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def top_days(scores: dict[str, float], first: str, last: str, k: int) -> list[str]:
    """The ``k`` best days of ``scores`` between ``first`` and ``last``; ties go to the earlier."""
    inside = [(day, s) for day, s in scores.items() if first <= day <= last and s > 0]
    inside.sort(key=lambda r: (-r[1], r[0]))
    return [day for day, _ in inside[:k]]


def rankings(timeline: Timeline) -> dict[str, dict[str, float]]:
    """Each ranking's score for every day: candidates' salience and documents, publications."""
    days: list[TimelineEvent] = [
        e
        for e in timeline.events
        if e.kind == "candidate" and e.date.precision == "day" and e.date.mod is None
    ]
    published = Counter(d.published for d in timeline.documents if d.published)
    return {
        "salience": {e.date.value: e.salience or 0.0 for e in days},
        "documents": {e.date.value: float(e.documents or 0) for e in days},
        "published": {day: float(n) for day, n in published.items()},
    }


def write_corpus(articles: Sequence[dict[str, str]], folder: Path) -> None:
    """One ``.txt`` file per article, its publication day as front matter."""
    folder.mkdir(parents=True)
    (folder / "events.yaml").write_text("events: []\n", encoding="utf-8")
    for a in articles:
        front = f"---\npublished: {a['published']}\n---\n"
        (folder / "corpus" / f"{a['id']}.txt").parent.mkdir(exist_ok=True)
        (folder / "corpus" / f"{a['id']}.txt").write_text(front + a["text"], encoding="utf-8")


def run_topic(
    topic: Path, work: Path, results: dict[str, Scores], log: Callable[[str], None]
) -> dict[str, Scores]:
    """Build and score every reference timeline of ``topic``; add them to ``results`` too."""
    lines = (topic / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    articles = [json.loads(line) for line in lines if line.strip()]
    references = json.loads((topic / "timelines.json").read_text(encoding="utf-8"))
    own = {name: Scores() for name in RANKINGS}
    for n, reference in enumerate(references):
        days = sorted(set(reference["dates"]))
        first, last = days[0], days[-1]
        chosen = [a for a in articles if first <= a["published"] <= last]
        folder = work / f"{topic.name}-{n}"
        write_corpus(chosen, folder)
        timeline = build_timeline(
            folder / "corpus", folder / "events.yaml", cache_dir=work / "cache"
        )
        for name, scores in rankings(timeline).items():
            predicted = top_days(scores, first, last, len(days))
            own[name].add(predicted, days)
            results[name].add(predicted, days)
        log(f"  {topic.name} timeline {n + 1}: {len(chosen)} articles, k = {len(days)}")
    return own


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the extraction workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topic", action="append", help="only these topics (finan, h1n1, ...)")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    args = parser.parse_args(argv)
    if not T17.is_dir():
        print(f"skipped: no Timeline17 data at {T17}")
        return 0
    topics = [T17 / t for t in args.topic] if args.topic else sorted(p for p in T17.iterdir())
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-tls-"))
    totals = {name: Scores() for name in RANKINGS}
    rows = []
    started = cpu_seconds()
    try:
        for topic in topics:
            if not (topic / "timelines.json").is_file():
                print(f"Error: no topic {topic.name} in {T17}", file=sys.stderr)
                return 1
            own = run_topic(topic, work, totals, lambda line: print(line, file=sys.stderr))
            rows.append((topic.name, own))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"Date-F1, top-k days ({cpu_seconds() - started:.1f} s CPU, extraction workers included)")
    print(f"{'topic':<10}" + "".join(f"{name:>12}" for name in RANKINGS))
    for name, own in [*rows, ("all", totals)]:
        print(f"{name:<10}" + "".join(f"{own[r].f1():>12.3f}" for r in RANKINGS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
