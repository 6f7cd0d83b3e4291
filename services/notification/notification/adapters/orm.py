"""Notification's tables (its database only)."""

import sqlalchemy as sa

from kernel.db import make_metadata

metadata = make_metadata()

# Deliberately no unique key on probe_id: a duplicate delivery would show as a second row,
# so the probe measures the inbox rather than a constraint hiding its failure.
probe_receipt_table = sa.Table(
    "probe_receipt",
    metadata,
    sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
    sa.Column("probe_id", sa.Uuid, nullable=False, index=True),
    sa.Column("label", sa.String(200), nullable=False),
    sa.Column(
        "received_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    ),
)

# The log of what left the system: one row per event and channel. Never holds a code or token;
# ``last_error`` is redacted before it is written.
delivery_table = sa.Table(
    "delivery",
    metadata,
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
    sa.Index("ix_delivery_status_updated_at", "status", "updated_at"),
    sa.Index("ix_delivery_recipient", "recipient"),
)
