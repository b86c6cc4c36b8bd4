"""Desks (one per guild and channel, with numbering counters), saved items with their
cables' tags, and notes.

Revision ID: 0001
Revises: none
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "desk_scopes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("guild", sa.String(), nullable=False),
        sa.Column("channel", sa.String(), nullable=False),
        sa.Column("last_item_n", sa.Integer(), server_default="0", nullable=False),
        sa.Column("last_note_n", sa.Integer(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_desk_scopes")),
        sa.UniqueConstraint("guild", "channel", name=op.f("uq_desk_scopes_guild_channel")),
    )
    op.create_table(
        "desk_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scope_id", sa.Integer(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("ref_id", sa.String(), nullable=False),
        sa.Column("section", sa.String(), nullable=True),
        sa.Column("label", sa.String(), nullable=True),
        sa.Column("locator", sa.String(), nullable=False),
        sa.Column("permalink", sa.String(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("cable_created", sa.DateTime(), nullable=True),
        sa.Column("origin", sa.String(), nullable=False),
        sa.Column("classification", sa.String(), nullable=False),
        sa.Column("saved_by_id", sa.String(), nullable=False),
        sa.Column("saved_by_name", sa.String(), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["scope_id"], ["desk_scopes.id"], name=op.f("fk_desk_items_scope_id_desk_scopes")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_desk_items")),
        sa.UniqueConstraint("scope_id", "locator", name=op.f("uq_desk_items_scope_id_locator")),
        sa.UniqueConstraint("scope_id", "n", name=op.f("uq_desk_items_scope_id_n")),
    )
    op.create_index("ix_desk_items_scope_id_ref_id", "desk_items", ["scope_id", "ref_id"])
    op.create_table(
        "desk_item_tags",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("tag", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["desk_items.id"], name=op.f("fk_desk_item_tags_item_id_desk_items")
        ),
        sa.PrimaryKeyConstraint("item_id", "position", name=op.f("pk_desk_item_tags")),
    )
    op.create_index("ix_desk_item_tags_tag", "desk_item_tags", ["tag"])
    op.create_table(
        "desk_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scope_id", sa.Integer(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("ref_id", sa.String(), nullable=False),
        sa.Column("section", sa.String(), nullable=True),
        sa.Column("label", sa.String(), nullable=True),
        sa.Column("locator", sa.String(), nullable=False),
        sa.Column("author_id", sa.String(), nullable=False),
        sa.Column("author_name", sa.String(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("length(text) <= 1000", name=op.f("ck_desk_notes_text_length")),
        sa.ForeignKeyConstraint(
            ["scope_id"], ["desk_scopes.id"], name=op.f("fk_desk_notes_scope_id_desk_scopes")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_desk_notes")),
        sa.UniqueConstraint("scope_id", "n", name=op.f("uq_desk_notes_scope_id_n")),
    )
    op.create_index("ix_desk_notes_scope_id_ref_id", "desk_notes", ["scope_id", "ref_id"])


def downgrade() -> None:
    raise NotImplementedError("the desk is never migrated down: restore a backup instead")
