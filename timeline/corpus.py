"""Load the corpus: every article under a folder, decoded, with its metadata.

A document is a ``.txt``, ``.md``, ``.html`` or ``.htm`` file anywhere under the corpus folder.
Its id is the file name without extension. Metadata (``timeline.models.DocumentMeta``) comes
from, in increasing priority:

1. for HTML, the ``<title>``, ``<meta>`` and ``<html lang>`` tags;
2. YAML front matter (``---`` ... ``---`` at the top of a .md/.txt file; the document text then
   starts after the closing line, and every offset is into that text);
3. a sidecar ``<stem>.meta.yaml`` next to the article, for articles that must stay pristine.

Decoding never fails: UTF-8 (with or without BOM) first, then a declared HTML charset, then
cp1252, then latin-1, with a warning naming the file. Binary and empty files are skipped with a
warning. Sidecars and dot-files are not documents.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .errors import CorpusError
from .models import Document, DocumentMeta

WarnFn = Callable[[str], None]

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
DOCUMENT_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
SIDECAR_SUFFIXES = (".meta.yaml", ".meta.yml")

_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]


def load_corpus(root: Path, *, warn: WarnFn | None = None) -> list[Document]:
    """Every readable document under ``root``, sorted by id.

    Raises:
        CorpusError: ``root`` is missing or holds no readable document, two documents share
            an id, or a front matter / sidecar is invalid.
    """
    say: WarnFn = warn if warn is not None else (lambda _message: None)
    root = Path(root)
    if not root.exists():
        raise CorpusError(f"corpus folder not found: {root}")
    if not root.is_dir():
        raise CorpusError(f"corpus path is not a folder: {root}")

    documents: dict[str, Document] = {}
    paths, sidecars = scan_folder(root)
    for path in paths:
        document = load_document(path, root, warn=say, sidecars=sidecars)
        if document is None:
            continue
        if document.id in documents:
            first = documents[document.id].path
            raise CorpusError(
                f"two documents share the id '{document.id}': {root / first} and {path} "
                "(ids are file names without extension; rename one)"
            )
        documents[document.id] = document
    if not documents:
        raise CorpusError(
            f"no readable document in {root} (expected .txt, .md, .html or .htm files)"
        )
    return [documents[k] for k in sorted(documents)]


def scan_folder(root: Path) -> tuple[list[Path], set[Path]]:
    """The document files under ``root`` (sorted) and the sidecar files beside them.

    Dot-files and dot-folders are skipped; a sidecar is never a document.
    """
    documents: list[str] = []
    sidecars: set[Path] = set()
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [d for d in subfolders if not d.startswith(".")]
        for name in files:
            if name.startswith("."):
                continue
            if name.endswith(SIDECAR_SUFFIXES):
                sidecars.add(Path(folder, name))
            elif os.path.splitext(name)[1].lower() in DOCUMENT_SUFFIXES:
                documents.append(os.path.join(folder, name))
    return [Path(p) for p in sorted(documents)], sidecars


def load_document(
    path: Path, root: Path, *, warn: WarnFn, sidecars: set[Path] | None = None
) -> Document | None:
    """One document, or None (with a warning) when the file is empty or not text.

    ``sidecars`` is the set of sidecar files known to exist (from ``scan_folder``); without it
    the file system is asked.
    """
    try:
        raw = path.read_bytes()
    except OSError as e:
        warn(f"{path}: skipped, cannot be read ({e.strerror or e})")
        return None
    if not raw.strip():
        warn(f"{path}: skipped, the file is empty")
        return None
    is_html = path.suffix.lower() in HTML_SUFFIXES
    text = decode_bytes(raw, path, warn=warn, html=is_html)
    if text is None:
        return None

    meta: dict[str, Any] = {}
    if is_html:
        text, meta = html_to_text(text)
    else:
        fm = split_front_matter(text, path)
        if fm is not None:
            front, text = fm
            meta.update(front)
    if not text.strip():
        warn(f"{path}: skipped, no text (only markup or front matter)")
        return None
    sidecar = find_sidecar(path, sidecars)
    if sidecar is not None:
        meta.update(read_meta_file(sidecar))
    source = sidecar if sidecar is not None else path
    return Document(
        id=path.name[: -len(path.suffix)] if path.suffix else path.name,
        path=path.relative_to(root).as_posix(),
        text=text,
        meta=validate_meta(meta, source),
        sha256=hashlib.sha256(raw).hexdigest(),
        body_end=find_body_end(text),
    )


# --------------------------------------------------------------------------- decoding

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def decode_bytes(raw: bytes, path: Path, *, warn: WarnFn, html: bool = False) -> str | None:
    """The text of ``raw``, or None (with a warning) when it is not text at all."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec).lstrip("\ufeff")
            except UnicodeDecodeError:
                break
    if b"\x00" in raw[:65536]:
        warn(f"{path}: skipped, not a text file (binary content)")
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    fallbacks = ["cp1252", "latin-1"]
    if html and (m := _CHARSET.search(raw[:4096])):
        fallbacks.insert(0, m[1].decode("ascii").lower())
    for codec in fallbacks:
        try:
            text = raw.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        if _looks_binary(text):
            break
        warn(f"{path}: not valid UTF-8, decoded as {codec} (check accented characters)")
        return text
    warn(f"{path}: skipped, not a text file (binary content)")
    return None


def _looks_binary(text: str) -> bool:
    """Many control characters other than whitespace: not a text document."""
    sample = text[:8192]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f\v")
    return controls > max(8, len(sample) // 100)


# --------------------------------------------------------------------------- metadata

_FRONT_OPEN = re.compile(r"\A---[ \t]*\r?\n")
_FRONT_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.M)
_KEY_LINE = re.compile(r"^\s*(?:#.*)?$|^[A-Za-z_][\w-]*\s*:")


def split_front_matter(text: str, path: Path) -> tuple[dict[str, Any], str] | None:
    """``(metadata, text after the front matter)``, or None when the text has none.

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
    data = _parse_yaml_mapping(block, path, "front matter")
    return data, text[closing.end() :]


def find_sidecar(path: Path, known: set[Path] | None = None) -> Path | None:
    """``<stem>.meta.yaml`` (or ``.meta.yml``) beside ``path``, when it exists."""
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    for suffix in SIDECAR_SUFFIXES:
        candidate = path.with_name(stem + suffix)
        if candidate in known if known is not None else candidate.is_file():
            return candidate
    return None


def read_meta_file(path: Path) -> dict[str, Any]:
    """The mapping in a sidecar file."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise CorpusError(f"{path}: cannot read the metadata file ({e})") from e
    return _parse_yaml_mapping(text, path, "metadata file")


# libyaml's parser where it is installed (8x faster on front matter), the same rules either way.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse_yaml_mapping(text: str, path: Path, what: str) -> dict[str, Any]:
    try:
        data = yaml.load(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(e, "problem", None) or "malformed YAML"
        raise CorpusError(f"{path}:{where} {what} is not valid YAML: {problem}") from e
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise CorpusError(f"{path}: the {what} must be a mapping of keys (title:, published:…)")
    return {str(k): v for k, v in data.items()}


def validate_meta(data: dict[str, Any], source: Path) -> DocumentMeta:
    """``data`` as DocumentMeta; a bad key or value is a one-line CorpusError naming it."""
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
        raise CorpusError(f"{source}: invalid metadata: {'; '.join(problems)}") from e


# --------------------------------------------------------------------------- HTML

_SKIP_TAGS = {"script", "style", "noscript", "template", "svg"}  # not "head": often unclosed
_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
    "section", "article", "header", "footer", "blockquote", "pre", "hr", "main", "aside",
    "nav", "figure", "figcaption", "dd", "dt", "dl", "form",
}  # fmt: skip
_META_KEYS = {
    "author": "author",
    "article:author": "author",
    "og:site_name": "publisher",
    "publisher": "publisher",
    "og:title": "title",
    "og:url": "url",
    "article:published_time": "published",
    "date": "published",
    "pubdate": "published",
    "dc.date": "published",
}
_ISO_DAY = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)")


class _TextExtractor(HTMLParser):
    """Visible text of an HTML page, plus the metadata its head declares."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.meta: dict[str, Any] = {}
        self.title: list[str] = []
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): v or "" for k, v in attrs}
        if tag == "html" and a.get("lang"):
            self.meta.setdefault("language", a["lang"].split("-")[0].lower())
        elif tag == "meta":
            self._meta_tag(a)
        elif tag == "link" and a.get("rel", "").lower() == "canonical" and a.get("href"):
            self.meta.setdefault("url", a["href"])
        if tag == "title" and not self._skip and not self.title:  # not an <svg><title>
            self._in_title = True
        elif tag in _SKIP_TAGS:
            self._skip += 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _SKIP_TAGS or tag == "title":  # <script/> opens nothing
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in _SKIP_TAGS and self._skip:
            self._skip -= 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._skip:
            self.parts.append(data)

    def _meta_tag(self, a: dict[str, str]) -> None:
        name = (a.get("name") or a.get("property") or "").lower()
        key = _META_KEYS.get(name)
        content = a.get("content", "").strip()
        if key is None or not content:
            return
        if key == "published":
            m = _ISO_DAY.match(content)
            if m is None:
                return
            content = m[1]
        self.meta.setdefault(key, content)


def html_to_text(html: str) -> tuple[str, dict[str, Any]]:
    """The visible text of ``html`` (one paragraph a line) and the metadata its head declares."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    lines = []
    for line in "".join(parser.parts).split("\n"):
        squeezed = " ".join(line.split())
        if squeezed:
            lines.append(squeezed)
    meta = dict(parser.meta)
    title = " ".join("".join(parser.title).split())
    if title:
        meta["title"] = title  # <title> wins over og:title: it is what the page shows
    return "\n\n".join(lines) + ("\n" if lines else ""), meta


# --------------------------------------------------------------------------- comments

# A line that opens a reader-comment section on a news or blog page. The whole (stripped) line
# must match, so a sentence that merely mentions comments is never taken for a header.
_COMMENT_MARKER = re.compile(
    r"""(?:[\u2022*\u00b7\u2013\u2014>|-]\s*)?(?:
        (?:show|hide|view|load|read|see)\s+(?:all\s+)?(?:\d+\s+)?(?:reader\s+)?comments?
      | \d+\s+(?:comments?|responses?|replies)(?:\s+(?:to|on)\b.*)?
      | \d+\s+thoughts?\s+on\b.*
      | (?:reader\s+|user\s+)?comments?(?:\s*\(\d+\))?
      | leave\s+a\s+(?:reply|comment)
      | (?:add|post|write)\s+a\s+comment
      | join\s+the\s+(?:conversation|discussion|debate)
      | comments\s+are\s+closed\.?
      | discussion(?:\s*\(\d+\))?
    )\s*:?""",
    re.I | re.X,
)
# Every marker contains one of these words: a quick scan finds the few lines worth checking.
_MARKER_WORDS = ("comment", "repl", "respons", "thought", "conversation", "discussion", "debate")
_EARLIEST = 0.2  # a marker in the first fifth of a page is navigation, not a comment section
_LONGEST = 80  # a marker line is short; a longer line is prose


def find_body_end(text: str) -> int | None:
    """Offset where reader comments begin (the marker line), or None when there are none.

    Looks for a short line such as "Show Comments", "12 Comments", "3 thoughts on ...",
    "Leave a Reply" or "Join the conversation" after the first fifth of the text.
    """
    floor = int(len(text) * _EARLIEST)
    for line_start in _candidate_lines(text, floor):
        line_end = text.find("\n", line_start)
        line = text[line_start : len(text) if line_end < 0 else line_end]
        stripped = line.strip()
        if len(stripped) <= _LONGEST and _COMMENT_MARKER.fullmatch(stripped):
            return line_start + len(line) - len(line.lstrip())
    return None


def _candidate_lines(text: str, floor: int) -> list[int]:
    """Sorted start offsets of the lines at or after ``floor`` holding a marker word."""
    low = text.lower()
    if len(low) != len(text):  # a character whose lower case is longer: offsets would drift
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    starts = set()
    for word in _MARKER_WORDS:
        i = low.find(word, floor)
        while i >= 0:
            line_start = low.rfind("\n", 0, i) + 1
            if line_start >= floor:
                starts.add(line_start)
            line_end = low.find("\n", i)
            i = -1 if line_end < 0 else low.find(word, line_end)
    return sorted(starts)
