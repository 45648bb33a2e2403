"""Exports: the JSON contract, a CSV of sources, TimelineJS 3."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from render_samples import HOSTILE_TITLE, hostile_timeline, seed_timeline

from timeline.errors import RenderError
from timeline.models import DateInfo, Timeline, TimelineEvent
from timeline.render.exports import CSV_COLUMNS, tljs_dates, write_export


def _export(tmp_path: Path, timeline: Timeline, fmt: str) -> str:
    out = tmp_path / f"out.{fmt}"
    write_export(timeline, fmt, out)
    return out.read_text(encoding="utf-8-sig" if fmt == "csv" else "utf-8")


def test_json_round_trips(tmp_path: Path) -> None:
    timeline = seed_timeline()
    text = _export(tmp_path, timeline, "json")
    assert Timeline.model_validate_json(text) == timeline
    assert text == _export(tmp_path, Timeline.model_validate_json(text), "json")


def test_csv_has_one_row_per_event_and_source(tmp_path: Path) -> None:
    timeline = seed_timeline()
    rows = list(csv.DictReader(io.StringIO(_export(tmp_path, timeline, "csv"), newline="")))
    assert list(rows[0]) == CSV_COLUMNS
    assert len(rows) == sum(max(len(e.sources), 1) for e in timeline.events)
    forde = [r for r in rows if r["event_id"] == "forde-report"]
    assert [r["source_kind"] for r in forde] == ["reference", "corpus"]
    quote = forde[1]
    assert quote["quote"].startswith("Published in July, it found")
    assert (quote["timex_text"], quote["timex_value"], quote["agrees"]) == (
        "July",
        "2022-07",
        "true",
    )
    assert quote["publisher"] == "5Pillars"
    assert quote["date_value"] == "2022-07-19"
    assert quote["date_precision"] == "day"
    validation = next(r for r in rows if r["event_id"] == "validation-exercise")
    assert (validation["date_start"], validation["date_end"]) == ("2016-06-27", "2016-09-24")


def test_csv_keeps_hostile_text_as_data(tmp_path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(_export(tmp_path, hostile_timeline(), "csv"))))
    assert rows[0]["title"] == HOSTILE_TITLE


@pytest.mark.parametrize(
    "title", ['=HYPERLINK("http://x.example","click")', "+1+2", "-2+3", "@SUM(A1)", "\t=1"]
)
def test_csv_cells_never_start_a_spreadsheet_formula(tmp_path: Path, title: str) -> None:
    event = _event("2020").model_copy(update={"title": title, "summary": "-5 people"})
    rows = list(csv.DictReader(io.StringIO(_export(tmp_path, Timeline(events=[event]), "csv"))))
    assert rows[0]["title"] == "'" + title
    assert all(not cell.startswith(("=", "+", "-", "@", "\t")) for cell in rows[0].values())


def test_csv_keeps_ordinary_text_as_written(tmp_path: Path) -> None:
    event = _event("2020").model_copy(update={"title": "Mid-2020: a 3-0 vote = a win"})
    rows = list(csv.DictReader(io.StringIO(_export(tmp_path, Timeline(events=[event]), "csv"))))
    assert rows[0]["title"] == "Mid-2020: a 3-0 vote = a win"


def _event(value: str, end: str | None = None, mod: str | None = None) -> TimelineEvent:
    return TimelineEvent(
        id="e",
        title="t",
        kind="curated",
        date=DateInfo.of(value, mod),
        end_date=DateInfo.of(end) if end else None,
    )


@pytest.mark.parametrize(
    ("value", "end", "start_parts", "end_parts"),
    [
        ("2016-06-27", None, {"year": 2016, "month": 6, "day": 27}, None),
        ("2016-06", None, {"year": 2016, "month": 6}, None),
        ("2016", None, {"year": 2016}, None),
        ("2016-SU", None, {"year": 2016, "month": 6}, {"year": 2016, "month": 8}),
        ("2016-WI", None, {"year": 2016, "month": 12}, {"year": 2017, "month": 2}),
        ("2020-Q3", None, {"year": 2020, "month": 7}, {"year": 2020, "month": 9}),
        ("201X", None, {"year": 2010}, {"year": 2019}),
        (
            "2016-W26",
            None,
            {"year": 2016, "month": 6, "day": 27},
            {"year": 2016, "month": 7, "day": 3},
        ),
        (
            "2016-06-27",
            "2016-09-24",
            {"year": 2016, "month": 6, "day": 27},
            {"year": 2016, "month": 9, "day": 24},
        ),
        ("2016-06", "2016-09", {"year": 2016, "month": 6}, {"year": 2016, "month": 9}),
        ("2016", "2018", {"year": 2016}, {"year": 2018}),
    ],
)
def test_timelinejs_dates_hold_only_the_parts_the_precision_allows(
    value: str, end: str | None, start_parts: dict[str, int], end_parts: dict[str, int] | None
) -> None:
    assert tljs_dates(_event(value, end)) == (start_parts, end_parts)


def test_timelinejs_shape(tmp_path: Path) -> None:
    timeline = seed_timeline()
    doc: dict[str, Any] = json.loads(_export(tmp_path, timeline, "timelinejs"))
    assert set(doc) == {"title", "events"}
    assert doc["title"]["text"]["headline"]
    slides = doc["events"]
    assert len(slides) == len(timeline.events)
    ids = [s["unique_id"] for s in slides]
    assert len(set(ids)) == len(ids)
    allowed = {"year", "month", "day"}
    for slide in slides:
        assert set(slide["start_date"]) <= allowed
        assert "year" in slide["start_date"]
        assert set(slide.get("end_date", {"year": 1})) <= allowed
        assert slide["text"]["headline"]
        assert slide["display_date"]
        assert slide["group"]
    by_id = {s["unique_id"]: s for s in slides}
    forde = by_id["forde-report"]
    assert forde["display_date"] == "19 July 2022"
    assert forde["group"] == "inquiries"
    assert "Published in July" in forde["text"]["text"]
    assert '<a href="https://www.forde-inquiry.com/">' in forde["text"]["text"]
    assert by_id["candidate-2015"]["group"] == "candidates"
    assert by_id["monday-club"]["display_date"] == "c. October 2001"


def test_timelinejs_escapes_hostile_text(tmp_path: Path) -> None:
    doc = json.loads(_export(tmp_path, hostile_timeline(), "timelinejs"))
    slide = doc["events"][0]
    assert slide["text"]["headline"] == "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
    assert "<img" not in slide["text"]["text"]
    assert "<iframe" not in slide["text"]["text"]
    assert "href" not in slide["text"]["text"]
    assert "click me" in slide["text"]["text"]


def test_unknown_format_is_a_render_error(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="unknown export format 'xml'"):
        write_export(seed_timeline(), "xml", tmp_path / "x")
    assert not (tmp_path / "x").exists()


def test_unwritable_path_is_a_render_error(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("")
    with pytest.raises(RenderError, match="cannot write"):
        write_export(seed_timeline(), "csv", tmp_path / "f" / "out.csv")
