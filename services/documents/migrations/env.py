"""Alembic environment for documents's database."""

from documents.adapters.orm import metadata
from kernel.migrations import run_env

run_env(metadata)
