"""Pydantic models for everything that crosses a file boundary.

Inputs: ``DocumentMeta`` (a document's front matter or sidecar) and ``EventSpec`` (one entry of
events.yaml). Output: ``Timeline``, the machine-readable timeline written by
``timeline build --json`` and read by the page and the exports. All models forbid unknown keys
so that a typo is an error, not a silently ignored field.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from .dates import Precision, Span, date_problem, span_of

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
# Where a document's publication date comes from: what the user wrote, what the page or file
# states about itself, or an estimate from the dates its body mentions.
PublishedFrom = Literal["metadata", "page", "file", "estimate"]


class Model(BaseModel):
    """Base: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid")


# --------------------------------------------------------------------------- inputs


class DocumentMeta(Model):
    """What a user writes about a document (YAML front matter or a ``.meta.yaml`` sidecar)."""

    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    url: str | None = None
    published: str | None = Field(
        default=None, description="TIMEX3 date value at its real precision: 2020-08, 2020-10-30"
    )
    published_estimated: bool = False
    day_first: bool = Field(
        default=False,
        description="numeric dates are day first: 04/05/2020 is 4 May (British usage); "
        "by default they are month first (5 April)",
    )
    language: str = "en"
    notes: str | None = None

    @field_validator("published", mode="before")
    @classmethod
    def _published_is_a_date(cls, v: object) -> object:
        if v is None:
            return v
        text = str(v)  # YAML reads 2020-10-30 as a date and 2020 as an int
        if span_of(text) is None:
            raise ValueError(f"'{text}' is not a date (use 2020-10-30, 2020-10 or 2020)")
        return text


class Document(Model):
    """One article of the corpus, decoded, with its metadata."""

    id: str = Field(description="file name without extension")
    path: str = Field(description="path relative to the corpus folder")
    text: str
    meta: DocumentMeta = Field(default_factory=DocumentMeta)
    sha256: str
    body_end: int | None = Field(
        default=None,
        description="offset where reader comments start (text after it is not the publisher's)",
    )
    pages: list[int] | None = Field(
        default=None, description="for a PDF: the offset where each page's text starts"
    )
    published_from: PublishedFrom | None = Field(
        default=None, description="where meta.published comes from (None: no date given)"
    )

    def sections(self) -> list[tuple[str, int, int]]:
        """``(kind, start, end)`` of the body and, when there is one, the comment section."""
        end = len(self.text)
        if self.body_end is None:
            return [("body", 0, end)]
        return [("body", 0, self.body_end), ("comment", self.body_end, end)]

    def text_digest(self) -> str:
        """The SHA-256 of the text (what the stages that read the text are keyed by)."""
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()


class Reference(Model):
    """An external source a reader can check."""

    publisher: str
    title: str
    url: str | None = None
    date: str | None = None

    @field_validator("date", mode="before")
    @classmethod
    def _date_to_text(cls, v: object) -> object:
        return None if v is None else str(v)


class Dismissal(Model):
    """A disagreement the curator has reviewed: the source's date is not about this event."""

    doc: str = Field(min_length=1, description="document id: the file name without extension")
    quote: str = Field(min_length=1, description="words of the sentence, enough to pick it out")
    reason: str = ""

    def matches(self, doc: str, quote: str) -> bool:
        """True for a sentence of ``doc`` that contains the quoted words (case and spacing
        folded)."""
        return doc == self.doc and _folded(self.quote) in _folded(quote)


def _folded(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").split())


class EventSpec(Model):
    """One curated event of events.yaml."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str = Field(min_length=1)
    date: str
    end: str | None = None
    mod: Literal["APPROX", "START", "MID", "END", "BEFORE", "AFTER"] | None = None
    aliases: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    summary: str = ""
    sources: list[Reference] = Field(default_factory=list)
    dismissed: list[Dismissal] = Field(default_factory=list)
    status: Literal["candidate"] | None = None

    @field_validator("date", "end", mode="before")
    @classmethod
    def _date_is_a_value(cls, v: object) -> object:
        if v is None:
            return v
        text = v.isoformat() if isinstance(v, date) else str(v)  # YAML: 2016-06-27, 2016
        if span_of(text) is None:
            raise ValueError(date_problem(text))
        return text

    @field_validator("end")
    @classmethod
    def _end_not_before_date(cls, v: str | None, info: ValidationInfo) -> str | None:
        start = info.data.get("date")
        if v is None or start is None:
            return v
        first, last = span_of(start), span_of(v)
        if first is not None and last is not None and last.last < first.first:
            raise ValueError(f"end '{v}' is before the start date '{start}'")
        return v

    def span(self) -> Span:
        """The days the event covers, from ``date`` to ``end``."""
        first = span_of(self.date)
        assert first is not None  # validated above
        last = span_of(self.end) if self.end else first
        assert last is not None
        return Span(self.date, first.first, last.last, first.precision)


# --------------------------------------------------------------------------- output


class DateInfo(Model):
    """A TIMEX3 date value with the first and last day it covers."""

    value: str
    start: str
    end: str
    precision: Precision
    mod: str | None = None

    @classmethod
    def of(cls, value: str, mod: str | None = None) -> DateInfo:
        """Build from a TIMEX3 value; raises ValueError when it names no days."""
        span = span_of(value)
        if span is None:
            raise ValueError(f"{value!r} is not a placeable date")
        return cls(
            value=value,
            start=span.first.isoformat(),
            end=span.last.isoformat(),
            precision=span.precision,
            mod=mod,
        )


class Anchor(Model):
    """What a relative or underspecified expression was resolved against."""

    kind: Literal["publication", "narrative", "none"]
    value: str | None = None
    start: int | None = Field(default=None, description="offset of the narrative date used")
    estimated: bool = Field(
        default=False,
        description="the publication date this was resolved against is an estimate",
    )


class TimexRef(Model):
    """A temporal expression as it appears in a source, offsets into the document."""

    start: int
    end: int
    text: str
    value: str
    type: TimexType = "DATE"
    mod: str | None = None
    anchor: Anchor | None = None


class ReferenceSource(Model):
    """An external reference from events.yaml."""

    kind: Literal["reference"] = "reference"
    publisher: str
    title: str
    url: str | None = None
    date: str | None = None


class CorpusSource(Model):
    """A sentence of a corpus document that mentions the event."""

    kind: Literal["corpus"] = "corpus"
    doc: str
    start: int
    end: int
    quote: str
    timex: TimexRef | None = None
    agrees: bool | None = None
    section: Literal["body", "comment"] = "body"
    dismissed: str | None = Field(
        default=None,
        description="set when the curator dismissed this source's disagreement: the reason",
    )
    page: int | None = Field(
        default=None, description="for a PDF: the page (from 1) the sentence is on"
    )
    via: Literal["alias", "context"] = Field(
        default="alias",
        description="alias: the sentence names the event; context: it continues a paragraph "
        "about the event and refers back to it ('Published in July, it found ...')",
    )


Source = Annotated[ReferenceSource | CorpusSource, Field(discriminator="kind")]


class Conflict(Model):
    """A corpus source whose date disagrees with the curated date."""

    doc: str
    start: int
    end: int
    quote: str
    source_value: str
    curated_value: str
    message: str


class TimelineEvent(Model):
    """A point or span on the timeline, with every source behind it."""

    id: str
    title: str
    kind: Literal["curated", "candidate"]
    date: DateInfo
    end_date: DateInfo | None = None
    tags: list[str] = Field(default_factory=list)
    summary: str = ""
    sources: list[Source] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
    salience: float | None = Field(
        default=None,
        description="candidates: how much the articles make of the date (higher is more "
        "salient); see timeline.salience",
    )
    documents: int | None = Field(
        default=None, description="candidates: distinct documents that mention the date"
    )
    sentences: int | None = Field(
        default=None, description="candidates: sentences that mention the date"
    )


class DocumentInfo(Model):
    """A corpus document as the page shows it."""

    id: str
    path: str
    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    url: str | None = None
    published: str | None = None
    published_estimated: bool = False
    published_from: PublishedFrom | None = None
    published_note: str | None = Field(
        default=None, description="how an estimated publication date was made"
    )
    language: str | None = None
    sha256: str


class Summary(Model):
    """The counts ``timeline build`` prints."""

    documents: int = 0
    timexes: int = 0
    events: int = 0
    candidates: int = 0
    conflicts: int = 0


class Timeline(Model):
    """The whole timeline: the JSON contract of ``timeline build --json``."""

    events: list[TimelineEvent] = Field(default_factory=list)
    documents: list[DocumentInfo] = Field(default_factory=list)
    summary: Summary = Field(default_factory=Summary)
