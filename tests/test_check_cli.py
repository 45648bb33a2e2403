"""`timeline check`: exit 0 with a one-line summary, or exit 1 with every problem line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import cli

REPO = Path(__file__).parents[1]

BROKEN = """\
events:
  - id: forde-report
    title: The Forde report
    date: 2022-07-19
    aliases: Forde report
  - id: leak
    title: The leak
    dat: 2020-04-12
  - id: forde-report
    title: Again
    date: 2020-02-30
    end: 2019
  - title: No id
    date: 19th July 2022
"""

EXPECTED = [
    'events.yaml:5:14: events[0].aliases: must be a list, e.g. ["Forde report", "Forde inquiry"]',
    "events.yaml:6:5: events[1]: missing required key 'date'",
    "events.yaml:8:5: events[1].dat: unknown key (did you mean 'date'?)",
    "events.yaml:9:9: events[2].id: duplicate id 'forde-report' (first used on line 2)",
    "events.yaml:11:11: events[2].date: '2020-02-30' is not a real date: February 2020 has 29 days",
    "events.yaml:13:5: events[3]: missing required key 'id'",
    "events.yaml:14:11: events[3].date: '19th July 2022' is not a date: use YYYY-MM-DD, YYYY-MM, "
    "YYYY, YYYY-SU (season), YYYY-Q3 (quarter) or 201X (decade)",
]


def _project(root: Path, events: str | None = None) -> None:
    """A project folder: the seed corpus and the shipped (or the given) events.yaml."""
    shutil.copytree(REPO / "corpus", root / "corpus")
    if events is None:
        shutil.copy(REPO / "events.yaml", root / "events.yaml")
    else:
        (root / "events.yaml").write_text(events, encoding="utf-8")


def test_check_on_the_shipped_events_file_exits_0_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _project(tmp_path)
    monkeypatch.chdir(tmp_path)  # the defaults: events.yaml and corpus/ in the current folder
    result = CliRunner().invoke(cli, ["check"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stdout == "events.yaml: 12 events, no problems\n"


def test_check_with_explicit_paths(tmp_path: Path) -> None:
    _project(tmp_path)
    events = tmp_path / "events.yaml"
    result = CliRunner().invoke(
        cli,
        ["check", "--events", str(events), "--corpus", str(tmp_path / "corpus")],
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    assert result.stdout == f"{events}: 12 events, no problems\n"


def test_check_reports_every_problem_and_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _project(tmp_path, BROKEN)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [*EXPECTED, "Error: 7 problems found"]


def test_check_reports_malformed_yaml_as_one_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _project(tmp_path, "events:\n  - id: [a\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "events.yaml:3:1: yaml: expected ',' or ']', but got '<stream end>' "
        "(while parsing a flow sequence)",
        "Error: 1 problem found",
    ]


def test_check_on_a_missing_events_file_is_one_error_line(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    result = CliRunner().invoke(cli, ["check", "--events", str(missing), "--corpus", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{missing}: file not found (start one with `timeline init`, or pass --events FILE)",
        "Error: 1 problem found",
    ]
    assert "Traceback" not in result.output
