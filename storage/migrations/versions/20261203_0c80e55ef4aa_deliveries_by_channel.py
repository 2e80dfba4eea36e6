"""deliveries by channel: subscribers and deliveries get a channel and an address

Existing subscribers and deliveries are e-mail: `email` and `recipient` become `address` (renamed,
data kept), `channel` is 'email', a delivery's printable `label` is its address.

Revision ID: 0c80e55ef4aa
Revises: 452e0888cdcb
Create Date: 2026-12-03 07:21:47.340415
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0c80e55ef4aa"
down_revision: str | None = "452e0888cdcb"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("subscriber", schema=None) as batch_op:
        batch_op.drop_constraint("uq_subscriber_email", type_="unique")
        batch_op.alter_column(
            "email", new_column_name="address", existing_type=sa.String(length=320),
            type_=sa.String(length=2048), existing_nullable=False,
        )  # fmt: skip
        batch_op.add_column(
            sa.Column("channel", sa.String(length=16), server_default="email", nullable=False)
        )
        batch_op.add_column(sa.Column("name", sa.String(length=255), nullable=True))
    # A second batch each: in the one that renames and adds the columns, SQLite's table copy
    # loses a constraint on them.
    with op.batch_alter_table("subscriber", schema=None) as batch_op:
        batch_op.create_unique_constraint("uq_subscriber_channel_address", ["channel", "address"])

    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.drop_constraint("uq_delivery_digest_id_recipient", type_="unique")
        batch_op.alter_column(
            "recipient", new_column_name="address", existing_type=sa.String(length=320),
            type_=sa.String(length=2048), existing_nullable=False,
        )  # fmt: skip
        batch_op.add_column(
            sa.Column("channel", sa.String(length=16), server_default="email", nullable=False)
        )
        batch_op.add_column(
            sa.Column("label", sa.String(length=320), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("payload", sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column("parts_sent", sa.Integer(), server_default="0", nullable=False)
        )
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.create_unique_constraint(
            "uq_delivery_digest_id_channel_address", ["digest_id", "channel", "address"]
        )
    op.execute("UPDATE delivery SET label = address")


def downgrade() -> None:
    # Only e-mail rows can go back: the old tables have nowhere to keep a channel.
    op.execute("DELETE FROM delivery WHERE channel <> 'email'")
    op.execute(
        "DELETE FROM digest_item WHERE subscriber_id IN "
        "(SELECT id FROM subscriber WHERE channel <> 'email')"
    )
    op.execute(
        "DELETE FROM digest WHERE subscriber_id IN "
        "(SELECT id FROM subscriber WHERE channel <> 'email')"
    )
    op.execute("DELETE FROM subscriber WHERE channel <> 'email'")
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.drop_constraint("uq_delivery_digest_id_channel_address", type_="unique")
        batch_op.drop_column("parts_sent")
        batch_op.drop_column("payload")
        batch_op.drop_column("label")
        batch_op.drop_column("channel")
        batch_op.alter_column(
            "address", new_column_name="recipient", existing_type=sa.String(length=2048),
            type_=sa.String(length=320), existing_nullable=False,
        )  # fmt: skip
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.create_unique_constraint(
            "uq_delivery_digest_id_recipient", ["digest_id", "recipient"]
        )

    with op.batch_alter_table("subscriber", schema=None) as batch_op:
        batch_op.drop_constraint("uq_subscriber_channel_address", type_="unique")
        batch_op.drop_column("name")
        batch_op.drop_column("channel")
        batch_op.alter_column(
            "address", new_column_name="email", existing_type=sa.String(length=2048),
            type_=sa.String(length=320), existing_nullable=False,
        )  # fmt: skip
    with op.batch_alter_table("subscriber", schema=None) as batch_op:
        batch_op.create_unique_constraint("uq_subscriber_email", ["email"])
