"""guichet-documents."""
