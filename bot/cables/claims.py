"""Who uses what in a shared cache folder: advisory locks (`flock`) on a `.lock` file
beside each store, index and build.

A process holds a shared claim on the store and the index it serves for as long as
it uses them, and an exclusive claim on its library folder while it builds there.
Anything nobody claims may be deleted; the kernel drops the locks of a process that
ends, however it ends, so a crash never leaves a claim behind.
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
from pathlib import Path

LOCK_SUFFIX = ".lock"
# Errors that mean "this cache is read-only": nobody can delete anything there either,
# so a claim is not needed to keep what is read safe.
_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}


def lock_path(target: Path) -> Path:
    return target.with_name(target.name + LOCK_SUFFIX)


class Claim:
    """A held lock; released by `release`, or when the process ends."""

    def __init__(self, fd: int | None) -> None:
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the lock
            self._fd = None

    def __del__(self) -> None:
        self.release()


def claim(target: Path, shared: bool, wait: bool = True) -> Claim | None:
    """A claim on `target` (shared: many users; exclusive: one builder or deleter),
    None when `wait` is False and someone else holds a conflicting one."""
    lock = lock_path(target)
    mode = (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | (0 if wait else fcntl.LOCK_NB)
    while True:
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as error:
            if shared and error.errno in _READ_ONLY:
                return Claim(None)
            raise
        try:
            fcntl.flock(fd, mode)
        except BlockingIOError:
            os.close(fd)
            return None
        # A deleter may have removed the lock file between our open and our lock: then
        # this lock guards nothing; take one on the file now at that name.
        try:
            current = os.stat(lock)
            held = os.fstat(fd)
            if (current.st_ino, current.st_dev) == (held.st_ino, held.st_dev):
                return Claim(fd)
        except FileNotFoundError:
            pass
        os.close(fd)


def remove_unclaimed(target: Path) -> bool:
    """Delete `target` (a file or a folder) and its lock file unless someone claims it."""
    held = claim(target, shared=False, wait=False)
    if held is None:
        return False
    try:
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target, ignore_errors=True)
        else:
            target.unlink(missing_ok=True)
        lock_path(target).unlink(missing_ok=True)
    finally:
        held.release()
    return True
