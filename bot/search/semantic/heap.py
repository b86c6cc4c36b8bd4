"""Freed memory given back to the operating system: glibc keeps a thread's freed heap
for reuse (tens of MB after encoding a cable), so a long-running bot would hold it all
the time for nothing. Elsewhere (macOS, musl) this does nothing."""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from typing import cast


def _malloc_trim() -> Callable[[int], int]:
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return lambda pad: 0
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return cast(Callable[[int], int], trim)


_trim = _malloc_trim()


def release_freed_memory() -> None:
    """About a millisecond: after a cable is encoded or a build ends, never a question."""
    _trim(0)
