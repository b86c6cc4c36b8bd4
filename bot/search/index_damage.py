"""A search index that cannot be read: tantivy's ways of saying so, made one exception.

tantivy reports a damaged file either as a ValueError ("An IO error occurred") or by
panicking: pyo3 raises a panic as `pyo3_runtime.PanicException`, which derives from
BaseException, not Exception, so an ordinary `except Exception` lets it through.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Concatenate, ParamSpec, Protocol, TypeVar

from bot.cables.damage import CacheDamaged

P = ParamSpec("P")
R = TypeVar("R")

# Index folders (by inode) found unreadable in this process: never opened again, so a
# rebuild is not fooled by a copy that opens but fails when searched.
_UNREADABLE: set[int] = set()


class IndexDamaged(CacheDamaged):
    what = "index"


class ReadsIndex(Protocol):
    @property
    def index_inode(self) -> int | None:
        """The folder of the index read (None: in memory)."""


S = TypeVar("S", bound=ReadsIndex)


def was_unreadable(inode: int) -> bool:
    return inode in _UNREADABLE


def is_panic(error: BaseException) -> bool:
    """Whether `error` is a Rust panic surfacing through pyo3 (each pyo3 extension has
    its own PanicException class, so it is known by name)."""
    kind = type(error)
    return kind.__name__ == "PanicException" and kind.__module__ == "pyo3_runtime"


def reading_index(read: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    """The method `read` (which reads the index) raising IndexDamaged, and the index
    marked never to be opened again, when the index turns out unreadable."""

    @wraps(read)
    def guarded(reader: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return read(reader, *args, **kwargs)
        except (ValueError, OSError) as error:
            cause = str(error)
        except BaseException as error:
            if not is_panic(error):
                raise
            cause = f"tantivy panicked: {error}"
        if reader.index_inode is not None:
            _UNREADABLE.add(reader.index_inode)
        raise IndexDamaged(cause)

    return guarded
