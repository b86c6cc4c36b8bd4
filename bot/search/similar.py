"""More like this: a query made of a passage's most distinctive words.

`distinctive_terms` picks the words that tell the passage apart (frequent in it, rare in
the library: tf x idf); `similar_query` is the one place the BM25 query is built from
them, so another ranker (a semantic one) can be fused with it later.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence

import tantivy

from bot.search.query import Term, _any_form
from bot.search.variants import Variants

# Words of a passage that make its query: enough to say what it is about, few enough
# that a paragraph sharing its rarest words wins over one sharing its common ones.
SIMILAR_TERMS = 16
# A paragraph must share this many of them: one rare word (a name, a place) in common
# is a coincidence, not a likeness.
SHARED_TERMS = 3


def distinctive_terms(
    stems: Iterable[str], idf: Callable[[str], float], count: int = SIMILAR_TERMS
) -> list[tuple[str, float]]:
    """The `count` stems with the highest tf x idf, with that weight (the best's 1), best
    first;
    numbers (dates, serials, paragraph numbers) are left out: they tie cables by
    accident, not by subject."""
    counts = Counter(stem for stem in stems if stem.isalpha())
    weighted = [(stem, tf * idf(stem)) for stem, tf in counts.items()]
    weighted.sort(key=lambda item: (-item[1], item[0]))
    best = weighted[0][1] if weighted and weighted[0][1] > 0 else 1.0
    # Relative to the best: a long passage's counts would otherwise make huge boosts.
    return [(stem, weight / best) for stem, weight in weighted[:count]]


def similar_query(
    schema: tantivy.Schema,
    terms: Sequence[tuple[str, float]],
    variants: Variants,
    exclude_ref_id: str,
) -> tantivy.Query:
    """Paragraphs holding at least SHARED_TERMS of `terms` (any form of each word), each
    term boosted by its weight, from any cable but `exclude_ref_id`."""
    clauses = [
        (
            tantivy.Occur.Should,
            tantivy.Query.boost_query(_any_form(schema, Term(0, stem, stem), variants), weight),
        )
        for stem, weight in terms
    ]
    clauses.append((tantivy.Occur.MustNot, tantivy.Query.term_query(schema, "ref", exclude_ref_id)))
    return tantivy.Query.boolean_query(
        clauses, minimum_number_should_match=min(SHARED_TERMS, len(terms))
    )
