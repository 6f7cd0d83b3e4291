"""Identity's adapters: database tables, signing keys, external clients."""
