"""A document's language: what the user wrote, else what the page declares, else a detector.

The detector is py3langid (the langid.py model: 97 languages, shipped inside the package, so
it runs offline and gives the same answer every time), its scores computed in numpy
(``read.detector``: py3langid's own scores in 40% fewer instructions). Its cost grows with the
text it reads, so it reads the first :data:`SAMPLE` characters of the main text (with
py3langid's own loops 0.45 ms; 500 took 0.7 ms, a thousand 1.1 ms): on the evaluation texts
(2,155 news articles in English, German, Spanish, French and Portuguese) that sample gives the
language 4,000 characters give on every one; 250 characters differ on five.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from itertools import islice
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from .detector import Detector

# Languages whose numeric dates put the day first (03/04/2020 is 3 April). English is read
# month first unless the document says ``day_first: true``.
DAY_FIRST_LANGUAGES = frozenset(
    {"de", "fr", "es", "it", "pt", "nl", "da", "sv", "nb", "nn", "no", "fi", "is", "pl", "cs"}
    | {"sk", "sl", "hr", "sr", "bs", "ru", "uk", "be", "bg", "ro", "el", "tr", "ca", "gl"}
    | {"eu", "et", "lv", "lt", "id", "ms", "vi", "ar", "he", "fa"}
)

SAMPLE = 300  # characters the detector reads
MIN_LETTERS = 20  # letters a sample needs to be worth detecting
_CODE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*$")


def language_code(declared: str | None) -> str | None:
    """``en`` from ``en-GB``, ``de_DE`` or ``DE``; None for anything that is not a code."""
    if not declared:
        return None
    text = declared.strip()
    if not _CODE.match(text):
        return None
    return re.split(r"[-_]", text)[0].lower()


class Detection(NamedTuple):
    """What the detector said of a text: the digest of the sample it read, and the language."""

    sample: str
    language: str


def detect_language(text: str) -> str | None:
    """The language of ``text`` by the detector, or None when there is too little text."""
    found = detection(text)
    return found.language if found is not None else None


def detection(text: str, known: Detection | None = None) -> Detection | None:
    """What the detector says of ``text``, or None when there is too little text: ``known``
    when that was said of the same sample (the detector is loaded only for a sample it has
    not read)."""
    sample = text[:SAMPLE]
    if len(list(islice(filter(str.isalpha, sample), MIN_LETTERS))) < MIN_LETTERS:
        return None
    digest = hashlib.sha256(sample.encode("utf-8", "surrogatepass")).hexdigest()
    if known is not None and known.sample == digest:
        return known
    code, _score = _detector().classify(sample)
    return Detection(digest, str(code))


@cache
def _detector() -> Detector:
    """py3langid's identifier with its shipped model (the one ``py3langid.classify`` uses),
    held here so that a process can let go of it."""
    from .detector import shipped_detector  # most of a second to load

    return shipped_detector()


def load_detector() -> None:
    """Load the detector's model in this process (worker processes forked from it then start
    with it loaded)."""
    _detector()


def unload_detector() -> None:
    """Let go of the detector's model in this process (about 80 MB; loaded again when a
    language is next to be detected here)."""
    _detector.cache_clear()


def settle_language(
    meta: dict[str, Any], declared: str | None, text: str, known: Detection | None = None
) -> Detection | None:
    """Fill ``language`` (user > page > detector) and ``day_first`` (user > language) in;
    what the detector said, when it was asked (``known``: see :func:`detection`)."""
    found = None
    if not meta.get("language"):
        language = language_code(declared)
        if language is None:
            found = detection(text, known)
            language = found.language if found is not None else None
        if language:
            meta["language"] = language
    if "day_first" not in meta and meta.get("language") in DAY_FIRST_LANGUAGES:
        meta["day_first"] = True
    return found
