"""How the page copes with big timelines: synthetic events, and timelines of whole corpora.

``--sizes``: 1k, 10k and 50k synthetic events with sources, every one on the page.
``--corpora``: the timeline a corpus of 100 MB or 1 GB of news gives (13,500 or 135,000
articles), generated directly as a ``Timeline`` of that shape: tens of thousands of
candidates (most of them mentioned by one document, a few by hundreds; up to 10 sentences
listed each), twelve curated events quoted by 0.2% to 4% of the articles each (16.8% in all),
varied sentences with perturbed dates, every article with its own title and address. The page
carries the curated events and the 500 most salient candidates; at 100 MB the page with every
candidate (``--max-candidates`` above their number, what the page used to carry) is measured
in the same run for comparison. Targets: 100 MB -> page <= 15 MB; 1 GB -> page <= 20 MB with
the chart on screen in < 3 s.

For each page: write it, open it from file:// in headless Chromium and measure
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

    .venv/bin/python benchmarks/bench_page.py [--sizes 1000,10000,50000] [--corpora 100,1000]
        [--repeats 3] [--keep DIR] [--pages PAGE.html ...]

``--pages`` measures pages ``timeline build`` wrote, with the same figures (``--sizes ''
--corpora ''`` for those alone).
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
from timeline.render.story import DEFAULT_MAX_CANDIDATES

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


# articles and candidate dates of a corpus of this many MB (the candidates as measured on
# varied news: 34,817 at 100 MB; they grow more slowly than the corpus)
CORPORA = {10: (1_350, 6_100), 100: (13_500, 34_817), 1000: (135_000, 132_000)}
CURATED_SHARES = [0.04, 0.03, 0.02, 0.02, 0.015, 0.01, 0.01, 0.008, 0.005, 0.005, 0.003, 0.002]
VOCABULARY = [
    *WORDS,
    *("minister", "election", "tribunal", "protest", "strike", "agreement", "treaty", "court"),
    *("spokesman", "deadline", "investigation", "resignation", "scandal", "budget", "summit"),
    *("police", "hospital", "company", "shares", "market", "crisis", "talks", "border", "army"),
    *("said", "announced", "denied", "confirmed", "reported", "warned", "agreed", "rejected"),
]
MONTHS = [date(2000, m, 1).strftime("%B") for m in range(1, 13)]


def _sentence(rng: random.Random, day: date) -> tuple[str, str, str]:
    """A varied sentence mentioning ``day``; returns it, the date phrase and its value."""
    roll = rng.random()
    if roll < 0.5:
        phrase, value = f"{day.day} {MONTHS[day.month - 1]} {day.year}", day.isoformat()
    elif roll < 0.85:
        phrase, value = f"in {MONTHS[day.month - 1]} {day.year}", f"{day.year}-{day.month:02d}"
    else:
        phrase, value = f"in {day.year}", str(day.year)
    words = rng.choices(VOCABULARY, k=rng.randrange(14, 34))
    at = rng.randrange(0, len(words))
    head = " ".join(words[:at]).capitalize()
    return f"{head} {phrase} {' '.join(words[at:])}.".lstrip(), phrase, value


def _corpus_source(rng: random.Random, doc: str, day: date, agrees: bool | None) -> CorpusSource:
    quote, phrase, value = _sentence(rng, day)
    lo = quote.index(phrase)
    start = rng.randrange(0, 8000)
    timex = TimexRef(
        start=start + lo,
        end=start + lo + len(phrase),
        text=phrase,
        value=value,
        anchor=Anchor(kind="publication", value=f"{day.year}") if "in" in phrase else None,
    )
    return CorpusSource(
        doc=doc, start=start, end=start + len(quote), quote=quote, timex=timex, agrees=agrees
    )


def corpus_timeline(megabytes: int, seed: int = 11) -> Timeline:
    """The shape of the timeline a corpus of ``megabytes`` of news gives (see the docstring)."""
    rng = random.Random(seed)
    n_docs, n_candidates = CORPORA[megabytes]
    origin = date(2004, 1, 1)
    docs = [
        DocumentInfo(
            id=f"{i:06d}_{rng.getrandbits(48):012x}",
            path=f"{2004 + i % 20}/{i:06d}.html",
            title=" ".join(rng.choices(VOCABULARY, k=rng.randrange(5, 12))).capitalize(),
            publisher=f"Publisher {rng.randrange(200)}",
            url=f"https://news{rng.randrange(200)}.example.org/{2004 + i % 20}/{i:06d}-story",
            published=(origin + timedelta(days=rng.randrange(20 * 365))).isoformat(),
            sha256=f"{rng.getrandbits(256):064x}",
        )
        for i in range(n_docs)
    ]
    events: list[TimelineEvent] = []
    for k, share in enumerate(CURATED_SHARES):
        day = origin + timedelta(days=rng.randrange(20 * 365))
        quoting = rng.sample(range(n_docs), int(share * n_docs))
        events.append(
            TimelineEvent(
                id=f"event-{k:02d}",
                title=" ".join(rng.choices(VOCABULARY, k=6)).capitalize(),
                kind="curated",
                date=DateInfo.of(day.isoformat()),
                tags=[TAGS[k % len(TAGS)]],
                summary=" ".join(rng.choices(VOCABULARY, k=14)),
                sources=[
                    _corpus_source(rng, docs[d].id, day, rng.choice([True, True, None]))
                    for d in sorted(quoting)
                ],
            )
        )
    for j in range(n_candidates):
        day = origin + timedelta(days=rng.randrange(-40 * 365, 22 * 365))
        documents = min(n_docs, int(rng.paretovariate(1.3)))
        sentences = documents + int(documents * rng.random())
        listed = min(sentences, 10)
        sources = [
            _corpus_source(rng, docs[rng.randrange(n_docs)].id, day, None) for _ in range(listed)
        ]
        summary = f"{sentences} sentences in {documents} documents"
        if listed < sentences:
            summary += f"; the {listed} most representative are listed"
        value = sources[0].timex.value if sources[0].timex else day.isoformat()
        events.append(
            TimelineEvent(
                id=f"candidate-{j:06d}",
                title=f"{value}: {trim(sources[0].quote)}",
                kind="candidate",
                date=DateInfo.of(value),
                tags=["candidate"],
                summary=summary,
                sources=sources,
                salience=round(documents * (0.5 + rng.random()), 3),
                documents=documents,
                sentences=sentences,
            )
        )
    events[0] = events[0].model_copy(update={"title": "Zanzibar accord signed"})  # the needle
    events.sort(key=lambda e: (e.date.start, e.kind, e.id))
    curated = len(CURATED_SHARES)
    return Timeline(
        events=events,
        documents=docs,
        summary=Summary(documents=n_docs, events=curated, candidates=n_candidates),
    )


def trim(text: str) -> str:
    return text if len(text) <= 80 else text[:79] + "\u2026"


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


FIRST_TITLE_JS = """() => document.querySelector('[data-role=events] li.curated .title')
    .textContent.trim().split(/\\s+/).slice(0, 3).join(' ')"""


def measure(
    browser: Any, path: Path, repeats: int, baseline: bool = False, needle: str | None = "zanzibar"
) -> dict[str, float]:
    """Median times in ms; ``baseline`` (a page with no events) measures loading only. The
    search looks for ``needle``, which names one event (None: the first words of the first
    curated event listed, which name at least that one)."""
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
        query = needle if needle is not None else str(page.evaluate(FIRST_TITLE_JS))
        found = page.evaluate(SEARCH_JS, query)
        if found["rows"] < 1 or (needle is not None and found["rows"] != 1):
            raise SystemExit(f"search for {query!r} found {found['rows']} rows")
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


SHOW_ALL_JS = """async (id) => {
    location.hash = 'event=' + id;
    await new Promise(r => setTimeout(r, 50));
    const button = document.querySelector('[data-role=all-sources]');
    const box = document.querySelector('[data-role=source-list]');
    let longest = 0, last = performance.now(), ticking = true;
    (function tick() {
        const now = performance.now();
        longest = Math.max(longest, now - last);
        last = now;
        if (ticking) { setTimeout(tick, 0); }
    })();
    const t0 = performance.now();
    button.click();
    while (!box.hasAttribute('data-shown') || document.querySelector('[data-role=all-sources]')) {
        await new Promise(r => setTimeout(r, 5));
    }
    const ms = performance.now() - t0;
    ticking = false;
    return {ms: ms, longest: longest, shown: +box.getAttribute('data-shown')};
}"""


def show_all(browser: Any, path: Path, event_id: str) -> dict[str, float]:
    """Time to add every source of ``event_id`` to its panel, and the longest the page was
    busy without a break meanwhile (what a reader would feel as a freeze)."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready='1']", timeout=120_000)
    page.wait_for_timeout(1000)  # past the search index built once the chart is drawn
    result = page.evaluate(SHOW_ALL_JS, event_id)
    page.close()
    return {"ms": float(result["ms"]), "longest": float(result["longest"]),
            "shown": float(result["shown"])}  # fmt: skip


def bench_sizes(browser: Any, folder: Path, sizes: list[int], repeats: int) -> None:
    print(
        f"{'events':>7} {'build s':>8} {'size MB':>8} {'list ms':>8} {'ready ms':>9} "
        f"{'painted ms':>11} "
        f"{'search ms':>10} {'(filter+draw)':>13} {'clear ms':>9} {'panel ms':>9}"
    )
    for n in [0, *sizes]:
        # 0 events: what loading the page and starting plotly.js costs by itself
        timeline = synthetic_timeline(n) if n else Timeline()
        path = folder / f"page-{n}.html"
        t0 = time.perf_counter()
        write_html(timeline, path, max_candidates=n)  # every event on the page
        build = time.perf_counter() - t0
        size = path.stat().st_size / 1e6
        m = measure(browser, path, repeats, baseline=n == 0)
        print(
            f"{n:>7} {build:>8.2f} {size:>8.1f} {m['listed']:>8.0f} {m['ready']:>9.0f} "
            f"{m['painted']:>11.0f} "
            f"{m['search']:>10.0f} {m['work']:>13.0f} {m['clear']:>9.0f} {m['panel']:>9.0f}",
            flush=True,
        )
    print("targets: 10k events ready < 3000 ms, search < 300 ms")


def bench_corpora(browser: Any, folder: Path, corpora: list[int], repeats: int) -> None:
    print(
        f"{'corpus':>7} {'candidates':>10} {'on page':>8} {'render s':>9} {'size MB':>8} "
        f"{'list ms':>8} {'ready ms':>9} {'painted ms':>11} {'search ms':>10} {'panel ms':>9} "
        f"{'show all':>9} {'ms':>7} {'longest':>8}"
    )
    # what loading the page and starting plotly.js costs by itself, in the same run
    empty = folder / "corpus-empty.html"
    write_html(Timeline(), empty)
    m = measure(browser, empty, repeats, baseline=True)
    print(
        f"{'empty':>7} {0:>10} {0:>8} {'':>9} {empty.stat().st_size / 1e6:>8.1f} "
        f"{m['listed']:>8.0f} {m['ready']:>9.0f} {m['painted']:>11.0f}",
        flush=True,
    )
    for megabytes in corpora:
        t0 = time.perf_counter()
        timeline = corpus_timeline(megabytes)
        made = time.perf_counter() - t0
        candidates = timeline.summary.candidates
        biggest = max(
            (e for e in timeline.events if e.kind == "curated"), key=lambda e: len(e.sources)
        )
        limits = [DEFAULT_MAX_CANDIDATES]
        if megabytes <= 100:
            limits.append(candidates)  # every candidate: what the page used to carry
        for limit in limits:
            path = folder / f"corpus-{megabytes}mb-{limit}.html"
            cpu = time.process_time()
            write_html(timeline, path, max_candidates=limit)
            render = time.process_time() - cpu
            size = path.stat().st_size / 1e6
            m = measure(browser, path, repeats)
            shown = show_all(browser, path, biggest.id)
            print(
                f"{megabytes:>5}MB {candidates:>10} {min(limit, candidates):>8} {render:>9.2f} "
                f"{size:>8.1f} {m['listed']:>8.0f} {m['ready']:>9.0f} {m['painted']:>11.0f} "
                f"{m['search']:>10.0f} {m['panel']:>9.0f} {shown['shown']:>9.0f} "
                f"{shown['ms']:>7.0f} {shown['longest']:>8.0f}",
                flush=True,
            )
        print(f"  (timeline of {megabytes} MB generated in {made:.1f} s)", flush=True)
    print(
        "targets: 100 MB page <= 15 MB; 1 GB page <= 20 MB, painted (chart on screen) < 3000 ms;"
        " render s is CPU time; 'show all': sources of the biggest curated event, time to add"
        " them all and the longest task meanwhile, ms"
    )


def bench_pages(browser: Any, pages: list[Path], repeats: int) -> None:
    """The times of pages ``timeline build`` wrote from real corpora."""
    print(
        f"{'page':<40} {'size MB':>8} {'list ms':>8} {'ready ms':>9} {'painted ms':>11} "
        f"{'search ms':>10} {'panel ms':>9}"
    )
    for path in pages:
        m = measure(browser, path.resolve(), repeats, needle=None)
        print(
            f"{str(path)[-40:]:<40} {path.stat().st_size / 1e6:>8.1f} {m['listed']:>8.0f} "
            f"{m['ready']:>9.0f} {m['painted']:>11.0f} {m['search']:>10.0f} {m['panel']:>9.0f}",
            flush=True,
        )
    print("target at 1 GB: page <= 20 MB, painted (chart on screen) < 3000 ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,50000", help="synthetic events; '' none")
    parser.add_argument("--corpora", default="100,1000", help="corpus sizes in MB: 10, 100, 1000")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the pages in this folder")
    parser.add_argument(
        "--pages", type=Path, nargs="+", default=[], help="also measure these built pages"
    )
    args = parser.parse_args()
    missing = [str(p) for p in args.pages if not p.is_file()]
    if missing:
        parser.error(f"--pages: no such file: {', '.join(missing)}")
    sizes = [int(s) for s in args.sizes.split(",") if s]
    corpora = [int(s) for s in args.corpora.split(",") if s]
    if any(mb not in CORPORA for mb in corpora):
        parser.error(f"--corpora: sizes are {', '.join(map(str, CORPORA))}")
    from playwright.sync_api import sync_playwright

    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-page-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"Chromium: {CHROMIUM}; {os.cpu_count()} CPUs; median of {args.repeats} runs")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        if sizes:
            bench_sizes(browser, folder, sizes, args.repeats)
        if corpora:
            bench_corpora(browser, folder, corpora, args.repeats)
        if args.pages:
            bench_pages(browser, args.pages, args.repeats)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
