"""The corpus: every document under a folder, read by its kind, with its metadata.

A document is a ``.txt``, ``.md``, ``.html``/``.htm`` or ``.pdf`` file anywhere under the
corpus folder; its id is its path relative to the folder without the extension
(``bbc/index``), so two ``index.html`` in different folders are two documents. Dot-files and
dot-folders, sidecars, ``metadata.csv`` and the ``NAME_files/`` folder a browser saves beside
``NAME.html`` are not documents; files of any other kind are counted in one warning line by
extension. Metadata, in increasing priority: what the page or file states about itself, YAML
front matter, the file's row of ``metadata.csv``, its sidecar (see ``read.metadata``).

Nothing outside the corpus folder is read: a symbolic link whose target lies outside it is
skipped with a warning, as are broken links, unreadable folders and anything that is not a
regular file. Folders are walked one by one, without recursion, so any depth is fine.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import CorpusError
from ..fileio import is_inside
from ..models import Document, DocumentMeta, PublishedFrom
from .language import Detection, settle_language
from .memo import ReadEntry, ReadMemo, file_key, memoised_document
from .metadata import (
    MANIFEST_NAME,
    ManifestRow,
    find_sidecar,
    is_sidecar,
    load_manifest,
    parse_yaml_mapping,
    split_front_matter,
    valid_keys,
    validate_meta,
)
from .text import decode_bytes, find_body_end

WarnFn = Callable[[str], None]

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
PDF_SUFFIXES = {".pdf"}
DOCUMENT_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES
SAVED_PAGE_FOLDER = "_files"  # "Page_files/" beside "Page.html": the page's images and frames


@dataclass(slots=True)
class Scan:
    """What a folder holds: its documents (their paths, sorted), the sidecars beside them,
    and the files of kinds that are not read, counted by extension."""

    documents: list[str] = field(default_factory=list)
    sidecars: set[Path] = field(default_factory=set)
    unsupported: Counter[str] = field(default_factory=Counter)


@dataclass(slots=True)
class Reading:
    """One file as read: its text and what it states about itself."""

    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    published_from: PublishedFrom | None = None
    body_end: int | None = None
    pages: list[int] | None = None
    declared_language: str | None = None
    whole_page: bool = False


@dataclass(slots=True)
class Context:
    """What reading one document needs from the whole folder, and the counted notes."""

    root: Path
    warn: WarnFn
    sidecars: set[Path] | None = None
    manifest: dict[str, ManifestRow] = field(default_factory=dict)
    read_whole: list[str] = field(default_factory=list)
    known: Detection | None = None  # what the detector said of the file when last read
    detected: Detection | None = None  # what it says of the file as read now
    real_root: str | None = None  # ``root`` with its links resolved (None: not yet)


def load_corpus(
    root: Path, *, warn: WarnFn | None = None, memo: ReadMemo | None = None
) -> list[Document]:
    """Every readable document under ``root``, sorted by id. With a ``memo`` (see
    ``read.memo``), only the text of a file unchanged since it was memoised is read again.

    Raises:
        CorpusError: ``root`` is missing or holds no readable document, or two documents
            share an id.
    """
    reading = CorpusReading(root, warn=warn, memo=memo)
    documents = [reading.take(read_job(job)) for job in reading.jobs]
    reading.finish()
    return sorted((d for d in documents if d is not None), key=lambda d: d.id)


class FileJob(NamedTuple):
    """What reading one file needs: all of it picklable, so that any process can read it (a
    named tuple: one is made per file of the corpus at every build)."""

    root: Path
    path: str
    relative: str  # its path in the corpus folder
    size: int
    key: str | None  # the memo key of the file as it is (None: not to be memoised)
    entry: ReadEntry | None  # what the memo holds for that key
    sidecar: Path | None
    row: ManifestRow | None
    known: Detection | None = None  # what the language detector said of it when last read
    real_root: str | None = None  # ``root`` with its links resolved (None: not yet)


@dataclass(slots=True)
class FileRead:
    """What reading one file gave: the document (None: skipped), the warnings, whether it
    is a page read whole, the key to memoise it under (None: not to be memoised) and what
    the language detector said of it (None: not asked)."""

    document: Document | None
    warnings: list[str]
    whole: bool
    memo_key: str | None
    detected: Detection | None = None


class CorpusReading:
    """One reading of a corpus folder: the files to read (:attr:`jobs`, in path order, each
    read by :func:`read_job` in any process), then what each gave, taken in the same order
    (:meth:`take`), and the end (:meth:`finish`). ``only`` reads just the files of those
    paths (relative to ``root``).

    Raises:
        CorpusError: ``root`` is missing or is not a folder.
    """

    def __init__(
        self,
        root: Path,
        *,
        warn: WarnFn | None = None,
        memo: ReadMemo | None = None,
        look_up: bool = True,
        only: Collection[str] | None = None,
    ) -> None:
        say: WarnFn = warn if warn is not None else (lambda _message: None)
        root = Path(root)
        if not root.exists():
            raise CorpusError(f"corpus folder not found: {root}")
        if not root.is_dir():
            raise CorpusError(f"corpus path is not a folder: {root}")
        self.scan = scan_folder(root, warn=say)
        manifest = load_manifest(root, lambda path: read_inside(path, root), say)
        real_root = os.path.realpath(root)
        self.context = Context(root, say, self.scan.sidecars, manifest, real_root=real_root)
        self.memo = memo
        self._head = str(root) + os.sep  # what every path of the scan starts with
        paths = self.scan.documents
        if only is not None:
            wanted = set(only)
            paths = [p for p in paths if self._relative(p) in wanted]
        now = time.time_ns()
        self.jobs = [self._job(path, now) for path in paths]
        if look_up:
            self.jobs = self.look_up(self.jobs)
        self.paths: dict[str, str] = {}  # the path of each document taken, by id
        self.notes: dict[str, list[str]] = {}  # the warnings of each file taken, by path

    def _job(self, path: str, now: int) -> FileJob:
        """The job of the file at ``path``, its memo key as of ``now`` (see ``file_key``)."""
        relative = self._relative(path)
        row = self.context.manifest.get(relative)
        sidecars = self.context.sidecars
        sidecar = find_sidecar(Path(path), sidecars) if sidecars else None
        try:
            st: os.stat_result | None = os.stat(path)
        except OSError:
            st = None
        key = None
        if self.memo is not None and st is not None:
            meta = row.meta if row is not None else None
            key = file_key(relative, sidecar, meta, st, now)
        size = st.st_size if st is not None else 0
        root, real_root = self.context.root, self.context.real_root
        return FileJob(root, path, relative, size, key, None, sidecar, row, real_root=real_root)

    def _relative(self, path: str) -> str:
        """``path`` relative to the corpus folder, in the POSIX form (paths of the scan start
        with the folder's: cut as a string, which pathlib would take longer to do)."""
        head = self._head
        if os.sep == "/" and path.startswith(head):
            return path[len(head) :]
        return Path(path).relative_to(self.context.root).as_posix()

    def look_up(self, jobs: Sequence[FileJob]) -> list[FileJob]:
        """``jobs``, each with the memo's entry for its file as it is now, if there is one
        (made with ``look_up=False``, a reading looks up no entry until asked)."""
        memo = self.memo
        if memo is None:
            return list(jobs)
        memo.look_up([job.key for job in jobs if job.key is not None])
        return [job._replace(entry=memo.entry(job.key)) for job in jobs]

    def knowing(self, jobs: Sequence[FileJob], before: Mapping[str, str | None]) -> list[FileJob]:
        """``jobs``, each of a file to read afresh that was memoised before (under the key
        ``before`` gives for its path) with what the language detector said of it then: read
        again, a file whose sample is the same is not detected again."""
        keys = {j.relative: before.get(j.relative) for j in jobs if j.entry is None}
        if self.memo is None or not any(keys.values()):
            return list(jobs)
        said = self.memo.detections(sorted({key for key in keys.values() if key is not None}))
        return [
            job._replace(known=said.get(keys[job.relative] or "")) if job.relative in keys else job
            for job in jobs
        ]

    def take(self, read: FileRead) -> Document | None:
        """Give the warnings of one file's reading and keep its document (memoised when read
        afresh).

        Raises:
            CorpusError: the document has the id of one taken before.
        """
        for message in read.warnings:
            self.context.warn(message)
        document = read.document
        if document is None:
            return None
        self.notes[document.path] = read.warnings
        if read.whole:
            self.context.read_whole.append(document.path)
        first = self.paths.get(document.id)
        if first is not None:
            raise CorpusError(
                f"two documents share the id '{document.id}': {self.context.root / first} "
                f"and {self.context.root / document.path} "
                "(ids are paths without the extension; rename one)"
            )
        self.paths[document.id] = document.path
        if read.memo_key is not None and self.memo is not None:
            self.memo.add(read.memo_key, document, read.warnings, read.whole, read.detected)
        return document

    def take_kept(self, path: str, doc_id: str, warnings: Sequence[str], whole: bool) -> None:
        """Give again the warnings that reading a file unchanged since gave, and count its
        document (``doc_id``) as taken, without reading it."""
        for message in warnings:
            self.context.warn(message)
        if whole:
            self.context.read_whole.append(path)
        self.paths[doc_id] = path
        self.notes[path] = list(warnings)

    def finish(self) -> None:
        """Store the memo and give the counted warnings.

        Raises:
            CorpusError: no document was read.
        """
        if self.memo is not None:
            self.memo.save([job.key for job in self.jobs if job.key is not None])
        _report(self.scan, self.context, set(self.paths.values()))
        if not self.paths:
            raise CorpusError(
                f"no readable document in {self.context.root} "
                "(expected .txt, .md, .html, .htm or .pdf files)"
            )


def _report(scan: Scan, context: Context, read: set[str]) -> None:
    """The counted warnings: files of other kinds, pages read whole, unused manifest rows."""
    say = context.warn
    if scan.unsupported:
        kinds = ", ".join(f"{ext} ({n})" for ext, n in sorted(scan.unsupported.items()))
        n = sum(scan.unsupported.values())
        say(
            f"{context.root}: {n} file{'s' if n != 1 else ''} of a kind not read, skipped: "
            f"{kinds} (documents are .txt, .md, .html, .htm and .pdf)"
        )
    if context.read_whole:
        n = len(context.read_whole)
        say(
            f"{n} page{'s' if n != 1 else ''} with no recognisable main text, read whole "
            f"(menus and footers included): {', '.join(context.read_whole)}"
        )
    for path, row in sorted(context.manifest.items(), key=lambda item: item[1].line):
        if path not in read:
            say(f"{context.root / MANIFEST_NAME}:{row.line}: no document at '{path}'")


def scan_folder(root: Path, *, warn: WarnFn | None = None) -> Scan:
    """The documents under ``root``, the sidecars beside them and the files not read.

    A link is followed only when its target is inside ``root`` (a link to a folder inside it
    is not followed: that folder is read where it is). Links leading out, broken links,
    unreadable folders and special files are skipped with a warning each.
    """
    say: WarnFn = warn if warn is not None else (lambda _message: None)
    top = os.path.realpath(root)
    scan = Scan()
    documents: list[str] = []
    stack = [str(root)]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as e:
            say(f"{folder}: folder skipped, cannot be read ({e.strerror or e})")
            continue
        suffixes = [_suffix(e.name) for e in entries]
        saved = {
            e.name[: -len(suffix)]
            for e, suffix in zip(entries, suffixes, strict=True)
            if suffix in HTML_SUFFIXES
        }
        for entry, suffix in zip(entries, suffixes, strict=True):
            kind = _entry_kind(entry, suffix, top, say)
            if kind == "folder" and not _saved_page_folder(entry.name, saved):
                stack.append(entry.path)
            elif kind == "sidecar":
                scan.sidecars.add(Path(entry.path))
            elif kind == "document":
                documents.append(entry.path)
            elif kind == "other" and not (folder == str(root) and entry.name == MANIFEST_NAME):
                scan.unsupported[suffix or "(no extension)"] += 1
    scan.documents = sorted(documents)
    return scan


def _saved_page_folder(name: str, pages: set[str]) -> bool:
    """True for the ``NAME_files`` folder a browser saves beside ``NAME.html``."""
    return name.endswith(SAVED_PAGE_FOLDER) and name[: -len(SAVED_PAGE_FOLDER)] in pages


def _entry_kind(entry: os.DirEntry[str], suffix: str, top: str, warn: WarnFn) -> str | None:
    """ "folder", "document", "sidecar", "other" (a regular file of a kind not read), or None
    for an entry that is not read at all (with a warning when it looks like something the
    user meant to be read). ``suffix``: its name's (see :func:`_suffix`)."""
    name = entry.name
    if name.startswith("."):
        return None
    named = "sidecar" if is_sidecar(name) else None
    if named is None and suffix in DOCUMENT_SUFFIXES:
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
        if not entry.is_file():
            if named:
                warn(f"{entry.path}: skipped, not a regular file")
            return None
    except OSError as e:
        if named:
            warn(f"{entry.path}: skipped, cannot be read ({e.strerror or e})")
        return None
    return named or "other"


def read_inside(path: Path, root: Path, real_root: str | None = None) -> bytes:
    """The bytes of ``path``, refusing one that resolves outside ``root`` or is not a regular
    file (OSError, like any other reason a file cannot be read). ``real_root``: ``root``
    resolved, when the caller has it (resolving a path is a system call per folder)."""
    real = os.path.realpath(path)
    if not is_inside(real, real_root if real_root is not None else os.path.realpath(root)):
        raise OSError(f"a link to a file outside the corpus folder ({real})")
    if not os.path.exists(real):
        raise FileNotFoundError(real)
    if not os.path.isfile(real):
        raise OSError("not a regular file")
    with open(real, "rb") as handle:
        return handle.read()


def _suffix(name: str) -> str:
    """The extension of ``name``, lower-cased, as ``os.path.splitext`` finds it (leading dots
    start no extension), without its tuple."""
    dot = name.rfind(".")
    if dot <= 0 or not name[:dot].strip("."):
        return ""
    return name[dot:].lower()


# --------------------------------------------------------------------------- one document


def document_id(relative: str) -> str:
    """``bbc/index`` for ``bbc/index.html``: the path without its extension."""
    stem, suffix = os.path.splitext(relative)
    return stem if suffix else relative


def read_job(job: FileJob) -> FileRead:
    """The reading of one file: its document from the memo's entry when the file is as
    memoised (its text read again), else read afresh; with the reading's warnings."""
    entry = job.entry
    path = Path(job.path)
    text = read_again(path, job.root, job.real_root) if entry is not None else None
    if entry is not None and text is not None:
        memoised = memoised_document(entry, text)
        return FileRead(memoised, entry.warnings, entry.whole, None, entry.detected)
    given: list[str] = []
    relative = job.relative
    context = Context(
        job.root,
        given.append,
        {job.sidecar} if job.sidecar is not None else set(),
        {relative: job.row} if job.row is not None else {},
        known=job.known,
        real_root=job.real_root,
    )
    document = load_document(path, context)
    return FileRead(document, given, bool(context.read_whole), job.key, context.detected)


def read_again(path: Path, root: Path, real_root: str | None = None) -> str | None:
    """The text of the document at ``path``, its metadata left aside (a text file's front
    matter is cut, not parsed); None when it cannot be read any more."""

    def ignore(_message: str) -> None:  # the reading's warnings are in the memo
        return None

    try:
        raw = read_inside(path, root, real_root)
    except OSError:
        return None
    if path.suffix.lower() not in TEXT_SUFFIXES:
        reading = read_file(path, raw, ignore)
        return reading.text if reading is not None else None
    text = decode_bytes(raw, path, warn=ignore)
    if text is None:
        return None
    split = split_front_matter(text)
    return split[1] if split is not None else text


def load_document(path: Path, context: Context) -> Document | None:
    """One document, or None (with a warning) when the file is empty, unreadable or not a
    document of its kind."""
    warn = context.warn
    try:
        raw = read_inside(path, context.root, context.real_root)
    except OSError as e:
        warn(f"{path}: skipped, cannot be read ({e.strerror or e})")
        return None
    if not raw.strip():
        warn(f"{path}: skipped, the file is empty")
        return None
    reading = read_file(path, raw, warn)
    if reading is None:
        return None
    if not reading.text.strip():
        warn(f"{path}: skipped, no text (only markup or front matter)")
        return None
    relative = path.relative_to(context.root).as_posix()
    if reading.whole_page:
        context.read_whole.append(relative)
    meta, published_from = _settled_meta(path, relative, reading, context)
    return Document(
        id=document_id(relative),
        path=relative,
        text=reading.text,
        meta=meta,
        sha256=hashlib.sha256(raw).hexdigest(),
        body_end=reading.body_end,
        pages=reading.pages,
        published_from=published_from,
    )


def read_file(path: Path, raw: bytes, warn: WarnFn) -> Reading | None:
    """The reading of a file by its kind, or None (with a warning) when it gives no text."""
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return _read_html(path, raw, warn)
    if suffix in PDF_SUFFIXES:
        return _read_pdf(path, raw, warn)
    return _read_text(path, raw, warn)


def _read_text(path: Path, raw: bytes, warn: WarnFn) -> Reading | None:
    text = decode_bytes(raw, path, warn=warn)
    if text is None:
        return None
    meta: dict[str, Any] = {}
    split = split_front_matter(text)
    if split is not None:
        block, text = split
        data = parse_yaml_mapping(block, path, "front matter", warn, first_line=2)
        meta = validate_meta(data, path, warn=warn).model_dump(exclude_unset=True)
    return Reading(text, meta, "metadata" if meta.get("published") else None, find_body_end(text))


def _read_html(path: Path, raw: bytes, warn: WarnFn) -> Reading | None:
    if b"\x00" in raw[:65536] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        warn(f"{path}: skipped, not a text file (binary content)")
        return None
    from .html import read_html  # trafilatura and htmldate load only when a page is read

    page = read_html(raw)
    if page is None:
        warn(f"{path}: skipped, no text (only markup)")
        return None
    published_from: PublishedFrom | None = "page" if page.meta.get("published") else None
    return Reading(
        page.text,
        page.meta,
        published_from,
        page.body_end,
        declared_language=page.language,
        whole_page=page.fallback,
    )


def _read_pdf(path: Path, raw: bytes, warn: WarnFn) -> Reading | None:
    from .pdf import UnreadablePdf, read_pdf  # pypdf loads only when a PDF is read

    try:
        pdf = read_pdf(raw)
    except UnreadablePdf as e:
        warn(f"{path}: skipped, the PDF cannot be read ({e})")
        return None
    if not pdf.text:
        warn(f"{path}: skipped, the PDF has no text layer (a scan? run OCR on it first)")
        return None
    published_from: PublishedFrom | None = "file" if pdf.meta.get("published") else None
    return Reading(pdf.text, pdf.meta, published_from, pages=pdf.pages)


# --------------------------------------------------------------------------- metadata


def _user_meta(path: Path, relative: str, context: Context) -> tuple[dict[str, Any], Path]:
    """What the user wrote about this file in metadata.csv and its sidecar (the sidecar wins),
    each part dropped with a warning when it is invalid; and the file that said the most."""
    meta: dict[str, Any] = {}
    source = path
    row = context.manifest.get(relative)
    if row is not None:
        meta.update(row.meta)  # validated when the manifest was read
        source = context.root / MANIFEST_NAME
    sidecar = find_sidecar(path, context.sidecars)
    if sidecar is not None:
        meta.update(read_sidecar(sidecar, context))
        source = sidecar
    return meta, source


def read_sidecar(sidecar: Path, context: Context) -> dict[str, Any]:
    """The valid metadata of a sidecar file; each problem is a warning naming it."""
    try:
        text = read_inside(sidecar, context.root).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        reason = e.strerror if isinstance(e, OSError) and e.strerror else e
        context.warn(f"{sidecar}: metadata file not used, cannot be read ({reason})")
        return {}
    data = parse_yaml_mapping(text, sidecar, "metadata file", context.warn)
    return validate_meta(data, sidecar, warn=context.warn).model_dump(exclude_unset=True)


def _settled_meta(
    path: Path, relative: str, reading: Reading, context: Context
) -> tuple[DocumentMeta, PublishedFrom | None]:
    """The document's metadata: what it states, under what the user wrote; language and
    numeric date order settled; and where its publication date comes from."""
    user, source = _user_meta(path, relative, context)
    published_from = reading.published_from
    if user.get("published"):
        published_from = "metadata"
    meta = {**valid_keys(reading.meta), **user}
    body = reading.text[: reading.body_end] if reading.body_end is not None else reading.text
    context.detected = settle_language(meta, reading.declared_language, body, context.known)
    if "published" not in meta:
        published_from = None
    return validate_meta(meta, source), published_from
