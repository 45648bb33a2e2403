"""Starting and seeing: ``timeline init``, a build with no curated events, ``extract
--with-text`` and the CSV export's publication-date columns."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import cli
from timeline.events_file import load_events

ARTICLE = (
    "The inquiry opened in May 2020. Its report came out on 19 July 2022.\n\n"
    "Yesterday the panel said that it had finished its work.\n"
)


@pytest.fixture
def started(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["init"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    (tmp_path / "corpus" / "report.txt").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def test_init_creates_an_empty_corpus_and_a_commented_events_file(started: Path) -> None:
    assert (started / "corpus").is_dir()
    text = (started / "events.yaml").read_text(encoding="utf-8")
    assert text.rstrip().endswith("events: []") and text.startswith("# events.yaml")
    assert load_events(started / "events.yaml") == []


def test_init_keeps_what_is_there(started: Path) -> None:
    (started / "events.yaml").write_text("events: []  # mine\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["init"], catch_exceptions=False)
    assert "Kept events.yaml" in result.output and "Kept corpus/" in result.output
    assert (started / "events.yaml").read_text(encoding="utf-8") == "events: []  # mine\n"


def test_init_into_a_new_folder_says_how_to_build(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "story")], catch_exceptions=False)
    assert (tmp_path / "story" / "corpus").is_dir()
    assert result.output.splitlines()[-1] == (
        f"Next: timeline build --corpus {tmp_path / 'story' / 'corpus'} "
        f"--events {tmp_path / 'story' / 'events.yaml'}"
    )


def test_build_with_no_curated_events_gives_candidates_and_says_how_to_add_one(
    started: Path,
) -> None:
    result = CliRunner().invoke(cli, ["build", "--no-cache"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Read 1 document: ") and ", 0 events, " in lines[0]
    assert lines[1].startswith("No curated events yet: add one to events.yaml")
    assert (started / "timeline.html").is_file()


def test_build_counts_documents_in_a_language_the_tagger_does_not_read(started: Path) -> None:
    (started / "corpus" / "nl.md").write_text(
        "---\nlanguage: nl\n---\nHet rapport verscheen op 19.07.2022 in Utrecht.\n", "utf-8"
    )
    result = CliRunner().invoke(cli, ["build", "--no-cache"], catch_exceptions=False)
    assert (
        "1 document in a language the tagger does not read yet (nl 1): their dates are read "
        "with English rules, numeric dates day first where the language puts the day first."
    ) in result.stdout.splitlines()


def test_extract_with_text_shows_what_was_tagged_and_its_sections(started: Path) -> None:
    result = CliRunner().invoke(
        cli, ["extract", "--with-text", "--no-cache"], catch_exceptions=False
    )
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["text"] == ARTICLE
    assert record["sections"] == [{"kind": "body", "start": 0, "end": len(ARTICLE)}]
    assert record["meta"]["published_from"] == "estimate"
    yesterday = next(t for t in record["timexes"] if t["text"] == "Yesterday")
    assert yesterday["anchor"] == {
        "kind": "publication",
        "value": "2022-07-19",
        "start": None,
        "estimated": True,
    }
    plain = CliRunner().invoke(cli, ["extract", "--no-cache"], catch_exceptions=False)
    assert "text" not in json.loads(plain.stdout)


def test_csv_export_has_a_bom_and_the_publication_date_columns(started: Path) -> None:
    result = CliRunner().invoke(
        cli, ["export", "--format", "csv", "-o", "out.csv", "--no-cache"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    raw = (started / "out.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    yesterday = next(r for r in rows if r["timex_text"] == "Yesterday")
    assert (
        yesterday["doc_published"],
        yesterday["doc_published_estimated"],
        yesterday["estimated"],
    ) == (
        "2022-07-19",
        "true",
        "true",
    )
    full = next(r for r in rows if r["timex_text"] == "19 July 2022")
    assert full["estimated"] == "false"
