"""What every handler works on: the loaded library, settings, and the search engine."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.cables.library import Library
from bot.search.api import SearchEngine
from bot.search.startup import load_searchable
from config.settings import Settings

EngineFactory = Callable[[Library], SearchEngine]


@dataclass(slots=True)
class AppState:
    library: Library
    settings: Settings = field(default_factory=Settings)
    # Opening the engine may build an index: done on first use, so `!cable` never waits for it.
    engine_factory: EngineFactory | None = None
    _engine: SearchEngine | None = field(default=None, init=False, repr=False)
    # Front ends may ask from several threads at once; the index is still built only once.
    _opening: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def engine(self) -> SearchEngine | None:
        """The search engine, opened once; None when this state has none."""
        with self._opening:
            if self._engine is None and self.engine_factory is not None:
                self._engine = self.engine_factory(self.library)
        return self._engine


def load_state(settings: Settings, progress: bool = False) -> AppState:
    """Load the configured library; with `progress`, report on stderr how it went."""
    started = time.perf_counter()
    if progress:
        paths = ", ".join(str(p) for p in settings.library_paths)
        print(f"Loading cables from {paths} ...", file=sys.stderr, flush=True)
    loaded = load_searchable(
        settings.library_paths,
        settings.cache_dir,
        progress=progress,
        limits=settings.input_limits(),
    )
    if progress:
        seconds = time.perf_counter() - started
        count = len(loaded.library)
        print(f"Loaded {count:,} cables in {seconds:.1f} s.", file=sys.stderr, flush=True)
    cache_dir = settings.cache_dir
    return AppState(loaded.library, settings, lambda _library: loaded.engine(cache_dir))
