"""Invoicing's tables (its database only)."""

from kernel.db import make_metadata

metadata = make_metadata()
