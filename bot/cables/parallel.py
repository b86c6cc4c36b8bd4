"""Parse on every core: an ordered map over chunks of records, run by a process pool.

Reading a file is sequential (one stream), building cables from records is not:
the parent reads and chunks, the workers build, and results come back in input
order so a load is the same whatever the number of workers. At most a few chunks
are in flight, so a 1.7 GB input is never queued in memory.
"""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from itertools import islice
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Big enough to amortise pickling and IPC, small enough to keep workers busy.
CHUNK_SIZE = 256
# Chunks queued per worker: one being built, one ready to start.
_IN_FLIGHT_PER_WORKER = 2


def available_cores() -> int:
    """Cores this process may run on (the affinity mask, not the machine's total)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def handler_threads() -> ThreadPoolExecutor:
    """Threads for chat handlers run off an event loop (`asyncio.to_thread`).

    One per core: handlers are mostly Python, so more threads than cores only
    queue on the GIL, and every extra waiting thread delays the event loop's
    next turn (measured: 6 threads, ~100+ ms loop lag under 50 users; 2, ~30 ms).
    """
    return ThreadPoolExecutor(max_workers=available_cores(), thread_name_prefix="handler")


# How often a thread running Python must offer the GIL (Python's default: 5 ms).
# Handlers scanning the whole catalogue (`!browse`) kept the event loop waiting up
# to 26-47 ms at full size with the default; 12 ms at 1 ms, for ~5% less throughput.
HANDOFF_INTERVAL = 0.001


def install_handler_threads(loop: asyncio.AbstractEventLoop) -> None:
    """Run `loop`'s `asyncio.to_thread` handlers on `handler_threads()`, and have busy
    threads hand the GIL back often enough that the loop never waits long for it."""
    sys.setswitchinterval(HANDOFF_INTERVAL)
    loop.set_default_executor(handler_threads())


# prctl(2) option: the signal this process gets when the thread that forked it ends.
_PR_SET_PDEATHSIG = 1


def _end_with_parent(parent: int) -> None:
    """Worker start: die when the parent does, however it ends (SIGKILL included).

    Otherwise a worker outlives a killed parent, blocked forever on the task queue it
    holds open itself. Linux only; elsewhere the pool's own shutdown is all there is.
    """
    if sys.platform == "linux":
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent ended before the line above ran
        os._exit(1)


def _apply(fn: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [fn(item) for item in chunk]


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def parallel_map(
    fn: Callable[[T], R],
    items: Iterable[T],
    workers: int | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> Generator[R, None, None]:
    """`map(fn, items)` on `workers` processes (default: every core), in input order.

    `fn` must be a module-level function; items and results must pickle. With one
    worker it runs in this process: no pool to start, same results.
    """
    workers = workers or available_cores()
    if workers <= 1:
        yield from map(fn, items)
        return
    # fork, not spawn/forkserver: those re-run the caller's main script in every
    # worker, which breaks any script without a __main__ guard. The workers only
    # build cables (no logging, no imports left to do), so locks other threads of
    # this process may hold at fork time are never touched.
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_end_with_parent,
        initargs=(os.getpid(),),
    )
    others = set(multiprocessing.active_children())
    try:
        pending: deque[Future[list[R]]] = deque()
        for chunk in chunks(items, chunk_size):
            pending.append(pool.submit(_apply, fn, chunk))
            if len(pending) >= workers * _IN_FLIGHT_PER_WORKER:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    except BaseException:
        # Stopped early (Ctrl-C, an error, the caller closing this generator): the
        # workers' chunks are of no use any more; end them now rather than wait.
        for worker in set(multiprocessing.active_children()) - others:
            worker.kill()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
