"""Documents from files: saved web pages, PDFs, text and Markdown, with their metadata.

``load_corpus(folder)`` is the reader's one entry point (see ``read.folder``), with the memo
of what it read (``read.memo``); ``html`` (the only importer of trafilatura and htmldate),
``pdf``, ``text``, ``metadata`` and ``language`` read one kind of thing each.
"""

from .folder import load_corpus
from .memo import ReadMemo

__all__ = ["ReadMemo", "load_corpus"]
