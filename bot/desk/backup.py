"""Backups of every desk in the database as JSON Lines, and restoring them.

The first line is a header (`{"type":"desk","format":2}`); then, for each desk in
(guild, channel) order, a `scope` record (with its numbering counters, focus and
last-shown memory), its `item` records and its `note` records, each by number. Database
ids are left out, so backing up a restored database gives the same bytes.

Format 2 added `shown_first` to the scope record; a format 1 backup restores with 1 there,
as the desk of that time numbered what it showed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.desk.errors import DeskError
from bot.desk.schema import ItemRow, NoteRow, ScopeRow, TagRow
from bot.desk.timestamps import as_utc

FORMAT = 2
# Every format this code restores: older backups stay restorable.
READABLE_FORMATS = (1, 2)


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Header(_Record):
    type: Literal["desk"] = "desk"
    format: int


class ScopeRecord(_Record):
    type: Literal["scope"] = "scope"
    guild: str
    channel: str
    last_item_n: int
    last_note_n: int
    focus: str | None
    shown: list[dict[str, Any]] | None
    # Absent from format 1 backups, whose desks numbered what they showed from 1.
    shown_first: int = 1


class ItemRecord(_Record):
    type: Literal["item"] = "item"
    guild: str
    channel: str
    n: int
    ref_id: str
    section: str | None
    label: str | None
    locator: str
    permalink: str
    text: str
    subject: str
    cable_created: datetime | None
    origin: str
    classification: str
    tags: list[str]
    saved_by_id: str
    saved_by_name: str
    saved_at: datetime


class NoteRecord(_Record):
    type: Literal["note"] = "note"
    guild: str
    channel: str
    n: int
    ref_id: str
    section: str | None
    label: str | None
    locator: str
    author_id: str
    author_name: str
    text: str
    created_at: datetime


Record = Annotated[Header | ScopeRecord | ItemRecord | NoteRecord, Field(discriminator="type")]
_RECORD: TypeAdapter[Record] = TypeAdapter(Record)


@dataclass(frozen=True)
class Summary:
    desks: int
    items: int
    notes: int


async def dump(session: AsyncSession) -> tuple[list[str], Summary]:
    """Every desk as backup lines (without line ends), read in one transaction."""
    scopes = list(
        await session.scalars(select(ScopeRow).order_by(ScopeRow.guild, ScopeRow.channel))
    )
    items: dict[int, list[ItemRow]] = defaultdict(list)
    for item in await session.scalars(select(ItemRow).order_by(ItemRow.n)):
        items[item.scope_id].append(item)
    notes: dict[int, list[NoteRow]] = defaultdict(list)
    for note in await session.scalars(select(NoteRow).order_by(NoteRow.n)):
        notes[note.scope_id].append(note)
    lines = [Header(format=FORMAT).model_dump_json()]
    for scope in scopes:
        where = {"guild": scope.guild, "channel": scope.channel}
        lines.append(
            ScopeRecord(
                **where,
                last_item_n=scope.last_item_n,
                last_note_n=scope.last_note_n,
                focus=scope.focus_ref_id,
                shown=scope.shown,
                shown_first=scope.shown_first,
            ).model_dump_json()
        )
        lines.extend(_item_record(where, item).model_dump_json() for item in items[scope.id])
        lines.extend(_note_record(where, note).model_dump_json() for note in notes[scope.id])
    summary = Summary(
        desks=len(scopes),
        items=sum(len(rows) for rows in items.values()),
        notes=sum(len(rows) for rows in notes.values()),
    )
    return lines, summary


def _item_record(where: dict[str, str], row: ItemRow) -> ItemRecord:
    return ItemRecord(
        **where,
        n=row.n,
        ref_id=row.ref_id,
        section=row.section,
        label=row.label,
        locator=row.locator,
        permalink=row.permalink,
        text=row.text,
        subject=row.subject,
        cable_created=row.cable_created,
        origin=row.origin,
        classification=row.classification,
        tags=[tag.tag for tag in row.tags],
        saved_by_id=row.saved_by_id,
        saved_by_name=row.saved_by_name,
        saved_at=as_utc(row.saved_at),
    )


def _note_record(where: dict[str, str], row: NoteRow) -> NoteRecord:
    return NoteRecord(
        **where,
        n=row.n,
        ref_id=row.ref_id,
        section=row.section,
        label=row.label,
        locator=row.locator,
        author_id=row.author_id,
        author_name=row.author_name,
        text=row.text,
        created_at=as_utc(row.created_at),
    )


def _parse(lines: Iterable[str]) -> list[Record]:
    records: list[Record] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = _RECORD.validate_json(line)
        except ValidationError as error:
            problem = error.errors(include_url=False)[0]
            where = ".".join(str(part) for part in problem["loc"])
            raise DeskError(
                f"Line {number} is not a desk backup record: {where} {problem['msg']}."
            ) from None
        if not records and not isinstance(record, Header):
            raise DeskError("This is not a desk backup: the first line should be its header.")
        if isinstance(record, Header) and (records or record.format not in READABLE_FORMATS):
            raise DeskError(f"Line {number}: unexpected header (format {record.format}).")
        records.append(record)
    if not records:
        raise DeskError("The backup is empty.")
    return records


async def load(session: AsyncSession, lines: Iterable[str]) -> Summary:
    """Restore a backup into an empty database, in the caller's transaction."""
    records = _parse(lines)
    existing = await session.scalar(select(func.count()).select_from(ScopeRow)) or 0
    if existing:
        raise DeskError(
            f"The database already holds {existing:,} desks; a backup is restored only into "
            "an empty one, so nothing is overwritten (use a new DATA_DIR or DATABASE_URL)."
        )
    scopes: dict[tuple[str, str], ScopeRow] = {}
    counts = {"item": 0, "note": 0}
    for record in records:
        if isinstance(record, Header):
            continue
        key = (record.guild, record.channel)
        if isinstance(record, ScopeRecord):
            if key in scopes:
                raise DeskError(f"The backup has desk {record.guild}/{record.channel} twice.")
            scopes[key] = ScopeRow(
                guild=record.guild,
                channel=record.channel,
                last_item_n=record.last_item_n,
                last_note_n=record.last_note_n,
                focus_ref_id=record.focus,
                shown=record.shown,
                shown_first=record.shown_first,
            )
            session.add(scopes[key])
            await session.flush()
            continue
        scope = scopes.get(key)
        if scope is None:
            raise DeskError(
                f"The backup has {record.type} #{record.n} of desk {record.guild}/"
                f"{record.channel} before that desk's own record."
            )
        session.add(_row_of(scope, record))
        counts[record.type] += 1
    await session.flush()
    return Summary(desks=len(scopes), items=counts["item"], notes=counts["note"])


def _row_of(scope: ScopeRow, record: ItemRecord | NoteRecord) -> ItemRow | NoteRow:
    fields = record.model_dump(exclude={"type", "guild", "channel", "tags"})
    if isinstance(record, NoteRecord):
        fields["created_at"] = as_utc(record.created_at)
        return NoteRow(scope_id=scope.id, **fields)
    # SQLite keeps the clock reading and drops the offset: store UTC, as the desk does.
    fields["saved_at"] = as_utc(record.saved_at)
    tags = [TagRow(position=i, tag=tag) for i, tag in enumerate(record.tags)]
    return ItemRow(scope_id=scope.id, tags=tags, **fields)
