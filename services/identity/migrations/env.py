"""Alembic environment for identity's database."""

from identity.adapters.orm import metadata
from kernel.migrations import run_env

run_env(metadata)
