"""Typo tolerance: correct a question's word against the index's unstemmed vocabulary."""

from __future__ import annotations

from collections import defaultdict

from rapidfuzz import process
from rapidfuzz.distance import OSA

# A word seen in fewer paragraphs than this may itself be a typo in a cable
# ("trafficing" occurs), so a far more common close spelling is also tried.
RARE = 3
_MIN_LENGTH = 4
# Edits allowed (insert, delete, substitute, swap neighbours): one, two from this
# length on. More lets real words outside the cables turn into others ("faucet"
# -> "fact", "calories" -> "carries").
_TWO_EDITS_FROM = 9


class Speller:
    """Vocabulary of lower-case words with their paragraph counts."""

    def __init__(self, vocabulary: dict[str, int]) -> None:
        self._freq = vocabulary
        # Bucketed by first letter and length: a typo rarely hits the first letter,
        # and this keeps each lookup to a few thousand candidates (~0.2 ms).
        self._buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
        for word, freq in vocabulary.items():
            if freq >= RARE:
                self._buckets[(word[0], len(word))].append(word)

    def frequency(self, word: str) -> int:
        return self._freq.get(word, 0)

    def correct(self, word: str) -> str | None:
        """A common word close to a rare or unknown `word`, else None."""
        if len(word) < _MIN_LENGTH or not word.isalpha() or self.frequency(word) >= RARE:
            return None
        edits = 2 if len(word) >= _TWO_EDITS_FROM else 1
        candidates: list[str] = []
        for size in range(len(word) - edits, len(word) + edits + 1):
            candidates.extend(self._buckets.get((word[0], size), ()))
        matches = process.extract(
            word, candidates, scorer=OSA.distance, score_cutoff=edits, limit=5
        )
        if not matches:
            return None
        best = min(matches, key=lambda m: (m[1], -self._freq[m[0]]))
        return best[0]
