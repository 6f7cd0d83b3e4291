"""Invoicing's tables (its database only).

``invoice`` holds what the counter lists and filters (one row per invoice, the current
version's header and a snapshot of the beneficiary's names and AVS number); every version's
full content is kept in ``invoice_version``; every status change in ``invoice_event``.
"""

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

from kernel.db import make_metadata

metadata = make_metadata()

# F-<year>-<number>: the number comes from one sequence for every institution and year.
reference_sequence = sa.Sequence("invoice_reference_seq", metadata=metadata)

invoice = sa.Table(
    "invoice",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    # The sending institution: every institution query filters on it.
    sa.Column("institution_id", sa.Uuid, nullable=False),
    sa.Column("reference", sa.String(20), nullable=False, unique=True),
    sa.Column("form", sa.String(12), nullable=False),
    sa.Column("status", sa.String(24), nullable=False),
    # Grows at every status change (optimistic concurrency of decisions and corrections).
    sa.Column("revision", sa.Integer, nullable=False),
    # The current content version (invoice_version).
    sa.Column("version", sa.Integer, nullable=False),
    # Monthly forms: one invoice per decision number and month (uq_invoice_month).
    sa.Column("monthly", sa.Boolean, nullable=False),
    sa.Column("beneficiary_id", sa.Uuid, nullable=False),
    sa.Column("beneficiary_last_name", sa.String(100), nullable=False),
    sa.Column("beneficiary_first_name", sa.String(100), nullable=False),
    # "last first" and "first last" without case or accents: the beneficiary filter matches
    # a prefix of either (so of the last or the first name).
    sa.Column("beneficiary_name_key", sa.String(201, collation="C"), nullable=False),
    sa.Column("beneficiary_name_key_reversed", sa.String(201, collation="C"), nullable=False),
    # 13 digits, compact.
    sa.Column("beneficiary_avs", sa.String(13, collation="C"), nullable=False),
    sa.Column("bank_account_id", sa.Uuid, nullable=True),
    # 14 digits, compact.
    sa.Column("decision_number", sa.String(14), nullable=False),
    sa.Column("invoice_date", sa.Date, nullable=False),
    sa.Column("period_start", sa.Date, nullable=True),
    sa.Column("period_end", sa.Date, nullable=True),
    sa.Column("total", sa.Numeric(12, 2), nullable=False),
    # The account that first sent it, and its name as the counter shows it ("Jean D.").
    sa.Column("submitted_by", sa.Uuid, nullable=False),
    sa.Column("submitted_by_name", sa.String(120), nullable=False),
    sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

# The counter's lists: newest first within one institution, keyset-paginated on (time, id).
# History without filter, and with a status filter; "to correct" by last change.
sa.Index("ix_invoice_history", invoice.c.institution_id, invoice.c.submitted_at, invoice.c.id)
sa.Index(
    "ix_invoice_status_history",
    invoice.c.institution_id,
    invoice.c.status,
    invoice.c.submitted_at,
    invoice.c.id,
)
sa.Index(
    "ix_invoice_status_updated",
    invoice.c.institution_id,
    invoice.c.status,
    invoice.c.updated_at,
    invoice.c.id,
)
# "Responsable" filter.
sa.Index(
    "ix_invoice_submitter",
    invoice.c.institution_id,
    invoice.c.submitted_by,
    invoice.c.submitted_at,
    invoice.c.id,
)
# "Bénéficiaire" filter: prefix ranges of the name keys and the AVS number (C collation).
sa.Index("ix_invoice_name", invoice.c.institution_id, invoice.c.beneficiary_name_key)
sa.Index(
    "ix_invoice_name_reversed", invoice.c.institution_id, invoice.c.beneficiary_name_key_reversed
)
sa.Index("ix_invoice_avs", invoice.c.institution_id, invoice.c.beneficiary_avs)
# The office's queue: oldest first within a status.
sa.Index("ix_invoice_queue", invoice.c.status, invoice.c.updated_at, invoice.c.id)
# One invoice per decision number and month for monthly forms; a refused one frees the month.
sa.Index(
    "uq_invoice_month",
    invoice.c.institution_id,
    invoice.c.decision_number,
    invoice.c.period_start,
    unique=True,
    postgresql_where=sa.and_(invoice.c.monthly, invoice.c.status != "refused"),
)

invoice_version = sa.Table(
    "invoice_version",
    metadata,
    sa.Column("invoice_id", sa.Uuid, sa.ForeignKey("invoice.id"), primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True),
    # The whole version as sent: header, content, snapshots of the submitter, institution,
    # beneficiary and payee, computed lines (per language), total and warnings.
    sa.Column("content", JSONB, nullable=False),
    sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
)

invoice_event = sa.Table(
    "invoice_event",
    metadata,
    sa.Column("invoice_id", sa.Uuid, sa.ForeignKey("invoice.id"), primary_key=True),
    # One entry per revision: two concurrent changes cannot both write the same one.
    sa.Column("revision", sa.Integer, primary_key=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("status", sa.String(24), nullable=False),
    sa.Column("by_kind", sa.String(12), nullable=False),
    sa.Column("by_id", sa.String(200), nullable=False),
    sa.Column("by_name", sa.String(200), nullable=False),
    sa.Column("message", sa.Text, nullable=False),
)

# The people who have sent invoices in an institution (the "Responsable" filter's choices).
invoice_submitter = sa.Table(
    "invoice_submitter",
    metadata,
    sa.Column("institution_id", sa.Uuid, primary_key=True),
    sa.Column("account_id", sa.Uuid, primary_key=True),
    sa.Column("name", sa.String(120), nullable=False),
    # When this name was recorded (the row changes only when the person's name does).
    sa.Column("named_at", sa.DateTime(timezone=True), nullable=False),
)

# Idempotency-Key of sendings and corrections, kept 24 hours: the key row is written in the
# same transaction as the invoice, so that of two concurrent requests exactly one creates it.
idempotency_key = sa.Table(
    "idempotency_key",
    metadata,
    sa.Column("institution_id", sa.Uuid, primary_key=True),
    sa.Column("key", sa.String(200), primary_key=True),
    # SHA-256 of the operation and its canonical body.
    sa.Column("request_hash", sa.String(64), nullable=False),
    # The invoice the first request created or changed: the replay answers it.
    sa.Column("invoice_id", sa.Uuid, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)
# Expired keys are purged oldest first, a few at each claim.
sa.Index("ix_idempotency_key_created_at", idempotency_key.c.created_at)

audit_entry = sa.Table(
    "audit_entry",
    metadata,
    sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    # The principal's subject: an account id, or an office client.
    sa.Column("subject", sa.String(200), nullable=False),
    sa.Column("institution_id", sa.Uuid, nullable=False),
    sa.Column("action", sa.String(30), nullable=False),
    # None for a list read.
    sa.Column("invoice_id", sa.Uuid, nullable=True),
    sa.Column("correlation_id", sa.String(100), nullable=True),
    sa.Column("detail", sa.String(200), nullable=True),
)
sa.Index("ix_audit_entry_institution_at", audit_entry.c.institution_id, audit_entry.c.at)
sa.Index("ix_audit_entry_invoice_at", audit_entry.c.invoice_id, audit_entry.c.at)
