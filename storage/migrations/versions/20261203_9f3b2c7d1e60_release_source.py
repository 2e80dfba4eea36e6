"""release.source and seen_link.source: a release is (source, release_id)

Existing rows were all read from PR Newswire: the new columns default to 'prnewswire', so
every existing database keeps its releases, links and their identity.

Revision ID: 9f3b2c7d1e60
Revises: 7c1e5a9d2b40
Create Date: 2026-12-03 08:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "9f3b2c7d1e60"
down_revision: str | None = "7c1e5a9d2b40"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("release", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("source", sa.String(length=32), server_default="prnewswire", nullable=False)
        )
        batch_op.drop_constraint("uq_release_release_id", type_="unique")
        batch_op.create_unique_constraint(
            batch_op.f("uq_release_release_id_source"), ["release_id", "source"]
        )
    with op.batch_alter_table("seen_link", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("source", sa.String(length=32), server_default="prnewswire", nullable=False)
        )
        batch_op.drop_constraint("uq_seen_link_watch_release_id", type_="unique")
        batch_op.create_unique_constraint(
            batch_op.f("uq_seen_link_watch_release_id_source"), ["watch", "release_id", "source"]
        )


def downgrade() -> None:
    with op.batch_alter_table("seen_link", schema=None) as batch_op:
        batch_op.drop_constraint("uq_seen_link_watch_release_id_source", type_="unique")
        batch_op.create_unique_constraint(
            batch_op.f("uq_seen_link_watch_release_id"), ["watch", "release_id"]
        )
        batch_op.drop_column("source")
    with op.batch_alter_table("release", schema=None) as batch_op:
        batch_op.drop_constraint("uq_release_release_id_source", type_="unique")
        batch_op.create_unique_constraint(batch_op.f("uq_release_release_id"), ["release_id"])
        batch_op.drop_column("source")
