"""What a document's dated sentences offer the candidates: each date they mention, weighed.

The merge groups the dated sentences of the whole corpus by the date they name. How much one
mention counts (:func:`timeline.salience.mention_weight`: a page stamp nothing, a reader
comment a tenth, the news of the week half) depends on its own document only: the sentence,
the sentences before it (a comment signature turns what follows into comments) and the
document's publication day. So it is computed once, when the document is linked, and kept
with its links (``timeline.relink``): a rebuild weighs no sentence again.

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from .link import DatedSentence, Timex, day_value
from .salience import is_comment_signature, is_relative_recall, is_stamp, is_weak, mention_weight

DAY_LENGTH = len("2016-06-27")
DateKey = tuple[str, str | None]
# Per dated sentence: (index of the timex in the sentence, its weight) for each date it names.
Weighed = list[tuple[int, float]]


def date_key(timex: Timex) -> DateKey:
    """The candidate a mention supports: its date, and its mod unless the date is a day
    ("early on Monday" is Monday, "the end of June" is not June)."""
    value = day_value(timex.value)
    if timex.mod is None or len(value) == DAY_LENGTH:
        return value, None
    return value, timex.mod


def one_per_date(timexes: Sequence[Timex]) -> list[int]:
    """The indexes of one mention per date, even if the sentence writes it twice: the first
    explicit one; in text order."""
    if len(timexes) < 2:
        return list(range(len(timexes)))
    unique: dict[DateKey, int] = {}
    ranked = sorted(
        range(len(timexes)),
        key=lambda i: (timexes[i].type != "DATE", timexes[i].anchor == "publication"),
    )
    for i in ranked:
        unique.setdefault(date_key(timexes[i]), i)
    return sorted(unique.values(), key=lambda i: timexes[i].start)


def weigh(
    sentences: Sequence[DatedSentence],
    day: date | None,
    known: Mapping[tuple[int, bool], Weighed] | None = None,
) -> list[Weighed]:
    """The weighed mentions of each of one document's dated sentences (in text order), the
    document published on ``day`` (None: not known to the day). ``known``: weighed mentions
    already at hand, by a sentence's start and whether it was read as a comment (what they
    depend on besides the sentence and the day)."""
    out: list[Weighed] = []
    for sentence, comments in zip(
        sentences, comment_states(s.quote for s in sentences), strict=True
    ):
        weighed = known.get((sentence.start, comments)) if known else None
        out.append(weighed if weighed is not None else _weighed(sentence, comments, day))
    return out


def comment_states(quotes: Iterable[str]) -> list[bool]:
    """Per dated sentence of a document (their ``quotes`` in text order), whether it is read
    as a reader comment: it or one before it is a comment signature."""
    comments = False
    out: list[bool] = []
    for quote in quotes:
        comments = comments or is_comment_signature(quote)
        out.append(comments)
    return out


def _weighed(sentence: DatedSentence, comments: bool, day: date | None) -> Weighed:
    section = "comment" if comments else sentence.section
    weighed: Weighed = []
    for i in one_per_date(sentence.timexes):
        timex = sentence.timexes[i]
        weak = is_weak(timex.value, timex.type) or is_relative_recall(
            date_key(timex)[0], timex.anchor, day
        )
        at = timex.start - sentence.start
        stamp = is_stamp(sentence.quote, at, at + timex.end - timex.start)
        weighed.append((i, 0.0 if stamp else mention_weight(section, weak=weak)))
    return weighed
