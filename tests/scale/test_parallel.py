"""parallel_map: the same results, in input order, whatever the number of workers."""

from __future__ import annotations

import asyncio
import sys
import threading
import time

from bot.cables.loader import build_one, read_inputs
from bot.cables.model import Cable
from bot.cables.parallel import (
    HANDOFF_INTERVAL,
    available_cores,
    chunks,
    handler_threads,
    install_handler_threads,
    parallel_map,
)
from tests.scale.conftest import RAW


def test_chunks_cover_every_item_once() -> None:
    assert list(chunks(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(chunks([], 3)) == []


def test_two_workers_build_what_one_builds_in_the_same_order() -> None:
    items = list(read_inputs([RAW]))
    serial = [build_one(item) for item in items]
    parallel = list(parallel_map(build_one, items, workers=2, chunk_size=7))
    assert len(parallel) == len(serial) == len(items)
    assert [type(r) for r in parallel] == [type(r) for r in serial]
    assert [r for r in parallel if isinstance(r, Cable)] == [
        r for r in serial if isinstance(r, Cable)
    ]


def test_handler_threads_run_at_most_one_handler_per_core() -> None:
    running = peak = 0
    lock = threading.Lock()

    def handler(_: int) -> None:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        time.sleep(0.02)
        with lock:
            running -= 1

    with handler_threads() as pool:
        list(pool.map(handler, range(4 * available_cores() + 2)))
    assert peak == available_cores()


def test_installed_handlers_run_on_handler_threads_that_hand_the_gil_over_often() -> None:
    loop = asyncio.new_event_loop()
    before = sys.getswitchinterval()
    sys.setswitchinterval(0.005)  # Python's default (a bot started earlier may have set it)
    try:
        install_handler_threads(loop)
        assert sys.getswitchinterval() == HANDOFF_INTERVAL
        ran_on = loop.run_until_complete(asyncio.to_thread(threading.current_thread))
        assert ran_on.name.startswith("handler")
    finally:
        sys.setswitchinterval(before)
        loop.close()
