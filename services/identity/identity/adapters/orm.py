"""Identity's tables (its database only)."""

import sqlalchemy as sa

from kernel.db import make_metadata

metadata = make_metadata()

probe_table = sa.Table(
    "probe",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("label", sa.String(200), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)
