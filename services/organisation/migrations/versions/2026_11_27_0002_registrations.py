"""Institutions (their registration and the office's decision) and memberships.

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
        "institution",
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
        sa.CheckConstraint("status IN ('pending', 'approved', 'refused')", name="status"),
        sa.CheckConstraint(
            "(status = 'pending') = (decided_at IS NULL AND decided_by IS NULL)", name="decision"
        ),
        sa.CheckConstraint("(status = 'refused') = (refusal_reason IS NOT NULL)", name="reason"),
    )
    op.create_index(
        "uq_institution_gln_active",
        "institution",
        ["gln"],
        unique=True,
        postgresql_where=sa.text("status != 'refused'"),
    )
    op.create_index(
        "ix_institution_status_submitted", "institution", ["status", "submitted_at", "id"]
    )
    op.create_index("ix_institution_submitted", "institution", ["submitted_at", "id"])
    op.create_table(
        "membership",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("institution_id", sa.Uuid, sa.ForeignKey("institution.id"), nullable=False),
        sa.Column("account_id", sa.Uuid, nullable=False, unique=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("first_name", sa.String(100), nullable=False),
        sa.Column("last_name", sa.String(100), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("mobile", sa.String(16), nullable=False),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("role IN ('manager', 'collaborator')", name="role"),
    )
    op.create_index("ix_membership_institution_id", "membership", ["institution_id"])


def downgrade() -> None:
    op.drop_table("membership")
    op.drop_table("institution")
