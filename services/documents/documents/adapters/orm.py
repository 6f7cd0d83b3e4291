"""Documents's tables (its database only)."""

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

from kernel.db import make_metadata

metadata = make_metadata()

MEDIA_TYPES = ("application/pdf", "image/jpeg", "image/png")
PURPOSES = ("power_of_attorney", "invoice_attachment")
AUDIT_ACTIONS = ("uploaded", "read_metadata", "downloaded", "deleted", "invoice_copy_downloaded")
COPY_STATUSES = ("submitted", "correction_requested", "accepted", "refused")

stored_file = sa.Table(
    "stored_file",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("company_id", sa.Uuid, nullable=False),
    sa.Column("uploaded_by", sa.String(200), nullable=False),
    sa.Column("filename", sa.String(200), nullable=False),
    sa.Column("media_type", sa.String(50), nullable=False),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("purpose", sa.String(40), nullable=False),
    sa.Column("storage_key", sa.String(200), nullable=False, unique=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("deleted_by", sa.String(200), nullable=True),
    sa.CheckConstraint(f"media_type IN {MEDIA_TYPES}", name="media_type"),
    sa.CheckConstraint(f"purpose IN {PURPOSES}", name="purpose"),
    sa.CheckConstraint("size > 0", name="size"),
    sa.Index("ix_stored_file_company_id", "company_id"),
)

audit_entry = sa.Table(
    "audit_entry",
    metadata,
    sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("actor_kind", sa.String(20), nullable=False),
    sa.Column("company_id", sa.Uuid, nullable=False),
    sa.Column("file_id", sa.Uuid, nullable=False),
    sa.Column("action", sa.String(30), nullable=False),
    sa.Column("correlation_id", sa.String(100), nullable=True),
    sa.CheckConstraint(f"action IN {AUDIT_ACTIONS}", name="action"),
    sa.Index("ix_audit_entry_file_id", "file_id"),
    sa.Index("ix_audit_entry_company_id_at", "company_id", "at"),
)

# The PDF copy of each invoice version. ``printable`` is invoicing's snapshot (InvoiceCopy), kept
# to re-render the copy with each decision; it and ``storage_key`` stay empty while a decision
# arrived before the submission.
invoice_copy = sa.Table(
    "invoice_copy",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("invoice_id", sa.Uuid, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("company_id", sa.Uuid, nullable=False),
    sa.Column("reference", sa.String(40), nullable=False),
    sa.Column("status", sa.String(30), nullable=False),
    sa.Column("message", sa.Text, nullable=False, server_default=""),
    sa.Column("status_changed_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("printable", JSONB(none_as_null=True), nullable=True),
    sa.Column("storage_key", sa.String(300), nullable=True),
    sa.Column("size", sa.BigInteger, nullable=True),
    sa.Column("rendered_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column(
        "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    ),
    sa.UniqueConstraint("invoice_id", "version"),
    sa.CheckConstraint(f"status IN {COPY_STATUSES}", name="status"),
    sa.CheckConstraint("version >= 1", name="version"),
    sa.Index("ix_invoice_copy_company_id", "company_id"),
)
