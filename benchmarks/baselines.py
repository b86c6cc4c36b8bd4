"""Two reference rankers over the same paragraphs, to show what the engine adds.

- plain BM25 (rank-bm25, the `bench` extra) on lower-cased words, no stemming,
  no abbreviations, no typo tolerance, no cable fields;
- rapidfuzz alone: token-set similarity between question and paragraph.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

from rank_bm25 import BM25Okapi
from rapidfuzz import fuzz, process

from bot.cables.library import Library
from bot.search.text import words

Key = tuple[str, int]  # (cable id, paragraph index)


class Baseline(ABC):
    name = ""

    def __init__(self, library: Library) -> None:
        self.keys: list[Key] = []
        self.texts: list[str] = []
        for ref_id in library.ids():
            cable = library.get(ref_id)
            for i, paragraph in enumerate(cable.paragraphs if cable else []):
                self.keys.append((ref_id, i))
                self.texts.append(paragraph.text)

    @abstractmethod
    def rank(self, question: str, ref_id: str | None, limit: int) -> list[Key]: ...

    def _candidates(self, ref_id: str | None) -> list[int]:
        if ref_id is None:
            return list(range(len(self.keys)))
        return [i for i, key in enumerate(self.keys) if key[0] == ref_id]


class PlainBM25(Baseline):
    name = "plain BM25"

    def __init__(self, library: Library) -> None:
        super().__init__(library)
        self._bm25 = BM25Okapi([words(text) or [""] for text in self.texts])

    def rank(self, question: str, ref_id: str | None, limit: int) -> list[Key]:
        scores = self._bm25.get_scores(words(question))
        chosen = sorted(self._candidates(ref_id), key=lambda i: -scores[i])[:limit]
        return [self.keys[i] for i in chosen]


class FuzzyOnly(Baseline):
    name = "rapidfuzz only"

    def __init__(self, library: Library) -> None:
        super().__init__(library)
        self._lowered = [text.lower() for text in self.texts]

    def rank(self, question: str, ref_id: str | None, limit: int) -> list[Key]:
        candidates = self._candidates(ref_id)
        found = process.extract(
            question.lower(),
            [self._lowered[i] for i in candidates],
            scorer=fuzz.token_set_ratio,
            limit=limit,
        )
        return [self.keys[candidates[position]] for _, _, position in found]
