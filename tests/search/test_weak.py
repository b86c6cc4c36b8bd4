"""The "no good match" signal: off-topic questions are weak, answerable ones are not."""

from __future__ import annotations

import pytest

from bot.cables.library import Library
from bot.search.api import SearchFilters
from bot.search.engine import CableSearchEngine
from bot.search.query import MAX_WORDS


@pytest.mark.parametrize(
    "question",
    [
        "what is the recipe for lasagna?",
        "how do I reset my iphone password",
        "knitting patterns for a wool sweater",
    ],
)
def test_off_topic_question_is_weak(engine: CableSearchEngine, question: str) -> None:
    assert engine.search(question, SearchFilters(), limit=3).weak


def test_general_question_whose_words_never_meet_is_weak(engine: CableSearchEngine) -> None:
    # 07PARIS4357 ¶33 holds both words (political "capital", "France" sentences before),
    # so coverage is full; no sentence brings them together.
    result = engine.search("what is the capital of france", SearchFilters(), limit=3)
    assert result.hits[0].locator == "07PARIS4357 ¶33"
    ranking = engine.rank("what is the capital of france", SearchFilters(), limit=1)
    assert engine.coverage(ranking.parsed, ranking.paragraphs[0]) == 1.0
    assert result.weak


def test_a_word_only_the_cable_fields_hold_meets_the_others(
    engine: CableSearchEngine, library: Library
) -> None:
    # 08REYKJAVIK195 ¶8 never says "peacekeeping"; the cable's subject does.
    eighth = library.get("08REYKJAVIK195").paragraph("8")  # type: ignore[union-attr]
    assert eighth is not None and "peacekeep" not in eighth.text.lower()
    scoped = SearchFilters(ref_id="08REYKJAVIK195")
    result = engine.search("peacekeeping pacifist", scoped, limit=3)
    assert result.hits[0].locator == "08REYKJAVIK195 ¶8"
    assert not result.weak


def test_answerable_question_is_not_weak(engine: CableSearchEngine) -> None:
    result = engine.search("Chechenization Kadyrov warlord", SearchFilters(), limit=3)
    assert not result.weak


def test_question_of_stop_words_only_is_weak_with_no_hits(engine: CableSearchEngine) -> None:
    result = engine.search("what is the", SearchFilters(), limit=3)
    assert result.hits == []
    assert result.weak


def test_pasted_page_is_read_up_to_a_bound(engine: CableSearchEngine) -> None:
    pasted = "did Iceland's peacekeepers carry weapons? " + "Chechnya oil smuggling " * 3000
    head = " ".join(pasted.split()[:MAX_WORDS])
    assert engine.rank(pasted, SearchFilters(), 5) == engine.rank(head, SearchFilters(), 5)
