"""Plain text and Markdown files: decoding that never fails, front matter, comment sections.

Decoding: UTF-8 (with or without BOM) first, then a declared HTML charset, then cp1252, then
latin-1, with a warning naming the file. Binary content is refused with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

WarnFn = Callable[[str], None]

_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),  # before UTF-16, whose BOM it starts with
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]
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
        if looks_binary(text):
            break
        warn(f"{path}: not valid UTF-8, decoded as {codec} (check accented characters)")
        return text
    warn(f"{path}: skipped, not a text file (binary content)")
    return None


def looks_binary(text: str) -> bool:
    """Many control characters other than whitespace: not a text document."""
    sample = text[:8192]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f\v")
    return controls > max(8, len(sample) // 100)


# --------------------------------------------------------------------------- comments

# A line that opens a reader-comment section of a text saved from a news or blog page. The
# whole (stripped) line must match, so a sentence that merely mentions comments is never
# taken for a header.
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
_EARLIEST = 0.2  # a marker in the first fifth of a text is navigation, not a comment section
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
