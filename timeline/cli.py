"""The command line. Click lives here and only here: each command parses its options, calls
one library function and prints. Library errors (TimelineError) become ``Error: ...`` and exit 1.
"""

from __future__ import annotations

import functools
import json
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import click

from . import __version__
from .errors import EventsFileError, TimelineError
from .terminal import printable

P = ParamSpec("P")
R = TypeVar("R")

CORPUS = click.option(
    "--corpus",
    "corpus_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("corpus"),
    show_default=True,
    help="Folder of documents (.html, .pdf, .txt, .md), searched recursively.",
)
EVENTS = click.option(
    "--events",
    "events_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("events.yaml"),
    show_default=True,
    help="The hand-curated events file.",
)
CACHE = click.option(
    "--cache-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path(".timeline-cache"),
    show_default=True,
    help="Where the store (what each stage computed, per document) is kept.",
)
NO_CACHE = click.option(
    "--no-cache", is_flag=True, help="Compute every stage afresh and store nothing."
)


def engine_options(fn: Callable[P, R]) -> Callable[P, R]:
    """The options that choose where the extraction runs: --jobs, --engine, --scheduler."""
    fn = click.option(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        help="The Dask scheduler to send the extraction to (with --engine dask).",
    )(fn)
    fn = click.option(
        "--engine",
        "engine_name",
        type=click.Choice(["local", "dask"]),
        default="local",
        show_default=True,
        help="local: a pool of processes on this machine; dask: an existing Dask cluster "
        "(needs the dask extra and --scheduler).",
    )(fn)
    return click.option(
        "--jobs",
        type=click.IntRange(min=1),
        help="Processes extracting at once with --engine local (default: every core).",
    )(fn)


def _engine(engine_name: str, jobs: int | None, scheduler: str | None) -> Any:
    from .engine import Engine, EngineError

    if engine_name == "dask" and not scheduler:
        raise EngineError("--engine dask needs --scheduler tcp://HOST:PORT")
    if engine_name == "local" and scheduler:
        raise EngineError("--scheduler needs --engine dask")
    return Engine("dask" if engine_name == "dask" else "local", jobs, scheduler)


def _default_events() -> Path | None:
    """events.yaml in the current folder, when there is one (for commands where it is optional)."""
    default = Path("events.yaml")
    return default if default.is_file() else None


def _warn(message: str) -> None:
    click.echo(f"Warning: {printable(message)}", err=True)


def handle_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Turn library errors into one-line ``Error:`` messages and exit status 1."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except EventsFileError as e:
            for line in e.problems:
                click.echo(printable(line), err=True)
            n = len(e.problems)
            raise click.ClickException(f"{n} problem{'s' if n != 1 else ''} found") from e
        except TimelineError as e:
            raise click.ClickException(printable(str(e))) from e

    return wrapper


@contextmanager
def _progress(label: str) -> Iterator[Callable[[int, int], None]]:
    """A progress callback ``(done, total)`` drawing a bar on stderr for long work."""
    state: dict[str, Any] = {}

    def update(done: int, total: int) -> None:
        bar = state.get("bar")
        now = time.monotonic()
        if bar is None:
            bar = click.progressbar(length=total, label=label, file=sys.stderr)
            bar.__enter__()
            state["bar"] = bar
            state["done"] = 0
        elif done < total and now - state["drawn"] < 0.05:
            return  # redraw at most 20 times a second: 10,000 documents need not 10,000 draws
        bar.update(done - state["done"])
        state["done"] = done
        state["drawn"] = now

    try:
        yield update
    finally:
        if "bar" in state:
            state["bar"].__exit__(None, None, None)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="timeline")
def cli() -> None:
    """Reconstruct a sourced, interactive timeline from a corpus of articles.

    Reads every article in corpus/, finds the dates it refers to, links them to the events
    curated in events.yaml and writes one self-contained HTML page.
    """


@cli.command()
@click.argument(
    "folder", type=click.Path(path_type=Path, file_okay=False), default=Path("."), required=False
)
@handle_errors
def init(folder: Path) -> None:
    """Start a project: FOLDER/corpus/ and a commented FOLDER/events.yaml with no events.

    Put saved web pages, PDFs and text files in corpus/, then run `timeline build`: with no
    curated events the page shows candidates, and events.yaml explains how to add one. Files
    already there are kept.

    Example:

        timeline init my-story
    """
    from .project import init_project

    for line in init_project(folder):
        click.echo(line)


@cli.command()
@CORPUS
@EVENTS
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("timeline.html"),
    show_default=True,
    help="The HTML page to write.",
)
@click.option(
    "--json",
    "json_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write the machine-readable timeline to this file.",
)
@click.option(
    "--max-candidates",
    type=click.IntRange(min=0),
    default=500,  # timeline.render's DEFAULT_MAX_CANDIDATES, kept light to import here
    show_default=True,
    help="Candidates the page carries, the most salient first (the JSON keeps every one).",
)
@click.option("--watch", is_flag=True, help="Rebuild whenever events.yaml or the corpus changes.")
@CACHE
@NO_CACHE
@engine_options
@handle_errors
def build(
    corpus_dir: Path,
    events_path: Path,
    output: Path,
    json_path: Path | None,
    max_candidates: int,
    watch: bool,
    cache_dir: Path,
    no_cache: bool,
    jobs: int | None,
    engine_name: str,
    scheduler: str | None,
) -> None:
    """Build the timeline page from the corpus and events.yaml.

    Prints a summary: documents read, temporal expressions found, events, candidate events
    and conflicts between sources.

    Extraction runs on every core (--jobs N for fewer); --engine dask --scheduler
    tcp://HOST:PORT runs it on a Dask cluster instead.

    Example:

        timeline build --json timeline.json --max-candidates 200
    """
    from .fileio import check_outputs
    from .outputs import build_and_write
    from .watch import WatchSession, watch_and_rebuild

    check_outputs([output, json_path], corpus_dir=corpus_dir, inputs=[events_path])
    engine = _engine(engine_name, jobs, scheduler)
    store_dir = None if no_cache else cache_dir
    # --watch keeps the store's front and the documents read between builds.
    session = WatchSession(store_dir, warn=_warn) if watch else None

    def once() -> None:
        with _progress("Reading articles") as progress:
            summary = build_and_write(
                corpus_dir,
                events_path,
                output,
                json_path=json_path,
                max_candidates=max_candidates,
                cache_dir=store_dir,
                engine=engine,
                progress=progress,
                warn=_warn,
                store=session.store if session is not None else None,
                read=session.read if session is not None else None,
            )
        click.echo(summary)

    if not watch:
        once()
        return

    def report(error: TimelineError) -> None:
        if isinstance(error, EventsFileError):
            for line in error.problems:
                click.echo(printable(line), err=True)
        else:
            click.echo(f"Error: {printable(str(error))}", err=True)
        click.echo(f"Keeping the last good page: {output}", err=True)

    click.echo("Watching for changes; press Ctrl-C to stop.", err=True)
    watch_and_rebuild([corpus_dir, events_path], once, on_error=report)


@cli.command()
@CORPUS
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    default=Path("-"),
    help="JSONL file to write (default: standard output).",
)
@click.option(
    "--events",
    "events_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Name the events of this file that each sentence mentions "
    "(default: events.yaml, when it exists).",
)
@click.option(
    "--with-text",
    is_flag=True,
    help="Add each document's tagged text and its sections (body, comments).",
)
@CACHE
@NO_CACHE
@engine_options
@handle_errors
def extract(
    corpus_dir: Path,
    output: Path,
    events_path: Path | None,
    with_text: bool,
    cache_dir: Path,
    no_cache: bool,
    jobs: int | None,
    engine_name: str,
    scheduler: str | None,
) -> None:
    """Write the raw extraction as JSONL, one line per document.

    Each line holds the document's id, metadata, temporal expressions and sentence mentions
    (each with the ids of the events.yaml events it names). With --with-text it also holds
    the text that was tagged ("text") and its sections ("sections": body, then the reader
    comments), so you can see what was read from a page and what was left out.

    Example:

        timeline extract --with-text -o extraction.jsonl
    """
    from .fileio import check_outputs, write_lines
    from .outputs import iter_extraction_records

    events_path = events_path or _default_events()
    to_file = output != Path("-")
    check_outputs([output if to_file else None], corpus_dir=corpus_dir, inputs=[events_path])
    with _progress("Reading articles") as progress:
        lines = (
            json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"
            for record in iter_extraction_records(
                corpus_dir,
                cache_dir=None if no_cache else cache_dir,
                engine=_engine(engine_name, jobs, scheduler),
                progress=progress,
                warn=_warn,
                events_path=events_path,
                with_text=with_text,
            )
        )
        if to_file:
            write_lines(output, lines)
        else:
            for line in lines:
                click.echo(line, nl=False)


@cli.command()
@EVENTS
@CORPUS
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@CACHE
@NO_CACHE
@engine_options
@handle_errors
def check(
    events_path: Path,
    corpus_dir: Path,
    strict: bool,
    cache_dir: Path,
    no_cache: bool,
    jobs: int | None,
    engine_name: str,
    scheduler: str | None,
) -> None:
    """Validate events.yaml and report problems, with file, line and column.

    Also warns about aliases that match nothing in the corpus, events without any source,
    documents without a publication date, and conflicts: corpus sentences about an event
    whose date disagrees with the curated one.

    Example:

        timeline check --strict
    """
    from .curation import check_project

    report = check_project(
        events_path,
        corpus_dir,
        cache_dir=None if no_cache else cache_dir,
        engine=_engine(engine_name, jobs, scheduler),
    )
    for line in report.warnings:
        _warn(line)
    click.echo(report.summary)
    if strict and report.warnings:
        n = len(report.warnings)
        raise click.ClickException(f"{n} warning{'s' if n != 1 else ''} (--strict)")


@cli.command(name="eval")
@click.argument("path", type=click.Path(path_type=Path, exists=True))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option(
    "--predictions",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the tagger's output as JSONL, one line per document.",
)
@click.option(
    "--errors",
    "n_errors",
    type=click.IntRange(min=0),
    default=0,
    help="Show the N most frequent misses and wrong values.",
)
@click.option(
    "--mode",
    type=click.Choice(["news", "narrative"]),
    default="news",
    show_default=True,
    help="Anchor relative dates on the document creation time or on the narrative.",
)
@click.option(
    "--language",
    default="en",
    show_default=True,
    help="Tag with this language's rules (a code with a file in timeline/temporal/lang/).",
)
@handle_errors
def eval_(
    path: Path, as_json: bool, predictions: Path | None, n_errors: int, mode: str, language: str
) -> None:
    """Score the temporal tagger on TimeML (.tml folder) or JSONL gold data (TempEval-3 rules).

    Example:

        timeline eval ../shared/eval/tempeval3/dev --errors 20
        timeline eval ../shared/eval/lang/de-krauts-dolomiten.jsonl --language de
    """
    from .fileio import check_outputs
    from .temporal.evaluate import evaluate_path

    check_outputs([predictions], inputs=[path])
    with _progress("Tagging") as progress:
        report = evaluate_path(path, mode=mode, language=language, progress=progress)
    if predictions is not None:
        report.write_predictions(predictions)
    if as_json:
        click.echo(json.dumps(report.scores(), indent=2, sort_keys=True))
    else:
        click.echo(report.table())
    if n_errors:
        click.echo(report.error_listing(n_errors))


@cli.command()
@CORPUS
@EVENTS
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv", "timelinejs"]),
    default="json",
    show_default=True,
    help="json: the timeline contract; csv: one row per source; timelinejs: TimelineJS 3 JSON.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="File to write.",
)
@CACHE
@NO_CACHE
@engine_options
@handle_errors
def export(
    corpus_dir: Path,
    events_path: Path,
    fmt: str,
    output: Path,
    cache_dir: Path,
    no_cache: bool,
    jobs: int | None,
    engine_name: str,
    scheduler: str | None,
) -> None:
    """Export the timeline as JSON, CSV or a TimelineJS 3 file.

    Example:

        timeline export --format timelinejs -o timelinejs.json
    """
    from .fileio import check_outputs
    from .pipeline import build_timeline
    from .render.exports import write_export

    check_outputs([output], corpus_dir=corpus_dir, inputs=[events_path])
    with _progress("Reading articles") as progress:
        timeline = build_timeline(
            corpus_dir,
            events_path,
            cache_dir=None if no_cache else cache_dir,
            engine=_engine(engine_name, jobs, scheduler),
            progress=progress,
            warn=_warn,
        )
    write_export(timeline, fmt, output)
    click.echo(f"Wrote {output} ({fmt}, {len(timeline.events)} events)")


@cli.command()
@CORPUS
@EVENTS
@click.option(
    "--min-docs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Only candidates mentioned by at least N documents.",
)
@click.option(
    "--from",
    "date_from",
    help="Only candidates on or after this date (2016, 2016-06, or written out: 'June 2016').",
)
@click.option("--to", "date_to", help="Only candidates on or before this date.")
@click.option("--write", is_flag=True, help="Append the suggestions to events.yaml as candidates.")
@click.option(
    "--top",
    type=click.IntRange(min=1),
    help="Only the K most salient dates, each titled by its most representative sentence.",
    metavar="K",
)
@CACHE
@NO_CACHE
@engine_options
@handle_errors
def suggest(
    corpus_dir: Path,
    events_path: Path,
    min_docs: int,
    date_from: str | None,
    date_to: str | None,
    write: bool,
    top: int | None,
    cache_dir: Path,
    no_cache: bool,
    jobs: int | None,
    engine_name: str,
    scheduler: str | None,
) -> None:
    """Propose events that the articles date but events.yaml lacks, as ready-to-paste YAML.

    Suggestions are grouped across documents and ranked by salience: how many documents and
    publishers come back to the date from other days, a copied wire story counted once. With
    --top K, only the K most salient dates. With --write they are appended to events.yaml
    with `status: candidate`; the page shows them as candidates until you review them and
    delete that line.

    Example:

        timeline suggest --top 20
        timeline suggest --min-docs 2 --from 2016
    """
    from .suggest import suggest_events

    with _progress("Reading articles") as progress:
        result = suggest_events(
            corpus_dir,
            events_path,
            min_docs=min_docs,
            date_from=date_from,
            date_to=date_to,
            write=write,
            top=top,
            cache_dir=None if no_cache else cache_dir,
            engine=_engine(engine_name, jobs, scheduler),
            progress=progress,
            warn=_warn,
        )
    click.echo(printable(result.yaml), nl=False)
    click.echo(printable(result.summary), err=True)


def main() -> None:  # pragma: no cover - console entry
    """Entry point for ``python -m timeline``."""
    cli(prog_name="timeline")
