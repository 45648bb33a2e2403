"""Properties that no input breaks: the tagger never raises, whatever the text and whatever
reference date in years 1 to 9999; the events loader raises only the library's own error."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.dates import span_of
from timeline.errors import TimelineError
from timeline.events_file import parse_events
from timeline.temporal import tag
from timeline.temporal.anchor import UNRESOLVABLE

DAYS = st.dates(date(1, 1, 1), date(9999, 12, 31))
REFERENCES = st.one_of(
    DAYS.map(date.isoformat),
    DAYS.map(lambda d: d.isoformat()[:7]),
    DAYS.map(lambda d: d.isoformat()[:4]),
    st.sampled_from(["0001-01-01", "9999-12-31", "0001", "9999", "9999-W52", "0001-W01"]),
)
NUMBERS = st.one_of(
    st.integers(0, 12).map(str),
    st.sampled_from(["800000", "200000", "99999999999999999999", "3,652,059", "ten thousand"]),
)
WORDS = st.sampled_from(
    [
        "yesterday", "tomorrow", "today", "the day before yesterday", "next", "last", "this",
        "week", "weeks", "month", "months", "year", "years", "decade", "century", "quarter",
        "weekend", "days", "ago", "later", "earlier", "from now", "before", "after", "in",
        "Monday", "Sunday", "January", "December", "Easter", "Christmas", "the", "on", "of",
        "31", "1", "spring", "winter", "Q4", "9999", "0001", "10000", ".", ",", "\n",
    ]
)  # fmt: skip
PHRASES = st.lists(st.one_of(WORDS, NUMBERS), max_size=12).map(" ".join)


@settings(max_examples=300)
@given(text=st.one_of(PHRASES, st.text()), reference=REFERENCES)
def test_the_tagger_never_raises_and_never_leaves_the_calendar(text: str, reference: str) -> None:
    for timex in tag(text, reference) + tag(text, reference, mode="narrative"):
        value = timex.value.split("T")[0]
        year = value[:4]  # a decade ("199") or a century ("19") is not a year
        if len(year) == 4 and year.isdigit() and timex.type == "DATE" and value[4:5] in ("", "-"):
            assert 1 <= int(year) <= 9999, timex


def test_arithmetic_at_the_edges_of_the_calendar_is_unresolvable() -> None:
    cases = [
        ("tomorrow", "9999-12-31", UNRESOLVABLE["D"]),
        ("yesterday", "0001-01-01", UNRESOLVABLE["D"]),
        ("800000 days ago", "2020-01-01", UNRESOLVABLE["D"]),
        ("200000 weeks ago", "2020-01-01", UNRESOLVABLE["W"]),
        ("next year", "9999", UNRESOLVABLE["Y"]),
        ("next Sunday", "9999-12-31", "XXXX-WXX-7"),
    ]
    for text, reference, value in cases:
        assert [t.value for t in tag(text, reference)] == [value], text
        assert span_of(value) is None


YAML_PIECES = st.sampled_from(
    [
        "events:", "\n", "  - ", "id: a", "title: T", "date: ", "9999-W52", "2020-02-30",
        "0000-01-01", "&a ", "*a", "[", "]", "{", "}", ":", "'", '"', "\t", "aliases: ",
        "<<: *a", "!!python/object:os.system", "\x00", "\ufeff", "- ", "#", "---", "...",
        "end: ", "sources:", "  url: ", "999999999999", "-", "?", "|", ">",
    ]
)  # fmt: skip


@settings(max_examples=300)
@given(text=st.one_of(st.lists(YAML_PIECES, max_size=30).map("".join), st.text()))
def test_the_events_loader_raises_only_its_own_error(text: str) -> None:
    try:
        parse_events(text)
    except TimelineError as error:
        assert str(error)
