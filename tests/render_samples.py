# ruff: noqa: RUF001 - quotes from the articles keep their typographic punctuation
"""Timelines built by hand for the page and export tests.

``seed_timeline`` mirrors what ``timeline build`` makes of the seed corpus: the events named in
../shared/seeds/README.md with quotes and offsets taken from the real articles in corpus/.
``hostile_timeline`` carries markup and script URLs in every string a reader can see.
"""

from __future__ import annotations

from pathlib import Path

from timeline.models import (
    Anchor,
    Conflict,
    CorpusSource,
    DateInfo,
    DocumentInfo,
    ReferenceSource,
    Summary,
    Timeline,
    TimelineEvent,
    TimexRef,
)

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"

SEED_DOCS = {
    "000_f9cfd8c1c008ccdb": ("5Pillars", "2022-10", "Vaseem Ahmed says he will never vote Labour"),
    "001_8dc0db9dbabbc171": ("Labour Heartlands", "2020-08", "Diane Abbott Calls For Publication"),
    "002_fdc82da32448117d": ("Red Revolution Media", "2019-03", "Labour Friends of Israel"),
    "003_181a5cc54984c10d": ("The Canary", "2020-10-30", "Keir Stalin has launched a purge"),
}


def _text(doc: str) -> str:
    return (CORPUS / f"{doc}.txt").read_text(encoding="utf-8")


def corpus_source(
    doc: str,
    sentence: str,
    *,
    phrase: str | None = None,
    value: str | None = None,
    anchor: Anchor | None = None,
    agrees: bool | None = None,
    section: str = "body",
    mod: str | None = None,
) -> CorpusSource:
    """A source quoting ``sentence`` of ``doc``, offsets found in the real text."""
    text = _text(doc)
    start = text.index(sentence)
    timex = None
    if phrase is not None and value is not None:
        at = text.index(phrase, start)
        timex = TimexRef(
            start=at, end=at + len(phrase), text=phrase, value=value, mod=mod, anchor=anchor
        )
    return CorpusSource(
        doc=doc,
        start=start,
        end=start + len(sentence),
        quote=sentence,
        timex=timex,
        agrees=agrees,
        section="comment" if section == "comment" else "body",
    )


def _event(
    id: str,
    title: str,
    value: str,
    *,
    end: str | None = None,
    kind: str = "curated",
    mod: str | None = None,
    tags: list[str] | None = None,
    summary: str = "",
    sources: list[CorpusSource | ReferenceSource] | None = None,
    conflicts: list[Conflict] | None = None,
) -> TimelineEvent:
    return TimelineEvent(
        id=id,
        title=title,
        kind="candidate" if kind == "candidate" else "curated",
        date=DateInfo.of(value, mod),
        end_date=DateInfo.of(end) if end else None,
        tags=tags or [],
        summary=summary,
        sources=list(sources or []),
        conflicts=list(conflicts or []),
    )


def _documents() -> list[DocumentInfo]:
    docs = []
    for doc, (publisher, published, title) in SEED_DOCS.items():
        docs.append(
            DocumentInfo(
                id=doc,
                path=f"{doc}.txt",
                title=title,
                publisher=publisher,
                published=published,
                published_estimated=True,
                sha256="0" * 64,
            )
        )
    return docs


def seed_timeline() -> Timeline:
    """The seed story, by hand: five named events, context and candidates."""
    pub = Anchor(kind="publication", value="2022-10")
    forde_quote = (
        "Published in July, it found that there is an overt and underlying culture of "
        "racism among party staff."
    )
    leak_sentence = (
        "The leaked 860-page report emerged in April, just after Keir Starmer became Labour "
        "leader, reigniting party splits by claiming that Corbyn’s chances of success were "
        "scuppered by disgruntled party elements."
    )
    d1, d0, d3 = (
        "001_8dc0db9dbabbc171",
        "000_f9cfd8c1c008ccdb",
        "003_181a5cc54984c10d",
    )
    election_quote = (
        "There is much much more in the leaked report, most damning is what appears to be a "
        "conspiracy to lose the 2017 general election."
    )
    events = [
        _event(
            "validation-exercise",
            "Labour's social-media “validation” vetting exercise",
            "2016-06-27",
            end="2016-09-24",
            tags=["party-machinery"],
            summary="Compliance staff vetted members' social media before the leadership vote.",
            sources=[
                ReferenceSource(
                    publisher="Labour Party (leaked)",
                    title="The work of the Labour Party's Governance and Legal Unit in relation "
                    "to antisemitism, 2014–2019",
                    date="2020-04",
                ),
                corpus_source(
                    d1,
                    "As well as Twitter, staff specifically scraped Facebook with what was "
                    "called “new stasi system”, that would record who were fans of particular "
                    "pages and scrape Facebook comments from those pages.",
                ),
                corpus_source(
                    d1,
                    "Though formally under Buckingham (who continued to work part-time), and "
                    "despite having started in his role just days earlier, on 27 June 2016, Sam "
                    "Matthews, newly appointed Compliance Officer was tasked with "
                    "“co-ordinating this on a day-to-day Basis”.",
                    phrase="27 June 2016",
                    value="2016-06-27",
                    agrees=True,
                ),
            ],
        ),
        _event(
            "general-election-2017",
            "UK general election",
            "2017-06-08",
            tags=["elections"],
            summary="Labour gained seats but did not win.",
            sources=[
                ReferenceSource(
                    publisher="House of Commons Library",
                    title="General Election 2017: results and analysis (CBP-7979)",
                    url="https://commonslibrary.parliament.uk/research-briefings/cbp-7979/",
                    date="2017-06-29",
                ),
                corpus_source(d1, election_quote, phrase="2017", value="2017", agrees=True),
            ],
        ),
        _event(
            "leaked-report",
            "The leaked 860-page report",
            "2020-04-12",
            tags=["leaks"],
            summary="An internal report on the Governance and Legal Unit reaches the press.",
            sources=[
                ReferenceSource(
                    publisher="Sky News",
                    title="Leaked Labour report",
                    url="https://news.sky.com/",
                    date="2020-04-12",
                ),
                corpus_source(
                    d1,
                    leak_sentence,
                    phrase="in April",
                    value="2020-04",
                    anchor=Anchor(kind="publication", value="2020-08"),
                    agrees=True,
                ),
            ],
        ),
        _event(
            "corbyn-suspended",
            "Jeremy Corbyn suspended from the Labour Party",
            "2020-10-29",
            tags=["discipline"],
            summary="Suspended the day the EHRC report was published.",
            sources=[
                ReferenceSource(
                    publisher="BBC News",
                    title="Jeremy Corbyn suspended from Labour over anti-Semitism report",
                    url="https://www.bbc.co.uk/news/uk-politics-54730425",
                    date="2020-10-29",
                ),
                corpus_source(
                    d3,
                    "Keir Starmer has suspended Jeremy Corbyn from the Labour party, despite a "
                    "17-month investigation by the EHRC finding no evidence of antisemitism "
                    "attributable to the former leader.",
                ),
                corpus_source(
                    d3,
                    "Just like yesterday’s suspension.",
                    phrase="yesterday",
                    value="2020-10-29",
                    anchor=Anchor(kind="publication", value="2020-10-30"),
                    agrees=True,
                    section="comment",
                ),
            ],
        ),
        _event(
            "forde-report",
            "The Forde report is published",
            "2022-07-19",
            tags=["inquiries"],
            summary="Martin Forde QC's inquiry into the leaked report.",
            sources=[
                ReferenceSource(
                    publisher="Labour Party",
                    title="The Forde Report",
                    url="https://www.forde-inquiry.com/",
                    date="2022-07-19",
                ),
                corpus_source(
                    d0, forde_quote, phrase="July", value="2022-07", anchor=pub, agrees=True
                ),
            ],
        ),
        _event(
            "eu-referendum",
            "EU referendum",
            "2016-06-23",
            tags=["elections"],
            sources=[
                ReferenceSource(publisher="Electoral Commission", title="EU referendum results")
            ],
        ),
        _event(
            "the-lobby",
            "Al Jazeera's “The Lobby”",
            "2017-01",
            tags=["media"],
            sources=[ReferenceSource(publisher="Al Jazeera", title="The Lobby")],
        ),
        _event(
            "williamson-suspended",
            "Chris Williamson suspended",
            "2019-02-27",
            tags=["discipline"],
            sources=[ReferenceSource(publisher="BBC News", title="Chris Williamson suspended")],
        ),
        _event(
            "labour-files",
            "Al Jazeera's “The Labour Files”",
            "2022-09",
            tags=["media"],
            sources=[ReferenceSource(publisher="Al Jazeera", title="The Labour Files")],
        ),
        _event(
            "monday-club",
            "Iain Duncan Smith cuts the Monday Club's links",
            "2001-10",
            mod="APPROX",
            tags=["context"],
            sources=[ReferenceSource(publisher="BBC News", title="Tories cut Monday Club links")],
        ),
        _event(
            "candidate-2015",
            "2015’s “Trot hunt”",
            "2015",
            kind="candidate",
            sources=[
                corpus_source(
                    d1,
                    "It was in this context that the Governance and Legal Unit led on a highly "
                    "controversial operation to “vet” members and supporters by examining "
                    "their social media feeds – a second round of 2015’s “Trot hunt”, "
                    "officially called “Validation”.",
                    phrase="2015",
                    value="2015",
                )
            ],
        ),
        _event(
            "candidate-2016-07-01",
            "He noted on 1 July that “the goal is… [to] investigate and refer",
            "2016-07-01",
            kind="candidate",
            sources=[
                corpus_source(
                    d1,
                    "He noted on 1 July that “the goal is… [to] investigate and refer as many "
                    "as possible within the time scale we’ve got”.",
                    phrase="1 July",
                    value="2016-07-01",
                    anchor=Anchor(kind="narrative", value="2016-06-27", start=0),
                )
            ],
        ),
    ]
    summary = Summary(
        documents=4,
        timexes=40,
        events=sum(e.kind == "curated" for e in events),
        candidates=sum(e.kind == "candidate" for e in events),
        conflicts=0,
    )
    return Timeline(events=events, documents=_documents(), summary=summary)


HOSTILE_TITLE = "</script><script>alert(1)</script>"
HOSTILE_QUOTE = "It says </script><img src=x onerror=alert(1)> on 3 May 2019 <b>bold</b> & more"


def hostile_timeline() -> Timeline:
    """Markup and script URLs in every field a reader sees."""
    doc = DocumentInfo(
        id="evil",
        path="evil.txt",
        title="<img src=x onerror=alert(2)>",
        publisher="\u2028</style><script>alert(3)</script>",
        url="javascript:alert(1)",
        published="2019-05",
        sha256="1" * 64,
    )
    quote = HOSTILE_QUOTE
    at = quote.index("3 May 2019")
    source = CorpusSource(
        doc="evil",
        start=100,
        end=100 + len(quote),
        quote=quote,
        timex=TimexRef(start=100 + at, end=100 + at + 10, text="3 May 2019", value="2019-05-03"),
        agrees=False,
    )
    event = TimelineEvent(
        id="evil-event",
        title=HOSTILE_TITLE,
        kind="curated",
        date=DateInfo.of("2019-05-01"),
        tags=["<svg onload=alert(4)>"],
        summary="<iframe src=javascript:alert(5)></iframe>",
        sources=[
            source,
            ReferenceSource(
                publisher="<b onmouseover=alert(6)>x</b>",
                title="click me",
                url="javascript:alert(1)",
            ),
            ReferenceSource(
                publisher="Data", title="data url", url="data:text/html,<script>alert(7)</script>"
            ),
        ],
        conflicts=[
            Conflict(
                doc="evil",
                start=100,
                end=100 + len(quote),
                quote=quote,
                source_value="2019-05-03",
                curated_value="2019-05-01",
                message="</script><script>alert(8)</script> says 3 May 2019",
            )
        ],
    )
    other = TimelineEvent(
        id="plain",
        title="A plain event",
        kind="candidate",
        date=DateInfo.of("2019-06"),
    )
    return Timeline(events=[event, other], documents=[doc], summary=Summary(documents=1))


def many_events(n: int) -> Timeline:
    """``n`` dated events across four tags and two documents, every fifth one a candidate."""
    docs = [
        DocumentInfo(id=f"d{i}", path=f"d{i}.txt", title=f"Doc {i}", publisher=f"Pub {i}",
                     published="2020", sha256="0" * 64)
        for i in range(2)
    ]  # fmt: skip
    values = ["2019-03-{:02d}", "2019-{:02d}", "20{:02d}", "2018-SU"]
    events = []
    for i in range(n):
        form = values[i % len(values)]
        value = form.format(1 + i % 12) if "{" in form else form
        quote = f"Sentence {i} about the matter."
        events.append(
            TimelineEvent(
                id=f"e{i:05d}",
                title=f"Event number {i}",
                kind="candidate" if i % 5 == 0 else "curated",
                date=DateInfo.of(value),
                tags=[] if i % 5 == 0 else [["alpha", "beta", "gamma", "delta"][i % 4]],
                sources=[
                    CorpusSource(doc=f"d{(i // 4) % 2}", start=0, end=len(quote), quote=quote)
                ],
            )
        )
    return Timeline(events=events, documents=docs)


def ranked_sample(candidates: int = 240, sources: int = 300) -> Timeline:
    """One curated event quoted by ``sources`` documents, and ``candidates`` candidates whose
    saliences are all different (candidate ``j`` is referred to by ``(j * 37) % candidates + 1``
    documents, and its salience is that number), each listing one sentence of another
    document."""
    n_docs = sources + 100
    docs = [
        DocumentInfo(id=f"doc{i:03d}", path=f"doc{i:03d}.txt", title=f"Report {i} on the inquiry",
                     publisher=f"Paper {i % 7}", published="2019-06", sha256="0" * 64)
        for i in range(n_docs)
    ]  # fmt: skip

    def sentence(doc: int, text: str) -> CorpusSource:
        phrase = "3 May 2019"
        quote = f"{text} on {phrase}."
        at = quote.index(phrase)
        timex = TimexRef(start=at, end=at + len(phrase), text=phrase, value="2019-05-03")
        return CorpusSource(doc=f"doc{doc:03d}", start=0, end=len(quote), quote=quote, timex=timex)

    inquiry = _event(
        "big-inquiry",
        "The inquiry opens",
        "2019-05-03",
        tags=["inquiries"],
        sources=[sentence(i, f"Sentence {i} says the inquiry opened") for i in range(sources)],
    )
    events = [inquiry]
    for j in range(candidates):
        documents = (j * 37) % candidates + 1
        candidate = _event(
            f"candidate-{j:03d}",
            f"Candidate {j}",
            f"{2000 + j % 20}-{1 + j % 12:02d}-{1 + j % 28:02d}",
            kind="candidate",
            tags=["candidate"],
            sources=[sentence(sources + j % 100, f"Candidate sentence {j}")],
        )
        counts = {"salience": float(documents), "documents": documents, "sentences": 2 * documents}
        events.append(candidate.model_copy(update=counts))
    return Timeline(events=events, documents=docs, summary=Summary(documents=n_docs))
