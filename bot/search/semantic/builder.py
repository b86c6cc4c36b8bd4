"""The background build: every cable's vectors, read from the store or encoded, at low
priority after start, so the bot answers by meaning everywhere once it is done. One
build runs at a time: a reload's new build stops the old one."""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import threading
import time

from bot.cables.library import Library
from bot.search.semantic.heap import release_freed_memory
from bot.search.semantic.vectors import ParagraphVectors

log = logging.getLogger(__name__)

# The lowest CPU priority: a command's own encoding and search go first.
_NICE = 19


class BackgroundBuilder:
    _current: BackgroundBuilder | None = None
    _switch = threading.Lock()

    def __init__(self, library: Library, vectors: ParagraphVectors) -> None:
        self._library = library
        self._vectors = vectors
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="vector-build", daemon=True)
        self.finished_at: float | None = None
        self.started_at = 0.0

    def start(self) -> None:
        with BackgroundBuilder._switch:
            if BackgroundBuilder._current is not None:
                BackgroundBuilder._current.stop()
            BackgroundBuilder._current = self
        self.started_at = time.perf_counter()
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop after the cable being encoded (a second or so)."""
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    @property
    def done(self) -> bool:
        return self.finished_at is not None

    def wait(self, timeout: float | None = None) -> bool:
        self._thread.join(timeout)
        return self.done

    def _run(self) -> None:
        # Linux gives each thread its own nice value; elsewhere the build just runs.
        with contextlib.suppress(OSError, AttributeError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), _NICE)
        try:
            for cable in self._library:
                if self._stop.is_set():
                    return
                self._vectors.ensure(cable, waiting=False)
        except Exception:  # the bot goes on answering lexically where vectors are missing
            log.exception("building paragraph vectors failed")
            return
        # Reading the store churns memory too (a restart encodes nothing).
        release_freed_memory()
        self.finished_at = time.perf_counter()
        log.info(
            "paragraph vectors of %d cables ready in %.1f s",
            self._vectors.cables_done,
            self.finished_at - self.started_at,
        )


@atexit.register
def _stop_at_exit() -> None:
    current = BackgroundBuilder._current
    if current is not None:
        current.stop()
