"""Alembic environment for organisation's database."""

from kernel.migrations import run_env
from organisation.adapters.orm import metadata

run_env(metadata)
