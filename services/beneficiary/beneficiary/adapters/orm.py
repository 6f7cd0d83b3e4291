"""Beneficiary's tables (its database only)."""

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

from kernel.db import make_metadata

metadata = make_metadata()

beneficiary = sa.Table(
    "beneficiary",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    # The owning institution: every query filters on it.
    sa.Column("company_id", sa.Uuid, nullable=False),
    sa.Column("last_name", sa.String(100), nullable=False),
    sa.Column("first_name", sa.String(100), nullable=False),
    # "last first" without case or accents: the name filter's haystack and the sort key.
    sa.Column("search_name", sa.String(201, collation="C"), nullable=False),
    sa.Column("birth_date", sa.Date, nullable=False),
    sa.Column("street", sa.String(200), nullable=False),
    sa.Column("postcode", sa.String(4), nullable=False),
    sa.Column("locality", sa.String(100), nullable=False),
    # 13 digits, compact.
    sa.Column("avs", sa.String(13), nullable=False),
    sa.Column("representative", JSONB, nullable=True),
    sa.Column("decisions", JSONB, nullable=False),
    sa.Column("bank", JSONB, nullable=True),
    sa.Column("power_of_attorney_document_id", sa.Uuid, nullable=True),
    # Set by invoicing's events: a referenced beneficiary is archived instead of erased.
    sa.Column("referenced", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.CheckConstraint("avs ~ '^756[0-9]{10}$'", name="avs"),
)

# One active beneficiary per AVS number within an institution.
sa.Index(
    "uq_beneficiary_company_avs",
    beneficiary.c.company_id,
    beneficiary.c.avs,
    unique=True,
    postgresql_where=beneficiary.c.archived_at.is_(None),
)
# The list: one institution's active beneficiaries in name order, keyset-paginated. The
# covering columns let the name and AVS filters run on the index alone (migration 0003).
sa.Index(
    "ix_beneficiary_list",
    beneficiary.c.company_id,
    beneficiary.c.search_name,
    beneficiary.c.id,
    postgresql_include=[
        "avs",
        "last_name",
        "first_name",
        "postcode",
        "locality",
        "birth_date",
        "power_of_attorney_document_id",
    ],
    postgresql_where=beneficiary.c.archived_at.is_(None),
)

audit_entry = sa.Table(
    "audit_entry",
    metadata,
    sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    # The principal's subject (account id) and institution.
    sa.Column("subject", sa.String(200), nullable=False),
    sa.Column("company_id", sa.Uuid, nullable=False),
    sa.Column("action", sa.String(20), nullable=False),
    # None for a list read.
    sa.Column("beneficiary_id", sa.Uuid, nullable=True),
    sa.Column("correlation_id", sa.String(100), nullable=True),
    sa.Column("detail", sa.String(200), nullable=True),
)
sa.Index("ix_audit_entry_company_at", audit_entry.c.company_id, audit_entry.c.at)
sa.Index("ix_audit_entry_beneficiary_at", audit_entry.c.beneficiary_id, audit_entry.c.at)
