"""Invoices, their versions and history, the submitters, idempotency keys and the audit log.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(sa.schema.CreateSequence(sa.Sequence("invoice_reference_seq")))
    op.create_table(
        "invoice",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("institution_id", sa.Uuid, nullable=False),
        sa.Column("reference", sa.String(20), nullable=False),
        sa.Column("form", sa.String(12), nullable=False),
        sa.Column("status", sa.String(24), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("monthly", sa.Boolean, nullable=False),
        sa.Column("beneficiary_id", sa.Uuid, nullable=False),
        sa.Column("beneficiary_last_name", sa.String(100), nullable=False),
        sa.Column("beneficiary_first_name", sa.String(100), nullable=False),
        sa.Column("beneficiary_name_key", sa.String(201, collation="C"), nullable=False),
        sa.Column("beneficiary_name_key_reversed", sa.String(201, collation="C"), nullable=False),
        sa.Column("beneficiary_avs", sa.String(13, collation="C"), nullable=False),
        sa.Column("bank_account_id", sa.Uuid, nullable=True),
        sa.Column("decision_number", sa.String(14), nullable=False),
        sa.Column("invoice_date", sa.Date, nullable=False),
        sa.Column("period_start", sa.Date, nullable=True),
        sa.Column("period_end", sa.Date, nullable=True),
        sa.Column("total", sa.Numeric(12, 2), nullable=False),
        sa.Column("submitted_by", sa.Uuid, nullable=False),
        sa.Column("submitted_by_name", sa.String(120), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("reference", name="uq_invoice_reference"),
    )
    for name, columns in (
        ("ix_invoice_history", ["institution_id", "submitted_at", "id"]),
        ("ix_invoice_status_history", ["institution_id", "status", "submitted_at", "id"]),
        ("ix_invoice_status_updated", ["institution_id", "status", "updated_at", "id"]),
        ("ix_invoice_submitter", ["institution_id", "submitted_by", "submitted_at", "id"]),
        ("ix_invoice_name", ["institution_id", "beneficiary_name_key"]),
        ("ix_invoice_name_reversed", ["institution_id", "beneficiary_name_key_reversed"]),
        ("ix_invoice_avs", ["institution_id", "beneficiary_avs"]),
        ("ix_invoice_queue", ["status", "updated_at", "id"]),
    ):
        op.create_index(name, "invoice", columns)
    op.create_index(
        "uq_invoice_month",
        "invoice",
        ["institution_id", "decision_number", "period_start"],
        unique=True,
        postgresql_where=sa.text("monthly AND status <> 'refused'"),
    )
    op.create_table(
        "invoice_version",
        sa.Column("invoice_id", sa.Uuid, sa.ForeignKey("invoice.id"), primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("content", JSONB, nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "invoice_event",
        sa.Column("invoice_id", sa.Uuid, sa.ForeignKey("invoice.id"), primary_key=True),
        sa.Column("revision", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(24), nullable=False),
        sa.Column("by_kind", sa.String(12), nullable=False),
        sa.Column("by_id", sa.String(200), nullable=False),
        sa.Column("by_name", sa.String(200), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
    )
    op.create_table(
        "invoice_submitter",
        sa.Column("institution_id", sa.Uuid, primary_key=True),
        sa.Column("account_id", sa.Uuid, primary_key=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("last_sent_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "idempotency_key",
        sa.Column("institution_id", sa.Uuid, primary_key=True),
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("request_hash", sa.String(64), nullable=False),
        sa.Column("invoice_id", sa.Uuid, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("institution_id", sa.Uuid, nullable=False),
        sa.Column("action", sa.String(30), nullable=False),
        sa.Column("invoice_id", sa.Uuid, nullable=True),
        sa.Column("correlation_id", sa.String(100), nullable=True),
        sa.Column("detail", sa.String(200), nullable=True),
    )
    op.create_index("ix_audit_entry_institution_at", "audit_entry", ["institution_id", "at"])
    op.create_index("ix_audit_entry_invoice_at", "audit_entry", ["invoice_id", "at"])


def downgrade() -> None:
    for table in (
        "audit_entry",
        "idempotency_key",
        "invoice_submitter",
        "invoice_event",
        "invoice_version",
        "invoice",
    ):
        op.drop_table(table)
    op.execute(sa.schema.DropSequence(sa.Sequence("invoice_reference_seq")))
