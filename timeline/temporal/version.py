"""The tagger's version and the digest of the user's rule file, apart from the tagger so that
reading them loads no grammar.

``TAGGER_VERSION`` is a label for people (benchmarks print it). The store never reads it: a
stored extraction is keyed by a digest of the tagger's own files, so any edit of them is seen
without a bump, and by :func:`rules_digest`, so an edit of the user's rule file is seen too.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

from .language import USER_RULES

TAGGER_VERSION = "2.22"


@cache
def rules_digest() -> str:
    """The digest of the rule file named by ``TIMELINE_RULES`` as this process reads it ("" when
    the variable is unset; read once, as the tagger reads the file once)."""
    name = os.environ.get(USER_RULES)
    if not name:
        return ""
    try:
        content = Path(name).read_bytes()
    except OSError as exc:  # the tagger reports the file; the key only has to differ
        content = f"unreadable: {exc.strerror}".encode()
    return hashlib.sha256(name.encode() + b"\0" + content).hexdigest()
