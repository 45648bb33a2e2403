"""timeline: reconstruct a sourced, interactive timeline from a corpus of articles."""

__version__ = "0.1.0"

__all__ = ["__version__"]
