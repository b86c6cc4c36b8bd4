"""Freed memory given back to the operating system: glibc keeps freed heap for reuse
(49 MB of it after the bundled library's build, before this), which a long-running bot
would hold for nothing. Elsewhere (macOS, musl, Windows) this does nothing."""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from typing import cast


def _malloc_trim() -> Callable[[int], int]:
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError, TypeError):  # TypeError: Windows has no CDLL(None)
        return lambda pad: 0
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return cast(Callable[[int], int], trim)


_trim = _malloc_trim()


def release_freed_memory() -> None:
    """About a millisecond: after a cable is encoded or a build ends, never a question."""
    _trim(0)
