"""Read, validate and safely write events.yaml, the hand-curated events file.

Reading reports every problem at once, each as ``FILE:LINE:COL: LOCATION: message`` with the
line and column of the offending value, so an editor can jump to it. Writing never loses a
hand edit: new entries are inserted as text after the existing ones (every byte of the
user's file is kept: comments, key order, quoting, blank lines, indentation), the result is
re-read to check it, and it replaces the old file atomically, leaving ``events.yaml.bak``.
"""

from __future__ import annotations

import difflib
import io
import re
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer, ComposerError
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.reader import ReaderError

from .errors import EventsFileError, TimelineError
from .fileio import replace_file
from .models import Dismissal, EventSpec, Reference

TOP_LEVEL_KEYS = ("events",)


# --------------------------------------------------------------------------- YAML set-up


class _TextDateConstructor(RoundTripConstructor):
    """Keeps YAML timestamps as the text written, so 2020-02-30 is our error, not a crash."""


_TextDateConstructor.add_constructor(
    "tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str
)


class _PlainComposer(Composer):
    """Refuses anchors and aliases: a few lines of them expand to billions of nodes."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None) is not None:
            raise ComposerError(
                None,
                None,
                "anchors and aliases (&name, *name) are not supported; write the value out",
                event.start_mark,
            )
        return super().compose_node(parent, index)


def _reader() -> YAML:
    """A round-trip loader: every node keeps its line and column; dates stay text; no
    anchors or aliases."""
    yaml = YAML(typ="rt")
    yaml.Constructor = _TextDateConstructor
    yaml.Composer = _PlainComposer
    return yaml


def _writer(indent: tuple[int, int, int], *, explicit_start: bool = False) -> YAML:
    """A round-trip dumper with the file's indentation that never folds a long line."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1_000_000
    mapping, sequence, offset = indent
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    yaml.explicit_start = explicit_start
    return yaml


def detect_indent(data: object) -> tuple[int, int, int]:
    """``(mapping, sequence, offset)`` indentation of a loaded events file, as ruamel.yaml
    counts it: an item's dash sits ``offset`` columns right of the ``events:`` key and its keys
    ``sequence`` columns right of it. Defaults to the shipped file's 2, 4, 2.
    """
    if isinstance(data, CommentedMap) and "events" in data:
        events = data["events"]
        if isinstance(events, CommentedSeq) and events and isinstance(events[0], CommentedMap):
            _, key_col = data.lc.key("events")
            dash_col = events.lc.col
            content_col = events[0].lc.col
            offset, sequence = dash_col - key_col, content_col - key_col
            if offset >= 0 and sequence >= offset + 2:
                return max(2, sequence - offset), sequence, offset
    return 2, 4, 2


# --------------------------------------------------------------------------- loading


def load_events(path: Path) -> list[EventSpec]:
    """The events of ``path``, validated.

    Raises:
        EventsFileError: with one ``FILE:LINE:COL: LOCATION: message`` line per problem,
            every problem of the file at once.
    """
    text = _read_text(path)
    return parse_events(text, str(path))


def _read_text(path: Path) -> str:
    if not path.exists():
        raise EventsFileError(
            [f"{path}: file not found (start one with `timeline init`, or pass --events FILE)"]
        )
    if path.is_dir():
        raise EventsFileError([f"{path}: is a folder, not an events file"])
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise EventsFileError([f"{path}:1:1: yaml: the file is not UTF-8 text ({e.reason})"]) from e
    except OSError as e:
        raise EventsFileError([f"{path}: cannot be read ({e.strerror or e})"]) from e


def parse_events(text: str, name: str = "events.yaml") -> list[EventSpec]:
    """The events in ``text``; ``name`` is the file name used in problem lines."""
    problems = _Problems(name)
    try:
        data = _reader().load(text)
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line, mark.column) if mark is not None else (0, 0)
        problem = e.problem or e.context or "malformed YAML"
        if e.context and e.problem and "duplicate key" not in e.problem:
            problem = f"{e.problem} ({e.context})"
        problems.add(line, col, "yaml", problem)
        raise EventsFileError(problems.lines()) from e
    except ReaderError as e:  # a character YAML does not allow, such as a control character
        before = text[: e.position]
        line, col = before.count("\n"), e.position - (before.rfind("\n") + 1)
        problems.add(line, col, "yaml", f"character {e.character:#06x} is not allowed in YAML")
        raise EventsFileError(problems.lines()) from e
    except YAMLError as e:
        problems.add(0, 0, "yaml", str(e).splitlines()[0] if str(e) else "malformed YAML")
        raise EventsFileError(problems.lines()) from e
    except TypeError as e:  # a complex key ("? - events:") that a mapping cannot hold
        problems.add(0, 0, "yaml", "a mapping key that is itself a list or a mapping")
        raise EventsFileError(problems.lines()) from e

    entries = _top_level(data, problems)
    specs: list[EventSpec] = []
    first_seen: dict[str, int] = {}
    for i, entry in enumerate(entries):
        where = f"events[{i}]"
        line, col = entries.lc.item(i)
        if not isinstance(entry, CommentedMap):
            problems.add(line, col, where, "each event must be a mapping (id:, title:, date:…)")
            continue
        spec = _validate_entry(entry, where, problems)
        event_id = entry.get("id")
        if isinstance(event_id, str):
            id_line, id_col = entry.lc.value("id")
            if event_id in first_seen:
                problems.add(
                    id_line,
                    id_col,
                    f"{where}.id",
                    f"duplicate id '{event_id}' (first used on line {first_seen[event_id]})",
                )
            else:
                first_seen[event_id] = id_line + 1
        if spec is not None:
            specs.append(spec)
    if problems:
        raise EventsFileError(problems.lines())
    return specs


class _Problems:
    """Collects ``FILE:LINE:COL: LOCATION: message`` lines (0-based positions in, 1-based out)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.items: list[tuple[int, int, str]] = []

    def add(self, line: int, col: int, location: str, message: str) -> None:
        text = f"{self.name}:{line + 1}:{col + 1}: {location}: {message}"
        self.items.append((line, col, text))

    def lines(self) -> list[str]:
        return [text for _, _, text in sorted(self.items, key=lambda t: (t[0], t[1]))]

    def __bool__(self) -> bool:
        return bool(self.items)


def _top_level(data: object, problems: _Problems) -> CommentedSeq:
    """The ``events`` list, or raise with what is wrong with the top of the file."""
    if data is None:
        problems.add(0, 0, "events", "the file is empty; it needs a top-level 'events:' list")
        raise EventsFileError(problems.lines())
    if not isinstance(data, CommentedMap):
        found = "a list" if isinstance(data, CommentedSeq) else "a single value"
        message = f"the top level must be a mapping with an 'events:' list, not {found}"
        problems.add(0, 0, "yaml", message)
        raise EventsFileError(problems.lines())
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            line, col = data.lc.key(key)
            problems.add(line, col, str(key), _unknown_key(str(key), TOP_LEVEL_KEYS, "top-level "))
    if "events" not in data:
        problems.add(0, 0, "events", "missing: the file needs a top-level 'events:' list")
        raise EventsFileError(problems.lines())
    entries = data["events"]
    if entries is None:  # "events:" with nothing under it yet
        return CommentedSeq()
    if not isinstance(entries, CommentedSeq):
        line, col = data.lc.value("events")
        problems.add(line, col, "events", "must be a list of events, each starting with '- id:'")
        raise EventsFileError(problems.lines())
    return entries


def _unknown_key(key: str, allowed: tuple[str, ...] | list[str], kind: str = "") -> str:
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if close:
        return f"unknown {kind}key (did you mean '{close[0]}'?)"
    return f"unknown {kind}key (allowed: {', '.join(allowed)})"


def _plain(node: object) -> Any:
    """ruamel.yaml nodes as plain Python values (dates as ISO text)."""
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, bool):
        return bool(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    if isinstance(node, datetime | date):
        return node.isoformat()
    return node


def _validate_entry(entry: CommentedMap, where: str, problems: _Problems) -> EventSpec | None:
    try:
        return EventSpec.model_validate(_plain(entry))
    except ValidationError as e:
        for err in e.errors():
            loc = tuple(err["loc"])
            line, col, location = _locate(
                entry,
                loc,
                where,
                missing=err["type"] == "missing",
                key_problem=err["type"] == "extra_forbidden",
            )
            problems.add(line, col, location, _message(err, loc))
        return None


def _locate(
    entry: CommentedMap,
    loc: tuple[int | str, ...],
    where: str,
    *,
    missing: bool,
    key_problem: bool = False,
) -> tuple[int, int, str]:
    """Line, column and ``events[i].key[j]`` location of a pydantic error ``loc`` in ``entry``."""
    line, col = entry.lc.line, entry.lc.col
    node: Any = entry
    location = where
    parts = loc[:-1] if missing else loc
    for part in parts:
        if isinstance(part, str) and isinstance(node, CommentedMap) and part in node:
            value = node[part]
            # the value itself, or the key when there is no value or the key is the problem
            at_key = key_problem or value is None or isinstance(value, CommentedMap | CommentedSeq)
            line, col = node.lc.key(part) if at_key else node.lc.value(part)
            location += f".{part}"
            node = node[part]
        elif isinstance(part, int) and isinstance(node, CommentedSeq) and part < len(node):
            line, col = node.lc.item(part)
            location += f"[{part}]"
            node = node[part]
        else:
            location += f"[{part}]" if isinstance(part, int) else f".{part}"
            break
    return line, col, location


_TYPE_HINTS = {
    "list_type": 'must be a list, e.g. ["Forde report", "Forde inquiry"]',
    "string_type": "must be text (put it in quotes)",
    "dict_type": "must be a mapping (publisher:, title:, url:, date:)",
    "bool_type": "must be true or false",
    "string_too_short": "must not be empty",
    "string_pattern_mismatch": (
        "must be lower-case letters, digits and hyphens, e.g. forde-report"
    ),
}


def _message(err: Any, loc: tuple[int | str, ...]) -> str:
    kind = err["type"]
    if kind == "missing":
        return f"missing required key '{loc[-1]}'"
    if kind == "extra_forbidden":
        model_fields = (
            Reference.model_fields
            if "sources" in loc
            else Dismissal.model_fields
            if "dismissed" in loc
            else EventSpec.model_fields
        )
        return _unknown_key(str(loc[-1]), list(model_fields))
    if err.get("input") is None and kind in {"string_type", "list_type", "dict_type"}:
        return "is empty"
    if kind in _TYPE_HINTS:
        return _TYPE_HINTS[kind]
    msg = str(err["msg"])
    msg = msg.removeprefix("Value error, ").removeprefix("Input should be ")
    return msg if kind == "value_error" else f"should be {msg}"


# --------------------------------------------------------------------------- writing


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` atomically, keeping the old file as ``path.bak``.

    The text goes to a temporary file in the same folder, is flushed to disk, and only then
    renamed over ``path``: a failure at any point leaves the old file as it was.

    Raises:
        TimelineError: the file could not be written (the old one is untouched).
    """
    try:
        replace_file(Path(path), text, backup=True, durable=True)
    except OSError as e:
        raise TimelineError(
            f"could not write {path}: {e.strerror or e}; the old file is unchanged"
        ) from e


def dump_roundtrip(path: Path) -> str:
    """``path`` loaded and dumped again with no change (comments, quoting and layout kept)."""
    text = _read_text(path)
    return roundtrip_text(text)


def roundtrip_text(text: str) -> str:
    """``text`` through a ruamel.yaml round trip with no change."""
    newline = "\r\n" if "\r\n" in text else "\n"
    plain = text.replace("\r\n", "\n")
    loader = YAML(typ="rt")
    loader.Composer = _PlainComposer
    loader.preserve_quotes = True
    try:
        data = loader.load(plain)
    except (YAMLError, ValueError):
        parse_events(plain)  # raises EventsFileError with the position
        raise
    buf = io.StringIO()
    _writer(detect_indent(data), explicit_start=plain.lstrip().startswith("---")).dump(data, buf)
    return buf.getvalue().replace("\n", newline)


def append_events(path: Path, entries: list[dict[str, Any]]) -> None:
    """Append ``entries`` to the ``events:`` list of ``path``, keeping every byte already there.

    The existing file is validated first (its problems are raised as EventsFileError), the new
    entries are validated as events, inserted after the last existing event in the file's own
    indentation, the result is re-read and checked, then written with ``write_atomic``.
    """
    path = Path(path)
    text = _read_text(path)
    new_text = insert_events_text(text, entries, name=str(path))
    write_atomic(path, new_text)


def insert_events_text(text: str, entries: list[dict[str, Any]], name: str = "events.yaml") -> str:
    """``text`` with ``entries`` appended to its ``events:`` list; the original text is kept."""
    if not entries:
        return text
    before = parse_events(text, name)
    _check_new_entries(entries, {spec.id for spec in before})

    newline = "\r\n" if "\r\n" in text else "\n"
    plain = text.replace("\r\n", "\n")
    data = _reader().load(plain)  # valid: parse_events passed
    lines = plain.splitlines(keepends=True)
    events = data["events"]
    key_line, key_col = data.lc.key("events")
    items_lines = _render_items(detect_indent(data), entries, key_col)
    if isinstance(events, CommentedSeq) and len(events) > 0:
        if events.fa.flow_style():
            raise EventsFileError(
                [
                    f"{name}:{key_line + 1}:{key_col + 1}: events: the list is written on one "
                    "line ([...]); put one '- id:' entry per line to add events to it"
                ]
            )
        insert_at = len(lines)  # `events` is the only top-level key: its list runs to the end
        separate = _blank_between_items(lines, events)
    else:  # "events:" or "events: []": the list starts right after the key line
        key_text = lines[key_line]
        head, _, comment = key_text.partition("#")
        head = head.rstrip().removesuffix("[]").rstrip()
        key_text = head + ("  #" + comment if comment else "\n")
        lines[key_line] = key_text if key_text.endswith("\n") else key_text + "\n"
        insert_at = key_line + 1
        separate = False
    block = "".join(("\n" if separate else "") + item for item in items_lines)
    if insert_at > 0 and not lines[insert_at - 1].endswith("\n"):
        lines[insert_at - 1] += "\n"
    result = "".join(lines[:insert_at]) + block + "".join(lines[insert_at:])

    after = parse_events(result, name)  # re-read: the file must still be valid
    if len(after) != len(before) + len(entries):
        raise TimelineError(f"could not append to {name} safely; the file is unchanged")
    return result.replace("\n", newline)


def _check_new_entries(entries: list[dict[str, Any]], existing: set[str]) -> None:
    problems = []
    for i, entry in enumerate(entries):
        try:
            spec = EventSpec.model_validate(entry)
        except ValidationError as e:
            detail = "; ".join(
                f"{'.'.join(str(p) for p in err['loc']) or 'entry'}: "
                f"{_message(err, tuple(err['loc']))}"
                for err in e.errors()
            )
            problems.append(f"new entry {i}: {detail}")
            continue
        if spec.id in existing:
            problems.append(f"new entry {i}: the id '{spec.id}' is already used")
        existing.add(spec.id)
    if problems:
        raise EventsFileError(problems)


def render_entries(entries: list[dict[str, Any]]) -> str:
    """``entries`` as YAML list items in the shipped file's layout, ready to paste under
    ``events:`` (the same text ``append_events`` would add, without the blank lines).

    An entry of strings and lists of strings, the usual case, is written directly, each
    string in the style ruamel.yaml's emitter would choose for it (by its own analysis and
    resolver), which gives ruamel.yaml's text at a fraction of its cost; anything else goes
    through ruamel.yaml.
    """
    out = []
    for entry in entries:
        text = _render_simple(entry)
        out.append(text if text is not None else _render_items((2, 4, 2), [entry], 0)[0])
    return "".join(out)


_STR_TAG = "tag:yaml.org,2002:str"
# What ruamel.yaml writes as it is in a quoted or plain scalar (anything else is escaped).
_VERBATIM = re.compile("[\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*")


@cache
def _analysis() -> tuple[Any, Any]:
    """ruamel.yaml's emitter and resolver, as the shipped layout's writer has them."""
    yaml = _writer((2, 4, 2))
    return yaml.emitter, yaml.resolver


def _scalar(value: str) -> str | None:
    """``value`` as ruamel.yaml writes a string mapping value (or sequence item) in block
    style and with no line width, or None when it is not a simple case."""
    if not value or _VERBATIM.fullmatch(value) is None or "\u2028" in value or "\u2029" in value:
        return None
    emitter, resolver = _analysis()
    analysis = emitter.analyze_scalar(value)
    if analysis.multiline:
        return None
    plain = resolver.resolve(ScalarNode, value, (True, False)) == _STR_TAG
    if plain and analysis.allow_block_plain:
        return value
    if analysis.allow_double_quoted and "'" in value:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if analysis.allow_single_quoted:
        return "'" + value.replace("'", "''") + "'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _render_simple(entry: dict[str, Any]) -> str | None:
    """One entry of strings and lists of strings as a list item of the shipped layout, or
    None when it holds anything else."""
    lines: list[str] = []
    for key, value in entry.items():
        if value is None:
            continue
        lead = "    " if lines else "  - "
        if _scalar(key) != key:
            return None
        if isinstance(value, str):
            text = _scalar(value)
            if text is None:
                return None
            lines.append(f"{lead}{key}: {text}")
        elif isinstance(value, list) and value and lines:
            items = [_scalar(v) if isinstance(v, str) else None for v in value]
            if None in items:
                return None
            lines.append(f"{lead}{key}:")
            lines.extend(f"      - {item}" for item in items)
        else:
            return None
    return "\n".join(lines) + "\n" if lines else None


def _render_items(
    indent: tuple[int, int, int], entries: list[dict[str, Any]], key_col: int
) -> list[str]:
    """Each entry as YAML list item lines, indented like the file's existing items."""
    yaml = _writer(indent)
    rendered = []
    for entry in entries:
        buf = io.StringIO()
        yaml.dump({"events": [_commented(entry)]}, buf)
        body = buf.getvalue().split("\n", 1)[1]  # drop the "events:" line
        if key_col:
            body = "".join(" " * key_col + line for line in body.splitlines(keepends=True))
        rendered.append(body)
    return rendered


def _commented(value: Any) -> Any:
    if isinstance(value, dict):
        out = CommentedMap()
        for k, v in value.items():
            if v is not None:
                out[k] = _commented(v)
        return out
    if isinstance(value, list | tuple):
        return CommentedSeq([_commented(v) for v in value])
    return value


def _blank_between_items(lines: list[str], events: CommentedSeq) -> bool:
    """True when the file separates its events with blank lines (so new ones follow suit)."""
    if len(events) < 2:
        return True
    line, _ = events.lc.item(1)
    return line > 0 and not lines[line - 1].strip()
