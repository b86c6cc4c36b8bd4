"""Quoted phrases: the paragraph's own text (or heading) must hold the words in order;
the cable's fields steer unquoted words only."""

from __future__ import annotations

import re

from bot.cables.library import Library
from bot.search.api import SearchFilters
from bot.search.engine import CableSearchEngine

REYKJAVIK = SearchFilters(ref_id="08REYKJAVIK195")


def _paragraphs(engine: CableSearchEngine, query: str, filters: SearchFilters) -> list[str]:
    return [hit.locator for hit in engine.search(query, filters, limit=10).hits]


def test_quoted_phrase_matches_only_paragraphs_that_say_it(engine: CableSearchEngine) -> None:
    # Unquoted, paragraphs holding either word match too ("street" alone elsewhere);
    # quoted, only the two whose text says "chicken street".
    quoted = ["08REYKJAVIK195 ¶2", "08REYKJAVIK195 ¶3"]
    loose = _paragraphs(engine, "chicken street", SearchFilters())
    assert loose[:2] == quoted and len(loose) > 2
    assert _paragraphs(engine, '"chicken street"', REYKJAVIK) == quoted
    assert _paragraphs(engine, '"chicken street"', SearchFilters()) == quoted
    # Curly quotes, and a closing quote left off, mean the same.
    assert _paragraphs(engine, "“chicken street”", REYKJAVIK) == quoted
    assert _paragraphs(engine, '"chicken street', REYKJAVIK) == quoted


def test_quoted_words_must_be_in_that_order(engine: CableSearchEngine) -> None:
    assert _paragraphs(engine, '"street chicken"', SearchFilters()) == []


def test_quoted_word_is_meant_as_written(engine: CableSearchEngine) -> None:
    assert engine.search("trafficing", SearchFilters()).corrected_query == "trafficking"
    quoted = engine.search('"trafficing"', SearchFilters())
    assert quoted.corrected_query is None


def test_a_phrase_skips_stop_words_but_keeps_their_places(
    engine: CableSearchEngine, library: Library
) -> None:
    ranking = engine.rank('"minister of foreign affairs"', SearchFilters(), limit=10)
    [[phrase]] = ranking.parsed.phrases
    assert [term.offset for term in phrase] == [0, 2, 3]
    # "Minister for Foreign Affairs" (08REYKJAVIK195) has a stop word in that place too.
    assert len(ranking.paragraphs) == 10
    for found in ranking.paragraphs:
        cable = library.get(found.ref_id)
        assert cable is not None
        text = " ".join(cable.paragraphs[found.index].text.lower().split())
        assert re.search(r"minister \w+ foreign affairs", text), found
