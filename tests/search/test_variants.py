"""Unstemmed paragraph text is reached by stem: every form the cables use counts."""

from __future__ import annotations

from bot.cables.library import Library
from bot.search.api import SearchFilters
from bot.search.engine import CableSearchEngine
from bot.search.variants import Variants


def test_a_stem_reaches_each_form_weighted_to_the_stems_idf() -> None:
    variants = Variants({"trafficking": 40, "traffickers": 10, "trafficked": 5, "the": 900}, 1000)
    forms = dict(variants.forms("traffick", "trafficker"))
    assert set(forms) == {"trafficking", "traffickers", "trafficked"}
    assert forms["trafficking"] == 1.0  # the most used form keeps its own idf
    assert forms["trafficked"] < forms["traffickers"] < 1.0  # rarer forms are not favoured
    assert variants.paragraphs("traffick") == 40
    assert variants.paragraphs("the") is None  # a stop word is never searched
    assert variants.forms("1975", "1975") == (("1975", 1.0),)


def test_a_question_word_finds_paragraphs_that_use_another_form(
    engine: CableSearchEngine, library: Library
) -> None:
    ranking = engine.rank("traffickers", SearchFilters(ref_id="07DUSHANBE313"), 20)
    cable = library.get("07DUSHANBE313")
    assert cable is not None
    texts = [cable.paragraphs[found.index].text.lower() for found in ranking.paragraphs]
    assert any("trafficking" in text and "trafficker" not in text for text in texts)
    assert "trafficker" in texts[0]  # the word as typed counts extra
