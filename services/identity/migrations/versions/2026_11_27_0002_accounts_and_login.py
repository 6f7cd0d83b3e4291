"""Accounts, login throttles and challenges, sessions, one-time tokens, OAuth clients and the
local-mode clock offset.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

Timestamp = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "account",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("email", sa.String(254), nullable=False),
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
    op.create_index(
        "uq_account_email_key_live",
        "account",
        ["email_key"],
        unique=True,
        postgresql_where=sa.text("status != 'refused'"),
    )
    op.create_index("ix_account_company_id", "account", ["company_id"])

    op.create_table(
        "login_throttle",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("failures", postgresql.ARRAY(Timestamp), nullable=False, server_default="{}"),
        sa.Column("locked_until", Timestamp, nullable=True),
        sa.Column("updated_at", Timestamp, nullable=False, server_default=sa.func.now()),
    )

    op.create_table(
        "login_challenge",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("account_id", sa.Uuid, sa.ForeignKey("account.id"), nullable=False),
        sa.Column("code_digest", sa.String(64), nullable=False),
        sa.Column("created_at", Timestamp, nullable=False),
        sa.Column("sent_at", Timestamp, nullable=False),
        sa.Column("expires_at", Timestamp, nullable=False),
        sa.Column("sends", sa.Integer, nullable=False),
        sa.Column("wrong_codes", sa.Integer, nullable=False),
        sa.Column("status", sa.String(8), nullable=False),
        sa.CheckConstraint("status IN ('open', 'used', 'void')", name="status"),
    )
    op.create_index("ix_login_challenge_account_id", "login_challenge", ["account_id"])

    op.create_table(
        "login_code_send",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("account_id", sa.Uuid, sa.ForeignKey("account.id"), nullable=False),
        sa.Column("challenge_id", sa.Uuid, sa.ForeignKey("login_challenge.id"), nullable=False),
        sa.Column("sent_at", Timestamp, nullable=False),
    )
    op.create_index("ix_login_code_send_account_sent", "login_code_send", ["account_id", "sent_at"])

    op.create_table(
        "session_family",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("account_id", sa.Uuid, sa.ForeignKey("account.id"), nullable=False),
        sa.Column("created_at", Timestamp, nullable=False),
        sa.Column("absolute_expires_at", Timestamp, nullable=False),
        sa.Column("revoked_at", Timestamp, nullable=True),
        sa.Column("revoked_reason", sa.String(32), nullable=True),
    )
    op.create_index("ix_session_family_account_id", "session_family", ["account_id"])

    op.create_table(
        "refresh_token",
        sa.Column("digest", sa.String(64), primary_key=True),
        sa.Column("family_id", sa.Uuid, sa.ForeignKey("session_family.id"), nullable=False),
        sa.Column("issued_at", Timestamp, nullable=False),
        sa.Column("idle_expires_at", Timestamp, nullable=False),
        sa.Column("rotated_at", Timestamp, nullable=True),
    )
    op.create_index("ix_refresh_token_family_id", "refresh_token", ["family_id"])

    op.create_table(
        "one_time_token",
        sa.Column("digest", sa.String(64), primary_key=True),
        sa.Column("account_id", sa.Uuid, sa.ForeignKey("account.id"), nullable=False),
        sa.Column("purpose", sa.String(16), nullable=False),
        sa.Column("created_at", Timestamp, nullable=False),
        sa.Column("expires_at", Timestamp, nullable=False),
        sa.Column("used_at", Timestamp, nullable=True),
        sa.Column("voided_at", Timestamp, nullable=True),
        sa.CheckConstraint("purpose IN ('reset', 'invitation')", name="purpose"),
    )
    op.create_index(
        "ix_one_time_token_account_purpose", "one_time_token", ["account_id", "purpose"]
    )

    op.create_table(
        "oauth_client",
        sa.Column("client_id", sa.String(100), primary_key=True),
        sa.Column("secret_hash", sa.String(255), nullable=False),
        sa.Column("scopes", sa.String(1000), nullable=False),
        sa.Column("updated_at", Timestamp, nullable=False, server_default=sa.func.now()),
    )

    op.create_table(
        "dev_clock",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("offset_seconds", sa.BigInteger, nullable=False),
        sa.Column("updated_at", Timestamp, nullable=False, server_default=sa.func.now()),
        sa.CheckConstraint("id = 1", name="single_row"),
    )


def downgrade() -> None:
    for table in (
        "dev_clock",
        "oauth_client",
        "one_time_token",
        "refresh_token",
        "session_family",
        "login_code_send",
        "login_challenge",
        "login_throttle",
        "account",
    ):
        op.drop_table(table)
