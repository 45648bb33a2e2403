"""The numpy detector gives py3langid's own scores, bit for bit, on the texts it is given."""

from __future__ import annotations

import json
from collections import deque
from pathlib import Path

import numpy as np
import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from timeline.read.detector import WINDOW, _normal_as_float32, all_normal, shipped_detector
from timeline.read.language import SAMPLE

EVAL = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval"

ODD_TEXTS = [
    "",
    "a",
    "ab",
    "12 3 -- ab",
    "ÉTÉ À PARIS, LE GOUVERNEMENT A DÉCIDÉ",
    "Привет, мир: как дела сегодня в Москве?",
    "日本語のテキストを読みます。東京で会議が開かれた。",
    "مرحبا بالعالم، هذا نص عربي قصير",
    "\x00\x01 \udcff broken surrogate",
    "x" * 2000,
]


@pytest.fixture(scope="module")
def both() -> tuple[LanguageIdentifier, LanguageIdentifier]:
    return LanguageIdentifier.from_model_file(MODEL_FILE), shipped_detector()


def _samples() -> list[str]:
    texts = list(ODD_TEXTS)
    for path in sorted((EVAL / "lang").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                text = json.loads(line)["text"]
                texts += [text[:SAMPLE], text[SAMPLE : 3 * SAMPLE]]
    return texts


def test_the_scores_are_py3langids_own(both: tuple[LanguageIdentifier, LanguageIdentifier]) -> None:
    stock, fast = both
    texts = _samples()
    for text in texts:
        data = stock._encode(text)
        assert np.array_equal(stock._raw_score(data), fast._raw_score(data)), text[:60]
        assert stock.classify(text) == fast.classify(text)


def test_every_state_of_the_walk_is_py3langids(
    both: tuple[LanguageIdentifier, LanguageIdentifier],
) -> None:
    stock, fast = both
    data = stock._encode("Le gouvernement a annoncé mardi 3 mars un nouveau plan. " * 4)
    state, expected = 0, []
    for byte in data:
        state = stock.tk_nextmove[stock._rowbase[state] + byte]
        expected.append(state)
    assert fast.states(data).tolist() == expected


def test_no_state_of_the_model_is_deeper_than_the_window(
    both: tuple[LanguageIdentifier, LanguageIdentifier],
) -> None:
    """The walk reads :data:`WINDOW` bytes back: no state may need more to be reached."""
    stock, _ = both
    moves = np.frombuffer(stock.tk_nextmove, dtype=np.dtype(stock.tk_nextmove.typecode))
    rows = np.asarray(stock.tk_row, dtype=np.intp) << 8
    depth = np.full(len(stock.tk_row), -1)
    depth[0] = 0
    frontier, level = deque([np.array([0])]), 0
    while frontier:
        states = frontier.popleft()
        following = np.unique(moves[(rows[states][:, None] + np.arange(256)).ravel()])
        new = following[depth[following] < 0]
        if new.size:
            level += 1
            depth[new] = level
            frontier.append(new)
    assert (depth >= 0).all()
    assert depth.max() <= WINDOW


def test_every_normal_float16_widens_exactly() -> None:
    halves = np.arange(1 << 16, dtype=np.uint32).astype(np.uint16).view(np.float16)
    normal = halves[np.isfinite(halves) & (np.abs(halves) >= np.finfo(np.float16).tiny)]
    assert normal.size == 2 * 30 * 1024
    assert all_normal(normal)
    assert np.array_equal(_normal_as_float32(normal), normal.astype(np.float32))


@pytest.mark.parametrize("odd", [0.0, -0.0, 1e-6, np.inf, -np.inf, np.nan])
def test_a_weight_that_is_not_normal_is_told(odd: float) -> None:
    assert not all_normal(np.array([1.5, odd, -3.0], dtype=np.float16))
