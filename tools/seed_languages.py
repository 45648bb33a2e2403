"""Seed the vocabulary of the tagger's language files from dateparser's locale data.

    .venv/bin/python tools/seed_languages.py [CODE ...]     (default: de es fr it pt)

For each language it reads dateparser's translation table (month and weekday names, units,
relative words, the usual order of a numeric date) and writes the seeded part of
``timeline/temporal/lang/<code>.toml``: the lines between the two ``seeded`` markers. The rest
of the file (patterns, numbers, modifiers, rewrite rules) is written by hand and kept as it
is. The written file is reviewed and committed: the tagger never reads dateparser's data at
run time, so a change of its layout cannot change what the tagger reads.

What is kept and what is dropped, and why:

* month names, full and abbreviated (abbreviations match only before a full stop or a
  number), but not the abbreviations that are everyday words ("mar", the sea, which ends
  sentences in Spanish, Italian and Portuguese); forms shorter than three letters are dropped;
* full weekday names only: their abbreviations are common words in these languages
  ("die", "mit", "son" in German, "mer", "jeu" in French, "mar", "sex", "dom" in Spanish and
  Portuguese) and news writes weekdays in full; Portuguese "segunda", "quinta" without
  "-feira" are dropped too: they are also the ordinals "second", "fifth";
* unit words, minus dateparser's abbreviations ("std", "sek", "sem", "min", "j", "h", "s":
  they belong to timestamps such as "vor 3 Std.", not to running text), plus the inflected
  and extra forms listed below (genitives, decades, centuries, quarters, nights), which
  dateparser does not list;
* the single-word and fixed relative phrases ("gestern", "hier", "ayer", "ieri", "ontem",
  "la semaine dernière"), each with the English phrase the tagger's readers read; the ones
  counting hours and minutes ("in dieser Stunde") are dropped: they tell the age of a post,
  not a date of the story;
* ``day_first``, from dateparser's date order (all five read 03/04/2020 as 3 April).
"""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path
from typing import Any

LANG_DIR = Path(__file__).resolve().parents[1] / "timeline" / "temporal" / "lang"
BEGIN = "# >>> seeded by tools/seed_languages.py from dateparser's locale data: edit the tool"
END = "# <<< end of the seeded part"
DEFAULT_CODES = ("de", "es", "fr", "it", "pt")

MONTH_KEYS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
WEEKDAY_KEYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
# dateparser's unit key -> (TIMEX3 code, English singular, English plural)
UNIT_KEYS = {
    "year": ("Y", "year", "years"),
    "month": ("M", "month", "months"),
    "week": ("W", "week", "weeks"),
    "day": ("D", "day", "days"),
    "hour": ("H", "hour", "hours"),
    "minute": ("M", "minute", "minutes"),
    "second": ("S", "second", "seconds"),
}
# dateparser's relative phrase -> the English phrase the readers read.
RELATIVE = {
    "0 day ago": "today",
    "1 day ago": "yesterday",
    "in 1 day": "tomorrow",
    "2 day ago": "the day before yesterday",
    "in 2 day": "the day after tomorrow",
    "0 week ago": "this week",
    "1 week ago": "last week",
    "in 1 week": "next week",
    "0 month ago": "this month",
    "1 month ago": "last month",
    "in 1 month": "next month",
    "0 year ago": "this year",
    "1 year ago": "last year",
    "in 1 year": "next year",
    "0 second ago": "now",
}
# Month abbreviations that are everyday words ("mar": the sea; "ago": a needle in Italian).
MONTH_ABBREVIATION_WORDS = {"es": {"mar"}, "it": {"mar", "ago"}, "pt": {"mar"}}
# Abbreviations in dateparser's unit lists: timestamp shorthand, not running text.
UNIT_ABBREVIATIONS = {
    "de": {"std", "sek", "min"},
    "fr": {"sem", "min"},
    "es": {"sem", "min"},
    "it": {"sett", "min", "sec"},
    "pt": {"sem", "min", "seg"},
}
# Forms dateparser lacks: unit word -> (dateparser unit key or TIMEX3 code, English word).
EXTRA_UNITS: dict[str, dict[str, tuple[str, str]]] = {
    "de": {
        "jahres": ("Y", "year"),
        "jahrs": ("Y", "year"),
        "monats": ("M", "month"),
        "monates": ("M", "month"),
        "tages": ("D", "day"),
        "tags": ("D", "day"),
        "wochenende": ("WE", "weekend"),
        "wochenenden": ("WE", "weekends"),
        "jahrzehnt": ("DE", "decade"),
        "jahrzehnte": ("DE", "decades"),
        "jahrzehnten": ("DE", "decades"),
        "jahrhundert": ("CE", "century"),
        "jahrhunderte": ("CE", "centuries"),
        "jahrhunderts": ("CE", "century"),
        "quartal": ("Q", "quarter"),
        "quartals": ("Q", "quarter"),
        "quartale": ("Q", "quarters"),
        "nacht": ("D", "night"),
        "nächte": ("D", "nights"),
        "stunde": ("H", "hour"),
        "minuten": ("M", "minutes"),
        "sekunden": ("S", "seconds"),
    },
    "fr": {
        "année": ("Y", "year"),
        "décennie": ("DE", "decade"),
        "décennies": ("DE", "decades"),
        "siècle": ("CE", "century"),
        "siècles": ("CE", "centuries"),
        "trimestre": ("Q", "quarter"),
        "trimestres": ("Q", "quarters"),
        "week-end": ("WE", "weekend"),
        "week-ends": ("WE", "weekends"),
        "nuit": ("D", "night"),
        "nuits": ("D", "nights"),
        "journée": ("D", "day"),
        "journées": ("D", "days"),
    },
    "es": {
        "década": ("DE", "decade"),
        "décadas": ("DE", "decades"),
        "siglo": ("CE", "century"),
        "siglos": ("CE", "centuries"),
        "trimestre": ("Q", "quarter"),
        "trimestres": ("Q", "quarters"),
        "noche": ("D", "night"),
        "noches": ("D", "nights"),
        "dia": ("D", "day"),
        "dias": ("D", "days"),
    },
    "it": {
        "decennio": ("DE", "decade"),
        "decenni": ("DE", "decades"),
        "secolo": ("CE", "century"),
        "secoli": ("CE", "centuries"),
        "trimestre": ("Q", "quarter"),
        "trimestri": ("Q", "quarters"),
        "notte": ("D", "night"),
        "notti": ("D", "nights"),
        "fine settimana": ("WE", "weekend"),
    },
    "pt": {
        "década": ("DE", "decade"),
        "décadas": ("DE", "decades"),
        "século": ("CE", "century"),
        "séculos": ("CE", "centuries"),
        "trimestre": ("Q", "quarter"),
        "trimestres": ("Q", "quarters"),
        "noite": ("D", "night"),
        "noites": ("D", "nights"),
        "mes": ("M", "month"),
    },
}


def locale(code: str) -> dict[str, Any]:
    """dateparser's translation table of ``code``."""
    module = importlib.import_module(f"dateparser.data.date_translation_data.{code}")
    info: dict[str, Any] = module.info
    return info


def _forms(info: dict[str, Any], key: str) -> list[str]:
    """The distinct lower-cased forms of one entry, in dateparser's order, full stops off."""
    out: list[str] = []
    for form in info.get(key, []):
        word = form.lower().rstrip(".")
        if word and word not in out:
            out.append(word)
    return out


def _months(code: str, info: dict[str, Any]) -> tuple[dict[str, int], dict[str, int]]:
    full: dict[str, int] = {}
    abbreviated: dict[str, int] = {}
    for n, key in enumerate(MONTH_KEYS, 1):
        forms = [f for f in _forms(info, key) if len(f) >= 3]
        longest = max(len(f) for f in forms)
        for f in forms:
            # a shorter form that begins a longer one is its abbreviation ("jan", "févr")
            is_prefix = any(g != f and g.startswith(f) for g in forms)
            short = is_prefix or (len(f) <= 4 and len(f) < longest and f.isalpha())
            (abbreviated if short else full)[f] = n
    for word in MONTH_ABBREVIATION_WORDS.get(code, ()):
        abbreviated.pop(word, None)
    return full, abbreviated


def _weekdays(info: dict[str, Any]) -> dict[str, int]:
    out: dict[str, int] = {}
    for n, key in enumerate(WEEKDAY_KEYS, 1):
        forms = _forms(info, key)
        out[max(forms, key=len)] = n
    return out


def _units(code: str, info: dict[str, Any]) -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    """The units table (singular -> [code, plural]) and each form's English word."""
    units: dict[str, tuple[str, str]] = {}
    english: dict[str, str] = {}
    dropped = UNIT_ABBREVIATIONS.get(code, set())
    for key, (unit_code, singular, plural) in UNIT_KEYS.items():
        forms = [f for f in _forms(info, key) if len(f) >= 2 and f not in dropped]
        forms = [f for f in forms if " " not in f]
        if not forms:
            continue
        first, rest = forms[0], forms[1:]
        units[first] = (unit_code, rest[0] if rest else first)
        english[first] = singular
        for f in rest:
            english[f] = plural
            if f != units[first][1]:
                units[f] = (unit_code, f)
    for word, (unit_code, eng) in EXTRA_UNITS.get(code, {}).items():
        english[word] = eng
        if word not in units and " " not in word:
            units[word] = (unit_code, word)
    return units, english


def _relative(info: dict[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, phrases in info.get("relative-type", {}).items():
        if key in RELATIVE:
            for phrase in phrases:
                out[phrase.lower()] = RELATIVE[key]
    return out


def _key(word: str) -> str:
    return word if re.fullmatch(r"[a-z0-9_-]+", word) else _quote(word)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def seeded_block(code: str) -> str:
    """The seeded part of ``code``'s language file, markers included."""
    info = locale(code)
    months, abbreviations = _months(code, info)
    units, unit_english = _units(code, info)
    lines = [BEGIN, f"# ({Path(__file__).name}), not here.", ""]
    lines.append(f"day_first = {'true' if info['date_order'].startswith('D') else 'false'}")
    lines += ["", "[months]"] + [f"{_key(w)} = {n}" for w, n in months.items()]
    lines += ["", "[month_abbreviations]"] + [f"{_key(w)} = {n}" for w, n in abbreviations.items()]
    lines += ["", "[weekdays]"] + [f"{_key(w)} = {n}" for w, n in _weekdays(info).items()]
    lines += ["", "[units]"] + [
        f"{_key(w)} = [{_quote(c)}, {_quote(p)}]" for w, (c, p) in units.items()
    ]
    english = {w: MONTH_KEYS[n - 1] for w, n in {**months, **abbreviations}.items()}
    english |= {w: WEEKDAY_KEYS[n - 1] for w, n in _weekdays(info).items()}
    english |= unit_english
    # a unit word that is also a relative word keeps its unit reading (Italian "ora": hour, now)
    english |= {w: e for w, e in _relative(info).items() if w not in english}
    lines += ["", "# each word or phrase as the readers read it (English)", "[reading.seeded]"]
    lines += [f"{_key(w)} = {_quote(e)}" for w, e in english.items()]
    lines += [END]
    return "\n".join(lines) + "\n"


def write(code: str) -> Path:
    """Replace the seeded part of ``code``'s file (or start the file with it)."""
    path = LANG_DIR / f"{code}.toml"
    block = seeded_block(code)
    if path.is_file():
        text = path.read_text(encoding="utf-8")
        start, end = text.find(BEGIN), text.find(END)
        if start < 0 or end < start:
            sys.exit(f"{path}: no seeded part to replace (markers missing)")
        end = text.index("\n", end) + 1
        text = text[:start] + block + text[end:]
    else:
        text = f'code = "{code}"\n\n' + block
    path.write_text(text, encoding="utf-8")
    return path


def main(argv: list[str]) -> None:
    for code in argv or DEFAULT_CODES:
        print(f"seeded {write(code)}")


if __name__ == "__main__":
    main(sys.argv[1:])
