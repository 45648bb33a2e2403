"""The page and the exports: the only part of timeline that imports plotly."""

from __future__ import annotations

from .page import render_html, write_html

__all__ = ["render_html", "write_html"]
