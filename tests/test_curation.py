"""`timeline check` beyond the schema: aliases, sources, conflicts, publication dates."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import cli
from timeline.curation import check_project

REPO = Path(__file__).parents[1]

ARTICLE = """\
The inquiry report was published on 19 July 2022, months later than promised.
In its findings the inquiry report described a culture of factionalism.
Critics said the inquiry report came out in 2019, which nobody else claims.
"""

EVENTS = """\
events:
  - id: inquiry-report
    title: The inquiry report is published
    date: 2022-07-19
    aliases: ["inquiry report", "mystery phrase nobody wrote"]
    sources:
      - publisher: Example Party
        title: The inquiry report
        date: 2022-07-19
  - id: lonely
    title: An event nobody mentions
    date: 2001
"""


def _project(root: Path, article: str = ARTICLE, events: str = EVENTS, meta: bool = True) -> None:
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(article, encoding="utf-8")
    if meta:
        (corpus / "a.meta.yaml").write_text("title: A\npublished: 2022-10\n", encoding="utf-8")
    (root / "events.yaml").write_text(events, encoding="utf-8")


def test_check_warns_about_aliases_sources_and_conflicts(tmp_path: Path) -> None:
    _project(tmp_path)
    report = check_project(tmp_path / "events.yaml", tmp_path / "corpus")
    assert report.events == 2
    assert report.conflicts == 1
    assert (
        "inquiry-report: alias 'mystery phrase nobody wrote' matches nothing in the corpus"
        in report.warnings
    )
    assert "lonely: no source at all (add a reference under sources:)" in report.warnings
    conflict = next(w for w in report.warnings if "conflict" in w)
    assert conflict.startswith(f"inquiry-report: conflict: {tmp_path / 'corpus' / 'a.txt'}:3: ")
    assert 'says 2019 ("2019"), events.yaml says 2022-07-19' in conflict
    assert report.summary.endswith("2 events, 3 warnings (1 conflict between sources)")


def test_a_document_without_publication_date_is_estimated_and_said(tmp_path: Path) -> None:
    _project(tmp_path, meta=False)
    report = check_project(tmp_path / "events.yaml", tmp_path / "corpus")
    assert (
        "a: no publication date; estimated as no earlier than 2022-07-19, the latest past date "
        "its body mentions (reader comments, future dates and copyright lines left out)"
        in report.warnings
    )


def test_unreviewed_candidates_are_a_warning(tmp_path: Path) -> None:
    events = EVENTS + "    status: candidate\n"
    _project(tmp_path, events=events)
    report = check_project(tmp_path / "events.yaml", tmp_path / "corpus")
    assert report.warnings[-1] == (
        "1 event still marked status: candidate (unreviewed suggestions): lonely"
    )


def test_a_missing_corpus_checks_the_file_alone(tmp_path: Path) -> None:
    (tmp_path / "events.yaml").write_text(EVENTS, encoding="utf-8")
    report = check_project(tmp_path / "events.yaml", tmp_path / "nowhere")
    assert len(report.warnings) == 1
    assert report.warnings[0].endswith("; only events.yaml was checked")


def test_cli_prints_warnings_and_exits_0_or_1_with_strict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _project(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check", "--no-cache"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout == "events.yaml: 2 events, 3 warnings (1 conflict between sources)\n"
    assert all(line.startswith("Warning: ") for line in result.stderr.splitlines())
    strict = CliRunner().invoke(cli, ["check", "--strict", "--no-cache"])
    assert strict.exit_code == 1
    assert strict.stderr.splitlines()[-1] == "Error: 3 warnings (--strict)"


def test_the_shipped_project_links_every_alias(tmp_path: Path) -> None:
    shutil.copytree(REPO / "corpus", tmp_path / "corpus")
    shutil.copy(REPO / "events.yaml", tmp_path / "events.yaml")
    report = check_project(tmp_path / "events.yaml", tmp_path / "corpus")
    assert report.events >= 12
    assert not [w for w in report.warnings if "matches nothing" in w or "no source" in w]


def test_dismissed_conflicts_are_not_counted_and_stale_ones_are_warned(tmp_path: Path) -> None:
    events = EVENTS.replace(
        "  - id: lonely\n",
        "    dismissed:\n"
        "      - {doc: a, quote: came out in 2019, reason: a misremembering}\n"
        "      - {doc: a, quote: words that are not there}\n"
        "  - id: lonely\n",
    )
    _project(tmp_path, events=events)
    report = check_project(tmp_path / "events.yaml", tmp_path / "corpus")
    assert report.conflicts == 0
    assert not [w for w in report.warnings if ": conflict:" in w]
    assert (
        "inquiry-report: dismissed: a 'words that are not there' matches no disagreeing source "
        "(remove it, or check the words)" in report.warnings
    )
