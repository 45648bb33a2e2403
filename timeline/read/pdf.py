"""PDF reports through pypdf: the text layer page by page, and the document information.

pypdf is pure Python (nothing to compile, nothing downloaded), maintained, typed, and reads
the text layer and the information dictionary, which is all a reader needs here. A page's
text starts at the offset recorded in ``pages``, so a source can say "p. 12". Title and
author come from the information dictionary, the creation date is the publication date
(marked as taken from the file). A PDF without a text layer (a scan) gives no text.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PyPdfError

logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # it logs every repaired oddity

# A malformed file makes the parser fail in many ways; each is "cannot be read", not a crash.
_BROKEN = (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError)


class UnreadablePdf(ValueError):
    """The file is not a PDF pypdf can open (damaged, or encrypted with a password)."""


@dataclass(slots=True)
class PdfReading:
    """The text layer of a PDF, the offset of each page and its information dictionary."""

    text: str
    pages: list[int]
    meta: dict[str, Any] = field(default_factory=dict)


def read_pdf(raw: bytes) -> PdfReading:
    """The text and metadata of a PDF; ``text`` is empty for a scan without a text layer.

    Raises:
        UnreadablePdf: the file cannot be opened.
    """
    try:
        reader = PdfReader(BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadablePdf("encrypted with a password")
        texts = [_page_text(page) for page in reader.pages]
        meta = _info(reader)
    except _BROKEN as e:
        raise UnreadablePdf(str(e) or type(e).__name__) from e
    pages: list[int] = []
    text = ""
    for page_text in texts:
        pages.append(len(text))
        if page_text:
            text += page_text + "\n\n"
    if not text.strip():
        return PdfReading("", [], meta)
    return PdfReading(text, pages, meta)


def _page_text(page: Any) -> str:
    """One page's text, one paragraph a line (hyphenation at line ends kept as printed)."""
    lines = (" ".join(line.split()) for line in page.extract_text().splitlines())
    return "\n".join(line for line in lines if line)


def _info(reader: PdfReader) -> dict[str, Any]:
    info = reader.metadata
    if info is None:
        return {}
    meta: dict[str, Any] = {}
    for key, value in (("title", info.title), ("author", info.author)):
        if isinstance(value, str) and value.strip():
            meta[key] = " ".join(value.split())
    created = _pdf_date(info.get("/CreationDate"))
    if created is not None:
        meta["published"] = created
    return meta


_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")


def _pdf_date(value: object) -> str | None:
    """``2022-07-19`` from a PDF date ``D:20220719101500+01'00'``, at the precision given."""
    m = _PDF_DATE.match(str(value).strip()) if value is not None else None
    if m is None:
        return None
    year, month, day = m.groups()
    try:
        datetime(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    return "-".join(p for p in (year, month, day) if p)
