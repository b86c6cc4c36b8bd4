"""Team notes on paragraphs: writing, reading and deleting them (inside a transaction the
caller opened)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.desk.errors import DeskError
from bot.desk.records import NOTE_MAX_CHARS, Anchor, DeskScope, DeskUser, Note
from bot.desk.schema import NoteRow, ScopeRow
from bot.desk.scopes import check_may_delete, find_scope, numbered_row
from bot.desk.timestamps import as_utc, now


def checked_text(text: str) -> str:
    """The note as it will be stored (trimmed), or a DeskError saying what is wrong."""
    text = text.strip()
    if not text:
        raise DeskError("A note needs some text.")
    if len(text) > NOTE_MAX_CHARS:
        raise DeskError(
            f"Notes are limited to {NOTE_MAX_CHARS:,} characters and this one has "
            f"{len(text):,}: shorten it or split it into two notes."
        )
    return text


def note_of(row: NoteRow) -> Note:
    return Note(
        n=row.n,
        anchor=Anchor(ref_id=row.ref_id, locator=row.locator, section=row.section, label=row.label),
        author=DeskUser(id=row.author_id, name=row.author_name),
        text=row.text,
        created_at=as_utc(row.created_at),
    )


async def add_note(
    session: AsyncSession, desk: ScopeRow, author: DeskUser, anchor: Anchor, text: str
) -> Note:
    """Add a note whose text went through `checked_text`; `desk` is locked by the caller."""
    desk.last_note_n += 1
    row = NoteRow(
        scope_id=desk.id,
        n=desk.last_note_n,
        ref_id=anchor.ref_id,
        section=anchor.section,
        label=anchor.label,
        locator=anchor.locator,
        author_id=author.id,
        author_name=author.name,
        text=text,
        created_at=now(),
    )
    session.add(row)
    await session.flush()
    return note_of(row)


async def notes_for(session: AsyncSession, scope: DeskScope, ref_id: str) -> list[Note]:
    """The desk's notes on one cable (any paragraph), oldest first."""
    desk = await find_scope(session, scope)
    if desk is None:
        return []
    rows = await session.scalars(
        select(NoteRow)
        .where(NoteRow.scope_id == desk.id, NoteRow.ref_id == ref_id.upper())
        .order_by(NoteRow.n)
    )
    return [note_of(row) for row in rows]


async def note_counts(session: AsyncSession, scope: DeskScope, ref_id: str) -> dict[str, int]:
    """How many notes the desk has on each locator of one cable (locators without notes
    are absent)."""
    desk = await find_scope(session, scope)
    if desk is None:
        return {}
    rows = await session.execute(
        select(NoteRow.locator, func.count())
        .where(NoteRow.scope_id == desk.id, NoteRow.ref_id == ref_id.upper())
        .group_by(NoteRow.locator)
    )
    return {locator: count for locator, count in rows}


async def delete_note(
    session: AsyncSession, scope: DeskScope, n: int, user: DeskUser, may_moderate: bool
) -> Note:
    """Delete note `n`; only its author, or a moderator, may."""
    row = await numbered_row(session, scope, NoteRow, n, "note")
    check_may_delete(f"Note #{n} was written", row.author_id, row.author_name, user, may_moderate)
    note = note_of(row)
    await session.delete(row)
    return note
