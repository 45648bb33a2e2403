# ruff: noqa: E501
"""The tagger's own phrasing tables: quarters, reporting periods, anchors, modes, look-alikes.

Complements ``test_temporal_table.py`` (the TimeML phrasing table) with the cases the grammar
and the anchoring rules were built around. Each row is ``(text, dct, expected)`` where
``expected`` lists every timex as ``(text, type, value, mod)``.
"""

from __future__ import annotations

import gc
from datetime import date, datetime

import pytest

from timeline.temporal import tag

FRI = "2016-06-24"  # a Friday
WSJ = "1989-11-02"  # a Thursday in the fourth quarter, earnings season

Row = tuple[str, str | None, list[tuple[str, str, str, str | None]]]

# fmt: off
ROWS: list[Row] = [
    # quarters, halves and reporting periods
    ("Sales rose in the third quarter of 2015.", FRI, [("the third quarter of 2015", "DATE", "2015-Q3", None)]),
    ("Profit fell 5% in the third quarter.", WSJ, [("the third quarter", "DATE", "1989-Q3", None)]),
    ("Results for Q3 2016 beat forecasts.", FRI, [("Q3 2016", "DATE", "2016-Q3", None)]),
    ("In the 1988 second quarter the firm lost money.", WSJ, [("the 1988 second quarter", "DATE", "1988-Q2", None)]),
    ("In the third quarter net rose 5% from a year earlier.", WSJ,
     [("the third quarter", "DATE", "1989-Q3", None), ("a year earlier", "DATE", "1988-Q3", None)]),
    ("In the year-ago quarter, profit was lower.", WSJ, [("the year-ago quarter", "DATE", "1988-Q3", None)]),
    ("The company will report fourth-quarter results.", WSJ, [("fourth-quarter", "DATE", "1989-Q4", None)]),
    ("Revenue for the first half of 2016 rose.", FRI, [("the first half of 2016", "DATE", "2016-H1", None)]),
    ("The economy grew in the first nine months.", FRI, [("the first nine months", "DURATION", "P9M", None)]),
    # decades, centuries, positions in a period
    ("Prices doubled in the 1990s.", FRI, [("the 1990s", "DATE", "199", None)]),
    ("It began in the early 1980s.", FRI, [("the early 1980s", "DATE", "198", "START")]),
    ("Wars of the 20th century were brutal.", FRI, [("the 20th century", "DATE", "19", None)]),
    ("The plan was drafted in mid-2016.", FRI, [("mid-2016", "DATE", "2016", "MID")]),
    ("The law changes in early 2017.", FRI, [("early 2017", "DATE", "2017", "START")]),
    ("Growth slowed late last year.", FRI, [("late last year", "DATE", "2015", "END")]),
    ("It happened in late-November.", "2000-01-28", [("late-November", "DATE", "1999-11", "END")]),
    ("The winter of 2015 was mild.", FRI, [("The winter of 2015", "DATE", "2015-WI", None)]),
    ("We talked this fall.", FRI, [("this fall", "DATE", "2016-FA", None)]),
    # relative to the publication date or to the previous mention
    ("The talks start next month.", FRI, [("next month", "DATE", "2016-07", None)]),
    ("It happened two years ago.", FRI, [("two years ago", "DATE", "2014", None)]),
    ("The vote was held yesterday.", FRI, [("yesterday", "DATE", "2016-06-23", None)]),
    ("Results are due tomorrow.", FRI, [("tomorrow", "DATE", "2016-06-25", None)]),
    ("Markets closed lower on Friday.", FRI, [("Friday", "DATE", "2016-06-24", None)]),
    ("The team will meet on Monday.", FRI, [("Monday", "DATE", "2016-06-27", None)]),
    ("Sales rose last week.", FRI, [("last week", "DATE", "2016-W24", None)]),
    ("It happened over the weekend.", "2016-06-27", [("the weekend", "DATE", "2016-W25-WE", None)]),
    ("This weekend, the management cleared the picket.", "2020-02-17", [("This weekend", "DATE", "2020-W07-WE", None)]),
    ("This weekend the team will play.", "2020-02-17", [("This weekend", "DATE", "2020-W08-WE", None)]),
    ("This weekend the team played.", "2020-02-22", [("This weekend", "DATE", "2020-W08-WE", None)]),
    ("A fee of 1200 € for every citizen.", FRI, []),
    ("At most 1500 spectators may attend.", FRI, []),
    ("It cost 2000 dollars in 1999.", FRI, [("1999", "DATE", "1999", None)]),
    ("Last Oct. 23 he was shot.", "1999-04-19", [("Last Oct. 23", "DATE", "1998-10-23", None)]),
    ("The summit is this September.", "1998-02-05", [("this September", "DATE", "1998-09", None)]),
    ("Elian was found on Thanksgiving Day.", "2000-01-07", [("Thanksgiving Day", "DATE", "1999-11-25", None)]),
    ("It closed on 1 May 2016 and reopened on 3 June.", FRI,
     [("1 May 2016", "DATE", "2016-05-01", None), ("3 June", "DATE", "2016-06-03", None)]),
    ("It closed on 1 May 2016 and reopened three days later.", FRI,
     [("1 May 2016", "DATE", "2016-05-01", None), ("three days later", "DATE", "2016-05-04", None)]),
    # durations
    ("It lasted for several weeks.", FRI, [("several weeks", "DURATION", "PXW", None)]),
    ("The project took a couple of years.", FRI, [("a couple of years", "DURATION", "P2Y", "APPROX")]),
    ("The ban lasts 2 1/2 years.", FRI, [("2 1/2 years", "DURATION", "P2Y6M", None)]),
    ("Talks lasted a minute and a half.", FRI, [("a minute and a half", "DURATION", "PT1M30S", None)]),
    ("He spent more than four hours there.", FRI, [("more than four hours", "DURATION", "PT4H", "MORE_THAN")]),
    ("She has worked there for at least 20 years.", FRI, [("at least 20 years", "DURATION", "P20Y", "EQUAL_OR_MORE")]),
    ("Police were at the scene within minutes.", FRI, [("minutes", "DURATION", "PTXM", None)]),
    ("A 17-month investigation followed.", FRI, [("17-month", "DURATION", "P17M", None)]),
    ("In the days before the vote, polls tightened.", FRI, [("days", "DATE", "PAST_REF", None)]),
    # sets and rates
    ("The council meets every Tuesday.", FRI, [("every Tuesday", "SET", "XXXX-WXX-2", None)]),
    ("Payments are made annually.", FRI, [("annually", "SET", "P1Y", None)]),
    ("He jogs every two weeks.", FRI, [("every two weeks", "SET", "P2W", None)]),
    ("Revenue was $1.76 a year.", WSJ, [("a year", "SET", "P1Y", None)]),
    ("There are four flights a week.", FRI, [("a week", "SET", "P1W", None)]),
    ("Flights leave on Tuesday nights.", FRI, [("Tuesday nights", "SET", "XXXX-WXX-2TNI", None)]),
    # times
    ("The shop opens at 3:30 p.m. on Friday.", FRI, [("3:30 p.m. on Friday", "TIME", "2016-06-24T15:30", None)]),
    ("They met at noon.", FRI, [("noon", "TIME", "2016-06-24T12:00", None)]),
    ("The blast came on 3 March 2016, at 10 p.m. local time.", FRI,
     [("3 March 2016", "DATE", "2016-03-03", None), ("10 p.m.", "TIME", "2016-03-03T22:00", None)]),
    ("I spoke to her this morning.", FRI, [("this morning", "TIME", "2016-06-24TMO", None)]),
    # references and spelled-out years
    ("This is now a crisis.", FRI, [("now", "DATE", "PRESENT_REF", None)]),
    ("She recently moved.", FRI, [("recently", "DATE", "PAST_REF", None)]),
    ("The future is uncertain.", FRI, [("The future", "DATE", "FUTURE_REF", None)]),
    ("In the past, things differed.", FRI, [("the past", "DATE", "PAST_REF", None)]),
    ("Atlanta, nineteen ninety-six.", FRI, [("nineteen ninety-six", "DATE", "1996", None)]),
    ("By the year two thousand everything changed.", FRI, [("the year two thousand", "DATE", "2000", None)]),
    ("He was born on 2016-06-23.", FRI, [("2016-06-23", "DATE", "2016-06-23", None)]),
    # look-alikes: nothing, or only the real expression
    ("The 62-year-old was arrested.", FRI, []),
    ("He was 62 years old.", FRI, []),
    ("You may go now.", FRI, [("now", "DATE", "PRESENT_REF", None)]),
    ("Thousands march in protest.", FRI, []),
    ("It came second in the race.", FRI, []),
    ("It was a second-round vote.", FRI, []),
    ("Support rose to 32% of voters.", FRI, []),
    ("It cost $2016 in total.", FRI, []),
    ("The score was 3-2 at half time.", FRI, []),
    ("Call 555-1998 today.", FRI, [("today", "DATE", "2016-06-24", None)]),
    ("See section 2.2.3 of the report.", FRI, []),
    ("Theresa May said so.", FRI, []),
    ("We will one day win.", FRI, []),
    ("The Monday Club met.", FRI, []),
    ("He sat on the board.", FRI, []),
    ("#Leaks2016 trended.", FRI, []),
]
# fmt: on


@pytest.mark.parametrize(("text", "dct", "expected"), ROWS, ids=[r[0][:40] for r in ROWS])
def test_phrasing(
    text: str, dct: str | None, expected: list[tuple[str, str, str, str | None]]
) -> None:
    found = [(t.text, t.type, t.value, t.mod) for t in tag(text, dct)]
    assert found == expected


@pytest.mark.parametrize("dct", [date(2016, 6, 24), datetime(2016, 6, 24, 18, 30)])
def test_a_date_object_is_read_as_its_day(dct: date) -> None:
    text = "He resigned yesterday."
    assert [t.value for t in tag(text, dct)] == ["2016-06-23"]
    assert tag(text, dct) == tag(text, FRI)


def test_narrative_anchor_is_recorded() -> None:
    text = "The vote was on 23 June 2016. He noted on 1 July that the count was late."
    july = tag(text, "2020-08")[1]
    assert (july.value, july.anchor, july.anchor_value, july.anchor_start) == (
        "2016-07-01",
        "narrative",
        "2016-06-23",
        text.index("23 June"),
    )


def test_a_far_explicit_date_does_not_anchor_in_news_mode() -> None:
    text = "It began on 2 May 1998.\n\n" + "Nothing happened. " * 40 + "He noted on 1 July."
    july = tag(text, "2020-08")[-1]
    assert (july.value, july.anchor) == ("2020-07-01", "publication")


def test_a_bare_month_after_a_full_date_takes_its_year() -> None:
    text = "The vote was on 23 June 2016. The report came in April."
    april = tag(text, "2020-08")[-1]
    assert (april.text, april.value, april.anchor) == ("April", "2016-04", "narrative")


def test_a_bare_month_after_a_year_alone_takes_the_publication_year() -> None:
    text = "The party was founded in 1998. The report came in April."
    april = tag(text, "2020-08")[-1]
    assert (april.text, april.value, april.anchor) == ("April", "2020-04", "publication")


def test_narrative_mode_anchors_relative_expressions_on_the_text() -> None:
    text = "In March 1998 the firm was sold. Two years later it closed, the next day."
    found = {t.text: t for t in tag(text, "2020-08", mode="narrative")}
    assert found["Two years later"].value == "2000"
    assert found["Two years later"].anchor == "narrative"


def test_without_a_dct_nothing_is_filled_from_today() -> None:
    found = {t.text: t for t in tag("He left in April and came back on Friday, yesterday.")}
    assert found["April"].value == "XXXX-04"
    assert found["Friday"].value == "XXXX-WXX-5"
    assert found["yesterday"].value == "XXXX-XX-XX"
    assert {t.anchor for t in found.values()} == {"none"}


def test_a_month_precision_dct_still_resolves_years_and_months() -> None:
    found = {t.text: t.value for t in tag("Last year was hard; last month too.", "2020-08")}
    assert found == {"Last year": "2019", "last month": "2020-07"}


@pytest.mark.parametrize(
    ("dayfirst", "value"), [(False, "2016-03-04"), (True, "2016-04-03")], ids=["us", "uk"]
)
def test_day_month_order_is_configurable(dayfirst: bool, value: str) -> None:
    (found,) = tag("It took effect on 03/04/2016.", FRI, dayfirst=dayfirst)
    assert found.value == value


def test_an_impossible_day_is_not_a_date() -> None:
    assert tag("It took effect on 31/02/2016.", FRI) == []


def test_results_do_not_depend_on_what_was_tagged_before() -> None:
    text = "Sales rose 5% in the third quarter, from a year earlier, and fell last week."
    first = tag(text, WSJ)
    tag("Something else entirely in 1998, for five years, every day.", FRI)
    assert tag(text, WSJ) == first


def test_the_garbage_collector_is_left_as_found() -> None:
    assert gc.isenabled()
    tag("Nothing happened on Friday.", FRI)
    assert gc.isenabled()
    gc.disable()
    try:
        tag("Nothing happened on Friday.", FRI)
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize(
    "text",
    [
        "the " * 5000,
        "1" * 20000,
        "in the end of the " * 2000,
        "May " * 3000,
        ("a " * 50 + "year ") * 200,
        "12/12/12/12/" * 2000,
        ":" * 10000 + "3:30",
    ],
    ids=["the", "digits", "chains", "may", "long-chain", "slashes", "colons"],
)
def test_pathological_input_is_tagged(text: str) -> None:
    found = tag(text, FRI)
    assert all(0 <= t.start < t.end <= len(text) for t in found)
    assert all(text[t.start : t.end] == t.text for t in found)


SAMPLE = (
    "Sales rose 5% in the third quarter from a year earlier, the company said Friday. "
    "These days, over the past three months and in the days before 23 June 2016, prices "
    "fell; next year, the 1990s, mid-2016, every Tuesday, 3:30 p.m. on Friday, the year two "
    "thousand, this past spring, Thanksgiving Day and a minute and a half later all count. "
    "The 62-year-old may march on the second day of the year-ago period at noon tomorrow. "
    "In the 1988 period, 2000 years ago, on 1998-06-27, in fiscal 1989 and Q3 1998 it rose."
)


def test_trigger_families_find_what_the_full_pattern_finds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from timeline.temporal.grammar import grammar_for, lower_same_length

    grammar = grammar_for("en")
    low = lower_same_length(SAMPLE)
    narrow = [(m.span(), m.lastgroup) for m in grammar.scan(low)]
    monkeypatch.setattr(grammar, "_match_by_trigger", {})
    monkeypatch.setattr(grammar, "_matcher", lambda word: grammar.master.match)
    assert [(m.span(), m.lastgroup) for m in grammar.scan(low)] == narrow
    assert len(narrow) > 15
