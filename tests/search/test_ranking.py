"""Key questions land on the paragraph that answers them, on the real bundled cables."""

from __future__ import annotations

import pytest

from bot.search.api import SearchFilters
from bot.search.engine import CableSearchEngine


def _top_text(engine: CableSearchEngine, question: str, ref_id: str | None = None) -> str:
    result = engine.search(question, SearchFilters(ref_id=ref_id), limit=3)
    assert result.hits, question
    return result.hits[0].excerpt.replace("**", "")


@pytest.mark.parametrize(
    ("question", "ref_id", "expected"),
    [
        ("who is the typical trafficker?", "07DUSHANBE313", "typical trafficker is a middle-aged"),
        ("did Iceland's peacekeepers carry weapons?", None, "carry"),
        ("How many F-4E aircraft did the Shah want in 1972?", None, "16"),
        ("How does the FSB use sting companies against Iran?", None, "sting companies"),
        ("Did NATO extend Eagle Guardian to the Baltic states?", None, "EAGLE GUARDIAN"),
    ],
)
def test_key_questions_land_first(
    engine: CableSearchEngine, question: str, ref_id: str | None, expected: str
) -> None:
    assert expected in _top_text(engine, question, ref_id)


def test_question_naming_a_country_is_steered_to_its_cable(engine: CableSearchEngine) -> None:
    result = engine.search("did Iceland's peacekeepers carry weapons?", SearchFilters(), 3)
    assert result.hits[0].ref_id == "08REYKJAVIK195"
    assert not result.weak


def test_typo_is_corrected_and_reported(engine: CableSearchEngine) -> None:
    result = engine.search("trafficing victims shelters Tajikistan", SearchFilters(), 3)
    assert result.corrected_query == "trafficking victims shelters Tajikistan"
    assert result.hits[0].ref_id == "07DUSHANBE313"


def test_abbreviation_finds_the_spelled_out_form(engine: CableSearchEngine) -> None:
    # The paragraph spells out "International Organization for Migration", never "IOM".
    text = _top_text(engine, "IOM shelters for victims", "07DUSHANBE313")
    assert "International Organization" in text


def test_dotted_abbreviation_matches_the_plain_one(engine: CableSearchEngine) -> None:
    plain = engine.rank("UAE extradition agreement", SearchFilters(ref_id="07DUSHANBE313"), 3)
    dotted = engine.rank("U.A.E. extradition agreement", SearchFilters(ref_id="07DUSHANBE313"), 3)
    assert plain.paragraphs == dotted.paragraphs


def test_rare_word_of_the_cables_is_not_corrected(engine: CableSearchEngine) -> None:
    # "IIAF" (Imperial Iranian Air Force) is in one 1972 cable only: kept as typed.
    result = engine.search("IIAF manpower strain", SearchFilters(), 3)
    assert result.corrected_query is None
    assert result.hits[0].ref_id == "72TEHRAN1164"
    assert "**IIAF**" in result.hits[0].excerpt
