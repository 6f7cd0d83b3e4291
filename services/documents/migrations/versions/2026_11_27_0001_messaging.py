"""Messaging tables (outbox, inbox).

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from alembic import op

from kernel.messaging import create_messaging_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_messaging_tables(op)


def downgrade() -> None:
    op.drop_table("processed_message")
    op.drop_table("outbox_message")
