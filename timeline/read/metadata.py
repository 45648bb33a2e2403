"""What the user writes about documents: YAML front matter, sidecars and ``metadata.csv``.

What the user writes always wins over what a page or file states about itself. Three places:

- front matter: ``---`` ... ``---`` at the top of a ``.md``/``.txt`` file (the document text
  then starts after the closing line, and every offset is into that text);
- a sidecar ``<file stem>.meta.yaml`` next to a file that must stay byte for byte as received;
- ``metadata.csv`` at the top of the corpus folder, one row per file for many files at once:
  columns ``path, title, publisher, published, url, language`` (``path`` relative to the
  corpus folder; every other column optional, an empty cell says nothing).

A sidecar wins over a manifest row, which wins over front matter. Metadata that cannot be used
(bad YAML, an impossible date, an unknown key, a bad row) is a warning naming the file (or
``metadata.csv:LINE``); the document is read without the keys at fault.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from pydantic import ValidationError

from ..dates import span_of
from ..models import DocumentMeta
from ..temporal.date_strings import read_date_string

try:
    from yaml import CSafeLoader as _FastSafeLoader
except ImportError:  # PyYAML built without libyaml
    from yaml import SafeLoader as _FastSafeLoader  # type: ignore[assignment]

WarnFn = Callable[[str], None]

SIDECAR_SUFFIXES = (".meta.yaml", ".meta.yml")
MANIFEST_NAME = "metadata.csv"
MANIFEST_COLUMNS = ("path", "title", "publisher", "published", "url", "language")


class ManifestRow(NamedTuple):
    """One row of metadata.csv: its line number and the valid metadata its cells give."""

    line: int
    meta: dict[str, Any]


# --------------------------------------------------------------------------- front matter

_FRONT_OPEN = re.compile(r"\A---[ \t]*\r?\n")
_FRONT_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.M)
_KEY_LINE = re.compile(r"^\s*(?:#.*)?$|^[A-Za-z_][\w-]*\s*:")


def split_front_matter(text: str) -> tuple[str, str] | None:
    """``(the YAML block, the text after it)``, or None when the text has no front matter.

    A block counts as front matter when the first line is ``---``, a closing ``---`` (or
    ``...``) line follows, and its first line looks like ``key: value``.
    """
    opening = _FRONT_OPEN.match(text)
    if opening is None:
        return None
    closing = _FRONT_CLOSE.search(text, opening.end())
    if closing is None:
        return None
    block = text[opening.end() : closing.start()]
    lines = [line for line in block.splitlines() if line.strip()]
    if lines and not _KEY_LINE.match(lines[0]):
        return None
    return block, text[closing.end() :]


# --------------------------------------------------------------------------- sidecars


def is_sidecar(name: str) -> bool:
    """True for a sidecar file name (``a.meta.yaml``): metadata, never a document."""
    return name.endswith(SIDECAR_SUFFIXES)


def find_sidecar(path: Path, known: set[Path] | None = None) -> Path | None:
    """``<stem>.meta.yaml`` (or ``.meta.yml``) beside ``path``, when it exists (among the
    ``known`` sidecars, when given)."""
    if known is not None and not known:
        return None
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    for suffix in SIDECAR_SUFFIXES:
        candidate = path.with_name(stem + suffix)
        if candidate in known if known is not None else candidate.is_file():
            return candidate
    return None


class _MetaLoader(yaml.SafeLoader):
    """Safe YAML for metadata: timestamps stay the text written (an impossible date is a
    message, not a crash) and aliases are refused (no expansion bomb)."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            alias = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed", alias.start_mark
            )
        return super().compose_node(parent, index)


def _timestamp_as_text(loader: Any, node: yaml.Node) -> str:
    return str(node.value)


_MetaLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


class _FastMetaLoader(_FastSafeLoader):
    """The rules of _MetaLoader (timestamps as text) through libyaml, for text without an
    alias."""


_FastMetaLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


def parse_yaml_mapping(
    text: str, path: Path, what: str, warn: WarnFn, *, first_line: int = 1
) -> dict[str, Any]:
    """The YAML mapping in ``text``; {} with a warning naming ``path`` (and the line) when it
    is not one. ``first_line`` is the file line ``text`` starts on."""
    # libyaml where it is installed (8x faster); an alias needs a "*", refused by _MetaLoader.
    loader = _MetaLoader if "*" in text else _FastMetaLoader
    try:
        data = yaml.load(text, Loader=loader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" line {mark.line + first_line}:" if mark is not None else ""
        problem = getattr(e, "problem", None) or "malformed YAML"
        warn(f"{path}:{where} {what} is not valid YAML ({problem}); read without it")
        return {}
    if data is None:
        return {}
    if not isinstance(data, dict):
        warn(f"{path}: the {what} is not a mapping of keys (title:, published:…); read without it")
        return {}
    return {str(k): v for k, v in data.items()}


# --------------------------------------------------------------------------- metadata.csv


def load_manifest(
    root: Path, read: Callable[[Path], bytes], warn: WarnFn
) -> dict[str, ManifestRow]:
    """The rows of ``root/metadata.csv`` by path (relative, with ``/``); {} without one.

    ``read`` reads a file of the corpus (refusing one outside it). Each bad cell or row is a
    warning naming ``metadata.csv:LINE``; the rest is kept.
    """
    path = root / MANIFEST_NAME
    try:
        text = read(path).decode("utf-8-sig")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as e:
        reason = e.strerror if isinstance(e, OSError) and e.strerror else e
        warn(f"{path}: not used, cannot be read as UTF-8 text ({reason})")
        return {}
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [(h or "").strip().lower() for h in reader.fieldnames or []]
    if "path" not in header or set(header) - set(MANIFEST_COLUMNS):
        columns = ", ".join(MANIFEST_COLUMNS)
        warn(f"{path}:1: not used, the header must name columns among: {columns} (path required)")
        return {}
    reader.fieldnames = header
    rows: dict[str, ManifestRow] = {}
    for row in reader:
        where = f"{path}:{reader.line_num}"
        if None in row:
            warn(f"{where}: more cells than columns; row not used")
            continue
        cells = {k: (v or "").strip() for k, v in row.items()}
        key = cells.pop("path").replace("\\", "/").removeprefix("./")
        if not key:
            warn(f"{where}: no path; row not used")
        elif key in rows:
            warn(f"{where}: a second row for '{key}'; row not used")
        else:
            given = {k: v for k, v in cells.items() if v}
            meta = validate_meta(given, Path(where), warn=warn)
            rows[key] = ManifestRow(reader.line_num, meta.model_dump(exclude_unset=True))
    return rows


# --------------------------------------------------------------------------- validation

_LOOSE_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ]\S.*)?$")


def validate_meta(
    data: dict[str, Any], source: Path, *, warn: WarnFn | None = None
) -> DocumentMeta:
    """``data`` as DocumentMeta; each bad key or value is left out, with one warning naming
    the file and every problem."""
    published = data.get("published")
    if isinstance(published, str):
        data = {**data, "published": _published_value(published, data)}
    try:
        return DocumentMeta.model_validate(data)
    except ValidationError as e:
        problems, bad = [], set()
        for err in e.errors():
            key = ".".join(str(p) for p in err["loc"]) or "metadata"
            bad.add(str(err["loc"][0]) if err["loc"] else key)
            if err["type"] == "extra_forbidden":
                allowed = ", ".join(DocumentMeta.model_fields)
                problems.append(f"unknown key '{key}' (allowed: {allowed})")
            else:
                msg = err["msg"].removeprefix("Value error, ")
                problems.append(f"'{key}': {msg}")
        if warn is not None:
            warn(f"{source}: invalid metadata: {'; '.join(problems)}; read without it")
        return DocumentMeta.model_validate({k: v for k, v in data.items() if k not in bad})


def _published_value(published: str, data: dict[str, Any]) -> str:
    """A ``published:`` as a TIMEX3 value: a YAML timestamp (2020-10-30T09:00:00Z, 2020-1-5)
    stands for its day; a date written out in the document's language or another ("le 3
    mars 2020", "March 3rd, 2020", "März 2020") is read at its precision; anything else is
    left as written, for the validation to report."""
    text = published.strip()
    if day := _LOOSE_DAY.match(text):
        return f"{day[1]}-{int(day[2]):02d}-{int(day[3]):02d}"
    if span_of(text) is not None:
        return text
    language = data.get("language")
    day_first = data.get("day_first")
    value = read_date_string(
        text,
        language if isinstance(language, str) else None,
        day_first=day_first if isinstance(day_first, bool) else None,
    )
    return value or published


def valid_keys(data: dict[str, Any]) -> dict[str, Any]:
    """The entries of ``data`` that are valid metadata, the others left out silently (what a
    page or file states about itself can be odd: a PDF's creation date can be nonsense)."""
    return validate_meta(data, Path()).model_dump(exclude_unset=True)
