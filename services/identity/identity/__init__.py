"""guichet-identity."""
