"""The tagger: finds temporal expressions in a text and normalises them to TIMEX3.

``tag(text, dct)`` lower-cases the text once and scans it with the grammar (a cheap pass
finds trigger words, the master pattern is tried only around them), drops look-alikes
(modal "may", ages, "a second"...), then reads each span in text order, resolving relative
and underspecified expressions against the right anchor:

* news mode (default): deictic expressions ("yesterday", "last year", "Friday") against the
  document creation time (DCT), in the direction the nearest tense cue gives; an
  underspecified date ("1 July", "April") against an explicit full date (with day, month and
  year) mentioned shortly before it (same or previous sentence, within a few hundred
  characters), otherwise against the DCT; comparisons ("a year earlier", "the year-ago
  quarter") against the reporting quarter under discussion when there is one;
* narrative mode: everything relative against the last explicit date before the mention.

Without any anchor a value stays underspecified (``XXXX-04``), never today's date. Each
timex records the anchor it used (``anchor``, ``anchor_value``, ``anchor_start``).
"""

from __future__ import annotations

import gc
import re
from datetime import date
from typing import Literal

from .anchor import Ref, parse_ref, valid_day
from .cues import Cues, cues_for
from .filters import CHECKS
from .grammar import grammar_for, lower_same_length
from .language import resolve
from .lexicon import ENGLISH
from .lookalikes import checks_for
from .normalize import READERS, Anchor, Reading
from .reading import _month_of
from .rewrite import rewrite_for
from .timex import Timex
from .version import TAGGER_VERSION

__all__ = ["TAGGER_VERSION", "Mode", "tag"]

Mode = Literal["news", "narrative"]

# How far back an explicit date may anchor an underspecified one in news mode.
NARRATIVE_WINDOW = 400
_BOUNDARY = re.compile(r"[.!?][\"\u201d\u2019)\]]*\s+|\n\s*")
# Tense cues: the one nearest the expression decides whether it points forward or back.
_TENSE = ENGLISH.tense
# "the two leaders meet Monday": a scheduling verb without -s, unless the word before it
# ("to", an auxiliary) makes it no finite verb of its own.
_SCHEDULED_BASE = frozenset(_TENSE["scheduled_base"])
_BEFORE_NON_FINITE = frozenset(_TENSE["before_non_finite"])
_FUTURE_WORDS = (
    frozenset(_TENSE["future"]) | frozenset(_TENSE["scheduled_present"]) | _SCHEDULED_BASE
)
_FUTURE_BEFORE_TO = frozenset(_TENSE["future_before_to"])
# "were planning", "was due": an auxiliary before these looks forward, not back.
_FUTURE_AFTER_AUX = frozenset(_TENSE["future_after_aux"])
# -ed words that are not past tenses.
_NOT_PAST_ED = frozenset(ENGLISH.exclusions["not_past_ed"])
_PAST_WORDS = frozenset(_TENSE["past"])
# "had been scheduled to expire Friday": a plan told in the past perfect looks back.
_PLANNED = frozenset(_TENSE["planned"])
_AUX = frozenset(_TENSE["auxiliaries"])
_DEADLINE_VERBS = frozenset(_TENSE["deadline_verbs"])
_REPORTING = frozenset(_TENSE["reporting"])
# "on June 17, 51% now think he will...": a cue after a present opinion verb is its clause's
_OPINION = frozenset(_TENSE["present_opinion"])
_PRESENT = frozenset(_TENSE["present"])
_MODALS = frozenset(_TENSE["modals"])
_PARTICIPLES = frozenset(_TENSE["participles"])
# "on 25 June that year": "that" before a unit of time is no clause of its own
_TIME_NOUNS = frozenset(
    [*ENGLISH.units, *(plural for _, plural in ENGLISH.units.values()), *ENGLISH.dayparts]
)
_CLAUSE_OPENERS = frozenset(_TENSE["clause_openers"])
_COMPARED = re.compile(r"year-(?:ago|earlier)|a\s+year\s+(?:ago|earlier)|last\s+year")
_COMPARISON = re.compile(r"year-(?:ago|earlier)|a\s+year\s+(?:ago|earlier)")
_NOT_VERB_BEFORE = frozenset(_TENSE["not_verb_before"])
_STRIP = ".,;:!?\"'()[]\u201c\u201d\u2018\u2019`"


# Tokens that can be a cue; the verdict on a token depends on its neighbours, but most
# tokens are no cue at all whatever surrounds them, and are remembered as such.
_NO_CUE: set[str] = set()
_SPAN_END = frozenset(_TENSE["span_end"])
_DEADLINE_BEFORE = frozenset(_TENSE["deadline_before"])
_SUBJECTS = frozenset(_TENSE["subjects"])
_STATIVE = frozenset(_TENSE["stative"])
_DEADLINE_SPAN_END = frozenset(_TENSE["deadline_span_end"])
_FUTURE_IN_PAST = re.compile(r"(?<![a-z])(?:" + "|".join(_TENSE["future_in_past"]) + r")(?![a-z])")
_CUE_WORDS = (
    _FUTURE_WORDS
    | _PAST_WORDS
    | _PRESENT
    | _SPAN_END
    | _DEADLINE_SPAN_END
    | _SUBJECTS
    | {"to", "for", "as"}
)
# A cue of the present: it ends the search for one, and points neither way.
_NOW = 2


def _cue_before(before: list[str]) -> tuple[int, int]:
    """The nearest tense cue of the words before an expression and how many words lie between
    (0 and 99 when there is none; the present counts as a cue pointing neither way)."""
    no_cue = _NO_CUE  # most tokens: known to be no cue, skipped without a call
    for k in range(len(before) - 1, max(-1, len(before) - 21), -1):
        if before[k] in no_cue:
            continue
        cue = _cue(before, k)
        if cue:
            return (0 if cue == _NOW else cue), len(before) - 1 - k
    return 0, 99


def _opens_clause(before: list[str]) -> bool:
    """Whether an expression opens a clause after a comma ("..., on Wednesday the UK expelled"):
    the words before it end at a comma, or at a comma and a preposition."""
    if before[-1].endswith(","):
        return True
    return len(before) > 1 and before[-2].endswith(",") and before[-1] in ("on", "in", "at")


def _cue_after(low: str, end: int, back_dist: int) -> int | None:
    """The tense cue of the words after an expression, nearer than the one before it (None
    when there is none)."""
    hi = min(len(low), end + 50)
    right = _next_stop(low, end, hi)
    nl = low.find("\n", end, hi)
    if right < 0 or 0 <= nl < right:
        right = hi if nl < 0 else nl
    after = low[end:right].split()
    no_cue = _NO_CUE
    for k in range(min(len(after), back_dist, 8)):
        token = after[k]
        if token in _OPINION or (token[-1] in _STRIP and token.strip(_STRIP) in _OPINION):
            return None
        if k == 0 and token in _CLAUSE_OPENERS and not _before_time_noun(after):
            return None
        if token in no_cue:
            continue
        cue = _cue(after, k)
        if cue == _NOW:
            continue
        # further on, an -ed word is more likely an adjective ("markets untouched by")
        if cue and (k < 4 or token.strip(_STRIP) in _PAST_WORDS or cue > 0):
            if token.strip(_STRIP) in _REPORTING:
                return None  # "X will happen on Feb. 1, the bank said": the clause decides
            return cue
    return None


def _before_time_noun(after: list[str]) -> bool:
    """Whether the second word after an expression is a unit or part of the day ("that year")."""
    return len(after) > 1 and after[1].strip(_STRIP) in _TIME_NOUNS


def _cue(tokens: list[str], k: int) -> int:
    """+1 / -1 when token ``k`` is a future / past tense cue, ``_NOW`` for the present,
    else 0."""
    token = tokens[k]
    if token in _NO_CUE:
        return 0
    w = token.strip(_STRIP)
    if w not in _CUE_WORDS and not w.endswith(("ed", "'ll", "\u2019ll")):
        if len(_NO_CUE) > 100_000:
            _NO_CUE.clear()
        _NO_CUE.add(token)
        return 0
    if w in _FUTURE_WORDS or w.endswith(("'ll", "\u2019ll")):
        return _future_cue(tokens, k, w)
    if w in ("to", "for") and k > 0 and tokens[k - 1] in _FUTURE_BEFORE_TO:
        if _past_perfect(tokens, k - 1):  # "had been due to expire"
            return -1
        return 1 if w == "to" or tokens[k - 1] == "set" else 0
    if w == "as" and k > 0 and tokens[k - 1] in ("soon", "early"):
        return 1
    if w in _SPAN_END and k > 0 and tokens[k - 1] not in ("up", "not"):
        return _until(tokens, k)
    if w in _DEADLINE_SPAN_END:
        return _moved_deadline(tokens, k)
    if w in _SUBJECTS:
        return _present_verb(tokens[k + 1]) if k + 1 < len(tokens) else 0
    if w in _PAST_WORDS or (len(w) > 4 and w.endswith("ed") and w not in _NOT_PAST_ED):
        return _past_cue(tokens, k, w)
    if w in _PRESENT:
        return _scheduled_be(tokens, k)
    return 0


def _past_cue(tokens: list[str], k: int, w: str) -> int:
    """The verdict on a past word: -1 unless its neighbours make it none or a future."""
    if k + 1 < len(tokens) and tokens[k + 1] in _FUTURE_AFTER_AUX and w in _AUX:
        return 1  # "was expected", "were planning"
    if k > 0 and tokens[k - 1] in _NOT_VERB_BEFORE:
        return 0  # "the expected rise"
    if k > 0 and tokens[k - 1] in _PRESENT and w not in _AUX:
        return _NOW  # the present passive: "the parade is held on Bastille Day"
    if w == "last" and k > 0 and tokens[k - 1] in _BEFORE_NON_FINITE:
        return 0  # the verb: "will last from November", told by its auxiliary
    return -1


def _scheduled_be(tokens: list[str], k: int) -> int:
    """The verdict on a present "is" or "are": right before a date ("the vote is Tuesday",
    "the match is on Sunday", "results are due Friday") it places an event to come, as a past
    one takes "was"; elsewhere it is the present and points neither way."""
    between = tokens[k + 1 :]
    if between[:1] == ["due"]:
        between = between[1:]
    right_before = not between or between == ["on"]
    return 1 if right_before and tokens[k] == tokens[k].strip(_STRIP) else _NOW


def _future_cue(tokens: list[str], k: int, w: str) -> int:
    """The verdict on a future word: +1 unless its neighbours make it none or past."""
    if w in _SCHEDULED_BASE:
        return 0 if k > 0 and tokens[k - 1].strip(_STRIP) in _BEFORE_NON_FINITE else 1
    if w == "next" and k + 1 < len(tokens) and tokens[k + 1] in ("to", "door"):
        return 0
    if w == "may" and k + 1 < len(tokens) and tokens[k + 1][:1].isdigit():
        return 0  # "between March 19 and May 26": the month
    if w in _MODALS and _perfect_follows(tokens, k):
        return -1  # "you would have seen me on Friday": the past, as it might have been
    if w == "effective" and k + 1 < len(tokens):  # "effective Feb. 1", not "an effective plan"
        return 0
    if w in _PLANNED and k > 0 and tokens[k - 1] in ("previously", "originally"):
        return -1  # "the offensive began as previously planned Saturday night"
    planned = w in _PLANNED and k + 1 < len(tokens) and tokens[k + 1] == "to"
    return -1 if planned and _past_perfect(tokens, k) else 1


def _perfect_follows(tokens: list[str], k: int) -> bool:
    """Whether "have" and a past participle follow token ``k`` ("would have seen", "might
    have come"; not "should have enough")."""
    if k + 2 >= len(tokens) or tokens[k + 1] != "have":
        return False
    word = tokens[k + 2].strip(_STRIP)
    return word.endswith(("ed", "en", "wn")) or word in _PAST_WORDS or word in _PARTICIPLES


def _past_perfect(tokens: list[str], k: int) -> bool:
    """Whether token ``k`` is told in the past perfect ("had been due", "had planned"): a plan
    of the past; "has been set for April" is a plan still standing."""
    if k > 0 and tokens[k - 1] == "had":
        return True
    return k > 1 and tokens[k - 1] == "been" and tokens[k - 2] == "had"


def _present_verb(token: str) -> int:
    """The verdict on the word after a subject pronoun: +1 for a present tense in -s ("she
    flies to Paris on Monday"), ``_NOW`` for one of saying, opinion or state, else 0."""
    verb = token.strip(_STRIP)
    if len(verb) < 4 or verb[-1] != "s" or verb.endswith(("ss", "us", "'s", "\u2019s")):
        return 0
    if verb in _OPINION or verb in _REPORTING or verb in _STATIVE:
        return _NOW
    return 1


# How many words before "until" or "through" a deadline verb or a past tense may stand
# ("extended ... loans through", "had served as minister in his government until"), and
# before "by", whose span is shorter ("to take over the zone by Monday").
_DEADLINE_REACH = 12
_DEADLINE_BY_REACH = 6


def _until(tokens: list[str], k: int) -> int:
    """ "postponed until Tuesday", "given them until 9 a.m. Tuesday": a deadline ahead; but
    "stayed until Friday" looks back (and so does "Until Thursday, he had...")."""
    return _deadline_cue(tokens, k, reach=_DEADLINE_REACH, otherwise=1)


def _moved_deadline(tokens: list[str], k: int) -> int:
    """ "extended up to $90 million in loans through January": +1 when a deadline verb
    governs the span, else 0 (no cue: "bought shares through May" is told by its verb)."""
    return _deadline_cue(tokens, k, reach=_DEADLINE_REACH, otherwise=0)


def _deadline_cue(tokens: list[str], k: int, *, reach: int, otherwise: int, past: int = 0) -> int:
    """+1 when the nearest cue of the ``reach`` words before token ``k`` moves a deadline or
    looks ahead ("would abide by a truce until Saturday"), ``past`` when it is a past tense
    ("had been infected by late April"; 0: no verdict, the words further back decide), else
    ``otherwise``."""
    for j in range(k - 1, max(-1, k - 1 - reach), -1):
        verb = tokens[j].strip(_STRIP)
        if verb in _DEADLINE_VERBS:
            return 1
        cue = _cue(tokens, j)
        if cue == 1:
            return 1
        if cue == -1:
            return past
    return otherwise


# A full stop after these ends an abbreviation, not a sentence: "Mr.", "P.", "U.S.", "Feb.".
_ABBREVIATION = re.compile(
    r"(?<![a-z.])(?:[a-z]|[a-z]\.[a-z]|"
    + "|".join(sorted(ENGLISH.exclusions["abbreviations"], key=len, reverse=True))
    + "|"
    + "|".join(sorted(ENGLISH.month_abbreviations, key=len, reverse=True))
    + ")$"
)


def _last_stop(low: str, lo: int, start: int) -> int:
    """Offset of the last sentence-ending ". " in ``low[lo:start]``, or -1."""
    j = low.rfind(". ", lo, start)
    while j >= 0 and _ABBREVIATION.search(low, max(lo, j - 6), j):
        j = low.rfind(". ", lo, j)
    return j


def _next_stop(low: str, end: int, hi: int) -> int:
    """Offset of the first sentence-ending ". " in ``low[end:hi]``, or -1."""
    j = low.find(". ", end, hi)
    while j >= 0 and _ABBREVIATION.search(low, max(end, j - 6), j):
        j = low.find(". ", j + 1, hi)
    return j


_NAMED_VALUES = frozenset(n.value for n in ENGLISH.named_dates)


def _names_month(value: str) -> bool:
    """True when a value names a month of a year, or a day or time in it (2016-06...)."""
    return len(value) >= 7 and value[4] == "-" and value[5:7].isdigit() and value[7:8] in ("", "-")


_ITEM_AFTER = re.compile(r"\s*[-\u2013\u2014:]")
_SENTENCE_END = re.compile(r"[.!?][\"\u201d\u2019)\]]*\s|\n")


class _Context:
    """Anchors and tense cues for one document, fed in text order."""

    def __init__(
        self,
        low: str,
        dct: Ref | None,
        mode: Mode,
        dayfirst: bool,
        cues: Cues | None = None,
        attributive: frozenset[str] = frozenset(),
    ) -> None:
        self.low = low
        # the words before a date that make it a noun's modifier, no anchor of the story
        self._attributive = attributive
        # another language's tense cues; None: the English ones below
        self._cues = cues
        self.dct = dct
        self._pub = Anchor(dct, "publication") if dct else Anchor(None, "none")
        self.mode = mode
        self._dayfirst = dayfirst
        # (value, start) of the last explicit date with a month, at any precision, and of the
        # last dated mention of any kind.
        self._explicit: tuple[str, int] | None = None
        self.explicit_end = 0
        self._explicit_any: tuple[str, int] | None = None
        self._last: tuple[str, int] | None = None
        self.quarter_value: str | None = None
        self.quarter_start = -(10**9)
        # how often each quarter has been named: the report's own quarter comes up most
        self._quarters: dict[str, int] = {}
        self._tense_of = (-1, -1, 0)

    @property
    def dayfirst(self) -> bool:
        return self._dayfirst

    def _publication(self) -> Anchor:
        return self._pub

    def deictic(self, start: int) -> Anchor:
        if self.mode == "narrative" and self._explicit_any is not None:
            anchor = self.explicit_any
            if anchor is not None:
                return anchor
        return self._publication()

    def sentence_day(self, start: int) -> Anchor:
        """The day an explicit date earlier in the same sentence gives ("On June 2, 2015, he
        said he would resign on Friday"), else the deictic anchor."""
        raw = self._explicit
        if (
            raw is not None
            and self.mode == "news"
            and start - self.explicit_end <= NARRATIVE_WINDOW
        ):
            anchor = self.explicit
            between = self.low[self.explicit_end : start]
            ref = anchor.ref if anchor is not None else None
            if ref is not None and ref.day is not None and _BOUNDARY.search(between) is None:
                return anchor  # type: ignore[return-value]
        return self.deictic(start)

    def underspecified(self, start: int, end: int) -> Anchor:
        if self.mode == "narrative":
            return self.deictic(start)
        if self._explicit is None:
            return self._publication()
        if self._list_item(start, end) and self._list_item(self._explicit[1], self.explicit_end):
            return self.explicit or self._publication()  # the items of one list: any distance
        if start - self.explicit_end <= NARRATIVE_WINDOW:
            between = self.low[self.explicit_end : start]
            anchor = self.explicit
            if anchor is None:
                return self._publication()
            boundaries = len(_BOUNDARY.findall(between))
            near = boundaries == 0 or (boundaries == 1 and self._continues(anchor, start, end))
            # "in July 1997 ... will join on March 12": a future clause tells of time to
            # come, not of the story's time; but "would" tells of what was to come then
            # ("On March 3, 2015, he said the vote would be held in April")
            if near and (not self.tense(start, end) > 0 or _FUTURE_IN_PAST.search(between)):
                return anchor
        return self._publication()

    def _continues(self, anchor: Anchor, start: int, end: int) -> bool:
        """True when a date in the next sentence goes on from the anchor: a day anchors
        any date, a month only one of that month or the next ("the end of June 2016. ... on
        1 July")."""
        ref = anchor.ref
        if ref is None or ref.month is None or ref.day is not None:
            return True
        month = _month_of(self.low[start:end])
        if month is None:
            return False
        if (month - ref.month) % 12 in (0, 1):
            return True
        # a later month of the same year told in the past goes on with the story ("in March
        # 2010 ... In May, it hired"), unless it names a thing ("the late-November trip")
        return month > ref.month and self.tense(start, end) < 0 and not self._modifies_noun(start)

    def _list_item(self, start: int, end: int) -> bool:
        """True when the expression opens a line or a sentence and a dash or colon follows
        it, as the dates of a chronology do ("July 9 - The plant opened."), also when a page
        runs its items into one paragraph."""
        low = self.low
        j = start
        while j > 0 and low[j - 1] in " \t*\u2022":
            j -= 1
        opens = j == 0 or low[j - 1] == "\n" or (low[j - 1] in ".!?" and j < start)
        return opens and _ITEM_AFTER.match(low, end) is not None

    def previous(self, start: int) -> Anchor:
        raw = self._last
        if raw is not None and (self.mode == "narrative" or start - raw[1] <= 2000):
            last = self.last
            if last is not None:
                return last
        return self.deictic(start)

    def recent_quarter(self, start: int) -> str | None:
        """The quarter value mentioned shortly before ``start`` (reports compare quarters)."""
        if self.quarter_value is not None and start - self.quarter_start <= 1500:
            return self.quarter_value
        return None

    def after(self, end: int, n: int) -> str:
        """The ``n`` lower-cased characters that follow ``end``."""
        return self.low[end : end + n]

    def before(self, start: int, n: int) -> str:
        """The ``n`` lower-cased characters that precede ``start``."""
        return self.low[max(0, start - n) : start]

    def last_value(self, start: int, within: int) -> str | None:
        """The value of the last dated mention, when it began at most ``within`` characters
        before ``start``."""
        raw = self._last
        return raw[0] if raw is not None and start - raw[1] <= within else None

    def sentence_before(self, start: int) -> str:
        """The lower-cased start of the sentence up to ``start`` (at most 250 characters)."""
        low = self.low
        lo = max(0, start - 250)
        left = max(_last_stop(low, lo, start), low.rfind("\n", lo, start))
        return low[(lo if left < 0 else left + 1) : start]

    def future(self, start: int, end: int) -> bool:
        return self.tense(start, end) > 0

    def tense(self, start: int, end: int) -> int:
        """+1 when the nearest tense cue of the sentence points forward, -1 back, 0 none."""
        if self._tense_of[:2] == (start, end):  # asked again by the same reader
            return self._tense_of[2]
        verdict = self._tense(start, end)
        self._tense_of = (start, end, verdict)
        return verdict

    def _tense(self, start: int, end: int) -> int:
        if self._cues is not None:
            return self._cues.tense(self.low, start, end)
        low = self.low
        lo = max(0, start - 120)
        left = max(_last_stop(low, lo, start), low.rfind("\n", lo, start))
        left = lo if left < 0 else left + 1
        before = low[left:start].split()
        if len(before) > 1 and before[-1] in _DEADLINE_BEFORE:
            return _deadline_cue(
                before, len(before) - 1, reach=_DEADLINE_BY_REACH, otherwise=1, past=-1
            )
        back, back_dist = _cue_before(before)
        if back_dist == 0:  # the word right before decides
            return back
        # "as you'll recall, on Wednesday the UK expelled": the clause it opens decides
        opens = back != 0 and _opens_clause(before)
        if back and not opens and low.startswith(",", end):
            return back  # the clause ends at the comma: "who is due to visit on Tuesday, called"
        ahead = _cue_after(low, end, 99 if opens else back_dist)
        return back if ahead is None else ahead

    def record(self, kind: str, start: int, end: int, reading: Reading) -> None:
        value = reading.value
        if reading.type not in ("DATE", "TIME") or not value[:4].isdigit():
            return
        if self.low.find("year", start, end) < 0 or not _COMPARISON.search(self.low, start, end):
            # "up from $4 a year ago": a point of comparison is no time the story is at
            self._last = (value, start)
        if kind == "quarter" and "-Q" in value and not _COMPARED.search(self.low, start, end):
            seen = self._quarters
            seen[value] = seen.get(value, 0) + 1
            current = self.quarter_value
            if current is None or self._reported(value) > self._reported(current):
                self.quarter_value = value
            self.quarter_start = start
        if reading.anchor is None:
            self._explicit_any = (value, start)
        if kind == "named" or (value in _NAMED_VALUES and value[:4] not in self.low[start:end]):
            return  # a well-known day ("9/11", "the Sept. 11 attacks") is no time of the story
        if (
            _names_month(value)
            and (reading.anchor is None or self._list_item(start, end))
            and not self._modifies_noun(start)
        ):
            # a date with its month anchors the next dates without a year ("June 2016 ...
            # on 1 July"); in a list, an item's date passes its year on to the next item
            self._explicit = (value, start)
            self.explicit_end = end

    def _modifies_noun(self, start: int) -> bool:
        """True when the word before the date is a determiner: "the Dec. 21, 1988, bombing"."""
        if not self._attributive:
            return False
        before = self.low[max(0, start - 8) : start].split()
        return bool(before) and before[-1] in self._attributive

    def _reported(self, quarter: str) -> tuple[int, bool, str]:
        """How likely a quarter is the one the report is about: named most often, then over
        before the publication date's quarter began, then the latest."""
        dct = self.dct
        past = dct is None or dct.quarter is None or quarter < f"{dct.year:04d}-Q{dct.quarter}"
        return self._quarters.get(quarter, 0), past, quarter

    @staticmethod
    def _anchor(raw: tuple[str, int] | None) -> Anchor | None:
        if raw is None:
            return None
        ref = parse_ref(raw[0])
        return Anchor(ref, "narrative", raw[1]) if ref is not None else None

    @property
    def explicit(self) -> Anchor | None:
        return self._anchor(self._explicit)

    @property
    def explicit_any(self) -> Anchor | None:
        return self._anchor(self._explicit_any)

    @property
    def last(self) -> Anchor | None:
        return self._anchor(self._last)


_RATE = re.compile(r"(?:an?|per)\s+[a-z]+$")
_RATE_BEFORE = re.compile(r"(?:[0-9][0-9,.]*|[a-z]+s|once|twice)[\s,]*$")
_VAGUE_SPAN = re.compile(r"the\s+(?:days|weeks|months)$")
_VAGUE_AFTER = re.compile(r"\s+(?:before|after|following|leading|ahead|since)\b")


def _duration_in_context(low: str, start: int, end: int, reading: Reading) -> tuple[int, Reading]:
    """Durations whose neighbours change what they are: "$1.76 a year" is a rate (SET),
    "the days before the vote" a vague date."""
    span = low[start:end]
    if (
        span.startswith(("a", "per"))
        and _RATE.match(span)
        and reading.value.startswith(("P1", "PT1"))
    ):
        before = low[max(0, start - 24) : start]
        if _RATE_BEFORE.search(before) and not before.rstrip().endswith(("is", "was", "has")):
            return start, Reading("SET", reading.value)
    if span.startswith("the") and _VAGUE_SPAN.match(span) and _VAGUE_AFTER.match(low, end):
        future = low.startswith((" after", " following"), end)  # "ahead of": before
        return start + 4, Reading("DATE", "FUTURE_REF" if future else "PAST_REF")
    return start, reading


def tag(
    text: str,
    dct: str | date | None = None,
    *,
    mode: Mode = "news",
    dayfirst: bool = False,
    language: str = "en",
) -> list[Timex]:
    """Every temporal expression of ``text``, sorted by start and non-overlapping.

    ``dct`` is the document creation time as a TIMEX3 date value at any precision
    ("2020-08", "2020-10-30", "2022") or a ``datetime.date``; ``dayfirst`` reads 03/04/2020
    as 3 April; ``language`` is a language code: one without a resource file in ``lang/``
    is read as English (``timeline.temporal.has_language`` tells which codes have one).
    """
    if not text:
        return []
    if isinstance(dct, date):
        dct = dct.strftime("%Y-%m-%d")
    # The tagger allocates many small acyclic objects; the cyclic collector would rescan the
    # growing heap over and over and make large documents cost more than linear time.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _tag(text, dct, mode, dayfirst, resolve(language))
    finally:
        if was_enabled:
            gc.enable()


def _tag(text: str, dct: str | None, mode: Mode, dayfirst: bool, language: str) -> list[Timex]:
    low = lower_same_length(text)
    grammar = grammar_for(language)
    reader_of = grammar.readers
    ref = parse_ref(dct)
    rewrite = rewrite_for(language)
    cues = None if rewrite is None else cues_for(language)
    ctx = _Context(
        low, ref, mode, dayfirst or grammar.lang.day_first, cues, grammar.attributive_before
    )
    pub_value = ref.value if ref is not None else None
    out: list[Timex] = []
    append = out.append
    readers = READERS
    # the look-alike checks read English words: a language read through a rewrite states
    # its look-alikes in its own patterns and exclusions
    checks = CHECKS if rewrite is None else checks_for(language)
    record = ctx.record
    for m in grammar.scan(low):
        kind = reader_of[m.lastgroup or ""]
        start, end = m.span()
        check = checks.get(kind)
        if check is not None and not check(text, low, start, end):
            continue
        span = low[start:end]
        reading = readers[kind](span if rewrite is None else rewrite(span), start, end, ctx)
        if reading is None:
            continue
        if kind == "dur":
            start, reading = _duration_in_context(low, start, end, reading)
        record(kind, start, end, reading)
        anchor = reading.anchor
        a_kind = a_value = a_start = None
        if anchor is not None:
            a_kind, a_start = anchor.kind, anchor.start
            if anchor.ref is not None:
                a_value = pub_value if a_kind == "publication" else anchor.ref.value
        value = reading.value
        if value[:4] == "0000" or value[4:5].isdigit() or value[:1] == "-":
            value = _OFF_CALENDAR.sub("XXXX", value)  # "Q4" said on 0001-01-01: no year 0
        append(
            Timex(
                start,
                end,
                text[start:end],
                reading.type,
                value,
                reading.mod,
                a_kind,
                a_value,
                a_start,
            )
        )
    return _second_days(text, low, out)


# The year of a value outside years 1 to 9999 (year 0, five digits, negative).
_OFF_CALENDAR = re.compile(r"^-?[0-9]{4,}")
_MONTH_DAY_END = re.compile(r"[a-z.]\s+([0-3]?[0-9])(?:st|nd|rd|th)?$")
# "April 24 and 25": a second day of the same month after "and", "or", "to", "through".
_SECOND_DAY = re.compile(
    r"\s+(?:and|or|to|through)\s+([0-3]?[0-9])(?:st|nd|rd|th)?"
    r"(?=[.,;:)!?]|\s+(?:and|or|in|at|to|for|with|when|while|as|but)\b|\s*$)"
)


def _second_days(text: str, low: str, out: list[Timex]) -> list[Timex]:
    """Add the second day of "April 24 and 25" (same month and year as the first)."""
    extra: list[Timex] = []
    for k, t in enumerate(out):
        if t.type != "DATE" or len(t.value) != 10 or not t.value[:4].isdigit():
            continue
        if not low[t.end : t.end + 1].isspace():  # the commonest: a comma, a full stop
            continue
        m = _SECOND_DAY.match(low, t.end)
        if m is None:
            continue
        first = _MONTH_DAY_END.search(low, t.start, t.end)
        if first is None:
            continue
        start, end = m.start(1), m.end()
        if k + 1 < len(out) and out[k + 1].start < end:
            continue
        year, month, day = int(t.value[:4]), int(t.value[5:7]), int(m[1])
        if day <= int(first[1]) or not valid_day(year, month, day):
            continue
        value = f"{year:04d}-{month:02d}-{day:02d}"
        extra.append(
            Timex(
                start,
                end,
                text[start:end],
                "DATE",
                value,
                None,
                t.anchor,
                t.anchor_value,
                t.anchor_start,
            )
        )
    if not extra:
        return out
    return sorted(out + extra, key=lambda x: x.start)
