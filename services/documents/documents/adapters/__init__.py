"""Documents's adapters: database tables, external clients."""
