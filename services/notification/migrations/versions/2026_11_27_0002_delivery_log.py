"""Delivery log: one row per event and channel, what left the system and how it went.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "delivery",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("event_id", sa.Uuid, nullable=False),
        sa.Column("channel", sa.String(10), nullable=False),
        sa.Column("event_type", sa.String(200), nullable=False),
        sa.Column("template", sa.String(50), nullable=False),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("recipient", sa.String(320), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.String(1000), nullable=True),
        sa.Column("provider_reference", sa.String(200), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.Column("last_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("event_id", "channel", name="uq_delivery_event_id_channel"),
        sa.CheckConstraint("channel IN ('email', 'sms')", name="channel"),
        sa.CheckConstraint("status IN ('pending', 'sent', 'failed', 'skipped')", name="status"),
    )
    op.create_index("ix_delivery_status_updated_at", "delivery", ["status", "updated_at"])
    op.create_index("ix_delivery_recipient", "delivery", ["recipient"])


def downgrade() -> None:
    op.drop_table("delivery")
