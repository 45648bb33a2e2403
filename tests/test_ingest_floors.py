"""The reader on 74 real saved web pages (../shared/eval/html) holds its floors: publication
day stated and exact, headline exact, main text kept, furniture left out.

The same measures as ``benchmarks/bench_ingest.py`` (which also times the reading); skipped
when the evaluation data is not beside the repository.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).parents[1]
EVAL = ROOT.parent / "shared" / "eval" / "html"

pytestmark = pytest.mark.skipif(
    not (EVAL / "gold.json").is_file(), reason="../shared/eval/html is not beside the repository"
)


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bench_ingest", ROOT / "benchmarks" / "bench_ingest.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_ingest", module)  # its dataclass looks its module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_reading_saved_pages_holds_the_floors(tmp_path: Path) -> None:
    bench = _bench()
    pages = tmp_path / "pages"
    shutil.copytree(EVAL / "pages", pages)
    docs, _warnings = bench.read_pages(pages)
    scores = bench.score(bench.load_gold(EVAL), bench.ours(docs))
    targets = bench.TARGETS
    assert scores.pages == len(docs) == 74
    assert scores.day >= targets["day"], scores
    assert scores.title >= targets["title"], scores
    assert scores.kept >= targets["kept"], scores
    assert scores.leaked <= targets["leaked"], scores
