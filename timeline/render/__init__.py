"""The page and the exports; the page inlines the plotly.js bundle kept in render/assets/."""

from __future__ import annotations

from .page import render_html, write_html

__all__ = ["render_html", "write_html"]
