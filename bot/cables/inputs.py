"""The input files as found on disk, before anything is read: their list and their key."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from bot.cables.loader import InputTally


def input_key(paths: Sequence[Path], version: str) -> str:
    """Names what loading `paths` gives: parser sources, `version` (of the format it is
    kept in), file names, sizes and times.

    Computed from a directory walk, before anything is read, so a warm start can
    find its store without parsing. Any change to an input, to the parser or to
    `version` gives a new key, hence a fresh build.
    """
    tally = InputTally()
    tally.digest.update(version.encode())
    for entry in input_entries(paths):
        try:
            info = entry.stat()
            name = str(entry.resolve())
        except (OSError, RuntimeError):
            # A dangling link or a link loop (the loader reports it): named by the link
            # itself, so it never costs the store, and pointing it elsewhere changes the key.
            info = entry.lstat()
            name = f"{entry.absolute()} -> {os.readlink(entry)}"
        tally.saw(name, info.st_size, info.st_mtime_ns)
    return tally.digest.hexdigest()[:24]


def input_entries(paths: Sequence[Path]) -> Iterator[Path]:
    """Every non-directory entry of `paths`, directories walked in name order."""
    for root in paths:
        for entry in sorted(root.rglob("*")) if root.is_dir() else [root]:
            if not entry.is_dir():
                yield entry
