"""parallel_map: the same results, in input order, whatever the number of workers."""

from __future__ import annotations

import threading
import time

from bot.cables.loader import build_one, read_inputs
from bot.cables.model import Cable
from bot.cables.parallel import available_cores, chunks, handler_threads, parallel_map
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
