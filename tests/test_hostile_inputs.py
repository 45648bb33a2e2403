"""Hostile and broken inputs, one row per class: each gives its exact ``Error:`` line or its
counted warning, never a traceback, and leaves every input file as it was.

A row builds on a small project (``corpus/`` with two articles, ``events.yaml`` with one
event) in a temporary folder that is the current folder, runs one command, then checks the
line it expects (how many times it appears in the output), the exit status, that no input
changed (every file outside the outputs, byte for byte, with its mode and link target), and
anything else the row asks.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline import fileio
from timeline.cli import cli
from timeline.watch import snapshot

ARTICLE = "The Forde report was published on 19 July 2022. The panel first met on 3 May 2021.\n"
EVENTS = """\
events:
  - id: forde-report
    title: The Forde report
    date: 2022-07-19
    aliases: ["Forde report"]
"""
SECRET = "root:x:0:0:secret-marker-for-the-test:/root:/bin/bash\n"
OUTPUTS = {".timeline-cache", "timeline.html", "out"}  # what commands may write


def _project(root: Path) -> None:
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "a.meta.yaml").write_text("title: A\npublished: 2022-07-20\n", encoding="utf-8")
    (corpus / "b.md").write_text("---\ntitle: B\n---\nNothing dated here.\n", encoding="utf-8")
    (root / "events.yaml").write_text(EVENTS, encoding="utf-8")
    (root / "outside").mkdir()
    (root / "outside" / "passwd").write_text(SECRET, encoding="utf-8")
    (root / "out").mkdir()


_SCANDIR = os.scandir  # a row may make os.scandir fail on one folder


def _state(root: Path, skip: set[str]) -> dict[str, tuple[object, ...]]:
    """Every file and link under ``root`` (outputs excepted): content digest, mode, target."""
    state: dict[str, tuple[object, ...]] = {}
    stack = [root]
    while stack:
        folder = stack.pop()
        with _SCANDIR(folder) as entries:
            found = list(entries)
        for entry in found:
            rel = os.path.relpath(entry.path, root)
            if rel.split(os.sep)[0] in skip:
                continue
            st = entry.stat(follow_symlinks=False)
            if entry.is_symlink():
                state[rel] = ("link", os.readlink(entry.path))
            elif entry.is_dir(follow_symlinks=False):
                state[rel] = ("folder", stat.S_IMODE(st.st_mode))
                stack.append(Path(entry.path))
            elif stat.S_ISREG(st.st_mode):
                digest = hashlib.sha256(Path(entry.path).read_bytes()).hexdigest()
                state[rel] = ("file", digest, stat.S_IMODE(st.st_mode), st.st_ino)
            else:
                state[rel] = ("special", stat.S_IFMT(st.st_mode))
    return state


def _remove_tree(top: Path) -> None:
    """Remove ``top`` folder by folder: pytest's own clean-up recurses once per level and
    fails on the deep tree of a row."""
    folders, stack = [], [top]
    while stack:
        folder = stack.pop()
        folders.append(folder)
        with _SCANDIR(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(Path(entry.path))
                else:
                    os.unlink(entry.path)
    for folder in reversed(folders):
        folder.rmdir()


Setup = Callable[[Path, pytest.MonkeyPatch], object]
Then = Callable[[Path], object]


@dataclass(frozen=True)
class Row:
    """One class of hostile input: how to make it, the command, and what must come out."""

    name: str
    setup: Setup
    args: tuple[str, ...]
    line: str  # exact line of the output (stdout and stderr)
    count: int = 1
    exit_code: int = 0
    writes: frozenset[str] = field(default_factory=frozenset)  # inputs the command may change
    then: Then | None = None
    slow: bool = False


def _write(rel: str, text: str | bytes) -> Setup:
    def setup(root: Path, _: pytest.MonkeyPatch) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")

    return setup


def _link(rel: str, target: str) -> Setup:
    def setup(root: Path, _: pytest.MonkeyPatch) -> None:
        (root / rel).symlink_to(target)

    return setup


def _both(*setups: Setup) -> Setup:
    def setup(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        for one in setups:
            one(root, monkeypatch)

    return setup


def _nothing(root: Path, _: pytest.MonkeyPatch) -> None:
    return None


def _unreadable_folder(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """corpus/locked/ cannot be listed (as chmod 000 does, even when the tests run as root)."""
    locked = root / "corpus" / "locked"
    locked.mkdir()
    (locked / "c.txt").write_text("Hidden on 1 May 2020.\n", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: str) -> object:
        if os.path.basename(os.fspath(path)) == "locked":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)


def _nested(depth: int) -> Setup:
    def setup(root: Path, _: pytest.MonkeyPatch) -> None:
        folder = root / "corpus"
        for _i in range(depth):  # not os.makedirs: it recurses once per level
            folder = folder / "d"
            folder.mkdir()
        (folder / "deep.txt").write_text("Deep down on 2 June 2020.\n", encoding="utf-8")

    return setup


def _read_only(rel: str) -> Setup:
    def setup(root: Path, _: pytest.MonkeyPatch) -> None:
        (root / rel).chmod(0o444)

    return setup


def _hard_link(rel: str, target: str) -> Setup:
    def setup(root: Path, _: pytest.MonkeyPatch) -> None:
        os.link(root / target, root / rel)

    return setup


def _secret_not_in(rel: str) -> Then:
    def then(root: Path) -> None:
        assert "secret-marker" not in (root / rel).read_text(encoding="utf-8")

    return then


def _events_target_updated(root: Path) -> None:
    assert (root / "events.yaml").is_symlink()
    assert "status: candidate" in (root / "outside" / "events.yaml").read_text(encoding="utf-8")


def _hard_link_kept(root: Path) -> None:
    assert os.path.samefile(root / "events.yaml", root / "outside" / "events-copy.yaml")
    assert "status: candidate" in (root / "events.yaml").read_text(encoding="utf-8")


def _moved_events(root: Path, _: pytest.MonkeyPatch) -> None:
    os.replace(root / "events.yaml", root / "outside" / "events.yaml")
    (root / "events.yaml").symlink_to(Path("outside") / "events.yaml")


def _document_field(doc: str, key: str, value: str) -> Then:
    def then(root: Path) -> None:
        data = json.loads((root / "out" / "t.json").read_text(encoding="utf-8"))
        assert {d["id"]: d for d in data["documents"]}[doc][key] == value

    return then


def _deep_document_read(root: Path) -> None:
    assert "deep" in (root / "timeline.html").read_text(encoding="utf-8")


def _page_has(*pieces: str) -> Then:
    def then(root: Path) -> None:
        page = (root / "out" / "page.html").read_text(encoding="utf-8")
        for piece in pieces:
            assert piece in page, piece

    return then


def _page_lacks(*pieces: str) -> Then:
    def then(root: Path) -> None:
        page = (root / "timeline.html").read_text(encoding="utf-8")
        for piece in pieces:
            assert piece not in page, piece

    return then


def _stale_temporary(root: Path, _: pytest.MonkeyPatch) -> None:
    monkeypatch_free = root / ".events.yaml.k3j4h5g6.tmp"
    monkeypatch_free.write_text("events:\n  - id: half", encoding="utf-8")
    old = time.time() - 3600
    os.utime(monkeypatch_free, (old, old))
    fileio._swept.clear()


def _stale_temporary_removed(root: Path) -> None:
    assert not (root / ".events.yaml.k3j4h5g6.tmp").exists()


def _wrong_typed_cache_entry(root: Path, _: pytest.MonkeyPatch) -> None:
    """A first build fills the store; then one stored value gets the wrong type."""
    CliRunner().invoke(cli, ["build"], catch_exceptions=False)
    with sqlite3.connect(root / ".timeline-cache" / "store.sqlite") as db:
        rows = db.execute("SELECT input, value FROM memo WHERE stage='extract'").fetchall()
        key, value = next((k, json.loads(v)) for k, v in rows if json.loads(v)["timexes"])
        value["timexes"][0][3] = 7  # the timex type, a number instead of DATE
        db.execute("UPDATE memo SET value=? WHERE input=?", (json.dumps(value), key))


def _many_files(n: int) -> Setup:
    def setup(root: Path, _: pytest.MonkeyPatch) -> None:
        folder = root / "corpus" / "many"
        folder.mkdir()
        for i in range(n):
            (folder / f"n{i:05d}.txt").write_text(f"Note n{i}.\n", encoding="utf-8")

    return setup


def _with_events(text: str) -> Setup:
    return _write("events.yaml", text)


HOSTILE = "<script>alert(1)</script>\"'`\x1b[2J\u202e"
ALIAS_BOMB = (
    "events:\n  - id: a\n    title: A\n    date: 2020-01-01\n    x0: &a0 [l, l, l, l, l]\n"
    + "".join(
        f"    x{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n" for i in range(1, 10)
    )
    + "    aliases: *a9\n"
)


def _conflict_with_escapes(root: Path, _: pytest.MonkeyPatch) -> None:
    text = "The Forde report \x1b[2J\x1b]0;pwned\x07was published on 20 August 2022.\n"
    (root / "corpus" / "c.txt").write_text(text, encoding="utf-8")


SKIPPED_LINK = "Warning: corpus/passwd.txt: skipped, a link to a file outside the corpus folder"
INSIDE = "where it would be read as an article (choose another output path)"

ROWS = [
    Row(
        "symlink-to-a-file-outside-the-corpus",
        _link("corpus/passwd.txt", "../outside/passwd"),
        ("build", "--no-cache"),
        SKIPPED_LINK,
        then=_secret_not_in("timeline.html"),
    ),
    Row(
        "symlink-to-a-folder-outside-the-corpus",
        _link("corpus/etc", "../outside"),
        ("build", "--no-cache"),
        "Warning: corpus/etc: skipped, a link to a folder outside the corpus folder",
        then=_secret_not_in("timeline.html"),
    ),
    Row(
        "symlink-out-through-the-cache",
        _link("corpus/passwd.txt", "../outside/passwd"),
        ("build",),
        SKIPPED_LINK,
        then=_secret_not_in("timeline.html"),
    ),
    Row(
        "broken-symlink",
        _link("corpus/gone.txt", "nowhere.txt"),
        ("build", "--no-cache"),
        "Warning: corpus/gone.txt: skipped, a broken link",
    ),
    Row(
        "symlink-inside-the-corpus-is-read",
        _link("corpus/alias.txt", "a.txt"),
        ("build", "--no-cache"),
        "Read 3 documents: 4 temporal expressions, 1 event, 1 candidate, 0 conflicts.",
    ),
    Row(
        "fifo-named-like-an-article",
        lambda root, _: os.mkfifo(root / "corpus" / "pipe.txt"),
        ("build", "--no-cache"),
        "Warning: corpus/pipe.txt: skipped, not a regular file",
    ),
    Row(
        "unreadable-sub-folder",
        _unreadable_folder,
        ("build", "--no-cache"),
        "Warning: corpus/locked: folder skipped, cannot be read (Permission denied)",
    ),
    Row(
        "1000-nested-folders",
        _nested(1000),
        ("build", "--no-cache"),
        "Read 3 documents: 3 temporal expressions, 1 event, 2 candidates, 0 conflicts.",
        then=_deep_document_read,
    ),
    Row(
        "output-over-events-file",
        _nothing,
        ("build", "-o", "events.yaml"),
        "Error: cannot write events.yaml: it is events.yaml, an input of this command "
        "(choose another output path)",
        exit_code=1,
    ),
    Row(
        "json-over-events-file",
        _nothing,
        ("build", "--json", "events.yaml"),
        "Error: cannot write events.yaml: it is events.yaml, an input of this command "
        "(choose another output path)",
        exit_code=1,
    ),
    Row(
        "export-over-events-file-through-a-link",
        _link("out/link.yaml", "../events.yaml"),
        ("export", "-o", "out/link.yaml"),
        "Error: cannot write out/link.yaml: it is events.yaml, an input of this command "
        "(choose another output path)",
        exit_code=1,
    ),
    Row(
        "export-over-a-hard-link-of-events-file",
        _hard_link("out/copy.yaml", "events.yaml"),
        ("export", "-o", "out/copy.yaml"),
        "Error: cannot write out/copy.yaml: it is events.yaml, an input of this command "
        "(choose another output path)",
        exit_code=1,
    ),
    Row(
        "output-over-an-article",
        _nothing,
        ("build", "-o", "corpus/a.txt"),
        f"Error: cannot write corpus/a.txt: it is inside the corpus folder corpus, {INSIDE}",
        exit_code=1,
    ),
    Row(
        "extract-into-the-corpus",
        _nothing,
        ("extract", "-o", "corpus/x.jsonl"),
        f"Error: cannot write corpus/x.jsonl: it is inside the corpus folder corpus, {INSIDE}",
        exit_code=1,
    ),
    Row(
        "watch-with-the-page-inside-the-corpus",
        _nothing,
        ("build", "--watch", "-o", "corpus/page.html"),
        f"Error: cannot write corpus/page.html: it is inside the corpus folder corpus, {INSIDE}",
        exit_code=1,
    ),
    Row(
        "page-and-json-on-one-file",
        _nothing,
        ("build", "-o", "out/t.html", "--json", "out/t.html"),
        "Error: cannot write out/t.html: it is out/t.html, another output of this command "
        "(choose another output path)",
        exit_code=1,
    ),
    Row(
        "suggest-write-through-a-symlinked-events-file",
        _moved_events,
        ("suggest", "--write", "--no-cache"),
        "Appended 1 suggestion to events.yaml as status: candidate (the old file is kept as "
        "events.yaml.bak).",
        writes=frozenset({"outside/events.yaml", "outside/events.yaml.bak"}),
        then=_events_target_updated,
    ),
    Row(
        "suggest-write-to-a-read-only-events-file",
        _read_only("events.yaml"),
        ("suggest", "--write", "--no-cache"),
        "Error: could not write events.yaml: the file is read-only; the old file is unchanged",
        exit_code=1,
    ),
    Row(
        "suggest-write-keeps-hard-links",
        _hard_link("outside/events-copy.yaml", "events.yaml"),
        ("suggest", "--write", "--no-cache"),
        "Appended 1 suggestion to events.yaml as status: candidate (the old file is kept as "
        "events.yaml.bak).",
        writes=frozenset({"events.yaml", "events.yaml.bak", "outside/events-copy.yaml"}),
        then=_hard_link_kept,
    ),
    Row(
        "front-matter-impossible-day",
        _write("corpus/c.md", "---\npublished: 2020-02-30\n---\nSaid yesterday.\n"),
        ("build", "--no-cache"),
        "Warning: corpus/c.md: invalid metadata: 'published': '2020-02-30' is not a date "
        "(use 2020-10-30, 2020-10 or 2020); read without it",
    ),
    Row(
        "sidecar-not-a-leap-year",
        _both(
            _write("corpus/c.txt", "Said yesterday.\n"),
            _write("corpus/c.meta.yaml", "published: 2021-02-29\n"),
        ),
        ("build", "--no-cache"),
        "Warning: corpus/c.meta.yaml: invalid metadata: 'published': '2021-02-29' is not a "
        "date (use 2020-10-30, 2020-10 or 2020); read without it",
    ),
    Row(
        "sidecar-year-zero",
        _both(
            _write("corpus/c.txt", "Said yesterday.\n"),
            _write("corpus/c.meta.yaml", "published: 0000-01-01\n"),
        ),
        ("build", "--no-cache"),
        "Warning: corpus/c.meta.yaml: invalid metadata: 'published': '0000-01-01' is not a "
        "date (use 2020-10-30, 2020-10 or 2020); read without it",
    ),
    Row(
        "sidecar-offset-beyond-a-day",
        _both(
            _write("corpus/c.txt", "Said on 3 May.\n"),
            _write("corpus/c.meta.yaml", "published: 2020-10-30T09:00:00+25:00\n"),
        ),
        ("build", "--no-cache", "--json", "out/t.json"),
        "Read 3 documents: 3 temporal expressions, 1 event, 2 candidates, 0 conflicts.",
        then=_document_field("c", "published", "2020-10-30"),
    ),
    Row(
        "title-that-looks-like-an-impossible-date",
        _write("corpus/c.md", "---\ntitle: 2020-02-30\n---\nText.\n"),
        ("build", "--no-cache", "--json", "out/t.json"),
        "Read 3 documents: 2 temporal expressions, 1 event, 1 candidate, 0 conflicts.",
        then=_document_field("c", "title", "2020-02-30"),
    ),
    Row(
        "alias-bomb-in-front-matter",
        _write(
            "corpus/c.md",
            "---\na0: &a0 [x, x, x, x, x, x, x, x, x]\n"
            + "".join(f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}]\n" for i in range(1, 10))
            + "title: *a9\n---\nText.\n",
        ),
        ("build", "--no-cache"),
        "Warning: corpus/c.md: line 3: front matter is not valid YAML (aliases (*name) are "
        "not allowed); read without it",
    ),
    Row(
        "unterminated-tags-html",
        _write("corpus/c.html", "<p>Met on 2 May 2020.</p>" + "<a " * 20000),
        ("build", "--no-cache"),
        "Read 3 documents: 3 temporal expressions, 1 event, 2 candidates, 0 conflicts.",
    ),
    Row(
        "unterminated-comments-html",
        _write("corpus/c.html", "<p>Met on 2 May 2020.</p>" + "<!-- x>" * 20000),
        ("build", "--no-cache"),
        "Read 3 documents: 3 temporal expressions, 1 event, 2 candidates, 0 conflicts.",
    ),
    Row(
        "relative-dates-beyond-the-calendar",
        _both(
            _write("corpus/c.txt", "Said 800000 days ago, 200000 weeks ago, in 9000 years.\n"),
            _write("corpus/c.meta.yaml", "published: 2020-01-01\n"),
        ),
        ("build", "--no-cache"),
        "Read 3 documents: 5 temporal expressions, 1 event, 1 candidate, 0 conflicts.",
    ),
    Row(
        "yesterday-in-year-one",
        _both(
            _write("corpus/c.txt", "Said yesterday, next week and tomorrow.\n"),
            _write("corpus/c.meta.yaml", "published: 0001-01-01\n"),
        ),
        ("extract", "--no-cache", "-o", "out/x.jsonl"),
        "Warning: b: no publication date and no date in the text to estimate it from; "
        "relative dates such as 'in April' stay unresolved",
    ),
    Row(
        "event-in-the-last-week-of-the-calendar",
        _with_events(EVENTS + "  - id: end\n    title: The end\n    date: 9999-W52\n"),
        ("build", "--no-cache"),
        "Read 2 documents: 2 temporal expressions, 2 events, 1 candidate, 0 conflicts.",
    ),
    Row(
        "alias-bomb-in-events-file",
        _with_events(ALIAS_BOMB),
        ("check",),
        "events.yaml:5:9: yaml: anchors and aliases (&name, *name) are not supported; write "
        "the value out",
        exit_code=1,
    ),
    Row(
        "malformed-events-yaml",
        _with_events("events:\n  - id: a\n    title: [unclosed\n"),
        ("build",),
        "Error: 1 problem found",
        exit_code=1,
    ),
    Row(
        "local-copy-link-from-a-page-elsewhere",
        _nothing,
        ("build", "--no-cache", "-o", "out/page.html"),
        "Wrote out/page.html",
        then=_page_has('"file":"../corpus/a.txt"'),
    ),
    Row(
        "escape-sequences-in-a-quote-of-check",
        _conflict_with_escapes,
        ("check", "--no-cache"),
        'Warning: forde-report: conflict: corpus/c.txt:1: "The Forde report \\x1b[2J\\x1b]0;'
        'pwned\\x07was published on 20 August 2022." says 2022-08-20 ("20 August 2022"), '
        "events.yaml says 2022-07-19",
    ),
    Row(
        "one-letter-alias",
        _with_events(EVENTS.replace('["Forde report"]', '["Forde report", "a"]')),
        ("check", "--no-cache"),
        "Warning: forde-report: alias 'a' is only 1 letter: it names any sentence with that "
        "word (use a longer phrase)",
    ),
    Row(
        "stop-word-alias",
        _with_events(EVENTS.replace('["Forde report"]', '["Forde report", "of the"]')),
        ("check", "--no-cache"),
        "Warning: forde-report: alias 'of the' is only common words: it names most sentences "
        "(use the words that identify the event)",
    ),
    Row(
        "stale-temporary-file-of-a-killed-write",
        _stale_temporary,
        ("suggest", "--write", "--no-cache"),
        "Appended 1 suggestion to events.yaml as status: candidate (the old file is kept as "
        "events.yaml.bak).",
        writes=frozenset({"events.yaml", "events.yaml.bak", ".events.yaml.k3j4h5g6.tmp"}),
        then=_stale_temporary_removed,
    ),
    Row(
        "hostile-strings-in-every-field",
        _both(
            _with_events(
                "events:\n  - id: forde-report\n"
                f"    title: {json.dumps(HOSTILE)}\n    date: 2022-07-19\n"
                f'    aliases: ["Forde report", {json.dumps(HOSTILE)}]\n'
                f"    tags: [{json.dumps(HOSTILE)}]\n    summary: {json.dumps(HOSTILE)}\n"
                f"    sources:\n      - publisher: {json.dumps(HOSTILE)}\n"
                f"        title: {json.dumps(HOSTILE)}\n"
                '        url: "javascript:alert(1)"\n'
            ),
            _write(
                "corpus/c.md",
                f"---\ntitle: {json.dumps(HOSTILE)}\npublisher: {json.dumps(HOSTILE)}\n"
                'url: "javascript:alert(2)"\n---\n'
                f"The Forde report {HOSTILE} was published on 19 July 2022.\n",
            ),
        ),
        ("build", "--no-cache"),
        "Read 3 documents: 3 temporal expressions, 1 event, 1 candidate, 0 conflicts.",
        then=_page_lacks("<script>alert", '"href":"javascript', "\x1b[2J"),
    ),
    Row(
        "fifty-megabyte-page",
        _write(
            "corpus/c.html",
            "<p>Met on 2 May 2020.</p><script>" + "var x = 1 < 2;\n" * 3_500_000 + "</script>",
        ),
        ("build", "--no-cache"),
        "Read 3 documents: 3 temporal expressions, 1 event, 2 candidates, 0 conflicts.",
    ),
    Row(
        "wrong-typed-cache-entry",
        _wrong_typed_cache_entry,
        ("extract", "-o", "out/x.jsonl"),
        "Warning: .timeline-cache: 1 damaged extract entry ignored and computed again",
    ),
    Row(
        "a-thousand-files",  # 20,000 take minutes on a busy machine: too long for CI
        _many_files(1_000),
        ("build", "--no-cache"),
        "Read 1002 documents: 2 temporal expressions, 1 event, 1 candidate, 0 conflicts.",
        slow=True,
    ),
    Row(
        "empty-file",
        _write("corpus/c.txt", b""),
        ("build", "--no-cache"),
        "Warning: corpus/c.txt: skipped, the file is empty",
    ),
    Row(
        "binary-file",
        _write("corpus/c.txt", bytes(range(256)) * 64),
        ("build", "--no-cache"),
        "Warning: corpus/c.txt: skipped, not a text file (binary content)",
    ),
    Row(
        "nul-bytes-in-text",
        _write("corpus/c.txt", b"Met on 2 May 2020.\x00\x00 More text.\n"),
        ("build", "--no-cache"),
        "Warning: corpus/c.txt: skipped, not a text file (binary content)",
    ),
    Row(
        "utf-16-article",
        _write("corpus/c.txt", "Met on 2 May 2020.\n".encode("utf-16")),
        ("build", "--no-cache"),
        "Read 3 documents: 3 temporal expressions, 1 event, 2 candidates, 0 conflicts.",
    ),
    Row(
        "utf-32-article",
        _write("corpus/c.txt", "Met on 2 May 2020.\n".encode("utf-32")),
        ("build", "--no-cache"),
        "Read 3 documents: 3 temporal expressions, 1 event, 2 candidates, 0 conflicts.",
    ),
    Row(
        "duplicate-ids",
        _write("corpus/a.md", "Again.\n"),
        ("build", "--no-cache"),
        "Error: two documents share the id 'a': corpus/a.md and corpus/a.txt (ids are "
        "paths without the extension; rename one)",
        exit_code=1,
    ),
]


@pytest.mark.parametrize(
    "row",
    [pytest.param(row, id=row.name, marks=[pytest.mark.slow] if row.slow else []) for row in ROWS],
)
def test_hostile_input(row: Row, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _project(tmp_path)
    monkeypatch.chdir(tmp_path)
    try:
        _run(row, tmp_path, monkeypatch)
    finally:
        monkeypatch.undo()
        _remove_tree(tmp_path / "corpus")


def _run(row: Row, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    row.setup(root, monkeypatch)
    before = _state(root, OUTPUTS)
    result = CliRunner().invoke(cli, list(row.args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert "Traceback" not in result.output
    assert result.output.splitlines().count(row.line) == row.count, result.output
    assert result.exit_code == row.exit_code, result.output
    after = _state(root, OUTPUTS)
    changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    assert changed <= row.writes, f"inputs changed: {sorted(changed - row.writes)}"
    if row.then is not None:
        row.then(root)


def test_the_watch_snapshot_walks_folders_of_any_depth(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for _i in range(1000):
        folder = folder / "d"
        folder.mkdir()
    (folder / "deep.txt").write_text("x", encoding="utf-8")
    try:
        assert list(snapshot([tmp_path / "corpus"])) == [str(folder / "deep.txt")]
    finally:
        _remove_tree(tmp_path / "corpus")
