"""Sending takes no row lock shared with other sendings: expired Idempotency-Keys are purged a
few at a time through an index on their age, and a submitter's row is written only when their
name changes (its time column says when that was).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_idempotency_key_created_at", "idempotency_key", ["created_at"])
    op.alter_column("invoice_submitter", "last_sent_at", new_column_name="named_at")


def downgrade() -> None:
    op.alter_column("invoice_submitter", "named_at", new_column_name="last_sent_at")
    op.drop_index("ix_idempotency_key_created_at", table_name="idempotency_key")
