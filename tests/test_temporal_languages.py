"""The tagger in German, French, Spanish, Italian and Portuguese.

Each language file's registered examples are tagged through ``tag(..., language=code)`` by
their own pattern, and each language has a table of news phrasings with pinned reference
dates, kept as data beside its rules (``timeline/temporal/lang/<code>.cases.tsv``): a row
``dct  sentence  type  value`` must give a timex of that type and value whose extent is the
[bracketed] part of the sentence; a row whose type is ``-`` is a look-alike and must give no
timex at all.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.temporal import tag
from timeline.temporal.cues import _WORD, _words, cues_for
from timeline.temporal.grammar import grammar_for, lower_same_length
from timeline.temporal.language import LANG_DIR, codes, example_expression, load
from timeline.temporal.rewrite import _Rules, _writer, build_rewrite, rewrite_for

LANGUAGES = ("de", "es", "fr", "it", "pt")
# every language has a table of news phrasings beside its rules
TABLES = LANGUAGES
DCT = "2016-06-15"
MIN_ROWS = 60


def _examples() -> list[tuple[str, str, str]]:
    return [
        (code, p.name, example)
        for code in LANGUAGES
        for p in load(code).patterns
        for example in p.examples
    ]


def _cases(code: str) -> list[tuple[str, str, str, str]]:
    rows = []
    path = LANG_DIR / f"{code}.cases.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            dct, sentence, kind, value = line.split("\t")
            rows.append((dct, sentence, kind, value))
    return rows


def _params() -> list[object]:
    return [
        pytest.param(code, *row, id=f"{code}|{row[1][:50]}")
        for code in TABLES
        for row in _cases(code)
    ]


@pytest.mark.parametrize(("code", "pattern", "example"), _examples())
def test_every_example_is_tagged_whole_by_its_pattern(
    code: str, pattern: str, example: str
) -> None:
    text, start, end = example_expression(example)
    spans = [(t.start, t.end) for t in tag(text, DCT, language=code)]
    assert (start, end) in spans, f"{example!r}: tagged {spans}"
    kinds = {m.span(): m.lastgroup for m in grammar_for(code).scan(lower_same_length(text))}
    assert kinds.get((start, end)) == pattern


@pytest.mark.parametrize(("code", "dct", "sentence", "kind", "value"), _params())
def test_news_phrasing(code: str, dct: str, sentence: str, kind: str, value: str) -> None:
    text, start, end = example_expression(sentence)
    found = tag(text, dct, language=code)
    if kind == "-":
        assert found == [], f"a look-alike was tagged: {[(t.text, t.value) for t in found]}"
        return
    got = {(t.start, t.end): (t.type, t.value) for t in found}
    assert got.get((start, end)) == (kind, value), f"{text[start:end]!r}: tagged {found}"


@pytest.mark.parametrize("code", TABLES)
def test_each_table_is_large_enough_and_has_look_alikes(code: str) -> None:
    rows = _cases(code)
    assert len(rows) >= MIN_ROWS
    assert sum(kind == "-" for _, _, kind, _ in rows) >= 10


def test_every_language_file_is_listed() -> None:
    assert set(LANGUAGES) | {"en"} <= set(codes())


def test_english_has_no_rewrite_and_reads_as_before() -> None:
    assert rewrite_for("en") is None
    text = "The vote was held on 3 June 2016, two days ago."
    assert tag(text, DCT, language="en") == tag(text, DCT)


def test_numeric_dates_follow_the_language_order() -> None:
    for code in LANGUAGES:
        (t,) = tag("03/07/2021", DCT, language=code)
        assert t.value == "2021-07-03", code
    (t,) = tag("03/07/2021", DCT)
    assert t.value == "2021-03-07"


def test_a_tense_cue_turns_a_weekday_forward() -> None:
    # 2016-06-15 is a Wednesday
    (past,) = tag("Le match a eu lieu dimanche.", DCT, language="fr")
    (ahead,) = tag("Le match se jouera dimanche.", DCT, language="fr")
    assert (past.value, ahead.value) == ("2016-06-12", "2016-06-19")


def test_a_rule_writes_english_the_word_table_leaves_alone() -> None:
    # Portuguese "ago" abbreviates "agosto"; the "ago" a rule writes stays "ago"
    assert rewrite_for("pt")("há duas semanas") == "two weeks ago"  # type: ignore[misc]


def test_a_rule_is_tried_when_its_word_sits_inside_a_longer_one() -> None:
    # "próxim" opens the rule of "el próximo mes" although "próximo" is listed too
    assert rewrite_for("es")("el próximo mes") == "next month"  # type: ignore[misc]
    assert rewrite_for("pt")("nos últimos anos") == "the past years"  # type: ignore[misc]


def _every_rule_in_order(rules: tuple[tuple[str, str], ...], phrase: str) -> str:
    """The rules applied one after another, none skipped (what the guarded rules must give)."""
    rewritten = phrase.replace("\u2019", "'")
    for rx, repl in rules:
        rewritten = re.sub(rx, _writer(repl), rewritten)
    return rewritten


@pytest.mark.parametrize("code", LANGUAGES)
def test_skipping_the_rules_a_phrase_cannot_match_changes_no_rewrite(code: str) -> None:
    lang = load(code)
    rules = _Rules(lang.reading_rules)
    grammar = grammar_for(code)
    sentences = [e for p in lang.patterns for e in p.examples] + [r[1] for r in _cases(code)]
    phrases = {
        m[0]
        for s in sentences
        for m in grammar.scan(lower_same_length(s.replace("[", "").replace("]", "")))
    }
    assert len(phrases) > 60
    for phrase in sorted(phrases):
        assert rules(phrase.replace("\u2019", "'")) == _every_rule_in_order(
            lang.reading_rules, phrase
        ), phrase


def test_a_rule_is_guarded_by_the_punctuation_and_spaces_it_spells() -> None:
    rules = _Rules(((r"(\d+),(\d+)", r"\1.\2"), (r"^(\w+) y (\w+)\b", r"\1-\2")))
    assert rules.unguarded == 0  # each is tried only on a phrase holding "," / " y "
    assert rules("3,5 horas") == "3.5 horas"
    assert rules("lunes y martes") == "lunes-martes"
    assert rules("3 horas") == "3 horas"


def _rewrite(rules: list[tuple[str, str]], words: dict[str, str]) -> Callable[[str], str]:
    lang = dataclasses.replace(load("fr"), reading_rules=tuple(rules), reading_words=words)
    rewrite = build_rewrite(lang)
    assert rewrite is not None
    return rewrite


def test_the_word_table_replaces_whole_words_only() -> None:
    rewrite = _rewrite([], {"an": "year", "an dernier": "last year", "mois": "month"})
    assert rewrite("l'an dernier") == "l'an dernier"  # "l'an" is one word
    assert rewrite("un an") == "un year"
    assert rewrite("an  dernier") == "last year"  # the longest listed phrase, spaces folded
    assert rewrite("trimois, mois-ci, mois") == "trimois, mois-ci, month"


def test_rules_apply_in_order_each_to_what_the_last_wrote() -> None:
    rules = [
        (r"^il y a (.+)$", r"\1 ago"),
        (r"^(\d+) ans( pile)?", r"\g<1> years\2"),  # "" for a group that matched nothing
        (r"ago", "before now"),  # never reads the English a rule wrote
    ]
    rewrite = _rewrite(rules, {"ans": "yrs", "pile": "exactly"})
    assert rewrite("il y a 3 ans") == "3 years ago"
    assert rewrite("il y a 3 ans pile") == "3 years exactly ago"
    assert rewrite("3 ans") == "3 years"


def test_the_tables_sit_beside_the_rules() -> None:
    for code in TABLES:
        assert Path(LANG_DIR / f"{code}.cases.tsv").is_file()


@pytest.mark.parametrize(
    ("code", "phrase", "mod"),
    [
        ("fr", "la fin du mois", "END"),
        ("fr", "milieu du mois", "MID"),
        ("fr", "début du mois", "START"),
        ("fr", "fin du XIXe siècle", "END"),
        ("es", "finales del año", "END"),
        ("de", "Ende des Monats", "END"),
    ],
)
def test_the_part_of_a_period_is_its_mod(code: str, phrase: str, mod: str) -> None:
    (t,) = tag(f"{phrase}.", DCT, language=code)
    assert (t.text, t.mod) == (phrase, mod)


@settings(max_examples=400)
@given(st.text(alphabet="ab\u00e9\u00f1'\u2019-_9\u00b2\u00bd. ,;\n\t\u00ab\u00bb", max_size=30))
def test_a_tense_region_splits_into_the_words_of_the_word_pattern(region: str) -> None:
    assert _words(region) == _WORD.findall(region)


def test_the_nearest_tense_cue_before_a_date_is_read_past_the_last_stop() -> None:
    cues = cues_for("es")
    low = "la reunión fue ayer. el lunes 3 de mayo"
    start = low.index("3 de mayo")
    assert cues.tense(low, start, len(low)) == 0  # "fue" is in the sentence before
    low = "se reunirá\n3 de mayo; fue"
    assert cues.tense(low, low.index("3"), low.index(";")) == 0
    low = "dijo que se reunirá el 3 de mayo"
    assert cues.tense(low, low.index("3"), len(low)) == 1
