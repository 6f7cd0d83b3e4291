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
