"""Publication-date estimates (timeline.published): body only, past dates only, and marked."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline import pipeline, temporal
from timeline.models import CorpusSource, Document, DocumentMeta
from timeline.published import estimate_published, page_of, refers_to_the_past


def _doc(text: str, body_end: int | None = None) -> Document:
    return Document(id="x", path="x.txt", text=text, meta=DocumentMeta(), sha256="0" * 64,
                    body_end=body_end)  # fmt: skip


def _estimate(text: str, body_end: int | None = None) -> str | None:
    doc = _doc(text, body_end)
    return estimate_published(doc, temporal.tag(doc.text, None))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The council met on 3 May 2020. Emissions must fall by 2030.", "2020-05-03"),
        ("The council met on 3 May 2020. The plan will run to 2040.", "2020-05-03"),
        ("The council met on 3 May 2020.\n\n© 2023 The Daily Example. All rights reserved.",
         "2020-05-03"),
        ("It opened in 2018. It is expected to close in March 2031.", "2018"),
        ("It opened in 2018. Staff stayed until the end of 2029.", "2018"),
        ("The vote was in June 2016, the count on 24 June 2016.", "2016-06-24"),
        ("Nothing dated at all.", None),
    ],
    ids=["deadline", "will", "copyright", "expected-to", "until", "latest-and-most-precise",
         "none"],
)  # fmt: skip
def test_the_estimate_is_the_latest_past_date_of_the_body(text: str, expected: str | None) -> None:
    assert _estimate(text) == expected


def test_reader_comments_do_not_count() -> None:
    body = "The council met on 3 May 2020.\n\n"
    text = body + "Comments\n\nI was there on 9 June 2021.\n"
    assert _estimate(text, body_end=len(body)) == "2020-05-03"


def test_a_sentence_boundary_ends_the_look_back() -> None:
    text = "Sales will grow. It closed on 3 May 2020."
    assert refers_to_the_past(text, text.index("3 May"))


def test_dates_resolved_against_an_estimate_are_marked_in_the_json(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "The inquiry report came out on 19 July 2022. The panel met in April.\n", "utf-8"
    )
    (tmp_path / "events.yaml").write_text("events: []\n", encoding="utf-8")
    timeline = pipeline.build_timeline(corpus, tmp_path / "events.yaml")
    (doc,) = timeline.documents
    assert (doc.published, doc.published_estimated, doc.published_from) == (
        "2022-07-19",
        True,
        "estimate",
    )
    assert doc.published_note is not None and doc.published_note.startswith("no earlier than")
    anchors = [
        s.timex.anchor
        for e in timeline.events
        for s in e.sources
        if isinstance(s, CorpusSource) and s.timex is not None and s.timex.anchor is not None
    ]
    assert anchors and all(a.estimated for a in anchors if a.kind == "publication")


def test_a_pdf_source_knows_its_page() -> None:
    assert [page_of([0, 10, 25], offset) for offset in (0, 9, 10, 24, 25, 99)] == [1, 1, 2, 2, 3, 3]
