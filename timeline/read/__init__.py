"""Documents from files: saved web pages, PDFs, text and Markdown, with their metadata.

``load_corpus(folder)`` is the reader's one entry point (see ``read.folder``), with the memo
of what it read (``read.memo``); ``CorpusReading`` reads the same files one job at a time, for
a pipeline that reads them in worker processes. ``html`` (the only importer of trafilatura
and htmldate), ``pdf``, ``text``, ``metadata`` and ``language`` read one kind of thing each.
"""

from .folder import CorpusReading, load_corpus
from .memo import ReadMemo

__all__ = ["CorpusReading", "ReadMemo", "load_corpus"]
