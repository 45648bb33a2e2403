"""The page in a real browser: Playwright driving Debian's Chromium, pages loaded from file://.

Skipped when Chromium or Playwright is missing, unless TIMELINE_REQUIRE_BROWSER=1 (CI), which
turns the skip into a failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from render_samples import (
    HOSTILE_TITLE,
    hostile_timeline,
    many_events,
    ranked_sample,
    seed_timeline,
)

from timeline.models import Timeline
from timeline.render import write_html

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
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


def _unavailable(reason: str) -> None:
    if os.environ.get("TIMELINE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests required but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        _unavailable(f"no Chromium at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


def built_seed_timeline() -> Timeline | None:
    """The seed corpus through the real pipeline, or None while there is no pipeline."""
    try:
        from timeline.pipeline import build_timeline
    except ImportError:
        return None
    events = ROOT / "events.yaml"
    if not events.exists():
        return None
    return build_timeline(ROOT / "corpus", events, cache_dir=None)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pages")
    names = ("seed", "hostile", "built", "many", "ranked")
    paths = {name: folder / f"{name}.html" for name in names}
    write_html(seed_timeline(), paths["seed"])
    write_html(ranked_sample(), paths["ranked"])
    write_html(many_events(1200), paths["many"])
    write_html(hostile_timeline(), paths["hostile"])
    built = built_seed_timeline()
    if built is not None:
        write_html(built, paths["built"])
    return paths


class Visit:
    """One tab with its console errors, dialogs and attempted network requests recorded."""

    def __init__(self, browser: Any, width: int = 1280, height: int = 860) -> None:
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.on("request", lambda r: self.requests.append(r.url))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path: Path, hash: str = "") -> Any:
        self.page.goto(path.as_uri() + hash)
        self.page.wait_for_selector("body[data-ready='1']", timeout=30_000)
        return self.page

    def updates(self) -> int:
        return int(self.page.evaluate("window.__timelineUpdates || 0"))

    def wait_update(self, before: int) -> None:
        self.page.wait_for_function(f"(window.__timelineUpdates || 0) > {before}")

    def close(self) -> None:
        self.page.close()


@pytest.fixture(params=["seed", "built"])
def seed_page(request: pytest.FixtureRequest, pages: dict[str, Path]) -> Path:
    """The seed story: hand-made, and as the pipeline builds it from corpus/ and events.yaml."""
    path = pages[request.param]
    if not path.exists():
        pytest.skip("no pipeline yet: timeline.pipeline.build_timeline is missing")
    return path


@pytest.fixture
def visit(browser: Any) -> Iterator[Visit]:
    v = Visit(browser)
    yield v
    v.close()


def _chart_events(page: Any) -> set[int]:
    """Indexes of the events drawn on the chart (from the plotted traces)."""
    ids = page.evaluate(
        """() => {
            const gd = document.getElementById('timeline-chart');
            const out = new Set();
            for (const t of gd.data) {
                for (const c of (t.customdata || [])) { if (c !== null) out.add(c); }
            }
            return Array.from(out);
        }"""
    )
    return set(ids)


def _view(page: Any) -> Any:
    return page.evaluate("JSON.parse(document.getElementById('timeline-view').textContent)")


def _rows(page: Any) -> list[str]:
    return list(
        page.eval_on_selector_all(
            "[data-role=events] li[data-event-id]",
            "els => els.map(e => e.getAttribute('data-event-id'))",
        )
    )


def test_seed_page_loads_without_errors_or_network(visit: Visit, seed_page: Path) -> None:
    page = visit.open(seed_page)
    assert visit.errors == []
    # blob: is the page's own plotly.js handed to the browser as a script (boot.js), not network
    assert all(url.startswith(("file://", "blob:null/")) for url in visit.requests), visit.requests
    assert sum(url.startswith("blob:") for url in visit.requests) == 1  # plotly.js started early
    assert len(_rows(page)) >= 5
    assert page.locator("#timeline-chart .main-svg").count() >= 1
    assert "documents" in page.inner_text("[data-role=counts]")


@pytest.mark.parametrize(
    "block",
    [
        "URL.createObjectURL = () => { throw new Error('no blob URLs here'); };",
        "window.Blob = undefined;",
    ],
)
def test_the_chart_is_drawn_when_plotly_cannot_start_early(
    visit: Visit, pages: dict[str, Path], block: str
) -> None:
    """Without blob: scripts the page runs plotly.js inline once the list is shown."""
    visit.page.add_init_script(block)
    page = visit.open(pages["seed"])
    assert visit.errors == []
    assert not any(url.startswith("blob:") for url in visit.requests)
    assert page.locator("#timeline-chart .main-svg").count() >= 1
    assert page.evaluate("document.getElementById('plotly-src').textContent") == ""


def test_clicking_the_forde_row_opens_its_sources(visit: Visit, seed_page: Path) -> None:
    page = visit.open(seed_page)
    panel = page.locator("[data-role=sources]")
    assert panel.is_hidden()
    page.click("li[data-event-id='forde-report']")
    assert panel.is_visible()
    quote = panel.locator("blockquote", has_text="Published in July")
    assert quote.count() == 1
    assert quote.locator("mark").inner_text() in ("July", "in July")
    assert "5Pillars" in panel.inner_text()
    assert "#event=forde-report" in page.url
    page.keyboard.press("Escape")
    assert panel.is_hidden()
    assert "event=" not in page.url
    assert visit.errors == []


def test_a_context_linked_source_says_it_does_not_name_the_event(
    visit: Visit, pages: dict[str, Path]
) -> None:
    page = visit.open(pages["built"])
    page.click("li[data-event-id='forde-report']")
    panel = page.locator("[data-role=sources]")
    source = panel.locator(".source", has_text="Published in July")
    assert "linked by its paragraph: continues a sentence" in source.inner_text()
    other = panel.locator(".source", has_text="The Forde Inquiry was undertaken")
    assert "continues a sentence" not in other.inner_text()
    assert visit.errors == []


def test_a_dismissed_disagreement_is_shown_as_such(visit: Visit, pages: dict[str, Path]) -> None:
    page = visit.open(pages["built"])
    page.click("li[data-event-id='validation-exercise']")
    source = page.locator("[data-role=sources] .source", has_text="a second round of 2015")
    text = source.inner_text()
    assert "disagrees with the curated date" in text
    assert "not a conflict, says the curator: the 2015" in text
    assert visit.errors == []


def test_search_stasi_leaves_only_the_validation_exercise(visit: Visit, seed_page: Path) -> None:
    page = visit.open(seed_page)
    before = visit.updates()
    page.fill("input[type=search]", "Stasi")
    visit.wait_update(before)
    rows = _rows(page)
    assert len(rows) == 1
    title = page.inner_text(f"li[data-event-id='{rows[0]}'] .title")
    assert "validation" in title.lower()
    assert len(_chart_events(page)) == 1
    assert "q=Stasi" in page.url
    assert visit.errors == []


def test_toggling_candidates_hides_them(visit: Visit, seed_page: Path) -> None:
    page = visit.open(seed_page)
    assert page.locator("li.candidate[data-event-id]").count() > 0
    drawn = len(_chart_events(page))
    before = visit.updates()
    page.uncheck("[data-role=show-candidates]")
    visit.wait_update(before)
    assert page.locator("li.candidate[data-event-id]").count() == 0
    assert page.locator("li.curated[data-event-id]").count() > 0
    assert len(_chart_events(page)) < drawn
    assert "hide=candidates" in page.url
    assert visit.errors == []


def test_event_hash_opens_that_event(visit: Visit, seed_page: Path) -> None:
    page = visit.open(seed_page, "#event=forde-report")
    panel = page.locator("[data-role=sources]")
    assert panel.is_visible()
    assert "Forde" in panel.locator("h2").inner_text()
    assert page.locator("li.selected[data-event-id='forde-report']").count() == 1
    assert visit.errors == []


def test_search_state_survives_in_the_link(visit: Visit, seed_page: Path) -> None:
    page = visit.open(seed_page, "#q=stasi")
    assert page.input_value("input[type=search]") == "stasi"
    assert len(_rows(page)) == 1


def test_rows_are_keyboard_navigable(visit: Visit, seed_page: Path) -> None:
    page = visit.open(seed_page)
    rows = _rows(page)
    page.focus(f"li[data-event-id='{rows[0]}']")
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.getAttribute('data-event-id')")
    assert focused == rows[1]
    page.keyboard.press("Enter")
    assert page.locator("[data-role=sources]").is_visible()
    assert f"event={rows[1]}" in page.url


def _click_first_point(page: Any) -> None:
    """Click the first drawn point of the chart; the panel shows an event drawn there."""
    box = page.evaluate(
        """() => {
            const gd = document.getElementById('timeline-chart');
            const idx = gd.data.findIndex(t => t.mode === 'markers' && t.x.length);
            const t = gd.data[idx];
            const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
            const x = xa._offset + xa.l2p(t.x[0]), y = ya._offset + ya.l2p(t.y[0]);
            const r = gd.getBoundingClientRect();
            const same = [];
            for (const u of gd.data) {
                (u.customdata || []).forEach((c, i) => {
                    if (c !== null && u.x[i] === t.x[0] && u.y[i] === t.y[0]) same.push(c);
                });
            }
            return {x: r.left + x, y: r.top + y, events: same};
        }"""
    )
    page.mouse.move(box["x"], box["y"])
    page.mouse.click(box["x"], box["y"])
    panel = page.locator("[data-role=sources]")
    panel.wait_for(state="visible")
    here = [_view(page)["events"][k] for k in box["events"]]  # events drawn on that very spot
    title = panel.locator("h2").inner_text()
    assert title in [e["title"] for e in here]
    assert any(f"event={e['id']}" in page.url for e in here)


def test_clicking_a_point_on_the_chart_opens_it(visit: Visit, pages: dict[str, Path]) -> None:
    page = visit.open(pages["seed"])
    _click_first_point(page)
    assert visit.errors == []


def test_clicking_a_webgl_point_opens_it(visit: Visit, pages: dict[str, Path]) -> None:
    page = visit.open(pages["many"])
    _click_first_point(page)
    assert visit.errors == []


COUNT_WEBGL_DRAWS = """
window.__glDraws = 0;
for (const name of ["drawArrays", "drawElements"]) {
    const draw = WebGLRenderingContext.prototype[name];
    WebGLRenderingContext.prototype[name] = function (...args) {
        window.__glDraws += 1;
        return draw.apply(this, args);
    };
}
"""


def test_the_webgl_chart_draws_the_events_once_on_load(
    visit: Visit, pages: dict[str, Path]
) -> None:
    """Plotly redraws everything after growing the margins; the page avoids drawing twice."""
    visit.page.add_init_script(COUNT_WEBGL_DRAWS)
    page = visit.open(pages["many"])
    assert page.evaluate("document.getElementById('timeline-chart').data[0].type") == "scattergl"
    on_load = page.evaluate("window.__glDraws")
    for checked in (False, True):  # hide the candidates, then show every event again
        before = visit.updates()
        page.set_checked("[data-role=show-candidates]", checked)
        visit.wait_update(before)
    page.evaluate("window.__glDraws = 0")
    before = visit.updates()
    page.click("[data-role=reset]")  # the same events again: one full redraw
    visit.wait_update(before)
    one_pass = page.evaluate("window.__glDraws")
    assert one_pass > 0
    assert on_load == one_pass
    assert visit.errors == []


def test_tag_and_search_combine(visit: Visit, pages: dict[str, Path]) -> None:
    page = visit.open(pages["many"])
    assert page.evaluate("document.getElementById('timeline-chart').data[0].type") == "scattergl"
    before = visit.updates()
    page.select_option("[data-role=tag]", "beta")
    visit.wait_update(before)
    tagged = page.locator("li[data-event-id]").count()
    assert 0 < tagged <= 200  # the list renders in chunks
    assert page.locator("li.candidate[data-event-id]").count() == 0
    before = visit.updates()
    page.fill("input[type=search]", "number 11")
    visit.wait_update(before)
    rows = _rows(page)
    assert rows and all(r.startswith("e") for r in rows)
    titles = page.eval_on_selector_all(
        "li[data-event-id] .title", "els => els.map(e => e.textContent)"
    )
    assert all("number 11" in t for t in titles)
    assert "tag=beta" in page.url
    assert "q=number+11" in page.url
    assert len(_chart_events(page)) == len(rows)
    before = visit.updates()
    page.fill("[data-role=doc]", "doc 0")
    page.click("[data-role=doc-options] [role=option]:has-text('Doc 0')")
    visit.wait_update(before)
    assert 0 < len(_rows(page)) < len(rows)
    assert "doc=doc%3Ad0" in page.url
    assert visit.errors == []


def test_long_lists_render_in_chunks(visit: Visit, pages: dict[str, Path]) -> None:
    page = visit.open(pages["many"])
    assert len(_rows(page)) == 200
    # a click without scrolling to the button (in view, the list grows by itself, and moves it)
    page.locator("[data-role=more]").dispatch_event("click")
    shown = len(_rows(page))
    assert shown >= 400
    assert shown % 200 == 0
    last = _rows(page)[-1]
    page.focus(f"li[data-event-id='{last}']")
    page.keyboard.press("ArrowDown")
    assert len(_rows(page)) > shown
    assert page.evaluate("document.activeElement.getAttribute('data-event-id')") != last
    assert visit.errors == []


def test_hostile_page_runs_no_script(visit: Visit, pages: dict[str, Path]) -> None:
    page = visit.open(pages["hostile"])
    page.click("li[data-event-id='evil-event']")
    panel = page.locator("[data-role=sources]")
    assert panel.locator("h2").inner_text() == HOSTILE_TITLE
    assert "</script><img src=x onerror=alert(1)>" in panel.locator("blockquote").inner_text()
    assert panel.locator("mark").inner_text() == "3 May 2019"
    assert "javascript:alert(1)" in panel.inner_text()
    assert page.locator("a[href^='javascript'], a[href^='data']").count() == 0
    assert page.locator("img, iframe, svg[onload], b[onmouseover]").count() == 0
    page.fill("input[type=search]", "script")
    page.wait_for_timeout(300)
    page.hover("#timeline-chart .nsewdrag")
    page.wait_for_timeout(200)
    assert visit.dialogs == []
    assert visit.errors == []


def test_phone_width_has_no_sideways_scroll(browser: Any, seed_page: Path) -> None:
    v = Visit(browser, width=390, height=844)
    try:
        page = v.open(seed_page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.click("li[data-event-id='forde-report']")
        box = page.locator("[data-role=sources]").bounding_box()
        assert box is not None and box["width"] <= 390
        assert v.errors == []
    finally:
        v.close()


# ----------------------------------------------------------------------------- the real build


@pytest.fixture
def built(pages: dict[str, Path]) -> Path:
    if not pages["built"].exists():
        pytest.skip("no pipeline yet: timeline.pipeline.build_timeline is missing")
    return pages["built"]


def test_built_seed_page_loads_without_errors(visit: Visit, built: Path) -> None:
    page = visit.open(built)
    view = _view(page)
    assert len(_rows(page)) == len(view["events"])
    assert len(_chart_events(page)) == len(view["events"])
    assert visit.errors == []


# ----------------------------------------------------------------------------- at scale


def _drawn_candidate_ranks(page: Any) -> list[int]:
    events = _view(page)["events"]
    return sorted(events[k]["rank"] for k in _chart_events(page) if events[k]["rank"] is not None)


def test_the_page_opens_on_the_most_salient_candidates(
    visit: Visit, pages: dict[str, Path]
) -> None:
    page = visit.open(pages["ranked"])
    assert _drawn_candidate_ranks(page) == list(range(20))
    assert page.locator("li.candidate[data-event-id]").count() == 20
    assert "the 20 most salient of 240 candidates" in page.inner_text("p.status")
    sizes = page.evaluate(
        """() => {
            const gd = document.getElementById('timeline-chart');
            const t = gd.data.find(t => t.marker && t.marker.symbol === 'circle-open'
                && Array.isArray(t.marker.size));
            return t.customdata.map((k, i) => [k, t.marker.size[i]]);
        }"""
    )
    events = _view(page)["events"]
    by_rank = sorted((events[k]["rank"], size) for k, size in sizes)
    assert by_rank[0][1] > by_rank[-1][1]  # the most salient is drawn largest
    before = visit.updates()
    page.select_option("[data-role=top]", "50")
    visit.wait_update(before)
    assert _drawn_candidate_ranks(page) == list(range(50))
    assert "top=50" in page.url
    before = visit.updates()
    page.click("[data-role=all-candidates]")
    visit.wait_update(before)
    assert _drawn_candidate_ranks(page) == list(range(240))
    assert "top=all" in page.url
    assert page.locator("[data-role=all-candidates]").is_hidden()
    assert visit.errors == []


def test_top_n_survives_in_the_link(visit: Visit, pages: dict[str, Path]) -> None:
    page = visit.open(pages["ranked"], "#top=10")
    assert page.input_value("[data-role=top]") == "10"
    assert _drawn_candidate_ranks(page) == list(range(10))


def test_the_list_opens_most_salient_first_and_sorts_by_date_on_request(
    visit: Visit, pages: dict[str, Path]
) -> None:
    page = visit.open(pages["ranked"])
    events = {e["id"]: e for e in _view(page)["events"]}
    ranks = [events[i]["rank"] for i in _rows(page) if events[i]["rank"] is not None]
    assert ranks == list(range(20))
    assert "most salient first" in page.inner_text("#event-list")
    before = visit.updates()
    page.select_option("[data-role=sort]", "date")
    visit.wait_update(before)
    starts = [events[i]["x0"] for i in _rows(page)]
    assert starts == sorted(starts) and "sort=date" in page.url
    assert "date order" in page.inner_text("#event-list")
    assert visit.errors == []


def test_show_all_sources_adds_the_rest_without_freezing(
    visit: Visit, pages: dict[str, Path]
) -> None:
    page = visit.open(pages["ranked"], "#event=big-inquiry")
    panel = page.locator("[data-role=sources]")
    assert panel.locator(".source").count() == 50
    assert "IN THE ARTICLES (300)" in panel.inner_text().upper()
    page.evaluate(
        """() => {
            window.__longestTask = 0;
            let last = performance.now();
            (function tick() {
                const now = performance.now();
                window.__longestTask = Math.max(window.__longestTask, now - last);
                last = now;
                if (window.__ticking !== false) { setTimeout(tick, 0); }
            })();
        }"""
    )
    page.click("[data-role=all-sources]")
    page.wait_for_selector("[data-role=source-list][data-shown='300']")
    page.evaluate("window.__ticking = false")
    assert panel.locator(".source").count() == 300
    assert panel.locator("[data-role=all-sources]").count() == 0
    quotes = panel.locator(".source blockquote").all_inner_texts()
    assert sorted(quotes) == sorted(
        f"Sentence {i} says the inquiry opened on 3 May 2019." for i in range(300)
    )
    assert panel.locator(".source mark").count() == 300
    # the rows were added in chunks: other work ran in between (a measure, not a time limit)
    assert page.evaluate("window.__longestTask") > 0
    assert visit.errors == []


def test_search_finds_a_quote_beyond_an_events_first_sources(
    visit: Visit, pages: dict[str, Path]
) -> None:
    page = visit.open(pages["ranked"])
    page.fill("input[type=search]", "Sentence 299 says")  # only in the packed sources
    page.wait_for_function(
        "document.querySelectorAll('[data-role=events] li[data-event-id]').length === 1"
    )
    assert _rows(page) == ["big-inquiry"]
    assert visit.errors == []


def test_show_all_says_so_when_the_browser_cannot_unpack_the_sources(
    visit: Visit, pages: dict[str, Path]
) -> None:
    visit.page.add_init_script("window.DecompressionStream = undefined;")
    page = visit.open(pages["ranked"], "#event=big-inquiry")
    page.click("[data-role=all-sources]")
    button = page.locator("[data-role=all-sources]")
    page.wait_for_function(
        "document.querySelector('[data-role=all-sources]').textContent.includes('cannot')"
    )
    assert button.inner_text() == "This browser cannot unpack the other 250 sources"
    assert page.locator("[data-role=sources] .source").count() == 50
    assert visit.errors == []


def test_the_source_filter_is_searchable(visit: Visit, pages: dict[str, Path]) -> None:
    page = visit.open(pages["ranked"], "#top=all")
    assert page.locator("option").count() < 30  # no <option> per document (400 of them)
    picker = page.locator("[data-role=doc]")
    picker.fill("report 3")
    options = page.locator("[data-role=doc-options] [role=option]")
    assert 0 < options.count() <= 30
    assert "more: type to narrow" in page.inner_text("[data-role=doc-options]")
    picker.fill("report 310 on")
    assert options.count() == 1
    before = visit.updates()
    picker.press("Enter")
    visit.wait_update(before)
    assert picker.input_value() == "Report 310 on the inquiry"
    assert page.locator("[data-role=doc-options]").is_hidden()
    rows = _rows(page)
    assert sorted(rows) == ["candidate-010", "candidate-110", "candidate-210"]
    assert "doc=doc%3Adoc310" in page.url
    before = visit.updates()
    picker.fill("paper 3")
    page.click("[data-role=doc-options] [role=option]:has-text('publisher')")
    visit.wait_update(before)
    assert len(_rows(page)) > 3
    assert "doc=pub%3APaper+3" in page.url
    before = visit.updates()
    picker.fill("")
    visit.wait_update(before)
    assert "doc=" not in page.url
    assert visit.errors == []


def test_the_density_strip_is_drawn(visit: Visit, pages: dict[str, Path]) -> None:
    page = visit.open(pages["ranked"])
    strip = page.evaluate(
        """() => {
            const FILLS = '#timeline-chart .xy2 .scatterlayer path.js-fill';
            const gd = document.getElementById('timeline-chart');
            const t = gd.data.find(t => t.name === 'density');
            const y2 = gd._fullLayout.yaxis2, y = gd._fullLayout.yaxis;
            return {total: t.y.slice(0, -1).reduce((a, b) => a + b, 0), axis: t.yaxis,
                    top: y2._offset, height: y2._length, lanes: y._offset,
                    paths: document.querySelectorAll(FILLS).length};
        }"""
    )
    view = _view(page)
    assert strip["total"] == sum(view["density"]["counts"]) > 0
    assert strip["axis"] == "y2"
    assert strip["height"] > 20 and strip["top"] < strip["lanes"]  # a strip above the lanes
    assert strip["paths"] >= 1
    before = visit.updates()
    page.fill("input[type=search]", "Candidate 7")
    visit.wait_update(before)
    total = page.evaluate(
        """() => document.getElementById('timeline-chart').data.find(t => t.name === 'density')
            .y.slice(0, -1).reduce((a, b) => a + b, 0)"""
    )
    assert total == strip["total"]  # the strip shows the whole story whatever the filter
    assert visit.errors == []


@pytest.mark.parametrize(
    ("locale", "forde", "validation", "published"),
    [
        ("de-DE", "19. Juli 2022", "27. Juni 2016 \u2013 24. September 2016", "Oktober 2022"),
        ("fr-FR", "19 juillet 2022", "27 juin 2016 \u2013 24 septembre 2016", "octobre 2022"),
        (
            "es-ES",
            "19 de julio de 2022",
            "27 de junio de 2016 \u2013 24 de septiembre de 2016",
            "octubre de 2022",
        ),
    ],
)
def test_dates_are_written_in_the_readers_language(
    browser: Any,
    pages: dict[str, Path],
    locale: str,
    forde: str,
    validation: str,
    published: str,
) -> None:
    page = browser.new_page(locale=locale)
    try:
        page.goto(pages["seed"].as_uri())
        page.wait_for_selector("body[data-ready='1']", timeout=30_000)

        def when(event_id: str) -> str:
            return str(page.locator(f"li[data-event-id='{event_id}'] .when").inner_text())

        assert when("forde-report") == forde
        assert when("validation-exercise") == validation
        assert when("monday-club") == "c. October 2001"  # a qualified date keeps its words
        page.click("li[data-event-id='forde-report']")
        assert page.locator("[data-role=sources] p.when").inner_text().startswith(forde)
        # the 5Pillars article quoted there was published in October 2022
        assert published in page.locator("[data-role=sources]").inner_text()
    finally:
        page.close()
