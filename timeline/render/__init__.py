"""The page and the exports; the page inlines the plotly.js bundle kept in render/assets/."""

from __future__ import annotations

from .page import render_html, write_html
from .story import DEFAULT_MAX_CANDIDATES, PageData

__all__ = ["DEFAULT_MAX_CANDIDATES", "PageData", "render_html", "write_html"]
