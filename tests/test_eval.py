"""The TempEval-3 scorer, the TimeML / JSONL readers and `timeline eval`."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner

import timeline.temporal
from timeline.cli import cli
from timeline.errors import EvalError
from timeline.temporal import Timex
from timeline.temporal.baseline import search_dates_baseline
from timeline.temporal.evaluate import (
    Counts,
    align,
    evaluate_documents,
    evaluate_path,
    score_counts,
)
from timeline.temporal.timeml import GoldDocument, GoldTimex, load_gold, parse_tml, read_jsonl

# The floors `timeline eval ../shared/eval/tempeval3/dev` must reach (issue 3).
TARGET_RELAXED_F1 = 92.0
TARGET_STRICT_F1 = 84.0
TARGET_TYPE_F1 = 88.0
TARGET_VALUE_F1 = 82.0

SHARED = Path(__file__).parents[1] / ".." / "shared"
DEV = SHARED / "eval" / "tempeval3" / "dev"
DEV_JSONL = SHARED / "eval" / "tempeval3" / "dev.jsonl"
needs_dev = pytest.mark.skipif(not DEV.is_dir(), reason="../shared/eval/tempeval3 is absent")


def gold(start: int, end: int, type_: str = "DATE", value: str = "2016") -> GoldTimex:
    return GoldTimex(start=start, end=end, text="x" * (end - start), type=type_, value=value)


def sys_(start: int, end: int, type_: str = "DATE", value: str = "2016") -> Timex:
    return Timex(start=start, end=end, text="x" * (end - start), type=type_, value=value)  # type: ignore[arg-type]


def counts(g: Sequence[GoldTimex], s: Sequence[Timex]) -> Counts:
    c = Counts()
    c.add(g, s)
    return c


# ---------------------------------------------------------------------------- alignment


def test_exact_match_counts_as_relaxed_and_strict() -> None:
    c = counts([gold(0, 5)], [sys_(0, 5)])
    assert (c.gold, c.system, c.relaxed, c.strict, c.type, c.value) == (1, 1, 1, 1, 1, 1)
    s = score_counts(c)
    assert s["relaxed_f1"] == s["strict_f1"] == s["type_f1"] == s["value_f1"] == 100.0


def test_partial_overlap_is_relaxed_not_strict() -> None:
    c = counts([gold(10, 20)], [sys_(15, 25)])
    assert (c.relaxed, c.strict) == (1, 0)
    s = score_counts(c)
    assert s["relaxed_p"] == s["relaxed_r"] == 100.0
    assert s["strict_f1"] == 0.0


def test_touching_extents_do_not_overlap() -> None:
    c = counts([gold(0, 5)], [sys_(5, 9)])
    assert c.relaxed == 0
    assert score_counts(c)["relaxed_f1"] == 0.0


def test_alignment_is_one_to_one() -> None:
    # one long system timex over two gold ones: it matches only one of them
    c = counts([gold(0, 4), gold(5, 9)], [sys_(0, 9)])
    assert c.relaxed == 1
    s = score_counts(c)
    assert s["relaxed_p"] == 100.0
    assert s["relaxed_r"] == 50.0
    assert s["relaxed_f1"] == pytest.approx(200 / 3)


def test_alignment_prefers_exact_then_largest_overlap() -> None:
    g = [gold(0, 10)]
    assert align(g, [sys_(0, 3), sys_(4, 10)]) == [(0, 1)]  # 6 chars beat 3
    assert align(g, [sys_(0, 12), sys_(0, 10)]) == [(0, 1)]  # exact beats a larger overlap
    # a gold timex taken by its exact partner leaves the other system timex unaligned
    pairs = align([gold(0, 5), gold(6, 12)], [sys_(0, 5), sys_(3, 7)])
    assert pairs == [(0, 0), (1, 1)]


def test_type_and_value_f1_arithmetic() -> None:
    g = [gold(0, 4, "DATE", "2016"), gold(10, 14, "DATE", "2017"), gold(20, 24, "DURATION", "P1Y")]
    s = [
        sys_(0, 4, "DATE", "2016"),  # all right
        sys_(10, 12, "DATE", "2018"),  # overlap, right type, wrong value
        sys_(20, 24, "DATE", "P1Y"),  # wrong type, right value
        sys_(30, 34, "DATE", "2019"),  # false positive
    ]
    c = counts(g, s)
    assert (c.gold, c.system, c.relaxed, c.strict, c.type, c.value) == (3, 4, 3, 2, 2, 2)
    sc = score_counts(c)
    assert sc["type_f1"] == pytest.approx(100 * 2 * 2 / 7)
    assert sc["value_f1"] == pytest.approx(100 * 2 * 2 / 7)
    assert sc["relaxed_p"] == pytest.approx(75.0)
    assert sc["relaxed_r"] == pytest.approx(100.0)
    assert sc["strict_p"] == pytest.approx(50.0)
    assert sc["strict_r"] == pytest.approx(200 / 3)
    assert sc["strict_f1"] == pytest.approx(2 * 50 * (200 / 3) / (50 + 200 / 3))


def test_empty_inputs_score_zero_without_dividing_by_zero() -> None:
    s = score_counts(counts([], []))
    assert set(s.values()) == {0.0}


def test_counts_micro_average_over_documents() -> None:
    c = Counts()
    c.add([gold(0, 4)], [sys_(0, 4)])  # doc 1: perfect
    c.add([gold(0, 4), gold(8, 12), gold(20, 24)], [])  # doc 2: all missed
    assert score_counts(c)["relaxed_r"] == 25.0  # 1 of 4, not the mean of 100 and 0


# ---------------------------------------------------------------------------- reports


FakeTag = Callable[..., list[Timex]]


def _fake_tag(out: dict[str, list[Timex]]) -> tuple[FakeTag, list[tuple[str, str | None, str]]]:
    """A stand-in for ``tag`` returning canned timexes, and the calls it received."""
    seen: list[tuple[str, str | None, str]] = []

    def fake(
        text: str, dct: str | None = None, *, mode: str = "news", language: str = "en"
    ) -> list[Timex]:
        seen.append((text, dct, mode))
        return out.get(text, [])

    return fake, seen


def _doc(doc_id: str, text: str, timexes: list[GoldTimex], dct: str = "1998-02-27") -> GoldDocument:
    return GoldDocument(doc_id=doc_id, dct=dct, text=text, timexes=tuple(timexes), source=doc_id)


def test_report_tags_with_the_date_of_the_dct_and_writes_predictions(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    text = "They met on Friday and again in March."
    g = [
        GoldTimex(12, 18, "Friday", "DATE", "1998-02-27"),
        GoldTimex(32, 37, "March", "DATE", "1998-03"),
    ]
    pred = [Timex(12, 18, "Friday", "DATE", "1998-02-20"), Timex(22, 27, "again", "DATE", "X")]
    fake, seen = _fake_tag({text: pred})
    monkeypatch.setattr(timeline.temporal, "tag", fake)
    progress: list[tuple[int, int]] = []
    docs = [_doc("a", text, g, dct="1998-02-27T08:17:00"), _doc("b", "Nothing here.", [])]
    report = evaluate_documents(
        docs, mode="narrative", progress=lambda d, t: progress.append((d, t))
    )
    assert seen[0] == (text, "1998-02-27", "narrative")
    assert progress == [(1, 2), (2, 2)]
    s = report.scores()
    assert s["counts"] == {
        "gold": 2,
        "system": 2,
        "relaxed_matches": 1,
        "strict_matches": 1,
        "type_matches": 1,
        "value_matches": 0,
    }
    assert s["documents"] == 2
    assert s["relaxed_f1"] == 50.0 and s["value_f1"] == 0.0

    out = tmp_path / "p.jsonl"
    report.write_predictions(out)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines[0] == {
        "doc_id": "a",
        "timexes": [
            {"start": 12, "end": 18, "text": "Friday", "type": "DATE", "value": "1998-02-20"},
            {"start": 22, "end": 27, "text": "again", "type": "DATE", "value": "X"},
        ],
    }
    assert lines[1] == {"doc_id": "b", "timexes": []}

    listing = report.error_listing(5)
    assert re.search(r"DATE +2 gold +1 found \( 50\.0%\) +0 right value \(  0\.0%\)", listing)
    assert "Missed (gold not found): 1" in listing and "'march'" in listing
    assert "False positives (no gold timex): 1" in listing and "'again'" in listing
    assert "Wrong values: 1" in listing and "gold 1998-02-27, system 1998-02-20" in listing

    table = report.table()
    assert "HeidelTime" in table and "91.96" in table and "77.31" in table
    assert "50.00" in table


def test_error_listing_groups_by_lowercased_text_and_keeps_the_most_frequent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = ["Friday came.", "friday came.", "FRIDAY came.", "Today came."]
    docs = [
        _doc(str(i), t, [GoldTimex(0, len(t) - 6, t[:-6], "DATE", "1998")])
        for i, t in enumerate(texts)
    ]
    fake, _ = _fake_tag({})
    monkeypatch.setattr(timeline.temporal, "tag", fake)
    listing = evaluate_documents(docs).error_listing(1)
    assert "Missed (gold not found): 4 in 2 distinct texts" in listing
    assert "   3  'friday'" in listing
    assert "'today'" not in listing


def test_write_predictions_to_an_impossible_path_is_an_eval_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake, _ = _fake_tag({})
    monkeypatch.setattr(timeline.temporal, "tag", fake)
    report = evaluate_documents([_doc("a", "x", [])])
    with pytest.raises(EvalError, match="cannot write predictions"):
        report.write_predictions(tmp_path / "missing" / "p.jsonl")


def test_unknown_mode_is_an_eval_error() -> None:
    with pytest.raises(EvalError, match="unknown mode 'poetry'"):
        evaluate_documents([], mode="poetry")


# ---------------------------------------------------------------------------- TimeML reading

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-27" functionInDocument="CREATION_TIME">February 27, 1998</TIMEX3></DCT>
<TEXT>AT&amp;T said &lt;b&gt; <EVENT eid="e1">rose</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-02-26">Thursday</TIMEX3>, and <SIGNAL sid="s1">in</SIGNAL> <TIMEX3 tid="t2" type="DURATION" value="P2Y" mod="MORE_THAN">more than <NUMEX>two</NUMEX> years</TIMEX3> &#233;t&#xe9;<TIMEX3 tid="t3" type="DATE" value="PAST_REF" functionInDocument="NONE"></TIMEX3>.
</TEXT>
</TimeML>
"""  # noqa: E501


def test_tml_text_decodes_entities_and_drops_tags() -> None:
    doc = parse_tml(TML, doc_id="X1")
    assert doc.dct == "1998-02-27"
    assert doc.text == "AT&T said <b> rose Thursday, and in more than two years été.\n"
    assert [(t.text, t.type, t.value, t.mod, t.tid) for t in doc.timexes] == [
        ("Thursday", "DATE", "1998-02-26", None, "t1"),
        ("more than two years", "DURATION", "P2Y", "MORE_THAN", "t2"),
    ]
    for t in doc.timexes:  # offsets index the plain text; the empty timex t3 is not scored
        assert doc.text[t.start : t.end] == t.text


def test_tml_without_creation_time_has_no_dct() -> None:
    tml = "<TimeML><TEXT>In <TIMEX3 type='DATE' value='2001'>2001</TIMEX3>.</TEXT></TimeML>"
    doc = parse_tml(tml, doc_id="d")
    assert doc.dct is None
    assert [(t.start, t.end, t.value) for t in doc.timexes] == [(3, 7, "2001")]


def test_tml_folder_is_searched_recursively_and_ids_are_file_names(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "wsj_0001.tml").write_text(TML, encoding="utf-8")
    (tmp_path / "APW1.tml").write_text(TML, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not read", encoding="utf-8")
    docs = load_gold(tmp_path)
    assert [d.doc_id for d in docs] == ["APW1", "wsj_0001"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("<TimeML><TEXT>open <TIMEX3>x</TEXT></TimeML>", "not well-formed XML (line 1, column"),
        ("<html><body>Hello</body></html>", "not a TimeML file (root element <html>"),
        ("<TimeML><DOCID>x</DOCID></TimeML>", "TimeML document has no <TEXT> element"),
        ("", "not well-formed XML"),
        ("<TimeML><TEXT><TIMEX3 type='WEEK' value='X'>a</TIMEX3></TEXT></TimeML>", "type 'WEEK'"),
    ],
)
def test_bad_tml_is_one_line_eval_error_naming_the_file(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "bad.tml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EvalError) as info:
        load_gold(tmp_path)
    text = str(info.value)
    assert text.startswith(f"{path}: ")
    assert message in text
    assert "\n" not in text


def test_empty_folder_is_an_eval_error(tmp_path: Path) -> None:
    with pytest.raises(EvalError, match="no TimeML"):
        load_gold(tmp_path)


def test_jsonl_round_trip_and_bad_lines(tmp_path: Path) -> None:
    good = {
        "doc_id": "d1",
        "dct": "1998-02-27",
        "text": "On Friday.",
        "timexes": [
            {
                "start": 3,
                "end": 9,
                "text": "Friday",
                "type": "DATE",
                "value": "1998-02-27",
                "tid": "t1",
            }
        ],
    }
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(good) + "\n\n", encoding="utf-8")
    [doc] = read_jsonl(path)
    assert (doc.doc_id, doc.dct, doc.text) == ("d1", "1998-02-27", "On Friday.")
    assert doc.timexes == (GoldTimex(3, 9, "Friday", "DATE", "1998-02-27", None, "t1"),)

    path.write_text(json.dumps(good) + "\n{oops\n", encoding="utf-8")
    with pytest.raises(EvalError, match=r"gold\.jsonl:2: not valid JSON"):
        read_jsonl(path)
    bad = dict(
        good, timexes=[{"start": 3, "end": 8, "text": "Friday", "type": "DATE", "value": ""}]
    )
    path.write_text(json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(EvalError, match=r"gold\.jsonl:1: timexes\[0\]: text 'Friday' does not"):
        read_jsonl(path)


# ---------------------------------------------------------------------------- the CLI


def test_cli_folder_without_tml_prints_one_error_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path}: no TimeML (.tml) files found in this folder\n"


def test_cli_broken_tml_prints_one_error_line(tmp_path: Path) -> None:
    (tmp_path / "x.tml").write_text("<TimeML><TEXT>", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {tmp_path / 'x.tml'}: not well-formed XML")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.output


def test_cli_json_and_predictions(tmp_path: Path) -> None:
    (tmp_path / "X1.tml").write_text(TML, encoding="utf-8")
    preds = tmp_path / "p.jsonl"
    result = CliRunner().invoke(cli, ["eval", str(tmp_path), "--json", "--predictions", str(preds)])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert set(scores) == {
        "relaxed_p",
        "relaxed_r",
        "relaxed_f1",
        "strict_p",
        "strict_r",
        "strict_f1",
        "type_f1",
        "value_f1",
        "counts",
        "documents",
        "language",
        "seconds",
    }
    assert scores["documents"] == 1 and scores["counts"]["gold"] == 2
    [line] = preds.read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    assert record["doc_id"] == "X1"
    text = parse_tml(TML, doc_id="X1").text
    for t in record["timexes"]:
        assert text[t["start"] : t["end"]] == t["text"]


def test_cli_table_and_errors(tmp_path: Path) -> None:
    (tmp_path / "X1.tml").write_text(TML, encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(tmp_path), "--errors", "3"])
    assert result.exit_code == 0, result.output
    assert "HeidelTime (TE3 dev)" in result.stdout
    assert "Missed (gold not found):" in result.stdout


# ---------------------------------------------------------------------------- the baseline


def test_search_dates_baseline_reads_words_as_dates_where_the_tagger_does_not() -> None:
    text = "We sat on the bench; 32% of them left."
    base = search_dates_baseline(text, "2016-06-23")
    found = {t.text for t in base}
    assert {"We", "32% of"} <= found  # dateparser's false positives
    for t in base:
        assert text[t.start : t.end] == t.text
    assert timeline.temporal.tag(text, "2016-06-23") == []


# ---------------------------------------------------------------------------- the dev set


@needs_dev
def test_tml_reading_gives_exactly_dev_jsonl() -> None:
    from_tml = {d.doc_id: d for d in load_gold(DEV)}
    from_jsonl = {d.doc_id: d for d in load_gold(DEV_JSONL)}
    assert from_tml.keys() == from_jsonl.keys()
    assert len(from_tml) == 256
    for doc_id, a in from_tml.items():
        b = from_jsonl[doc_id]
        assert (a.dct, a.text) == (b.dct, b.text), doc_id
        spans = [(t.start, t.end, t.text, t.type, t.value, t.tid) for t in a.timexes]
        assert spans == [(t.start, t.end, t.text, t.type, t.value, t.tid) for t in b.timexes]
    assert sum(len(d.timexes) for d in from_tml.values()) == 1822


@needs_dev
@pytest.mark.slow
def test_dev_meets_targets() -> None:
    s = evaluate_path(DEV).scores()
    measured = {k: round(s[k], 2) for k in ("relaxed_f1", "strict_f1", "type_f1", "value_f1")}
    assert s["relaxed_f1"] >= TARGET_RELAXED_F1, measured
    assert s["strict_f1"] >= TARGET_STRICT_F1, measured
    assert s["type_f1"] >= TARGET_TYPE_F1, measured
    assert s["value_f1"] >= TARGET_VALUE_F1, measured
