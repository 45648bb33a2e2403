"""The language detector's sample: short enough to be cheap, long enough to be right."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline.read.language import (
    SAMPLE,
    detect_language,
    load_detector,
    settle_language,
    unload_detector,
)

LANG = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "lang"


def test_only_the_sample_is_read() -> None:
    german = "Der Bundestag hat am Donnerstag das neue Gesetz beschlossen. " * 20
    assert detect_language(german[: SAMPLE - 10] + "The rest is English. " * 500) == "de"


def test_too_little_text_gives_no_language() -> None:
    assert detect_language("12 3 -- ab") is None


def test_a_declared_language_wins_over_the_detector() -> None:
    meta: dict[str, object] = {}
    settle_language(meta, "fr-FR", "The rest is English. " * 50)
    assert meta == {"language": "fr", "day_first": True}


@pytest.mark.skipif(not LANG.is_dir(), reason="../shared/eval/lang is not beside the repository")
def test_the_sample_detects_the_evaluation_texts_language() -> None:
    texts = [
        (path.name[:2], json.loads(line)["text"])
        for path in sorted(LANG.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    wrong = [(lang, text[:60]) for lang, text in texts if detect_language(text) != lang]
    assert len(texts) > 100
    assert len(wrong) <= len(texts) // 100, wrong


def test_a_detector_let_go_of_is_loaded_again_when_needed() -> None:
    text = "Die Regierung hat am Montag neue Regeln für den Verkehr in der Stadt beschlossen."
    load_detector()
    unload_detector()
    assert detect_language(text) == "de"
