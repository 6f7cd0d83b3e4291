"""guichet-gateway."""
