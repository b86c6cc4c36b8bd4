"""Every form of a word that the cables use, found by its stem.

Paragraph text is indexed as written (lower-cased, stop words out), which costs
half of indexing stems plus exact words; a question's word reaches the text
through all the words that share its stem, so "trafficker" still finds
"trafficking" and "trafficked", and the word as typed can count for more.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from bot.search.text import stemmed_analyzer


def idf(paragraphs: float, total: int) -> float:
    """BM25's inverse document frequency, as tantivy computes it."""
    paragraphs = min(paragraphs, total)
    return math.log(1.0 + (total - paragraphs + 0.5) / (paragraphs + 0.5))


class Variants:
    """The index's words grouped by stem, with each stem's paragraph count (estimated).

    Each form is searched with a weight that gives it its stem's idf, not its own:
    searching every form of "traffick" must score as searching the stem did, not
    favour whichever rare spelling a paragraph happens to use.
    """

    def __init__(self, vocabulary: Mapping[str, int], total: int) -> None:
        analyzer = stemmed_analyzer()
        forms: dict[str, list[str]] = {}
        self._paragraphs: dict[str, int] = {}
        for word, count in vocabulary.items():
            stems = analyzer.analyze(word)
            if len(stems) != 1:
                continue  # a stop word or an over-long one: never searched
            forms.setdefault(stems[0], []).append(word)
            self._paragraphs[stems[0]] = max(self._paragraphs.get(stems[0], 0), count)
        self._forms = {
            stem: tuple(
                (word, idf(self._paragraphs[stem], total) / idf(vocabulary[word], total))
                for word in sorted(words)
            )
            for stem, words in forms.items()
        }

    def forms(self, stem: str, word: str) -> tuple[tuple[str, float], ...]:
        """The indexed words reducing to `stem`, each with its weight; else `word` itself
        (numbers and codes such as "1975" or "h5n1" are not in the vocabulary, which
        holds letters only)."""
        return self._forms.get(stem, ((word, 1.0),))

    def paragraphs(self, stem: str) -> int | None:
        """Paragraphs holding `stem`'s most used form, or None for a stem the vocabulary
        does not know. The forms of a word mostly share paragraphs, so this lower
        bound of the true count ranks better (`make eval`) than their sum."""
        return self._paragraphs.get(stem)
