"""A language's rules, read from its resource file ``lang/<code>.toml`` (format: lang/README.md).

The file holds the vocabulary (month and weekday names, numbers, units, holidays, modifiers,
tense cues, look-alike exclusions) and the patterns with their examples. Nothing here knows a
word of any language: the grammar is compiled from what the file says.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import TimelineError

LANG_DIR = Path(__file__).with_name("lang")
DEFAULT = "en"
# A file of the user's own named days, read with every language: its [holidays] and
# [named_dates] tables add to (or replace entries of) the language's.
USER_RULES = "TIMELINE_RULES"
_BRACKETED = re.compile(r"\[([^\]]+)\]")


class LanguageFileError(TimelineError):
    """A language resource file that cannot be read or says something the tagger cannot use."""


@dataclass(frozen=True)
class Pattern:
    """One alternative of the grammar: what it matches, how it is read, what proves it."""

    name: str
    reader: str
    regex: str
    triggers: tuple[str, ...]
    examples: tuple[str, ...]


def example_expression(example: str) -> tuple[str, int, int]:
    """A pattern example's text and the offsets of its expression: the bracketed part
    ("in [April]"), or the whole example."""
    m = _BRACKETED.search(example)
    if m is None:
        return example, 0, len(example)
    text = example[: m.start()] + m[1] + example[m.end() :]
    return text, m.start(), m.start() + len(m[1])


@dataclass(frozen=True)
class Holiday:
    """A named day: fixed ("12-25"), computed ("easter+0", "4 thursday of 11") or "none"."""

    name: str
    rule: str
    week: bool = False


@dataclass(frozen=True)
class NamedDate:
    """A day known by a name: "9/11", and "the Sept. 11 attacks"."""

    name: str
    value: str
    written: tuple[str, ...]
    before: tuple[str, ...]


@dataclass(frozen=True)
class Language:
    """Everything the tagger knows of one language."""

    code: str
    months: dict[str, int]
    month_abbreviations: dict[str, int]
    weekdays: dict[str, int]
    weekday_abbreviations: dict[str, int]
    seasons: dict[str, str]
    dayparts: dict[str, str]
    numbers: dict[str, int]
    ordinals: dict[str, int]
    units: dict[str, tuple[str, str]]  # singular -> (TIMEX3 unit code, plural)
    set_adverbs: dict[str, str]
    decade_words: dict[str, int]
    timezones: tuple[str, ...]
    relative: dict[str, tuple[str, ...]]
    quantity_mods: dict[str, str]
    position_mods: dict[str, str]
    holidays: tuple[Holiday, ...]
    named_dates: tuple[NamedDate, ...]
    exclusions: dict[str, tuple[str, ...]]
    tense: dict[str, tuple[str, ...]]
    digit_triggers: tuple[str, ...]
    clock_suffix: str
    fragments: dict[str, str]
    patterns: tuple[Pattern, ...]
    # how a match reads in the readers' English (rewrite.py): rules, then words and phrases
    reading_rules: tuple[tuple[str, str], ...] = ()
    reading_words: dict[str, str] = field(default_factory=dict)
    # numeric dates read day first (03/04/2020 is 3 April)
    day_first: bool = False
    # a word may be joined to the next by an apostrophe ("l'anno", "quest'anno")
    elision: bool = False

    @property
    def all_months(self) -> dict[str, int]:
        return {**self.months, **self.month_abbreviations}

    @property
    def all_weekdays(self) -> dict[str, int]:
        return {**self.weekdays, **self.weekday_abbreviations}

    @property
    def unit_forms(self) -> dict[str, str]:
        """Every written form of a unit (singular and plural) -> its singular."""
        forms = {singular: singular for singular in self.units}
        forms.update({plural: singular for singular, (_, plural) in self.units.items()})
        return forms


@cache
def available(code: str) -> bool:
    """True when ``code`` has a resource file."""
    return code.isalpha() and (LANG_DIR / f"{code.lower()}.toml").is_file()


@cache
def codes() -> list[str]:
    """The codes of every language with a resource file, sorted."""
    return sorted(p.stem for p in LANG_DIR.glob("*.toml") if p.stem.isalpha())


def resolve(code: str | None) -> str:
    """The language the tagger uses for ``code``: its own when it has a resource file,
    else English."""
    if code and available(code):
        return code.lower()
    return DEFAULT


@cache
def load(code: str) -> Language:
    """The rules of language ``code`` (cached)."""
    path = LANG_DIR / f"{code}.toml"
    try:
        data = _read(path)
        user = os.environ.get(USER_RULES)
        if user:
            path = Path(user)
            extra = _read(path)
            for table in ("holidays", "named_dates"):
                data[table] = {**data.get(table, {}), **extra.get(table, {})}
        return _language(code, data)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LanguageFileError(f"cannot read the language file {path}: {exc}") from exc
    except (KeyError, TypeError, ValueError) as exc:
        raise LanguageFileError(f"the language file {path} is malformed: {exc!r}") from exc


def _read(path: Path) -> dict[str, Any]:
    with path.open("rb") as f:
        return tomllib.load(f)


def _joined(regex: str) -> str:
    """A pattern written over several lines, as one line (line breaks and indents dropped)."""
    return "".join(line.strip() for line in regex.splitlines())


def _words(data: dict[str, Any], key: str) -> tuple[str, ...]:
    return tuple(data.get(key, ()))


def _holiday(name: str, rule: object) -> Holiday:
    if isinstance(rule, dict):
        return Holiday(name, str(rule["day"]), bool(rule.get("week", False)))
    return Holiday(name, str(rule))


def _language(code: str, data: dict[str, Any]) -> Language:
    modifiers = data.get("modifiers", {})
    scan = data["scan"]
    reading = data.get("reading", {})
    ordinals = dict(sorted(data["ordinals"].items(), key=lambda kv: -len(kv[0])))
    return Language(
        code=code,
        months=dict(data["months"]),
        month_abbreviations=dict(data.get("month_abbreviations", {})),
        weekdays=dict(data["weekdays"]),
        weekday_abbreviations=dict(data.get("weekday_abbreviations", {})),
        seasons=dict(data["seasons"]),
        dayparts=dict(data["dayparts"]),
        numbers=dict(data["numbers"]),
        ordinals=ordinals,
        units={k: (str(v[0]), str(v[1])) for k, v in data["units"].items()},
        set_adverbs=dict(data.get("set_adverbs", {})),
        decade_words=dict(data.get("decade_words", {})),
        timezones=_words(data, "timezones"),
        relative={k: tuple(v) for k, v in data.get("relative", {}).items()},
        quantity_mods=dict(modifiers.get("quantity", {})),
        position_mods=dict(modifiers.get("position", {})),
        holidays=tuple(_holiday(k, v) for k, v in data.get("holidays", {}).items()),
        named_dates=tuple(
            NamedDate(k, str(v["value"]), tuple(v.get("written", ())), tuple(v.get("before", ())))
            for k, v in data.get("named_dates", {}).items()
        ),
        exclusions={k: tuple(v) for k, v in data.get("exclusions", {}).items()},
        tense={k: tuple(v) for k, v in data.get("tense", {}).items()},
        digit_triggers=tuple(scan["digit_triggers"]),
        clock_suffix=str(scan["clock_suffix"]),
        fragments={k: _joined(v) for k, v in data.get("fragments", {}).items()},
        patterns=tuple(
            Pattern(
                name=p["name"],
                reader=p.get("reader", p["name"]),
                regex=_joined(p["regex"]),
                triggers=tuple(p["triggers"]),
                examples=tuple(p.get("examples", ())),
            )
            for p in data["patterns"]
        ),
        reading_rules=tuple((str(rx), str(repl)) for rx, repl in reading.get("rules", ())),
        # the seeded words (tools/seed_languages.py), then the hand-written ones
        reading_words={
            str(k): str(v)
            for k, v in {**reading.get("seeded", {}), **reading.get("words", {})}.items()
        },
        day_first=bool(data.get("day_first", False)),
        elision=bool(data.get("elision", False)),
    )
