"""Beneficiary's adapters: database tables, external clients."""
