"""guichet-beneficiary."""
