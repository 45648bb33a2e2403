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

Nothing outside the corpus folder is read: a symbolic link whose target lies outside it is
skipped with a warning, as are unreadable folders and anything that is not a regular file.
Invalid metadata (bad YAML, an impossible date, an unknown key) is a warning naming the file;
the document is read without the keys at fault.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import os
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .errors import CorpusError
from .fileio import is_inside
from .models import Document, DocumentMeta

WarnFn = Callable[[str], None]

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
DOCUMENT_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
SIDECAR_SUFFIXES = (".meta.yaml", ".meta.yml")

_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),  # before UTF-16, whose BOM it starts with
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]


def load_corpus(root: Path, *, warn: WarnFn | None = None) -> list[Document]:
    """Every readable document under ``root``, sorted by id.

    Raises:
        CorpusError: ``root`` is missing or holds no readable document, or two documents
            share an id.
    """
    say: WarnFn = warn if warn is not None else (lambda _message: None)
    root = Path(root)
    if not root.exists():
        raise CorpusError(f"corpus folder not found: {root}")
    if not root.is_dir():
        raise CorpusError(f"corpus path is not a folder: {root}")

    documents: dict[str, Document] = {}
    paths, sidecars = scan_folder(root, warn=say)
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


def scan_folder(root: Path, *, warn: WarnFn | None = None) -> tuple[list[Path], set[Path]]:
    """The document files under ``root`` (sorted) and the sidecar files beside them.

    Walks folder by folder (no recursion, so any depth is fine). Dot-files and dot-folders are
    skipped; a sidecar is never a document. A link is followed only when its target is inside
    ``root`` (a link to a folder inside it is not followed: that folder is read where it is).
    Links leading out, broken links, unreadable folders and special files are skipped with a
    warning each.
    """
    say: WarnFn = warn if warn is not None else (lambda _message: None)
    top = os.path.realpath(root)
    documents: list[str] = []
    sidecars: set[Path] = set()
    stack = [str(root)]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as e:
            say(f"{folder}: folder skipped, cannot be read ({e.strerror or e})")
            continue
        for entry in entries:
            kind = _entry_kind(entry, top, say)
            if kind == "folder":
                stack.append(entry.path)
            elif kind == "sidecar":
                sidecars.add(Path(entry.path))
            elif kind == "document":
                documents.append(entry.path)
    return [Path(p) for p in sorted(documents)], sidecars


def _entry_kind(entry: os.DirEntry[str], top: str, warn: WarnFn) -> str | None:
    """ "folder", "document", "sidecar", or None for an entry that is not read (with a warning
    when it looks like something the user meant to be read)."""
    name = entry.name
    if name.startswith("."):
        return None
    named = "sidecar" if name.endswith(SIDECAR_SUFFIXES) else None
    if named is None and os.path.splitext(name)[1].lower() in DOCUMENT_SUFFIXES:
        named = "document"
    try:
        if entry.is_symlink():
            target = os.path.realpath(entry.path)
            if not os.path.exists(target):
                if named:
                    warn(f"{entry.path}: skipped, a broken link")
                return None
            if not is_inside(target, top):
                what = "folder" if os.path.isdir(target) else "file"
                if named or what == "folder":
                    warn(f"{entry.path}: skipped, a link to a {what} outside the corpus folder")
                return None
            if os.path.isdir(target):
                return None  # its files are read at their own place in the corpus
        if entry.is_dir():
            return "folder"
        if named and not entry.is_file():
            warn(f"{entry.path}: skipped, not a regular file")
            return None
    except OSError as e:
        if named:
            warn(f"{entry.path}: skipped, cannot be read ({e.strerror or e})")
        return None
    return named


def _read_inside(path: Path, root: Path) -> bytes:
    """The bytes of ``path``, refusing one that resolves outside ``root`` or is not a regular
    file (OSError, like any other reason a file cannot be read)."""
    real = os.path.realpath(path)
    if not is_inside(real, os.path.realpath(root)):
        raise OSError(f"a link to a file outside the corpus folder ({real})")
    if not os.path.isfile(real):
        raise OSError("not a regular file")
    with open(real, "rb") as handle:
        return handle.read()


def load_document(
    path: Path, root: Path, *, warn: WarnFn, sidecars: set[Path] | None = None
) -> Document | None:
    """One document, or None (with a warning) when the file is empty or not text.

    ``sidecars`` is the set of sidecar files known to exist (from ``scan_folder``); without it
    the file system is asked. A file (or sidecar) that resolves outside ``root`` is not read.
    """
    try:
        raw = _read_inside(path, root)
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
        text, meta = html_to_text(text, warn=lambda message: warn(f"{path}: {message}"))
    else:
        fm = split_front_matter(text, path, warn=warn)
        if fm is not None:
            front, text = fm
            meta.update(front)
    if not text.strip():
        warn(f"{path}: skipped, no text (only markup or front matter)")
        return None
    sidecar = find_sidecar(path, sidecars)
    if sidecar is not None:
        meta.update(read_meta_file(sidecar, root, warn=warn))
    source = sidecar if sidecar is not None else path
    return Document(
        id=path.name[: -len(path.suffix)] if path.suffix else path.name,
        path=path.relative_to(root).as_posix(),
        text=text,
        meta=validate_meta(meta, source, warn=warn),
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


def split_front_matter(
    text: str, path: Path, *, warn: WarnFn | None = None
) -> tuple[dict[str, Any], str] | None:
    """``(metadata, text after the front matter)``, or None when the text has none.

    A block counts as front matter when the first line is ``---``, a closing ``---`` (or
    ``...``) line follows, and its first line looks like ``key: value``. Front matter that is
    not a valid YAML mapping gives a warning and no metadata.
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
    data = _parse_yaml_mapping(block, path, "front matter", warn, first_line=2)
    return data, text[closing.end() :]


def find_sidecar(path: Path, known: set[Path] | None = None) -> Path | None:
    """``<stem>.meta.yaml`` (or ``.meta.yml``) beside ``path``, when it exists."""
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    for suffix in SIDECAR_SUFFIXES:
        candidate = path.with_name(stem + suffix)
        if candidate in known if known is not None else candidate.is_file():
            return candidate
    return None


def read_meta_file(path: Path, root: Path, *, warn: WarnFn | None = None) -> dict[str, Any]:
    """The mapping in a sidecar file; empty (with a warning) when it cannot be used."""
    try:
        text = _read_inside(path, root).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        reason = e.strerror if isinstance(e, OSError) and e.strerror else e
        _say(warn, f"{path}: metadata file not used, cannot be read ({reason})")
        return {}
    return _parse_yaml_mapping(text, path, "metadata file", warn)


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


def _timestamp_as_text(loader: _MetaLoader, node: yaml.Node) -> str:
    return str(node.value)


_MetaLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


def _say(warn: WarnFn | None, message: str) -> None:
    if warn is not None:
        warn(message)


def _parse_yaml_mapping(
    text: str, path: Path, what: str, warn: WarnFn | None, *, first_line: int = 1
) -> dict[str, Any]:
    try:
        data = yaml.load(text, Loader=_MetaLoader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" line {mark.line + first_line}:" if mark is not None else ""
        problem = getattr(e, "problem", None) or "malformed YAML"
        _say(warn, f"{path}:{where} {what} is not valid YAML ({problem}); read without it")
        return {}
    if data is None:
        return {}
    if not isinstance(data, dict):
        what_it_needs = "a mapping of keys (title:, published:…)"
        _say(warn, f"{path}: the {what} is not {what_it_needs}; read without it")
        return {}
    return {str(k): v for k, v in data.items()}


_LOOSE_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ]\S.*)?$")


def validate_meta(
    data: dict[str, Any], source: Path, *, warn: WarnFn | None = None
) -> DocumentMeta:
    """``data`` as DocumentMeta; each bad key or value is left out, with one warning naming
    the file and every problem."""
    published = data.get("published")
    if isinstance(published, str) and (day := _LOOSE_DAY.match(published.strip())):
        # a YAML timestamp (2020-10-30T09:00:00Z, 2020-1-5) stands for its day
        data = {**data, "published": f"{day[1]}-{int(day[2]):02d}-{int(day[3]):02d}"}
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
        _say(warn, f"{source}: invalid metadata: {'; '.join(problems)}; read without it")
        return DocumentMeta.model_validate({k: v for k, v in data.items() if k not in bad})


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

    def in_hidden_element(self) -> bool:
        """True inside a script, a style or another element whose text is not shown."""
        return bool(self._skip or self.cdata_elem)

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


# Python's html.parser stops at a tag, comment or declaration that is not closed and, at the
# end of the input, rescans from each such opening to the end: quadratic or worse in what
# follows. A page parsed to this close to its end is finished normally; a longer unparsed
# tail is read as text with its markup removed (one linear pass), with a warning.
_CLOSE_LIMIT = 2048
_MARKUP = re.compile(r"<[^<>]*(?:>|(?=<)|\Z)")


def html_to_text(html: str, *, warn: WarnFn | None = None) -> tuple[str, dict[str, Any]]:
    """The visible text of ``html`` (one paragraph a line) and the metadata its head declares.

    Linear in the size of the page, however malformed it is.
    """
    parser = _TextExtractor()
    parser.feed(html)
    tail = parser.rawdata
    if len(tail) <= _CLOSE_LIMIT:
        parser.close()
    else:
        at = len(html) - len(tail)
        _say(warn, f"unclosed markup at character {at}; the rest is read with its tags removed")
        if not parser.in_hidden_element():
            parser.parts.append(html_lib.unescape(_MARKUP.sub("\n", tail)))
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
