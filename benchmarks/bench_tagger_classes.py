"""The tagger's readings by kind of expression, before and after, on the TempEval-3 dev set.

Tags ../shared/eval/tempeval3/dev.jsonl (beside the repository) with the working tree's tagger
and with the tagger of another git revision (``--before``, default ``main``), each in a process
of its own, and prints side by side, for each kind of expression a timeline depends on, how many
gold expressions of that kind there are, how many each tagger found and how many it gave the
gold value; then relaxed and value F1 of both. A kind is told from the gold expression and its
text alone, never from what a tagger made of it:

* bare month: a month name alone ("in [April]"), whose year the tense of the clause gives;
* bare weekday: a weekday alone ("[Friday]", not "Friday's"), before or after by tense;
* possessive weekday: "[Saturday]'s concert", the nearest such day;
* month and day without a year ("on [June 17]"), which a verb of the present must not move;
* year from the story: a date with no year of its own whose gold year is not the publication
  date's (only the narrative can give it);
* named date: a day of the language file's holidays or named dates ("Christmas", "9/11");
* part of the day: morning, afternoon, evening, night, tonight ("[last night]").

    .venv/bin/python benchmarks/bench_tagger_classes.py [--before REV]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from revision import package_of, python_with, short_name

from timeline.temporal.timeml import GoldDocument, load_gold

DEV_JSONL = Path(__file__).resolve().parents[1].parent / "shared/eval/tempeval3/dev.jsonl"

# Run in a child process, with the package of one revision on its path: tags every document
# and prints one JSON line per document (its timexes as [start, end, type, value]).
TAG_DEV = """
import json, sys
from timeline.temporal import tag
for line in open(sys.argv[1], encoding="utf-8"):
    doc = json.loads(line)
    found = tag(doc["text"], doc["dct"].split("T", 1)[0] or None)
    print(json.dumps([[t.start, t.end, t.type, t.value] for t in found]))
"""


@dataclass(frozen=True, slots=True)
class Span:
    """A system timex as the scorer needs it."""

    start: int
    end: int
    text: str
    type: str
    value: str


def tagged(folder: Path | None, docs: int) -> list[list[Span]]:
    """Every dev document tagged by the package in ``folder`` (None: the working tree's)."""
    out = subprocess.run(
        [sys.executable, "-c", TAG_DEV, str(DEV_JSONL)],
        env=python_with(folder),
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    )
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    if len(rows) != docs:
        raise SystemExit(f"bench_tagger_classes: {len(rows)} documents tagged of {docs}")
    return [[Span(s, e, "", kind, value) for s, e, kind, value in row] for row in rows]


@dataclass(frozen=True, slots=True)
class Gold:
    """A gold expression with what its kind is told from."""

    low: str  # its text, lower-cased
    value: str
    after: str  # the two characters after it in the document
    dct_year: str


Kind = Callable[[Gold], bool]


def kinds() -> dict[str, Kind]:
    """Name -> test of a gold expression, each stated on the gold text and the document alone."""
    from timeline.temporal.language import load

    lang = load("en")
    month = "|".join(sorted(lang.months, key=len, reverse=True))
    abbr = "|".join(sorted(lang.month_abbreviations, key=len, reverse=True))
    month_rx = rf"(?:{month}|(?:{abbr})\.?)"
    bare_month = re.compile(month_rx)
    weekday = re.compile("|".join(lang.weekdays))
    day = r"(?:[0-3]?[0-9])(?:st|nd|rd|th)?"
    month_day = re.compile(rf"{month_rx}\s+{day}|{day}\s+(?:of\s+)?{month_rx}")
    no_year = re.compile(r"[^0-9]*|[^0-9]*[0-9]{1,2}(?:st|nd|rd|th)?[^0-9]*")
    named = {h.name for h in lang.holidays} | {w for n in lang.named_dates for w in n.written}
    daypart = re.compile(r"\b(?:morning|afternoon|evening|night|tonight|overnight)\b")

    def possessive(g: Gold) -> bool:
        return g.after in ("'s", "\u2019s")

    def from_story(g: Gold) -> bool:
        year = g.value[:4]
        return bool(no_year.fullmatch(g.low)) and year.isdigit() and year != g.dct_year

    return {
        "bare month": lambda g: bool(bare_month.fullmatch(g.low)),
        "bare weekday": lambda g: bool(weekday.fullmatch(g.low)) and not possessive(g),
        "possessive weekday": lambda g: bool(weekday.fullmatch(g.low)) and possessive(g),
        "month and day, no year": lambda g: bool(month_day.fullmatch(g.low)),
        "year from the story": from_story,
        "named date": lambda g: " ".join(g.low.split()) in named,
        "part of the day": lambda g: daypart.search(g.low) is not None,
    }


def count(
    docs: Sequence[GoldDocument], system: list[list[Span]], tests: dict[str, Kind]
) -> tuple[dict[str, tuple[int, int, int]], dict[str, float]]:
    """Per kind (gold, found, right value), and the scores of the whole set."""
    from timeline.temporal.evaluate import Counts, align, score_counts

    per: dict[str, list[int]] = {name: [0, 0, 0] for name in tests}
    totals = Counts()
    for doc, found in zip(docs, system, strict=True):
        totals.add(doc.timexes, found)
        matched = {i: found[j] for i, j in align(doc.timexes, found)}
        for i, g in enumerate(doc.timexes):
            if g.type not in ("DATE", "TIME"):
                continue
            seen = Gold(g.text.lower(), g.value, doc.text[g.end : g.end + 2], (doc.dct or "")[:4])
            for name, test in tests.items():
                if test(seen):
                    row = per[name]
                    row[0] += 1
                    row[1] += i in matched
                    row[2] += i in matched and matched[i].value == g.value
    return {k: (v[0], v[1], v[2]) for k, v in per.items()}, score_counts(totals)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", default="main", help="git revision to compare with")
    args = parser.parse_args()
    if not DEV_JSONL.is_file():
        sys.exit(f"bench_tagger_classes: the TempEval-3 dev set is not there: {DEV_JSONL}")
    docs = load_gold(DEV_JSONL)
    tests = kinds()
    before_name = short_name(args.before)
    before, before_scores = count(docs, tagged(package_of(args.before), len(docs)), tests)
    after, after_scores = count(docs, tagged(None, len(docs)), tests)
    print(f"TempEval-3 dev, {len(docs)} documents: {before_name} (before) and the working tree")
    head = f"{'kind of expression':<24}{'gold':>6}{'found':>14}{'right value':>18}"
    print(f"{head}\n{'':<30}{'before':>8}{'after':>7}{'before':>11}{'after':>7}")
    for name in tests:
        n, found_b, right_b = before[name]
        _, found_a, right_a = after[name]
        print(f"{name:<24}{n:>6}{found_b:>8}{found_a:>7}{right_b:>11}{right_a:>7}")
    for key, label in (("relaxed_f1", "relaxed F1"), ("value_f1", "value F1")):
        print(f"{label:<24}{'':>6}{before_scores[key]:>15.2f}{after_scores[key]:>18.2f}")


if __name__ == "__main__":
    main()
