"""Alembic environment for notification's database."""

from kernel.migrations import run_env
from notification.adapters.orm import metadata

run_env(metadata)
