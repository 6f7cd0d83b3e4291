"""Invoicing's adapters: database tables, external clients."""
