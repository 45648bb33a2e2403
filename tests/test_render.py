# ruff: noqa: RUF001 - quotes from the articles keep their typographic punctuation
"""The page as a file: escaping, no network, determinism, the embedded data."""

from __future__ import annotations

import base64
import json
import re
import zlib
from collections.abc import Callable
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from render_samples import (
    HOSTILE_QUOTE,
    HOSTILE_TITLE,
    hostile_timeline,
    ranked_sample,
    seed_timeline,
)

from timeline.errors import RenderError
from timeline.models import (
    Anchor,
    CorpusSource,
    DateInfo,
    DocumentInfo,
    Timeline,
    TimelineEvent,
    TimexRef,
)
from timeline.render import render_html, write_html
from timeline.render.page import script_json
from timeline.render.story import DEFAULT_MAX_CANDIDATES
from timeline.render.view import build_view, event_when, reading, safe_href


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text of <script> and <style> elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.styles: list[str] = []
        self._open: tuple[str, dict[str, str | None]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._open = (tag, dict(attrs))

    def handle_data(self, data: str) -> None:
        if self._open is None:
            return
        tag, attrs = self._open
        if tag == "script":
            self.scripts.append((attrs, data))
        else:
            self.styles.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._open = None


def _parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def _data_block(html: str, block_id: str) -> object:
    for attrs, text in _parse(html).scripts:
        if attrs.get("id") == block_id:
            if block_id == "timeline-sources":  # deflated, in base64
                assert attrs.get("type") == "application/octet-stream"
                return json.loads(zlib.decompress(base64.b64decode(text, validate=True)))
            assert attrs.get("type") == "application/json"
            return json.loads(text)
    raise AssertionError(f"no {block_id} block")


@pytest.fixture(scope="module")
def seed_html() -> str:
    return render_html(seed_timeline())


@pytest.fixture(scope="module")
def hostile_html() -> str:
    return render_html(hostile_timeline())


# ----------------------------------------------------------------------------- escaping


@pytest.mark.parametrize(
    "raw",
    [
        HOSTILE_TITLE,
        HOSTILE_QUOTE,
        "<img src=x onerror=alert(2)>",
        "</style><script>alert(3)</script>",
        "<svg onload=alert(4)>",
        "<iframe src=javascript:alert(5)>",
        "<b onmouseover=alert(6)>",
        "<script>alert(7)</script>",
        "alert(8)</script>",
    ],
)
def test_hostile_strings_appear_only_escaped(hostile_html: str, raw: str) -> None:
    assert raw not in hostile_html
    escaped = raw.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    assert escaped in hostile_html


def test_hostile_page_has_only_the_pages_own_scripts(hostile_html: str) -> None:
    parsed = _parse(hostile_html)
    tags = [tag for tag, _ in parsed.tags]
    assert tags.count("script") == 7  # two data blocks, plotly.js, the page's four scripts
    assert "img" not in tags
    assert "iframe" not in tags
    assert "svg" not in tags
    assert not any(name.startswith("on") for _, attrs in parsed.tags for name in attrs)


def test_raw_line_separators_never_reach_the_page(hostile_html: str) -> None:
    assert "\u2028" not in hostile_html
    assert "\u2029" not in hostile_html


@given(st.text())
def test_script_json_is_inert_and_round_trips(text: str) -> None:
    encoded = script_json({"s": text})
    assert not set("<>&\u2028\u2029") & set(encoded)
    assert json.loads(encoded) == {"s": text}


# ----------------------------------------------------------------------------- no network


def test_no_external_resources(seed_html: str) -> None:
    parsed = _parse(seed_html)
    for tag, attrs in parsed.tags:
        assert tag not in ("link", "img", "iframe", "object", "embed", "base"), tag
        if tag == "script":
            assert "src" not in attrs
    for css in parsed.styles:
        assert "@import" not in css
        assert "url(" not in css
        assert "http" not in css
    start = seed_html.index('<script type="text/plain" id="plotly-src">')
    end = seed_html.index("</script>", start)
    own = seed_html[:start] + seed_html[end:]  # the page without the bundled plotly.js
    assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", own)
    assert "cdn" not in own.lower()


ASSETS = Path(__file__).resolve().parents[1] / "timeline" / "render" / "assets"


def test_plotly_is_inlined(seed_html: str) -> None:
    scripts = {attrs.get("id"): text for attrs, text in _parse(seed_html).scripts}
    bundle = (ASSETS / "plotly.min.js").read_text(encoding="utf-8")
    assert scripts["plotly-src"].strip() == bundle.strip()
    assert bundle.startswith("/**\n* plotly.js (core + scattergl - minified) v")
    assert "var Plotly=" in bundle
    assert len(bundle) > 1_000_000


@pytest.mark.parametrize("marker", ["</script", "<!--"])
def test_the_plotly_bundle_cannot_end_its_script_element(marker: str) -> None:
    assert marker not in (ASSETS / "plotly.min.js").read_text(encoding="utf-8").lower()


def test_the_licences_of_the_bundled_code_are_listed() -> None:
    licences = (ASSETS / "plotly.LICENSE.txt").read_text(encoding="utf-8")
    for package in ("plotly.js 4.1.1 (MIT)", "@plotly/d3 ", "@plotly/regl ", "regl-scatter2d "):
        assert f"\n{package}" in licences


# ----------------------------------------------------------------------------- determinism


def test_same_timeline_gives_byte_identical_pages() -> None:
    first = render_html(seed_timeline())
    second = render_html(Timeline.model_validate_json(seed_timeline().model_dump_json()))
    assert first == second


def test_write_html_writes_what_render_html_returns(tmp_path: Path) -> None:
    timeline = seed_timeline()
    out = tmp_path / "timeline.html"
    write_html(timeline, out)
    assert out.read_text(encoding="utf-8") == render_html(timeline)
    assert [p.name for p in out.parent.iterdir()] == ["timeline.html"]


def test_write_html_needs_an_existing_folder(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match=r"the folder .* does not exist"):
        write_html(seed_timeline(), tmp_path / "missing" / "timeline.html")
    assert list(tmp_path.iterdir()) == []


def test_write_html_failure_is_a_render_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(RenderError, match="cannot write"):
        write_html(seed_timeline(), blocker / "timeline.html")


# ----------------------------------------------------------------------------- the data


def _rows(view: dict[str, Any], rest: dict[str, Any]) -> dict[str, list[list[Any]]]:
    """Every source row of each event: its first ones and the rest."""
    return {e["id"]: e["sources"] + rest.get(e["id"], []) for e in view["events"]}


def _quotes(view: dict[str, Any], rest: dict[str, Any]) -> dict[str, list[str]]:
    return {key: sorted(row[1] for row in rows) for key, rows in _rows(view, rest).items()}


@pytest.mark.parametrize("sample", [seed_timeline, hostile_timeline])
def test_the_view_block_carries_every_event_and_quote(sample: Callable[[], Timeline]) -> None:
    timeline = sample()
    html = render_html(timeline)
    view, rest = _data_block(html, "timeline-view"), _data_block(html, "timeline-sources")
    assert isinstance(view, dict) and isinstance(rest, dict)
    assert [e["id"] for e in view["events"]] == [e.id for e in timeline.events]
    assert [e["title"] for e in view["events"]] == [e.title for e in timeline.events]
    expected = {
        e.id: sorted(s.quote for s in e.sources if isinstance(s, CorpusSource))
        for e in timeline.events
    }
    assert _quotes(view, rest) == expected
    docs = {d["id"]: d for d in view["docs"]}
    for event in view["events"]:
        for row in event["sources"]:
            assert row[0] < len(view["docs"])
    assert set(docs) <= {d.id for d in timeline.documents}


def test_view_places_days_as_points_and_spans_as_bars(seed_html: str) -> None:
    timeline = seed_timeline()
    view = _data_block(seed_html, "timeline-view")
    assert isinstance(view, dict)
    placed = {e.id: v for e, v in zip(timeline.events, view["events"], strict=True)}

    def day(n: int) -> str:
        return (date(1970, 1, 1) + timedelta(days=n)).isoformat()

    assert placed["forde-report"]["x1"] is None
    assert day(placed["forde-report"]["x0"]) == "2022-07-19"
    assert day(placed["the-lobby"]["x0"]) == "2017-01-01"
    assert day(placed["the-lobby"]["x1"]) == "2017-02-01"
    assert day(placed["validation-exercise"]["x1"]) == "2016-09-25"
    assert placed["monday-club"]["approx"] is True
    lanes = [lane["name"] for lane in view["lanes"]]
    assert lanes[-1] == "candidates"
    assert lanes[placed["forde-report"]["lane"]] == "inquiries"
    ordered = [timeline.events[i].id for i in view["order"]]
    assert ordered[0] == "monday-club"
    assert ordered[-1] == "labour-files"


def test_view_marks_the_date_phrase_inside_the_quote() -> None:
    view = build_view(seed_timeline())
    forde = next(e for e in view["events"] if e["id"] == "forde-report")
    row = next(r for r in forde["sources"] if r[1].startswith("Published in July"))
    assert row[2:4] == [13, 17]
    assert row[1][13:17] == "July"
    assert "July 2022" in view["readings"][row[4]]


def test_mark_offsets_count_utf16_units() -> None:
    quote = "😀 fell on 3 May 2019."
    source = CorpusSource(
        doc="d",
        start=10,
        end=10 + len(quote),
        quote=quote,
        timex=TimexRef(start=20, end=30, text="3 May 2019", value="2019-05-03"),
    )
    event = TimelineEvent(
        id="e", title="t", kind="curated", date=DateInfo.of("2019-05-03"), sources=[source]
    )
    view = build_view(Timeline(events=[event]))
    assert view["events"][0]["sources"][0][2:4] == [11, 21]


@pytest.mark.parametrize(
    ("value", "mod", "end", "expected"),
    [
        ("2016-06-27", None, None, "27 June 2016"),
        ("2016-06", None, None, "June 2016"),
        ("2016-06", "END", None, "end of June 2016"),
        ("2016-SU", None, None, "summer 2016"),
        ("2016", None, None, "2016"),
        ("2016", "APPROX", None, "c. 2016"),
        ("2017-06-08", None, "2017-06-12", "8 June 2017 – 12 June 2017"),
    ],
)
def test_event_dates_read_as_people_write_them(
    value: str, mod: str | None, end: str | None, expected: str
) -> None:
    event = TimelineEvent(
        id="e",
        title="t",
        kind="curated",
        date=DateInfo.of(value, mod),
        end_date=DateInfo.of(end) if end else None,
    )
    assert event_when(event) == expected


@pytest.mark.parametrize(
    ("anchor", "expected"),
    [
        (
            Anchor(kind="publication", value="2020-08"),
            "'in April' → April 2020, from the publication date (August 2020, est.)",
        ),
        (
            Anchor(kind="narrative", value="2016-06-27", start=5),
            "'in April' → April 2020, from the narrative date 27 June 2016",
        ),
        (None, "'in April' → April 2020, written out in full"),
    ],
)
def test_reading_explains_the_anchor(anchor: Anchor | None, expected: str) -> None:
    doc = DocumentInfo(
        id="d", path="d.txt", published="2020-08", published_estimated=True, sha256="0"
    )
    source = CorpusSource(
        doc="d",
        start=0,
        end=8,
        quote="in April",
        timex=TimexRef(start=0, end=8, text="in April", value="2020-04", anchor=anchor),
    )
    assert reading(source, {"d": doc}) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("HTTP://example.org", "HTTP://example.org"),
        ("corpus/000_x.txt", "corpus/000_x.txt"),
        ("javascript:alert(1)", None),
        (" JavaScript:alert(1)", None),
        ("java\tscript:alert(1)", None),
        ("data:text/html,<b>", None),
        ("file:///etc/passwd", None),
        ("//evil.example/x", None),
        ("", None),
        (None, None),
    ],
)
def test_safe_href(url: str | None, expected: str | None) -> None:
    assert safe_href(url) == expected


# ----------------------------------------------------------------------------- properties

_VALUES = st.one_of(
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat),
    st.tuples(st.integers(1, 9999), st.integers(1, 12)).map(lambda t: f"{t[0]:04d}-{t[1]:02d}"),
    st.integers(1, 9999).map(lambda y: f"{y:04d}"),
    st.tuples(st.integers(1, 9998), st.sampled_from(["SP", "SU", "FA", "WI"])).map(
        lambda t: f"{t[0]:04d}-{t[1]}"
    ),
    st.tuples(st.integers(1, 9999), st.integers(1, 4)).map(lambda t: f"{t[0]:04d}-Q{t[1]}"),
    st.integers(0, 999).map(lambda d: f"{d:03d}X"),
)
_EVENTS = st.lists(
    st.builds(
        lambda value, mod, title, kind, tags: TimelineEvent(
            id=title[:8] or "x",
            title=title,
            kind=kind,
            date=DateInfo.of(value, mod),
            tags=tags,
        ),
        _VALUES,
        st.sampled_from([None, "APPROX", "END", "START"]),
        st.text(max_size=30),
        st.sampled_from(["curated", "candidate"]),
        st.lists(st.text(max_size=10), max_size=2),
    ),
    max_size=12,
)


@given(_EVENTS)
def test_any_timeline_gets_a_view_with_every_event_placed(events: list[TimelineEvent]) -> None:
    view = build_view(Timeline(events=events))
    assert sorted(view["order"]) == sorted(view["salient"]) == list(range(len(events)))
    ranks = [view["events"][i]["rank"] for i in view["salient"]]
    curated = [r for r in ranks if r is None]
    assert ranks == curated + sorted(r for r in ranks if r is not None)
    lanes = view["lanes"]
    for placed in view["events"]:
        lane = lanes[placed["lane"]]
        assert lane["y0"] <= placed["y"] <= lane["y1"]
        assert placed["x1"] is None or placed["x0"] <= placed["x1"]
    encoded = script_json(view)
    assert "<" not in encoded
    assert json.loads(encoded) == view


# ----------------------------------------------------------------------------- the story


def test_the_page_keeps_the_curated_events_and_the_most_salient_candidates() -> None:
    view = build_view(ranked_sample(), 100)
    kept = [e for e in view["events"] if e["kind"] == "candidate"]
    assert len(kept) == 100
    assert sorted(e["documents"] for e in kept) == list(range(141, 241))
    ranked = sorted(kept, key=lambda e: e["rank"])
    assert [e["rank"] for e in ranked] == list(range(100))
    assert [e["documents"] for e in ranked] == list(range(240, 140, -1))
    assert [e["id"] for e in view["events"] if e["kind"] == "curated"] == ["big-inquiry"]
    assert view["counts"]["candidates"] == 240  # the count says how many there are in all


def test_no_candidates_on_the_page_with_a_limit_of_zero() -> None:
    view = build_view(ranked_sample(), 0)
    assert [e["id"] for e in view["events"]] == ["big-inquiry"]


def test_the_page_carries_only_the_documents_it_quotes() -> None:
    view = build_view(ranked_sample(candidates=240, sources=300), 10)
    quoted = {row[0] for rows in _rows(view, view["rest"]).values() for row in rows}
    assert quoted == set(range(len(view["docs"])))
    assert len(view["docs"]) == 300 + 10  # the inquiry's documents and one per candidate


def test_a_big_timeline_gives_a_page_of_bounded_size() -> None:
    small = len(render_html(ranked_sample(candidates=300), 100))
    big = len(render_html(ranked_sample(candidates=3000), 100))
    assert big < small * 1.05


def test_density_counts_every_sentence_of_the_timeline() -> None:
    view = build_view(ranked_sample(), 240)  # all on the page: the chart spans every date
    strip = view["density"]
    assert strip["unit"] == "month"
    assert sum(strip["counts"]) == 300 + sum(2 * d for d in range(1, 241))
    may = strip["labels"].index("May 2019")
    assert strip["counts"][may] >= 300
    assert len(strip["x"]) == len(strip["counts"]) + 1
    assert strip["x"] == sorted(strip["x"])


def test_density_spreads_a_year_over_its_months_and_counts_days_in_a_short_story() -> None:
    year = TimelineEvent(
        id="y", title="2016", kind="candidate", date=DateInfo.of("2016"),
        salience=1.0, documents=3, sentences=24,
    )  # fmt: skip
    day = TimelineEvent(
        id="d", title="a day", kind="candidate", date=DateInfo.of("2019-03-02"),
        salience=2.0, documents=2, sentences=5,
    )  # fmt: skip
    view = build_view(Timeline(events=[year, day]))
    strip = view["density"]
    assert strip["unit"] == "month"
    counts = dict(zip(strip["labels"], strip["counts"], strict=True))
    assert [counts[f"{m} 2016"] for m in ("January", "June", "December")] == [2, 2, 2]
    assert counts["March 2019"] == 5
    short = build_view(Timeline(events=[day]))["density"]
    assert short["unit"] == "day"
    assert dict(zip(short["labels"], short["counts"], strict=True))["2 March 2019"] == 5


def test_the_cli_default_is_the_pages_default() -> None:
    from timeline.cli import build

    option = next(p for p in build.params if p.name == "max_candidates")
    assert option.default == DEFAULT_MAX_CANDIDATES


def test_build_max_candidates_limits_the_page_not_the_json(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from timeline.cli import cli

    page, data = tmp_path / "page.html", tmp_path / "timeline.json"
    root = Path(__file__).resolve().parents[1]
    args = ["build", "--corpus", str(root / "corpus"), "--events", str(root / "events.yaml")]
    args += ["-o", str(page), "--json", str(data), "--no-cache", "--max-candidates", "2"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    timeline = Timeline.model_validate_json(data.read_text(encoding="utf-8"))
    view = _data_block(page.read_text(encoding="utf-8"), "timeline-view")
    assert isinstance(view, dict)
    on_page = [e for e in view["events"] if e["kind"] == "candidate"]
    assert len(on_page) == 2 < timeline.summary.candidates
    assert sum(e["kind"] == "curated" for e in view["events"]) == timeline.summary.events


def test_an_event_lists_its_first_fifty_sources_and_keeps_the_rest_apart() -> None:
    html = render_html(ranked_sample(sources=120), 5)
    view, rest = _data_block(html, "timeline-view"), _data_block(html, "timeline-sources")
    assert isinstance(view, dict) and isinstance(rest, dict)
    inquiry = next(e for e in view["events"] if e["id"] == "big-inquiry")
    assert (len(inquiry["sources"]), inquiry["more"]) == (50, 70)
    assert list(rest) == ["big-inquiry"]
    assert len(rest["big-inquiry"]) == 70


def test_salience_ranks_before_the_number_of_documents() -> None:
    def candidate(name: str, salience: float | None, documents: int) -> TimelineEvent:
        return TimelineEvent(
            id=name, title=name, kind="candidate", date=DateInfo.of("2019-03-02"),
            salience=salience, documents=documents, sentences=documents,
        )  # fmt: skip

    events = [
        candidate("busy", 1.0, 90),
        candidate("told", 5.0, 3),
        candidate("unscored", None, 99),
    ]
    view = build_view(Timeline(events=events), 2)
    ranked = sorted((e["rank"], e["id"]) for e in view["events"])
    assert ranked == [(0, "told"), (1, "busy")]
