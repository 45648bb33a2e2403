"""A source in a PDF says its page: in the JSON, the CSV, the TimelineJS file and the page.

The timeline is built by the real pipeline from a small corpus holding a twelve-page PDF
(made with pypdf) whose last page mentions a curated event; the browser test opens the
event's sources panel in Chromium, as tests/test_browser.py does.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pdf_samples import make_pdf
from test_browser import Visit, browser  # noqa: F401  (browser is the Chromium fixture)

from timeline.models import CorpusSource, Timeline
from timeline.pipeline import build_timeline
from timeline.render import write_html
from timeline.render.exports import render_export

EVENTS = """\
events:
  - id: forde-report
    title: The Forde report
    date: 2022-07-19
    aliases: [Forde report]
"""


def _report() -> bytes:
    pages = [f"Page {n} of the annex lists the witnesses heard in 2021." for n in range(1, 12)]
    pages.append("The Forde report was published on 19 July 2022.")
    return make_pdf(pages, {"/Title": "Annexes to the Forde report"})


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Timeline, Path]:
    folder = tmp_path_factory.mktemp("pdf-project")
    corpus = folder / "corpus"
    corpus.mkdir()
    (corpus / "annexes.pdf").write_bytes(_report())
    (corpus / "note.txt").write_text(
        "On 19 July 2022 the Forde report was discussed at length.\n", encoding="utf-8"
    )
    (folder / "events.yaml").write_text(EVENTS, encoding="utf-8")
    timeline = build_timeline(corpus, folder / "events.yaml")
    page = folder / "timeline.html"
    write_html(timeline, page)
    return timeline, page


def _sources(timeline: Timeline) -> dict[str, CorpusSource]:
    event = next(e for e in timeline.events if e.id == "forde-report")
    return {s.doc: s for s in event.sources if isinstance(s, CorpusSource)}


def test_the_json_gives_the_pdf_page_and_none_for_a_text_file(
    built: tuple[Timeline, Path],
) -> None:
    sources = _sources(built[0])
    assert sources["annexes"].page == 12
    assert sources["note"].page is None


def test_the_csv_and_the_timelinejs_file_cite_the_page(built: tuple[Timeline, Path]) -> None:
    timeline = built[0]
    rows = list(csv.DictReader(io.StringIO(render_export(timeline, "csv").lstrip("\ufeff"))))
    pages = {r["doc"]: r["page"] for r in rows if r["event_id"] == "forde-report"}
    assert pages == {"annexes": "12", "note": ""}
    slides = json.loads(render_export(timeline, "timelinejs"))["events"]
    text = next(s["text"]["text"] for s in slides if s["unique_id"] == "forde-report")
    assert "<i>Annexes to the Forde report, p. 12</i>" in text
    assert text.count("p. ") == 1


@pytest.fixture
def visit(browser: Any) -> Iterator[Visit]:  # noqa: F811
    v = Visit(browser)
    yield v
    v.close()


@pytest.mark.browser
def test_the_sources_panel_says_p_12_for_the_pdf(
    visit: Visit, built: tuple[Timeline, Path]
) -> None:
    page = visit.open(built[1])
    page.click("li[data-event-id='forde-report']")
    panel = page.locator("[data-role=sources]")
    pdf = panel.locator(".source", has_text="was published on 19 July 2022")
    assert pdf.locator("p.doc").inner_text().startswith("Annexes to the Forde report, p. 12")
    text_file = panel.locator(".source", has_text="discussed at length")
    assert "p. " not in text_file.locator("p.doc").inner_text()
    assert visit.errors == []
