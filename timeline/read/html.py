"""Saved web pages through the field's libraries: trafilatura and htmldate.

Each page is parsed once (lxml, through trafilatura's loader) and the tree is shared:
htmldate reads the original publication date from it (JSON-LD ``datePublished``, ``<time
datetime>``, ``itemprop``, meta tags, the canonical URL, then the page's own date lines);
trafilatura finds the main text and the reader comments, leaving the page furniture out
(navigation, related links, newsletter and cookie boxes, footers). The headline, site name,
author, canonical URL and language are read from the page's ``<h1>``, ``og:`` and ``<meta>``
tags (see :func:`pick_title`). The document's text is the headline (unless the main text
opens with it), the main text, then the comments; offsets point into that text.

A page in which trafilatura finds no main text is read whole (every visible line), and the
reading says so (``fallback``).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import htmldate
import trafilatura
from lxml.html import HtmlElement
from trafilatura.settings import Document
from trafilatura.utils import decode_file, load_html

# Both libraries log every page they give up on; the reader reports what matters itself.
for _name in ("trafilatura", "htmldate"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

HTMLDATE_VERSION = htmldate.__version__


@dataclass(slots=True)
class HtmlReading:
    """What a page gives: the text to tag, where its comments start, and its metadata."""

    text: str
    body_end: int | None
    meta: dict[str, Any] = field(default_factory=dict)
    language: str | None = None
    fallback: bool = False


def read_html(raw: bytes) -> HtmlReading | None:
    """The reading of one saved page, or None when it holds no text at all."""
    tree = load_html(raw)
    if tree is None:  # a fragment without <html>: trafilatura's loader asks for it wrapped
        tree = load_html(f"<html><body>{decode_file(raw)}</body></html>")
    if tree is None:
        return None
    facts = _page_facts(tree)
    meta = _metadata(tree, facts)
    extracted = _main_text(tree)
    if extracted is None:
        return _whole_page(tree, facts, meta)
    body, comments = extracted
    head = meta.get("title")
    # The headline leads the text, unless the main text opens with it already.
    if head and _folded(head) not in _folded(body[: len(head) + 300]):
        body = f"{head}\n\n{body}"
    text = body + "\n"
    body_end = None
    if comments:
        text += "\n"
        body_end = len(text)
        text += comments + "\n"
    return HtmlReading(text, body_end, meta, facts.language)


# The quick extraction is trusted when it keeps at least this share of the text the page
# holds in paragraphs; below it the page is laid out in an unusual way, and trafilatura's
# comparison with other algorithms (readability, jusText), three times slower, is run.
_TRUSTED_SHARE = 0.3


def _main_text(tree: HtmlElement) -> tuple[str, str] | None:
    """The main text and the comments (one paragraph a line), or None when there is none."""
    quick = _extraction(tree, fast=True)
    if quick is None or len(quick[0]) < _TRUSTED_SHARE * _paragraph_chars(tree):
        thorough = _extraction(tree, fast=False)
        if thorough is not None and (quick is None or len(thorough[0]) > len(quick[0])):
            return thorough
    return quick


def _extraction(tree: HtmlElement, *, fast: bool) -> tuple[str, str] | None:
    """trafilatura's main text and comments, favouring precision: it then prunes comment
    and list containers from the main text and does not retry a short extraction on the
    whole page (which brings the furniture back and costs a second extraction)."""
    extracted = trafilatura.bare_extraction(
        tree, fast=fast, favor_precision=True, include_comments=True
    )
    if not isinstance(extracted, Document):
        return None
    text = _squeezed(extracted.text or "")
    return (text, _squeezed(extracted.comments or "")) if text else None


def _paragraph_chars(tree: HtmlElement) -> int:
    return sum(len(p.text_content()) for p in tree.iter("p"))


_HIDDEN = ("script", "style", "noscript", "template", "svg", "head")
_BLOCKS = (
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
    "section", "article", "header", "footer", "blockquote", "pre", "hr", "main", "aside",
    "nav", "figure", "figcaption", "dd", "dt", "dl", "form", "td", "th",
)  # fmt: skip


def _whole_page(tree: HtmlElement, facts: _PageFacts, meta: dict[str, Any]) -> HtmlReading | None:
    """Every visible line of the page (the tree is no longer needed: it is consumed)."""
    for hidden in list(tree.iter(*_HIDDEN)):
        hidden.drop_tree()
    for block in tree.iter(*_BLOCKS):
        block.text = "\n" + (block.text or "")
        block.tail = "\n" + (block.tail or "")
    text = _squeezed(tree.text_content())
    if not text:
        return None
    return HtmlReading(text + "\n", None, meta, facts.language, fallback=True)


def _publication_day(tree: HtmlElement, url: str | None) -> str | None:
    """htmldate's original publication date: its fast search (the page's markup, metadata
    and date-bearing elements), then, only when that finds none, its extensive one (every
    element and the free text, through dateparser, whose locale data costs a second to
    load)."""
    for extensive in (False, True):
        found = htmldate.find_date(
            tree,
            url=url,
            original_date=True,
            extensive_search=extensive,
            max_date=date.today().isoformat(),
        )
        if found:
            return str(found)
    return None


def _metadata(tree: HtmlElement, facts: _PageFacts) -> dict[str, Any]:
    published = _publication_day(tree, facts.url)
    title = pick_title(facts.headings, facts.declared_title, facts.site)
    meta: dict[str, Any] = {}
    for key, value in (
        ("title", title),
        ("publisher", facts.site),
        ("author", facts.author),
        ("url", facts.url),
        ("published", published),
    ):
        if value:
            meta[key] = value
    return meta


# --------------------------------------------------------------------------- page facts


@dataclass(slots=True)
class _PageFacts:
    headings: list[str]
    declared_title: str | None
    site: str | None
    author: str | None
    url: str | None
    language: str | None


def _first(tree: HtmlElement, xpath: str) -> str | None:
    for value in tree.xpath(xpath):
        text = " ".join(str(value).split())
        if text:
            return text
    return None


def _page_facts(tree: HtmlElement) -> _PageFacts:
    headings = [" ".join(h.text_content().split()) for h in tree.iter("h1")]
    declared = _first(
        tree,
        '//meta[@property="og:title" or @name="og:title" or @name="twitter:title"]/@content',
    ) or _first(tree, "//head/title/text()|//title/text()")
    site = _first(
        tree,
        '//meta[@property="og:site_name" or @name="og:site_name"]/@content'
        '|//meta[@name="application-name"]/@content',
    )
    author = _first(
        tree,
        '//meta[@name="author" or @property="author" or @name="article:author"'
        ' or @name="byl" or @name="dc.creator"]/@content',
    )
    url = _first(tree, '//link[@rel="canonical"]/@href|//meta[@property="og:url"]/@content')
    language = _first(
        tree,
        "/html/@lang|/html/@xml:lang|//meta[@http-equiv='content-language']/@content"
        "|//meta[@property='og:locale']/@content",
    )
    usable = [h for h in headings if 0 < len(h) <= 300]
    return _PageFacts(usable, declared, site, author, url, language)


# --------------------------------------------------------------------------- headline

# What sites put between a headline and their own name in a <title> or og:title.
_SEPARATORS = re.compile(r"\s+[|\u2013\u2014\u00b7\u2022:»-]+\s+|\s*[|]\s*")
_WORD = re.compile(r"\w+")
_QUOTES = str.maketrans("\u2019\u2018\u201c\u201d\u201e\u00ab\u00bb", '\'\'"""""')


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def _folded(text: str) -> str:
    return " ".join(text.translate(_QUOTES).lower().split())


def pick_title(headings: list[str], declared: str | None, site: str | None) -> str | None:
    """The article's headline.

    The page's ``<h1>`` is the headline as readers see it; a page with several (a logo, a
    sidebar) has its headline in the one sharing most words with the declared title (og:title,
    else ``<title>``), not counting the site's own name. When one of the two contains the
    other ("Politics | Headline", "Headline - Site"), the shorter is the headline. Without a
    usable ``<h1>``, the declared title without the site-name segment.
    """
    site_words = _words(site or "")
    reference = _without_site(declared, site_words) if declared else None
    best = _best_heading(headings, reference, site_words)
    if best is None:
        return reference
    if reference is None:
        return best
    a, b = _folded(best), _folded(reference)
    if b in a and len(b) < len(a):
        return reference
    return best


def _best_heading(headings: list[str], reference: str | None, site_words: set[str]) -> str | None:
    if not headings:
        return None
    if reference is None:
        return headings[0] if len(headings) == 1 else None
    wanted = _words(reference) - site_words
    scored = [(len((_words(h) - site_words) & wanted), -i, h) for i, h in enumerate(headings)]
    overlap, _, heading = max(scored)
    return heading if overlap > 0 else None


def _without_site(title: str, site_words: set[str]) -> str:
    """``title`` without a leading or trailing segment that names the site."""
    separators = list(_SEPARATORS.finditer(title))
    if not separators or not site_words:
        return title
    first, last = separators[0], separators[-1]
    if _words(title[last.end() :]) <= site_words:
        return title[: last.start()].strip()
    if _words(title[: first.start()]) <= site_words:
        return title[first.end() :].strip()
    return title


def _squeezed(text: str) -> str:
    """One paragraph a line, spaces squeezed, a blank line between paragraphs."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)
