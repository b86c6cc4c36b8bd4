"""Reading a question: abbreviations both ways, stop words, typos."""

from __future__ import annotations

from bot.search.query import parse
from bot.search.spelling import Speller


def _alternatives(question: str, speller: Speller | None = None) -> set[tuple[str, ...]]:
    parsed = parse(question, speller or Speller({}))
    return {tuple(t.stem for t in alt) for c in parsed.concepts for alt in c.alternatives}


def test_spelled_out_form_also_searches_its_abbreviation() -> None:
    assert ("iom",) in _alternatives("International Organization for Migration shelters")


def test_abbreviation_also_searches_its_spelled_out_form() -> None:
    assert ("internat", "organiz", "migrat") in _alternatives("IOM shelters")


def test_word_abbreviations_expand_only_in_capitals() -> None:
    assert ("traffick", "person") in _alternatives("TIP report")
    assert ("traffick", "person") not in _alternatives("a tip from a source")


def test_question_words_are_not_searched() -> None:
    assert _alternatives("who is the typical trafficker?") == {
        ("typic",),
        ("traffick",),
        ("typic", "traffick"),
    }


def test_unknown_word_is_corrected_and_reported() -> None:
    speller = Speller({"trafficking": 40, "victims": 30})
    parsed = parse("trafficing victims?", speller)
    assert parsed.corrected == "trafficking victims?"
