"""Curated events, candidates and the merged timeline (timeline.merge)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.link import DatedSentence, DocumentLinks
from timeline.merge import (
    candidate_id,
    curated_event,
    find_candidates,
    merge_timeline,
    trim_title,
)
from timeline.models import (
    Conflict,
    CorpusSource,
    DocumentInfo,
    EventSpec,
    Reference,
    ReferenceSource,
)
from timeline.temporal.timex import Timex

FORDE = EventSpec(
    id="forde-report",
    title="The Forde report is published",
    date="2022-07-19",
    tags=["inquiry"],
    summary="The report of the Forde inquiry.",
    sources=[Reference(publisher="Labour Party", title="The Forde Report", date="2022-07-19")],
)
VALIDATION = EventSpec(
    id="validation-exercise", title="Validation", date="2016-06-27", end="2016-09-24"
)


def source(doc: str, start: int, quote: str = "q") -> CorpusSource:
    return CorpusSource(doc=doc, start=start, end=start + len(quote), quote=quote)


def dated(
    doc: str, start: int, quote: str, *values: str, mod: str | None = None, at: int = 0
) -> DatedSentence:
    timexes = tuple(Timex(start + at, start + at + 4, v, "DATE", v, mod=mod) for v in values)
    return DatedSentence(doc, start, start + len(quote), "body", quote, timexes)


def conflict(doc: str) -> Conflict:
    return Conflict(
        doc=doc,
        start=0,
        end=1,
        quote="q",
        source_value="2019",
        curated_value="2022-07-19",
        message=doc,
    )


def info(doc: str) -> DocumentInfo:
    return DocumentInfo(id=doc, path=f"{doc}.txt", sha256="0" * 64)


# --------------------------------------------------------------------------- curated


def test_curated_event_has_references_then_corpus_sources_in_order() -> None:
    event = curated_event(FORDE, [source("001", 50), source("000", 90), source("000", 10)], [])
    assert event.kind == "curated"
    assert event.date.model_dump() == {
        "value": "2022-07-19",
        "start": "2022-07-19",
        "end": "2022-07-19",
        "precision": "day",
        "mod": None,
    }
    assert event.end_date is None
    assert isinstance(event.sources[0], ReferenceSource)
    assert event.sources[0].publisher == "Labour Party"
    assert [(s.doc, s.start) for s in event.sources[1:] if isinstance(s, CorpusSource)] == [
        ("000", 10),
        ("000", 90),
        ("001", 50),
    ]
    assert (event.tags, event.summary) == (["inquiry"], "The report of the Forde inquiry.")


def test_period_has_an_end_date_and_a_mod() -> None:
    spec = VALIDATION.model_copy(update={"mod": "START"})
    event = curated_event(spec, [], [])
    assert event.end_date is not None
    assert (event.end_date.value, event.end_date.end) == ("2016-09-24", "2016-09-24")
    assert event.date.mod == "START"


def test_unreviewed_entry_is_shown_as_candidate() -> None:
    spec = FORDE.model_copy(update={"status": "candidate"})
    assert curated_event(spec, [], []).kind == "candidate"


def test_conflicts_are_kept_in_document_order() -> None:
    c = [conflict(d) for d in ["002", "000"]]
    assert [x.doc for x in curated_event(FORDE, [], c).conflicts] == ["000", "002"]


# --------------------------------------------------------------------------- candidates


def test_candidates_are_grouped_by_date_and_ranked_by_salience() -> None:
    sentences = [
        dated("000", 10, "In 2015 one thing.", "2015"),
        dated("000", 40, "In 2015 another.", "2015"),
        dated("001", 10, "The raid on 3 March 2016 was the first.", "2016-03-03", at=11),
        dated("002", 10, "On 3 March 2016 the raid began.", "2016-03-03", at=3),
        dated("003", 50, "On 1 July 2016 he noted.", "2016-07-01"),
        dated("004", 50, "On 1 July 2016 she noted.", "2016-07-01"),
    ]
    published = {"000": "2017-01-02", "001": "2016-03-09", "002": "2016-04-01"}
    published |= {"003": "2016-07-01", "004": "2016-07-01"}
    candidates = find_candidates(sentences, published=published)
    # Two later days come back to 3 March; 1 July is only reported on the day; 2015 is a year.
    assert [c.date.value for c in candidates] == ["2016-03-03", "2016-07-01", "2015"]
    assert [(c.documents, c.sentences) for c in candidates] == [(2, 2), (2, 2), (1, 2)]
    saliences = [c.salience or 0.0 for c in candidates]
    assert saliences == sorted(saliences, reverse=True) and saliences[-1] > 0
    top = candidates[0]
    assert top.kind == "candidate" and top.tags == ["candidate"]
    assert top.title == "3 March 2016: The raid on 3 March 2016 was the first."
    assert all(isinstance(s, CorpusSource) and s.agrees is None for s in top.sources)


def test_a_copy_of_a_story_and_a_repeated_sentence_count_once() -> None:
    sentences = [
        dated(doc, 0, f"Rebels took the town on 3 March 2016 ({doc}).", "2016-03-03", at=23)
        for doc in ("000", "001", "002")
    ]
    published = dict.fromkeys(("000", "001", "002"), "2016-03-10")
    alone = find_candidates(sentences, published=published)[0].salience or 0.0
    copied = find_candidates(sentences, published=published, copies={"001": "000"})
    assert (copied[0].salience or 0.0) < alone
    assert copied[0].documents == 3
    same = [dated(doc, 0, "Rebels took it on 3 March 2016.", "2016-03-03") for doc in "abc"]
    repeated = find_candidates(same, published=dict.fromkeys("abc", "2016-03-10"))[0]
    assert repeated.salience == find_candidates(same[:1], published={"a": "2016-03-10"})[0].salience


def test_a_time_of_day_counts_for_its_day_and_a_stamp_for_nothing() -> None:
    night = Timex(17, 27, "last night", "TIME", "2016-03-02TNI", anchor="publication")
    sentences = [
        DatedSentence("000", 0, 28, "body", "Shots were heard last night.", (night,)),
        dated("001", 0, "2 March 2016 Last updated at 14:07 GMT", "2016-03-02"),
    ]
    [candidate] = find_candidates(sentences, published={"000": "2016-03-03", "001": "2016-03-02"})
    assert candidate.date.value == "2016-03-02" and candidate.sentences == 2
    assert candidate.title == "2 March 2016: Shots were heard last night."
    [stamp] = find_candidates(sentences[1:], published={"001": "2016-03-02"})
    assert stamp.salience == 0


def test_candidate_lists_a_bounded_number_of_sentences_sources_first() -> None:
    sentences = [dated("000", i * 10, f"In 2015 ({i}).", "2015") for i in range(5)]
    sentences += [dated(f"00{d}", 0, "Also 2015.", "2015") for d in (1, 2)]
    [candidate] = find_candidates(sentences, max_sources=4)
    shown = [s.doc for s in candidate.sources if isinstance(s, CorpusSource)]
    assert sorted(shown[:3]) == ["000", "001", "002"] and shown[3] == "000"
    assert candidate.summary == "7 sentences in 3 documents; the 4 most representative are listed"
    [everything] = find_candidates(sentences, max_sources=None)
    assert len(everything.sources) == 7
    assert everything.summary == "7 sentences in 3 documents"


def test_a_sentence_with_two_dates_supports_two_candidates() -> None:
    candidates = find_candidates([dated("000", 0, "Between 2015 and 2017.", "2015", "2017")])
    assert sorted(c.date.value for c in candidates) == ["2015", "2017"]


def test_mod_separates_candidates() -> None:
    a = find_candidates([dated("000", 0, "The end of June 2016.", "2016-06", mod="END")])
    b = find_candidates([dated("000", 0, "June 2016.", "2016-06")])
    assert a[0].id != b[0].id
    assert a[0].title.startswith("end of June 2016: ")


def test_candidate_ids_are_stable_and_valid() -> None:
    first = find_candidates([dated("000", 0, "In 2017.", "2017")])[0].id
    again = find_candidates([dated("009", 5, "Also 2017.", "2017")])[0].id
    assert first == again == candidate_id("2017", None)
    assert first.startswith("candidate-2017-")
    spec = EventSpec(id=candidate_id("2016-SU", None), title="t", date="2016")
    assert spec.id.startswith("candidate-2016-su-")


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Short sentence.", "Short sentence."),
        ("Line\nbreaks   and  spaces", "Line breaks and spaces"),
        ("word " * 30, " ".join(["word"] * 15) + "\u2026"),
        ("a" * 100, "a" * 79 + "\u2026"),
        ("Cut here, " + "x" * 75, "Cut here\u2026"),
    ],
)
def test_trim_title(text: str, expected: str) -> None:
    assert trim_title(text) == expected


@given(st.text(max_size=300))
def test_trimmed_titles_are_short(text: str) -> None:
    assert len(trim_title(text)) <= 80


# --------------------------------------------------------------------------- timeline


def test_merged_timeline_is_sorted_and_counted() -> None:
    links = [
        DocumentLinks(
            sources={"forde-report": [source("000", 5)]},
            conflicts={"forde-report": [conflict("000")]},
            unlinked=[dated("000", 100, "Back in 2016 it began.", "2016")],
        ),
        DocumentLinks(
            sources={"validation-exercise": [source("001", 7)]},
            unlinked=[
                dated("001", 3, "In 2016 too.", "2016"),
                dated("001", 9, "And 2022.", "2022"),
            ],
        ),
    ]
    timeline = merge_timeline([FORDE, VALIDATION], links, [info("001"), info("000")], timexes=9)
    assert [(e.date.start, e.kind) for e in timeline.events] == [
        ("2016-01-01", "candidate"),
        ("2016-06-27", "curated"),
        ("2022-01-01", "candidate"),
        ("2022-07-19", "curated"),
    ]
    assert timeline.summary.model_dump() == {
        "documents": 2,
        "timexes": 9,
        "events": 2,
        "candidates": 2,
        "conflicts": 1,
    }
    assert [d.id for d in timeline.documents] == ["000", "001"]
    forde = next(e for e in timeline.events if e.id == "forde-report")
    assert len(forde.sources) == 2 and len(forde.conflicts) == 1


def test_same_day_sorts_by_kind_then_id() -> None:
    links = [DocumentLinks(unlinked=[dated("000", 0, "On 19 July 2022.", "2022-07-19")])]
    other = FORDE.model_copy(update={"id": "a-first"})
    timeline = merge_timeline([FORDE, other], links, [info("000")], timexes=1)
    assert [e.id for e in timeline.events][1:] == ["a-first", "forde-report"]
    assert timeline.events[0].kind == "candidate"


def test_merge_is_deterministic() -> None:
    links = [DocumentLinks(unlinked=[dated("000", 0, "In 2015 and 2017.", "2015", "2017")])]
    a = merge_timeline([FORDE], links, [info("000")], timexes=2).model_dump_json()
    b = merge_timeline([FORDE], list(reversed(links)), [info("000")], timexes=2).model_dump_json()
    assert a == b
