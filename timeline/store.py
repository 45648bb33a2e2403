"""The store: every stage's output per document, memoised in one SQLite database.

An entry is keyed by the stage's name, the digest of the stage's own code and data files
(:func:`code_digest`, computed from the source files, never a hand-bumped version) and the
digest of the stage's input (computed by the stage). Nothing else decides whether an entry is
fresh, so a build from the store and a ``--no-cache`` build are the same. The store holds
what the stages compute, never a copy of the corpus.

Values are JSON. An entry that does not decode, or that the stage's reader rejects (a corrupt
or foreign file, an entry written by other code under the same key), is computed again with a
warning. A file that is not a database is replaced, with a warning; an unwritable one leaves
the build running without it.

A :class:`Store` made with ``front=True`` also keeps what it read and wrote in memory (the
front), so that a process that builds again and again (``timeline build --watch``) asks the
database only for what it has not seen; a single build keeps nothing (its memory stays bounded
by the work in flight).
"""

from __future__ import annotations

import hashlib
import importlib.util
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from pydantic_core import from_json, to_json

WarnFn = Callable[[str], None]

STORE_NAME = "store.sqlite"
# A table with rowids: the index of its key holds the keys alone, so that looking an entry up
# never reads another entry's value (a table WITHOUT ROWID keeps each value in its key's
# b-tree, and a search that compares with a key of a large value reads all of it).
_SCHEMA = """
CREATE TABLE IF NOT EXISTS memo (
    stage TEXT NOT NULL,
    code TEXT NOT NULL,
    input TEXT NOT NULL,
    value BLOB NOT NULL,
    PRIMARY KEY (stage, code, input)
)
"""
SCHEMA_VERSION = 1  # the database's user_version; 0: the memo table WITHOUT ROWID
_BATCH = 500  # keys per SELECT (SQLite allows 32,766 parameters; smaller batches stream)


@cache
def code_digest(*modules: str) -> str:
    """The digest of the source files of ``modules`` (a package: every file under it, its
    data files included), found without importing them."""
    digest = hashlib.sha256()
    for name in modules:
        for path in _files_of(name):
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _files_of(module: str) -> list[Path]:
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise ValueError(f"no source for {module}")
    origin = Path(spec.origin)
    if spec.submodule_search_locations is None:
        return [origin]
    return sorted(
        p
        for p in origin.parent.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".pyc", ".pyo")
    )


def input_digest(*parts: str | bytes | None) -> str:
    """The digest of a stage's input, given as its parts (None and "" differ)."""
    digest = hashlib.sha256()
    for part in parts:
        if part is None:
            digest.update(b"\1")
        else:
            digest.update(b"\2" + (part.encode() if isinstance(part, str) else part) + b"\0")
    return digest.hexdigest()


class Store:
    """Stage outputs in ``root/store.sqlite`` (None: in memory only, nothing written)."""

    def __init__(
        self, root: Path | None, *, warn: WarnFn | None = None, front: bool = False
    ) -> None:
        self.path = Path(root) / STORE_NAME if root is not None else None
        self._warn = warn
        self._keeps_front = front
        self._db: sqlite3.Connection | None = None
        self._opened = False
        self._front: dict[tuple[str, str, str], Any] = {}

    @property
    def keeps_front(self) -> bool:
        """True when what is read and written is also kept in memory (see the module
        docstring)."""
        return self._keeps_front

    def warn(self, message: str) -> None:
        """Give a warning through the callback the store was made with."""
        if self._warn is not None:
            self._warn(message)

    def _connect(self) -> sqlite3.Connection | None:
        if self._opened:
            return self._db
        self._opened = True
        if self.path is None:
            return None
        try:
            self._db = self._open(self.path)
        except sqlite3.DatabaseError as e:
            if isinstance(e, sqlite3.OperationalError) and not self.path.is_file():
                self._cannot_write(e)
                return None
            self.warn(f"{self.path} is not a usable store ({e}); starting a new one")
            try:
                self.path.unlink()
                self._db = self._open(self.path)
            except (OSError, sqlite3.DatabaseError) as again:
                self._cannot_write(again)
        except OSError as e:
            self._cannot_write(e)
        return self._db

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            (version,) = db.execute("PRAGMA user_version").fetchone()
            if version < SCHEMA_VERSION:
                Store._upgrade(db)
            db.execute(_SCHEMA)
            db.execute("SELECT count(*) FROM memo WHERE 0").fetchall()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    @staticmethod
    def _upgrade(db: sqlite3.Connection) -> None:
        """Move the entries of a memo table made WITHOUT ROWID into one with rowids."""
        with db:
            db.execute("BEGIN")
            old = db.execute("SELECT 1 FROM sqlite_master WHERE name='memo'").fetchone()
            if old is not None:
                db.execute("ALTER TABLE memo RENAME TO memo_without_rowid")
            db.execute(_SCHEMA)
            if old is not None:
                db.execute("INSERT INTO memo SELECT * FROM memo_without_rowid")
                db.execute("DROP TABLE memo_without_rowid")
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def _cannot_write(self, error: Exception) -> None:
        self._db = None
        self.warn(f"cannot use the store {self.path} ({error}); continuing without it")

    def get_many(
        self,
        stage: str,
        code: str,
        keys: Sequence[str],
        read: Callable[[Any], Any],
        *,
        parsed: bool = True,
    ) -> dict[str, Any]:
        """The stored value of every key that has a usable one, as ``read`` makes it.

        ``read`` turns the stored JSON (parsed, or its bytes when not ``parsed``) into the
        stage's type and raises ValueError on an entry it cannot use; such an entry is
        dropped with a warning (the stage computes it again).
        """
        found: dict[str, Any] = {}
        missing = []
        for key in keys:
            hit = self._front.get((stage, code, key))
            if hit is not None:
                found[key] = hit
            else:
                missing.append(key)
        db = self._connect()
        if db is None or not missing:
            return found
        bad: list[str] = []
        try:
            for i in range(0, len(missing), _BATCH):
                chunk = missing[i : i + _BATCH]
                marks = ",".join("?" * len(chunk))
                query = "SELECT input, value FROM memo WHERE stage=? AND code=? AND input IN "
                rows = db.execute(f"{query}({marks})", (stage, code, *chunk)).fetchall()
                for key, raw in rows:
                    try:
                        value = read(from_json(raw) if parsed else raw)
                    except ValueError:
                        bad.append(key)
                        continue
                    found[key] = value
                    if self._keeps_front:
                        self._front[(stage, code, key)] = value
        except sqlite3.DatabaseError as e:
            self.warn(f"cannot read the store {self.path} ({e}); computing again")
            return found
        if bad:
            self.warn(
                f"{self.path.parent if self.path else 'the store'}: {len(bad)} damaged {stage} "
                f"entr{'y' if len(bad) == 1 else 'ies'} ignored and computed again"
            )
            self._delete(stage, code, bad)
        return found

    def keys(self, stage: str, code: str) -> frozenset[str]:
        """The inputs under which the stage's entries of this code are stored."""
        found = {k[2] for k in self._front if k[0] == stage and k[1] == code}
        db = self._connect()
        if db is None:
            return frozenset(found)
        try:
            rows = db.execute(
                "SELECT input FROM memo WHERE stage=? AND code=?", (stage, code)
            ).fetchall()
        except sqlite3.DatabaseError as e:
            self.warn(f"cannot read the store {self.path} ({e}); computing again")
            return frozenset(found)
        return frozenset(found | {k for (k,) in rows})

    def remember(self, stage: str, code: str, key: str, value: Any) -> None:
        """Keep ``value`` in the front (what a build has at hand, already stored)."""
        if self._keeps_front:
            self._front[(stage, code, key)] = value

    def put_many(self, stage: str, code: str, items: Iterable[tuple[str, Any, Any]]) -> bool:
        """Store ``(key, json_ready, value)`` triples: the JSON form goes to the database, the
        value to the front. True when they are kept (a later :meth:`get_many` gives them)."""
        db = self._connect()
        rows = []
        for key, raw, value in items:
            if self._keeps_front:
                self._front[(stage, code, key)] = value
            if db is not None:
                rows.append((stage, code, key, to_json(raw)))
        if db is None or not rows:
            return db is not None or self._keeps_front
        try:
            with db:
                db.execute("BEGIN")
                db.executemany("INSERT OR REPLACE INTO memo VALUES (?, ?, ?, ?)", rows)
        except sqlite3.DatabaseError as e:
            self._cannot_write(e)
            return self._keeps_front
        return True

    def put_together(
        self,
        writes: Sequence[tuple[str, str, Iterable[tuple[str, Any]]]],
        dropped: Sequence[tuple[str, str, Sequence[str]]] = (),
    ) -> None:
        """Store the ``(key, json_ready)`` pairs of each ``(stage, code, pairs)`` of ``writes``
        and drop the keys of each ``(stage, code, keys)`` of ``dropped``, all in one
        transaction: entries that only make sense together are never half written. Each
        value is serialised as it is written (``pairs`` may be made as they are taken), so
        the JSON of all of them is never held at once."""
        for stage, code, keys in dropped:
            for key in keys:
                self._front.pop((stage, code, key), None)
        db = self._connect()
        if db is None:
            for stage, code, pairs in writes:
                for key, _ in pairs:
                    self._front.pop((stage, code, key), None)
            return
        try:
            with db:
                db.execute("BEGIN")
                for stage, code, pairs in writes:
                    rows = self._rows_forgotten(stage, code, pairs)
                    db.executemany("INSERT OR REPLACE INTO memo VALUES (?, ?, ?, ?)", rows)
                for stage, code, keys in dropped:
                    db.executemany(
                        "DELETE FROM memo WHERE stage=? AND code=? AND input=?",
                        [(stage, code, k) for k in keys],
                    )
        except sqlite3.DatabaseError as e:
            self._cannot_write(e)

    def _rows_forgotten(
        self, stage: str, code: str, pairs: Iterable[tuple[str, Any]]
    ) -> Iterator[tuple[str, str, str, bytes]]:
        """The database rows of ``pairs``, each key's value dropped from the front."""
        for key, raw in pairs:
            self._front.pop((stage, code, key), None)
            yield stage, code, key, to_json(raw)

    def drop(self, stage: str, code: str, keys: Sequence[str]) -> None:
        """Drop the entries of ``keys``."""
        for key in keys:
            self._front.pop((stage, code, key), None)
        self._delete(stage, code, keys)

    def keep_only(
        self, stage: str, code: str, keys: Iterable[str], *, all_stored: bool = False
    ) -> None:
        """Drop the stage's entries of other code versions and of inputs not in ``keys`` (what
        the last build of the whole corpus no longer needs). ``all_stored`` says that every
        key of ``keys`` has an entry: then a stage holding as many entries holds no other, and
        is not read through."""
        keep = set(keys)
        self._front = {k: v for k, v in self._front.items() if k[0] != stage or k[2] in keep}
        db = self._connect()
        if db is None:
            return
        try:
            db.execute("DELETE FROM memo WHERE stage=? AND code<>?", (stage, code))
            if all_stored:
                query = "SELECT count(*) FROM memo WHERE stage=? AND code=?"
                (count,) = db.execute(query, (stage, code)).fetchone()
                if count == len(keep):
                    return
            stored = db.execute(
                "SELECT input FROM memo WHERE stage=? AND code=?", (stage, code)
            ).fetchall()
            self._delete(stage, code, [k for (k,) in stored if k not in keep])
        except sqlite3.DatabaseError as e:
            self._cannot_write(e)

    def _delete(self, stage: str, code: str, keys: Sequence[str]) -> None:
        db = self._connect()
        if db is None or not keys:
            return
        try:
            with db:
                db.execute("BEGIN")
                db.executemany(
                    "DELETE FROM memo WHERE stage=? AND code=? AND input=?",
                    [(stage, code, k) for k in keys],
                )
        except sqlite3.DatabaseError as e:
            self._cannot_write(e)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the database (the front is kept; a later call opens it again)."""
        if self._db is not None:
            self._db.close()
        self._db = None
        self._opened = False
