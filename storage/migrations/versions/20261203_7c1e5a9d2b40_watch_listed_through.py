"""watch_state.listed_through: how far down its listing a watch has seen every release

Revision ID: 7c1e5a9d2b40
Revises: 452e0888cdcb
Create Date: 2026-12-03 07:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "7c1e5a9d2b40"
down_revision: str | None = "452e0888cdcb"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("watch_state", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("listed_through", storage.types.UTCDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("watch_state", schema=None) as batch_op:
        batch_op.drop_column("listed_through")
