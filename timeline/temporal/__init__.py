"""The temporal tagger: finds temporal expressions and normalises them to TIMEX3 values.

The only module of the package that imports dateparser.
"""

from .tagger import TAGGER_VERSION, tag
from .timex import Timex

__all__ = ["TAGGER_VERSION", "Timex", "tag"]
