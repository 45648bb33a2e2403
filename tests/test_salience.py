from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.dates import span_of
from timeline.link import DatedSentence
from timeline.merge import find_candidates
from timeline.pipeline import build_timeline
from timeline.render.exports import export_csv, export_json
from timeline.salience import (
    AHEAD,
    COMMENT,
    UNSHARED,
    WEAK,
    Evidence,
    content_words,
    is_comment_signature,
    is_relative_recall,
    is_stamp,
    later_share,
    mention_weight,
    precision_factor,
    quote_scores,
    salience,
)
from timeline.temporal.timex import Timex

DAY = span_of("2011-03-19")
assert DAY is not None


def on(day: str) -> date:
    return date.fromisoformat(day)


@pytest.mark.parametrize(
    ("quote", "stamp"),
    [
        ("8 November 2011 Last updated at 14:07 GMT", True),
        ("March 31, 2011 at 1:05 am | Report abuse |", True),
        ("Posted on 19 March 2011", True),
        ("Rebels took Brega on 31 March 2011 at dawn.", False),
        ("At 14:07 on Saturday, French jets fired on a column of tanks near Benghazi.", False),
    ],
)
def test_stamps(quote: str, stamp: bool) -> None:
    assert is_stamp(quote) is stamp


def test_a_dateline_is_a_stamp_but_the_dates_of_its_lead_are_not() -> None:
    quote = "PARIS | Tue Mar 1, 2011 10:18 am EST PARIS (Reuters) - Talks began on Monday."
    dateline, monday = quote.index("Tue Mar 1, 2011"), quote.index("Monday")
    assert is_stamp(quote, dateline, dateline + len("Tue Mar 1, 2011"))
    assert not is_stamp(quote, monday, monday + len("Monday"))
    reply = "July 3, 2011 at 10:35 am | Reply seeing that he has not handed himself over"
    assert is_stamp(reply, 0, len("July 3, 2011"))
    prose = "On 19 March 2011 at 16:45, French jets fired the first shots of the campaign."
    assert not is_stamp(prose, 3, 16)


def test_later_days_coming_back_outweigh_one_busy_day() -> None:
    busy = [Evidence(f"s{i}", on("2011-03-19"), 1.0) for i in range(9)]
    later = [Evidence(f"s{i}", on(f"2011-03-{20 + i}"), 1.0) for i in range(3)]
    assert salience(DAY, busy) == pytest.approx(3.0)  # nine articles of one day count as three
    assert salience(DAY, later) == pytest.approx(3.0)  # three later days count as three
    assert salience(DAY, later * 3) == pytest.approx(3.0)  # a source counts once
    ahead = [Evidence("s", on("2011-03-01"), 1.0)]
    assert salience(DAY, ahead) == pytest.approx(AHEAD)


def test_recalls_are_judged_against_how_much_was_written_after_the_date() -> None:
    later = [Evidence(f"s{i}", on(f"2011-03-{20 + i}"), 1.0) for i in range(2)]
    same_day = [Evidence("t", on("2011-03-19"), 1.0)]
    early = salience(DAY, later + same_day, later=later_share(90, 100, 50))
    late = salience(DAY, later + same_day, later=later_share(10, 100, 50))
    assert late == pytest.approx(2.0 / 0.1**0.5 + 1.0, abs=1e-3)
    assert early < late
    assert salience(DAY, same_day, later=later_share(0, 100, 50)) == pytest.approx(1.0)


def test_less_than_a_day_of_later_coverage_counts_as_an_average_day() -> None:
    assert later_share(1, 100, 50) == later_share(0, 100, 50) == pytest.approx(1 / 50)
    assert later_share(30, 100, 50) == pytest.approx(0.3)
    assert later_share(0, 0, 0) == 1.0


def test_an_earlier_day_named_from_the_publication_day_is_a_weak_recall() -> None:
    saturday = on("2011-03-19")
    assert is_relative_recall("2011-03-17", "publication", saturday)  # "on Thursday"
    assert is_relative_recall("2011-02", "publication", saturday)  # "last month"
    assert not is_relative_recall("2011-03-19", "publication", saturday)  # "today"
    assert not is_relative_recall("2011-03-17", "none", saturday)  # "on March 17, 2011"
    assert not is_relative_recall("2011-03-21", "publication", saturday)  # "on Monday"
    assert not is_relative_recall("2011-03-17", "publication", None)


def test_a_comment_signature_starts_the_comments_of_a_page() -> None:
    assert is_comment_signature("Thanks JanJ March 18, 2011 at 4:12 pm | Reply On about the 13th")
    assert is_comment_signature("Enough! February 21, 2011 at 12:12 am | Report abuse |")
    assert not is_comment_signature("Rebels took Brega at 10:30 am on Thursday | Photos")
    assert not is_comment_signature("Please reply to this letter by 12 March.")


def _said(doc: str, start: int, quote: str, value: str, anchor: str | None = None) -> DatedSentence:
    at = quote.index("13")
    timex = Timex(start + at, start + at + 2, "13", "DATE", value, anchor=anchor)  # type: ignore[arg-type]
    return DatedSentence(doc, start, start + len(quote), "body", quote, (timex,))


def test_what_follows_a_comment_signature_counts_as_a_comment() -> None:
    published = {"a": "2011-03-18", "b": "2011-03-18"}
    article = _said("a", 0, "Rebels took the port on 13 March.", "2011-03-13")
    below = [
        _said(
            "b",
            0,
            "Thanks JanJ March 18, 2011 at 4:12 pm | Reply Protests began on the 13th.",
            "2011-03-13",
        ),
        _said("b", 100, "On the 13th they marched.", "2011-03-13"),
    ]
    [reported] = find_candidates([article], published=published)
    [commented] = find_candidates(below, published=published)
    assert (commented.salience or 0) == pytest.approx(
        (reported.salience or 0) * COMMENT**0.5, abs=1e-3
    )


def test_a_weekday_recalled_counts_less_than_a_date_written_out() -> None:
    published = {"a": "2011-03-19"}
    written = _said("a", 0, "Rebels took the port on 13 March.", "2011-03-13")
    relative = _said("a", 0, "Rebels took the port on Sunday the 13.", "2011-03-13", "publication")
    [full] = find_candidates([written], published=published)
    [weak] = find_candidates([relative], published=published)
    assert (weak.salience or 0) == pytest.approx((full.salience or 0) * WEAK**0.5, abs=1e-3)


def test_a_source_counts_its_best_mention_on_its_first_day() -> None:
    weak = Evidence("s", on("2011-03-19"), mention_weight("body", weak=True))
    strong = Evidence("s", on("2011-03-25"), mention_weight("body", weak=False))
    assert salience(DAY, [weak, strong]) == pytest.approx(1.0)
    comment = Evidence("c", on("2011-03-25"), mention_weight("comment", weak=False))
    assert salience(DAY, [comment]) == pytest.approx(0.1**0.5, abs=1e-4)


def test_a_longer_span_pools_what_is_written_during_it_and_is_discounted() -> None:
    month = span_of("2011-03")
    assert month is not None
    during = [Evidence(f"s{i}", on(f"2011-03-{10 + i}"), 1.0) for i in range(4)]
    assert salience(month, during) == pytest.approx(2.0 * precision_factor(month), abs=1e-4)
    assert precision_factor(DAY) == 1.0 > precision_factor(month) > 0.1


def test_a_quote_that_shares_the_others_words_and_ends_a_sentence_scores_best() -> None:
    quotes = [
        "Winter storm closes roads in California on Saturday.",
        "French jets struck Gadhafi's tanks near Benghazi on Saturday.",
        "On Saturday French jets struck tanks near Benghazi.",
        "French jets struck tanks near Benghazi Saturday as the no-fly zone began",
    ]
    scores = quote_scores(quotes, [1.0, 1.0, 1.0, 1.0])
    assert max(range(4), key=scores.__getitem__) in (1, 2)
    assert scores[0] < min(scores[1:3]) and scores[3] < min(scores[1:3])
    assert quote_scores(quotes[:2], [1.0, 0.0])[1] == 0.0
    dateline = "Tue Aug 30, 2011 7:33 am EDT - French jets struck tanks near Benghazi."
    stamped = quote_scores([*quotes[1:3], dateline], [1.0] * 3)
    assert stamped[2] < min(stamped[:2])


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from("Ab zé,.-'1Ü\u2019AND and the MAY Éte"), max_size=60))
def test_a_quotes_content_words_are_its_letter_runs_but_the_shared_ones(quote: str) -> None:
    defined = set(map(str.lower, re.findall(r"[^\W\d_]{3,}", quote))) - UNSHARED
    assert content_words(quote) == {w.encode() for w in defined}


def test_every_candidate_of_a_build_carries_its_salience_in_the_json_and_the_csv() -> None:
    repo = Path(__file__).parents[1]
    timeline = build_timeline(repo / "corpus", repo / "events.yaml")
    events = json.loads(export_json(timeline))["events"]
    candidates = [e for e in events if e["kind"] == "candidate"]
    assert candidates and all(
        isinstance(e["salience"], float) and e["documents"] >= 1 and e["sentences"] >= 1
        for e in candidates
    )
    assert all(e["salience"] is None for e in events if e["kind"] == "curated")
    rows = list(csv.DictReader(io.StringIO(export_csv(timeline))))
    assert {r["salience"] != "" for r in rows if r["kind"] == "candidate"} == {True}
