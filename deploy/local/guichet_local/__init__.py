"""guichet-local."""
