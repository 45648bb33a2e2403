"""Text on its way to the terminal: what an article or a file name says is shown, never run.

An article can hold escape sequences (``ESC [ 2 J`` clears the screen, ``ESC ] 8`` makes a
link, some terminals answer queries into their input) and Unicode controls that reorder what
is shown. Every control character except the tab and the line end is shown as its escape.
"""

from __future__ import annotations

_CONTROLS = [
    *range(0x00, 0x09),
    *range(0x0B, 0x20),
    *range(0x7F, 0xA0),  # DEL and the C1 controls (0x9B is a one-byte CSI)
    0x061C,  # Arabic letter mark
    *range(0x200E, 0x2010),  # left-to-right and right-to-left marks
    *range(0x202A, 0x202F),  # bidirectional embeddings and overrides
    *range(0x2066, 0x206A),  # bidirectional isolates
]
_SHOWN = {c: (f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}") for c in _CONTROLS}


def printable(text: str) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``, ``\\u202e``)."""
    return text.translate(_SHOWN)
