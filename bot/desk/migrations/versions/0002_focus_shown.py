"""Each desk's focus cable and its memory of what the bot last showed there.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("desk_scopes") as batch:
        batch.add_column(sa.Column("focus_ref_id", sa.String(), nullable=True))
        batch.add_column(sa.Column("shown", sa.JSON(), nullable=True))


def downgrade() -> None:
    raise NotImplementedError("the desk is never migrated down: restore a backup instead")
