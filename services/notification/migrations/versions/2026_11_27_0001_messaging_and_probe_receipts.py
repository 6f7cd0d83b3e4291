"""Messaging tables (outbox, inbox) and diagnostic probe receipts.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

from kernel.messaging import create_messaging_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_messaging_tables(op)
    op.create_table(
        "probe_receipt",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("probe_id", sa.Uuid, nullable=False),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column(
            "received_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
    )
    op.create_index("ix_probe_receipt_probe_id", "probe_receipt", ["probe_id"])


def downgrade() -> None:
    op.drop_table("probe_receipt")
    op.drop_table("processed_message")
    op.drop_table("outbox_message")
