"""What callers give the desk and get back: plain frozen dataclasses, never ORM rows, so
no caller ever holds a database session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

# Notes are for a sentence or a short paragraph; longer text belongs in a document.
NOTE_MAX_CHARS = 1000


@dataclass(frozen=True)
class DeskScope:
    """Whose desk: see the package docstring for what the front ends pass."""

    guild: str
    channel: str


@dataclass(frozen=True)
class DeskUser:
    """Who saved or wrote something, as the front end knows them."""

    id: str
    name: str


@dataclass(frozen=True)
class Anchor:
    """Where an item or note attaches: one paragraph (`label` set) or a whole cable."""

    ref_id: str
    locator: str
    section: str | None = None
    label: str | None = None


@dataclass(frozen=True)
class CableInfo:
    """The cable's metadata as it was when saved, so an export never needs the library."""

    subject: str
    created: datetime | None
    origin: str
    classification: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Entry:
    """Everything needed to save one thing the bot showed: the exact quoted text and the
    cable's metadata travel with it."""

    anchor: Anchor
    permalink: str
    text: str
    cable: CableInfo


@dataclass(frozen=True)
class Shown:
    """What the bot last showed in a channel, in display order, and the number it gave the
    first (a search's page 2 numbers its hits from 11): `!save 12` means what was #12."""

    entries: tuple[Entry, ...] = ()
    first: int = 1

    @property
    def numbers(self) -> range:
        return range(self.first, self.first + len(self.entries))


@dataclass(frozen=True)
class SavedItem:
    """An item on a desk; `n` is its number in that desk, never reused."""

    n: int
    entry: Entry
    saved_by: DeskUser
    saved_at: datetime


@dataclass(frozen=True)
class Note:
    """A team note on a paragraph or a cable; `n` is its number in the desk."""

    n: int
    anchor: Anchor
    author: DeskUser
    text: str
    created_at: datetime


@dataclass(frozen=True)
class Saved:
    """The outcome of saving one entry: the item (`new` is False when the paragraph was
    already on the desk) and the note added with it, if any."""

    item: SavedItem
    new: bool
    note: Note | None


@dataclass(frozen=True)
class Page:
    """One page of a desk listing, newest first; `number` counts from 1."""

    items: tuple[SavedItem, ...]
    number: int
    pages: int
    total: int
