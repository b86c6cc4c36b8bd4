"""Healing the cache while the bot runs: a damaged store or index is rebuilt from the
inputs in a background thread, one rebuild of each at a time.

The command that found the damage waits a little (a small library is rebuilt by then
and the command answered from the new copy); otherwise it, and every command that
needs the part being rebuilt, is told to try again in about the time left.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable

from bot.cables.damage import CacheDamaged
from bot.chat.errors import UserError

log = logging.getLogger(__name__)

# How long the command that found the damage waits for the rebuild before replying.
WAIT_SECONDS = 5.0
# Rough rebuild speed, for the "try again in" estimate (a 2-core machine parses and
# indexes about 2,300 cables a second; docs/scale.md).
CABLES_PER_SECOND = 2_000
# A part rebuilt this recently and found damaged again is not rebuilt again: the fault
# is then in the code, not the file, and rebuilding over and over would not fix it.
QUIET_SECONDS = 600.0


# The parts of the cache (`CacheDamaged.what`) as the user and the log name them.
NAMES = {"store": "cable store", "index": "search index"}


class Rebuilding(UserError):
    """The part of the cache a command needs is being rebuilt."""

    def __init__(self, what: str, seconds: int) -> None:
        super().__init__(
            f"The {NAMES.get(what, what)} was damaged and is being rebuilt from the library"
            f" files; try again in about {seconds} s."
        )


class _Rebuild:
    def __init__(self, what: str, run: Callable[[], None], estimate: float) -> None:
        self.what = what
        self.started = time.monotonic()
        self.estimate = estimate
        self.failed = False
        self._done = threading.Event()
        threading.Thread(target=self._run, args=(run,), name=f"rebuild-{what}", daemon=True).start()

    def _run(self, run: Callable[[], None]) -> None:
        try:
            run()
        except Exception:
            self.failed = True
            log.exception("rebuilding the %s failed", NAMES.get(self.what, self.what))
        finally:
            self._done.set()

    def wait(self, seconds: float) -> bool:
        return self._done.wait(seconds)

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def busy(self) -> Rebuilding:
        left = self.estimate - (time.monotonic() - self.started)
        return Rebuilding(self.what, max(5, math.ceil(left)))


class Repairs:
    """The rebuilds of one state: at most one running per part ("store", "index")."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rebuilds: dict[str, _Rebuild] = {}

    def running(self, what: str) -> _Rebuild | None:
        with self._lock:
            rebuild = self._rebuilds.get(what)
        return rebuild if rebuild is not None and not rebuild.done else None

    def repair(self, damage: CacheDamaged, run: Callable[[], None] | None, cables: int) -> None:
        """Rebuild what `damage` names with `run`; return once rebuilt, or raise Rebuilding
        while it runs. `damage` itself is raised again when it cannot be healed here
        (nothing to rebuild from, the rebuild failed, or the part was just rebuilt)."""
        with self._lock:
            rebuild = self._rebuilds.get(damage.what)
            if rebuild is None or rebuild.done:
                recent = rebuild is not None and time.monotonic() - rebuild.started < QUIET_SECONDS
                if run is None or recent:
                    raise damage
                name = NAMES.get(damage.what, damage.what)
                log.warning("the %s is unreadable (%s); rebuilding it", name, damage)
                estimate = cables / CABLES_PER_SECOND
                rebuild = self._rebuilds[damage.what] = _Rebuild(damage.what, run, estimate)
        if not rebuild.wait(WAIT_SECONDS):
            raise rebuild.busy()
        if rebuild.failed:
            raise damage
