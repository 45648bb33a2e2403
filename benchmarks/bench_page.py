"""How the page copes with big timelines: 1k, 10k and 50k synthetic events with sources.

For each size: write the page, open it from file:// in headless Chromium and measure
- list: time from navigation start until the event list is shown and searchable
  (``window.__timelineListReady``),
- ready: time from navigation start until plotly.js has drawn the chart
  (``window.__timelineReady``, when ``Plotly.newPlot`` resolves),
- painted: time from navigation start until the first frame showing the chart has been
  composited. With ``--disable-gpu`` Chromium rasterises WebGL in software (SwiftShader), so
  this includes rendering every point on the CPU,
- search: time from typing a query into the search box until the list and the chart show
  the result (debounce included), and the same for clearing it,
- panel: time to open the sources panel of an event.
Prints the file size and the times. Targets: 10k events interactive in < 3 s, a search update
in < 300 ms.

    .venv/bin/python benchmarks/bench_page.py [--sizes 1000,10000,50000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from timeline.models import (
    Anchor,
    CorpusSource,
    DateInfo,
    DocumentInfo,
    ReferenceSource,
    Summary,
    Timeline,
    TimelineEvent,
    TimexRef,
)
from timeline.render import write_html

CHROMIUM = os.environ.get("TIMELINE_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
TAGS = ["elections", "leaks", "inquiries", "media", "discipline", "courts", "policy", "protest"]
WORDS = [
    *("party", "report", "inquiry", "staff", "members", "leader", "vote", "council", "union"),
    *("statement", "complaint", "review", "committee", "evidence", "meeting", "letter"),
    *("campaign", "budget", "hearing", "ruling", "appeal", "interview"),
]


def _value(rng: random.Random, day: date) -> tuple[str, str | None]:
    roll = rng.random()
    if roll < 0.55:
        return day.isoformat(), None
    if roll < 0.8:
        return f"{day.year}-{day.month:02d}", None
    if roll < 0.88:
        return f"{day.year}-{['SP', 'SU', 'FA', 'WI'][(day.month - 1) // 3]}", None
    if roll < 0.95:
        return str(day.year), "APPROX" if rng.random() < 0.5 else None
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}", None


def synthetic_timeline(n: int, seed: int = 7) -> Timeline:
    """``n`` events over 30 years, a fifth of them candidates, each with two or three sources."""
    rng = random.Random(seed)
    n_docs = max(10, n // 50)
    docs = [
        DocumentInfo(
            id=f"doc{i:05d}",
            path=f"doc{i:05d}.txt",
            title=f"Article {i}: " + " ".join(rng.choices(WORDS, k=6)),
            publisher=f"Publisher {i % 25}",
            url=f"https://example.org/articles/{i}",
            published=f"{2000 + i % 25}-{1 + i % 12:02d}",
            published_estimated=i % 3 == 0,
            sha256=f"{i:064x}",
        )
        for i in range(n_docs)
    ]
    origin = date(1995, 1, 1)
    events: list[TimelineEvent] = []
    for i in range(n):
        day = origin + timedelta(days=rng.randrange(0, 30 * 365))
        value, mod = _value(rng, day)
        end = None
        if rng.random() < 0.05:
            end = DateInfo.of((day + timedelta(days=rng.randrange(5, 400))).isoformat())
        sources: list[CorpusSource | ReferenceSource] = []
        for _ in range(rng.randrange(1, 3)):
            words = rng.choices(WORDS, k=rng.randrange(12, 30))
            phrase = f"in {day.strftime('%B')}"
            at = rng.randrange(0, len(words))
            quote = " ".join(words[:at]).capitalize() + f" {phrase} " + " ".join(words[at:]) + "."
            lo = quote.index(phrase)
            start = rng.randrange(0, 5000)
            sources.append(
                CorpusSource(
                    doc=docs[rng.randrange(n_docs)].id,
                    start=start,
                    end=start + len(quote),
                    quote=quote,
                    timex=TimexRef(
                        start=start + lo,
                        end=start + lo + len(phrase),
                        text=phrase,
                        value=f"{day.year}-{day.month:02d}",
                        anchor=Anchor(kind="publication", value=f"{day.year}"),
                    ),
                    agrees=rng.choice([True, True, False, None]),
                )
            )
        candidate = rng.random() < 0.2
        if not candidate:
            sources.insert(
                0,
                ReferenceSource(
                    publisher="Archive",
                    title=" ".join(rng.choices(WORDS, k=5)),
                    url=f"https://example.org/ref/{i}",
                    date=day.isoformat(),
                ),
            )
        events.append(
            TimelineEvent(
                id=f"event-{i:06d}",
                title=" ".join(rng.choices(WORDS, k=rng.randrange(3, 9))).capitalize(),
                kind="candidate" if candidate else "curated",
                date=DateInfo.of(value, mod),
                end_date=end,
                tags=[] if candidate else [rng.choice(TAGS)],
                summary=" ".join(rng.choices(WORDS, k=12)),
                sources=sources,
            )
        )
    # one needle to search for
    events[n // 2] = events[n // 2].model_copy(update={"title": "Zanzibar accord signed"})
    curated = sum(e.kind == "curated" for e in events)
    return Timeline(
        events=events,
        documents=docs,
        summary=Summary(documents=n_docs, events=curated, candidates=n - curated),
    )


SEARCH_JS = """async (query) => {
    const box = document.querySelector('input[type=search]');
    const before = window.__timelineUpdates || 0;
    const t0 = performance.now();
    box.value = query;
    box.dispatchEvent(new Event('input', {bubbles: true}));
    while ((window.__timelineUpdates || 0) <= before) {
        await new Promise(r => setTimeout(r, 2));
    }
    await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
    const rows = document.querySelectorAll('[data-role=events] li[data-event-id]').length;
    return {ms: performance.now() - t0, work: window.__timelineLastUpdateMs, rows: rows};
}"""

PAINTED_JS = """() => new Promise(r => requestAnimationFrame(() => setTimeout(() => {
    r(performance.now());
}, 0)))"""

PANEL_JS = """async () => {
    const row = document.querySelector('[data-role=events] li[data-event-id]');
    const t0 = performance.now();
    row.click();
    await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
    const ok = !document.querySelector('[data-role=sources]').hidden;
    return {ms: performance.now() - t0, ok: ok};
}"""


def measure(browser: Any, path: Path, repeats: int, baseline: bool = False) -> dict[str, float]:
    """Median times in ms; ``baseline`` (a page with no events) measures loading only."""
    ready: list[float] = []
    painted: list[float] = []
    listed: list[float] = []
    search: list[float] = []
    work: list[float] = []
    clear: list[float] = []
    panel: list[float] = []
    for _ in range(repeats):
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-ready='1']", timeout=120_000)
        painted.append(float(page.evaluate(PAINTED_JS)))
        listed.append(float(page.evaluate("window.__timelineListReady")))
        ready.append(float(page.evaluate("window.__timelineReady")))
        if errors:
            raise SystemExit(f"page errors: {errors}")
        if baseline:
            page.close()
            continue
        found = page.evaluate(SEARCH_JS, "zanzibar")
        if found["rows"] != 1:
            raise SystemExit(f"search found {found['rows']} rows, expected 1")
        search.append(found["ms"])
        work.append(found["work"])
        cleared = page.evaluate(SEARCH_JS, "")
        clear.append(cleared["ms"])
        opened = page.evaluate(PANEL_JS)
        if not opened["ok"]:
            raise SystemExit("the sources panel did not open")
        panel.append(opened["ms"])
        if errors:
            raise SystemExit(f"page errors: {errors}")
        page.close()
    nan = float("nan")
    return {
        "ready": statistics.median(ready),
        "painted": statistics.median(painted),
        "listed": statistics.median(listed),
        "search": statistics.median(search) if search else nan,
        "work": statistics.median(work) if work else nan,
        "clear": statistics.median(clear) if clear else nan,
        "panel": statistics.median(panel) if panel else nan,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the pages in this folder")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    from playwright.sync_api import sync_playwright

    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-page-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"Chromium: {CHROMIUM}; {os.cpu_count()} CPUs; median of {args.repeats} runs")
    header = (
        f"{'events':>7} {'build s':>8} {'size MB':>8} {'list ms':>8} {'ready ms':>9} "
        f"{'painted ms':>11} "
        f"{'search ms':>10} {'(filter+draw)':>13} {'clear ms':>9} {'panel ms':>9}"
    )
    print(header)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        for n in [0, *sizes]:
            # 0 events: what loading the page and starting plotly.js costs by itself
            timeline = synthetic_timeline(n) if n else Timeline()
            path = folder / f"page-{n}.html"
            t0 = time.perf_counter()
            write_html(timeline, path)
            build = time.perf_counter() - t0
            size = path.stat().st_size / 1e6
            m = measure(browser, path, args.repeats, baseline=n == 0)
            print(
                f"{n:>7} {build:>8.2f} {size:>8.1f} {m['listed']:>8.0f} {m['ready']:>9.0f} "
                f"{m['painted']:>11.0f} "
                f"{m['search']:>10.0f} {m['work']:>13.0f} {m['clear']:>9.0f} {m['panel']:>9.0f}",
                flush=True,
            )
        browser.close()
    print("targets: 10k events ready < 3000 ms, search < 300 ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
