"""The extract stage: a document's temporal expressions and sentences, as :class:`Extraction`.

Pure: :func:`extract_document` reads nothing but its argument. Its input is the document's
text, publication date, date order and where reader comments start (:func:`extraction_key`
digests exactly that); its code is the tagger package (word lists included), the sentence
splitter and this module (:data:`CODE_MODULES`).

Reference time. A document's relative dates ("in April", "yesterday") are resolved against its
``published`` date. A document without one is first tagged without a reference time; the
latest explicit past date its body mentions becomes an estimate ("published no earlier than",
see ``timeline.published``), marked ``dct_estimated``, and the document is tagged again
against it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from operator import itemgetter
from typing import Any, Literal, get_args

from . import temporal
from .link import SentenceSpan, split_sentences
from .models import Document
from .published import estimate_published
from .store import input_digest
from .temporal.timex import AnchorKind, Timex, TimexKind

STAGE = "extract"
CODE_MODULES = (
    "timeline.temporal",
    "timeline.link",
    "timeline.dates",
    "timeline.published",
    "timeline.extract",
)
MODE: Literal["news", "narrative"] = "news"

# The fields of a document the stage reads: (text, published, day_first, body_end, language).
ExtractInput = tuple[str, str | None, bool, int | None, str]


_FIELDS = len(Timex._fields)
new_stored_timex = partial(tuple.__new__, Timex)  # Timex(*row), from C


def timex_row(t: Timex) -> list[Any]:
    """A timex as stored: a JSON-ready row of its fields."""
    return list(t)


_KINDS = frozenset(get_args(TimexKind))
_ANCHORS = frozenset(get_args(AnchorKind)) | {None}
_INT, _STR = frozenset({int}), frozenset({str})
_OPTIONAL_STR, _OPTIONAL_INT = frozenset({str, type(None)}), frozenset({int, type(None)})


def _typed(rows: list[Any]) -> bool:
    """Every field of every row has its type (map/itemgetter: no Python call per row)."""

    def types(i: int) -> set[type]:
        return set(map(type, map(itemgetter(i), rows)))

    return (
        types(0) <= _INT
        and types(1) <= _INT
        and types(2) <= _STR
        and types(4) <= _STR
        and types(5) <= _OPTIONAL_STR
        and types(7) <= _OPTIONAL_STR
        and types(8) <= _OPTIONAL_INT
        and types(3) <= _STR
        and set(map(itemgetter(3), rows)) <= _KINDS
        and set(map(itemgetter(6), rows)) <= _ANCHORS
    )


def timexes_from_rows(rows: Any) -> tuple[Timex, ...]:
    """Stored rows back as timexes; raises ValueError on anything malformed."""
    if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
        raise ValueError("malformed timex rows")
    if set(map(len, rows)) - {_FIELDS} or not _typed(rows):
        raise ValueError("malformed timex rows")
    return tuple(map(new_stored_timex, rows))


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the extract stage computes once per document version."""

    dct: str | None
    dct_estimated: bool
    timexes: tuple[Timex, ...]
    sentences: tuple[SentenceSpan, ...]

    def to_json(self) -> dict[str, Any]:
        """A compact JSON-ready form (timexes as rows, sentences as a flat offset list)."""
        return {
            "dct": self.dct,
            "estimated": self.dct_estimated,
            "timexes": [timex_row(t) for t in self.timexes],
            "sentences": [n for span in self.sentences for n in span],
        }

    @classmethod
    def made(cls, data: dict[str, Any]) -> Extraction:
        """The extraction of :func:`extract_json`'s output, as it comes from this process or a
        worker (made by the stage's own code: not checked again, unlike a stored entry)."""
        flat = data["sentences"]
        timexes = tuple(map(new_stored_timex, data["timexes"]))
        sentences = tuple(zip(flat[0::2], flat[1::2], strict=True))
        return cls(data["dct"], data["estimated"], timexes, sentences)

    @classmethod
    def from_json(cls, data: Any) -> Extraction:
        """The inverse of :meth:`to_json`; raises ValueError on anything malformed."""
        try:
            flat, rows, dct = data["sentences"], data["timexes"], data["dct"]
            if not (isinstance(flat, list) and len(flat) % 2 == 0):
                raise ValueError("malformed entry")
            if not set(map(type, flat)) <= {int}:
                raise ValueError("malformed entry")
            if dct is not None and not isinstance(dct, str):
                raise ValueError("malformed entry")
            timexes = timexes_from_rows(rows)
            sentences = tuple(zip(flat[0::2], flat[1::2], strict=True))
            return cls(dct, bool(data["estimated"]), timexes, sentences)
        except (KeyError, TypeError, IndexError) as e:
            raise ValueError("malformed entry") from e


def extract_input(doc: Document) -> ExtractInput:
    """The fields of ``doc`` the stage reads (what goes to a worker process)."""
    return doc.text, doc.meta.published, doc.meta.day_first, doc.body_end, doc.meta.language


def extraction_key(doc: Document) -> str:
    """The digest of the stage's input (the text by its SHA-256) and of the tagger's rules."""
    meta = doc.meta
    return input_digest(
        doc.text_digest(),
        meta.published,
        MODE,
        str(meta.day_first),
        str(doc.body_end),
        meta.language,
        temporal.rules_digest(),
    )


def extract_json(given: ExtractInput) -> dict[str, Any]:
    """The stage itself, as the JSON form of its :class:`Extraction` (what the store keeps and
    what a worker process sends back)."""
    text, dct, day_first, body_end, language = given
    estimated = False
    if dct is None:
        first = temporal.tag(text, None, mode=MODE, dayfirst=day_first, language=language)
        # The estimate reads only the text and where the body ends: no validation needed.
        shell = Document.model_construct(id="", path="", sha256="", text=text, body_end=body_end)
        dct = estimate_published(shell, first)
        estimated = dct is not None
    timexes = temporal.tag(text, dct, mode=MODE, dayfirst=day_first, language=language)
    return Extraction(dct, estimated, tuple(timexes), tuple(split_sentences(text))).to_json()


def load_tagger() -> None:
    """Load the tagger and compile its grammar in this process (worker processes forked from
    it then start with it compiled)."""
    temporal.tag("On 1 May 2020.", None, mode=MODE)


def extract_document(doc: Document) -> Extraction:
    """The extraction of one document."""
    return Extraction.made(extract_json(extract_input(doc)))
