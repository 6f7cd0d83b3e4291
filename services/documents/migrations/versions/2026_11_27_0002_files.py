"""Stored files (metadata; the content is in the storage) and the audit of reads and writes.

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
        "stored_file",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("company_id", sa.Uuid, nullable=False),
        sa.Column("uploaded_by", sa.String(200), nullable=False),
        sa.Column("filename", sa.String(200), nullable=False),
        sa.Column("media_type", sa.String(50), nullable=False),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("purpose", sa.String(40), nullable=False),
        sa.Column("storage_key", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("deleted_by", sa.String(200), nullable=True),
        sa.CheckConstraint(
            "media_type IN ('application/pdf', 'image/jpeg', 'image/png')", name="media_type"
        ),
        sa.CheckConstraint(
            "purpose IN ('power_of_attorney', 'invoice_attachment')", name="purpose"
        ),
        sa.CheckConstraint("size > 0", name="size"),
        sa.UniqueConstraint("storage_key", name="uq_stored_file_storage_key"),
    )
    op.create_index("ix_stored_file_company_id", "stored_file", ["company_id"])
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("actor_kind", sa.String(20), nullable=False),
        sa.Column("company_id", sa.Uuid, nullable=False),
        sa.Column("file_id", sa.Uuid, nullable=False),
        sa.Column("action", sa.String(30), nullable=False),
        sa.Column("correlation_id", sa.String(100), nullable=True),
        sa.CheckConstraint(
            "action IN ('uploaded', 'read_metadata', 'downloaded', 'deleted')", name="action"
        ),
    )
    op.create_index("ix_audit_entry_file_id", "audit_entry", ["file_id"])
    op.create_index("ix_audit_entry_company_id_at", "audit_entry", ["company_id", "at"])


def downgrade() -> None:
    op.drop_table("audit_entry")
    op.drop_table("stored_file")
