"""Excerpts: best sentences, matched words in bold, bounded, never cut inside a word."""

from __future__ import annotations

import re

from bot.cables.library import Library
from bot.search.api import SearchFilters
from bot.search.engine import CableSearchEngine
from bot.search.excerpt import LIMIT, excerpt
from bot.search.text import stem

_BOLD = re.compile(r"\*\*(.+?)\*\*")


def _plain(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text.replace("**", "")).strip("…")


def _terms(*words: str) -> dict[str, float]:
    return {t: 1.0 for t in (stem(w) for w in words) if t is not None}


def test_long_paragraph_excerpt_is_bounded_and_cut_on_word_boundaries(library: Library) -> None:
    cable = library.get("07DUSHANBE313")
    assert cable is not None
    for paragraph in cable.paragraphs:
        text = " ".join(paragraph.text.split())
        cut = excerpt(paragraph.text, _terms("trafficker", "woman"))
        plain = _plain(cut)
        assert len(plain) <= LIMIT + 2
        assert plain in text
        start = text.index(plain)
        end = start + len(plain)
        assert start == 0 or not text[start - 1].isalnum()
        assert end == len(text) or not text[end].isalnum()


def test_matched_words_are_bold_and_adjacent_matches_share_one_pair(library: Library) -> None:
    cable = library.get("07DUSHANBE313")
    assert cable is not None
    paragraph = next(p for p in cable.paragraphs if "typical trafficker" in p.text)
    cut = excerpt(paragraph.text, _terms("typical", "trafficker"))
    assert "**typical trafficker**" in cut
    assert all(stem(w) in {"typic", "traffick"} for b in _BOLD.findall(cut) for w in b.split())


def test_best_sentence_is_chosen_not_the_first(library: Library) -> None:
    cable = library.get("08REYKJAVIK195")
    assert cable is not None
    paragraph = next(p for p in cable.paragraphs if "Daily Show" in p.text)
    cut = excerpt(paragraph.text, _terms("lampooned", "embarassment"))
    assert cut.startswith("…")
    assert "**lampooned**" in cut


def test_markdown_characters_in_the_text_are_escaped() -> None:
    cut = excerpt("Members marked * serve_twice; see the *list*.", _terms("members"))
    assert cut == "**Members** marked \\* serve\\_twice; see the \\*list\\*."


def test_every_hit_excerpt_highlights_something(engine: CableSearchEngine) -> None:
    result = engine.search("Chechnya contraband oil", SearchFilters(), limit=5)
    assert result.hits
    assert all(_BOLD.search(hit.excerpt) for hit in result.hits)
