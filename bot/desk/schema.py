"""The desk's tables as SQLAlchemy ORM classes. The migrations in `migrations/versions`
create exactly these (a test compares them); change both together.

Scope ids are strings so terminal names and Discord snowflakes both fit. Items and notes
hang off a `desk_scopes` row, which also holds the per-scope numbering counters: numbers
shown to users come from there, so a deleted item's number is never handed out again.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from bot.desk.records import NOTE_MAX_CHARS

# Named constraints: SQLite's batch migrations rebuild tables and must find every
# constraint by name, and PostgreSQL needs the same names to drop or alter them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class ScopeRow(Base):
    """One desk: a (guild, channel) pair, its counters, focus and last-shown memory."""

    __tablename__ = "desk_scopes"
    __table_args__ = (UniqueConstraint("guild", "channel"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    guild: Mapped[str] = mapped_column(String)
    channel: Mapped[str] = mapped_column(String)
    last_item_n: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_note_n: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Added by revision 0002.
    focus_ref_id: Mapped[str | None] = mapped_column(String, nullable=True)
    shown: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON, nullable=True)
    # Added by revision 0003: the number the first shown entry had (a search's page 2: 11).
    shown_first: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class ItemRow(Base):
    __tablename__ = "desk_items"
    __table_args__ = (
        UniqueConstraint("scope_id", "locator"),
        UniqueConstraint("scope_id", "n"),
        Index("ix_desk_items_scope_id_ref_id", "scope_id", "ref_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scope_id: Mapped[int] = mapped_column(ForeignKey("desk_scopes.id"))
    n: Mapped[int] = mapped_column(Integer)
    ref_id: Mapped[str] = mapped_column(String)
    section: Mapped[str | None] = mapped_column(String, nullable=True)
    label: Mapped[str | None] = mapped_column(String, nullable=True)
    locator: Mapped[str] = mapped_column(String)
    permalink: Mapped[str] = mapped_column(String)
    text: Mapped[str] = mapped_column(Text)
    subject: Mapped[str] = mapped_column(Text)
    cable_created: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    origin: Mapped[str] = mapped_column(String)
    classification: Mapped[str] = mapped_column(String)
    saved_by_id: Mapped[str] = mapped_column(String)
    saved_by_name: Mapped[str] = mapped_column(String)
    saved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    tags: Mapped[list[TagRow]] = relationship(
        order_by="TagRow.position", cascade="all, delete-orphan", lazy="selectin"
    )


class TagRow(Base):
    """A saved cable's tags, one row each, so `tag:` filters are a plain indexed join."""

    __tablename__ = "desk_item_tags"
    __table_args__ = (Index("ix_desk_item_tags_tag", "tag"),)

    item_id: Mapped[int] = mapped_column(ForeignKey("desk_items.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    tag: Mapped[str] = mapped_column(String)


class NoteRow(Base):
    """A note on a paragraph (or a cable) in one desk; the paragraph need not be saved."""

    __tablename__ = "desk_notes"
    __table_args__ = (
        UniqueConstraint("scope_id", "n"),
        Index("ix_desk_notes_scope_id_ref_id", "scope_id", "ref_id"),
        CheckConstraint(f"length(text) <= {NOTE_MAX_CHARS}", name="text_length"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scope_id: Mapped[int] = mapped_column(ForeignKey("desk_scopes.id"))
    n: Mapped[int] = mapped_column(Integer)
    ref_id: Mapped[str] = mapped_column(String)
    section: Mapped[str | None] = mapped_column(String, nullable=True)
    label: Mapped[str | None] = mapped_column(String, nullable=True)
    locator: Mapped[str] = mapped_column(String)
    author_id: Mapped[str] = mapped_column(String)
    author_name: Mapped[str] = mapped_column(String)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
