"""The tagger's version, apart from the tagger so that reading it loads no grammar.

Bump it whenever the tagger's output can change: cached extractions of an older version are
read again.
"""

TAGGER_VERSION = "2.20"
