"""The "no good match" signal: off-topic questions are weak, answerable ones are not."""

from __future__ import annotations

import pytest

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
