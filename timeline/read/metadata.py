"""What the user writes about documents: YAML front matter, sidecars and ``metadata.csv``.

What the user writes always wins over what a page or file states about itself. Three places:

- front matter: ``---`` ... ``---`` at the top of a ``.md``/``.txt`` file (the document text
  then starts after the closing line, and every offset is into that text);
- a sidecar ``<file stem>.meta.yaml`` next to a file that must stay byte for byte as received;
- ``metadata.csv`` at the top of the corpus folder, one row per file for many files at once:
  columns ``path, title, publisher, published, url, language`` (``path`` relative to the
  corpus folder; every other column optional, an empty cell says nothing).

A sidecar wins over a manifest row, which wins over front matter. A broken sidecar or row is a
warning naming the file (``metadata.csv:LINE``) and the document is read without it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from pydantic import ValidationError

from ..models import DocumentMeta

WarnFn = Callable[[str], None]

SIDECAR_SUFFIXES = (".meta.yaml", ".meta.yml")
MANIFEST_NAME = "metadata.csv"
MANIFEST_COLUMNS = ("path", "title", "publisher", "published", "url", "language")


class ManifestRow(NamedTuple):
    """One row of metadata.csv: its line number and the metadata its cells give."""

    line: int
    meta: dict[str, Any]


class MetadataProblem(ValueError):
    """A front matter, sidecar or manifest row that cannot be used; the message names it."""


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
    """``<stem>.meta.yaml`` (or ``.meta.yml``) beside ``path``, when it exists."""
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    for suffix in SIDECAR_SUFFIXES:
        candidate = path.with_name(stem + suffix)
        if candidate in known if known is not None else candidate.is_file():
            return candidate
    return None


def read_meta_file(path: Path) -> dict[str, Any]:
    """The mapping in a sidecar file.

    Raises:
        MetadataProblem: the file cannot be read or is not a YAML mapping.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise MetadataProblem(f"{path}: cannot read the metadata file ({e})") from e
    return parse_yaml_mapping(text, path, "metadata file")


def parse_yaml_mapping(text: str, path: Path, what: str) -> dict[str, Any]:
    """The YAML mapping in ``text``; a problem names ``path`` and the line."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(e, "problem", None) or "malformed YAML"
        raise MetadataProblem(f"{path}:{where} {what} is not valid YAML: {problem}") from e
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise MetadataProblem(f"{path}: the {what} must be a mapping of keys (title:, published:…)")
    return {str(k): v for k, v in data.items()}


# --------------------------------------------------------------------------- metadata.csv


def load_manifest(root: Path, warn: WarnFn) -> dict[str, ManifestRow]:
    """The rows of ``root/metadata.csv`` by path (relative, with ``/``); {} without one.

    Each bad row is a warning naming ``metadata.csv:LINE``; the other rows are kept.
    """
    path = root / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        warn(f"{path}: not read, the file is not readable UTF-8 text ({e}); no row of it used")
        return {}
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    unknown = [h for h in header if h not in MANIFEST_COLUMNS]
    if "path" not in header or unknown:
        columns = ", ".join(MANIFEST_COLUMNS)
        warn(f"{path}:1: the header must name the columns {columns} (path first); not used")
        return {}
    rows: dict[str, ManifestRow] = {}
    for row in reader:
        line = reader.line_num
        fields = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k is not None}
        problem = _manifest_row_problem(row, fields, rows)
        if problem:
            warn(f"{path}:{line}: {problem}; row not used")
            continue
        key = fields.pop("path").replace("\\", "/").removeprefix("./")
        rows[key] = ManifestRow(line, {k: v for k, v in fields.items() if v})
    return rows


def _manifest_row_problem(
    row: dict[str | Any, Any], fields: dict[str, str], seen: dict[str, ManifestRow]
) -> str | None:
    if None in row:
        return "more cells than columns"
    if not fields.get("path"):
        return "no path"
    if fields["path"].replace("\\", "/").removeprefix("./") in seen:
        return f"a second row for {fields['path']}"
    meta = {k: v for k, v in fields.items() if k != "path" and v}
    try:
        validate_meta(meta, Path(MANIFEST_NAME))
    except MetadataProblem as e:
        return str(e).split(": invalid metadata: ", 1)[-1]
    return None


# --------------------------------------------------------------------------- validation


def validate_meta(data: dict[str, Any], source: Path) -> DocumentMeta:
    """``data`` as DocumentMeta; a bad key or value is a one-line problem naming it."""
    published = data.get("published")
    if isinstance(published, datetime):  # YAML reads 2020-10-30T09:00:00Z as a datetime
        data = {**data, "published": published.date().isoformat()}
    try:
        return DocumentMeta.model_validate(data)
    except ValidationError as e:
        problems = []
        for err in e.errors():
            key = ".".join(str(p) for p in err["loc"]) or "metadata"
            if err["type"] == "extra_forbidden":
                allowed = ", ".join(DocumentMeta.model_fields)
                problems.append(f"unknown key '{key}' (allowed: {allowed})")
            else:
                msg = err["msg"].removeprefix("Value error, ")
                problems.append(f"'{key}': {msg}")
        raise MetadataProblem(f"{source}: invalid metadata: {'; '.join(problems)}") from e
