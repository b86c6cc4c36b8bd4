"""The number the bot gave the first thing it last showed in a channel (a search's page 2
starts at 11), so `!save 12` saves what was #12; desks from before read as 1.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("desk_scopes") as batch:
        batch.add_column(sa.Column("shown_first", sa.Integer(), server_default="1", nullable=False))


def downgrade() -> None:
    raise NotImplementedError("the desk is never migrated down: restore a backup instead")
