"""The tagger's version, apart from the tagger so that reading it loads no grammar.

A label for people (benchmarks print it). The store never reads it: a stored extraction is
keyed by a digest of the tagger's own files, so any edit of them is seen without a bump.
"""

TAGGER_VERSION = "2.20"
