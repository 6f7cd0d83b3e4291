"""guichet-organisation."""
