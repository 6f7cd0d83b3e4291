"""Company bank accounts (archived, never deleted).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bank_account",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("institution_id", sa.Uuid, sa.ForeignKey("institution.id"), nullable=False),
        sa.Column("iban", sa.String(21), nullable=False),
        sa.Column("holder", sa.String(200), nullable=False),
        sa.Column("label", sa.String(100), nullable=False),
        sa.Column("nif", sa.String(20), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index(
        "uq_bank_account_iban_live",
        "bank_account",
        ["institution_id", "iban"],
        unique=True,
        postgresql_where=sa.text("archived_at IS NULL"),
    )
    op.create_index("ix_bank_account_institution", "bank_account", ["institution_id", "created_at"])


def downgrade() -> None:
    op.drop_table("bank_account")
