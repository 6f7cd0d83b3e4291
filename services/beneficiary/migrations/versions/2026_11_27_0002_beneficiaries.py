"""Beneficiaries (scoped to their institution) and the audit log of every read and change.

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
    # Both are trusted extensions: the database owner may create them.
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
    op.create_table(
        "beneficiary",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("company_id", sa.Uuid, nullable=False),
        sa.Column("last_name", sa.String(100), nullable=False),
        sa.Column("first_name", sa.String(100), nullable=False),
        sa.Column("search_name", sa.String(201, collation="C"), nullable=False),
        sa.Column("birth_date", sa.Date, nullable=False),
        sa.Column("street", sa.String(200), nullable=False),
        sa.Column("postcode", sa.String(4), nullable=False),
        sa.Column("locality", sa.String(100), nullable=False),
        sa.Column("avs", sa.String(13), nullable=False),
        sa.Column("representative", JSONB, nullable=True),
        sa.Column("decisions", JSONB, nullable=False),
        sa.Column("bank", JSONB, nullable=True),
        sa.Column("power_of_attorney_document_id", sa.Uuid, nullable=True),
        sa.Column("referenced", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.CheckConstraint("avs ~ '^756[0-9]{10}$'", name="avs"),
    )
    op.create_index(
        "uq_beneficiary_company_avs",
        "beneficiary",
        ["company_id", "avs"],
        unique=True,
        postgresql_where=sa.text("archived_at IS NULL"),
    )
    op.create_index(
        "ix_beneficiary_company_name", "beneficiary", ["company_id", "search_name", "id"]
    )
    op.execute(
        "CREATE INDEX ix_beneficiary_company_search_trgm ON beneficiary "
        "USING gin (company_id, search_name gin_trgm_ops)"
    )
    op.execute(
        "CREATE INDEX ix_beneficiary_company_avs_trgm ON beneficiary "
        "USING gin (company_id, avs gin_trgm_ops)"
    )
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("company_id", sa.Uuid, nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("beneficiary_id", sa.Uuid, nullable=True),
        sa.Column("correlation_id", sa.String(100), nullable=True),
        sa.Column("detail", sa.String(200), nullable=True),
    )
    op.create_index("ix_audit_entry_company_at", "audit_entry", ["company_id", "at"])
    op.create_index("ix_audit_entry_beneficiary_at", "audit_entry", ["beneficiary_id", "at"])


def downgrade() -> None:
    op.drop_table("audit_entry")
    op.drop_table("beneficiary")
