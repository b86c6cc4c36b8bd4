"""Paragraph vectors: stored and reused, encoded alike on one thread or two, built in the
background, and switched off."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import numpy as np
import pytest

from bot.cables.library import Library, in_memory_library
from bot.search import startup
from bot.search.api import SearchFilters
from bot.search.engine import CableSearchEngine
from bot.search.excerpt import sentences
from bot.search.semantic import encoder as encoder_module
from bot.search.semantic.builder import BackgroundBuilder
from bot.search.semantic.encoder import MAX_TOKENS, Encoder
from bot.search.semantic.store import FILE_NAME, VectorStore
from bot.search.semantic.vectors import ParagraphVectors
from bot.search.semantic.windows import flat, windows
from bot.search.startup import Loaded

QUESTION = "how badly were they hurt"


def test_windows_fit_the_encoder_and_cover_the_paragraph(
    library: Library, vectors: ParagraphVectors
) -> None:
    cable = library.get("07DUSHANBE313")
    assert cable is not None
    encoder = vectors.encoder
    for paragraph in cable.paragraphs:
        found = windows(cable, paragraph, encoder.token_counts)
        text = flat(paragraph.text)
        assert found[0].start == 0 and found[-1].end == len(text)
        assert all(a.end < b.start for a, b in itertools.pairwise(found))
        assert all(w.text.startswith(f"{cable.subject}.") for w in found)
        # Only a single sentence longer than the budget may exceed it (the encoder cuts it).
        for w in found:
            if len(sentences(text[w.start : w.end])) > 1:
                assert encoder.token_counts([w.text])[0] + 2 <= MAX_TOKENS


def test_vectors_are_reused_after_a_restart(
    library: Library, vector_dir: Path, vectors: ParagraphVectors
) -> None:
    cable = library.get("08REYKJAVIK195")
    assert cable is not None
    vectors.ensure(cable)
    before = vectors.in_cable(QUESTION, cable.ref_id)
    # A restart: a new encoder and vectors over the same store, and a reloaded library.
    reloaded = in_memory_library([cable])
    again = ParagraphVectors(reloaded, Encoder(), VectorStore(vector_dir / FILE_NAME))
    again.ensure(cable)
    assert again.encoder.encoded == 0
    after = again.in_cable(QUESTION, cable.ref_id)
    assert [m.index for m in after] == [m.index for m in before]
    assert np.allclose([m.cosine for m in after], [m.cosine for m in before], atol=1e-6)


def test_two_threads_and_the_memory_arena_change_no_vector_and_no_ranking(
    library: Library, vectors: ParagraphVectors, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 07PARIS2027 (32 paragraphs, some cut at MAX_TOKENS): the longest cable first asked.
    cable = library.get("07PARIS2027")
    assert cable is not None
    monkeypatch.setattr(encoder_module, "MEMORY_ARENA", False)
    before = Encoder()  # as vectors were made before: no arena, one text a call
    texts = [p.text for p in cable.paragraphs]
    serial = np.concatenate([before.encode([text]) for text in texts])
    assert np.array_equal(vectors.encoder.encode(texts, threads=2), serial)
    assert np.array_equal(vectors.encoder.encode(texts), serial)
    old = ParagraphVectors(library, before, VectorStore(None))
    old.ensure(cable, waiting=False)
    new = ParagraphVectors(library, vectors.encoder, VectorStore(None))
    new.ensure(cable)
    for question in (QUESTION, "who is responsible for this?", "what did the minister promise"):
        assert new.in_cable(question, cable.ref_id) == old.in_cable(question, cable.ref_id)


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: one thread encodes")
def test_a_cable_someone_waits_for_is_encoded_on_two_threads(
    library: Library, engine: CableSearchEngine
) -> None:
    cable = library.get("07TELAVIV2652")  # 53 windows: a second or so on one thread
    assert cable is not None
    vectors = ParagraphVectors(library, Encoder(), VectorStore(None))
    semantic = CableSearchEngine(library, engine.handle, vectors)
    semantic.ask("who is responsible for this?", SearchFilters(ref_id=cable.ref_id), 5)
    assert vectors.has(cable.ref_id)
    assert 0 < vectors.encoder.helped < vectors.encoder.encoded
    # The background build's cables: one thread, leaving the other core to the bot.
    other = library.get("08REYKJAVIK195")
    assert other is not None
    helped = vectors.encoder.helped
    builder = BackgroundBuilder(in_memory_library([other]), vectors)
    builder.start()
    assert builder.wait(60)
    assert vectors.has(other.ref_id)
    assert vectors.encoder.helped == helped


def test_a_changed_paragraph_is_encoded_again(
    library: Library, vectors: ParagraphVectors, tmp_path: Path
) -> None:
    cable = library.get("08REYKJAVIK195")
    assert cable is not None
    store = VectorStore(tmp_path / FILE_NAME)
    ParagraphVectors(library, vectors.encoder, store).ensure(cable)
    stored = store.count()
    edited = cable.model_copy(deep=True)
    edited.paragraphs[1].text += " An added sentence."
    fresh = ParagraphVectors(in_memory_library([edited]), Encoder(), store)
    fresh.ensure(edited)
    assert store.count() == stored + 1
    assert 0 < fresh.encoder.encoded <= 4


def test_the_background_build_covers_every_cable_and_stops(
    library: Library, vectors: ParagraphVectors, vector_dir: Path
) -> None:
    # Cables the other tests encode: the build reads them from the store, if they ran first.
    small = in_memory_library(c for c in library if c.ref_id in {"08REYKJAVIK195", "07DUSHANBE313"})
    built = ParagraphVectors(small, vectors.encoder, VectorStore(vector_dir / FILE_NAME))
    builder = BackgroundBuilder(small, built)
    builder.start()
    assert builder.wait(60)
    assert all(built.has(c.ref_id) for c in small)
    stopped = BackgroundBuilder(small, ParagraphVectors(small, vectors.encoder, VectorStore(None)))
    stopped.stop()  # before it starts: it ends at once, having built nothing
    stopped.start()
    assert not stopped.wait(10)


def test_semantic_off_gives_exactly_the_lexical_answers(
    library: Library, engine: CableSearchEngine, semantic: CableSearchEngine
) -> None:
    off = Loaded(library, index=engine.handle).engine(library, semantic=False)
    assert off.vectors is None
    scope = SearchFilters(ref_id="08REYKJAVIK195")
    for question in (QUESTION, "did Iceland's peacekeepers carry weapons?", "trafficking victims"):
        for filters in (scope, SearchFilters()):
            assert off.ask(question, filters, 5) == engine.search(question, filters, 5)
    assert off.ask(QUESTION, scope, 5) != semantic.ask(QUESTION, scope, 5)


def test_search_stays_by_words(engine: CableSearchEngine, semantic: CableSearchEngine) -> None:
    # `!search` is a word search (quoted phrases must stand together): never by meaning.
    for question in (QUESTION, '"chicken street" attack'):
        for filters in (SearchFilters(ref_id="08REYKJAVIK195"), SearchFilters()):
            assert semantic.search(question, filters, 5) == engine.search(question, filters, 5)


OFF_TOPIC = ("what is the recipe for lasagna?", "how do I train for my first marathon")


def test_off_topic_questions_are_still_weak(semantic: CableSearchEngine) -> None:
    for question in OFF_TOPIC:
        assert semantic.ask(question, SearchFilters(ref_id="07DUSHANBE313"), 3).weak
        assert semantic.ask(question, SearchFilters(), 3).weak


def test_a_large_library_gets_vectors_on_demand_only(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    small = in_memory_library(c for c in library if c.ref_id in {"08REYKJAVIK195", "07DUSHANBE313"})
    monkeypatch.setattr(startup, "BACKGROUND_MAX_CABLES", 1)  # "large": over one cable
    before = BackgroundBuilder._current
    vectors = startup.start_vectors(small, None)
    assert BackgroundBuilder._current is before  # no build started
    assert not vectors.has("08REYKJAVIK195")
    cable = small.get("08REYKJAVIK195")
    assert cable is not None
    vectors.ensure(cable)  # asked about: encoded now
    assert vectors.has("08REYKJAVIK195")
