"""Every temporal expression of the four seed articles, with its extent, type and value.

The publication dates are the estimates of ``../shared/seeds/README.md`` (000: 2022-10,
001: 2020-08, 002: 2019-03, 003: 2020-10-30). Extents follow TimeML: no leading
preposition ("on 1 July" -> "1 July"), determiners and modifiers kept ("the end of June 2016"),
a year inside a noun phrase alone ("the 2017 general election" -> "2017"). The table is the
complete list: the tagger must find exactly these and nothing else, in particular none of the
false positives that dateparser's ``search_dates`` reports on the same text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from timeline.temporal import Timex, tag

CORPUS = Path(__file__).parents[1] / "corpus"
DCTS = {"000": "2022-10", "001": "2020-08", "002": "2019-03", "003": "2020-10-30"}

# (document, start offset, text, type, value, mod)
# fmt: off
SEED = [
    ("000", 60, "current", "DATE", "PRESENT_REF", None),
    ("000", 229, "recently", "DATE", "PAST_REF", None),
    ("000", 403, "current", "DATE", "PRESENT_REF", None),
    ("000", 3111, "now", "DATE", "PRESENT_REF", None),
    ("000", 3240, "July", "DATE", "2022-07", None),
    ("001", 93, "1998", "DATE", "1998", None),
    ("001", 389, "now", "DATE", "PRESENT_REF", None),
    ("001", 516, "April", "DATE", "2020-04", None),
    ("001", 709, "the final months", "DURATION", "PXM", None),
    ("001", 2418, "2015", "DATE", "2015", None),
    ("001", 2692, "the end of June 2016", "DATE", "2016-06", "END"),
    ("001", 3156, "days earlier", "DATE", "PAST_REF", None),
    ("001", 3173, "27 June 2016", "DATE", "2016-06-27", None),
    ("001", 3309, "1 July", "DATE", "2016-07-01", None),
    ("001", 4156, "2016", "DATE", "2016", None),
    ("001", 4668, "2017", "DATE", "2017", None),
    ("001", 5041, "recently", "DATE", "PAST_REF", None),
    ("001", 5714, "now", "DATE", "PRESENT_REF", None),
    ("001", 6600, "2017", "DATE", "2017", None),
    ("001", 7160, "2017", "DATE", "2017", None),
    ("001", 9348, "Today", "DATE", "2020-08", None),
    ("001", 9871, "today", "DATE", "2020-08", None),
    ("002", 1154, "2017", "DATE", "2017", None),
    ("002", 2101, "now", "DATE", "PRESENT_REF", None),
    ("002", 2328, "2017", "DATE", "2017", None),
    ("002", 2961, "currently", "DATE", "PRESENT_REF", None),
    ("002", 3330, "2017", "DATE", "2017", None),
    ("002", 3422, "2015", "DATE", "2015", None),
    ("002", 3431, "2017", "DATE", "2017", None),
    ("002", 4023, "2000", "DATE", "2000", None),
    ("002", 4327, "2001", "DATE", "2001", None),
    ("002", 5166, "monthly", "SET", "P1M", None),
    ("002", 5320, "currently", "DATE", "PRESENT_REF", None),
    ("003", 178, "17-month", "DURATION", "P17M", None),
    ("003", 500, "now", "DATE", "PRESENT_REF", None),
    ("003", 1098, "now", "DATE", "PRESENT_REF", None),
    ("003", 2428, "2016", "DATE", "2016", None),
    ("003", 2437, "2017", "DATE", "2017", None),
    ("003", 2607, "five years", "DURATION", "P5Y", None),
    ("003", 2689, "Now", "DATE", "PRESENT_REF", None),
    ("003", 4578, "4 years", "DURATION", "P4Y", None),
    ("003", 5596, "yesterday", "DATE", "2020-10-29", None),
    ("003", 7869, "5 year", "DURATION", "P5Y", None),
    ("003", 8253, "now", "DATE", "PRESENT_REF", None),
    ("003", 8261, "now", "DATE", "PRESENT_REF", None),
    ("003", 8538, "five years", "DURATION", "P5Y", None),
    ("003", 9939, "now", "DATE", "PRESENT_REF", None),
    ("003", 10984, "now", "DATE", "PRESENT_REF", None),
    ("003", 11603, "Now", "DATE", "PRESENT_REF", None),
    ("003", 11914, "now", "DATE", "PRESENT_REF", None),
    ("003", 11923, "4 years", "DURATION", "P4Y", None),
    ("003", 12187, "years", "DURATION", "PXY", None),
    ("003", 12520, "now", "DATE", "PRESENT_REF", None),
]
# fmt: on

# Strings dateparser's search_dates reads as dates in these articles; none is a timex.
FALSE_POSITIVES = [
    ("000", "we"), ("001", "we"), ("002", "we"), ("003", "we"),
    ("002", "32% of"), ("001", "a second"), ("001", "sat on the"), ("001", "2.2.3"),
    ("002", "£1m"), ("002", "1m"), ("002", "one day"), ("003", "1,000 times"),
    ("002", "10-point"), ("002", "10,000"), ("002", "2,500"), ("003", "72 page"),
    ("001", "338"), ("001", "#LabourLeaks"), ("001", "#Labourleaks"), ("001", "860-page"),
    ("001", "day-to-day"), ("002", "Monday Club"), ("000", "six times"), ("003", "Mark 2"),
]  # fmt: skip


def _text(doc: str) -> str:
    path = next(CORPUS.glob(f"{doc}_*.txt"), None)
    if path is None:
        pytest.skip("the seed corpus is absent")
    return path.read_bytes().decode("utf-8-sig")


_CACHE: dict[str, list[Timex]] = {}


def _tags(doc: str) -> list[Timex]:
    if doc not in _CACHE:
        _CACHE[doc] = tag(_text(doc), DCTS[doc])
    return _CACHE[doc]


@pytest.mark.parametrize(("doc", "start", "text", "kind", "value", "mod"), SEED)
def test_seed_expression(
    doc: str, start: int, text: str, kind: str, value: str, mod: str | None
) -> None:
    found = {t.start: t for t in _tags(doc)}
    assert start in found, f"{text!r} at {start} not found"
    t = found[start]
    assert (t.text, t.type, t.value, t.mod) == (text, kind, value, mod)
    assert _text(doc)[t.start : t.end] == t.text


@pytest.mark.parametrize("doc", sorted(DCTS))
def test_seed_table_is_complete(doc: str) -> None:
    expected = [(s, text) for d, s, text, *_ in SEED if d == doc]
    assert [(t.start, t.text) for t in _tags(doc)] == expected


@pytest.mark.parametrize(("doc", "needle"), FALSE_POSITIVES)
def test_no_false_positive(doc: str, needle: str) -> None:
    text = _text(doc)
    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(needle), text)]
    assert spans, f"{needle!r} does not occur in {doc}"
    for a, b in spans:
        hits = [t for t in _tags(doc) if t.start < b and a < t.end]
        assert not hits, f"{needle!r} at {a} tagged as {hits}"


def test_underspecified_dates_take_the_right_anchor() -> None:
    by_text = {(t.text, t.start): t for t in _tags("001")}
    july = by_text[("1 July", 3309)]
    assert (july.anchor, july.anchor_value, july.anchor_start) == ("narrative", "2016-06-27", 3173)
    april = by_text[("April", 516)]
    assert (april.anchor, april.anchor_value) == ("publication", "2020-08")
    published = next(t for t in _tags("000") if t.text == "July")
    assert (published.anchor, published.value) == ("publication", "2022-07")
    yesterday = next(t for t in _tags("003") if t.text == "yesterday")
    assert (yesterday.anchor, yesterday.anchor_value) == ("publication", "2020-10-30")


def test_without_a_date_the_values_stay_underspecified() -> None:
    text = _text("001")
    by_text = {t.text: t for t in tag(text)}
    assert by_text["April"].value == "XXXX-04"
    assert by_text["April"].anchor == "none"
    assert by_text["1 July"].value == "2016-07-01"


def test_narrative_mode_anchors_on_the_last_explicit_date() -> None:
    text = _text("001")
    by_start = {t.start: t for t in tag(text, "2020-08", mode="narrative")}
    assert by_start[516].value == "1998-04"
    assert by_start[516].anchor == "narrative"
