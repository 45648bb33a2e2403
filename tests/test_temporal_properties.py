"""Properties of the tagger that hold for any input text.

For any text and DCT, ``tag`` never raises; every timex has offsets in range, in order and
without overlap, its text is the source slice, its type is one of DATE/TIME/DURATION/SET, its
value is a well-formed TIMEX3 value (calendar-valid when fully specified) and its mod is a
TimeML mod.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Literal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from timeline.temporal import Timex, tag

# ---------------------------------------------------------------------------- the validator

_Y = r"[0-9X]{4}"
_MM = r"(?:0[1-9]|1[0-2]|XX)"
_DD = r"(?:0[1-9]|[12][0-9]|3[01]|XX)"
_WW = r"(?:0[1-9]|[1-4][0-9]|5[0-3]|XX)"
_DAY = rf"(?:{_Y}-{_MM}-{_DD}|{_Y}-W{_WW}-[1-7X])"
_HH = r"(?:[01][0-9]|2[0-4]|XX)"
_MI = r"(?:[0-5][0-9]|XX)"
_TIME_OF_DAY = rf"(?:{_HH}(?::{_MI}(?::{_MI}(?:\.[0-9]+)?)?)?|MO|MI|AF|EV|NI|DT)"
_ZONE = r"(?:Z|[+-](?:[01][0-9]|2[0-3])(?::?[0-5][0-9])?)?"
_DATE = (
    rf"(?:{_DAY}"  # 2016-06-23, XXXX-WXX-5
    rf"|{_Y}-{_MM}"  # 2016-06, XXXX-04
    rf"|{_Y}-W{_WW}(?:-WE)?"  # 2016-W25, 2016-W24-WE
    rf"|{_Y}-(?:SP|SU|FA|WI)"  # seasons
    rf"|{_Y}-Q[1-4X]"  # quarters
    rf"|{_Y}-H[12X]"  # halves
    rf"|{_Y}"  # years (1998, 199X, XXXX)
    r"|[0-9]{3}X?|[0-9]{2}X{0,2}|[0-9]X{3})"  # decades (199), centuries (19, 19XX)
)
_TIME = rf"{_DAY}T{_TIME_OF_DAY}{_ZONE}"
_N = r"(?:[0-9]+(?:\.[0-9]+)?|X)"
_DURATION = (
    rf"P(?=[0-9X])(?:{_N}(?:DE|CE|ML|Y|Q|M|W|D|E|C|L))*(?:T(?:{_N}[HMS])+)?|PT(?:{_N}[HMS])+"
)
_REF = r"PRESENT_REF|PAST_REF|FUTURE_REF"

TIMEX3_VALUE = re.compile(rf"(?:{_TIME}|{_DATE}|{_DURATION}|{_REF})")
DURATION_VALUE = re.compile(_DURATION)
TIMEX_TYPES = {"DATE", "TIME", "DURATION", "SET"}
TIMEX_MODS = {
    "BEFORE",
    "AFTER",
    "ON_OR_BEFORE",
    "ON_OR_AFTER",
    "LESS_THAN",
    "MORE_THAN",
    "EQUAL_OR_LESS",
    "EQUAL_OR_MORE",
    "START",
    "MID",
    "END",
    "APPROX",
}
_FULL_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def is_timex3_value(value: str) -> bool:
    """True for a well-formed TIMEX3 value; fully specified days must exist on the calendar."""
    if not TIMEX3_VALUE.fullmatch(value):
        return False
    day = _FULL_DAY.match(value)
    if day:
        try:
            date(int(day[1]), int(day[2]), int(day[3]))
        except ValueError:
            return False
    return True


GOOD_VALUES = [
    "2016-06-23", "2016-06", "2016", "199", "19", "199X", "19XX", "XXXX", "XXXX-04",
    "XXXX-XX-XX", "2016-W25", "2016-W24-WE", "2016-W25-5", "XXXX-WXX-2", "2016-SU", "2015-FA",
    "1989-Q3", "XXXX-QX", "2016-H1", "2016-06-24T15:30", "2016-06-24T12:00", "2016-06-24TMO",
    "1989-10-27T24", "XXXX-WXX-2TNI", "1998-02-12T19:15:30", "2016-06-19TXX:XX",
    "P5Y", "P17M", "P10Y", "P2W",
    "PT24H", "PT1M30S", "P1DT12H", "PXY", "PXD", "P1Q", "P2.5Y", "P1DE", "PRESENT_REF",
    "PAST_REF", "FUTURE_REF", "2020-02-29",
]  # fmt: skip
BAD_VALUES = [
    "", "2016-13", "2016-00", "2016-06-32", "2016-02-30", "2019-02-29", "2016-W54", "2016-W7",
    "16-06-23", "2016-6-23", "2016-SS", "2016-Q5", "2016-H3", "P", "PT", "P5", "5Y", "P5Y3",
    "2016-06-24T25:00", "2016-06-24T12:60", "2016-06-24TX", "2016-06-24T12:5",
    "NOW", "present_ref", "June",
    "2016-06-23 ", " 2016", "T12:00", "2016-06T12:00",
]  # fmt: skip


@pytest.mark.parametrize("value", GOOD_VALUES)
def test_validator_accepts_timex3_values(value: str) -> None:
    assert is_timex3_value(value)


@pytest.mark.parametrize("value", BAD_VALUES)
def test_validator_rejects_malformed_values(value: str) -> None:
    assert not is_timex3_value(value)


# ---------------------------------------------------------------------------- the properties

DCTS = st.sampled_from(
    [None, "2016-06-24", "1998-02-27", "2020-08", "2022", "2016-01-01", "2016-12-31", "2000-02-29"]
)
FRAGMENTS = [
    "June", "Jun.", "23", "23rd", "2016", "1998", "on", "in", "Friday", "Fri", "last", "next",
    "this", "week", "month", "year", "mid-", "mid", "early", "late", "the", "1990s", "'80s",
    "3:30", "p.m.", "a.m.", "noon", "midnight", "every", "Tuesday", "ago", "two", "five",
    "years", "days", "-", "/", ",", ".", "Q3", "third", "quarter", "the end of", "may", "May",
    "march", "March", "second", "32%", "of", "£1m", "$5 million", "2.2.3", "3-1", "62-year-old",
    "we", "We", "sat", "one day", "now", "recently", "the future", "annually", "17-month",
    "a decade", "this fall", "the following month", "12/31/1999", "2016-06-23", "99", "0", "31",
    "29", "February", "Feb. 30", "W53", "century", "20th", "spring", "summer", "morning",
    "tonight", "yesterday", "tomorrow", "today", "since", "until", "between", "and", "more than",
    "about", "nearly", "hours", "minutes", "daily", "weekly", "13/13/2013", "00:00", "24:00",
    "ends", "9999", "0000", "1", "12", "(", ")", "'", '"', "\n", "\u00a0", "é", "二〇一六年",
]  # fmt: skip
SEPARATORS = st.sampled_from([" ", "", ", ", "\n", "-", " the ", ". "])


@st.composite
def dateish_text(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.sampled_from(FRAGMENTS), max_size=14))
    out = []
    for part in parts:
        out.append(part)
        out.append(draw(SEPARATORS))
    return "".join(out)


def check_timexes(text: str, found: list[Timex]) -> None:
    previous_end = 0
    for t in found:
        assert 0 <= t.start < t.end <= len(text), t
        assert t.start >= previous_end, f"out of order or overlapping: {found}"
        previous_end = t.end
        assert t.text == text[t.start : t.end], t
        assert t.type in TIMEX_TYPES, t
        assert is_timex3_value(t.value), t
        assert t.mod is None or t.mod in TIMEX_MODS, t
        if t.type == "DURATION":
            assert DURATION_VALUE.fullmatch(t.value), t
        if t.type == "TIME":
            assert "T" in t.value and not DURATION_VALUE.fullmatch(t.value), t
        assert t.anchor in (None, "publication", "narrative", "none"), t
        assert not _inside_word(text, t.start), f"begins inside a word: {t}"
        assert not _inside_word(text, t.end), f"ends inside a word: {t}"


def _inside_word(text: str, at: int) -> bool:
    """True when ``at`` falls between two letters of one word."""
    return 0 < at < len(text) and text[at - 1].isalpha() and text[at].isalpha()


@settings(max_examples=200)
@given(text=st.text(), dct=DCTS)
def test_any_text_gives_well_formed_timexes(text: str, dct: str | None) -> None:
    check_timexes(text, tag(text, dct))


@settings(max_examples=200)
@given(text=dateish_text(), dct=DCTS, narrative=st.booleans())
@example(text="June 31the ", dct="2016-06-24", narrative=False)  # a day's suffix inside a word
def test_dateish_text_gives_well_formed_timexes(
    text: str, dct: str | None, narrative: bool
) -> None:
    mode: Literal["news", "narrative"] = "narrative" if narrative else "news"
    found = tag(text, dct, mode=mode)
    check_timexes(text, found)
    again = tag(text, dct, mode=mode)
    assert again == found  # deterministic


@settings(max_examples=100)
@given(prefix=dateish_text(), dct=DCTS)
def test_offsets_shift_with_a_prefix_that_ends_a_sentence(prefix: str, dct: str | None) -> None:
    # the tagger reads the text, not absolute positions: the dated sentence after a paragraph
    # break yields the same timex wherever it stands
    sentence = "The vote was held on 23 June 2016."
    text = prefix + "\n\n" + sentence
    found = [t for t in tag(text, dct) if t.start >= len(prefix) + 2]
    assert [(t.text, t.value) for t in found] == [("23 June 2016", "2016-06-23")]


DEV_JSONL = Path(__file__).parents[1] / ".." / "shared" / "eval" / "tempeval3" / "dev.jsonl"


def _dev_texts() -> list[str]:
    if not DEV_JSONL.is_file():
        return []
    with DEV_JSONL.open(encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f]


DEV_TEXTS = _dev_texts()


@pytest.mark.skipif(not DEV_TEXTS, reason="../shared/eval/tempeval3 is absent")
@settings(max_examples=100)
@given(data=st.data(), dct=DCTS)
def test_any_slice_of_news_text_gives_well_formed_timexes(
    data: st.DataObject, dct: str | None
) -> None:
    text = data.draw(st.sampled_from(DEV_TEXTS))
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 2000)))
    piece = text[start:end]
    check_timexes(piece, tag(piece, dct))


# Pieces that sit at the edges of triggers: digits, apostrophes, separators, word characters.
TRIGGER_PIECES = st.sampled_from(
    [
        "may",
        "1998",
        "q3",
        "3q",
        "'90s",
        "\u201980s",
        "12",
        ":30",
        "/",
        "-",
        ".5",
        " ",
        "\n",
        "a",
        "the",
        "day",
        "days",
        "today",
        "x",
        "@",
        "#",
        "_",
        "(",
        "'",
        "pm",
        "o'clock",
        "year",
        "2q'",
        ".",
        "$",
        "4.5",
        "now",
        "\u00e9",
        "second",
        "mon",
        "mondays",
        "199",
        "2020s",
        "q",
        "2.5 hours",
        "11:30",
        "3 p.m.",
    ]
)


@settings(max_examples=300)
@given(pieces=st.lists(TRIGGER_PIECES, max_size=14))
def test_trigger_scan_finds_what_the_word_boundary_pattern_finds(pieces: list[str]) -> None:
    from timeline.temporal.grammar import grammar_for

    grammar = grammar_for("en")
    low = "".join(pieces)
    expected = [(m.start(1), m[1]) for m in grammar.trigger.finditer(low)]
    assert grammar.trigger_matches(low) == expected


# accented triggers, the hyphen and apostrophes of French and Portuguese words
ACCENTED_PIECES = st.sampled_from(
    [
        " ",
        "février",
        "soir",
        "soirée",
        "matinée",
        "févr",
        "année",
        "années",
        "l'",
        "d\u2019",
        "é",
        "à",
        "mars",
        "1er",
        "terça-feira",
        "terças",
        "-feira",
        "março",
        "mês",
        "h",
        "2020",
        "15h30",
        "x",
        "'",
    ]
)


@settings(max_examples=200)
@given(pieces=st.lists(ACCENTED_PIECES, max_size=14), code=st.sampled_from(["fr", "pt"]))
def test_trigger_scan_finds_accented_triggers_as_the_pattern_does(
    pieces: list[str], code: str
) -> None:
    from timeline.temporal.grammar import grammar_for

    grammar = grammar_for(code)
    low = "".join(pieces)
    expected = [(m.start(1), m[1]) for m in grammar.trigger.finditer(low)]
    assert grammar.trigger_matches(low) == expected


@given(
    start=st.integers(0, 10**6),
    size=st.integers(0, 100),
    text=st.text(max_size=20),
    kind=st.sampled_from(["DATE", "TIME", "DURATION", "SET"]),
    value=st.text(max_size=12),
    mod=st.none() | st.sampled_from(["START", "END", "APPROX"]),
    anchor=st.none() | st.sampled_from(["publication", "narrative", "none"]),
    anchor_value=st.none() | st.text(max_size=10),
    anchor_start=st.none() | st.integers(0, 10**6),
)
def test_a_timex_made_back_from_its_stored_row_is_the_same_timex(
    start: int,
    size: int,
    text: str,
    kind: Literal["DATE", "TIME", "DURATION", "SET"],
    value: str,
    mod: str | None,
    anchor: Literal["publication", "narrative", "none"] | None,
    anchor_value: str | None,
    anchor_start: int | None,
) -> None:
    from timeline.extract import new_stored_timex, timex_row

    timex = Timex(start, start + size, text, kind, value, mod, anchor, anchor_value, anchor_start)
    back = new_stored_timex(timex_row(timex))
    assert back == timex and hash(back) == hash(timex) and back.to_dict() == timex.to_dict()
    assert type(back) is Timex and back.to_dict()["anchor_start"] == anchor_start
    with pytest.raises(AttributeError):
        back.value = "2016"  # type: ignore[misc]


DURATION_UNITS = ["second", "minute", "hour", "day", "night", "week", "weekend", "month"]
DURATION_UNITS += ["quarter", "year", "decade", "century", "fortnight"]


@settings(max_examples=300)
@given(
    count=st.integers(0, 3000).map(str)
    | st.sampled_from(["a", "an", "one", "three", "twelve", "dozen", "ninety", "half", "few"]),
    separator=st.sampled_from([" ", "-", "\n", "  "]),
    unit=st.sampled_from(DURATION_UNITS),
    plural=st.booleans(),
)
def test_duration_fast_path_reads_what_the_general_path_reads(
    count: str, separator: str, unit: str, plural: bool
) -> None:
    from timeline.temporal.amounts import _read_duration, read_duration
    from timeline.temporal.reading import _NO_CONTEXT

    span = count + separator + unit + ("s" if plural else "")
    assert read_duration(span, 0, len(span), _NO_CONTEXT) == _read_duration(span)


@given(year=st.integers(-10, 12000), month=st.integers(-1, 14), day=st.integers(-1, 33))
def test_valid_day_agrees_with_the_calendar(year: int, month: int, day: int) -> None:
    import calendar

    from timeline.temporal.anchor import valid_day

    expected = 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]
    assert valid_day(year, month, day) == expected
