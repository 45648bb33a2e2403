"""Gold temporal annotations for evaluation: TimeML ``.tml`` files and TempEval-3 style JSONL.

A TimeML document gives its creation time (the TIMEX3 with
``functionInDocument="CREATION_TIME"``), and the TIMEX3 elements inside ``<TEXT>``. Offsets
are character offsets into the plain text of the TEXT element: tags removed, XML entities
decoded. The JSONL form holds one document per line with the same convention:
``{"doc_id", "dct", "text", "timexes": [{"start", "end", "text", "type", "value", "tid"}]}``.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import EvalError

TIMEX_TYPES = frozenset({"DATE", "TIME", "DURATION", "SET"})


@dataclass(frozen=True, slots=True)
class GoldTimex:
    """One annotated temporal expression; ``start``/``end`` index the document's text."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None
    tid: str | None = None


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """One evaluation document: its id, creation time (a TIMEX3 value), text and gold timexes."""

    doc_id: str
    dct: str | None
    text: str
    timexes: tuple[GoldTimex, ...]
    source: str


def load_gold(path: Path) -> list[GoldDocument]:
    """Read an evaluation set: a folder of ``.tml`` files (searched recursively), one ``.tml``
    file, or a JSONL file. Documents come back sorted by id for folders, in file order for JSONL.
    """
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.suffix.lower() == ".tml" and p.is_file())
        if not files:
            raise EvalError(f"{path}: no TimeML (.tml) files found in this folder")
        docs = [read_tml(p) for p in files]
        return sorted(docs, key=lambda d: (d.doc_id, d.source))
    if not path.is_file():
        raise EvalError(f"{path}: no such file or folder")
    suffix = path.suffix.lower()
    if suffix in {".jsonl", ".json", ".ndjson"}:
        return read_jsonl(path)
    if suffix in {".tml", ".xml"}:
        return [read_tml(path)]
    head = _read_text(path).lstrip()[:1]
    if head == "{":
        return read_jsonl(path)
    if head == "<":
        return [read_tml(path)]
    raise EvalError(f"{path}: not a TimeML file or a JSONL evaluation file")


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")  # tolerate a byte-order mark
    except UnicodeDecodeError as e:
        raise EvalError(f"{path}: not UTF-8 text (byte {e.start})") from e
    except OSError as e:
        raise EvalError(f"{path}: cannot read ({e.strerror or e})") from e


def read_tml(path: Path) -> GoldDocument:
    """Read one TimeML file. Raises EvalError naming the file if it is not usable TimeML."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise EvalError(f"{path}: cannot read ({e.strerror or e})") from e
    name = path.name[: -len(path.suffix)] if path.suffix.lower() == ".tml" else path.stem
    return parse_tml(data, doc_id=name, source=str(path))


def parse_tml(data: str | bytes, *, doc_id: str, source: str = "<string>") -> GoldDocument:
    """Parse TimeML markup (see ``read_tml``); ``source`` names the input in error messages."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        line, col = e.position
        reason = str(e).split(": line ", 1)[0]
        raise EvalError(
            f"{source}: not well-formed XML (line {line}, column {col + 1}: {reason})"
        ) from None
    except ValueError as e:  # e.g. a str with an encoding declaration
        raise EvalError(f"{source}: cannot parse as XML ({e})") from None
    text_el = root if _local(root.tag) == "TEXT" else _find(root, "TEXT")
    if text_el is None:
        what = "TimeML document" if _local(root.tag) == "TimeML" else "TimeML file"
        if _local(root.tag) == "TimeML":
            raise EvalError(f"{source}: {what} has no <TEXT> element")
        raise EvalError(
            f"{source}: not a {what} (root element <{_local(root.tag)}>, no <TEXT> element)"
        )
    dct = _creation_time(root, source)
    parts: list[str] = []
    found: list[tuple[ET.Element, int, int]] = []
    _walk(text_el, parts, found, [0], top=True)
    text = "".join(parts)
    timexes = tuple(_gold_timex(el, a, b, text[a:b], source) for el, a, b in found)
    return GoldDocument(doc_id=doc_id, dct=dct, text=text, timexes=timexes, source=source)


def _local(tag: Any) -> str:
    """The tag name without a namespace (comments and processing instructions give '')."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _find(root: ET.Element, name: str) -> ET.Element | None:
    for el in root.iter():
        if _local(el.tag) == name:
            return el
    return None


def _creation_time(root: ET.Element, source: str) -> str | None:
    for el in root.iter():
        if _local(el.tag) == "TIMEX3" and el.get("functionInDocument") == "CREATION_TIME":
            value = (el.get("value") or "").strip()
            if not value:
                raise EvalError(f"{source}: the creation-time TIMEX3 has no value")
            return value
    return None


def _walk(
    el: ET.Element,
    parts: list[str],
    found: list[tuple[ET.Element, int, int]],
    pos: list[int],
    *,
    top: bool = False,
) -> None:
    """Append the element's text to ``parts`` (``pos[0]`` tracks the length) and record every
    TIMEX3 met on the way with its offsets, in document order."""
    start = pos[0]
    is_timex = not top and _local(el.tag) == "TIMEX3"
    if el.text and isinstance(el.tag, str):
        parts.append(el.text)
        pos[0] += len(el.text)
    index = len(found)
    if is_timex:
        found.append((el, start, start))  # placeholder keeps document order for nested timexes
    for child in el:
        _walk(child, parts, found, pos)
        if child.tail:
            parts.append(child.tail)
            pos[0] += len(child.tail)
    if is_timex:
        end = pos[0]
        if end == start or el.get("functionInDocument") == "CREATION_TIME":
            del found[index]  # an empty (non-consuming) timex has no extent to score
        else:
            found[index] = (el, start, end)


def _gold_timex(el: ET.Element, start: int, end: int, text: str, source: str) -> GoldTimex:
    kind = (el.get("type") or "").strip().upper()
    tid = el.get("tid")
    if kind not in TIMEX_TYPES:
        where = f"TIMEX3 {tid}" if tid else f"TIMEX3 {text!r}"
        raise EvalError(f"{source}: {where} has type {kind or '(none)'!r}, not one of DATE, "
                        "TIME, DURATION, SET")  # fmt: skip
    return GoldTimex(
        start=start,
        end=end,
        text=text,
        type=kind,
        value=(el.get("value") or "").strip(),
        mod=el.get("mod") or None,
        tid=tid,
    )


def read_jsonl(path: Path) -> list[GoldDocument]:
    """Read a JSONL evaluation file (the format of TempEval-3 ``dev.jsonl``)."""
    docs = list(_iter_jsonl(path))
    if not docs:
        raise EvalError(f"{path}: holds no documents")
    return docs


def _iter_jsonl(path: Path) -> Iterator[GoldDocument]:
    for lineno, line in enumerate(_read_text(path).splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            raise EvalError(f"{where}: not valid JSON ({e.msg}, column {e.colno})") from None
        yield _document_from_record(record, where)


def _document_from_record(record: Any, where: str) -> GoldDocument:
    if not isinstance(record, dict):
        raise EvalError(f"{where}: expected a JSON object with doc_id, dct, text and timexes")
    doc_id, text, dct = record.get("doc_id"), record.get("text"), record.get("dct")
    if not isinstance(doc_id, str) or not isinstance(text, str):
        raise EvalError(f"{where}: doc_id and text must be strings")
    if dct is not None and not isinstance(dct, str):
        raise EvalError(f"{where}: dct must be a string or null")
    raw = record.get("timexes", [])
    if not isinstance(raw, list):
        raise EvalError(f"{where}: timexes must be a list")
    timexes = [_timex_from_record(t, i, text, where) for i, t in enumerate(raw)]
    timexes.sort(key=lambda t: (t.start, t.end))
    return GoldDocument(
        doc_id=doc_id, dct=dct or None, text=text, timexes=tuple(timexes), source=where
    )


def _timex_from_record(t: Any, i: int, text: str, where: str) -> GoldTimex:
    loc = f"{where}: timexes[{i}]"
    if not isinstance(t, dict):
        raise EvalError(f"{loc}: expected an object")
    start, end = t.get("start"), t.get("end")
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(text):
        raise EvalError(f"{loc}: start/end must be offsets into text with start < end")
    kind = t.get("type")
    if kind not in TIMEX_TYPES:
        raise EvalError(f"{loc}: type must be one of DATE, TIME, DURATION, SET")
    value, mod, tid = t.get("value", ""), t.get("mod"), t.get("tid")
    if not isinstance(value, str) or not isinstance(mod, str | None):
        raise EvalError(f"{loc}: value and mod must be strings")
    span_text = text[start:end]
    if "text" in t and t["text"] != span_text:
        raise EvalError(f"{loc}: text {t['text']!r} does not match text[{start}:{end}]")
    return GoldTimex(
        start=start,
        end=end,
        text=span_text,
        type=kind,
        value=value,
        mod=mod or None,
        tid=tid if isinstance(tid, str) else None,
    )
