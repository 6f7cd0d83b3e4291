"""Notification's adapters: database tables, external clients."""
