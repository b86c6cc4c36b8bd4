"""The semantic engine over the bundled library: the session's index and a real encoder;
vectors are made on demand, for the few cables the tests ask about."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cables.library import Library
from bot.search.engine import CableSearchEngine
from bot.search.semantic.encoder import Encoder
from bot.search.semantic.store import FILE_NAME, VectorStore
from bot.search.semantic.vectors import ParagraphVectors


@pytest.fixture(scope="session")
def vector_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("vectors")


@pytest.fixture(scope="session")
def vectors(library: Library, vector_dir: Path) -> ParagraphVectors:
    return ParagraphVectors(library, Encoder(), VectorStore(vector_dir / FILE_NAME))


@pytest.fixture(scope="session")
def semantic(
    library: Library, engine: CableSearchEngine, vectors: ParagraphVectors
) -> CableSearchEngine:
    """The session engine's index, ranking by meaning too."""
    return CableSearchEngine(library, engine.handle, vectors)
