"""The language files: every registered example is tagged, by its own pattern, through ``tag``.

A pattern whose trigger words or modifier words the scan cannot reach fails here, as does a
file that spells a word the derivation cannot see.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from timeline.temporal import has_language, tag
from timeline.temporal.grammar import grammar_for, literal_words, lower_same_length
from timeline.temporal.language import LanguageFileError, example_expression, load

DCT = "2016-06-15"


def _examples() -> list[tuple[str, str]]:
    lang = load("en")
    return [(p.name, example) for p in lang.patterns for example in p.examples]


@pytest.mark.parametrize(("pattern", "example"), _examples())
def test_every_example_is_tagged_whole_by_its_pattern(pattern: str, example: str) -> None:
    text, start, end = example_expression(example)
    spans = [(t.start, t.end) for t in tag(text, DCT)]
    assert (start, end) in spans, f"{example!r}: tagged {spans}"
    kinds = {m.span(): m.lastgroup for m in grammar_for("en").scan(lower_same_length(text))}
    assert kinds.get((start, end)) == pattern


def test_every_pattern_has_examples() -> None:
    assert all(p.examples for p in load("en").patterns)


def test_a_language_without_a_file_is_read_as_english() -> None:
    assert has_language("en")
    assert not has_language("xx")
    text = "The vote was held on 3 June 2016."
    assert tag(text, DCT, language="xx") == tag(text, DCT, language="en")


def test_a_pattern_must_spell_whole_words() -> None:
    assert literal_words(r"(?:century|centuries)(?![a-z])", "x") == {"century", "centuries"}
    with pytest.raises(LanguageFileError, match="whole words"):
        literal_words(r"centur(?:y|ies)", "x")
    with pytest.raises(LanguageFileError, match="whole words"):
        literal_words(r"labou?r", "x")


def test_speed_structures_are_derived_from_the_file() -> None:
    grammar = grammar_for("en")
    assert {"january", "friday", "year", "christmas", "halloween"} <= grammar.triggers
    # the words before a named day's trigger open it from the left
    assert {"valentine's", "independence", "new"} <= grammar.left_words
    assert "of" in grammar.non_starters and "the" not in grammar.non_starters


def test_a_user_file_adds_named_days(tmp_path: Path) -> None:
    rules = tmp_path / "dates.toml"
    rules.write_text(
        '[holidays]\n"founders day" = "03-14"\n\n'
        '[named_dates.black_monday]\nvalue = "1987-10-19"\nwritten = ["black monday"]\n',
        encoding="utf-8",
    )
    code = (
        "from timeline.temporal import tag\n"
        "text = 'Stocks fell after Black Monday. We met on Founders Day.'\n"
        "print([(t.text, t.value) for t in tag(text, '2016-06-15')])\n"
    )
    env = {**os.environ, "TIMELINE_RULES": str(rules)}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert "('Black Monday', '1987-10-19')" in out.stdout
    assert "('Founders Day', '2016-03-14')" in out.stdout


def test_the_user_file_is_part_of_the_extraction_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cached extraction is not reused once the user edits the rule file."""
    from timeline.extract import extraction_key
    from timeline.models import Document, DocumentMeta
    from timeline.temporal import rules_digest

    given = Document(
        id="a",
        path="a.txt",
        text="We met on Founders Day.",
        meta=DocumentMeta(published="2016-06-15"),
        sha256="0" * 64,
    )
    rules = tmp_path / "dates.toml"
    monkeypatch.delenv("TIMELINE_RULES", raising=False)
    rules_digest.cache_clear()
    keys = [extraction_key(given)]
    monkeypatch.setenv("TIMELINE_RULES", str(rules))
    for day in ("03-14", "03-14", "04-01"):
        rules.write_text(f'[holidays]\n"founders day" = "{day}"\n', encoding="utf-8")
        rules_digest.cache_clear()
        keys.append(extraction_key(given))
    rules_digest.cache_clear()
    assert keys[0] != keys[1]  # a file, where there was none
    assert keys[1] == keys[2]  # the same file, the same key
    assert keys[2] != keys[3]  # an edited file, another key


@pytest.mark.parametrize("code", ["en", "de", "fr", "es", "it", "pt"])
def test_the_trigger_lookahead_finds_every_trigger(code: str) -> None:
    """The scan's lookahead for the first characters of triggers skips no trigger."""
    grammar = grammar_for(code)
    lang = load(code)
    text = " ".join(e.replace("[", "").replace("]", "") for p in lang.patterns for e in p.examples)
    low = lower_same_length(" ".join((text, *sorted(grammar.triggers))))
    expected = [(m.start(1), m[1]) for m in grammar.trigger.finditer(low)]
    assert grammar.trigger_matches(low) == expected
    assert len(expected) > len(grammar.triggers)


def test_the_head_of_a_number_trigger() -> None:
    from timeline.temporal.grammar import _head_chars

    assert _head_chars("q[1-4](?![a-z])") == {"q"}
    assert _head_chars("[0-3]?[0-9](?:st|nd)") == set("0123456789")  # an optional head
    assert _head_chars("[0-9]{0,2}x") == set("0123456789x")
    assert _head_chars("[0-9]{2}x") == set("0123456789")
    assert _head_chars("a?(?:b|c)") is None
    assert _head_chars("['\\u2019][0-9]0s") == {"'", "\u2019"}
    assert _head_chars("(?:a|b)") is None  # a group: the lookahead is left out
    assert _head_chars("[^0-9]x") is None


def test_a_number_trigger_without_a_plain_head_is_tried_after_every_word() -> None:
    """A number trigger whose regex does not spell its first characters ("(?:...)") is tried
    at every start of a word, and the scan still finds what the trigger pattern finds."""
    import dataclasses

    from timeline.temporal.grammar import Grammar

    english = load("en")
    grouped = tuple(f"(?:{rx})" for rx in english.digit_triggers)
    grammar = Grammar(dataclasses.replace(english, digit_triggers=grouped))
    low = lower_same_length("In 1998, on 3/4 and at 11:30 (q3 '90s), 2020 days later: 7th.")
    expected = [(m.start(1), m[1]) for m in grammar.trigger.finditer(low)]
    assert grammar.trigger_matches(low) == expected
    assert [w for _, w in expected if w[0].isdigit()] == ["1998", "3", "11", "2020", "7th"]


@pytest.mark.parametrize(
    ("regex", "heads"),
    [
        (r"(?:the\s+)?(?:next|last)\s+week", "lnt"),
        (r"[0-3]?[0-9](?:st|nd|rd|th)", "0123456789"),
        (r"(?<![0-9])(?=[a-z])(?:mid-)?(?:may|june)", "jm"),
        (r"['\u2019][0-9]0s", "'\u2019"),
        (r"\d{4}", None),
        (r"(?:early\s+)?", None),
        (r"[^a-z]x", None),
    ],
)
def test_a_pattern_is_tried_only_where_it_can_begin(regex: str, heads: str | None) -> None:
    from timeline.temporal.grammar import _heads_of

    found = _heads_of(regex)
    assert (None if found is None else "".join(sorted(found))) == heads
