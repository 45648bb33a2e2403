"""Reading saved web pages: publication day, headline, main text kept, furniture left out.

Reads the 74 real saved pages of ../shared/eval/html/ (news, blogs, magazines and
institutions in six languages, with their gold publication day, headline and snippets of
main text and of page furniture) through the corpus reader, as ``timeline build`` does, and
prints, side by side with the two libraries used as they come (trafilatura 2.3 ``extract``
with its metadata, htmldate ``find_date(original_date=True)``):

- publication day exact, and not an estimate (target >= 92%);
- headline exact (whitespace squeezed; on the pages with a gold headline; target >= 75%);
- main-text snippets kept in the tagged text (target >= 95%);
- furniture snippets leaked into it (target <= 8%);
- pages per second of CPU time on one core (target >= 20): the process's CPU time
  (``time.process_time``), not wall time, so that other work on a shared machine does not
  decide the figure (it still varies by a tenth or so). The libraries' one-time loading
  (imports, the language model) is timed apart, on one small page of its own, so that the
  74 pages are each read once, as a build reads them, with no cache warmed on them; the
  figure with the loading included is printed too.

For the pages whose reading gives no date, the publication date the build would estimate is
computed too, and how many of those estimates fall after the true day.

    python benchmarks/bench_ingest.py [--pages DIR]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timeline.models import Document  # noqa: E402
from timeline.read import load_corpus  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval" / "html"
TARGETS = {"day": 92.0, "title": 75.0, "kept": 95.0, "leaked": 8.0, "pages_per_s": 20.0}


@dataclass
class Scores:
    """The four quality measures, in per cent, and what they were counted on."""

    day: float
    title: float
    kept: float
    leaked: float
    pages: int
    titled: int
    snippets_with: int
    snippets_without: int

    def row(self, name: str) -> str:
        return f"{name:<34} {self.day:6.1f} {self.title:7.1f} {self.kept:6.1f} {self.leaked:7.1f}"


def squeeze(text: str | None) -> str:
    return " ".join((text or "").split())


def load_gold(folder: Path = EVAL) -> list[dict[str, Any]]:
    gold: list[dict[str, Any]] = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    return gold


def score(
    gold: list[dict[str, Any]], read: dict[str, tuple[str | None, str | None, str]]
) -> Scores:
    """``read``: by page id, (publication day stated, headline, tagged text)."""
    day = title = titled = kept = leaked = n_with = n_without = 0
    for page in gold:
        published, headline, text = read.get(page["id"], (None, None, ""))
        text = squeeze(text)
        day += published == page["date"]
        if page.get("title"):
            titled += 1
            title += squeeze(headline) == squeeze(page["title"])
        for snippet in page.get("with_", []):
            n_with += 1
            kept += squeeze(snippet) in text
        for snippet in page.get("without", []):
            n_without += 1
            leaked += squeeze(snippet) in text
    return Scores(
        100 * day / len(gold),
        100 * title / max(titled, 1),
        100 * kept / max(n_with, 1),
        100 * leaked / max(n_without, 1),
        len(gold),
        titled,
        n_with,
        n_without,
    )


WARM_UP_PAGE = """<html lang="en"><head><title>Warm-up | Site</title></head><body><article>
<h1>Warm-up</h1><p>Published on 3 March 2021.</p><p>{}</p></article></body></html>"""


def warm_up(folder: Path) -> float:
    """CPU seconds to load the reader's libraries, on one page that is not measured."""
    folder.mkdir()
    (folder / "warm-up.html").write_text(
        WARM_UP_PAGE.format("A paragraph of the article, long enough to be its text. " * 20),
        encoding="utf-8",
    )
    start = time.process_time()
    read_pages(folder)
    return time.process_time() - start


def read_pages(pages: Path) -> tuple[list[Document], list[str]]:
    warnings: list[str] = []
    return load_corpus(pages, warn=warnings.append), warnings


def ours(docs: list[Document]) -> dict[str, tuple[str | None, str | None, str]]:
    """What the reader gives: a date only when the page states it (never an estimate)."""
    return {
        d.id: (d.meta.published if d.published_from == "page" else None, d.meta.title, d.text)
        for d in docs
    }


def libraries_alone(pages: Path) -> dict[str, tuple[str | None, str | None, str]]:
    """trafilatura's extract with metadata (its date from htmldate) at its defaults."""
    import trafilatura

    out = {}
    for path in sorted(pages.glob("*.html")):
        doc = trafilatura.bare_extraction(
            path.read_bytes(), with_metadata=True, include_comments=True
        )
        if doc is None or isinstance(doc, dict):
            continue
        text = (doc.text or "") + "\n" + (doc.comments or "")
        out[path.stem] = (doc.date, doc.title, text)
    return out


def estimates_after_the_day(gold: list[dict[str, Any]], docs: list[Document]) -> tuple[int, int]:
    """(estimates made, estimates after the true day) for the pages that state no date."""
    from timeline import temporal
    from timeline.published import estimate_published

    days = {p["id"]: p["date"] for p in gold}
    made = late = 0
    for doc in docs:
        if doc.published_from == "page" or doc.id not in days:
            continue
        timexes = temporal.tag(doc.text, None, dayfirst=doc.meta.day_first)
        estimate = estimate_published(doc, timexes)
        if estimate is None:
            continue
        made += 1
        late += estimate[:10] > days[doc.id]
    return made, late


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=EVAL / "pages")
    args = parser.parse_args()
    if not args.pages.is_dir():
        print(f"skipped: {args.pages} is not there (the evaluation pages live in ../shared)")
        return 0
    gold = load_gold(args.pages.parent)
    with tempfile.TemporaryDirectory() as tmp:
        pages = Path(tmp) / "pages"
        shutil.copytree(args.pages, pages)  # a private copy: nothing is written beside them
        loading = warm_up(Path(tmp) / "warm-up")
        start = time.process_time()
        docs, warnings = read_pages(pages)
        reading = time.process_time() - start
        start = time.process_time()
        reference = libraries_alone(pages)
        reference_time = time.process_time() - start
    mine = score(gold, ours(docs))
    alone = score(gold, reference)
    print(
        f"{len(gold)} saved pages ({mine.titled} with a gold headline, {mine.snippets_with} "
        f"main-text and {mine.snippets_without} furniture snippets)\n"
    )
    print(f"{'':<34} {'day %':>6} {'title %':>7} {'kept %':>6} {'leaked %':>7}")
    print(mine.row("timeline reader"))
    print(alone.row("trafilatura + htmldate alone"))
    print(f"{'target':<34} {'>=92':>6} {'>=75':>7} {'>=95':>6} {'<=8':>7}\n")
    n = len(docs)
    print(
        f"pages/s, CPU time of this process on one core (not wall time): {n / reading:.1f} "
        f"(target >= 20; {reading:.2f} s for {n} pages), {n / (loading + reading):.1f} with "
        f"the libraries' one-time loading ({loading:.2f} s); trafilatura + htmldate alone "
        f"{n / reference_time:.1f}"
    )
    made, late = estimates_after_the_day(gold, docs)
    undated = sum(1 for d in docs if d.published_from != "page")
    print(
        f"pages without a stated date: {undated}; estimates made {made}, after the true day {late}"
    )
    for message in warnings:
        print(f"warning: {message}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
