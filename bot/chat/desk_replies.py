"""Desk records (bot/desk) as reply models: saved items with their notes, team notes."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from bot.cables.library import Library
from bot.chat.caller import Caller
from bot.chat.replies import DeskItem, DeskNote, NoteItem
from bot.desk import Desk, DeskScope, Note, SavedItem


def desk_note(note: Note) -> DeskNote:
    return DeskNote(n=note.n, author=note.author.name, text=note.text, created=note.created_at)


def note_item(note: Note) -> NoteItem:
    anchor = note.anchor
    return NoteItem(
        n=note.n,
        ref_id=anchor.ref_id,
        section=anchor.section,
        label=anchor.label,
        locator=anchor.locator,
        author=note.author.name,
        text=note.text,
        created=note.created_at,
    )


def notes_by_locator(caller: Caller, ref_ids: Sequence[str]) -> dict[str, list[Note]]:
    """The desk's notes on these cables, by locator (one query per cable)."""
    grouped: dict[str, list[Note]] = {}
    for ref_id in dict.fromkeys(ref_ids):
        grouped.update(caller.desk.run(partial(_notes_on, scope=caller.scope, ref_id=ref_id)))
    return grouped


async def _notes_on(desk: Desk, scope: DeskScope, ref_id: str) -> dict[str, list[Note]]:
    return await desk.notes_by_locator(scope, ref_id)


def desk_items(library: Library, caller: Caller, items: Sequence[SavedItem]) -> list[DeskItem]:
    """Items as replies show them, each with the desk's notes on its paragraph."""
    notes = notes_by_locator(caller, [item.entry.anchor.ref_id for item in items])
    shown = []
    for item in items:
        entry = item.entry
        anchor = entry.anchor
        shown.append(
            DeskItem(
                n=item.n,
                ref_id=anchor.ref_id,
                section=anchor.section,
                label=anchor.label,
                text=entry.text,
                permalink=entry.permalink,
                locator=anchor.locator,
                saved_by=item.saved_by.name,
                saved_at=item.saved_at,
                notes=[desk_note(note) for note in notes.get(anchor.locator, [])],
                in_library=library.get(anchor.ref_id) is not None,
            )
        )
    return shown
