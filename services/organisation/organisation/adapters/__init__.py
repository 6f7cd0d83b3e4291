"""Organisation's adapters: database tables, external clients."""
