"""guichet-contracts."""
