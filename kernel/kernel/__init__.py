"""Shared plumbing of the Guichet services: settings, database, messaging, auth, errors, health."""
