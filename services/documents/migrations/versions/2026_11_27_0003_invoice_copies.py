"""PDF copies of invoices (one row per invoice version) and the audit of their downloads.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

OLD_ACTIONS = "('uploaded', 'read_metadata', 'downloaded', 'deleted')"
NEW_ACTIONS = "('uploaded', 'read_metadata', 'downloaded', 'deleted', 'invoice_copy_downloaded')"


def _allow_actions(actions: str) -> None:
    op.execute("ALTER TABLE audit_entry DROP CONSTRAINT ck_audit_entry_action")
    op.execute(
        f"ALTER TABLE audit_entry ADD CONSTRAINT ck_audit_entry_action CHECK (action IN {actions})"
    )


def upgrade() -> None:
    op.create_table(
        "invoice_copy",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("invoice_id", sa.Uuid, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("company_id", sa.Uuid, nullable=False),
        sa.Column("reference", sa.String(40), nullable=False),
        sa.Column("status", sa.String(30), nullable=False),
        sa.Column("message", sa.Text, nullable=False, server_default=""),
        sa.Column("status_changed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("printable", JSONB, nullable=True),
        sa.Column("storage_key", sa.String(300), nullable=True),
        sa.Column("size", sa.BigInteger, nullable=True),
        sa.Column("rendered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.UniqueConstraint("invoice_id", "version", name="uq_invoice_copy_invoice_id"),
        sa.CheckConstraint(
            "status IN ('submitted', 'correction_requested', 'accepted', 'refused')",
            name="status",
        ),
        sa.CheckConstraint("version >= 1", name="version"),
    )
    op.create_index("ix_invoice_copy_company_id", "invoice_copy", ["company_id"])
    _allow_actions(NEW_ACTIONS)


def downgrade() -> None:
    op.execute("DELETE FROM audit_entry WHERE action = 'invoice_copy_downloaded'")
    _allow_actions(OLD_ACTIONS)
    op.drop_table("invoice_copy")
