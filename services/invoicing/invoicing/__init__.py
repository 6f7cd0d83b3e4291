"""guichet-invoicing."""
