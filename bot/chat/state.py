"""What every handler works on: the loaded library, settings, and the search engine."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.cables.damage import CacheDamaged
from bot.cables.library import Library
from bot.chat.repairs import Repairs
from bot.search.api import SearchEngine
from bot.search.startup import load_searchable
from config.settings import Settings

EngineFactory = Callable[[Library], SearchEngine]
LibraryFactory = Callable[[], Library]


@dataclass(slots=True)
class AppState:
    library: Library
    settings: Settings = field(default_factory=Settings)
    # Opening the engine may build an index: done on first use, so `!cable` never waits for it.
    engine_factory: EngineFactory | None = None
    # Rebuilds the library's store from its inputs when it is found damaged; None: no store.
    library_factory: LibraryFactory | None = None
    _engine: SearchEngine | None = field(default=None, init=False, repr=False)
    # Front ends may ask from several threads at once; the index is still built only once.
    _opening: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _repairs: Repairs = field(default_factory=Repairs, init=False, repr=False)

    def engine(self) -> SearchEngine | None:
        """The search engine, opened once; None when this state has none. Raises
        Rebuilding while a damaged index is being rebuilt."""
        rebuild = self._repairs.running("index")
        if rebuild is not None:
            raise rebuild.busy()
        with self._opening:
            if self._engine is None and self.engine_factory is not None:
                self._engine = self.engine_factory(self.library)
        return self._engine

    def repair(self, damage: CacheDamaged) -> None:
        """Rebuild the part of the cache `damage` names (see `Repairs.repair`): returns
        once it is rebuilt, so the command can be run again."""
        rebuilds = {
            "store": self._rebuild_store if self.library_factory is not None else None,
            "index": self._rebuild_index if self.engine_factory is not None else None,
        }
        self._repairs.repair(damage, rebuilds.get(damage.what), len(self.library))

    def _rebuild_index(self) -> None:
        assert self.engine_factory is not None
        with self._opening:
            self._engine = None  # the damaged one is never searched again
        engine = self.engine_factory(self.library)
        with self._opening:
            self._engine = engine

    def _rebuild_store(self) -> None:
        assert self.library_factory is not None
        library = self.library_factory()
        with self._opening:
            self.library = library
            self._engine = None  # it searched the old library; reopened over the new one


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
    rebuild = loaded.rebuild if loaded.folder is not None else None
    return AppState(loaded.library, settings, loaded.engine, rebuild)
