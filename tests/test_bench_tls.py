from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).parents[1] / "benchmarks" / "bench_tls.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_tls", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_tls"] = module
    spec.loader.exec_module(module)
    return module


bench = _bench()


def test_date_f1_averages_precision_and_recall_over_timelines() -> None:
    scores = bench.Scores()
    scores.add(["2011-01-01", "2011-01-02"], ["2011-01-01", "2011-01-03"])  # P .5, R .5
    scores.add(["2011-02-01"], ["2011-02-01", "2011-02-02", "2011-02-03", "2011-02-04"])
    # P = (.5 + 1) / 2 = .75, R = (.5 + .25) / 2 = .375
    assert scores.f1() == pytest.approx(2 * 0.75 * 0.375 / (0.75 + 0.375))
    assert bench.Scores().f1() == 0.0


def test_top_days_stay_inside_the_span_and_break_ties_by_date() -> None:
    scores = {"2011-01-05": 2.0, "2011-01-02": 2.0, "2010-12-31": 9.0, "2011-01-03": 0.0}
    assert bench.top_days(scores, "2011-01-01", "2011-01-31", 3) == ["2011-01-02", "2011-01-05"]


@pytest.mark.skipif(not (bench.T17 / "mj").is_dir(), reason="no Timeline17 data")
def test_the_benchmark_scores_a_small_topic(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--topic", "mj"]) == 0
    lines = capsys.readouterr().out.splitlines()
    row = next(line for line in lines if line.startswith("mj"))
    salience, documents, published = (float(x) for x in row.split()[1:])
    assert all(0 < f <= 1 for f in (salience, documents, published))
    assert salience >= published
