"""The one exception a desk operation raises for a user's mistake."""

from __future__ import annotations


class DeskError(Exception):
    """A mistake the user can fix (unknown item number, not the author, note too long,
    empty desk, ...). `message` is written for the user and is shown as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
