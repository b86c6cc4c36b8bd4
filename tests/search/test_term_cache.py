"""The re-ranking caches keep up to 20,000 paragraphs' index terms for the engine's life.
Kept as frozensets they were walked by every full collection of the cyclic collector,
with the GIL held: 380-490 ms a collection once full at full scale (benchmarks in
docs/scale.md). Kept as dicts of strings, the collector does not track them."""

from __future__ import annotations

import gc

from bot.search.api import SearchFilters
from bot.search.engine import CableSearchEngine

SEED_ID = "07DUSHANBE313"


def test_cached_index_terms_are_not_walked_by_the_collector(engine: CableSearchEngine) -> None:
    result = engine.search("who is the typical trafficker?", SearchFilters(ref_id=SEED_ID))
    assert result.hits
    for index in range(3):
        terms = engine._terms(SEED_ID, index)  # what the coverage re-rank looked up
        cached = engine._text_terms(SEED_ID, index)  # what `together` looked up
        assert cached is not None
        own, by_sentence = cached
        assert terms and own and by_sentence
        for each in (terms, own, *by_sentence):
            assert not gc.is_tracked(each)
    assert "traffick" in engine._terms(SEED_ID, 0)
