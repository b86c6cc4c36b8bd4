"""Answers that share no words with the question are found by meaning."""

from __future__ import annotations

import pytest

from benchmarks.devset import load_devset
from bot.cables.library import Library
from bot.chat.replies import AnswerReply
from bot.chat.state import AppState
from bot.render import terminal
from bot.search import engine as engine_module
from bot.search import in_cable
from bot.search.api import SearchFilters
from bot.search.engine import CableSearchEngine
from handlers.dispatch import dispatch
from tests.discord.shared import offline_settings

# 08REYKJAVIK195 ¶2: "three Icelandic peacekeepers ... were injured in a suicide bombing".
HURT = "how badly were they hurt"
ICELAND = SearchFilters(ref_id="08REYKJAVIK195")


def test_paraphrase_missed_by_bm25_is_found_by_meaning(
    engine: CableSearchEngine, semantic: CableSearchEngine
) -> None:
    assert not engine.search(HURT, ICELAND, 3).hits  # BM25 finds no word in common
    best = semantic.ask(HURT, ICELAND, 3).hits[0]
    assert best.label == "2"
    assert best.by_meaning
    # The excerpt is the sentence that matched, with nothing to bold.
    assert "were injured in a suicide bombing" in best.excerpt
    assert "**" not in best.excerpt


def test_answers_sharing_the_question_s_words_are_not_marked(semantic: CableSearchEngine) -> None:
    result = semantic.ask(
        "did Iceland's peacekeepers carry weapons?", SearchFilters(ref_id="08REYKJAVIK195"), 3
    )
    assert not result.weak
    assert result.hits[0].label == "2"
    assert not result.hits[0].by_meaning
    assert "**carrying weapons**" in result.hits[0].excerpt


def test_the_reply_says_an_answer_came_by_meaning(
    library: Library, semantic: CableSearchEngine
) -> None:
    state = AppState(library, offline_settings(), lambda _library: semantic)
    reply = dispatch(state, f"!ask 08REYKJAVIK195 {HURT}")
    assert isinstance(reply, AnswerReply)
    assert reply.hits[0].by_meaning
    shown = "\n".join(terminal.answer(reply, 100))
    assert "1. 08REYKJAVIK195 ¶2" in shown
    assert "(found by meaning, not shared words)" in shown.split("\n2.")[0]


def test_dev_question_fused_beats_the_lexical_engine(
    engine: CableSearchEngine, semantic: CableSearchEngine
) -> None:
    # A dev-set question whose gold (¶B and ¶C: "The penalty for traffickers of people
    # for sexual ...") the lexical engine ranks below ¶D (the penalty for rape).
    question = "penalty for sex trafficking and labor trafficking in Tajikistan"
    scope = SearchFilters(ref_id="07DUSHANBE313")
    gold = {"07DUSHANBE313 ¶INVESTIGATION.B", "07DUSHANBE313 ¶INVESTIGATION.C"}
    assert engine.search(question, scope, 1).hits[0].locator not in gold
    assert semantic.ask(question, scope, 1).hits[0].locator in gold


def test_library_wide_every_paragraph_of_an_encoded_cable_is_scored_by_meaning(
    library: Library, semantic: CableSearchEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A dev question whose lexical best (06MOSCOW5645 ¶4, a long cable) was outside the
    # encoder's top while other paragraphs of its cable were in it: it fused with its
    # words alone (a full 1.0) and outranked every answer found by meaning too. With
    # the few cables the tests encode, a short encoder's top gives that case.
    monkeypatch.setattr(engine_module, "DENSE_CANDIDATES", 3)
    assert semantic.vectors is not None
    cable = library.get("06MOSCOW5645")
    assert cable is not None
    semantic.vectors.ensure(cable)
    question = (
        "Why did Russian officers want to stay deployed in the frozen conflicts "
        "of the former Soviet Union?"
    )
    ranked = semantic.rank(question, SearchFilters(), 10, meaning=True).paragraphs
    assert any(r.ref_id == "06MOSCOW5645" for r in ranked)
    assert all(r.dense is not None for r in ranked if semantic.vectors.has(r.ref_id))


@pytest.mark.parametrize(
    ("ref_id", "question"),
    [
        ("07DUSHANBE313", "penalty for sex trafficking and labor trafficking in Tajikistan"),
        ("10STATE17263", "Who led the Russian delegation in the joint threat assessment talks?"),
        ("10STATE17263", "Taepo Dong-2 test launch failure in 2006"),
    ],
)
def test_library_wide_a_cable_s_paragraphs_come_in_its_own_order(
    library: Library, semantic: CableSearchEngine, ref_id: str, question: str
) -> None:
    # Dev questions whose cable led library-wide with another of its paragraphs first
    # than inside it, once the dev set's cables are encoded: min-max scaling over the
    # whole library's candidates ordered the cable's own paragraphs differently.
    assert semantic.vectors is not None
    for dev_cable in sorted({item.ref_id for item in load_devset() if item.ref_id}):
        found = library.get(dev_cable)
        assert found is not None
        semantic.vectors.ensure(found)
    inside = semantic.rank(question, SearchFilters(ref_id=ref_id), 3, meaning=True).paragraphs
    everywhere = semantic.rank(question, SearchFilters(), 10, meaning=True).paragraphs
    assert everywhere[0].ref_id == ref_id
    of_cable = [(r.ref_id, r.index) for r in everywhere if r.ref_id == ref_id]
    assert of_cable[: len(inside)] == [(r.ref_id, r.index) for r in inside][: len(of_cable)]


def test_in_a_cable_its_topic_words_do_not_outweigh_the_answer(
    semantic: CableSearchEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A dev question: ¶PREVENTION.G names the head ("the head of the inter-agency
    # commission, ... Abdurahmon Azimov"); ¶INVESTIGATION.L only quotes him, but repeats
    # "trafficking", a word every paragraph of this trafficking report holds.
    question = "Who heads Tajikistan's inter-agency commission on trafficking?"
    scope = SearchFilters(ref_id="07DUSHANBE313")
    answer = "07DUSHANBE313 ¶PREVENTION.G"
    found = [hit.locator for hit in semantic.ask(question, scope, 3).hits]
    assert answer in found
    monkeypatch.setattr(in_cable, "FLOOR", 1.0)  # every word at its library weight
    assert answer not in [hit.locator for hit in semantic.ask(question, scope, 3).hits]
