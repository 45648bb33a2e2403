"""The detection grammar: one compiled master pattern over the lower-cased text.

Each top-level alternative is a named group that says which kind of expression matched; the
normaliser re-reads the matched span. Alternatives are ordered so that, at one start
position, the longer reading wins. No pattern nests unbounded quantifiers, so a scan costs
time linear in the length of the text.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from .lexicon import (
    MONTH_ABBR,
    MONTH_FULL,
    MONTHS,
    NUMBERS,
    ORDINALS,
    SET_ADVERBS,
    TIMEZONES,
    WEEKDAY_ABBR,
    WEEKDAY_FULL,
    WEEKDAYS,
    trie_branches,
    trie_regex,
    words,
)

S = r"\s+"
_NOT_WORD = r"(?![a-z0-9])"
MON = (
    rf"(?:(?:{trie_regex(MONTH_FULL)}){_NOT_WORD}"
    rf"|(?:{trie_regex(MONTH_ABBR)})(?:\.|(?=\s+\d)){_NOT_WORD})"
)
WD_FULL = rf"(?:{trie_regex(WEEKDAY_FULL)})"
WD = rf"(?:{WD_FULL}{_NOT_WORD}|(?:{trie_regex(WEEKDAY_ABBR)})\.)"
DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?![0-9%]|:[0-9]|[.,][0-9]|\s*(?:%|per\s*cent))"
YEAR = (
    r"(?<![0-9$£€#.,/])(?<![0-9]-)(?:1[0-9]{3}|20[0-9]{2})(?![0-9%]|[.,/][0-9]|\s*(?:%|per\s*cent))"
)
_WORDNUM = trie_regex([w for w in NUMBERS if w not in ("a", "an", "half", "single")])
NUM = (
    rf"(?:[0-9]+(?:\.[0-9]+)?(?:\s[0-9]/[0-9])?|[0-9]/[0-9]"
    rf"|(?:{_WORDNUM})(?:[\s-](?:and\s)?(?:{_WORDNUM})){{0,3}}){_NOT_WORD}"
)
COUNT = (
    rf"(?:{NUM}(?:\s+and\s+a\s+half)?|an?\s+(?:hundred|thousand|dozen)|a\s+few|a\s+couple\s+of|couple\s+of|a\s+couple"
    r"|several|a\s+number\s+of|a\s+dozen|dozens\s+of|hundreds\s+of|thousands\s+of|few|many"
    r"|some|an?(?:\s+(?:and\s+a\s+half|half))?|one\s+and\s+a\s+half|a\s+single|half\s+an?)"
)
UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|nights?|weekends?|weeks?|fortnights?|months?"
    r"|quarters?|years?|decades?|century|centuries|millenni(?:um|a))"
)
UNIT_END = r"(?![a-z0-9]|-(?:to|old|by|earlier|ago|end|before|on)\b|\s+old\b)"
APPROX = (
    r"(?:approximately|roughly|nearly|almost|some|more\s+than|less\s+than"
    r"|fewer\s+than|under|at\s+least|at\s+most|up\s+to|no\s+more\s+than"
    r"|no\s+less\s+than|not\s+more\s+than|close\s+to|upwards\s+of|well\s+over|just\s+over"
    r"|just\s+under|an\s+estimated|the\s+better\s+part\s+of|a\s+little\s+over)\s+"
)
MODP = (
    r"(?:(?:the\s+)?(?:very\s+)?(?:beginning|start|end|middle|close|turn|dawn"
    r"|(?:first|second|latter|early|later|last)\s+(?:half|part))\s+of\s+(?:the\s+)?"
    r"|(?:early|mid|late)(?:\s+|-)(?:in\s+)?|mid-?)"
)
DAYPART = r"(?:morning|afternoon|evening|night|overnight)"
REL = (
    r"(?:this\s+past|this\s+coming|this|last|next|that|the\s+same|the\s+following"
    r"|the\s+previous|the\s+preceding|the\s+next|the\s+coming|the\s+past|the\s+current"
    r"|the\s+prior|the\s+last|the\s+latest)"
)
SEASON = r"(?:spring|summer|fall|autumn|winter)"
TZ = rf"(?:{trie_regex(TIMEZONES)}){_NOT_WORD}"
ORD = trie_regex([w for w in ORDINALS if not w.endswith("-")])

_ONES = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
# A year in words: "nineteen ninety-four", "nineteen hundred and five", "twenty oh one".
SPELLED_YEAR = (
    rf"(?:nineteen|twenty)[\s-]+(?:hundred(?:\s+and)?\s+)?"
    rf"(?:(?:{_TENS})(?:[\s-](?:{_ONES}))?|{_TEENS}|oh[\s-](?:{_ONES}))(?![a-z])"
)

_REL_MONTH = r"(?:last|next|this|this\s+past|this\s+coming|the\s+following|the\s+previous)\s+"
_DATE_CORE = (
    rf"(?:{WD},?\s+|{_REL_MONTH})?(?:the\s+)?{DAY}(?:\s+of)?\s+{MON}(?:,?\s+{YEAR})?"
    rf"|(?:{WD},?\s+|{_REL_MONTH})?{MON}\s+(?:the\s+)?{DAY}(?:,?\s+{YEAR})?"
    rf"|{MON}(?:\s+of)?,?\s+(?:{YEAR}|{SPELLED_YEAR})"
    rf"|{MON}\s+(?:this|last|next)\s+year{_NOT_WORD}"
    rf"|(?:(?:last|next|this|this\s+past|this\s+coming|the\s+following|the\s+previous)\s+)?{MON}"
)
DATE = rf"(?:{MODP})?(?:{_DATE_CORE})"
NUMERIC = (
    r"(?<![0-9./-])(?:[12][0-9]{3}-[01][0-9]-[0-3][0-9](?![0-9])"
    r"|[0-3]?[0-9]/[0-3]?[0-9]/(?:[12][0-9]{3}|[0-9]{2})(?![0-9/])"
    r"|[0-3]?[0-9]\.[01]?[0-9]\.[12][0-9]{3}(?![0-9.])"
    r"|[0-3]?[0-9]-[01]?[0-9]-[12][0-9]{3}(?![0-9-]))"
)
CLOCK = (
    r"(?:[0-9]{1,2}(?:[:.][0-5][0-9])?\s*(?:a\.m\.?|p\.m\.?|am|pm)(?![a-z])"
    r"|(?<![0-9.:])[0-2]?[0-9]:[0-5][0-9](?![0-9:])(?:\s*(?:a\.m\.?|p\.m\.?|am|pm)(?![a-z]))?"
    r"|noon|midnight|midday|[0-9]{1,2}\s+o['\u2019]clock)"
)
TIME = (
    rf"(?:(?:about|around|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?"
    rf"{CLOCK}(?:\s+{TZ})?"
    rf"(?:,?\s+(?:(?:on\s+)?{WD}|today|yesterday|tomorrow|tonight|(?:on\s+)?{MON}\s+{DAY}))?"
)
QUARTER = (
    rf"(?:q[1-4]|[1-4]q)(?:\s+|[-/])?(?:{YEAR}|['\u2019]?[0-9]{{2}}(?![0-9]))?(?![a-z0-9])|"
    r"(?:(?:this|last|next)\s+year['\u2019]s\s+)?(?:the\s+)?"
    r"(?:(?:fiscal|latest|current|previous|past|recent|same|year-earlier|year-ago"
    r"|comparable|prior|preceding|calendar|this|next|last|final|most\s+recent)[\s-]+){0,3}"
    rf"(?:{YEAR}[\s-]+)?"
    r"(?:(?:first|second|third|fourth|1st|2nd|3rd|4th|final|last)[\s-]+)?(?:fiscal[\s-]+)?"
    rf"quarter(?![a-z-])(?:\s+of\s+(?:fiscal\s+)?{YEAR}|,?\s+{YEAR}"
    r"|\s+of\s+(?:this|last|next)\s+year|\s+of\s+the\s+(?:current|previous)\s+year"
    r"|\s+a\s+year\s+(?:ago|earlier)|\s+last\s+year)?"
)
_DECADE_DIGITS = r"(?:(?:1[0-9]|20)[0-9]0['\u2019]?s|['\u2019][0-9]0s)(?![a-z0-9])"
HALF = (
    r"(?:the\s+)?(?:first|second|latter|last)\s+half"
    rf"(?:\s+of\s+(?:the\s+)?(?:fiscal\s+)?(?:{_DECADE_DIGITS}|{YEAR}"
    r"|(?:this|last|next|the)\s+year))?"
    r"|(?:the\s+)?(?:first|last)\s+two\s+quarters\s+of\s+(?:the\s+)?(?:fiscal\s+)?"
    rf"(?:{YEAR}|(?:this|last|next)\s+year)"
)
RELDAY = (
    rf"(?:the\s+)?day\s+(?:before|after)\s+(?:(?:last|next|this)\s+)?{WD_FULL}(?![a-z])"
    r"|(?:(?:early|late)\s+)?(?:the\s+day\s+(?:before|after)\s+)?"
    r"(?:yesterday|today|tomorrow|tonight)(?![a-z])"
    rf"(?:\s+{DAYPART}(?![a-z]))?"
    r"|(?:mid|early|late)[\s-]?(?:morning|afternoon|evening)(?![a-z])"
    r"(?:\s+(?:yesterday|today|tomorrow)(?![a-z]))?"
)
RELUNIT = (
    rf"(?:(?:early|late)\s+)?{REL}\s+"
    rf"(?:fiscal\s+)?(?:week|month|year|weekend|quarter|decade|century|{SEASON}|{DAYPART}"
    rf"|day){_NOT_WORD}"
    rf"|(?:earlier|later)\s+(?:this|that|last|next)\s+(?:month|year|morning|afternoon"
    r"|evening)(?![a-z])"
    rf"|{MODP}(?:the\s+|this\s+|next\s+|last\s+)?(?:fiscal\s+)?(?:week|month|year|quarter"
    r"|decade|century)(?![a-z])"
    r"|(?:around\s+)?year(?:['\u2019]s\s+|-|\s+)end|(?:the\s+|this\s+)?(?:year|month|week)-"
    r"(?:earlier|ago|before|end|long)"
    r"(?:\s+(?:period|quarter|month|year|levels?))?"
    r"|year-to-date|month-end|quarter-end"
    r"|the\s+(?:latest|same|comparable|corresponding|year-earlier|year-ago|[0-9]{4})\s+period"
    r"(?:\s+(?:last\s+year|a\s+year\s+(?:ago|earlier)))?"
    rf"|the\s+week\s+of\s+(?:{MON}\s+{DAY}|(?:the\s+)?{DAY}\s+(?:of\s+)?{MON})(?:,?\s+{YEAR})?"
    r"|the\s+(?:full|fiscal|current|calendar)\s+year|the\s+week(?![a-z]|\s+(?:of|before|after)\b)"
    r"|the\s+year(?![a-z0-9-]|\s+(?:of|before|after|ago|earlier|two|when|in\s+which)\b|\s+[0-9])"
    r"|(?:earlier|later)\s+in\s+the\s+(?:year|month|week|day)(?![a-z])"
    r"|the\s+weekend"
)
AGO = (
    rf"(?:{APPROX})?(?:(?:{COUNT})\s+(?:more\s+)?{UNIT}|(?:days|weeks|months|years|decades))\s+"
    r"(?:ago|earlier|later|from\s+now|hence|back)(?![a-z])"
)
_DUR_ADJ = (
    r"(?:past|last|next|first|final|coming|previous|following|recent|remaining|initial"
    r"|latest|same|further|additional|succeeding|preceding|ensuing)\s+"
)
_UNIT_PLURAL = (
    r"(?:seconds|minutes|hours|days|nights|weekends|weeks|fortnights|months|quarters|years"
    r"|decades|centuries|millennia)"
)
DUR = (
    rf"(?:{APPROX})?(?:the\s+)?(?:{_DUR_ADJ})?"
    rf"(?:{COUNT})(?:\s+|-)(?:(?:more|additional|full|straight|consecutive|extra|trading"
    r"|business|working|school)\s+)?"
    rf"(?:fiscal\s+|calendar\s+)?{UNIT}{UNIT_END}(?:-long|\s+and\s+a\s+half)?"
    rf"|(?:the\s+)?(?:{_DUR_ADJ})?{_UNIT_PLURAL}{UNIT_END}(?:-long)?"
    rf"|(?:the\s+)?{_DUR_ADJ}(?:fiscal\s+|calendar\s+)?{UNIT}{UNIT_END}"
    rf"|{UNIT}-long(?![a-z])"
)
DECADE = (
    r"(?:(?:the\s+)?(?:early|mid|late)(?:\s+|-)|the\s+)?"
    r"(?:(?:1[0-9]|20)[0-9]0['\u2019]?s|['\u2019][0-9]0s"
    r"|(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))(?![a-z0-9])"
)
CENTURY = (
    rf"(?:{MODP})?(?:the\s+)?(?:{ORD}|[0-9]{{1,2}}(?:st|nd|rd|th))[\s-]+centur(?:y|ies)"
    r"(?![a-z])"
)
YEARX = rf"(?:{MODP})?(?:(?:fiscal|calendar)(?:\s+year)?\s+|fy\s*|the\s+year\s+)?{YEAR}(?!s\b)"
SEASONX = (
    rf"(?:{MODP})?(?:(?:this|last|next|the|this\s+past|this\s+coming|the\s+coming|the\s+past)\s+)?"
    rf"(?:{SEASON})(?:\s+(?:of\s+)?(?:{YEAR}|{SPELLED_YEAR}))?(?![a-z])"
)
WEEKDAY = (
    r"(?:(?:last|next|this|this\s+past|this\s+coming|the\s+following|the\s+previous|early"
    r"|late)\s+)?"
    rf"{WD}(?:\s+{DAYPART}(?![a-z]))?"
)
REFS = (
    r"(?:(?:the\s+)?(?:near|foreseeable|distant|recent|immediate)\s+(?:future|past)"
    r"|the\s+(?:future|past|present)(?![a-z])|(?:right|just)\s+now|the\s+(?:near|short|long)\s+term"
    r"|(?:more|most|until|only|very)\s+recently|as\s+soon\s+as\s+possible|a\s+later\s+date"
    r"|now|currently|then[\s-]current|current|nowadays|presently|recently|lately|formerly|soon"
    r"|these\s+days)(?![a-z])"
)
SETX = (
    rf"(?:every|each|per)\s+(?:other\s+)?(?:(?:{NUM})\s+)?"
    rf"(?:{UNIT}|{WD}|{MON}|{DAYPART}|{SEASON})(?![a-z])"
    rf"|(?:{trie_regex(SET_ADVERBS)})(?![a-z])|{WD_FULL}s?\s+(?:mornings|afternoons|evenings|nights)"
    rf"(?![a-z])|{WD_FULL}s(?![a-z])"
)
HOLIDAY = (
    r"(?:christmas(?:\s+(?:day|eve))?|new\s+year['\u2019]s(?:\s+(?:day|eve))?"
    r"|thanksgiving(?:\s+day)?|easter(?:\s+sunday|\s+week)?|halloween|valentine['\u2019]s\s+day"
    r"|independence\s+day|boxing\s+day|labou?r\s+day|memorial\s+day|election\s+day)"
    rf"(?:\s+(?:of\s+)?{YEAR})?(?![a-z])"
)

SPELLED = (
    rf"(?:the\s+year\s+)?{SPELLED_YEAR}"
    rf"|the\s+year\s+two\s+thousand(?:\s+(?:and\s+)?(?:{_ONES}|{_TEENS}))?(?![a-z])"
)
WDSET = rf"{WD_FULL}s?\s+(?:mornings|afternoons|evenings|nights)(?![a-z])"

_ALTS: list[tuple[str, str]] = [
    ("numeric", NUMERIC),
    ("time", TIME),
    ("quarter", QUARTER),
    ("half", HALF),
    ("century", CENTURY),
    ("date", DATE),
    ("relday", RELDAY),
    ("ago", AGO),
    ("relunit", RELUNIT),
    ("season", SEASONX),
    ("dur", DUR),
    ("decade", DECADE),
    ("year", YEARX),
    ("spelled", SPELLED),
    ("wdset", WDSET),
    ("weekday", WEEKDAY),
    ("set", SETX),
    ("holiday", HOLIDAY),
    ("ref", REFS),
]

MASTER = re.compile(
    r"(?<![a-z0-9@#_])(?:" + "|".join(f"(?P<{name}>{rx})" for name, rx in _ALTS) + ")"
)
KINDS = [name for name, _ in _ALTS]


def _master(exclude: set[str]) -> re.Pattern[str]:
    alts = "|".join(f"(?P<{name}>{rx})" for name, rx in _ALTS if name not in exclude)
    return re.compile(r"(?<![a-z0-9@#_])(?:" + alts + ")")


# Sub-patterns by the kind of trigger word: only the alternatives that can hold such a word.
_MASTER_DIGIT = _master(
    {"relday", "season", "weekday", "wdset", "holiday", "ref", "half", "spelled"}
)
_MASTER_MONTH = _master({k for k in KINDS if k not in ("date", "set")})
_MASTER_WEEKDAY = _master({k for k in KINDS if k not in ("date", "weekday", "wdset", "set")})
_MASTER_WORD = _master({"numeric", "date", "weekday", "wdset"})
_MONTH_TRIGGERS = frozenset(MONTHS)
_WEEKDAY_TRIGGERS = frozenset(WEEKDAYS) | {w + "s" for w in WEEKDAY_FULL}


# The scan: a cheap pass finds trigger words (every expression holds one) together with the
# modifier words that may open the expression to their left; the master pattern is then tried
# only there.
_TRIGGERS = words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday "
    "friday saturday sunday mondays tuesdays wednesdays thursdays fridays saturdays sundays "
    "mon tue tues wed thu thur thurs fri sat sun second seconds minute minutes hour hours "
    "day days night nights week weeks weekend weekends fortnight fortnights month months "
    "quarter quarters year years decade decades century centuries millennium millennia "
    "spring summer fall autumn winter morning afternoon evening overnight now current "
    "currently recent recently future past present lately formerly nowadays presently today "
    "yesterday tomorrow tonight daily weekly monthly annually yearly hourly quarterly "
    "nightly biweekly semiannually biannually annual noon midnight midday christmas easter "
    "thanksgiving halloween twenties thirties forties fifties sixties seventies eighties "
    "nineties half later period term nineteen thousand soon "
)
_LEFT = words(
    "the a an about around approximately roughly nearly almost some more less fewer over "
    "under at up no not close upwards well just estimated better little very beginning "
    "start end middle turn dawn first second third fourth latter early later last late "
    "earlier mid this next that same following previous preceding coming past current prior "
    "latest every each per other fiscal calendar fy right until even most only near "
    "foreseeable distant recent immediate as number couple few several many dozens hundreds "
    "thousands dozen half single of and new valentine's independence labor labour memorial "
    "election boxing in part final additional full straight consecutive extra remaining "
    "initial further succeeding ensuing year-earlier year-ago these than least most "
    "possible soon estimated comparable corresponding year day same trading business working then "
    "school "
)
_LEFT = _LEFT | {w for w in NUMBERS if len(w) > 2} | set(ORDINALS)
# A number before a full stop and digits is a decimal ("4.5%", "$1.76") unless a time unit, a
# clock suffix or a further full stop (27.06.2016) follows: only those can start an expression.
_DECIMAL_TEMPORAL = (
    r"\.[0-9]+(?:\.[0-9]|[\s-]*(?:[ap]\.?m(?![a-z])|o['\u2019]clock|(?:more\s+)?(?:second|minute"
    r"|hour|day|night|week|fortnight|month|quarter|year|decade|centur|millenni)))"
)
# Every alternative opens with a letter or a character class, so that the regex engine can
# rule most of them out from the first character alone.
_DIGIT_TRIGGERS = [
    r"1[0-9]{3}(?![0-9])",
    r"20[0-9]{2}(?![0-9])",
    r"[0-9][0-9]{0,3}(?=[:/-][0-9]|" + _DECIMAL_TEMPORAL + ")",
    r"q[1-4](?![a-z])",
    r"[1-4]q(?=[0-9\s'])",
    r"[0-9][0-9]?(?=\s*(?:[ap]\.?m(?![a-z])|o['\u2019]clock))",
    r"['\u2019][0-9]0s",
]
# One alternative per first letter of the trigger words (so no word is tried whose first
# letter differs), then the number triggers; a trigger is group 1.
_TRIGGER_BODY = (
    "("
    + "|".join([branch + "(?![a-z])" for branch in trie_branches(_TRIGGERS)] + _DIGIT_TRIGGERS)
    + ")"
)
# A trigger where a word starts. The scan looks for one from the character before it instead:
# a pattern that opens with a character class lets the regex engine skip the inside of words
# in its own fast loop rather than trying the pattern at every letter; only a trigger at the
# very start of the text has no character before it.
TRIGGER = re.compile(r"(?<![a-z0-9@#_])" + _TRIGGER_BODY)
_TRIGGER_AFTER = re.compile(r"[^a-z0-9@#_]" + _TRIGGER_BODY)


def _only(*kinds: str) -> re.Pattern[str]:
    return _master({k for k in KINDS if k not in kinds})


# Narrower sub-patterns for families of trigger words: the alternatives that can hold them.
_FAMILIES: list[tuple[str, re.Pattern[str]]] = [
    (
        "now current currently recent recently future past present lately formerly nowadays "
        "presently",
        _only("quarter", "relunit", "dur", "ref", "season", "half"),
    ),
    ("today yesterday tomorrow tonight", _only("relday", "time")),
    ("spring summer fall autumn winter", _only("relunit", "season", "set", "dur")),
    (
        "daily weekly monthly annually yearly hourly nightly biweekly semiannually biannually",
        _only("set"),
    ),
    ("noon midnight midday", _only("time")),
    ("christmas easter thanksgiving halloween", _only("holiday")),
    ("twenties thirties forties fifties sixties seventies eighties nineties", _only("decade")),
    ("period later", _only("relunit", "ref")),
    ("term soon", _only("ref")),
    ("nineteen thousand", _only("spelled", "dur", "ago")),
    (
        "second seconds minute minutes hour hours day days night nights week weeks weekend "
        "weekends fortnight fortnights month months quarter quarters year years decade decades "
        "century centuries millennium millennia",
        _only(
            "quarter",
            "half",
            "century",
            "relday",
            "ago",
            "relunit",
            "dur",
            "year",
            "set",
            "spelled",
            "holiday",
            "ref",
        ),
    ),
]
_MATCH_BY_TRIGGER = {
    w: (
        _MASTER_MONTH
        if w in _MONTH_TRIGGERS
        else _MASTER_WEEKDAY
        if w in _WEEKDAY_TRIGGERS
        else _MASTER_WORD
    ).match
    for w in _TRIGGERS
}
for _words, _pattern in _FAMILIES:
    for _w in _words.split():
        assert _w in _MATCH_BY_TRIGGER, _w
        _MATCH_BY_TRIGGER[_w] = _pattern.match
# A four-digit year: the alternatives that can hold one.
_MASTER_YEAR = _only("numeric", "quarter", "relunit", "dur", "decade", "year", "ago")
# The modifier words left of a trigger, matched on the reversed text from the trigger leftwards.
LEFT_CHAIN = re.compile(
    r"(?:[\s-]{1,3}(?:(?:" + trie_regex({w[::-1] for w in _LEFT}) + r")|(?:ts|dn|dr|ht)?[0-9]+)"
    r"(?![a-z0-9]))"
    r"{0,6}"
)
# Words that may sit inside a modifier chain but never open an expression.
_NON_STARTERS = [
    "of", "and", "in", "to", "than", "over", "about", "until", "least", "possible", "most",
    r"as(?!\s+soon)", r"at(?!\s+(?:least|most))", r"up(?!\s+to)",
]  # fmt: skip
_NON_STARTER = re.compile("(?:" + "|".join(_NON_STARTERS) + r")[\s-]+")
# Their first letters: the pattern is tried only at a word that begins with one of them.
_NON_STARTER_FIRST = "".join(sorted({w[0] for w in _NON_STARTERS}))
_WORD_START = re.compile(r"(?<![a-z0-9'\u2019])[a-z0-9'\u2019]")


def trigger_matches(low: str) -> Iterator[re.Match[str]]:
    """Every trigger of the lower-cased text (group 1 of each match), left to right: the same
    as ``TRIGGER.finditer(low)``, found faster."""
    head = TRIGGER.match(low)
    if head is None:
        return _TRIGGER_AFTER.finditer(low)
    return itertools.chain((head,), _TRIGGER_AFTER.finditer(low, head.end()))


def scan(low: str) -> list[re.Match[str]]:
    """Every match of the master pattern in the lower-cased text, left to right, disjoint."""
    found: list[re.Match[str]] = []
    append = found.append
    last_end = 0
    n = len(low)
    rev = low[::-1]
    left_match = LEFT_CHAIN.match
    non_start = _NON_STARTER.match
    first = _NON_STARTER_FIRST
    by_word = _MATCH_BY_TRIGGER.get
    digit_match = _MASTER_DIGIT.match
    year_match = _MASTER_YEAR.match
    for m in trigger_matches(low):
        t = m.start(1)
        if t < last_end:
            continue
        start = t
        if t and low[t - 1] in " \n\t-":
            chain = left_match(rev, n - t)  # always a match (maybe empty): {0,6} repeats
            start = n - chain.end() if chain is not None else t
            if start < last_end:
                start = last_end
            while start < t and low[start] in first and (skip := non_start(low, start)):
                start = skip.end()
        word = m[1]
        master_match = by_word(word) or (
            year_match if len(word) == 4 and word.isdigit() else digit_match
        )
        hit = master_match(low, start)
        if start < t and (hit is None or hit.end() <= t):
            hit = None
            for w in _WORD_START.finditer(low, start + 1, t + 1):
                cand = master_match(low, w.start())
                if cand is not None and cand.end() > t:
                    hit = cand
                    break
        if hit is not None:
            end = hit.end()
            if end > t:
                append(hit)
                last_end = end
    return found


def lower_same_length(text: str) -> str:
    """``text`` lower-cased with every character at its original offset."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
