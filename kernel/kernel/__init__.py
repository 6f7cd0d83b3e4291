"""guichet-kernel."""
