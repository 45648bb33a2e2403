"""``timeline init``: a new project folder with an empty corpus and an events file to fill."""

from __future__ import annotations

from pathlib import Path

from .errors import TimelineError
from .fileio import replace_file

EVENTS_TEMPLATE = """\
# events.yaml: the events you have checked yourself.
#
# `timeline build` reads every document in corpus/ (saved web pages, PDFs, .txt and .md
# files), finds the dates they refer to and draws them on one page. With no event below it
# shows candidates only: dates several documents point at. Add the events you have checked
# here and each one gets the quotes that mention it, and a mark where a source disagrees.
# `timeline suggest` prints candidates as ready-to-paste entries; `timeline check` validates
# this file.
#
# An entry (replace the [] below with a list of them, one "- id:" per event):
#
#   - id: forde-report                  # lower-case letters, digits and hyphens; unique
#     title: The Forde report is published
#     date: 2022-07-19                  # 2022-07-19, 2022-07, 2022, 2022-SU, 2022-Q3, 202X
#     # end: 2022-08-01                 # the last day of a period
#     aliases: ["Forde report", "Forde Inquiry"]   # phrases that find it in the documents
#     tags: [investigations]            # lanes on the page
#     summary: One neutral line.
#     sources:                          # references a reader can check
#       - publisher: Labour Party
#         title: The Forde Report
#         url: https://example.org/forde-report
#         date: 2022-07-19

events: []
"""


def init_project(folder: Path) -> list[str]:
    """Create ``folder/corpus/`` and a commented ``folder/events.yaml`` with no events.

    Files already there are kept as they are. Returns one line per thing done or kept.

    Raises:
        TimelineError: the folder cannot be created or written to.
    """
    folder = Path(folder)
    corpus, events = folder / "corpus", folder / "events.yaml"
    lines = []
    try:
        if corpus.is_dir():
            lines.append(f"Kept {corpus}/")
        else:
            corpus.mkdir(parents=True)
            lines.append(f"Created {corpus}/: put saved web pages, PDFs, .txt and .md files in it")
        if events.exists():
            lines.append(f"Kept {events}")
        else:
            replace_file(events, EVENTS_TEMPLATE)
            lines.append(f"Created {events}: no events yet, a commented example to copy")
    except OSError as e:
        raise TimelineError(f"cannot create the project in {folder}: {e.strerror or e}") from e
    lines.append(f"Next: timeline build{_in(folder)}")
    return lines


def _in(folder: Path) -> str:
    if folder.resolve() == Path.cwd().resolve():
        return ""
    return f" --corpus {folder / 'corpus'} --events {folder / 'events.yaml'}"
