"""Dates written out where a date is expected, in any language, read at their precision:
``published:`` in a sidecar, front matter or metadata.csv, and the bounds of ``suggest``."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.errors import TimelineError
from timeline.read import load_corpus
from timeline.suggest import _bound
from timeline.temporal.date_strings import read_date_string


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        ("le 3 mars 2020", None, "2020-03-03"),
        ("March 3rd, 2020", None, "2020-03-03"),
        ("3. März 2020", None, "2020-03-03"),
        ("3 de marzo de 2020", "es", "2020-03-03"),
        ("3 marzo 2020", "it", "2020-03-03"),
        ("3 de março de 2020", "pt", "2020-03-03"),
        ("Tuesday, 3 March 2020 14:05", "en-GB", "2020-03-03"),
        ("3 ноября 2020", "ru", "2020-11-03"),
        ("März 2020", "de", "2020-03"),
        ("juin 2019", None, "2019-06"),
        ("2020", None, "2020"),
        ("12.03.2020", "de", "2020-03-12"),
        ("03/04/2020", "en", "2020-03-04"),
        ("03/04/2020", "fr", "2020-04-03"),
        ("08/03/2020 15h30", "pt", "2020-03-08"),  # the language's order, the hour aside
        ("3/4/20", "fr", "2020-04-03"),
        ("29 luglio 2020, 20:18", "it", "2020-07-29"),
    ],
)
def test_a_date_written_out_is_read_at_its_precision(
    text: str, language: str | None, value: str
) -> None:
    assert read_date_string(text, language) == value


@pytest.mark.parametrize(
    "text",
    ["mars", "3 mars", "yesterday", "il y a 3 jours", "soon", "", "12 de mayo", "29 luglio, 20:18"],
)
def test_no_year_or_a_relative_date_is_no_date(text: str) -> None:
    assert read_date_string(text) is None


def test_day_first_settles_a_numeric_date() -> None:
    assert read_date_string("03/04/2020", "en", day_first=True) == "2020-04-03"


def test_published_strings_in_sidecars_front_matter_and_metadata_csv(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("<p>Le conseil a voté.</p>", encoding="utf-8")
    (tmp_path / "a.meta.yaml").write_text("published: le 3 mars 2020\n", encoding="utf-8")
    (tmp_path / "b.md").write_text(
        "---\npublished: March 3rd, 2020\n---\nThe council voted.\n", encoding="utf-8"
    )
    (tmp_path / "c.txt").write_text("Der Rat hat abgestimmt.", encoding="utf-8")
    (tmp_path / "d.txt").write_text("Der Rat hat abgestimmt.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(
        "path,published,language\nc.txt,3. März 2020,de\nd.txt,März 2020,de\n",
        encoding="utf-8",
    )
    warnings: list[str] = []
    docs = {d.id: d for d in load_corpus(tmp_path, warn=warnings.append)}
    published = {k: (d.meta.published, d.published_from) for k, d in docs.items()}
    assert published == {
        "a": ("2020-03-03", "metadata"),
        "b": ("2020-03-03", "metadata"),
        "c": ("2020-03-03", "metadata"),
        "d": ("2020-03", "metadata"),  # a month stays a month
    }
    assert warnings == []


def test_a_published_string_without_a_year_is_still_refused(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Texte.", encoding="utf-8")
    (tmp_path / "a.meta.yaml").write_text("published: le 3 mars\n", encoding="utf-8")
    warnings: list[str] = []
    (doc,) = load_corpus(tmp_path, warn=warnings.append)
    assert doc.meta.published is None
    assert len(warnings) == 1 and "'le 3 mars' is not a date" in warnings[0]


def test_suggest_bounds_read_dates_written_out() -> None:
    month = _bound("June 2016", "--from")
    day = _bound("27. Juni 2016", "--to")
    assert month is not None and day is not None
    assert (month.value, month.precision, str(month.first), str(month.last)) == (
        "2016-06",
        "month",
        "2016-06-01",
        "2016-06-30",
    )
    assert (day.value, day.precision) == ("2016-06-27", "day")
    with pytest.raises(TimelineError, match="is not a date"):
        _bound("next spring", "--from")
