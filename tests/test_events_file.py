"""events.yaml: every problem at FILE:LINE:COL, and writes that never lose a hand edit."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.errors import EventsFileError, TimelineError
from timeline.events_file import (
    _render_items,
    append_events,
    dump_roundtrip,
    insert_events_text,
    load_events,
    parse_events,
    render_entries,
    roundtrip_text,
    write_atomic,
)

REPO = Path(__file__).parents[1]
SHIPPED = REPO / "events.yaml"


def _problems(text: str) -> list[str]:
    with pytest.raises(EventsFileError) as info:
        parse_events(text, "events.yaml")
    return info.value.problems


# --------------------------------------------------------------------------- loading


def test_shipped_events_file_is_valid() -> None:
    events = load_events(SHIPPED)
    ids = [e.id for e in events]
    assert len(ids) == len(set(ids)) >= 12
    named = {e.id: e for e in events}
    assert named["validation-exercise"].date == "2016-06-27"
    assert named["validation-exercise"].end == "2016-09-24"
    assert named["general-election-2017"].date == "2017-06-08"
    assert named["labour-report-leak"].date == "2020-04-12"
    assert named["forde-report"].date == "2022-07-19"
    assert named["corbyn-suspension"].date == "2020-10-29"
    for event in events:
        assert event.aliases and event.tags and event.summary, event.id
        assert event.sources and all(s.publisher and s.title for s in event.sources), event.id


def test_yaml_dates_and_numbers_are_read_as_the_text_written() -> None:
    events = parse_events(
        "events:\n  - id: a\n    title: A\n    date: 2016\n"
        "  - id: b\n    title: B\n    date: 2020-10-30\n    end: '2020-11'\n"
    )
    assert [(e.date, e.end) for e in events] == [("2016", None), ("2020-10-30", "2020-11")]


def test_an_empty_events_list_is_valid() -> None:
    assert parse_events("events:\n") == []
    assert parse_events("events: []\n") == []


GOOD = "events:\n  - id: forde-report\n    title: The Forde report\n    date: 2022-07-19\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "events:\n  - id: a\n    title: [unclosed\n",
            "events.yaml:4:1: yaml: expected ',' or ']', but got '<stream end>' "
            "(while parsing a flow sequence)",
            id="malformed-yaml",
        ),
        pytest.param(
            "events:\n  - id: a\n    title: A\n    date: 2016\n    date: 2017\n",
            'events.yaml:5:5: yaml: found duplicate key "date" with value "2017" '
            '(original value: "2016")',
            id="duplicate-key",
        ),
        pytest.param(
            "- id: a\n",
            "events.yaml:1:1: yaml: the top level must be a mapping with an 'events:' list, "
            "not a list",
            id="top-level-list",
        ),
        pytest.param(
            "",
            "events.yaml:1:1: events: the file is empty; it needs a top-level 'events:' list",
            id="empty-file",
        ),
        pytest.param(
            "events: 3\n",
            "events.yaml:1:9: events: must be a list of events, each starting with '- id:'",
            id="events-not-a-list",
        ),
        pytest.param(
            GOOD.replace("    date:", "    dat:"),
            "events.yaml:4:5: events[0].dat: unknown key (did you mean 'date'?)",
            id="unknown-key",
        ),
        pytest.param(
            GOOD.replace("    title: The Forde report\n", ""),
            "events.yaml:2:5: events[0]: missing required key 'title'",
            id="missing-title",
        ),
        pytest.param(
            GOOD.replace("  - id: forde-report\n    title", "  - title"),
            "events.yaml:2:5: events[0]: missing required key 'id'",
            id="missing-id",
        ),
        pytest.param(
            GOOD.replace("    date: 2022-07-19\n", ""),
            "events.yaml:2:5: events[0]: missing required key 'date'",
            id="missing-date",
        ),
        pytest.param(
            GOOD + GOOD.removeprefix("events:\n"),
            "events.yaml:5:9: events[1].id: duplicate id 'forde-report' (first used on line 2)",
            id="duplicate-id",
        ),
        pytest.param(
            GOOD.replace("2022-07-19", "2020-02-30"),
            "events.yaml:4:11: events[0].date: '2020-02-30' is not a real date: "
            "February 2020 has 29 days",
            id="impossible-date",
        ),
        pytest.param(
            GOOD.replace("2022-07-19", "2020-13"),
            "events.yaml:4:11: events[0].date: '2020-13' is not a real date: there is no month 13",
            id="impossible-month",
        ),
        pytest.param(
            GOOD + "    end: 2022-06\n",
            "events.yaml:5:10: events[0].end: end '2022-06' is before the start date '2022-07-19'",
            id="end-before-start",
        ),
        pytest.param(
            GOOD.replace("2022-07-19", "19th July 2022"),
            "events.yaml:4:11: events[0].date: '19th July 2022' is not a date: use YYYY-MM-DD, "
            "YYYY-MM, YYYY, YYYY-SU (season), YYYY-Q3 (quarter) or 201X (decade)",
            id="unparseable-date",
        ),
        pytest.param(
            GOOD + "    aliases: Forde report\n",
            'events.yaml:5:14: events[0].aliases: must be a list, e.g. ["Forde report", '
            '"Forde inquiry"]',
            id="aliases-not-a-list",
        ),
        pytest.param(
            GOOD + "    mod: ROUGHLY\n",
            "events.yaml:5:10: events[0].mod: should be 'APPROX', 'START', 'MID', 'END', "
            "'BEFORE' or 'AFTER'",
            id="bad-mod",
        ),
        pytest.param(
            GOOD.replace("id: forde-report", "id: Forde Report"),
            "events.yaml:2:9: events[0].id: must be lower-case letters, digits and hyphens, "
            "e.g. forde-report",
            id="bad-id",
        ),
        pytest.param(
            GOOD.replace("title: The Forde report", "title:"),
            "events.yaml:3:5: events[0].title: is empty",
            id="empty-title",
        ),
        pytest.param(
            GOOD
            + "    sources:\n      - publisher: Labour Party\n        titel: The Forde Report\n",
            "events.yaml:7:9: events[0].sources[0].titel: unknown key (did you mean 'title'?)",
            id="unknown-source-key",
        ),
        pytest.param(
            "events:\n  - id: a\x07\n",
            "events.yaml:2:10: yaml: character 0x0007 is not allowed in YAML",
            id="control-character",
        ),
        pytest.param(
            "event:\n  - id: a\n",
            "events.yaml:1:1: event: unknown top-level key (did you mean 'events'?)",
            id="unknown-top-level-key",
        ),
        pytest.param(
            "events:\n  - just a string\n",
            "events.yaml:2:5: events[0]: each event must be a mapping (id:, title:, date:…)",
            id="entry-not-a-mapping",
        ),
    ],
)
def test_each_problem_is_reported_at_its_line_and_column(text: str, expected: str) -> None:
    assert expected in _problems(text)


BROKEN = """\
# every problem at once
events:
  - id: validation-exercise
    title: Validation
    date: 2016-06-27
    end: 2016-05-01
    aliases: Validation
  - id: leak
    title: The leak
    dat: 2020-04-12
  - id: validation-exercise
    title: Again
    date: 2020-02-30
  - title: No id
    date: June 2016
"""

BROKEN_LINES = [
    "events.yaml:6:10: events[0].end: end '2016-05-01' is before the start date '2016-06-27'",
    'events.yaml:7:14: events[0].aliases: must be a list, e.g. ["Forde report", "Forde inquiry"]',
    "events.yaml:8:5: events[1]: missing required key 'date'",
    "events.yaml:10:5: events[1].dat: unknown key (did you mean 'date'?)",
    "events.yaml:11:9: events[2].id: duplicate id 'validation-exercise' (first used on line 3)",
    "events.yaml:13:11: events[2].date: '2020-02-30' is not a real date: February 2020 has 29 days",
    "events.yaml:14:5: events[3]: missing required key 'id'",
    "events.yaml:15:11: events[3].date: 'June 2016' is not a date: use YYYY-MM-DD, YYYY-MM, YYYY, "
    "YYYY-SU (season), YYYY-Q3 (quarter) or 201X (decade)",
]


def test_every_problem_of_a_file_is_reported_at_once_in_file_order() -> None:
    assert _problems(BROKEN) == BROKEN_LINES


def test_problem_lines_name_the_path_as_given(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(EventsFileError) as info:
        load_events(path)
    assert info.value.problems[0].startswith(f"{path}:6:10: events[0].end: ")
    assert len(info.value.problems) == len(BROKEN_LINES)


def test_missing_file_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    with pytest.raises(EventsFileError) as info:
        load_events(path)
    assert info.value.problems == [
        f"{path}: file not found (start one with `timeline init`, or pass --events FILE)"
    ]


def test_non_utf8_file_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_bytes(b"events:\n  - id: caf\xe9\n")
    with pytest.raises(EventsFileError) as info:
        load_events(path)
    assert info.value.problems[0].startswith(f"{path}:1:1: yaml: the file is not UTF-8 text")


# --------------------------------------------------------------------------- round trip

_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=8).filter(
    lambda w: w not in {"yes", "off", "null", "true", "false"}
)
_PHRASE = st.lists(_WORD, min_size=1, max_size=4).map(" ".join)
_COMMENT = st.text(
    alphabet=st.characters(min_codepoint=32, max_codepoint=0x2FF, exclude_characters="\\").filter(
        lambda c: not 0x7F <= ord(c) <= 0x9F
    ),  # YAML forbids these control characters
    max_size=30,
).map(lambda s: "#" + s.rstrip())
_DATE = st.sampled_from(
    ["2016-06-27", "2016-06", "2016", "2016-SU", "2016-Q3", "201X", "2022-07-19", "2020-10"]
)


@st.composite
def _scalar(draw: st.DrawFn, text: st.SearchStrategy[str]) -> str:
    value = draw(text)
    style = draw(st.sampled_from(["plain", "single", "double"]))
    if style == "single":
        return "'" + value.replace("'", "''") + ": x'"
    if style == "double":
        return '"' + value + ' #1"'
    return value


@st.composite
def _events_file(draw: st.DrawFn) -> str:
    dash, key = draw(st.sampled_from([(2, 4), (0, 2)]))
    pad, inner = " " * dash, " " * key
    lines = [draw(_COMMENT) for _ in range(draw(st.integers(0, 3)))]
    if lines and draw(st.booleans()):
        lines.append("")
    lines.append("events:")
    for i in range(draw(st.integers(1, 4))):
        if i and draw(st.booleans()):
            lines.append("")
        if draw(st.booleans()):
            lines.append(pad + draw(_COMMENT))
        trailing = f"  {draw(_COMMENT)}" if draw(st.booleans()) else ""
        lines.append(f"{pad}- id: event-{i}{trailing}")
        lines.append(f"{inner}title: {draw(_scalar(_PHRASE))}")
        date = draw(_DATE)
        lines.append(f"{inner}date: {draw(st.sampled_from([date, repr(date)]))}")
        if draw(st.booleans()):
            items = draw(st.lists(_scalar(_PHRASE), min_size=1, max_size=3))
            lines.append(f"{inner}aliases: [{', '.join(items)}]")
        if draw(st.booleans()):
            lines.append(f"{inner}tags:")
            for tag in draw(st.lists(_WORD, min_size=1, max_size=2)):
                lines.append(f"{inner}{pad}- {tag}")
        if draw(st.booleans()):
            lines.append(f"{inner}summary: >-")
            for phrase in draw(st.lists(_PHRASE, min_size=1, max_size=2)):
                lines.append(f"{inner}  {phrase}")
        if draw(st.booleans()):
            lines.append(f"{inner}sources:")
            lines.append(f"{inner}{pad}- publisher: {draw(_scalar(_PHRASE))}")
            lines.append(f"{inner}{pad}  title: {draw(_scalar(_PHRASE))}")
            if draw(st.booleans()):
                lines.append(f"{inner}{pad}  url: https://example.org/{draw(_WORD)}")
    if draw(st.booleans()):
        lines.append(draw(_COMMENT))
    return "\n".join(lines) + "\n"


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(_events_file())
def test_load_then_write_with_no_change_is_byte_identical(text: str) -> None:
    parse_events(text)  # the generated file is a valid events file
    assert roundtrip_text(text) == text


def test_shipped_file_round_trips_byte_for_byte() -> None:
    assert dump_roundtrip(SHIPPED) == SHIPPED.read_text(encoding="utf-8")


def test_windows_line_endings_survive_the_round_trip() -> None:
    text = GOOD.replace("\n", "\r\n")
    assert roundtrip_text(text) == text


# --------------------------------------------------------------------------- atomic writes


def test_write_atomic_replaces_and_keeps_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text("old\n", encoding="utf-8")
    write_atomic(path, "new\n")
    assert path.read_text(encoding="utf-8") == "new\n"
    assert (tmp_path / "events.yaml.bak").read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.yaml", "events.yaml.bak"]


@pytest.mark.parametrize("failing", ["os.replace", "os.fsync"])
def test_a_failure_in_the_middle_of_a_write_leaves_the_old_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    path = tmp_path / "events.yaml"
    shutil.copy(SHIPPED, path)
    before = path.read_bytes()

    def boom(*_args: Any, **_kwargs: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing.split(".")[1], boom)
    with pytest.raises(TimelineError) as info:
        append_events(path, [{"id": "new-event", "title": "New", "date": "2021"}])
    assert "No space left on device" in str(info.value) and "unchanged" in str(info.value)
    assert path.read_bytes() == before
    leftovers = [p.name for p in tmp_path.iterdir() if p.name not in {"events.yaml"}]
    assert all(name == "events.yaml.bak" for name in leftovers)  # no temporary file left


# --------------------------------------------------------------------------- appending

NEW = [
    {
        "id": "yougov-poll-2017",
        "title": "YouGov poll: antisemitic statements among party members",
        "date": "2017",
        "aliases": ["2017 YouGov poll"],
        "status": "candidate",
    },
    {"id": "second-new", "title": "Second", "date": "2016-Q3", "tags": ["media"]},
]


def test_append_keeps_every_original_line_and_comment(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    shutil.copy(SHIPPED, path)
    original = path.read_text(encoding="utf-8")
    append_events(path, NEW)
    updated = path.read_text(encoding="utf-8")
    assert updated.startswith(original)  # every byte of the hand-edited file, in place
    assert (tmp_path / "events.yaml.bak").read_text(encoding="utf-8") == original
    events = load_events(path)
    assert [e.id for e in events[-2:]] == ["yougov-poll-2017", "second-new"]
    assert events[-2].status == "candidate" and events[-2].date == "2017"
    added = updated[len(original) :]
    assert added.startswith("\n  - id: yougov-poll-2017\n    title: 'YouGov poll:")
    assert "\n\n  - id: second-new\n    title: Second\n" in added


def test_append_goes_after_trailing_comments_and_keeps_them() -> None:
    text = (
        "events:   # my list\n"
        "- id: a   # first\n"
        "  title: A\n"
        "  date: 2016\n"
        "  # a note on a\n"
        "\n"
        "# about the next key\n"
        "other: 1\n"
    )
    with pytest.raises(EventsFileError):  # unknown top-level key: refuse to touch the file
        insert_events_text(text, NEW[:1])
    ok = text.replace("# about the next key\nother: 1\n", "# trailing note\n")
    result = insert_events_text(ok, NEW[1:])
    assert result.startswith(ok)
    assert (
        result[len(ok) :]
        == "\n- id: second-new\n  title: Second\n  date: 2016-Q3\n  tags:\n  - media\n"
    )


@pytest.mark.parametrize("empty", ["events:\n", "events: []\n"])
def test_append_to_an_empty_list(empty: str) -> None:
    result = insert_events_text("# mine\n" + empty, NEW[1:])
    assert result.startswith("# mine\nevents:\n  - id: second-new\n")
    assert [e.id for e in parse_events(result)] == ["second-new"]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"id": "forde-report", "title": "Again", "date": "2022"}, "already used"),
        ({"id": "x", "title": "X", "date": "2020-02-30"}, "February 2020 has 29 days"),
        ({"id": "x", "title": "X"}, "date"),
    ],
    ids=["duplicate-id", "bad-date", "missing-date"],
)
def test_append_refuses_invalid_entries_and_leaves_the_file_alone(
    tmp_path: Path, entry: dict[str, Any], message: str
) -> None:
    path = tmp_path / "events.yaml"
    shutil.copy(SHIPPED, path)
    before = path.read_bytes()
    with pytest.raises(EventsFileError) as info:
        append_events(path, [entry])
    assert message in str(info.value)
    assert path.read_bytes() == before
    assert not (tmp_path / "events.yaml.bak").exists()


def test_append_refuses_a_broken_file_with_its_problems(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(EventsFileError) as info:
        append_events(path, NEW[1:])
    assert len(info.value.problems) == len(BROKEN_LINES)
    assert path.read_text(encoding="utf-8") == BROKEN


def test_append_keeps_windows_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_bytes(GOOD.replace("\n", "\r\n").encode())
    append_events(path, NEW[1:])
    data = path.read_bytes()
    assert data.startswith(GOOD.replace("\n", "\r\n").encode())
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert [e.id for e in load_events(path)] == ["forde-report", "second-new"]


def test_rendered_entries_paste_under_events_and_match_what_append_adds() -> None:
    text = render_entries(NEW)
    assert text.startswith("  - id: yougov-poll-2017\n    title: 'YouGov poll:")
    assert [e.id for e in parse_events("events:\n" + text)] == ["yougov-poll-2017", "second-new"]
    appended = insert_events_text(GOOD, NEW)[len(GOOD) :]
    assert appended.replace("\n\n", "\n").lstrip("\n") == text


_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",))
    | st.sampled_from(list(":#'\"-?[]{}!&*| ")),
    max_size=40,
)


@settings(max_examples=400)
@given(
    title=_TEXT | st.sampled_from(["no", "yes", "2016", "null", "~", "1e3", "0o17", "- x", "a: b"]),
    aliases=st.lists(_TEXT, max_size=3),
    summary=_TEXT,
)
def test_rendered_entries_are_the_text_ruamel_writes(
    title: str, aliases: list[str], summary: str
) -> None:
    entry = {"id": "an-id", "title": title, "date": "2016-06", "status": "candidate"}
    entry |= {"aliases": aliases, "summary": summary}
    assert render_entries([entry]) == _render_items((2, 4, 2), [entry], 0)[0]
