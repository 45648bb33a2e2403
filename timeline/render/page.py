"""Assemble the self-contained HTML page: template, styles, script, plotly.js and the data."""

from __future__ import annotations

import base64
import os
import re
import zlib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic_core import to_json

from ..errors import RenderError
from ..fileio import replace_file
from ..models import Timeline
from .story import DEFAULT_MAX_CANDIDATES, PageData
from .view import build_view

_TOKEN = re.compile(r"\{\{(TITLE|CSS|PLOTLY|BOOT_JS|VIEW|REST|SOURCES_JS|PICKER_JS|JS)\}\}")
_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")


def script_json(value: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``.

    ``<``, ``>``, ``&`` and the two JavaScript line separators become ``\\uXXXX`` escapes, so
    no string in the data can close the script element or start markup.
    """
    return _inert(to_json(value).decode("utf-8"))


def packed_json(value: Any) -> str:
    """JSON deflated (zlib) and in base64: no character of it can close a script element.
    The page unpacks it with the browser's DecompressionStream."""
    return base64.b64encode(zlib.compress(to_json(value), 6)).decode("ascii")


def _inert(text: str) -> str:
    return _JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES[m.group(0)], text)


def _escape_html(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


@cache
def _asset(name: str) -> str:
    return (resources.files(__package__) / "assets" / name).read_text(encoding="utf-8")


@cache
def _plotly_js() -> str:
    """The partial plotly.js bundle (core + scattergl) built by tools/plotly-bundle."""
    js = _asset("plotly.min.js")
    lowered = js.lower()
    if "</script" in lowered or "<!--" in lowered:  # pragma: no cover - the build refuses these
        raise RenderError("the bundled plotly.js cannot be inlined safely")
    return js


def render_html(
    timeline: Timeline | PageData,
    max_candidates: int | None = None,
    *,
    corpus_href: str = "corpus",
) -> str:
    """The whole page as one string: no network needed, same timeline → same bytes.

    It carries every curated event and the ``max_candidates`` most salient candidates
    (None: ``DEFAULT_MAX_CANDIDATES``). ``corpus_href`` is the corpus folder as a relative
    link from the page's folder.
    """
    limit = DEFAULT_MAX_CANDIDATES if max_candidates is None else max_candidates
    view = build_view(timeline, limit, corpus_href=corpus_href)
    rest = view.pop("rest")
    counts = view["counts"]
    title = f"Timeline: {counts['events']} events from {counts['documents']} documents"
    parts = {
        "TITLE": _escape_html(title),
        "CSS": _asset("page.css"),
        "PLOTLY": _plotly_js(),
        "BOOT_JS": _asset("boot.js"),
        "VIEW": script_json(view),
        "REST": packed_json(rest),
        "SOURCES_JS": _asset("sources.js"),
        "PICKER_JS": _asset("picker.js"),
        "JS": _asset("page.js"),
    }
    return _TOKEN.sub(lambda m: parts[m.group(1)], _asset("page.html"))


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename; RenderError on failure."""
    path = Path(path)
    if not path.parent.is_dir():
        why = "is not a folder" if path.parent.exists() else "does not exist"
        raise RenderError(f"cannot write {path}: the folder {path.parent} {why}")
    try:
        replace_file(path, text)
    except OSError as error:
        raise RenderError(f"cannot write {path}: {error.strerror or error}") from error


def write_html(
    timeline: Timeline | PageData,
    path: Path,
    max_candidates: int | None = None,
    *,
    corpus_dir: Path | None = None,
) -> None:
    """Write the page to ``path`` (atomically: a reader never sees half a page); its "local
    copy" links lead to the documents in ``corpus_dir`` (default: ``corpus/`` beside it)."""
    href = "corpus"
    if corpus_dir is not None:
        relative = os.path.relpath(Path(corpus_dir).absolute(), Path(path).absolute().parent)
        href = Path(relative).as_posix()
    write_text_atomic(path, render_html(timeline, max_candidates, corpus_href=href))
