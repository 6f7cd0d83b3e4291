"""Identity's tables (its database only)."""

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from kernel.db import make_metadata

metadata = make_metadata()

Timestamp = sa.DateTime(timezone=True)

probe_table = sa.Table(
    "probe",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("label", sa.String(200), nullable=False),
    sa.Column("created_at", Timestamp, nullable=False),
)

account_table = sa.Table(
    "account",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("email", sa.String(254), nullable=False),
    # Lower-cased e-mail: lookups and uniqueness are case-insensitive.
    sa.Column("email_key", sa.String(254), nullable=False),
    sa.Column("password_hash", sa.String(255), nullable=True),
    sa.Column("mobile", sa.String(16), nullable=False),
    sa.Column("language", sa.String(2), nullable=False),
    sa.Column("first_name", sa.String(100), nullable=False),
    sa.Column("last_name", sa.String(100), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("company_id", sa.Uuid, nullable=True),
    sa.Column("role", sa.String(16), nullable=True),
    sa.Column("created_at", Timestamp, nullable=False),
    sa.Column("updated_at", Timestamp, nullable=False),
    sa.CheckConstraint("status IN ('pending', 'active', 'refused', 'disabled')", name="status"),
    sa.CheckConstraint("role IS NULL OR role IN ('manager', 'collaborator')", name="role"),
    sa.CheckConstraint("email_key = lower(email_key)", name="email_key_lower"),
)
# A refused registration frees its e-mail address for a new one.
sa.Index(
    "uq_account_email_key_live",
    account_table.c.email_key,
    unique=True,
    postgresql_where=account_table.c.status != "refused",
)
sa.Index("ix_account_company_id", account_table.c.company_id)

login_throttle_table = sa.Table(
    "login_throttle",
    metadata,
    # SHA-256 of the normalised e-mail, known account or not.
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("failures", postgresql.ARRAY(Timestamp), nullable=False, server_default="{}"),
    sa.Column("locked_until", Timestamp, nullable=True),
    sa.Column("updated_at", Timestamp, nullable=False, server_default=sa.func.now()),
)

login_challenge_table = sa.Table(
    "login_challenge",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("account_id", sa.Uuid, sa.ForeignKey("account.id"), nullable=False, index=True),
    sa.Column("code_digest", sa.String(64), nullable=False),
    sa.Column("created_at", Timestamp, nullable=False),
    sa.Column("sent_at", Timestamp, nullable=False),
    sa.Column("expires_at", Timestamp, nullable=False),
    sa.Column("sends", sa.Integer, nullable=False),
    sa.Column("wrong_codes", sa.Integer, nullable=False),
    sa.Column("status", sa.String(8), nullable=False),
    sa.CheckConstraint("status IN ('open', 'used', 'void')", name="status"),
)

login_code_send_table = sa.Table(
    "login_code_send",
    metadata,
    sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
    sa.Column("account_id", sa.Uuid, sa.ForeignKey("account.id"), nullable=False),
    sa.Column("challenge_id", sa.Uuid, sa.ForeignKey("login_challenge.id"), nullable=False),
    sa.Column("sent_at", Timestamp, nullable=False),
)
sa.Index(
    "ix_login_code_send_account_sent",
    login_code_send_table.c.account_id,
    login_code_send_table.c.sent_at,
)

session_family_table = sa.Table(
    "session_family",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("account_id", sa.Uuid, sa.ForeignKey("account.id"), nullable=False, index=True),
    sa.Column("created_at", Timestamp, nullable=False),
    sa.Column("absolute_expires_at", Timestamp, nullable=False),
    sa.Column("revoked_at", Timestamp, nullable=True),
    sa.Column("revoked_reason", sa.String(32), nullable=True),
)

refresh_token_table = sa.Table(
    "refresh_token",
    metadata,
    sa.Column("digest", sa.String(64), primary_key=True),
    sa.Column("family_id", sa.Uuid, sa.ForeignKey("session_family.id"), nullable=False, index=True),
    sa.Column("issued_at", Timestamp, nullable=False),
    sa.Column("idle_expires_at", Timestamp, nullable=False),
    sa.Column("rotated_at", Timestamp, nullable=True),
)

one_time_token_table = sa.Table(
    "one_time_token",
    metadata,
    sa.Column("digest", sa.String(64), primary_key=True),
    sa.Column("account_id", sa.Uuid, sa.ForeignKey("account.id"), nullable=False),
    sa.Column("purpose", sa.String(16), nullable=False),
    sa.Column("created_at", Timestamp, nullable=False),
    sa.Column("expires_at", Timestamp, nullable=False),
    sa.Column("used_at", Timestamp, nullable=True),
    sa.Column("voided_at", Timestamp, nullable=True),
    sa.CheckConstraint("purpose IN ('reset', 'invitation')", name="purpose"),
)
sa.Index(
    "ix_one_time_token_account_purpose",
    one_time_token_table.c.account_id,
    one_time_token_table.c.purpose,
)

oauth_client_table = sa.Table(
    "oauth_client",
    metadata,
    sa.Column("client_id", sa.String(100), primary_key=True),
    # "sha256:<hex>" for generated secrets, or an argon2id hash for human-chosen ones.
    sa.Column("secret_hash", sa.String(255), nullable=False),
    sa.Column("scopes", sa.String(1000), nullable=False),
    sa.Column("updated_at", Timestamp, nullable=False, server_default=sa.func.now()),
)

# Local mode only: an offset added to identity's clock so tests can jump over a lockout or an
# expiry. One row; read by the API and the worker. Production never reads it.
dev_clock_table = sa.Table(
    "dev_clock",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("offset_seconds", sa.BigInteger, nullable=False),
    sa.Column("updated_at", Timestamp, nullable=False, server_default=sa.func.now()),
    sa.CheckConstraint("id = 1", name="single_row"),
)
