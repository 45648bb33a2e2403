"""The errors the library raises. Every message is written for the person running the tool."""

from __future__ import annotations


class TimelineError(Exception):
    """Base class: the CLI prints ``Error: <message>`` and exits 1."""


class CorpusError(TimelineError):
    """The corpus folder or one of its documents cannot be used."""


class EventsFileError(TimelineError):
    """events.yaml is missing, malformed or invalid.

    ``problems`` holds one line per problem, each ``FILE:LINE:COL: LOCATION: message``.
    """

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class EvalError(TimelineError):
    """An evaluation set cannot be read."""


class RenderError(TimelineError):
    """The page or an export cannot be written."""


class OutputError(TimelineError):
    """An output path would replace an input or land inside the corpus folder."""
