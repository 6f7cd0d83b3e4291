"""Alembic environment for invoicing's database."""

from invoicing.adapters.orm import metadata
from kernel.migrations import run_env

run_env(metadata)
