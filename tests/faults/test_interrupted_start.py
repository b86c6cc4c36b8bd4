"""A first start stopped by SIGTERM, SIGHUP (the terminal closed) or SIGKILL while its
parse workers run: the workers end with it, and the next start builds the cache
cleanly, leaving no staging file or folder behind."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.search.startup import load_searchable
from tests.faults.cache_scenes import (
    CABLE,
    CABLEBOT,
    RAW,
    chat,
    chat_env,
    children,
    debris,
    group_members,
)

# Copies of the raw seeds (links): enough records for the parse workers to start and
# stay busy a while.
_COPIES = 2


def _library(folder: Path) -> Path:
    for copy in range(_COPIES):
        (folder / f"copy{copy}").mkdir(parents=True)
        for seed in RAW.iterdir():
            (folder / f"copy{copy}" / seed.name).symlink_to(seed)
    return folder


def _wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.005)
    return False


_STOPS = [signal.SIGTERM, signal.SIGHUP, signal.SIGKILL]


@pytest.mark.parametrize("stop", _STOPS, ids=lambda s: s.name)
def test_a_first_start_stopped_mid_parse_leaves_no_process_and_no_debris(
    stop: signal.Signals, tmp_path: Path
) -> None:
    library, cache = _library(tmp_path / "cables"), tmp_path / "cache"
    start = subprocess.Popen(
        [str(CABLEBOT), "chat", "--json", f"!cable {CABLE}"],
        env=chat_env(library, cache),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, to find its workers by
    )
    group = start.pid
    try:
        assert _wait_for(lambda: len(children(start.pid)) >= 2, 60), "no parse workers seen"
        start.send_signal(stop)
        _, said = start.communicate(timeout=30)
        assert "Traceback" not in said
        assert _wait_for(lambda: not list(group_members(group)), 10), (
            f"processes left running after {stop.name}: {list(group_members(group))}"
        )
    finally:
        if list(group_members(group)):
            os.killpg(group, signal.SIGKILL)  # the workers of a failed run, not left behind
    reply = chat(library, cache, f"!cable {CABLE}")
    assert '"kind":"cable"' in reply[0]
    assert debris(cache) == []
    assert len(list(cache.glob("library/*/cables-*.sqlite"))) == 1


def test_cold_starts_that_index_again_leave_no_staging_folder(tmp_path: Path) -> None:
    # The raw seeds hold a better copy of a cable read later: the first pass's index
    # writer is given up, and the index is built again from the store.
    for start in range(4):
        cache = tmp_path / f"cache{start}"
        loaded = load_searchable([RAW], cache)
        assert loaded.index is None  # the first pass's index was given up
        time.sleep(0.2)  # time enough for a writer thread still running to write again
        assert debris(cache) == []
