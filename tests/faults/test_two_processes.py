"""Bots sharing one CACHE_DIR, with other libraries or the same one, run side by side:
what one process builds or tidies never takes away the store or index another uses."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from bot.chat.state import AppState
from tests.faults.cache_scenes import (
    CABLE,
    CABLEBOT,
    COMMANDS,
    chat,
    chat_env,
    copy_seeds,
    debris,
    index_folders,
    opened,
    replies,
    stored,
)

T = TypeVar("T")


def _in_new_thread(work: Callable[[], T]) -> T:
    """`work` on a thread that never ran before, as a bot's handler threads do (each
    opens its own connection to the store)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(work).result()


def _answers(state: AppState) -> list[str]:
    return _in_new_thread(lambda: replies(state))


def _stores(cache: Path) -> list[Path]:
    return sorted(cache.glob("library/*/cables-*.sqlite"))


def test_a_bot_with_another_library_leaves_the_running_bots_cache_alone(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    mine = copy_seeds(tmp_path / "mine", first=0)
    theirs = copy_seeds(tmp_path / "theirs", first=60)
    running = opened(mine, cache)
    before = replies(running)
    store, index = stored(running.library).store.path, index_folders(cache)
    # The other bot's first start (parse, index, tidy), then a second one.
    their_reply = chat(theirs, cache, f"!cable {CABLE}")
    assert chat(theirs, cache, f"!cable {CABLE}") == their_reply
    assert store.is_file() and set(index) <= set(index_folders(cache))
    assert len(_stores(cache)) == 2
    for _ in range(3):
        assert _answers(running) == before


class _RunningChat:
    """`cablebot chat --json` kept running, answering one line at a time."""

    def __init__(self, library: Path, cache: Path) -> None:
        self.process = subprocess.Popen(
            [str(CABLEBOT), "chat", "--json"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=chat_env(library, cache),
            text=True,
        )

    def ask(self, line: str) -> str:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        return self.process.stdout.readline()

    def end(self) -> None:
        self.process.communicate(timeout=60)
        assert self.process.returncode == 0


def test_a_changed_input_builds_a_new_store_beside_the_one_in_use(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    library = copy_seeds(tmp_path / "cables")
    running = _RunningChat(library, cache)
    try:
        before = [running.ask(line) for line in COMMANDS]
        (old,) = _stores(cache)
        seed = next(library.iterdir())
        os.utime(seed, ns=(seed.stat().st_atime_ns, seed.stat().st_mtime_ns + 10**9))
        # Same library, new fingerprint: another process builds the new store and tidies.
        chat(library, cache, f"!cable {CABLE}")
        assert old.is_file(), "the store of a running bot was deleted as stale"
        assert len(_stores(cache)) == 2
        assert [running.ask(line) for line in COMMANDS] == before
    finally:
        running.end()
    # Once nobody uses the old store, the next start removes it.
    chat(library, cache, f"!cable {CABLE}")
    assert not old.exists() and len(_stores(cache)) == 1


def test_same_library_one_running_another_starting_shares_the_store(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    library = copy_seeds(tmp_path / "cables")
    running = opened(library, cache)
    before = replies(running)
    store = stored(running.library).store.path
    written = store.stat().st_mtime_ns
    assert chat(library, cache, f"!cable {CABLE}")
    assert store.stat().st_mtime_ns == written  # opened, not built again
    assert _answers(running) == before


def test_two_first_starts_of_one_library_at_once_build_it_once(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    library = copy_seeds(tmp_path / "cables")
    line = f"!cable {CABLE}\n"
    starts = [
        subprocess.Popen(
            [str(CABLEBOT), "chat", "--json"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=chat_env(library, cache),
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [start.communicate(line, timeout=120)[0] for start in starts]
    assert all(start.returncode == 0 for start in starts)
    assert outputs[0] == outputs[1] and '"kind":"cable"' in outputs[0]
    assert len(_stores(cache)) == 1 and len(index_folders(cache)) == 1
    assert debris(cache) == []
