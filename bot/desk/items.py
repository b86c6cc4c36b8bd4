"""Saved items: saving, listing, fetching and deleting them (inside a transaction the
caller opened)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from sqlalchemy import Select, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.desk.errors import DeskError
from bot.desk.notes import add_note, checked_text
from bot.desk.records import (
    Anchor,
    CableInfo,
    DeskScope,
    DeskUser,
    Entry,
    Page,
    Saved,
    SavedItem,
)
from bot.desk.schema import ItemRow, ScopeRow, TagRow
from bot.desk.scopes import check_may_delete, find_scope, lock_scope, numbered_row
from bot.desk.timestamps import as_utc, now

EMPTY_DESK = "Nothing has been saved on this desk yet."


def item_of(row: ItemRow) -> SavedItem:
    return SavedItem(
        n=row.n,
        entry=Entry(
            anchor=Anchor(
                ref_id=row.ref_id, locator=row.locator, section=row.section, label=row.label
            ),
            permalink=row.permalink,
            text=row.text,
            cable=CableInfo(
                subject=row.subject,
                created=row.cable_created,
                origin=row.origin,
                classification=row.classification,
                tags=tuple(tag.tag for tag in row.tags),
            ),
        ),
        saved_by=DeskUser(id=row.saved_by_id, name=row.saved_by_name),
        saved_at=as_utc(row.saved_at),
    )


def _new_row(desk: ScopeRow, user: DeskUser, entry: Entry) -> ItemRow:
    desk.last_item_n += 1
    anchor, cable = entry.anchor, entry.cable
    return ItemRow(
        scope_id=desk.id,
        n=desk.last_item_n,
        ref_id=anchor.ref_id,
        section=anchor.section,
        label=anchor.label,
        locator=anchor.locator,
        permalink=entry.permalink,
        text=entry.text,
        subject=cable.subject,
        cable_created=cable.created,
        origin=cable.origin,
        classification=cable.classification,
        saved_by_id=user.id,
        saved_by_name=user.name,
        saved_at=now(),
        tags=[TagRow(position=i, tag=tag) for i, tag in enumerate(cable.tags)],
    )


async def save(
    session: AsyncSession,
    scope: DeskScope,
    user: DeskUser,
    entries: Sequence[Entry],
    note: str | None,
) -> list[Saved]:
    """Save each entry (once per locator: saving a paragraph again keeps the first save
    and only adds the note), with `note` on each entry's paragraph."""
    if not entries:
        raise DeskError("Nothing to save.")
    text = checked_text(note) if note is not None else None
    desk = await lock_scope(session, scope)
    outcomes: list[Saved] = []
    done: set[str] = set()
    for entry in entries:
        if entry.anchor.locator in done:  # the same paragraph twice in one command
            continue
        done.add(entry.anchor.locator)
        row = await session.scalar(
            select(ItemRow).where(
                ItemRow.scope_id == desk.id, ItemRow.locator == entry.anchor.locator
            )
        )
        new = row is None
        if row is None:
            row = _new_row(desk, user, entry)
            session.add(row)
            await session.flush()
        added = await add_note(session, desk, user, entry.anchor, text) if text else None
        outcomes.append(Saved(item=item_of(row), new=new, note=added))
    return outcomes


def _filtered(
    desk: ScopeRow, by: str | None, ref_id: str | None, tag: str | None
) -> Select[ItemRow]:
    query = select(ItemRow).where(ItemRow.scope_id == desk.id)
    if by is not None:
        query = query.where(ItemRow.saved_by_id == by)
    if ref_id is not None:
        query = query.where(ItemRow.ref_id == ref_id.upper())
    if tag is not None:
        query = query.where(exists().where(TagRow.item_id == ItemRow.id, TagRow.tag == tag.upper()))
    return query


async def list_items(
    session: AsyncSession,
    scope: DeskScope,
    page: int,
    page_size: int,
    by: str | None,
    ref_id: str | None,
    tag: str | None,
) -> Page:
    """One page of the desk, newest first, optionally only items saved by user id `by`,
    from cable `ref_id`, or from cables tagged `tag`."""
    if page_size < 1:
        raise ValueError(f"page_size must be positive, not {page_size}")
    desk = await find_scope(session, scope)
    if desk is None:
        raise DeskError(EMPTY_DESK)
    query = _filtered(desk, by, ref_id, tag)
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    if total == 0:
        filtered = by is not None or ref_id is not None or tag is not None
        raise DeskError("No saved item matches that." if filtered else EMPTY_DESK)
    pages = math.ceil(total / page_size)
    if not 1 <= page <= pages:
        raise DeskError(f"There is no page {page}: pages go from 1 to {pages}.")
    rows = await session.scalars(
        query.order_by(ItemRow.n.desc()).offset((page - 1) * page_size).limit(page_size)
    )
    return Page(items=tuple(item_of(row) for row in rows), number=page, pages=pages, total=total)


async def all_items(session: AsyncSession, scope: DeskScope) -> list[SavedItem]:
    """Every item on the desk, oldest first (for exports)."""
    desk = await find_scope(session, scope)
    rows = []
    if desk is not None:
        rows = list(
            await session.scalars(
                select(ItemRow).where(ItemRow.scope_id == desk.id).order_by(ItemRow.n)
            )
        )
    if not rows:
        raise DeskError(EMPTY_DESK)
    return [item_of(row) for row in rows]


async def get_item(session: AsyncSession, scope: DeskScope, n: int) -> SavedItem:
    return item_of(await numbered_row(session, scope, ItemRow, n, "item"))


async def delete_item(
    session: AsyncSession, scope: DeskScope, n: int, user: DeskUser, may_moderate: bool
) -> SavedItem:
    """Delete item `n` (its paragraph's notes stay: they belong to the paragraph); only
    the user who saved it, or a moderator, may."""
    row = await numbered_row(session, scope, ItemRow, n, "item")
    check_may_delete(f"Item #{n} was saved", row.saved_by_id, row.saved_by_name, user, may_moderate)
    item = item_of(row)
    await session.delete(row)
    return item
