"""A file of the cache cannot be read as it was written (truncated, zeroed, deleted,
overwritten): raised where it is found, healed by rebuilding from the inputs."""

from __future__ import annotations


class CacheDamaged(Exception):
    """Some part of the cache (`what`: "store", "index") is unreadable."""

    what = "cache"


class StoreDamaged(CacheDamaged):
    what = "store"
