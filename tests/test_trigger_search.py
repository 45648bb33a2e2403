"""The trigger search finds what the trigger pattern finds, at word starts only."""

from __future__ import annotations

import re

from timeline.temporal.grammar import grammar_for, lower_same_length
from timeline.temporal.trigger_search import TriggerSearch


def _expected(code: str, low: str) -> list[tuple[int, str]]:
    return [(m.start(1), m[1]) for m in grammar_for(code).trigger.finditer(low)]


def test_roman_numerals_inside_words_are_no_number_trigger() -> None:
    low = lower_same_length("Il vivait au XIXe siècle, vingt ans avant le IIe, dix fois.")
    found = grammar_for("fr").trigger_matches(low)
    assert found == _expected("fr", low)
    assert (low.index("xixe"), "xix") in found
    assert all(low[start - 1] in " ,.'" for start, _ in found if start)


def test_a_curly_apostrophe_opens_a_number_trigger_in_text_beyond_latin1() -> None:
    low = lower_same_length("In the \u201990s, prices rose 5% by March \u2014 and in \u201995.")
    found = grammar_for("en").trigger_matches(low)
    assert found == _expected("en", low)
    assert (low.index("\u201990s"), "\u201990s") in found


def test_digits_inside_numbers_and_words_at_the_start_of_the_text() -> None:
    low = lower_same_length("2019 and 12019 and x2019: March, marches, 3:30.")
    assert grammar_for("en").trigger_matches(low) == _expected("en", low)
    assert grammar_for("en").trigger_matches(low)[0] == (0, "2019")


def test_words_beyond_latin1_are_searched_as_text() -> None:
    numbers = re.compile("([0-9]{4})")
    search = TriggerSearch({"\u0142uty", "maj"}, set("0123456789"), numbers.match)
    low = "w lutym, 3 \u0142uty 2020, majowy maj i x2020"
    assert search.find(low) == {11: "\u0142uty", 16: "2020", 29: "maj"}
