"""py3langid's identifier with its scoring in numpy: the same model, bit for bit the same scores.

py3langid walks a text byte by byte through the model's automaton in a Python loop, counting
the byte n-gram features it passes, then converts each found feature's row of class weights
from float16 one at a time inside the product. Both loops are most of what detecting a
language costs (a few hundred bytes are read: see ``read.language``). Here:

- the walk runs over every position at once. The automaton is an Aho-Corasick one: its state
  after a byte is the longest suffix, of at most :data:`WINDOW` bytes, of the text read so far
  that begins a feature, so it is the state reached from the start by the last
  :data:`WINDOW` bytes alone; :data:`WINDOW` steps over all positions give every state;
- the features are counted in the order the walk first meets them, as py3langid's
  ``Counter`` holds them, so the product sums the same terms in the same order;
- the float16 weights become float32 by moving their bits (exact for normal numbers, which
  every weight of the shipped model is, checked when it loads; numpy's own conversion, used
  for a model with any other, takes twice as long on these small blocks).

What py3langid does around the score (normalising the text, folding aliased classes, taking
the best) is its own code, unchanged.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from py3langid.langid import MODEL_FILE, RAW_FLOOR, LanguageIdentifier

Float32s = np.ndarray[Any, np.dtype[np.float32]]
WINDOW = 6  # bytes: the deepest state of the shipped model (its longest feature prefix)
_EXPONENT16 = 0x7C00  # the bits of a float16's exponent (all set: infinite or NaN)
_SMALLEST_NORMAL16 = 0x0400
_REBIAS = (127 - 15) << 23  # float32's exponent bias less float16's, at float32's exponent


def _normal_as_float32(weights: np.ndarray[Any, np.dtype[np.float16]]) -> Float32s:
    """Normal float16 numbers as float32: sign, exponent (rebiased) and mantissa moved."""
    bits = weights.view(np.uint16).astype(np.uint32)
    sign = (bits & 0x8000) << 16
    bits &= 0x7FFF
    bits <<= 13
    bits += _REBIAS
    bits |= sign
    return bits.view(np.float32)


def _as_float32(weights: np.ndarray[Any, np.dtype[np.float16]]) -> Float32s:
    return weights.astype(np.float32)


def all_normal(weights: np.ndarray[Any, np.dtype[np.float16]]) -> bool:
    """True when every weight is a normal number (neither zero, subnormal, infinite nor NaN):
    its magnitude's bits lie from the smallest normal's to the largest's."""
    magnitude = weights.view(np.uint16) & 0x7FFF
    return bool(magnitude.min() >= _SMALLEST_NORMAL16 and magnitude.max() < _EXPONENT16)


class Detector(LanguageIdentifier):  # type: ignore[misc]  # py3langid is untyped
    """py3langid's identifier whose raw scores are computed in numpy (see the module)."""

    __slots__ = ("_emits", "_moves", "_rows", "_widen")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        moves = self.tk_nextmove
        self._moves = np.frombuffer(moves, dtype=np.dtype(moves.typecode))  # shared, no copy
        self._rows = np.asarray(self.tk_row, dtype=np.intp) << 8
        self._emits = np.asarray(self.tk_output, dtype=np.intp)
        self._widen = _normal_as_float32 if all_normal(self.nb_ptc) else _as_float32

    def states(self, data: bytes) -> np.ndarray[Any, np.dtype[np.intp]]:
        """The automaton's state after each byte of ``data``."""
        text = np.frombuffer(data, dtype=np.uint8).astype(np.intp)
        n = text.size
        states = np.zeros(n, dtype=np.intp)
        for back in range(min(WINDOW, n) - 1, -1, -1):
            states[back:] = self._moves[self._rows[states[back:]] + text[: n - back]]
        return states

    def _raw_score(self, text: bytes) -> Float32s:
        found = self._emits[self.states(text)]
        found = found[found >= 0]
        if not found.size:
            return np.full(len(self.nb_classes), RAW_FLOOR, dtype=np.float32)
        order = np.argsort(found, kind="stable")
        ranked = found[order]
        starts = np.flatnonzero(np.concatenate(([True], ranked[1:] != ranked[:-1])))
        counts = np.diff(np.append(starts, ranked.size))
        met = np.argsort(order[starts])  # the features in the order the walk first met them
        weights = self._widen(self.nb_ptc[ranked[starts][met]])
        scores: Float32s = np.log1p(counts[met].astype(np.float32)) @ weights + self.nb_pc
        return scores


def shipped_detector() -> Detector:
    """The detector with py3langid's shipped model (the one ``py3langid.classify`` uses)."""
    detector: Detector = Detector.from_model_file(MODEL_FILE)
    return detector
