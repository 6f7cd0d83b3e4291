"""Alembic environment for beneficiary's database."""

from beneficiary.adapters.orm import metadata
from kernel.migrations import run_env

run_env(metadata)
