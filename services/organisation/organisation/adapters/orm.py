"""Organisation's tables (its database only)."""

import sqlalchemy as sa

from kernel.db import make_metadata

metadata = make_metadata()

STATUSES = ("pending", "approved", "refused")
ROLES = ("manager", "collaborator")

institution = sa.Table(
    "institution",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("gln", sa.String(13), nullable=False),
    sa.Column("uid", sa.String(15), nullable=True),
    sa.Column("street", sa.String(200), nullable=False),
    sa.Column("postcode", sa.String(4), nullable=False),
    sa.Column("locality", sa.String(100), nullable=False),
    sa.Column("phone", sa.String(16), nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("decided_by", sa.String(200), nullable=True),
    sa.Column("refusal_reason", sa.String(2000), nullable=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.CheckConstraint(f"status IN {STATUSES}", name="status"),
    # A decision is complete or absent; only a refusal carries a reason.
    sa.CheckConstraint(
        "(status = 'pending') = (decided_at IS NULL AND decided_by IS NULL)", name="decision"
    ),
    sa.CheckConstraint("(status = 'refused') = (refusal_reason IS NOT NULL)", name="reason"),
)

# One active institution per GLN; a refused registration frees its GLN for a new attempt.
sa.Index(
    "uq_institution_gln_active",
    institution.c.gln,
    unique=True,
    postgresql_where=institution.c.status != "refused",
)
# The office's review list: by status, oldest first, keyset-paginated.
sa.Index(
    "ix_institution_status_submitted",
    institution.c.status,
    institution.c.submitted_at,
    institution.c.id,
)
sa.Index("ix_institution_submitted", institution.c.submitted_at, institution.c.id)

membership = sa.Table(
    "membership",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column(
        "institution_id", sa.Uuid, sa.ForeignKey("institution.id"), nullable=False, index=True
    ),
    # An account belongs to one institution.
    sa.Column("account_id", sa.Uuid, nullable=False, unique=True),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("first_name", sa.String(100), nullable=False),
    sa.Column("last_name", sa.String(100), nullable=False),
    sa.Column("email", sa.String(254), nullable=False),
    sa.Column("mobile", sa.String(16), nullable=False),
    sa.Column("language", sa.String(2), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint(f"role IN {ROLES}", name="role"),
)

# An account an invoice named (``referenced``) is archived rather than erased on removal; one
# live account per IBAN within an institution.
bank_account = sa.Table(
    "bank_account",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("institution_id", sa.Uuid, sa.ForeignKey("institution.id"), nullable=False),
    sa.Column("iban", sa.String(21), nullable=False),
    sa.Column("holder", sa.String(200), nullable=False),
    sa.Column("label", sa.String(100), nullable=False),
    sa.Column("nif", sa.String(20), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
    # Set by invoicing's events (InvoiceSubmitted.bank_account_id).
    sa.Column("referenced", sa.Boolean, nullable=False, server_default=sa.false()),
)
sa.Index(
    "uq_bank_account_iban_live",
    bank_account.c.institution_id,
    bank_account.c.iban,
    unique=True,
    postgresql_where=bank_account.c.archived_at.is_(None),
)
sa.Index("ix_bank_account_institution", bank_account.c.institution_id, bank_account.c.created_at)
