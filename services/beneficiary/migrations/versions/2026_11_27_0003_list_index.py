"""The list reads one covering index instead of trigram indexes.

An institution holds at most some ten thousand beneficiaries: an index-only scan of its
entries in name order, substring filters evaluated on the index tuples, answers every name and
AVS filter in a few milliseconds. The composite trigram indexes (pg_trgm + btree_gin) did
well for rare substrings of three characters or more but took hundreds of milliseconds for
shorter ones ("a", "mü") and for digit strings (AVS numbers have only 1,000 trigrams), which
the planner could not foresee (services/beneficiary/bench/filters.py).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

LIST_COLUMNS = (
    "avs, last_name, first_name, postcode, locality, birth_date, power_of_attorney_document_id"
)


def upgrade() -> None:
    op.drop_index("ix_beneficiary_company_search_trgm", table_name="beneficiary")
    op.drop_index("ix_beneficiary_company_avs_trgm", table_name="beneficiary")
    op.drop_index("ix_beneficiary_company_name", table_name="beneficiary")
    op.execute(
        "CREATE INDEX ix_beneficiary_list ON beneficiary (company_id, search_name, id) "
        f"INCLUDE ({LIST_COLUMNS}) WHERE archived_at IS NULL"
    )


def downgrade() -> None:
    op.drop_index("ix_beneficiary_list", table_name="beneficiary")
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
