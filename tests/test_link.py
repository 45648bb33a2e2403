"""Sentences, stems, alias matching and date agreement (timeline.link)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.link import (
    _FOLD,
    Alias,
    Linker,
    _prefix,
    day_value,
    folded,
    split_sentences,
    stem,
    timex_ref,
)
from timeline.models import Anchor, Dismissal, Document, EventSpec
from timeline.temporal.timex import Timex

SEEDS = Path(__file__).parents[1] / ".." / "shared" / "seeds"


def doc(text: str, doc_id: str = "000", body_end: int | None = None) -> Document:
    return Document(
        id=doc_id,
        path=f"{doc_id}.txt",
        text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        body_end=body_end,
    )


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def timex_at(text: str, phrase: str, value: str, type_: str = "DATE", **kw: object) -> Timex:
    start = text.index(phrase)
    return Timex(start, start + len(phrase), phrase, type_, value, **kw)  # type: ignore[arg-type]


SUSPENSION = EventSpec(
    id="corbyn-suspended",
    title="Jeremy Corbyn suspended from the Labour Party",
    date="2020-10-29",
    aliases=["Corbyn's suspension"],
)
LEAK = EventSpec(
    id="labour-report-leak",
    title="The leaked Labour report",
    date="2020-04-12",
    aliases=["leaked report", "860-page report"],
)
VALIDATION = EventSpec(
    id="validation-exercise",
    title="The validation exercise",
    date="2016-06-27",
    end="2016-09-24",
    aliases=["new Stasi", "Trot hunt"],
)


# --------------------------------------------------------------------------- sentences


@pytest.mark.parametrize(
    "text,expected",
    [
        ("One here. Two there.", ["One here.", "Two there."]),
        ("Mr. Smith met Dr. Jones. They talked.", ["Mr. Smith met Dr. Jones.", "They talked."]),
        ("J. K. Rowling wrote it. Fine.", ["J. K. Rowling wrote it.", "Fine."]),
        ("The U.S. Embassy said so. Then left.", ["The U.S. Embassy said so.", "Then left."]),
        ("Sir Keir spoke. Sir Keir left.", ["Sir Keir spoke.", "Sir Keir left."]),
        ("He said “no.” Then he left.", ["He said “no.”", "Then he left."]),
        (
            "“It was a bomb,” he said. “Run!” They ran.",
            ["“It was a bomb,” he said.", "“Run!”", "They ran."],
        ),
        ("REPORT: 2.2.3. The “Validation” process.", ["REPORT: 2.2.3. The “Validation” process."]),
        ("A headline\nThe story starts. It ends.", ["A headline", "The story starts.", "It ends."]),
        ("Para one.\n\nPara two", ["Para one.", "Para two"]),
        ("  • first item\n  • second item", ["first item", "second item"]),
        ("- dash item\n1. numbered item", ["dash item", "numbered item"]),
        (
            "Wrapped line that\ncontinues here. Next.",
            ["Wrapped line that\ncontinues here.", "Next."],
        ),
        ("Lost in 2017. Won in 2019.", ["Lost in 2017.", "Won in 2019."]),
        (
            "Am 3. März 2020 tagte der Rat. Er tagt wieder am 12. Mai.",
            ["Am 3. März 2020 tagte der Rat.", "Er tagt wieder am 12. Mai."],
        ),
        ("Er war 25. Danach nicht.", ["Er war 25.", "Danach nicht."]),
        ("Why? Because.", ["Why?", "Because."]),
        ("\n\n   \n", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@given(st.text(alphabet=st.sampled_from(list("ab .!?\n“”'’-•1U.S")), max_size=80))  # noqa: RUF001
def test_sentences_are_ordered_trimmed_and_inside_the_text(text: str) -> None:
    spans = split_sentences(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        previous_end = end


# --------------------------------------------------------------------------- stems


@pytest.mark.parametrize(
    "words,same",
    [
        (["suspend", "suspended", "suspension", "suspending", "suspends"], True),
        (["report", "reports", "reported", "reporting"], True),
        (["leak", "leaked", "leaks", "leaking"], True),
        (["Corbyn", "Corbyn's", "Corbyn’s", "CORBYN", "Corbyns’"], True),  # noqa: RUF001
        (["election", "elections"], True),
        (["vet", "vetting", "vetted"], True),
        (["party", "parties"], True),
        (["validate", "validated", "validation"], True),
        (["report", "repeat"], False),
        (["leak", "lead"], False),
        (["Parteitag", "Parteitags", "Parteitages", "Parteitagen", "PARTEITAG"], True),
        (["élection", "election", "Élections", "élections"], True),
        (["elección", "elecciones", "eleccion"], True),
    ],
)
def test_stem(words: list[str], same: bool) -> None:
    assert (len({stem(w) for w in words}) == 1) is same


@given(st.from_regex(r"[A-Za-zäöüßéèêàçñóíúãõ]{1,14}(?:['\u2019]s|s'|\u2019)?", fullmatch=True))
def test_a_stem_prefix_is_in_every_word_with_that_stem(word: str) -> None:
    # The alias prefilter relies on it: no sentence that matches is ever skipped.
    assert _prefix(stem(word)) in folded(word)


@pytest.mark.parametrize(
    "word", ["tries", "tried", "Fried", "vision", "suspension", "parties", "vetting", "buses"]
)
def test_stem_prefix_examples(word: str) -> None:
    assert _prefix(stem(word)) in word.lower()


# --------------------------------------------------------------------------- aliases


def alias_hits(alias: str, sentence: str) -> bool:
    linker = Linker([EventSpec(id="e", title="zzz", date="2020", aliases=[alias])])
    return any(a.phrase == alias for a, _, _ in linker.find_aliases(sentence, 0, len(sentence)))


@pytest.mark.parametrize(
    "alias,sentence,hit",
    [
        ("Corbyn's suspension", "They demanded Corbyn’s suspension today.", True),  # noqa: RUF001
        ("Corbyn's suspension", "They demanded Corbyn's suspension today.", True),
        ("Corbyn’s suspension", "CORBYN'S SUSPENSION was a shock.", True),  # noqa: RUF001
        ("Corbyn's suspension", "Keir Starmer has suspended Jeremy Corbyn from the party.", True),
        ("Corbyn's suspension", "The suspension of Jeremy Corbyn was announced.", True),
        ("leaked report", "The leaked 860-page report emerged in April.", True),
        ("leaked report", "The report leaks were plugged.", True),
        ("Forde report", "The Forde inquiry was undertaken by the party.", False),
        ("Corbyn's suspension", "Many activists were suspended.", False),
        (
            "Corbyn's suspension",
            "Jeremy Corbyn, the former leader who led the party through two elections and a "
            "long list of other things, watched as members were suspended.",
            False,
        ),
        ("new Stasi", "an experimental new Stasi system", True),
        ("Trot hunt", "a second round of 2015’s “Trot hunt”", True),  # noqa: RUF001
        ("Trot hunt", "They hunted for Trots.", True),
        ("2017 general election", "a conspiracy to lose the 2017 general election.", True),
        ("2017 general election", "the 2017 electoral campaign", False),
        ("Parteitag der SPD", "Auf dem Parteitag der SPD wurde gewählt.", True),
        ("Parteitag der SPD", "Die Beschlüsse des SPD-Parteitags gelten ab sofort.", True),
        ("élection présidentielle", "Avant l'election presidentielle, il a parlé.", True),
        ("election presidentielle", "Les ÉLECTIONS PRÉSIDENTIELLES ont eu lieu.", True),
        ("elección general", "Las elecciones generales se celebraron en abril.", True),
        ("Parteitag der SPD", "Die SPD hat getagt.", False),
    ],
)
def test_alias_matching(alias: str, sentence: str, hit: bool) -> None:
    assert alias_hits(alias, sentence) is hit


def test_alias_without_content_words_uses_every_word() -> None:
    alias = Alias.compile("e", "The One")
    assert alias is not None and alias.stems == ("one",)
    assert Alias.compile("e", "  ...  ") is None


def test_title_is_an_alias() -> None:
    text = "Yesterday Jeremy Corbyn was suspended from the Labour Party."
    spec = EventSpec(id="e", title="Jeremy Corbyn suspended from the Labour Party", date="2020")
    links = Linker([spec]).link_document(doc(text), split_sentences(text), [])
    assert [s.quote for s in links.sources["e"]] == [text]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")
@pytest.mark.parametrize(
    "spec,expected_docs",
    [(SUSPENSION, {"003"}), (LEAK, {"001"}), (VALIDATION, {"001"})],
    ids=lambda x: getattr(x, "id", ""),
)
def test_aliases_do_not_over_match_on_the_seeds(spec: EventSpec, expected_docs: set[str]) -> None:
    linker = Linker([spec])
    found = {}
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        d = doc(text, path.stem[:3])
        links = linker.link_document(d, split_sentences(text), [])
        found[d.id] = [s.quote for s in links.sources.get(spec.id, [])]
    assert {k for k, v in found.items() if v} == expected_docs
    for quotes in found.values():
        for quote in quotes:  # every linked sentence really is about the event
            assert any(w in quote.lower() for w in ("corbyn", "leak", "860", "stasi", "trot"))
    if spec is SUSPENSION:
        assert len(found["003"]) == 2  # the body sentence and the reader comment


# --------------------------------------------------------------------------- linking


def test_linked_sentence_becomes_a_source_with_offsets_and_agreement() -> None:
    text = "Headline\n\nThe leaked 860-page report emerged in April, just after. Other text."
    t = timex_at(text, "in April", "2020-04", anchor="publication", anchor_value="2020-08")
    links = Linker([LEAK]).link_document(doc(text), split_sentences(text), [t])
    [source] = links.sources["labour-report-leak"]
    assert source.quote == "The leaked 860-page report emerged in April, just after."
    assert text[source.start : source.end] == source.quote
    assert source.agrees is True and source.section == "body"
    assert source.timex is not None and source.timex.value == "2020-04"
    assert source.timex.anchor == Anchor(kind="publication", value="2020-08", start=None)
    assert "labour-report-leak" not in links.conflicts
    assert links.unlinked == []


def test_disagreeing_date_is_a_conflict() -> None:
    text = "The leaked report came out in 2019."
    t = timex_at(text, "in 2019", "2019")
    links = Linker([LEAK]).link_document(doc(text), split_sentences(text), [t])
    [source] = links.sources["labour-report-leak"]
    assert source.agrees is False
    [conflict] = links.conflicts["labour-report-leak"]
    assert conflict.message == '000: "in 2019" (2019) vs curated 2020-04-12'
    assert (conflict.source_value, conflict.curated_value) == ("2019", "2020-04-12")


def test_period_event_agrees_inside_its_span_and_names_both_ends() -> None:
    text = "The new Stasi ran on 1 July 2016. The new Stasi was dreamt up in 2015."
    t1 = timex_at(text, "1 July 2016", "2016-07-01")
    t2 = timex_at(text, "2015", "2015")
    links = Linker([VALIDATION]).link_document(doc(text), split_sentences(text), [t1, t2])
    assert [s.agrees for s in links.sources["validation-exercise"]] == [True, False]
    [conflict] = links.conflicts["validation-exercise"]
    assert conflict.message.endswith("vs curated 2016-06-27 to 2016-09-24")


@pytest.mark.parametrize(
    "value,type_,mod,agrees",
    [
        ("2020-04", "DATE", None, True),
        ("2020-04-12T09:00", "TIME", None, True),
        ("2021", "DATE", None, False),
        ("2021", "DATE", "BEFORE", True),
        ("2019", "DATE", "AFTER", True),
        ("P17M", "DURATION", None, None),
        ("PRESENT_REF", "DATE", None, None),
        ("XXXX-04", "DATE", None, None),
    ],
)
def test_agreement(value: str, type_: str, mod: str | None, agrees: bool | None) -> None:
    text = "The leaked report was dated WHEN here."
    t = timex_at(text, "WHEN", value, type_, mod=mod)
    [source] = Linker([LEAK]).link_document(doc(text), [(0, len(text))], [t]).sources[LEAK.id]
    assert source.agrees is agrees
    assert (source.timex is None) is (agrees is None)


def test_nearest_placeable_timex_wins() -> None:
    text = "In 2016 people spoke; by April 2020 the leaked report was out, 17 months on."
    far = timex_at(text, "2016", "2016")
    near = timex_at(text, "April 2020", "2020-04")
    duration = timex_at(text, "17 months", "P17M", "DURATION")
    links = Linker([LEAK]).link_document(doc(text), [(0, len(text))], [far, near, duration])
    source = links.sources[LEAK.id][0]
    assert source.timex is not None and source.timex.text == "April 2020"


def test_a_date_belongs_to_the_nearest_of_two_events() -> None:
    election = EventSpec(
        id="election", title="zzz", date="2017-06-08", aliases=["2017 general election"]
    )
    text = "More in the leaked report: a plot to lose the 2017 general election."
    t = timex_at(text, "2017", "2017")
    links = Linker([LEAK, election]).link_document(doc(text), [(0, len(text))], [t])
    [leak_source] = links.sources[LEAK.id]
    [election_source] = links.sources["election"]
    assert (leak_source.timex, leak_source.agrees) == (None, None)
    assert election_source.agrees is True
    assert links.conflicts == {}


def test_comment_section_and_unlinked_dated_sentences() -> None:
    text = "Body about 2017 polls.\nComments\nJust like yesterday's Corbyn suspension."
    body_end = text.index("Comments")
    y = timex_at(text, "yesterday", "2020-10-29", anchor="publication")
    t = timex_at(text, "2017", "2017")
    d = doc(text, body_end=body_end)
    links = Linker([SUSPENSION]).link_document(d, split_sentences(text), [t, y], mentions=True)
    [source] = links.sources[SUSPENSION.id]
    assert source.section == "comment" and source.agrees is True
    [dated] = links.unlinked
    assert (dated.quote, dated.section) == ("Body about 2017 polls.", "body")
    assert [m[4] for m in links.mentions] == [[], [SUSPENSION.id]]


def test_unplaceable_dates_are_not_candidates() -> None:
    text = "In April things happened. For 17 months nothing did."
    tx = [timex_at(text, "April", "XXXX-04"), timex_at(text, "17 months", "P17M", "DURATION")]
    links = Linker([]).link_document(doc(text), split_sentences(text), tx, mentions=True)
    assert links.unlinked == []
    assert len(links.mentions) == 2
    assert Linker([]).link_document(doc(text), split_sentences(text), tx).mentions == []


def test_publication_day_and_times_of_day_are_kept_as_evidence_but_bare_dates_are_not() -> None:
    text = "Support us today.\n1998\nIn 1998 a bomb went off.\nShots rang out last night."
    today = timex_at(text, "today", "2020-08", anchor="publication", anchor_value="2020-08")
    bare = Timex(18, 22, "1998", "DATE", "1998")
    year = timex_at(text, "In 1998", "1998")
    night = timex_at(text, "last night", "2020-07-31TNI", "TIME", anchor="publication")
    links = Linker([]).link_document(doc(text), split_sentences(text), [today, bare, year, night])
    assert [(d.quote, [t.value for t in d.timexes]) for d in links.unlinked] == [
        ("Support us today.", ["2020-08"]),
        ("In 1998 a bomb went off.", ["1998"]),
        ("Shots rang out last night.", ["2020-07-31TNI"]),
    ]


def test_a_publication_day_restated_after_an_event_is_not_a_source_of_it() -> None:
    text = "Keir Starmer suspended Jeremy Corbyn. It was confirmed today."
    today = timex_at(text, "today", "2020-10-29", anchor="publication", anchor_value="2020-10-29")
    links = Linker([SUSPENSION]).link_document(doc(text), split_sentences(text), [today])
    assert len(links.sources[SUSPENSION.id]) == 1
    assert [d.quote for d in links.unlinked] == ["It was confirmed today."]


def test_day_value_drops_the_time_of_day_only() -> None:
    assert [day_value(v) for v in ("2011-02-17TNI", "2011-02-17T14:07", "2011-W07", "2011")] == [
        "2011-02-17",
        "2011-02-17",
        "2011-W07",
        "2011",
    ]


def test_timex_ref_without_anchor() -> None:
    ref = timex_ref(Timex(3, 7, "2016", "DATE", "2016"))
    assert (ref.start, ref.end, ref.value, ref.anchor) == (3, 7, "2016", None)


# --------------------------------------------------------------------------- context links

FORDE = EventSpec(
    id="forde-report", title="The Forde report", date="2022-07-19", aliases=["Forde Inquiry"]
)


@pytest.mark.parametrize(
    "text,linked",
    [
        # A pronoun in the opening words refers back to the event of the paragraph.
        ("The Forde Inquiry was shelved. Published in July, it found racism.", True),
        # "the" + a word of the event's aliases does too.
        ("The Forde Inquiry was shelved. In July the inquiry found racism.", True),
        # A new paragraph breaks the thread.
        ("The Forde Inquiry was shelved.\nPublished in July, it found racism.", False),
        # No back-reference: a dated sentence about something else stays a candidate.
        ("The Forde Inquiry was shelved. In July the weather turned.", False),
    ],
)
def test_a_dated_sentence_continuing_a_paragraph_links_by_context(text: str, linked: bool) -> None:
    t = timex_at(text, "July", "2022-07", anchor="publication", anchor_value="2022-10")
    links = Linker([FORDE]).link_document(doc(text), split_sentences(text), [t])
    sources = links.sources["forde-report"]
    context = [s for s in sources if s.via == "context"]
    if linked:
        [source] = context
        assert source.timex is not None and source.timex.text == "July"
        assert source.agrees is True
        assert links.unlinked == []
    else:
        assert context == []
        assert sources[0].via == "alias"


def test_a_dismissed_disagreement_is_no_conflict_but_stays_listed() -> None:
    text = "A second round of 2015\u2019s vetting began. The leaked report came out in 2019."
    spec = LEAK.model_copy(
        update={
            "dismissed": [
                Dismissal(doc="000", quote="came out in 2019", reason="the draft, not the leak")
            ]
        }
    )
    t = timex_at(text, "2019", "2019")
    links = Linker([spec]).link_document(doc(text), split_sentences(text), [t])
    [source] = links.sources["labour-report-leak"]
    assert source.agrees is False
    assert source.dismissed == "the draft, not the leak"
    assert "labour-report-leak" not in links.conflicts


@pytest.mark.parametrize(
    "doc_id,quote,hit",
    [
        ("001", "second round of 2015's", True),  # straight apostrophe finds a curly one
        ("001", "SECOND   round", True),
        ("002", "second round", False),
        ("001", "third round", False),
    ],
)
def test_dismissal_matching(doc_id: str, quote: str, hit: bool) -> None:
    d = Dismissal(doc=doc_id, quote=quote)
    assert d.matches("001", "A second round of 2015\u2019s \u201cTrot hunt\u201d.") is hit


@given(st.text(alphabet=st.sampled_from("aZ é\u0130\u212aÉñ.Σ"), max_size=12))
def test_folding_lowers_and_takes_accents_off_ascii_and_other_text_alike(text: str) -> None:
    assert folded(text) == text.lower().translate(_FOLD)
    assert folded("Élection à Zürich") == "election a zurich"
