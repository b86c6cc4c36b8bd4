"""One score from two: BM25's (the lexical engine's, scaled by its best) and the
encoder's cosine (min-max scaled over the candidates). Tuned on the dev set only
(`make eval`)."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import TypeVar

Key = TypeVar("Key", bound=Hashable)

# The lexical share: lower lets meaning outrank shared words more often. Tuned on the dev
# and tuning sets with the adapted encoder (0.3 with the original one).
LEXICAL_WEIGHT = 0.25


def fuse(lexical: Mapping[Key, float], dense: Mapping[Key, float]) -> dict[Key, float]:
    """Fused score of every key in either mapping. A key with no cosine (its cable has
    no vectors yet) keeps its lexical score alone; one with no lexical score has 0."""
    top = max(lexical.values(), default=0.0)
    low = min(dense.values(), default=0.0)
    spread = max(dense.values(), default=0.0) - low
    fused: dict[Key, float] = {}
    for key in lexical.keys() | dense.keys():
        words = lexical.get(key, 0.0) / top if top > 0 else 0.0
        if key not in dense:
            fused[key] = words
            continue
        meaning = (dense[key] - low) / spread if spread > 0 else 1.0
        fused[key] = LEXICAL_WEIGHT * words + (1 - LEXICAL_WEIGHT) * meaning
    return fused
